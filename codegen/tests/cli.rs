//! The `docbind` binary, run as a user runs it: a process in a directory, with arguments, read
//! by its exit status, stdout and stderr.
//!
//! The rendered diagnostics are compared with `tests/snapshots/*.txt`; `DOCBIND_BLESS=1`
//! rewrites them. Elapsed times are replaced with `<elapsed>` before comparing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace's `docs/`.
fn workspace_docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs")
}

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copies the files of `from` (recursively) into `to`.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, to show that a run left a directory alone.
fn tree_contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path).unwrap();
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}

/// A scratch directory holding `docs/` with the seed page and `docbind.toml`.
fn seed_project(name: &str) -> PathBuf {
    let dir = scratch(name);
    let seed = "bits/ne-bits-__midl_ibackgroundcopyjob_0003.md";
    fs::create_dir_all(dir.join("docs/bits")).unwrap();
    fs::copy(workspace_docs().join(seed), dir.join("docs").join(seed)).unwrap();
    fs::copy(
        workspace_docs().join("docbind.toml"),
        dir.join("docs/docbind.toml"),
    )
    .unwrap();
    dir
}

/// Runs `docbind ARGS` in `dir`, as from a shell whose stdout and stderr are pipes.
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

/// `… (0.01s)` at the end of a summary line, and `"elapsed_seconds":0.01`, become `<elapsed>`.
fn normalize(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = if line.starts_with("docbind ") && line.ends_with("s)") {
            match line.rfind(" (") {
                Some(i) => format!("{} (<elapsed>)", &line[..i]),
                None => line.to_string(),
            }
        } else if let Some(i) = line.find("\"elapsed_seconds\":") {
            let rest = &line[i + "\"elapsed_seconds\":".len()..];
            let end = rest.find([',', '}']).unwrap_or(rest.len());
            format!(
                "{}\"elapsed_seconds\":\"<elapsed>\"{}",
                &line[..i],
                &rest[end..]
            )
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Compares `actual` (normalized) with `tests/snapshots/NAME.txt`, or rewrites that file when
/// `DOCBIND_BLESS` is set.
fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.txt"));
    let actual = normalize(actual);
    if std::env::var_os("DOCBIND_BLESS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{} differs from the output.\n--- expected\n{expected}\n--- actual\n{actual}\n\
         Run `DOCBIND_BLESS=1 cargo test -p docbind --test cli` to accept the new output.",
        path.display()
    );
}

const BROKEN_YAML: &str = "---\nUID: NE:bits.BROKEN\ntitle: [unclosed\nreq.header: bits.h\n---\n\n## -enum-fields\n\n### -field BROKEN_A\nA.\n";

const BAD_FIELD: &str = "---\nUID: NE:bits.BAD_FIELD\nreq.header: bits.h\nreq.typenames: BAD_FIELD\n---\n\n## -enum-fields\n\n### -field 9LIVES } pub fn evil() {\nA.\n";

/// Done when: a malformed page in `docs/` makes `docbind generate` print rustc-style
/// diagnostics with the page's path, line and source line, and exit 2 without touching the
/// output directory.
#[test]
fn a_malformed_page_fails_generate_with_exit_2_and_writes_nothing() {
    let dir = scratch("malformed");
    copy_tree(&workspace_docs(), &dir.join("docs"));
    fs::write(dir.join("docs/bits/ne-bits-broken.md"), BROKEN_YAML).unwrap();
    fs::write(dir.join("docs/bits/ne-bits-bad_field.md"), BAD_FIELD).unwrap();
    let generated = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/src");
    copy_tree(&generated, &dir.join("generated/src"));
    let before = tree_contents(&dir.join("generated"));

    let out = docbind(&dir, &["generate"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_snapshot("malformed_page", &stderr(&out));
    assert_eq!(tree_contents(&dir.join("generated")), before);

    let err = stderr(&out);
    assert!(
        err.contains("--> docs/bits/ne-bits-broken.md:4:11\n"),
        "{err}"
    );
    assert!(err.contains("4 | req.header: bits.h\n"), "{err}");
    assert!(
        err.contains("--> docs/bits/ne-bits-bad_field.md:9:12\n"),
        "{err}"
    );
    assert!(
        err.contains("9 | ### -field 9LIVES } pub fn evil() {\n"),
        "{err}"
    );
}

#[test]
fn json_messages_are_one_object_a_line() {
    let dir = seed_project("json");
    fs::write(dir.join("docs/bits/ne-bits-broken.md"), BROKEN_YAML).unwrap();
    let out = docbind(&dir, &["generate", "--message-format", "json"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert_snapshot("json_messages", &err);
    let lines: Vec<serde_json::Value> = err
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 2, "{err}");
    let d = &lines[0];
    assert_eq!(d["type"], "diagnostic");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "docs/bits/ne-bits-broken.md");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(4), Some(11))
    );
    assert_eq!(d["source_line"], "req.header: bits.h");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("invalid front matter")
    );
    assert!(d["help"].is_string());
    assert_eq!(lines[1]["type"], "summary");
    assert_eq!(lines[1]["errors"], 1);

    // The global option goes before or after the subcommand.
    let out = docbind(&dir, &["--message-format", "json", "check"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).lines().all(|l| l.starts_with('{')));
}

