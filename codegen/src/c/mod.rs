//! The C reader: a small, panic-free parser for C `enum` declarations.
//!
//! It understands enough of C and its preprocessor to pull enum definitions
//! out of both the `## -syntax` block of a reference page and whole Windows
//! SDK / DDK header files: comments are stripped, `#if`-style conditions are
//! recorded (never evaluated; every branch is kept), `#define`s are collected
//! so initializers can refer to them, and initializers are evaluated as
//! integer constant expressions with checked `i128` arithmetic.
//!
//! # The seams
//!
//! Source text goes through one file per step:
//!
//! - [`lexer`]: text → tokens, each tagged with the preprocessor condition in force, and the
//!   `#define`s found (directives are read, never executed);
//! - [`condition`]: how `#if` / `#elif` / `#else` groups and include guards become a
//!   condition's text (`A && !(B)`);
//! - [`enums`]: finds the `enum ... { ... }` definitions among the tokens and reads their tags,
//!   typedef names and enumerators; [`parse_enums`] is the entry point;
//! - [`defines`]: the names an initializer can use: [`Defines`] (`#define`s and enumerators
//!   from elsewhere) and the parser's scope;
//! - [`expand`]: macro expansion of an initializer, like the C preprocessor (hide sets,
//!   argument substitution, `##` pasting);
//! - [`eval`]: the expanded initializer evaluated as a constant expression (operators, casts,
//!   integer and character literals).
//!
//! [`written`] stands apart: values as pages write them in field headings (`0x4`, `TRUE`, the
//! name of another enumerator). `tests` holds the helpers the other files' tests share and the
//! tests of the reader as a whole.
//!
//! # Limits
//!
//! Header trees are large and pages are often truncated or malformed, so work is linear in the
//! input size and every recursion is depth-limited by the constants below: truncated or random
//! input yields partial results (or an enumerator whose value is an `Err` saying why) rather
//! than a panic, a stack overflow or a hang.

mod condition;
mod defines;
mod enums;
mod eval;
mod expand;
mod lexer;
pub mod written;

#[cfg(test)]
mod tests;

pub use defines::Defines;
pub use enums::{CEnum, CEnumerator, parse_enums};

/// Value of an enumerator: the integer, or why it could not be computed.
pub type Value = Result<i128, String>;

// The limits, by the step they bound. Each keeps one step linear (or its recursion shallow) on
// input built to defeat it; `tests::large_pathological_inputs_are_linear` and
// `eval::tests::deep_nesting_is_bounded` hold them to it.

// eval: the evaluator recurses once per nesting level, so deep nesting would overflow the stack.
/// Maximum nesting of sub-expressions (parentheses, unary operators)
/// while evaluating one initializer.
const MAX_EXPR_DEPTH: usize = 64;
// expand: macros can grow exponentially (`#define A B B`, `#define B C C`, ...), and a token's
// hide set is searched on every expansion.
/// Maximum number of nested macro expansions while evaluating one initializer.
const MAX_MACRO_DEPTH: usize = 32;
/// Maximum number of macro expansions for one initializer.
const MAX_EXPANSIONS: usize = 1024;
/// Maximum length, in tokens, of a macro-expanded initializer.
const MAX_EXPANDED_TOKENS: usize = 4096;
// lexer and condition: the condition is rebuilt whenever a directive changes it, so its cost
// must not grow with the nesting or with the length of the `#if` lines.
/// Only this many outermost `#if` levels contribute to a condition.
const MAX_PP_DEPTH: usize = 64;
/// Conditions longer than about this many bytes are cut short with `...`.
const MAX_CONDITION_LEN: usize = 1024;
// enums: the tokens around each `enum` keyword are scanned, so `enum X enum X ...` must not
// scan to the end of the input each time.
/// How many tokens before `enum` are searched for `typedef`.
const TYPEDEF_LOOKBACK: usize = 32;
/// Most tokens accepted between `enum` and `{`, or between `}` and `;`.
const MAX_DECL_TOKENS: usize = 64;
