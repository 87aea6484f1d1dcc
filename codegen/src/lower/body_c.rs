//! Values the page body states as C: a line of the description, the remarks or a field's text
//! that is one enumerator of this page and nothing else, `` `SOME_NAME = 1,` `` (in backticks
//! or not, the comma optional). They are read like the `## -syntax` declaration (the same C
//! reader, `ValueSource::Syntax`), after it and the field headings, before C's rule.

use crate::c::written;
use crate::page::sections::{FieldSection, Sections};
use std::collections::{BTreeMap, BTreeSet};

/// The values the body's C lines give, by enumerator name.
pub(crate) fn declared(sections: &Sections, fields: &[&FieldSection]) -> BTreeMap<String, i128> {
    let names: BTreeSet<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let blocks = sections
        .description
        .iter()
        .chain(&sections.remarks)
        .chain(fields.iter().map(|f| &f.body));
    let mut code = String::new();
    let mut seen = BTreeSet::new();
    for block in blocks {
        for line in block.text.lines() {
            if let Some((name, value)) = enumerator_line(line, &names) {
                // The first statement of a name counts.
                if seen.insert(name) {
                    code.push_str(&format!("{name} = {value},\n"));
                }
            }
        }
    }
    if code.is_empty() {
        return BTreeMap::new();
    }
    written::syntax_values(&format!("enum {{\n{code}}};\n"))
}

/// `NAME` and `VALUE` of a line `NAME = VALUE,` (`` `NAME = VALUE` ``) whose name is one of
/// `names`.
fn enumerator_line<'a>(line: &'a str, names: &BTreeSet<&str>) -> Option<(&'a str, &'a str)> {
    let line = line.trim();
    let line = line
        .strip_prefix('`')
        .and_then(|l| l.strip_suffix('`'))
        .unwrap_or(line)
        .trim();
    let line = line.strip_suffix(',').unwrap_or(line);
    let (name, value) = line.split_once('=')?;
    let (name, value) = (name.trim(), value.trim());
    let plain = !value.is_empty()
        && !value.contains(['=', '`', ';', '{', '}'])
        && !value.starts_with(['=', '>']);
    (plain && names.contains(name)).then_some((name, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_one_enumerator_of_the_page() {
        let names: BTreeSet<&str> = ["KIND_A", "KIND_B"].into_iter().collect();
        assert_eq!(
            enumerator_line("`KIND_A = 1,`", &names),
            Some(("KIND_A", "1"))
        );
        assert_eq!(
            enumerator_line("  KIND_B = (1 << 4)", &names),
            Some(("KIND_B", "(1 << 4)"))
        );
        assert_eq!(enumerator_line("KIND_C = 1,", &names), None);
        assert_eq!(enumerator_line("if KIND_A == 1", &names), None);
        assert_eq!(enumerator_line("Set `KIND_A = 1` to start.", &names), None);
        assert_eq!(enumerator_line("KIND_A =", &names), None);
    }

    #[test]
    fn the_body_fills_what_heading_and_syntax_leave_to_c_rule() {
        use crate::model::ValueSource;
        let page = "---\nUID: NE:demo.KIND\nreq.typenames: KIND\n---\n## -description\nKinds.\n\n\
                    `KIND_B = 4,`\n\n## -enum-fields\n### -field KIND_A:1\nA.\n### -field KIND_B\nB.\n\
                    ### -field KIND_C\nC.\n\n    KIND_C = KIND_B << 1\n\n### -field KIND_D\nD.\n\n\
                    ## -remarks\n`KIND_A = 7,`\n";
        let loaded = crate::load_pages(
            [("demo/kind.md", page.as_bytes())],
            &crate::Config::default(),
        );
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let e = loaded.bindings.enums().next().unwrap();
        let values: Vec<(&str, i128, ValueSource)> = e
            .variants
            .iter()
            .map(|v| (v.c_name.as_str(), v.value, v.value_source))
            .collect();
        assert_eq!(
            values,
            [
                // The heading wins over the remarks' line.
                ("KIND_A", 1, ValueSource::Heading),
                ("KIND_B", 4, ValueSource::Syntax),
                ("KIND_C", 8, ValueSource::Syntax),
                ("KIND_D", 9, ValueSource::Inferred),
            ]
        );
    }
}
