//! A small, panic-free parser for C `enum` declarations.
//!
//! It understands enough of C and its preprocessor to pull enum definitions
//! out of both the `## -syntax` block of a reference page and whole Windows
//! SDK / DDK header files: comments are stripped, `#if`-style conditions are
//! recorded (never evaluated; every branch is kept), `#define`s are collected
//! so initializers can refer to them, and initializers are evaluated as
//! integer constant expressions with checked `i128` arithmetic.
//!
//! Work is linear in the input size and every recursion is depth-limited, so
//! truncated or random input yields partial results rather than a panic.

pub mod written;

use std::borrow::Cow;
use std::collections::HashMap;
use std::iter::Peekable;
use std::rc::Rc;
use std::str::Chars;

/// Maximum nesting of sub-expressions (parentheses, unary operators)
/// while evaluating one initializer.
const MAX_EXPR_DEPTH: usize = 64;
/// Maximum number of nested macro expansions while evaluating one initializer.
const MAX_MACRO_DEPTH: usize = 32;
/// Maximum number of macro expansions for one initializer.
const MAX_EXPANSIONS: usize = 1024;
/// Maximum length, in tokens, of a macro-expanded initializer.
const MAX_EXPANDED_TOKENS: usize = 4096;
/// How many tokens before `enum` are searched for `typedef`.
const TYPEDEF_LOOKBACK: usize = 32;
/// Only this many outermost `#if` levels contribute to a condition.
const MAX_PP_DEPTH: usize = 64;
/// Conditions longer than about this many bytes are cut short with `...`.
const MAX_CONDITION_LEN: usize = 1024;
/// Most tokens accepted between `enum` and `{`, or between `}` and `;`.
const MAX_DECL_TOKENS: usize = 64;
/// C keywords that can only be part of a type name (used to recognize casts).
const TYPE_KEYWORDS: [&str; 14] = [
    "int", "long", "short", "char", "signed", "unsigned", "const", "volatile", "__int8", "__int16",
    "__int32", "__int64", "_Bool", "bool",
];

/// Value of an enumerator: the integer, or why it could not be computed.
pub type Value = Result<i128, String>;

/// One C enum definition (`enum [TAG] { ... }`) found in source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CEnum {
    /// The tag after `enum`, e.g. `_POOL_TYPE`; `None` for anonymous enums.
    pub tag: Option<String>,
    /// Non-pointer names declared by an enclosing `typedef`, e.g. `POOL_TYPE`
    /// from `} POOL_TYPE, *PPOOL_TYPE;`.
    pub typedef_names: Vec<String>,
    /// The enumerators in source order; a name repeated in another
    /// preprocessor branch is kept only once (its first occurrence).
    pub enumerators: Vec<CEnumerator>,
    /// 1-based line of the `enum` keyword.
    pub line: usize,
}

/// One enumerator of a [`CEnum`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CEnumerator {
    /// The enumerator's identifier.
    pub name: String,
    /// Its value, or the reason it could not be evaluated.
    pub value: Value,
    /// The initializer as written (whitespace-normalized), if any.
    pub expr: Option<String>,
    /// The preprocessor condition in force, e.g. `NTDDI_VERSION >= NTDDI_WIN7`;
    /// nested conditions are joined with ` && `, `#else` branches negated.
    pub condition: Option<String>,
    /// 1-based line of the enumerator's name.
    pub line: usize,
}

/// A table of `#define`d macros used to evaluate enumerator initializers.
///
/// The first definition of a name wins, so collect headers in a
/// deterministic order.
#[derive(Debug, Clone, Default)]
pub struct Defines {
    macros: HashMap<String, Macro>,
    /// Enumerators defined elsewhere (other headers or pages).
    enumerators: HashMap<String, i128>,
}

impl Defines {
    /// Adds every `#define` found in `src` (in every preprocessor branch);
    /// names that are already present keep their earlier definition.
    pub fn collect(&mut self, src: &str) {
        let lexed = lex(src, Mode::DirectivesOnly);
        for (name, def) in lexed.macros {
            self.macros.entry(name).or_insert(def);
        }
    }

    /// Makes the resolved enumerators of `enums` (defined in another header
    /// or page) usable in initializers; names already present keep their
    /// first value. Enumerators of the source being parsed take precedence.
    pub fn add_enumerators(&mut self, enums: &[CEnum]) {
        for item in enums.iter().flat_map(|e| &e.enumerators) {
            if let Ok(value) = item.value {
                self.enumerators.entry(item.name.clone()).or_insert(value);
            }
        }
    }

    /// Makes one enumerator value usable in initializers (a name already present keeps its value).
    pub fn add_value(&mut self, name: &str, value: i128) {
        self.enumerators.entry(name.to_string()).or_insert(value);
    }

    fn get(&self, name: &str) -> Option<&Macro> {
        self.macros.get(name)
    }
}

/// Parses every enum definition in `src`.
///
/// Identifiers in initializers are resolved against enumerators defined
/// earlier in `src`, then `defines`, then `#define`s found in `src` itself.
pub fn parse_enums(src: &str, defines: &Defines) -> Vec<CEnum> {
    let lexed = lex(src, Mode::File);
    let mut local = Defines::default();
    for (name, def) in lexed.macros {
        local.macros.entry(name).or_insert(def);
    }
    let mut parser = EnumParser {
        toks: &lexed.tokens,
        conditions: &lexed.conditions,
        scope: Scope {
            values: HashMap::new(),
            defines,
            local: &local,
        },
    };
    parser.run()
}

// ---------------------------------------------------------------------------
// Lexer and preprocessor-condition tracking
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
struct Macro {
    /// `Some` for function-like macros.
    params: Option<Vec<String>>,
    body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ident,
    Number,
    Char,
    Str,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    /// Byte offset in the lexed text (used to preserve spacing).
    start: usize,
    line: usize,
    /// Index into [`Lexed::conditions`].
    cond: usize,
}

impl Token<'_> {
    fn is(&self, punct: &str) -> bool {
        self.kind == Kind::Punct && self.text == punct
    }

    fn is_ident(&self, word: &str) -> bool {
        self.kind == Kind::Ident && self.text == word
    }

    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A source file: directives are processed and tokens kept.
    File,
    /// Only collect `#define`s.
    DirectivesOnly,
    /// A macro body or expression: `#` is an ordinary token.
    Fragment,
}

struct Lexed<'a> {
    tokens: Vec<Token<'a>>,
    conditions: Vec<Option<String>>,
    macros: Vec<(String, Macro)>,
}

/// One `#if ... #endif` group.
struct Frame {
    /// Conditions of the `#if` and each `#elif` seen so far.
    branches: Vec<String>,
    in_else: bool,
    /// An include guard (`#ifndef X` directly followed by `#define X`).
    guard: bool,
}

/// An `#ifndef NAME` that becomes an include guard if `#define NAME` follows.
struct GuardCandidate {
    depth: usize,
    name: String,
    tokens: usize,
}

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    mode: Mode,
    tokens: Vec<Token<'a>>,
    conditions: Vec<Option<String>>,
    macros: Vec<(String, Macro)>,
    frames: Vec<Frame>,
    guard: Option<GuardCandidate>,
    condition_dirty: bool,
}

