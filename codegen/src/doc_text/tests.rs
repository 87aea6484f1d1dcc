use std::time::{Duration, Instant};

use super::{LinkContext, to_plain_text, to_rustdoc};

const DOCS: &str = "https://learn.microsoft.com/windows-hardware/drivers/ddi";

fn known_page(path: &str) -> Option<String> {
    match path {
        "windot11/ne-windot11-foo.md" => Some("crate::windot11::Foo".to_owned()),
        "wdm/ne-wdm-_pool_type.md" => Some("crate::wdm::PoolType".to_owned()),
        _ => None,
    }
}

fn md(input: &str) -> String {
    let ctx = LinkContext {
        page_path: "wdm/ne-wdm-_pool_type_x.md",
        base_url: "https://learn.microsoft.com",
        docs_url: DOCS,
        resolve_page: &known_page,
    };
    to_rustdoc(input, &ctx)
}

#[track_caller]
fn check(input: &str, expected: &str) {
    assert_eq!(md(input), expected, "input: {input:?}");
}

#[test]
fn bold_italic_underline() {
    check(
        "The <b>BG_JOB_TYPE</b> enumeration",
        "The **BG_JOB_TYPE** enumeration",
    );
    check("<strong>a</strong> <i>b</i> <em>c</em>", "**a** *b* *c*");
    check(
        "This value is <u>for internal use only</u>.",
        "This value is *for internal use only*.",
    );
    check(
        "<b><b>nested</b></b> and <b><i>both</i></b>",
        "**nested** and ***both***",
    );
}

#[test]
fn bold_with_trailing_nbsp_closes() {
    check(
        "<b>BITS 1.2 and earlier:\u{a0}\u{a0}</b>Not supported.",
        "**BITS 1.2 and earlier:** Not supported.",
    );
    check("<b>Note:</b>Text", "**Note:** Text");
    check("x<b>(y)</b>", "x **(y)**");
}

#[test]
fn adjacent_bold_merges() {
    check("<b>A</b><b>B</b>", "**AB**");
    check("<b></b>empty", "empty");
}

#[test]
fn sup_and_sub_stay_html() {
    check(
        "2<sup>32</sup> and A<sub>d</sub>",
        "2<sup>32</sup> and A<sub>d</sub>",
    );
}

#[test]
fn code_tags_become_code_spans() {
    check(
        "<code>(READ | WRITE)</code> access",
        "`(READ | WRITE)` access",
    );
    check("<code>a`b</code>", "``a`b``");
}

