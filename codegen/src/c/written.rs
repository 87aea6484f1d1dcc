//! Enumerator values as pages write them in field headings: `0x00000004`, `7`, `-1`, `1u`,
//! `TRUE`, or the name of another enumerator.

/// A value written after `### -field NAME:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Written {
    /// A number.
    Int(i128),
    /// The name of another enumerator whose value this one shares.
    Name(String),
}

/// Reads a field-heading value. `Err` says why it is not a value.
pub fn parse(text: &str) -> Result<Written, String> {
    let t = text
        .trim()
        .trim_start_matches(':')
        .trim_end_matches(['.', ',', ';'])
        .trim();
    let t = strip_parens(t);
    match t {
        "TRUE" | "true" => return Ok(Written::Int(1)),
        "FALSE" | "false" => return Ok(Written::Int(0)),
        _ => {}
    }
    if crate::naming::is_c_identifier(t) {
        return Ok(Written::Name(t.to_string()));
    }
    parse_int(t).map(Written::Int)
}

/// Evaluates a C constant expression written as a field value (`0x364 | WdfDevStateNP`,
/// `(A | B)`), with `known` enumerators in scope.
pub fn eval_expr(text: &str, known: &crate::c::Defines) -> Result<i128, String> {
    // The text is placed inside a C enum body: anything that could end that body is refused.
    if text.contains(['{', '}', ';', ',', '#', '=', '\n', '\'', '"'])
        || text.contains("/*")
        || text.contains("//")
    {
        return Err(format!("`{text}` is not a C constant expression"));
    }
    let text = text.trim().trim_start_matches(':');
    let source = format!("enum {{ DOCBIND_FIELD_VALUE = ({text}) }};");
    crate::c::parse_enums(&source, known)
        .into_iter()
        .next()
        .and_then(|e| e.enumerators.into_iter().next())
        .map_or_else(
            || Err(format!("`{text}` is not a C constant expression")),
            |e| e.value,
        )
        .map_err(|why| format!("cannot evaluate `{text}`: {why}"))
}

/// The values of the first enum declared in a `## -syntax` block (the Markdown code fence
/// around it is dropped), by enumerator name. Unresolvable values are left out.
pub fn syntax_values(block: &str) -> std::collections::BTreeMap<String, i128> {
    let mut code = String::new();
    let mut in_fence = false;
    let mut fenced = false;
    for line in block.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            fenced = true;
            continue;
        }
        if in_fence || !fenced {
            code.push_str(line);
        }
        code.push('\n');
    }
    let enums = crate::c::parse_enums(&code, &crate::c::Defines::default());
    enums
        .into_iter()
        .next()
        .map(|e| {
            e.enumerators
                .into_iter()
                .filter_map(|n| Some((n.name, n.value.ok()?)))
                .collect()
        })
        .unwrap_or_default()
}

/// A hexadecimal value that opens a field's description, as older SDK pages write it
/// (`0x00008000. Forces the creation ...`, `<b>0x1</b>: ...`). Decimal numbers are not read:
/// a description may well start with one.
pub fn body_value(body: &str) -> Option<i128> {
    let first = body.trim_start().lines().next()?;
    let mut t = first.trim();
    while let Some(rest) = t.strip_prefix('<') {
        t = rest.split_once('>')?.1;
    }
    let hex = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X"))?;
    let digits = hex.len()
        - hex
            .trim_start_matches(|c: char| c.is_ascii_hexdigit())
            .len();
    if digits == 0 {
        return None;
    }
    let mut after = &hex[digits..];
    while let Some(rest) = after.strip_prefix("</") {
        after = rest.split_once('>')?.1;
    }
    if !(after.is_empty() || after.starts_with(['.', ':', ' ', '\t'])) {
        return None;
    }
    parse_int(&t[..2 + digits]).ok()
}

/// Whether `text` is an integer literal too large for 64 bits (as opposed to something that
/// is not a number at all).
pub fn literal_too_large(text: &str) -> bool {
    let t = strip_parens(text.trim().trim_start_matches(':').trim());
    parse_int(t).is_err_and(|why| why.ends_with("does not fit in 64 bits"))
}

