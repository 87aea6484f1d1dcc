//! Loading the Windows metadata (`--winmd`): `cargo bench -p docbind --bench winmd`.
//!
//! With `../shared/winmd` and `../shared/corpus` present, prints, best and median of several
//! runs: the time to read each metadata file and both into docbind's index (the metadata
//! report's `load_time`), and the whole load of the `sdk-api` and `ddi` corpora without and
//! with both files (what `--winmd` adds to a run). Prints figures; asserts nothing.

use docbind::Config;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const RUNS: usize = 7;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let shared = root.join("../shared");
    let win32 = shared.join("winmd/Windows.Win32.winmd");
    let wdk = shared.join("winmd/Windows.Wdk.winmd");
    if !win32.is_file() || !wdk.is_file() {
        println!(
            "NOTICE: {} is absent: nothing to benchmark.",
            shared.join("winmd").display()
        );
        return;
    }
    // One page: what loading costs beyond the metadata is next to nothing.
    let page = "---\nUID: NE:bits.BG_JOB_TYPE\nreq.header: bits.h\nreq.typenames: BG_JOB_TYPE\n---\n## -enum-fields\n### -field BG_JOB_TYPE_DOWNLOAD\n";
    for (name, files) in [
        ("Windows.Win32.winmd", vec![win32.clone()]),
        ("Windows.Wdk.winmd", vec![wdk.clone()]),
        ("both", vec![win32.clone(), wdk.clone()]),
    ] {
        let bytes: u64 = files
            .iter()
            .map(|f| f.metadata().map_or(0, |m| m.len()))
            .sum();
        let config = Config {
            winmd: files,
            ..Config::default()
        };
        let mut types = 0;
        let times = runs(|| {
            let loaded = docbind::load_pages([("bits/bg.md", page.as_bytes())], &config);
            let report = loaded.winmd.expect("a metadata report");
            types = report.types;
            report.load_time
        });
        println!(
            "read {name} ({:.1} MB, {types} enum types): {}",
            bytes as f64 / 1e6,
            figures(&times)
        );
    }

    for corpus in ["sdk-api", "ddi"] {
        let docs = shared.join("corpus").join(corpus);
        if !docs.is_dir() {
            println!("NOTICE: {} is absent: not benchmarked.", docs.display());
            continue;
        }
        for (what, winmd) in [
            ("without metadata", Vec::<PathBuf>::new()),
            ("with both files", vec![win32.clone(), wdk.clone()]),
        ] {
            let mut config = Config::discover(&docs).unwrap();
            config.winmd = winmd;
            let times = runs(|| {
                let start = Instant::now();
                let loaded = docbind::load(&docs, &config).unwrap();
                assert!(!loaded.has_errors());
                start.elapsed()
            });
            println!("load corpus {corpus} {what}: {}", figures(&times));
        }
    }
}

fn runs(mut f: impl FnMut() -> Duration) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..RUNS).map(|_| f()).collect();
    times.sort();
    times
}

fn figures(sorted: &[Duration]) -> String {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "best {:.0} ms, median {:.0} ms ({} runs)",
        ms(sorted[0]),
        ms(sorted[sorted.len() / 2]),
        sorted.len()
    )
}
