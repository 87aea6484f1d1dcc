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

use crate::model::availability::*;

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
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

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
    Some(Note { text, parsed })
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
        if parsed.is_some() || looks_like_note(&toks) {
            notes.push(Note {
                text: sentence,
                parsed,
            });
        }
    }
    notes
}

/// Words one of which every note has: every statement names a platform (a framework name or
/// `windows`) or says `deprecated`/`obsolete`; so does every sentence [`looks_like_note`]
/// accepts. Most sentences of a page have none, and are not parsed at all.
const NOTE_WORDS: &[&str] = &[
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

/// Whether `matchable` (from [`normalize_for_matching`]) can hold a note: it has one of
/// [`NOTE_WORDS`] (as a substring, so that no token is missed).
fn could_be_note(matchable: &str) -> bool {
    NOTE_WORDS.iter().any(|w| matchable.contains(w))
}

// ---------------------------------------------------------------------------
// Text preparation
// ---------------------------------------------------------------------------

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

/// Collapses whitespace runs (including NBSP) to one space and trims.
fn normalize_whitespace(s: &str) -> String {
    s.split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercases and strips markup: HTML tags, `&nbsp;`-style entities,
/// Markdown emphasis, link targets and backslash escapes.
fn normalize_for_matching(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // Each `<` looks for the next `>` and each `](` for its closing `)`: both are found in one
    // pass each, so that text full of unclosed `<a` or `](` costs linear time.
    let mut next_gt: Option<usize> = s.find('>');
    let closing = matching_parens(s);
    while let Some(c) = rest.chars().next() {
        let at = s.len() - rest.len();
        let after = &rest[c.len_utf8()..];
        match c {
            '<' if after.starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!') => {
                if next_gt.is_some_and(|gt| gt < at) {
                    next_gt = s[at..].find('>').map(|i| at + i);
                }
                match next_gt {
                    Some(gt) => {
                        out.push(' ');
                        rest = &s[gt + 1..];
                        continue;
                    }
                    None => out.push(c),
                }
            }
            '&' => {
                let entity = ["&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;"]
                    .iter()
                    .zip([" ", "&", "<", ">", "\""])
                    .find(|(e, _)| rest.starts_with(**e));
                if let Some((e, r)) = entity {
                    out.push_str(r);
                    rest = &rest[e.len()..];
                    continue;
                }
                out.push(c);
            }
            ']' if after.starts_with('(') => {
                // Markdown link target: drop "(...)", nested parentheses
                // included ("(v=vs.85)").
                match closing.get(&(at + 1)) {
                    Some(&end) => {
                        out.push(' ');
                        rest = &s[end + 1..];
                        continue;
                    }
                    None => out.push(' '),
                }
            }
            '\\' => {
                if let Some(n) = after.chars().next() {
                    if !n.is_alphanumeric() {
                        out.push(n);
                        rest = &after[n.len_utf8()..];
                        continue;
                    }
                }
                out.push(' ');
            }
            '*' | '`' | '[' | ']' | '"' => out.push(' '),
            c if is_space(c) => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
        rest = after;
    }
    out
}

/// The byte offset of the `)` that closes each `(` of `s` (unclosed ones have none).
fn matching_parens(s: &str) -> std::collections::HashMap<usize, usize> {
    let mut open = Vec::new();
    let mut pairs = std::collections::HashMap::new();
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'(' => open.push(i),
            b')' => {
                if let Some(start) = open.pop() {
                    pairs.insert(start, i);
                }
            }
            _ => {}
        }
    }
    pairs
}

/// Splits normalized text into word tokens (letters, digits, `_`, and a `.`
/// between digits) and single punctuation characters. Underscores at word
/// edges are trimmed (`Versions:\_Supported`).
fn tokenize(s: &str) -> Vec<&str> {
    let mut toks = Vec::new();
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while let Some(&(start, c)) = chars.get(i) {
        if c == ' ' {
            i += 1;
        } else if is_word(c) {
            let mut j = i + 1;
            while let Some(&(_, d)) = chars.get(j) {
                let dot_in_number = d == '.'
                    && chars.get(j - 1).is_some_and(|p| p.1.is_ascii_digit())
                    && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit());
                if is_word(d) || dot_in_number {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(s.len(), |p| p.0);
            let word = s[start..end].trim_matches('_');
            if !word.is_empty() {
                toks.push(word);
            }
            i = j;
        } else {
            toks.push(&s[start..start + c.len_utf8()]);
            i += 1;
        }
    }
    toks
}

/// HTML tags that end a block of text.
const BLOCK_TAGS: &[&str] = &[
    "p", "br", "li", "ul", "ol", "div", "td", "th", "tr", "table", "dt", "dd", "dl", "h1", "h2",
    "h3", "h4", "pre",
];

/// Splits prose into whitespace-normalized sentences.
fn split_sentences(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_fence = false;
    for raw in text.lines() {
        let line = raw.trim_matches(is_space);
        if line.starts_with("```") {
            in_fence = !in_fence;
            blocks.push(std::mem::take(&mut current));
            continue;
        }
        if in_fence {
            continue;
        }
        let line = line.trim_start_matches(|c: char| c == '>' || is_space(c));
        let starts_block = line.is_empty()
            || line.starts_with('#')
            || line.starts_with('|')
            || line.starts_with("- ")
            || line.starts_with("* ")
            || line.starts_with("+ ");
        if starts_block {
            blocks.push(std::mem::take(&mut current));
        }
        if line.starts_with('#') {
            continue;
        }
        current.push(' ');
        current.push_str(line);
    }
    blocks.push(current);

    let mut sentences = Vec::new();
    for block in &blocks {
        for part in split_at_block_tags(block) {
            split_block(part, &mut sentences);
        }
    }
    sentences
}

/// Splits a block at HTML block-level tags (`<p>`, `<br/>`, `</li>`, ...).
fn split_at_block_tags(block: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some(offset) = block[search..].find('<') {
        let lt = search + offset;
        let Some(len) = block[lt..].find('>') else {
            break;
        };
        let tag = block[lt + 1..lt + len].trim_start_matches('/');
        let name_end = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        if BLOCK_TAGS.contains(&name.as_str()) {
            parts.push(&block[start..lt]);
            start = lt + len + 1;
        }
        search = lt + len + 1;
    }
    parts.push(&block[start..]);
    parts
}

/// Abbreviations that do not end a sentence.
const ABBREVIATIONS: &[&str] = &["e.g.", "i.e.", "etc.", "vs.", "approx.", "no."];

/// Splits one block into sentences at `.`, `!`, `?` followed by whitespace
/// and a non-lowercase character, or directly followed by an uppercase
/// letter after a lowercase one ("only.This").
fn split_block(block: &str, out: &mut Vec<String>) {
    let chars: Vec<(usize, char)> = block.char_indices().collect();
    let mut start = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Skip closing emphasis right after the stop: "**FALSE.** This".
        let mut k_next = k + 1;
        while chars
            .get(k_next)
            .is_some_and(|p| matches!(p.1, '*' | '_' | '`'))
        {
            k_next += 1;
        }
        let next = chars.get(k_next).map(|p| p.1);
        let prev = k.checked_sub(1).and_then(|p| chars.get(p)).map(|p| p.1);
        let end = chars.get(k_next).map_or(block.len(), |p| p.0);
        let split = match next {
            None => false,
            Some(n) if is_space(n) => {
                let following = chars
                    .iter()
                    .skip(k_next)
                    .map(|p| p.1)
                    .find(|&d| !is_space(d));
                // Only the last few characters can end with an abbreviation.
                let mut tail_start = start.max((i + c.len_utf8()).saturating_sub(16));
                while !block.is_char_boundary(tail_start) {
                    tail_start += 1;
                }
                let lower_tail = block[tail_start..i + c.len_utf8()].to_lowercase();
                following.is_some_and(|d| !d.is_lowercase())
                    && !ABBREVIATIONS.iter().any(|a| lower_tail.ends_with(a))
            }
            Some(n) => n.is_uppercase() && prev.is_some_and(char::is_lowercase),
        };
        if split {
            push_sentence(&block[start..end], out);
            start = end;
        }
    }
    push_sentence(&block[start..], out);
}

