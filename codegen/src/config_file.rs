//! `docbind.toml`: the settings a project writes down once, at the root of its docs tree.

use crate::config::{Config, NameStyle};
use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::path::Path;

/// The file name looked for at the docs root.
pub const FILE_NAME: &str = "docbind.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    base_url: Option<String>,
    docs_path: Option<String>,
    names: Option<Names>,
    header_dirs: Option<Vec<String>>,
    header_only_variants: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Names {
    Idiomatic,
    C,
}

/// Applies the settings of the file at `path` over `config`.
pub fn apply(path: &Path, text: &str, config: &mut Config) -> Result<(), Diagnostic> {
    let file: File = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |span| line_col(text, span.start));
        Diagnostic::error(
            path,
            line,
            format!("invalid configuration: {}", e.message()),
        )
        .at_column(column)
        .with_source(text)
        .with_help("known keys: base-url, docs-path, names (\"idiomatic\" or \"c\"), header-dirs, header-only-variants")
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
    if let Some(names) = file.names {
        config.names = match names {
            Names::Idiomatic => NameStyle::Idiomatic,
            Names::C => NameStyle::C,
        };
    }
    Ok(())
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

/// The configuration for a docs tree: defaults, then `docbind.toml` at its root if present.
pub fn discover(docs: &Path) -> Result<Config, Diagnostic> {
    let mut config = Config::default();
    let path = docs.join(FILE_NAME);
    match std::fs::read_to_string(&path) {
        Ok(text) => apply(&path, &text, &mut config)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Diagnostic::error(&path, 0, format!("cannot read: {e}"))),
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_and_rejects_unknown_ones_with_the_line() {
        let mut config = Config::default();
        apply(
            Path::new("docbind.toml"),
            "base-url = \"https://example.org\"\nnames = \"c\"\n",
            &mut config,
        )
        .unwrap();
        assert_eq!(config.base_url, "https://example.org");
        assert_eq!(config.names, NameStyle::C);
        let err = apply(
            Path::new("docbind.toml"),
            "names = \"c\"\nbase-ulr = \"x\"\n",
            &mut config,
        )
        .unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("base-ulr"), "{err}");
    }
}
