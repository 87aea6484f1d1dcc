//! Macro expansion of an initializer, as the C preprocessor does it: object-like and
//! function-like macros are replaced and the result rescanned; each token carries the macros it
//! came from (its hide set), so a macro is never expanded inside itself; `##` pastes tokens,
//! `#` stringizes (to an empty string) and `__VA_ARGS__` takes the variadic arguments. Bounded
//! by [`MAX_EXPANSIONS`], [`MAX_EXPANDED_TOKENS`] and [`MAX_MACRO_DEPTH`].

use std::borrow::Cow;
use std::rc::Rc;

use super::defines::Scope;
use super::lexer::{Kind, Mode, Token, lex};
use super::{MAX_EXPANDED_TOKENS, MAX_EXPANSIONS, MAX_MACRO_DEPTH};

/// The macros being expanded around a token (C's "hide set"): a token is
/// not expanded again inside its own expansion.
pub(super) type Hide = Option<Rc<HideNode>>;

/// One macro of a hide set, and the rest of the set.
pub(super) struct HideNode {
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
pub(super) struct XTok<'a> {
    pub(super) kind: Kind,
    pub(super) text: Cow<'a, str>,
    hide: Hide,
}

impl<'a> XTok<'a> {
    pub(super) fn new(t: &Token<'a>, hide: &Hide) -> Self {
        XTok {
            kind: t.kind,
            text: Cow::Borrowed(t.text),
            hide: hide.clone(),
        }
    }

    pub(super) fn is(&self, punct: &str) -> bool {
        self.kind == Kind::Punct && self.text == punct
    }
}

/// Expands object-like and function-like macros in place, rescanning the
/// result like the C preprocessor (arguments are not pre-expanded).
pub(super) fn expand<'x>(
    mut buf: Vec<XTok<'x>>,
    scope: &Scope<'x>,
) -> Result<Vec<XTok<'x>>, String> {
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
pub(super) fn macro_args(buf: &[XTok<'_>], open: usize) -> Option<(Vec<(usize, usize)>, usize)> {
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

#[cfg(test)]
mod tests {
    use crate::c::tests::values;
    use crate::c::{Defines, parse_enums};

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
}
