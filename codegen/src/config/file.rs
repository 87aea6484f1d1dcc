//! `docbind.toml`: the settings a project writes down once, at the root of its docs tree.

use crate::c::written::{self, Written};
use crate::config::{Config, NameStyle};
use crate::config::{EnumOverride, Origin, ValueOverride, VariantOverride};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::EnumStyle;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// The file name looked for at the docs root.
pub const FILE_NAME: &str = "docbind.toml";

/// What the `help:` line of a configuration error lists.
const KNOWN_KEYS: &str = "known keys: base-url, docs-path, names (\"idiomatic\" or \"c\"), \
     header-dirs, header-only-variants, winmd, deny-inferred, enum-style, non-exhaustive, and [enums.C_TYPE_NAME] tables \
     with rename and style and [enums.C_TYPE_NAME.variants.C_NAME] tables with rename, value and reason, \
     and a [modules] table mapping header file names to module names, and strict (true: every page defect is an error)";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    base_url: Option<String>,
    docs_path: Option<String>,
    names: Option<Names>,
    header_dirs: Option<Vec<String>>,
    header_only_variants: Option<bool>,
    winmd: Option<Vec<String>>,
    deny_inferred: Option<bool>,
    enum_style: Option<Spanned<String>>,
    #[serde(default)]
    enums: BTreeMap<Spanned<String>, EnumTable>,
    non_exhaustive: Option<bool>,
    #[serde(default)]
    modules: BTreeMap<String, Spanned<String>>,
    strict: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Names {
    Idiomatic,
    C,
}

/// `[enums.BG_JOB_TYPE]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnumTable {
    rename: Option<String>,
    #[serde(default)]
    variants: BTreeMap<Spanned<String>, VariantTable>,
    #[serde(default)]
    style: Option<EnumStyle>,
}

/// `[enums.BG_JOB_TYPE.variants.BG_JOB_TYPE_UPLOAD]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VariantTable {
    rename: Option<String>,
    value: Option<Spanned<toml::Value>>,
    reason: Option<Spanned<String>>,
}

/// An error at byte range `span` of the file.
fn error_at(path: &Path, text: &str, span: Range<usize>, message: String) -> Diagnostic {
    let (line, column) = line_col(text, span.start);
    Diagnostic::error(path, line, message)
        .with_code(Code::Config)
        .at_column(column)
        .with_source(text)
}

