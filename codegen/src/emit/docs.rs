//! Doc comments without the round trip through syn.
//!
//! A page's text is most of what docbind emits, and as `#[doc = "…"]` attributes (one per line)
//! it is most of what syn would parse and prettyplease print, only to come out as the same
//! `///` lines. So, while a module is emitted ([`collecting`]), each run of doc lines becomes
//! one placeholder attribute, `#[doc = "\u{1}N"]` (N indexes a table of the texts), which
//! prettyplease prints as `///\u{1}N` at the item's indentation; [`expand`] then writes the
//! `///` lines in its place, exactly as prettyplease would have printed the attributes.
//!
//! The `#[doc(alias)]` attributes that follow the docs of a value go the same way: C names are
//! plain identifiers, which prettyplease prints as `#[doc(alias = "NAME")]`.
//!
//! `\u{1}` cannot occur otherwise: doc lines have their control characters replaced by
//! spaces, and string literals print them escaped.

use proc_macro2::TokenStream;
use quote::quote;
use std::borrow::Cow;
use std::cell::RefCell;

/// Starts a placeholder (after `///`).
const MARK: char = '\u{1}';

/// The text of one placeholder: doc text, then `#[doc(alias)]` names.
#[derive(Debug)]
pub struct Docs {
    text: String,
    aliases: Vec<String>,
}

thread_local! {
    /// The texts of the placeholders emitted on this thread since [`collecting`] began, or
    /// `None` outside it.
    static TABLE: RefCell<Option<Vec<Docs>>> = const { RefCell::new(None) };
}

/// Runs `emit`, turning the doc text it emits into placeholders; returns its tokens and the
/// table [`expand`] needs.
pub fn collecting(emit: impl FnOnce() -> TokenStream) -> (TokenStream, Vec<Docs>) {
    TABLE.with(|t| *t.borrow_mut() = Some(Vec::new()));
    let tokens = emit();
    let table = TABLE.with(|t| t.borrow_mut().take()).unwrap_or_default();
    (tokens, table)
}

/// The lines of `text` as doc comments print them after `///` (see [`doc_line`]), with a space
/// before each line that is not empty.
fn lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.trim_matches('\n').split('\n').map(|line| {
        let line = doc_line(line);
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    })
}

/// One line of doc text as a doc comment prints it: trailing whitespace trimmed, control
/// characters (but tabs) as spaces, and those spaces trimmed too at the end (prettyplease
/// trims them).
fn doc_line(line: &str) -> Cow<'_, str> {
    let control = |c: char| c.is_control() && c != '\t';
    let line = line.trim_end().trim_end_matches(|c| c == ' ' || control(c));
    if line.contains(control) {
        Cow::Owned(line.replace(control, " "))
    } else {
        Cow::Borrowed(line)
    }
}

/// Doc attributes for `text`: a placeholder while [`collecting`], else one `#[doc]` per line.
pub fn attrs(text: &str) -> TokenStream {
    attrs_with_aliases(text, &[])
}

