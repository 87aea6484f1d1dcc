//! Stage 6: tokens → a formatted Rust source file.

use proc_macro2::TokenStream;

/// Parses `tokens` as a Rust file and pretty-prints it under a `// @generated` header.
///
/// `header` lines are written as `//` comments above the code; they name the sources.
pub fn file(header: &[String], tokens: TokenStream) -> Result<String, syn::Error> {
    let parsed: syn::File = syn::parse2(tokens)?;
    let mut out = String::new();
    for line in header {
        out.push_str("// ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&prettyplease::unparse(&parsed));
    Ok(out)
}
