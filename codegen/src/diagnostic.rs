//! Diagnostics: what went wrong (or looks wrong) on which page, at which line, and of which
//! kind ([`Code`]): a defect of one page (the page is left out, or read by assuming something)
//! or an error of the whole run.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The page (or the run) cannot produce correct output.
    Error,
    /// Output was produced, but something on the page was ignored, guessed, or left out.
    Warning,
    /// Something only `docbind lint` shows: a page of another kind that is broken, an older
    /// form of the format. Never stops a run, in any mode.
    Note,
}

impl Severity {
    /// The word rustc prints for this severity.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// What a [`Class`] of diagnostic does to the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// A page defect that costs the page: the page is left out. An error with `strict`; by
    /// default a warning that says the page is left out, and everything else is written.
    LeftOut,
    /// A page defect docbind read past by assuming what the page meant (the warning says
    /// what): a warning by default, an error with `strict`.
    Recovered,
    /// Something a page says that docbind used as best it can (a value inferred, a field
    /// documented twice): a warning in both modes.
    Warning,
    /// Shown by `docbind lint` only (a broken page of another kind, an older form of the
    /// format): never an error, in any mode.
    Note,
    /// The run cannot go on (the configuration, the docs root, nothing left to write, the
    /// output directory): an error in both modes.
    Run,
}

impl Class {
    /// A short name (`left-out`, `recovered`, `warning`, `note`, `run`).
    pub fn as_str(self) -> &'static str {
        match self {
            Class::LeftOut => "left-out",
            Class::Recovered => "recovered",
            Class::Warning => "warning",
            Class::Note => "note",
            Class::Run => "run",
        }
    }

    /// Whether diagnostics of this class concern one page (rather than the run).
    pub fn is_page_defect(self) -> bool {
        matches!(self, Class::LeftOut | Class::Recovered)
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $class:ident;)*) => {
        /// The kind of a [`Diagnostic`]: a stable name (`no-fields`, `yaml-fallback`, ...) to
        /// group, count and filter by, shown in brackets after the severity
        /// (`warning[no-fields]: ...`) and as `code` in JSON. Each kind has one [`Class`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every kind, in the order of the guide's table.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// What diagnostics of this kind do to the run.
            pub fn class(self) -> Class {
                match self {
                    $(Code::$variant => Class::$class,)*
                }
            }
        }
    };
}

