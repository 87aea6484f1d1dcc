//! Sentence shapes: which sequences of words and release lists make an availability
//! statement, and which entries each states. [`sentence_tokens`] tries the shapes in turn and
//! accepts one only when it consumes every token; [`looks_like_note`] decides whether a
//! sentence no shape understood should still be kept as an (unparsed) note.

use super::lexicon::{
    AUXILIARIES, CONDITIONAL_LEADS, CUE_WORDS, Cursor, NOTE_WORDS, PREPOSITIONS, SUBJECT_STOP,
    Verb, verb,
};
use super::releases::{Extent, Mention, bare_platform, release_list, starts_release};
use crate::model::availability::{Entry, Platform};

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
            // A subject that names a part or a condition ("Revision 3 of this structure",
            // "This value for NDIS 5.1 drivers") is not the item itself.
            Some(t) if SUBJECT_NARROWING.contains(&t) => return,
            Some(t)
                if t.chars()
                    .all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '.') => {}
            Some("-") => {}
            // "CalcPrivateBlendStateSize(D3D10DDI)".
            Some("(") => {
                let word = probe
                    .bump()
                    .is_some_and(|t| t.chars().all(|ch| ch.is_alphanumeric() || ch == '_'));
                if !word || !probe.eat(")") {
                    return;
                }
            }
            _ => return,
        }
    }
}

/// Words that make a subject name a part of the item, or the item under a condition.
const SUBJECT_NARROWING: &[&str] = &[
    "latest",
    "revision",
    "revisions",
    "version",
    "versions",
    "some",
    "certain",
    "following",
    "for",
    "when",
    "if",
    "with",
    "in",
    "on",
    "except",
    "unless",
];