fn lex(src: &str, mode: Mode) -> Lexed<'_> {
    let mut lexer = Lexer {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        line: 1,
        mode,
        tokens: Vec::new(),
        conditions: vec![None],
        macros: Vec::new(),
        frames: Vec::new(),
        guard: None,
        condition_dirty: false,
    };
    lexer.run();
    Lexed {
        tokens: lexer.tokens,
        conditions: lexer.conditions,
        macros: lexer.macros,
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

impl<'a> Lexer<'a> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.src.get(start..end).unwrap_or("")
    }

    fn run(&mut self) {
        let mut line_start = self.mode != Mode::Fragment;
        while let Some(c) = self.peek(0) {
            match c {
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    line_start = self.mode != Mode::Fragment;
                }
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => self.pos += 1,
                b'\\' if self.skip_continuation() => {}
                b'/' if self.peek(1) == Some(b'/') => self.skip_line_comment(),
                b'/' if self.peek(1) == Some(b'*') => self.skip_block_comment(),
                b'#' if line_start => {
                    self.pos += 1;
                    let text = self.read_directive();
                    self.directive(&text);
                }
                _ => {
                    line_start = false;
                    self.token(c);
                }
            }
        }
    }

    /// Skips a backslash-newline; returns whether there was one.
    fn skip_continuation(&mut self) -> bool {
        let len = match (self.peek(1), self.peek(2)) {
            (Some(b'\n'), _) => 2,
            (Some(b'\r'), Some(b'\n')) => 3,
            _ => return false,
        };
        self.pos += len;
        self.line += 1;
        true
    }

    /// Skips to (not past) the end of the line.
    fn skip_line_comment(&mut self) {
        while self.peek(0).is_some_and(|b| b != b'\n') {
            self.pos += 1;
        }
    }

    fn skip_block_comment(&mut self) {
        self.pos += 2;
        while let Some(b) = self.peek(0) {
            if b == b'*' && self.peek(1) == Some(b'/') {
                self.pos += 2;
                return;
            }
            if b == b'\n' {
                self.line += 1;
            }
            self.pos += 1;
        }
    }

    /// Skips a string or character literal starting at the opening quote.
    /// Unterminated literals end at the end of the line.
    fn skip_quoted(&mut self) {
        let Some(quote) = self.peek(0) else { return };
        self.pos += 1;
        while let Some(b) = self.peek(0) {
            match b {
                b'\n' => return,
                b'\\' => {
                    self.pos += 1;
                    match self.peek(0) {
                        Some(b'\n') => {
                            self.line += 1;
                            self.pos += 1;
                        }
                        Some(next) if next.is_ascii() => self.pos += 1,
                        _ => {}
                    }
                }
                _ if b == quote => {
                    self.pos += 1;
                    return;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Reads the rest of a directive line (after `#`), joining continuation
    /// lines and replacing comments with a space.
    fn read_directive(&mut self) -> String {
        let mut out = String::new();
        let mut run = self.pos;
        while let Some(c) = self.peek(0) {
            match c {
                b'\n' => break,
                b'\\' | b'/' => {
                    let before = self.pos;
                    let skipped = match (c, self.peek(1)) {
                        (b'\\', _) => self.skip_continuation(),
                        (b'/', Some(b'/')) => {
                            self.skip_line_comment();
                            true
                        }
                        (b'/', Some(b'*')) => {
                            self.skip_block_comment();
                            true
                        }
                        _ => false,
                    };
                    if skipped {
                        out.push_str(self.slice(run, before));
                        out.push(' ');
                        run = self.pos;
                    } else {
                        self.pos += 1;
                    }
                }
                b'"' | b'\'' => self.skip_quoted(),
                _ => self.pos += 1,
            }
        }
        out.push_str(self.slice(run, self.pos));
        out
    }

    fn push(&mut self, kind: Kind, start: usize) {
        if self.mode == Mode::DirectivesOnly {
            return;
        }
        if self.condition_dirty {
            self.condition_dirty = false;
            let condition = self.current_condition();
            if self.conditions.last() != Some(&condition) {
                self.conditions.push(condition);
            }
        }
        self.tokens.push(Token {
            kind,
            text: self.slice(start, self.pos),
            start,
            line: self.line,
            cond: self.conditions.len() - 1,
        });
    }

    fn token(&mut self, c: u8) {
        let start = self.pos;
        if is_ident_byte(c) && !c.is_ascii_digit() {
            while self.peek(0).is_some_and(is_ident_byte) {
                self.pos += 1;
            }
            let prefix = matches!(self.slice(start, self.pos), "L" | "u" | "U" | "u8");
            match self.peek(0) {
                Some(q @ (b'\'' | b'"')) if prefix => {
                    self.skip_quoted();
                    self.push(if q == b'"' { Kind::Str } else { Kind::Char }, start);
                }
                _ => self.push(Kind::Ident, start),
            }
        } else if c.is_ascii_digit()
            || (c == b'.' && self.peek(1).is_some_and(|b| b.is_ascii_digit()))
        {
            while self.peek(0).is_some_and(|b| is_ident_byte(b) || b == b'.') {
                self.pos += 1;
            }
            self.push(Kind::Number, start);
        } else if c == b'"' || c == b'\'' {
            self.skip_quoted();
            self.push(if c == b'"' { Kind::Str } else { Kind::Char }, start);
        } else if c.is_ascii() {
            const PAIRS: [&[u8]; 10] = [
                b"<<", b">>", b"<=", b">=", b"==", b"!=", b"&&", b"||", b"::", b"##",
            ];
            let pair = [c, self.peek(1).unwrap_or(0)];
            self.pos += if PAIRS.contains(&&pair[..]) { 2 } else { 1 };
            self.push(Kind::Punct, start);
        } else {
            // Non-ASCII bytes never start a token.
            self.pos += 1;
        }
    }

    fn directive(&mut self, text: &str) {
        let text = text.trim();
        let name_len = text.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (name, rest) = text.split_at(name_len);
        let rest = rest.trim();
        let guard = self.guard.take();
        match name {
            "if" => self.push_frame(condition_text(rest)),
            "ifdef" => self.push_frame(format!("defined({})", first_ident(rest))),
            "ifndef" => self.push_frame(format!("!defined({})", first_ident(rest))),
            "elif" => self.add_branch(condition_text(rest)),
            "elifdef" => self.add_branch(format!("defined({})", first_ident(rest))),
            "elifndef" => self.add_branch(format!("!defined({})", first_ident(rest))),
            "else" => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.in_else = true;
                }
                self.update_condition();
            }
            "endif" => {
                self.frames.pop();
                self.update_condition();
            }
            "define" => self.define(rest, guard),
            _ => {}
        }
    }

    fn push_frame(&mut self, condition: String) {
        if let Some(name) = guard_name(&condition) {
            self.guard = Some(GuardCandidate {
                depth: self.frames.len() + 1,
                name: name.to_string(),
                tokens: self.tokens.len(),
            });
        }
        self.frames.push(Frame {
            branches: vec![condition],
            in_else: false,
            guard: false,
        });
        self.update_condition();
    }

    fn add_branch(&mut self, condition: String) {
        if let Some(frame) = self.frames.last_mut() {
            frame.branches.push(condition);
        }
        self.update_condition();
    }

    fn define(&mut self, rest: &str, guard: Option<GuardCandidate>) {
        let name = first_ident(rest);
        if name.is_empty() {
            return;
        }
        let is_guard = guard.is_some_and(|g| {
            g.depth == self.frames.len() && g.name == name && g.tokens == self.tokens.len()
        });
        if is_guard {
            if let Some(frame) = self.frames.last_mut() {
                frame.guard = true;
            }
            self.update_condition();
        }
        let after = &rest[name.len()..];
        let (params, body) = match after.strip_prefix('(') {
            Some(list) => match list.split_once(')') {
                Some((params, body)) => (Some(split_params(params)), body),
                None => return,
            },
            None => (None, after),
        };
        let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
        self.macros.push((name.to_string(), Macro { params, body }));
    }

    /// Marks the condition as changed; it is rebuilt before the next token.
    fn update_condition(&mut self) {
        self.condition_dirty = true;
    }

    /// Rebuilds the condition in force from the first
    /// [`MAX_PP_DEPTH`] (outermost) frames, capped at about [`MAX_CONDITION_LEN`] bytes.
    fn current_condition(&self) -> Option<String> {
        let mut parts = Vec::new();
        let mut len = 0;
        let all = self.frames.iter().take(MAX_PP_DEPTH).flat_map(frame_parts);
        for part in all {
            if len > MAX_CONDITION_LEN {
                parts.push("...".to_string());
                break;
            }
            len += part.len();
            parts.push(part);
        }
        (!parts.is_empty()).then(|| join_and(&parts))
    }
}

fn split_params(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn first_ident(text: &str) -> &str {
    let len = text.bytes().take_while(|&b| is_ident_byte(b)).count();
    &text[..len]
}

/// `X` if `condition` is `!defined(X)`, the usual include-guard test.
fn guard_name(condition: &str) -> Option<&str> {
    let rest = condition.strip_prefix("!defined")?.trim();
    let name = strip_outer_parens(rest).unwrap_or(rest).trim();
    (!name.is_empty() && name.bytes().all(is_ident_byte)).then_some(name)
}

/// Normalizes a condition: canonical spacing between tokens (`a >= b`,
/// `defined(X)`, `!(x)`, `-1`), no parentheses around the whole.
fn condition_text(raw: &str) -> String {
    let lexed = lex(raw, Mode::Fragment);
    let mut text = String::new();
    let mut prev: Option<&Token<'_>> = None;
    let mut prev_is_unary = false;
    for t in &lexed.tokens {
        let tight = prev.is_none_or(|p| {
            prev_is_unary
                || p.is("(")
                || p.is("!")
                || p.is("~")
                || t.is(")")
                || t.is(",")
                || (t.is("(") && p.kind == Kind::Ident)
        });
        if !tight {
            text.push(' ');
        }
        text.push_str(t.text);
        prev_is_unary =
            (t.is("-") || t.is("+")) && prev.is_none_or(|p| p.kind == Kind::Punct && !p.is(")"));
        prev = Some(t);
    }
    let mut s = text.as_str();
    while let Some(inner) = strip_outer_parens(s) {
        s = inner.trim();
    }
    if s.is_empty() {
        return "?".to_string();
    }
    let mut end = s.len().min(MAX_CONDITION_LEN);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    match s.get(..end) {
        Some(head) if end < s.len() => format!("{head}..."),
        _ => s.to_string(),
    }
}

/// Returns the inside of `s` if one pair of parentheses encloses all of it.
fn strip_outer_parens(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('(')?.strip_suffix(')')?;
    let mut depth = 0usize;
    for b in inner.bytes() {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    (depth == 0).then_some(inner)
}

/// Whether `s` can be negated with a bare `!` (an identifier, `defined(X)`,
/// a parenthesized condition, or a negation of one of these).
fn is_atomic(s: &str) -> bool {
    let s = s.trim_start_matches('!');
    let plain = |t: &str| !t.is_empty() && t.bytes().all(is_ident_byte);
    plain(s)
        || strip_outer_parens(s).is_some()
        || s.strip_prefix("defined").is_some_and(|rest| {
            let rest = rest.trim();
            plain(rest) || strip_outer_parens(rest).is_some_and(|r| plain(r.trim()))
        })
}

fn negate(condition: &str) -> String {
    match condition.strip_prefix('!') {
        Some(inner) if is_atomic(inner) => inner.to_string(),
        _ if is_atomic(condition) => format!("!{condition}"),
        _ => format!("!({condition})"),
    }
}

/// The conditions a frame contributes: earlier branches negated, then the
/// active branch (none in `#else`).
fn frame_parts(frame: &Frame) -> impl Iterator<Item = String> + '_ {
    let (previous, active) = match frame.branches.split_last() {
        _ if frame.guard => (&[][..], None),
        Some((last, previous)) if !frame.in_else => (previous, Some(last)),
        _ => (&frame.branches[..], None),
    };
    previous.iter().map(|c| negate(c)).chain(active.cloned())
}

fn join_and(parts: &[String]) -> String {
    let wrapped: Vec<String> = parts
        .iter()
        .map(|p| {
            if parts.len() > 1 && (p.contains("||") || p.contains('?')) && !is_atomic(p) {
                format!("({p})")
            } else {
                p.clone()
            }
        })
        .collect();
    wrapped.join(" && ")
}

/// Joins tokens, keeping a single space wherever the source had a gap.
fn join_tokens(toks: &[Token<'_>]) -> String {
    let mut out = String::new();
    let mut prev_end = None;
    for t in toks {
        if prev_end.is_some_and(|end| end < t.start) {
            out.push(' ');
        }
        out.push_str(t.text);
        prev_end = Some(t.end());
    }
    out
}

// ---------------------------------------------------------------------------
// Enum declarations
// ---------------------------------------------------------------------------

/// Names visible to initializers.
struct Scope<'a> {
    /// Enumerators seen so far (first definition wins).
    values: HashMap<String, Value>,
    defines: &'a Defines,
    local: &'a Defines,
}

impl<'a> Scope<'a> {
    fn macro_def(&self, name: &str) -> Option<&'a Macro> {
        let (defines, local) = (self.defines, self.local);
        defines.get(name).or_else(|| local.get(name))
    }

    /// Whether `name` is an enumerator visible here.
    fn is_value(&self, name: &str) -> bool {
        self.values.contains_key(name)
            || self.defines.enumerators.contains_key(name)
            || self.local.enumerators.contains_key(name)
    }

    /// Looks up an identifier left over after macro expansion.
    fn resolve(&self, name: &str) -> Value {
        if let Some(value) = self.values.get(name) {
            return value.clone();
        }
        let external = self.defines.enumerators.get(name);
        if let Some(&value) = external.or_else(|| self.local.enumerators.get(name)) {
            return Ok(value);
        }
        match self.macro_def(name) {
            Some(m) if m.params.is_some() => Err(format!(
                "function-like macro `{name}` used without arguments"
            )),
            Some(_) => Err(format!("recursive macro `{name}`")),
            None => Err(format!("unknown identifier `{name}`")),
        }
    }
}

/// Why an enum could not be parsed at a given `enum` keyword.
enum Skip {
    /// Not a definition; resume right after the keyword.
    NotDefinition,
    /// A malformed body; resume at this token index.
    ResumeAt(usize),
}

struct EnumParser<'t, 'a> {
    toks: &'t [Token<'a>],
    conditions: &'t [Option<String>],
    scope: Scope<'t>,
}