fn push_sentence(s: &str, out: &mut Vec<String>) {
    let s = normalize_whitespace(s);
    if !s.is_empty() {
        out.push(s);
    }
}

// ---------------------------------------------------------------------------
// Token cursor
// ---------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Cursor<'t> {
    toks: &'t [&'t str],
    pos: usize,
}

impl<'t> Cursor<'t> {
    fn new(toks: &'t [&'t str]) -> Self {
        Cursor { toks, pos: 0 }
    }

    fn peek(&self) -> Option<&'t str> {
        self.toks.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<&'t str> {
        let t = self.peek()?;
        self.pos += 1;
        Some(t)
    }

    fn done(&self) -> bool {
        self.pos >= self.toks.len()
    }

    /// Consumes the space-separated tokens of `phrase` if all match.
    fn eat(&mut self, phrase: &str) -> bool {
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
    fn eat_any(&mut self, phrases: &[&str]) -> Option<usize> {
        phrases.iter().position(|p| self.eat(p))
    }
}

// ---------------------------------------------------------------------------
// Releases
// ---------------------------------------------------------------------------

/// Framework names as written: `(tokens, framework)`.
const FRAMEWORK_NAMES: &[(&str, Framework)] = &[
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

fn framework_name(c: &mut Cursor) -> Option<Framework> {
    FRAMEWORK_NAMES
        .iter()
        .find(|(name, _)| c.eat(name))
        .map(|&(_, fw)| fw)
}

/// Parses `major.minor` (or a bare `major`) with an optional `v` prefix.
fn framework_version(c: &mut Cursor) -> Option<FrameworkVersion> {
    let tok = c.peek()?;
    let tok = tok.strip_prefix('v').unwrap_or(tok);
    let (major, minor) = tok.split_once('.').unwrap_or((tok, "0"));
    let v = FrameworkVersion {
        major: major.parse().ok()?,
        minor: minor.parse().ok()?,
    };
    if !major.bytes().all(|b| b.is_ascii_digit()) || !minor.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    c.bump();
    Some(v)
}

/// Parses a service-pack suffix: "sp1", "sp 1", "with sp2", "with service
/// pack 1 (sp1)", ", service pack 1", "+ service pack 1".
fn service_pack(c: &mut Cursor) -> u8 {
    let mut probe = *c;
    let _ = probe.eat_any(&["with", ",", "+"]);
    let sp = if probe.eat("service pack") {
        probe.bump().and_then(|n| n.parse().ok())
    } else {
        match probe.bump() {
            Some("sp") => probe.bump().and_then(|n| n.parse().ok()),
            Some(t) => t.strip_prefix("sp").and_then(|n| n.parse().ok()),
            None => None,
        }
    };
    let Some(sp) = sp else {
        return 0;
    };
    let mut paren = probe;
    if paren.eat("(") && paren.bump().is_some_and(|t| t.starts_with("sp")) && paren.eat(")") {
        probe = paren;
    }
    *c = probe;
    sp
}

/// Parses the part after "windows 10" / "windows 11": ", version 1809",
/// "(version 1803)", "april 2018 update", ", build 26048".
fn feature_update(c: &mut Cursor, base: u32, table: &[(&str, u32)]) -> Option<u32> {
    let mut probe = *c;
    let paren = probe.eat("(");
    if !paren {
        let _ = probe.eat(",");
    }
    let build = if probe.eat("version") {
        let v = probe.bump()?;
        table
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(v))
            .map(|&(_, b)| b)?
    } else if probe.eat("build") {
        probe.bump()?.parse().ok()?
    } else if let Some(v) = (base == WIN10_BASE)
        .then(|| WIN10_MARKETING.iter().find(|(words, _)| probe.eat(words)))
        .flatten()
        .map(|&(_, v)| v)
    {
        table
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(v))
            .map(|&(_, b)| b)?
    } else {
        return None;
    };
    if paren && !probe.eat(")") {
        return None;
    }
    // "Windows 11, version 22H2 September Update": a later servicing update of
    // the same feature update; the build stays the feature update's.
    let _ = probe.eat_any(&[
        "january update",
        "february update",
        "march update",
        "april update",
        "may update",
        "june update",
        "july update",
        "august update",
        "september update",
        "october update",
        "november update",
        "december update",
    ]);
    *c = probe;
    Some(build)
}

