//! The mode of a run, applied last: what the page defects do (see
//! [`Config::strict`](crate::Config::strict)).
//!
//! Every diagnostic has a [`Class`]. A page defect that leaves its page out ([`Class::LeftOut`])
//! is made an error by the stages; by default it becomes a warning that says the page is left
//! out, and the rest of the tree is written. A defect docbind read past by assuming something
//! ([`Class::Recovered`]) is made a warning; with `strict` it becomes an error. Errors of the run
//! stay errors, notes stay notes. When every enum page of a tree was left out, there is nothing
//! to write: that is an error of the run.

use super::types::{Loaded, Skipped};
use crate::config::Config;
use crate::diagnostic::{Class, Code, Diagnostic, Severity};
use std::collections::BTreeSet;
use std::path::Path;

/// Applies the mode of `config` to `out` (whose pages were read from `docs`).
pub(crate) fn settle(out: &mut Loaded, docs: &Path, config: &Config) {
    leave_out_failed_enums(out, docs);
    for d in &mut out.diagnostics {
        match (d.class(), d.severity, config.strict) {
            (Class::LeftOut, Severity::Error, false) => {
                d.severity = Severity::Warning;
                if !d.message.contains("left out") {
                    d.message.push_str(match d.code {
                        Some(Code::UnreadableDir) => "; its pages are left out",
                        _ => "; the page is left out",
                    });
                }
            }
            (Class::Recovered, Severity::Warning, true) => d.severity = Severity::Error,
            _ => {}
        }
    }
    let left_out = out.left_out();
    if !config.strict && left_out > 0 && out.bindings.enums().next().is_none() {
        out.diagnostics.push(
            Diagnostic::error(
                docs,
                0,
                format!(
                    "no enum page could be bound: {left_out} page{} left out, nothing to write",
                    if left_out == 1 { " was" } else { "s were" }
                ),
            )
            .with_code(Code::NothingBound)
            .with_help(
                "fix the pages (the warnings above say how), or point docbind at the right tree",
            ),
        );
    }
}

/// The C names of the types whose pages were left out after they were named (for the
/// settings of the configuration that name them).
pub(crate) fn left_out_types(out: &Loaded) -> BTreeSet<String> {
    out.skipped
        .iter()
        .flat_map(|s| s.c_names.iter().cloned())
        .collect()
}

/// Takes out of the model the enums whose page got an error that leaves it out after the page
/// was lowered (what the C headers say can do that), and turns links to them into web links.
fn leave_out_failed_enums(out: &mut Loaded, docs: &Path) {
    let failed: BTreeSet<&Path> = out
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.class() == Class::LeftOut)
        .map(|d| d.file.as_path())
        .collect();
    if failed.is_empty() {
        return;
    }
    let mut removed = Vec::new();
    for module in out.bindings.modules.values_mut() {
        module.enums.retain(|e| {
            let gone = failed.contains(docs.join(&e.source).as_path());
            if gone {
                removed.push(e.clone());
            }
            !gone
        });
    }
    out.bindings.modules.retain(|_, m| !m.enums.is_empty());
    for e in &removed {
        let error = out
            .diagnostics
            .iter()
            .find(|d| d.is_error() && d.file == docs.join(&e.source));
        out.skipped.push(Skipped {
            source: e.source.clone(),
            reason: error.map_or_else(String::new, |d| d.message.clone()),
            code: error.and_then(|d| d.code).or(Some(Code::HeaderValues)),
            c_names: std::iter::once(e.c_name.clone())
                .chain(e.aliases.iter().cloned())
                .collect(),
        });
        // A link to the type would dangle: it goes to the page on the web instead.
        let from = format!("](type@super::{}::{})", e.module, e.name);
        let to = e.url.as_ref().map(|url| format!("]({url})"));
        if let Some(to) = to {
            for other in out
                .bindings
                .modules
                .values_mut()
                .flat_map(|m| m.enums.iter_mut())
            {
                for text in std::iter::once(&mut other.description)
                    .chain(std::iter::once(&mut other.remarks))
                    .chain(other.see_also.iter_mut())
                    .chain(other.variants.iter_mut().map(|v| &mut v.docs))
                {
                    if text.contains(&from) {
                        *text = text.replace(&from, &to);
                    }
                }
            }
        }
    }
    out.skipped.sort_by(|a, b| a.source.cmp(&b.source));
}
