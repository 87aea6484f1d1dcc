//! docbind turns Markdown API reference pages (the format of Microsoft's Windows SDK and
//! driver documentation: YAML front matter, `## -description`, `## -enum-fields` with
//! `### -field NAME[:VALUE]`, ...) into Rust enums with documentation.
//!
//! # The house
//!
//! The folders of `codegen/src` are the pipeline, in the order the data flows; each stage takes
//! a typed value and gives one, and a stage imports only what lies below it (never a later
//! stage, never the pipeline that runs it):
//!
//! | folder | stage | in → out |
//! | --- | --- | --- |
//! | `page/` | read a page | bytes on disk → `SourcePage` → front matter + `Sections` |
//! | `lower/` | build the model | a parsed page → [`model::Enum`]s (names, values, doc text, availability, shape), then the configuration's overrides |
//! | `witness/` | check values | the model + C headers → corrected model + [`report::HeaderReport`] |
//! | `emit/` | emit Rust | the model → tokens (one module per style, doc placeholders, shared support items) |
//! | `output/` | write files | tokens → formatted text (syn + prettyplease) → files, written atomically |
//!
//! [`model`] is plain data that knows nothing of Markdown or Rust syntax: every stage after
//! `lower/` reads only it. `pipeline/` runs the stages over a whole tree (in parallel, with
//! progress and timings kept out of the steps); [`config`] is what the project chose
//! (`docbind.toml`), read by the stages; shared below all of them are `c/` (a C lexer,
//! expression evaluator and enum reader, for `## -syntax` blocks and headers), `doc_text/`
//! (page Markdown and HTML → rustdoc Markdown), `naming` (C and Rust identifiers) and
//! [`diagnostic`]. [`diff`] sits on the model alone: it compares two models (`docbind diff`)
//! and judges each change for semver. The front ends are thin: [`Builder`] for build scripts and the `docbind`
//! binary (`main.rs`, `cli/`, behind the `cli` feature).
//!
//! Why this shape: a newcomer should find where a page is read, where the model is built, where
//! values are checked, where Rust is emitted and where files are written from the folder names
//! alone; and new work lands in its room (another witness in `witness/`, another output in
//! `output/`), without import circles.
//!
//! # The public API
//!
//! At the root, the entry points: [`Builder`] for build scripts; [`Config`] (`docbind.toml`);
//! [`load()`], [`render()`], [`generate()`], [`write()`] and [`check()`] for tools; [`Layout`];
//! and [`Error`]. In modules: the model ([`model`], with its [`model::availability`]), the
//! configuration's parts ([`config`]), [`diagnostic`]s, what a run reports ([`report`]), and
//! what changes between two models ([`diff`]).
//! The reference (configuration keys, the JSON model, diagnostics, enum styles, corpus figures,
//! performance, hostile input) is in [`guide`].
//!
//! # Example
//!
//! A docs tree with one page, generated into memory:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let docs = std::env::temp_dir().join(format!("docbind-doc-crate-{}", std::process::id()));
//! std::fs::create_dir_all(docs.join("bits"))?;
//! std::fs::write(
//!     docs.join("bits/ne-bits-job_type.md"),
//!     "---\nUID: NE:bits.JOB_TYPE\nreq.header: bits.h\nreq.typenames: JOB_TYPE\n---\n\n\
//!      ## -description\nThe kind of a job.\n\n## -enum-fields\n\n\
//!      ### -field JOB_TYPE_DOWNLOAD\nDownloads.\n\n### -field JOB_TYPE_UPLOAD:4\nUploads.\n",
//! )?;
//!
//! let config = docbind::Config::discover(&docs)?; // the defaults: there is no docbind.toml
//! let generated = docbind::generate(&docs, &config, &docbind::Layout::Src)?;
//! let bits = &generated.files.files["bits.rs"];
//! assert!(bits.contains("pub enum JobType {"));
//! assert!(bits.contains("Upload = 4,"));
//! assert!(generated.loaded.diagnostics.is_empty());
//! std::fs::remove_dir_all(&docs)?;
//! # Ok(())
//! # }
//! ```
//!
//! In a build script, use [`Builder`]:
//!
//! ```no_run
//! // build.rs, in `fn main()`:
//! docbind::Builder::new("docs").generate().expect("docbind");
//! ```
//!
//! and include the file it writes:
//!
//! ```text
//! include!(concat!(env!("OUT_DIR"), "/docbind.rs"));
//! ```

// Shared by the stages: diagnostics, names, the C language, page text.
mod c;
pub mod diagnostic;
mod doc_text;
mod error;
mod naming;

// What the project chose.
pub mod config;

// The stages, in the order the data flows (rustfmt keeps this order: one stage a group).
mod page;

pub mod model;

// Above the model, reading only it: what changes between two models (`docbind diff`).
pub mod diff;

mod lower;

mod witness;

mod emit;

mod output;

// Running the stages over a tree, the front end for build scripts, and what a run reports.
mod builder;
mod pipeline;
pub mod report;

