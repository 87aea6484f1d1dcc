//! Which value wins when several witnesses know it: C headers (`--header-dir`), Windows
//! metadata (`--winmd`), the page itself and C's rule.
//!
//! # The rule
//!
//! From the most trusted down:
//!
//! 1. **the page's own header**: a header whose file name is the page's `req.header`
//!    (`bits.h` for a page of `bits.h`), wherever it is under the header directories. It is
//!    the declaration the documentation is about, for the SDK it was taken from;
//! 2. **the Windows metadata**: win32metadata generated it from the real headers, for one SDK
//!    and WDK, and resolved every expression;
//! 3. **any other header** that defines the enum or the enumerator (a copy, an older SDK, a
//!    header that happens to declare the same name);
//! 4. **the page**: a value written in the field heading, at the start of the field's
//!    description, or in the `## -syntax` declaration;
//! 5. **C's rule**: the previous value + 1, the first 0 (`ValueSource::Inferred`).
//!
//! The configuration's `value` overrides (with a `reason`) apply after all of this and win
//! over everything.
//!
//! # How it runs
//!
//! The metadata runs first (`winmd_map`): its value replaces the page's, and a written page
//! value that differs is a warning. Then the headers (`headers`): a header's value replaces a
//! value from the page or from C's rule; it replaces a value from the metadata only when it is
//! the page's own header ([`header_replaces`]). Every disagreement between two witnesses is a
//! warning at the page's line of the enumerator, naming both and saying which value is used;
//! so is every disagreement between a witness and a value the page writes.

use crate::model::ValueSource;
use std::path::Path;

/// The witnesses, most trusted first (the order of the rule above).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Witness {
    /// The header named by the page's `req.header`.
    OwnHeader,
    /// The Windows metadata.
    Metadata,
    /// Another header.
    OtherHeader,
    /// A value the page writes.
    Page,
    /// C's rule.
    CRule,
}

impl Witness {
    /// The witness a value of `source` comes from; `own_header` says whether a
    /// [`ValueSource::Header`] value came from the page's own header.
    pub fn of(source: ValueSource, own_header: bool) -> Witness {
        match source {
            ValueSource::Header if own_header => Witness::OwnHeader,
            ValueSource::Header => Witness::OtherHeader,
            ValueSource::Winmd => Witness::Metadata,
            ValueSource::Heading | ValueSource::Body | ValueSource::Syntax => Witness::Page,
            ValueSource::Inferred => Witness::CRule,
            // Applied after every witness, over all of them.
            ValueSource::Override => Witness::OwnHeader,
        }
    }
}

/// Whether the value of a header (the page's own header when `own_header`) replaces a value
/// found so far from `current`.
pub fn header_replaces(current: ValueSource, own_header: bool) -> bool {
    let header = if own_header {
        Witness::OwnHeader
    } else {
        Witness::OtherHeader
    };
    current != ValueSource::Override && header <= Witness::of(current, false)
}

