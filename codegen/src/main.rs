//! The `docbind` command.

mod cli;

/// A faster allocator for the command line tool (the library leaves the choice to its users).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Args, Parser, Subcommand};
use cli::report::{MessageFormat, Reporter};
use docbind::config::NameStyle;
use docbind::diagnostic::{Code, Diagnostic, Severity};
use docbind::model::EnumStyle;
use docbind::report::{Difference, Loaded};
use docbind::{Config, Layout};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Generate Rust enums, with documentation, from Markdown API reference pages.
#[derive(Parser)]
#[command(
    name = "docbind",
    version,
    about,
    long_about = None,
    after_help = "Exit status: 0 success; 1 `check` or `lint` found problems, or `diff` changes beyond \
                  --allow; 2 bad usage, or input that cannot be read or has errors (by default a broken \
                  page is a warning and is left out; with --strict it is an error).\n\n\
                  Examples:\n  docbind generate                  # docs/ → generated/src\n  \
                  docbind check --message-format json\n  docbind help lint"
)]
struct Cli {
    /// How to print diagnostics and the summary: rustc-style text, or one JSON object a line.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = MessageFormat::Human, global = true)]
    message_format: MessageFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust from a docs tree (default: `docs/` into `generated/src`).
    #[command(
        after_help = "By default a page that cannot be bound is left out with a warning and the rest is written \
                      (exit 0); with --strict every page defect is an error and nothing is written (exit 2). \
                      Only changed files are written.\n\n\
                      Examples:\n  docbind generate docs --out generated/src\n  \
                      docbind generate ../windows-driver-docs-ddi/wdk-ddi-src/content --crate target/ddi"
    )]
    Generate(GenerateArgs),
    /// Check that the output is what `generate` would write; exit 1 and show the diff if not.
    #[command(
        after_help = "The diff (at most 200 lines) goes to stdout, messages to stderr.\n\n\
                      Examples:\n  docbind check docs --out generated/src\n  \
                      docbind check --message-format json 2> messages.jsonl"
    )]
    Check(Target),
    /// Report what the pages say that docbind could not use, grouped by kind with counts: pages
    /// left out and what was read by assuming something, version notes it did not understand,
    /// enums whose values are all inferred, broken pages of other kinds.
    #[command(
        after_help = "Exit status 1 when anything was reported, 0 when the docs are clean, 2 when the tree \
                      or the configuration cannot be read.\n\n\
                      With --all-pages, the version notes of every page (enums, structures, functions, ...) are \
                      read, and those not understood are printed on stdout grouped by shape (numbers as #, \
                      C names as NAME), most frequent first.\n\n\
                      Examples:\n  docbind lint\n  docbind lint ../sdk-api/sdk-api-src/content --message-format json\n  \
                      docbind lint --all-pages ../windows-driver-docs-ddi/wdk-ddi-src/content"
    )]
    Lint(LintArgs),
    /// Print the model as JSON: `{"enums": [...], "skipped": [...]}`.
    #[command(after_help = "Example:\n  docbind dump docs --json > model.json")]
    Dump(DumpArgs),
    /// Show what changes in the generated API between two docs trees or saved models, and the
    /// semver release it needs.
    #[command(
        after_help = "OLD and NEW are each a docs tree (a directory) or a model saved with `docbind dump --json` (a file). \
                      The report goes to stdout; with --message-format json, each change is also a JSON line on stderr, before the summary.\n\n\
                      Exit status: 0 the changes are within --allow; 1 they need more; 2 a side cannot be read or has errors.\n\n\
                      Examples:\n  docbind dump docs --json > model-1.4.2.json\n  \
                      docbind diff model-1.4.2.json docs --baseline-version 1.4.2\n  \
                      docbind diff old-docs docs --allow minor --format markdown >> CHANGELOG.md"
    )]
    Diff(cli::api_diff::DiffArgs),
}

