//! Which files a model becomes: a `src/` directory, a whole crate, or one file for `include!`.

use crate::emit;
use crate::model::{Bindings, Module};
use crate::output::fingerprint;
use crate::output::format;
use crate::output::{Files, MARKER};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// The shape of the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `lib.rs` plus one file per module: the `src/` of a library crate.
    Src,
    /// A buildable crate: `Cargo.toml` and `src/`.
    Crate {
        /// The package name written into `Cargo.toml`.
        package: String,
    },
    /// Everything in one file, to be `include!`d (as a build script writes into `OUT_DIR`).
    SingleFile {
        /// The file name.
        name: String,
    },
}

fn module_doc(m: &Module) -> String {
    format!(" Enums from {}.", crate::doc_text::code_span(&m.header))
}

fn source_lines(m: &Module) -> Vec<String> {
    m.enums.iter().map(|e| format!("  {}", e.source)).collect()
}

fn header_for(what: &str, sources: Vec<String>) -> Vec<String> {
    let mut lines = vec![format!(
        "{MARKER} {what}. Do not edit: regenerate with `docbind generate`."
    )];
    if !sources.is_empty() {
        lines.push("Sources (relative to the docs root):".to_string());
        lines.extend(sources);
    }
    lines
}

/// Renders the model into files; also returns the time spent emitting tokens and formatting
/// (summed over threads). Modules are rendered in parallel.
pub fn render_timed(
    bindings: &Bindings,
    layout: &Layout,
) -> Result<(Files, Duration, Duration), syn::Error> {
    render_reusing(bindings, layout, &|_| None)
}

