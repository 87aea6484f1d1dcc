//! An index of the C enums defined in a tree of header files (for example
//! the MinGW-w64 or Windows SDK/WDK include directories).
//!
//! All `#define`s of all headers are collected first (first definition
//! wins, in sorted path order) so that an initializer can use a macro
//! defined in another header; then every header mentioning `enum` is parsed
//! with [`crate::c::parse_enums`].

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::c::{CEnum, CEnumerator, Defines, parse_enums};

/// File extensions (compared case-insensitively) that are scanned.
const HEADER_EXTENSIONS: [&str; 3] = ["h", "hpp", "hxx"];

/// Enums found in a set of header directories, looked up by name.
///
/// When several headers define the same name, the first one in sorted path
/// order wins.
#[derive(Debug, Default)]
pub struct HeaderIndex {
    /// Headers that define at least one enum, in sorted path order.
    files: Vec<(PathBuf, Vec<CEnum>)>,
    /// Tag or typedef name -> (file index, enum index).
    enums: HashMap<String, (usize, usize)>,
    /// Enumerator name -> (file index, enum index, enumerator index).
    enumerators: HashMap<String, (usize, usize, usize)>,
}

impl HeaderIndex {
    /// Recursively scans `dirs` for `*.h`, `*.hpp` and `*.hxx` files.
    ///
    /// Fails only if one of `dirs` itself cannot be read. Unreadable
    /// entries below it are skipped, non-UTF-8 text is decoded lossily, and
    /// symbolic links to directories are not followed (so there are no
    /// loops); symbolic links to files are read.
    pub fn scan(dirs: &[PathBuf]) -> io::Result<HeaderIndex> {
        let mut paths = Vec::new();
        for dir in dirs {
            fs::read_dir(dir)?;
            collect_headers(dir, &mut paths);
        }
        paths.sort();
        paths.dedup();

        let mut defines = Defines::default();
        let mut sources = Vec::new();
        for path in paths {
            let Ok(bytes) = fs::read(&path) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            defines.collect(&text);
            if text.contains("enum") {
                sources.push((path, text));
            }
        }

        let mut parsed: Vec<_> = sources
            .iter()
            .map(|(_, text)| parse_enums(text, &defines))
            .collect();
        // Initializers may name enumerators of other headers: make every
        // resolved one visible, then re-parse the headers that need it.
        for enums in &parsed {
            defines.add_enumerators(enums);
        }
        for ((_, text), enums) in sources.iter().zip(&mut parsed) {
            if has_unresolved(enums) {
                *enums = parse_enums(text, &defines);
            }
        }
        let files = sources
            .into_iter()
            .zip(parsed)
            .map(|((path, _), enums)| (path, enums))
            .filter(|(_, enums)| !enums.is_empty())
            .collect();
        Ok(Self::from_files(files))
    }

    fn from_files(files: Vec<(PathBuf, Vec<CEnum>)>) -> HeaderIndex {
        let mut enums = HashMap::new();
        let mut enumerators = HashMap::new();
        for (f, (_, file_enums)) in files.iter().enumerate() {
            for (e, found) in file_enums.iter().enumerate() {
                for name in found.tag.iter().chain(&found.typedef_names) {
                    enums.entry(name.clone()).or_insert((f, e));
                }
                for (n, item) in found.enumerators.iter().enumerate() {
                    enumerators.entry(item.name.clone()).or_insert((f, e, n));
                }
            }
        }
        HeaderIndex {
            files,
            enums,
            enumerators,
        }
    }

    /// Every enum found, with the header defining it, in sorted path order.
    /// (Test-only until the pipeline needs it; remove the `cfg` then.)
    #[cfg(test)]
    pub fn enums(&self) -> impl Iterator<Item = (&Path, &CEnum)> {
        self.files
            .iter()
            .flat_map(|(path, enums)| enums.iter().map(move |e| (path.as_path(), e)))
    }

    /// Finds an enum by tag (`_POOL_TYPE`) or typedef name (`POOL_TYPE`).
    pub fn find_enum(&self, name: &str) -> Option<(&Path, &CEnum)> {
        let &(f, e) = self.enums.get(name)?;
        let (path, enums) = self.files.get(f)?;
        Some((path, enums.get(e)?))
    }

