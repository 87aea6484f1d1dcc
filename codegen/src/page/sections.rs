//! Stage 3: walk the Markdown body into the sections of a reference page.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// A run of Markdown source between two section headings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    /// The Markdown as written on the page.
    pub text: String,
    /// 1-based line where the block starts.
    pub line: usize,
}

/// One `### -field NAME[:VALUE]` heading and the text under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldSection {
    /// The name as written (backslash escapes removed).
    pub name: String,
    /// The text after the colon, trimmed; `None` when absent or empty.
    pub value: Option<String>,
    /// 1-based line of the heading.
    pub line: usize,
    /// 1-based column of the name in the heading line.
    pub column: usize,
    /// The field's description.
    pub body: Block,
}

/// The sections of one page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sections {
    /// The `# Title` heading.
    pub title: Option<String>,
    /// `## -description`.
    pub description: Option<Block>,
    /// The fields of `## -enum-fields` (and stray `-field` headings elsewhere), in page order.
    pub fields: Vec<FieldSection>,
    /// 1-based line of `## -enum-fields` (0 if absent).
    pub fields_line: usize,
    /// `## -remarks`.
    pub remarks: Option<Block>,
    /// `## -see-also`.
    pub see_also: Option<Block>,
    /// `## -syntax`.
    pub syntax: Option<Block>,
}

/// Maps byte offsets of a text to 1-based line and column numbers.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// 1-based (line, column) of byte `offset`; the column counts bytes.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        (line, offset - self.starts[line - 1] + 1)
    }
}

/// What a heading means to the page structure.
enum Heading {
    Title(String),
    Section(String),
    Field {
        name: String,
        name_at: usize,
        value: Option<String>,
    },
    Plain,
}

/// Splits `body` (which starts at byte `body_offset` of the page whose lines `index` knows).
pub fn parse(body: &str, body_offset: usize, index: &LineIndex) -> Sections {
    let mut sections = Sections::default();
    // Each delimiting heading: where it starts, where its text ends, and what it is.
    let mut marks: Vec<(Range<usize>, Heading)> = Vec::new();
    let mut heading: Option<(HeadingLevel, usize)> = None;
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, range.start)),
            Event::End(TagEnd::Heading(level)) => {
                if let Some((_, start)) = heading.take() {
                    let kind = classify(
                        level,
                        &body[start..range.end],
                        start,
                        sections.title.is_none() && marks.is_empty(),
                    );
                    if let Heading::Title(t) = &kind {
                        sections.title = Some(t.clone());
                    }
                    if !matches!(kind, Heading::Plain) {
                        marks.push((start..range.end, kind));
                    }
                }
            }
            _ => {}
        }
    }
    for (i, (range, kind)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(body.len(), |(next, _)| next.start);
        let block = Block {
            text: body[range.end..end].to_string(),
            line: index.line(body_offset + range.end.min(body.len())),
        };
        match kind {
            Heading::Title(_) | Heading::Plain => {}
            Heading::Section(name) => match name.as_str() {
                "description" => sections.description = Some(block),
                "remarks" => sections.remarks = Some(block),
                "see-also" => sections.see_also = Some(block),
                "syntax" => sections.syntax = Some(block),
                "enum-fields" => sections.fields_line = index.line(body_offset + range.start),
                _ => {}
            },
            Heading::Field {
                name,
                name_at,
                value,
            } => {
                let (line, column) = index.line_col(body_offset + name_at);
                sections.fields.push(FieldSection {
                    name: name.clone(),
                    value: value.clone(),
                    line,
                    column,
                    body: block,
                });
            }
        }
    }
    sections
}

