//! Mutations of the real corpus (`../shared/corpus/ddi`): lines deleted, duplicated and
//! swapped, bytes injected, pages truncated. Every case must end either in a diagnostic (an
//! error naming the page and a line) or in a file that passes `check_generated` (Rust that
//! `syn` parses, with the page rendered in the single-file layout, and docs without raw HTML);
//! no case may panic, and none may take longer than the hang guard.
//!
//! The random numbers come from a fixed seed, so a failing case reproduces: the report names
//! the page, the case number and the mutation. `DOCBIND_MUTATIONS=N` runs N cases instead of
//! the default.
//!
//! Without `../shared/corpus` (as on a user's machine) the test prints a notice and passes.

use docbind::Config;
use docbind_workspace_tests::{check_generated, corpus, render_single, support_item_names};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

/// Cases run by default.
const CASES: usize = 10_000;
/// The seed of the case generator.
const SEED: u64 = 0x9E37_79B9_7F4A_7C15;
/// No single case may take longer: a hang guard, not a performance assertion (a case takes
/// milliseconds; a hang takes forever).
const HANG_GUARD: Duration = Duration::from_secs(2);

/// xorshift64*: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What is injected: bytes that break encodings, structure, YAML, Markdown, HTML and C.
const INJECTIONS: &[&[u8]] = &[
    b"\xff",
    b"\xc3",
    b"\xe2\x80\xae",
    b"\0",
    b"\r",
    b"\n",
    b"\n---\n",
    b"---",
    b"### -field ",
    b"### -field X } pub fn evil() {\n",
    b"## -enum-fields\n",
    b":",
    b":0xFFFFFFFFFFFFFFFFFF",
    b":-1",
    b"\"",
    b"'",
    b"{",
    b"}",
    b"[",
    b"](",
    b"`",
    b"```",
    b"<",
    b"<b>",
    b"<script>alert(1)</script>",
    b"<a href=\"javascript:alert(1)\">",
    b"<!--",
    b"&lt;",
    b"&#",
    b"\\",
    b">",
    b"- ",
    b"|",
    b"\t",
    b"\xef\xbb\xbf",
];

/// One mutation of a page's bytes.
#[derive(Debug)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Inject(usize, &'static [u8]),
    InjectRandom(usize, u8),
    Truncate(usize),
}

impl Mutation {
    fn pick(rng: &mut Rng, bytes: &[u8]) -> Self {
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
        match rng.below(6) {
            0 => Mutation::DeleteLine(rng.below(lines)),
            1 => Mutation::DuplicateLine(rng.below(lines)),
            2 => Mutation::SwapLines(rng.below(lines), rng.below(lines)),
            3 => Mutation::Inject(
                rng.below(bytes.len() + 1),
                INJECTIONS[rng.below(INJECTIONS.len())],
            ),
            4 => Mutation::InjectRandom(rng.below(bytes.len() + 1), rng.next() as u8),
            _ => Mutation::Truncate(rng.below(bytes.len() + 1)),
        }
    }

    fn apply(&self, bytes: &[u8]) -> Vec<u8> {
        let mut lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
        match *self {
            Mutation::DeleteLine(i) if i < lines.len() => {
                lines.remove(i);
            }
            Mutation::DuplicateLine(i) if i < lines.len() => lines.insert(i, lines[i]),
            Mutation::SwapLines(i, j) if i < lines.len() && j < lines.len() => lines.swap(i, j),
            Mutation::Inject(at, what) => {
                return [&bytes[..at], what, &bytes[at..]].concat();
            }
            Mutation::InjectRandom(at, byte) => {
                return [&bytes[..at], &[byte][..], &bytes[at..]].concat();
            }
            Mutation::Truncate(at) => return bytes[..at].to_vec(),
            _ => {}
        }
        lines.concat()
    }
}

/// Every page of the corpus: (path relative to the corpus, bytes).
fn pages(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("corpus directory") {
            let path = entry.expect("corpus entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&path).expect("corpus page")));
            }
        }
    }
    out.sort();
    out
}

