//! `docbind lint`: what a docs tree says that docbind could not use, as warnings at the line,
//! grouped by kind.

use docbind::diagnostic::{Class, Code, Diagnostic};
use docbind::model::{AvailabilityNote, ValueSource};
use docbind::report::Loaded;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The findings and the counts of the summary line.
#[derive(Debug, Default)]
pub struct Lint {
    /// Warnings, by file and line.
    pub findings: Vec<Diagnostic>,
    /// Version notes found (on types and values).
    pub notes: usize,
    /// Of those, the ones understood.
    pub understood: usize,
    /// Enums whose values are all inferred.
    pub all_inferred: usize,
    /// Where the enumerators' values come from.
    pub values: ValueCounts,
}

/// The enumerators of a tree by where their value comes from, and what each witness verified.
#[derive(Debug, Default)]
pub struct ValueCounts {
    /// All enumerators (variants, those the witnesses added included).
    pub enumerators: usize,
    /// Enumerators whose value a header knows (it agreed with the value, or gave it).
    pub verified_by_headers: usize,
    /// Enumerators whose value the Windows metadata knows (it agreed, or gave it).
    pub verified_by_winmd: usize,
    /// Values used from a header.
    pub from_headers: usize,
    /// Values used from the Windows metadata.
    pub from_winmd: usize,
    /// Values the page writes that no witness knows.
    pub written: usize,
    /// Values from C's rule that no witness confirms.
    pub inferred: usize,
    /// Values set by the configuration.
    pub overridden: usize,
}

const NOTE_HELP: &str = "the sentence stays in the docs, but `availability()` does not state it; \
     docbind understands sentences like `Supported in Windows 7 and later versions.`, \
     `This value is available in UMDF versions 1.9 and later.` or \
     `BITS 1.2 and earlier: Not supported.`";

const INFERRED_HELP: &str = "values may be wrong; give them in the field headings \
     (`### -field NAME:VALUE`) or a `## -syntax` block with the C declaration";

const DENY_HELP: &str = "write the value on the page (`### -field NAME:VALUE`), give a witness \
     (`--header-dir`, `--winmd`), or override it in docbind.toml with a reason";

/// Checks the model of `docs` (as [`docbind::load`] built it). With `deny_inferred`, every
/// inferred value is an error.
pub fn lint(docs: &Path, loaded: &Loaded, deny_inferred: bool) -> Lint {
    let mut lint = Lint::default();
    lint.values.verified_by_headers = loaded.headers.as_ref().map_or(0, |h| h.checked);
    lint.values.verified_by_winmd = loaded.winmd.as_ref().map_or(0, |w| w.checked);
    let mut pages: BTreeMap<PathBuf, Option<String>> = BTreeMap::new();
    for e in loaded.bindings.enums() {
        let file = docs.join(&e.source);
        let text = pages
            .entry(file.clone())
            .or_insert_with(|| std::fs::read_to_string(&file).ok())
            .as_deref();
        let notes = e
            .availability
            .iter()
            .map(|n| (None, n))
            .chain(e.variants.iter().flat_map(|v| {
                v.availability
                    .iter()
                    .map(move |n| (Some(v.c_name.as_str()), n))
            }));
        for (variant, note) in notes {
            lint.notes += 1;
            if note.parsed.is_some() {
                lint.understood += 1;
                continue;
            }
            let whose = match variant {
                Some(c_name) => format!("of `{c_name}` "),
                None => format!("of `{}` ", e.c_name),
            };
            let d = Diagnostic::warning(
                &file,
                note.line,
                format!("version note {whose}not understood: \"{}\"", note.text),
            )
            .with_code(Code::VersionNote)
            .with_help(NOTE_HELP);
            lint.findings.push(located(d, text, note));
        }
        for v in &e.variants {
            let counts = &mut lint.values;
            counts.enumerators += 1;
            match v.value_source {
                ValueSource::Header => counts.from_headers += 1,
                ValueSource::Winmd => counts.from_winmd += 1,
                ValueSource::Heading | ValueSource::Body | ValueSource::Syntax => {
                    counts.written += 1
                }
                ValueSource::Inferred => counts.inferred += 1,
                ValueSource::Override => counts.overridden += 1,
            }
            if deny_inferred && v.value_source == ValueSource::Inferred {
                let mut d = Diagnostic::error(
                    &file,
                    v.line,
                    format!(
                        "`{}` of `{}` has an inferred value ({}): neither the page nor a witness gives it (deny-inferred)",
                        v.c_name, e.c_name, v.value
                    ),
                )
                .with_code(Code::InferredDenied)
                .with_help(DENY_HELP);
                if let Some(text) = text {
                    d = d.with_source(text);
                }
                lint.findings.push(d);
            }
        }
        if !e.variants.is_empty()
            && e.variants
                .iter()
                .all(|v| v.value_source == ValueSource::Inferred)
        {
            lint.all_inferred += 1;
            let line = text.and_then(enum_fields_line).unwrap_or(0);
            let mut d = Diagnostic::warning(
                &file,
                line,
                format!(
                    "every value of `{}` is inferred (the first 0, each next one + 1, as C does)",
                    e.c_name
                ),
            )
            .with_code(Code::ValuesInferred)
            .with_help(INFERRED_HELP);
            if let Some(text) = text {
                d = d.with_source(text);
            }
            lint.findings.push(d);
        }
    }
    lint.findings
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    // A sentence the page repeats (in the description and the remarks) is reported once.
    lint.findings.dedup();
    lint
}

