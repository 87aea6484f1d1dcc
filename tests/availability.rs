//! Availability on pages the grammar was not written from (issue 16): the version notes of
//! every page of each corpus, and of the whole driver docs tree (`ddi-all-pages.tar.gz`,
//! extracted under `target/bench/ddi-all` as the benchmark does), read as `docbind lint
//! --all-pages` reads them, against recorded floors. Below a floor (in number or in ratio) is a
//! regression; `docbind lint --all-pages TREE` lists what is not understood, by shape.
//!
//! Without `../shared` (as on a user's machine) these tests print a notice and pass.

use docbind_workspace_tests::{corpus, workspace_root};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Understood notes when the floor was recorded: at least `understood`, and at least `ratio`
/// of those found.
struct Floor {
    understood: usize,
    ratio: f64,
}

/// Issue 16 asks for 98% of the notes of every corpus, weighted by occurrence.
const RATIO: f64 = 0.98;

/// `ddi`: 2,046 of 2,058 (99.4%) when recorded (2,042 before issue 16).
const DDI: Floor = Floor {
    understood: 2046,
    ratio: RATIO,
};
/// `sdk-api`: 130 of 132 (98.5%) when recorded (110 before issue 16).
const SDK_API: Floor = Floor {
    understood: 130,
    ratio: RATIO,
};
/// `sdk-api-more`: 428 of 436 (98.2%) when recorded (370 before issue 16).
const SDK_API_MORE: Floor = Floor {
    understood: 428,
    ratio: RATIO,
};
/// The whole driver tree: 16,004 of 16,263 (98.4%) when recorded (15,722 of 16,251 before issue
/// 16).
const WHOLE_TREE: Floor = Floor {
    understood: 16004,
    ratio: RATIO,
};

fn check(name: &str, docs: &Path, floor: &Floor) {
    let survey = docbind::survey_availability(docs, &mut |_, _| {})
        .unwrap_or_else(|e| panic!("{}: {e}", docs.display()));
    let found = survey.notes.len();
    let understood = survey.understood();
    let ratio = understood as f64 / found.max(1) as f64;
    eprintln!(
        "{name}: {} pages, {found} version notes, {understood} understood ({:.1}%)",
        survey.pages,
        ratio * 100.0
    );
    assert!(
        understood >= floor.understood,
        "{name}: {understood} notes understood, below the floor of {}",
        floor.understood
    );
    assert!(
        ratio >= floor.ratio,
        "{name}: {:.2}% understood, below the floor of {:.0}%",
        ratio * 100.0,
        floor.ratio * 100.0
    );
}

#[test]
fn driver_docs_enum_pages() {
    let Some(corpus) = corpus() else { return };
    check("ddi", &corpus.join("ddi"), &DDI);
}

#[test]
fn sdk_samples() {
    let Some(corpus) = corpus() else { return };
    check("sdk-api", &corpus.join("sdk-api"), &SDK_API);
    check("sdk-api-more", &corpus.join("sdk-api-more"), &SDK_API_MORE);
}

#[test]
fn whole_driver_docs_tree() {
    let Some(corpus) = corpus() else { return };
    let tree = extracted(&corpus.join("ddi-all-pages.tar.gz"));
    check("ddi-all", &tree, &WHOLE_TREE);
}

/// The tree of `tarball`, extracted once under `target/bench/ddi-all` (where the whole-tree
/// benchmark extracts it too).
fn extracted(tarball: &Path) -> PathBuf {
    let tree = workspace_root().join("target/bench/ddi-all");
    let marker = tree.join(".extracted");
    if !marker.is_file() {
        let _ = std::fs::remove_dir_all(&tree);
        std::fs::create_dir_all(&tree).unwrap();
        let status = Command::new("tar")
            .arg("-xzf")
            .arg(tarball)
            .arg("-C")
            .arg(&tree)
            .status()
            .expect("run tar");
        assert!(status.success(), "tar failed");
        std::fs::write(&marker, "").unwrap();
    }
    tree
}
