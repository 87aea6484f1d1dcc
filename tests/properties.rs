//! Property tests over generated pages, in every enum style: random type and field names (C identifiers, keywords,
//! reserved names, and garbage), random values (numbers of every size, references to other
//! fields, expressions, junk), and bodies of HTML/Markdown soup (tags that could run, broken
//! nesting, entities, links with every scheme, version sentences, bidi and control
//! characters).
//!
//! Whatever the page, docbind never panics, and either reports an error (naming the page and
//! a line) or produces a file that passes `check_generated`: Rust that parses, no item a page
//! wrote, no raw HTML or script link in the docs.
//!
//! The seed is fixed, so a failure reproduces; proptest shrinks it to a small page.

use docbind::Config;
use docbind::config::NameStyle;
use docbind::model::EnumStyle;
use docbind_workspace_tests::{check_generated, render_single, support_item_names};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, RngSeed};
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn support() -> &'static BTreeSet<String> {
    static SUPPORT: OnceLock<BTreeSet<String>> = OnceLock::new();
    SUPPORT.get_or_init(support_item_names)
}

fn runner(cases: u32) -> RunnerConfig {
    RunnerConfig {
        cases,
        rng_seed: RngSeed::Fixed(0x00d0_cb1d),
        failure_persistence: None,
        ..RunnerConfig::default()
    }
}

/// Names: mostly C identifiers with a shared prefix, sometimes what a hostile page writes.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        30 => "[A-Z][A-Z0-9]{0,3}(_[A-Z0-9]{1,6}){0,3}",
        1 => "[a-z_][a-z0-9_]{0,8}",
        1 => prop::sample::select(vec![
            "type", "self", "Self", "fn", "_", "__", "ALL", "C_NAME", "AVAILABILITY", "c_name",
            "from_raw", "to_raw", "availability", "is_available_on", "Option", "RESULT",
            "u32", "str", "main", "lib", "r#fn", "X } pub fn evil() {", "A\"] #[doc = \"",
            "É_ACCENT", "1ST", "", " ", "A B", "A:B", "\\_ESCAPED\\_",
        ])
        .prop_map(str::to_string),
        1 => "[^\n]{0,12}",
    ]
}

/// Values after `NAME:`.
fn value(names: Vec<String>) -> impl Strategy<Value = Option<String>> {
    let refer = prop::sample::select(if names.is_empty() {
        vec!["X".to_string()]
    } else {
        names
    });
    prop_oneof![
        4 => Just(None),
        2 => any::<i64>().prop_map(|v| Some(v.to_string())),
        1 => any::<u64>().prop_map(|v| Some(format!("0x{v:X}"))),
        1 => prop_oneof![Just(0u128), any::<u128>()].prop_map(|v| Some(format!("{v}"))),
        1 => refer.clone().prop_map(Some),
        1 => (refer, 0u32..70).prop_map(|(r, s)| Some(format!("({r} | (1 << {s})) + 1"))),
        1 => prop::sample::select(vec![
            "TRUE", "FALSE", "-0x8000000000000000", "0xFFFFFFFFFFFFFFFF", "1 / 0", "1 << 200",
            "(((((((1)))))))", "1 }; fn evil() { 0", "sizeof(int)", "'a'", "\"s\"", "0777",
            "1i64", "UNKNOWN_MACRO + 1", ":", "--1", "~0", "!0 ? 1 : 2",
        ])
        .prop_map(|s| Some(s.to_string())),
        1 => "[^\n]{0,10}".prop_map(Some),
    ]
}

