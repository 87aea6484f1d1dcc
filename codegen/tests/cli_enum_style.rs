//! `--enum-style` and `--non-exhaustive` on the command line, through `docbind dump`.

use std::path::Path;
use std::process::Command;

fn dump(args: &[&str]) -> serde_json::Value {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let output = Command::new(env!("CARGO_BIN_EXE_docbind"))
        .arg("dump")
        .arg(&docs)
        .arg("--json")
        .args(args)
        .output()
        .expect("run docbind");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn field<'a>(json: &'a serde_json::Value, c_name: &str, key: &str) -> &'a serde_json::Value {
    let enums = json["enums"].as_array().expect("enums");
    let e = enums
        .iter()
        .find(|e| e["c_name"] == c_name)
        .unwrap_or_else(|| panic!("no {c_name}"));
    &e[key]
}

#[test]
fn enum_style_and_non_exhaustive_flags_reach_the_model() {
    let default = dump(&[]);
    assert_eq!(field(&default, "BG_JOB_TYPE", "style"), "rust");
    assert_eq!(field(&default, "BG_JOB_TYPE", "non_exhaustive"), true);
    assert_eq!(field(&default, "CONTOSO_CAPTURE_FLAGS", "style"), "flags");
    assert_eq!(
        field(&default, "CONTOSO_CAPTURE_FLAGS", "looks_like_flags"),
        true
    );

    let consts = dump(&["--enum-style", "consts", "--non-exhaustive", "false"]);
    assert_eq!(field(&consts, "BG_JOB_TYPE", "style"), "consts");
    assert_eq!(field(&consts, "CONTOSO_CAPTURE_FLAGS", "style"), "consts");
    assert_eq!(field(&consts, "BG_JOB_TYPE", "non_exhaustive"), false);

    let newtype = dump(&["--enum-style", "newtype"]);
    assert_eq!(field(&newtype, "BG_JOB_TYPE", "style"), "newtype");
    assert_eq!(field(&newtype, "CONTOSO_CAPTURE_FLAGS", "style"), "flags");
}

#[test]
fn an_unknown_enum_style_is_a_usage_error() {
    let status = Command::new(env!("CARGO_BIN_EXE_docbind"))
        .args(["check", "--enum-style", "bitflags"])
        .output()
        .expect("run docbind");
    assert_eq!(status.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(
        stderr.contains("possible values: rust, newtype, consts, flags"),
        "{stderr}"
    );
}
