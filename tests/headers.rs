//! C headers as a second witness for values (`--header-dir`): small headers written for these
//! tests, and the mingw-w64 headers over the real corpus when both are present.

use docbind::model::ValueSource;
use docbind::{Config, Layout};
use docbind_workspace_tests::{corpus, workspace_root};
use std::path::Path;

fn load_docs_with(headers: &Path) -> docbind::report::Loaded {
    let docs = workspace_root().join("docs");
    let mut config = Config::discover(&docs).unwrap();
    config.header_dirs = vec![headers.to_path_buf()];
    docbind::load(&docs, &config).unwrap_or_else(|e| panic!("{e}"))
}

fn find<'a>(loaded: &'a docbind::report::Loaded, c_name: &str) -> &'a docbind::model::Enum {
    loaded
        .bindings
        .enums()
        .find(|e| e.c_name == c_name)
        .unwrap()
}

#[test]
fn header_values_win_and_differences_are_reported() {
    let headers = workspace_root().join("tests/fixtures/headers/include");
    let loaded = load_docs_with(&headers);
    let report = loaded.headers.clone().expect("a header report");
    assert_eq!(
        (report.enums_found, report.header_only),
        (3, 1),
        "{report:?}"
    );
    assert_eq!(report.checked, report.agreeing + report.corrected);

    // The page writes PENDING as 0x103; the header says CONTOSO_STATUS_BASE + 5.
    let status = find(&loaded, "CONTOSO_STATUS_CODE");
    let pending = status
        .variants
        .iter()
        .find(|v| v.name == "Pending")
        .unwrap();
    assert_eq!(
        (pending.value, pending.value_source),
        (0x105, ValueSource::Header)
    );
    let partial = status
        .variants
        .iter()
        .find(|v| v.name == "Partial")
        .unwrap();
    assert_eq!(
        partial.value, 0x106,
        "an inferred value follows the header too"
    );
    let warning = loaded
        .diagnostics
        .iter()
        .find(|d| d.message.contains("CONTOSO_STATUS_CODE_PENDING"))
        .expect("a diagnostic about PENDING");
    assert!(
        warning
            .file
            .ends_with("contoso/ne-contoso-_contoso_status_code.md"),
        "{warning}"
    );
    assert!(warning.message.contains("contoso.h:"), "{warning}");
    assert!(
        warning.message.contains("259") && warning.message.contains("261"),
        "{warning}"
    );
    assert_eq!(status.header_file.as_deref(), Some("contoso.h"));

    // Inferred 3 corrected to 4; the header-only value is added, with the #if as availability.
    let colors = find(&loaded, "FABRIKAM_COLOR_SPACE");
    assert_eq!(colors.header_file.as_deref(), Some("sub/fabrikam.h"));
    let pq = colors
        .variants
        .iter()
        .find(|v| v.c_name == "FABRIKAM_COLOR_SPACE_BT2020_PQ")
        .unwrap();
    assert_eq!((pq.value, pq.value_source), (4, ValueSource::Header));
    let p3 = colors
        .variants
        .iter()
        .find(|v| v.c_name == "FABRIKAM_COLOR_SPACE_DISPLAY_P3")
        .unwrap();
    assert_eq!((p3.name.as_str(), p3.value, p3.line), ("DisplayP3", 6, 0));
    assert!(
        p3.docs.contains("Not documented on the page"),
        "{}",
        p3.docs
    );
    let note = &p3.availability[0];
    assert!(note.text.contains("NTDDI_WIN10_RS5"), "{}", note.text);
    assert_eq!(
        note.parsed.as_ref().unwrap()[0].to_string(),
        "Windows 10, version 1809 and later"
    );

    // Where page and header agree, nothing is reported.
    let mode = find(&loaded, "CONTOSO_MODE");
    assert!(
        mode.variants
            .iter()
            .all(|v| v.value_source == ValueSource::Header)
    );
    assert!(
        !loaded
            .diagnostics
            .iter()
            .any(|d| d.file.ends_with("ne-contoso-_contoso_mode.md"))
    );

    // And the result still renders to Rust that parses.
    docbind::render(
        &loaded.bindings,
        &Layout::SingleFile {
            name: "x.rs".into(),
        },
    )
    .unwrap();
}

/// Agreement between a docs-only reading and the mingw-w64 headers, measured when this floor
/// was recorded: 1987 of 2954 enumerators (67%) for ddi, 297 of 648 (46%) for sdk-api.
const AGREEMENT_FLOOR: f64 = 0.60;
const SDK_AGREEMENT_FLOOR: f64 = 0.40;

