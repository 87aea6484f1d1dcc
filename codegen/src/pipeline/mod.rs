//! The whole run over a docs tree: read → front matter → sections → model, collecting every
//! diagnostic instead of stopping at the first.

use crate::c;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::lower::{self, TypeNames};
use crate::model::{Bindings, Enum, Module, ValueSource};
use crate::page::front_matter::{self, PageError, PageKind};
use crate::page::read::{self, SourcePage};
use crate::page::sections::{self, LineIndex, Sections};
use crate::witness::headers::{self, HeaderReport};
use crate::witness::scan::HeaderIndex;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

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
    /// Time spent in each stage, summed over pages (and threads).
    pub timings: Timings,
}

/// Time spent per stage of a run, summed over the pages (so, with several threads, more
/// than the elapsed time), and the bytes read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Timings {
    /// Reading the files.
    pub read: Duration,
    /// Splitting and parsing the front matter.
    pub front_matter: Duration,
    /// Walking the Markdown into sections.
    pub markdown: Duration,
    /// Building the model (names, values, doc text, availability, header cross-check).
    pub model: Duration,
    /// Turning the model into tokens.
    pub emit: Duration,
    /// Parsing the tokens with syn and formatting with prettyplease.
    pub format: Duration,
    /// Writing the files (filled in by the caller that writes).
    pub write: Duration,
    /// Bytes of pages read (of a page left after its front matter, the bytes read to see it).
    pub bytes: u64,
}

impl Loaded {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A page that is an enum page and parsed far enough to be named.
struct Candidate {
    page: SourcePage,
    front: front_matter::FrontMatter,
    sections: Sections,
    names: TypeNames,
}

/// What the first stages made of one file.
enum Outcome {
    /// An enum page, ready to be lowered.
    Enum(Box<Candidate>),
    /// Not an enum page (no diagnostic).
    Skipped(String),
    /// Broken (or empty): why, and the diagnostic (the page text is gone by then).
    Broken(String, Box<Diagnostic>),
}

/// Reads (or, given its bytes, decodes), splits and parses one file; non-enum pages are let go
/// as soon as their UID is known.
fn first_stages(
    rel: String,
    file: PathBuf,
    bytes: Option<&[u8]>,
    config: &Config,
) -> (Outcome, Timings) {
    let mut t = Timings::default();
    let start = Instant::now();
    // Most pages of a docs tree are not enum pages, and their front matter says so: the rest
    // of them is not read.
    let read = match bytes {
        Some(bytes) => {
            let prefix = &bytes[..bytes.len().min(read::PREFIX_BYTES)];
            match front_matter::not_enum(prefix) {
                Some(reason) => Ok(read::Read::Skipped(reason, prefix.len())),
                None => read::decode_page(rel.clone(), file, bytes.to_vec()).map(read::Read::Page),
            }
        }
        None => read::read_page_unless(rel.clone(), file, front_matter::not_enum),
    };
    let page = match read {
        Ok(read::Read::Page(page)) => page,
        Ok(read::Read::Skipped(reason, read)) => {
            t.read = start.elapsed();
            t.bytes = read as u64;
            return (Outcome::Skipped(reason), t);
        }
        Err(d) => return (Outcome::Broken(d.message.clone(), Box::new(d)), t),
    };
    t.bytes = page.text.len() as u64;
    if page.text.trim().is_empty() {
        let warning = PageError::new(1, "the page is empty; skipped");
        let d = diagnostic(&page, warning, true);
        return (Outcome::Broken("empty page".to_string(), Box::new(d)), t);
    }
    let read_done = Instant::now();
    t.read = read_done - start;
    let result = candidate(page, config, &mut t);
    t.front_matter = read_done.elapsed().saturating_sub(t.markdown);
    let outcome = match result {
        Ok(Ok(c)) => Outcome::Enum(Box::new(c)),
        Ok(Err(reason)) => Outcome::Skipped(reason),
        Err((page, e)) => {
            let message = e.message.clone();
            Outcome::Broken(message, Box::new(diagnostic(&page, e, false)))
        }
    };
    (outcome, t)
}

fn add_timings(a: &mut Timings, b: &Timings) {
    a.read += b.read;
    a.front_matter += b.front_matter;
    a.markdown += b.markdown;
    a.model += b.model;
    a.bytes += b.bytes;
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

/// Counts steps of work for a progress callback: three per page (read, parse, build). Shared by
/// the threads that do the work, behind a mutex, so the callback sees one call at a time.
struct Progress<'a> {
    done: usize,
    total: usize,
    report: &'a mut (dyn FnMut(usize, usize) + Send),
    /// The stage times of the pages read so far (counted here, under the lock the progress
    /// takes anyway, rather than kept for each page).
    timings: Timings,
}

impl Progress<'_> {
    const STEPS_PER_PAGE: usize = 3;

