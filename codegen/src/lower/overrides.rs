//! After lowering: the configuration's renames and value overrides, applied to the model.
//!
//! `[enums.BG_JOB_TYPE]` in `docbind.toml` (or [`crate::Builder::rename_enum`] and friends) names
//! an enum by its C type name and its enumerators by their C names. Every setting must match
//! something in the model, every new name must be a Rust identifier that collides with nothing,
//! and every value override carries a reason, which the variant's docs repeat.

use crate::config::Config;
use crate::config::overrides::{EnumOverride, Origin};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Bindings, Enum, ValueSource};
use std::collections::{BTreeMap, BTreeSet};

/// The file name diagnostics give for settings made in code.
const IN_CODE: &str = "<configuration>";

/// Names the generated types use for their own items (in any style); no variant may take them.
const RESERVED: &[&str] = crate::naming::RESERVED;

fn at(origin: Option<&Origin>, message: String) -> Diagnostic {
    match origin {
        Some(o) => Diagnostic::error(&o.file, o.line, message),
        None => Diagnostic::error(IN_CODE, 0, message),
    }
    .with_code(Code::Config)
}

/// Why `name` cannot be a generated item's name, if it cannot.
fn bad_identifier(name: &str) -> Option<String> {
    if let Some(plain) = name.strip_prefix("r#") {
        return Some(format!(
            "`{name}` is a raw identifier; give a plain one (e.g. `{plain}_`)"
        ));
    }
    if syn::parse_str::<syn::Ident>(name).is_err() {
        return Some(if crate::naming::is_keyword(name) || name == "_" {
            format!("`{name}` is a Rust keyword")
        } else {
            format!("`{name}` is not a Rust identifier")
        });
    }
    None
}

/// The closest of `candidates` to `name`, when one is close enough to be a likely typo.
fn suggestion<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.len() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| {
            (
                edit_distance(&name.to_ascii_uppercase(), &c.to_ascii_uppercase()),
                c,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn with_suggestion(d: Diagnostic, what: &str, found: Option<&str>, fallback: &str) -> Diagnostic {
    match found {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help(format!("{what} {fallback}")),
    }
}

/// Applies the renames and value overrides of `config` to `bindings`. Every setting that
/// matches nothing, and every name that is invalid or collides, is an error diagnostic; but a
/// table for a type whose page was left out (one of the C names in `left_out`) only warns
/// that it applies to nothing.
pub fn apply(
    mut bindings: Bindings,
    config: &Config,
    left_out: &BTreeSet<String>,
) -> (Bindings, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    // (module, old Rust name, new Rust name) of every renamed enum, for the links to it.
    let mut renamed: Vec<(String, String, String)> = Vec::new();
    let all_c_names: BTreeSet<String> = bindings.enums().map(|e| e.c_name.clone()).collect();

    for (c_name, settings) in &config.enums {
        let origin = settings.origin.as_ref();
        let mut matched = false;
        for module in bindings.modules.values_mut() {
            for item in module.enums.iter_mut().filter(|e| e.c_name == *c_name) {
                matched = true;
                apply_to_enum(item, settings, &mut diagnostics);
                if let Some(new) = &settings.rename {
                    if bad_identifier(new).is_none() && *new != item.name {
                        renamed.push((module.name.clone(), item.name.clone(), new.clone()));
                        item.name = new.clone();
                    }
                }
            }
        }
        if !matched && left_out.contains(c_name) {
            let d = at(
                origin,
                format!(
                    "`[enums.{c_name}]` applies to nothing: the page of `{c_name}` was left out"
                ),
            );
            diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                code: Some(Code::OverrideLeftOut),
                help: Some(
                    "fix the page (its diagnostics say how); the table applies again then".into(),
                ),
                ..d
            });
        } else if !matched {
            let d = at(
                origin,
                format!("`[enums.{c_name}]`: no enum has the C name `{c_name}`"),
            );
            diagnostics.push(with_suggestion(
                d,
                "the key is the C type name, as a page's `req.typenames` gives it;",
                suggestion(c_name, all_c_names.iter().map(String::as_str)),
                "check the spelling, or remove the table",
            ));
        }
    }

    // Two enums of one module may not end up with one name.
    for module in bindings.modules.values() {
        let mut seen: BTreeMap<&str, &Enum> = BTreeMap::new();
        for item in &module.enums {
            if let Some(first) = seen.insert(&item.name, item) {
                let (renamed_one, other) = if config.enums.contains_key(&item.c_name)
                    && config.enums[&item.c_name].rename.as_deref() == Some(&item.name)
                {
                    (item, first)
                } else {
                    (first, item)
                };
                let origin = config
                    .enums
                    .get(&renamed_one.c_name)
                    .and_then(|s| s.origin.as_ref());
                diagnostics.push(
                    at(
                        origin,
                        format!(
                            "the new name `{}` of `{}` is already the name of `{}` (module `{}`)",
                            renamed_one.name, renamed_one.c_name, other.c_name, module.name
                        ),
                    )
                    .with_help("choose another name in `rename`"),
                );
            }
        }
    }

    if !renamed.is_empty() {
        rewrite_links(&mut bindings, &renamed);
    }
    for module in bindings.modules.values_mut() {
        module.enums.sort_by(|a, b| a.name.cmp(&b.name));
    }
    diagnostics.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    (bindings, diagnostics)
}

