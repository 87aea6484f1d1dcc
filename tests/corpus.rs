//! The real documentation corpus (`../shared/corpus`): every page becomes an enum or a
//! diagnostic, and the generated crate builds, documents and runs its doctests warning-free,
//! in the default style; in each other enum style it builds warning-free too (and `ddi` in the
//! `consts` style documents warning-free). It also counts the version notes (issue 5): how
//! many were found on types and values and how many were understood, against a recorded floor.
//!
//! The default mode is what these runs use: a page that cannot be bound is left out with a
//! warning (issue 15). `sdk-api-more` has the forms older SDK pages use; over it the default
//! mode must write the type of at least 99% of the enum pages that list fields. The whole driver
//! tree (`ddi-all-pages.tar.gz`, extracted under `target/bench/`, as the benchmark does) writes
//! every enum in both modes, and with the defects of older trees put into some of its pages,
//! each defect costs its page and nothing else.
//!
//! Without `../shared` (as on a user's machine) these tests print a notice and pass.

use docbind::model::EnumStyle;
use docbind::report::Loaded;
use docbind::{Config, Layout};
use docbind_workspace_tests::{corpus, workspace_root};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Enums the corpora yielded when these floors were recorded; fewer is a regression.
const DDI_ENUM_FLOOR: usize = 2134;
const SDK_ENUM_FLOOR: usize = 60;
const SDK_MORE_ENUM_FLOOR: usize = 212;
/// Doc-comment lines of `sdk-api-more` where page markup is left, when recorded: a tag after a
/// backslash (`HKLM\<b>SOFTWARE`, 3 lines), which rustdoc shows as text, and a `<pre>` in an
/// indented code block (1). Inert, but not clean: more is a regression.
const SDK_MORE_MARKUP_LEFT: usize = 4;

/// The version notes a corpus yields (on types and values, as `docbind lint` counts them) that
/// are understood: at least `understood` of them, and at least `ratio` of those found. Recorded
/// from a run; fewer is a regression. `docbind lint DOCS` lists the ones not understood.
struct NoteFloor {
    understood: usize,
    ratio: f64,
}

/// ddi: 2,063 of 2,075 understood (99.4%) when recorded (2,059 before issue 16).
const DDI_NOTES: NoteFloor = NoteFloor {
    understood: 2063,
    ratio: 0.98,
};
/// sdk-api: 130 of 132 (98.5%) when recorded (110 before issue 16, which reads the Platform
/// Update front matter and the ISO virtual disk sentences). The two left are a history remark
/// and a behaviour after a list of versions (`guide/availability.md` lists them).
const SDK_NOTES: NoteFloor = NoteFloor {
    understood: 130,
    ratio: 0.98,
};
/// sdk-api-more: 325 of 390 (83.3%) when recorded.
const SDK_MORE_NOTES: NoteFloor = NoteFloor {
    understood: 325,
    ratio: 0.80,
};

/// The styles besides the default that each corpus is built in, and whether its docs are built.
/// Docs: `consts` has links of its own (to constants, to the module of a type, past constants
/// that share a type's name), and `ddi` has the names that collide; the docs of the other
/// styles differ from the default only in where the same text goes, and the goldens check them.
const DDI_STYLES: &[(EnumStyle, bool)] = &[
    (EnumStyle::Newtype, false),
    (EnumStyle::Consts, true),
    (EnumStyle::Flags, false),
];
const SDK_STYLES: &[(EnumStyle, bool)] = &[
    (EnumStyle::Newtype, false),
    (EnumStyle::Consts, false),
    (EnumStyle::Flags, false),
];