// The reference: guide pages (configuration, JSON model, diagnostics, ...).
pub mod guide;

pub use builder::Builder;
pub use config::Config;
pub use error::Error;
pub use lower::shape::looks_like_flags;
pub use output::layout::Layout;

use diagnostic::Diagnostic;
use model::Bindings;
use output::{Difference, Files, WriteReport};
use pipeline::{Loaded, Timings};
use std::path::Path;

/// Reads the pages under `docs` and builds the model. Problems with single pages are in
/// [`Loaded::diagnostics`], as the mode makes them ([`Config::strict`]): by default a page
/// that cannot be bound is left out with a warning; with `strict`, every page defect is an
/// error. `Err` only when `docs` cannot be read at all.
pub fn load(docs: &Path, config: &Config) -> Result<Loaded, Error> {
    load_with_progress(docs, config, &mut |_, _| {})
}

/// [`load()`], calling `progress(done, total)` as the work advances: `total` is known once the
/// pages are listed (three steps a page: read, parse, build the model), and `done` reaches it
/// at the end. Pages are worked on in parallel: the calls come from those threads, one at a
/// time, with `done` growing.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let docs = std::env::temp_dir().join(format!("docbind-doc-progress-{}", std::process::id()));
/// std::fs::create_dir_all(&docs)?;
/// std::fs::write(docs.join("index.md"), "# Not a reference page\n")?;
///
/// let mut last = (0, 0);
/// let loaded = docbind::load_with_progress(&docs, &docbind::Config::default(), &mut |done, total| {
///     last = (done, total);
/// })?;
/// assert_eq!(last, (3, 3));
/// assert_eq!((loaded.pages, loaded.skipped.len()), (1, 1));
/// std::fs::remove_dir_all(&docs)?;
/// # Ok(())
/// # }
/// ```
pub fn load_with_progress(
    docs: &Path,
    config: &Config,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<Loaded, Error> {
    let mut loaded = pipeline::load(docs, config, progress).map_err(Error::single)?;
    apply_config(&mut loaded, docs, config);
    Ok(loaded)
}

/// The configuration's overrides (renames, values, styles), then each enum's style and
/// `#[non_exhaustive]`, then the mode (see [`Config::strict`]): the last step of building the
/// model, for a tree (read from `docs`) and for pages alike.
fn apply_config(loaded: &mut Loaded, docs: &Path, config: &Config) {
    let start = std::time::Instant::now();
    let left_out = pipeline::left_out_types(loaded);
    let (mut bindings, diagnostics) =
        lower::overrides::apply(std::mem::take(&mut loaded.bindings), config, &left_out);
    lower::shape::resolve_styles(&mut bindings, config);
    loaded.bindings = bindings;
    loaded.diagnostics.extend(diagnostics);
    pipeline::settle(loaded, docs, config);
    loaded.timings.model += start.elapsed();
}

/// The version notes of every page under `docs`, whatever the page documents (enums,
/// structures, functions, callbacks, IOCTLs, ...): the front-matter fields
/// `req.target-min-winverclnt`, `req.target-min-winversvr`, `req.kmdf-ver` and `req.umdf-ver`,
/// and the version sentences of every prose section. No model is built; this is what
/// `docbind lint --all-pages` reports. `progress(done, total)` is called as pages are read.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let docs = std::env::temp_dir().join(format!("docbind-doc-survey-{}", std::process::id()));
/// std::fs::create_dir_all(&docs)?;
/// std::fs::write(
///     docs.join("nf-demo-f.md"),
///     "---\nUID: NF:demo.F\nreq.target-min-winverclnt: Windows 10, version 1809\n---\n\n\
///      ## -remarks\nSupported starting from Windows 10, version 1901.\n",
/// )?;
/// let survey = docbind::survey_availability(&docs, &mut |_, _| {})?;
/// assert_eq!((survey.pages, survey.notes.len(), survey.understood()), (1, 2, 1));
/// assert_eq!(survey.notes[1].shape(), "supported starting from windows #, version #.");
/// std::fs::remove_dir_all(&docs)?;
/// # Ok(())
/// # }
/// ```
pub fn survey_availability(
    docs: &Path,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<report::Survey, Error> {
    pipeline::survey_tree(docs, progress).map_err(Error::single)
}

/// Builds the model from pages held in memory instead of a docs tree on disk: each page is a
/// path relative to a docs root (forward slashes, e.g. `bits/ne-bits-foo.md`; diagnostics name
/// the page by it and links between pages resolve against it) and the page's bytes. Does what
/// [`load`] does after reading the files; nothing is read from disk.
///
/// ```
/// let page = "---\nUID: NE:demo.X\nreq.typenames: X\n---\n## -enum-fields\n### -field X_A\n";
/// let loaded = docbind::load_pages([("demo/x.md", page.as_bytes())], &docbind::Config::default());
/// assert!(!loaded.has_errors());
/// assert_eq!(loaded.bindings.enums().count(), 1);
///
/// // The configuration applies as it does to a tree: styles, #[non_exhaustive], renames.
/// let config = docbind::Config {
///     enum_style: docbind::model::EnumStyle::Newtype,
///     ..docbind::Config::default()
/// };
/// let loaded = docbind::load_pages([("demo/x.md", page.as_bytes())], &config);
/// let x = loaded.bindings.enums().next().unwrap();
/// assert_eq!(x.style, docbind::model::EnumStyle::Newtype);
/// assert!(x.non_exhaustive);
/// ```
pub fn load_pages<'a>(
    pages: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    config: &Config,
) -> Loaded {
    let mut loaded = pipeline::load_pages(pages, config);
    apply_config(&mut loaded, Path::new(""), config);
    loaded
}

/// Renders a model into the files of `layout`.
pub fn render(bindings: &Bindings, layout: &Layout) -> Result<Files, Error> {
    output::layout::render_timed(bindings, layout)
        .map(|(files, _, _)| files)
        .map_err(render_error)
}

/// [`render`], for output that goes to `dir`: a module file already in `dir` that was generated
/// from the same model by the same docbind, and not edited since (its header's fingerprint
/// says so), is reused instead of rendered again — the same bytes, without the work.
pub fn render_for(bindings: &Bindings, layout: &Layout, dir: &Path) -> Result<Files, Error> {
    render_for_timed(bindings, layout, dir).map(|(files, _)| files)
}

/// [`render_for`], with the time spent emitting tokens ([`Timings::emit`]) and formatting them
/// ([`Timings::format`]), each summed over threads; the other fields are zero.
pub fn render_for_timed(
    bindings: &Bindings,
    layout: &Layout,
    dir: &Path,
) -> Result<(Files, Timings), Error> {
    let previous = |rel: &str| std::fs::read_to_string(dir.join(rel)).ok();
    output::layout::render_reusing(bindings, layout, &previous)
        .map(|(files, emit, format)| {
            let timings = Timings {
                emit,
                format,
                ..Timings::default()
            };
            (files, timings)
        })
        .map_err(render_error)
}

/// The files of `loaded`, with the time emitting and formatting took.
fn rendered(loaded: Loaded, layout: &Layout) -> Result<Generated, Error> {
    let (files, emit, format) =
        output::layout::render_timed(&loaded.bindings, layout).map_err(render_error)?;
    let timings = Timings {
        emit,
        format,
        ..loaded.timings
    };
    Ok(Generated {
        loaded,
        files,
        timings,
    })
}

fn render_error(e: syn::Error) -> Error {
    Error::single(
        Diagnostic::error(
            "<generated>",
            0,
            format!("docbind produced Rust that does not parse (a bug in docbind): {e}"),
        )
        .with_code(diagnostic::Code::Internal),
    )
}

/// A successful run: the model and the files it becomes.
#[derive(Debug)]
pub struct Generated {
    /// The model and the warnings.
    pub loaded: Loaded,
    /// The files.
    pub files: Files,
    /// Time per stage (`write` is left for the caller that writes).
    pub timings: Timings,
}

/// Loads `docs` and renders it; fails with every error found when there is one: an error of
/// the run (the configuration, nothing left to write), or with [`Config::strict`] any page
/// defect. By default a page that cannot be bound is left out with a warning in
/// [`Loaded::diagnostics`], and the rest is rendered.
pub fn generate(docs: &Path, config: &Config, layout: &Layout) -> Result<Generated, Error> {
    let loaded = load(docs, config)?;
    if loaded.has_errors() {
        return Err(Error {
            diagnostics: loaded.diagnostics,
        });
    }
    rendered(loaded, layout)
}

/// Like [`generate`], but errors do not stop the run: the files are rendered from the pages
/// that succeeded, and the errors stay in the returned [`Loaded::diagnostics`] for the caller
/// to report (check [`Loaded::has_errors`]). Links to a page that failed are left as web
/// links. `Err` only when `docs` cannot be read at all.
///
/// This is `docbind generate --strict --keep-going`: the enums of the failing pages are
/// missing from what it writes. Without `strict` it renders what [`generate`] renders (page
/// defects leave their pages out in both), even when the run has errors.
pub fn generate_keep_going(
    docs: &Path,
    config: &Config,
    layout: &Layout,
) -> Result<Generated, Error> {
    let loaded = load(docs, config)?;
    rendered(loaded, layout)
}

/// Writes `files` into `dir` so that no file is ever half-written and a failure changes
/// nothing: every new or changed file is first written (and synced) into a staging directory
/// inside `dir`; only when all of them are there are they renamed into place, and then files
/// an earlier run generated that are no longer produced are removed. Files whose content is
/// already right are not touched (their modification time stays, so cargo does not rebuild).
/// Files without the `@generated by docbind` marker are never touched.
pub fn write(dir: &Path, files: &Files) -> std::io::Result<WriteReport> {
    output::write::write(dir, files)
}

/// What [`write()`] would change in `dir`; writes nothing.
pub fn check(dir: &Path, files: &Files) -> Vec<Difference> {
    output::write::check(dir, files)
}
