//! The C headers as a second witness: values from `--header-dir` headers win over the page,
//! disagreements and gaps are reported, header-only enumerators can be added.
//!
//! A stage between the model and emission: it takes the [`Bindings`] built from the pages and
//! an index of the headers ([`HeaderIndex`]) and returns the corrected model and diagnostics.

use crate::c::{CEnum, CEnumerator};
use crate::diagnostic::Diagnostic;
use crate::model::availability::{ClientVersion, Entry, Release};
use crate::model::{AvailabilityNote, Bindings, Enum, ValueSource, Variant};
use crate::witness::scan::HeaderIndex;
use crate::witness::{precedence, winmd_map};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What the cross-check found, over all enums.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct HeaderReport {
    /// Enums a header defines.
    pub enums_found: usize,
    /// Enums no header defines.
    pub enums_missing: usize,
    /// Enumerators of the pages that a header also defines, with a value.
    pub checked: usize,
    /// Of those, the page already had the header's value.
    pub agreeing: usize,
    /// Of those, the header's value replaced the page's (or, for the page's own header, the
    /// Windows metadata's).
    pub corrected: usize,
    /// Of those, the Windows metadata's value was kept over the header's (a header other than
    /// the page's `req.header`; see `witness::precedence`).
    #[serde(skip_serializing_if = "is_zero")]
    pub overruled: usize,
    /// Enumerators a header defines with an expression docbind cannot evaluate.
    pub unresolvable: usize,
    /// Enumerators on a page but not in the header that defines its enum.
    pub page_only: usize,
    /// Enumerators in a header but not on the page.
    pub header_only: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Settings of the cross-check.
#[derive(Clone, Debug)]
pub struct Options<'a> {
    /// The header directories (to show header paths relative to them).
    pub dirs: &'a [PathBuf],
    /// The docs root (to name pages in diagnostics).
    pub docs: &'a Path,
    /// Whether enumerators only the header has become (undocumented) variants.
    pub emit_header_only: bool,
}

/// Cross-checks every enum of `bindings` against `index`.
pub fn cross_check(
    bindings: &mut Bindings,
    index: &HeaderIndex,
    options: &Options<'_>,
) -> (HeaderReport, Vec<Diagnostic>) {
    let mut report = HeaderReport::default();
    let mut diagnostics = Vec::new();
    for module in bindings.modules.values_mut() {
        for item in &mut module.enums {
            check_enum(
                item,
                &module.header,
                index,
                options,
                &mut report,
                &mut diagnostics,
            );
        }
    }
    (report, diagnostics)
}

/// The header enum for a page's enum: by type name or alias, else the enum that defines its
/// first enumerator.
fn find<'i>(item: &Enum, index: &'i HeaderIndex) -> Option<(&'i Path, &'i CEnum)> {
    std::iter::once(&item.c_name)
        .chain(&item.aliases)
        .find_map(|name| index.find_enum(name))
        .or_else(|| {
            item.variants
                .iter()
                .find_map(|v| index.find_enumerator(&v.c_name))
                .map(|(path, e, _)| (path, e))
        })
}