/// Generates corpus `name` in the default mode, checks it and builds it (and in `styles`);
/// the model, or `None` without the corpus.
fn generate_corpus(
    name: &str,
    floor: usize,
    notes_floor: &NoteFloor,
    styles: &[(EnumStyle, bool)],
    markup_left: usize,
) -> Option<Loaded> {
    let corpus = corpus()?;
    let docs = corpus.join(name);
    let root = workspace_root();
    let crate_dir = root.join("target/corpus").join(name);
    let config = Config::discover(&docs).unwrap();
    let layout = Layout::Crate {
        package: format!("corpus-{name}"),
    };
    let generated = docbind::generate(&docs, &config, &layout).unwrap_or_else(|e| panic!("{e}"));
    docbind::write(&crate_dir, &generated.files).unwrap();

    let loaded = &generated.loaded;
    let enums = loaded.bindings.enums().count();
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &loaded.skipped {
        *reasons.entry(s.reason.as_str()).or_default() += 1;
    }
    eprintln!(
        "{name}: {} pages → {enums} enums → {} skipped",
        loaded.pages,
        loaded.skipped.len()
    );
    for (reason, n) in &reasons {
        eprintln!("  skipped {n:>5}: {reason}");
    }
    let warnings = loaded.diagnostics.iter().filter(|d| !d.is_error()).count();
    eprintln!("  {warnings} warnings");

    // Every page is accounted for: an enum or a skip with its reason.
    assert_eq!(
        enums + loaded.skipped.len(),
        loaded.pages,
        "pages lost without a reason"
    );
    // Every skip of an enum page carries a diagnostic naming the file.
    for s in loaded
        .skipped
        .iter()
        .filter(|s| !s.reason.starts_with("not an enum page"))
    {
        assert!(
            loaded
                .diagnostics
                .iter()
                .any(|d| d.file.ends_with(&s.source)),
            "{} skipped without a diagnostic",
            s.source
        );
    }
    assert!(
        enums >= floor,
        "{name}: {enums} enums, below the floor of {floor}"
    );
    check_version_notes(name, loaded, notes_floor);

    assert_clean_doc_comments(&crate_dir.join("src"), markup_left);

    // Each header is a feature (none on by default): build, document and doctest them all.
    let target = root.join("target/corpus/target");
    let all = "--all-features";
    cargo(&crate_dir, &target, &["build", "--quiet", all], "RUSTFLAGS");
    cargo(
        &crate_dir,
        &target,
        &["doc", "--quiet", "--no-deps", all],
        "RUSTDOCFLAGS",
    );
    cargo(
        &crate_dir,
        &target,
        &["test", "--quiet", "--doc", all],
        "RUSTDOCFLAGS",
    );
    // Every module was compiled and documented (a feature left off would leave it out).
    let doc_root = target
        .join("doc")
        .join(format!("corpus_{}", name.replace('-', "_")));
    for module in loaded.bindings.modules.keys() {
        let page = doc_root.join(module).join("index.html");
        assert!(
            page.is_file(),
            "{} is missing: module `{module}` was not built",
            page.display()
        );
    }

    for &(style, doc) in styles {
        build_style(name, loaded, &config, style, doc, &target);
    }
    Some(generated.loaded)
}

/// Counts the version notes of every enum and variant, prints found / understood, and fails
/// below `floor` (in number or in ratio).
fn check_version_notes(name: &str, loaded: &Loaded, floor: &NoteFloor) {
    let notes = loaded.bindings.enums().flat_map(|e| {
        e.availability
            .iter()
            .chain(e.variants.iter().flat_map(|v| v.availability.iter()))
    });
    let (found, understood) = notes.fold((0, 0), |(found, understood), note| {
        (found + 1, understood + usize::from(note.parsed.is_some()))
    });
    let ratio = if found == 0 {
        1.0
    } else {
        understood as f64 / found as f64
    };
    eprintln!(
        "  version notes: {found} found, {understood} understood ({:.1}%), {} not understood",
        ratio * 100.0,
        found - understood
    );
    assert!(
        understood >= floor.understood,
        "{name}: {understood} version notes understood, below the floor of {}",
        floor.understood
    );
    assert!(
        ratio >= floor.ratio,
        "{name}: {:.1}% of the version notes understood, below the floor of {:.1}%",
        ratio * 100.0,
        floor.ratio * 100.0
    );
}

