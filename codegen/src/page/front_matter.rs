//! Stage 2: split the YAML front matter from the Markdown body and parse it.

use crate::diagnostic::Code;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A problem at a line of the page (1-based), before the page's path is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageError {
    /// Its kind.
    pub code: Code,
    /// 1-based line in the page (0: the whole page).
    pub line: usize,
    /// 1-based column (0: unknown).
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl PageError {
    /// A problem of kind `code` at `line`.
    pub fn new(code: Code, line: usize, message: impl Into<String>) -> Self {
        PageError {
            code,
            line,
            column: 0,
            message: message.into(),
            help: None,
        }
    }

    /// Adds advice.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A page cut in two: front matter and body.
#[derive(Clone, Copy, Debug)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    /// The Markdown after the closing `---` line.
    pub body: &'a str,
    /// Byte offset of `body` in the page.
    pub body_offset: usize,
}

/// Splits `text` at its `---` fences (blank lines before the first are allowed).
/// `Ok(None)`: the page has no front matter at all.
pub fn split(text: &str) -> Result<Option<Split<'_>>, PageError> {
    let mut lines = line_spans(text);
    let mut fence_line = 0;
    let (start, end) = loop {
        let Some((start, end)) = lines.next() else {
            return Ok(None);
        };
        fence_line += 1;
        if !text[start..end].trim().is_empty() {
            break (start, end);
        }
    };
    if text[start..end].trim_end() != "---" {
        return Ok(None);
    }
    let yaml_start = end;
    for (start, end) in lines {
        if text[start..end].trim_end() == "---" {
            return Ok(Some(Split {
                yaml: &text[yaml_start..start],
                yaml_line: fence_line + 1,
                body: &text[end..],
                body_offset: end,
            }));
        }
    }
    Err(PageError::new(
        Code::UnclosedFrontMatter,
        fence_line,
        "the front matter starting here is never closed",
    )
    .help("end the YAML block with a line holding only `---`"))
}

/// Whether a page without front matter still reads like an API reference page (a `UID:`
/// line, `## -section` headings): then its front matter was lost, and the page with it.
pub fn looks_like_reference_page(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with("UID:") || line.starts_with("## -") || line.starts_with("### -field")
    })
}

/// Byte spans of each line including its line ending.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        pos = end;
        Some((start, end))
    })
}

/// The front matter fields the generator reads; every other key is parsed as YAML and left
/// (not kept: serde's `flatten` would buffer the whole mapping to keep them).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct FrontMatter {
    /// `UID`, e.g. `NE:bits.__MIDL_IBackgroundCopyJob_0003`.
    #[serde(rename = "UID", default, deserialize_with = "text")]
    pub uid: Option<String>,
    /// `title`.
    #[serde(default, deserialize_with = "text")]
    pub title: Option<String>,
    /// `description`: a one-line summary.
    #[serde(default, deserialize_with = "text")]
    pub description: Option<String>,
    /// `req.header`, e.g. `bits.h`.
    #[serde(rename = "req.header", default, deserialize_with = "text")]
    pub header: Option<String>,
    /// `req.typenames`, e.g. `BG_JOB_TYPE` or `POOL_TYPE, *PPOOL_TYPE`.
    #[serde(rename = "req.typenames", default, deserialize_with = "text")]
    pub typenames: Option<String>,
    /// `req.target-min-winverclnt`.
    #[serde(
        rename = "req.target-min-winverclnt",
        default,
        deserialize_with = "text"
    )]
    pub min_client: Option<String>,
    /// `req.target-min-winversvr`.
    #[serde(
        rename = "req.target-min-winversvr",
        default,
        deserialize_with = "text"
    )]
    pub min_server: Option<String>,
    /// `req.kmdf-ver`.
    #[serde(rename = "req.kmdf-ver", default, deserialize_with = "text")]
    pub kmdf: Option<String>,
    /// `req.umdf-ver`.
    #[serde(rename = "req.umdf-ver", default, deserialize_with = "text")]
    pub umdf: Option<String>,
    /// `api_name`: the names the page documents.
    #[serde(default, deserialize_with = "text_list")]
    pub api_name: Vec<String>,
    /// 1-based page line of each top-level key.
    #[serde(skip)]
    pub key_lines: BTreeMap<String, usize>,
}