/// One piece of body soup.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<code>",
        "</code>",
        "<p>",
        "</p>",
        "<div class=\"alert\">",
        "</div>",
        "<ul>",
        "<li>",
        "</li>",
        "</ul>",
        "<ol start=\"99999999999\">",
        "<table>",
        "<tr>",
        "<td>",
        "<th>",
        "</td>",
        "</tr>",
        "</table>",
        "<pre>",
        "</pre>",
        "<br>",
        "<br/>",
        "<hr>",
        "<sup>",
        "</sup>",
        "<sub>",
        "<dl><dt>",
        "<dd>",
        "<blockquote>",
        "<script>alert(1)</script>",
        "<script>",
        "</script>",
        "<style>x{}</style>",
        "<iframe src=x>",
        "</iframe>",
        "<object data=x>",
        "<embed src=x>",
        "<svg onload=\"alert(1)\">",
        "<img src=\"x\" onerror=\"alert(1)\">",
        "<img src=\"data:image/png;base64,AA\" alt=\"a\">",
        "<a href=\"javascript:alert(1)\">",
        "<a href=\"JAVASCRIPT:x\">",
        "<a href=\"data:text/html,x\">",
        "<a href=\"ne-other.md\">",
        "<a href=\"https://example.com/a_(b)\">",
        "</a>",
        "<a>",
        "<!-- c",
        "-->",
        "<!DOCTYPE x>",
        "<?php ?>",
        "<![CDATA[ x ]]>",
        "<T>",
        "<int>",
        "< b >",
        "<b onclick=\"x\">",
        "<textarea>",
        "&lt;script&gt;",
        "&lt;",
        "&#60;",
        "&#x3C;",
        "&amp;",
        "&",
        "&#0;",
        "&#xFFFFFFFF;",
        "&nbsp;",
        "*",
        "**",
        "_",
        "__",
        "~~",
        "`",
        "``",
        "```",
        "```rust",
        "~~~",
        "[",
        "]",
        "](",
        ")",
        "[a](javascript:x)",
        "![i](data:x)",
        "[r]: javascript:x",
        "<http://x.y>",
        "http://x.y/z.",
        "# ",
        "## -remarks",
        "### -field NESTED",
        "> ",
        ">>>",
        "> [!NOTE]",
        "- ",
        "* ",
        "1. ",
        "|",
        "| a | b |",
        "|---|---|",
        "---",
        "\\",
        "\\*",
        "    ",
        "\t",
        "\n",
        "\n\n",
        "\r\n",
        "\u{a0}",
        "\u{200b}",
        "\u{feff}",
        "\u{202e}",
        "\u{2066}",
        "\u{0}",
        "\u{7}",
        "\u{85}",
        "Supported starting with Windows 10, version 1809.",
        "Deprecated.",
        "Not supported in Windows 8.1 and later.",
        "Available in KMDF 1.11 and later.",
        "Windows Server 2008 only.",
        "e.g.",
        "i.e. x",
        "(v=vs.85)",
        "word",
        "Words and more words",
    ]);
    prop_oneof![
        8 => fixed.prop_map(str::to_string),
        1 => "[a-zA-Z0-9 ]{1,12}",
        1 => "[^\n]{1,6}",
    ]
}

fn soup(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max).prop_map(|pieces| pieces.concat())
}

/// A whole page.
fn page() -> impl Strategy<Value = String> {
    let names = prop::collection::vec(name(), 1..10);
    (
        name(),
        prop::sample::select(vec![
            "demo.h", "lib.h", "../../etc/passwd", "a b.h", "\"x.h\\ny\"", "", "C:\\\\x.h",
        ]),
        names,
        soup(12),
        soup(12),
        soup(12),
        any::<bool>(),
        prop_oneof![9 => "[ -~]{0,20}", 1 => "[^\n']{0,20}"],
    )
        .prop_flat_map(
            |(type_name, header, names, description, remarks, see_also, syntax, summary)| {
                let fields = names
                    .iter()
                    .map(|n| (Just(n.clone()), value(names.clone()), soup(10)))
                    .collect::<Vec<_>>();
                (
                    Just(type_name),
                    Just(header),
                    fields,
                    Just((description, remarks, see_also, syntax, summary)),
                )
            },
        )
        .prop_map(|(type_name, header, fields, (description, remarks, see_also, syntax, summary))| {
            let yaml = |s: &str| format!("'{}'", s.replace('\'', "''"));
            let mut text = format!(
                "---\nUID: NE:demo._{t}\nreq.header: {header}\nreq.typenames: {t}\ndescription: {summary}\ntopic_type:\n-\tAPIRef\n---\n\n# {t} enumeration\n\n## -description\n\n{description}\n\n",
                t = yaml(&type_name),
                summary = yaml(&summary),
            );
            if syntax {
                text.push_str("## -syntax\n\n```cpp\ntypedef enum {\n");
                for (name, _, _) in &fields {
                    text.push_str(&format!("  {name},\n"));
                }
                text.push_str(&format!("}} {type_name};\n```\n\n"));
            }
            text.push_str("## -enum-fields\n\n");
            for (name, value, body) in &fields {
                match value {
                    Some(v) => text.push_str(&format!("### -field {name}:{v}\n\n{body}\n\n")),
                    None => text.push_str(&format!("### -field {name}\n\n{body}\n\n")),
                }
            }
            text.push_str(&format!("## -remarks\n\n{remarks}\n\n## -see-also\n\n{see_also}\n"));
            text
        })
}

