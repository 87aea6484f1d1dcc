//! The Windows metadata as a witness, without the metadata reader: the enums of `.winmd` files
//! as plain rows ([`MetaEnum`], [`MetaEnumerator`], made by `witness::winmd` when docbind has
//! its `winmd` feature, or by hand in tests) and their mapping onto the model.
//!
//! An enum of the pages is the metadata type of the same C name: its type name (`BG_JOB_TYPE`),
//! else one of its other names (the tag `_BG_JOB_TYPE`, `__MIDL_IBackgroundCopyJob_0003`), else
//! those names without their leading underscores. Each enumerator is the field of the same C
//! name. Then, mirroring the header witness (`witness::headers`):
//!
//! - the metadata's value is used; a value the page writes that differs is a warning at the
//!   page's line naming the metadata type (an inferred value that differs is corrected without
//!   one, as the headers do);
//! - enumerators on the page but not in the type are a warning;
//! - enumerators only in the metadata are a warning and, with `header-only-variants` (the
//!   default), are added as undocumented variants.
//!
//! The metadata runs before the headers; how the two rank is `witness::precedence`.

// Without the `winmd` feature nothing but the unit tests makes metadata rows: asking for
// metadata is an error (see `read_files`), and the mapping is compiled all the same.
#![cfg_attr(not(feature = "winmd"), allow(dead_code))]

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{Bindings, Enum, ValueSource, Variant};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::time::Duration;

/// One enum type of a metadata file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetaEnum {
    /// The type name, the C name (`BG_JOB_TYPE`).
    pub name: String,
    /// Its namespace (`Windows.Win32.Networking.BackgroundIntelligentTransferService`).
    pub namespace: String,
    /// The file's name (`Windows.Win32.winmd`).
    pub file: String,
    /// Bits of the underlying integer type (8, 16, 32 or 64).
    pub bits: u32,
    /// The fields with a constant, in the metadata's order.
    pub enumerators: Vec<MetaEnumerator>,
}

impl MetaEnum {
    /// `Windows.Win32.Networking.BackgroundIntelligentTransferService.BG_JOB_TYPE`.
    pub fn full_name(&self) -> String {
        if self.namespace.is_empty() {
            self.name.clone()
        } else {
            format!("{}.{}", self.namespace, self.name)
        }
    }
}

/// One enumerator: a field of an enum type, with its constant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetaEnumerator {
    /// The C name (`BG_JOB_TYPE_DOWNLOAD`).
    pub name: String,
    /// The value, as the metadata's integer type reads it.
    pub value: i128,
}

/// The enums of the metadata files, by name: the first file that defines a name wins (in the
/// order the files were given), and within one file the first namespace in sorted order.
#[derive(Clone, Debug, Default)]
pub struct MetaIndex {
    enums: Vec<MetaEnum>,
    by_name: HashMap<String, usize>,
}

impl MetaIndex {
    /// Indexes `enums`, in priority order.
    pub fn new(enums: Vec<MetaEnum>) -> Self {
        let mut by_name = HashMap::with_capacity(enums.len());
        for (i, e) in enums.iter().enumerate() {
            by_name.entry(e.name.clone()).or_insert(i);
        }
        MetaIndex { enums, by_name }
    }

    /// The enum type named `name`.
    pub fn find(&self, name: &str) -> Option<&MetaEnum> {
        self.by_name.get(name).map(|&i| &self.enums[i])
    }

    /// How many enum types were read (duplicates included).
    pub fn len(&self) -> usize {
        self.enums.len()
    }

    /// The metadata type for a page's enum: by its C name, its other names, then those names
    /// without leading underscores (`_POOL_TYPE` → `POOL_TYPE`).
    pub fn for_enum(&self, item: &Enum) -> Option<&MetaEnum> {
        let names = || std::iter::once(&item.c_name).chain(&item.aliases);
        names().find_map(|n| self.find(n)).or_else(|| {
            names()
                .map(|n| n.trim_start_matches('_'))
                .filter(|n| !n.is_empty())
                .find_map(|n| self.find(n))
        })
    }
}