#[derive(Args)]
struct Settings {
    /// Read the configuration from FILE instead of `docbind.toml` at the docs root.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Base URL for root-relative links [default: https://learn.microsoft.com].
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Path under the base URL where the docs tree is published ("" for none)
    /// [default: windows-hardware/drivers/ddi].
    #[arg(long, value_name = "PATH")]
    docs_path: Option<String>,
    /// Keep C names verbatim instead of idiomatic Rust names.
    #[arg(long)]
    c_names: bool,
    /// C header directory whose enums check the pages' values (repeatable; searched recursively).
    #[arg(long = "header-dir", value_name = "DIR")]
    header_dirs: Vec<PathBuf>,
    /// Windows metadata file (Windows.Win32.winmd, Windows.Wdk.winmd) whose enums check the
    /// pages' values (repeatable). With headers too: the page's own header (req.header) wins,
    /// then the metadata, then other headers, then the page.
    #[arg(long = "winmd", value_name = "FILE")]
    winmd: Vec<PathBuf>,
    /// The Rust shape of enums [default: rust; with rust or newtype, enums that look like bit
    /// flags become flags].
    #[arg(long, value_name = "STYLE", value_parser = enum_style_parser())]
    enum_style: Option<EnumStyle>,
    /// Whether rust-style enums are marked #[non_exhaustive] [default: true].
    #[arg(long, value_name = "BOOL")]
    non_exhaustive: Option<bool>,
    /// Every page defect is an error, for a docs tree you own [default: `strict` in
    /// docbind.toml, else false; without it a broken page is left out with a warning].
    #[arg(
        long,
        value_name = "BOOL",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true"
    )]
    strict: Option<bool>,
}

fn enum_style_parser() -> impl clap::builder::TypedValueParser<Value = EnumStyle> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(EnumStyle::ALL.map(EnumStyle::as_str))
        .try_map(|s| s.parse::<EnumStyle>())
}

impl Settings {
    /// The configuration file (`--config`, or `docbind.toml` at the docs root if any), with
    /// the command line on top.
    fn config(&self, docs: &Path) -> Result<Config, docbind::Error> {
        let mut config = match &self.config {
            Some(file) => Config::from_file(file)?,
            None => Config::discover(docs)?,
        };
        if let Some(url) = &self.base_url {
            config.base_url = url.clone();
        }
        if let Some(path) = &self.docs_path {
            config.docs_path = Some(path.clone()).filter(|p| !p.is_empty());
        }
        if self.c_names {
            config.names = NameStyle::C;
        }
        if !self.header_dirs.is_empty() {
            config.header_dirs = self.header_dirs.clone();
        }
        if !self.winmd.is_empty() {
            config.winmd = self.winmd.clone();
        }
        if let Some(style) = self.enum_style {
            config.enum_style = style;
        }
        if let Some(yes) = self.non_exhaustive {
            config.non_exhaustive = yes;
        }
        if let Some(yes) = self.strict {
            config.strict = yes;
        }
        Ok(config)
    }
}

#[derive(Args)]
struct Source {
    /// The docs tree.
    #[arg(default_value = "docs")]
    docs: PathBuf,
    #[command(flatten)]
    settings: Settings,
}

#[derive(Args)]
struct LintArgs {
    #[command(flatten)]
    source: Source,
    /// Report every inferred value (C's rule, no witness confirming it) as an error
    /// (`deny-inferred = true` in docbind.toml).
    #[arg(long)]
    deny_inferred: bool,
    /// Read the version notes of every page of the tree, whatever it documents (front matter
    /// and prose), and count those understood, grouping the others by shape; no model is built.
    #[arg(long)]
    all_pages: bool,
    /// With --all-pages: list the notes understood instead, grouped by shape, each with what its
    /// first occurrence states (to review what the grammar reads).
    #[arg(long, requires = "all_pages")]
    understood: bool,
}

#[derive(Args)]
struct GenerateArgs {
    #[command(flatten)]
    target: Target,
    /// With --strict: write what the pages without errors make even when others have errors
    /// (the errors are still reported, and the exit code is still 2). Without --strict, pages
    /// with defects are left out anyway.
    #[arg(long)]
    keep_going: bool,
}