/// The kind of API a page documents, from the prefix of its UID.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    /// `NE:` an enumeration.
    Enum,
    /// Any other prefix (`NS:`, `NF:`, ...), or none.
    Other,
}

impl FrontMatter {
    /// The page line of `key`, or of the front matter's first line when the key is absent.
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines.get(key).copied().unwrap_or(1)
    }

    /// What the UID says the page documents.
    pub fn kind(&self) -> PageKind {
        match &self.uid {
            Some(uid) if uid.starts_with("NE:") => PageKind::Enum,
            _ => PageKind::Other,
        }
    }
}

/// The prefix of the `UID:` line (`NE`, `NS`, ...) found by a plain scan of the YAML, without
/// parsing it; `None` when there is no such simple line (the YAML parser then decides).
pub fn uid_prefix(yaml: &str) -> Option<&str> {
    let line = yaml.lines().find_map(|l| l.strip_prefix("UID:"))?;
    let value = line.trim().trim_matches(['"', '\'']).trim();
    let (prefix, _) = value.split_once(':')?;
    (!prefix.is_empty() && prefix.chars().all(|c| c.is_ascii_alphabetic())).then_some(prefix)
}

/// Why a page is not an enum page, when its first bytes (`prefix`: the start of the file, as
/// read) say so: they hold the whole front matter, and its `UID` has another prefix. `None`
/// when they do not say (the page is then read and parsed whole, as any other).
///
/// Only what [`split`] and [`uid_prefix`] would find in the whole page counts: a byte-order
/// mark, text that is not UTF-8 in `prefix`, or front matter that does not end on a whole line
/// of `prefix` give `None`.
pub fn not_enum(prefix: &[u8]) -> Option<String> {
    if prefix.starts_with(&[0xEF, 0xBB, 0xBF])
        || prefix.starts_with(&[0xFF, 0xFE])
        || prefix.starts_with(&[0xFE, 0xFF])
    {
        return None;
    }
    // Whole lines only: the prefix may end inside a line (or a character).
    let lines = &prefix[..prefix.iter().rposition(|&b| b == b'\n')? + 1];
    let text = std::str::from_utf8(lines).ok()?;
    let split = split(text).ok()??;
    let prefix = uid_prefix(split.yaml).filter(|p| *p != "NE")?;
    Some(format!("not an enum page ({prefix}:)"))
}

/// What a page says it documents, read from its text alone (for a page whose front matter
/// cannot be read): the prefix of a `UID:` line, or, without one, whether the page has an
/// `## -enum-fields` section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Declared {
    /// A `UID: NE:...` line, or no UID but an `## -enum-fields` section: an enum page.
    Enum,
    /// Another kind: `NF:`, `NS:`, ... (with the colon), or `no UID`.
    Other(String),
}

/// What `text` (a whole page, as far as it could be read) says it documents.
pub fn declared(text: &str) -> Declared {
    match uid_prefix(text) {
        Some("NE") => Declared::Enum,
        Some(prefix) => Declared::Other(format!("{prefix}:")),
        None if has_enum_fields(text) => Declared::Enum,
        None => Declared::Other("no UID".to_string()),
    }
}

/// Whether a line of `text` is the `## -enum-fields` heading.
pub fn has_enum_fields(text: &str) -> bool {
    text.lines().any(|l| {
        l.trim_start()
            .strip_prefix("## -enum-fields")
            .is_some_and(|rest| rest.trim().is_empty())
    })
}

/// The 1-based byte column of `line` at its 1-based character column `column` (0: unknown).
fn byte_column(line: &str, column: usize) -> usize {
    match column.checked_sub(1) {
        None => 0,
        Some(before) => match line.char_indices().nth(before) {
            Some((at, _)) => at + 1,
            None => line.len() + 1 + (before - line.chars().count()),
        },
    }
}

