//! `docbind diff OLD NEW`: what a docs update changes in the generated API, and the release
//! it needs. Each side is a docs tree or a model saved with `docbind dump --json`; the two are
//! loaded at the same time, compared by [`docbind::diff`], and printed on stdout as a summary
//! with the changes by module (or a Markdown changelog); with `--message-format json`, each
//! change is also a JSON line on stderr, before the summary.

use crate::cli::report::{MessageFormat, Reporter};
use crate::{Settings, plural, print_stdout};
use clap::{Args, ValueEnum};
use docbind::diagnostic::{Class, Diagnostic, Severity};
use docbind::diff::{ApiDiff, Change, ChangeKind, Dump, Level, Version};
use docbind::model::Bindings;
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What `docbind diff` prints on stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    // The counts, then the changes by module and enum. (No doc comments: clap would list the
    // values one per line instead of `[possible values: ...]`.)
    Human,
    // A changelog section: breaking, compatible and documentation changes.
    Markdown,
}

/// The arguments of `docbind diff`.
#[derive(Args)]
pub struct DiffArgs {
    /// The old side: a docs tree (a directory), or a model saved with `docbind dump --json`
    /// (a file).
    old: PathBuf,
    /// The new side, likewise.
    new: PathBuf,
    /// What stdout shows: the counts and the changes by module, or a Markdown changelog.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 when a change needs more than a LEVEL release.
    #[arg(long, value_name = "LEVEL", default_value = "major", value_parser = level_parser())]
    allow: Level,
    /// The version of the last release (MAJOR.MINOR.PATCH): print the version the next one
    /// needs.
    #[arg(long, value_name = "VERSION", value_parser = |s: &str| s.parse::<Version>())]
    baseline_version: Option<Version>,
    /// List the docs-only changes too (they are always counted).
    #[arg(long, short)]
    verbose: bool,
    /// How each docs tree is read (a saved model is read as it was saved).
    #[command(flatten)]
    settings: Settings,
}

fn level_parser() -> impl clap::builder::TypedValueParser<Value = Level> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Level::ALL.map(Level::as_str))
        .try_map(|s| s.parse::<Level>())
}

/// One side, read.
struct Side {
    bindings: Bindings,
    /// Warnings of loading a docs tree (not printed: `docbind lint` shows them).
    warnings: usize,
}

/// Reads a docs tree (a directory) or a saved model (a file); `Err` with the diagnostics when
/// it cannot be read, a page has an error, or a page is left out.
fn load_side(path: &Path, settings: &Settings) -> Result<Side, Vec<Diagnostic>> {
    if path.is_file() {
        return load_model(path).map(|bindings| Side {
            bindings,
            warnings: 0,
        });
    }
    let config = settings.config(path).map_err(|e| e.diagnostics)?;
    let loaded = docbind::load(path, &config).map_err(|e| e.diagnostics)?;
    // A page left out (a warning by default) would make its enum look removed: here it is an
    // error in either mode, as any other error.
    let stops = |d: &Diagnostic| d.is_error() || d.class() == Class::LeftOut;
    if loaded.diagnostics.iter().any(stops) {
        return Err(loaded
            .diagnostics
            .into_iter()
            .filter(stops)
            .map(|d| Diagnostic {
                severity: Severity::Error,
                ..d
            })
            .collect());
    }
    Ok(Side {
        // Notes (broken pages of other kinds, older forms) are `lint`'s alone.
        warnings: loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
        bindings: loaded.bindings,
    })
}

/// A model saved with `docbind dump --json`.
fn load_model(path: &Path) -> Result<Bindings, Vec<Diagnostic>> {
    let help = "a saved model is what `docbind dump --json` prints; a docs tree is a directory";
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![Diagnostic::error(path, 0, format!("cannot read the model: {e}")).with_help(help)]
    })?;
    match serde_json::from_str::<Dump>(&text) {
        Ok(dump) => Ok(dump.into_bindings()),
        Err(e) => {
            let message = format!("not a model saved by `docbind dump --json`: {e}");
            let d = Diagnostic::error(path, e.line(), message)
                .at_column(e.column())
                .with_help(help);
            Err(vec![d])
        }
    }
}