#[derive(Args)]
struct Target {
    #[command(flatten)]
    source: Source,
    /// Write `lib.rs` and one file per module into DIR (the `src/` of a library crate).
    #[arg(long, value_name = "DIR", conflicts_with = "crate_dir")]
    out: Option<PathBuf>,
    /// Write a complete crate (Cargo.toml and src/) into DIR.
    #[arg(long = "crate", value_name = "DIR")]
    crate_dir: Option<PathBuf>,
    /// Print the time spent in each stage and the peak memory.
    #[arg(long)]
    timings: bool,
}

impl Target {
    fn layout(&self) -> (PathBuf, Layout) {
        match (&self.out, &self.crate_dir) {
            (_, Some(dir)) => {
                let name = dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (
                    dir.clone(),
                    Layout::Crate {
                        package: package_name(&name),
                    },
                )
            }
            (Some(dir), None) => (dir.clone(), Layout::Src),
            (None, None) => (PathBuf::from("generated/src"), Layout::Src),
        }
    }

    /// The `generate` command line that writes what this one checks.
    fn generate_command(&self) -> String {
        let (dir, layout) = self.layout();
        let flag = if matches!(layout, Layout::Crate { .. }) {
            "--crate"
        } else {
            "--out"
        };
        let s = &self.source.settings;
        let mut command = format!(
            "docbind generate {} {flag} {}",
            self.source.docs.display(),
            dir.display()
        );
        if let Some(file) = &s.config {
            command.push_str(&format!(" --config {}", file.display()));
        }
        if let Some(url) = &s.base_url {
            command.push_str(&format!(" --base-url {url}"));
        }
        if let Some(path) = &s.docs_path {
            command.push_str(&format!(" --docs-path {path:?}"));
        }
        if s.c_names {
            command.push_str(" --c-names");
        }
        for dir in &s.header_dirs {
            command.push_str(&format!(" --header-dir {}", dir.display()));
        }
        for file in &s.winmd {
            command.push_str(&format!(" --winmd {}", file.display()));
        }
        if let Some(yes) = s.strict {
            command.push_str(&format!(" --strict={yes}"));
        }
        command
    }
}

#[derive(Args)]
struct DumpArgs {
    #[command(flatten)]
    source: Source,
    /// Print JSON (the only format so far).
    #[arg(long)]
    json: bool,
}

/// A valid Cargo package name from a directory name (`My Crate!` → `my-crate`).
fn package_name(dir_name: &str) -> String {
    let name: String = dir_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_string();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("bindings-{name}").trim_end_matches('-').to_string()
    } else {
        name
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut reporter = Reporter::new(cli.message_format);
    let code = match &cli.command {
        Command::Generate(g) => generate(&g.target, g.keep_going, &mut reporter),
        Command::Check(t) => check(t, &mut reporter),
        Command::Lint(l) if l.all_pages => {
            cli::lint::all_pages(&l.source.docs, l.understood, &mut reporter)
        }
        Command::Lint(l) => lint(l, &mut reporter),
        Command::Dump(d) => dump(d, &mut reporter),
        Command::Diff(d) => cli::api_diff::run(d, cli.message_format, &mut reporter),
    };
    ExitCode::from(code)
}

/// Writes the command's output. A reader that stops early (`docbind dump | head`) is not an
/// error; any other failure is reported, with `Err(2)`.
pub(crate) fn print_stdout(text: &str, reporter: &mut Reporter) -> Result<(), u8> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            reporter.diagnostic(&docbind::diagnostic::Diagnostic::error(
                "<stdout>",
                0,
                format!("cannot write: {e}"),
            ));
            Err(2)
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The counts every summary starts with, as text and as JSON fields.
fn counts(loaded: &Loaded) -> (String, serde_json::Value) {
    let enums = loaded.bindings.enums().count();
    (
        format!(
            "{} read, {}, {} skipped{}",
            plural(loaded.pages, "page"),
            plural(enums, "enum"),
            plural(loaded.skipped.len(), "page"),
            left_out(loaded)
        ),
        json!({
            "pages_read": loaded.pages,
            "enums": enums,
            "pages_skipped": loaded.skipped.len(),
            "pages_left_out": loaded.left_out(),
        }),
    )
}