/// Parses a Windows release after the word "windows".
fn windows_release(c: &mut Cursor) -> Option<Release> {
    if c.eat("server") {
        let year = c.bump()?;
        let r2 = c.eat("r2");
        let release = match (year, r2) {
            ("2003", false) => ServerRelease::Server2003,
            ("2003", true) => ServerRelease::Server2003R2,
            ("2008", false) => ServerRelease::Server2008,
            ("2008", true) => ServerRelease::Server2008R2,
            ("2012", false) => ServerRelease::Server2012,
            ("2012", true) => ServerRelease::Server2012R2,
            ("2016", false) => ServerRelease::Server2016,
            ("2019", false) => ServerRelease::Server2019,
            ("2022", false) => ServerRelease::Server2022,
            ("2025", false) => ServerRelease::Server2025,
            _ => return None,
        };
        let service_pack = service_pack(c);
        return Some(Release::WindowsServer(ServerVersion {
            release,
            service_pack,
        }));
    }
    if c.eat("2000 server") {
        let service_pack = service_pack(c);
        return Some(Release::WindowsServer(ServerVersion {
            release: ServerRelease::Windows2000,
            service_pack,
        }));
    }
    let build = match c.bump()? {
        "2000" => {
            let _ = c.eat("professional");
            2195
        }
        "xp" => {
            if c.eat("professional x64 edition") {
                3790
            } else {
                let _ = c.eat("professional");
                2600
            }
        }
        "vista" => 6000,
        "7" => 7600,
        "8" => 9200,
        "8.1" => 9600,
        "10" => feature_update(c, WIN10_BASE, WIN10_UPDATES).unwrap_or(WIN10_BASE),
        "11" => feature_update(c, WIN11_BASE, WIN11_UPDATES).unwrap_or(WIN11_BASE),
        _ => return None,
    };
    // "Windows 10 Mobile" and the like are not Windows client releases.
    if matches!(c.peek(), Some("mobile" | "iot" | "s" | "x")) {
        return None;
    }
    let service_pack = service_pack(c);
    Some(Release::Windows(ClientVersion {
        build,
        service_pack,
    }))
}

/// Which way a release list extends: "X and later", "X and earlier".
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Extent {
    Exact,
    Later,
    Earlier,
}

/// Words allowed after "and later" ("... versions of the Windows operating
/// system", "... drivers", "... user-mode display drivers").
const EXTENT_TAIL: &[&str] = &[
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
    "implementations",
    "releases",
    "directx",
    "only",
];

/// Parses "and later [versions of Windows]", "or a later version of
/// Windows", "and higher", "and earlier".
fn extent(c: &mut Cursor) -> Extent {
    let mut probe = *c;
    let _ = probe.eat(",");
    if probe.eat_any(&["and", "or"]).is_none() {
        return Extent::Exact;
    }
    let _ = probe.eat("a");
    let extent = match probe.bump() {
        Some("later" | "higher" | "newer") => Extent::Later,
        Some("earlier") => Extent::Earlier,
        _ => return Extent::Exact,
    };
    while probe.peek().is_some_and(|t| EXTENT_TAIL.contains(&t)) {
        // "and later versions of KMDF": a framework name is fine after "of".
        probe.bump();
    }
    *c = probe;
    extent
}

/// One release mention, possibly with a parenthesized companion: "Windows 11
/// (WDDM 3.0)", "version 1.11 and later versions of KMDF".
fn release_item(c: &mut Cursor) -> Option<(Vec<Release>, Extent)> {
    let mut probe = *c;
    let _ = probe.eat("the");
    let _ = probe.eat("microsoft");
    let mut releases = Vec::new();
    let mut ext = Extent::Exact;
    if let Some(fw) = framework_name(&mut probe) {
        let _ = probe.eat_any(&["versions", "version"]);
        let v = framework_version(&mut probe)?;
        releases.push(Release::Framework(fw, v));
    } else if probe.eat("windows") {
        releases.push(windows_release(&mut probe)?);
        let _ = probe.eat("operating system");
    } else if probe.eat("version") {
        // "version 1.11 and later versions of KMDF", "version 1.19 of KMDF"
        let v = framework_version(&mut probe)?;
        ext = extent(&mut probe);
        if ext == Extent::Exact && !probe.eat("of") {
            return None;
        }
        let fw = framework_name(&mut probe)?;
        releases.push(Release::Framework(fw, v));
    } else {
        return None;
    }
    let mut paren = probe;
    if paren.eat("(") {
        if let Some((more, Extent::Exact)) = release_item(&mut paren) {
            if paren.eat(")") {
                releases.extend(more);
                probe = paren;
            }
        }
    }
    if ext == Extent::Exact {
        ext = extent(&mut probe);
    }
    *c = probe;
    Some((releases, ext))
}

/// A list of release mentions: "Windows Server 2008, Windows Vista SP1, and
/// later versions of Windows", "Windows Vista/Windows Server 2008 or later".
/// A trailing extent applies to the items before it that have none.
fn release_list(c: &mut Cursor) -> Option<Vec<(Release, Extent)>> {
    let (releases, ext) = release_item(c)?;
    // (releases, extent, joined to the next item by "and")
    let mut items = vec![(releases, ext, false)];
    loop {
        let mut probe = *c;
        let sep = probe.eat(",");
        let and = probe.eat("and");
        let or = !and && probe.eat("or");
        if !sep && !and && !or && !probe.eat("/") && !probe.eat(";") {
            break;
        }
        match release_item(&mut probe) {
            Some((releases, ext)) => {
                if let Some(last) = items.last_mut() {
                    last.2 = and;
                }
                items.push((releases, ext, false));
                *c = probe;
            }
            None => {
                // ", and later versions of Windows" after the last item.
                let mut tail = *c;
                let _ = tail.eat(",");
                let ext = extent(&mut tail);
                if ext == Extent::Exact {
                    break;
                }
                if let Some(last) = items.last_mut() {
                    last.1 = ext;
                }
                *c = tail;
                break;
            }
        }
    }
    // Spread extents backwards over items without one, but not across "and"
    // ("NDIS 5.1, and NDIS 6.0 and later" keeps 5.1 exact).
    let mut carry = Extent::Exact;
    let mut out = Vec::new();
    for (releases, ext, and) in items.into_iter().rev() {
        if and {
            carry = Extent::Exact;
        }
        if ext != Extent::Exact {
            carry = ext;
        }
        let ext = if ext == Extent::Exact { carry } else { ext };
        out.extend(releases.into_iter().rev().map(|r| (r, ext)));
    }
    out.reverse();
    Some(out)
}

/// A bare platform without version: "KMDF", "UMDF".
fn bare_platform(c: &mut Cursor) -> Option<Platform> {
    let mut probe = *c;
    let fw = framework_name(&mut probe)?;
    if framework_version(&mut probe.clone()).is_some()
        || matches!(probe.peek(), Some("version" | "versions"))
    {
        return None;
    }
    *c = probe;
    Some(Platform::Framework(fw))
}

