//! Turns one section of an API-reference page (Markdown with inline HTML, as written) into
//! clean rustdoc Markdown for a `#[doc = "..."]` attribute, or into plain text.
//!
//! The page is parsed once (pulldown-cmark, with the HTML inside it read by a small tag
//! tokenizer) into a tree, and the tree is written back as Markdown. Nothing from the input
//! passes through as HTML: known tags become Markdown (`<b>` → `**`, `<a>` → links, `<table>` →
//! a table, `<pre>` → a fenced block), tags whose content could run or embed something are
//! dropped with their content, and everything else is escaped text. The only HTML in the output
//! is what Markdown cannot say and the writer itself emits: `<sup>`, `<sub>`, and `<br>` inside
//! table cells.
//!
//! The output is also free of what rustdoc lints on: text brackets are escaped (no broken
//! intra-doc links), bare URLs become autolinks, `<T>` in prose is escaped, and every code
//! block carries a non-Rust language tag (`text` when the page gave none), so none becomes a
//! doctest.

mod html;
mod inline;
mod links;
mod plain;
mod prepare;
mod render;
mod tree;

#[cfg(test)]
mod tests;

/// Where a page lives, for resolving its links.
pub struct LinkContext<'a> {
    /// The page's path relative to the docs root, with forward slashes, e.g.
    /// `"wdm/ne-wdm-_pool_type.md"`.
    pub page_path: &'a str,
    /// Base URL for root-relative links (`/windows-hardware/...`), e.g.
    /// `"https://learn.microsoft.com"`.
    pub base_url: &'a str,
    /// Published URL prefix of the docs tree, e.g.
    /// `"https://learn.microsoft.com/windows-hardware/drivers/ddi"`. Relative `.md` links resolve
    /// under it (without the `.md`), as do links to images and other files.
    pub docs_url: &'a str,
    /// Called with a docs-relative page path (`"windot11/ne-windot11-foo.md"`, as resolved, case
    /// as written); returns the Rust path of the item generated from that page (e.g.
    /// `"crate::windot11::Foo"`), which then becomes an intra-doc link. Links into the docs tree
    /// written as root-relative or absolute URLs are offered too.
    pub resolve_page: &'a dyn Fn(&str) -> Option<String>,
}

/// Converts a section of page content (Markdown with inline HTML) into rustdoc Markdown:
/// blocks separated by one blank line, no trailing whitespace, no trailing newline, and no
/// raw HTML except `<sup>`, `<sub>` and `<br>` in table cells.
pub fn to_rustdoc(markdown: &str, ctx: &LinkContext<'_>) -> String {
    let root = tree::parse(&prepare::prepare(markdown));
    render::markdown(&root, ctx)
}

/// The plain text of a fragment, escaped so that Markdown reads it literally: for plain text
/// that rustdoc renders as Markdown (a `#[deprecated]` note, a quoted sentence in the docs).
/// No HTML, emphasis or link can come out of it.
pub fn to_markdown_text(markdown: &str) -> String {
    inline::escape_text(&to_plain_text(markdown), ' ', false)
}

/// `text` as a Markdown code span that nothing in it can end early (control and bidirectional
/// characters become spaces): for text that must be shown literally.
pub fn code_span(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| {
            if c.is_control() || is_bidi_control(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Whether `c` is one of the Unicode bidirectional controls (U+202A–U+202E, U+2066–U+2069)
/// that can make code read differently from how it compiles; rustc denies them in comments
/// and string literals, so none may reach generated code.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A URL made safe as a Markdown link destination (spaces, quotes, angle brackets,
/// backticks, control and bidirectional characters percent-encoded or dropped).
pub fn encode_url(url: &str) -> String {
    links::encode(url)
}

/// The plain text of a fragment (no markup), whitespace-normalized: for sentence matching and
/// short summaries. Link text and image alt text count; dropped content (`<script>`) does not.
pub fn to_plain_text(markdown: &str) -> String {
    let root = tree::parse(&prepare::prepare(markdown));
    plain::of_nodes(&root.children)
}
