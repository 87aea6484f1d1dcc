//! The settings, as data: [`Config`] and the per-enum overrides it holds.

use crate::model::{Enum, EnumStyle};

/// How Rust names are made from C names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NameStyle {
    /// `BG_JOB_TYPE_UPLOAD` → `BgJobType::Upload` (shared prefix stripped, UpperCamelCase).
    #[default]
    Idiomatic,
    /// C names kept verbatim: `BG_JOB_TYPE::BG_JOB_TYPE_UPLOAD`.
    C,
}

/// Generator settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Base URL that root-relative links (`/windows-hardware/...`) are resolved against.
    pub base_url: String,
    /// Path under `base_url` where the docs tree is published; a page's URL is
    /// `base_url/docs_path/<header>/<stem>`. `None`: pages get no URL.
    pub docs_path: Option<String>,
    /// How names are made.
    pub names: NameStyle,
    /// C header directories whose enum definitions check (and win over) the pages' values.
    pub header_dirs: Vec<std::path::PathBuf>,
    /// Whether enumerators only a header defines become (undocumented) variants.
    /// The same goes for enumerators only the Windows metadata defines.
    pub header_only_variants: bool,
    /// Windows metadata files (`Windows.Win32.winmd`) whose enums check (and win over) the
    /// pages' values (`--winmd`, `winmd = [...]`). Reading them needs docbind's `winmd`
    /// feature: without it, a non-empty list is an error.
    pub winmd: Vec<std::path::PathBuf>,
    /// Whether `docbind lint` reports every inferred value (C's rule, no witness confirming
    /// it) as an error (`deny-inferred`, `--deny-inferred`).
    pub deny_inferred: bool,
    /// The Rust shape of enums (`enum-style`, default [`EnumStyle::Rust`]). Enums that look like
    /// bit flags get [`EnumStyle::Flags`] when this is `Rust` or `Newtype`; see
    /// [`Config::style_for`].
    pub enum_style: EnumStyle,
    /// Renames, value overrides and styles, keyed by the enum's C type name (`[enums.BG_JOB_TYPE]`).
    pub enums: std::collections::BTreeMap<String, super::overrides::EnumOverride>,
    /// Whether [`EnumStyle::Rust`] enums are marked `#[non_exhaustive]` (default `true`), so
    /// that a value added to the documentation is not a breaking change for other crates.
    pub non_exhaustive: bool,
    /// The module layout: the Rust module of each C header, keyed by the header's file name in
    /// lowercase (`[modules] "61883.h" = "ieee61883"`). Headers not listed get a module named
    /// after the file (`bits.h` → `bits`, `61883.h` → `h61883`).
    pub modules: std::collections::BTreeMap<String, String>,
    /// Whether every page defect is an error (`strict`, default `false`).
    ///
    /// By default (for a docs tree you do not own) a page that cannot be bound is left out
    /// with a warning, a page docbind can read by assuming what it meant is read with a
    /// warning saying what, and everything else is written. Strict (for a tree you own, whose
    /// pages you fix): both are errors, and nothing is written. Errors of the run (the
    /// configuration, the docs root, nothing left to write) stop it in both modes; pages of
    /// other kinds never do.
    pub strict: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_url: "https://learn.microsoft.com".to_string(),
            docs_path: Some("windows-hardware/drivers/ddi".to_string()),
            names: NameStyle::Idiomatic,
            header_dirs: Vec::new(),
            header_only_variants: true,
            winmd: Vec::new(),
            deny_inferred: false,
            enum_style: EnumStyle::Rust,
            enums: Default::default(),
            non_exhaustive: true,
            modules: Default::default(),
            strict: false,
        }
    }
}

impl Config {
    /// The published URL prefix of the docs tree (`https://learn.microsoft.com/windows-hardware/drivers/ddi`).
    pub fn docs_url(&self) -> String {
        let base = self.base_url.trim_end_matches('/');
        match &self.docs_path {
            Some(path) => format!("{base}/{}", path.trim_matches('/')),
            None => base.to_string(),
        }
    }

    /// The style `e` is emitted in: the `style` of its `[enums.C_TYPE_NAME]` table; else
    /// `Flags` when it looks like flags and the global style is `Rust` or `Newtype` (neither
    /// can hold `A | B`); else the global style.
    pub fn style_for(&self, e: &Enum) -> EnumStyle {
        match self.enums.get(&e.c_name).and_then(|o| o.style) {
            Some(style) => style,
            None if e.looks_like_flags
                && matches!(self.enum_style, EnumStyle::Rust | EnumStyle::Newtype) =>
            {
                EnumStyle::Flags
            }
            None => self.enum_style,
        }
    }
}