/// The diagnostic with the page's line and, when the note's first word is on it, its column.
fn located(d: Diagnostic, text: Option<&str>, note: &AvailabilityNote) -> Diagnostic {
    let Some(text) = text else { return d };
    let d = d.with_source(text);
    let first = note
        .text
        .split_whitespace()
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty());
    let column = d
        .source_line
        .as_deref()
        .zip(first)
        .and_then(|(line, word)| line.find(word));
    match column {
        Some(c) => d.at_column(c + 1),
        None => d,
    }
}

/// The 1-based line of the page's `## -enum-fields` heading.
fn enum_fields_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().starts_with("## -enum-fields"))
        .map(|i| i + 1)
}

/// One kind of diagnostic in the lint's report: its name, its class, and its diagnostics in
/// page order.
pub struct Group<'d> {
    /// The kind's name (`other` for diagnostics without one).
    pub kind: &'static str,
    /// What the kind does to a run (`left-out`, `recovered`, ...).
    pub class: Class,
    /// The diagnostics, by file and line.
    pub diagnostics: Vec<&'d Diagnostic>,
}

/// `diagnostics` grouped by kind, the kinds in the order of [`Code::ALL`] (the guide's table:
/// pages left out first, then recoveries, warnings, notes), diagnostics without a kind last.
pub fn by_kind<'d>(diagnostics: impl IntoIterator<Item = &'d Diagnostic>) -> Vec<Group<'d>> {
    let mut groups: BTreeMap<usize, Group<'d>> = BTreeMap::new();
    for d in diagnostics {
        let (order, kind) = match d.code {
            Some(code) => (
                Code::ALL
                    .iter()
                    .position(|c| *c == code)
                    .unwrap_or(usize::MAX - 1),
                code.as_str(),
            ),
            None => (usize::MAX, "other"),
        };
        groups
            .entry(order)
            .or_insert_with(|| Group {
                kind,
                class: d.class(),
                diagnostics: Vec::new(),
            })
            .diagnostics
            .push(d);
    }
    let mut groups: Vec<Group<'d>> = groups.into_values().collect();
    for g in &mut groups {
        g.diagnostics
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    }
    groups
}

/// What a group's count stands for, in words: `3 left out`, `2 recovered`, `4 warnings`, ...
pub fn describe(group: &Group<'_>) -> String {
    let n = group.diagnostics.len();
    let s = if n == 1 { "" } else { "s" };
    match group.class {
        Class::LeftOut => format!("{n} left out"),
        Class::Recovered => format!("{n} recovered"),
        Class::Warning | Class::Note | Class::Run => {
            let severity = group
                .diagnostics
                .first()
                .map_or("warning", |d| d.severity.as_str());
            format!("{n} {severity}{s}")
        }
    }
}

