//! Hostile and broken input (issue 9), through the public API on real directories: files that
//! cannot be read, pages too large, names and paths from pages, HTML that could run, and what
//! `write`, `check` and `generate_keep_going` promise about the output directory. Broken pages
//! are errors with `strict`; by default (issue 15) they are left out with a warning, and the
//! rest is written.
//!
//! The malformed pages themselves are `tests/fixtures/bad` (see `fixtures.rs`).

use docbind::report::{Difference, Files};
use docbind::{Builder, Config, Layout};
use docbind_workspace_tests::{check_generated, render_single, scratch_dir, support_item_names};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

const TMP: &str = env!("CARGO_TARGET_TMPDIR");

/// Every page defect an error.
fn strict() -> Config {
    Config {
        strict: true,
        ..Config::default()
    }
}

/// An enum page for `c_type` in `header`, with `fields` (`NAME` or `NAME:VALUE`) and `body`
/// under each field.
fn page(c_type: &str, header: &str, fields: &[&str], body: &str) -> String {
    let mut text = format!(
        "---\nUID: NE:{h}._{c_type}\nreq.header: {header}\nreq.typenames: {c_type}\n---\n\n# {c_type} enumeration\n\n## -description\n\nThe {c_type} values.\n\n## -enum-fields\n\n",
        h = header.trim_end_matches(".h"),
    );
    for field in fields {
        text.push_str(&format!("### -field {field}\n\n{body}\n\n"));
    }
    text
}

fn write_page(docs: &Path, rel: &str, text: &str) {
    let path = docs.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Every file under `dir`, relative, sorted (symlinks not followed).
fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
                out.push(format!("{rel}/"));
            } else {
                out.push(rel);
            }
        }
    }
    out.sort();
    out
}

/// Content (its length and a checksum) and modification time of every file under `dir`.
fn snapshot(dir: &Path) -> BTreeMap<String, (usize, u64, SystemTime)> {
    listing(dir)
        .into_iter()
        .filter(|rel| !rel.ends_with('/'))
        .map(|rel| {
            let path = dir.join(&rel);
            let bytes = fs::read(&path).unwrap();
            let sum = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            });
            let mtime = fs::metadata(&path).unwrap().modified().unwrap();
            (rel, (bytes.len(), sum, mtime))
        })
        .collect()
}

/// Sets the modification time of every file under `dir` to an hour ago, so that a rewrite
/// shows even on a file system with coarse timestamps.
fn age(dir: &Path) {
    let old = SystemTime::now() - Duration::from_secs(3600);
    for rel in listing(dir).into_iter().filter(|r| !r.ends_with('/')) {
        let file = fs::File::options().write(true).open(dir.join(rel)).unwrap();
        file.set_modified(old).unwrap();
    }
}

