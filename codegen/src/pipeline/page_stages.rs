//! The first stages, one file at a time: read (or decode) → front matter → sections. A page that
//! is not an enum page is let go as soon as its UID says so; an enum page leaves as a
//! [`Candidate`], named and parsed, for lowering.

use super::types::{Loaded, Skipped, Timings};
use crate::config::Config;
use crate::diagnostic::{Class, Code, Diagnostic};
use crate::lower::{self, TypeNames};
use crate::page::front_matter::{self, Declared, PageError, PageKind};
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
    /// What reading it assumed (front matter read as flat lines, a field name without its
    /// punctuation, ...): reported whatever becomes of the page.
    pub(super) recoveries: Vec<PageError>,
}

/// What the first stages made of one file.
pub(super) enum Outcome {
    /// An enum page, ready to be lowered.
    Enum(Box<Candidate>),
    /// Not an enum page (no diagnostic).
    Skipped(String),
    /// Not bound: why, the kind of the defect when an enum page is left out (`None` for a page
    /// of another kind, or an empty one), and the diagnostics (the page text is gone by then).
    Broken {
        reason: String,
        code: Option<Code>,
        diagnostics: Vec<Diagnostic>,
    },
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
                code: None,
                c_names: Vec::new(),
            }),
            Outcome::Broken {
                reason,
                code,
                diagnostics,
            } => {
                out.skipped.push(Skipped {
                    source: rel,
                    reason,
                    code,
                    c_names: Vec::new(),
                });
                out.diagnostics.extend(diagnostics);
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
        Err(d) => {
            let code = (d.class() == Class::LeftOut).then_some(d.code).flatten();
            // A page of another kind is skipped as one (its defect is the note's business).
            let reason = match d.message.split_once(", so not bound anyway") {
                Some((kind, _)) if d.code == Some(Code::OtherPage) => kind.to_string(),
                _ => d.message.clone(),
            };
            let outcome = Outcome::Broken {
                reason,
                code,
                diagnostics: vec![d],
            };
            return (outcome, t);
        }
    };
    t.bytes = page.text.len() as u64;
    if page.text.trim().is_empty() {
        let note = PageError::new(Code::EmptyPage, 1, "the page is empty; skipped");
        let d = diagnostic(&page, note);
        let outcome = Outcome::Broken {
            reason: "empty page".to_string(),
            code: None,
            diagnostics: vec![d],
        };
        return (outcome, t);
    }
    let read_done = Instant::now();
    t.read = read_done - start;
    let result = candidate(page, config, &mut t);
    t.front_matter = read_done.elapsed().saturating_sub(t.markdown);
    let outcome = match result {
        Made::Enum(c) => Outcome::Enum(c),
        Made::Other(reason) => Outcome::Skipped(reason),
        Made::Broken(page, e, recoveries) => broken(&page, e, recoveries),
    };
    (outcome, t)
}

/// The outcome of a page that cannot be bound because of `e`: an enum page is left out with
/// its diagnostics; a page of another kind (by its `UID:` line, or without one, by having no
/// `## -enum-fields` section) is no enum page anyway, and its defect only a note.
fn broken(page: &SourcePage, e: PageError, recoveries: Vec<PageError>) -> Outcome {
    let other = match front_matter::declared(&page.text) {
        Declared::Other(prefix) if e.code.class() == Class::LeftOut => Some(prefix),
        _ => None,
    };
    if let Some(prefix) = other {
        let mut note = PageError::new(
            Code::OtherPage,
            e.line,
            format!(
                "not an enum page ({prefix}), so not bound anyway: {}",
                e.message
            ),
        );
        note.column = e.column;
        note.help = e.help;
        return Outcome::Broken {
            reason: format!("not an enum page ({prefix})"),
            code: None,
            diagnostics: vec![diagnostic(page, note)],
        };
    }
    let reason = e.message.clone();
    let code = Some(e.code);
    let mut diagnostics: Vec<Diagnostic> = recoveries
        .into_iter()
        .map(|r| diagnostic(page, r))
        .collect();
    diagnostics.push(diagnostic(page, e));
    Outcome::Broken {
        reason,
        code,
        diagnostics,
    }
}

