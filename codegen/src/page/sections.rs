//! Stage 3: walk the Markdown body into the sections of a reference page.

use super::front_matter::PageError;
use crate::diagnostic::Code;
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
    /// What was read by assuming something (a field name without its trailing punctuation,
    /// sub-item headings read as docs), and older forms read as the current ones: one warning
    /// or note each, at its line.
    pub recoveries: Vec<PageError>,
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
        /// Written `#### - NAME` rather than `### -field NAME`.
        old_form: bool,
        /// The name as written, when trailing punctuation was taken off it.
        written: Option<String>,
    },
    Plain,
}

/// Punctuation a field name may end in by mistake (`### -field NAME,`); taken off when what is
/// left is a C identifier.
const TRAILING_PUNCTUATION: &[char] = &[',', ';', '.'];

/// Splits `body` (which starts at byte `body_offset` of the page whose lines `index` knows).
pub fn parse(body: &str, body_offset: usize, index: &LineIndex) -> Sections {
    let mut sections = Sections::default();
    // Each delimiting heading: where it starts, where its text ends, and what it is.
    let mut marks: Vec<(Range<usize>, Heading)> = Vec::new();
    // Sub-item headings inside a field's text: where they are, and what they become.
    let mut sub_items: Vec<(Range<usize>, String)> = Vec::new();
    let mut old_form_values: Vec<usize> = Vec::new();
    // The level of the last field heading, while no section heading follows it.
    let mut field_level: Option<HeadingLevel> = None;
    let mut heading: Option<(HeadingLevel, usize)> = None;
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, range.start)),
            Event::End(TagEnd::Heading(level)) => {
                if let Some((_, start)) = heading.take() {
                    let source = &body[start..range.end];
                    let kind = classify(
                        level,
                        source,
                        start,
                        sections.title.is_none() && marks.is_empty(),
                    );
                    if let Some(sub_item) = sub_item(&kind, source, level, field_level) {
                        let name_at = match &kind {
                            Heading::Field { name_at, .. } => *name_at,
                            _ => start,
                        };
                        let (line, column) = index.line_col(body_offset + name_at);
                        let parent = marks
                            .iter()
                            .rev()
                            .find_map(|(_, k)| match k {
                                Heading::Field { name, .. } => Some(name.as_str()),
                                _ => None,
                            })
                            .unwrap_or_default();
                        let mut warning = PageError::new(
                            Code::SubItemHeading,
                            line,
                            format!(
                                "`{}` documents a sub-item of a value, not an enumerator: read as part of the docs of `{parent}`",
                                first_line(source)
                            ),
                        )
                        .help(format!(
                            "write the sub-item as text of `{parent}` (a paragraph or a list item), not as a heading"
                        ));
                        warning.column = column;
                        sections.recoveries.push(warning);
                        sub_items.push((start..range.end, format!("**{sub_item}**")));
                        continue;
                    }
                    match &kind {
                        Heading::Title(t) => sections.title = Some(t.clone()),
                        Heading::Section(_) => field_level = None,
                        Heading::Field {
                            old_form, written, ..
                        } => {
                            field_level = Some(level);
                            if *old_form {
                                old_form_values.push(start);
                            }
                            if let Some(written) = written {
                                sections.recoveries.push(punctuation_warning(
                                    &kind,
                                    written,
                                    body_offset,
                                    index,
                                ));
                            }
                        }
                        Heading::Plain => {}
                    }
                    if !matches!(kind, Heading::Plain) {
                        marks.push((start..range.end, kind));
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(&first) = old_form_values.first() {
        let line = index.line(body_offset + first);
        let n = old_form_values.len();
        let what = if n == 1 {
            "a value is".to_string()
        } else {
            format!("{n} values are")
        };
        sections.recoveries.push(
            PageError::new(
                Code::OldHeadingForm,
                line,
                format!(
                    "{what} written in the older form `#### - NAME` (the first here): read as `### -field NAME`"
                ),
            )
            .help("write values as `### -field NAME` (or `### -field NAME:VALUE`)"),
        );
    }
    for (i, (range, kind)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(body.len(), |(next, _)| next.start);
        let block = Block {
            text: block_text(body, range.end..end, &sub_items),
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
                ..
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
    sections.recoveries.sort_by_key(|w| w.line);
    sections
}

/// What a heading of the older form (`##### - PARENT.CHILD`, `###### - PARENT.Some text`)
/// under a field heading of a higher level stands for: a sub-item of that field's value, not
/// an enumerator (no C name has a `.`). `None` for any other heading.
fn sub_item(
    kind: &Heading,
    source: &str,
    level: HeadingLevel,
    field_level: Option<HeadingLevel>,
) -> Option<String> {
    let Heading::Field {
        name,
        old_form: true,
        ..
    } = kind
    else {
        return None;
    };
    let (parent, rest) = name.split_once('.')?;
    let nested = field_level.is_some_and(|enclosing| level > enclosing);
    if !(nested && crate::naming::is_c_identifier(parent) && !rest.trim().is_empty()) {
        return None;
    }
    // The heading's text as written (a `:` in it is text here, not a value).
    let (text, _) = heading_text(source);
    Some(text.strip_prefix('-').unwrap_or(text).trim().to_string())
}

/// The warning for a field name read without its trailing punctuation.
fn punctuation_warning(
    kind: &Heading,
    written: &str,
    body_offset: usize,
    index: &LineIndex,
) -> PageError {
    let Heading::Field { name, name_at, .. } = kind else {
        unreachable!("only fields have names")
    };
    let (line, column) = index.line_col(body_offset + name_at);
    let punctuation = &written[name.len()..];
    let mut warning = PageError::new(
        Code::FieldNamePunctuation,
        line,
        format!("the field name `{written}` ends in `{punctuation}`: read as `{name}`"),
    )
    .help(format!("write `### -field {name}`"));
    warning.column = column;
    warning
}

/// The first line of a heading's source, without its line ending.
fn first_line(source: &str) -> &str {
    source.lines().next().unwrap_or("").trim()
}

/// The text of `range` of `body`, with the sub-item headings in it replaced by what they
/// become (a paragraph in bold).
fn block_text(body: &str, range: Range<usize>, sub_items: &[(Range<usize>, String)]) -> String {
    let mut text = String::new();
    let mut at = range.start;
    for (item, replacement) in sub_items
        .iter()
        .filter(|(r, _)| r.start >= range.start && r.end <= range.end)
    {
        text.push_str(&body[at..item.start]);
        text.push_str(replacement);
        text.push('\n');
        at = item.end;
    }
    text.push_str(&body[at..range.end]);
    text
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
    let name = unescape(name);
    // `### -field NAME,`: the punctuation is no part of a C name.
    let bare = name.trim_end_matches(TRAILING_PUNCTUATION).trim_end();
    let (name, written) = if bare.len() < name.len()
        && !crate::naming::is_c_identifier(&name)
        && crate::naming::is_c_identifier(bare)
    {
        (bare.to_string(), Some(name))
    } else {
        (name, None)
    };
    Heading::Field {
        name,
        name_at: text_at + skipped + lead,
        value: value.map(unescape),
        old_form: skipped == 1,
        written,
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
    fn trailing_punctuation_older_forms_and_sub_items() {
        let body = "## -enum-fields\n\n### -field A_ONE,\n\nOne.\n\n#### - A_TWO\n\nTwo.\n\n\
                    ##### - A_TWO.Sub\n\nSub text.\n\n###### - A_TWO.Some sentence: with a colon\n\nMore.\n\n\
                    #### - A_TWO.SAME_LEVEL\n\n### -field A, B\n\n## -remarks\n\n##### - A_TWO.After\n";
        let s = sections(body);
        let names: Vec<&str> = s.fields.iter().map(|f| f.name.as_str()).collect();
        // A heading at the value's own level, or after a section, is no sub-item (and, no C
        // name, an error later).
        assert_eq!(
            names,
            ["A_ONE", "A_TWO", "A_TWO.SAME_LEVEL", "A, B", "A_TWO.After"]
        );
        // The punctuation is no part of the name; the column is the name's.
        assert_eq!((s.fields[0].line, s.fields[0].column), (3, 12));
        // Sub-items are the docs of their value, as bold paragraphs.
        let two = &s.fields[1].body.text;
        assert!(
            two.contains("Two.\n\n**A_TWO.Sub**\n\nSub text."),
            "{two:?}"
        );
        assert!(
            two.contains("**A_TWO.Some sentence: with a colon**"),
            "{two:?}"
        );
        assert!(two.contains("More."), "{two:?}");
        let found: Vec<(Code, usize)> = s.recoveries.iter().map(|r| (r.code, r.line)).collect();
        assert_eq!(
            found,
            [
                (Code::FieldNamePunctuation, 3),
                (Code::OldHeadingForm, 7),
                (Code::SubItemHeading, 11),
                (Code::SubItemHeading, 15)
            ]
        );
        assert_eq!(
            s.recoveries[0].message,
            "the field name `A_ONE,` ends in `,`: read as `A_ONE`"
        );
        assert!(s.recoveries[1].message.starts_with("3 values are written"));
        assert_eq!(s.recoveries[2].column, 9);
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
