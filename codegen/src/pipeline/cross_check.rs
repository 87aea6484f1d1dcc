//! The witness step: the model's enums checked against the enums of the Windows metadata and of
//! the C headers, when metadata files or header directories are given (see [`crate::witness`]).

use super::types::Loaded;
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::witness::headers;
use crate::witness::scan::HeaderIndex;
use std::path::Path;

/// Scans `config.header_dirs` and checks the model in `out` against them, adding the report and
/// the diagnostics (or the error that the directories cannot be read).
pub(super) fn check_headers(out: &mut Loaded, docs: &Path, config: &Config) {
    let index = match HeaderIndex::scan(&config.header_dirs) {
        Ok(index) => index,
        Err(e) => {
            let dirs: Vec<String> = config
                .header_dirs
                .iter()
                .map(|d| d.display().to_string())
                .collect();
            out.diagnostics.push(
                Diagnostic::error(
                    dirs.join(", "),
                    0,
                    format!("cannot read the header directories: {e}"),
                )
                .with_code(Code::HeaderDirs)
                .with_help(
                    "--header-dir (or header-dirs in docbind.toml) must name readable directories",
                ),
            );
            return;
        }
    };
    let options = headers::Options {
        dirs: &config.header_dirs,
        docs,
        emit_header_only: config.header_only_variants,
    };
    let (report, diagnostics) = headers::cross_check(&mut out.bindings, &index, &options);
    // What the headers say about a page is a warning, or an error that leaves the page out.
    out.diagnostics
        .extend(diagnostics.into_iter().map(|d| match d.code {
            Some(_) => d,
            None if d.is_error() => d.with_code(Code::HeaderValues),
            None => d.with_code(Code::HeaderCheck),
        }));
    out.headers = Some(report);
}

/// Reads `config.winmd` and checks the model in `out` against it, adding the report and the
/// diagnostics (or the error that the files cannot be read, or that the `winmd` feature is off).
/// Runs before [`check_headers`]: see `witness::precedence`.
pub(super) fn check_winmd(out: &mut Loaded, docs: &Path, config: &Config) {
    let (report, diagnostics) =
        crate::witness::winmd_map::check_files(&mut out.bindings, docs, config);
    // What the metadata says about a page is a warning; an error is about the files.
    out.diagnostics
        .extend(diagnostics.into_iter().map(|d| match d.code {
            Some(_) => d,
            None if d.is_error() => d.with_code(Code::WinmdFiles),
            None => d.with_code(Code::WinmdCheck),
        }));
    out.winmd = report;
}
