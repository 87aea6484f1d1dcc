//! Rust names from C names: type and variant case, prefix stripping, keywords.

/// Whether `s` is a C identifier (`[A-Za-z_][A-Za-z0-9_]*`).
pub fn is_c_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `BG_JOB_TYPE` → `BgJobType`, `_POOL_TYPE` → `PoolType`, `KeyValueFull` → `KeyValueFull`.
///
/// Words separated by `_` are capitalized; an all-caps word is lowered after its first letter;
/// a mixed-case word keeps its case. Returns an empty string when `c_name` has no letters or digits.
pub fn upper_camel(c_name: &str) -> String {
    let mut out = String::with_capacity(c_name.len());
    for word in c_name.split('_').filter(|w| !w.is_empty()) {
        let lower_rest = !word.chars().any(|c| c.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            for c in chars {
                out.push(if lower_rest {
                    c.to_ascii_lowercase()
                } else {
                    c
                });
            }
        }
    }
    out
}

/// `snake_case` module name for a C header (`bits.h` → `bits`, `61883.h` → `h61883`,
/// `../../etc/passwd` → `passwd`). Never empty, never a keyword, always a plain identifier.
pub fn module_name(header: &str) -> String {
    let file = header.rsplit(['/', '\\']).next().unwrap_or(header);
    let stem = match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file,
    };
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    name = name.trim_matches('_').to_string();
    while name.contains("__") {
        name = name.replace("__", "_");
    }
    if name.is_empty() {
        name = "unnamed".to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'h');
    }
    // `lib.rs` is the crate root the module sits next to, and cargo would build a `main.rs`
    // as a program.
    if is_keyword(&name) || matches!(name.as_str(), "lib" | "main") {
        name.push('_');
    }
    name
}

/// Words of a C enumerator name, split at `_`.
fn words(c_name: &str) -> Vec<&str> {
    c_name.split('_').collect()
}

/// Rust variant names for the C names of one enum: the longest shared prefix of whole
/// `_`-separated words is removed, unless that would leave a name empty, starting with a digit,
/// or two names equal (then a shorter prefix is tried, down to none). For a single enumerator
/// only the type's own name is stripped. Each result is UpperCamelCase and not a keyword.
pub fn variant_names(type_c_name: &str, c_names: &[&str]) -> Vec<String> {
    let split: Vec<Vec<&str>> = c_names.iter().map(|n| words(n)).collect();
    let mut shared = match split.as_slice() {
        [only] => {
            let ty = words(type_c_name.trim_start_matches('_'));
            only.iter()
                .zip(&ty)
                .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
                .count()
        }
        _ => shared_prefix_words(c_names),
    };
    loop {
        let names: Vec<String> = split
            .iter()
            .map(|w| variant_ident(&w[shared.min(w.len())..].join("_"), true))
            .collect();
        let mut sorted: Vec<&String> = names.iter().collect();
        sorted.sort();
        let unique = sorted.windows(2).all(|p| p[0] != p[1]);
        let usable = names
            .iter()
            .all(|n| !n.is_empty() && !n.starts_with(|c: char| c.is_ascii_digit()));
        if unique && usable {
            return names;
        }
        if shared == 0 {
            // No stripping and no case conversion keeps the names apart: use the C names.
            return c_names.iter().map(|n| variant_ident(n, false)).collect();
        }
        shared -= 1;
    }
}

/// UpperCamelCase of one C name (or the name as it is), made a usable identifier.
fn variant_ident(c_rest: &str, camel: bool) -> String {
    let mut name = if camel {
        upper_camel(c_rest)
    } else {
        c_rest.to_string()
    };
    if is_keyword(&name) {
        name.push('_');
    }
    name
}

/// How many leading `_`-separated words all of `c_names` share (0 for fewer than two names).
pub fn shared_prefix_words(c_names: &[&str]) -> usize {
    let split: Vec<Vec<&str>> = c_names.iter().map(|n| words(n)).collect();
    match split.as_slice() {
        [] | [_] => 0,
        [first, rest @ ..] => rest.iter().fold(first.len(), |n, w| {
            first
                .iter()
                .zip(w.iter())
                .take(n)
                .take_while(|(a, b)| a == b)
                .count()
        }),
    }
}

/// The Rust name of an enumerator that only a header defines, made like the documented
/// ones: the first `strip` words go when it shares them with the documented names.
pub fn header_only_name(c_name: &str, documented: &[&str], strip: usize) -> String {
    let w = words(c_name);
    let shares = documented
        .first()
        .is_some_and(|d| strip > 0 && words(d).iter().take(strip).eq(w.iter().take(strip)));
    let start = if shares && w.len() > strip { strip } else { 0 };
    let name = variant_ident(&w[start..].join("_"), true);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        variant_ident(c_name, true)
    } else {
        name
    }
}

