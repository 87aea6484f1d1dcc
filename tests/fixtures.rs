//! Malformed pages (`tests/fixtures/bad/*.md`), each with exactly what docbind says about it.
//!
//! Each page is loaded on its own (through `docbind::load_pages`, named by its file name) and
//! the `Display` of its diagnostics, followed by a line with the outcome, is compared with
//! `<page>.stderr` next to it. `DOCBIND_BLESS=1` rewrites the snapshots. Whatever a page gets,
//! it never panics, and when it makes an enum the output passes `check_generated`.

use docbind::Config;
use docbind_workspace_tests::{
    assert_golden, check_generated, render_single, support_item_names, workspace_root,
};
use std::fs;

/// The outcome line: the enums made (with their values), or none.
fn outcome(loaded: &docbind::report::Loaded) -> String {
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
    if enums.is_empty() {
        match loaded.skipped.first() {
            Some(s) => format!("= outcome: no enum ({})", s.reason),
            None => "= outcome: no enum".to_string(),
        }
    } else {
        format!("= outcome: {}", enums.join("; "))
    }
}

#[test]
fn every_bad_page_gets_its_exact_diagnostics() {
    let dir = workspace_root().join("tests/fixtures/bad");
    let support = support_item_names();
    let mut pages: Vec<_> = fs::read_dir(&dir)
        .expect("tests/fixtures/bad")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 30, "only {} fixtures", pages.len());
    let mut failures = Vec::new();
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = fs::read(page).unwrap();
        let loaded = docbind::load_pages([(name.as_str(), bytes.as_slice())], &Config::default());
        // Every diagnostic names the page and a line of it.
        for d in &loaded.diagnostics {
            assert_eq!(d.file.to_string_lossy(), name, "{d}");
            assert!(d.line > 0, "{name}: a diagnostic without a line: {d}");
        }
        if !loaded.has_errors() {
            let text = render_single(&loaded.bindings);
            if let Err(why) = check_generated(&text, &support) {
                failures.push(format!("{name}: {why}"));
            }
        }
        let mut snapshot: String = loaded
            .diagnostics
            .iter()
            .map(|d| format!("{d}\n\n"))
            .collect();
        snapshot.push_str(&outcome(&loaded));
        snapshot.push('\n');
        let expected = page.with_extension("stderr");
        let result = std::panic::catch_unwind(|| assert_golden(&expected, &snapshot));
        if result.is_err() {
            failures.push(format!(
                "{name}: the diagnostics differ from {}; got:\n{snapshot}",
                expected.display()
            ));
        }
    }
    eprintln!("{} malformed pages checked", pages.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_snapshot_has_its_page() {
    let dir = workspace_root().join("tests/fixtures/bad");
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "stderr") {
            assert!(
                path.with_extension("md").is_file(),
                "{} has no page",
                path.display()
            );
        }
    }
}