impl EnumParser<'_, '_> {
    fn run(&mut self) -> Vec<CEnum> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut boundary = 0;
        while let Some(t) = self.toks.get(i) {
            if t.is_ident("enum") {
                match self.parse_enum(i, boundary) {
                    Ok((found, next)) => {
                        out.push(found);
                        i = next;
                        boundary = next;
                        continue;
                    }
                    Err(Skip::ResumeAt(next)) => {
                        i = next.max(i + 1);
                        boundary = i;
                        continue;
                    }
                    Err(Skip::NotDefinition) => {}
                }
            } else if t.is(";") || t.is("{") || t.is("}") {
                boundary = i + 1;
            }
            i += 1;
        }
        out
    }

    /// Parses the enum whose `enum` keyword is at `at`; returns it and the
    /// index to continue scanning from.
    fn parse_enum(&mut self, at: usize, boundary: usize) -> Result<(CEnum, usize), Skip> {
        let from = boundary.max(at.saturating_sub(TYPEDEF_LOOKBACK));
        let is_typedef = self
            .toks
            .get(from..at)
            .unwrap_or_default()
            .iter()
            .any(|t| t.is_ident("typedef"));
        let (tag, body) = self.enum_head(at + 1).ok_or(Skip::NotDefinition)?;
        let (items, close) = self.split_body(body)?;
        let enumerators = self.enumerators(&items);
        let (typedef_names, next) = if is_typedef {
            self.declarators(close + 1)
        } else {
            (Vec::new(), close + 1)
        };
        let line = self.toks.get(at).map_or(0, |t| t.line);
        let found = CEnum {
            tag,
            typedef_names,
            enumerators,
            line,
        };
        Ok((found, next))
    }

    /// Parses `[class|struct] [attributes] [TAG] [: TYPE] {`; returns the tag
    /// and the index after `{`.
    fn enum_head(&self, start: usize) -> Option<(Option<String>, usize)> {
        let mut tag = None;
        let mut in_base = false;
        let mut k = start;
        while k < start + MAX_DECL_TOKENS {
            let t = self.toks.get(k)?;
            match t.kind {
                Kind::Ident if in_base || t.text == "class" || t.text == "struct" => {}
                Kind::Ident => tag = Some(t.text.to_string()),
                _ if t.is("{") => return Some((tag, k + 1)),
                _ if t.is(":") => in_base = true,
                _ if t.is("::") && in_base => {}
                _ if t.is("[") && self.toks.get(k + 1).is_some_and(|n| n.is("[")) => {
                    k = self.skip_attribute(k)?;
                    continue;
                }
                _ => return None,
            }
            k += 1;
        }
        None
    }

    /// Skips a `[[...]]` attribute starting at `k`; returns the index after it.
    fn skip_attribute(&self, mut k: usize) -> Option<usize> {
        let limit = k + MAX_DECL_TOKENS;
        while k < limit {
            let t = self.toks.get(k)?;
            if t.is("]") && self.toks.get(k + 1).is_some_and(|n| n.is("]")) {
                return Some(k + 2);
            }
            k += 1;
        }
        None
    }

    /// Splits an enum body into comma-separated token ranges; returns them
    /// and the index of the closing `}` (or the end of input if truncated).
    fn split_body(&self, start: usize) -> Result<(Vec<(usize, usize)>, usize), Skip> {
        let mut items = Vec::new();
        let mut depth = 0usize;
        let mut item_start = start;
        let mut k = start;
        while let Some(t) = self.toks.get(k) {
            if t.kind == Kind::Punct {
                match t.text {
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" => depth = depth.saturating_sub(1),
                    "}" if depth == 0 => {
                        items.push((item_start, k));
                        return Ok((items, k));
                    }
                    "}" => depth -= 1,
                    "," if depth == 0 => {
                        items.push((item_start, k));
                        item_start = k + 1;
                    }
                    ";" => return Err(Skip::ResumeAt(k)),
                    _ => {}
                }
            }
            k += 1;
        }
        items.push((item_start, k));
        Ok((items, k))
    }

    fn enumerators(&mut self, items: &[(usize, usize)]) -> Vec<CEnumerator> {
        let mut out: Vec<CEnumerator> = Vec::new();
        let mut names: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut next: Value = Ok(0);
        for &(start, end) in items {
            let item = self.toks.get(start..end).unwrap_or_default();
            let Some(name_tok) = item.first().filter(|t| t.kind == Kind::Ident) else {
                continue;
            };
            let eq = item.iter().position(|t| t.is("="));
            if eq.is_none() && item.get(1).is_some_and(|t| t.is("(")) {
                continue; // a macro invocation, not an enumerator
            }
            let expr = eq.map(|p| item.get(p + 1..).unwrap_or_default());
            let value = match expr {
                Some(toks) => eval_tokens(toks, &self.scope),
                None => next.clone(),
            };
            let name = name_tok.text;
            next = match &value {
                Ok(v) => v
                    .checked_add(1)
                    .ok_or_else(|| format!("overflow after enumerator `{name}`")),
                Err(_) => Err(format!("follows unresolvable enumerator `{name}`")),
            };
            if !names.insert(name) {
                continue;
            }
            self.scope
                .values
                .entry(name.to_string())
                .or_insert_with(|| value.clone());
            out.push(CEnumerator {
                name: name.to_string(),
                value,
                expr: expr.map(join_tokens),
                condition: self.conditions.get(name_tok.cond).cloned().flatten(),
                line: name_tok.line,
            });
        }
        out
    }

    /// Parses the declarators after a typedef'd enum's `}` up to `;`;
    /// returns the non-pointer names and the index after `;`.
    fn declarators(&self, start: usize) -> (Vec<String>, usize) {
        let mut names = Vec::new();
        let mut decl_start = start;
        let mut depth = 0usize;
        let mut k = start;
        while let Some(t) = self.toks.get(k).filter(|_| k < start + MAX_DECL_TOKENS) {
            match t.text {
                "(" | "[" if t.kind == Kind::Punct => depth += 1,
                ")" | "]" if t.kind == Kind::Punct => depth = depth.saturating_sub(1),
                ";" | "," | "{" | "}" if t.kind == Kind::Punct && depth == 0 => {
                    let decl = self.toks.get(decl_start..k).unwrap_or_default();
                    names.extend(declarator_name(decl));
                    match t.text {
                        ";" => return (names, k + 1),
                        "," => decl_start = k + 1,
                        _ => return (names, k),
                    }
                }
                _ => {}
            }
            k += 1;
        }
        (names, k)
    }
}

