//! Shared helpers of the workspace tests, and the golden files compiled as Rust.
//!
//! Every golden file is included here under `#![deny(warnings)]`, so a golden that does not
//! compile cleanly fails `cargo test --workspace` (and `cargo clippy` lints it too).

#![deny(warnings)]

use std::path::{Path, PathBuf};

/// The golden files, each in a module of its own.
pub mod golden {
    /// `tests/golden/seed.rs`: the seed page alone, in the default style.
    pub mod seed {
        include!("../golden/seed.rs");
    }

    /// `tests/golden/seed_newtype.rs`: the seed page in the `newtype` style.
    pub mod seed_newtype {
        include!("../golden/seed_newtype.rs");
    }

    /// `tests/golden/seed_consts.rs`: the seed page in the `consts` style.
    pub mod seed_consts {
        include!("../golden/seed_consts.rs");
    }

    /// `tests/golden/seed_flags.rs`: the seed page in the `flags` style.
    pub mod seed_flags {
        include!("../golden/seed_flags.rs");
    }

    /// `tests/golden/contoso_default.rs`: the `contoso` header in the default style (`flags` for the flags enum).
    pub mod contoso_default {
        include!("../golden/contoso_default.rs");
    }

    /// `tests/golden/contoso_rust.rs`: the `contoso` header, every enum in the `rust` style, exhaustive.
    pub mod contoso_rust {
        include!("../golden/contoso_rust.rs");
    }

    /// `tests/golden/contoso_newtype.rs`: the `contoso` header in the `newtype` style (`flags` for the flags enum).
    pub mod contoso_newtype {
        include!("../golden/contoso_newtype.rs");
    }

    /// `tests/golden/contoso_consts.rs`: the `contoso` header in the `consts` style.
    pub mod contoso_consts {
        include!("../golden/contoso_consts.rs");
    }

    /// `tests/golden/contoso_flags.rs`: the `contoso` header, every enum in the `flags` style.
    pub mod contoso_flags {
        include!("../golden/contoso_flags.rs");
    }
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `../shared/corpus` next to the workspace, or `None` after printing why tests using it skip.
pub fn corpus() -> Option<PathBuf> {
    let dir = workspace_root().join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "NOTICE: {} is absent: the tests over the real documentation corpus are skipped.",
            dir.display()
        );
        None
    }
}

/// A fresh, empty directory under cargo's temporary directory for integration tests.
pub fn scratch_dir(tmp: &str, name: &str) -> PathBuf {
    let dir = Path::new(tmp).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Compares `actual` with the golden file at `path`, or rewrites it when `DOCBIND_BLESS` is set.
pub fn assert_golden(path: &Path, actual: &str) {
    if std::env::var_os("DOCBIND_BLESS").is_some() {
        std::fs::write(path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the generated output (first difference at line {}):\n  golden: {:?}\n  actual: {:?}\n\
             Run `DOCBIND_BLESS=1 cargo test -p docbind-workspace-tests --test golden` to accept the new output.",
            path.display(),
            first + 1,
            expected.lines().nth(first).unwrap_or("<end of file>"),
            actual.lines().nth(first).unwrap_or("<end of file>"),
        );
    }
}

/// The names of the items a generated file may have outside its modules (the shared support
/// types and functions, in every enum style), from rendering a small page in each style.
pub fn support_item_names() -> std::collections::BTreeSet<String> {
    let page = "---\nUID: NE:demo._DEMO\nreq.typenames: DEMO\n---\n## -enum-fields\n### -field DEMO_A:1\n### -field DEMO_B:2\n";
    let mut names = std::collections::BTreeSet::new();
    for style in [
        docbind::model::EnumStyle::Rust,
        docbind::model::EnumStyle::Newtype,
        docbind::model::EnumStyle::Consts,
        docbind::model::EnumStyle::Flags,
    ] {
        let config = docbind::Config {
            enum_style: style,
            ..docbind::Config::default()
        };
        let loaded = docbind::load_pages([("demo/p.md", page.as_bytes())], &config);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let file = syn::parse_file(&render_single(&loaded.bindings)).expect("support items parse");
        names.extend(
            file.items
                .iter()
                .filter(|i| !matches!(i, syn::Item::Mod(_)))
                .filter_map(item_name),
        );
    }
    names
}

fn item_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(i) => Some(i.ident.to_string()),
        syn::Item::Enum(i) => Some(i.ident.to_string()),
        syn::Item::Fn(i) => Some(i.sig.ident.to_string()),
        syn::Item::Const(i) => Some(i.ident.to_string()),
        syn::Item::Static(i) => Some(i.ident.to_string()),
        syn::Item::Type(i) => Some(i.ident.to_string()),
        syn::Item::Trait(i) => Some(i.ident.to_string()),
        syn::Item::Mod(i) => Some(i.ident.to_string()),
        syn::Item::Macro(i) => i.ident.as_ref().map(|name| format!("macro_rules! {name}")),
        syn::Item::Impl(i) => match &*i.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| format!("impl {}", s.ident)),
            _ => None,
        },
        _ => None,
    }
}

