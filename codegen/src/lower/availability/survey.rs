//! The version notes of a whole page of any kind (enum, struct, function, callback, IOCTL,
//! ...): its front-matter fields and the version sentences of its prose, for `docbind lint
//! --all-pages`. The enum pipeline reads notes where the model keeps them (the type's
//! description and remarks, each value's body); this reads every prose section of the page, so
//! that the grammar can be measured on pages it was not written from.

use super::{FrontMatterKey, find_notes, parse_front_matter};
use crate::model::availability::Note;
use crate::page::front_matter;

/// Where on a page a note was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A front-matter field.
    FrontMatter(FrontMatterKey),
    /// A sentence of the page's prose.
    Body,
}

/// One note of a page, with the 1-based page line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageNote {
    /// 1-based line.
    pub line: usize,
    /// Where it was found.
    pub origin: Origin,
    /// The text and what it says.
    pub note: Note,
}

/// What [`page_notes`] found: the notes, and whether the front matter could not be read (its
/// fields are then missing from the notes; the prose is still read).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageNotes {
    /// The notes, front matter first, then the prose in page order.
    pub notes: Vec<PageNote>,
    /// The front matter is there but is not YAML that docbind reads.
    pub front_matter_unread: bool,
}

/// Sections whose text is not prose about the API: the C declaration and the list of links.
const SKIPPED_SECTIONS: &[&str] = &["## -syntax", "## -see-also"];

/// The version notes of one page (its whole text): the four front-matter fields
/// ([`FrontMatterKey`]) and every sentence [`find_notes`] keeps from the prose of every section
/// but `## -syntax` and `## -see-also`. A page without front matter is all prose.
pub fn page_notes(text: &str) -> PageNotes {
    let mut out = PageNotes::default();
    let (body, body_offset) = match front_matter::split(text) {
        Ok(Some(split)) => {
            match front_matter::parse(&split) {
                Ok(front) => {
                    let keys = [
                        (FrontMatterKey::Client, &front.min_client),
                        (FrontMatterKey::Server, &front.min_server),
                        (FrontMatterKey::Kmdf, &front.kmdf),
                        (FrontMatterKey::Umdf, &front.umdf),
                    ];
                    for (key, value) in keys {
                        let Some(note) = value.as_deref().and_then(|v| parse_front_matter(key, v))
                        else {
                            continue;
                        };
                        out.notes.push(PageNote {
                            line: front.line_of(key.name()),
                            origin: Origin::FrontMatter(key),
                            note,
                        });
                    }
                }
                Err(_) => out.front_matter_unread = true,
            }
            (split.body, split.body_offset)
        }
        Ok(None) => (text, 0),
        Err(_) => {
            out.front_matter_unread = true;
            return out;
        }
    };
    let first_line = 1 + text[..body_offset].matches('\n').count();
    for (block, line) in prose_blocks(body, first_line) {
        let mut cursor = (0, line);
        for note in find_notes(block) {
            cursor = locate(block, &note.text, cursor);
            out.notes.push(PageNote {
                line: cursor.1,
                origin: Origin::Body,
                note,
            });
        }
    }
    out
}

/// The runs of `body` between headings, each with its first 1-based page line (`line` is the
/// body's), leaving out the sections of [`SKIPPED_SECTIONS`]. A code fence hides the headings
/// inside it.
fn prose_blocks(body: &str, line: usize) -> Vec<(&str, usize)> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut start_line = line;
    let mut skipping = false;
    let mut in_fence = false;
    let mut offset = 0;
    for (n, raw) in body.split_inclusive('\n').enumerate() {
        let trimmed = raw.trim_start();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
        }
        if !in_fence && trimmed.starts_with('#') {
            if !skipping && start < offset {
                blocks.push((&body[start..offset], start_line));
            }
            let heading = trimmed.trim_end();
            if heading.starts_with("## ") {
                skipping = SKIPPED_SECTIONS
                    .iter()
                    .any(|s| heading.eq_ignore_ascii_case(s));
            }
            start = offset + raw.len();
            start_line = line + n + 1;
        }
        offset += raw.len();
    }
    if !skipping && start < body.len() {
        blocks.push((&body[start..], start_line));
    }
    blocks
}

/// Where `sentence` (whitespace-normalized) starts in `text`, looking from `from` = (byte
/// offset, its page line): the byte offset and page line of its first word, or `from` when the
/// word is not found after it.
fn locate(text: &str, sentence: &str, from: (usize, usize)) -> (usize, usize) {
    let (offset, line) = from;
    let found = sentence.split_whitespace().next().and_then(|first| {
        let rest = text.get(offset..)?;
        Some(offset + rest.find(first)?)
    });
    match found {
        Some(at) => (at, line + text[offset..at].matches('\n').count()),
        None => from,
    }
}

/// The shape of a note, to group the ones not understood: its words as the grammar sees them
/// (markup stripped, lowercase), with each number replaced by `#` and each C name (a word with
/// `_`) by `NAME`; a front-matter value is prefixed with its key.
///
/// `Supported starting with Windows 10, version 1901.` →
/// `supported starting with windows #, version #.`
pub fn shape(origin: Origin, text: &str) -> String {
    let matchable = super::text::normalize_for_matching(text);
    let toks = super::text::tokenize(&matchable);
    let mut out = String::new();
    if let Origin::FrontMatter(key) = origin {
        out.push_str(key.name());
        out.push(':');
    }
    let mut glue = matches!(origin, Origin::Body);
    for tok in toks {
        let word = if tok.bytes().any(|b| b.is_ascii_digit()) {
            "#"
        } else if tok.contains('_') {
            "NAME"
        } else {
            tok
        };
        let closing = matches!(word, "," | "." | ":" | ";" | ")" | "!" | "?");
        if !glue && !closing {
            out.push(' ');
        }
        out.push_str(word);
        glue = word == "(";
    }
    out
}