codes! {
    /// The page cannot be read (permissions, a dangling symlink, not a regular file).
    UnreadablePage = "unreadable-page", LeftOut;
    /// A directory of the tree cannot be read: its pages are left out.
    UnreadableDir = "unreadable-dir", LeftOut;
    /// The page is larger than docbind reads.
    PageTooLarge = "page-too-large", LeftOut;
    /// The page is not UTF-8 text.
    Encoding = "encoding", LeftOut;
    /// An enum page without front matter (or with a first line that is not `---`).
    NoFrontMatter = "no-front-matter", LeftOut;
    /// The front matter is never closed.
    UnclosedFrontMatter = "unclosed-front-matter", LeftOut;
    /// The front matter is neither YAML nor flat `key: value` lines.
    InvalidFrontMatter = "invalid-front-matter", LeftOut;
    /// The front matter is too large, or nests too deep.
    FrontMatterLimits = "front-matter-limits", LeftOut;
    /// The page lists enum fields but has no `UID`.
    NoUid = "no-uid", LeftOut;
    /// No type name, or one that is no C identifier or makes no Rust name.
    TypeName = "type-name", LeftOut;
    /// The page documents no enumerators (an empty `## -enum-fields`: a stub).
    NoFields = "no-fields", LeftOut;
    /// A field with no name, or a name that is no C identifier (after recovery).
    FieldName = "field-name", LeftOut;
    /// A name that makes no Rust identifier, or two names that make the same one.
    RustName = "rust-name", LeftOut;
    /// A value beyond 64 bits, or values no single 64-bit type holds.
    ValueRange = "value-range", LeftOut;
    /// Values that need each other.
    ValueCycle = "value-cycle", LeftOut;
    /// With the C header's values, the values no longer fit one 64-bit type.
    HeaderValues = "header-values", LeftOut;
    /// A field name with trailing punctuation (`### -field NAME,`), read without it.
    FieldNamePunctuation = "field-name-punctuation", Recovered;
    /// An older heading (`##### - PARENT.CHILD`) documenting a sub-item of a value, read as
    /// part of that value's docs.
    SubItemHeading = "sub-item-heading", Recovered;
    /// Front matter YAML rejects (`req.typenames: *PX, X`, a second colon in a value), read
    /// as flat `key: value` lines and `- item` lists.
    YamlFallback = "yaml-fallback", Recovered;
    /// A field documented twice: the first one counts.
    DuplicateField = "duplicate-field", Warning;
    /// A written value docbind cannot evaluate: inferred by C's rule.
    ValueInferred = "value-inferred", Warning;
    /// A second page for the same type: left out, the first one counts.
    DuplicatePage = "duplicate-page", Warning;
    /// What the C headers say about the page's values.
    HeaderCheck = "header-check", Warning;
    /// What the Windows metadata says about the page's values.
    WinmdCheck = "winmd-check", Warning;
    /// A setting of the configuration for a type whose page was left out.
    OverrideLeftOut = "override-left-out", Warning;
    /// A symlink loop, or an entry that is no page and cannot be read.
    TreeEntry = "tree-entry", Warning;
    /// A version note docbind does not understand (`docbind lint`).
    VersionNote = "version-note", Warning;
    /// An enum whose values are all inferred (`docbind lint`).
    ValuesInferred = "values-inferred", Warning;
    /// An inferred value no witness confirms, an error of `docbind lint --deny-inferred`.
    InferredDenied = "inferred-denied", Warning;
    /// Values written in the older heading form `#### - NAME`, read as `### -field NAME`.
    OldHeadingForm = "old-heading-form", Note;
    /// A page of another kind (`NF:`, `NS:`, ..., or no `UID`) that is broken: not bound anyway.
    OtherPage = "other-page", Note;
    /// An empty page.
    EmptyPage = "empty-page", Note;
    /// The configuration cannot be read or names what does not exist.
    Config = "config", Run;
    /// The docs root cannot be read.
    DocsRoot = "docs-root", Run;
    /// The C header directories cannot be read.
    HeaderDirs = "header-dirs", Run;
    /// The Windows metadata files cannot be read (or the `winmd` feature is off).
    WinmdFiles = "winmd-files", Run;
    /// Every enum page was left out: nothing to write.
    NothingBound = "nothing-bound", Run;
    /// The output cannot be written, or is out of date (`check`).
    Output = "output", Run;
    /// docbind produced Rust that does not parse (a bug in docbind).
    Internal = "internal", Run;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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
    /// Its kind, when it has one (every diagnostic about a page has).
    pub code: Option<Code>,
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
            code: None,
        }
    }

    /// A note about `file` at `line` (0 for the whole file): shown by `docbind lint` only.
    pub fn note(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, file.into(), line, message.into())
    }

    /// Sets the kind.
    pub fn with_code(mut self, code: Code) -> Self {
        self.code = Some(code);
        self
    }

    /// What this diagnostic does to the run: its kind's [`Class`]; without a kind, an error is
    /// a run error, a warning a warning and a note a note.
    pub fn class(&self) -> Class {
        match (self.code, self.severity) {
            (Some(code), _) => code.class(),
            (None, Severity::Error) => Class::Run,
            (None, Severity::Warning) => Class::Warning,
            (None, Severity::Note) => Class::Note,
        }
    }

    /// `error`, or `error[code]` when it has a kind.
    pub fn title(&self) -> String {
        match self.code {
            Some(code) => format!("{}[{code}]", self.severity.as_str()),
            None => self.severity.as_str().to_string(),
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
        writeln!(f, "{}: {}", self.title(), self.message)?;
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

    /// The guide's table lists every kind, with its class, in the order of [`Code::ALL`].
    #[test]
    fn the_guide_lists_every_kind_with_its_class() {
        let guide = include_str!("guide/hostile_input.md");
        let rows: Vec<(&str, &str)> = guide
            .lines()
            .filter_map(|l| {
                let mut cells = l.strip_prefix("| `")?.split(" | ");
                let kind = cells.next()?.strip_suffix('`')?;
                Some((kind, cells.next()?))
            })
            .collect();
        let expected: Vec<(&str, String)> = Code::ALL
            .iter()
            .map(|c| (c.as_str(), c.class().as_str().replace('-', " ")))
            .collect();
        let rows: Vec<(&str, String)> = rows.into_iter().map(|(k, c)| (k, c.to_string())).collect();
        assert_eq!(rows, expected);
    }

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
