//! Source clean-up before parsing: line endings, non-breaking spaces, and the prose that old
//! MSDN-converted pages indent by 6–14 spaces (which CommonMark would read as code).

/// Normalizes line endings and NBSPs, and dedents indented prose.
pub(super) fn prepare(src: &str) -> String {
    // Most texts have none of these: one pass to see it, no copies.
    let unusual = |c: char| c == '\r' || c == '\u{a0}' || super::is_bidi_control(c);
    if !src.contains(unusual) {
        return dedent_prose(src);
    }
    let text = src
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\u{a0}', " ")
        .replace(super::is_bidi_control, "");
    dedent_prose(&text)
}

/// Column width of leading whitespace (tabs to the next multiple of 4) and the rest.
fn leading(line: &str) -> (usize, &str) {
    let mut width = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => width += 1,
            '\t' => width += 4 - width % 4,
            _ => return (width, &line[i..]),
        }
    }
    (width, "")
}

/// Line-by-line state of the scan.
#[derive(Default)]
struct Scan {
    /// The open code fence: its character and length.
    fence: Option<(char, usize)>,
    in_pre: bool,
    /// Content column of the list item being continued, if any.
    list_col: Option<usize>,
    prev_blank: bool,
    /// The last indented chunk was code, and only blank lines followed it.
    code_continues: bool,
}

/// Dedents indented chunks (after a blank line) that read as prose; leaves code, fenced code
/// and `<pre>` alone.
fn dedent_prose(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut scan = Scan {
        prev_blank: true,
        ..Scan::default()
    };
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let (indent, content) = leading(line);
        i += 1;
        if content.trim_end().is_empty() {
            if !joins_broken_sentence(line, out.last(), lines.get(i)) {
                out.push(String::new());
                scan.prev_blank = true;
            }
            continue;
        }
        if scan.verbatim(line, indent, content) {
            out.push(line.to_owned());
            scan.prev_blank = false;
            continue;
        }
        // Trailing spaces would make accidental hard line breaks.
        let line = line.trim_end();
        let base = scan.list_col.unwrap_or(0);
        if scan.prev_blank && indent >= base + 4 {
            let end = lines[i..]
                .iter()
                .position(|l| l.trim().is_empty())
                .map_or(lines.len(), |p| i + p);
            let chunk = &lines[i - 1..end];
            let prose = !scan.code_continues && is_prose(chunk);
            scan.code_continues = !prose;
            for chunk_line in chunk {
                out.push(if prose {
                    format!("{}{}", " ".repeat(base), chunk_line.trim())
                } else {
                    chunk_line.trim_end().to_owned()
                });
            }
            scan.prev_blank = false;
            i = end;
            continue;
        }
        scan.track_list(indent, content);
        out.push(line.to_owned());
    }
    out.join("\n")
}

/// A whitespace-only line that cuts a sentence ("Indicates a", spaces, "    CC status change
/// alert."): the text before it ends mid-sentence and the text after it is indented. Such a
/// line is dropped so that the sentence stays one paragraph.
fn joins_broken_sentence(line: &str, before: Option<&String>, after: Option<&&str>) -> bool {
    let mid_sentence = before
        .and_then(|b| b.chars().next_back())
        .is_some_and(char::is_alphanumeric);
    let indented_after = after.is_some_and(|a| {
        let (indent, content) = leading(a);
        indent >= 4 && content.starts_with(char::is_alphanumeric)
    });
    !line.is_empty() && mid_sentence && indented_after
}

impl Scan {
    /// Tracks fences and `<pre>`; true when the line is inside (or opens/closes) one.
    fn verbatim(&mut self, line: &str, indent: usize, content: &str) -> bool {
        if let Some((ch, len)) = self.fence {
            let run = content.chars().take_while(|c| *c == ch).count();
            if run >= len && content[run * ch.len_utf8()..].trim().is_empty() {
                self.fence = None;
            }
            return true;
        }
        if self.in_pre {
            self.in_pre = !contains_ci(line, "</pre");
            return true;
        }
        let base = self.list_col.unwrap_or(0);
        if indent < base + 4 {
            for ch in ['`', '~'] {
                let run = content.chars().take_while(|c| *c == ch).count();
                if run >= 3 {
                    self.fence = Some((ch, run));
                    self.code_continues = false;
                    return true;
                }
            }
        }
        if contains_ci(line, "<pre") && !contains_ci(line, "</pre") {
            self.in_pre = true;
            return true;
        }
        false
    }

    /// Follows list items, so that their indented continuation paragraphs keep their place.
    fn track_list(&mut self, indent: usize, content: &str) {
        self.code_continues = false;
        if let Some(width) = list_marker_width(content) {
            self.list_col = Some(indent + width);
        } else if self.prev_blank && indent < self.list_col.unwrap_or(0) {
            self.list_col = (indent > 0).then_some(indent);
        }
        self.prev_blank = false;
    }
}

/// Width of a list marker and the spaces after it at the start of `content`.
fn list_marker_width(content: &str) -> Option<usize> {
    let digits = content.chars().take_while(char::is_ascii_digit).count();
    let marker = if content.starts_with(['-', '*', '+']) {
        1
    } else if (1..=9).contains(&digits) && content[digits..].starts_with(['.', ')']) {
        digits + 1
    } else {
        return None;
    };
    let rest = &content[marker..];
    let spaces = rest.chars().take_while(|c| *c == ' ').count();
    match spaces {
        0 if !rest.is_empty() => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

fn contains_ci(haystack: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether an indented chunk reads as prose (or HTML markup) rather than code.
fn is_prose(chunk: &[&str]) -> bool {
    let lines: Vec<&str> = chunk.iter().map(|l| l.trim()).collect();
    let starts_with_tag = lines.first().is_some_and(|l| {
        let mut chars = l.chars();
        chars.next() == Some('<')
            && chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
    });
    if starts_with_tag {
        return true;
    }
    if lines.iter().any(|l| has_code_line_shape(l)) {
        return false;
    }
    let text = strip_tags(&lines.join(" "));
    const OPERATORS: [&str; 10] = ["==", "!=", "->", "&&", "||", "++", "+=", "|=", "<<", ">>"];
    if OPERATORS.iter().any(|op| text.contains(op)) {
        return false;
    }
    let words = text.split_whitespace().count();
    if words < 4 && text.contains('=') {
        return false;
    }
    let non_space = text.chars().filter(|c| !c.is_whitespace()).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let codeish = text
        .chars()
        .filter(|c| {
            matches!(
                c,
                ';' | '{' | '}' | '(' | ')' | '=' | '*' | '&' | '[' | ']' | '|'
            )
        })
        .count();
    letters * 10 >= non_space * 7 && codeish * 20 <= non_space
}

/// Line shapes only code has: statement ends, braces, comments, preprocessor lines.
fn has_code_line_shape(line: &str) -> bool {
    line.ends_with([';', '{', '}'])
        || line.starts_with(['{', '}'])
        || [
            "//", "/*", "#include", "#define", "#if", "#pragma", "typedef ",
        ]
        .iter()
        .any(|p| line.starts_with(p))
}

/// Removes `<...>` spans (roughly: enough to judge the words of a line).
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
