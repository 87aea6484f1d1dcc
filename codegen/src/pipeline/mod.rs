//! The whole run over a docs tree, collecting every diagnostic instead of stopping at the first.
//! The stages, in order:
//!
//! 1. **List** the pages ([`load`], with [`crate::page::read`]), or take them from memory
//!    ([`load_pages`]).
//! 2. **First stages**, each page on its own and in parallel: read → front matter → sections
//!    ([`page_stages`]); pages that are not enum pages are skipped here.
//! 3. **One page per type**: a second page for the same enum is left out ([`assemble`]).
//! 4. **Lower**, first pass: every page on its own ([`lowering`]).
//! 5. **Resolve cross-page values**, second pass: the pages whose values name other pages'
//!    enumerators, again ([`lowering`]). When pages fail, both passes run again without links to
//!    them.
//! 6. **Assemble** the enums into modules ([`assemble`]).
//! 7. **Witness**: check the model against the Windows metadata, then the C headers, when given
//!    ([`cross_check`]; which wins is `witness::precedence`).
//! 8. **Settle** the mode, once the configuration's overrides are applied ([`settle`]): by
//!    default a page defect leaves its page out with a warning; with `strict` it is an error.
//!
//! [`build`] drives them; progress, timings and parallelism are in [`run`]; what a run hands
//! back is in [`types`].

mod assemble;
mod cross_check;
mod lowering;
mod page_stages;
mod run;
mod settle;
mod survey;
mod types;

pub(crate) use settle::{left_out_types, settle};
pub use survey::{Survey, SurveyNote, survey_tree};
pub use types::{Loaded, Skipped, Timings};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::page::read;
use lowering::{Links, Lower};
use page_stages::File;
use run::{ModelClock, Progress};
use std::path::{Path, PathBuf};

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
    let mut files: Vec<File<'_>> = pages
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

/// The run after the listing: `files` are sorted by relative path; `errors` are what the listing
/// found.
fn build(
    files: Vec<File<'_>>,
    errors: Vec<Diagnostic>,
    docs: &Path,
    config: &Config,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Loaded {
    let progress = Progress::new(files.len(), progress);
    let mut out = Loaded {
        pages: files.len(),
        diagnostics: errors,
        ..Loaded::default()
    };

    // Pages are independent until naming: their first stages run in parallel.
    let outcomes = progress.per_page(files, |f| page_stages::run(f, config), page_stages::is_done);
    out.timings = progress.timings();
    let candidates = page_stages::enum_pages(outcomes, &mut out);
    let pages = assemble::one_per_type(candidates, &mut out, &progress);

    // Lower every page on its own, then again those whose values name other pages' enumerators.
    let mut links = Links::new(&pages);
    let clock = ModelClock::start();
    let lower = Lower {
        pages: &pages,
        config,
        clock: &clock,
    };
    let mut results = lower.first_pass(&links, Some(&progress));
    lower.second_pass(&links, &mut results);
    // No links to pages that failed: lower again without them (the same pages fail again).
    if links.drop_failed(&pages, &results) {
        results = lower.first_pass(&links, None);
        lower.second_pass(&links, &mut results);
    }
    assemble::add_lowered(&pages, results, &mut out);
    // The pages (their text, front matter and sections) are not needed any more.
    run::drop_in_background(pages);

    if !config.winmd.is_empty() {
        cross_check::check_winmd(&mut out, docs, config);
    }
    if !config.header_dirs.is_empty() {
        cross_check::check_headers(&mut out, docs, config);
    }
    assemble::sort_enums(&mut out.bindings);
    out.timings.model += clock.model_time();
    out.skipped.sort_by(|a, b| a.source.cmp(&b.source));
    out
}
