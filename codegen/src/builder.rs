//! The build-script front end, in the manner of prost-build.

use crate::config::{Config, NameStyle};
use crate::config::{EnumOverride, ValueOverride};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::model::EnumStyle;
use crate::output::layout::Layout;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Generates Rust from a docs tree into `OUT_DIR`, for a `build.rs`.
///
/// ```no_run
/// // build.rs, in `fn main()`:
/// docbind::Builder::new("docs")
///     .base_url("https://learn.microsoft.com")
///     .generate()
///     .expect("docbind");
/// ```
///
/// Then, in the crate: `include!(concat!(env!("OUT_DIR"), "/docbind.rs"));`
///
/// Every setting of `docbind.toml` has a method; they apply on top of the file:
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = std::env::temp_dir().join(format!("docbind-doc-builder-{}", std::process::id()));
/// let docs = dir.join("docs");
/// std::fs::create_dir_all(&docs)?;
/// std::fs::write(
///     docs.join("ne-bits-job_type.md"),
///     "---\nUID: NE:bits.JOB_TYPE\nreq.header: bits.h\nreq.typenames: JOB_TYPE\n---\n\n\
///      ## -enum-fields\n\n### -field JOB_TYPE_DOWNLOAD\nDownloads.\n\n\
///      ### -field JOB_TYPE_UPLOAD\nUploads.\n",
/// )?;
///
/// let file = docbind::Builder::new(&docs)
///     .out_dir(dir.join("out"))
///     .emit_rerun_if_changed(false)
///     .rename_enum("JOB_TYPE", "JobKind")
///     .rename_variant("JOB_TYPE", "JOB_TYPE_UPLOAD", "Send")
///     .variant_value("JOB_TYPE", "JOB_TYPE_UPLOAD", 5, "bits.h says 5")
///     .generate()?;
/// let text = std::fs::read_to_string(file)?;
/// assert!(text.contains("pub enum JobKind {"));
/// assert!(text.contains("Send = 5,"));
/// assert!(text.contains("bits.h says 5"));
///
/// // A setting that names nothing is an error, and nothing is written.
/// let error = docbind::Builder::new(&docs)
///     .out_dir(dir.join("out2"))
///     .emit_rerun_if_changed(false)
///     .rename_enum("JOB_TYPO", "JobKind")
///     .generate()
///     .unwrap_err();
/// assert!(error.diagnostics[0].message.contains("no enum has the C name `JOB_TYPO`"));
/// assert!(!dir.join("out2").exists());
/// std::fs::remove_dir_all(&dir)?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    docs: PathBuf,
    out_dir: Option<PathBuf>,
    file_name: String,
    config: Option<Config>,
    base_url: Option<String>,
    docs_path: Option<Option<String>>,
    names: Option<NameStyle>,
    header_dirs: Vec<PathBuf>,
    winmd: Vec<PathBuf>,
    rerun_if_changed: bool,
    header_only_variants: Option<bool>,
    enum_style: Option<EnumStyle>,
    enums: BTreeMap<String, EnumOverride>,
    non_exhaustive: Option<bool>,
    modules: BTreeMap<String, String>,
    strict: Option<bool>,
}

impl Builder {
    /// A builder for the pages under `docs` (relative to the crate root, as build scripts run there).
    pub fn new(docs: impl Into<PathBuf>) -> Self {
        Builder {
            docs: docs.into(),
            out_dir: None,
            file_name: "docbind.rs".to_string(),
            config: None,
            base_url: None,
            docs_path: None,
            names: None,
            header_dirs: Vec::new(),
            winmd: Vec::new(),
            rerun_if_changed: true,
            header_only_variants: None,
            enum_style: None,
            enums: BTreeMap::new(),
            non_exhaustive: None,
            modules: BTreeMap::new(),
            strict: None,
        }
    }

