//! The whole run over a docs tree: read → front matter → sections → model, collecting every
//! diagnostic instead of stopping at the first.

use crate::c_enum;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::front_matter::{self, PageError, PageKind};
use crate::header_scan::HeaderIndex;
use crate::headers::{self, HeaderReport};
use crate::lower::{self, TypeNames};
use crate::model::{Bindings, Enum, Module, ValueSource};
use crate::read::{self, SourcePage};
use crate::sections::{self, LineIndex, Sections};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A page that produced no enum, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Path relative to the docs root.
    pub source: String,
    /// Why (e.g. `not an enum page (NS:)`).
    pub reason: String,
}

/// What loading a docs tree produced.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The model.
    pub bindings: Bindings,
    /// Pages that produced no enum.
    pub skipped: Vec<Skipped>,
    /// Every error and warning, in page order.
    pub diagnostics: Vec<Diagnostic>,
    /// Number of pages read.
    pub pages: usize,
    /// Every file and directory read (for `cargo:rerun-if-changed`).
    pub inputs: Vec<PathBuf>,
    /// What the C headers said, when header directories were given.
    pub headers: Option<HeaderReport>,
}

impl Loaded {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A page that is an enum page and parsed far enough to be named.
struct Candidate<'p> {
    page: &'p SourcePage,
    front: front_matter::FrontMatter,
    sections: Sections,
    names: TypeNames,
}

fn diagnostic(page: &SourcePage, e: PageError, warning: bool) -> Diagnostic {
    let d = if warning {
        Diagnostic::warning(&page.file, e.line, e.message)
    } else {
        Diagnostic::error(&page.file, e.line, e.message)
    };
    let d = d.at_column(e.column).with_source(&page.text);
    match e.help {
        Some(help) => d.with_help(help),
        None => d,
    }
}

/// Reads every page under `docs` and builds the model.
///
/// `Err` only when `docs` itself cannot be read; problems with pages are diagnostics.
pub fn load(docs: &Path, config: &Config) -> Result<Loaded, Diagnostic> {
    let tree = read::read_tree(docs)?;
    let mut out = Loaded {
        pages: tree.pages.len() + tree.errors.iter().filter(|d| d.is_error()).count(),
        diagnostics: tree.errors,
        ..Loaded::default()
    };
    out.inputs = tree.dirs;
    out.inputs.extend(tree.pages.iter().map(|p| p.file.clone()));

    let mut candidates: Vec<Candidate<'_>> = Vec::new();
    for page in &tree.pages {
        match candidate(page, config) {
            Ok(Ok(c)) => candidates.push(c),
            Ok(Err(reason)) => out.skipped.push(Skipped {
                source: page.rel_path.clone(),
                reason,
            }),
            Err(e) => {
                out.skipped.push(Skipped {
                    source: page.rel_path.clone(),
                    reason: e.message.clone(),
                });
                out.diagnostics.push(diagnostic(page, e, false));
            }
        }
    }

    // One enum per module and name: a second page for the same type is reported and left out.
    let mut owners: BTreeMap<(String, String), &SourcePage> = BTreeMap::new();
    let mut unique = Vec::new();
    for c in candidates {
        let key = (c.names.module.clone(), c.names.rust_name.clone());
        if let Some(first) = owners.get(&key) {
            let message = format!(
                "`{}` is also documented by {}; this page is left out",
                c.names.c_name, first.rel_path
            );
            out.diagnostics.push(
                diagnostic(c.page, PageError::new(1, message), true)
                    .with_help("remove one of the pages, or give them different `req.typenames`"),
            );
            out.skipped.push(Skipped {
                source: c.page.rel_path.clone(),
                reason: format!("duplicate of {}", first.rel_path),
            });
            continue;
        }
        owners.insert(key, c.page);
        unique.push(c);
    }

    // Pages whose enums are generated, for intra-doc links between them.
    let items: BTreeMap<String, String> = unique
        .iter()
        .map(|c| {
            (
                c.page.rel_path.to_ascii_lowercase(),
                format!("super::{}::{}", c.names.module, c.names.rust_name),
            )
        })
        .collect();
    let resolve = |rel: &str| items.get(&rel.to_ascii_lowercase()).cloned();

    // Pass 1 lowers every page on its own; pages whose written values name enumerators of other
    // pages are lowered again with every value pass 1 found.
    let lower_page = |c: &Candidate<'_>, globals: &c_enum::Defines| {
        let page = lower::Page {
            rel_path: &c.page.rel_path,
            front: &c.front,
            sections: &c.sections,
            names: &c.names,
        };
        lower::lower(&page, config, &resolve, globals)
    };
    let none = c_enum::Defines::default();
    let mut results: Vec<_> = unique.iter().map(|c| lower_page(c, &none)).collect();
    if results
        .iter()
        .any(|r| r.as_ref().is_ok_and(|l| l.unresolved))
    {
        let mut globals = c_enum::Defines::default();
        for lowered in results.iter().flatten() {
            for v in &lowered.item.variants {
                if v.value_source != ValueSource::Inferred {
                    globals.add_value(&v.c_name, v.value);
                }
            }
        }
        for (c, result) in unique.iter().zip(results.iter_mut()) {
            if result.as_ref().is_ok_and(|l| l.unresolved) {
                *result = lower_page(c, &globals);
            }
        }
    }

    for (c, result) in unique.iter().zip(results) {
        match result {
            Ok(lowered) => {
                out.diagnostics.extend(
                    lowered
                        .warnings
                        .into_iter()
                        .map(|w| diagnostic(c.page, w, true)),
                );
                if let Some(bad) = invalid_identifier(&lowered.item) {
                    // Defence in depth: names were built from checked C names, but nothing that is
                    // not a plain Rust identifier may ever reach the emitted code.
                    let e = PageError::new(1, format!("`{bad}` is not a valid Rust identifier"));
                    out.skipped.push(Skipped {
                        source: c.page.rel_path.clone(),
                        reason: e.message.clone(),
                    });
                    out.diagnostics.push(diagnostic(c.page, e, false));
                    continue;
                }
                add(&mut out.bindings, lowered.item, &c.names.header);
            }
            Err(errors) => {
                let reason = errors
                    .first()
                    .map(|e| e.message.clone())
                    .unwrap_or_default();
                out.skipped.push(Skipped {
                    source: c.page.rel_path.clone(),
                    reason,
                });
                out.diagnostics
                    .extend(errors.into_iter().map(|e| diagnostic(c.page, e, false)));
            }
        }
    }
    if !config.header_dirs.is_empty() {
        check_headers(&mut out, docs, config);
    }
    for module in out.bindings.modules.values_mut() {
        module.enums.sort_by(|a, b| a.name.cmp(&b.name));
    }
    out.skipped.sort_by(|a, b| a.source.cmp(&b.source));
    Ok(out)
}