/// The crate of corpus `name` with the global style `style`, every header feature on: built,
/// and documented if `doc`. The model is the one loaded for the default style, with each enum's
/// style resolved again by [`Config::style_for`], as loading with this configuration would.
fn build_style(
    name: &str,
    loaded: &Loaded,
    config: &Config,
    style: EnumStyle,
    doc: bool,
    target: &Path,
) {
    let mut config = config.clone();
    config.enum_style = style;
    let mut bindings = loaded.bindings.clone();
    for e in bindings
        .modules
        .values_mut()
        .flat_map(|m| m.enums.iter_mut())
    {
        e.style = config.style_for(e);
    }
    let layout = Layout::Crate {
        package: format!("corpus-{name}-{style}"),
    };
    let start = std::time::Instant::now();
    let files = docbind::render(&bindings, &layout).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "  render {name}-{style}: {:.1}s",
        start.elapsed().as_secs_f64()
    );
    let crate_dir = workspace_root()
        .join("target/corpus")
        .join(format!("{name}-{style}"));
    docbind::write(&crate_dir, &files).unwrap();
    let all = "--all-features";
    cargo(&crate_dir, target, &["build", "--quiet", all], "RUSTFLAGS");
    if doc {
        cargo(
            &crate_dir,
            target,
            &["doc", "--quiet", "--no-deps", all],
            "RUSTDOCFLAGS",
        );
    }
}

/// No page markup survives into the doc comments: raw `<b>`, `<a href`, `<div`, root-relative
/// link targets, or backslashes in link targets.
fn assert_clean_doc_comments(src: &Path, allowed: usize) {
    let mut leftovers = Vec::new();
    let mut doc_lines = 0;
    for entry in std::fs::read_dir(src).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (n, line) in text.lines().enumerate() {
            let Some(doc) = line.trim_start().strip_prefix("///") else {
                continue;
            };
            doc_lines += 1;
            let bad = ["<b>", "<a href", "<div", "](/"]
                .iter()
                .any(|m| doc.contains(m))
                || doc.match_indices("](").any(|(i, _)| {
                    doc[i + 2..]
                        .split(')')
                        .next()
                        .is_some_and(|target| target.contains('\\'))
                });
            if bad {
                leftovers.push(format!("{}:{}: {doc}", entry.path().display(), n + 1));
            }
        }
    }
    eprintln!(
        "  {doc_lines} doc-comment lines scanned, {} with page markup left",
        leftovers.len()
    );
    assert!(
        leftovers.len() <= allowed,
        "page markup left in doc comments:\n{}",
        leftovers[..leftovers.len().min(20)].join("\n")
    );
}

/// Runs cargo in `dir` with warnings denied through the flags variable `flags`.
fn cargo(dir: &Path, target: &Path, args: &[&str], flags: &str) {
    let start = std::time::Instant::now();
    let status = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env_remove("RUSTDOCFLAGS")
        .env(flags, "-D warnings")
        .status()
        .expect("run cargo");
    assert!(
        status.success(),
        "`cargo {}` failed in {}",
        args.join(" "),
        dir.display()
    );
    eprintln!(
        "  cargo {} in {}: {:.1}s",
        args[0],
        dir.file_name().unwrap_or_default().to_string_lossy(),
        start.elapsed().as_secs_f64()
    );
}

#[test]
fn driver_docs_corpus_builds_documents_and_tests_clean_in_every_style() {
    generate_corpus("ddi", DDI_ENUM_FLOOR, &DDI_NOTES, DDI_STYLES, 0);
}

#[test]
fn sdk_corpus_builds_documents_and_tests_clean_in_every_style() {
    generate_corpus("sdk-api", SDK_ENUM_FLOOR, &SDK_NOTES, SDK_STYLES, 0);
}

/// Whether `text` (a page) lists fields: a `-field` heading, or a value in the older form
/// `#### - NAME`, after its `## -enum-fields` heading. Read without docbind.
fn lists_fields(text: &str) -> bool {
    text.lines()
        .skip_while(|l| l.trim_end() != "## -enum-fields")
        .any(|l| {
            let l = l.trim_start_matches('#');
            l.len() < 80 && (l.starts_with(" -field ") || l.starts_with(" - "))
        })
}

/// The `UID:` of a page's front matter, read without docbind.
fn uid(text: &str) -> Option<&str> {
    text.lines()
        .take_while(|l| !l.starts_with("## "))
        .find_map(|l| l.strip_prefix("UID:"))
        .map(str::trim)
}

