//! Temporary minimal page-text conversion until doc_text lands.
#![allow(dead_code)]

/// Where links resolve.
pub struct LinkContext<'a> {
    /// Page path relative to the docs root.
    pub page_path: &'a str,
    /// Base for root-relative links.
    pub base_url: &'a str,
    /// Published prefix of the docs tree.
    pub docs_url: &'a str,
    /// Rust path of the item generated from a page.
    pub resolve_page: &'a dyn Fn(&str) -> Option<String>,
}

/// Minimal conversion.
pub fn to_rustdoc(markdown: &str, _ctx: &LinkContext<'_>) -> String {
    let t = markdown.replace('\u{a0}', " ").replace("\r\n", "\n");
    let t = t.replace("<b>", "**").replace("</b>", "**");
    let lines: Vec<&str> = t.lines().map(str::trim).collect();
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push(' ');
        }
        blank = false;
        out.push_str(line);
    }
    out.replace(":  **", ":** ")
}

/// Plain text.
pub fn to_plain_text(markdown: &str) -> String {
    markdown.split_whitespace().collect::<Vec<_>>().join(" ")
}