/// The name declared by a non-pointer declarator: its last top-level
/// identifier that is not a macro call.
fn declarator_name(decl: &[Token<'_>]) -> Option<String> {
    if decl.iter().any(|t| t.is("*") || t.is("&")) {
        return None;
    }
    let mut depth = 0usize;
    let mut name = None;
    for (k, t) in decl.iter().enumerate() {
        if t.is("(") || t.is("[") {
            depth += 1;
        } else if t.is(")") || t.is("]") {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && t.kind == Kind::Ident && !decl.get(k + 1).is_some_and(|n| n.is("("))
        {
            name = Some(t.text.to_string());
        }
    }
    name
}

// ---------------------------------------------------------------------------
// Constant-expression evaluation
// ---------------------------------------------------------------------------

/// The macros being expanded around a token (C's "hide set"): a token is
/// not expanded again inside its own expansion.
type Hide = Option<Rc<HideNode>>;

struct HideNode {
    name: String,
    parent: Hide,
}

fn hide_contains(hide: &Hide, name: &str) -> bool {
    let mut node = hide.as_deref();
    while let Some(n) = node {
        if n.name == name {
            return true;
        }
        node = n.parent.as_deref();
    }
    false
}

fn hide_depth(hide: &Hide) -> usize {
    std::iter::successors(hide.as_deref(), |n| n.parent.as_deref()).count()
}

/// A token during macro expansion and evaluation.
#[derive(Clone)]
struct XTok<'a> {
    kind: Kind,
    text: Cow<'a, str>,
    hide: Hide,
}

impl<'a> XTok<'a> {
    fn new(t: &Token<'a>, hide: &Hide) -> Self {
        XTok {
            kind: t.kind,
            text: Cow::Borrowed(t.text),
            hide: hide.clone(),
        }
    }

    fn is(&self, punct: &str) -> bool {
        self.kind == Kind::Punct && self.text == punct
    }
}

/// Evaluates an initializer: expands macros, then evaluates the result.
fn eval_tokens(toks: &[Token<'_>], scope: &Scope<'_>) -> Value {
    let input: Vec<XTok<'_>> = toks.iter().map(|t| XTok::new(t, &None)).collect();
    let toks = expand(input, scope)?;
    if toks.is_empty() {
        return Err("empty expression".to_string());
    }
    let mut parser = ExprParser {
        toks: &toks,
        pos: 0,
        depth: 0,
        scope,
        error: None,
    };
    let value = parser.conditional();
    if let (None, Some(t)) = (&parser.error, toks.get(parser.pos)) {
        parser.error = Some(format!("unexpected `{}` in expression", t.text));
    }
    match parser.error {
        Some(e) => Err(e),
        None => value,
    }
}

/// Expands object-like and function-like macros in place, rescanning the
/// result like the C preprocessor (arguments are not pre-expanded).
fn expand<'x>(mut buf: Vec<XTok<'x>>, scope: &Scope<'x>) -> Result<Vec<XTok<'x>>, String> {
    let mut steps = 0;
    let mut i = 0;
    while let Some(t) = buf.get(i) {
        let def = match t.kind {
            Kind::Ident if !hide_contains(&t.hide, &t.text) => scope.macro_def(&t.text),
            _ => None,
        };
        let Some(def) = def else {
            i += 1;
            continue;
        };
        let name = t.text.to_string();
        steps += 1;
        if steps > MAX_EXPANSIONS || buf.len() > MAX_EXPANDED_TOKENS {
            return Err(format!("macro expansion too large at `{name}`"));
        }
        if hide_depth(&t.hide) >= MAX_MACRO_DEPTH {
            return Err(format!("macro expansion too deep at `{name}`"));
        }
        let hide = Some(Rc::new(HideNode {
            name: name.clone(),
            parent: t.hide.clone(),
        }));
        let body = lex(&def.body, Mode::Fragment).tokens;
        match &def.params {
            None => {
                let replacement: Vec<XTok<'x>> = body.iter().map(|b| XTok::new(b, &hide)).collect();
                buf.splice(i..=i, replacement);
            }
            Some(params) => {
                let Some((args, close)) = macro_args(&buf, i + 1) else {
                    i += 1; // a function-like macro name without arguments
                    continue;
                };
                let args: Vec<&[XTok<'x>]> = args
                    .iter()
                    .map(|&(a, b)| buf.get(a..b).unwrap_or_default())
                    .collect();
                let replacement = substitute(&name, &body, params, &args, &hide)?;
                buf.splice(i..=close, replacement);
            }
        }
    }
    Ok(buf)
}

/// If `buf[open]` is `(`, returns the argument ranges and the index of the
/// matching `)`.
fn macro_args(buf: &[XTok<'_>], open: usize) -> Option<(Vec<(usize, usize)>, usize)> {
    if !buf.get(open)?.is("(") {
        return None;
    }
    let mut args = Vec::new();
    let mut depth = 0usize;
    let mut arg_start = open + 1;
    for (k, t) in buf.iter().enumerate().skip(open) {
        if t.is("(") {
            depth += 1;
        } else if t.is(")") {
            depth -= 1;
            if depth == 0 {
                if k > open + 1 || !args.is_empty() {
                    args.push((arg_start, k));
                }
                return Some((args, k));
            }
        } else if t.is(",") && depth == 1 {
            args.push((arg_start, k));
            arg_start = k + 1;
        }
    }
    None
}

/// Replaces the parameters in a function-like macro body, handling `##`
/// (token pasting) and `#` (stringizing, yielding an empty string).
fn substitute<'x>(
    name: &str,
    body: &[Token<'x>],
    params: &[String],
    args: &[&[XTok<'x>]],
    hide: &Hide,
) -> Result<Vec<XTok<'x>>, String> {
    let variadic = params.last().is_some_and(|p| p == "...");
    let fixed = params.len() - usize::from(variadic);
    if args.len() < fixed || (!variadic && args.len() > fixed) {
        return Err(format!(
            "macro `{name}` expects {} arguments, got {}",
            params.len(),
            args.len()
        ));
    }
    let mut out: Vec<XTok<'x>> = Vec::new();
    let mut paste = false;
    let mut stringize = false;
    for t in body {
        if t.is("##") || t.is("#") {
            paste = t.is("##");
            stringize = t.is("#");
            continue;
        }
        let piece: Vec<XTok<'x>> = if stringize {
            vec![XTok {
                kind: Kind::Str,
                text: Cow::Borrowed("\"\""),
                hide: hide.clone(),
            }]
        } else if variadic && t.is_ident("__VA_ARGS__") {
            variadic_args(args.get(fixed..).unwrap_or_default())
        } else if let Some(arg) = params.iter().position(|p| p == t.text) {
            args.get(arg).map(|a| a.to_vec()).unwrap_or_default()
        } else {
            vec![XTok::new(t, hide)]
        };
        let mut piece = piece.into_iter();
        if paste {
            if let (Some(left), Some(right)) = (out.pop(), piece.next()) {
                out.push(paste_tokens(&left, &right, hide)?);
            }
        }
        out.extend(piece);
        paste = false;
        stringize = false;
    }
    Ok(out)
}

fn variadic_args<'x>(args: &[&[XTok<'x>]]) -> Vec<XTok<'x>> {
    let comma = XTok {
        kind: Kind::Punct,
        text: Cow::Borrowed(","),
        hide: None,
    };
    let mut out = Vec::new();
    for (k, arg) in args.iter().enumerate() {
        if k > 0 {
            out.push(comma.clone());
        }
        out.extend_from_slice(arg);
    }
    out
}