fn relative(path: &Path, dirs: &[PathBuf]) -> String {
    dirs.iter()
        .find_map(|d| path.strip_prefix(d).ok())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn check_enum(
    item: &mut Enum,
    req_header: &str,
    index: &HeaderIndex,
    options: &Options<'_>,
    report: &mut HeaderReport,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some((path, header_enum)) = find(item, index) else {
        report.enums_missing += 1;
        return;
    };
    report.enums_found += 1;
    let header_name = relative(path, options.dirs);
    item.header_file = Some(header_name.clone());
    let page = options.docs.join(&item.source);
    let in_header: BTreeMap<&str, &CEnumerator> = header_enum
        .enumerators
        .iter()
        .map(|e| (e.name.as_str(), e))
        .collect();

    let mut page_only = Vec::new();
    for v in &mut item.variants {
        let found = in_header
            .get(v.c_name.as_str())
            .map(|e| (path, *e))
            .or_else(|| index.find_enumerator(&v.c_name).map(|(p, _, e)| (p, e)));
        let Some((where_, enumerator)) = found else {
            // An enumerator the Windows metadata added is not on the page.
            if v.line != 0 {
                page_only.push(v.c_name.clone());
            }
            continue;
        };
        availability_from_condition(v, enumerator);
        match &enumerator.value {
            Ok(value) if v.value_source == ValueSource::Winmd => {
                report.checked += 1;
                let own = precedence::is_own_header(where_, req_header);
                let replaces = precedence::header_replaces(v.value_source, own);
                // `-1` in the metadata's `int` and `0xFFFFFFFF` in a header are one value: the
                // metadata's form stays (its type says the signedness).
                if winmd_map::same_value(v.value, *value, 32)
                    || winmd_map::same_value(v.value, *value, 64)
                {
                    report.agreeing += 1;
                    if replaces {
                        v.value_source = ValueSource::Header;
                    }
                } else {
                    let metadata = item.winmd_type.as_deref().unwrap_or("?");
                    let (used, why) = if replaces {
                        report.corrected += 1;
                        (
                            "the header's value is used",
                            "it is the page's own header (`req.header`)",
                        )
                    } else {
                        report.overruled += 1;
                        (
                            "the metadata's value is used",
                            "the page's `req.header` is another header",
                        )
                    };
                    diagnostics.push(
                        Diagnostic::warning(&page, v.line, format!(
                            "witnesses disagree: `{}` is {} in the Windows metadata type `{metadata}` but {} in {}:{}; {used}, as {why}",
                            v.c_name,
                            v.value,
                            value,
                            where_.display(),
                            enumerator.line
                        ))
                        .with_help("the precedence: the page's own header, then the Windows metadata, then other headers, then the page; override the value in docbind.toml with a reason to choose"),
                    );
                    if replaces {
                        v.value = *value;
                        v.value_source = ValueSource::Header;
                    }
                }
            }
            Ok(value) => {
                report.checked += 1;
                if v.value == *value {
                    report.agreeing += 1;
                } else {
                    report.corrected += 1;
                    if v.value_source != ValueSource::Inferred {
                        diagnostics.push(
                            Diagnostic::warning(&page, v.line, format!(
                                "`{}` is {} on the page but {} in {}:{}; the header's value is used",
                                v.c_name,
                                v.value,
                                value,
                                where_.display(),
                                enumerator.line
                            ))
                            .with_help("correct the page, or override the value in docbind.toml with a reason"),
                        );
                    }
                    v.value = *value;
                }
                v.value_source = ValueSource::Header;
            }
            Err(_) => report.unresolvable += 1,
        }
    }
    report.page_only += page_only.len();
    if !page_only.is_empty() {
        diagnostics.push(Diagnostic::warning(
            &page,
            item.variants
                .iter()
                .find(|v| v.c_name == page_only[0])
                .map_or(0, |v| v.line),
            format!(
                "{} on the page but not in {header_name}: {}",
                "documented",
                page_only.join(", ")
            ),
        ));
    }

    let documented: BTreeSet<&str> = item.variants.iter().map(|v| v.c_name.as_str()).collect();
    let missing: Vec<&CEnumerator> = header_enum
        .enumerators
        .iter()
        .filter(|e| !documented.contains(e.name.as_str()) && e.value.is_ok())
        .collect();
    report.header_only += missing.len();
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|e| e.name.as_str()).collect();
        let what = if options.emit_header_only {
            "added as undocumented values"
        } else {
            "left out"
        };
        diagnostics.push(Diagnostic::warning(
            &page,
            0,
            format!(
                "{} in {header_name} but not on the page ({what}): {}",
                names.len(),
                names.join(", ")
            ),
        ));
        if options.emit_header_only {
            add_header_only(item, &missing, &header_name);
        }
    }
    if item.settle_values().is_none() {
        diagnostics.push(Diagnostic::error(
            &page,
            0,
            "with the header's values, the values do not fit in one 64-bit integer type",
        ));
    }
}

/// Adds header-only enumerators as variants, named like the documented ones.
fn add_header_only(item: &mut Enum, missing: &[&CEnumerator], header_name: &str) {
    let mut names = super::undocumented::Names::new(item);
    for e in missing {
        let Ok(value) = e.value else { continue };
        let Some(name) = names.pick(&e.name) else {
            continue;
        };
        let mut v = Variant {
            name,
            c_name: e.name.clone(),
            value,
            value_source: ValueSource::Header,
            line: 0,
            docs: format!("Not documented on the page; defined in the C header `{header_name}`."),
            availability: Vec::new(),
            alias_of: None,
        };
        availability_from_condition(&mut v, e);
        item.variants.push(v);
    }
}