/// Applies the settings of the file at `path` over `config`.
pub fn apply(path: &Path, text: &str, config: &mut Config) -> Result<(), Diagnostic> {
    let file: File = toml::from_str(text).map_err(|e| {
        let d = match e.span() {
            Some(span) => error_at(
                path,
                text,
                span,
                format!("invalid configuration: {}", e.message()),
            ),
            None => Diagnostic::error(path, 0, format!("invalid configuration: {}", e.message()))
                .with_code(Code::Config),
        };
        d.with_help(KNOWN_KEYS)
    })?;
    if let Some(url) = file.base_url {
        config.base_url = url;
    }
    if let Some(path) = file.docs_path {
        config.docs_path = Some(path).filter(|p| !p.is_empty());
    }
    if let Some(dirs) = file.header_dirs {
        // Relative to the directory of the configuration file.
        let base = path.parent().unwrap_or(Path::new(""));
        config.header_dirs = dirs.iter().map(|d| base.join(d)).collect();
    }
    if let Some(yes) = file.header_only_variants {
        config.header_only_variants = yes;
    }
    if let Some(files) = file.winmd {
        // Relative to the directory of the configuration file, like `header-dirs`.
        let base = path.parent().unwrap_or(Path::new(""));
        config.winmd = files.iter().map(|f| base.join(f)).collect();
    }
    if let Some(yes) = file.deny_inferred {
        config.deny_inferred = yes;
    }
    for (header, module) in file.modules {
        // A module name must be what docbind itself would make of a header name: a plain
        // snake_case identifier, not a keyword, not a crate root's file name.
        if crate::naming::module_name(module.get_ref()) != *module.get_ref() {
            let message = format!(
                "`{}` cannot be a module name: use lowercase letters, digits and `_`, not starting with a digit, no keyword, not `lib` or `main`",
                module.get_ref()
            );
            return Err(error_at(path, text, module.span(), message));
        }
        config
            .modules
            .insert(header.to_ascii_lowercase(), module.into_inner());
    }
    if let Some(names) = file.names {
        config.names = match names {
            Names::Idiomatic => NameStyle::Idiomatic,
            Names::C => NameStyle::C,
        };
    }
    if let Some(style) = file.enum_style {
        config.enum_style = style.get_ref().parse().map_err(|_| {
            let styles: Vec<&str> = EnumStyle::ALL.iter().map(|s| s.as_str()).collect();
            error_at(
                path,
                text,
                style.span(),
                format!(
                    "invalid configuration: unknown enum style `{}`",
                    style.get_ref()
                ),
            )
            .with_help(format!("enum-style is one of: {}", styles.join(", ")))
        })?;
    }
    if let Some(yes) = file.non_exhaustive {
        config.non_exhaustive = yes;
    }
    if let Some(yes) = file.strict {
        config.strict = yes;
    }
    for (c_name, table) in file.enums {
        let origin = Some(Origin {
            file: path.to_path_buf(),
            line: line_col(text, c_name.span().start).0,
        });
        let mut variants = BTreeMap::new();
        for (v_name, v) in table.variants {
            let v_origin = Origin {
                file: path.to_path_buf(),
                line: line_col(text, v_name.span().start).0,
            };
            let value = match (v.value, v.reason) {
                (None, None) => None,
                (Some(value), Some(reason)) if !reason.get_ref().trim().is_empty() => {
                    Some(ValueOverride {
                        value: override_value(path, text, &value)?,
                        reason: reason.into_inner(),
                    })
                }
                (Some(_), _) => {
                    return Err(error_at(
                        path,
                        text,
                        v_name.span(),
                        format!(
                            "invalid configuration: the value of `{}` is overridden without a reason",
                            v_name.get_ref()
                        ),
                    )
                    .with_help(
                        "add `reason = \"...\"` saying why the page's value is wrong; the docs repeat it",
                    ));
                }
                (None, Some(reason)) => {
                    return Err(error_at(
                        path,
                        text,
                        reason.span(),
                        "invalid configuration: `reason` without `value`".to_string(),
                    )
                    .with_help(
                        "a reason explains a `value` override; remove it or add the value",
                    ));
                }
            };
            variants.insert(
                v_name.into_inner(),
                VariantOverride {
                    rename: v.rename,
                    value,
                    origin: Some(v_origin),
                },
            );
        }
        config.enums.insert(
            c_name.into_inner(),
            EnumOverride {
                rename: table.rename,
                variants,
                origin,
                style: table.style,
            },
        );
    }
    Ok(())
}

/// `value = 5`, `value = -1` or `value = "0x80000000"` (a C integer or constant expression).
fn override_value(
    path: &Path,
    text: &str,
    value: &Spanned<toml::Value>,
) -> Result<i128, Diagnostic> {
    let parsed = match value.get_ref() {
        toml::Value::Integer(i) => Ok(i128::from(*i)),
        toml::Value::String(s) => match written::parse(s) {
            Ok(Written::Int(v)) => Ok(v),
            _ => written::eval_expr(s, &Default::default()),
        },
        other => Err(format!("a {} is not a value", other.type_str())),
    };
    parsed.map_err(|why| {
        error_at(
            path,
            text,
            value.span(),
            format!("invalid configuration: {why}"),
        )
        .with_help("`value` is an integer (`value = 5`) or a string holding a C integer (`value = \"0x80000000\"`)")
    })
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

/// The configuration for a docs tree: defaults, then `docbind.toml` at its root if present.
pub fn discover(docs: &Path) -> Result<Config, Diagnostic> {
    let path = docs.join(FILE_NAME);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let mut config = Config::default();
            apply(&path, &text, &mut config)?;
            Ok(config)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => {
            Err(Diagnostic::error(&path, 0, format!("cannot read: {e}")).with_code(Code::Config))
        }
    }
}