/// Loads one page and checks the outcome: `Ok(true)` when it made an enum, `Ok(false)` when
/// it got an error, `Err` with what is wrong.
fn outcome(text: &str, names: NameStyle, enum_style: EnumStyle) -> Result<bool, String> {
    // Strict: a page that cannot be bound is an error (by default it would be left out with a
    // warning, and the run of this one page would have nothing to write).
    let config = Config {
        names,
        enum_style,
        strict: true,
        ..Config::default()
    };
    let loaded = docbind::load_pages([("demo/ne-demo.md", text.as_bytes())], &config);
    for d in &loaded.diagnostics {
        if d.file.to_string_lossy() != "demo/ne-demo.md" || (d.is_error() && d.line == 0) {
            return Err(format!("a diagnostic without the page and a line: {d}"));
        }
        let _ = d.to_string();
    }
    if loaded.has_errors() {
        if std::env::var_os("DOCBIND_DEBUG_PROPERTIES").is_some() {
            let first = loaded.diagnostics.iter().find(|d| d.is_error());
            eprintln!("{}", first.map_or(String::new(), |d| d.message.clone()));
        }
        return Ok(false);
    }
    check_generated(&render_single(&loaded.bindings), support())?;
    Ok(loaded.bindings.enums().count() == 1)
}

/// Runs `cases` of `strategy` through `test` (which says whether the case made an enum),
/// prints the counts, and requires at least `min_made` percent of the cases to make an enum
/// (so that the property is not satisfied by errors alone).
fn run<S: Strategy>(
    what: &str,
    cases: u32,
    min_made: usize,
    strategy: S,
    test: impl Fn(S::Value) -> Result<bool, String>,
) where
    S::Value: std::fmt::Debug,
{
    let made = std::cell::Cell::new(0usize);
    let total = std::cell::Cell::new(0usize);
    let mut runner = proptest::test_runner::TestRunner::new(runner(cases));
    let result = runner.run(&strategy, |value| {
        total.set(total.get() + 1);
        match test(value) {
            Ok(true) => made.set(made.get() + 1),
            Ok(false) => {}
            Err(why) => return Err(TestCaseError::fail(why)),
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{what}: {e}");
    }
    let (made, total) = (made.get(), total.get());
    eprintln!(
        "{what}: {total} cases, {made} made an enum, {} ended in an error",
        total - made
    );
    assert!(
        made * 100 >= total * min_made,
        "{what}: only {made} of {total} cases made an enum"
    );
}

#[test]
fn any_page_ends_in_valid_rust_or_a_diagnostic() {
    run(
        "generated pages",
        1000,
        30,
        (
            page(),
            any::<bool>(),
            prop::sample::select(vec![
                EnumStyle::Rust,
                EnumStyle::Newtype,
                EnumStyle::Consts,
                EnumStyle::Flags,
            ]),
        ),
        |(text, c_names, style)| {
            let names = if c_names {
                NameStyle::C
            } else {
                NameStyle::Idiomatic
            };
            outcome(&text, names, style)
                .map_err(|why| format!("{why}\n--- page ({style:?}):\n{text}"))
        },
    );
}

/// Bytes that are not quite text after a valid start: a diagnostic or output, never a panic.
#[test]
fn arbitrary_bytes_after_the_front_matter() {
    run(
        "arbitrary bytes",
        500,
        10,
        prop_oneof![
            4 => ".{0,300}".prop_map(String::into_bytes),
            1 => prop::collection::vec(any::<u8>(), 0..300),
        ],
        |tail| {
            let mut bytes = b"---\nUID: NE:demo._DEMO\nreq.typenames: DEMO\n---\n## -enum-fields\n### -field DEMO_A\n".to_vec();
            bytes.extend(tail);
            let strict = Config {
                strict: true,
                ..Config::default()
            };
            let loaded = docbind::load_pages([("p.md", bytes.as_slice())], &strict);
            if loaded.has_errors() {
                return Ok(false);
            }
            check_generated(&render_single(&loaded.bindings), support())?;
            Ok(true)
        },
    );
}
