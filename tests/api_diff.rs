//! `docbind::diff` (issue 17): each kind of change, made by editing small pages held in memory
//! (`docbind::load_pages`), with the semver level it gets in each enum style; and the models
//! saved by `docbind dump --json` read back as they were (the sample docs and the real corpus).

use docbind::Config;
use docbind::config::{EnumOverride, VariantOverride};
use docbind::diff::{ApiDiff, ChangeKind, Dump, Level, diff};
use docbind::model::{Bindings, EnumStyle};
use docbind_workspace_tests::{corpus, workspace_root};

/// An enum page of `header` for the C type `c_name`: `front` is more front matter
/// (`req.target-min-winverclnt: ...`), `fields` the `### -field` headings with their text.
fn page(header: &str, c_name: &str, front: &str, description: &str, fields: &[&str]) -> String {
    let module = header.trim_end_matches(".h");
    let mut text = format!(
        "---\nUID: NE:{module}._{c_name}\nreq.header: {header}\nreq.typenames: {c_name}\n{front}---\n\n## -description\n\n{description}\n\n## -enum-fields\n\n"
    );
    for field in fields {
        let (heading, body) = field.split_once('|').unwrap_or((field, "A value."));
        text.push_str(&format!("### -field {heading}\n\n{body}\n\n"));
    }
    text
}

/// The model of `pages` (path, text) under `config`; fails on a diagnostic.
fn load(pages: &[(&str, String)], config: &Config) -> Bindings {
    let loaded = docbind::load_pages(
        pages.iter().map(|(path, text)| (*path, text.as_bytes())),
        config,
    );
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded.bindings
}

/// The changes from `old` to `new` (one page each, `demo/x.md`), each side under its config.
fn changes_with(old: &str, old_config: &Config, new: &str, new_config: &Config) -> ApiDiff {
    let old = load(&[("demo/x.md", old.to_string())], old_config);
    let new = load(&[("demo/x.md", new.to_string())], new_config);
    diff(&old, &new)
}

fn changes(old: &str, new: &str, config: &Config) -> ApiDiff {
    changes_with(old, config, new, config)
}

/// The kinds and levels of `diff`, in order.
fn kinds(diff: &ApiDiff) -> Vec<(ChangeKind, Level)> {
    diff.changes.iter().map(|c| (c.kind, c.level)).collect()
}

fn style(style: EnumStyle) -> Config {
    Config {
        enum_style: style,
        ..Config::default()
    }
}

fn exhaustive() -> Config {
    Config {
        non_exhaustive: false,
        ..Config::default()
    }
}

/// The four styles, with `rust` exhaustive: a `rust` enum is the only shape where a new
/// variant breaks.
fn every_style() -> [(EnumStyle, Config); 4] {
    [
        (EnumStyle::Rust, exhaustive()),
        (EnumStyle::Newtype, style(EnumStyle::Newtype)),
        (EnumStyle::Consts, style(EnumStyle::Consts)),
        (EnumStyle::Flags, style(EnumStyle::Flags)),
    ]
}

fn demo(fields: &[&str]) -> String {
    page("demo.h", "DEMO_KIND", "", "The kind of a demo.", fields)
}

#[test]
fn the_same_pages_make_no_change_even_when_lines_move() {
    let config = Config::default();
    let old = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:2"]);
    assert!(changes(&old, &old, &config).changes.is_empty());
    // A longer front matter moves every line of the page: lines are not the API.
    let moved = page(
        "demo.h",
        "DEMO_KIND",
        "ms.date: 01/01/2024\nms.keywords: DEMO_KIND\n",
        "The kind of a demo.",
        &["DEMO_KIND_A:1", "DEMO_KIND_B:2"],
    );
    let diff = changes(&old, &moved, &config);
    assert!(diff.changes.is_empty(), "{diff:#?}");
    assert_eq!(diff.level(), None);
}

#[test]
fn enums_added_and_removed() {
    let config = Config::default();
    let a = (
        "demo/a.md",
        page("demo.h", "DEMO_A", "", "A.", &["DEMO_A_X"]),
    );
    let b = (
        "demo/b.md",
        page("demo.h", "DEMO_B", "", "B.", &["DEMO_B_X"]),
    );
    let old = load(std::slice::from_ref(&a), &config);
    let new = load(&[a, b], &config);
    let added = diff(&old, &new);
    assert_eq!(kinds(&added), [(ChangeKind::EnumAdded, Level::Minor)]);
    assert_eq!(added.changes[0].enum_names.c_name, "DEMO_B");
    assert_eq!(added.changes[0].header.as_deref(), Some("demo.h"));
    assert_eq!(added.changes[0].source, "demo/b.md");
    let removed = diff(&new, &old);
    assert_eq!(kinds(&removed), [(ChangeKind::EnumRemoved, Level::Major)]);
    assert_eq!(removed.level(), Some(Level::Major));
}

