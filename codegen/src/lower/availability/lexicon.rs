//! The words the parser knows, and the cursor that matches them.
//!
//! Every word list of the grammar lives here, so that what a note may say can be read in one
//! place: the note words that let a sentence be parsed at all, the framework names, the
//! auxiliaries, verbs and prepositions of availability sentences, the words that open a
//! condition or stop a subject, and the cue words of unparsed notes. [`Cursor`] walks the
//! tokens of one sentence and consumes phrases of these words.

use crate::model::availability::Framework;

/// Words one of which every note has: every statement names a platform (a framework name or
/// `windows`) or says `deprecated`/`obsolete`; so does every sentence
/// [`looks_like_note`](super::grammar::looks_like_note) accepts. Most sentences of a page have
/// none, and are not parsed at all.
pub(super) const NOTE_WORDS: &[&str] = &[
    "windows",
    "kmdf",
    "umdf",
    "ndis",
    "wddm",
    "bits",
    "directx",
    "direct3d",
    "dxgi",
    "iddcx",
    "deprecated",
    "obsolete",
];

/// Whether `matchable` (from [`normalize_for_matching`](super::text::normalize_for_matching))
/// can hold a note: it has one of [`NOTE_WORDS`] (as a substring, so that no token is missed).
pub(super) fn could_be_note(matchable: &str) -> bool {
    NOTE_WORDS.iter().any(|w| matchable.contains(w))
}

/// Framework names as written: `(tokens, framework)`.
pub(super) const FRAMEWORK_NAMES: &[(&str, Framework)] = &[
    ("kmdf", Framework::Kmdf),
    ("umdf", Framework::Umdf),
    ("ndis", Framework::Ndis),
    ("windows display driver model ( wddm )", Framework::Wddm),
    ("wddm", Framework::Wddm),
    ("bits", Framework::Bits),
    ("directx", Framework::DirectX),
    ("direct3d", Framework::Direct3D),
    ("dxgi", Framework::Dxgi),
    ("iddcx", Framework::IddCx),
];

/// Words allowed after "and later" ("... versions of the Windows operating
/// system", "... drivers", "... user-mode display drivers").
pub(super) const EXTENT_TAIL: &[&str] = &[
    "version",
    "versions",
    "of",
    "the",
    "windows",
    "operating",
    "system",
    "systems",
    "drivers",
    "user",
    "-",
    "mode",
    "display",
    "miniport",
    "implementations",
    "releases",
    "directx",
    "only",
    "server",
];

/// Words that introduce the verb of an availability sentence.
pub(super) const AUXILIARIES: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "has been",
    "have been",
    "must be",
    "can be",
    "be",
];

/// Availability verbs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Verb {
    /// supported, available, valid, introduced, ... (positive)
    Available,
    /// deprecated, obsolete
    Deprecated,
}

const VERBS: &[(&str, Verb)] = &[
    ("supported", Verb::Available),
    ("available", Verb::Available),
    ("valid", Verb::Available),
    ("present", Verb::Available),
    ("defined", Verb::Available),
    ("provided", Verb::Available),
    ("introduced", Verb::Available),
    ("used", Verb::Available),
    ("usable", Verb::Available),
    ("occurs", Verb::Available),
    ("deprecated", Verb::Deprecated),
    ("obsolete", Verb::Deprecated),
];

/// Prepositions before a release list; `true` when they mean "from ... on".
pub(super) const PREPOSITIONS: &[(&str, bool)] = &[
    ("in starting with", true),
    ("starting with", true),
    ("starting in", true),
    ("starting from", true),
    ("starting on", true),
    ("started in", true),
    ("starting", true),
    ("beginning with", true),
    ("beginning in", true),
    ("since", true),
    ("running on", false),
    ("in", false),
    ("on", false),
    ("for", false),
    ("with", false),
    ("by", false),
    ("from", false),
];

/// An availability verb, or two of the same kind ("available and supported", "obsolete and
/// has been deprecated").
pub(super) fn verb(c: &mut Cursor) -> Option<Verb> {
    let one = |c: &mut Cursor| VERBS.iter().find(|(w, _)| c.eat(w)).map(|&(_, v)| v);
    let kind = one(c)?;
    let mut probe = *c;
    if probe.eat_any(&["and", "or"]).is_some() {
        let _ = probe.eat_any(AUXILIARIES);
        if one(&mut probe) == Some(kind) {
            *c = probe;
        }
    }
    Some(kind)
}

/// Words that open a sentence with a condition ("Starting with Windows 8,
/// drivers ...", "For Windows Vista and later, ..."): such sentences describe
/// behaviour, and never start a subject.
pub(super) const CONDITIONAL_LEADS: &[&str] = &[
    "starting",
    "beginning",
    "for",
    "in",
    "on",
    "if",
    "when",
    "since",
    "after",
    "before",
    "over",
    "to",
];

/// Words that cannot open a plain subject ("..., but some members are
/// available only for ...").
pub(super) const SUBJECT_STOP: &[&str] = &[
    "but", "and", "or", "however", "although", "though", "some", "all", "only", "not", "which",
    "that", "so", "then", "also",
];

/// Words that signal availability wording next to a release.
pub(super) const CUE_WORDS: &[&str] = &[
    "supported",
    "available",
    "valid",
    "introduced",
    "present",
    "defined",
    "provided",
    "occurs",
    "applies",
    "deprecated",
    "obsolete",
    "removed",
];

/// A position in the tokens of one sentence (from [`tokenize`](super::text::tokenize)).
#[derive(Clone, Copy)]
pub(super) struct Cursor<'t> {
    pub(super) toks: &'t [&'t str],
    pub(super) pos: usize,
}

impl<'t> Cursor<'t> {
    pub(super) fn new(toks: &'t [&'t str]) -> Self {
        Cursor { toks, pos: 0 }
    }

    pub(super) fn peek(&self) -> Option<&'t str> {
        self.toks.get(self.pos).copied()
    }

    pub(super) fn bump(&mut self) -> Option<&'t str> {
        let t = self.peek()?;
        self.pos += 1;
        Some(t)
    }

    /// Consumes the next token if `test` accepts it.
    pub(super) fn bump_if(&mut self, test: impl Fn(&str) -> bool) -> Option<&'t str> {
        let t = self.peek().filter(|t| test(t))?;
        self.pos += 1;
        Some(t)
    }

    pub(super) fn done(&self) -> bool {
        self.pos >= self.toks.len()
    }

    /// Consumes the space-separated tokens of `phrase` if all match.
    pub(super) fn eat(&mut self, phrase: &str) -> bool {
        let mut probe = *self;
        for word in phrase.split(' ') {
            if probe.bump() != Some(word) {
                return false;
            }
        }
        *self = probe;
        true
    }

    /// Consumes the first matching phrase; returns its index.
    pub(super) fn eat_any(&mut self, phrases: &[&str]) -> Option<usize> {
        phrases.iter().position(|p| self.eat(p))
    }
}