    /// Where to write (default: the `OUT_DIR` cargo gives build scripts).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The name of the generated file (default `docbind.rs`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = name.into();
        self
    }

    /// Base URL for root-relative links (default `https://learn.microsoft.com`).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Path under the base URL where the docs tree is published (default
    /// `windows-hardware/drivers/ddi`); `None` leaves pages without a URL.
    pub fn docs_path(mut self, path: Option<&str>) -> Self {
        self.docs_path = Some(path.map(str::to_string));
        self
    }

    /// How Rust names are made from C names.
    pub fn names(mut self, style: NameStyle) -> Self {
        self.names = Some(style);
        self
    }

    /// A C header directory whose enum definitions check (and win over) the pages' values;
    /// may be called several times.
    pub fn header_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.header_dirs.push(dir.into());
        self
    }

    /// A Windows metadata file (`Windows.Win32.winmd`) whose enums check (and win over) the
    /// pages' values, matched by C type and enumerator names (`winmd = [...]` in
    /// `docbind.toml`); may be called several times. Needs docbind's `winmd` feature: without
    /// it, [`generate`](Self::generate) fails with an error saying to enable it.
    ///
    /// When headers are given too, the page's own header (`req.header`) wins over the
    /// metadata, and the metadata over other headers; every disagreement is a warning.
    pub fn winmd(mut self, file: impl Into<PathBuf>) -> Self {
        self.winmd.push(file.into());
        self
    }

    /// Whether enumerators only a header (or the Windows metadata) defines become
    /// (undocumented) variants (`header-only-variants` in `docbind.toml`; default true).
    pub fn header_only_variants(mut self, yes: bool) -> Self {
        self.header_only_variants = Some(yes);
        self
    }

    /// The Rust shape of the enums (`enum-style` in `docbind.toml`; default
    /// [`EnumStyle::Rust`]; enums that look like bit flags become [`EnumStyle::Flags`] when
    /// this is `Rust` or `Newtype`).
    pub fn enum_style(mut self, style: EnumStyle) -> Self {
        self.enum_style = Some(style);
        self
    }

    /// Names the Rust type of the enum whose C type name is `c_type` (`rename` in
    /// `[enums.BG_JOB_TYPE]`).
    ///
    /// ```
    /// let builder = docbind::Builder::new("docs")
    ///     .rename_enum("BG_JOB_TYPE", "JobKind")
    ///     .rename_variant("BG_JOB_TYPE", "BG_JOB_TYPE_UPLOAD", "Send")
    ///     .variant_value("BG_JOB_TYPE", "BG_JOB_TYPE_UPLOAD_REPLY", 5, "the header says 5");
    /// # let _ = builder;
    /// ```
    pub fn rename_enum(mut self, c_type: &str, rust_name: &str) -> Self {
        self.enums.entry(c_type.to_string()).or_default().rename = Some(rust_name.to_string());
        self
    }

    /// Names the Rust variant of the enumerator `c_name` of `c_type` (`rename` in
    /// `[enums.BG_JOB_TYPE.variants.BG_JOB_TYPE_UPLOAD]`).
    pub fn rename_variant(mut self, c_type: &str, c_name: &str, rust_name: &str) -> Self {
        self.variant(c_type, c_name).rename = Some(rust_name.to_string());
        self
    }

    /// Sets the value of the enumerator `c_name` of `c_type`, over what the page says, and says
    /// why (`value` and `reason` in `[enums.BG_JOB_TYPE.variants.BG_JOB_TYPE_UPLOAD]`); the
    /// variant's docs repeat the reason.
    pub fn variant_value(
        mut self,
        c_type: &str,
        c_name: &str,
        value: i128,
        reason: impl Into<String>,
    ) -> Self {
        self.variant(c_type, c_name).value = Some(ValueOverride {
            value,
            reason: reason.into(),
        });
        self
    }

    fn variant(&mut self, c_type: &str, c_name: &str) -> &mut crate::config::VariantOverride {
        self.enums
            .entry(c_type.to_string())
            .or_default()
            .variants
            .entry(c_name.to_string())
            .or_default()
    }

    /// All settings at once, instead of reading `docbind.toml` from the docs root.
    /// Settings made with the other methods still apply on top.
    pub fn config(mut self, config: Config) -> Self {
        self.config = Some(config);
        self
    }

    /// The settings in force: the given configuration (or `docbind.toml` at the docs root, or
    /// the defaults), with the builder's own settings on top.
    fn effective_config(&self) -> Result<Config, Error> {
        let mut config = match &self.config {
            Some(config) => config.clone(),
            None => Config::discover(&self.docs)?,
        };
        if let Some(url) = &self.base_url {
            config.base_url = url.clone();
        }
        if let Some(path) = &self.docs_path {
            config.docs_path = path.clone();
        }
        if let Some(names) = self.names {
            config.names = names;
        }
        config.header_dirs.extend(self.header_dirs.iter().cloned());
        config.winmd.extend(self.winmd.iter().cloned());
        if let Some(yes) = self.header_only_variants {
            config.header_only_variants = yes;
        }
        if let Some(style) = self.enum_style {
            config.enum_style = style;
        }
        if let Some(yes) = self.non_exhaustive {
            config.non_exhaustive = yes;
        }
        if let Some(yes) = self.strict {
            config.strict = yes;
        }
        for (header, module) in &self.modules {
            if crate::naming::module_name(module) != *module {
                return Err(Error::single(Diagnostic::error(
                    Path::new("Builder::module_for_header"),
                    0,
                    format!("`{module}` cannot be a module name (for `{header}`)"),
                )));
            }
            config
                .modules
                .insert(header.to_ascii_lowercase(), module.clone());
        }
        for (c_type, settings) in &self.enums {
            let target = config.enums.entry(c_type.clone()).or_default();
            if settings.rename.is_some() {
                target.rename.clone_from(&settings.rename);
            }
            if settings.style.is_some() {
                target.style = settings.style;
            }
            for (c_name, v) in &settings.variants {
                let t = target.variants.entry(c_name.clone()).or_default();
                if v.rename.is_some() {
                    t.rename.clone_from(&v.rename);
                }
                if v.value.is_some() {
                    t.value.clone_from(&v.value);
                }
            }
        }
        Ok(config)
    }

    /// Whether to print `cargo:rerun-if-changed` for the docs tree and every page (default true).
    pub fn emit_rerun_if_changed(mut self, yes: bool) -> Self {
        self.rerun_if_changed = yes;
        self
    }

    /// Generates the file; returns its path. Warnings are printed as `cargo:warning=` lines
    /// (by default, a page that cannot be bound is one of them: it is left out, and the rest
    /// is written); on error (with [`Builder::strict`], any page defect) nothing is written and
    /// the error lists every problem.
    pub fn generate(&self) -> Result<PathBuf, Error> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::single(
                        Diagnostic::error(Path::new("OUT_DIR"), 0, "OUT_DIR is not set")
                            .with_help("run from a build script, or call `.out_dir(...)`"),
                    )
                })?,
        };
        let layout = Layout::SingleFile {
            name: self.file_name.clone(),
        };
        let config = self.effective_config();
        let result = config
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|config| crate::load(&self.docs, config));
        if self.rerun_if_changed {
            println!("cargo:rerun-if-changed={}", self.docs.display());
            if let Ok(loaded) = &result {
                for input in &loaded.inputs {
                    println!("cargo:rerun-if-changed={}", input.display());
                }
            }
            // The metadata files are inputs too.
            for file in config.iter().flat_map(|c| &c.winmd) {
                println!("cargo:rerun-if-changed={}", file.display());
            }
        }
        let loaded = result?;
        for d in loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Warning)
        {
            for line in d.to_string().lines() {
                println!("cargo:warning={line}");
            }
        }
        if loaded.has_errors() {
            return Err(Error {
                diagnostics: loaded.diagnostics,
            });
        }
        let files = crate::render(&loaded.bindings, &layout)?;
        crate::write(&out_dir, &files).map_err(|e| {
            Error::single(
                Diagnostic::error(&out_dir, 0, format!("cannot write the generated file: {e}"))
                    .with_code(crate::diagnostic::Code::Output),
            )
        })?;
        Ok(out_dir.join(&self.file_name))
    }

    /// The style of the enum whose C type name is `c_type` (`style` in `[enums.BG_JOB_TYPE]`),
    /// whatever the global style and the flags detection say.
    pub fn enum_style_for(mut self, c_type: &str, style: EnumStyle) -> Self {
        self.enums.entry(c_type.to_string()).or_default().style = Some(style);
        self
    }

    /// Whether `rust`-style enums are marked `#[non_exhaustive]` (`non-exhaustive` in
    /// `docbind.toml`; default true).
    pub fn non_exhaustive(mut self, yes: bool) -> Self {
        self.non_exhaustive = Some(yes);
        self
    }

    /// Whether every page defect is an error (`strict` in `docbind.toml`; default false).
    ///
    /// By default, for a docs tree you do not own, a page that cannot be bound is left out
    /// with a `cargo:warning=` and the rest is generated. Strict, for a tree you own and fix:
    /// any page defect (a page left out, or read by assuming what it meant) fails the build
    /// and nothing is written.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = std::env::temp_dir().join(format!("docbind-doc-strict-{}", std::process::id()));
    /// let docs = dir.join("docs");
    /// std::fs::create_dir_all(&docs)?;
    /// let page = |name: &str, field: &str| {
    ///     format!("---\nUID: NE:demo.{name}\nreq.header: demo.h\nreq.typenames: {name}\n---\n\
    ///              ## -enum-fields\n{field}\n")
    /// };
    /// std::fs::write(docs.join("ne-demo-good.md"), page("GOOD", "### -field GOOD_A"))?;
    /// std::fs::write(docs.join("ne-demo-stub.md"), page("STUB", ""))?; // no fields
    ///
    /// // By default the stub is left out with a warning; GOOD is written.
    /// let builder = docbind::Builder::new(&docs).emit_rerun_if_changed(false);
    /// let file = builder.clone().out_dir(dir.join("lenient")).generate()?;
    /// assert!(std::fs::read_to_string(file)?.contains("pub enum Good {"));
    ///
    /// // Strict: the stub is an error, and nothing is written.
    /// let error = builder.strict(true).out_dir(dir.join("strict")).generate().unwrap_err();
    /// assert_eq!(error.diagnostics[0].message, "the page documents no enumerators");
    /// assert!(!dir.join("strict").exists());
    /// std::fs::remove_dir_all(&dir)?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn strict(mut self, yes: bool) -> Self {
        self.strict = Some(yes);
        self
    }

    /// Puts the enums of the C header `header` (its file name, e.g. `61883.h`) into the Rust
    /// module `module` instead of the one named after the file (`[modules]` in `docbind.toml`).
    pub fn module_for_header(
        mut self,
        header: impl Into<String>,
        module: impl Into<String>,
    ) -> Self {
        self.modules.insert(header.into(), module.into());
        self
    }
}