/// `left ## right`: the concatenation must lex as a single token.
fn paste_tokens<'x>(left: &XTok<'x>, right: &XTok<'x>, hide: &Hide) -> Result<XTok<'x>, String> {
    let text = format!("{}{}", left.text, right.text);
    let lexed = lex(&text, Mode::Fragment);
    match lexed.tokens.as_slice() {
        [single] => Ok(XTok {
            kind: single.kind,
            text: Cow::Owned(text.clone()),
            hide: hide.clone(),
        }),
        _ => Err(format!("invalid token paste `{text}`")),
    }
}

/// A recursive-descent evaluator over macro-expanded tokens; evaluation
/// errors are carried as values, the first syntax error is kept in `error`.
struct ExprParser<'t, 'x> {
    toks: &'t [XTok<'x>],
    pos: usize,
    depth: usize,
    scope: &'t Scope<'t>,
    error: Option<String>,
}

impl<'t, 'x> ExprParser<'t, 'x> {
    fn peek(&self) -> Option<&'t XTok<'x>> {
        self.toks.get(self.pos)
    }

    fn eat(&mut self, punct: &str) -> bool {
        let found = self.peek().is_some_and(|t| t.is(punct));
        if found {
            self.pos += 1;
        }
        found
    }

    fn fail(&mut self, message: &str) -> Value {
        self.error.get_or_insert_with(|| message.to_string());
        Err(message.to_string())
    }