    fn advance(&mut self, steps: usize) {
        self.done = (self.done + steps).min(self.total);
        (self.report)(self.done, self.total);
    }
}

fn advance(progress: &Mutex<Progress<'_>>, steps: usize) {
    lock(progress).advance(steps);
}

fn lock<'a, 'b>(progress: &'a Mutex<Progress<'b>>) -> std::sync::MutexGuard<'a, Progress<'b>> {
    // A callback that panicked poisons the mutex; counting goes on regardless.
    progress
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Reads every page under `docs` and builds the model. `progress(done, total)` is called as the
/// work advances (see [`crate::load_with_progress`]).
///
/// `Err` only when `docs` itself cannot be read; problems with pages are diagnostics.
pub fn load(
    docs: &Path,
    config: &Config,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<Loaded, Diagnostic> {
    let listing = read::list_pages(docs)?;
    let mut inputs = listing.dirs;
    inputs.extend(listing.files.iter().map(|(_, file)| file.clone()));
    let files = listing
        .files
        .into_iter()
        .map(|(rel, file)| (rel, file, None))
        .collect();
    let mut out = build(files, listing.errors, docs, config, progress);
    out.inputs = inputs;
    Ok(out)
}

/// Builds the model from pages held in memory: (path relative to a docs root, bytes).
pub fn load_pages<'a>(
    pages: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    config: &Config,
) -> Loaded {
    let mut files: Vec<(String, PathBuf, Option<&[u8]>)> = pages
        .into_iter()
        .map(|(rel, bytes)| {
            let rel = rel.replace('\\', "/");
            let file = PathBuf::from(&rel);
            (rel, file, Some(bytes))
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    build(files, Vec::new(), Path::new(""), config, &mut |_, _| {})
}

/// The run after the listing: `files` are (relative path, path as shown, bytes when in memory),
/// sorted; `errors` are what the listing found.
fn build(
    files: Vec<(String, PathBuf, Option<&[u8]>)>,
    errors: Vec<Diagnostic>,
    docs: &Path,
    config: &Config,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Loaded {
    let progress = Mutex::new(Progress {
        done: 0,
        total: files.len() * Progress::STEPS_PER_PAGE,
        report: progress,
        timings: Timings::default(),
    });
    advance(&progress, 0);
    let mut out = Loaded {
        pages: files.len(),
        diagnostics: errors,
        ..Loaded::default()
    };

    // Pages are independent until naming: read and parse them in parallel (results keep the
    // sorted order, so the output does not depend on the number of threads).
    let outcomes: Vec<(String, Outcome)> = files
        .into_par_iter()
        .map(|(rel, file, bytes)| {
            let (outcome, t) = first_stages(rel.clone(), file, bytes, config);
            // An enum page has its model still to build; any other page is done.
            let steps = if matches!(outcome, Outcome::Enum(_)) {
                2
            } else {
                Progress::STEPS_PER_PAGE
            };
            let mut progress = lock(&progress);
            add_timings(&mut progress.timings, &t);
            progress.advance(steps);
            (rel, outcome)
        })
        .collect();
    add_timings(&mut out.timings, &lock(&progress).timings);
    // Sized up front: memory that grows by copying is memory touched twice.
    let enums = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Enum(_)))
        .count();
    let mut candidates: Vec<Box<Candidate>> = Vec::with_capacity(enums);
    out.skipped.reserve(outcomes.len() - enums);
    for (rel, outcome) in outcomes {
        match outcome {
            Outcome::Enum(c) => candidates.push(c),
            Outcome::Skipped(reason) => out.skipped.push(Skipped {
                source: rel,
                reason,
            }),
            Outcome::Broken(reason, d) => {
                out.skipped.push(Skipped {
                    source: rel,
                    reason,
                });
                out.diagnostics.push(*d);
            }
        }
    }

    // One enum per module and name: a second page for the same type is reported and left out.
    let mut owners: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut unique = Vec::with_capacity(candidates.len());
    for c in candidates {
        let key = (c.names.module.clone(), c.names.rust_name.clone());
        if let Some(first) = owners.get(&key) {
            advance(&progress, 1);
            let message = format!(
                "`{}` is also documented by {}; this page is left out",
                c.names.c_name, first
            );
            out.diagnostics.push(
                diagnostic(&c.page, PageError::new(1, message), true)
                    .with_help("remove one of the pages, or give them different `req.typenames`"),
            );
            out.skipped.push(Skipped {
                source: c.page.rel_path.clone(),
                reason: format!("duplicate of {first}"),
            });
            continue;
        }
        owners.insert(key, c.page.rel_path.clone());
        unique.push(c);
    }

    // Pages whose enums are generated, for intra-doc links between them. `type@`: in the
    // `consts` style, a module can also have a constant of the type's name (a C enumerator
    // `TokenType` beside the type of `TOKEN_TYPE`).
    let mut items: BTreeMap<String, String> = unique
        .iter()
        .map(|c| {
            (
                c.page.rel_path.to_ascii_lowercase(),
                format!("type@super::{}::{}", c.names.module, c.names.rust_name),
            )
        })
        .collect();

    // Pass 1 lowers every page on its own; pages whose written values name enumerators of other
    // pages are lowered again with the values pass 1 found under the names those pages use.
    // The model's time: lowering summed over threads, and the rest as elapsed (one thread).
    let model_start = Instant::now();
    let lowering_nanos = AtomicU64::new(0);
    let mut lowering_elapsed = Duration::ZERO;
    let lower_all = |items: &BTreeMap<String, String>, progress: Option<&Mutex<Progress<'_>>>| {
        let resolve = |rel: &str| items.get(&rel.to_ascii_lowercase()).cloned();
        let lower_page = |c: &Candidate, globals: &c::Defines| {
            let page = lower::Page {
                rel_path: &c.page.rel_path,
                front: &c.front,
                sections: &c.sections,
                names: &c.names,
            };
            let start = Instant::now();
            let lowered = lower::lower(&page, config, &resolve, globals);
            let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
            lowering_nanos.fetch_add(nanos, Ordering::Relaxed);
            lowered
        };
        let none = c::Defines::default();
        let mut results: Vec<_> = unique
            .par_iter()
            .map(|c| {
                let result = lower_page(c, &none);
                if let Some(progress) = progress {
                    advance(progress, 1);
                }
                result
            })
            .collect();
        if results
            .iter()
            .any(|r| r.as_ref().is_ok_and(|l| l.unresolved))
        {
            // Only a name the unresolved pages use (a word of their text) can resolve them.
            let wanted: HashSet<&str> = unique
                .iter()
                .zip(&results)
                .filter(|(_, r)| r.as_ref().is_ok_and(|l| l.unresolved))
                .flat_map(|(c, _)| lower::names_in(&c.page.text))
                .collect();
            let mut globals = c::Defines::default();
            for lowered in results.iter().flatten() {
                for v in &lowered.item.variants {
                    if v.value_source != ValueSource::Inferred && wanted.contains(v.c_name.as_str())
                    {
                        globals.add_value(&v.c_name, v.value);
                    }
                }
            }
            unique
                .par_iter()
                .zip(results.par_iter_mut())
                .for_each(|(c, result)| {
                    if result.as_ref().is_ok_and(|l| l.unresolved) {
                        *result = lower_page(c, &globals);
                    }
                });
        }
        results
    };
    let start = Instant::now();
    let mut results = lower_all(&items, Some(&progress));
    lowering_elapsed += start.elapsed();
    // A page that fails makes no item, so links to it must not become intra-doc links (they
    // would dangle in the output that `generate_keep_going` writes): lower again without it.
    // Whether a page fails does not depend on the links, so the same pages fail again.
    let failed: Vec<&Candidate> = unique
        .par_iter()
        .zip(&results)
        .filter(|(_, r)| {
            !r.as_ref()
                .is_ok_and(|l| invalid_identifier(&l.item).is_none())
        })
        .map(|(c, _)| &**c)
        .collect();
    if !failed.is_empty() {
        for c in failed {
            items.remove(&c.page.rel_path.to_ascii_lowercase());
        }
        let start = Instant::now();
        results = lower_all(&items, None);
        lowering_elapsed += start.elapsed();
    }

    for (c, result) in unique.iter().zip(results) {
        match result {
            Ok(lowered) => {
                out.diagnostics.extend(
                    lowered
                        .warnings
                        .into_iter()
                        .map(|w| diagnostic(&c.page, w, true)),
                );
                if let Some(bad) = invalid_identifier(&lowered.item) {
                    // Defence in depth: names were built from checked C names, but nothing that is
                    // not a plain Rust identifier may ever reach the emitted code.
                    let e = PageError::new(1, format!("`{bad}` is not a valid Rust identifier"));
                    out.skipped.push(Skipped {
                        source: c.page.rel_path.clone(),
                        reason: e.message.clone(),
                    });
                    out.diagnostics.push(diagnostic(&c.page, e, false));
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
                    .extend(errors.into_iter().map(|e| diagnostic(&c.page, e, false)));
            }
        }
    }
    // The pages (their text, front matter and sections) are not needed any more: freeing them
    // is left to an idle thread of the pool rather than done here before returning.
    rayon::spawn(move || drop(unique));
    if !config.header_dirs.is_empty() {
        check_headers(&mut out, docs, config);
    }
    for module in out.bindings.modules.values_mut() {
        module.enums.sort_by(|a, b| a.name.cmp(&b.name));
    }
    out.timings.model += model_start.elapsed().saturating_sub(lowering_elapsed)
        + Duration::from_nanos(lowering_nanos.into_inner());
    out.skipped.sort_by(|a, b| a.source.cmp(&b.source));
    out
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

/// `Ok(Ok(_))`: an enum page; `Ok(Err(reason))`: not one (skipped, no diagnostic); `Err`: broken
/// (with the page, for the diagnostic's source line). Fills `t.markdown`.
#[allow(clippy::result_large_err)]
fn candidate(
    page: SourcePage,
    config: &Config,
    t: &mut Timings,
) -> Result<Result<Candidate, String>, (SourcePage, PageError)> {
    let split = match front_matter::split(&page.text) {
        Ok(Some(split)) => split,
        Ok(None) if front_matter::looks_like_reference_page(&page.text) => {
            let e = PageError::new(
                1,
                "the page has sections of a reference page but no front matter",
            )
            .help("start the page with a `---` line, the YAML front matter (`UID: NE:...`), and another `---` line");
            return Err((page, e));
        }
        Ok(None) => return Ok(Err("no front matter: not a reference page".to_string())),
        Err(e) => return Err((page, e)),
    };
    // Most pages of a docs tree are not enum pages: their UID says so before any YAML is parsed.
    if let Some(prefix) = front_matter::uid_prefix(split.yaml).filter(|p| *p != "NE") {
        return Ok(Err(format!("not an enum page ({prefix}:)")));
    }
    let front = match front_matter::parse(&split) {
        Ok(front) => front,
        Err(e) => return Err((page, e)),
    };
    if front.uid.is_none() && split.body.lines().any(|l| l.trim() == "## -enum-fields") {
        let e = PageError::new(
            split.yaml_line.saturating_sub(1).max(1),
            "the page lists enum fields, but its front matter has no `UID`",
        )
        .help("add the page's UID to the front matter, e.g. `UID: NE:bits._BG_JOB_TYPE`");
        return Err((page, e));
    }
    if front.kind() != PageKind::Enum {
        let prefix = front
            .uid
            .as_deref()
            .and_then(|u| u.split_once(':'))
            .map_or("no UID".to_string(), |(p, _)| format!("{p}:"));
        return Ok(Err(format!("not an enum page ({prefix})")));
    }
    let names = match lower::type_names(&front, config) {
        Ok(names) => names,
        Err(e) => return Err((page, e)),
    };
    let md_start = Instant::now();
    let index = LineIndex::new(&page.text);
    let sections = sections::parse(split.body, split.body_offset, &index);
    t.markdown = md_start.elapsed();
    Ok(Ok(Candidate {
        page,
        front,
        sections,
        names,
    }))
}