fn check_headers(out: &mut Loaded, docs: &Path, config: &Config) {
    let index = match HeaderIndex::scan(&config.header_dirs) {
        Ok(index) => index,
        Err(e) => {
            let dirs: Vec<String> = config
                .header_dirs
                .iter()
                .map(|d| d.display().to_string())
                .collect();
            out.diagnostics.push(
                Diagnostic::error(
                    dirs.join(", "),
                    0,
                    format!("cannot read the header directories: {e}"),
                )
                .with_help(
                    "--header-dir (or header-dirs in docbind.toml) must name readable directories",
                ),
            );
            return;
        }
    };
    let options = headers::Options {
        dirs: &config.header_dirs,
        docs,
        emit_header_only: config.header_only_variants,
    };
    let (report, diagnostics) = headers::cross_check(&mut out.bindings, &index, &options);
    out.diagnostics.extend(diagnostics);
    out.headers = Some(report);
}

fn invalid_identifier(item: &Enum) -> Option<&str> {
    std::iter::once(item.name.as_str())
        .chain(std::iter::once(item.module.as_str()))
        .chain(item.variants.iter().map(|v| v.name.as_str()))
        .find(|name| !crate::emit::is_rust_ident(name))
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

/// `Ok(Ok(_))`: an enum page; `Ok(Err(reason))`: not one (skipped, no diagnostic); `Err`: broken.
fn candidate<'p>(
    page: &'p SourcePage,
    config: &Config,
) -> Result<Result<Candidate<'p>, String>, PageError> {
    let Some(split) = front_matter::split(&page.text)? else {
        return Ok(Err("no front matter: not a reference page".to_string()));
    };
    let front = front_matter::parse(&split)?;
    if front.kind() != PageKind::Enum {
        let prefix = front
            .uid
            .as_deref()
            .and_then(|u| u.split_once(':'))
            .map_or("no UID".to_string(), |(p, _)| format!("{p}:"));
        return Ok(Err(format!("not an enum page ({prefix})")));
    }
    let names = lower::type_names(&front, config)?;
    let index = LineIndex::new(&page.text);
    let sections = sections::parse(split.body, split.body_offset, &index);
    Ok(Ok(Candidate {
        page,
        front,
        sections,
        names,
    }))
}
