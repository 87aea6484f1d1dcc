//! Stage 1: find the pages under a docs root and read them as text.

use crate::diagnostic::{Code, Diagnostic};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::io::Read as _;
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
    let meta = fs::metadata(root).map_err(|e| {
        Diagnostic::error(root, 0, format!("cannot read the docs directory: {e}"))
            .with_code(Code::DocsRoot)
    })?;
    if !meta.is_dir() {
        return Err(
            Diagnostic::error(root, 0, "the docs path is not a directory")
                .with_code(Code::DocsRoot)
                .with_help("pass the folder that holds the pages, e.g. `docs/`"),
        );
    }
    // Most trees have no symlinked directories: they are walked in parallel. A tree with one is
    // walked again one directory at a time, to check for loops in a fixed order.
    if let Some(mut listing) = walk_real(root, "") {
        listing.files.sort();
        return Ok(listing);
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

/// What [`walk`] finds under `dir`, walking subdirectories in parallel, or `None` when the tree
/// has a symlink to a directory (which [`walk`] follows, once). Without such links no directory
/// can be reached twice, so no loop check is needed; the order of everything is [`walk`]'s.
fn walk_real(dir: &Path, rel: &str) -> Option<Listing> {
    let mut out = Listing {
        files: Vec::new(),
        dirs: vec![dir.to_path_buf()],
        errors: Vec::new(),
    };
    let found: Vec<Option<Found>> = children(dir, &mut out.errors)
        .into_par_iter()
        .map(|(name, path, kind)| {
            let is_page = is_page_name(&name);
            let child_rel = || {
                if rel.is_empty() {
                    name.clone()
                } else {
                    format!("{rel}/{name}")
                }
            };
            Some(match entry(&path, kind, is_page) {
                Entry::Dir { linked: false } => Found::Dir(walk_real(&path, &child_rel())?),
                Entry::Dir { linked: true } => return None,
                Entry::Page => Found::Page(child_rel(), path),
                Entry::Error(e) => Found::Error(e),
                Entry::Other => Found::Nothing,
            })
        })
        .collect();
    for found in found {
        match found? {
            Found::Page(rel, path) => out.files.push((rel, path)),
            Found::Error(e) => out.errors.push(e),
            Found::Dir(sub) => {
                out.files.extend(sub.files);
                out.dirs.extend(sub.dirs);
                out.errors.extend(sub.errors);
            }
            Found::Nothing => {}
        }
    }
    Some(out)
}

/// What one entry of a directory adds to the listing, in [`walk_real`].
enum Found {
    Page(String, PathBuf),
    Error(Diagnostic),
    Dir(Listing),
    Nothing,
}

/// Whether a file of this name is a page: it ends in `.md`, in any case.
fn is_page_name(name: &str) -> bool {
    name.len() >= 3 && name.as_bytes()[name.len() - 3..].eq_ignore_ascii_case(b".md")
}

/// The entries of `dir` but hidden ones (name, path, type unless a symlink), sorted by name;
/// what cannot be listed goes to `errors`. The file type from the directory entry needs no
/// `stat`: only symlinks (and entries of unknown type) are followed, by the callers.
fn children(
    dir: &Path,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf, Option<fs::FileType>)> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(
                Diagnostic::error(dir, 0, format!("cannot read directory: {e}"))
                    .with_code(Code::UnreadableDir),
            );
            return Vec::new();
        }
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue;
                }
                let kind = entry.file_type().ok().filter(|t| !t.is_symlink());
                children.push((name, entry.path(), kind));
            }
            Err(e) => errors.push(
                Diagnostic::error(dir, 0, format!("cannot list directory: {e}"))
                    .with_code(Code::UnreadableDir),
            ),
        }
    }
    children.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    children
}

/// A page that is a FIFO, a device or a socket.
fn not_regular(path: &Path) -> Diagnostic {
    Diagnostic::error(path, 0, "not a regular file")
        .with_code(Code::UnreadablePage)
        .with_help("a page must be a plain file (or a symlink to one)")
}

