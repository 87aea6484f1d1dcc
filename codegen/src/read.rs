//! Stage 1: find the pages under a docs root and read them as text.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// One Markdown file of the docs tree, read into memory.
#[derive(Clone, Debug)]
pub struct SourcePage {
    /// Path relative to the docs root, with forward slashes (`bits/ne-bits-foo.md`).
    pub rel_path: String,
    /// Path as the user sees it (the docs root they named, joined with `rel_path`).
    pub file: PathBuf,
    /// The text, without a byte-order mark.
    pub text: String,
}

/// The `.md` files under a docs root, before they are read.
pub struct Listing {
    /// `(relative path, path as the user sees it)` of every page, sorted.
    pub files: Vec<(String, PathBuf)>,
    /// Every directory walked.
    pub dirs: Vec<PathBuf>,
    /// What could not be listed.
    pub errors: Vec<Diagnostic>,
}

/// Lists the `.md` files under `root` (sorted, following symlinks once, never looping).
pub fn list_pages(root: &Path) -> Result<Listing, Diagnostic> {
    let meta = fs::metadata(root)
        .map_err(|e| Diagnostic::error(root, 0, format!("cannot read the docs directory: {e}")))?;
    if !meta.is_dir() {
        return Err(
            Diagnostic::error(root, 0, "the docs path is not a directory")
                .with_help("pass the folder that holds the pages, e.g. `docs/`"),
        );
    }
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    walk(root, "", &mut seen, &mut files, &mut dirs, &mut errors);
    files.sort();
    Ok(Listing {
        files,
        dirs,
        errors,
    })
}

fn walk(
    dir: &Path,
    rel: &str,
    seen: &mut BTreeSet<PathBuf>,
    files: &mut Vec<(String, PathBuf)>,
    dirs: &mut Vec<PathBuf>,
    errors: &mut Vec<Diagnostic>,
) {
    // A symlink loop would bring us back to a directory we are already in.
    match fs::canonicalize(dir) {
        Ok(canon) => {
            if !seen.insert(canon) {
                errors.push(
                    Diagnostic::warning(dir, 0, "directory visited twice (symlink loop?); skipped")
                        .with_help("remove the symlink, or point it outside the docs tree"),
                );
                return;
            }
        }
        Err(e) => {
            errors.push(Diagnostic::error(
                dir,
                0,
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    }
    dirs.push(dir.to_path_buf());
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(Diagnostic::error(
                dir,
                0,
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    };
    let mut children: Vec<(String, PathBuf)> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue;
                }
                children.push((name, entry.path()));
            }
            Err(e) => errors.push(Diagnostic::error(
                dir,
                0,
                format!("cannot list directory: {e}"),
            )),
        }
    }
    children.sort();
    for (name, path) in children {
        let child_rel = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, &child_rel, seen, files, dirs, errors),
            Ok(m) if m.is_file() && name.to_ascii_lowercase().ends_with(".md") => {
                files.push((child_rel, path))
            }
            Ok(_) => {}
            Err(e) => errors.push(Diagnostic::error(&path, 0, format!("cannot read: {e}"))),
        }
    }
}

/// Reads one page: UTF-8 required, a byte-order mark is dropped.
pub fn read_page(rel_path: String, file: PathBuf) -> Result<SourcePage, Diagnostic> {
    let bytes =
        fs::read(&file).map_err(|e| Diagnostic::error(&file, 0, format!("cannot read: {e}")))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
            let col = 1 + valid
                - bytes[..valid]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1);
            return Err(Diagnostic::error(
                &file,
                line,
                format!("the page is not valid UTF-8 (byte 0x{:02X})", bytes[valid]),
            )
            .at_column(col)
            .with_help("save the page as UTF-8"));
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(SourcePage {
        rel_path,
        file,
        text,
    })
}
