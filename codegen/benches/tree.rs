//! Whole-tree benchmark: `cargo bench -p docbind --bench tree`.
//!
//! Extracts `../shared/corpus/ddi-all-pages.tar.gz` (21,795 pages) under `target/bench/`, measures
//! the single-threaded "parse floor" (read every page, split and parse its YAML front matter,
//! walk every pulldown-cmark event of its body), then runs the `docbind` binary over the same
//! tree as a user would and prints pages/s, MB/s, time per stage, peak memory and the ratio
//! generate / parse floor; then builds the generated crate cold (all features, one feature).
//! Prints figures; asserts nothing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let tarball = root.join("../shared/corpus/ddi-all-pages.tar.gz");
    if !tarball.is_file() {
        println!(
            "NOTICE: {} is absent: nothing to benchmark.",
            tarball.display()
        );
        return;
    }
    let bench = root.join("target/bench");
    let tree = bench.join("ddi-all");
    extract(&tarball, &tree);
    let files = pages(&tree);
    let bytes: u64 = files
        .iter()
        .map(|f| f.metadata().map_or(0, |m| m.len()))
        .sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "docbind whole-tree benchmark: {} pages, {:.1} MB, {threads} hardware threads",
        files.len(),
        bytes as f64 / 1e6
    );

    let floor = best_of(RUNS, || parse_floor(&files, true));
    let floor_skip = best_of(RUNS, || parse_floor(&files, false));
    report(
        "parse floor (1 thread; read, YAML, every Markdown event)",
        floor,
        files.len(),
        bytes,
    );
    report(
        "parse floor, non-enum bodies skipped",
        floor_skip,
        files.len(),
        bytes,
    );

    // Like the floor, the best of several runs: this machine's timings vary from run to run.
    let out = bench.join("ddi-all-crate");
    let (cold, cold_log) = best_generate(RUNS, &tree, &out, None);
    report(
        "generate --crate, cold (empty output directory)",
        cold,
        files.len(),
        bytes,
    );
    let (warm, _) = (0..RUNS)
        .map(|_| generate(&tree, &out, None))
        .min_by_key(|(d, _)| *d)
        .unwrap();
    report(
        "generate --crate, warm (output up to date)",
        warm,
        files.len(),
        bytes,
    );
    let single_out = bench.join("ddi-all-crate-1thread");
    let (single, _) = best_generate(3, &tree, &single_out, Some(1));
    report(
        "generate --crate, cold, 1 thread",
        single,
        files.len(),
        bytes,
    );
    println!(
        "ratio generate / parse floor: {:.2} (cold), {:.2} (warm), {:.2} (cold, 1 thread)",
        ratio(cold, floor),
        ratio(warm, floor),
        ratio(single, floor)
    );
    for line in cold_log
        .lines()
        .filter(|l| l.contains("timings") || l.contains("pages read"))
    {
        println!("  {line}");
    }
    let identical = same_tree(&out, &single_out);
    println!("output of 1 thread and {threads} threads byte-identical: {identical}");

    let (enums, lines) = generated_size(&out.join("src"), &cold_log);
    println!(
        "generated crate: {enums} enums, {lines} lines of Rust ({:.0} lines per enum)",
        lines as f64 / enums.max(1) as f64
    );
    let target = bench.join("crate-target");
    let _ = std::fs::remove_dir_all(&target);
    let all = cargo_build(&out, &target, &["--all-features"]);
    println!(
        "cold `cargo build --all-features` of the generated crate: {:.1} s",
        all.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&target);
    let one = cargo_build(&out, &target, &["--features", "wdm"]);
    println!(
        "cold `cargo build --features wdm` (one header): {:.1} s",
        one.as_secs_f64()
    );
}

