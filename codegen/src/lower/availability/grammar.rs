//! Sentence shapes: which sequences of words and release lists make an availability
//! statement, and which entries each states. [`sentence_tokens`] tries the shapes in turn and
//! accepts one only when it consumes every token; [`looks_like_note`] decides whether a
//! sentence no shape understood should still be kept as an (unparsed) note.

use super::lexicon::{
    AUXILIARIES, CONDITIONAL_LEADS, CUE_WORDS, Cursor, PREPOSITIONS, SUBJECT_STOP, Verb, verb,
};
use super::releases::{Extent, bare_platform, release_item, release_list};
use crate::model::availability::{Entry, Release};

/// Optional sentence subject before the verb: "this value", "the Cellular
/// COM API", "it", "XPSRAS_PIXEL_FORMAT", "System-mode DMA" (a plain subject
/// only directly before "is"/"are"/...), "Indicates version 1,".
fn subject(c: &mut Cursor) {
    let mut probe = *c;
    if probe.eat("indicates version")
        && probe
            .bump()
            .is_some_and(|t| t.bytes().all(|b| b.is_ascii_digit()))
        && probe.eat(",")
    {
        *c = probe;
        return;
    }
    let mut probe = *c;
    let Some(first) = probe.peek() else {
        return;
    };
    if CONDITIONAL_LEADS.contains(&first) {
        return;
    }
    let marked = matches!(first, "this" | "the" | "these" | "it") || first.contains('_');
    if !marked && SUBJECT_STOP.contains(&first) {
        return;
    }
    for words in 0..8 {
        let mut at = probe;
        if at.eat_any(AUXILIARIES).is_some() {
            if words > 0 {
                *c = probe;
            }
            return;
        }
        if verb(&mut at).is_some() || at.eat("applies") {
            if marked && words > 0 {
                *c = probe;
            }
            return;
        }
        match probe.bump() {
            Some(t)
                if t.chars()
                    .all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '.') => {}
            Some("-") => {}
            _ => return,
        }
    }
}

/// Skips leading labels: "Note", "Important", "> [!NOTE] >", "Versions:",
/// "Unless otherwise noted,".
fn skip_lead(c: &mut Cursor) {
    loop {
        let skipped = c
            .eat_any(&[
                ">",
                "!",
                "note",
                "notes",
                "important",
                "warning",
                "caution",
                "tip",
                ":",
                "versions :",
                "unless otherwise noted ,",
                "unless otherwise indicated ,",
            ])
            .is_some();
        if !skipped {
            return;
        }
    }
}