#[test]
fn links() {
    check(
        r#"<a href="https://msdn.microsoft.com/b84c45c2">IBackgroundCopyJob::GetType</a>"#,
        "[IBackgroundCopyJob::GetType](https://msdn.microsoft.com/b84c45c2)",
    );
    check(r#"<a href="">empty</a> link"#, "empty link");
    check(
        r#"<a href="/windows-hardware/drivers/kernel/x">X</a>"#,
        "[X](https://learn.microsoft.com/windows-hardware/drivers/kernel/x)",
    );
    check(
        r#"<a href="bg_job_type.htm">old</a>"#,
        &format!("[old]({DOCS}/wdm/bg_job_type.htm)"),
    );
    check(
        "[Bar](..\\windot11\\ns-windot11-bar.md#remarks)",
        &format!("[Bar]({DOCS}/windot11/ns-windot11-bar#remarks)"),
    );
    check(
        "[Foo](..\\windot11\\ne-windot11-foo.md)",
        "[Foo](crate::windot11::Foo)",
    );
    check(
        "[Pool](/windows-hardware/drivers/ddi/wdm/ne-wdm-_pool_type)",
        "[Pool](crate::wdm::PoolType)",
    );
    check(
        r#"<a href="https://example.com/a">https://example.com/a</a>"#,
        "<https://example.com/a>",
    );
    check(
        "[x](https://msdn.microsoft.com/library/Dd323659(v=VS.85).aspx)",
        "[x](https://msdn.microsoft.com/library/Dd323659(v=VS.85).aspx)",
    );
    check(
        "[see](#remarks)",
        &format!("[see]({DOCS}/wdm/ne-wdm-_pool_type_x#remarks)"),
    );
}

#[test]
fn line_breaks_and_paragraphs() {
    check("one<br/>two", "one\\\ntwo");
    check("<p>one</p><p>two</p>", "one\n\ntwo");
    check("a  \nb", "a b");
}

#[test]
fn div_alert_becomes_quote() {
    check(
        "<div class=\"alert\"><b>Note</b>\u{a0}\u{a0}Supported starting with Windows 7.</div><div>\u{a0}</div>",
        "> **Note:** Supported starting with Windows 7.",
    );
    check(
        "<div class=\"alert\"><b>Warning</b>  Deprecated.</div><div> </div>This enumeration describes it.",
        "> **Warning:** Deprecated.\n\nThis enumeration describes it.",
    );
}

#[test]
fn markdown_alerts() {
    check("> [!NOTE]\n> Hello there.", "> **Note:** Hello there.");
    check(">[!NOTE]\n> Hi.", "> **Note:** Hi.");
    check(
        "> [!IMPORTANT] \n> Imp.\n>\n> More.",
        "> **Important:** Imp.\n>\n> More.",
    );
    check("> [!NOTE] The duty cycle.", "> **Note:** The duty cycle.");
}

#[test]
fn html_lists() {
    check("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", "- one\n- two");
    check("<ol start=\"3\"><li>c<li>d</ol>", "3. c\n4. d");
    check("<ul><li>a<ul><li>b</li></ul></li></ul>", "- a\n  - b");
    check("- 0 or 1 shader<br/>\n- b", "- 0 or 1 shader\n- b");
}

#[test]
fn simple_table_becomes_markdown() {
    check(
        "<table>\n<tr>\n<th>Name</th>\n<th>Value</th>\n</tr>\n<tr>\n<td><b>A</b></td>\n<td>x | y</td>\n</tr>\n</table>",
        "| Name | Value |\n| --- | --- |\n| **A** | x \\| y |",
    );
    check(
        "<table><tr><td>1</td><td>one</td></tr></table>",
        "| | |\n| --- | --- |\n| 1 | one |",
    );
}

#[test]
fn table_cell_with_list_uses_br() {
    check(
        "<table><tr><th>State</th></tr><tr><td><dl><dd>0 - KS_STOP</dd><dd>1 - KS_RUN</dd></dl></td></tr></table>",
        "| State |\n| --- |\n| - 0 - KS_STOP<br>- 1 - KS_RUN |",
    );
}

#[test]
fn rich_table_becomes_list() {
    check(
        "<table><tr><th>Name</th><th>Code</th></tr><tr><td>A</td><td><pre>x = 1;</pre></td></tr></table>",
        "- **Name:** A\n\n  **Code:**\n\n  ```text\n  x = 1;\n  ```",
    );
}

#[test]
fn markdown_table_pipes() {
    check(
        "| a | b |\n|---|---|\n| x \\| y | `p \\| q` |",
        "| a | b |\n| --- | --- |\n| x \\| y | `p \\| q` |",
    );
    check("a \\| b", "a | b");
}

#[test]
fn images_become_links() {
    check(
        r#"<img alt="Side-by-side packing" src="images/x.png"/>"#,
        &format!("[Side-by-side packing]({DOCS}/wdm/images/x.png)"),
    );
    check("![](img.png)", &format!("[image]({DOCS}/wdm/img.png)"));
}

#[test]
fn pre_becomes_fenced_text() {
    check(
        "<pre><code>if (a &lt; b) {\n    x();\n}</code></pre>",
        "```text\nif (a < b) {\n    x();\n}\n```",
    );
}

#[test]
fn code_fences_never_doctests() {
    check("```cpp\nint x;\n```", "```cpp\nint x;\n```");
    check("```C++\nint x;\n```", "```cpp\nint x;\n```");
    check("```\nint x;\n```", "```text\nint x;\n```");
    check("```rust\nfn f() {}\n```", "```text\nfn f() {}\n```");
    check("```should_panic\nx\n```", "```text\nx\n```");
    check(
        "Text.\n\n    int x = 0;\n    f(x);",
        "Text.\n\n```text\nint x = 0;\nf(x);\n```",
    );
    check("```text\na ``` b\n```", "````text\na ``` b\n````");
}

#[test]
fn whitespace_is_normalized() {
    check("a\u{a0}b   \n\n\n\nc  ", "a b\n\nc");
    check("\u{a0}\n\nx\n\n \n", "x");
}

#[test]
fn indented_msdn_prose_stays_prose() {
    check(
        "Some text.\n\n       Indicates that the miniport driver should power down the channel.",
        "Some text.\n\nIndicates that the miniport driver should power down the channel.",
    );
    check(
        "Intro.\n\n      <b>BRB_HCI_GET_LOCAL_BD_ADDR</b>.",
        "Intro.\n\n**BRB_HCI_GET_LOCAL_BD_ADDR**.",
    );
    check(
        "Indicates a\n                        \n                    CC status alert.",
        "Indicates a CC status alert.",
    );
    check(
        "- item\n\n      more about the item.",
        "- item\n\n  more about the item.",
    );
}

#[test]
fn rustdoc_lints_are_avoided() {
    check("values [0] and [x]", "values \\[0\\] and \\[x\\]");
    check("std::vector<int> and <T>", "std::vector\\<int> and \\<T>");
    check("see https://example.com/x.", "see <https://example.com/x>.");
    check("<b>unclosed", "**unclosed**");
    check("a </i> b", "a b");
    check("a * b * c and 2*3", "a * b * c and 2\\*3");
    check(
        "__MIDL_IBackgroundCopyJob_0003",
        "\\_\\_MIDL_IBackgroundCopyJob_0003",
    );
    check("&amp;lt; & x", "\\&lt; & x");
    check("# heading", "# heading");
    check("<p># not a heading</p>", "\\# not a heading");
    check("<p>1. not a list</p>", "1\\. not a list");
    check("`a`<code>b</code>", "`a` `b`");
    check(
        "<div class=\"alert\"><b>Vec<T></b> x</div>",
        "> **Vec\\<T>** x",
    );
}

#[test]
fn unsafe_content_is_dropped() {
    check("a<script>alert(1)</script>b", "ab");
    check("<style>p{}</style>text", "text");
    check("x<iframe src=\"https://evil\">inner</iframe>y", "xy");
    check(
        r#"<a href="javascript:alert(1)" onclick="x()">click</a>"#,
        "click",
    );
    check(r#"<a href=" JaVaScRiPt:alert(1)">c</a>"#, "c");
    check(
        r#"<a href="data:text/html,x">d</a> <a href="vbscript:x">v</a>"#,
        "d v",
    );
    check(
        "[m](javascript:alert(1)) <javascript:alert(1)>",
        "m javascript:alert(1)",
    );
    check(
        r#"<img src="x" onerror="alert(1)">"#,
        &format!("[image]({DOCS}/wdm/x)"),
    );
    check("<object data=\"x\"><embed src=\"y\">z</object>", "");
    check(
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "\\<script>alert(1)\\</script>",
    );
}

#[test]
fn headings_and_unknown_tags() {
    check("<h3>Title</h3>text", "### Title\n\ntext");
    check(
        "std::pair<*, int> and <int> value",
        "std::pair<\\*, int> and \\<int> value",
    );
}

const SEED: &str = include_str!("../../../docs/bits/ne-bits-__midl_ibackgroundcopyjob_0003.md");

fn seed_section(heading: &str) -> &'static str {
    let start = SEED.find(heading).map_or(0, |i| i + heading.len());
    let rest = &SEED[start..];
    let end = rest.find("\n##").unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn seed_page() {
    let ctx = LinkContext {
        page_path: "bits/ne-bits-__midl_ibackgroundcopyjob_0003.md",
        base_url: "https://learn.microsoft.com",
        docs_url: "https://learn.microsoft.com/windows/win32/api",
        resolve_page: &|_| None,
    };
    let doc = |heading| to_rustdoc(seed_section(heading), &ctx);
    assert_eq!(
        doc("## -description"),
        "The **BG_JOB_TYPE** enumeration defines constant values that specify the type of transfer job, such as download."
    );
    assert_eq!(
        doc("### -field BG_JOB_TYPE_DOWNLOAD"),
        "Specifies that the job downloads files to the client."
    );
    assert_eq!(
        doc("### -field BG_JOB_TYPE_UPLOAD\n"),
        "Specifies that the job uploads a file to the server.\n\n**BITS 1.2 and earlier:** Not supported."
    );
    assert_eq!(
        doc("### -field BG_JOB_TYPE_UPLOAD_REPLY"),
        "Specifies that the job uploads a file to the server and receives a reply file from the server application.\n\n**BITS 1.2 and earlier:** Not supported."
    );
    assert_eq!(
        doc("## -see-also"),
        "[IBackgroundCopyJob::GetType](https://msdn.microsoft.com/b84c45c2-379a-40d0-91ab-0124f0ef6b00)\n\n\
         [IBackgroundCopyManager::CreateJob](https://msdn.microsoft.com/6d23e3c0-673b-4f37-b6a0-e364b2d73886)"
    );
    assert_eq!(
        to_plain_text(seed_section("### -field BG_JOB_TYPE_UPLOAD\n")),
        "Specifies that the job uploads a file to the server. BITS 1.2 and earlier: Not supported."
    );
}

#[test]
fn plain_text() {
    assert_eq!(
        to_plain_text("The <b>X</b>\n[link](a.md) `code` <script>no</script>![alt](i.png)"),
        "The X link code alt"
    );
    assert_eq!(
        to_plain_text("<div class=\"alert\"><b>Note</b> Supported.</div>"),
        "Note Supported."
    );
}

/// A small deterministic generator (xorshift) for fuzz-like inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const PIECES: &[&str] = &[
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<a href=\"",
    "x.md\">",
    "</a>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "</tr>",
    "</table>",
    "<ul>",
    "<li>",
    "</ul>",
    "<div class=\"alert\">",
    "</div>",
    "<pre>",
    "</pre>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "[",
    "]",
    "(",
    ")",
    "*",
    "_",
    "`",
    "```",
    "\n",
    "\n\n",
    "    ",
    "> ",
    "> [!NOTE]",
    "- ",
    "1. ",
    "|",
    "\\",
    "&lt;",
    "&",
    "<",
    ">",
    "http://a.b/c",
    "word ",
    "\u{a0}",
    "é",
    "<br/>",
    "<img src=x>",
    "#",
    "~~",
];

fn random_input(rng: &mut Rng, pieces: usize) -> String {
    let mut s = String::new();
    for _ in 0..pieces {
        let i = (rng.next() % PIECES.len() as u64) as usize;
        s.push_str(PIECES[i]);
    }
    s
}

#[test]
fn random_and_truncated_inputs_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..300 {
        let input = random_input(&mut rng, 60);
        for cut in (0..=input.len())
            .step_by(7)
            .filter(|c| input.is_char_boundary(*c))
        {
            let _ = md(&input[..cut]);
            let _ = to_plain_text(&input[..cut]);
        }
    }
}

#[test]
fn large_and_deep_inputs_finish_fast() {
    let mut rng = Rng(42);
    let cases = [
        "<b>".repeat(200_000),
        "<div>".repeat(100_000),
        ">".repeat(500_000) + " x",
        "[".repeat(300_000),
        "<a x=\"".repeat(100_000),
        "- ".repeat(200_000) + "x",
        "<td>".repeat(150_000),
        "http://a".repeat(100_000),
        "*a ".repeat(200_000),
        "      word\n\n".repeat(80_000),
        "<!--".repeat(200_000),
        random_input(&mut rng, 150_000),
    ];
    for input in &cases {
        let start = Instant::now();
        let _ = md(input);
        let _ = to_plain_text(input);
        let elapsed = start.elapsed();
        assert!(
            elapsed < Duration::from_secs(20),
            "{elapsed:?} for input starting {:?}",
            &input[..20]
        );
    }
}
