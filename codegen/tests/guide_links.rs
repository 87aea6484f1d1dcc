//! The README stays short and honest: it starts with the two commands, has fewer than 300
//! lines, and every guide page it links to exists and is compiled into the crate's docs by
//! `codegen/src/guide/mod.rs` (and every guide page there is linked from the README).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const GUIDE: &str = "codegen/src/guide/";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn readme() -> String {
    fs::read_to_string(repo().join("README.md")).expect("read README.md")
}

/// The file names of the guide pages the README links to (`](codegen/src/guide/NAME.md`, with
/// or without a `#fragment`), in order of first appearance.
fn linked_guide_pages(readme: &str) -> Vec<String> {
    let mut pages = Vec::new();
    for (at, _) in readme.match_indices(&format!("]({GUIDE}")) {
        let rest = &readme[at + 2 + GUIDE.len()..];
        let end = rest.find([')', '#', ' ']).unwrap_or(rest.len());
        let name = &rest[..end];
        assert!(
            name.ends_with(".md") && !name.contains('/'),
            "README links to `{GUIDE}{name}`, which is no guide page"
        );
        if !pages.iter().any(|p| p == name) {
            pages.push(name.to_string());
        }
    }
    pages
}

/// The Markdown files `mod.rs` includes (`include_str!("NAME.md")`).
fn included_guide_pages() -> BTreeSet<String> {
    let mod_rs = fs::read_to_string(repo().join(GUIDE).join("mod.rs")).expect("read mod.rs");
    mod_rs
        .split("include_str!(\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').expect("closing quote")].to_string())
        .collect()
}

#[test]
fn the_readme_starts_with_the_two_commands() {
    let readme = readme();
    let head: Vec<&str> = readme.lines().take(10).collect();
    for command in ["cargo run -p docbind -- generate", "cargo test --workspace"] {
        assert!(
            head.iter()
                .any(|line| line.trim_start().starts_with(command)),
            "the README's first 10 lines do not show `{command}`:\n{}",
            head.join("\n")
        );
    }
}

#[test]
fn the_readme_is_short() {
    let lines = readme().lines().count();
    assert!(
        lines < 300,
        "the README has {lines} lines; reference material belongs in {GUIDE}"
    );
}

#[test]
fn every_guide_page_the_readme_links_to_exists_and_is_in_the_docs() {
    let readme = readme();
    let linked = linked_guide_pages(&readme);
    assert!(!linked.is_empty(), "the README links to no guide page");
    let included = included_guide_pages();
    for page in &linked {
        assert!(
            repo().join(GUIDE).join(page).is_file(),
            "the README links to `{GUIDE}{page}`, which does not exist"
        );
        assert!(
            included.contains(page),
            "`{GUIDE}{page}` is not included by `{GUIDE}mod.rs`, so `cargo doc` does not show it"
        );
    }
}

#[test]
fn every_guide_page_is_in_the_docs_and_linked_from_the_readme() {
    let linked: BTreeSet<String> = linked_guide_pages(&readme()).into_iter().collect();
    let included = included_guide_pages();
    let on_disk: BTreeSet<String> = fs::read_dir(repo().join(GUIDE))
        .expect("read the guide directory")
        .map(|entry| {
            entry
                .expect("guide entry")
                .file_name()
                .into_string()
                .unwrap()
        })
        .filter(|name| name.ends_with(".md"))
        .collect();
    assert_eq!(
        on_disk, included,
        "guide pages on disk vs. included by mod.rs"
    );
    assert_eq!(
        on_disk, linked,
        "guide pages on disk vs. linked from the README"
    );
}