/// Strips a final "." and trailing "only" markers that carry no meaning.
pub(super) fn trim_end<'t>(toks: &'t [&'t str]) -> &'t [&'t str] {
    let mut toks = toks;
    while let Some((last, rest)) = toks.split_last() {
        if matches!(*last, "." | "!" | ";") {
            toks = rest;
        } else {
            break;
        }
    }
    toks
}

/// A sentence shape: parses from the cursor, the caller checks that all
/// tokens were consumed.
type Shape = fn(&mut Cursor) -> Option<Vec<Entry>>;

pub(super) fn sentence_tokens(toks: &[&str]) -> Option<Vec<Entry>> {
    let toks = trim_end(toks);
    let mut c = Cursor::new(toks);
    skip_lead(&mut c);
    let shapes: &[Shape] = &[
        verb_sentence,
        colon_sentence,
        bare_sentence,
        use_sentence,
        applies_sentence,
        lead_sentence,
        and_deprecated_sentence,
    ];
    shapes.iter().find_map(|shape| {
        let mut probe = c;
        let entries = shape(&mut probe)?;
        (probe.done() && !entries.is_empty()).then(|| dedup(entries))
    })
}

/// Removes repeated entries, keeping the first of each.
pub(super) fn dedup(entries: Vec<Entry>) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::with_capacity(entries.len());
    for e in entries {
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// Converts the release list after a preposition into entries.
fn clause_entries(
    items: &[(Release, Extent)],
    from_on: bool,
    negated: bool,
    only: bool,
    kind: Verb,
) -> Option<Vec<Entry>> {
    // "Available in Windows 2000, and Windows Vista and later": which
    // releases in between are meant is unclear.
    let mixed = items.iter().any(|&(_, e)| e == Extent::Exact)
        && items.iter().any(|&(_, e)| e != Extent::Exact);
    if mixed && !from_on {
        return None;
    }
    items
        .iter()
        .map(|&(r, ext)| match (kind, negated, ext) {
            (_, _, Extent::Earlier) => None,
            (Verb::Deprecated, false, _) => Some(Entry::Deprecated(Some(r))),
            (Verb::Available, false, Extent::Exact) if only && !from_on => Some(Entry::OnlyIn(r)),
            (Verb::Available, false, _) => Some(Entry::Introduced(r)),
            (Verb::Available, true, Extent::Later) => Some(Entry::NotSupportedFrom(r)),
            (Verb::Available, true, Extent::Exact) if from_on => Some(Entry::NotSupportedFrom(r)),
            _ => None,
        })
        .collect()
}

/// "[S] [is] [not] [only] VERB [only] (PREP RELEASES | PREP PLATFORM [only])
/// [, and [VERB] PREP ...]": "Supported starting with Windows 7.", "This
/// value is available in version 1.11 and later versions of KMDF running on
/// Windows 8 or later versions of Windows.", "Not available in UMDF.",
/// "Deprecated.", "This value is not supported until Windows 8 and Windows
/// Server 2012."
fn verb_sentence(c: &mut Cursor) -> Option<Vec<Entry>> {
    subject(c);
    let _ = c.eat_any(AUXILIARIES);
    let mut only = c.eat("only");
    let negated = c.eat("not");
    only |= c.eat("only");
    let kind = verb(c)?;
    only |= c.eat("only");
    let mut entries = Vec::new();
    if kind == Verb::Deprecated
        && (c.done()
            || c.eat_any(&["; do not use", "- do not use", "and should not be used"])
                .is_some())
    {
        return (!negated).then(|| vec![Entry::Deprecated(None)]);
    }

    if negated && c.eat_any(&["until", "before"]).is_some() {
        // "not supported until X": introduced in X.
        let items = release_list(c)?;
        return clause_entries(&items, true, false, false, Verb::Available);
    }
    loop {
        let from_on = PREPOSITIONS
            .iter()
            .find(|(p, _)| c.eat(p))
            .map(|&(_, f)| f)?;
        if let Some(p) = bare_platform(c) {
            let exclusive = only | c.eat("only");
            entries.push(match (negated, exclusive) {
                (true, _) => Entry::NotAvailable(p),
                (false, true) => Entry::Only(p),
                (false, false) => Entry::Available(p),
            });
        } else {
            let items = release_list(c)?;
            entries.extend(clause_entries(&items, from_on, negated, only, kind)?);
        }
        let mut next = *c;
        let sep = next.eat(",");
        let and = next.eat("and");
        let _ = verb(&mut next);
        let mut prep = next;
        if !sep && !and && !PREPOSITIONS.iter().any(|(p, _)| prep.eat(p)) {
            break;
        }
        *c = next;
    }
    Some(entries)
}

/// "S ..., and was deprecated in RELEASES": a sentence about its subject ("this", "the",
/// "it", a C name) whose last predicate deprecates it: "This flag is functionally identical to
/// KF_FLAG_NO_PACKAGE_REDIRECTION and was deprecated in Windows 10, version 1703."
fn and_deprecated_sentence(c: &mut Cursor) -> Option<Vec<Entry>> {
    let first = c.peek()?;
    if !(matches!(first, "this" | "the" | "it") || first.contains('_')) {
        return None;
    }
    let deprecates = |at: usize| {
        let mut probe = Cursor {
            toks: c.toks,
            pos: at,
        };
        probe.eat("and") && probe.eat_any(AUXILIARIES).is_some() && probe.eat("deprecated")
    };
    let and = (c.pos + 1..c.toks.len()).rev().find(|&at| deprecates(at))?;
    let mut rest = Cursor {
        toks: c.toks,
        pos: and + 1,
    };
    let entries = verb_sentence(&mut rest)?;
    *c = rest;
    Some(entries)
}

/// "RELEASES [and earlier]: [S] [is] not supported.", "Windows Vista or
/// later: This flag is supported.", "Windows Server 2003: This value is not
/// supported until Windows Server 2003 with SP1 ..."
fn colon_sentence(c: &mut Cursor) -> Option<Vec<Entry>> {
    let items = release_list(c)?;
    if !c.eat(":") {
        return None;
    }
    let mut rest = *c;
    subject(&mut rest);
    let _ = rest.eat_any(AUXILIARIES);
    if rest.eat("not supported") && rest.done() {
        *c = rest;
        return items
            .iter()
            .map(|&(r, ext)| (ext != Extent::Later).then_some(Entry::NotSupportedUpTo(r)))
            .collect();
    }
    let mut rest = *c;
    subject(&mut rest);
    let _ = rest.eat_any(AUXILIARIES);
    if rest.eat("supported") && rest.done() {
        *c = rest;
        return items
            .iter()
            .map(|&(r, ext)| (ext == Extent::Later).then_some(Entry::Introduced(r)))
            .collect();
    }
    // "X: This value is not supported until Y": the sentence after the colon
    // says it all.
    let entries = verb_sentence(c)?;
    entries
        .iter()
        .all(|e| matches!(e, Entry::Introduced(_)))
        .then_some(entries)
}

/// "Windows 7 and later.", "DirectX 8.0 and later versions only.",
/// "Windows Server 2003 SP1 and later and Windows XP SP2 and later versions
/// only."
fn bare_sentence(c: &mut Cursor) -> Option<Vec<Entry>> {
    let items = release_list(c)?;
    items
        .iter()
        .map(|&(r, ext)| (ext == Extent::Later).then_some(Entry::Introduced(r)))
        .collect()
}

/// "Use this value on Windows Vista and later versions of the Windows
/// operating system.", "Use this value only on Windows XP."
fn use_sentence(c: &mut Cursor) -> Option<Vec<Entry>> {
    if !c.eat("use this value") {
        return None;
    }
    let mut only = c.eat("only");
    c.eat_any(&["on", "in"])?;
    only |= c.eat("only");
    let items = release_list(c)?;
    clause_entries(&items, false, false, only, Verb::Available)
}

/// "[Applies to KMDF only]", "This value applies to UMDF only.", "This
/// enumeration type applies only to Windows Server 2003 with SP1 and later,
/// and Windows XP with SP2 and later."
fn applies_sentence(c: &mut Cursor) -> Option<Vec<Entry>> {
    subject(c);
    if !c.eat("applies") {
        return None;
    }
    let only = c.eat("only");
    if !c.eat("to") {
        return None;
    }
    if let Some(p) = bare_platform(c) {
        return (only | c.eat("only")).then(|| vec![Entry::Only(p)]);
    }
    let items = release_list(c)?;
    items
        .iter()
        .map(|&(r, ext)| (ext == Extent::Later).then_some(Entry::Introduced(r)))
        .collect()
}

/// "Starting with Windows 10 Version 1703, NDIS_HYPERVISOR_PARTITION_TYPE is
/// deprecated and should not be used."
fn lead_sentence(c: &mut Cursor) -> Option<Vec<Entry>> {
    c.eat_any(&["starting with", "starting in", "beginning with"])?;
    let items = release_list(c)?;
    if !c.eat(",") {
        return None;
    }
    subject(c);
    let _ = c.eat_any(AUXILIARIES);
    let kind = verb(c)?;
    if kind == Verb::Deprecated {
        let _ = c.eat("and should not be used");
    }
    clause_entries(&items, true, false, false, kind)
}

/// Does an unparsed sentence still look like a version note? Either it
/// opens with a release list followed by a colon or making up the whole
/// sentence with "and later/earlier" ("Windows 7 and earlier: ...",
/// "Windows 2000 and later."), or an availability verb
/// in predicate position ("is supported in", "Available starting with") is
/// followed by a release. Sentences opening with a version condition
/// ("Starting with Windows 8, drivers ...") describe behaviour and are left
/// out, as are releases used attributively ("the WDDM 1.2 and later
/// capabilities", "features supported by Direct3D 10.0").
pub(super) fn looks_like_note(toks: &[&str]) -> bool {
    let toks = trim_end(toks);
    let mut lead = Cursor::new(toks);
    skip_lead(&mut lead);
    if lead.peek().is_some_and(|t| CONDITIONAL_LEADS.contains(&t)) {
        return false;
    }
    let start = lead.pos;
    if toks.len() - start <= 3 && toks.iter().any(|t| matches!(*t, "deprecated" | "obsolete")) {
        return true;
    }
    let mut list = lead;
    if let Some(items) = release_list(&mut list) {
        let extended = items.iter().any(|&(_, ext)| ext != Extent::Exact);
        if list.peek() == Some(":") || (list.done() && extended) {
            return true;
        }
    }
    (start..toks.len()).any(|i| {
        let mut c = Cursor { toks, pos: i };
        if !c.bump().is_some_and(|t| CUE_WORDS.contains(&t)) {
            return false;
        }
        let mut back = i;
        while back > start && matches!(toks.get(back - 1), Some(&("not" | "only"))) {
            back -= 1;
        }
        let predicate = back == start
            || toks
                .get(back - 1)
                .is_some_and(|t| AUXILIARIES.iter().any(|a| a.rsplit(' ').next() == Some(*t)));
        let _ = c.eat("only");
        predicate
            && PREPOSITIONS.iter().any(|(p, _)| c.eat(p))
            && (release_item(&mut c.clone()).is_some() || bare_platform(&mut c).is_some())
    })
}
