//! Diagnostics: what went wrong (or looks wrong) on which page, at which line.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The page (or the run) cannot produce correct output.
    Error,
    /// Output was produced, but something on the page was ignored or guessed.
    Warning,
}

impl Severity {
    /// The word rustc prints for this severity.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A message about one place in one input file.
///
/// Its `Display` is rustc's layout in plain text (the `docbind` command renders the same
/// layout, in color on a terminal):
///
/// ```
/// let page = "---\nUID: NE:bits.X\n---\n### -field 9X\n";
/// let d = docbind::diagnostic::Diagnostic::error("docs/bits/x.md", 4, "the field name `9X` is not a C identifier")
///     .at_column(12)
///     .with_source(page)
///     .with_help("write the enumerator's C name");
/// assert_eq!(
///     d.to_string(),
///     "error: the field name `9X` is not a C identifier
///  --> docs/bits/x.md:4:12
///   |
/// 4 | ### -field 9X
///   |            ^
///   = help: write the enumerator's C name"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as the user named it (the docs directory joined with the page's relative path).
    pub file: PathBuf,
    /// 1-based line; 0 when the message is about the whole file.
    pub line: usize,
    /// 1-based column, counted in bytes of the line; 0 when unknown. What is shown counts
    /// characters, as rustc does: see [`Diagnostic::char_column`].
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The text of the line the message points at (without its line ending).
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error about `file` at `line` (0 for the whole file).
    pub fn error(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file.into(), line, message.into())
    }

    /// A warning about `file` at `line` (0 for the whole file).
    pub fn warning(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file.into(), line, message.into())
    }

    fn new(severity: Severity, file: PathBuf, line: usize, message: String) -> Self {
        Diagnostic {
            severity,
            file,
            line,
            column: 0,
            message,
            help: None,
            source_line: None,
        }
    }

    /// Adds a `help:` line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the 1-based column.
    pub fn at_column(mut self, column: usize) -> Self {
        self.column = column;
        self
    }

    /// Fills in [`Diagnostic::source_line`] from the file's text.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.line > 0 {
            self.source_line = text
                .split('\n')
                .nth(self.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The `file:line:column` location, as shown after `-->`.
    pub fn location(&self) -> String {
        location(&self.file, self.line, self.char_column())
    }

    /// The 1-based column counted in characters of the line, as rustc counts them (0 when
    /// unknown). Without the line's text, the column as it is.
    pub fn char_column(&self) -> usize {
        match (&self.source_line, self.column.checked_sub(1)) {
            (_, None) => 0,
            (None, Some(_)) => self.column,
            (Some(src), Some(before)) => {
                let chars = src.char_indices().take_while(|(i, _)| *i < before).count();
                chars + 1 + before.saturating_sub(src.len())
            }
        }
    }
}

fn location(file: &Path, line: usize, column: usize) -> String {
    let file = file.display();
    match (line, column) {
        (0, _) => format!("{file}"),
        (l, 0) => format!("{file}:{l}"),
        (l, c) => format!("{file}:{l}:{c}"),
    }
}

/// Longest source line shown whole; longer ones are cut to a window around the column.
const MAX_SHOWN: usize = 120;

/// The source line as shown (control characters blanked, cut to a window around `column`
/// when long) and how many characters precede the caret (`None` without a column).
fn excerpt(src: &str, column: usize) -> (String, Option<usize>) {
    let chars: Vec<char> = src
        .chars()
        .map(|c| {
            if (c.is_control() && c != '\t') || crate::doc_text::is_bidi_control(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    // `column` counts bytes; the caret is placed by characters.
    let at = (column > 0).then(|| {
        src.char_indices()
            .take_while(|(i, _)| *i < column - 1)
            .count()
    });
    if chars.len() <= MAX_SHOWN {
        return (chars.into_iter().collect(), at);
    }
    let center = at.unwrap_or(0);
    let start = center
        .saturating_sub(MAX_SHOWN / 2)
        .min(chars.len() - MAX_SHOWN);
    let end = start + MAX_SHOWN;
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, at.map(|a| a - start + usize::from(start > 0)))
}

/// Renders in rustc's style:
///
/// ```text
/// error: message
///   --> docs/bits/page.md:42:5
///    |
/// 42 | ### -field X } pub fn evil() {
///    |     ^
///    = help: ...
/// ```
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.severity.as_str(), self.message)?;
        let gutter = " ".repeat(self.line.max(1).to_string().len());
        write!(f, "{gutter}--> {}", self.location())?;
        if let Some(src) = &self.source_line {
            let (shown, caret) = excerpt(src, self.column);
            write!(f, "\n{gutter} |\n{} | {shown}", self.line)?;
            if let Some(caret) = caret {
                let pad = " ".repeat(caret);
                write!(f, "\n{gutter} | {pad}^")?;
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n{gutter} = help: {help}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_shown_in_characters() {
        // `]` is the 6th byte of line 3 and its 5th character.
        let d = Diagnostic::error("a.md", 3, "bad")
            .at_column(6)
            .with_source("x\ny\né = ]\n");
        assert_eq!(d.char_column(), 5);
        assert_eq!(d.location(), "a.md:3:5");
        assert!(d.to_string().ends_with("3 | é = ]\n  |     ^"), "{d}");
        // Past the end of the line, and without the line's text.
        assert_eq!(d.clone().at_column(7).char_column(), 6);
        assert_eq!(d.clone().at_column(9).char_column(), 8);
        assert_eq!(
            Diagnostic::error("a.md", 3, "bad")
                .at_column(6)
                .char_column(),
            6
        );
        assert_eq!(Diagnostic::error("a.md", 3, "bad").char_column(), 0);
    }
}