/// `#if NTDDI_VERSION >= NTDDI_WIN7` around an enumerator becomes "Windows 7 and later".
fn availability_from_condition(v: &mut Variant, e: &CEnumerator) {
    let Some(condition) = &e.condition else {
        return;
    };
    let parsed: Option<Vec<Entry>> = condition
        .split(" && ")
        .map(|clause| {
            windows_build_of(clause).map(|build| {
                Entry::Introduced(Release::Windows(ClientVersion {
                    build,
                    service_pack: 0,
                }))
            })
        })
        .collect();
    let Some(entries) = parsed.filter(|p| !p.is_empty()) else {
        return;
    };
    let text = format!("The C header declares it under `#if {condition}`.");
    if v.availability.iter().all(|n| n.text != text) {
        v.availability.push(AvailabilityNote {
            text,
            parsed: Some(entries),
            scope: None,
            line: v.line,
        });
    }
}

/// The Windows build a version test asks for: `NTDDI_VERSION >= NTDDI_WIN7`, `_WIN32_WINNT >= 0x0601`.
fn windows_build_of(clause: &str) -> Option<u32> {
    let clause = clause.trim().trim_start_matches('(').trim_end_matches(')');
    let (left, right) = clause.split_once(">=")?;
    let (left, right) = (left.trim(), right.trim());
    match left {
        "NTDDI_VERSION" => NTDDI.iter().find(|(n, _)| *n == right).map(|(_, b)| *b),
        "_WIN32_WINNT" | "WINVER" => {
            let v =
                u32::from_str_radix(right.trim_start_matches("0x").trim_start_matches("0X"), 16)
                    .ok()?;
            WINNT.iter().find(|(n, _)| *n == v).map(|(_, b)| *b)
        }
        _ => None,
    }
}

/// `NTDDI_*` names and the build of the release they stand for.
const NTDDI: &[(&str, u32)] = &[
    ("NTDDI_WIN2K", 2195),
    ("NTDDI_WINXP", 2600),
    ("NTDDI_WINXPSP2", 2600),
    ("NTDDI_WS03", 3790),
    ("NTDDI_VISTA", 6000),
    ("NTDDI_VISTASP1", 6001),
    ("NTDDI_WS08", 6001),
    ("NTDDI_WIN7", 7600),
    ("NTDDI_WIN8", 9200),
    ("NTDDI_WINBLUE", 9600),
    ("NTDDI_WINTHRESHOLD", 10240),
    ("NTDDI_WIN10", 10240),
    ("NTDDI_WIN10_TH2", 10586),
    ("NTDDI_WIN10_RS1", 14393),
    ("NTDDI_WIN10_RS2", 15063),
    ("NTDDI_WIN10_RS3", 16299),
    ("NTDDI_WIN10_RS4", 17134),
    ("NTDDI_WIN10_RS5", 17763),
    ("NTDDI_WIN10_19H1", 18362),
    ("NTDDI_WIN10_VB", 19041),
    ("NTDDI_WIN10_MN", 19042),
    ("NTDDI_WIN10_FE", 20348),
    ("NTDDI_WIN10_CO", 22000),
    ("NTDDI_WIN10_NI", 22621),
];

/// `_WIN32_WINNT` values and the build of the release they stand for.
const WINNT: &[(u32, u32)] = &[
    (0x0500, 2195),
    (0x0501, 2600),
    (0x0502, 3790),
    (0x0600, 6000),
    (0x0601, 7600),
    (0x0602, 9200),
    (0x0603, 9600),
    (0x0A00, 10240),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_conditions() {
        assert_eq!(windows_build_of("NTDDI_VERSION >= NTDDI_WIN7"), Some(7600));
        assert_eq!(windows_build_of("(_WIN32_WINNT >= 0x0600)"), Some(6000));
        assert_eq!(windows_build_of("NTDDI_VERSION < NTDDI_WIN7"), None);
        assert_eq!(windows_build_of("defined(FOO)"), None);
    }
}