/// Parses the YAML of a split page. Accepts list items written `-<TAB>value`
/// (as in the seed page and many SDK pages), which plain YAML rejects.
pub fn parse(split: &Split<'_>) -> Result<FrontMatter, PageError> {
    check_bounds(split)?;
    let yaml = accept_tab_lists(split.yaml);
    let mut front = serde_yaml::from_str::<Option<FrontMatter>>(&yaml)
        .map(Option::unwrap_or_default)
        .map_err(|e| {
            // libyaml counts columns in characters; a diagnostic's column counts bytes.
            let (line, column) = e.location().map_or((split.yaml_line, 0), |l| {
                let text = yaml.split('\n').nth(l.line() - 1).unwrap_or("");
                (
                    split.yaml_line + l.line() - 1,
                    byte_column(text, l.column()),
                )
            });
            let message = yaml_message(&e.to_string(), split.yaml_line);
            let mut err = PageError::new(
                Code::InvalidFrontMatter,
                line,
                format!("invalid front matter: {message}"),
            );
            err.column = column;
            err.help("the block between the `---` lines must be YAML `key: value` lines")
        })?;
    for (n, line) in split.yaml.lines().enumerate() {
        if let Some((key, _)) = line.split_once(':') {
            if !key.is_empty() && !key.starts_with([' ', '\t', '-', '#']) {
                front
                    .key_lines
                    .entry(key.to_string())
                    .or_insert(split.yaml_line + n);
            }
        }
    }
    Ok(front)
}

/// [`parse`], and when YAML rejects the front matter, the front matter read as flat
/// `key: value` lines and `- item` lists ([`flat`]) with a warning at the line YAML rejected
/// that says what was read there. The error stands when the lines are not flat.
pub fn parse_recovering(split: &Split<'_>) -> Result<(FrontMatter, Option<PageError>), PageError> {
    let error = match parse(split) {
        Ok(front) => return Ok((front, None)),
        Err(e) if e.code == Code::InvalidFrontMatter => e,
        Err(e) => return Err(e),
    };
    let Some(flat) = flat(split) else {
        return Err(error);
    };
    let why = error
        .message
        .strip_prefix("invalid front matter: ")
        .unwrap_or(&error.message);
    let at = flat.entries.iter().find(|e| e.line == error.line);
    let (what, help) = match at {
        Some(entry) if READ_KEYS.contains(&entry.key) && entry.items.is_empty() => {
            let quoted = if entry.value.contains('"') {
                format!("'{}'", entry.value.replace('\'', "''"))
            } else {
                format!("\"{}\"", entry.value)
            };
            (
                format!(": `{}` is `{}`", entry.key, entry.value),
                format!("quote the value to make it YAML: `{}: {quoted}`", entry.key),
            )
        }
        Some(entry) if !READ_KEYS.contains(&entry.key) => (
            format!(" (docbind does not read `{}`)", entry.key),
            "quote values that hold `: ` or start with `*`, `&`, `!`, `[` or `{` to make them YAML"
                .to_string(),
        ),
        _ => (
            String::new(),
            "quote values that hold `: ` or start with `*`, `&`, `!`, `[` or `{` to make them YAML"
                .to_string(),
        ),
    };
    let mut warning = PageError::new(
        Code::YamlFallback,
        error.line,
        format!("the front matter is not YAML ({why}); read as flat `key: value` lines{what}"),
    )
    .help(help);
    warning.column = error.column;
    Ok((flat.front, Some(warning)))
}

/// The front matter keys docbind reads.
const READ_KEYS: &[&str] = &[
    "UID",
    "title",
    "description",
    "req.header",
    "req.typenames",
    "req.target-min-winverclnt",
    "req.target-min-winversvr",
    "req.kmdf-ver",
    "req.umdf-ver",
    "api_name",
];