/// Runs `docbind diff` (`format`: the reporter's): 0 when the changes are within `--allow`, 1 when not, 2 when a side
/// cannot be read.
pub fn run(args: &DiffArgs, format: MessageFormat, reporter: &mut Reporter) -> u8 {
    reporter.busy("reading");
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| load_side(&args.old, &args.settings));
        let new = load_side(&args.new, &args.settings);
        let old = old
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (old, new)
    });
    reporter.done();
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for side in [old, new] {
                if let Err(diagnostics) = side {
                    reporter.diagnostics(&diagnostics);
                }
            }
            let text = format!(
                "{}; nothing was compared",
                plural(reporter.errors(), "error")
            );
            reporter.summary("diff", &text, json!({}));
            return 2;
        }
    };

    let diff = docbind::diff::diff(&old.bindings, &new.bindings);
    let shown: Vec<&Change> = diff
        .changes
        .iter()
        .filter(|c| args.verbose || c.kind != ChangeKind::Docs)
        .collect();
    let next = args.baseline_version.map(|v| (v, v.next(diff.level())));
    let report = match args.format {
        Format::Human => human(&diff, &shown, next),
        Format::Markdown => markdown(&diff, &shown, next),
    };
    if let Err(code) = print_stdout(&report, reporter) {
        return code;
    }
    if format == MessageFormat::Json {
        for change in &shown {
            reporter.info("diff", "change", "", change_json(change));
        }
    }

    let exceeds = diff.level().is_some_and(|level| level > args.allow);
    let mut text = format!(
        "{} between {} and {}",
        counts(&diff),
        args.old.display(),
        args.new.display()
    );
    if let Some((baseline, next)) = next {
        let _ = write!(text, "; next version {next} (from {baseline})");
    }
    if old.warnings + new.warnings > 0 {
        let _ = write!(
            text,
            "; {} while loading (`docbind lint` shows them)",
            plural(old.warnings + new.warnings, "warning")
        );
    }
    if exceeds {
        let _ = write!(text, "; more than --allow {} allows", args.allow);
    }
    let by_kind: serde_json::Map<String, Value> = diff
        .by_kind()
        .into_iter()
        .map(|(kind, n)| (kind.as_str().to_string(), json!(n)))
        .collect();
    let fields = json!({
        "old": args.old.display().to_string(),
        "new": args.new.display().to_string(),
        "changes": diff.changes.len(),
        "major": diff.count(Level::Major),
        "minor": diff.count(Level::Minor),
        "patch": diff.count(Level::Patch),
        "by_kind": by_kind,
        "level": diff.level().map(Level::as_str),
        "allow": args.allow.as_str(),
        "exceeds_allow": exceeds,
        "baseline_version": args.baseline_version.map(|v| v.to_string()),
        "next_version": next.map(|(_, v)| v.to_string()),
        "load_warnings": old.warnings + new.warnings,
    });
    reporter.summary("diff", &text, fields);
    if exceeds { 1 } else { 0 }
}

/// `3 changes (1 major, 1 minor, 1 patch)`, or `no changes`.
fn counts(diff: &ApiDiff) -> String {
    if diff.changes.is_empty() {
        return "no changes".to_string();
    }
    format!(
        "{} ({} major, {} minor, {} patch)",
        plural(diff.changes.len(), "change"),
        diff.count(Level::Major),
        diff.count(Level::Minor),
        diff.count(Level::Patch)
    )
}

/// What the release needs, in a sentence.
fn release_line(diff: &ApiDiff, next: Option<(Version, Version)>) -> String {
    let level = match diff.level() {
        None => "no release is needed".to_string(),
        Some(level) => format!("the next release is {level}"),
    };
    match next {
        Some((baseline, next)) if diff.level().is_some() => format!("{level}: {baseline} → {next}"),
        Some((baseline, _)) => format!("{level}: {baseline} stays"),
        None => level,
    }
}

