//! Golden tests: the exact Rust emitted for chosen pages of `docs/`.
//!
//! Each case copies some pages of `docs/` (and `docs/docbind.toml`) into a scratch docs tree,
//! generates the single-file layout a build script gets, and compares it with
//! `tests/golden/<case>.rs`. `DOCBIND_BLESS=1` rewrites the goldens. The goldens are also
//! compiled, with warnings denied, by `support/lib.rs`.

use docbind::{Config, Layout};
use docbind_workspace_tests::{assert_golden, scratch_dir, workspace_root};
use std::fs;

fn golden_case(case: &str, pages: &[&str]) {
    let root = workspace_root();
    let docs = scratch_dir(env!("CARGO_TARGET_TMPDIR"), &format!("golden-{case}"));
    for page in pages.iter().chain(&["docbind.toml"]) {
        let to = docs.join(page);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(root.join("docs").join(page), &to).unwrap();
    }
    let config = Config::discover(&docs).unwrap();
    let layout = Layout::SingleFile {
        name: "out.rs".into(),
    };
    let generated = docbind::generate(&docs, &config, &layout).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        generated.loaded.diagnostics.is_empty(),
        "unexpected diagnostics: {:#?}",
        generated.loaded.diagnostics
    );
    assert_golden(
        &root.join(format!("tests/golden/{case}.rs")),
        &generated.files.files["out.rs"],
    );
}

#[test]
fn seed() {
    golden_case("seed", &["bits/ne-bits-__midl_ibackgroundcopyjob_0003.md"]);
}
