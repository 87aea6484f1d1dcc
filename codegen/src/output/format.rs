//! Stage 6: tokens → a formatted Rust source file.

use proc_macro2::TokenStream;

/// Parses `tokens` as a Rust file and pretty-prints it.
pub fn code(tokens: TokenStream) -> Result<String, syn::Error> {
    let parsed: syn::File = syn::parse2(tokens)?;
    Ok(prettyplease::unparse(&parsed))
}

/// `code` (the concatenation of its parts) under the `//` comment lines of `header` and a
/// blank line.
pub fn with_header(header: &[String], code: &[&str]) -> String {
    let capacity = header.iter().map(|l| l.len() + 4).sum::<usize>()
        + 1
        + code.iter().map(|part| part.len()).sum::<usize>();
    let mut out = String::with_capacity(capacity);
    for line in header {
        out.push_str("// ");
        // File names and headers come from the docs tree: a line break in one must not end the
        // comment (and rustc refuses bidirectional controls in comments).
        out.extend(line.chars().map(|c| {
            if c.is_control() || crate::doc_text::is_bidi_control(c) {
                '\u{fffd}'
            } else {
                c
            }
        }));
        out.push('\n');
    }
    out.push('\n');
    for part in code {
        out.push_str(part);
    }
    out
}