/// `docbind lint --all-pages`: the version notes of every page of `docs`, counted, and those
/// not understood (with `understood`, those understood) grouped by shape on stdout (most
/// frequent first, each with its first occurrence and, when understood, what it states). Exit
/// status 1 when a note was not understood or a page could not be read.
pub fn all_pages(
    docs: &Path,
    understood_only: bool,
    reporter: &mut crate::cli::report::Reporter,
) -> u8 {
    use serde_json::json;
    let survey = {
        let mut progress = reporter.progress("reading");
        docbind::survey_availability(docs, &mut progress)
    };
    reporter.done();
    let survey = match survey {
        Ok(s) => s,
        Err(e) => {
            reporter.diagnostics(&e.diagnostics);
            reporter.summary("lint", "nothing was read", json!({}));
            return 2;
        }
    };
    reporter.diagnostics(&survey.diagnostics);
    // (count, first note) by shape.
    let mut shapes: BTreeMap<String, (usize, &docbind::report::SurveyNote)> = BTreeMap::new();
    for note in survey
        .notes
        .iter()
        .filter(|n| n.parsed.is_some() == understood_only)
    {
        shapes.entry(note.shape()).or_insert((0, note)).0 += 1;
    }
    let mut shapes: Vec<_> = shapes.into_iter().collect();
    shapes.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    let json_lines = reporter.is_json();
    let mut out = String::new();
    for (shape, (count, first)) in &shapes {
        let states = first.parsed.as_ref().map(|entries| {
            let states = entries
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ");
            match &first.scope {
                Some(scope) => format!("{states} ({scope})"),
                None => states,
            }
        });
        if json_lines {
            let line = json!({
                "type": "shape",
                "count": count,
                "shape": shape,
                "example": {
                    "file": first.file.display().to_string(),
                    "line": first.line,
                    "text": first.text,
                    "states": states,
                },
            });
            out.push_str(&format!("{line}\n"));
        } else {
            out.push_str(&format!(
                "{count:>6}  {shape}\n        {}:{}: {}\n",
                first.file.display(),
                first.line,
                first.text
            ));
            if let Some(states) = states {
                out.push_str(&format!("        → {states}\n"));
            }
        }
    }
    if crate::print_stdout(&out, reporter).is_err() {
        return 2;
    }

    let count = |front: bool| {
        let notes = survey
            .notes
            .iter()
            .filter(|n| matches!(n.origin, docbind::report::Origin::FrontMatter(_)) == front);
        let (found, understood) = notes.fold((0, 0), |(f, u), n| {
            (f + 1, u + usize::from(n.parsed.is_some()))
        });
        (found, understood)
    };
    let (front_found, front_understood) = count(true);
    let (prose_found, prose_understood) = count(false);
    let found = survey.notes.len();
    let understood = survey.understood();
    let percent = |u: usize, f: usize| {
        if f == 0 {
            100.0
        } else {
            u as f64 * 100.0 / f as f64
        }
    };
    let text = format!(
        "{} pages read; {found} version notes found, {understood} understood ({:.1}%), {} not understood in {} shapes; front matter {front_understood} of {front_found}, prose {prose_understood} of {prose_found}{}",
        survey.pages,
        percent(understood, found),
        found - understood,
        shapes.len(),
        if survey.front_matter_unread > 0 {
            format!(
                "; {} pages with front matter not read",
                survey.front_matter_unread
            )
        } else {
            String::new()
        }
    );
    let fields = json!({
        "pages_read": survey.pages,
        "notes": found,
        "notes_understood": understood,
        "notes_not_understood": found - understood,
        "shapes": shapes.len(),
        "front_matter_notes": front_found,
        "front_matter_understood": front_understood,
        "prose_notes": prose_found,
        "prose_understood": prose_understood,
        "front_matter_unread": survey.front_matter_unread,
    });
    reporter.summary("lint", &text, fields);
    u8::from(found > understood || !survey.diagnostics.is_empty())
}