/// One top-level key of front matter read as flat lines.
struct FlatEntry<'a> {
    key: &'a str,
    /// 1-based page line.
    line: usize,
    /// The text after `key:`, trimmed (continuation lines joined with a space).
    value: String,
    /// The `- item` lines under it.
    items: Vec<String>,
}

/// Front matter read as flat lines: the fields, and every top-level entry.
struct Flat<'a> {
    front: FrontMatter,
    entries: Vec<FlatEntry<'a>>,
}

/// Reads front matter as flat lines, as its authors meant it when YAML rejects it: each line is
/// `key: value` (the value is the rest of the line, colons, `*` and `&` included), `key:`
/// followed by `- item` lines, an indented continuation of the line before, a `#` comment or
/// blank. `None` when a line is anything else, when a value defines an anchor (`&name`: then
/// a `*name` is an alias, not text), or when a key docbind reads is not plain text: a flow
/// collection (`[`, `{`), a block scalar (`|`, `>`), a quote that does not close, two
/// different values for one key. Nothing is guessed beyond that.
fn flat<'a>(split: &Split<'a>) -> Option<Flat<'a>> {
    let mut entries: Vec<FlatEntry<'a>> = Vec::new();
    for (n, line) in split.yaml.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let item = trimmed
            .strip_prefix('-')
            .filter(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
        if let Some(item) = item {
            let last = entries.last_mut()?;
            if !last.value.is_empty() {
                return None;
            }
            last.items.push(item.trim().to_string());
            continue;
        }
        if trimmed.len() < line.len() {
            // An indented line continues the value (or the item) before it, as YAML folds it.
            let last = entries.last_mut()?;
            let target = match last.items.last_mut() {
                Some(item) => item,
                None if !last.value.is_empty() => &mut last.value,
                None => return None,
            };
            target.push(' ');
            target.push_str(trimmed.trim());
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let plain_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !plain_key || !(value.is_empty() || value.starts_with([' ', '\t'])) {
            return None;
        }
        entries.push(FlatEntry {
            key,
            line: split.yaml_line + n,
            value: value.trim().to_string(),
            items: Vec::new(),
        });
    }
    // An anchor (`&name`) says the front matter uses aliases on purpose: a `*name` is one, not
    // text, and reading it as text would be a guess.
    let anchored = |v: &str| v.starts_with('&');
    if entries
        .iter()
        .any(|e| anchored(&e.value) || e.items.iter().any(|i| anchored(i)))
    {
        return None;
    }
    let mut front = FrontMatter::default();
    let mut seen: BTreeMap<&str, (&str, &[String])> = BTreeMap::new();
    for entry in &entries {
        front
            .key_lines
            .entry(entry.key.to_string())
            .or_insert(entry.line);
        if !READ_KEYS.contains(&entry.key) {
            continue;
        }
        if let Some((value, items)) = seen.insert(entry.key, (&entry.value, &entry.items)) {
            if value != entry.value || items != entry.items.as_slice() {
                return None;
            }
            continue;
        }
        let value = flat_scalar(&entry.value)?;
        let items = entry
            .items
            .iter()
            .map(|i| flat_scalar(i))
            .collect::<Option<Vec<_>>>()?;
        let text = if items.is_empty() {
            value.clone()
        } else {
            None
        };
        match entry.key {
            "UID" => front.uid = text,
            "title" => front.title = text,
            "description" => front.description = text,
            "req.header" => front.header = text,
            "req.typenames" => front.typenames = text,
            "req.target-min-winverclnt" => front.min_client = text,
            "req.target-min-winversvr" => front.min_server = text,
            "req.kmdf-ver" => front.kmdf = text,
            "req.umdf-ver" => front.umdf = text,
            "api_name" => {
                front.api_name = if items.is_empty() {
                    value.into_iter().collect()
                } else {
                    items.into_iter().flatten().collect()
                }
            }
            _ => {}
        }
    }
    Some(Flat { front, entries })
}