/// [`render_timed`], reusing a module file that `previous` (the text at a path of the output,
/// when there is one) shows was generated from the same module by the same docbind and not
/// edited since (see [`crate::output::fingerprint`]): it is the text rendering would give.
pub fn render_reusing(
    bindings: &Bindings,
    layout: &Layout,
    previous: &(dyn Fn(&str) -> Option<String> + Sync),
) -> Result<(Files, Duration, Duration), syn::Error> {
    let mut files = Files::default();
    let mut emit_time = Duration::ZERO;
    let mut format_time = Duration::ZERO;
    let pages: usize = bindings.modules.values().map(|m| m.enums.len()).sum();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let summary = format!(
        "from {} in {}",
        plural(pages, "page"),
        plural(bindings.modules.len(), "module")
    );
    let support = emit::support_items(bindings);
    let macros = emit::support_macros(bindings);
    match layout {
        Layout::SingleFile { name } => {
            // One `pub mod` at a time: the file is their concatenation, as prettyplease prints
            // items one after another.
            let mut code = format::code(support)? + &macros;
            for m in bindings.modules.values() {
                let start = Instant::now();
                let doc = module_doc(m);
                let name = format_ident!("{}", m.name);
                let (items, docs) = emit::module_items(m);
                let tokens = quote! { #[doc = #doc] pub mod #name { #items } };
                emit_time += start.elapsed();
                let start = Instant::now();
                code.push_str(&format_expanded(tokens, &docs)?);
                format_time += start.elapsed();
            }
            let sources = bindings
                .enums()
                .map(|e| format!("  {}", e.source))
                .collect();
            let start = Instant::now();
            files.files.insert(
                name.clone(),
                format::with_header(&header_for(&summary, sources), &[&code]),
            );
            format_time += start.elapsed();
        }
        Layout::Src | Layout::Crate { .. } => {
            let prefix = if matches!(layout, Layout::Crate { .. }) {
                "src/"
            } else {
                ""
            };
            // rustfmt would reformat prettyplease's output; `cargo fmt` must leave generated
            // code alone, so every item of `lib.rs` (and through the `mod` items, every module
            // file) is marked `#[rustfmt::skip]`.
            // In a crate, each module is behind a cargo feature of its name (as in windows-sys),
            // so a consumer compiles only the headers it enables.
            let gated = matches!(layout, Layout::Crate { .. });
            let decls = bindings.modules.values().map(|m| {
                let doc = module_doc(m);
                let name = format_ident!("{}", m.name);
                let feature = &m.name;
                let cfg = gated.then(|| quote!(#[cfg(feature = #feature)]));
                quote! { #[doc = #doc] #cfg #[rustfmt::skip] pub mod #name; }
            });
            let support = rustfmt_skip_each(support.clone())?;
            let crate_doc = format!(
                " Rust enums generated by docbind from Markdown API reference pages ({summary})."
            );
            let lib: TokenStream = quote! { #![doc = #crate_doc] #support };
            let decls: TokenStream = quote! { #(#decls)* };
            let code = format::code(lib)? + &macros + &format::code(decls)?;
            files.files.insert(
                format!("{prefix}lib.rs"),
                format::with_header(&header_for(&summary, Vec::new()), &[&code]),
            );
            // The largest modules first, one per task, so that no thread is left with a big
            // one at the end; the files are put back in module order after.
            let mut modules: Vec<(usize, &Module)> =
                bindings.modules.values().enumerate().collect();
            modules.sort_by_key(|(i, m)| (std::cmp::Reverse(weight(m)), *i));
            let mut rendered: Vec<(usize, (String, String, Duration, Duration))> = modules
                .par_iter()
                .with_max_len(1)
                .map(|&(i, m)| render_module(m, prefix, previous).map(|r| (i, r)))
                .collect::<Result<_, syn::Error>>()?;
            rendered.sort_by_key(|(i, _)| *i);
            for (_, (path, text, emitted, formatted)) in rendered {
                emit_time += emitted;
                format_time += formatted;
                files.files.insert(path, text);
            }
            if let Layout::Crate { package } = layout {
                let features: Vec<&str> = bindings.modules.keys().map(String::as_str).collect();
                files
                    .files
                    .insert("Cargo.toml".to_string(), cargo_toml(package, &features));
            }
        }
    }
    Ok((files, emit_time, format_time))
}

/// Emitted tokens as formatted code, their doc placeholders expanded from `docs`.
fn format_expanded(tokens: TokenStream, docs: &[emit::docs::Docs]) -> Result<String, syn::Error> {
    Ok(emit::docs::expand(&format::code(tokens)?, docs))
}

/// A module's rough share of the rendering work.
fn weight(m: &Module) -> usize {
    m.enums.iter().map(|e| 8 + e.variants.len()).sum()
}

/// The file of one module at `prefix`, reused from `previous` when its fingerprint holds; with
/// the time spent emitting and formatting it.
fn render_module(
    m: &Module,
    prefix: &str,
    previous: &(dyn Fn(&str) -> Option<String> + Sync),
) -> Result<(String, String, Duration, Duration), syn::Error> {
    let path = format!("{prefix}{}.rs", m.name);
    let source = fingerprint::of_module(m, &path);
    if let Some(text) = previous(&path).filter(|t| fingerprint::still_valid(t, source)) {
        return Ok((path, text, Duration::ZERO, Duration::ZERO));
    }
    // One enum at a time, from tokens to text: the transient tokens and syntax trees stay
    // small, so their memory is reused rather than taken fresh from the system, and the
    // file's text is put together once, at its size.
    let start = Instant::now();
    let mut code = Vec::with_capacity(m.enums.len());
    let mut formatted = Duration::ZERO;
    emit::module_parts(m, |tokens, docs| {
        let start = Instant::now();
        code.push(format_expanded(tokens, &docs)?);
        formatted += start.elapsed();
        Ok::<_, syn::Error>(())
    })?;
    let emitted = start.elapsed().saturating_sub(formatted);
    let start = Instant::now();
    let code: Vec<&str> = code.iter().map(String::as_str).collect();
    let mut header = header_for(&format!("from `{}`", m.header), source_lines(m));
    header.push(fingerprint::line(source, &code));
    let text = format::with_header(&header, &code);
    Ok((path, text, emitted, formatted + start.elapsed()))
}

/// Adds `#[rustfmt::skip]` to every top-level item of `items`.
fn rustfmt_skip_each(items: TokenStream) -> Result<TokenStream, syn::Error> {
    let mut file: syn::File = syn::parse2(items)?;
    let skip: syn::Attribute = syn::parse_quote!(#[rustfmt::skip]);
    for item in &mut file.items {
        match item {
            syn::Item::Struct(i) => i.attrs.push(skip.clone()),
            syn::Item::Enum(i) => i.attrs.push(skip.clone()),
            syn::Item::Impl(i) => i.attrs.push(skip.clone()),
            syn::Item::Fn(i) => i.attrs.push(skip.clone()),
            syn::Item::Const(i) => i.attrs.push(skip.clone()),
            syn::Item::Type(i) => i.attrs.push(skip.clone()),
            syn::Item::Mod(i) => i.attrs.push(skip.clone()),
            syn::Item::Macro(i) => i.attrs.push(skip.clone()),
            syn::Item::Trait(i) => i.attrs.push(skip.clone()),
            _ => {}
        }
    }
    Ok(quote!(#file))
}

fn cargo_toml(package: &str, features: &[&str]) -> String {
    let mut toml = format!(
        "# {MARKER}. Do not edit: regenerate with `docbind generate --crate`.\n\
         [package]\n\
         name = \"{package}\"\n\
         version = \"0.1.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\
         \n\
         [lib]\n\
         path = \"src/lib.rs\"\n\
         \n\
         # docs.rs documents every header.\n\
         [package.metadata.docs.rs]\n\
         all-features = true\n\
         \n\
         # One feature per C header; none is on by default. `all-headers` enables every one.\n\
         [features]\n\
         all-headers = ["
    );
    let quoted: Vec<String> = features.iter().map(|f| format!("\"{f}\"")).collect();
    toml.push_str(&quoted.join(", "));
    toml.push_str("]\n");
    for f in features {
        toml.push_str(&format!("{f} = []\n"));
    }
    toml.push_str(
        "\n# A crate of its own, even when written inside another workspace.\n[workspace]\n",
    );
    toml
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EnumStyle;

    /// A module printed one enum at a time (as [`render_module`] prints it) is the module
    /// printed whole (as the single-file layout prints it), in every style.
    #[test]
    fn a_module_printed_an_enum_at_a_time_is_the_module_printed_whole() {
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
        for style in [
            EnumStyle::Rust,
            EnumStyle::Newtype,
            EnumStyle::Flags,
            EnumStyle::Consts,
        ] {
            let config = crate::Config {
                enum_style: style,
                ..crate::Config::default()
            };
            let loaded = crate::load(&docs, &config).unwrap();
            let mut several = 0;
            for m in loaded.bindings.modules.values() {
                several += usize::from(m.enums.len() > 1);
                let (tokens, table) = emit::module_items(m);
                let whole = format_expanded(tokens, &table).unwrap();
                let mut parts = String::new();
                emit::module_parts(m, |tokens, table| {
                    parts.push_str(&format_expanded(tokens, &table)?);
                    Ok::<_, syn::Error>(())
                })
                .unwrap();
                assert_eq!(parts, whole, "module {} in the {style:?} style", m.name);
            }
            assert!(several > 0, "no module of docs/ has several enums");
        }
    }
}
