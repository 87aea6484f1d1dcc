//! Preprocessor conditions as text: what an enumerator's `condition` says.
//!
//! Conditions are recorded, never evaluated. Each `#if` group is a [`Frame`]; the condition in
//! force joins the outermost frames' parts with ` && `, earlier branches negated (for `#elif`
//! and `#else`) and include guards (`#ifndef X` directly followed by `#define X`) left out.
//! Each condition's text is normalized (spacing, outer parentheses) and cut at about
//! [`MAX_CONDITION_LEN`] bytes.

use super::MAX_CONDITION_LEN;
use super::lexer::{Kind, Mode, Token, is_ident_byte, lex};

/// One `#if ... #endif` group.
pub(super) struct Frame {
    /// Conditions of the `#if` and each `#elif` seen so far.
    pub(super) branches: Vec<String>,
    pub(super) in_else: bool,
    /// An include guard (`#ifndef X` directly followed by `#define X`).
    pub(super) guard: bool,
}

/// `X` if `condition` is `!defined(X)`, the usual include-guard test.
pub(super) fn guard_name(condition: &str) -> Option<&str> {
    let rest = condition.strip_prefix("!defined")?.trim();
    let name = strip_outer_parens(rest).unwrap_or(rest).trim();
    (!name.is_empty() && name.bytes().all(is_ident_byte)).then_some(name)
}

/// Normalizes a condition: canonical spacing between tokens (`a >= b`,
/// `defined(X)`, `!(x)`, `-1`), no parentheses around the whole.
pub(super) fn condition_text(raw: &str) -> String {
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
pub(super) fn frame_parts(frame: &Frame) -> impl Iterator<Item = String> + '_ {
    let (previous, active) = match frame.branches.split_last() {
        _ if frame.guard => (&[][..], None),
        Some((last, previous)) if !frame.in_else => (previous, Some(last)),
        _ => (&frame.branches[..], None),
    };
    previous.iter().map(|c| negate(c)).chain(active.cloned())
}

pub(super) fn join_and(parts: &[String]) -> String {
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

#[cfg(test)]
mod tests {
    use crate::c::tests::enums;

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
}
