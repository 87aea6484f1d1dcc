//! What the command tells its user on stderr: diagnostics (rustc-style or JSON lines), a progress
//! bar while it works (on a terminal only), and a closing summary line.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use docbind::diagnostic::{Diagnostic, Severity};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How messages are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    // rustc-style text, in color on a terminal. (No doc comments here: clap would list the
    // values with them one per line instead of `[possible values: human, json]`.)
    Human,
    // One JSON object a line.
    Json,
}

/// Prints diagnostics, progress and the summary to stderr.
pub struct Reporter {
    format: MessageFormat,
    renderer: Renderer,
    terminal: bool,
    bar: Option<ProgressBar>,
    start: Instant,
    /// Diagnostics printed so far: (errors, warnings, notes).
    counts: (usize, usize, usize),
    /// Texts of files read to show the line a diagnostic points at (`None`: unreadable).
    sources: BTreeMap<PathBuf, Option<String>>,
}

impl Reporter {
    /// A reporter for this process's stderr.
    pub fn new(format: MessageFormat) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Reporter {
            format,
            renderer: if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
            terminal,
            bar: None,
            start: Instant::now(),
            counts: (0, 0, 0),
            sources: BTreeMap::new(),
        }
    }

    /// Whether messages are JSON lines.
    pub fn is_json(&self) -> bool {
        self.format == MessageFormat::Json
    }

    /// Errors printed so far.
    pub fn errors(&self) -> usize {
        self.counts.0
    }

    /// Warnings printed so far.
    pub fn warnings(&self) -> usize {
        self.counts.1
    }

    /// A progress callback for [`docbind::load_with_progress`]: draws a bar on a terminal (and
    /// with human messages), does nothing otherwise.
    pub fn progress(&mut self, what: &'static str) -> impl FnMut(usize, usize) + '_ {
        if self.terminal && self.format == MessageFormat::Human {
            let style = ProgressStyle::with_template("{msg:>9} [{wide_bar}] {percent:>3}%")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
                .with_style(style)
                .with_message(what);
            self.bar = Some(bar);
        }
        let bar = self.bar.clone();
        move |done, total| {
            if let Some(bar) = &bar {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            }
        }
    }

    /// A spinner for a step without steps of its own (rendering Rust), on a terminal only.
    pub fn busy(&mut self, what: &'static str) {
        self.done();
        if self.terminal && self.format == MessageFormat::Human {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
                .with_style(ProgressStyle::default_spinner())
                .with_message(what);
            bar.enable_steady_tick(Duration::from_millis(100));
            self.bar = Some(bar);
        }
    }

    /// Removes the progress bar or spinner.
    pub fn done(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    /// Prints diagnostics in order.
    pub fn diagnostics<'d>(&mut self, diagnostics: impl IntoIterator<Item = &'d Diagnostic>) {
        for d in diagnostics {
            self.diagnostic(d);
        }
    }

    /// Prints one diagnostic (filling in the line it points at when the file can be read).
    pub fn diagnostic(&mut self, d: &Diagnostic) {
        self.done();
        match d.severity {
            Severity::Error => self.counts.0 += 1,
            Severity::Warning => self.counts.1 += 1,
            Severity::Note => self.counts.2 += 1,
        }
        let d = self.with_source_line(d);
        match self.format {
            MessageFormat::Human => to_stderr(&format!("{}\n", human(&d, &self.renderer))),
            MessageFormat::Json => to_stderr(&self::json(&d).to_string()),
        }
    }

    /// A line of information before the summary: `text` for people, `fields` (plus
    /// `"type": kind`) as JSON.
    pub fn info(&mut self, command: &str, kind: &str, text: &str, mut fields: Value) {
        self.done();
        match self.format {
            MessageFormat::Human => to_stderr(&format!("docbind {command}: {text}")),
            MessageFormat::Json => {
                if let Value::Object(map) = &mut fields {
                    map.insert("type".into(), json!(kind));
                    map.insert("command".into(), json!(command));
                }
                to_stderr(&fields.to_string());
            }
        }
    }

    /// The closing line: `text` for people, `fields` (plus `"type": "summary"` and the elapsed
    /// time) as JSON.
    pub fn summary(&mut self, command: &str, text: &str, mut fields: Value) {
        self.done();
        let elapsed = self.start.elapsed().as_secs_f64();
        match self.format {
            MessageFormat::Human => {
                to_stderr(&format!("docbind {command}: {text} ({elapsed:.2}s)"));
            }
            MessageFormat::Json => {
                if let Value::Object(map) = &mut fields {
                    map.insert("type".into(), json!("summary"));
                    map.insert("command".into(), json!(command));
                    map.insert("errors".into(), json!(self.errors()));
                    map.insert("warnings".into(), json!(self.warnings()));
                    map.insert("elapsed_seconds".into(), json!(elapsed));
                }
                to_stderr(&fields.to_string());
            }
        }
    }

    fn with_source_line(&mut self, d: &Diagnostic) -> Diagnostic {
        if d.source_line.is_some() || d.line == 0 {
            return d.clone();
        }
        let text = self
            .sources
            .entry(d.file.clone())
            .or_insert_with(|| std::fs::read_to_string(&d.file).ok());
        match text {
            Some(text) => d.clone().with_source(text),
            None => d.clone(),
        }
    }
}