/// Variant renames and values of one enum; checks its own new name (the caller renames it).
fn apply_to_enum(item: &mut Enum, settings: &EnumOverride, out: &mut Vec<Diagnostic>) {
    let origin = settings.origin.as_ref();
    if let Some(new) = &settings.rename {
        if let Some(why) = bad_identifier(new) {
            out.push(
                at(
                    origin,
                    format!("`[enums.{}]`: cannot rename to {why}", item.c_name),
                )
                .with_help("`rename` takes a Rust type name, e.g. `rename = \"JobKind\"`"),
            );
        }
    }
    let mut values_changed = false;
    let mut names_changed = false;
    for (c_name, v_settings) in &settings.variants {
        let v_origin = v_settings.origin.as_ref().or(origin);
        let Some(index) = item.variants.iter().position(|v| v.c_name == *c_name) else {
            let d = at(
                v_origin,
                format!(
                    "`[enums.{}.variants.{c_name}]`: `{}` has no enumerator `{c_name}`",
                    item.c_name, item.c_name
                ),
            );
            out.push(with_suggestion(
                d,
                "its enumerators are",
                suggestion(c_name, item.variants.iter().map(|v| v.c_name.as_str())),
                &item
                    .variants
                    .iter()
                    .map(|v| format!("`{}`", v.c_name))
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
            continue;
        };
        if let Some(new) = &v_settings.rename {
            let why = bad_identifier(new).or_else(|| {
                RESERVED
                    .contains(&new.as_str())
                    .then(|| format!("`{new}`, a name the generated code uses for its own items"))
            });
            match why {
                Some(why) => out.push(
                    at(
                        v_origin,
                        format!(
                            "`[enums.{}.variants.{c_name}]`: cannot rename to {why}",
                            item.c_name
                        ),
                    )
                    .with_help("`rename` takes a Rust variant name, e.g. `rename = \"Send\"`"),
                ),
                None => {
                    item.variants[index].name = new.clone();
                    names_changed = true;
                }
            }
        }
        if let Some(value) = &v_settings.value {
            let variant = &mut item.variants[index];
            let was = match variant.value_source {
                ValueSource::Heading => format!("the field heading gives {}", variant.value),
                ValueSource::Body => format!("the field's description gives {}", variant.value),
                ValueSource::Syntax => {
                    format!("the page's C declaration gives {}", variant.value)
                }
                ValueSource::Header => format!("the C header gives {}", variant.value),
                ValueSource::Winmd => {
                    format!("the Windows metadata gives {}", variant.value)
                }
                ValueSource::Inferred => {
                    format!("the page gives none; C's rule gives {}", variant.value)
                }
                ValueSource::Override => format!("an earlier override gave {}", variant.value),
            };
            variant.docs = format!(
                "{}\n\n*Value {} set by the docbind configuration ({was}): {}*",
                variant.docs.trim_end(),
                value.value,
                value.reason.trim()
            );
            variant.value = value.value;
            variant.value_source = ValueSource::Override;
            values_changed = true;
        }
    }

    if values_changed {
        // C's rule again: an inferred value follows the (possibly overridden) one before it.
        let mut previous: Option<i128> = None;
        for v in &mut item.variants {
            if v.value_source == ValueSource::Inferred {
                v.value = previous.map_or(0, |p| p.saturating_add(1));
            }
            previous = Some(v.value);
        }
        if item.settle_values().is_none() {
            out.push(at(
                origin,
                format!(
                    "`[enums.{}]`: with the overridden values, the values do not fit in one 64-bit integer type",
                    item.c_name
                ),
            ));
        }
    }
    if names_changed {
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for v in &item.variants {
            if let Some(first) = seen.insert(&v.name, &v.c_name) {
                let culprit = [&v.c_name, first].into_iter().find(|c| {
                    settings
                        .variants
                        .get(*c)
                        .is_some_and(|s| s.rename.is_some())
                });
                let v_origin = culprit
                    .and_then(|c| settings.variants[c].origin.as_ref())
                    .or(origin);
                out.push(
                    at(
                        v_origin,
                        format!(
                            "`{}`: `{}` and `{}` would both be named `{}`",
                            item.c_name, first, v.c_name, v.name
                        ),
                    )
                    .with_help("choose another name in `rename`"),
                );
            }
        }
    }
    if names_changed && !values_changed {
        // `alias_of` names the variant an associated constant stands for.
        item.settle_values();
    }
}

/// Intra-doc links to a renamed enum (`[X](type@super::bits::BgJobType)`) follow the new name.
fn rewrite_links(bindings: &mut Bindings, renamed: &[(String, String, String)]) {
    let pairs: Vec<(String, String)> = renamed
        .iter()
        .flat_map(|(module, old, new)| {
            ["", "type@"].map(|prefix| {
                (
                    format!("]({prefix}super::{module}::{old})"),
                    format!("]({prefix}super::{module}::{new})"),
                )
            })
        })
        .collect();
    let fix = |text: &mut String| {
        for (old, new) in &pairs {
            if text.contains(old.as_str()) {
                *text = text.replace(old.as_str(), new);
            }
        }
    };
    for module in bindings.modules.values_mut() {
        for item in &mut module.enums {
            fix(&mut item.description);
            fix(&mut item.remarks);
            item.see_also.iter_mut().for_each(fix);
            for v in &mut item.variants {
                fix(&mut v.docs);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ValueOverride, VariantOverride};
    use crate::model::{Module, Repr, Variant};

    fn variant(name: &str, c_name: &str, value: i128, source: ValueSource) -> Variant {
        Variant {
            name: name.into(),
            c_name: c_name.into(),
            value,
            value_source: source,
            line: 0,
            docs: format!("The {c_name} value."),
            availability: Vec::new(),
            alias_of: None,
        }
    }

    fn model() -> Bindings {
        let job = Enum {
            name: "BgJobType".into(),
            c_name: "BG_JOB_TYPE".into(),
            aliases: Vec::new(),
            uid: "NE:bits.x".into(),
            source: "bits/ne-bits-x.md".into(),
            module: "bits".into(),
            repr: Repr::I32,
            description: "See [BG_JOB_STATE](type@super::bits::BgJobState).".into(),
            remarks: String::new(),
            see_also: vec!["[BG_JOB_STATE](super::bits::BgJobState)".into()],
            url: None,
            availability: Vec::new(),
            header_file: None,
            winmd_type: None,
            winmd_file: None,
            variants: vec![
                variant("Download", "BG_JOB_TYPE_DOWNLOAD", 0, ValueSource::Inferred),
                variant("Upload", "BG_JOB_TYPE_UPLOAD", 1, ValueSource::Inferred),
                variant(
                    "UploadReply",
                    "BG_JOB_TYPE_UPLOAD_REPLY",
                    2,
                    ValueSource::Inferred,
                ),
            ],
            looks_like_flags: false,
            style: Default::default(),
            non_exhaustive: true,
        };
        let mut state = job.clone();
        state.name = "BgJobState".into();
        state.c_name = "BG_JOB_STATE".into();
        state.description = String::new();
        state.see_also = Vec::new();
        let mut bindings = Bindings::default();
        bindings.modules.insert(
            "bits".into(),
            Module {
                name: "bits".into(),
                header: "bits.h".into(),
                enums: vec![state, job],
            },
        );
        bindings
    }

    fn origin(line: usize) -> Option<Origin> {
        Some(Origin {
            file: "docs/docbind.toml".into(),
            line,
        })
    }

    fn settings(
        rename: Option<&str>,
        variants: &[(&str, Option<&str>, Option<i128>)],
    ) -> EnumOverride {
        EnumOverride {
            rename: rename.map(str::to_string),
            variants: variants
                .iter()
                .enumerate()
                .map(|(i, (c, r, v))| {
                    (
                        c.to_string(),
                        VariantOverride {
                            rename: r.map(str::to_string),
                            value: v.map(|value| ValueOverride {
                                value,
                                reason: "the header says so".into(),
                            }),
                            origin: origin(10 + i),
                        },
                    )
                })
                .collect(),
            origin: origin(3),
            style: None,
        }
    }

    fn run(c_name: &str, s: EnumOverride) -> (Bindings, Vec<Diagnostic>) {
        let mut config = Config::default();
        config.enums.insert(c_name.into(), s);
        apply(model(), &config, &BTreeSet::new())
    }

    fn job(b: &Bindings) -> &Enum {
        b.enums().find(|e| e.c_name == "BG_JOB_TYPE").unwrap()
    }

    #[test]
    fn renames_and_values_apply_and_later_inferred_values_follow() {
        let (b, d) = run(
            "BG_JOB_TYPE",
            settings(
                Some("JobKind"),
                &[("BG_JOB_TYPE_UPLOAD", Some("Send"), Some(5))],
            ),
        );
        assert!(d.is_empty(), "{d:?}");
        let e = job(&b);
        assert_eq!(e.name, "JobKind");
        let names: Vec<_> = e
            .variants
            .iter()
            .map(|v| (v.name.as_str(), v.value))
            .collect();
        assert_eq!(names, [("Download", 0), ("Send", 5), ("UploadReply", 6)]);
        assert_eq!(e.variants[1].value_source, ValueSource::Override);
        assert!(
            e.variants[1].docs.ends_with(
                "*Value 5 set by the docbind configuration (the page gives none; C's rule gives 1): the header says so*"
            ),
            "{}",
            e.variants[1].docs
        );
        // Sorted again by the new name.
        let order: Vec<_> = b.enums().map(|e| e.name.as_str()).collect();
        assert_eq!(order, ["BgJobState", "JobKind"]);
    }

    #[test]
    fn links_follow_a_renamed_enum() {
        let (b, d) = run_state_rename();
        assert!(d.is_empty(), "{d:?}");
        let e = job(&b);
        assert_eq!(
            e.description,
            "See [BG_JOB_STATE](type@super::bits::JobState)."
        );
        assert_eq!(e.see_also, ["[BG_JOB_STATE](super::bits::JobState)"]);
    }

    fn run_state_rename() -> (Bindings, Vec<Diagnostic>) {
        run("BG_JOB_STATE", settings(Some("JobState"), &[]))
    }

    #[test]
    fn a_value_shared_with_an_earlier_variant_makes_an_alias() {
        let (b, d) = run(
            "BG_JOB_TYPE",
            settings(None, &[("BG_JOB_TYPE_UPLOAD_REPLY", None, Some(0))]),
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(job(&b).variants[2].alias_of.as_deref(), Some("Download"));
    }

    #[test]
    fn unknown_names_are_errors_at_their_line_with_a_suggestion() {
        let (_, d) = run("BG_JOB_TYPO", settings(None, &[]));
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].file.to_str(), d[0].line),
            (Some("docs/docbind.toml"), 3)
        );
        assert!(
            d[0].message
                .contains("no enum has the C name `BG_JOB_TYPO`"),
            "{d:?}"
        );
        assert_eq!(d[0].help.as_deref(), Some("did you mean `BG_JOB_TYPE`?"));

        let (_, d) = run(
            "BG_JOB_TYPE",
            settings(None, &[("NOTHING_LIKE_IT", Some("X"), None)]),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, 10);
        assert!(
            d[0].help
                .as_deref()
                .unwrap()
                .contains("`BG_JOB_TYPE_UPLOAD_REPLY`")
        );
    }

    #[test]
    fn bad_and_colliding_names_are_errors() {
        for (name, why) in [
            ("type", "keyword"),
            ("r#type", "raw identifier"),
            ("Job Kind", "not a Rust identifier"),
            ("_", "keyword"),
        ] {
            let (_, d) = run("BG_JOB_TYPE", settings(Some(name), &[]));
            assert_eq!(d.len(), 1, "{name}: {d:?}");
            assert!(d[0].message.contains(why), "{name}: {d:?}");
        }
        let (_, d) = run("BG_JOB_TYPE", settings(Some("BgJobState"), &[]));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.contains("already the name of `BG_JOB_STATE`"),
            "{d:?}"
        );
        assert_eq!(d[0].line, 3);

        let (_, d) = run(
            "BG_JOB_TYPE",
            settings(None, &[("BG_JOB_TYPE_UPLOAD", Some("Download"), None)]),
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.contains("would both be named `Download`"),
            "{d:?}"
        );
        assert_eq!(d[0].line, 10);

        let (_, d) = run(
            "BG_JOB_TYPE",
            settings(None, &[("BG_JOB_TYPE_UPLOAD", Some("C_NAME"), None)]),
        );
        assert_eq!(d.len(), 1, "{d:?}");
    }

    #[test]
    fn a_value_that_needs_a_wider_type_widens_the_repr() {
        let (b, d) = run(
            "BG_JOB_TYPE",
            settings(
                None,
                &[("BG_JOB_TYPE_UPLOAD_REPLY", None, Some(0x8000_0000))],
            ),
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(job(&b).repr, Repr::U32);
    }
}