/// Reads a heading's source text (`start` is its offset in the body).
fn classify(level: HeadingLevel, source: &str, start: usize, may_be_title: bool) -> Heading {
    let (text, text_at) = heading_text(source);
    let text_at = start + text_at;
    if level == HeadingLevel::H1 {
        return if may_be_title {
            Heading::Title(unescape(text))
        } else {
            Heading::Plain
        };
    }
    let Some(rest) = text.strip_prefix('-') else {
        return Heading::Plain;
    };
    let (after, skipped) = if let Some(after) = rest
        .strip_prefix("field")
        .filter(|a| a.is_empty() || a.starts_with(char::is_whitespace))
    {
        (after, 1 + "field".len())
    } else if rest.starts_with(char::is_whitespace) && level >= HeadingLevel::H3 {
        (rest, 1)
    } else {
        return Heading::Section(rest.trim().to_ascii_lowercase());
    };
    let lead = after.len() - after.trim_start().len();
    let after = after.trim_start();
    let (name, value) = match after.split_once(':') {
        Some((name, value)) => (
            name.trim_end(),
            Some(value.trim()).filter(|v| !v.is_empty()),
        ),
        None => (after.trim_end(), None),
    };
    Heading::Field {
        name: unescape(name),
        name_at: text_at + skipped + lead,
        value: value.map(unescape),
    }
}

/// The text of an ATX or setext heading and its offset in `source`.
fn heading_text(source: &str) -> (&str, usize) {
    let first = source.lines().next().unwrap_or("");
    let trimmed = first.trim_start();
    let indent = first.len() - trimmed.len();
    if trimmed.starts_with('#') {
        let after_hashes = trimmed.trim_start_matches('#');
        let inner = after_hashes.trim_start();
        let at = indent + (trimmed.len() - after_hashes.len()) + (after_hashes.len() - inner.len());
        let inner = inner.trim_end();
        // An optional closing sequence of #s, preceded by a space.
        let without = inner.trim_end_matches('#');
        let inner = if without.len() < inner.len() && (without.is_empty() || without.ends_with(' '))
        {
            without.trim_end()
        } else {
            inner
        };
        (inner, at)
    } else {
        (first.trim(), indent)
    }
}

/// Removes Markdown backslash escapes (`NAME\_X` → `NAME_X`).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(body: &str) -> Sections {
        parse(body, 0, &LineIndex::new(body))
    }

    #[test]
    fn reads_sections_and_fields() {
        let body = "# T enumeration\n\n## -description\n\nDesc.\n\n## -enum-fields\n\n### -field A_ONE\n\nOne.\n\n### -field A_TWO:0x4\n\nTwo.\n\n## -remarks\n\nR.\n\n## -see-also\n\nS.\n";
        let s = sections(body);
        assert_eq!(s.title.as_deref(), Some("T enumeration"));
        assert_eq!(s.description.as_ref().unwrap().text.trim(), "Desc.");
        assert_eq!(s.fields.len(), 2);
        assert_eq!(s.fields[0].name, "A_ONE");
        assert_eq!(s.fields[0].value, None);
        assert_eq!((s.fields[0].line, s.fields[0].column), (9, 12));
        assert_eq!(s.fields[1].value.as_deref(), Some("0x4"));
        assert_eq!(s.fields[1].body.text.trim(), "Two.");
        assert_eq!(s.remarks.as_ref().unwrap().text.trim(), "R.");
        assert_eq!(s.see_also.as_ref().unwrap().text.trim(), "S.");
        assert_eq!(s.fields_line, 7);
    }

    #[test]
    fn field_heading_variants() {
        let body = "## -enum-fields\n\n#### - SDK_NAME : 0x1\n\nx\n\n## -field WRONG_LEVEL\n\ny\n\n### -field EMPTY : \n\nz\n\n### -field ESC\\_APED:OTHER\n";
        let s = sections(body);
        let got: Vec<_> = s
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.value.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("SDK_NAME", Some("0x1")),
                ("WRONG_LEVEL", None),
                ("EMPTY", None),
                ("ESC_APED", Some("OTHER"))
            ]
        );
    }

    #[test]
    fn crlf_and_headings_in_code_blocks() {
        let body = "## -syntax\r\n\r\n```cpp\r\n## -field NOT_A_FIELD\r\n```\r\n\r\n## -enum-fields\r\n\r\n### -field REAL\r\n";
        let s = sections(body);
        assert_eq!(s.fields.len(), 1);
        assert_eq!(s.fields[0].name, "REAL");
        assert_eq!(s.fields[0].line, 9);
        assert!(s.syntax.unwrap().text.contains("NOT_A_FIELD"));
    }
}