fn good_page() -> String {
    page(
        "DEMO_MODE",
        "demo.h",
        &["DEMO_MODE_OFF", "DEMO_MODE_ON"],
        "A mode.",
    )
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_symlink_loops_are_diagnostics_naming_the_file() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let docs = scratch_dir(TMP, "hostile-fs");
    write_page(&docs, "demo/ne-demo-mode.md", &good_page());
    // A loop back to the root, and one through two directories.
    symlink(".", docs.join("loop")).unwrap();
    fs::create_dir_all(docs.join("a")).unwrap();
    symlink("../a", docs.join("a/b")).unwrap();
    // A page that points nowhere, and one that points at itself.
    symlink("nowhere.md", docs.join("dangling.md")).unwrap();
    symlink("self.md", docs.join("self.md")).unwrap();
    // A dangling link that is no page: reported, not fatal.
    symlink("nowhere.png", docs.join("picture.png")).unwrap();
    // A directory named like a page is a directory: its pages are read.
    write_page(
        &docs,
        "folder.md/ne-other.md",
        &page("OTHER_KIND", "other.h", &["OTHER_KIND_A"], "A."),
    );
    // A page larger than docbind reads (10 MB).
    write_page(&docs, "huge.md", &"x".repeat(10 * 1024 * 1024));
    // A FIFO named like a page: reading it would block forever.
    let fifo = std::process::Command::new("mkfifo")
        .arg(docs.join("pipe.md"))
        .status()
        .is_ok_and(|s| s.success());
    // A page no one may read.
    write_page(&docs, "secret.md", &good_page());
    fs::set_permissions(docs.join("secret.md"), fs::Permissions::from_mode(0o000)).unwrap();
    let root_reads_anyway = fs::read(docs.join("secret.md")).is_ok();

    let start = Instant::now();
    let loaded = docbind::load(&docs, &strict()).expect("the docs root is readable");
    assert!(start.elapsed() < Duration::from_secs(60), "hang guard");
    let lenient = docbind::load(&docs, &Config::default()).expect("the docs root is readable");
    fs::set_permissions(docs.join("secret.md"), fs::Permissions::from_mode(0o644)).unwrap();

    let about = |name: &str| {
        loaded
            .diagnostics
            .iter()
            .filter(|d| d.file.to_string_lossy().ends_with(name))
            .collect::<Vec<_>>()
    };
    let errors_about = |name: &str| about(name).iter().filter(|d| d.is_error()).count();
    for d in &loaded.diagnostics {
        eprintln!("{d}\n");
    }
    assert_eq!(errors_about("dangling.md"), 1, "dangling link to a page");
    assert_eq!(errors_about("self.md"), 1, "link to itself");
    assert_eq!(errors_about("huge.md"), 1, "10 MB page");
    if fifo {
        assert_eq!(errors_about("pipe.md"), 1, "a FIFO named like a page");
        assert!(about("pipe.md")[0].message.contains("not a regular file"));
    } else {
        eprintln!("NOTICE: mkfifo is not available: the FIFO assertion is skipped.");
    }
    assert!(about("huge.md")[0].message.contains("more than the 2 MiB"));
    assert!(
        about("picture.png").iter().all(|d| !d.is_error()) && about("picture.png").len() == 1,
        "a dangling link that is no page is a warning"
    );
    for dir in ["loop", "a/b"] {
        let d = about(dir);
        assert!(
            d.len() == 1 && !d[0].is_error() && d[0].message.contains("symlink loop"),
            "{dir}: {d:?}"
        );
    }
    if root_reads_anyway {
        eprintln!(
            "NOTICE: running as root, chmod 000 does not stop reading: the unreadable-file assertion is skipped (the dangling and self-referencing links above are unreadable pages too)."
        );
    } else {
        assert_eq!(errors_about("secret.md"), 1, "unreadable page");
    }
    // Both readable enum pages made their enums, each once.
    let names: Vec<&str> = loaded.bindings.enums().map(|e| e.name.as_str()).collect();
    assert!(
        names.contains(&"DemoMode") && names.contains(&"OtherKind"),
        "{names:?}"
    );
    assert!(loaded.has_errors());
    // By default the same pages are left out with warnings: no error, the same enums.
    assert!(!lenient.has_errors(), "{:?}", lenient.diagnostics);
    assert_eq!(lenient.diagnostics.len(), loaded.diagnostics.len());
    for (d, strict) in lenient.diagnostics.iter().zip(&loaded.diagnostics) {
        assert_eq!(
            (&d.file, d.line, d.code),
            (&strict.file, strict.line, strict.code)
        );
        if strict.is_error() {
            assert!(d.message.contains("left out"), "{d}");
        }
    }
    assert_eq!(
        lenient.bindings.enums().count(),
        loaded.bindings.enums().count()
    );
    assert!(
        lenient
            .skipped
            .iter()
            .any(|s| s.source == "huge.md" && s.is_left_out()),
        "{:?}",
        lenient.skipped
    );

    // Strict, `generate` refuses; `generate_keep_going` renders the good pages; by default
    // `generate` renders them.
    let layout = Layout::SingleFile {
        name: "out.rs".into(),
    };
    let err = docbind::generate(&docs, &strict(), &layout).unwrap_err();
    assert!(err.error_count() >= 3, "{err}");
    assert!(err.to_string().ends_with("nothing was written"));
    let partial = docbind::generate_keep_going(&docs, &strict(), &layout).unwrap();
    assert!(partial.loaded.has_errors());
    check_generated(&partial.files.files["out.rs"], &support_item_names()).unwrap();
    let written = docbind::generate(&docs, &Config::default(), &layout).unwrap();
    assert_eq!(written.files, partial.files);
}