/// Writes a line to stderr; a reader that went away is no reason to stop (or to panic).
fn to_stderr(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Replaces control characters (other than tab and, if `keep_newlines`, newline) with spaces of
/// the same byte length, so a page cannot send escape sequences to the terminal and byte
/// columns stay right.
fn sanitize(text: &str, keep_newlines: bool) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\t' && !(keep_newlines && c == '\n') {
                " ".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The byte range the marker goes under: the word starting at the 1-based byte `column`
/// (at least one character), or the whole line's text when the column is unknown.
fn marker(line: &str, column: usize) -> std::ops::Range<usize> {
    if column == 0 {
        let start = line.len() - line.trim_start().len();
        let end = line.trim_end().len().max(start);
        return start..end;
    }
    let mut start = (column - 1).min(line.len());
    while !line.is_char_boundary(start) {
        start -= 1;
    }
    let rest = &line[start..];
    let word = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let len = if word > 0 {
        word
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    };
    start..start + len
}

/// rustc's layout: `error: message`, `--> file:line:column`, the line with a marker, `= help:`.
fn human(d: &Diagnostic, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let message = sanitize(&d.message, true);
    let path = d.file.display().to_string();
    let title = level.primary_title(message.as_str());
    let title = match d.code {
        Some(code) => title.id(code.as_str()),
        None => title,
    };
    let source = d.source_line.as_deref().map(|s| sanitize(s, false));
    let mut group = match (&source, d.line) {
        (_, 0) => Group::with_title(title).element(Origin::path(path.as_str())),
        (Some(line_text), line) => Group::with_title(title).element(
            Snippet::source(line_text.as_str())
                .line_start(line)
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(marker(line_text, d.column))),
        ),
        (None, line) => {
            let mut origin = Origin::path(path.as_str()).line(line);
            if d.column > 0 {
                origin = origin.char_column(d.char_column());
            }
            Group::with_title(title).element(origin)
        }
    };
    let help = d.help.as_deref().map(|h| sanitize(h, true));
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    renderer.render(&[group])
}

/// `{"type":"diagnostic","severity":…,"code":…,"class":…,"file":…,"line":…,"column":…,
/// "message":…,"help":…,"source_line":…}`; an unknown line or column (or code) is `null`.
fn json(d: &Diagnostic) -> Value {
    let known = |n: usize| if n == 0 { Value::Null } else { json!(n) };
    json!({
        "type": "diagnostic",
        "severity": d.severity.as_str(),
        "code": d.code.map(|c| c.as_str()),
        "class": d.class().as_str(),
        "file": d.file.display().to_string(),
        "line": known(d.line),
        "column": known(d.char_column()),
        "message": d.message,
        "help": d.help,
        "source_line": d.source_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_covers_the_word_at_the_column_or_the_line() {
        let line = "### -field X } pub fn evil() {";
        assert_eq!(&line[marker(line, 12)], "X");
        assert_eq!(&line[marker(line, 14)], "}");
        let indented = "  title: [x  ";
        assert_eq!(&indented[marker(indented, 0)], "title: [x");
        assert_eq!(marker("abc", 9), 3..3);
        assert_eq!(&"é_x"[marker("é_x", 2)], "é_x");
    }

    #[test]
    fn renders_like_rustc() {
        let d = Diagnostic::error("docs/a.md", 12, "bad field")
            .at_column(12)
            .with_help("write a C name");
        let d = Diagnostic {
            source_line: Some("### -field 9X".into()),
            ..d
        };
        let text = human(&d, &Renderer::plain());
        let expected = "\
error: bad field
  --> docs/a.md:12:12
   |
12 | ### -field 9X
   |            ^^
   |
   = help: write a C name";
        assert_eq!(text, expected);
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let d = Diagnostic {
            source_line: Some("a\u{1b}[31mb".into()),
            ..Diagnostic::error("p.md", 1, "x\u{1b}[2Jy")
        };
        let text = human(&d, &Renderer::plain());
        assert!(!text.contains('\u{1b}'), "{text}");
    }

    #[test]
    fn json_has_every_field() {
        let d = Diagnostic::warning("docs/a.md", 0, "m");
        assert_eq!(
            json(&d).to_string(),
            r#"{"class":"warning","code":null,"column":null,"file":"docs/a.md","help":null,"line":null,"message":"m","severity":"warning","source_line":null,"type":"diagnostic"}"#
        );
    }
}