#[test]
fn an_enum_renamed_by_the_configuration() {
    let mut renamed = Config::default();
    renamed.enums.insert(
        "DEMO_KIND".into(),
        EnumOverride {
            rename: Some("Kind".into()),
            ..EnumOverride::default()
        },
    );
    let page = demo(&["DEMO_KIND_A"]);
    let diff = changes_with(&page, &Config::default(), &page, &renamed);
    assert_eq!(kinds(&diff), [(ChangeKind::EnumRenamed, Level::Major)]);
    let change = &diff.changes[0];
    assert_eq!(
        (change.old.as_deref(), change.new.as_deref()),
        (Some("DemoKind"), Some("Kind"))
    );
    assert_eq!(change.enum_names.name, "Kind");
}

#[test]
fn an_enum_moved_to_another_header() {
    let config = Config::default();
    let old = page("demo.h", "DEMO_KIND", "", "D.", &["DEMO_KIND_A"]);
    let new = page("other.h", "DEMO_KIND", "", "D.", &["DEMO_KIND_A"]);
    let diff = changes(&old, &new, &config);
    assert_eq!(kinds(&diff), [(ChangeKind::EnumMoved, Level::Major)]);
    assert_eq!(diff.changes[0].module, "other");
    assert_eq!(diff.changes[0].old.as_deref(), Some("demo"));
}

#[test]
fn an_enum_whose_c_name_changed_is_matched_by_its_tag() {
    // The UID keeps the tag `_DEMO_KIND` (a C alias of the type); the typedef name changes.
    let config = Config::default();
    let old = demo(&["DEMO_KIND_A"]);
    let new = old.replace("req.typenames: DEMO_KIND", "req.typenames: DEMO_SORT");
    let diff = changes(&old, &new, &config);
    // The Rust names follow: the type's, and the value's (the prefix docbind strips from
    // `DEMO_KIND_A` is the type's name).
    assert_eq!(
        kinds(&diff),
        [
            (ChangeKind::EnumCNameChanged, Level::Patch),
            (ChangeKind::EnumRenamed, Level::Major),
            (ChangeKind::VariantRenamed, Level::Major),
        ]
    );
    assert_eq!(diff.changes[0].old.as_deref(), Some("DEMO_KIND"));
    assert_eq!(diff.changes[0].new.as_deref(), Some("DEMO_SORT"));
    assert_eq!(diff.changes[2].old.as_deref(), Some("A"));
}

#[test]
fn a_new_variant_breaks_only_an_exhaustive_rust_enum() {
    let old = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:2"]);
    let new = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:2", "DEMO_KIND_C:4"]);
    for (style, config) in every_style() {
        let expected = if style == EnumStyle::Rust {
            Level::Major
        } else {
            Level::Minor
        };
        let diff = changes(&old, &new, &config);
        assert_eq!(
            kinds(&diff),
            [(ChangeKind::VariantAdded, expected)],
            "{style}"
        );
        let change = &diff.changes[0];
        assert_eq!(change.style, style);
        let variant = change.variant.as_ref().unwrap();
        assert_eq!(
            (variant.c_name.as_str(), variant.name.as_str()),
            ("DEMO_KIND_C", "C")
        );
        assert_eq!(change.new.as_deref(), Some("4"));
        assert!(change.line > 0);
    }
    // The default: a #[non_exhaustive] rust enum.
    let diff = changes(&old, &new, &Config::default());
    assert_eq!(kinds(&diff), [(ChangeKind::VariantAdded, Level::Minor)]);
}

