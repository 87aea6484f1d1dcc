//! Malformed pages, each with exactly what docbind says about it, in both modes.
//!
//! - `tests/fixtures/bad/*.md`: hostile and broken pages, loaded on their own with `strict`
//!   (every page defect an error), as a docs maintainer sees them; `<page>.stderr` holds the
//!   `Display` of the diagnostics and a line with the outcome.
//! - `tests/fixtures/defects/*.md`: the defects of real, older docs trees (stub pages, field
//!   names with punctuation, older heading forms, front matter YAML rejects, broken pages of
//!   other kinds), each loaded in the default mode beside a good page (`<page>.stderr`: a
//!   warning for each defect, and the outcome: what is written) and alone with `strict`
//!   (`<page>.strict.stderr`).
//! - Every page of both, in the default mode beside the good page: no error; each error of the
//!   strict run is a warning at the same place (a page left out says so); the good page is
//!   written, the bad one only when the strict run made it with no error but recoveries.
//!
//! `DOCBIND_BLESS=1` rewrites the snapshots. Whatever a page gets, it never panics, and when
//! enums are made the output passes `check_generated`.

use docbind::Config;
use docbind::diagnostic::{Class, Diagnostic, Severity};
use docbind::report::Loaded;
use docbind_workspace_tests::{
    assert_golden, check_generated, render_single, support_item_names, workspace_root,
};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The page every default-mode run has beside the one under test: it is always written.
const GOOD_PAGE: (&str, &str) = (
    "good/ne-good-good_kind.md",
    "---\nUID: NE:good._GOOD_KIND\nreq.header: good.h\nreq.typenames: GOOD_KIND\n---\n\n\
     ## -enum-fields\n\n### -field GOOD_KIND_A\n\nA good value.\n",
);

fn strict() -> Config {
    Config {
        strict: true,
        ..Config::default()
    }
}

/// The outcome line: the enums made (with their values), or none.
fn outcome(loaded: &Loaded) -> String {
    let enums: Vec<String> = loaded
        .bindings
        .enums()
        .map(|e| {
            let variants: Vec<String> = e
                .variants
                .iter()
                .take(6)
                .map(|v| format!("{} = {}", v.name, v.value))
                .collect();
            let more = e.variants.len().saturating_sub(6);
            let more = if more > 0 {
                format!(", … {more} more")
            } else {
                String::new()
            };
            format!(
                "{}::{} {{ {}{more} }}",
                e.module,
                e.name,
                variants.join(", ")
            )
        })
        .collect();
    let skipped: Vec<String> = loaded
        .skipped
        .iter()
        .map(|s| match s.code {
            Some(code) => format!("{} left out [{code}]", s.source),
            None => format!("{} skipped ({})", s.source, s.reason),
        })
        .collect();
    let mut line = if enums.is_empty() {
        match loaded.skipped.first() {
            Some(s) => format!("= outcome: no enum ({})", s.reason),
            None => "= outcome: no enum".to_string(),
        }
    } else {
        format!("= outcome: {}", enums.join("; "))
    };
    if !enums.is_empty() && !skipped.is_empty() {
        line.push_str(&format!("\n= not written: {}", skipped.join("; ")));
    }
    line
}

fn pages(dir: &str) -> Vec<PathBuf> {
    let dir = workspace_root().join("tests/fixtures").join(dir);
    let mut pages: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    pages
}

fn name_of(page: &Path) -> String {
    page.file_name().unwrap().to_string_lossy().into_owned()
}

/// Loads `pages` (relative path, bytes); checks that every diagnostic names a page and a line
/// of it and that the output, when there is one, passes the checks.
fn load(pages: &[(&str, &[u8])], config: &Config, failures: &mut Vec<String>) -> Loaded {
    let loaded = docbind::load_pages(pages.iter().copied(), config);
    let names: BTreeSet<&str> = pages.iter().map(|(name, _)| *name).collect();
    for d in &loaded.diagnostics {
        let file = d.file.to_string_lossy();
        assert!(names.contains(file.as_ref()), "{d}");
        assert!(d.line > 0, "{file}: a diagnostic without a line: {d}");
        assert!(d.code.is_some(), "{file}: a diagnostic without a kind: {d}");
    }
    if !loaded.has_errors() && loaded.bindings.enums().next().is_some() {
        let text = render_single(&loaded.bindings);
        if let Err(why) = check_generated(&text, &support_item_names()) {
            failures.push(format!("{}: {why}", pages[0].0));
        }
    }
    loaded
}

/// The diagnostics as shown, then the outcome line.
fn snapshot(loaded: &Loaded) -> String {
    let mut snapshot: String = loaded
        .diagnostics
        .iter()
        .map(|d| format!("{d}\n\n"))
        .collect();
    snapshot.push_str(&outcome(loaded));
    snapshot.push('\n');
    snapshot
}