// ---------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------

/// Words that introduce the verb of an availability sentence.
const AUXILIARIES: &[&str] = &[
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
enum Verb {
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
const PREPOSITIONS: &[(&str, bool)] = &[
    ("starting with", true),
    ("starting in", true),
    ("starting from", true),
    ("starting on", true),
    ("started in", true),
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

fn verb(c: &mut Cursor) -> Option<Verb> {
    VERBS.iter().find(|(w, _)| c.eat(w)).map(|&(_, v)| v)
}

/// Words that open a sentence with a condition ("Starting with Windows 8,
/// drivers ...", "For Windows Vista and later, ..."): such sentences describe
/// behaviour, and never start a subject.
const CONDITIONAL_LEADS: &[&str] = &[
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
const SUBJECT_STOP: &[&str] = &[
    "but", "and", "or", "however", "although", "though", "some", "all", "only", "not", "which",
    "that", "so", "then", "also",
];

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
fn trim_end<'t>(toks: &'t [&'t str]) -> &'t [&'t str] {
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

fn sentence_tokens(toks: &[&str]) -> Option<Vec<Entry>> {
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
fn dedup(entries: Vec<Entry>) -> Vec<Entry> {
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

/// Front-matter values end with "[desktop apps only]" or "[desktop apps |
/// UWP apps]" in the SDK docs.
fn strip_app_kinds<'a, 't>(toks: &'a [&'t str]) -> &'a [&'t str] {
    match toks.iter().position(|&t| t == "desktop") {
        Some(i)
            if toks[i..]
                .iter()
                .all(|t| matches!(*t, "desktop" | "apps" | "only" | "|" | "uwp")) =>
        {
            &toks[..i]
        }
        _ => toks,
    }
}

fn front_matter_tokens(key: FrontMatterKey, toks: &[&str]) -> Option<Vec<Entry>> {
    let toks = trim_end(toks);
    let fw = match key {
        FrontMatterKey::Kmdf => Some(Framework::Kmdf),
        FrontMatterKey::Umdf => Some(Framework::Umdf),
        FrontMatterKey::Client | FrontMatterKey::Server => None,
    };
    let mut c = Cursor::new(toks);
    if let Some(fw) = fw {
        if let Some(v) = framework_version(&mut c) {
            return c
                .done()
                .then(|| vec![Entry::Introduced(Release::Framework(fw, v))]);
        }
        if c.eat("n / a") && c.done() {
            return Some(vec![Entry::NotAvailable(Platform::Framework(fw))]);
        }
    }
    if c.eat("none supported") && c.done() {
        return Some(vec![Entry::NotAvailable(match key {
            FrontMatterKey::Server => Platform::WindowsServer,
            FrontMatterKey::Client => Platform::Windows,
            FrontMatterKey::Kmdf => Platform::Framework(Framework::Kmdf),
            FrontMatterKey::Umdf => Platform::Framework(Framework::Umdf),
        })]);
    }
    front_matter_segment(toks)
}

/// A value is one or more segments separated by "." or ",": each a bare
/// release list ("Windows 8.1,WDDM 1.3") or a sentence ("Windows 7,Available
/// in Windows 7.", "Windows Server 2022. Supported in NDIS 6.82 and later.").
fn front_matter_segment(toks: &[&str]) -> Option<Vec<Entry>> {
    if toks.is_empty() {
        return None;
    }
    let mut c = Cursor::new(toks);
    if let Some(items) = release_list(&mut c) {
        if c.done() && items.iter().all(|&(_, ext)| ext != Extent::Earlier) {
            return Some(items.iter().map(|&(r, _)| Entry::Introduced(r)).collect());
        }
    }
    if let Some(entries) = sentence_tokens(toks) {
        return Some(entries);
    }
    // Split after a sentence, or after a bare release list ("Windows
    // 7,Available in Windows 7.").
    toks.iter()
        .enumerate()
        .filter(|&(i, t)| {
            *t == "."
                || (*t == "," && {
                    let mut head = Cursor::new(toks.get(..i).unwrap_or_default());
                    release_list(&mut head).is_some() && head.done()
                })
        })
        .find_map(|(i, _)| {
            let mut head = front_matter_segment(toks.get(..i)?)?;
            head.extend(front_matter_segment(toks.get(i + 1..)?)?);
            Some(dedup(head))
        })
}

// ---------------------------------------------------------------------------
// Selection
// ---------------------------------------------------------------------------

/// Words that signal availability wording next to a release.
const CUE_WORDS: &[&str] = &[
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

/// Does an unparsed sentence still look like a version note? Either it
/// opens with a release list followed by a colon or making up the whole
/// sentence with "and later/earlier" ("Windows 7 and earlier: ...",
/// "Windows 2000 and later."), or an availability verb
/// in predicate position ("is supported in", "Available starting with") is
/// followed by a release. Sentences opening with a version condition
/// ("Starting with Windows 8, drivers ...") describe behaviour and are left
/// out, as are releases used attributively ("the WDDM 1.2 and later
/// capabilities", "features supported by Direct3D 10.0").
fn looks_like_note(toks: &[&str]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Skipping a text without a note word gives what parsing its sentences gives.
    #[test]
    fn texts_without_a_note_word_are_skipped_only_when_no_sentence_has_one() {
        let texts = [
            "Supported starting with **Windows** 10.",
            "Supported starting with **Win**dows 10.",
            "Supported on Win<b>dows</b> 8 and later.",
            "See [Windows 10](https://example.com/kmdf) for more.",
            "Requires \\_KMDF\\_ 1.9 or later.",
            "Available in WINDOWS VISTA and later.",
            "Deprecated&nbsp;in Windows 8.",
            "Not supported on \u{212A}MDF 1.9.",
            "The value is reserved for system use.",
            "Obsolete. Do not use.",
            "Use &lt;Windows&gt; 7 only.",
        ];
        for text in texts {
            assert_eq!(find_notes(text), notes_of_sentences(text), "{text}");
        }
        assert!(find_notes("Supported starting with **Win**dows 10.").is_empty());
        assert!(!find_notes("Available in WINDOWS VISTA and later.").is_empty());
    }

    /// The words that let a sentence be parsed cover every platform name the parser knows.
    #[test]
    fn note_words_name_every_framework() {
        for (name, _) in FRAMEWORK_NAMES {
            assert!(
                NOTE_WORDS.iter().any(|w| name.contains(w)),
                "`{name}` is not in NOTE_WORDS"
            );
        }
        assert!(!could_be_note("the value is reserved for system use."));
        assert!(could_be_note("supported starting with windows 10."));
    }

    fn win(build: u32) -> Release {
        Release::Windows(ClientVersion {
            build,
            service_pack: 0,
        })
    }

    fn win_sp(build: u32, service_pack: u8) -> Release {
        Release::Windows(ClientVersion {
            build,
            service_pack,
        })
    }

    fn srv(release: ServerRelease) -> Release {
        Release::WindowsServer(ServerVersion {
            release,
            service_pack: 0,
        })
    }

    fn srv_sp(release: ServerRelease, service_pack: u8) -> Release {
        Release::WindowsServer(ServerVersion {
            release,
            service_pack,
        })
    }

    fn fw(framework: Framework, major: u16, minor: u16) -> Release {
        Release::Framework(framework, FrameworkVersion { major, minor })
    }

    use Entry::{
        Available, Deprecated, Introduced, NotAvailable, NotSupportedFrom, NotSupportedUpTo, Only,
        OnlyIn,
    };
    use Framework::{Bits, DirectX, IddCx, Kmdf, Ndis, Umdf, Wddm};
    use ServerRelease as S;

    const XP: u32 = 2600;
    const VISTA: u32 = 6000;
    const W7: u32 = 7600;
    const W8: u32 = 9200;
    const W81: u32 = 9600;
    const W10: u32 = 10240;
    const W11: u32 = 22000;

    /// Real sentences from the corpus (field bodies, descriptions, remarks).
    #[test]
    fn corpus_sentences() {
        let cases: Vec<(&str, Vec<Entry>)> = vec![
            (
                "Supported starting with Windows 7.",
                vec![Introduced(win(W7))],
            ),
            (
                "<b>Note</b>  Supported starting with Windows 10, version 1703.",
                vec![Introduced(win(15063))],
            ),
            (
                "Supported in Windows 7 and later versions.",
                vec![Introduced(win(W7))],
            ),
            (
                "<b>Note</b>  Supported in Windows Server 2008, Windows Vista SP1, and later versions of Windows.",
                vec![Introduced(srv(S::Server2008)), Introduced(win_sp(VISTA, 1))],
            ),
            (
                "<b>Warning</b>  The Cellular COM API is deprecated in Windows 10.",
                vec![Deprecated(Some(win(W10)))],
            ),
            (
                "This flag is functionally identical to <b>KF_FLAG_FORCE_PACKAGE_REDIRECTION</b>, and was deprecated in Windows 10, version 1703.",
                vec![Deprecated(Some(win(15063)))],
            ),
            (
                "This flag is functionally identical to <b>KF_FLAG_NO_PACKAGE_REDIRECTION</b> and was deprecated in Windows 10, version 1703.",
                vec![Deprecated(Some(win(15063)))],
            ),
            (
                "KF_FLAG_X is kept for compatibility and is deprecated.",
                vec![Deprecated(None)],
            ),
            (
                "Use this value on Windows Server 2003 and later versions of the Windows operating system.",
                vec![Introduced(srv(S::Server2003))],
            ),
            (
                "[Applies to KMDF only]",
                vec![Only(Platform::Framework(Kmdf))],
            ),
            (
                "[Applies to UMDF only]",
                vec![Only(Platform::Framework(Umdf))],
            ),
            (
                "Supported starting with Windows 8.1, and used by WDDM 1.3 and later drivers.",
                vec![Introduced(win(W81)), Introduced(fw(Wddm, 1, 3))],
            ),
            (
                "Available starting in Windows 11 (WDDM 3.0).",
                vec![Introduced(win(W11)), Introduced(fw(Wddm, 3, 0))],
            ),
            (
                "> [!NOTE]\n> Supported in Windows Server 2008, Windows Vista SP1, and later versions of Windows.",
                vec![Introduced(srv(S::Server2008)), Introduced(win_sp(VISTA, 1))],
            ),
            (
                "<b>Important</b>  The <a href=\"/previous-versions/windows/hardware/wireless/ff560689(v=vs.85)\">Native 802.11 Wireless LAN</a> interface is deprecated in Windows 10 and later.",
                vec![Deprecated(Some(win(W10)))],
            ),
            (
                "This value is valid starting with Windows Vista.",
                vec![Introduced(win(VISTA))],
            ),
            ("Use this value only on Windows XP.", vec![OnlyIn(win(XP))]),
            ("Use this value on only Windows XP.", vec![OnlyIn(win(XP))]),
            (
                "This control type is valid in Windows 8 and later.",
                vec![Introduced(win(W8))],
            ),
            (
                "This value is available starting with Windows 10, version 1709.",
                vec![Introduced(win(16299))],
            ),
            (
                "Use this value on Windows Vista SP2 and later versions of the Windows operating system.",
                vec![Introduced(win_sp(VISTA, 2))],
            ),
            (
                "Available starting in Windows 10, version 1903 (WDDM 2.6).",
                vec![Introduced(win(18362)), Introduced(fw(Wddm, 2, 6))],
            ),
            (
                "Windows Server 2003 SP1 and later and Windows XP SP2 and later versions only.",
                vec![
                    Introduced(srv_sp(S::Server2003, 1)),
                    Introduced(win_sp(XP, 2)),
                ],
            ),
            (
                "Available starting with WDDM 2.0.",
                vec![Introduced(fw(Wddm, 2, 0))],
            ),
            (
                "<b>Note</b>  Not supported in Windows Vista/Windows Server 2008 or later.",
                vec![
                    NotSupportedFrom(win(VISTA)),
                    NotSupportedFrom(srv(S::Server2008)),
                ],
            ),
            (
                "This value is available starting with Windows 11, version 23H2.",
                vec![Introduced(win(22631))],
            ),
            (
                "This value is present in Windows 8 and later versions of Windows.",
                vec![Introduced(win(W8))],
            ),
            (
                "This value applies to KMDF only.",
                vec![Only(Platform::Framework(Kmdf))],
            ),
            (
                "This constant occurs starting in Windows 10.",
                vec![Introduced(win(W10))],
            ),
            (
                "Supported in Windows Server 2022 and later.",
                vec![Introduced(srv(S::Server2022))],
            ),
            (
                "Introduced in Windows 10, version 1703.",
                vec![Introduced(win(15063))],
            ),
            (
                "<b>Windows Vista and earlier:  </b>This value is not supported.",
                vec![NotSupportedUpTo(win(VISTA))],
            ),
            (
                "<b>Windows 7 and earlier:  </b>This value is not supported.",
                vec![NotSupportedUpTo(win(W7))],
            ),
            (
                "<b>BITS 1.2 and earlier:\u{a0}\u{a0}</b>Not supported.",
                vec![NotSupportedUpTo(fw(Bits, 1, 2))],
            ),
            (
                "This value is available in version 1.11 and later versions of KMDF running on Windows 8 or later versions of Windows.",
                vec![Introduced(fw(Kmdf, 1, 11)), Introduced(win(W8))],
            ),
            (
                "This flag applies to UMDF only.",
                vec![Only(Platform::Framework(Umdf))],
            ),
            (
                "<b>Note</b>  This value is supported in NDIS 6.40 and later.",
                vec![Introduced(fw(Ndis, 6, 40))],
            ),
            (
                "Used by WDDM 1.3 and later drivers.",
                vec![Introduced(fw(Wddm, 1, 3))],
            ),
            (
                "Used by Windows Display Driver Model (WDDM) 1.2 and later user-mode display drivers.",
                vec![Introduced(fw(Wddm, 1, 2))],
            ),
            (
                "This interface type is defined starting with Windows 8.",
                vec![Introduced(win(W8))],
            ),
            (
                "Available starting in Windows 10 version 21H1.",
                vec![Introduced(win(19043))],
            ),
            (
                "This value is available in UMDF versions 1.9 and later.",
                vec![Introduced(fw(Umdf, 1, 9))],
            ),
            (
                "This type of power request is supported starting with Windows 8.",
                vec![Introduced(win(W8))],
            ),
            (
                "Supported starting in [IddCx version 1.10](/windows-hardware/drivers/display/iddcx1.10-updates).",
                vec![Introduced(fw(IddCx, 1, 10))],
            ),
            (
                "This value is available starting with Windows 10 April 2018 Update.",
                vec![Introduced(win(17134))],
            ),
            (
                "This enumeration constant is supported only in Windows Vista and later versions of Windows.",
                vec![Introduced(win(VISTA))],
            ),
            (
                "Supported starting in Windows Server 2022 (WDDM 2.9).",
                vec![Introduced(srv(S::Server2022)), Introduced(fw(Wddm, 2, 9))],
            ),
            (
                "<b>Note</b>  This constant is supported in Windows Vista and later operating systems.",
                vec![Introduced(win(VISTA))],
            ),
            (
                "<b>Windows 7 and Windows Server 2008 R2:  </b>This value is not supported before Windows 8 and Windows Server 2012.",
                vec![Introduced(win(W8)), Introduced(srv(S::Server2012))],
            ),
            (
                "<b>Windows Server 2003:  </b>This value is not supported until Windows Server 2003 with SP1 and Windows XP Professional x64 Edition.",
                vec![Introduced(srv_sp(S::Server2003, 1)), Introduced(win(3790))],
            ),
            (
                "<b>Deprecated in Windows 7 and later</b>.",
                vec![Deprecated(Some(win(W7)))],
            ),
            (
                "Must be supported by WDDM 1.3 and later drivers.",
                vec![Introduced(fw(Wddm, 1, 3))],
            ),
            (
                "This constant is available in version 1.11 and later versions of KMDF.",
                vec![Introduced(fw(Kmdf, 1, 11))],
            ),
            (
                "The <b>WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER</b> flag is available starting in version 1.19 of KMDF.",
                vec![Introduced(fw(Kmdf, 1, 19))],
            ),
            (
                "Supported in KMDF and starting in UMDF version 2.15.",
                vec![
                    Available(Platform::Framework(Kmdf)),
                    Introduced(fw(Umdf, 2, 15)),
                ],
            ),
            (
                "DirectX 8.0 and later versions only.",
                vec![Introduced(fw(DirectX, 8, 0))],
            ),
            (
                "This value is available in DirectX 10.1 or higher.",
                vec![Introduced(fw(DirectX, 10, 1))],
            ),
            (
                "Available in NDIS 6.82 and higher.",
                vec![Introduced(fw(Ndis, 6, 82))],
            ),
            (
                "This tier is supported started in WDDM 2.3.",
                vec![Introduced(fw(Wddm, 2, 3))],
            ),
            (
                "This value is supported by KMDF only.",
                vec![Only(Platform::Framework(Kmdf))],
            ),
            (
                "Supported starting with Windows 8.1 for WDDM 1.3 and later user-mode display drivers.",
                vec![Introduced(win(W81)), Introduced(fw(Wddm, 1, 3))],
            ),
            (
                "Supported starting with Windows Server 2008, and Windows Vista with Service Pack 1 (SP1).",
                vec![Introduced(srv(S::Server2008)), Introduced(win_sp(VISTA, 1))],
            ),
            (
                "<b>Note</b>  The NetDMA interface is not supported in Windows 8 and later.",
                vec![NotSupportedFrom(win(W8))],
            ),
            (
                "Starting with Windows 10 Version 1703, NDIS_HYPERVISOR_PARTITION_TYPE is deprecated and should not be used.",
                vec![Deprecated(Some(win(15063)))],
            ),
            (
                "**XPSRAS_PIXEL_FORMAT** is provided with Windows 8 and later versions of Windows.",
                vec![Introduced(win(W8))],
            ),
            (
                "This flag was [deprecated starting in IddCx v1.7](/windows-hardware/drivers/display/iddcx1.7-updates).",
                vec![Deprecated(Some(fw(IddCx, 1, 7)))],
            ),
            (
                "System-mode DMA is available starting in Windows 8.",
                vec![Introduced(win(W8))],
            ),
            (
                "This enumeration value is supported starting in Windows 10, version 1809 and Windows Server 2019.",
                vec![Introduced(win(17763)), Introduced(srv(S::Server2019))],
            ),
            (
                "This value is available starting with Windows 11, build 26048.",
                vec![Introduced(win(26048))],
            ),
            (
                "<b>Windows Vista or later:  </b>This flag is supported.",
                vec![Introduced(win(VISTA))],
            ),
            (
                "<b>Windows Vista with Service Pack 1 (SP1) and later</b>.",
                vec![Introduced(win_sp(VISTA, 1))],
            ),
            ("<b>Introduced in Windows 8</b>.", vec![Introduced(win(W8))]),
            (
                "Indicates version 2, available starting in Windows 7.",
                vec![Introduced(win(W7))],
            ),
            ("Deprecated.", vec![Deprecated(None)]),
            ("Deprecated; do not use.", vec![Deprecated(None)]),
            ("This type is obsolete.", vec![Deprecated(None)]),
            (
                "Not available in UMDF.",
                vec![NotAvailable(Platform::Framework(Umdf))],
            ),
            (
                "DDIAUTHENTICATEDCHANNELTYPE is supported beginning with the Windows 7 operating system.",
                vec![Introduced(win(W7))],
            ),
            (
                "This enumeration type applies only to Windows Server 2003 with SP1 and later, and Windows XP with SP2 and later.",
                vec![
                    Introduced(srv_sp(S::Server2003, 1)),
                    Introduced(win_sp(XP, 2)),
                ],
            ),
        ];
        assert!(cases.len() >= 60, "{} cases", cases.len());
        for (text, expected) in cases {
            assert_eq!(parse_sentence(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn front_matter_values() {
        use FrontMatterKey::{Client, Kmdf as K, Server, Umdf as U};
        let cases: Vec<(FrontMatterKey, &str, Option<Vec<Entry>>)> = vec![
            (
                Client,
                "Windows 10, version 1809",
                Some(vec![Introduced(win(17763))]),
            ),
            (Client, "Windows\u{a0}10", Some(vec![Introduced(win(W10))])),
            (
                Client,
                "Windows 11 (WDDM 3.0)",
                Some(vec![Introduced(win(W11)), Introduced(fw(Wddm, 3, 0))]),
            ),
            (
                Client,
                "Windows 11, version 22H2",
                Some(vec![Introduced(win(22621))]),
            ),
            (
                Client,
                "Windows 10 (Version 1803)",
                Some(vec![Introduced(win(17134))]),
            ),
            (
                Client,
                "Windows 10 (Build 18936)",
                Some(vec![Introduced(win(18936))]),
            ),
            (
                Client,
                "Windows 8.1,WDDM 1.3",
                Some(vec![Introduced(win(W81)), Introduced(fw(Wddm, 1, 3))]),
            ),
            (
                Client,
                "Windows 7,Available in Windows 7.",
                Some(vec![Introduced(win(W7))]),
            ),
            (
                Client,
                "Available in Windows Vista and later versions of the Windows operating   systems.",
                Some(vec![Introduced(win(VISTA))]),
            ),
            (
                Client,
                "Unless otherwise noted, supported starting with Windows Vista.",
                Some(vec![Introduced(win(VISTA))]),
            ),
            (
                Client,
                "Supported in NDIS 6.30 and later.",
                Some(vec![Introduced(fw(Ndis, 6, 30))]),
            ),
            (
                Client,
                "Windows 11, version 22H2 September Update (IddCx version 1.10)",
                Some(vec![Introduced(win(22621)), Introduced(fw(IddCx, 1, 10))]),
            ),
            (
                Client,
                "Versions:\\_Supported in Windows Vista, and later.",
                Some(vec![Introduced(win(VISTA))]),
            ),
            (
                Client,
                "Windows Vista [desktop apps only]",
                Some(vec![Introduced(win(VISTA))]),
            ),
            (
                Client,
                "Windows XP with SP2, Windows Vista [desktop apps | UWP apps]",
                Some(vec![Introduced(win_sp(XP, 2)), Introduced(win(VISTA))]),
            ),
            (
                Server,
                "Windows Server 2012 R2",
                Some(vec![Introduced(srv(S::Server2012R2))]),
            ),
            (
                Server,
                "Windows Server 2003, Service Pack 1",
                Some(vec![Introduced(srv_sp(S::Server2003, 1))]),
            ),
            (
                Server,
                "Windows 2000 Server [desktop apps only]",
                Some(vec![Introduced(srv(S::Windows2000))]),
            ),
            (
                Server,
                "None supported",
                Some(vec![NotAvailable(Platform::WindowsServer)]),
            ),
            (
                Server,
                "Windows Server 2022. Supported in NDIS 6.82 and later.",
                Some(vec![
                    Introduced(srv(S::Server2022)),
                    Introduced(fw(Ndis, 6, 82)),
                ]),
            ),
            (K, "1.11", Some(vec![Introduced(fw(Kmdf, 1, 11))])),
            (U, "2.15", Some(vec![Introduced(fw(Umdf, 2, 15))])),
            (
                U,
                "N/A",
                Some(vec![NotAvailable(Platform::Framework(Umdf))]),
            ),
            // Not understood.
            (Client, "WIN11_FUTURE", None),
            (Client, "Windows", None),
            (Client, "Windows 10,Windows 10 Mobile", None),
            (
                Client,
                "Windows 7, Windows Vista with SP2 and Platform Update for Windows Vista [desktop apps \\| UWP apps]",
                None,
            ),
            (
                Client,
                "Supported for NetDMA 2.0 and NetDMA 1.1 drivers in Windows Server 2008.",
                None,
            ),
            (U, "D3D12DDI_SUPPORTED_0020", None),
        ];
        for (key, value, expected) in cases {
            let note = parse_front_matter(key, value).expect(value);
            assert_eq!(note.parsed, expected, "{value}");
        }
        assert_eq!(parse_front_matter(FrontMatterKey::Client, " \u{a0}"), None);
        assert_eq!(
            parse_front_matter(FrontMatterKey::Client, "Windows\u{a0}10  ").map(|n| n.text),
            Some("Windows 10".to_string())
        );
    }

    /// Sentences that must not be read as version notes at all.
    #[test]
    fn not_version_notes() {
        let texts = [
            "The system uses this value on Windows to indicate a shutdown.",
            "Starting with Windows 8, drivers should allocate most or all of their nonpaged memory from the no-execute (NX) nonpaged pool instead of the executable nonpaged pool.",
            "For Windows Vista and later versions of Windows, the framework supports USB selective suspend whether or not the device supports remote wakeup.",
            "On operating systems earlier than Windows 8, the behavior is same as DriverManagedIdleTimeout.",
            "In Windows 10, it is only used for handling BSS Transition Management requests/responses.",
            "Targets features supported by Direct3D 10.0 including shader model 4.",
            "This mode is intended for tools such as PIX on Windows only, though nothing stops any app from using it.",
            "28 bits; may not always be available",
            "**pPrivateDriverData** points to a D3DKMT_WDDM_1_2_CAPS structure that specifies the WDDM 1.2 and later capabilities of the graphics adapter.",
            "This adapter is exposed in a guest operating system that is Windows Vista or a later version of Windows.",
            "NDIS 6.20 and later drivers should use the <b> NDIS_NBL_MEDIA_SPECIFIC_INFORMATION_EX</b> structure to specify media specific information.",
            "DirectX 10.",
            "Reserved for future use.",
            "Over the DS transitions are not supported in Windows 10.",
        ];
        for text in texts {
            assert_eq!(find_notes(text), vec![], "{text}");
            assert_eq!(parse_sentence(text), None, "{text}");
        }
    }

    /// Sentences that look like version notes but must not be understood
    /// (a reading would be wrong or partial).
    #[test]
    fn not_understood() {
        let texts = [
            "<b>Windows 7 and Windows Server 2008 R2:  </b>This flag is not supported for opening ISO virtual disks until Windows 8 and Windows Server 2012.",
            "Supported starting from Windows 10, version 1901.",
            "Either form is valid on Windows 2000 and later implementations, but only the shorter form can be used on Windows 98/Me.",
            "This field is available starting in Windows 10, version 1903 and UMD DDI Min Version D3D12DDI_SUPPORTED_0043.",
            "Supported in NDIS 5.1, and NDIS 6.0 and later.",
            // Not about the value: the subject of the deprecation is something else.
            "Drivers that set this flag and were deprecated in Windows 8 are not loaded.",
        ];
        for text in texts {
            let notes = find_notes(text);
            assert_eq!(notes.len(), 1, "{text}");
            assert_eq!(notes[0].parsed, None, "{text}");
        }
    }

    #[test]
    fn windows_order_follows_builds() {
        let order = [
            "Windows 2000",
            "Windows XP",
            "Windows XP SP2",
            "Windows Vista",
            "Windows Vista SP1",
            "Windows 7",
            "Windows 8",
            "Windows 8.1",
            "Windows 10",
            "Windows 10, version 1511",
            "Windows 10, version 1607",
            "Windows 10, version 1703",
            "Windows 10, version 1709",
            "Windows 10, version 1803",
            "Windows 10, version 1809",
            "Windows 10, version 1903",
            "Windows 10, version 1909",
            "Windows 10, version 2004",
            "Windows 10, version 20H2",
            "Windows 10, version 21H1",
            "Windows 10, version 21H2",
            "Windows 10, version 22H2",
            "Windows 11",
            "Windows 11, version 22H2",
            "Windows 11, version 23H2",
            "Windows 11, version 24H2",
        ];
        let versions: Vec<ClientVersion> = order
            .iter()
            .map(|text| {
                match parse_front_matter(FrontMatterKey::Client, text)
                    .and_then(|n| n.parsed)
                    .as_deref()
                {
                    Some([Introduced(Release::Windows(v))]) => *v,
                    other => panic!("{text}: {other:?}"),
                }
            })
            .collect();
        assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
        for (text, v) in order.iter().zip(&versions) {
            assert_eq!(v.to_string(), *text);
        }
        assert_eq!(versions[14].build, 17763);
        assert_eq!(versions[22].build, 22000);
        let servers = [
            S::Windows2000,
            S::Server2003,
            S::Server2003R2,
            S::Server2008,
            S::Server2008R2,
            S::Server2012,
            S::Server2012R2,
            S::Server2016,
            S::Server2019,
            S::Server2022,
            S::Server2025,
        ];
        assert!(
            servers
                .windows(2)
                .all(|w| w[0] < w[1] && w[0].build() <= w[1].build())
        );
        assert!(fw(Kmdf, 1, 9) < fw(Kmdf, 1, 11));
    }

    #[test]
    fn display() {
        let cases = [
            (Introduced(win(17763)), "Windows 10, version 1809 and later"),
            (
                NotSupportedUpTo(fw(Bits, 1, 2)),
                "Not supported on BITS 1.2 and earlier",
            ),
            (
                NotSupportedFrom(srv(S::Server2008)),
                "Not supported on Windows Server 2008 and later",
            ),
            (Deprecated(None), "Deprecated"),
            (Deprecated(Some(win(W10))), "Deprecated in Windows 10"),
            (
                NotAvailable(Platform::Framework(Umdf)),
                "Not available in UMDF",
            ),
            (Only(Platform::Framework(Kmdf)), "KMDF only"),
            (OnlyIn(win(XP)), "Windows XP only"),
            (Available(Platform::Framework(Kmdf)), "Available in KMDF"),
            (
                Introduced(srv_sp(S::Server2003, 1)),
                "Windows Server 2003 SP1 and later",
            ),
            (Introduced(fw(Ndis, 6, 30)), "NDIS 6.30 and later"),
            (Introduced(win(26048)), "Windows 11, build 26048 and later"),
        ];
        for (entry, text) in cases {
            assert_eq!(entry.to_string(), text);
        }
    }

    #[test]
    fn find_notes_splits_prose() {
        let body = "Specifies that the job uploads a file to the server. \n\n\
                    <b>BITS 1.2 and earlier:\u{a0}\u{a0}</b>Not supported.\n\n\
                    <div class=\"alert\"><b>Note</b>  Supported starting with Windows 7.</div>\n\
                    <div> </div>\n\
                    The Storport driver calls it with **FALSE.** This control type is valid in Windows 8 and later.";
        let notes = find_notes(body);
        let texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "<b>BITS 1.2 and earlier: </b>Not supported.",
                "<b>Note</b> Supported starting with Windows 7.",
                "This control type is valid in Windows 8 and later.",
            ]
        );
        assert!(notes.iter().all(|n| n.parsed.is_some()));
    }

    #[test]
    fn odd_input_does_not_panic() {
        let inputs = [
            "",
            ".",
            "<",
            "<b",
            "](",
            "[x](",
            "\\",
            "é. É. ü",
            "Windows",
            "Windows 10,",
            "Windows 10 (",
            "KMDF version",
            "version 1.",
            "sp",
            "1.2.3",
            "v",
            "Windows Server",
            "Windows 99999999999 and later.",
            "NDIS 99999999.1 and later.",
            "…。Windows 7 and later！",
        ];
        for input in inputs {
            let _ = find_notes(input);
            let _ = parse_sentence(input);
            for key in [
                FrontMatterKey::Client,
                FrontMatterKey::Server,
                FrontMatterKey::Kmdf,
                FrontMatterKey::Umdf,
            ] {
                let _ = parse_front_matter(key, input);
            }
        }
    }
}
