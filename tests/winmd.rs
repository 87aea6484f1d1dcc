//! The Windows metadata as a witness (`--winmd`, issue 19) over the real corpus
//! (`../shared/corpus`) with both metadata files (`../shared/winmd`).
//!
//! The metadata is read a second time here, independently, with the `windows-metadata` crate
//! itself: every enumerator of a corpus page that the metadata type of its enum defines must
//! carry the metadata's value (100%). Per corpus it prints the enumerators the metadata verified
//! (the page's value was already right), corrected and added, and the values still inferred
//! with and without the metadata; fewer than the recorded floors is a regression. The
//! `sdk-api` corpora are also built and documented with warnings denied, with the metadata's
//! values (unsigned reprs, added variants).
//!
//! Without `../shared` (as on a user's machine) these tests print a notice and pass.

use docbind::model::ValueSource;
use docbind::report::Loaded;
use docbind::{Config, Layout};
use docbind_workspace_tests::{corpus, workspace_root};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use windows_metadata::Value;
use windows_metadata::reader::{File, TypeCategory, TypeIndex};

/// What a corpus yielded with the metadata when recorded; less is a regression.
struct Floor {
    /// Enums the metadata defines.
    enums: usize,
    /// Enumerators of the pages the metadata defines (verified + corrected).
    checked: usize,
    /// Of those, the page's value was already the metadata's, exactly (the report also counts
    /// as agreeing a page's `-1` for a `uint` type's `0xFFFFFFFF`: 7 in ddi, 1 in each sdk-api).
    verified: usize,
    /// Enumerators only the metadata has, added.
    added: usize,
}

/// Recorded with Windows.Win32.winmd and Windows.Wdk.winmd (windows-bindgen 0.66.0's).
const DDI: Floor = Floor {
    enums: 623,
    checked: 4652,
    verified: 3157,
    added: 100,
};
const SDK: Floor = Floor {
    enums: 59,
    checked: 761,
    verified: 351,
    added: 66,
};
const SDK_MORE: Floor = Floor {
    enums: 211,
    checked: 1430,
    verified: 1084,
    added: 32,
};

/// `../shared/winmd/*.winmd`, or `None` after printing why the tests skip.
fn winmd_files() -> Option<Vec<PathBuf>> {
    let dir = workspace_root().join("../shared/winmd");
    let files: Vec<PathBuf> = ["Windows.Win32.winmd", "Windows.Wdk.winmd"]
        .iter()
        .map(|f| dir.join(f))
        .collect();
    if files.iter().all(|f| f.is_file()) {
        Some(files)
    } else {
        eprintln!(
            "NOTICE: {} is absent: the tests with the Windows metadata are skipped.",
            dir.display()
        );
        None
    }
}

/// The metadata's enums read independently of docbind: full type name → (C name → value).
fn metadata_enums(files: &[PathBuf]) -> HashMap<String, HashMap<String, i128>> {
    let mut out = HashMap::new();
    for path in files {
        let index = TypeIndex::new(vec![File::read(path).expect("a metadata file")]);
        for t in index.types() {
            if t.category() != TypeCategory::Enum {
                continue;
            }
            let values = t
                .fields()
                .filter_map(|f| {
                    let value = match f.constant()?.value() {
                        Value::I8(v) => v.into(),
                        Value::U8(v) => v.into(),
                        Value::I16(v) => v.into(),
                        Value::U16(v) => v.into(),
                        Value::I32(v) => v.into(),
                        Value::U32(v) => v.into(),
                        Value::I64(v) => v.into(),
                        Value::U64(v) => v.into(),
                        _ => return None,
                    };
                    Some((f.name().to_string(), value))
                })
                .collect();
            out.entry(format!("{}.{}", t.namespace(), t.name()))
                .or_insert(values);
        }
    }
    out
}

fn load(docs: &Path, winmd: &[PathBuf]) -> Loaded {
    let mut config = Config::discover(docs).unwrap();
    config.winmd = winmd.to_vec();
    docbind::load(docs, &config).unwrap_or_else(|e| panic!("{e}"))
}

fn inferred(loaded: &Loaded) -> usize {
    loaded
        .bindings
        .enums()
        .flat_map(|e| &e.variants)
        .filter(|v| v.value_source == ValueSource::Inferred)
        .count()
}

