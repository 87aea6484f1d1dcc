//! Golden tests: the exact Rust emitted for chosen pages of `docs/`.
//!
//! Each case copies some pages of `docs/` (and `docs/docbind.toml`) into a scratch docs tree,
//! generates the single-file layout a build script gets, and compares it with
//! `tests/golden/<case>.rs`. `DOCBIND_BLESS=1` rewrites the goldens. The goldens are also
//! compiled, with warnings denied, by `support/lib.rs`, and `styles.rs` runs them.
//!
//! Every enum style has a case on the seed page and on the `contoso` header (a flags enum, an
//! enum with a negative value and an alias, and one with `u32` values and a deprecated value).

use docbind::model::EnumStyle;
use docbind::{Config, Layout};
use docbind_workspace_tests::{assert_golden, scratch_dir, workspace_root};
use std::fs;

const SEED: &[&str] = &["bits/ne-bits-__midl_ibackgroundcopyjob_0003.md"];
const CONTOSO: &[&str] = &[
    "contoso/ne-contoso-_contoso_capture_flags.md",
    "contoso/ne-contoso-_contoso_mode.md",
    "contoso/ne-contoso-_contoso_status_code.md",
];

fn golden_case(case: &str, pages: &[&str]) {
    golden_case_with(case, pages, |_| {});
}

fn golden_case_with(case: &str, pages: &[&str], configure: impl FnOnce(&mut Config)) {
    let root = workspace_root();
    let docs = scratch_dir(env!("CARGO_TARGET_TMPDIR"), &format!("golden-{case}"));
    for page in pages.iter().chain(&["docbind.toml"]) {
        let to = docs.join(page);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(root.join("docs").join(page), &to).unwrap();
    }
    let mut config = Config::discover(&docs).unwrap();
    configure(&mut config);
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

fn style(style: EnumStyle) -> impl FnOnce(&mut Config) {
    move |config| config.enum_style = style
}

#[test]
fn seed() {
    golden_case("seed", SEED);
}

#[test]
fn seed_newtype() {
    golden_case_with("seed_newtype", SEED, style(EnumStyle::Newtype));
}

#[test]
fn seed_consts() {
    golden_case_with("seed_consts", SEED, style(EnumStyle::Consts));
}

#[test]
fn seed_flags() {
    golden_case_with("seed_flags", SEED, style(EnumStyle::Flags));
}

/// The default: `rust`, and `flags` for `CONTOSO_CAPTURE_FLAGS`, which looks like flags.
#[test]
fn contoso_default() {
    golden_case("contoso_default", CONTOSO);
}

/// `rust` for every enum, the flags one by its own setting, without `#[non_exhaustive]`.
#[test]
fn contoso_rust() {
    golden_case_with("contoso_rust", CONTOSO, |config| {
        config
            .enums
            .entry("CONTOSO_CAPTURE_FLAGS".into())
            .or_default()
            .style = Some(EnumStyle::Rust);
        config.non_exhaustive = false;
    });
}

#[test]
fn contoso_newtype() {
    golden_case_with("contoso_newtype", CONTOSO, style(EnumStyle::Newtype));
}

#[test]
fn contoso_consts() {
    golden_case_with("contoso_consts", CONTOSO, style(EnumStyle::Consts));
}

#[test]
fn contoso_flags() {
    golden_case_with("contoso_flags", CONTOSO, style(EnumStyle::Flags));
}
