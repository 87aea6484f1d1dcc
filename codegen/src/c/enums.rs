//! The enum reader: finds every `enum [TAG] { ... }` definition among the lexed tokens and reads
//! its tag, its `typedef` names and its enumerators (each with its value, initializer as
//! written, condition and line). [`parse_enums`] is the C reader's entry point.

use std::collections::HashMap;

use super::defines::{Defines, Scope};
use super::eval::eval_tokens;
use super::lexer::{Kind, Mode, Token, join_tokens, lex};
use super::{MAX_DECL_TOKENS, TYPEDEF_LOOKBACK, Value};

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

#[cfg(test)]
mod tests {
    use crate::c::tests::{enums, values};

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
}