/// Skips leading labels: "Note", "Important", "> [!NOTE] >", "Versions:",
/// "Unless otherwise noted,".
fn skip_lead(c: &mut Cursor) {
    loop {
        let skipped = c
            .eat_any(&[
                ">",
                "!",
                "note that",
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

/// Strips what carries no meaning around a sentence: a final "." (or "!", ";", ","), the
/// pipes of a table cell ("| Available starting with Windows 8.|", but not those of a row of
/// cells), the parentheses around a whole sentence ("(Obsolete.)"), and a closing pointer "(see
/// Remarks)".
pub(super) fn trim_end<'t>(toks: &'t [&'t str]) -> &'t [&'t str] {
    let mut toks = toks;
    loop {
        let before = toks.len();
        while let Some((last, rest)) = toks.split_last() {
            if matches!(*last, "." | "!" | ";" | "|" | ",") {
                toks = rest;
            } else {
                break;
            }
        }
        if let Some((first, rest)) = toks.split_first() {
            let closes = |t: &str| rest.contains(&t);
            match *first {
                "|" if !closes("|") => toks = rest,
                "(" if !closes(")") => toks = rest,
                "(" if rest.last() == Some(&")") && !rest[..rest.len() - 1].contains(&")") => {
                    toks = &rest[..rest.len() - 1];
                }
                _ => {}
            }
        }
        if toks.last() == Some(&")") {
            if let Some(open) = toks.iter().rposition(|t| *t == "(") {
                if open > 0
                    && toks.get(open + 1) == Some(&"see")
                    && !toks[open + 1..toks.len() - 1].contains(&"(")
                {
                    toks = &toks[..open];
                }
            }
        }
        if toks.len() == before {
            return toks;
        }
    }
}

/// A sentence shape: parses from the cursor, the caller checks that all
/// tokens were consumed.
type Shape = fn(&mut Cursor) -> Option<Vec<Entry>>;

pub(super) fn sentence_tokens(toks: &[&str]) -> Option<Vec<Entry>> {
    sentence_parts(toks).filter(|entries| !entries.is_empty())
}

/// [`sentence_tokens`], also when the sentence is understood but states nothing about a
/// platform docbind models ("Not available in Windows 98/Me."): then the entries are empty.
pub(super) fn sentence_parts(toks: &[&str]) -> Option<Vec<Entry>> {
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
        implements_sentence,
    ];
    shapes.iter().find_map(|shape| {
        let mut probe = c;
        let entries = shape(&mut probe)?;
        probe.done().then(|| dedup(entries))
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

/// Converts the release list after a preposition into entries. Releases docbind does not
/// model ("Windows 98/Me") give none, unless the clause is exclusive ("only on").
fn clause_entries(
    items: &[Mention],
    from_on: bool,
    negated: bool,
    only: bool,
    kind: Verb,
) -> Option<Vec<Entry>> {
    // "Available in Windows 2000, and Windows Vista and later": which
    // releases in between are meant is unclear.
    let mixed = items.iter().any(|m| m.extent == Extent::Exact)
        && items.iter().any(|m| m.extent != Extent::Exact);
    if mixed && !from_on {
        return None;
    }
    let mut out = Vec::new();
    for m in items {
        let exact_only = only && !from_on && m.extent == Extent::Exact;
        // "Not available in Windows 2000 SP4 and earlier operating systems."
        let earlier_not = m.extent == Extent::Earlier && negated && kind == Verb::Available;
        if (m.extent == Extent::Earlier && !earlier_not)
            || (m.update && (kind != Verb::Available || negated || exact_only))
            || (m.release.is_none() && only)
        {
            return None;
        }
        let Some(r) = m.release else { continue };
        out.push(match (kind, negated, m.extent) {
            _ if earlier_not => Entry::NotSupportedUpTo(r),
            (Verb::Deprecated, false, _) => Entry::Deprecated(Some(r)),
            (Verb::Available, false, _) if exact_only => Entry::OnlyIn(r),
            (Verb::Available, false, _) if m.update => Entry::IntroducedWithUpdate(r),
            (Verb::Available, false, _) => Entry::Introduced(r),
            (Verb::Available, true, Extent::Later) => Entry::NotSupportedFrom(r),
            (Verb::Available, true, Extent::Exact) if from_on => Entry::NotSupportedFrom(r),
            _ => return None,
        });
    }
    Some(out)
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
    predicate(c, kind, negated, only)
}

/// What may follow a deprecation: "; do not use", ", use X instead", "and has been replaced
/// by X", ", so you should use X instead".
fn deprecation_tail(c: &mut Cursor) -> bool {
    let mut probe = *c;
    if probe
        .eat_any(&[
            "; do not use",
            "- do not use",
            ", do not use",
            ". do not use",
            "and should not be used",
            "; see remarks",
            ". see remarks",
        ])
        .is_some()
    {
        *c = probe;
        return true;
    }
    // "; filters should instead use X", "; drivers should use X instead".
    let mut probe = *c;
    if probe.eat_any(&[";", ","]).is_some() {
        let _ = probe.bump_if(|t| {
            matches!(
                t,
                "drivers" | "filters" | "callers" | "applications" | "you"
            )
        });
        if probe.eat("should") {
            let instead_first = probe.eat("instead");
            if probe.eat("use")
                && probe.bump_if(is_name).is_some()
                && (instead_first || probe.eat("instead"))
            {
                *c = probe;
                return true;
            }
        }
    }
    let mut probe = *c;
    let _ = probe.eat_any(&[",", ";", "."]);
    let use_instead = probe.eat_any(&["use", "so you should use"]).is_some();
    let replaced = !use_instead
        && probe
            .eat_any(&[
                "and has been replaced by",
                "and was replaced by",
                "and replaced by",
            ])
            .is_some();
    if !use_instead && !replaced {
        return false;
    }
    // One name, or two joined by "or" ("use X or Y instead").
    if probe.bump_if(is_name).is_none() {
        return false;
    }
    if probe.eat("or") && probe.bump_if(is_name).is_none() {
        return false;
    }
    if use_instead && !probe.eat("instead") {
        return false;
    }
    *c = probe;
    true
}

/// A word that can be the name of an API ("ExAllocatePool2", "WIAS_ERROR").
fn is_name(t: &str) -> bool {
    t.chars().all(|ch| ch.is_alphanumeric() || ch == '_') && t.chars().any(|ch| ch.is_alphabetic())
}

/// The predicate after the verb: "starting with Windows 7", "in Windows 8 and later, and used by
/// WDDM 1.3 and later drivers", "until Windows 8", "in Windows 10, version 2004 and has been
/// replaced by X".
fn predicate(c: &mut Cursor, kind: Verb, negated: bool, only: bool) -> Option<Vec<Entry>> {
    let mut kind = kind;
    let mut entries = Vec::new();
    if kind == Verb::Deprecated && (c.done() || deprecation_tail(c)) {
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
            entries.push(match (negated, exclusive, kind) {
                (true, _, Verb::Available) => Entry::NotAvailable(p),
                (false, true, Verb::Available) => Entry::Only(p),
                (false, false, Verb::Available) => Entry::Available(p),
                (_, _, Verb::Deprecated) => return None,
            });
        } else {
            let items = release_list(c)?;
            // "Supported on Microsoft Windows 2000 only."
            let only = only | c.eat("only");
            entries.extend(clause_entries(&items, from_on, negated, only, kind)?);
        }
        if kind == Verb::Deprecated && !negated {
            // "obsolete in Windows 8 and later, and is no longer supported": not supported
            // from the same releases on.
            let mut tail = *c;
            if tail
                .eat_any(&[
                    ", and is no longer supported",
                    "and is no longer supported",
                    ", and is not supported by microsoft",
                    "and is not supported by microsoft",
                ])
                .is_some()
            {
                let gone: Vec<Entry> = entries
                    .iter()
                    .filter_map(|e| match e {
                        Entry::Deprecated(Some(r)) => Some(Entry::NotSupportedFrom(*r)),
                        _ => None,
                    })
                    .collect();
                if gone.is_empty() {
                    return None;
                }
                entries.extend(gone);
                *c = tail;
            }
            let _ = deprecation_tail(c);
            if c.done() {
                break;
            }
        }
        let mut next = *c;
        let sep = next.eat(",");
        let and = next.eat("and");
        // ", which is available on Windows 8 and later" after "supported by the Direct3D
        // 11.1 runtime": where the runtime is, the item is.
        let which = sep
            && !and
            && kind == Verb::Available
            && !negated
            && next.eat_any(&["which is", "which are"]).is_some();
        let mut with_verb = next;
        let _ = with_verb.eat_any(AUXILIARIES);
        match verb(&mut with_verb) {
            Some(k) if which && k != Verb::Available => return None,
            Some(k) => {
                kind = k;
                next = with_verb;
            }
            None if which => return None,
            None => {}
        }
        let mut prep = next;
        if !sep && !and && !PREPOSITIONS.iter().any(|(p, _)| prep.eat(p)) {
            break;
        }
        *c = next;
    }
    Some(entries)
}

/// "The PortCls system driver implements the PcNewPort function in Microsoft Windows 98/Me
/// and in Windows 2000 and later operating systems.": where a component implements the item,
/// the item is available.
fn implements_sentence(c: &mut Cursor) -> Option<Vec<Entry>> {
    if !matches!(c.peek(), Some("the" | "this")) {
        return None;
    }
    let at = (c.pos..c.toks.len().min(c.pos + 8)).find(|&i| c.toks[i] == "implements")?;
    if !c.toks[c.pos..at].iter().all(|t| is_name(t)) {
        return None;
    }
    c.pos = at + 1;
    c.eat_any(&["the", "this"])?;
    c.bump_if(is_name)?;
    c.eat_any(&["function", "routine", "method", "interface", "callback"])?;
    predicate(c, Verb::Available, false, false)
}

/// "S ..., and was deprecated in RELEASES": a sentence about its subject ("this", "the",
/// "it", a C name) whose last predicate deprecates it: "This flag is functionally identical to
/// KF_FLAG_NO_PACKAGE_REDIRECTION and was deprecated in Windows 10, version 1703." Or whose
/// last predicate makes it available, after one that says nothing about where it is: "The
/// POOL_COLD_ALLOCATION flag is only advisory and is available for Windows XP and later
/// versions of the Windows operating system."
fn and_deprecated_sentence(c: &mut Cursor) -> Option<Vec<Entry>> {
    let first = c.peek()?;
    if !(matches!(first, "this" | "the" | "it") || first.contains('_')) {
        return None;
    }
    let joins = |at: usize| {
        let mut probe = Cursor {
            toks: c.toks,
            pos: at,
        };
        if !(probe.eat("and") && probe.eat_any(AUXILIARIES).is_some()) {
            return None;
        }
        verb(&mut probe)
    };
    let (and, _) = (c.pos + 1..c.toks.len())
        .rev()
        .find_map(|at| Some((at, joins(at)?)))?;
    if !says_nothing_of_where(&c.toks[c.pos..and]) {
        return None;
    }
    let mut rest = Cursor {
        toks: c.toks,
        pos: and + 1,
    };
    let entries = verb_sentence(&mut rest)?;
    *c = rest;
    Some(entries)
}

/// Whether the first predicate of "S is ADJ and is available in X" says nothing about where
/// the subject is or is not: no negation, no availability word, no release, no condition
/// ("This flag is not implemented and is obsolete." says more than "obsolete").
fn says_nothing_of_where(toks: &[&str]) -> bool {
    toks.iter().all(|t| {
        (*t == "," || t.chars().all(|ch| ch.is_alphanumeric() || ch == '_'))
            && !CUE_WORDS.contains(t)
            && !NOTE_WORDS.contains(t)
            && !MIDDLE_STOP.contains(t)
    })
}

/// Words that make the first predicate of "S is ADJ and is deprecated" say something about
/// where S is: negation, conditions, parts of the item, uses.
const MIDDLE_STOP: &[&str] = &[
    "not",
    "no",
    "never",
    "nor",
    "neither",
    "but",
    "unless",
    "until",
    "if",
    "when",
    "since",
    "after",
    "before",
    "starting",
    "beginning",
    "except",
    "only",
    "version",
    "versions",
    "revision",
    "some",
    "used",
    "usable",
    "ignored",
    "implemented",
    "and",
    "or",
];

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
        let entries: Option<Vec<Option<Entry>>> = items
            .iter()
            .map(|m| {
                (m.extent != Extent::Later && !m.update)
                    .then_some(m.release.map(Entry::NotSupportedUpTo))
            })
            .collect();
        return entries.map(|e| e.into_iter().flatten().collect());
    }
    let mut rest = *c;
    subject(&mut rest);
    let _ = rest.eat_any(AUXILIARIES);
    if rest.eat("supported") && rest.done() {
        *c = rest;
        return introduced(&items, false);
    }
    // "X: This value is not supported until Y": the sentence after the colon
    // says it all.
    // The releases before the colon are where it is not supported yet: Windows releases
    // before those the sentence names ("Direct3D 11: This value is supported starting with
    // Windows 8." is about Direct3D 11, not about where the value starts).
    let entries = verb_sentence(c)?;
    let earlier = |m: &Mention, later: &Entry| match (m.release, later) {
        (Some(before), Entry::Introduced(after)) => {
            before.platform() != after.platform() || before < *after
        }
        _ => false,
    };
    let windows = |m: &Mention| {
        m.release
            .is_some_and(|r| matches!(r.platform(), Platform::Windows | Platform::WindowsServer))
    };
    (items.iter().all(windows)
        && entries.iter().any(|e| matches!(e, Entry::Introduced(_)))
        && items.iter().all(|m| entries.iter().all(|e| earlier(m, e))))
    .then_some(entries)
}

/// The entries of mentions that state where something starts ([`Mention::introduced`]);
/// `None` when one states something else.
pub(super) fn introduced(items: &[Mention], exact: bool) -> Option<Vec<Entry>> {
    let entries: Option<Vec<Option<Entry>>> = items.iter().map(|m| m.introduced(exact)).collect();
    entries.map(|e| e.into_iter().flatten().collect())
}

/// "Windows 7 and later.", "DirectX 8.0 and later versions only.",
/// "Windows Server 2003 SP1 and later and Windows XP SP2 and later versions
/// only."
fn bare_sentence(c: &mut Cursor) -> Option<Vec<Entry>> {
    let items = release_list(c)?;
    introduced(&items, false)
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
    introduced(&items, false)
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
        let _ = deprecation_tail(c);
    }
    clause_entries(&items, true, false, false, kind)
}

/// A sentence whose statements hold for one use the sentence names, after its verb: "for" and
/// up to eight plain words, before the preposition (or "until") of a release: "<b>Windows 7
/// and Windows Server 2008 R2: </b>This flag is not supported for opening ISO virtual disks
/// until Windows 8 and Windows Server 2012.", "Supported for NetDMA 1.0 drivers in Windows
/// Vista." The sentence without that phrase must be understood; gives its entries and the
/// phrase (its tokens).
pub(super) fn scoped_tokens<'t>(toks: &'t [&'t str]) -> Option<(Vec<Entry>, Vec<&'t str>)> {
    let toks = trim_end(toks);
    let starts = (1..toks.len()).filter(|&i| {
        toks[i] == "for" && {
            let mut before = Cursor { toks, pos: i - 1 };
            verb(&mut before).is_some() && before.pos == i
        }
    });
    for start in starts {
        for end in start + 2..=(start + 9).min(toks.len()) {
            let word = toks[end - 1];
            let plain = word
                .chars()
                .all(|ch| ch.is_alphanumeric() || ch == '.' || ch == '-')
                && !NOTE_WORDS.contains(&word)
                && !SCOPE_STOP.contains(&word);
            if !plain {
                break;
            }
            let mut after = Cursor { toks, pos: end };
            let preposition = after.eat_any(&["until", "before"]).is_some()
                || PREPOSITIONS.iter().any(|(p, _)| after.eat(p));
            if !preposition || !starts_release(&after) {
                continue;
            }
            let rest: Vec<&str> = toks[..start].iter().chain(&toks[end..]).copied().collect();
            if let Some(entries) = sentence_tokens(&rest) {
                return Some((entries, toks[start..end].to_vec()));
            }
        }
    }
    None
}

/// Words a scope cannot have: they would make it a condition or a statement of its own.
const SCOPE_STOP: &[&str] = &[
    "not",
    "only",
    "no",
    "if",
    "when",
    "unless",
    "except",
    "until",
    "before",
    "after",
    "since",
    "supported",
    "available",
    "deprecated",
    "obsolete",
    "later",
    "earlier",
    "version",
    "versions",
];

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
        let extended = items.iter().any(|m| m.extent != Extent::Exact);
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
            && (starts_release(&c) || bare_platform(&mut c).is_some())
    })
}