/// The `.md` files under `dir`, relative (forward slashes), with their bytes, sorted.
fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn sdk_more_corpus_writes_the_types_of_its_enum_pages_and_builds() {
    let Some(loaded) = generate_corpus(
        "sdk-api-more",
        SDK_MORE_ENUM_FLOOR,
        &SDK_MORE_NOTES,
        &[],
        SDK_MORE_MARKUP_LEFT,
    ) else {
        return;
    };
    let docs = corpus().unwrap().join("sdk-api-more");
    let pages = read_tree(&docs);
    // An enum page that lists fields is written when its type is: by its own enum, or, for a
    // second page of the same type, by the first page's.
    let own: BTreeMap<&str, ()> = loaded
        .bindings
        .enums()
        .map(|e| (e.source.as_str(), ()))
        .collect();
    let duplicate_of = |rel: &str| {
        loaded
            .skipped
            .iter()
            .find(|s| s.source == rel)
            .and_then(|s| s.reason.strip_prefix("duplicate of "))
            .map(str::to_string)
    };
    let (mut listing, mut by_own, mut by_type, mut other) = (0, 0, 0, Vec::new());
    let mut missing = Vec::new();
    for (rel, bytes) in &pages {
        let text = String::from_utf8_lossy(bytes);
        if !lists_fields(&text) {
            continue;
        }
        if !uid(&text).is_some_and(|u| u.trim_matches(['"', '\'']).starts_with("NE:")) {
            other.push(rel.as_str());
            continue;
        }
        listing += 1;
        if own.contains_key(rel.as_str()) {
            by_own += 1;
            by_type += 1;
        } else if duplicate_of(rel).is_some_and(|first| own.contains_key(first.as_str())) {
            by_type += 1;
        } else {
            missing.push(rel.as_str());
        }
    }
    let ratio = by_type as f64 / listing.max(1) as f64;
    eprintln!(
        "  sdk-api-more: {listing} enum pages list fields; the type of {by_type} ({:.1}%) is written, {by_own} by their own page; not written: {missing:?}",
        ratio * 100.0
    );
    eprintln!(
        "  {} pages list fields under a UID that is no `NE:` (left out, with a warning): {other:?}",
        other.len()
    );
    for rel in &other {
        assert!(
            loaded
                .diagnostics
                .iter()
                .any(|d| d.file.ends_with(rel) && !d.is_error()),
            "{rel}: left out without a warning"
        );
    }
    assert!(!loaded.has_errors());
    assert!(
        ratio >= 0.99,
        "only {by_type} of {listing} enum pages that list fields have their type written: {missing:?}"
    );
}