/// How one case ended.
enum Outcome {
    /// An enum, whose file passed `check_generated`.
    Made,
    /// An error diagnostic.
    Error,
    /// No enum and no error (the mutation made it another kind of page).
    Skipped,
    /// What went wrong.
    Failed(String),
}

/// Runs one case: loads the mutated page alone and checks what came of it.
fn run_case(
    rel: &str,
    bytes: &[u8],
    config: &Config,
    support: &std::collections::BTreeSet<String>,
) -> Outcome {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let loaded = docbind::load_pages([(rel, bytes)], config);
        for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
            if d.file.to_string_lossy() != rel || d.line == 0 {
                return Outcome::Failed(format!("an error without the page and a line: {d}"));
            }
        }
        if loaded.has_errors() {
            return Outcome::Error;
        }
        if loaded.bindings.enums().count() == 0 {
            return Outcome::Skipped;
        }
        match check_generated(&render_single(&loaded.bindings), support) {
            Ok(()) => Outcome::Made,
            Err(why) => Outcome::Failed(why),
        }
    }));
    result.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Outcome::Failed(format!("PANIC {message}"))
    })
}

#[test]
fn mutated_corpus_pages_end_in_valid_rust_or_a_diagnostic() {
    let Some(corpus) = corpus() else { return };
    let docs = corpus.join("ddi");
    // Strict: a page that cannot be bound ends in an error (by default it would be left out
    // with a warning, and a run of this one page would have nothing to write).
    let config = Config {
        strict: true,
        ..Config::discover(&docs).expect("the corpus configuration")
    };
    let pages = pages(&docs);
    assert!(pages.len() > 1000, "{} pages", pages.len());
    let cases: usize = std::env::var("DOCBIND_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    let support = support_item_names();
    // The cases are drawn first, in order, so that they do not depend on the threads.
    let mut rng = Rng(SEED);
    let drawn: Vec<(usize, Mutation)> = (0..cases)
        .map(|_| {
            let page = rng.below(pages.len());
            (page, Mutation::pick(&mut rng, &pages[page].1))
        })
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let start = Instant::now();
    let mut results: Vec<(usize, Outcome, Duration)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (drawn, pages, config, support) = (&drawn, &pages, &config, &support);
                scope.spawn(move || {
                    (t..drawn.len())
                        .step_by(threads)
                        .map(|case| {
                            let (page, mutation) = &drawn[case];
                            let (rel, original) = &pages[*page];
                            let bytes = mutation.apply(original);
                            let began = Instant::now();
                            let outcome = run_case(rel, &bytes, config, support);
                            (case, outcome, began.elapsed())
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker thread"))
            .collect()
    });
    results.sort_by_key(|(case, _, _)| *case);

    let (mut made, mut errors, mut skipped) = (0, 0, 0);
    let mut failures: Vec<String> = Vec::new();
    let mut slowest = (Duration::ZERO, 0);
    for (case, outcome, took) in &results {
        let (page, mutation) = &drawn[*case];
        let what = || format!("case {case}: {} with {mutation:?}", pages[*page].0);
        match outcome {
            Outcome::Made => made += 1,
            Outcome::Error => errors += 1,
            Outcome::Skipped => skipped += 1,
            Outcome::Failed(why) => failures.push(format!("{}: {why}", what())),
        }
        if *took > HANG_GUARD {
            failures.push(format!(
                "{}: took {took:?}, more than the {HANG_GUARD:?} hang guard",
                what()
            ));
        }
        slowest = slowest.max((*took, *case));
    }
    let (page, mutation) = &drawn[slowest.1];
    eprintln!(
        "mutations: {cases} cases over {} pages in {:.1?} ({threads} threads): {made} made an enum that passed the checks, {errors} ended in an error, {skipped} made no enum; slowest {:.1?} (case {}: {} with {mutation:?})",
        pages.len(),
        start.elapsed(),
        slowest.0,
        slowest.1,
        pages[*page].0,
    );
    assert_eq!(
        made + errors + skipped + failures.len()
            - failures.iter().filter(|f| f.contains("hang guard")).count(),
        cases
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Most mutations leave a page that still makes an enum: the test exercises the generator,
    // not only its error paths.
    assert!(
        made * 2 > cases,
        "only {made} of {cases} cases made an enum"
    );
}