/// What the metadata said, over all enums.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WinmdReport {
    /// Enum types in the metadata files.
    pub types: usize,
    /// Enums of the pages the metadata defines.
    pub enums_found: usize,
    /// Enums of the pages the metadata does not define.
    pub enums_missing: usize,
    /// Enumerators of the pages that the metadata also defines.
    pub checked: usize,
    /// Of those, the page already had the metadata's value.
    pub agreeing: usize,
    /// Of those, the metadata's value replaced the page's (written or inferred).
    pub corrected: usize,
    /// Of the corrected ones, how many the page wrote (the others were inferred).
    pub corrected_written: usize,
    /// Enumerators on a page but not in the metadata type of its enum.
    pub page_only: usize,
    /// Enumerators in the metadata but not on the page.
    pub metadata_only: usize,
    /// Of those, the ones added as undocumented variants.
    pub added: usize,
    /// Time spent reading the files.
    #[serde(skip)]
    pub load_time: Duration,
}

/// Settings of the check.
#[derive(Clone, Debug)]
pub struct Options<'a> {
    /// The docs root (to name pages in diagnostics).
    pub docs: &'a Path,
    /// Whether enumerators only the metadata has become (undocumented) variants.
    pub add_metadata_only: bool,
}

/// Whether `a` and `b` are the same value of an integer type of `bits` bits: equal, or equal
/// once both are cut to that width (`-1` on a page and `0xFFFFFFFF` in a `uint` enum).
pub fn same_value(a: i128, b: i128, bits: u32) -> bool {
    if a == b {
        return true;
    }
    if bits == 0 || bits >= 128 {
        return false;
    }
    let mask = (1i128 << bits) - 1;
    let fits = |v: i128| v >= -(1i128 << (bits - 1)) && v <= mask;
    fits(a) && fits(b) && (a & mask) == (b & mask)
}

/// Reads the metadata files of `config` (with the `winmd` feature) and checks `bindings`
/// against them. Without the feature: an error saying to enable it.
pub fn check_files(
    bindings: &mut Bindings,
    docs: &Path,
    config: &Config,
) -> (Option<WinmdReport>, Vec<Diagnostic>) {
    let start = std::time::Instant::now();
    let index = match read_files(&config.winmd) {
        Ok(index) => index,
        Err(d) => return (None, vec![*d]),
    };
    let load_time = start.elapsed();
    let options = Options {
        docs,
        add_metadata_only: config.header_only_variants,
    };
    let (mut report, diagnostics) = cross_check(bindings, &index, &options);
    report.load_time = load_time;
    (Some(report), diagnostics)
}

#[cfg(feature = "winmd")]
fn read_files(files: &[std::path::PathBuf]) -> Result<MetaIndex, Box<Diagnostic>> {
    super::winmd::read(files).map_err(Box::new)
}

#[cfg(not(feature = "winmd"))]
fn read_files(files: &[std::path::PathBuf]) -> Result<MetaIndex, Box<Diagnostic>> {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    Err(Box::new(
        Diagnostic::error(
            names.join(", "),
            0,
            "Windows metadata files were given, but this docbind was built without its `winmd` feature",
        )
        .with_help(
            "enable the feature (`docbind = { ..., features = [\"winmd\"] }`), or remove `winmd` from the configuration (`Builder::winmd`, `winmd = [...]`, `--winmd`)",
        ),
    ))
}

/// Checks every enum of `bindings` against `index`.
pub fn cross_check(
    bindings: &mut Bindings,
    index: &MetaIndex,
    options: &Options<'_>,
) -> (WinmdReport, Vec<Diagnostic>) {
    let mut report = WinmdReport {
        types: index.len(),
        ..WinmdReport::default()
    };
    let mut diagnostics = Vec::new();
    for module in bindings.modules.values_mut() {
        for item in &mut module.enums {
            check_enum(item, index, options, &mut report, &mut diagnostics);
        }
    }
    (report, diagnostics)
}