#[test]
fn corpus_values_follow_the_mingw_headers() {
    let Some(corpus) = corpus() else { return };
    let mingw = Path::new("/usr/share/mingw-w64/include");
    if !mingw.is_dir() {
        eprintln!(
            "NOTICE: {} is absent (Debian package mingw-w64-x86-64-dev): header cross-check skipped.",
            mingw.display()
        );
        return;
    }
    for (name, floor) in [("ddi", AGREEMENT_FLOOR), ("sdk-api", SDK_AGREEMENT_FLOOR)] {
        let docs = corpus.join(name);
        let mut config = Config::discover(&docs).unwrap();
        config.header_dirs = vec![mingw.to_path_buf()];
        let loaded = docbind::load(&docs, &config).unwrap_or_else(|e| panic!("{e}"));
        let r = loaded.headers.clone().unwrap();
        let agreement = r.agreeing as f64 / r.checked.max(1) as f64;
        eprintln!(
            "{name}: headers define {} of {} enums; {} enumerators checked, {} agree ({:.1}%), {} corrected by the header, {} unresolvable, {} only on pages, {} only in headers",
            r.enums_found,
            r.enums_found + r.enums_missing,
            r.checked,
            r.agreeing,
            agreement * 100.0,
            r.corrected,
            r.unresolvable,
            r.page_only,
            r.header_only
        );
        assert!(r.enums_found > 0 && r.checked > 0);
        assert!(
            agreement >= floor,
            "{name}: agreement {agreement:.3} below the floor {floor}"
        );
        // Every enumerator a header defines with a value carries the header's value.
        let from_header = loaded
            .bindings
            .enums()
            .flat_map(|e| &e.variants)
            .filter(|v| v.value_source == ValueSource::Header)
            .count();
        assert_eq!(from_header, r.checked + r.header_only, "{name}");
    }
}

/// With the header's values, a page's values may no longer fit one 64-bit type: the page is
/// left out (a warning by default, an error with `strict`), and a link to it from another page
/// becomes a web link.
#[test]
fn a_page_whose_header_values_do_not_fit_is_left_out() {
    let dir = docbind_workspace_tests::scratch_dir(env!("CARGO_TARGET_TMPDIR"), "headers-left-out");
    let docs = dir.join("docs");
    let include = dir.join("include");
    std::fs::create_dir_all(docs.join("demo")).unwrap();
    std::fs::create_dir_all(&include).unwrap();
    std::fs::write(
        docs.join("demo/ne-demo-wide.md"),
        "---\nUID: NE:demo._DEMO_WIDE\nreq.header: demo.h\nreq.typenames: DEMO_WIDE\n---\n\n\
         ## -enum-fields\n\n### -field DEMO_WIDE_NEG:-1\n\nBelow.\n\n### -field DEMO_WIDE_TOP:1\n\nAbove.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("demo/ne-demo-other.md"),
        "---\nUID: NE:demo._DEMO_OTHER\nreq.header: demo.h\nreq.typenames: DEMO_OTHER\n---\n\n\
         ## -enum-fields\n\n### -field DEMO_OTHER_A\n\nLike [DEMO_WIDE](ne-demo-wide.md).\n",
    )
    .unwrap();
    std::fs::write(
        include.join("demo.h"),
        "typedef enum _DEMO_WIDE {\n    DEMO_WIDE_NEG = -1,\n    DEMO_WIDE_TOP = 0xFFFFFFFFFFFFFFFF\n} DEMO_WIDE;\n",
    )
    .unwrap();
    let config = Config {
        header_dirs: vec![include],
        ..Config::default()
    };
    let loaded = docbind::load(&docs, &config).unwrap();
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let names: Vec<&str> = loaded.bindings.enums().map(|e| e.c_name.as_str()).collect();
    assert_eq!(names, ["DEMO_OTHER"]);
    let warning = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Some(docbind::diagnostic::Code::HeaderValues))
        .expect("a diagnostic");
    assert!(
        warning.message.ends_with("; the page is left out")
            && warning.file.ends_with("ne-demo-wide.md"),
        "{warning}"
    );
    assert!(
        loaded
            .skipped
            .iter()
            .any(|s| s.source == "demo/ne-demo-wide.md" && s.is_left_out())
    );
    let other = find(&loaded, "DEMO_OTHER");
    assert!(
        other.variants[0].docs.contains(
            "](https://learn.microsoft.com/windows-hardware/drivers/ddi/demo/ne-demo-wide)"
        ),
        "{}",
        other.variants[0].docs
    );
    let strict = Config {
        strict: true,
        ..config
    };
    let loaded = docbind::load(&docs, &strict).unwrap();
    assert!(loaded.has_errors());
}