/// ` (N of them enum pages left out)`, when there are any.
fn left_out(loaded: &Loaded) -> String {
    match loaded.left_out() {
        0 => String::new(),
        n => format!(" ({n} of them enum pages left out)"),
    }
}

/// What the run reports about the pages: every diagnostic but the notes, which only `lint`
/// shows.
fn reported(loaded: &Loaded) -> impl Iterator<Item = &Diagnostic> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
}

/// What the C headers (`--header-dir`) and the Windows metadata (`--winmd`) said, appended to
/// a summary: text and `headers` and `winmd` fields.
fn with_headers(text: String, loaded: &Loaded, fields: &mut serde_json::Value) -> String {
    let text = with_winmd(text, loaded, fields);
    let Some(h) = &loaded.headers else {
        return text;
    };
    fields["headers"] = json!(h);
    format!(
        "{text}; headers define {} of {} enums, {} enumerators checked: {} agree, {} corrected by the header, {} unresolvable in the header, {} only on the page, {} only in the header",
        h.enums_found,
        h.enums_found + h.enums_missing,
        h.checked,
        h.agreeing,
        h.corrected,
        h.unresolvable,
        h.page_only,
        h.header_only
    ) + &if h.overruled > 0 {
        format!(
            ", {} where the Windows metadata was kept over another header",
            h.overruled
        )
    } else {
        String::new()
    }
}

/// What the Windows metadata said (`--winmd`): text and a `winmd` field.
fn with_winmd(text: String, loaded: &Loaded, fields: &mut serde_json::Value) -> String {
    let Some(w) = &loaded.winmd else {
        return text;
    };
    fields["winmd"] = json!(w);
    fields["winmd"]["load_ms"] = json!(w.load_time.as_secs_f64() * 1000.0);
    format!(
        "{text}; the Windows metadata ({} enum types, read in {:.0} ms) defines {} of {} enums, {} enumerators checked: {} agree, {} corrected by the metadata ({} written on the page), {} only on the page, {} only in the metadata ({} added)",
        w.types,
        w.load_time.as_secs_f64() * 1000.0,
        w.enums_found,
        w.enums_found + w.enums_missing,
        w.checked,
        w.agreeing,
        w.corrected,
        w.corrected_written,
        w.page_only,
        w.metadata_only,
        w.added
    )
}

/// Reads the configuration and the docs tree, printing every diagnostic. `Err(2)` when the
/// configuration or the tree cannot be read, or (unless `keep_errors`) a page has an error.
fn load(
    command: &str,
    source: &Source,
    reporter: &mut Reporter,
    keep_errors: bool,
) -> Result<Loaded, u8> {
    let loaded = load_unreported(command, source, reporter)?;
    report_loaded(command, &loaded, reporter, keep_errors)?;
    Ok(loaded)
}

/// [`load`] without printing the pages' diagnostics (an error that stops the run is printed).
fn load_unreported(command: &str, source: &Source, reporter: &mut Reporter) -> Result<Loaded, u8> {
    let loaded = source.settings.config(&source.docs).and_then(|config| {
        let mut progress = reporter.progress("reading");
        docbind::load_with_progress(&source.docs, &config, &mut progress)
    });
    reporter.done();
    match loaded {
        Ok(loaded) => Ok(loaded),
        Err(e) => {
            reporter.diagnostics(&e.diagnostics);
            let text = format!("{}; nothing was done", plural(reporter.errors(), "error"));
            reporter.summary(command, &text, json!({}));
            Err(2)
        }
    }
}

/// Prints the pages' diagnostics; `Err(2)` (after the summary) when one is an error, unless
/// `keep_errors`.
fn report_loaded(
    command: &str,
    loaded: &Loaded,
    reporter: &mut Reporter,
    keep_errors: bool,
) -> Result<(), u8> {
    reporter.diagnostics(reported(loaded));
    if loaded.has_errors() && !keep_errors {
        let (text, fields) = counts(loaded);
        let text = format!(
            "{}, {} in {text}; nothing was written",
            plural(reporter.errors(), "error"),
            plural(reporter.warnings(), "warning"),
        );
        reporter.summary(command, &text, fields);
        return Err(2);
    }
    Ok(())
}