/// Loads corpus `name` without and with the metadata, checks every value against the
/// metadata read here, prints the counts and checks the floors. Returns the loaded model.
fn check_corpus(name: &str, floor: &Floor) -> Option<Loaded> {
    let corpus = corpus()?;
    let files = winmd_files()?;
    let docs = corpus.join(name);
    let without = load(&docs, &[]);
    let with = load(&docs, &files);
    assert!(!with.has_errors(), "{name}: {:?}", with.diagnostics);
    let report = with.winmd.clone().expect("a metadata report");
    let metadata = metadata_enums(&files);

    // The page's values before the metadata, by (page, C name).
    let before: HashMap<(&str, &str), i128> = without
        .bindings
        .enums()
        .flat_map(|e| {
            e.variants
                .iter()
                .map(move |v| ((e.source.as_str(), v.c_name.as_str()), v.value))
        })
        .collect();
    let (mut defined, mut carried, mut verified, mut corrected, mut added) = (0, 0, 0, 0, 0);
    let mut enums = 0;
    let mut wrong = Vec::new();
    for e in with.bindings.enums() {
        let Some(full) = &e.winmd_type else { continue };
        enums += 1;
        let values = &metadata[full];
        for v in &e.variants {
            let Some(&value) = values.get(&v.c_name) else {
                continue;
            };
            defined += 1;
            if v.value == value && v.value_source == ValueSource::Winmd {
                carried += 1;
            } else {
                wrong.push(format!(
                    "{}: `{}` is {} ({:?}), the metadata says {value}",
                    e.source, v.c_name, v.value, v.value_source
                ));
            }
            match before.get(&(e.source.as_str(), v.c_name.as_str())) {
                None => added += 1,
                Some(&page) if page == value => verified += 1,
                Some(_) => corrected += 1,
            }
        }
    }
    let enumerators: usize = with.bindings.enums().map(|e| e.variants.len()).sum();
    eprintln!(
        "{name}: {} enums, {enums} defined by the metadata ({} enum types, read in {:.0} ms); \
         {enumerators} enumerators, {defined} defined by the metadata: {verified} verified, \
         {corrected} corrected ({} of them written on the page), {added} added; \
         {carried} of {defined} carry the metadata's value; inferred: {} without the metadata, {} with it",
        with.bindings.enums().count(),
        report.types,
        report.load_time.as_secs_f64() * 1000.0,
        report.corrected_written,
        inferred(&without),
        inferred(&with),
    );
    assert!(
        wrong.is_empty(),
        "{name}: {} of {defined} enumerators the metadata defines do not carry its value:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(20)].join("\n")
    );
    // The report agrees with what is counted here (values the same modulo the type's width
    // count as verified in the report, and as corrected here when the page wrote them signed).
    assert_eq!(report.enums_found, enums);
    assert_eq!(report.checked + report.added, defined);
    assert_eq!(report.added, added);
    assert!(
        enums >= floor.enums,
        "{name}: {enums} enums, floor {}",
        floor.enums
    );
    let checked = verified + corrected;
    assert!(
        checked >= floor.checked,
        "{name}: {checked} enumerators checked, floor {}",
        floor.checked
    );
    assert!(
        verified >= floor.verified,
        "{name}: {verified} verified, floor {}",
        floor.verified
    );
    assert!(
        added >= floor.added,
        "{name}: {added} added, floor {}",
        floor.added
    );
    // Nothing the metadata gives is left inferred; only the enumerators it lacks can be.
    assert!(inferred(&with) <= inferred(&without));
    Some(with)
}

/// Builds and documents the crate of `loaded` with warnings denied.
fn build(name: &str, loaded: &Loaded) {
    let layout = Layout::Crate {
        package: format!("corpus-winmd-{name}"),
    };
    let files = docbind::render(&loaded.bindings, &layout).unwrap_or_else(|e| panic!("{e}"));
    let root = workspace_root();
    let crate_dir = root.join("target/corpus").join(format!("winmd-{name}"));
    docbind::write(&crate_dir, &files).unwrap();
    for (args, flags) in [
        (&["build", "--quiet", "--all-features"][..], "RUSTFLAGS"),
        (
            &["doc", "--quiet", "--no-deps", "--all-features"],
            "RUSTDOCFLAGS",
        ),
    ] {
        let status = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(&crate_dir)
            .env("CARGO_TARGET_DIR", root.join("target/corpus/target"))
            .env_remove("RUSTFLAGS")
            .env_remove("RUSTDOCFLAGS")
            .env(flags, "-D warnings")
            .status()
            .expect("run cargo");
        assert!(
            status.success(),
            "`cargo {}` failed in {}",
            args[0],
            crate_dir.display()
        );
    }
}

#[test]
fn driver_docs_take_the_metadata_values() {
    check_corpus("ddi", &DDI);
}

#[test]
fn sdk_docs_take_the_metadata_values_and_build_clean() {
    if let Some(loaded) = check_corpus("sdk-api", &SDK) {
        build("sdk-api", &loaded);
    }
}

#[test]
fn more_sdk_docs_take_the_metadata_values_and_build_clean() {
    if let Some(loaded) = check_corpus("sdk-api-more", &SDK_MORE) {
        build("sdk-api-more", &loaded);
    }
}

/// The precedence with real metadata: headers written here that disagree with it, one the
/// seed page's own `bits.h`, the other a header of another name.
#[test]
fn the_own_header_wins_over_the_metadata_and_the_metadata_over_other_headers() {
    let Some(files) = winmd_files() else { return };
    let docs = workspace_root().join("docs");
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("winmd-precedence");
    let header = "typedef enum { BG_JOB_TYPE_DOWNLOAD = 0, BG_JOB_TYPE_UPLOAD = 7, BG_JOB_TYPE_UPLOAD_REPLY = 2 } BG_JOB_TYPE;\n";
    for (file, expected, used) in [
        ("bits.h", 7, "the header's value is used"),
        ("bits_copy.h", 1, "the metadata's value is used"),
    ] {
        let dir = tmp.join(file);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(file), header).unwrap();
        let mut config = Config::discover(&docs).unwrap();
        config.winmd = files.clone();
        config.header_dirs = vec![dir.clone()];
        let loaded = docbind::load(&docs, &config).unwrap_or_else(|e| panic!("{e}"));
        let bg = loaded
            .bindings
            .enums()
            .find(|e| e.c_name == "BG_JOB_TYPE")
            .unwrap();
        let upload = bg
            .variants
            .iter()
            .find(|v| v.c_name == "BG_JOB_TYPE_UPLOAD")
            .unwrap();
        assert_eq!(upload.value, expected, "{file}");
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.message.contains("witnesses disagree"))
            .unwrap_or_else(|| panic!("{file}: {:?}", loaded.diagnostics));
        assert!(d.message.contains(used), "{d}");
        assert!(d.file.ends_with(&bg.source), "{d}");
        assert_eq!(d.line, upload.line, "{d}");
        assert!(d.line > 0);
    }
}