/// The diagnostic of a problem with `page`, with the page's text for its source line: an
/// error when its kind leaves the page out (the mode settles that later, see
/// [`super::settle`]), a note when only `lint` shows it, a warning otherwise.
pub(super) fn diagnostic(page: &SourcePage, e: PageError) -> Diagnostic {
    let d = match e.code.class() {
        Class::LeftOut | Class::Run => Diagnostic::error(&page.file, e.line, e.message),
        Class::Recovered | Class::Warning => Diagnostic::warning(&page.file, e.line, e.message),
        Class::Note => Diagnostic::note(&page.file, e.line, e.message),
    };
    let d = d
        .with_code(e.code)
        .at_column(e.column)
        .with_source(&page.text);
    match e.help {
        Some(help) => d.with_help(help),
        None => d,
    }
}

/// What the front matter and sections made of a page.
enum Made {
    /// An enum page.
    Enum(Box<Candidate>),
    /// Not an enum page (skipped, no diagnostic): why.
    Other(String),
    /// Broken: the page (for the diagnostic's source line), what is wrong, and what was
    /// recovered before.
    Broken(SourcePage, PageError, Vec<PageError>),
}

/// Splits the page, parses its front matter (read as flat lines when YAML rejects it), names
/// its type and walks its sections. Fills `t.markdown`.
fn candidate(page: SourcePage, config: &Config, t: &mut Timings) -> Made {
    let split = match front_matter::split(&page.text) {
        Ok(Some(split)) => split,
        Ok(None) if front_matter::looks_like_reference_page(&page.text) => {
            let e = PageError::new(
                Code::NoFrontMatter,
                1,
                "the page has sections of a reference page but no front matter",
            )
            .help("start the page with a `---` line, the YAML front matter (`UID: NE:...`), and another `---` line");
            return Made::Broken(page, e, Vec::new());
        }
        Ok(None) => return Made::Other("no front matter: not a reference page".to_string()),
        Err(e) => return Made::Broken(page, e, Vec::new()),
    };
    // Most pages of a docs tree are not enum pages: their UID says so before any YAML is parsed.
    if let Some(prefix) = front_matter::uid_prefix(split.yaml).filter(|p| *p != "NE") {
        return Made::Other(format!("not an enum page ({prefix}:)"));
    }
    let (front, fallback) = match front_matter::parse_recovering(&split) {
        Ok(parsed) => parsed,
        Err(e) => return Made::Broken(page, e, Vec::new()),
    };
    let mut recoveries: Vec<PageError> = fallback.into_iter().collect();
    if front.kind() != PageKind::Enum {
        let uid = front.uid.as_deref();
        let prefix = uid
            .and_then(|u| u.split_once(':'))
            .map(|(p, _)| p)
            .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphabetic()));
        if let Some(prefix) = prefix {
            return Made::Other(format!("not an enum page ({prefix}:)"));
        }
        if !front_matter::has_enum_fields(split.body) {
            return Made::Other("not an enum page (no UID)".to_string());
        }
        // No UID (or one with no kind), but enum fields: an enum page that cannot be named.
        let what = match uid {
            None => "its front matter has no `UID`".to_string(),
            Some(uid) => format!("its `UID` (`{uid}`) says no kind (`NE:header.NAME`)"),
        };
        let line = match uid {
            Some(_) => front.line_of("UID"),
            None => split.yaml_line.saturating_sub(1).max(1),
        };
        let e = PageError::new(
            Code::NoUid,
            line,
            format!("the page lists enum fields, but {what}"),
        )
        .help("add the page's UID to the front matter, e.g. `UID: NE:bits._BG_JOB_TYPE`");
        return Made::Broken(page, e, recoveries);
    }
    let names = match lower::type_names(&front, config) {
        Ok(names) => names,
        Err(e) => return Made::Broken(page, e, recoveries),
    };
    let md_start = Instant::now();
    let index = LineIndex::new(&page.text);
    let mut sections = sections::parse(split.body, split.body_offset, &index);
    recoveries.append(&mut sections.recoveries);
    t.markdown = md_start.elapsed();
    Made::Enum(Box::new(Candidate {
        page,
        front,
        sections,
        names,
        recoveries,
    }))
}