    /// Finds an enumerator by name, with its enum and header.
    pub fn find_enumerator(&self, name: &str) -> Option<(&Path, &CEnum, &CEnumerator)> {
        let &(f, e, n) = self.enumerators.get(name)?;
        let (path, enums) = self.files.get(f)?;
        let found = enums.get(e)?;
        Some((path, found, found.enumerators.get(n)?))
    }
}

/// Appends the header files below `root` to `out` (iteratively, skipping
/// anything unreadable and never following directory symlinks).
fn collect_headers(root: &Path, out: &mut Vec<PathBuf>) {
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let is_file = if kind.is_symlink() {
                fs::metadata(&path).is_ok_and(|m| m.is_file())
            } else {
                kind.is_file()
            };
            if kind.is_dir() {
                pending.push(path);
            } else if is_file && is_header(&path) {
                out.push(path);
            }
        }
    }
}

fn has_unresolved(enums: &[CEnum]) -> bool {
    enums
        .iter()
        .flat_map(|e| &e.enumerators)
        .any(|item| item.value.is_err())
}

fn is_header(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| HEADER_EXTENSIONS.iter().any(|h| h.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh temporary directory, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir = std::env::temp_dir()
                .join(format!("docbind-header-scan-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(dir.join("ddk")).expect("create temp dir");
            TempDir(dir)
        }

        fn write(&self, rel: &str, contents: &[u8]) {
            fs::write(self.0.join(rel), contents).expect("write temp file");
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn scans_tree_and_resolves_across_files() {
        let tmp = TempDir::new("tree");
        tmp.write(
            "sdkddkver.h",
            b"#define NTDDI_WIN7 0x06010000\n#define POOL_BASE (NTDDI_WIN7 >> 16)\n",
        );
        tmp.write(
            "ddk/wdm.h",
            b"#pragma once\ntypedef enum _POOL_TYPE {\n  NonPagedPool = POOL_BASE,\n  PagedPool\n} POOL_TYPE, *PPOOL_TYPE;\n",
        );
        tmp.write(
            "ddk/dup.hpp",
            b"enum _POOL_TYPE { Other = LaterHeader + 1 };\n",
        );
        tmp.write("zz_later.h", b"enum { LaterHeader = 41 };\n");
        tmp.write("latin1.h", b"/* caf\xe9 */ enum { Latin = 'x' };\n");
        tmp.write("notes.txt", b"enum NotAHeader { Ignored };\n");
        #[cfg(unix)]
        {
            let _ = std::os::unix::fs::symlink(&tmp.0, tmp.0.join("ddk/loop"));
        }

        let index = HeaderIndex::scan(std::slice::from_ref(&tmp.0)).expect("scan");
        let (path, pool) = index.find_enum("POOL_TYPE").expect("POOL_TYPE");
        assert!(path.ends_with("ddk/wdm.h"), "{path:?}");
        assert_eq!(pool.typedef_names, ["POOL_TYPE"]);
        // `ddk/dup.hpp` sorts first, so its `_POOL_TYPE` tag wins.
        let (dup_path, _) = index.find_enum("_POOL_TYPE").expect("_POOL_TYPE");
        assert!(dup_path.ends_with("ddk/dup.hpp"), "{dup_path:?}");
        let (_, _, paged) = index.find_enumerator("PagedPool").expect("PagedPool");
        assert_eq!(paged.value, Ok(0x0602));
        assert_eq!(
            index
                .find_enumerator("Latin")
                .map(|(_, _, e)| e.value.clone()),
            Some(Ok(120))
        );
        assert!(index.find_enumerator("Ignored").is_none());
        assert!(index.find_enum("PPOOL_TYPE").is_none());
        let (_, _, other) = index.find_enumerator("Other").expect("Other");
        assert_eq!(other.value, Ok(42));
        assert_eq!(index.enums().count(), 4);
    }

    #[test]
    fn missing_directory_is_an_error() {
        let missing = std::env::temp_dir().join("docbind-header-scan-does-not-exist");
        assert!(HeaderIndex::scan(&[missing]).is_err());
    }
}