    /// Runs `f` one nesting level deeper, refusing beyond [`MAX_EXPR_DEPTH`].
    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Value) -> Value {
        if self.depth >= MAX_EXPR_DEPTH {
            return self.fail("expression nested too deeply");
        }
        self.depth += 1;
        let value = f(self);
        self.depth -= 1;
        value
    }

    fn conditional(&mut self) -> Value {
        self.nested(|p| {
            let cond = p.binary(1);
            if !p.eat("?") {
                return cond;
            }
            let then = p.conditional();
            if !p.eat(":") {
                return p.fail("expected `:` in conditional expression");
            }
            let otherwise = p.conditional();
            match cond? {
                0 => otherwise,
                _ => then,
            }
        })
    }

    fn binary(&mut self, min_prec: u8) -> Value {
        let mut lhs = self.unary();
        while let Some(op) = self.peek() {
            let Some(prec) = precedence(op).filter(|&p| p >= min_prec) else {
                break;
            };
            self.pos += 1;
            let rhs = self.binary(prec + 1);
            lhs = apply(&op.text, lhs, rhs);
        }
        lhs
    }

    fn unary(&mut self) -> Value {
        self.nested(|p| {
            let Some(t) = p.peek() else {
                return p.fail("unexpected end of expression");
            };
            if t.kind == Kind::Punct {
                return p.prefix_op(&t.text);
            }
            p.pos += 1;
            match t.kind {
                Kind::Number => parse_int(&t.text),
                Kind::Char => parse_char(&t.text),
                Kind::Str => Err("string literal in integer expression".to_string()),
                _ => p.identifier(&t.text),
            }
        })
    }

    fn prefix_op(&mut self, op: &str) -> Value {
        if op == "(" {
            return self.parenthesized();
        }
        if !matches!(op, "-" | "+" | "~" | "!") {
            return self.fail(&format!("unexpected `{op}` in expression"));
        }
        self.pos += 1;
        let v = self.unary()?;
        match op {
            "-" => v.checked_neg().ok_or_else(|| "overflow in `-`".to_string()),
            "~" => Ok(!v),
            "!" => Ok(i128::from(v == 0)),
            _ => Ok(v),
        }
    }

    /// `( expr )`, or a cast `( type ) operand` whose type is ignored.
    fn parenthesized(&mut self) -> Value {
        if let Some(close) = self.cast_end() {
            self.pos = close + 1;
            return self.unary();
        }
        self.pos += 1;
        let value = self.conditional();
        if !self.eat(")") {
            return self.fail("expected `)`");
        }
        value
    }

    /// If the `(` at `pos` starts a cast, returns the index of its `)`.
    fn cast_end(&self) -> Option<usize> {
        let mut k = self.pos + 1;
        let mut words = 0;
        let mut pointer = false;
        let mut last_word = "";
        loop {
            let t = self.toks.get(k)?;
            if t.kind == Kind::Ident {
                words += 1;
                last_word = &t.text;
            } else if t.is("*") {
                pointer = true;
            } else if t.is(")") {
                break;
            } else {
                return None;
            }
            k += 1;
        }
        let after = self.toks.get(k + 1)?;
        let operand = matches!(after.kind, Kind::Ident | Kind::Number | Kind::Char)
            || after.is("(")
            || after.is("~")
            || after.is("!");
        let sign = after.is("-") || after.is("+");
        let is_cast = if words == 0 {
            false
        } else if words > 1 || pointer || operand {
            operand || sign
        } else {
            sign && (TYPE_KEYWORDS.contains(&last_word) || !self.scope.is_value(last_word))
        };
        is_cast.then_some(k)
    }

    fn identifier(&mut self, name: &str) -> Value {
        let call = self.peek().is_some_and(|t| t.is("("));
        if matches!(name, "sizeof" | "_Alignof" | "alignof" | "__alignof") {
            if call {
                self.skip_group();
            } else {
                let _ = self.unary(); // only the tokens are consumed
            }
            return Err(format!("`{name}` is not supported"));
        }
        if !call {
            return self.scope.resolve(name);
        }
        self.skip_group();
        Err(format!("call to unknown function `{name}`"))
    }

    /// Consumes a balanced `( ... )` group.
    fn skip_group(&mut self) {
        match macro_args(self.toks, self.pos) {
            Some((_, close)) => self.pos = close + 1,
            None => {
                self.error
                    .get_or_insert_with(|| "unbalanced parentheses".to_string());
                self.pos = self.toks.len();
            }
        }
    }
}

fn precedence(t: &XTok<'_>) -> Option<u8> {
    if t.kind != Kind::Punct {
        return None;
    }
    Some(match t.text.as_ref() {
        "*" | "/" | "%" => 10,
        "+" | "-" => 9,
        "<<" | ">>" => 8,
        "<" | ">" | "<=" | ">=" => 7,
        "==" | "!=" => 6,
        "&" => 5,
        "^" => 4,
        "|" => 3,
        "&&" => 2,
        "||" => 1,
        _ => return None,
    })
}

fn apply(op: &str, lhs: Value, rhs: Value) -> Value {
    match op {
        "&&" => return logical(lhs, rhs, false),
        "||" => return logical(lhs, rhs, true),
        _ => {}
    }
    let (a, b) = (lhs?, rhs?);
    let overflow = || format!("overflow in `{op}`");
    match op {
        "*" => a.checked_mul(b).ok_or_else(overflow),
        "/" | "%" if b == 0 => Err("division by zero".to_string()),
        "/" => a.checked_div(b).ok_or_else(overflow),
        "%" => a.checked_rem(b).ok_or_else(overflow),
        "+" => a.checked_add(b).ok_or_else(overflow),
        "-" => a.checked_sub(b).ok_or_else(overflow),
        "<<" => shift_count(b)
            .map(|s| (a << s, s))
            .filter(|&(r, s)| r >> s == a)
            .map(|(r, _)| r)
            .ok_or_else(overflow),
        ">>" => shift_count(b).map(|s| a >> s).ok_or_else(overflow),
        "<" => Ok(i128::from(a < b)),
        ">" => Ok(i128::from(a > b)),
        "<=" => Ok(i128::from(a <= b)),
        ">=" => Ok(i128::from(a >= b)),
        "==" => Ok(i128::from(a == b)),
        "!=" => Ok(i128::from(a != b)),
        "&" => Ok(a & b),
        "^" => Ok(a ^ b),
        "|" => Ok(a | b),
        _ => Err(format!("unsupported operator `{op}`")),
    }
}

fn shift_count(b: i128) -> Option<u32> {
    u32::try_from(b).ok().filter(|&s| s < 128)
}

/// `&&` / `||` with C short-circuit semantics.
fn logical(lhs: Value, rhs: Value, is_or: bool) -> Value {
    if (lhs? != 0) == is_or {
        return Ok(i128::from(is_or));
    }
    rhs.map(|b| i128::from(b != 0))
}

/// Parses an integer literal with any C / MSVC suffix.
fn parse_int(text: &str) -> Value {
    let lower = text.to_ascii_lowercase();
    let mut digits = lower.as_str();
    for suffix in ["ui64", "i64", "ui32", "i32", "ui16", "i16", "ui8", "i8"] {
        if let Some(rest) = digits.strip_suffix(suffix) {
            digits = rest;
            break;
        }
    }
    let digits = digits.trim_end_matches(['u', 'l']);
    let (digits, radix) = if let Some(hex) = digits.strip_prefix("0x") {
        (hex, 16)
    } else if let Some(bin) = digits.strip_prefix("0b") {
        (bin, 2)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (&digits[1..], 8)
    } else {
        (digits, 10)
    };
    let digits = digits.replace('\'', "");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("invalid integer literal `{text}`"));
    }
    i128::from_str_radix(&digits, radix).map_err(|_| format!("invalid integer literal `{text}`"))
}

/// Parses a (possibly multi-character or wide) character literal.
fn parse_char(text: &str) -> Value {
    let invalid = || format!("invalid character literal `{text}`");
    let body = text.trim_start_matches(['L', 'u', 'U', '8']);
    let inner = body
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .ok_or_else(invalid)?;
    let mut chars = inner.chars().peekable();
    let mut value: i128 = 0;
    let mut count = 0;
    while let Some(c) = chars.next() {
        let code = if c == '\\' {
            escape(&mut chars).ok_or_else(invalid)?
        } else {
            u32::from(c)
        };
        value = value
            .checked_mul(256)
            .and_then(|v| v.checked_add(i128::from(code)))
            .ok_or_else(invalid)?;
        count += 1;
    }
    if count == 0 {
        return Err(invalid());
    }
    Ok(value)
}

