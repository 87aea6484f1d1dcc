//! Shared helpers of the workspace tests, and the golden files compiled as Rust.
//!
//! Every golden file is included here under `#![deny(warnings)]`, so a golden that does not
//! compile cleanly fails `cargo test --workspace` (and `cargo clippy` lints it too).

#![deny(warnings)]

use std::path::{Path, PathBuf};

/// The golden files, each in a module of its own.
pub mod golden {
    /// `tests/golden/seed.rs`: the seed page alone, in the default style.
    pub mod seed {
        include!("../golden/seed.rs");
    }

    /// `tests/golden/seed_newtype.rs`: the seed page in the `newtype` style.
    pub mod seed_newtype {
        include!("../golden/seed_newtype.rs");
    }

    /// `tests/golden/seed_consts.rs`: the seed page in the `consts` style.
    pub mod seed_consts {
        include!("../golden/seed_consts.rs");
    }

    /// `tests/golden/seed_flags.rs`: the seed page in the `flags` style.
    pub mod seed_flags {
        include!("../golden/seed_flags.rs");
    }

    /// `tests/golden/contoso_default.rs`: the `contoso` header in the default style (`flags` for the flags enum).
    pub mod contoso_default {
        include!("../golden/contoso_default.rs");
    }

    /// `tests/golden/contoso_rust.rs`: the `contoso` header, every enum in the `rust` style, exhaustive.
    pub mod contoso_rust {
        include!("../golden/contoso_rust.rs");
    }

    /// `tests/golden/contoso_newtype.rs`: the `contoso` header in the `newtype` style (`flags` for the flags enum).
    pub mod contoso_newtype {
        include!("../golden/contoso_newtype.rs");
    }

    /// `tests/golden/contoso_consts.rs`: the `contoso` header in the `consts` style.
    pub mod contoso_consts {
        include!("../golden/contoso_consts.rs");
    }

    /// `tests/golden/contoso_flags.rs`: the `contoso` header, every enum in the `flags` style.
    pub mod contoso_flags {
        include!("../golden/contoso_flags.rs");
    }
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `../shared/corpus` next to the workspace, or `None` after printing why tests using it skip.
pub fn corpus() -> Option<PathBuf> {
    let dir = workspace_root().join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "NOTICE: {} is absent: the tests over the real documentation corpus are skipped.",
            dir.display()
        );
        None
    }
}

/// A fresh, empty directory under cargo's temporary directory for integration tests.
pub fn scratch_dir(tmp: &str, name: &str) -> PathBuf {
    let dir = Path::new(tmp).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Compares `actual` with the golden file at `path`, or rewrites it when `DOCBIND_BLESS` is set.
pub fn assert_golden(path: &Path, actual: &str) {
    if std::env::var_os("DOCBIND_BLESS").is_some() {
        std::fs::write(path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the generated output (first difference at line {}):\n  golden: {:?}\n  actual: {:?}\n\
             Run `DOCBIND_BLESS=1 cargo test -p docbind-workspace-tests --test golden` to accept the new output.",
            path.display(),
            first + 1,
            expected.lines().nth(first).unwrap_or("<end of file>"),
            actual.lines().nth(first).unwrap_or("<end of file>"),
        );
    }
}