/// Loads and renders; `Err(exit code)` after reporting why not.
fn render(
    command: &str,
    t: &Target,
    reporter: &mut Reporter,
    keep_going: bool,
) -> Result<(Loaded, docbind::report::Files, Elapsed), u8> {
    let start = Instant::now();
    let mut loaded = load_unreported(command, &t.source, reporter)?;
    let load_elapsed = start.elapsed();
    let (dir, layout) = t.layout();
    // Rendering needs nothing from the report: it runs on its own thread while the
    // diagnostics are printed (nothing is rendered when errors stop the run).
    let render = !loaded.has_errors() || keep_going;
    let (reported, rendered) = std::thread::scope(|scope| {
        let rendering = render.then(|| {
            scope.spawn(|| {
                let start = Instant::now();
                let files = docbind::render_for_timed(&loaded.bindings, &layout, &dir);
                (files, start.elapsed())
            })
        });
        let reported = report_loaded(command, &loaded, reporter, keep_going);
        if reported.is_ok() {
            reporter.busy("rendering Rust");
        }
        let rendered = rendering.map(|thread| {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (reported, rendered)
    });
    reported?;
    reporter.done();
    let Some((files, render_elapsed)) = rendered else {
        return Err(2);
    };
    match files {
        Ok((files, timings)) => {
            loaded.timings.emit = timings.emit;
            loaded.timings.format = timings.format;
            let elapsed = Elapsed {
                load: load_elapsed,
                render: render_elapsed,
                write: Duration::ZERO,
            };
            Ok((loaded, files, elapsed))
        }
        Err(e) => {
            reporter.diagnostics(&e.diagnostics);
            reporter.summary(command, "docbind failed; nothing was written", json!({}));
            Err(2)
        }
    }
}

fn generate(t: &Target, keep_going: bool, reporter: &mut Reporter) -> u8 {
    let (loaded, files, mut elapsed) = match render("generate", t, reporter, keep_going) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let (dir, _) = t.layout();
    let write_start = Instant::now();
    let report = match docbind::write(&dir, &files) {
        Ok(r) => r,
        Err(e) => {
            reporter.diagnostic(
                &Diagnostic::error(&dir, 0, format!("cannot write the generated files: {e}"))
                    .with_code(Code::Output),
            );
            reporter.summary("generate", "nothing more was written", json!({}));
            return 2;
        }
    };
    if t.timings {
        elapsed.write = write_start.elapsed();
        print_timings("generate", &loaded.timings, &elapsed, reporter);
    }
    let enums = loaded.bindings.enums().count();
    let (_, mut fields) = counts(&loaded);
    fields["files_written"] = json!(report.written.len());
    fields["files_removed"] = json!(report.removed.len());
    fields["out"] = json!(dir.display().to_string());
    let text = format!(
        "{} read, {} written to {} ({} changed, {} removed), {} skipped{}, {}",
        plural(loaded.pages, "page"),
        plural(enums, "enum"),
        dir.display(),
        plural(report.written.len(), "file"),
        report.removed.len(),
        plural(loaded.skipped.len(), "page"),
        left_out(&loaded),
        plural(reporter.warnings(), "warning"),
    );
    let text = with_headers(text, &loaded, &mut fields);
    if loaded.has_errors() {
        // --keep-going: the pages with errors were left out.
        let text = format!(
            "{}; {text}; the pages that cannot be bound were left out (--keep-going)",
            plural(reporter.errors(), "error")
        );
        reporter.summary("generate", &text, fields);
        return 2;
    }
    let text = if loaded.left_out() > 0 {
        format!("{text}; `docbind lint` lists the pages' defects by kind")
    } else {
        text
    };
    reporter.summary("generate", &text, fields);
    0
}

/// Per-stage times (summed over threads), bytes read, and the peak resident memory.
fn print_timings(
    command: &str,
    t: &docbind::report::Timings,
    elapsed: &Elapsed,
    reporter: &mut Reporter,
) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let peak = peak_memory_kib();
    let text = format!(
        "timings (ms) summed over threads: read {:.0}, front matter {:.0}, markdown {:.0}, model {:.0}, emit {:.0}, format {:.0}; elapsed: load {:.0}, render {:.0}, write {:.0}; {} bytes read; peak memory {} KiB",
        ms(t.read),
        ms(t.front_matter),
        ms(t.markdown),
        ms(t.model),
        ms(t.emit),
        ms(t.format),
        ms(elapsed.load),
        ms(elapsed.render),
        ms(elapsed.write),
        t.bytes,
        peak.map_or("unknown".to_string(), |k| k.to_string())
    );
    let fields = json!({
        "read_ms": ms(t.read),
        "front_matter_ms": ms(t.front_matter),
        "markdown_ms": ms(t.markdown),
        "model_ms": ms(t.model),
        "emit_ms": ms(t.emit),
        "format_ms": ms(t.format),
        "load_elapsed_ms": ms(elapsed.load),
        "render_elapsed_ms": ms(elapsed.render),
        "write_elapsed_ms": ms(elapsed.write),
        "bytes": t.bytes,
        "peak_memory_kib": peak,
    });
    reporter.info(command, "timings", &text, fields);
}

/// Wall-clock time of the stages of a run (the stages' own timings are summed over threads).
struct Elapsed {
    /// Listing, reading and parsing the pages, and building the model.
    load: Duration,
    /// Emitting and formatting the files.
    render: Duration,
    /// Writing them (zero when nothing is written).
    write: Duration,
}

/// `VmHWM` of this process (Linux), in KiB.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn check(t: &Target, reporter: &mut Reporter) -> u8 {
    let (loaded, files, elapsed) = match render("check", t, reporter, false) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if t.timings {
        print_timings("check", &loaded.timings, &elapsed, reporter);
    }
    let (dir, _) = t.layout();
    let diffs = docbind::check(&dir, &files);
    let warnings = reporter.warnings();
    let (text, mut fields) = counts(&loaded);
    fields["out"] = json!(dir.display().to_string());
    fields["files_out_of_date"] = json!(diffs.len());
    if diffs.is_empty() {
        let text = format!(
            "{text}, {}; {} is up to date",
            plural(warnings, "warning"),
            dir.display()
        );
        let text = with_headers(text, &loaded, &mut fields);
        reporter.summary("check", &text, fields);
        return 0;
    }
    let diff = cli::diff::unified(&dir, &diffs, &files, cli::diff::MAX_LINES);
    if let Err(code) = print_stdout(&diff, reporter) {
        return code;
    }
    for d in &diffs {
        let what = match d {
            Difference::Missing(_) => "out of date: would be created",
            Difference::Changed(..) => "out of date: would be rewritten",
            Difference::Stale(_) => "out of date: would be removed",
        };
        reporter.diagnostic(&Diagnostic::error(d.path(), 0, what).with_code(Code::Output));
    }
    let text = format!(
        "{text}, {}; {} out of date: run `{}`",
        plural(warnings, "warning"),
        plural(diffs.len(), "file"),
        t.generate_command()
    );
    let text = with_headers(text, &loaded, &mut fields);
    reporter.summary("check", &text, fields);
    1
}