fn check_enum(
    item: &mut Enum,
    index: &MetaIndex,
    options: &Options<'_>,
    report: &mut WinmdReport,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(meta) = index.for_enum(item) else {
        report.enums_missing += 1;
        return;
    };
    report.enums_found += 1;
    let full_name = meta.full_name();
    let place = format!("`{full_name}` ({})", meta.file);
    item.winmd_type = Some(full_name);
    item.winmd_file = Some(meta.file.clone());
    let page = options.docs.join(&item.source);
    let in_meta: BTreeMap<&str, &MetaEnumerator> = meta
        .enumerators
        .iter()
        .map(|e| (e.name.as_str(), e))
        .collect();

    let mut page_only: Vec<(String, usize)> = Vec::new();
    for v in &mut item.variants {
        let Some(e) = in_meta.get(v.c_name.as_str()) else {
            page_only.push((v.c_name.clone(), v.line));
            continue;
        };
        report.checked += 1;
        if same_value(v.value, e.value, meta.bits) {
            report.agreeing += 1;
        } else {
            report.corrected += 1;
            if v.value_source != ValueSource::Inferred {
                report.corrected_written += 1;
                diagnostics.push(
                    Diagnostic::warning(
                        &page,
                        v.line,
                        format!(
                            "`{}` is {} on the page but {} in the Windows metadata type {place}; the metadata's value is used",
                            v.c_name, v.value, e.value
                        ),
                    )
                    .with_help(
                        "correct the page, or override the value in docbind.toml with a reason",
                    ),
                );
            }
        }
        v.value = e.value;
        v.value_source = ValueSource::Winmd;
    }
    report.page_only += page_only.len();
    if let Some((_, line)) = page_only.first() {
        let names: Vec<&str> = page_only.iter().map(|(n, _)| n.as_str()).collect();
        diagnostics.push(Diagnostic::warning(
            &page,
            *line,
            format!(
                "documented on the page but not in the Windows metadata type {place}: {}",
                names.join(", ")
            ),
        ));
    }

    let documented: BTreeSet<&str> = item.variants.iter().map(|v| v.c_name.as_str()).collect();
    let missing: Vec<&MetaEnumerator> = meta
        .enumerators
        .iter()
        .filter(|e| !documented.contains(e.name.as_str()))
        .collect();
    report.metadata_only += missing.len();
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|e| e.name.as_str()).collect();
        let what = if options.add_metadata_only {
            "added as undocumented values"
        } else {
            "left out"
        };
        diagnostics.push(Diagnostic::warning(
            &page,
            0,
            format!(
                "{} in the Windows metadata type {place} but not on the page ({what}): {}",
                names.len(),
                names.join(", ")
            ),
        ));
        if options.add_metadata_only {
            report.added += add_metadata_only(item, &missing, &place);
        }
    }
    if item.settle_values().is_none() {
        diagnostics.push(Diagnostic::error(
            &page,
            0,
            "with the Windows metadata's values, the values do not fit in one 64-bit integer type",
        ));
    }
}

/// Adds metadata-only enumerators as variants, named like the documented ones (as the header
/// witness names header-only ones). Returns how many were added.
fn add_metadata_only(item: &mut Enum, missing: &[&MetaEnumerator], place: &str) -> usize {
    let mut names = super::undocumented::Names::new(item);
    let mut added = 0;
    for e in missing {
        let Some(name) = names.pick(&e.name) else {
            continue;
        };
        item.variants.push(Variant {
            name,
            c_name: e.name.clone(),
            value: e.value,
            value_source: ValueSource::Winmd,
            line: 0,
            docs: format!(
                "Not documented on the page; defined in the Windows metadata type {place}."
            ),
            availability: Vec::new(),
            alias_of: None,
        });
        added += 1;
    }
    added
}

/// Rows and pages for the unit tests of the witnesses.
#[cfg(test)]
pub(crate) mod rows {
    use super::*;
    use crate::model::{EnumStyle, Module, Repr};

    pub(crate) fn variant(c_name: &str, value: i128, source: ValueSource, line: usize) -> Variant {
        Variant {
            name: crate::naming::upper_camel(c_name.rsplit('_').next().unwrap_or(c_name)),
            c_name: c_name.into(),
            value,
            value_source: source,
            line,
            docs: String::new(),
            availability: Vec::new(),
            alias_of: None,
        }
    }

    pub(crate) fn page_enum(c_name: &str, aliases: &[&str], variants: Vec<Variant>) -> Enum {
        Enum {
            name: "Kind".into(),
            c_name: c_name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            uid: format!("NE:demo.{c_name}"),
            source: "demo/ne-demo-kind.md".into(),
            module: "demo".into(),
            repr: Repr::I32,
            description: String::new(),
            remarks: String::new(),
            see_also: Vec::new(),
            url: None,
            availability: Vec::new(),
            header_file: None,
            winmd_type: None,
            winmd_file: None,
            variants,
            looks_like_flags: false,
            style: EnumStyle::Rust,
            non_exhaustive: true,
        }
    }

