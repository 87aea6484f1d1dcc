//! The `docbind` command.

use clap::{Args, Parser, Subcommand};
use docbind::{Config, Difference, Layout, NameStyle};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Generate Rust enums, with documentation, from Markdown API reference pages.
#[derive(Parser)]
#[command(name = "docbind", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust from a docs tree (default: `docs/` into `generated/src`).
    #[command(
        after_help = "Example:\n  docbind generate docs --out generated/src\n  docbind generate ../windows-driver-docs-ddi/wdk-ddi-src/content --crate target/ddi"
    )]
    Generate(Target),
    /// Check that the output is what `generate` would write; exit 1 and name the files if not.
    #[command(after_help = "Example:\n  docbind check docs --out generated/src")]
    Check(Target),
    /// Print the model as JSON.
    #[command(after_help = "Example:\n  docbind dump docs --json > model.json")]
    Dump(DumpArgs),
}

#[derive(Args)]
struct Settings {
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
}

impl Settings {
    /// `docbind.toml` at the docs root (if any), with the command line on top.
    fn config(&self, docs: &Path) -> Result<Config, docbind::Error> {
        let mut config = Config::discover(docs)?;
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
        Ok(config)
    }
}

#[derive(Args)]
struct Target {
    /// The docs tree.
    #[arg(default_value = "docs")]
    docs: PathBuf,
    /// Write `lib.rs` and one file per module into DIR (the `src/` of a library crate).
    #[arg(long, value_name = "DIR", conflicts_with = "crate_dir")]
    out: Option<PathBuf>,
    /// Write a complete crate (Cargo.toml and src/) into DIR.
    #[arg(long = "crate", value_name = "DIR")]
    crate_dir: Option<PathBuf>,
    #[command(flatten)]
    settings: Settings,
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
                        package: docbind::package_name(&name),
                    },
                )
            }
            (Some(dir), None) => (dir.clone(), Layout::Src),
            (None, None) => (PathBuf::from("generated/src"), Layout::Src),
        }
    }
}

#[derive(Args)]
struct DumpArgs {
    /// The docs tree.
    #[arg(default_value = "docs")]
    docs: PathBuf,
    /// Print JSON (the only format so far).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    settings: Settings,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate(t) => generate(&t),
        Command::Check(t) => check(&t),
        Command::Dump(d) => dump(&d),
    }
}

fn print_warnings(diagnostics: &[docbind::Diagnostic]) -> usize {
    let warnings: Vec<_> = diagnostics.iter().filter(|d| !d.is_error()).collect();
    for d in &warnings {
        eprintln!("{d}\n");
    }
    warnings.len()
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn generate(t: &Target) -> ExitCode {
    let start = Instant::now();
    let (dir, layout) = t.layout();
    let generated = match t
        .settings
        .config(&t.docs)
        .and_then(|c| docbind::generate(&t.docs, &c, &layout))
    {
        Ok(g) => g,
        Err(e) => {
            print_warnings(&e.diagnostics);
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let warnings = print_warnings(&generated.loaded.diagnostics);
    let write_start = Instant::now();
    let report = match docbind::write(&dir, &generated.files) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot write to {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    let loaded = &generated.loaded;
    if t.timings {
        let mut timings = generated.timings;
        timings.write = write_start.elapsed();
        print_timings(&timings, start.elapsed());
    }
    if let Some(h) = &loaded.headers {
        eprintln!(
            "docbind: headers define {} of {} enums; {} enumerators checked: {} agree, {} corrected by the header; {} unresolvable in the header, {} only on the page, {} only in the header",
            h.enums_found,
            h.enums_found + h.enums_missing,
            h.checked,
            h.agreeing,
            h.corrected,
            h.unresolvable,
            h.page_only,
            h.header_only
        );
    }
    eprintln!(
        "docbind: {} read, {} written to {} ({} changed, {} removed), {} skipped, {}, {:.2}s",
        plural(loaded.pages, "page"),
        plural(loaded.bindings.enums().count(), "enum"),
        dir.display(),
        plural(report.written.len(), "file"),
        report.removed.len(),
        loaded.skipped.len(),
        plural(warnings, "warning"),
        start.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// Per-stage times (summed over threads), bytes, and the peak resident memory.
fn print_timings(t: &docbind::Timings, elapsed: std::time::Duration) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    eprintln!(
        "docbind: timings (ms, summed over threads): read {:.0}, front matter {:.0}, markdown {:.0}, model {:.0}, emit {:.0}, format {:.0}, write {:.0}; elapsed {:.0}; {} bytes; peak memory {} KiB",
        ms(t.read),
        ms(t.front_matter),
        ms(t.markdown),
        ms(t.model),
        ms(t.emit),
        ms(t.format),
        ms(t.write),
        ms(elapsed),
        t.bytes,
        peak_memory_kib().map_or("unknown".to_string(), |k| k.to_string())
    );
}

/// `VmHWM` of this process (Linux), in KiB.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn check(t: &Target) -> ExitCode {
    let (dir, layout) = t.layout();
    let generated = match t
        .settings
        .config(&t.docs)
        .and_then(|c| docbind::generate(&t.docs, &c, &layout))
    {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let diffs = docbind::check(&dir, &generated.files);
    if diffs.is_empty() {
        eprintln!(
            "docbind: {} is up to date with {}",
            dir.display(),
            t.docs.display()
        );
        return ExitCode::SUCCESS;
    }
    for d in &diffs {
        let what = match d {
            Difference::Missing(_) => "missing",
            Difference::Changed(..) => "differs",
            Difference::Stale(_) => "stale (would be removed)",
        };
        eprintln!("{}: {what}", d.path().display());
    }
    eprintln!(
        "docbind: {} out of date; run `docbind generate {} --{} {}`",
        plural(diffs.len(), "file"),
        t.docs.display(),
        if matches!(layout, Layout::Crate { .. }) {
            "crate"
        } else {
            "out"
        },
        dir.display()
    );
    ExitCode::from(1)
}

fn dump(d: &DumpArgs) -> ExitCode {
    let _ = d.json;
    let loaded = match d
        .settings
        .config(&d.docs)
        .and_then(|c| docbind::load(&d.docs, &c))
    {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    print_warnings(&loaded.diagnostics);
    for e in loaded.diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!("{e}\n");
    }
    let enums: Vec<_> = loaded.bindings.enums().collect();
    let json = serde_json::json!({ "enums": enums, "skipped": loaded.skipped });
    match serde_json::to_string_pretty(&json) {
        Ok(text) => println!("{text}"),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    if loaded.has_errors() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
