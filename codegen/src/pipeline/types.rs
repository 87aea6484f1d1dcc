//! What a run hands back: the model with every diagnostic ([`Loaded`]), the pages that made no
//! enum ([`Skipped`]), and the time spent in each stage ([`Timings`]).

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Bindings;
use crate::witness::headers::HeaderReport;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Duration;

/// A page that produced no enum, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Path relative to the docs root.
    pub source: String,
    /// Why (e.g. `not an enum page (NS:)`).
    pub reason: String,
    /// For an enum page that was left out, the kind of its defect (`no-fields`, ...); `None`
    /// for a page of another kind (or an empty one), which is no enum page to begin with.
    pub code: Option<Code>,
    /// The C names of the page's type, when it got as far as naming it (for settings of the
    /// configuration that name a type whose page was left out).
    #[serde(skip)]
    pub(crate) c_names: Vec<String>,
}

impl Skipped {
    /// Whether this is an enum page that was left out (rather than a page of another kind).
    pub fn is_left_out(&self) -> bool {
        self.code.is_some()
    }
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
    /// What the Windows metadata said, when metadata files were given (and could be read).
    pub winmd: Option<crate::witness::winmd_map::WinmdReport>,
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

    /// How many enum pages were left out (see [`Skipped::is_left_out`]).
    pub fn left_out(&self) -> usize {
        self.skipped.iter().filter(|s| s.is_left_out()).count()
    }
}

/// Adds the stages a load times (read, front matter, Markdown, model) and the bytes of `b` to
/// `a`.
pub(super) fn add_timings(a: &mut Timings, b: &Timings) {
    a.read += b.read;
    a.front_matter += b.front_matter;
    a.markdown += b.markdown;
    a.model += b.model;
    a.bytes += b.bytes;
}
