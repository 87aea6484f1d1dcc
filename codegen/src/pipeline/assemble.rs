//! Assembling the model: one enum page per type (a second page for the same type is reported and
//! left out), the lowered enums into their modules (a page that failed into the skipped, with its
//! diagnostics), and the enums of each module in order.

use super::lowering::Lowering;
use super::page_stages::{Candidate, diagnostic};
use super::run::Progress;
use super::types::{Loaded, Skipped};
use crate::diagnostic::Code;
use crate::model::{Bindings, Enum, Module};
use crate::page::front_matter::PageError;
use std::collections::BTreeMap;

/// Keeps one enum per module and name: a second page for the same type is reported and left out
/// (its last step of progress counted here).
// Boxed as the first stages made them: the pages move through without being copied.
#[allow(clippy::vec_box)]
pub(super) fn one_per_type(
    candidates: Vec<Box<Candidate>>,
    out: &mut Loaded,
    progress: &Progress<'_>,
) -> Vec<Box<Candidate>> {
    let mut owners: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut unique = Vec::with_capacity(candidates.len());
    for c in candidates {
        let key = (c.names.module.clone(), c.names.rust_name.clone());
        if let Some(first) = owners.get(&key) {
            progress.advance(1);
            out.diagnostics
                .extend(c.recoveries.iter().map(|r| diagnostic(&c.page, r.clone())));
            let message = format!(
                "`{}` is also documented by {}; this page is left out",
                c.names.c_name, first
            );
            out.diagnostics.push(
                diagnostic(&c.page, PageError::new(Code::DuplicatePage, 1, message))
                    .with_help("remove one of the pages, or give them different `req.typenames`"),
            );
            out.skipped.push(Skipped {
                source: c.page.rel_path.clone(),
                reason: format!("duplicate of {first}"),
                code: Some(Code::DuplicatePage),
                c_names: Vec::new(),
            });
            continue;
        }
        owners.insert(key, c.page.rel_path.clone());
        unique.push(c);
    }
    unique
}

/// Adds the enum each page lowered to (`results` are those of `pages`) to the model, with its
/// warnings; a page that failed, or whose enum has a name that is not a Rust identifier, is
/// skipped with its errors.
pub(super) fn add_lowered(pages: &[Box<Candidate>], results: Vec<Lowering>, out: &mut Loaded) {
    for (c, result) in pages.iter().zip(results) {
        out.diagnostics
            .extend(c.recoveries.iter().map(|r| diagnostic(&c.page, r.clone())));
        let c_names = || {
            std::iter::once(c.names.c_name.clone())
                .chain(c.names.aliases.iter().cloned())
                .collect()
        };
        match result {
            Ok(lowered) => {
                out.diagnostics
                    .extend(lowered.warnings.into_iter().map(|w| diagnostic(&c.page, w)));
                if let Some(bad) = invalid_identifier(&lowered.item) {
                    // Defence in depth: names were built from checked C names, but nothing that is
                    // not a plain Rust identifier may ever reach the emitted code.
                    let e = PageError::new(
                        Code::RustName,
                        1,
                        format!("`{bad}` is not a valid Rust identifier"),
                    );
                    out.skipped.push(Skipped {
                        source: c.page.rel_path.clone(),
                        reason: e.message.clone(),
                        code: Some(e.code),
                        c_names: c_names(),
                    });
                    out.diagnostics.push(diagnostic(&c.page, e));
                    continue;
                }
                add(&mut out.bindings, lowered.item, &c.names.header);
            }
            Err(errors) => {
                let reason = errors
                    .first()
                    .map(|e| e.message.clone())
                    .unwrap_or_default();
                let code = errors.first().map_or(Code::FieldName, |e| e.code);
                out.skipped.push(Skipped {
                    source: c.page.rel_path.clone(),
                    reason,
                    code: Some(code),
                    c_names: c_names(),
                });
                out.diagnostics
                    .extend(errors.into_iter().map(|e| diagnostic(&c.page, e)));
            }
        }
    }
}

/// Sorts the enums of each module by name.
pub(super) fn sort_enums(bindings: &mut Bindings) {
    for module in bindings.modules.values_mut() {
        module.enums.sort_by(|a, b| a.name.cmp(&b.name));
    }
}

/// The first of the enum's names (its own, its module's, its variants') that is not a plain Rust
/// identifier.
pub(super) fn invalid_identifier(item: &Enum) -> Option<&str> {
    std::iter::once(item.name.as_str())
        .chain(std::iter::once(item.module.as_str()))
        .chain(item.variants.iter().map(|v| v.name.as_str()))
        .find(|name| !crate::naming::is_rust_ident(name))
}

fn add(bindings: &mut Bindings, item: Enum, header: &str) {
    let module = bindings
        .modules
        .entry(item.module.clone())
        .or_insert_with(|| Module {
            name: item.module.clone(),
            header: header.to_string(),
            enums: Vec::new(),
        });
    module.enums.push(item);
}