/// Whether `header` (a path under a header directory) is the page's own header: its file name
/// is `req_header` (`bits.h`), ignoring ASCII case as Windows file names do.
pub fn is_own_header(header: &Path, req_header: &str) -> bool {
    let own = req_header.rsplit(['/', '\\']).next().unwrap_or(req_header);
    !own.is_empty()
        && header
            .file_name()
            .is_some_and(|name| name.to_string_lossy().eq_ignore_ascii_case(own))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_of_the_rule() {
        use ValueSource::*;
        // A header replaces the page and C's rule, own or not.
        for page in [Heading, Body, Syntax, Inferred] {
            assert!(header_replaces(page, true), "{page:?}");
            assert!(header_replaces(page, false), "{page:?}");
        }
        // Over the metadata, only the page's own header.
        assert!(header_replaces(Winmd, true));
        assert!(!header_replaces(Winmd, false));
        // Nothing replaces an override.
        assert!(!header_replaces(Override, true));
        assert!(Witness::OwnHeader < Witness::Metadata);
        assert!(Witness::Metadata < Witness::OtherHeader);
        assert!(Witness::OtherHeader < Witness::Page);
        assert!(Witness::Page < Witness::CRule);
        assert_eq!(Witness::of(Header, true), Witness::OwnHeader);
        assert_eq!(Witness::of(Header, false), Witness::OtherHeader);
    }

    /// The page writes KIND_B = 2 and leaves KIND_C to C's rule; the metadata says 4 and 5;
    /// headers say other things. Runs the two witnesses as the pipeline does.
    fn run(header_file: &str, header_b: i128) -> (Vec<(i128, ValueSource)>, Vec<String>) {
        use crate::witness::winmd_map::rows::{bindings, meta, page_enum, variant};
        use crate::witness::{headers, scan::HeaderIndex, winmd_map};
        let dir = std::env::temp_dir().join(format!(
            "docbind-precedence-{}-{}",
            header_file.replace('/', "_"),
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("other")).unwrap();
        std::fs::write(
            dir.join(header_file),
            format!("typedef enum {{ KIND_A = 0, KIND_B = {header_b}, KIND_C = 5 }} KIND;\n"),
        )
        .unwrap();
        let item = page_enum(
            "KIND",
            &[],
            vec![
                variant("KIND_A", 0, ValueSource::Heading, 10),
                variant("KIND_B", 2, ValueSource::Heading, 14),
                variant("KIND_C", 3, ValueSource::Inferred, 18),
            ],
        );
        // The module's `req.header` is `demo.h`.
        let mut b = bindings(item);
        let index = winmd_map::MetaIndex::new(vec![meta(
            "KIND",
            32,
            &[("KIND_A", 0), ("KIND_B", 4), ("KIND_C", 5)],
        )]);
        let docs = Path::new("docs");
        let options = winmd_map::Options {
            docs,
            add_metadata_only: true,
        };
        let (_, mut diagnostics) = winmd_map::cross_check(&mut b, &index, &options);
        let headers_index = HeaderIndex::scan(std::slice::from_ref(&dir)).unwrap();
        let dirs = [dir.clone()];
        let options = headers::Options {
            dirs: &dirs,
            docs,
            emit_header_only: true,
        };
        let (report, more) = headers::cross_check(&mut b, &headers_index, &options);
        assert_eq!(
            report.checked,
            report.agreeing + report.corrected + report.overruled
        );
        diagnostics.extend(more);
        std::fs::remove_dir_all(&dir).unwrap();
        let values = b.modules["demo"].enums[0]
            .variants
            .iter()
            .map(|v| (v.value, v.value_source))
            .collect();
        let messages = diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.line, d.message))
            .collect();
        (values, messages)
    }

    #[test]
    fn the_own_header_wins_over_the_metadata_which_wins_over_other_headers() {
        use ValueSource::*;
        // The page's own header (`demo.h`) says 7: it wins over the metadata's 4 (and, where
        // they agree, it is recorded as the source: the first witness of the rule).
        let (values, messages) = run("demo.h", 7);
        assert_eq!(
            values,
            [(0, Header), (7, Header), (5, Header)],
            "{messages:#?}"
        );
        assert!(
            messages.iter().any(|m| m.starts_with("14: witnesses disagree: `KIND_B` is 4 in the Windows metadata type `Windows.Win32.Demo.KIND` but 7 in")
                && m.contains("the header's value is used")),
            "{messages:#?}"
        );
        // The page and the metadata disagree too: reported at the page's line.
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("14: `KIND_B` is 2 on the page but 4")),
            "{messages:#?}"
        );

        // Another header says 7: the metadata's 4 is kept, and the disagreement reported.
        let (values, messages) = run("other/copy.h", 7);
        assert_eq!(
            values,
            [(0, Winmd), (4, Winmd), (5, Winmd)],
            "{messages:#?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("14: witnesses disagree")
                    && m.contains("the metadata's value is used")),
            "{messages:#?}"
        );

        // Another header that agrees: nothing to report, the metadata stays the source.
        let (values, messages) = run("other/copy.h", 4);
        assert_eq!(
            values,
            [(0, Winmd), (4, Winmd), (5, Winmd)],
            "{messages:#?}"
        );
        assert!(
            !messages.iter().any(|m| m.contains("witnesses disagree")),
            "{messages:#?}"
        );

        // All witnesses agree: no disagreement, the own header is recorded as the source.
        let (values, messages) = run("demo.h", 4);
        assert_eq!(
            values,
            [(0, Header), (4, Header), (5, Header)],
            "{messages:#?}"
        );
        assert!(
            !messages.iter().any(|m| m.contains("witnesses disagree")),
            "{messages:#?}"
        );
    }

    #[test]
    fn own_header_by_file_name() {
        assert!(is_own_header(Path::new("/sdk/um/bits.h"), "bits.h"));
        assert!(is_own_header(Path::new("/sdk/um/Bits.H"), "bits.h"));
        assert!(is_own_header(Path::new("inc/wdm.h"), "km\\wdm.h"));
        assert!(!is_own_header(Path::new("/sdk/um/bits1_5.h"), "bits.h"));
        assert!(!is_own_header(Path::new("/sdk/um/bits.h"), ""));
    }
}