/// A value of a flat line as text: outer quotes taken off; `None` when it is not plain text
/// (a flow collection, a block scalar, a quote that does not close); `Some(None)` when empty.
fn flat_scalar(value: &str) -> Option<Option<String>> {
    let value = value.trim();
    let unquoted = match value.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let inner = value.strip_prefix(q)?.strip_suffix(q)?;
            if q == '\'' {
                inner.replace("''", "'")
            } else {
                inner.to_string()
            }
        }
        Some('[' | '{' | '|' | '>') => return None,
        _ => value.to_string(),
    };
    let text = unquoted.replace('\u{a0}', " ");
    let text = text.trim();
    Some((!text.is_empty()).then(|| text.to_string()))
}

/// serde_yaml's message without the location the diagnostic shows itself, and with the line of
/// its context (", while parsing a flow sequence at line 2 column 8") counted in the page.
fn yaml_message(message: &str, first_line: usize) -> String {
    let Some(at) = message.find(" at line ") else {
        return message.to_string();
    };
    let problem = &message[..at];
    let Some((_, context)) = message[at..].split_once(", while ") else {
        return problem.to_string();
    };
    let position = context.rsplit_once(" at line ").and_then(|(what, pos)| {
        let (line, column) = pos.split_once(" column ")?;
        let line: usize = line.trim().parse().ok()?;
        Some((what, first_line + line.max(1) - 1, column.trim()))
    });
    match position {
        Some((what, line, column)) => {
            format!("{problem}, while {what} that starts at line {line}, column {column}")
        }
        None => format!("{problem}, while {context}"),
    }
}

/// Front matter larger than this is refused (real pages have a few hundred bytes).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Deepest nesting of `[`/`{` collections accepted in the front matter.
pub const MAX_FLOW_DEPTH: usize = 32;

/// Refuses front matter that the YAML parser would take unreasonably long over: very large,
/// or with flow collections (`[`, `{`) nested deeper than [`MAX_FLOW_DEPTH`] (the parser's
/// time grows with the square of that depth).
fn check_bounds(split: &Split<'_>) -> Result<(), PageError> {
    if split.yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(PageError::new(
            Code::FrontMatterLimits,
            1,
            format!(
                "the front matter is {} bytes, more than the {} KiB docbind reads",
                split.yaml.len(),
                MAX_FRONT_MATTER_BYTES / 1024
            ),
        )
        .help("front matter holds a few `key: value` lines; move the text into the page"));
    }
    // Depth carries over lines (a flow collection may span several); a line that starts a new
    // top-level key ends any collection.
    let mut depth = 0usize;
    for (n, line) in split.yaml.lines().enumerate() {
        if line.starts_with(|c: char| !c.is_whitespace() && !"[]{},".contains(c)) {
            depth = 0;
        }
        if let Some(column) = flow_depth_exceeded(line, &mut depth) {
            let mut err = PageError::new(
                Code::FrontMatterLimits,
                split.yaml_line + n,
                format!("the front matter nests `[`/`{{` more than {MAX_FLOW_DEPTH} levels deep"),
            )
            .help("front matter values are plain text or short lists");
            err.column = column;
            return Err(err);
        }
    }
    Ok(())
}

/// Follows the `[`/`{` nesting of one line (quoted text and comments do not count); returns
/// the 1-based column where it goes past [`MAX_FLOW_DEPTH`].
fn flow_depth_exceeded(line: &str, depth: &mut usize) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if prev.is_whitespace() => return None,
            (None, '[' | '{') => {
                *depth += 1;
                if *depth > MAX_FLOW_DEPTH {
                    return Some(i + 1);
                }
            }
            (None, ']' | '}') => *depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    None
}

/// `-\tvalue` → `- value` with the same length, so positions stay right.
fn accept_tab_lists(yaml: &str) -> std::borrow::Cow<'_, str> {
    if !yaml.contains("-\t") {
        return yaml.into();
    }
    let mut out = String::with_capacity(yaml.len());
    for line in yaml.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if let Some(after) = rest.strip_prefix('-') {
            let tabs = after.len() - after.trim_start_matches('\t').len();
            if tabs > 0 {
                out.push_str(&line[..indent + 1]);
                out.extend(std::iter::repeat_n(' ', tabs));
                out.push_str(&after[tabs..]);
                continue;
            }
        }
        out.push_str(line);
    }
    out.into()
}

