//! Output does not depend on the number of threads, nor on the run: byte-identical files.

use docbind::report::Files;
use docbind::{Config, Layout};
use docbind_workspace_tests::{corpus, workspace_root};
use std::path::Path;

fn generate_with_threads(docs: &Path, threads: usize) -> Files {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        let config = Config::discover(docs).unwrap();
        let layout = Layout::Crate {
            package: "determinism".into(),
        };
        docbind::generate(docs, &config, &layout)
            .unwrap_or_else(|e| panic!("{e}"))
            .files
    })
}

fn assert_identical(docs: &Path) {
    let one = generate_with_threads(docs, 1);
    let three = generate_with_threads(docs, 3);
    assert_eq!(one.files.len(), three.files.len());
    for (path, text) in &one.files {
        assert!(
            three.files.get(path) == Some(text),
            "{path} differs between 1 and 3 threads"
        );
    }
}

#[test]
fn sample_docs_output_is_independent_of_threads() {
    assert_identical(&workspace_root().join("docs"));
}

#[test]
fn corpus_output_is_independent_of_threads() {
    let Some(corpus) = corpus() else { return };
    assert_identical(&corpus.join("ddi"));
}

/// Reusing unchanged module files (their fingerprint says the same model and docbind made them)
/// gives exactly what rendering gives, and a file edited by hand is rendered again.
#[test]
fn reused_module_files_are_what_rendering_would_give() {
    let docs = workspace_root().join("docs");
    let config = Config::discover(&docs).unwrap();
    let layout = Layout::Src;
    let loaded = docbind::load(&docs, &config).unwrap();
    let fresh = docbind::render(&loaded.bindings, &layout).unwrap();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("reuse");
    let _ = std::fs::remove_dir_all(&dir);
    docbind::write(&dir, &fresh).unwrap();
    assert!(docbind::render_for(&loaded.bindings, &layout, &dir).unwrap() == fresh);

    let bits = dir.join("bits.rs");
    let edited = std::fs::read_to_string(&bits)
        .unwrap()
        .replace("Download = 0", "Download = 9");
    std::fs::write(&bits, edited).unwrap();
    let again = docbind::render_for(&loaded.bindings, &layout, &dir).unwrap();
    assert!(again == fresh, "a file edited by hand must not be reused");
    assert_eq!(
        docbind::check(&dir, &again).len(),
        1,
        "check still sees the edit"
    );
}