#[test]
fn ten_thousand_fields_and_a_large_page_end_in_time() {
    let support = support_item_names();
    let fields: Vec<String> = (0..10_000).map(|i| format!("BIG_KIND_F{i}")).collect();
    let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
    let many = page("BIG_KIND", "big.h", &refs, "Value <b>bold</b> and `code`.");
    // Half a megabyte of tag, link and emphasis soup in one field (under the 2 MiB limit).
    let mut soup = String::new();
    while soup.len() < 512 * 1024 {
        soup.push_str("<b>a <i>b</b> [c](d.md) *e **f <div><p>g &amp; h<!x <?y </b <a href=\"z ");
        soup.push_str("](( ((( Windows 10, version 1809 and later. i. j. k. ");
    }
    let large = page("SOUP_KIND", "soup.h", &["SOUP_KIND_A"], &soup);
    for (name, text, variants) in [("many", many, 10_000), ("large", large, 1)] {
        let start = Instant::now();
        let loaded = docbind::load_pages([("p.md", text.as_bytes())], &Config::default());
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let e = loaded.bindings.enums().next().unwrap();
        assert_eq!(e.variants.len(), variants);
        let out = render_single(&loaded.bindings);
        let took = start.elapsed();
        check_generated(&out, &support).unwrap();
        eprintln!(
            "{name}: {} bytes of page → {} bytes of Rust in {took:.2?}",
            text.len(),
            out.len()
        );
        assert!(
            took < Duration::from_secs(60),
            "hang guard: {name} took {took:?}"
        );
    }
}

#[test]
fn a_page_over_the_size_limit_is_an_error_before_anything_else() {
    let text = format!("{}{}", good_page(), "y".repeat(3 * 1024 * 1024));
    let loaded = docbind::load_pages([("big.md", text.as_bytes())], &strict());
    let d = &loaded.diagnostics;
    assert!(
        d.len() == 1 && d[0].is_error() && d[0].message.contains("2 MiB"),
        "{d:?}"
    );
    assert_eq!(loaded.bindings.enums().count(), 0);
    // By default: the page is left out, and with nothing else to write, the run fails.
    let loaded = docbind::load_pages([("big.md", text.as_bytes())], &Config::default());
    let d = &loaded.diagnostics;
    assert!(
        d.len() == 2
            && !d[0].is_error()
            && d[0].message.ends_with("; the page is left out")
            && d[1].is_error()
            && d[1].message.starts_with("no enum page could be bound"),
        "{d:?}"
    );
}

/// Headers that try to leave the output directory, or to be another file of the crate.
const HOSTILE_HEADERS: &[&str] = &[
    "../../etc/passwd",
    "/etc/shadow.h",
    "..\\\\..\\\\windows\\\\win.ini",
    "C:\\\\x\\\\y.h",
    "lib.h",
    "main.h",
    "mod.h",
    "..",
    ".h",
    "a/../../b.h",
    "\"quoted\\\" name.h\"",
    "\"line\\nbreak.h\"",
    "Cargo.toml",
];

#[test]
fn module_files_stay_inside_the_output_directory() {
    let docs = scratch_dir(TMP, "hostile-headers-docs");
    for (i, header) in HOSTILE_HEADERS.iter().enumerate() {
        let c_type = format!("KIND_{i}");
        let text = page(&c_type, "x.h", &[&format!("{c_type}_A")], "A.")
            .replace("req.header: x.h", &format!("req.header: {header}"));
        write_page(&docs, &format!("p{i}.md"), &text);
    }
    for (layout, name) in [
        (Layout::Src, "src"),
        (
            Layout::Crate {
                package: "hostile".into(),
            },
            "crate",
        ),
    ] {
        let root = scratch_dir(TMP, &format!("hostile-headers-{name}"));
        let out = root.join("out");
        let generated =
            docbind::generate(&docs, &Config::default(), &layout).unwrap_or_else(|e| panic!("{e}"));
        let report = docbind::write(&out, &generated.files).unwrap();
        // Nothing but `out/` under the root, and in it only plain module files.
        let all = listing(&root);
        eprintln!("{name}: {all:?}");
        let prefix = if name == "crate" { "out/src/" } else { "out/" };
        for path in &all {
            let ok = path == "out/"
                || (name == "crate" && (path == "out/src/" || path == "out/Cargo.toml"))
                || path.strip_prefix(prefix).is_some_and(|file| {
                    file.strip_suffix(".rs").is_some_and(|m| {
                        !m.is_empty()
                            && m.chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    })
                });
            assert!(ok, "{name}: unexpected path {path}");
        }
        assert_eq!(
            report.written.len(),
            all.iter().filter(|p| !p.ends_with('/')).count()
        );
        // One module file per module, plus lib.rs, which declares them all.
        let lib =
            fs::read_to_string(out.join(prefix.trim_start_matches("out/")).join("lib.rs")).unwrap();
        for module in generated.loaded.bindings.modules.keys() {
            assert!(lib.contains(&format!("pub mod {module};")), "{module}");
            assert!(module != "lib" && module != "main", "{module}");
        }
        for text in generated.files.files.values() {
            assert!(!text.contains("\nbreak"), "a header broke a line");
        }
    }
}