/// Decodes the escape sequence after a backslash.
fn escape(chars: &mut Peekable<Chars<'_>>) -> Option<u32> {
    let c = chars.next()?;
    let digits = |chars: &mut Peekable<Chars<'_>>, radix: u32, max: usize, first: u32| {
        let mut v = first;
        for _ in 0..max {
            let Some(d) = chars.peek().and_then(|c| c.to_digit(radix)) else {
                break;
            };
            chars.next();
            v = v.checked_mul(radix)?.checked_add(d)?;
        }
        Some(v)
    };
    Some(match c {
        'n' => 10,
        't' => 9,
        'r' => 13,
        'a' => 7,
        'b' => 8,
        'f' => 12,
        'v' => 11,
        'x' => digits(chars, 16, 8, 0)?,
        '0'..='7' => digits(chars, 8, 2, c.to_digit(8)?)?,
        other => u32::from(other),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enums(src: &str) -> Vec<CEnum> {
        parse_enums(src, &Defines::default())
    }

    fn values(e: &CEnum) -> Vec<(&str, Value)> {
        e.enumerators
            .iter()
            .map(|x| (x.name.as_str(), x.value.clone()))
            .collect()
    }

    fn value_of(src: &str, name: &str) -> Value {
        let all = enums(src);
        all.iter()
            .flat_map(|e| &e.enumerators)
            .find(|x| x.name == name)
            .map(|x| x.value.clone())
            .unwrap_or_else(|| Err(format!("{name} not found")))
    }

    const POOL: &str = r#"
// Leading comment with an enum { Fake } inside.
typedef enum _POOL_TYPE {
    NonPagedPool,                              // 0
    NonPagedPoolExecute = NonPagedPool,        /* = 0 */
    NonPagedPoolMustSucceed = NonPagedPool + 2,
    NonPagedPoolCacheAligned,
    NonPagedPoolSession = 32,
    X = 0x80000000,
    Y = (1 << 3) | 0x10,
    Z = (int)0xFFFFFFFFL,
#if (NTDDI_VERSION >= NTDDI_WIN7)
    W,
#endif
} POOL_TYPE, *PPOOL_TYPE;
"#;

    #[test]
    fn pool_type() {
        let all = enums(POOL);
        assert_eq!(all.len(), 1);
        let e = &all[0];
        assert_eq!(e.tag.as_deref(), Some("_POOL_TYPE"));
        assert_eq!(e.typedef_names, ["POOL_TYPE"]);
        assert_eq!(e.line, 3);
        assert_eq!(
            values(e),
            [
                ("NonPagedPool", Ok(0)),
                ("NonPagedPoolExecute", Ok(0)),
                ("NonPagedPoolMustSucceed", Ok(2)),
                ("NonPagedPoolCacheAligned", Ok(3)),
                ("NonPagedPoolSession", Ok(32)),
                ("X", Ok(0x8000_0000)),
                ("Y", Ok(0x18)),
                ("Z", Ok(0xFFFF_FFFF)),
                ("W", Ok(0x1_0000_0000)),
            ]
        );
        let w = &e.enumerators[8];
        assert_eq!(w.condition.as_deref(), Some("NTDDI_VERSION >= NTDDI_WIN7"));
        assert_eq!(w.line, 13);
        assert_eq!(e.enumerators[0].condition, None);
        assert_eq!(e.enumerators[0].expr, None);
        assert_eq!(e.enumerators[2].expr.as_deref(), Some("NonPagedPool + 2"));
        assert_eq!(e.enumerators[6].expr.as_deref(), Some("(1 << 3) | 0x10"));
    }

    #[test]
    fn literals_and_suffixes() {
        let src = "enum { A = 10u, B = 0x10UL, C = 010, D = 'a', E = 7ll, F = 5ULL, \
                   G = 0xffi64, H = 3ui64, I = 'RIFF', J = L'\\n', K = '\\x41', \
                   M = '\\0', N = 0b101, O = 1.5, P = 0x };";
        let e = &enums(src)[0];
        let v = values(e);
        let expect: [(&str, i128); 13] = [
            ("A", 10),
            ("B", 16),
            ("C", 8),
            ("D", 97),
            ("E", 7),
            ("F", 5),
            ("G", 255),
            ("H", 3),
            ("I", 0x5249_4646),
            ("J", 10),
            ("K", 65),
            ("M", 0),
            ("N", 5),
        ];
        for (name, want) in expect {
            assert!(v.contains(&(name, Ok(want))), "{name}: {v:?}");
        }
        assert!(v[13].1.is_err() && v[14].1.is_err(), "{v:?}");
    }

    #[test]
    fn operators() {
        let src = "enum E { A = -1, B = ~0, C = !5, D = 7 / 2 * 3 % 4, E2 = 1 + 2 * 3, \
                   F = 1 << 4 >> 2, G = 6 & 3 ^ 1 | 8, H = 1 < 2 && 2 >= 3 || 4 == 4, \
                   I = 3 != 3, J = 1 ? 10 : 20, K = 0 ? 10 : 20, L = -(-3), M = +4, \
                   N = 0 && (1 / 0), O = 1 || (1 / 0), P = 5 > 4, Q = 4 <= 4 };";
        let all = enums(src);
        let v = values(&all[0]);
        let expect = [-1, -1, 0, 1, 7, 4, 11, 1, 0, 10, 20, 3, 4, 0, 1, 1, 1];
        let got: Vec<i128> = v
            .iter()
            .map(|(_, x)| x.clone().unwrap_or(i128::MIN))
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn casts() {
        let src = "#define FOO 4\n\
                   enum { A = (ULONG)-1, B = (unsigned long)0x10, C = (DWORD)(2 + 3), \
                   D = (FOO) - 1, E = (FOO)+1, F = (int)~0, G = (LONG_PTR *)0, \
                   H = (int)-FOO, I = ((ULONG)1) << 31 };";
        let all = enums(src);
        let v = values(&all[0]);
        let got: Vec<i128> = v
            .iter()
            .map(|(_, x)| x.clone().unwrap_or(i128::MIN))
            .collect();
        assert_eq!(got, [-1, 16, 5, 3, 5, -1, 0, -4, 1 << 31]);
    }

    #[test]
    fn errors_do_not_panic_and_propagate() {
        let src = "enum { A = 1 / 0, B, C = UNKNOWN, D = sizeof(int), E = 5, F = (1 << 200), \
                   G = 170141183460469231731687303715884105727, H, I = 3 % 0, \
                   J = (1 + 2, K = 1 +, L = ) };";
        let e = &enums(src)[0];
        let v = values(e);
        assert_eq!(v[0], ("A", Err("division by zero".into())));
        assert_eq!(
            v[1],
            ("B", Err("follows unresolvable enumerator `A`".into()))
        );
        assert_eq!(v[2], ("C", Err("unknown identifier `UNKNOWN`".into())));
        assert_eq!(v[3], ("D", Err("`sizeof` is not supported".into())));
        assert_eq!(v[4], ("E", Ok(5)));
        assert!(v[5].1.is_err());
        assert_eq!(v[6].1, Ok(i128::MAX));
        assert_eq!(v[7], ("H", Err("overflow after enumerator `G`".into())));
        assert!(v[8].1.is_err());
        assert_eq!(v[9], ("J", Err("expected `)`".into())));
        assert_eq!(e.enumerators.len(), 10, "{v:?}");
    }

    #[test]
    fn defines_and_macros() {
        let header = "#define BASE 0x100\n\
                      #define NEXT (BASE + 1) /* comment */\n\
                      #define LOOP_A LOOP_B\n#define LOOP_B LOOP_A\n\
                      #define MULTI 1 + \\\n   2\n\
                      #define __MSABI_LONG(x) x ## l\n\
                      #define MAKE(a, b) (((a) << 8) | (b))\n\
                      #define EMPTY\n";
        let mut defines = Defines::default();
        defines.collect(header);
        defines.collect("#define BASE 5\n"); // first definition wins
        let src = "enum { A = NEXT, B = LOOP_A, C = MULTI * 2, D = __MSABI_LONG(0x80000000), \
                   E = MAKE(1, 2), F = MAKE(1), G = EMPTY, H = LOCAL, I = MAKE };\n\
                   #define LOCAL 9";
        let all = parse_enums(src, &defines);
        let v = values(&all[0]);
        assert_eq!(v[0].1, Ok(0x101));
        assert_eq!(v[1].1, Err("recursive macro `LOOP_A`".into()));
        assert_eq!(v[2].1, Ok(5));
        assert_eq!(v[3].1, Ok(0x8000_0000));
        assert_eq!(v[4].1, Ok(0x102));
        assert!(v[5].1.as_ref().is_err_and(|e| e.contains("expects 2")));
        assert!(v[6].1.as_ref().is_err_and(|e| e.contains("empty")));
        assert_eq!(v[7].1, Ok(9));
        assert!(
            v[8].1
                .as_ref()
                .is_err_and(|e| e.contains("without arguments"))
        );
    }

    #[test]
    fn earlier_enums_are_in_scope() {
        let src = "enum A { A1 = 4 }; enum B { B1 = A1 * 2, B2 };";
        assert_eq!(value_of(src, "B2"), Ok(9));
    }

    #[test]
    fn external_enumerators() {
        let mut defines = Defines::default();
        defines.add_enumerators(&enums("enum { EXT = 0x100, LOCAL = 1, BAD = NOPE };"));
        let src = "enum { LOCAL = 7, A = EXT | LOCAL, B = (EXT) - 1, C = BAD };";
        let all = parse_enums(src, &defines);
        let v = values(&all[0]);
        assert_eq!(v[1], ("A", Ok(0x107)));
        assert_eq!(v[2], ("B", Ok(0xFF)));
        assert_eq!(v[3], ("C", Err("unknown identifier `BAD`".into())));
    }

    #[test]
    fn declaration_forms() {
        let src = r#"
#include <windows.h>
#pragma once
typedef struct _S { int a; struct { int b; } inner; } S;
DEFINE_ENUM_FLAG_OPERATORS(FLAGS)
enum _FWD;
void f(enum _POOL_TYPE t);
typedef enum { ANON_A } ANON, FAR *LPANON, **PPANON;
enum TAG { TAG_A = 2 };
enum class Scoped : unsigned __int64 { SC_A };
enum Typed : int { TY_A = 3, TY_B, };
typedef enum DECLSPEC_DEPRECATED _DEP { DEP_A } DEP;
enum [[nodiscard]] Attr { AT_A };
enum { ONLY };
enum VarTag { V_A } var1, var2;
int g(void) { return 0; }
"#;
        let all = enums(src);
        let summary: Vec<(Option<&str>, Vec<&str>, &str)> = all
            .iter()
            .map(|e| {
                (
                    e.tag.as_deref(),
                    e.typedef_names.iter().map(String::as_str).collect(),
                    e.enumerators[0].name.as_str(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (None, vec!["ANON"], "ANON_A"),
                (Some("TAG"), vec![], "TAG_A"),
                (Some("Scoped"), vec![], "SC_A"),
                (Some("Typed"), vec![], "TY_A"),
                (Some("_DEP"), vec!["DEP"], "DEP_A"),
                (Some("Attr"), vec![], "AT_A"),
                (None, vec![], "ONLY"),
                (Some("VarTag"), vec![], "V_A"),
            ]
        );
        assert_eq!(values(&all[3]), [("TY_A", Ok(3)), ("TY_B", Ok(4))]);
    }

    #[test]
    fn conditions() {
        let src = r#"
#ifndef _GUARD_H_
#define _GUARD_H_
#if !defined(_INNER_GUARD_)
#define _INNER_GUARD_
#ifdef __cplusplus
extern "C" {
#endif
typedef enum _E {
    A,
#if defined(X) || defined(Y)
    B,
#  if VER > 1 \
      && VER < 5
    C,
#  elif VER == 9
    D,
#  else
    E,
#  endif
#elifdef Z
    F,
#else  // comment
    G,
    A = 10,
#endif
#ifndef NO_H
    H,
#endif
#if ( WINAPI_FAMILY_PARTITION (WINAPI_PARTITION_DESKTOP) ) && !defined (V) && X>-1
    I,
#endif
} E;
#ifdef __cplusplus
}
#endif
#endif
#endif
"#;
        let e = &enums(src)[0];
        let conds: Vec<(&str, Option<&str>)> = e
            .enumerators
            .iter()
            .map(|x| (x.name.as_str(), x.condition.as_deref()))
            .collect();
        assert_eq!(
            conds,
            [
                ("A", None),
                ("B", Some("defined(X) || defined(Y)")),
                (
                    "C",
                    Some("(defined(X) || defined(Y)) && VER > 1 && VER < 5")
                ),
                (
                    "D",
                    Some("(defined(X) || defined(Y)) && !(VER > 1 && VER < 5) && VER == 9")
                ),
                (
                    "E",
                    Some("(defined(X) || defined(Y)) && !(VER > 1 && VER < 5) && !(VER == 9)")
                ),
                ("F", Some("!(defined(X) || defined(Y)) && defined(Z)")),
                ("G", Some("!(defined(X) || defined(Y)) && !defined(Z)")),
                ("H", Some("!defined(NO_H)")),
                (
                    "I",
                    Some(
                        "(WINAPI_FAMILY_PARTITION(WINAPI_PARTITION_DESKTOP)) && !defined(V) && X > -1"
                    )
                ),
            ]
        );
        // Duplicate `A` kept once with its first value; H follows A = 10.
        assert_eq!(e.enumerators[0].value, Ok(0));
        assert_eq!(e.enumerators[7].value, Ok(11));
        assert_eq!(e.typedef_names, ["E"]);
    }

    #[test]
    fn comments_and_strings() {
        let src = "/* enum { X1 }; */ const char *s = \"enum { X2 };\";\n\
                   // enum { X3 };\n\
                   enum /* tag */ T { A = 1 /* , B */, C = 'x' // , D\n, E };";
        let all = enums(src);
        assert_eq!(all.len(), 1);
        assert_eq!(
            values(&all[0]),
            [("A", Ok(1)), ("C", Ok(120)), ("E", Ok(121))]
        );
    }

    #[test]
    fn truncated_and_garbage_input_never_panics() {
        for cut in 0..=POOL.len() {
            if let Some(prefix) = POOL.get(..cut) {
                let _ = enums(prefix);
            }
        }
        let truncated = enums(&POOL[..POOL.find("X =").unwrap_or(0)]);
        assert_eq!(truncated.len(), 1);
        assert_eq!(truncated[0].enumerators.len(), 5);

        // Pseudo-random bytes built from C-ish fragments and raw noise.
        let pieces = [
            "enum",
            "{",
            "}",
            "(",
            ")",
            ";",
            ",",
            "=",
            "typedef",
            "#if X\n",
            "#else\n",
            "#endif\n",
            "#define A (A+1)\n",
            "/*",
            "*/",
            "//",
            "\n",
            "'",
            "\"",
            "\\\n",
            "<<",
            "0x",
            "1",
            "A",
            "-",
            "~",
            "?",
            ":",
            "[[",
            "]]",
            "sizeof",
            "é",
            "\u{0}",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..200 {
            let mut text = String::new();
            for _ in 0..200 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let mut defines = Defines::default();
            defines.collect(&text);
            let _ = parse_enums(&text, &defines);
        }
        let bytes: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let _ = enums(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn large_pathological_inputs_are_linear() {
        let inputs = [
            "enum { A = (".repeat(10_000),
            "enum X ".repeat(20_000),
            "typedef enum { A, B } ".repeat(10_000),
            "#if COND_WITH_A_LONG_NAME\n".repeat(10_000) + "enum { A };",
            "#if A\n#elif B\n".repeat(5_000) + "enum { A };",
            format!("#if {}\nenum {{ A }};", "X".repeat(1 << 18)),
        ];
        for input in &inputs {
            let start = std::time::Instant::now();
            let _ = parse_enums(input, &Defines::default());
            assert!(start.elapsed().as_secs() < 2, "too slow");
        }
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = format!("enum {{ A = {}1{} }};", "(".repeat(5000), ")".repeat(5000));
        assert!(value_of(&deep, "A").is_err());
        let minus = format!("enum {{ A = {}1 }};", "-".repeat(5000));
        assert!(value_of(&minus, "A").is_err());
        let long = format!("enum {{ A = 1{} }};", " + 1".repeat(20000));
        assert_eq!(value_of(&long, "A"), Ok(20001));
        let ternary = format!("enum {{ A = {}1 }};", "1 ? ".repeat(3000));
        assert!(value_of(&ternary, "A").is_err());
        let unclosed = "enum { A = 1, ".repeat(2000);
        assert!(!enums(&unclosed).is_empty());
    }
}