/// An entry that cannot be read: an error for a page; anything else (a dangling link to an
/// image, say) can only be reported, as it might have been a directory of pages.
fn unreadable(path: &Path, e: std::io::Error, is_page: bool) -> Diagnostic {
    if is_page {
        Diagnostic::error(path, 0, format!("cannot read: {e}")).with_code(Code::UnreadablePage)
    } else {
        Diagnostic::warning(path, 0, format!("cannot read: {e}; skipped"))
            .with_code(Code::TreeEntry)
    }
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
                        .with_code(Code::TreeEntry)
                        .with_help("remove the symlink, or point it outside the docs tree"),
                );
                return;
            }
        }
        Err(e) => {
            errors.push(
                Diagnostic::error(dir, 0, format!("cannot read directory: {e}"))
                    .with_code(Code::UnreadableDir),
            );
            return;
        }
    }
    dirs.push(dir.to_path_buf());
    for (name, path, kind) in children(dir, errors) {
        let child_rel = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        match entry(&path, kind, is_page_name(&name)) {
            Entry::Dir { .. } => walk(&path, &child_rel, seen, files, dirs, errors),
            Entry::Page => files.push((child_rel, path)),
            Entry::Error(e) => errors.push(e),
            Entry::Other => {}
        }
    }
}

/// What a directory entry is, for both walks.
enum Entry {
    /// A directory; `linked` when reached through a symlink.
    Dir { linked: bool },
    /// A page: a regular `.md` file (or a symlink to one).
    Page,
    /// Anything else: not a page.
    Other,
    /// A page that cannot be read, or an entry that cannot be followed.
    Error(Diagnostic),
}

/// What the entry at `path` is, from its directory entry's type (`None` for a symlink or an
/// unknown type, which are followed).
fn entry(path: &Path, kind: Option<fs::FileType>, is_page: bool) -> Entry {
    match kind {
        Some(kind) if kind.is_dir() => Entry::Dir { linked: false },
        Some(kind) if kind.is_file() && is_page => Entry::Page,
        Some(kind) if kind.is_file() => Entry::Other,
        _ => match fs::metadata(path) {
            Ok(m) if m.is_dir() => Entry::Dir { linked: true },
            // Only regular files: a FIFO or device named `x.md` would block or never end.
            Ok(m) if m.is_file() && is_page => Entry::Page,
            Ok(_) if is_page => Entry::Error(not_regular(path)),
            Ok(_) => Entry::Other,
            Err(e) => Entry::Error(unreadable(path, e, is_page)),
        },
    }
}

/// Pages larger than this are refused without being read: no reference page comes near it,
/// and a build should not spend its time on a file that is not one.
pub const MAX_PAGE_BYTES: u64 = 2 * 1024 * 1024;

/// What reading a page gave: the page, or the reason to leave it, seen in its first bytes.
pub enum Read {
    /// The whole page.
    Page(SourcePage),
    /// Left after its first bytes (how many): `skip` said why.
    Skipped(String, usize),
}

/// How much of a page is read before deciding whether to read the rest: the front matter of
/// 96% of the driver reference pages fits (the median is about 1.3 KB); a page whose front
/// matter is longer is read whole, as any other.
pub const PREFIX_BYTES: usize = 2048;

thread_local! {
    /// Where the first bytes of each page are read: most pages are left after them, so they
    /// need no buffer of their own.
    static PREFIX: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; PREFIX_BYTES]);
}

/// Reads one page from disk: UTF-8 required, a byte-order mark is dropped. Its first
/// [`PREFIX_BYTES`] are read first and given to `skip`: when `skip` gives a reason, the rest
/// is not read (nor checked, nor its size).
pub fn read_page_unless(
    rel_path: String,
    file: PathBuf,
    skip: impl Fn(&[u8]) -> Option<String>,
) -> Result<Read, Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(&file, 0, format!("cannot read: {e}")).with_code(Code::UnreadablePage)
    };
    // One open: the size comes from the open file (no second lookup of the path), when the page
    // is read past its prefix; reading stops past the limit even if the file grows meanwhile.
    let mut handle = fs::File::open(&file).map_err(cannot)?;
    let prefix = PREFIX.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        let mut filled = 0;
        while filled < buffer.len() {
            match handle.read(&mut buffer[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(match skip(&buffer[..filled]) {
            Some(reason) => Err((reason, filled)),
            None => Ok(buffer[..filled].to_vec()),
        })
    });
    let mut bytes = match prefix.map_err(cannot)? {
        Err((reason, read)) => return Ok(Read::Skipped(reason, read)),
        Ok(bytes) => bytes,
    };
    if bytes.len() == PREFIX_BYTES {
        let len = handle.metadata().map_err(cannot)?.len();
        if len > MAX_PAGE_BYTES {
            return Err(too_large(&file, len));
        }
        bytes.reserve((len as usize + 1).saturating_sub(bytes.len()));
        (&mut handle)
            .take(MAX_PAGE_BYTES + 1 - PREFIX_BYTES as u64)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    }
    decode_page(rel_path, file, bytes).map(Read::Page)
}