/// `docbind_rust_enum!(Name: repr)`, `docbind_rust_enum!(#[allow(deprecated)] Name: repr,
/// no_availability)`, `docbind_flags!(Name: repr)`: the shared macros of the `rust` and `flags`
/// styles, invoked with nothing but a type name, an integer type and the optional marks.
/// The module a `consts`-style type has for its names and availability (`pub mod bg_job_type {
/// C_NAME, ALL, c_name(), AVAILABILITY, availability(), is_available_on() }`): constants and
/// functions only.
fn is_consts_names_module(item: &syn::Item) -> bool {
    let syn::Item::Mod(m) = item else {
        return false;
    };
    m.content
        .iter()
        .flat_map(|(_, items)| items)
        .all(|item| matches!(item, syn::Item::Const(_) | syn::Item::Fn(_)))
}

fn is_rust_enum_invocation(item: &syn::Item) -> bool {
    let syn::Item::Macro(m) = item else {
        return false;
    };
    let rust = m.mac.path.is_ident("docbind_rust_enum");
    if m.ident.is_some() || !(rust || m.mac.path.is_ident("docbind_flags")) {
        return false;
    }
    let text = m.mac.tokens.to_string();
    let text = text
        .strip_prefix("# [allow (deprecated)]")
        .unwrap_or(&text)
        .trim();
    let marks: &[&str] = if rust {
        &[", no_availability", ", no_value_availability"]
    } else {
        &[]
    };
    let text = marks
        .iter()
        .find_map(|mark| text.strip_suffix(mark))
        .unwrap_or(text)
        .trim();
    let Some((name, repr)) = text.split_once(" : ") else {
        return false;
    };
    syn::parse_str::<syn::Ident>(name).is_ok() && ["i32", "u32", "i64", "u64"].contains(&repr)
}

/// Everything a generated single file (`Layout::SingleFile`) must be, whatever the pages said:
///
/// - Rust that `syn` parses as a file;
/// - no item but the support items and `pub mod`s holding only the items of the enum styles
///   (enums, structs, type aliases, constants, impls, and the `consts` style's module of
///   constants and functions: nothing a page wrote became code);
/// - no bidirectional-control or control characters (rustc refuses the former);
/// - documentation (`#[doc]` runs, `#[deprecated(note)]`) that, read as Markdown the way
///   rustdoc reads it, holds no raw HTML except `<sup>`, `<sub>` and `<br>`, and no link to a
///   `javascript:`, `data:`, `vbscript:` or `file:` URL; every `#[doc(alias)]` is a C name.
///
/// `support` is [`support_item_names`]. Returns what is wrong.
pub fn check_generated(
    text: &str,
    support: &std::collections::BTreeSet<String>,
) -> Result<(), String> {
    if let Some(c) = text
        .chars()
        .find(|&c| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c))
    {
        return Err(format!("the output holds the character {c:?}"));
    }
    let tokens: proc_macro2::TokenStream = text
        .parse()
        .map_err(|e| format!("the output does not lex: {e}"))?;
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("the output does not parse: {e}"))?;
    for item in &file.items {
        match item {
            syn::Item::Mod(m) => {
                for inner in m.content.iter().flat_map(|(_, items)| items) {
                    let styled = matches!(
                        inner,
                        syn::Item::Enum(_)
                            | syn::Item::Struct(_)
                            | syn::Item::Type(_)
                            | syn::Item::Const(_)
                            | syn::Item::Impl(_)
                    ) || is_rust_enum_invocation(inner)
                        || is_consts_names_module(inner);
                    if !styled {
                        return Err(format!(
                            "module `{}` holds an item of no enum style: {:?}",
                            m.ident,
                            item_name(inner)
                        ));
                    }
                }
            }
            other => match item_name(other) {
                Some(name) if support.contains(&name) => {}
                name => return Err(format!("unexpected top-level item {name:?}")),
            },
        }
    }
    // The documentation of every item but the shared macro's definition (its body holds
    // `#[$attr]` patterns, not attributes; it is docbind's own text).
    let mut docs = DocRuns::default();
    for item in &file.items {
        if matches!(item, syn::Item::Macro(m) if m.ident.is_some()) {
            continue;
        }
        let mut item_tokens = proc_macro2::TokenStream::new();
        quote::ToTokens::to_tokens(item, &mut item_tokens);
        docs.walk(item_tokens)?;
    }

    for run in &docs.runs {
        check_markdown(run)?;
    }
    Ok(())
}

