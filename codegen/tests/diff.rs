//! `docbind diff` (issue 17), run as a user runs it: the golden reports over the sample trees
//! `tests/diff/old` and `tests/diff/new` (`tests/diff/expected.txt` and `expected.md`;
//! `DOCBIND_BLESS=1` rewrites them), exit statuses, JSON lines, and saved models.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root, where the golden runs (so that the paths it prints are relative).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("diff")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `docbind ARGS` in `dir`, with stdout and stderr as pipes.
fn docbind(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docbind"))
        .current_dir(dir)
        .args(args)
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .output()
        .expect("run docbind")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("docbind exited (no signal)")
}

/// Compares `actual` with `tests/diff/NAME`, or rewrites it when `DOCBIND_BLESS` is set.
fn assert_golden(name: &str, actual: &str) {
    let path = root().join("tests/diff").join(name);
    if std::env::var_os("DOCBIND_BLESS").is_some() {
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{} differs from the output.\n--- expected\n{expected}\n--- actual\n{actual}\n\
         Run `DOCBIND_BLESS=1 cargo test -p docbind --test diff` to accept the new output.",
        path.display()
    );
}

const OLD: &str = "tests/diff/old";
const NEW: &str = "tests/diff/new";

#[test]
fn golden_human_report() {
    let out = docbind(
        &root(),
        &["diff", OLD, NEW, "--verbose", "--baseline-version", "1.4.2"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_golden("expected.txt", &stdout(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("docbind diff: 20 changes (8 major, 7 minor, 5 patch) between tests/diff/old and tests/diff/new; next version 2.0.0 (from 1.4.2) ("),
        "{err}"
    );
}

#[test]
fn golden_markdown_changelog() {
    let out = docbind(
        &root(),
        &[
            "diff",
            OLD,
            NEW,
            "--format",
            "markdown",
            "--baseline-version",
            "1.4.2",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_golden("expected.md", &stdout(&out));
}

#[test]
fn the_exit_status_says_whether_the_changes_are_within_allow() {
    let dir = root();
    for (allow, expected) in [("major", 0), ("minor", 1), ("patch", 1)] {
        let out = docbind(&dir, &["diff", OLD, NEW, "--allow", allow]);
        assert_eq!(code(&out), expected, "--allow {allow}: {}", stderr(&out));
    }
    let out = docbind(&dir, &["diff", OLD, NEW, "--allow", "minor"]);
    assert!(
        stderr(&out).contains("; more than --allow minor allows ("),
        "{}",
        stderr(&out)
    );
    // No change at all is within anything.
    let out = docbind(&dir, &["diff", NEW, NEW, "--allow", "patch"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "No changes.\nNo release is needed.\n");
    // Only docs changed: a patch, within --allow patch.
    let scratch = scratch("docs-only");
    let page = "gadget/ne-gadget-_gadget_speed.md";
    for side in ["a", "b"] {
        fs::create_dir_all(scratch.join(side).join("gadget")).unwrap();
    }
    fs::copy(dir.join(OLD).join(page), scratch.join("a").join(page)).unwrap();
    fs::copy(dir.join(NEW).join(page), scratch.join("b").join(page)).unwrap();
    let out = docbind(
        &scratch,
        &[
            "diff",
            "a",
            "b",
            "--allow",
            "patch",
            "--baseline-version",
            "0.3.1",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "2 changes (0 major, 0 minor, 2 patch); 2 docs-only changes not listed (--verbose lists them).\n\
         The next release is patch: 0.3.1 → 0.3.2.\n\n\
         By kind:\n  docs                        2  2 patch\n"
    );
}

#[test]
fn bad_input_exits_2() {
    let dir = scratch("bad-input");
    fs::write(
        dir.join("model.json"),
        "{\"enums\": [\n  {\"name\": 3}\n]}\n",
    )
    .unwrap();
    fs::write(dir.join("notes.txt"), "not JSON\n").unwrap();
    fs::create_dir_all(dir.join("broken/x")).unwrap();
    fs::write(
        dir.join("broken/x/ne-x-y.md"),
        "---\nUID: NE:x.Y\nreq.typenames: [Y\n---\n## -enum-fields\n### -field Y_A\n",
    )
    .unwrap();
    let docs = root().join(NEW);
    let docs = docs.to_str().unwrap();

    let out = docbind(&dir, &["diff", "model.json", docs]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains(
            "error: not a model saved by `docbind dump --json`: invalid type: integer `3`"
        ),
        "{err}"
    );
    assert!(err.contains("--> model.json:2:"), "{err}");
    assert!(err.contains("1 error; nothing was compared"), "{err}");
    assert!(stdout(&out).is_empty());

    let out = docbind(&dir, &["diff", docs, "notes.txt"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("--> notes.txt:1:"),
        "{}",
        stderr(&out)
    );

    let out = docbind(&dir, &["diff", "no-such-docs", docs]);
    assert_eq!(code(&out), 2);

    // A page with an error stops the comparison (its enum would look removed).
    let out = docbind(&dir, &["diff", "broken", docs]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("ne-x-y.md"), "{}", stderr(&out));

    for bad in ["1.4", "v1.4.2", "1.4.2-beta"] {
        let out = docbind(&dir, &["diff", docs, docs, "--baseline-version", bad]);
        assert_eq!(code(&out), 2, "{bad}");
        assert!(
            stderr(&out).contains("MAJOR.MINOR.PATCH"),
            "{}",
            stderr(&out)
        );
    }
    let out = docbind(&dir, &["diff", docs, docs, "--allow", "breaking"]);
    assert_eq!(code(&out), 2);
}

/// The JSON lines of stderr.
fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    stderr(out)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

#[test]
fn message_format_json_prints_one_object_per_change_then_the_summary() {
    let out = docbind(
        &root(),
        &[
            "diff",
            OLD,
            NEW,
            "--message-format",
            "json",
            "--baseline-version",
            "1.4.2",
        ],
    );
    assert_eq!(code(&out), 0);
    let lines = json_lines(&out);
    let (summary, changes) = lines.split_last().unwrap();
    // Docs-only changes are counted, and listed with --verbose.
    assert_eq!(changes.len(), 15);
    assert!(changes.iter().all(|c| c["type"] == "change"));
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["command"], "diff");
    assert_eq!(summary["changes"], 20);
    assert_eq!(
        (&summary["major"], &summary["minor"], &summary["patch"]),
        (&8.into(), &7.into(), &5.into())
    );
    assert_eq!(summary["level"], "major");
    assert_eq!(summary["next_version"], "2.0.0");
    assert_eq!(summary["exceeds_allow"], false);
    assert_eq!(summary["by_kind"]["variant-added"], 3);

    let hexagon = changes
        .iter()
        .find(|c| c["kind"] == "value-changed" && c["enum"]["c_name"] == "WIDGET_KIND")
        .expect("the value change of WIDGET_KIND_HEXAGON");
    assert_eq!(
        hexagon,
        &serde_json::json!({
            "type": "change",
            "command": "diff",
            "kind": "value-changed",
            "level": "major",
            "reason": "the value's integer changed",
            "module": "widget",
            "header": "widget.h",
            "enum": {"c_name": "WIDGET_KIND", "name": "WidgetKind"},
            "variant": {"c_name": "WIDGET_KIND_HEXAGON", "name": "Hexagon"},
            "style": "rust",
            "old": "3",
            "new": "4",
            "detail": null,
            "source": "widget/ne-widget-_widget_kind.md",
            "line": 49,
        })
    );
    // The line is the heading's on the page.
    let page =
        fs::read_to_string(root().join(NEW).join("widget/ne-widget-_widget_kind.md")).unwrap();
    assert_eq!(
        page.lines().nth(48),
        Some("### -field WIDGET_KIND_HEXAGON:4")
    );

    let verbose = docbind(
        &root(),
        &["diff", OLD, NEW, "--message-format", "json", "-v"],
    );
    assert_eq!(json_lines(&verbose).len(), 21);
}

#[test]
fn a_saved_model_diffs_like_the_tree_it_was_saved_from() {
    let dir = scratch("saved");
    for (side, file) in [(OLD, "old.json"), (NEW, "new.json")] {
        let out = docbind(&root(), &["dump", side, "--json"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        fs::write(dir.join(file), stdout(&out)).unwrap();
    }
    let new_docs = root().join(NEW);
    let new_docs = new_docs.to_str().unwrap();

    // dump → load → diff: nothing, either way round.
    for (a, b) in [
        ("new.json", new_docs),
        (new_docs, "new.json"),
        ("new.json", "new.json"),
    ] {
        let out = docbind(&dir, &["diff", a, b, "--allow", "patch"]);
        assert_eq!(code(&out), 0, "{a} {b}: {}", stderr(&out));
        assert_eq!(stdout(&out), "No changes.\nNo release is needed.\n");
    }

    // The same changes as between the trees, but for the headers a dump does not hold.
    let changes = |dir: &Path, old: &str, new: &str| -> Vec<serde_json::Value> {
        let out = docbind(dir, &["diff", old, new, "--message-format", "json", "-v"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let mut lines = json_lines(&out);
        lines.pop();
        for line in &mut lines {
            line["header"] = serde_json::Value::Null;
        }
        lines
    };
    let from_trees = changes(&root(), OLD, NEW);
    assert_eq!(from_trees.len(), 20);
    assert_eq!(changes(&dir, "old.json", "new.json"), from_trees);
    let old_docs = root().join(OLD);
    assert_eq!(
        changes(&dir, old_docs.to_str().unwrap(), "new.json"),
        from_trees
    );
}

#[test]
fn the_settings_apply_to_the_trees() {
    // The settings read both trees alike: the same tree diffs to nothing in any style.
    let out = docbind(
        &root(),
        &[
            "diff",
            NEW,
            NEW,
            "--enum-style",
            "consts",
            "--message-format",
            "json",
        ],
    );
    assert_eq!(code(&out), 0);
    let lines = json_lines(&out);
    assert_eq!(lines.last().unwrap()["changes"], 0);
    let dir = scratch("settings");
    let out = docbind(&root(), &["dump", NEW, "--json"]);
    fs::write(dir.join("new.json"), stdout(&out)).unwrap();
    let new_docs = root().join(NEW);
    let out = docbind(
        &dir,
        &[
            "diff",
            "new.json",
            new_docs.to_str().unwrap(),
            "--non-exhaustive",
            "false",
            "--message-format",
            "json",
        ],
    );
    let lines = json_lines(&out);
    let summary = lines.last().unwrap();
    // The rust-style enums of the saved model were #[non_exhaustive]; now they are not.
    assert_eq!(
        summary["by_kind"]["non-exhaustive-changed"],
        summary["changes"]
    );
    assert_eq!(summary["level"], "minor");
}
