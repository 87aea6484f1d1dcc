//! Version notes ("Supported starting with Windows 10, version 1809.",
//! `req.kmdf-ver: 1.11`, "<b>BITS 1.2 and earlier:</b> Not supported.") turned
//! into structured availability data.
//!
//! The parser is hand-written and deliberately strict: a sentence is only
//! understood when *every* word of it fits one of the known shapes, so a
//! sentence that merely mentions a Windows version ("For Windows Vista and
//! later, the framework supports ...") is never misread as an availability
//! statement. Matching works on a normalized copy of the text (markup
//! stripped, non-breaking spaces folded, lowercase); the verbatim sentence is
//! kept in [`Note::text`].
//!
//! The parser is split along its seams, each layer using only those listed above it:
//!
//! - [`text`]: prose → sentences → normalized text → tokens; knows no word.
//! - [`lexicon`]: the word lists (note words, framework names, verbs, prepositions, ...)
//!   and the [`Cursor`](lexicon::Cursor) that consumes phrases of tokens.
//! - [`releases`]: release mentions and lists ("Windows Server 2008 R2 SP1", "KMDF 1.11
//!   and later"), using the model's release tables.
//! - [`grammar`]: the sentence shapes built on release lists, and the test for
//!   unparsed sentences that still look like notes.
//! - [`fields`]: front-matter values, which are bare versions, release lists or
//!   sentences of the grammar.
//!
//! - [`survey`]: the notes of a whole page of any kind (front matter and every prose
//!   section), for `docbind lint --all-pages`.
//!
//! This module holds the entry points: [`parse_front_matter`] and [`find_notes`].

mod fields;
mod grammar;
mod lexicon;
mod releases;
pub mod survey;
mod text;

#[cfg(test)]
mod tests;

use crate::model::availability::*;
use fields::{front_matter_tokens, strip_app_kinds};
use grammar::{looks_like_note, scoped_tokens, sentence_tokens};
use lexicon::could_be_note;
use text::{normalize_for_matching, normalize_whitespace, split_sentences, tokenize};

/// The front-matter keys carrying version information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrontMatterKey {
    /// `req.target-min-winverclnt`.
    Client,
    /// `req.target-min-winversvr`.
    Server,
    /// `req.kmdf-ver`.
    Kmdf,
    /// `req.umdf-ver`.
    Umdf,
}

impl FrontMatterKey {
    /// The key for a YAML front-matter key name, if it carries versions.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "req.target-min-winverclnt" => Some(Self::Client),
            "req.target-min-winversvr" => Some(Self::Server),
            "req.kmdf-ver" => Some(Self::Kmdf),
            "req.umdf-ver" => Some(Self::Umdf),
            _ => None,
        }
    }

    /// The YAML key (`req.target-min-winverclnt`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Self::Client => "req.target-min-winverclnt",
            Self::Server => "req.target-min-winversvr",
            Self::Kmdf => "req.kmdf-ver",
            Self::Umdf => "req.umdf-ver",
        }
    }
}

/// Parses one front-matter value (`req.target-min-winverclnt: Windows 10,
/// version 1809`, `req.kmdf-ver: 1.11`, ...). Returns `None` for an empty
/// value; otherwise a note whose `parsed` is `None` when the value was not
/// understood (`WIN11_FUTURE`, `D3D12DDI_SUPPORTED_0020`).
pub fn parse_front_matter(key: FrontMatterKey, value: &str) -> Option<Note> {
    let text = normalize_whitespace(value);
    if text.is_empty() {
        return None;
    }
    let matchable = normalize_for_matching(&text);
    let toks = tokenize(&matchable);
    let parsed = front_matter_tokens(key, strip_app_kinds(&toks));
    Some(Note {
        text,
        parsed,
        scope: None,
    })
}

/// Parses one sentence ("Supported starting with Windows 7.", "<b>BITS 1.2
/// and earlier: </b>Not supported."). Returns `None` unless the whole
/// sentence is understood as a version note.
#[cfg(test)]
pub fn parse_sentence(text: &str) -> Option<Vec<Entry>> {
    let matchable = normalize_for_matching(text);
    sentence_tokens(&tokenize(&matchable))
}

/// Splits a block of prose (a field body, description or remarks; plain text
/// or light Markdown/HTML) into sentences and returns those that look like
/// version notes, each parsed with [`parse_sentence`].
///
/// A sentence looks like a version note when it is understood, or when it
/// names a platform release next to availability wording ("supported in",
/// "and later", "deprecated", ...) without being a behaviour statement
/// conditioned on a version ("Starting with Windows 8, drivers should ...").
pub fn find_notes(text: &str) -> Vec<Note> {
    // Normalizing only lowercases, decodes entities and turns markup into spaces or drops it:
    // it never joins letters. So a sentence of ASCII text has a note word after it only when
    // the text has the word, in any case, before it. (Other text is normalized first: its
    // lowercase can differ, the Kelvin sign becoming `k`.)
    if text.is_ascii() && !could_be_note(&text.to_ascii_lowercase()) {
        return Vec::new();
    }
    notes_of_sentences(text)
}

/// `phrase` (lowercase words) as `sentence` writes it, when it is there with the same spaces
/// ("for opening ISO virtual disks"); else `phrase`.
fn verbatim(sentence: &str, phrase: &str) -> String {
    let lower = sentence.to_lowercase();
    match lower.find(phrase) {
        Some(at) if lower.len() == sentence.len() => sentence[at..at + phrase.len()].to_string(),
        _ => phrase.to_string(),
    }
}

/// [`find_notes`], sentence by sentence.
fn notes_of_sentences(text: &str) -> Vec<Note> {
    let mut notes = Vec::new();
    for sentence in split_sentences(text) {
        let matchable = normalize_for_matching(&sentence);
        if !could_be_note(&matchable) {
            continue;
        }
        let toks = tokenize(&matchable);
        let parsed = sentence_tokens(&toks);
        if parsed.is_some() {
            notes.push(Note {
                text: sentence,
                parsed,
                scope: None,
            });
        } else if let Some((entries, scope)) = scoped_tokens(&toks) {
            let scope = verbatim(&sentence, &scope.join(" "));
            notes.push(Note {
                text: sentence,
                parsed: Some(entries),
                scope: Some(scope),
            });
        } else if looks_like_note(&toks) {
            notes.push(Note {
                text: sentence,
                parsed: None,
                scope: None,
            });
        }
    }
    notes
}