    pub(crate) fn meta(name: &str, bits: u32, values: &[(&str, i128)]) -> MetaEnum {
        MetaEnum {
            name: name.into(),
            namespace: "Windows.Win32.Demo".into(),
            file: "Demo.winmd".into(),
            bits,
            enumerators: values
                .iter()
                .map(|(n, v)| MetaEnumerator {
                    name: n.to_string(),
                    value: *v,
                })
                .collect(),
        }
    }

    pub(crate) fn bindings(item: Enum) -> Bindings {
        let mut b = Bindings::default();
        b.modules.insert(
            "demo".into(),
            Module {
                name: "demo".into(),
                header: "demo.h".into(),
                enums: vec![item],
            },
        );
        b
    }
}

#[cfg(test)]
mod tests {
    use super::rows::*;
    use super::*;
    use crate::model::Repr;

    fn run(item: Enum, index: &MetaIndex, add: bool) -> (Enum, WinmdReport, Vec<Diagnostic>) {
        let mut b = bindings(item);
        let options = Options {
            docs: Path::new("docs"),
            add_metadata_only: add,
        };
        let (report, diagnostics) = cross_check(&mut b, index, &options);
        let item = b.modules["demo"].enums[0].clone();
        (item, report, diagnostics)
    }

    #[test]
    fn matches_by_type_name_tag_alias_and_without_underscores() {
        let index = MetaIndex::new(vec![
            meta("KIND", 32, &[("KIND_A", 0)]),
            meta("OTHER_KIND", 32, &[("KIND_A", 0)]),
        ]);
        let by_name = page_enum("KIND", &[], Vec::new());
        assert_eq!(index.for_enum(&by_name).unwrap().name, "KIND");
        let by_alias = page_enum("__MIDL_0001", &["OTHER_KIND"], Vec::new());
        assert_eq!(index.for_enum(&by_alias).unwrap().name, "OTHER_KIND");
        let by_tag = page_enum("_KIND", &["PKIND"], Vec::new());
        assert_eq!(index.for_enum(&by_tag).unwrap().name, "KIND");
        let none = page_enum("NOT_THERE", &["_ALSO_NOT"], Vec::new());
        assert!(index.for_enum(&none).is_none());
        // The first definition of a name wins.
        let mut second = meta("KIND", 32, &[("KIND_B", 1)]);
        second.file = "Second.winmd".into();
        let index = MetaIndex::new(vec![meta("KIND", 32, &[("KIND_A", 0)]), second]);
        assert_eq!(index.for_enum(&by_name).unwrap().file, "Demo.winmd");
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn a_value_that_differs_is_a_warning_at_the_page_line_and_the_metadata_wins() {
        let index = MetaIndex::new(vec![meta(
            "KIND",
            32,
            &[("KIND_A", 0), ("KIND_B", 4), ("KIND_C", 5)],
        )]);
        let item = page_enum(
            "KIND",
            &[],
            vec![
                variant("KIND_A", 0, ValueSource::Heading, 10),
                variant("KIND_B", 2, ValueSource::Heading, 14),
                variant("KIND_C", 3, ValueSource::Inferred, 18),
            ],
        );
        let (item, report, diagnostics) = run(item, &index, true);
        let values: Vec<(i128, ValueSource)> = item
            .variants
            .iter()
            .map(|v| (v.value, v.value_source))
            .collect();
        assert_eq!(
            values,
            [
                (0, ValueSource::Winmd),
                (4, ValueSource::Winmd),
                (5, ValueSource::Winmd)
            ]
        );
        assert_eq!(
            (report.checked, report.agreeing, report.corrected),
            (3, 1, 2)
        );
        assert_eq!(report.corrected_written, 1);
        // One warning: the written value; the inferred one is corrected silently.
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!(d.line, 14);
        assert_eq!(d.file, Path::new("docs/demo/ne-demo-kind.md"));
        assert!(d.message.contains("`KIND_B` is 2 on the page but 4"), "{d}");
        assert!(
            d.message.contains("`Windows.Win32.Demo.KIND` (Demo.winmd)"),
            "{d}"
        );
        assert_eq!(item.winmd_type.as_deref(), Some("Windows.Win32.Demo.KIND"));
        assert_eq!(item.winmd_file.as_deref(), Some("Demo.winmd"));
    }

    #[test]
    fn the_same_bits_agree_and_take_the_metadata_representation() {
        assert!(same_value(-1, 0xFFFF_FFFF, 32));
        assert!(!same_value(-1, 0xFFFF_FFFF, 64));
        assert!(!same_value(1, 2, 32));
        let index = MetaIndex::new(vec![meta("KIND", 32, &[("KIND_ALL", 0xFFFF_FFFF)])]);
        let item = page_enum(
            "KIND",
            &[],
            vec![variant("KIND_ALL", -1, ValueSource::Heading, 7)],
        );
        let (item, report, diagnostics) = run(item, &index, true);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(report.agreeing, 1);
        assert_eq!(item.variants[0].value, 0xFFFF_FFFF);
        assert_eq!(item.repr, Repr::U32);
    }

    #[test]
    fn metadata_only_enumerators_are_added_undocumented_unless_switched_off() {
        let index = MetaIndex::new(vec![meta(
            "KIND",
            32,
            &[("KIND_A", 0), ("KIND_B", 1), ("KIND_NEW", 7)],
        )]);
        let page = || {
            page_enum(
                "KIND",
                &[],
                vec![
                    variant("KIND_A", 0, ValueSource::Inferred, 10),
                    variant("KIND_B", 1, ValueSource::Inferred, 12),
                    variant("KIND_PAGE", 2, ValueSource::Inferred, 14),
                ],
            )
        };
        let (item, report, diagnostics) = run(page(), &index, true);
        assert_eq!(
            (report.metadata_only, report.added, report.page_only),
            (1, 1, 1)
        );
        let added = item.variants.last().unwrap();
        assert_eq!(
            (
                added.name.as_str(),
                added.c_name.as_str(),
                added.value,
                added.line
            ),
            ("New", "KIND_NEW", 7, 0)
        );
        assert_eq!(added.value_source, ValueSource::Winmd);
        assert!(
            added.docs.contains("Not documented on the page"),
            "{}",
            added.docs
        );
        assert!(
            diagnostics
                .iter()
                .any(|d| d.line == 14 && d.message.contains("KIND_PAGE"))
        );
        assert!(diagnostics.iter().any(|d| {
            d.message
                .contains("(added as undocumented values): KIND_NEW")
        }));
        // The page-only enumerator keeps C's rule.
        assert_eq!(item.variants[2].value_source, ValueSource::Inferred);

        let (item, report, diagnostics) = run(page(), &index, false);
        assert_eq!((report.metadata_only, report.added), (1, 0));
        assert_eq!(item.variants.len(), 3);
        assert!(diagnostics.iter().any(|d| d.message.contains("(left out)")));
    }

    /// `cargo test -p docbind --lib --no-default-features winmd`.
    #[cfg(not(feature = "winmd"))]
    #[test]
    fn without_the_feature_asking_for_metadata_is_an_error_naming_it() {
        let config = Config {
            winmd: vec!["meta/Windows.Win32.winmd".into()],
            ..Config::default()
        };
        let page = "---\nUID: NE:demo.X\nreq.typenames: X\n---\n## -enum-fields\n### -field X_A\n";
        let loaded = crate::load_pages([("demo/x.md", page.as_bytes())], &config);
        assert!(loaded.has_errors());
        let d = loaded.diagnostics.iter().find(|d| d.is_error()).unwrap();
        assert!(d.message.contains("without its `winmd` feature"), "{d}");
        assert!(
            d.help.as_deref().unwrap().contains("enable the feature"),
            "{d}"
        );
        assert_eq!(d.file, Path::new("meta/Windows.Win32.winmd"));
    }

    #[test]
    fn enums_the_metadata_lacks_are_counted_and_left_alone() {
        let index = MetaIndex::new(vec![meta("OTHER", 32, &[("OTHER_A", 3)])]);
        let item = page_enum(
            "KIND",
            &[],
            vec![variant("KIND_A", 0, ValueSource::Inferred, 5)],
        );
        let (item, report, diagnostics) = run(item, &index, true);
        assert_eq!((report.enums_found, report.enums_missing), (0, 1));
        assert!(diagnostics.is_empty());
        assert_eq!(item.variants[0].value_source, ValueSource::Inferred);
        assert_eq!(item.winmd_type, None);
    }
}