/// The change's subject (`Burst (CONTOSO_MODE_BURST)`; none for the type) and what it says,
/// without its kind: `Burst (CONTOSO_MODE_BURST): 4 → 8`, `was 5`, ...
fn description(c: &Change) -> String {
    let body = match (&c.old, &c.new) {
        (Some(old), Some(new)) => Some(format!("{old} → {new}")),
        (None, Some(new)) => Some(new.clone()),
        (Some(old), None) => Some(format!("was {old}")),
        (None, None) => None,
    };
    let rest: Vec<String> = body.into_iter().chain(c.detail.clone()).collect();
    let rest = rest.join("; ");
    match &c.variant {
        Some(v) if rest.is_empty() => names(&v.name, &v.c_name),
        Some(v) => format!("{}: {rest}", names(&v.name, &v.c_name)),
        None => rest,
    }
}

/// `Name (C_NAME)`, or `NAME` when the two are the same.
fn names(name: &str, c_name: &str) -> String {
    if name == c_name {
        name.to_string()
    } else {
        format!("{name} ({c_name})")
    }
}

/// The summary, the counts by kind, then the changes under their module and enum.
fn human(diff: &ApiDiff, shown: &[&Change], next: Option<(Version, Version)>) -> String {
    let mut out = String::new();
    let docs_hidden = diff.changes.len() - shown.len();
    let _ = write!(out, "{}", capitalized(&counts(diff)));
    if docs_hidden > 0 {
        let _ = write!(
            out,
            "; {} not listed (--verbose lists them)",
            plural(docs_hidden, "docs-only change")
        );
    }
    let _ = writeln!(out, ".");
    let _ = writeln!(out, "{}.", capitalized(&release_line(diff, next)));
    if diff.changes.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\nBy kind:");
    for (kind, n) in diff.by_kind() {
        let levels: Vec<String> = Level::ALL
            .iter()
            .rev()
            .filter_map(|&level| {
                let k = diff
                    .changes
                    .iter()
                    .filter(|c| c.kind == kind && c.level == level)
                    .count();
                (k > 0).then(|| format!("{k} {level}"))
            })
            .collect();
        let _ = writeln!(out, "  {:<24}{n:>5}  {}", kind.as_str(), levels.join(", "));
    }
    let mut module: Option<&str> = None;
    let mut enum_key: Option<(&str, &str)> = None;
    for c in shown {
        if module != Some(c.module.as_str()) {
            module = Some(&c.module);
            enum_key = None;
            match &c.header {
                Some(header) => {
                    let _ = writeln!(out, "\nmodule {} ({header})", c.module);
                }
                None => {
                    let _ = writeln!(out, "\nmodule {}", c.module);
                }
            }
        }
        let key = (c.enum_names.name.as_str(), c.enum_names.c_name.as_str());
        if enum_key != Some(key) {
            enum_key = Some(key);
            let _ = writeln!(
                out,
                "  {}  {}",
                names(&c.enum_names.name, &c.enum_names.c_name),
                c.source
            );
        }
        let mut line = format!("    {:<6} {:<23}", c.level.as_str(), c.kind.as_str());
        let description = description(c);
        if !description.is_empty() {
            line.push(' ');
            line.push_str(&description);
        }
        if c.line > 0 {
            let _ = write!(line, " (line {})", c.line);
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What the change is, in words (`variant added`).
fn phrase(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::EnumAdded => "enum added",
        ChangeKind::EnumRemoved => "enum removed",
        ChangeKind::EnumRenamed => "enum renamed",
        ChangeKind::EnumMoved => "enum moved to another module",
        ChangeKind::EnumCNameChanged => "C name of the enum changed",
        ChangeKind::VariantAdded => "value added",
        ChangeKind::VariantRemoved => "value removed",
        ChangeKind::VariantRenamed => "value renamed",
        ChangeKind::VariantCNameChanged => "C name of the value changed",
        ChangeKind::ValueChanged => "integer changed",
        ChangeKind::ReprChanged => "integer type changed",
        ChangeKind::StyleChanged => "style changed",
        ChangeKind::NonExhaustiveChanged => "`#[non_exhaustive]` changed",
        ChangeKind::AliasChanged => "variant or associated constant",
        ChangeKind::AvailabilityAdded => "availability added",
        ChangeKind::AvailabilityChanged => "availability changed",
        ChangeKind::AvailabilityRemoved => "availability removed",
        ChangeKind::Deprecated => "deprecated",
        ChangeKind::Undeprecated => "no longer deprecated",
        ChangeKind::Docs => "documentation changed",
    }
}

/// A changelog section: `## VERSION` (or `## Unreleased`), the counts, then the changes under
/// `### Breaking changes`, `### Compatible changes` and `### Documentation`.
fn markdown(diff: &ApiDiff, shown: &[&Change], next: Option<(Version, Version)>) -> String {
    let mut out = String::new();
    match next {
        Some((_, next)) => {
            let _ = writeln!(out, "## {next}\n");
        }
        None => {
            let _ = writeln!(out, "## Unreleased\n");
        }
    }
    let _ = writeln!(
        out,
        "{}; {}.",
        capitalized(&counts(diff)),
        release_line(diff, next)
    );
    let sections = [
        (Level::Major, "Breaking changes"),
        (Level::Minor, "Compatible changes"),
        (Level::Patch, "Documentation"),
    ];
    for (level, title) in sections {
        let all = diff.count(level);
        if all == 0 {
            continue;
        }
        let _ = writeln!(out, "\n### {title}\n");
        let listed: Vec<&&Change> = shown.iter().filter(|c| c.level == level).collect();
        for c in &listed {
            let mut path = format!("{}::{}", c.module, c.enum_names.name);
            let mut c_name = c.enum_names.c_name.clone();
            if let Some(v) = &c.variant {
                let _ = write!(path, "::{}", v.name);
                c_name = v.c_name.clone();
            }
            let mut item = format!("- `{path}` (`{c_name}`): {}", phrase(c.kind));
            let deprecation = matches!(c.kind, ChangeKind::Deprecated | ChangeKind::Undeprecated);
            match (&c.old, &c.new) {
                // `deprecated in Windows 10`; a plain `Deprecated` says nothing more.
                (_, new) if deprecation => {
                    let since = new
                        .as_deref()
                        .and_then(|s| s.strip_prefix("Deprecated in "));
                    if let Some(release) = since {
                        let _ = write!(item, " in {release}");
                    }
                }
                (Some(old), Some(new)) => {
                    let _ = write!(item, ", {} → {}", code(old), code(new));
                }
                (None, Some(new)) => {
                    let _ = write!(item, ", {}", code(new));
                }
                (Some(old), None) => {
                    let _ = write!(item, ", was {}", code(old));
                }
                (None, None) => {}
            }
            if let Some(detail) = &c.detail {
                let _ = write!(item, " ({detail})");
            }
            let _ = writeln!(out, "{item}.");
        }
        if listed.len() < all {
            let _ = writeln!(
                out,
                "- {} not listed.",
                plural(all - listed.len(), "docs-only change")
            );
        }
    }
    out
}

/// `text` as inline code (the model's values and names hold no backticks; one that did would
/// get a longer fence).
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// One change as the JSON line `--message-format json` prints (before `type` and `command`).
fn change_json(c: &Change) -> Value {
    let names = |n: &docbind::diff::Names| json!({ "c_name": n.c_name, "name": n.name });
    json!({
        "kind": c.kind.as_str(),
        "level": c.level.as_str(),
        "reason": c.reason,
        "module": c.module,
        "header": c.header,
        "enum": names(&c.enum_names),
        "variant": c.variant.as_ref().map(names),
        "style": c.style.as_str(),
        "old": c.old,
        "new": c.new,
        "detail": c.detail,
        "source": c.source,
        "line": (c.line > 0).then_some(c.line),
    })
}
