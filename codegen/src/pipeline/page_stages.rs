//! The first stages, one file at a time: read (or decode) → front matter → sections. A page that
//! is not an enum page is let go as soon as its UID says so; an enum page leaves as a
//! [`Candidate`], named and parsed, for lowering.

use super::types::{Loaded, Skipped, Timings};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::lower::{self, TypeNames};
use crate::page::front_matter::{self, PageError, PageKind};
use crate::page::read::{self, SourcePage};
use crate::page::sections::{self, LineIndex, Sections};
use std::path::PathBuf;
use std::time::Instant;

/// A file to load: (path relative to the docs root, path as shown, bytes when in memory).
pub(super) type File<'a> = (String, PathBuf, Option<&'a [u8]>);

/// A page that is an enum page and parsed far enough to be named.
pub(super) struct Candidate {
    pub(super) page: SourcePage,
    pub(super) front: front_matter::FrontMatter,
    pub(super) sections: Sections,
    pub(super) names: TypeNames,
}

/// What the first stages made of one file.
pub(super) enum Outcome {
    /// An enum page, ready to be lowered.
    Enum(Box<Candidate>),
    /// Not an enum page (no diagnostic).
    Skipped(String),
    /// Broken (or empty): why, and the diagnostic (the page text is gone by then).
    Broken(String, Box<Diagnostic>),
}

/// One file through the first stages: its relative path with what they made of it, and the time
/// each stage took.
pub(super) fn run(file: File<'_>, config: &Config) -> ((String, Outcome), Timings) {
    let (rel, file, bytes) = file;
    let (outcome, t) = first_stages(rel.clone(), file, bytes, config);
    ((rel, outcome), t)
}

/// Whether the first stages finished with the page: an enum page has its model still to build;
/// any other page is done.
pub(super) fn is_done((_, outcome): &(String, Outcome)) -> bool {
    !matches!(outcome, Outcome::Enum(_))
}

/// Keeps the enum pages (in order) and records the others in `out`: skipped, with the diagnostic
/// of a broken one. The pages stay boxed as they were made: they move on without being copied.
#[allow(clippy::vec_box)]
pub(super) fn enum_pages(
    outcomes: Vec<(String, Outcome)>,
    out: &mut Loaded,
) -> Vec<Box<Candidate>> {
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
    candidates
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

/// The diagnostic of a problem with `page` (a warning, or an error), with the page's text for
/// its source line.
pub(super) fn diagnostic(page: &SourcePage, e: PageError, warning: bool) -> Diagnostic {
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