/// Rust keywords (strict and reserved, edition 2024) and `Self`.
pub fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

/// Associated items the generated types have (in any style); a variant of that name gets a
/// trailing `_`, so that a value has the same name in every style.
pub const RESERVED: &[&str] = &[
    "ALL",
    "C_NAME",
    "AVAILABILITY",
    "NAMES",
    "name",
    "c_name",
    "from_raw",
    "to_raw",
    "is_known",
    "availability",
    "is_available_on",
    "empty",
    "all",
    "bits",
    "from_bits",
    "from_bits_retain",
    "from_bits_truncate",
    "is_empty",
    "is_all",
    "contains",
    "intersects",
    "insert",
    "remove",
    "toggle",
    "set",
    "iter",
    "iter_names",
    "ALL_BITS",
    "to_bits",
];

/// Whether `name` can be used as a Rust identifier as it is.
pub fn is_rust_ident(name: &str) -> bool {
    // Every keyword is lowercase letters only, but `Self` (and `_` is no identifier): a plain
    // ASCII name with anything else is one without asking syn, which lexes it (most names).
    let bytes = name.as_bytes();
    let plain = bytes.first().is_some_and(|b| !b.is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_');
    if plain && name != "_" && name != "Self" && bytes.iter().any(|b| !b.is_ascii_lowercase()) {
        return true;
    }
    syn::parse_str::<syn::Ident>(name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case() {
        assert_eq!(upper_camel("BG_JOB_TYPE"), "BgJobType");
        assert_eq!(upper_camel("_POOL_TYPE"), "PoolType");
        assert_eq!(
            upper_camel("KeyValueFullInformation"),
            "KeyValueFullInformation"
        );
        assert_eq!(
            upper_camel("D3D12_RESOURCE_DIMENSION"),
            "D3d12ResourceDimension"
        );
        assert_eq!(upper_camel("__"), "");
    }

    #[test]
    fn strips_shared_prefix() {
        let names = variant_names(
            "BG_JOB_TYPE",
            &[
                "BG_JOB_TYPE_DOWNLOAD",
                "BG_JOB_TYPE_UPLOAD",
                "BG_JOB_TYPE_UPLOAD_REPLY",
            ],
        );
        assert_eq!(names, ["Download", "Upload", "UploadReply"]);
    }

    #[test]
    fn keeps_prefix_when_stripping_breaks_names() {
        // Stripping `MODE_` would leave `1X` and `2X`.
        assert_eq!(
            variant_names("MODE", &["MODE_1X", "MODE_2X"]),
            ["Mode1x", "Mode2x"]
        );
        // Stripping `A_B_` would make `C` twice, and so would every shorter prefix:
        // the C names are kept as they are.
        assert_eq!(
            variant_names("T", &["A_B_C", "A_B__C"]),
            ["A_B_C", "A_B__C"]
        );
        // One value: only the type name goes.
        assert_eq!(
            variant_names("BG_ERROR_CONTEXT", &["BG_ERROR_CONTEXT_NONE"]),
            ["None"]
        );
        assert_eq!(variant_names("X", &["SOMETHING_ELSE"]), ["SomethingElse"]);
    }

    #[test]
    fn keywords_and_modules() {
        assert_eq!(variant_names("T", &["T_SELF", "T_TYPE"]), ["Self_", "Type"]);
        assert_eq!(module_name("bits.h"), "bits");
        assert_eq!(module_name("61883.h"), "h61883");
        assert_eq!(module_name("../../etc/passwd"), "passwd");
        assert_eq!(module_name("Dxgi1_2.h"), "dxgi1_2");
        assert_eq!(module_name("mod.h"), "mod_");
        assert_eq!(module_name(""), "unnamed");
        assert_eq!(module_name("lib.h"), "lib_");
        assert_eq!(module_name("main.h"), "main_");
        assert_eq!(module_name("x } pub fn evil() {"), "x_pub_fn_evil");
    }

    /// The shortcut of [`is_rust_ident`] agrees with syn.
    #[test]
    fn rust_identifiers_as_syn_sees_them() {
        let keywords = "as async await break const continue crate dyn else enum extern false fn \
            for if impl in let loop match mod move mut pub ref return self Self static struct \
            super trait true type unsafe use where while abstract become box do final gen macro \
            override priv typeof unsized virtual yield try union raw";
        let others = [
            "_",
            "__",
            "_a",
            "A",
            "a1",
            "1a",
            "Download",
            "BG_JOB_TYPE",
            "x-y",
            "é",
            "",
        ];
        for name in keywords.split_whitespace().chain(others) {
            assert_eq!(
                is_rust_ident(name),
                syn::parse_str::<syn::Ident>(name).is_ok(),
                "{name:?}"
            );
        }
    }
}
