//! `docbind generate` and `check` over a tree with one good page and one broken one, in both
//! modes: by default the broken page is left out with a warning at its line and the rest is
//! written (exit 0); with `--strict` (or `strict = true` in docbind.toml) it is an error,
//! nothing is written and the output stays as it was (exit 2), unless `--keep-going`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn docbind(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docbind"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run docbind")
}

fn page(c_type: &str, header: &str, fields: &str) -> String {
    format!(
        "---\nUID: NE:{h}._{c_type}\nreq.header: {header}\nreq.typenames: {c_type}\n---\n\n## -enum-fields\n\n{fields}",
        h = header.trim_end_matches(".h")
    )
}

/// `docs/good` (one good page) and `docs/bad` (`bad`, the broken page).
fn scratch(name: &str, bad: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("docs/good")).unwrap();
    fs::create_dir_all(dir.join("docs/bad")).unwrap();
    fs::write(
        dir.join("docs/good/ne-good.md"),
        page(
            "GOOD_KIND",
            "good.h",
            "### -field GOOD_KIND_A\n\nA value.\n",
        ),
    )
    .unwrap();
    fs::write(dir.join("docs/bad/ne-bad.md"), bad).unwrap();
    dir
}

/// Every file under `dir` with its bytes.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let bytes = fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    out.sort();
    out
}

fn written(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_broken_page_is_left_out_by_default_and_an_error_when_strict() {
    // A stub: `## -enum-fields` with nothing under it (line 7).
    let stub = page("BAD_KIND", "bad.h", "## -remarks\n\nTo be documented.\n");
    let dir = scratch("cli-page-defects", &stub);

    // Default: exit 0, the good enum written, a warning at the broken page's line.
    let run = docbind(&["generate", "docs", "--out", "out"], &dir);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "warning[no-fields]: the page documents no enumerators; the page is left out"
        ) && stderr.contains("--> docs/bad/ne-bad.md:7"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 enum written to out")
            && stderr.contains("(1 of them enum pages left out)")
            && stderr.contains("`docbind lint` lists"),
        "{stderr}"
    );
    assert_eq!(written(&dir.join("out")), ["good.rs", "lib.rs"]);
    assert!(
        fs::read_to_string(dir.join("out/good.rs"))
            .unwrap()
            .contains("pub enum GoodKind {")
    );
    // `check` follows the same rule: up to date, with the same warning.
    let check = docbind(&["check", "docs", "--out", "out"], &dir);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning[no-fields]"), "{stderr}");

    // Strict: exit 2, the error at the same line, the output untouched.
    let before = contents(&dir.join("out"));
    for strict in [
        &["generate", "docs", "--out", "out", "--strict"][..],
        &["check", "docs", "--out", "out", "--strict"],
    ] {
        let run = docbind(strict, &dir);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{strict:?}: {stderr}");
        assert!(
            stderr.contains("error[no-fields]: the page documents no enumerators\n")
                && stderr.contains("--> docs/bad/ne-bad.md:7")
                && stderr.contains("nothing was written"),
            "{strict:?}: {stderr}"
        );
        assert_eq!(
            contents(&dir.join("out")),
            before,
            "{strict:?} changed the output"
        );
    }
    // `strict = true` in docbind.toml is the same, and `--strict=false` overrides it.
    fs::write(dir.join("docs/docbind.toml"), "strict = true\n").unwrap();
    let run = docbind(&["generate", "docs", "--out", "out"], &dir);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(contents(&dir.join("out")), before);
    let run = docbind(
        &["generate", "docs", "--out", "out", "--strict=false"],
        &dir,
    );
    assert_eq!(run.status.code(), Some(0));

    // lint lists the defect under its kind, with the count, in either mode.
    for args in [&["lint", "docs"][..], &["lint", "docs", "--strict=false"]] {
        let lint = docbind(args, &dir);
        let stderr = String::from_utf8_lossy(&lint.stderr);
        assert_eq!(lint.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("docbind lint: [no-fields] 1 left out")
                && stderr.contains("by kind: 1 no-fields"),
            "{stderr}"
        );
    }
}

#[test]
fn every_page_left_out_is_an_error_of_the_run() {
    let stub = page("BAD_KIND", "bad.h", "");
    let dir = scratch("cli-nothing-bound", &stub);
    fs::remove_file(dir.join("docs/good/ne-good.md")).unwrap();
    let run = docbind(&["generate", "docs", "--out", "out"], &dir);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error[nothing-bound]: no enum page could be bound: 1 page was left out"),
        "{stderr}"
    );
    assert!(!dir.join("out").exists(), "a failed run wrote");
}

#[test]
fn strict_writes_nothing_unless_keep_going() {
    let circular = page(
        "BAD_KIND",
        "bad.h",
        "### -field BAD_KIND_A:BAD_KIND_A\n\nA value.\n",
    );
    let dir = scratch("cli-keep-going", &circular);
    let plain = docbind(&["generate", "docs", "--out", "out", "--strict"], &dir);
    let stderr = String::from_utf8_lossy(&plain.stderr);
    assert_eq!(plain.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("bad/ne-bad.md:") && stderr.contains("circular"),
        "{stderr}"
    );
    assert!(!dir.join("out").exists(), "a failed run wrote");

    let check = docbind(&["check", "docs", "--out", "out", "--strict"], &dir);
    assert_eq!(check.status.code(), Some(2));
    assert!(!dir.join("out").exists(), "check wrote");

    let partial = docbind(
        &[
            "generate",
            "docs",
            "--out",
            "out",
            "--strict",
            "--keep-going",
        ],
        &dir,
    );
    let stderr = String::from_utf8_lossy(&partial.stderr);
    assert_eq!(partial.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("circular") && stderr.contains("--keep-going"),
        "{stderr}"
    );
    assert_eq!(written(&dir.join("out")), ["good.rs", "lib.rs"]);

    // Fixed: a strict run succeeds and adds the module.
    fs::write(
        dir.join("docs/bad/ne-bad.md"),
        page("BAD_KIND", "bad.h", "### -field BAD_KIND_A\n\nA value.\n"),
    )
    .unwrap();
    let fixed = docbind(&["generate", "docs", "--out", "out", "--strict"], &dir);
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fixed.stderr)
    );
    assert!(dir.join("out/bad.rs").is_file());
    let check = docbind(&["check", "docs", "--out", "out", "--strict"], &dir);
    assert_eq!(check.status.code(), Some(0));
}