/// One page per construct that could run in a browser; each must leave only text. (A tag
/// docbind cannot read as one, such as `<b onclick=alert('x')>` with quotes in an unquoted
/// value, stays visible as escaped text, which is as harmless; `check_generated` covers those.)
#[test]
fn html_that_could_run_never_reaches_the_docs() {
    let support = support_item_names();
    let cases: &[(&str, &str, &str)] = &[
        ("script", "<script>alert('p1')</script>", "p1"),
        (
            "script-upper",
            "<SCRIPT type=\"text/javascript\">alert('p2')</SCRIPT>",
            "p2",
        ),
        ("script-unclosed", "<script>alert('p3')", "p3"),
        (
            "iframe",
            "<iframe src=\"https://evil.example/p4\"></iframe>",
            "p4",
        ),
        (
            "object",
            "<object data=\"p5.swf\"><param name=x value=p5></object>",
            "p5",
        ),
        ("embed", "<embed src=\"p6.swf\">", "p6"),
        ("style", "<style>body { background: url(p7) }</style>", "p7"),
        ("onclick", "<b onclick=\"alert('p8')\">bold</b>", "p8"),
        (
            "onerror",
            "<img src=x onerror=\"alert('p9')\" alt=\"alt text\">",
            "p9",
        ),
        (
            "onload-svg",
            "<svg onload=\"alert('p10')\"><circle/></svg>",
            "p10",
        ),
        (
            "javascript-href",
            "<a href=\"javascript:alert('p11')\">link</a>",
            "p11",
        ),
        (
            "javascript-spaced",
            "<a href=\" JaVaScRiPt:alert('p12')\">link</a>",
            "p12",
        ),
        (
            "javascript-entity",
            "<a href=\"&#106;avascript:alert('p13')\">link</a>",
            "p13",
        ),
        (
            "javascript-markdown",
            "[link](javascript:alert('p14'))",
            "p14",
        ),
        (
            "data-img",
            "<img src=\"data:image/svg+xml;base64,cDE1\" alt=\"pic\">",
            "cDE1",
        ),
        (
            "data-markdown",
            "![pic](data:text/html;base64,cDE2)",
            "cDE2",
        ),
        (
            "data-href",
            "<a href=\"data:text/html,p17\">link</a>",
            "p17",
        ),
        ("vbscript", "<a href=\"vbscript:p18\">link</a>", "p18"),
        // What is left after the inner script goes reads `<script>...`, as escaped text.
        (
            "nested-script",
            "<scr<script>p19</script>ipt>alert(1)</script>",
            "p19",
        ),
        (
            "form",
            "<form action=\"p20\"><input value=p20><button>go</button></form>",
            "p20",
        ),
    ];
    for (name, payload, marker) in cases {
        let body = format!("Before SAFE_TEXT_{i}. {payload} After.", i = name.len());
        // In the front matter's summary, the description, a field, the remarks and see-also.
        let text = format!(
            "---\nUID: NE:demo._DEMO\nreq.header: demo.h\nreq.typenames: DEMO\ndescription: '{fm}'\n---\n\n## -enum-fields\n\n### -field DEMO_A\n\n{body}\n\n## -remarks\n\n{body}\n\n## -see-also\n\n{body}\n",
            fm = body.replace('\'', "''"),
        );
        let loaded = docbind::load_pages([("demo/p.md", text.as_bytes())], &Config::default());
        assert!(!loaded.has_errors(), "{name}: {:?}", loaded.diagnostics);
        let out = render_single(&loaded.bindings);
        check_generated(&out, &support).unwrap_or_else(|e| panic!("{name}: {e}"));
        let docs: String = out
            .lines()
            .filter(|l| l.trim_start().starts_with("///"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            !docs.contains(marker),
            "{name}: the payload reached the docs:\n{docs}"
        );
        assert!(
            docs.contains("SAFE\\_TEXT") || docs.contains("SAFE_TEXT"),
            "{name}: text lost:\n{docs}"
        );
    }
}

#[test]
fn names_and_values_from_pages_never_become_code() {
    let support = support_item_names();
    let evil = [
        ("X } pub fn evil() {", ""),
        ("X_A", "1 }; pub fn evil() { 0"),
        ("X_B", "0 /* */ } fn evil() {"),
        ("r#fn", ""),
        ("X_C\"]", ""),
    ];
    for (field, value) in evil {
        let heading = if value.is_empty() {
            field.to_string()
        } else {
            format!("{field}:{value}")
        };
        let text = page("DEMO", "demo.h", &["DEMO_OK", &heading], "Body.");
        let loaded = docbind::load_pages([("p.md", text.as_bytes())], &Config::default());
        let out = render_single(&loaded.bindings);
        check_generated(&out, &support).unwrap_or_else(|e| panic!("{heading}: {e}"));
        assert!(!out.contains("fn evil"), "{heading}:\n{out}");
        assert!(
            !loaded.diagnostics.is_empty(),
            "{heading}: accepted without a word"
        );
    }
}

#[test]
fn a_failed_run_leaves_the_previous_output_untouched() {
    let docs = scratch_dir(TMP, "hostile-atomic-docs");
    let out = scratch_dir(TMP, "hostile-atomic-out");
    write_page(&docs, "demo/ne-demo.md", &good_page());
    write_page(
        &docs,
        "other/ne-other.md",
        &page("OTHER_KIND", "other.h", &["OTHER_KIND_A"], "A."),
    );
    let build = || {
        Builder::new(&docs)
            .out_dir(&out)
            .emit_rerun_if_changed(false)
            .strict(true)
            .generate()
    };
    build().unwrap_or_else(|e| panic!("{e}"));
    age(&out);
    let before = snapshot(&out);

    // Strict, an error on one page: nothing is written.
    write_page(
        &docs,
        "other/ne-other.md",
        &page(
            "OTHER_KIND",
            "other.h",
            &["OTHER_KIND_A:OTHER_KIND_A"],
            "A.",
        ),
    );
    let err = build().unwrap_err();
    assert!(err.to_string().contains("circular"), "{err}");
    assert_eq!(snapshot(&out), before, "a failed run changed the output");

    // Fixed again, with the same content: nothing is rewritten, mtimes stay.
    write_page(
        &docs,
        "other/ne-other.md",
        &page("OTHER_KIND", "other.h", &["OTHER_KIND_A"], "A."),
    );
    build().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(snapshot(&out), before, "an unchanged file was rewritten");

    // By default, the broken page is left out and the rest is written.
    write_page(
        &docs,
        "other/ne-other.md",
        &page(
            "OTHER_KIND",
            "other.h",
            &["OTHER_KIND_A:OTHER_KIND_A"],
            "A.",
        ),
    );
    let file = Builder::new(&docs)
        .out_dir(&out)
        .emit_rerun_if_changed(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = fs::read_to_string(file).unwrap();
    assert!(text.contains("pub enum DemoMode") && !text.contains("OtherKind"));
}

#[test]
fn a_write_that_fails_while_staging_changes_nothing() {
    let docs = scratch_dir(TMP, "hostile-stage-docs");
    let out = scratch_dir(TMP, "hostile-stage-out");
    write_page(&docs, "demo/ne-demo.md", &good_page());
    let generate = || {
        docbind::generate(&docs, &Config::default(), &Layout::Src).unwrap_or_else(|e| panic!("{e}"))
    };
    docbind::write(&out, &generate().files).unwrap();
    // A second page adds module `other` (and changes lib.rs), but `other.rs` is taken by a
    // directory: staging fails, and the output stays as it was.
    write_page(
        &docs,
        "other/ne-other.md",
        &page("OTHER_KIND", "other.h", &["OTHER_KIND_A"], "A."),
    );
    fs::create_dir_all(out.join("other.rs")).unwrap();
    age(&out);
    let before = snapshot(&out);
    // A killed run's staging directory is cleaned up by the next one.
    let leftover = out.join(".docbind-staging-4294967295");
    fs::create_dir_all(&leftover).unwrap();
    fs::write(leftover.join("lib.rs"), "half").unwrap();
    let files = generate().files;
    assert!(docbind::write(&out, &files).is_err());
    assert_eq!(snapshot(&out), before);
    let names = listing(&out);
    assert!(
        !names.iter().any(|n| n.starts_with(".docbind-staging")),
        "{names:?}"
    );
    // Once the obstacle is gone, the same files are written.
    fs::remove_dir(out.join("other.rs")).unwrap();
    let report = docbind::write(&out, &files).unwrap();
    assert_eq!(report.written.len(), 2, "{report:?}");
    assert!(docbind::check(&out, &files).is_empty());
}

#[test]
fn check_never_writes_and_write_stays_inside_its_directory() {
    let root = scratch_dir(TMP, "hostile-check");
    let files = Files {
        files: BTreeMap::from([(
            "lib.rs".to_string(),
            "// @generated by docbind\n".to_string(),
        )]),
    };
    let missing = root.join("not-there");
    let diffs = docbind::check(&missing, &files);
    assert!(matches!(diffs.as_slice(), [Difference::Missing(_)]));
    assert!(!missing.exists(), "check created the directory");

    let out = root.join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("lib.rs"), "// @generated by docbind\nold\n").unwrap();
    fs::write(out.join("stale.rs"), "// @generated by docbind\n").unwrap();
    fs::write(out.join("mine.rs"), "hand-written\n").unwrap();
    age(&out);
    let before = snapshot(&out);
    let diffs = docbind::check(&out, &files);
    assert_eq!(diffs.len(), 2, "{diffs:?}");
    assert_eq!(snapshot(&out), before, "check wrote");

    for bad in ["../escape.rs", "/tmp/absolute.rs", "a/../../b.rs", ""] {
        let hostile = Files {
            files: BTreeMap::from([(bad.to_string(), "x".to_string())]),
        };
        let err = docbind::write(&out, &hostile).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput, "{bad}");
    }
    assert_eq!(snapshot(&out), before);
    assert_eq!(
        listing(&root),
        ["out/", "out/lib.rs", "out/mine.rs", "out/stale.rs"]
    );

    let report = docbind::write(&out, &files).unwrap();
    assert_eq!(report.written, [out.join("lib.rs")]);
    assert_eq!(report.removed, [out.join("stale.rs")]);
    assert_eq!(
        fs::read_to_string(out.join("mine.rs")).unwrap(),
        "hand-written\n"
    );
}