fn too_large(file: &Path, len: u64) -> Diagnostic {
    Diagnostic::error(
        file,
        0,
        format!(
            "the page is {len} bytes, more than the {} MiB docbind reads",
            MAX_PAGE_BYTES / (1024 * 1024)
        ),
    )
    .with_code(Code::PageTooLarge)
    .with_help("split the page, or leave the file out of the docs tree")
}

/// The error `d` about a page whose text cannot be read as it should, but as far as `lossy`
/// shows says it is a page of another kind: a note (no enum page is lost).
fn of_its_kind(d: Diagnostic, lossy: &str) -> Diagnostic {
    match super::front_matter::declared(lossy) {
        super::front_matter::Declared::Enum => d,
        super::front_matter::Declared::Other(prefix) => Diagnostic {
            severity: crate::diagnostic::Severity::Note,
            code: Some(Code::OtherPage),
            message: format!(
                "not an enum page ({prefix}), so not bound anyway: {}",
                d.message
            ),
            ..d
        },
    }
}

/// Turns the bytes of one page into a [`SourcePage`]: UTF-8 required, leading byte-order
/// marks are dropped. `file` is the name diagnostics use.
pub fn decode_page(
    rel_path: String,
    file: PathBuf,
    bytes: Vec<u8>,
) -> Result<SourcePage, Diagnostic> {
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(too_large(&file, bytes.len() as u64));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let d = Diagnostic::error(&file, 1, "the page is UTF-16 text")
            .with_code(Code::Encoding)
            .at_column(1)
            .with_help("save the page as UTF-8");
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|p| match bytes[0] {
                0xFF => u16::from_le_bytes([p[0], p[1]]),
                _ => u16::from_be_bytes([p[0], p[1]]),
            })
            .collect();
        return Err(of_its_kind(d, &String::from_utf16_lossy(&units)));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let before = &bytes[..valid];
            let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let col = 1 + valid - line_start;
            // The line as far as it is valid, for the diagnostic's source line.
            let shown = String::from_utf8_lossy(&bytes[line_start..valid]).into_owned();
            let byte = bytes.get(valid).copied().unwrap_or_default();
            let mut d = Diagnostic::error(
                &file,
                line,
                format!("the page is not valid UTF-8 (byte 0x{byte:02X})"),
            )
            .with_code(Code::Encoding)
            .at_column(col)
            .with_help("save the page as UTF-8");
            d.source_line = Some(shown.trim_end_matches('\r').to_string());
            return Err(of_its_kind(d, &String::from_utf8_lossy(bytes)));
        }
    };
    let text = match text.trim_start_matches('\u{feff}') {
        rest if rest.len() < text.len() => rest.to_string(),
        _ => text,
    };
    Ok(SourcePage {
        rel_path,
        file,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parallel walk finds what the sequential one finds, in the same order; a symlinked
    /// directory sends the listing to the sequential walk.
    #[test]
    fn the_parallel_walk_lists_what_the_sequential_walk_lists() {
        let root = std::env::temp_dir().join(format!("docbind-walk-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for (path, text) in [
            ("a/b/one.md", "1"),
            ("a/b/two.MD", "2"),
            ("a/c.md", "3"),
            ("a-b/d.md", "4"),
            ("z.md", "5"),
            ("notes.txt", "6"),
            (".hidden/e.md", "7"),
            ("empty/.keep", ""),
        ] {
            let file = root.join(path);
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(file, text).unwrap();
        }
        let sequential = |root: &Path| {
            let (mut files, mut dirs, mut errors) = (Vec::new(), Vec::new(), Vec::new());
            walk(
                root,
                "",
                &mut BTreeSet::new(),
                &mut files,
                &mut dirs,
                &mut errors,
            );
            files.sort();
            (files, dirs, errors.len())
        };
        let mut parallel = walk_real(&root, "").expect("no symlinked directory");
        parallel.files.sort();
        assert_eq!(
            (parallel.files, parallel.dirs, parallel.errors.len()),
            sequential(&root)
        );
        let listed = list_pages(&root).unwrap();
        let names: Vec<&str> = listed.files.iter().map(|(rel, _)| rel.as_str()).collect();
        assert_eq!(
            names,
            ["a-b/d.md", "a/b/one.md", "a/b/two.MD", "a/c.md", "z.md"]
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("a"), root.join("link")).unwrap();
            assert!(walk_real(&root, "").is_none());
            // The sequential walk lists the directory once, and says so.
            let listed = list_pages(&root).unwrap();
            assert_eq!(listed.files.len(), 5);
            assert!(listed.errors[0].message.contains("visited twice"));
        }
        let _ = fs::remove_dir_all(&root);
    }
}