/// The defaults, then the file at `path`, which must exist.
pub fn from_file(path: &Path) -> Result<Config, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::error(path, 0, format!("cannot read the configuration file: {e}"))
            .with_code(Code::Config)
    })?;
    let mut config = Config::default();
    apply(path, &text, &mut config)?;
    Ok(config)
}

impl Config {
    /// The configuration for the docs tree at `docs`: the defaults, overridden by
    /// `docs/docbind.toml` when that file exists. Unknown keys are errors with their line.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let docs = std::env::temp_dir().join(format!("docbind-doc-config-{}", std::process::id()));
    /// std::fs::create_dir_all(&docs)?;
    /// assert_eq!(docbind::Config::discover(&docs)?, docbind::Config::default());
    ///
    /// std::fs::write(
    ///     docs.join("docbind.toml"),
    ///     "names = \"c\"\n\n[enums.BG_JOB_TYPE]\nrename = \"JobKind\"\n",
    /// )?;
    /// let config = docbind::Config::discover(&docs)?;
    /// assert_eq!(config.names, docbind::config::NameStyle::C);
    /// assert_eq!(config.enums["BG_JOB_TYPE"].rename.as_deref(), Some("JobKind"));
    ///
    /// std::fs::write(docs.join("docbind.toml"), "names = \"c\"\nbase-ulr = \"x\"\n")?;
    /// let error = docbind::Config::discover(&docs).unwrap_err();
    /// assert_eq!(error.diagnostics[0].line, 2);
    /// std::fs::remove_dir_all(&docs)?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn discover(docs: &std::path::Path) -> Result<Config, crate::Error> {
        discover(docs).map_err(crate::Error::single)
    }

    /// The defaults, overridden by the configuration file at `path` (which must exist).
    pub fn from_file(path: &std::path::Path) -> Result<Config, crate::Error> {
        from_file(path).map_err(crate::Error::single)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostic> {
        let mut config = Config::default();
        apply(Path::new("docs/docbind.toml"), text, &mut config).map(|()| config)
    }

    #[test]
    fn reads_keys_and_rejects_unknown_ones_with_the_line() {
        let config = parse("base-url = \"https://example.org\"\nnames = \"c\"\n").unwrap();
        assert_eq!(config.base_url, "https://example.org");
        assert_eq!(config.names, NameStyle::C);
        let err = parse("names = \"c\"\nbase-ulr = \"x\"\n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("base-ulr"), "{err}");
        assert_eq!(err.source_line.as_deref(), Some("base-ulr = \"x\""));
    }

    #[test]
    fn header_dirs_resolve_against_the_file_and_enum_style_is_checked() {
        let config =
            parse("header-dirs = [\"../include\", \"/abs\"]\nenum-style = \"newtype\"\n").unwrap();
        assert_eq!(
            config.header_dirs,
            [Path::new("docs/../include"), Path::new("/abs")]
        );
        assert_eq!(config.enum_style, EnumStyle::Newtype);
        let err = parse("\nenum-style = \"newtipe\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 14), "{err}");
        assert!(err.help.unwrap().contains("rust, newtype, consts, flags"));
    }

    #[test]
    fn winmd_files_resolve_against_the_file_like_header_dirs() {
        let config = parse(
            "winmd = [\"../meta/Windows.Win32.winmd\", \"/abs/Windows.Wdk.winmd\"]\ndeny-inferred = true\n",
        )
        .unwrap();
        assert_eq!(
            config.winmd,
            [
                Path::new("docs/../meta/Windows.Win32.winmd"),
                Path::new("/abs/Windows.Wdk.winmd")
            ]
        );
        assert!(config.deny_inferred);
        assert!(!Config::default().deny_inferred);
        let err = parse("winmd = \"one.winmd\"\n").unwrap_err();
        assert_eq!(err.line, 1, "{err}");
    }

    #[test]
    fn enum_tables_become_overrides_with_their_lines() {
        let text = "[enums.BG_JOB_TYPE]\nrename = \"JobKind\"\n\n\
                    [enums.BG_JOB_TYPE.variants.BG_JOB_TYPE_UPLOAD]\nrename = \"Send\"\nvalue = 5\nreason = \"the header says 5\"\n\
                    [enums.BG_JOB_TYPE.variants.BG_JOB_TYPE_UPLOAD_REPLY]\nvalue = \"0x80000000\"\nreason = \"big\"\n";
        let config = parse(text).unwrap();
        let e = &config.enums["BG_JOB_TYPE"];
        assert_eq!(e.rename.as_deref(), Some("JobKind"));
        assert_eq!(e.origin.as_ref().unwrap().line, 1);
        let v = &e.variants["BG_JOB_TYPE_UPLOAD"];
        assert_eq!(v.rename.as_deref(), Some("Send"));
        assert_eq!(
            v.value,
            Some(ValueOverride {
                value: 5,
                reason: "the header says 5".into()
            })
        );
        assert_eq!(v.origin.as_ref().unwrap().line, 4);
        assert_eq!(
            e.variants["BG_JOB_TYPE_UPLOAD_REPLY"]
                .value
                .as_ref()
                .unwrap()
                .value,
            0x8000_0000
        );
    }

    #[test]
    fn modules_map_headers_to_module_names() {
        let config =
            parse("[modules]\n\"61883.h\" = \"ieee61883\"\n\"Bits.H\" = \"bits_ext\"\n").unwrap();
        assert_eq!(
            config.modules.get("61883.h").map(String::as_str),
            Some("ieee61883")
        );
        assert_eq!(
            config.modules.get("bits.h").map(String::as_str),
            Some("bits_ext")
        );
        for bad in ["\"2x\"", "\"Mod\"", "\"lib\"", "\"a-b\"", "\"self\""] {
            let err = parse(&format!("[modules]\n\"x.h\" = {bad}\n")).unwrap_err();
            assert_eq!(err.line, 2, "{bad}: {err}");
            assert!(err.message.contains("cannot be a module name"), "{err}");
        }
        // And the module is used.
        let page = "---\nUID: NE:61883.X\nreq.header: 61883.h\nreq.typenames: X\n---\n## -enum-fields\n### -field X_A\n";
        let loaded = crate::load_pages([("61883/x.md", page.as_bytes())], &config);
        assert_eq!(
            loaded.bindings.modules.keys().collect::<Vec<_>>(),
            ["ieee61883"]
        );
    }

    #[test]
    fn value_overrides_need_a_reason_and_a_number() {
        let err = parse("[enums.A.variants.A_X]\nvalue = 5\n").unwrap_err();
        assert_eq!(err.line, 1, "{err}");
        assert!(err.message.contains("without a reason"), "{err}");
        let err = parse("[enums.A.variants.A_X]\nreason = \"why\"\n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        let err = parse("[enums.A.variants.A_X]\nvalue = \"A_Y\"\nreason = \"r\"\n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        let err = parse("[enums.A.variants.A_X]\nvalue = 1.5\nreason = \"r\"\n").unwrap_err();
        assert!(err.message.contains("float"), "{err}");
        let err = parse("[enums.A]\nrenme = \"B\"\n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("renme"), "{err}");
    }

    #[test]
    fn reads_non_exhaustive_and_the_style_of_one_enum() {
        let config = Config::default();
        assert_eq!(config.enum_style, EnumStyle::Rust);
        assert!(config.non_exhaustive);
        let config = parse(
            "non-exhaustive = false\n\n[enums.CONTOSO_CAPTURE_FLAGS]\nstyle = \"consts\"\n\n\
             [enums.BG_JOB_TYPE]\nrename = \"JobKind\"\n",
        )
        .unwrap();
        assert!(!config.non_exhaustive);
        assert_eq!(
            config.enums["CONTOSO_CAPTURE_FLAGS"].style,
            Some(EnumStyle::Consts)
        );
        assert_eq!(config.enums["BG_JOB_TYPE"].style, None);
        let err = parse("[enums.X]\nstyle = \"bitflags\"\n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("bitflags"), "{err}");
        let err = parse("[enums.X]\nstyle = \"flags\"\nstlye = \"rust\"\n").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("stlye"), "{err}");
    }
}