#[test]
fn keep_going_writes_the_good_pages_without_links_to_the_bad_ones() {
    let docs = scratch_dir(TMP, "hostile-keep-going");
    let good = good_page().replace("A mode.", "See [the other kind](../other/ne-other.md).");
    write_page(&docs, "demo/ne-demo.md", &good);
    write_page(
        &docs,
        "other/ne-other.md",
        &page(
            "OTHER_KIND",
            "other.h",
            &["OTHER_KIND_A:0x1FFFFFFFFFFFFFFFFF"],
            "A.",
        ),
    );
    let layout = Layout::SingleFile {
        name: "out.rs".into(),
    };
    assert!(docbind::generate(&docs, &strict(), &layout).is_err());
    let partial = docbind::generate_keep_going(&docs, &strict(), &layout).unwrap();
    let errors: Vec<_> = partial
        .loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].file.ends_with("other/ne-other.md") && errors[0].line > 0);
    let out = &partial.files.files["out.rs"];
    check_generated(out, &support_item_names()).unwrap();
    assert!(out.contains("pub enum DemoMode") && !out.contains("OtherKind"));
    assert!(
        out.contains("(https://learn.microsoft.com/windows-hardware/drivers/ddi/other/ne-other)"),
        "the link to the failed page is a web link:\n{out}"
    );
    // By default the page is left out with a warning: the same output, without an error.
    let lenient = docbind::generate(&docs, &Config::default(), &layout).unwrap();
    assert_eq!(&lenient.files.files["out.rs"], out);
    assert!(!lenient.loaded.has_errors());
    // Without the failure, the same link is an intra-doc link.
    write_page(
        &docs,
        "other/ne-other.md",
        &page("OTHER_KIND", "other.h", &["OTHER_KIND_A"], "A."),
    );
    let whole = docbind::generate(&docs, &Config::default(), &layout).unwrap();
    assert!(whole.files.files["out.rs"].contains("(type@super::other::OtherKind)"));
    let _: PathBuf = docs;
}