#[test]
fn a_new_variant_that_repeats_a_value_is_an_associated_constant() {
    let old = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:2"]);
    let new = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:2", "DEMO_KIND_DEFAULT:1"]);
    let diff = changes(&old, &new, &exhaustive());
    assert_eq!(kinds(&diff), [(ChangeKind::VariantAdded, Level::Minor)]);
    assert!(
        diff.changes[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("the same value as A")
    );
}

#[test]
fn a_removed_variant_breaks_every_style() {
    let old = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:2", "DEMO_KIND_C:4"]);
    let new = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:2"]);
    for (style, config) in every_style() {
        let diff = changes(&old, &new, &config);
        assert_eq!(
            kinds(&diff),
            [(ChangeKind::VariantRemoved, Level::Major)],
            "{style}"
        );
        assert_eq!(diff.changes[0].old.as_deref(), Some("4"));
    }
}

fn rename_variant(config: &mut Config, c_name: &str, to: &str) {
    config
        .enums
        .entry("DEMO_KIND".into())
        .or_default()
        .variants
        .insert(
            c_name.into(),
            VariantOverride {
                rename: Some(to.into()),
                ..VariantOverride::default()
            },
        );
}

#[test]
fn a_renamed_variant_breaks_all_but_consts_whose_constants_have_c_names() {
    let page = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:2"]);
    for (style, config) in every_style() {
        let mut renamed = config.clone();
        rename_variant(&mut renamed, "DEMO_KIND_B", "Second");
        let diff = changes_with(&page, &config, &page, &renamed);
        let expected = if style == EnumStyle::Consts {
            Level::Patch
        } else {
            Level::Major
        };
        assert_eq!(
            kinds(&diff),
            [(ChangeKind::VariantRenamed, expected)],
            "{style}"
        );
        let change = &diff.changes[0];
        assert_eq!(
            (change.old.as_deref(), change.new.as_deref()),
            (Some("B"), Some("Second"))
        );
    }
}

#[test]
fn a_variant_with_another_c_name_breaks_only_consts() {
    // The Rust name stays (the configuration renames the new C name back to `B`).
    let old = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:2"]);
    let new = demo(&["DEMO_KIND_A:1", "DEMO_KIND_BEE:2"]);
    for (style, config) in every_style() {
        let mut kept = config.clone();
        rename_variant(&mut kept, "DEMO_KIND_BEE", "B");
        let diff = changes_with(&old, &config, &new, &kept);
        let expected = if style == EnumStyle::Consts {
            Level::Major
        } else {
            Level::Patch
        };
        assert_eq!(
            kinds(&diff),
            [(ChangeKind::VariantCNameChanged, expected)],
            "{style}"
        );
    }
}

#[test]
fn a_changed_value_and_a_changed_repr_break() {
    let config = Config::default();
    let old = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:2"]);
    let new = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:3"]);
    let diff = changes(&old, &new, &config);
    assert_eq!(kinds(&diff), [(ChangeKind::ValueChanged, Level::Major)]);
    let change = &diff.changes[0];
    assert_eq!(
        (change.old.as_deref(), change.new.as_deref()),
        (Some("2"), Some("3"))
    );

    let new = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:0x80000000"]);
    let diff = changes(&old, &new, &config);
    assert_eq!(
        kinds(&diff),
        [
            (ChangeKind::ReprChanged, Level::Major),
            (ChangeKind::ValueChanged, Level::Major),
        ]
    );
    assert_eq!(diff.changes[0].old.as_deref(), Some("i32"));
    assert_eq!(diff.changes[0].new.as_deref(), Some("u32"));
}

#[test]
fn a_changed_style_breaks() {
    let page = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:2"]);
    let diff = changes_with(&page, &Config::default(), &page, &style(EnumStyle::Consts));
    assert_eq!(kinds(&diff), [(ChangeKind::StyleChanged, Level::Major)]);
    assert_eq!(diff.changes[0].new.as_deref(), Some("consts"));

    // An enum that starts to look like flags becomes flags: enum → flags.
    let old = page_with_description("The kind of a demo.");
    let new = page_with_description("Flags that describe a demo.");
    let diff = changes(&old, &new, &Config::default());
    assert_eq!(
        kinds(&diff),
        [
            (ChangeKind::StyleChanged, Level::Major),
            (ChangeKind::Docs, Level::Patch),
        ]
    );
    assert_eq!(diff.changes[0].old.as_deref(), Some("rust"));
    assert_eq!(diff.changes[0].new.as_deref(), Some("flags"));
}

fn page_with_description(description: &str) -> String {
    page(
        "demo.h",
        "DEMO_KIND",
        "",
        description,
        &["DEMO_KIND_A:0x1", "DEMO_KIND_B:0x2", "DEMO_KIND_C:0x4"],
    )
}

#[test]
fn non_exhaustive_added_breaks_and_removed_does_not() {
    let page = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:2"]);
    let diff = changes_with(&page, &exhaustive(), &page, &Config::default());
    assert_eq!(
        kinds(&diff),
        [(ChangeKind::NonExhaustiveChanged, Level::Major)]
    );
    let diff = changes_with(&page, &Config::default(), &page, &exhaustive());
    assert_eq!(
        kinds(&diff),
        [(ChangeKind::NonExhaustiveChanged, Level::Minor)]
    );
    // Only a rust-style enum has the attribute.
    let newtype = |non_exhaustive| Config {
        non_exhaustive,
        ..style(EnumStyle::Newtype)
    };
    assert!(
        changes_with(&page, &newtype(true), &page, &newtype(false))
            .changes
            .is_empty()
    );
}

#[test]
fn a_variant_that_stops_repeating_a_value_becomes_an_enum_variant() {
    // B repeats A's 1 (an associated constant); then A becomes 2 and B is a variant of its own.
    let old = demo(&["DEMO_KIND_A:1", "DEMO_KIND_B:1"]);
    let new = demo(&["DEMO_KIND_A:2", "DEMO_KIND_B:1"]);
    let diff = changes(&old, &new, &Config::default());
    assert_eq!(
        kinds(&diff),
        [
            (ChangeKind::ValueChanged, Level::Major),
            (ChangeKind::AliasChanged, Level::Minor),
        ]
    );
    let diff = changes(&old, &new, &exhaustive());
    assert_eq!(diff.changes[1].kind, ChangeKind::AliasChanged);
    assert_eq!(diff.changes[1].level, Level::Major);
    assert_eq!(diff.changes[1].new.as_deref(), Some("variant"));
    // The other way: a variant that becomes a constant is gone from the enum.
    let diff = changes(&new, &old, &Config::default());
    assert_eq!(diff.changes[1].kind, ChangeKind::AliasChanged);
    assert_eq!(diff.changes[1].level, Level::Major);
    // Other styles have a constant either way.
    let diff = changes(&old, &new, &style(EnumStyle::Newtype));
    assert_eq!(kinds(&diff), [(ChangeKind::ValueChanged, Level::Major)]);
}

#[test]
fn availability_added_changed_and_removed_are_minor() {
    let config = Config::default();
    let with = |front: &str| page("demo.h", "DEMO_KIND", front, "D.", &["DEMO_KIND_A"]);
    let none = with("");
    let win10 = with("req.target-min-winverclnt: Windows 10\n");
    let win11 = with("req.target-min-winverclnt: Windows 11\n");
    let diff = changes(&none, &win10, &config);
    assert_eq!(
        kinds(&diff),
        [(ChangeKind::AvailabilityAdded, Level::Minor)]
    );
    assert_eq!(diff.changes[0].new.as_deref(), Some("Windows 10 and later"));
    assert!(diff.changes[0].line > 0);
    let diff = changes(&win10, &win11, &config);
    assert_eq!(
        kinds(&diff),
        [(ChangeKind::AvailabilityChanged, Level::Minor)]
    );
    assert_eq!(
        (
            diff.changes[0].old.as_deref(),
            diff.changes[0].new.as_deref()
        ),
        (Some("Windows 10 and later"), Some("Windows 11 and later"))
    );
    let diff = changes(&win11, &none, &config);
    assert_eq!(
        kinds(&diff),
        [(ChangeKind::AvailabilityRemoved, Level::Minor)]
    );

    // A value's own note.
    let old = demo(&["DEMO_KIND_A", "DEMO_KIND_B|A value."]);
    let new = demo(&[
        "DEMO_KIND_A",
        "DEMO_KIND_B|A value.\n\nSupported starting with Windows 11.",
    ]);
    let diff = changes(&old, &new, &config);
    assert_eq!(
        kinds(&diff),
        [
            (ChangeKind::AvailabilityAdded, Level::Minor),
            (ChangeKind::Docs, Level::Patch),
        ]
    );
    assert_eq!(
        diff.changes[0].variant.as_ref().unwrap().c_name,
        "DEMO_KIND_B"
    );
}

#[test]
fn deprecation_is_minor_both_ways() {
    let config = Config::default();
    let old = demo(&["DEMO_KIND_A", "DEMO_KIND_B|A value."]);
    let new = demo(&["DEMO_KIND_A", "DEMO_KIND_B|A value.\n\nDeprecated."]);
    let diff = changes(&old, &new, &config);
    assert_eq!(
        kinds(&diff),
        [
            (ChangeKind::Deprecated, Level::Minor),
            (ChangeKind::Docs, Level::Patch),
        ]
    );
    let diff = changes(&new, &old, &config);
    assert_eq!(diff.changes[0].kind, ChangeKind::Undeprecated);
    assert_eq!(diff.changes[0].level, Level::Minor);
}

#[test]
fn docs_only_changes_are_patches() {
    let config = Config::default();
    let old = demo(&["DEMO_KIND_A|The first.", "DEMO_KIND_B"]);
    let new = page(
        "demo.h",
        "DEMO_KIND",
        "",
        "The kind of a demo, reworded.",
        &["DEMO_KIND_A|The first one.", "DEMO_KIND_B"],
    );
    let diff = changes(&old, &new, &config);
    assert_eq!(
        kinds(&diff),
        [
            (ChangeKind::Docs, Level::Patch),
            (ChangeKind::Docs, Level::Patch),
        ]
    );
    assert_eq!(diff.changes[0].detail.as_deref(), Some("description"));
    assert!(diff.changes[0].variant.is_none());
    assert_eq!(diff.changes[1].detail.as_deref(), Some("docs"));
    assert_eq!(diff.level(), Some(Level::Patch));
    assert_eq!(diff.count(Level::Patch), 2);
}

#[test]
fn changes_come_module_by_module_and_enum_by_enum() {
    let config = Config::default();
    let pages = |suffix: &str| {
        vec![
            (
                "zeta/z.md",
                page("zeta.h", "ZETA", "", &format!("Z{suffix}"), &["ZETA_A"]),
            ),
            (
                "alpha/b.md",
                page("alpha.h", "BETA", "", &format!("B{suffix}"), &["BETA_A"]),
            ),
            (
                "alpha/a.md",
                page("alpha.h", "ALPHA", "", &format!("A{suffix}"), &["ALPHA_A"]),
            ),
        ]
    };
    let diff = diff(&load(&pages("."), &config), &load(&pages("!"), &config));
    let order: Vec<(&str, &str)> = diff
        .changes
        .iter()
        .map(|c| (c.module.as_str(), c.enum_names.name.as_str()))
        .collect();
    assert_eq!(
        order,
        [("alpha", "Alpha"), ("alpha", "Beta"), ("zeta", "Zeta")]
    );
    assert_eq!(diff.by_kind()[&ChangeKind::Docs], 3);
}

/// The model as `docbind dump --json` prints it, read back.
fn through_dump(bindings: &Bindings) -> Bindings {
    let enums: Vec<_> = bindings.enums().collect();
    let json = serde_json::to_string_pretty(&serde_json::json!({ "enums": enums, "skipped": [] }))
        .unwrap();
    serde_json::from_str::<Dump>(&json)
        .expect("the dump reads back")
        .into_bindings()
}

/// `bindings` read back from its dump is itself, but for the modules' headers (a dump does not
/// hold them), and diffs to nothing.
fn assert_dump_round_trips(bindings: &Bindings) {
    let back = through_dump(bindings);
    let mut expected = bindings.clone();
    for module in expected.modules.values_mut() {
        module.header.clear();
    }
    assert!(
        back == expected,
        "the model read back from its dump differs"
    );
    assert!(diff(bindings, &back).changes.is_empty());
    assert!(diff(&back, bindings).changes.is_empty());
}

#[test]
fn the_sample_docs_read_back_from_their_dump_in_every_style() {
    let docs = workspace_root().join("docs");
    for enum_style in EnumStyle::ALL {
        let config = Config {
            enum_style,
            ..Config::discover(&docs).unwrap()
        };
        let loaded = docbind::load(&docs, &config).unwrap();
        assert_dump_round_trips(&loaded.bindings);
    }
}

#[test]
fn the_corpus_reads_back_from_its_dump_and_diffs_to_nothing() {
    let Some(corpus) = corpus() else {
        return;
    };
    for name in ["ddi", "sdk-api", "sdk-api-more"] {
        let docs = corpus.join(name);
        let loaded = docbind::load(&docs, &Config::default()).unwrap();
        assert!(loaded.bindings.enums().count() > 50, "{name}");
        assert_dump_round_trips(&loaded.bindings);
        let again = docbind::load(&docs, &Config::default()).unwrap();
        assert!(diff(&loaded.bindings, &again.bindings).changes.is_empty());
    }
}