fn compare(expected: &Path, snapshot: &str, failures: &mut Vec<String>) {
    let result = std::panic::catch_unwind(|| assert_golden(expected, snapshot));
    if result.is_err() {
        failures.push(format!(
            "the diagnostics differ from {}; got:\n{snapshot}",
            expected.display()
        ));
    }
}

#[test]
fn every_bad_page_gets_its_exact_diagnostics_when_strict() {
    let pages = pages("bad");
    assert!(pages.len() >= 30, "only {} fixtures", pages.len());
    let mut failures = Vec::new();
    for page in &pages {
        let name = name_of(page);
        let bytes = fs::read(page).unwrap();
        let loaded = load(&[(&name, &bytes)], &strict(), &mut failures);
        compare(
            &page.with_extension("stderr"),
            &snapshot(&loaded),
            &mut failures,
        );
    }
    eprintln!("{} malformed pages checked", pages.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_defect_of_older_trees_is_left_out_or_recovered_by_default_and_an_error_when_strict() {
    let pages = pages("defects");
    assert!(pages.len() >= 10, "only {} fixtures", pages.len());
    let mut failures = Vec::new();
    for page in &pages {
        let name = format!("demo/{}", name_of(page));
        let bytes = fs::read(page).unwrap();
        let default = load(
            &[(&name, &bytes), (GOOD_PAGE.0, GOOD_PAGE.1.as_bytes())],
            &Config::default(),
            &mut failures,
        );
        compare(
            &page.with_extension("stderr"),
            &snapshot(&default),
            &mut failures,
        );
        let strict = load(&[(&name, &bytes)], &strict(), &mut failures);
        compare(
            &page.with_extension("strict.stderr"),
            &snapshot(&strict),
            &mut failures,
        );
    }
    eprintln!("{} defects checked", pages.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// What a diagnostic of the strict run becomes by default: a page defect that leaves the page
/// out is a warning that says so; one that was recovered is the warning it was; the rest (and
/// the notes) are as they are.
fn by_default(d: &Diagnostic) -> Diagnostic {
    let mut d = d.clone();
    match d.class() {
        Class::LeftOut | Class::Recovered => {
            d.severity = Severity::Warning;
            if d.class() == Class::LeftOut && !d.message.contains("left out") {
                d.message.push_str("; the page is left out");
            }
        }
        _ => {}
    }
    d
}

#[test]
fn by_default_a_defect_costs_its_page_and_the_rest_is_written() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for page in pages("bad").into_iter().chain(pages("defects")) {
        let name = format!("bad/{}", name_of(&page));
        let bytes = fs::read(&page).unwrap();
        let strict = load(&[(&name, &bytes)], &strict(), &mut failures);
        let default = load(
            &[(&name, &bytes), (GOOD_PAGE.0, GOOD_PAGE.1.as_bytes())],
            &Config::default(),
            &mut failures,
        );
        checked += 1;
        // Nothing stops the run, and the good page is written.
        assert!(!default.has_errors(), "{name}: {:?}", default.diagnostics);
        assert!(
            default.bindings.enums().any(|e| e.c_name == "GOOD_KIND"),
            "{name}: the good page was not written"
        );
        // The same diagnostics, each as the default mode makes it.
        let expected: Vec<Diagnostic> = strict.diagnostics.iter().map(by_default).collect();
        let about_the_page: Vec<Diagnostic> = default
            .diagnostics
            .iter()
            .filter(|d| d.file.to_string_lossy() == name)
            .cloned()
            .collect();
        assert_eq!(about_the_page, expected, "{name}");
        // The page is written exactly when the strict run had no page left out: with its
        // recoveries, the same enum.
        let strict_enums: Vec<_> = strict.bindings.enums().cloned().collect();
        let page_enums: Vec<_> = default
            .bindings
            .enums()
            .filter(|e| e.c_name != "GOOD_KIND")
            .cloned()
            .collect();
        let left_out = strict
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.class() == Class::LeftOut);
        if left_out {
            assert!(page_enums.is_empty(), "{name}: written though left out");
            assert!(
                default
                    .skipped
                    .iter()
                    .any(|s| s.source == name && s.is_left_out()),
                "{name}: not counted as left out"
            );
        } else {
            let names = |enums: &[docbind::model::Enum]| {
                enums
                    .iter()
                    .map(|e| {
                        let values: Vec<_> =
                            e.variants.iter().map(|v| (&v.name, v.value)).collect();
                        format!("{}::{} {values:?}", e.module, e.name)
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(names(&page_enums), names(&strict_enums), "{name}");
        }
    }
    eprintln!("{checked} pages checked in both modes");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_snapshot_has_its_page() {
    for dir in ["bad", "defects"] {
        let dir = workspace_root().join("tests/fixtures").join(dir);
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if let Some(stem) = name
                .strip_suffix(".strict.stderr")
                .or_else(|| name.strip_suffix(".stderr"))
            {
                assert!(
                    dir.join(format!("{stem}.md")).is_file(),
                    "{} has no page",
                    path.display()
                );
            }
        }
    }
}