fn lint(args: &LintArgs, reporter: &mut Reporter) -> u8 {
    let s = &args.source;
    let deny_inferred = match s.settings.config(&s.docs) {
        Ok(config) => args.deny_inferred || config.deny_inferred,
        // Loading reports it.
        Err(_) => args.deny_inferred,
    };
    // Every defect is listed, in either mode: only a tree (or configuration) that cannot be
    // read stops it.
    let loaded = match load_unreported("lint", s, reporter) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let found = cli::lint::lint(&s.docs, &loaded, deny_inferred);
    let groups = cli::lint::by_kind(loaded.diagnostics.iter().chain(&found.findings));
    let mut kinds = serde_json::Map::new();
    let mut by_kind = Vec::new();
    for group in &groups {
        let words = cli::lint::describe(group);
        reporter.info(
            "lint",
            "kind",
            &format!("[{}] {words}", group.kind),
            json!({"kind": group.kind, "class": group.class.as_str(), "count": group.diagnostics.len()}),
        );
        reporter.diagnostics(group.diagnostics.iter().copied());
        kinds.insert(
            group.kind.to_string(),
            json!({"class": group.class.as_str(), "count": group.diagnostics.len()}),
        );
        by_kind.push(format!("{} {}", group.diagnostics.len(), group.kind));
    }
    let (text, mut fields) = counts(&loaded);
    let not_understood = found.notes - found.understood;
    let load_diagnostics = loaded.diagnostics.len();
    fields["notes"] = json!(found.notes);
    fields["notes_understood"] = json!(found.understood);
    fields["notes_not_understood"] = json!(not_understood);
    fields["enums_all_inferred"] = json!(found.all_inferred);
    fields["load_warnings"] = json!(
        loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    );
    fields["load_diagnostics"] = json!(load_diagnostics);
    fields["kinds"] = serde_json::Value::Object(kinds);
    let c = &found.values;
    fields["enumerators"] = json!(c.enumerators);
    fields["verified_by_headers"] = json!(c.verified_by_headers);
    fields["verified_by_winmd"] = json!(c.verified_by_winmd);
    fields["from_headers"] = json!(c.from_headers);
    fields["from_winmd"] = json!(c.from_winmd);
    fields["written_unverified"] = json!(c.written);
    fields["inferred"] = json!(c.inferred);
    fields["overridden"] = json!(c.overridden);
    let mut witnesses = Vec::new();
    if loaded.headers.is_some() {
        witnesses.push(format!(
            "headers verified {} and gave {}",
            c.verified_by_headers, c.from_headers
        ));
    }
    if loaded.winmd.is_some() {
        witnesses.push(format!(
            "the Windows metadata verified {} and gave {}",
            c.verified_by_winmd, c.from_winmd
        ));
    }
    let witnesses = if witnesses.is_empty() {
        "no witness (--header-dir, --winmd)".to_string()
    } else {
        witnesses.join(", ")
    };
    let mut text = format!(
        "{text}; {} found, {} understood, {} not understood; {} with only inferred values; {} from loading; {}: {witnesses}; {} written on the page only, {} still inferred{}",
        plural(found.notes, "version note"),
        found.understood,
        not_understood,
        plural(found.all_inferred, "enum"),
        plural(load_diagnostics, "diagnostic"),
        plural(c.enumerators, "enumerator"),
        c.written,
        c.inferred,
        if deny_inferred { " (denied)" } else { "" },
    );
    if !by_kind.is_empty() {
        text = format!("{text}; by kind: {}", by_kind.join(", "));
    }
    let text = with_headers(text, &loaded, &mut fields);
    reporter.summary("lint", &text, fields);
    if groups.is_empty() { 0 } else { 1 }
}

fn dump(d: &DumpArgs, reporter: &mut Reporter) -> u8 {
    let _ = d.json;
    let loaded = match load("dump", &d.source, reporter, true) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let enums: Vec<_> = loaded.bindings.enums().collect();
    let model = json!({ "enums": enums, "skipped": loaded.skipped });
    let printed = serde_json::to_string_pretty(&model)
        .map_err(|e| {
            reporter.diagnostic(&docbind::diagnostic::Diagnostic::error(
                "<stdout>",
                0,
                format!("cannot print the model: {e}"),
            ));
            2
        })
        .and_then(|text| print_stdout(&format!("{text}\n"), reporter));
    if let Err(code) = printed {
        return code;
    }
    let (text, mut fields) = counts(&loaded);
    let text = format!(
        "{text}, {}, {}",
        plural(reporter.errors(), "error"),
        plural(reporter.warnings(), "warning")
    );
    let text = with_headers(text, &loaded, &mut fields);
    reporter.summary("dump", &text, fields);
    if loaded.has_errors() { 2 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn package_names_are_valid() {
        assert_eq!(package_name("My Crate!"), "my-crate");
        assert_eq!(package_name("61883"), "bindings-61883");
        assert_eq!(package_name(""), "bindings");
    }
}
