//! `docbind check`: what regeneration would change, as a unified diff of bounded length.

use docbind::report::{Difference, Files};
use similar::TextDiff;
use std::path::Path;

/// At most this many lines of diff are shown, for all files together.
pub const MAX_LINES: usize = 200;

/// The unified diff of every difference (`--- a/…`, `+++ b/…`, hunks), cut after `max_lines`
/// lines with a note saying how many more there are.
pub fn unified(dir: &Path, diffs: &[Difference], files: &Files, max_lines: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for d in diffs {
        let path = d.path();
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let shown = path.display().to_string();
        let new = files.files.get(&rel).map_or("", String::as_str);
        let (old, new, from, to) = match d {
            Difference::Changed(_, current) => (
                current.clone(),
                new,
                format!("a/{shown}"),
                format!("b/{shown}"),
            ),
            Difference::Missing(_) => {
                (String::new(), new, "/dev/null".into(), format!("b/{shown}"))
            }
            Difference::Stale(_) => (
                std::fs::read_to_string(path).unwrap_or_default(),
                "",
                format!("a/{shown}"),
                "/dev/null".into(),
            ),
        };
        let diff = TextDiff::from_lines(old.as_str(), new);
        let text = diff
            .unified_diff()
            .context_radius(3)
            .header(&from, &to)
            .to_string();
        if text.is_empty() {
            // Nothing to show line by line (an empty file): the headers still say what happens.
            lines.push(format!("--- {from}"));
            lines.push(format!("+++ {to}"));
        }
        lines.extend(text.lines().map(str::to_string));
    }
    let total = lines.len();
    let mut out: String = lines
        .iter()
        .take(max_lines)
        .map(|l| format!("{l}\n"))
        .collect();
    if total > max_lines {
        out.push_str(&format!(
            "… {} more lines (run `docbind generate` to see the whole change)\n",
            total - max_lines
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn shows_changed_missing_and_stale_files_and_stops_at_the_limit() {
        let dir = Path::new("out");
        let mut files = Files::default();
        files
            .files
            .insert("a.rs".into(), "one\ntwo\nthree\n".into());
        files.files.insert("b.rs".into(), "new\n".into());
        let diffs = [
            Difference::Changed(PathBuf::from("out/a.rs"), "one\n2\nthree\n".into()),
            Difference::Missing(PathBuf::from("out/b.rs")),
            Difference::Stale(PathBuf::from("out/does-not-exist.rs")),
        ];
        let text = unified(dir, &diffs, &files, 100);
        assert_eq!(
            text,
            "--- a/out/a.rs\n+++ b/out/a.rs\n@@ -1,3 +1,3 @@\n one\n-2\n+two\n three\n\
             --- /dev/null\n+++ b/out/b.rs\n@@ -0,0 +1 @@\n+new\n\
             --- a/out/does-not-exist.rs\n+++ /dev/null\n"
        );
        let cut = unified(dir, &diffs, &files, 4);
        assert_eq!(cut.lines().count(), 5, "{cut}");
        assert!(cut.ends_with("… 9 more lines (run `docbind generate` to see the whole change)\n"));
    }
}