#[test]
fn a_write_that_fails_leaves_the_output_as_it_was() {
    // One file that cannot be written (a directory stands where `contoso.rs` goes) stops the
    // commit of all of them.
    let dir = scratch("write-fails");
    copy_tree(&workspace_docs(), &dir.join("docs"));
    let out = dir.join("out");
    fs::create_dir_all(out.join("contoso.rs")).unwrap();
    fs::write(out.join("unrelated.txt"), "mine").unwrap();
    let before = tree_contents(&out);
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert_eq!(code(&run), 2, "{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.contains("cannot write the generated files"), "{err}");
    assert!(err.contains("contoso.rs is a directory"), "{err}");
    assert_eq!(tree_contents(&out), before);
    let names: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".docbind-staging")),
        "{names:?}"
    );

    // Once the obstacle is gone, everything is written.
    fs::remove_dir(out.join("contoso.rs")).unwrap();
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    assert!(out.join("contoso.rs").is_file() && out.join("lib.rs").is_file());
    assert_eq!(
        fs::read_to_string(out.join("unrelated.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn timings_name_every_stage() {
    let dir = seed_project("timings");
    let out = docbind(&dir, &["generate", "--timings", "--message-format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let timings: serde_json::Value = stderr(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["type"] == "timings")
        .expect("a timings object");
    for stage in [
        "read_ms",
        "front_matter_ms",
        "markdown_ms",
        "model_ms",
        "emit_ms",
        "format_ms",
        "load_elapsed_ms",
        "render_elapsed_ms",
        "write_elapsed_ms",
    ] {
        assert!(timings[stage].as_f64().is_some(), "{stage}: {timings}");
    }
    // Something was read, emitted and formatted.
    assert!(timings["bytes"].as_u64().unwrap() > 0, "{timings}");
    assert!(timings["format_ms"].as_f64().unwrap() > 0.0, "{timings}");

    let out = docbind(&dir, &["generate", "--timings"]);
    let text = stderr(&out);
    assert!(
        text.contains("summed over threads: read ") && text.contains("elapsed: load "),
        "{text}"
    );
}

#[test]
fn generate_then_check_then_a_change_shows_a_diff_and_exits_1() {
    let dir = seed_project("generate-check");
    let out = docbind(&dir, &["generate", "--out", "out"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_snapshot("generate", &stderr(&out));
    assert!(dir.join("out/lib.rs").is_file());
    assert!(dir.join("out/bits.rs").is_file());

    let out = docbind(&dir, &["check", "--out", "out"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("out is up to date"),
        "{}",
        stderr(&out)
    );

    let page = dir.join("docs/bits/ne-bits-__midl_ibackgroundcopyjob_0003.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(
        &page,
        text.replace("downloads files to the client", "fetches files"),
    )
    .unwrap();
    let out = docbind(&dir, &["check", "--out", "out"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_snapshot("check_diff_stdout", &stdout(&out));
    assert_snapshot("check_diff_stderr", &stderr(&out));
    // check writes nothing.
    assert!(
        !fs::read_to_string(dir.join("out/bits.rs"))
            .unwrap()
            .contains("fetches files")
    );
}

#[test]
fn check_bounds_its_diff() {
    let dir = seed_project("check-long");
    // Nothing generated yet: every line of every file would be new.
    let out = docbind(&dir, &["check", "--crate", "crate"]);
    assert_eq!(code(&out), 1);
    let diff = stdout(&out);
    assert_eq!(diff.lines().count(), 201, "{diff}");
    let last = diff.lines().last().unwrap();
    assert!(
        last.starts_with("… ")
            && last.ends_with(" more lines (run `docbind generate` to see the whole change)"),
        "{last}"
    );
    assert!(
        stderr(&out).contains("run `docbind generate docs --crate crate`"),
        "{}",
        stderr(&out)
    );
}

const WIDGET_KIND: &str = "---\nUID: NE:widget.WIDGET_KIND\nreq.header: widget.h\nreq.typenames: WIDGET_KIND\n---\n\n## -description\nThe kind of a widget.\n\n## -enum-fields\n\n### -field WIDGET_KIND_ROUND\nA round widget.\n\n### -field WIDGET_KIND_SQUARE\nA square widget. Supported starting from Windows 10, version 1901.\n";

const WIDGET_SIZE: &str = "---\nUID: NE:widget.WIDGET_SIZE\nreq.header: widget.h\nreq.typenames: WIDGET_SIZE\n---\n\n## -description\nThe size of a widget.\n\n## -enum-fields\n\n### -field WIDGET_SIZE_SMALL:1\nSmall. Supported in Windows 7 and later versions.\n\n### -field WIDGET_SIZE_LARGE:2\nLarge.\n";

#[test]
fn lint_reports_notes_not_understood_and_inferred_values_and_exits_1() {
    let dir = scratch("lint");
    fs::create_dir_all(dir.join("docs/widget")).unwrap();
    fs::write(
        dir.join("docs/widget/ne-widget-widget_kind.md"),
        WIDGET_KIND,
    )
    .unwrap();
    fs::write(
        dir.join("docs/widget/ne-widget-widget_size.md"),
        WIDGET_SIZE,
    )
    .unwrap();
    let out = docbind(&dir, &["lint"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_snapshot("lint", &stderr(&out));

    let out = docbind(&dir, &["lint", "--message-format", "json"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    let summary: serde_json::Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
    assert_eq!(summary["notes"], 2, "{err}");
    assert_eq!(summary["notes_understood"], 1, "{err}");
    assert_eq!(summary["notes_not_understood"], 1, "{err}");
    assert_eq!(summary["enums_all_inferred"], 1, "{err}");
    assert_eq!(summary["warnings"], 2, "{err}");

    // Clean docs: exit 0.
    fs::remove_file(dir.join("docs/widget/ne-widget-widget_kind.md")).unwrap();
    let out = docbind(&dir, &["lint"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 version note found, 1 understood, 0 not understood; 0 enums with only inferred values; 0 diagnostics from loading"),
        "{}",
        stderr(&out)
    );
}

/// A function page: front matter and prose of a page that is not an enum page.
const WIDGET_FUNCTION: &str = "---\nUID: NF:widget.WidgetSpin\nreq.header: widget.h\nreq.target-min-winverclnt: Windows 10, version 1809\nreq.kmdf-ver: 1.15\n---\n\n## -description\nSpins a widget.\n\n## -remarks\nSupported starting from Windows 10, version 1901.\n\nSupported starting from Windows 11, version 21H9.\n\n## -see-also\n\nSupported starting from Windows 7, version 1.\n";

#[test]
fn lint_all_pages_counts_the_notes_of_every_page_and_groups_the_others_by_shape() {
    let dir = scratch("lint-all-pages");
    fs::create_dir_all(dir.join("docs/widget")).unwrap();
    fs::write(
        dir.join("docs/widget/ne-widget-widget_kind.md"),
        WIDGET_KIND,
    )
    .unwrap();
    fs::write(
        dir.join("docs/widget/nf-widget-widgetspin.md"),
        WIDGET_FUNCTION,
    )
    .unwrap();
    let out = docbind(&dir, &["lint", "--all-pages", "docs"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "     3  supported starting from windows #, version #.\n        \
         docs/widget/ne-widget-widget_kind.md:16: Supported starting from Windows 10, version 1901.\n"
    );
    assert!(
        stderr(&out).contains("2 pages read; 5 version notes found, 2 understood (40.0%), 3 not understood in 1 shapes; front matter 2 of 2, prose 0 of 3"),
        "{}",
        stderr(&out)
    );

    let out = docbind(
        &dir,
        &["lint", "--all-pages", "docs", "--message-format", "json"],
    );
    let shape: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(shape["count"], 3);
    assert_eq!(shape["example"]["line"], 16);
    let err = stderr(&out);
    let summary: serde_json::Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
    assert_eq!(summary["notes"], 5, "{err}");
    assert_eq!(summary["notes_understood"], 2, "{err}");
    assert_eq!(summary["prose_notes"], 3, "{err}");
}

#[test]
fn dump_prints_enums_and_skipped_pages_as_json() {
    let dir = seed_project("dump");
    fs::write(dir.join("docs/index.md"), "# An index page\n").unwrap();
    let out = docbind(&dir, &["dump", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let model: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let keys: Vec<_> = model.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["enums", "skipped"]);
    assert_eq!(model["enums"][0]["c_name"], "BG_JOB_TYPE");
    assert_eq!(model["enums"][0]["variants"][0]["value_source"], "inferred");
    assert_eq!(model["skipped"][0]["source"], "index.md");
    assert!(
        stderr(&out).starts_with(
            "docbind dump: 2 pages read, 1 enum, 1 page skipped, 0 errors, 0 warnings ("
        ),
        "{}",
        stderr(&out)
    );

    // With an error the model is still printed, and the exit status is 2.
    fs::write(dir.join("docs/bits/ne-bits-broken.md"), BROKEN_YAML).unwrap();
    let out = docbind(&dir, &["dump", "--json"]);
    assert_eq!(code(&out), 2);
    let model: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(model["enums"].as_array().unwrap().len(), 1);
}

#[test]
fn bad_usage_and_unreadable_input_exit_2() {
    let dir = seed_project("usage");
    let out = docbind(&dir, &["generate", "--out", "a", "--crate", "b"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("cannot be used with"),
        "{}",
        stderr(&out)
    );

    let out = docbind(&dir, &["frobnicate"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unrecognized subcommand"),
        "{}",
        stderr(&out)
    );

    let out = docbind(&dir, &["check", "--message-format", "xml"]);
    assert_eq!(code(&out), 2);

    let out = docbind(&dir, &["generate", "no-such-docs"]);
    assert_eq!(code(&out), 2);
    assert_snapshot("unreadable_docs", &stderr(&out));

    let out = docbind(&dir, &["generate", "--config", "no-such.toml"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("--> no-such.toml\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_for_every_command_has_an_example_and_exits_0() {
    let dir = scratch("help");
    for args in [
        &["--help"][..],
        &["generate", "--help"],
        &["check", "--help"],
        &["lint", "--help"],
        &["dump", "--help"],
        &["diff", "--help"],
    ] {
        let out = docbind(&dir, args);
        assert_eq!(code(&out), 0, "{args:?}");
        let help = stdout(&out);
        assert!(help.contains("Example"), "{args:?}: {help}");
        assert!(help.starts_with(|c: char| c.is_uppercase()), "{help}");
    }
}

/// The CLI guide (`src/guide/cli.md`) shows `docbind --help` and each subcommand's help as the
/// binary prints them.
#[test]
fn the_cli_guide_shows_the_current_help() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/guide/cli.md")).unwrap();
    let dir = scratch("readme-help");
    for args in [
        &["--help"][..],
        &["generate", "--help"],
        &["check", "--help"],
        &["lint", "--help"],
        &["dump", "--help"],
        &["diff", "--help"],
    ] {
        let help = stdout(&docbind(&dir, args));
        let block = format!("```text\n$ docbind {}\n{help}```\n", args.join(" "));
        assert!(
            readme.contains(&block),
            "src/guide/cli.md does not show the output of `docbind {}`; it is:\n{block}",
            args.join(" ")
        );
    }
}

#[test]
fn configuration_errors_point_at_the_line_of_docbind_toml() {
    let dir = seed_project("config-errors");
    let toml = dir.join("docs/docbind.toml");
    let base = fs::read_to_string(&toml).unwrap();

    fs::write(&toml, format!("{base}nmes = \"c\"\n")).unwrap();
    let out = docbind(&dir, &["generate"]);
    assert_eq!(code(&out), 2);
    assert_snapshot("config_unknown_key", &stderr(&out));

    fs::write(
        &toml,
        format!("{base}\n[enums.BG_JOB_TYPO]\nrename = \"JobKind\"\n\n[enums.BG_JOB_TYPE.variants.BG_JOB_TYPE_UPLOAD]\nvalue = 5\nreason = \"the header says 5\"\n[enums.BG_JOB_TYPE.variants.BG_JOB_TYPE_UPLAOD]\nrename = \"Send\"\n"),
    )
    .unwrap();
    let out = docbind(&dir, &["generate"]);
    assert_eq!(code(&out), 2);
    assert_snapshot("config_unknown_names", &stderr(&out));
    assert!(!dir.join("generated").exists());

    fs::write(
        &toml,
        format!("{base}\n[enums.BG_JOB_TYPE.variants.BG_JOB_TYPE_UPLOAD]\nvalue = 5\n"),
    )
    .unwrap();
    let out = docbind(&dir, &["generate"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("without a reason"),
        "{}",
        stderr(&out)
    );

    fs::write(
        &toml,
        format!("{base}\n[enums.BG_JOB_TYPE]\nrename = \"type\"\n"),
    )
    .unwrap();
    let out = docbind(&dir, &["generate"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("`type` is a Rust keyword"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn renames_and_value_overrides_from_docbind_toml_or_config() {
    let dir = seed_project("overrides");
    let overrides = "[enums.BG_JOB_TYPE]\nrename = \"JobKind\"\n\n\
                     [enums.BG_JOB_TYPE.variants.BG_JOB_TYPE_UPLOAD]\nrename = \"Send\"\nvalue = 5\nreason = \"the header says 5\"\n";
    fs::write(dir.join("other.toml"), overrides).unwrap();
    let out = docbind(
        &dir,
        &["generate", "--config", "other.toml", "--out", "out"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let bits = fs::read_to_string(dir.join("out/bits.rs")).unwrap();
    assert!(bits.contains("pub enum JobKind {"), "{bits}");
    assert!(bits.contains("    Send = 5,\n"), "{bits}");
    assert!(bits.contains("    UploadReply = 6,\n"), "{bits}");
    assert!(bits.contains("the header says 5"), "{bits}");

    let out = docbind(&dir, &["dump", "--json", "--config", "other.toml"]);
    let model: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(model["enums"][0]["variants"][1]["value_source"], "override");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = seed_project("quiet");
    let out = docbind(&dir, &["generate", "--out", "out"]);
    assert_eq!(code(&out), 0);
    let err = stderr(&out);
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// `../shared/winmd/Windows.Win32.winmd`, or `None` after printing why the test skips.
fn win32_winmd() -> Option<PathBuf> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/winmd/Windows.Win32.winmd");
    if file.is_file() {
        Some(file.canonicalize().unwrap())
    } else {
        eprintln!(
            "NOTICE: {} is absent: the Windows metadata part is skipped.",
            file.display()
        );
        None
    }
}

#[test]
fn winmd_values_are_marked_in_dump_and_described_in_the_docs() {
    let dir = seed_project("winmd");
    // Not a metadata file: an error naming it, and nothing is written.
    fs::write(dir.join("bad.winmd"), "not metadata").unwrap();
    let out = docbind(&dir, &["generate", "--winmd", "bad.winmd"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a Windows metadata file"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("generated").exists());

    let Some(winmd) = win32_winmd() else { return };
    let winmd = winmd.to_str().unwrap();
    let out = docbind(&dir, &["dump", "--json", "--winmd", winmd]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let model: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let e = &model["enums"][0];
    assert_eq!(e["c_name"], "BG_JOB_TYPE");
    assert_eq!(
        e["winmd_type"],
        "Windows.Win32.Networking.BackgroundIntelligentTransferService.BG_JOB_TYPE"
    );
    assert_eq!(e["winmd_file"], "Windows.Win32.winmd");
    for v in e["variants"].as_array().unwrap() {
        assert_eq!(v["value_source"], "winmd", "{v}");
    }
    let err = stderr(&out);
    assert!(
        err.contains("the Windows metadata (")
            && err.contains("defines 1 of 1 enums, 3 enumerators checked: 3 agree"),
        "{err}"
    );

    let out = docbind(&dir, &["generate", "--winmd", winmd]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let bits = fs::read_to_string(dir.join("generated/src/bits.rs")).unwrap();
    assert!(
        bits.contains("Values are taken from the Windows metadata type `Windows.Win32.Networking.BackgroundIntelligentTransferService.BG_JOB_TYPE` (`Windows.Win32.winmd`)"),
        "{bits}"
    );
    assert!(
        bits.contains("*Value from the Windows metadata.*"),
        "{bits}"
    );
    // `check` with the same flags is clean, and tells how to regenerate when not.
    let out = docbind(&dir, &["check", "--winmd", winmd]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn lint_counts_values_by_witness_and_deny_inferred_makes_inferred_values_errors() {
    let dir = scratch("deny-inferred");
    fs::create_dir_all(dir.join("docs/widget")).unwrap();
    fs::write(
        dir.join("docs/widget/ne-widget-widget_kind.md"),
        WIDGET_KIND,
    )
    .unwrap();
    fs::write(
        dir.join("docs/widget/ne-widget-widget_size.md"),
        WIDGET_SIZE,
    )
    .unwrap();
    let out = docbind(&dir, &["lint", "--message-format", "json"]);
    let err = stderr(&out);
    let summary: serde_json::Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
    let inferred = summary["inferred"].as_u64().unwrap();
    assert!(inferred > 0, "{err}");
    assert_eq!(summary["written_unverified"], 2, "{err}");
    assert_eq!(summary["verified_by_winmd"], 0, "{err}");
    assert_eq!(summary["errors"], 0, "{err}");

    let out = docbind(
        &dir,
        &["lint", "--deny-inferred", "--message-format", "json"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    let summary: serde_json::Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
    assert_eq!(summary["errors"].as_u64(), Some(inferred), "{err}");
    assert!(
        err.contains(
            "has an inferred value (0): neither the page nor a witness gives it (deny-inferred)"
        ),
        "{err}"
    );

    // The same from docbind.toml.
    fs::write(dir.join("docs/docbind.toml"), "deny-inferred = true\n").unwrap();
    let out = docbind(&dir, &["lint"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("still inferred (denied)"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("error[inferred-denied]: `WIDGET_KIND_"),
        "{}",
        stderr(&out)
    );
}
