//! The build-script front end, in the manner of prost-build.

use crate::Diagnostic;
use crate::config::{Config, NameStyle};
use crate::error::Error;
use crate::layout::Layout;
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
    rerun_if_changed: bool,
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
            rerun_if_changed: true,
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
        Ok(config)
    }

    /// Whether to print `cargo:rerun-if-changed` for the docs tree and every page (default true).
    pub fn emit_rerun_if_changed(mut self, yes: bool) -> Self {
        self.rerun_if_changed = yes;
        self
    }

    /// Generates the file; returns its path. Warnings are printed as `cargo:warning=` lines;
    /// on error nothing is written and the error lists every problem.
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
        let result = self
            .effective_config()
            .and_then(|config| crate::load(&self.docs, &config));
        if self.rerun_if_changed {
            println!("cargo:rerun-if-changed={}", self.docs.display());
            if let Ok(loaded) = &result {
                for input in &loaded.inputs {
                    println!("cargo:rerun-if-changed={}", input.display());
                }
            }
        }
        let loaded = result?;
        for d in loaded.diagnostics.iter().filter(|d| !d.is_error()) {
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
            Error::single(Diagnostic::error(
                &out_dir,
                0,
                format!("cannot write the generated file: {e}"),
            ))
        })?;
        Ok(out_dir.join(&self.file_name))
    }
}
