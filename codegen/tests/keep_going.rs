//! `docbind generate` with and without `--keep-going` when a page has an error, and `check`,
//! which never writes.

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

fn page(c_type: &str, header: &str, field: &str) -> String {
    format!(
        "---\nUID: NE:{h}._{c_type}\nreq.header: {header}\nreq.typenames: {c_type}\n---\n\n## -enum-fields\n\n### -field {field}\n\nA value.\n",
        h = header.trim_end_matches(".h")
    )
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("docs/good")).unwrap();
    fs::create_dir_all(dir.join("docs/bad")).unwrap();
    fs::write(
        dir.join("docs/good/ne-good.md"),
        page("GOOD_KIND", "good.h", "GOOD_KIND_A"),
    )
    .unwrap();
    fs::write(
        dir.join("docs/bad/ne-bad.md"),
        page("BAD_KIND", "bad.h", "BAD_KIND_A:BAD_KIND_A"),
    )
    .unwrap();
    dir
}

#[test]
fn an_error_writes_nothing_unless_keep_going() {
    let dir = scratch("cli-keep-going");
    let plain = docbind(&["generate", "docs", "--out", "out"], &dir);
    let stderr = String::from_utf8_lossy(&plain.stderr);
    assert_eq!(plain.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("bad/ne-bad.md:") && stderr.contains("circular"),
        "{stderr}"
    );
    assert!(!dir.join("out").exists(), "a failed run wrote");

    let check = docbind(&["check", "docs", "--out", "out"], &dir);
    assert_eq!(check.status.code(), Some(2));
    assert!(!dir.join("out").exists(), "check wrote");

    let partial = docbind(&["generate", "docs", "--out", "out", "--keep-going"], &dir);
    let stderr = String::from_utf8_lossy(&partial.stderr);
    assert_eq!(partial.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("circular") && stderr.contains("--keep-going"),
        "{stderr}"
    );
    let mut written: Vec<String> = fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["good.rs", "lib.rs"]);

    // Fixed: a plain run succeeds and adds the module.
    fs::write(
        dir.join("docs/bad/ne-bad.md"),
        page("BAD_KIND", "bad.h", "BAD_KIND_A"),
    )
    .unwrap();
    let fixed = docbind(&["generate", "docs", "--out", "out"], &dir);
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fixed.stderr)
    );
    assert!(dir.join("out/bad.rs").is_file());
    let check = docbind(&["check", "docs", "--out", "out"], &dir);
    assert_eq!(check.status.code(), Some(0));
}