fn strip_parens(mut t: &str) -> &str {
    while let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        t = inner.trim();
    }
    t
}

/// A C integer literal with optional sign and suffix (`-0x10`, `0777`, `42UL`, `1i64`).
pub fn parse_int(text: &str) -> Result<i128, String> {
    let t = text.trim();
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let t = strip_suffix(t);
    let (digits, radix) = if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (hex, 16)
    } else if t.len() > 1 && t.starts_with('0') {
        (&t[1..], 8)
    } else {
        (t, 10)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(format!("`{text}` is not a number or an enumerator name"));
    }
    let magnitude = u64::from_str_radix(digits, radix)
        .map_err(|_| format!("`{text}` does not fit in 64 bits"))?;
    let value = i128::from(magnitude);
    if negative {
        if value > i128::from(i64::MAX) + 1 {
            return Err(format!("`{text}` does not fit in 64 bits"));
        }
        Ok(-value)
    } else {
        Ok(value)
    }
}

fn strip_suffix(t: &str) -> &str {
    for suffix in ["i64", "ui64", "I64", "UI64"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            return rest;
        }
    }
    t.trim_end_matches(['u', 'U', 'l', 'L'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse("0x00000004"), Ok(Written::Int(4)));
        assert_eq!(parse(" 7 "), Ok(Written::Int(7)));
        assert_eq!(parse("-1"), Ok(Written::Int(-1)));
        assert_eq!(parse("0xFFFFFFFF"), Ok(Written::Int(0xFFFF_FFFF)));
        assert_eq!(parse("0x80000000L"), Ok(Written::Int(0x8000_0000)));
        assert_eq!(parse("010"), Ok(Written::Int(8)));
        assert_eq!(parse("(5)"), Ok(Written::Int(5)));
        assert_eq!(parse("1i64"), Ok(Written::Int(1)));
        assert_eq!(
            parse("-0x8000000000000000"),
            Ok(Written::Int(i128::from(i64::MIN)))
        );
    }

    #[test]
    fn names_and_booleans() {
        assert_eq!(parse("TRUE"), Ok(Written::Int(1)));
        assert_eq!(parse("FALSE"), Ok(Written::Int(0)));
        assert_eq!(
            parse("OTHER_ENUMERATOR"),
            Ok(Written::Name("OTHER_ENUMERATOR".into()))
        );
    }

    #[test]
    fn expressions_and_syntax_blocks() {
        let mut known = crate::c::Defines::default();
        known.add_value("WdfDevStateNP", 0x1000);
        assert_eq!(eval_expr("0x364 | WdfDevStateNP", &known), Ok(0x1364));
        assert_eq!(eval_expr("(1 << 4) + 1", &known), Ok(17));
        assert!(eval_expr("1 }; fn evil() {", &known).is_err());
        assert!(eval_expr("UNKNOWN_NAME + 1", &known).is_err());
        let block =
            "\n```cpp\ntypedef enum _X {\n  X_A = 0x10,\n  X_B,\n  X_C = X_A + 4\n} X;\n```\n";
        let values = syntax_values(block);
        assert_eq!(values.get("X_B"), Some(&0x11));
        assert_eq!(values.get("X_C"), Some(&0x14));
    }

    #[test]
    fn values_opening_a_description() {
        assert_eq!(
            body_value("\n0x00008000. Forces the creation"),
            Some(0x8000)
        );
        assert_eq!(body_value("<b>0x10</b>: Something"), Some(0x10));
        assert_eq!(body_value("0x1"), Some(1));
        assert_eq!(body_value("10. Ten things"), None);
        assert_eq!(body_value("0xZZ. no"), None);
        assert_eq!(body_value("0x10g is a name"), None);
        assert_eq!(body_value("The value 0x10."), None);
    }

    #[test]
    fn rejects() {
        assert!(
            parse("0x1FFFFFFFFFFFFFFFF")
                .unwrap_err()
                .contains("64 bits")
        );
        assert!(parse("1 + 2").is_err());
        assert!(parse("0xZZ").is_err());
        assert!(parse("").is_err());
    }
}