fn extract(tarball: &Path, tree: &Path) {
    let marker = tree.join(".extracted");
    if marker.is_file() {
        return;
    }
    let _ = std::fs::remove_dir_all(tree);
    std::fs::create_dir_all(tree).unwrap();
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(tarball)
        .arg("-C")
        .arg(tree)
        .status()
        .expect("run tar");
    assert!(status.success(), "tar failed");
    std::fs::write(marker, "").unwrap();
}

fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Read, split the front matter, parse it with serde_yaml, walk every Markdown event of the body
/// (of every page when `all_bodies`, else only of enum pages).
fn parse_floor(files: &[PathBuf], all_bodies: bool) -> Duration {
    let start = Instant::now();
    let mut events = 0usize;
    for file in files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let (yaml, body) = split(text);
        let value: serde_yaml::Value =
            serde_yaml::from_str(&yaml.replace("-\t", "- ")).unwrap_or(serde_yaml::Value::Null);
        let is_enum = value
            .get("UID")
            .and_then(|u| u.as_str())
            .is_some_and(|u| u.starts_with("NE:"));
        if all_bodies || is_enum {
            events += pulldown_cmark::Parser::new_ext(body, pulldown_cmark::Options::ENABLE_TABLES)
                .count();
        }
    }
    std::hint::black_box(events);
    start.elapsed()
}

fn split(text: &str) -> (&str, &str) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return ("", text);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (&rest[..offset], &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    ("", text)
}

fn best_of(n: usize, mut f: impl FnMut() -> Duration) -> Duration {
    (0..n).map(|_| f()).min().unwrap_or_default()
}

/// Runs of each `generate` measurement; the best is reported.
const RUNS: usize = 9;

/// The best of `n` runs of `generate` into an emptied `out`, with the log of that run.
fn best_generate(n: usize, tree: &Path, out: &Path, threads: Option<usize>) -> (Duration, String) {
    (0..n)
        .map(|_| {
            let _ = std::fs::remove_dir_all(out);
            generate(tree, out, threads)
        })
        .min_by_key(|(d, _)| *d)
        .unwrap()
}

fn generate(tree: &Path, out: &Path, threads: Option<usize>) -> (Duration, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_docbind"));
    cmd.arg("generate")
        .arg(tree)
        .arg("--crate")
        .arg(out)
        .arg("--timings");
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n.to_string());
    }
    let start = Instant::now();
    let output = cmd.output().expect("run docbind");
    let elapsed = start.elapsed();
    assert!(output.status.success(), "docbind generate failed");
    (
        elapsed,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn report(what: &str, d: Duration, pages: usize, bytes: u64) {
    let s = d.as_secs_f64();
    println!(
        "{what}: {:.3} s = {:.0} pages/s, {:.1} MB/s",
        s,
        pages as f64 / s,
        bytes as f64 / 1e6 / s
    );
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn same_tree(a: &Path, b: &Path) -> bool {
    let (fa, fb) = (pages_rs(a), pages_rs(b));
    fa.len() == fb.len()
        && fa.iter().zip(&fb).all(|(x, y)| {
            x.strip_prefix(a).ok() == y.strip_prefix(b).ok()
                && std::fs::read(x).ok() == std::fs::read(y).ok()
        })
}

fn pages_rs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir.join("src"))
        .map_or(Vec::new(), |r| r.flatten().map(|e| e.path()).collect());
    out.sort();
    out
}

fn generated_size(src: &Path, log: &str) -> (usize, usize) {
    let lines = pages_rs(src.parent().unwrap())
        .iter()
        .map(|p| std::fs::read_to_string(p).map_or(0, |t| t.lines().count()))
        .sum();
    let enums = log
        .lines()
        .find_map(|l| {
            l.split(" enums written")
                .next()
                .filter(|_| l.contains("enums written"))
        })
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (enums, lines)
}

fn cargo_build(dir: &Path, target: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO"))
        .arg("build")
        .arg("--quiet")
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .expect("run cargo");
    assert!(status.success(), "cargo build failed in {}", dir.display());
    start.elapsed()
}
