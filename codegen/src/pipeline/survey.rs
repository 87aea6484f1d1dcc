//! The availability survey of a whole docs tree (`docbind lint --all-pages`): the version notes
//! of every page, whatever it documents, read in parallel. No model is built.

use crate::diagnostic::Diagnostic;
use crate::lower::availability::survey::{self, Origin};
use crate::model::availability::Entry;
use crate::page::read::{self, Read};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The version notes of every page of a tree.
#[derive(Debug, Default)]
pub struct Survey {
    /// Pages read.
    pub pages: usize,
    /// Pages whose front matter could not be read (their prose was still read).
    pub front_matter_unread: usize,
    /// Every note, by page (in path order) and line.
    pub notes: Vec<SurveyNote>,
    /// Pages that could not be read at all, and what the listing could not list.
    pub diagnostics: Vec<Diagnostic>,
}

/// One version note of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyNote {
    /// The page, as the user named the tree joined with its relative path.
    pub file: PathBuf,
    /// 1-based page line.
    pub line: usize,
    /// A front-matter field or the prose.
    pub origin: Origin,
    /// The text, whitespace-normalized.
    pub text: String,
    /// What it says; `None` when not understood.
    pub parsed: Option<Vec<Entry>>,
    /// The use what it says is limited to ("for opening ISO virtual disks"), if any.
    pub scope: Option<String>,
}

impl SurveyNote {
    /// The shape of the note, to group those not understood: its words with numbers as `#` and
    /// C names as `NAME`, after the front-matter key if it is one
    /// (`req.target-min-winverclnt: windows #, windows vista with sp#`).
    pub fn shape(&self) -> String {
        survey::shape(self.origin, &self.text)
    }
}

impl Survey {
    /// Notes understood.
    pub fn understood(&self) -> usize {
        self.notes.iter().filter(|n| n.parsed.is_some()).count()
    }
}

/// Reads every page under `docs` and collects its version notes ([`survey::page_notes`]).
/// `progress(done, total)` is called as pages are read. `Err` when `docs` cannot be listed.
pub fn survey_tree(
    docs: &Path,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<Survey, Diagnostic> {
    let listing = read::list_pages(docs)?;
    let total = listing.files.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let progress = std::sync::Mutex::new(progress);
    let pages: Vec<Result<(Vec<SurveyNote>, bool), Diagnostic>> = listing
        .files
        .into_par_iter()
        .map(|(rel, file)| {
            let read = read::read_page_unless(rel, file, |_| None);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if let Ok(mut report) = progress.lock() {
                report(n, total);
            }
            let Read::Page(page) = read? else {
                return Ok((Vec::new(), false));
            };
            let found = survey::page_notes(&page.text);
            let notes = found
                .notes
                .into_iter()
                .map(|n| SurveyNote {
                    file: page.file.clone(),
                    line: n.line,
                    origin: n.origin,
                    text: n.note.text,
                    parsed: n.note.parsed,
                    scope: n.note.scope,
                })
                .collect();
            Ok((notes, found.front_matter_unread))
        })
        .collect();
    let mut out = Survey {
        pages: total,
        diagnostics: listing.errors,
        ..Survey::default()
    };
    for page in pages {
        match page {
            Ok((notes, unread)) => {
                out.notes.extend(notes);
                out.front_matter_unread += usize::from(unread);
            }
            Err(d) => out.diagnostics.push(d),
        }
    }
    Ok(out)
}