/// Unicode bidirectional controls (rustc's `text_direction_codepoint_in_*` lints).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The documentation of a token stream, as rustdoc joins it: consecutive `#[doc = "..."]`
/// lines make one Markdown text; a `#[deprecated(note = "...")]` is one text of its own.
#[derive(Default)]
struct DocRuns {
    runs: Vec<String>,
    current: Option<String>,
}

impl DocRuns {
    fn flush(&mut self) {
        if let Some(run) = self.current.take() {
            self.runs.push(run);
        }
    }

    fn walk(&mut self, tokens: proc_macro2::TokenStream) -> Result<(), String> {
        use proc_macro2::{Delimiter, TokenTree};
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            let is_hash = matches!(&tokens[i], TokenTree::Punct(p) if p.as_char() == '#');
            let bang = usize::from(
                matches!(tokens.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!'),
            );
            if is_hash {
                if let Some(TokenTree::Group(g)) = tokens.get(i + 1 + bang) {
                    if g.delimiter() == Delimiter::Bracket {
                        self.attribute(g.stream())?;
                        i += 2 + bang;
                        continue;
                    }
                }
            }
            self.flush();
            if let TokenTree::Group(g) = &tokens[i] {
                self.walk(g.stream())?;
            }
            i += 1;
        }
        self.flush();
        Ok(())
    }

    fn attribute(&mut self, stream: proc_macro2::TokenStream) -> Result<(), String> {
        let attr: syn::Meta = syn::parse2(stream).map_err(|e| format!("attribute: {e}"))?;
        match &attr {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => {
                let line = string_of(&nv.value)?;
                let run = self.current.get_or_insert_with(String::new);
                if !run.is_empty() {
                    run.push('\n');
                }
                run.push_str(&line);
                return Ok(());
            }
            syn::Meta::List(list) if list.path.is_ident("doc") => {
                let nv: syn::MetaNameValue =
                    syn::parse2(list.tokens.clone()).map_err(|e| format!("doc(...): {e}"))?;
                let alias = string_of(&nv.value)?;
                let c_name = alias.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                    && alias.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if !nv.path.is_ident("alias") || !c_name {
                    return Err(format!("unexpected #[doc({})]", list.tokens));
                }
            }
            syn::Meta::List(list) if list.path.is_ident("deprecated") => {
                let nv: syn::MetaNameValue = syn::parse2(list.tokens.clone())
                    .map_err(|e| format!("deprecated(...): {e}"))?;
                self.flush();
                self.runs.push(string_of(&nv.value)?);
            }
            _ => {}
        }
        self.flush();
        Ok(())
    }
}

fn string_of(expr: &syn::Expr) -> Result<String, String> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Ok(s.value()),
        _ => Err("an attribute value that is not a string literal".to_string()),
    }
}

/// Checks one documentation text as rustdoc would render it.
pub fn check_markdown(markdown: &str) -> Result<(), String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    const ALLOWED: [&str; 6] = ["<sup>", "</sup>", "<sub>", "</sub>", "<br>", "<br/>"];
    const SCHEMES: [&str; 4] = ["javascript:", "data:", "vbscript:", "file:"];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    for event in Parser::new_ext(markdown, options) {
        match &event {
            Event::Html(html) | Event::InlineHtml(html) if !ALLOWED.contains(&html.trim()) => {
                return Err(format!("raw HTML {html:?} in the docs:\n{markdown}"));
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let dest: String = dest_url
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if SCHEMES.iter().any(|s| dest.starts_with(s)) {
                    return Err(format!("a link to {dest_url:?} in the docs:\n{markdown}"));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Renders a loaded model as the single file a build script gets.
pub fn render_single(bindings: &docbind::model::Bindings) -> String {
    let files = docbind::render(
        bindings,
        &docbind::Layout::SingleFile {
            name: "out.rs".into(),
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    files.files["out.rs"].clone()
}
