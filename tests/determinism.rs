//! Output does not depend on the number of threads, nor on the run: byte-identical files.

use docbind::{Config, Files, Layout};
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