/// A scalar as text: strings, numbers and booleans; empty or blank → `None`.
fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let value = serde_yaml::Value::deserialize(d)?;
    Ok(scalar_text(&value))
}

fn scalar_text(value: &serde_yaml::Value) -> Option<String> {
    use serde_yaml::Value;
    let s = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Tagged(t) => return scalar_text(&t.value),
        Value::Null | Value::Sequence(_) | Value::Mapping(_) => return None,
    };
    let s = s.replace('\u{a0}', " ");
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A list of scalars (or one scalar) as text.
fn text_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let value = serde_yaml::Value::deserialize(d)?;
    Ok(match &value {
        serde_yaml::Value::Sequence(items) => items.iter().filter_map(scalar_text).collect(),
        other => scalar_text(other).into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recovering(yaml: &str) -> Result<(FrontMatter, Option<PageError>), PageError> {
        let page = format!("---\n{yaml}---\nbody\n");
        parse_recovering(&split(&page).unwrap().unwrap())
    }

    #[test]
    fn front_matter_yaml_rejects_is_read_as_flat_lines() {
        let yaml = "UID: NE:demo._X\nreq.typenames: *PX, X\n\
                    req.target-min-winverclnt: Versions: Supported in Windows Vista, and later.\n\
                    description: 'quoted: text'\n# a comment\nms.keywords: a, b\n  continued\n\
                    api_name:\n -\tX\n - PX\n";
        let (front, warning) = recovering(yaml).unwrap();
        assert_eq!(front.uid.as_deref(), Some("NE:demo._X"));
        assert_eq!(front.typenames.as_deref(), Some("*PX, X"));
        assert_eq!(
            front.min_client.as_deref(),
            Some("Versions: Supported in Windows Vista, and later.")
        );
        assert_eq!(front.description.as_deref(), Some("quoted: text"));
        assert_eq!(front.api_name, ["X", "PX"]);
        assert_eq!(front.line_of("req.typenames"), 3);
        let w = warning.unwrap();
        assert_eq!((w.code, w.line, w.column), (Code::YamlFallback, 3, 16));
        assert_eq!(
            w.message,
            "the front matter is not YAML (unknown anchor); read as flat `key: value` lines: `req.typenames` is `*PX, X`"
        );

        // The second colon: YAML rejects the line, the flat reading keeps it whole.
        let (front, warning) =
            recovering("UID: NE:demo._X\nreq.target-min-winverclnt: Versions: Windows 7\n")
                .unwrap();
        assert_eq!(front.min_client.as_deref(), Some("Versions: Windows 7"));
        assert_eq!(warning.unwrap().line, 3);

        // Valid YAML is never read as flat lines.
        let (front, warning) = recovering("UID: NE:demo._X\ntitle: 'a: b' # comment\n").unwrap();
        assert_eq!((front.title.as_deref(), warning), (Some("a: b"), None));

        // Not flat, or not plain text where docbind reads: the YAML error stands.
        for yaml in [
            "UID: NE:x.Y\nreq.typenames: [X\n",
            "  indented: x\nreq.typenames: *X\n",
            "req.typenames: *X\nreq.typenames: Y\n",
            "req.typenames: \"*X\ntitle: *T\n",
            "req.header: |\n  x\ntitle: *T\n",
            "title: *T\nnot a key line\n",
            "title: *T\n- an item under nothing\n",
            "a: &a X\nreq.typenames: *a, B\n",
            "title:*T\n",
        ] {
            let e = recovering(yaml).unwrap_err();
            assert_eq!(e.code, Code::InvalidFrontMatter, "{yaml:?}");
        }
    }

    #[test]
    fn pages_of_other_kinds_are_known_from_their_first_bytes() {
        // The body is not looked at (here it is not even UTF-8).
        let page = b"---\nUID: NF:bits.Foo\ntitle: x\n---\n\n## -description\n\xff";
        assert_eq!(not_enum(page).as_deref(), Some("not an enum page (NF:)"));
        let crlf = "---\r\nUID: NF:bits.Foo\r\n---\r\n";
        assert!(not_enum(crlf.as_bytes()).is_some());
        // Enum pages, and whatever the prefix cannot tell, are read whole.
        assert_eq!(not_enum(b"---\nUID: NE:bits.X\n---\nbody\n"), None);
        assert_eq!(
            not_enum(b"\xEF\xBB\xBF---\nUID: NF:a.b\n---\n"),
            None,
            "BOM"
        );
        assert_eq!(
            not_enum(b"---\nUID: NF:a.b\ntitle: \xff\n---\n"),
            None,
            "not UTF-8"
        );
        assert_eq!(
            not_enum(b"---\nUID: NF:a.b\ntitle: x\n"),
            None,
            "unterminated"
        );
        assert_eq!(not_enum(b"---\nUID: NF:a.b\n---"), None, "last line cut");
        assert_eq!(not_enum(b"# A page\n\nText.\n"), None, "no front matter");
    }

    #[test]
    fn splits_lf_and_crlf() {
        for nl in ["\n", "\r\n"] {
            let text = format!("---{nl}UID: NE:a.b{nl}---{nl}{nl}# T{nl}");
            let split = split(&text).unwrap().unwrap();
            assert_eq!(split.yaml, format!("UID: NE:a.b{nl}"));
            assert_eq!(split.body, format!("{nl}# T{nl}"));
            assert_eq!(&text[split.body_offset..], split.body);
        }
    }

    #[test]
    fn no_front_matter_and_unterminated() {
        assert!(split("# Title\n").unwrap().is_none());
        assert!(split("").unwrap().is_none());
        let err = split("---\nUID: x\n").unwrap_err();
        assert_eq!(err.line, 1);
    }

    #[test]
    fn tab_list_items_parse_and_empty_values_are_none() {
        let text = "---\nUID: NE:bits.X\nreq.kmdf-ver: \nreq.umdf-ver: 2.15\ntopic_type:\n-\tAPIRef\n-\tkbSyntax\napi_name:\n-\tBG_JOB_TYPE\nmystery: 7\n---\n";
        let split = split(text).unwrap().unwrap();
        let fm = parse(&split).unwrap();
        assert_eq!(fm.uid.as_deref(), Some("NE:bits.X"));
        assert_eq!(fm.kmdf, None);
        assert_eq!(fm.umdf.as_deref(), Some("2.15"));
        assert_eq!(fm.api_name, vec!["BG_JOB_TYPE".to_string()]);
        assert_eq!(fm.kind(), PageKind::Enum);
        // Other keys are accepted, whatever their values.
        assert_eq!(fm.key_lines.get("mystery"), Some(&10));
    }

    #[test]
    fn yaml_error_columns_count_bytes() {
        let text = "---\nUID: NE:a.b\ntitle: \"é\" ]\n---\n";
        let split = split(text).unwrap().unwrap();
        let err = parse(&split).unwrap_err();
        let line = text.lines().nth(err.line - 1).unwrap();
        assert_eq!(&line[err.column - 1..], "]", "{err:?}");
    }

    #[test]
    fn yaml_error_points_at_the_page_line() {
        let text = "---\nUID: NE:a.b\ntitle: [unclosed\nx: y\n---\n";
        let split = split(text).unwrap().unwrap();
        let err = parse(&split).unwrap_err();
        // libyaml notices at the next line; the flow sequence it was in starts on line 3.
        assert_eq!((err.line, err.column), (4, 2), "{err:?}");
        assert_eq!(
            err.message,
            "invalid front matter: did not find expected ',' or ']', while parsing a flow sequence that starts at line 3, column 8"
        );
    }
}