/// [`attrs`], followed by a `#[doc(alias)]` for each of `aliases` (C names: identifiers).
pub fn attrs_with_aliases(text: &str, aliases: &[&str]) -> TokenStream {
    let placeholder = TABLE.with(|t| {
        let mut table = t.borrow_mut();
        let table = table.as_mut()?;
        table.push(Docs {
            text: text.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        });
        Some(format!("{MARK}{}", table.len() - 1))
    });
    match placeholder {
        Some(placeholder) => quote!(#[doc = #placeholder]),
        None => {
            let lines = lines(text);
            quote!(#(#[doc = #lines])* #(#[doc(alias = #aliases)])*)
        }
    }
}

/// `code` (prettyplease's output) with each placeholder line replaced by the `///` lines of its
/// text, at its indentation.
pub fn expand(code: &str, table: &[Docs]) -> String {
    if table.is_empty() {
        return code.to_string();
    }
    let mut out =
        String::with_capacity(code.len() + table.iter().map(|d| d.text.len()).sum::<usize>());
    // Up to where `code` is in `out`.
    let mut copied = 0;
    for (at, _) in code.match_indices(MARK) {
        let start = code[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = code[at..].find('\n').map_or(code.len(), |i| at + i + 1);
        // A placeholder line: spaces, `///`, the mark and an index into the table.
        let Some(indent) = code[start..at]
            .strip_suffix("///")
            .filter(|_| start >= copied)
        else {
            continue;
        };
        let index = code[at + MARK.len_utf8()..end].trim_end().parse::<usize>();
        let (Ok(index), true) = (index, indent.bytes().all(|b| b == b' ')) else {
            continue;
        };
        let Some(docs) = table.get(index) else {
            continue;
        };
        out.push_str(&code[copied..start]);
        copied = end;
        for line in docs.text.trim_matches('\n').split('\n') {
            out.push_str(indent);
            out.push_str("///");
            let line = doc_line(line);
            if !line.is_empty() {
                out.push(' ');
                out.push_str(&line);
            }
            out.push('\n');
        }
        for alias in &docs.aliases {
            alias_attr(&mut out, indent, alias);
        }
    }
    out.push_str(&code[copied..]);
    out
}

/// Where prettyplease breaks lines.
const MARGIN: usize = 89;

/// `#[doc(alias = "NAME")]` at `indent`, as prettyplease prints it: on one line when it fits
/// within [`MARGIN`] columns, else with `alias = "NAME"` on a line of its own.
fn alias_attr(out: &mut String, indent: &str, alias: &str) {
    let one_line = indent.len() + r#"#[doc(alias = "")]"#.len() + alias.len();
    if one_line <= MARGIN {
        out.push_str(&format!("{indent}#[doc(alias = \"{alias}\")]\n"));
    } else {
        out.push_str(&format!(
            "{indent}#[doc(\n{indent}    alias = \"{alias}\"\n{indent})]\n"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What prettyplease prints for the attributes, and what [`expand`] writes for the
    /// placeholder, are the same text.
    #[test]
    fn expanded_placeholders_print_as_the_attributes_would() {
        let texts = [
            "One line.",
            "First.\n\nThird, after an empty line.  \n\tTabbed\u{7}bell",
            "\n\nLeading and trailing newlines\n\n",
            "Ends in a control character\u{7}\n\u{b}\nand \u{7}\t",
            "Trailing spaces   \n   \n",
        ];
        let item = |text: &str| {
            let (outer, inner) = (attrs(text), attrs_with_aliases(text, &["E_A", "E_FIRST"]));
            quote!(pub mod m { #outer pub enum E { #inner A = 1 } })
        };
        for text in texts {
            let direct = crate::output::format::code(item(text)).unwrap();
            let (tokens, table) = collecting(|| item(text));
            assert_eq!(table.len(), 2);
            let placed = expand(&crate::output::format::code(tokens).unwrap(), &table);
            assert_eq!(placed, direct, "{text:?}");
        }
    }

    /// Aliases of every length, at the indentations of items and of variants, come out as
    /// prettyplease prints them.
    #[test]
    fn aliases_print_as_prettyplease_prints_them() {
        for len in 1..=120 {
            let alias = "A".repeat(len);
            let item = || {
                let (outer, inner) = (
                    attrs_with_aliases("Docs.", &[&alias]),
                    attrs_with_aliases("", &[&alias, "B"]),
                );
                quote!(#outer pub enum E { #inner A = 1 } pub mod m { #outer pub enum F { #inner A } })
            };
            let direct = crate::output::format::code(item()).unwrap();
            let (tokens, table) = collecting(item);
            let placed = expand(&crate::output::format::code(tokens).unwrap(), &table);
            assert_eq!(placed, direct, "alias of {len} characters");
        }
    }

    #[test]
    fn text_outside_placeholders_is_left_alone() {
        let code = "/// \u{1}x not an index\nconst A: &str = \"///\";\n///\u{1}0\u{1}0\n  x///\u{1}0\n///\u{1}1\n";
        let table = [Docs {
            text: "text".to_string(),
            aliases: Vec::new(),
        }];
        assert_eq!(expand(code, &table), code);
    }
}