/// The whole driver tree (21,795 pages), extracted once under `target/bench/ddi-all` (the
/// benchmark's copy), read into memory; `None` without the corpus.
fn whole_driver_tree() -> Option<Vec<(String, Vec<u8>)>> {
    let tarball = corpus()?.join("ddi-all-pages.tar.gz");
    let tree = workspace_root().join("target/bench/ddi-all");
    let marker = tree.join(".extracted");
    if !marker.is_file() {
        let _ = std::fs::remove_dir_all(&tree);
        std::fs::create_dir_all(&tree).unwrap();
        let status = Command::new("tar")
            .arg("-xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(&tree)
            .status()
            .expect("run tar");
        assert!(status.success(), "tar failed");
        std::fs::write(marker, "").unwrap();
    }
    Some(read_tree(&tree))
}

/// The defects of older driver-docs trees, put into pages of a tree: every `step`-th enum page
/// and function page gets one, in turn. Returns the pages that can no longer be bound.
fn put_defects(pages: &mut [(String, Vec<u8>)], step: usize) -> (Vec<String>, usize) {
    let mut lost = Vec::new();
    let mut defects = 0;
    let enum_pages: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].0.contains("/ne-"))
        .step_by(step)
        .collect();
    for (n, &i) in enum_pages.iter().enumerate() {
        let text = String::from_utf8_lossy(&pages[i].1).into_owned();
        let changed = match n % 4 {
            // A stub: the fields are gone.
            0 => text.find("## -enum-fields").map(|at| {
                format!(
                    "{}## -enum-fields\n\n## -remarks\n\nTo be documented.\n",
                    &text[..at]
                )
            }),
            // A comma after the first field name.
            1 => text.find("### -field ").and_then(|at| {
                let end = at + text[at..].find(['\r', '\n'])?;
                let heading = &text[at..end];
                (!heading.contains(':')).then(|| format!("{},{}", &text[..end], &text[end..]))
            }),
            // The pointer type first in `req.typenames`: YAML reads an alias.
            2 => text.find("\nreq.typenames: ").and_then(|at| {
                let start = at + "\nreq.typenames: ".len();
                let end = start + text[start..].find(['\r', '\n'])?;
                let name = text[start..end].split(',').next()?.trim().to_string();
                (!name.is_empty() && !name.contains(['*', '"', '\''])).then(|| {
                    format!(
                        "{}*P{name}, {}{}",
                        &text[..start],
                        &text[start..end],
                        &text[end..]
                    )
                })
            }),
            // A second colon in a version requirement.
            _ => text.find("\nreq.target-min-winverclnt: ").map(|at| {
                let start = at + "\nreq.target-min-winverclnt: ".len();
                format!("{}Versions: {}", &text[..start], &text[start..])
            }),
        };
        if let Some(changed) = changed {
            defects += 1;
            if n % 4 == 0 {
                lost.push(pages[i].0.clone());
            }
            pages[i].1 = changed.into_bytes();
        }
    }
    // Function pages whose first line is broken (`9---`).
    let function_pages: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].0.contains("/nf-"))
        .step_by(step)
        .collect();
    for i in function_pages {
        if pages[i].1.starts_with(b"---") {
            pages[i].1.insert(0, b'9');
            defects += 1;
        }
    }
    (lost, defects)
}

#[test]
fn whole_driver_tree_by_default_a_defect_costs_its_page_and_nothing_else() {
    let Some(mut pages) = whole_driver_tree() else {
        return;
    };
    let load = |pages: &[(String, Vec<u8>)], strict: bool| {
        let config = Config {
            strict,
            ..Config::default()
        };
        docbind::load_pages(
            pages.iter().map(|(r, b)| (r.as_str(), b.as_slice())),
            &config,
        )
    };
    let sources = |loaded: &Loaded| -> Vec<String> {
        let mut s: Vec<String> = loaded.bindings.enums().map(|e| e.source.clone()).collect();
        s.sort();
        s
    };
    // As published: every enum written, in both modes, with no error.
    let start = std::time::Instant::now();
    let clean = load(&pages, false);
    let written = sources(&clean);
    eprintln!(
        "whole tree: {} pages → {} enums by default ({:.1}s)",
        clean.pages,
        written.len(),
        start.elapsed().as_secs_f64()
    );
    assert!(!clean.has_errors());
    assert!(written.len() >= DDI_ENUM_FLOOR, "{} enums", written.len());
    let strict = load(&pages, true);
    assert!(!strict.has_errors());
    assert_eq!(sources(&strict), written);

    // As an older tree: stubs, field names with commas, typenames YAML rejects, version
    // requirements with a second colon, function pages with a broken first line.
    let (lost, defects) = put_defects(&mut pages, 40);
    let older = load(&pages, false);
    let older_written = sources(&older);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for d in &older.diagnostics {
        *kinds
            .entry(d.code.map_or("other".to_string(), |c| c.to_string()))
            .or_default() += 1;
    }
    eprintln!(
        "older tree: {defects} defects put in; by default {} enums written, {} left out ({} stubs); diagnostics by kind: {kinds:?}",
        older_written.len(),
        older.left_out(),
        lost.len()
    );
    assert!(
        !older.has_errors(),
        "{:?}",
        older.diagnostics.iter().find(|d| d.is_error())
    );
    let expected: Vec<String> = written
        .iter()
        .filter(|s| !lost.contains(s))
        .cloned()
        .collect();
    assert_eq!(older_written, expected, "a defect cost more than its page");
    let older_strict = load(&pages, true);
    let errors = older_strict
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .count();
    eprintln!("older tree, strict: {errors} errors (nothing would be written)");
    assert!(errors >= lost.len() && older_strict.has_errors());
}
