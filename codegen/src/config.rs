//! Settings a project chooses once.

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
    pub header_only_variants: bool,
    /// The enum style (`enum-style`: `rust`, `newtype`, `consts` or `flags`); `None`: the default.
    pub enum_style: Option<String>,
    /// Renames and value overrides, keyed by the enum's C type name (`[enums.BG_JOB_TYPE]`).
    pub enums: std::collections::BTreeMap<String, crate::overrides::EnumOverride>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_url: "https://learn.microsoft.com".to_string(),
            docs_path: Some("windows-hardware/drivers/ddi".to_string()),
            names: NameStyle::Idiomatic,
            header_dirs: Vec::new(),
            header_only_variants: true,
            enum_style: None,
            enums: Default::default(),
        }
    }
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
    /// assert_eq!(config.names, docbind::NameStyle::C);
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
        crate::config_file::discover(docs).map_err(crate::Error::single)
    }

    /// The defaults, overridden by the configuration file at `path` (which must exist).
    pub fn from_file(path: &std::path::Path) -> Result<Config, crate::Error> {
        crate::config_file::from_file(path).map_err(crate::Error::single)
    }

    /// The published URL prefix of the docs tree (`https://learn.microsoft.com/windows-hardware/drivers/ddi`).
    pub fn docs_url(&self) -> String {
        let base = self.base_url.trim_end_matches('/');
        match &self.docs_path {
            Some(path) => format!("{base}/{}", path.trim_matches('/')),
            None => base.to_string(),
        }
    }
}
