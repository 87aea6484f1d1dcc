//! Builds one document tree from pulldown-cmark events and the HTML tags inside them.
//!
//! Markdown events are always well nested; HTML tags in real pages are not (`<b>` left open,
//! `</div>` without `<div>`). The builder keeps a stack of open elements and closes tolerantly:
//! a Markdown end closes its element and anything HTML left open inside it; an HTML close tag
//! closes the nearest element with that tag name but never crosses an element that Markdown
//! opened, and is ignored when there is none. Depth is capped, so rendering may recurse.

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, Event, Options, Parser, Tag as MdTag};

use super::html::{self, Role, Token};

/// Deepest element nesting kept; deeper opens are ignored (their content stays in place).
const MAX_DEPTH: usize = 48;

/// What an element is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Root,
    Paragraph,
    Heading(u8),
    Quote,
    /// A note/warning box, with its title ("Note", "Important", ...).
    Alert(String),
    /// A `<div>`: a container with no meaning of its own; `alert` when `class="alert"`.
    Div {
        alert: bool,
    },
    /// A list, with the first number of an ordered list.
    List(Option<u64>),
    Item,
    Table,
    Row {
        head: bool,
    },
    Cell {
        head: bool,
    },
    /// `<pre>`: its text is a code block.
    Pre,
    Strong,
    Emph,
    Strike,
    Sup,
    Sub,
    /// `<code>`: its text is inline code.
    Code,
    /// A link with its destination as written.
    Link(String),
    /// An image with its source as written; children are the alt text.
    Image(String),
    /// Content that must not reach the output.
    Drop,
}

impl Kind {
    /// Whether the element sits inside a paragraph (as opposed to containing paragraphs).
    pub(super) fn is_inline(&self) -> bool {
        matches!(
            self,
            Kind::Strong
                | Kind::Emph
                | Kind::Strike
                | Kind::Sup
                | Kind::Sub
                | Kind::Code
                | Kind::Link(_)
                | Kind::Image(_)
                | Kind::Drop
        )
    }
}

/// A node of the document tree.
#[derive(Clone, Debug)]
pub(super) enum Node {
    /// Text as it reads (no escapes); whitespace is not yet normalized.
    Text(String),
    /// Inline code from Markdown backticks.
    Code(String),
    /// A hard line break.
    Break,
    /// A thematic break.
    Rule,
    /// A code block with its (already sanitized) language tag.
    CodeBlock {
        lang: String,
        text: String,
    },
    Elem(Elem),
}

impl Node {
    /// Whether this node belongs inside a paragraph.
    pub(super) fn is_inline(&self) -> bool {
        match self {
            Node::Text(_) | Node::Code(_) | Node::Break => true,
            Node::Rule | Node::CodeBlock { .. } => false,
            Node::Elem(elem) => elem.kind.is_inline(),
        }
    }
}

/// An element and its children.
#[derive(Clone, Debug)]
pub(super) struct Elem {
    pub(super) kind: Kind,
    pub(super) children: Vec<Node>,
}

/// Who opened an element on the builder's stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Markdown,
    /// Opened by an HTML tag with this name (or implied by one, e.g. a `<tr>` for a `<td>`).
    Html(&'static str),
}

struct Open {
    elem: Elem,
    origin: Origin,
}

/// Parses a Markdown fragment (with inline HTML) into a tree rooted at a `Kind::Root` element.
pub(super) fn parse(src: &str) -> Elem {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_GFM);
    let mut builder = Builder::new();
    let mut html_block: Option<String> = None;
    let mut code_block: Option<(String, String)> = None;
    for event in Parser::new_ext(src, options) {
        if let Some((_, text)) = code_block.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(_) => {
                    if let Some((lang, text)) = code_block.take() {
                        builder.add(Node::CodeBlock { lang, text });
                    }
                }
                _ => {}
            }
            continue;
        }
        if let Some(buffer) = html_block.as_mut() {
            match event {
                Event::Html(t) | Event::Text(t) => buffer.push_str(&t),
                _ => {
                    if let Some(buffer) = html_block.take() {
                        builder.html(&buffer);
                    }
                }
            }
            continue;
        }
        match event {
            Event::Start(MdTag::HtmlBlock) => html_block = Some(String::new()),
            Event::Start(MdTag::CodeBlock(kind)) => {
                code_block = Some((code_language(&kind), String::new()));
            }
            Event::Start(tag) => builder.md_start(&tag),
            Event::End(_) => builder.md_end(),
            event => builder.md_leaf(event),
        }
    }
    builder.finish()
}

/// The language tag a code block keeps: the first word of its info string, lowercased, only
/// when rustdoc would not take it for Rust (which it would compile as a doctest).
fn code_language(kind: &CodeBlockKind<'_>) -> String {
    let CodeBlockKind::Fenced(info) = kind else {
        return "text".to_owned();
    };
    let word = info
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let word = match word.as_str() {
        "c++" => "cpp".to_owned(),
        "c#" => "csharp".to_owned(),
        _ => word,
    };
    let clean = word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '.'));
    if word.is_empty() || !clean || is_rustdoc_keyword(&word) {
        "text".to_owned()
    } else {
        word
    }
}

/// Info-string words that make rustdoc treat a block as Rust code.
fn is_rustdoc_keyword(word: &str) -> bool {
    matches!(
        word,
        "rust"
            | "ignore"
            | "should_panic"
            | "no_run"
            | "compile_fail"
            | "test_harness"
            | "standalone_crate"
            | "allow_fail"
    ) || word.starts_with("edition")
        || word.starts_with("ignore-")
}

struct Builder {
    stack: Vec<Open>,
    /// Markdown starts refused at the depth cap whose ends are still to come.
    md_overflow: usize,
}

impl Builder {
    fn new() -> Self {
        let root = Elem {
            kind: Kind::Root,
            children: Vec::new(),
        };
        Builder {
            stack: vec![Open {
                elem: root,
                origin: Origin::Markdown,
            }],
            md_overflow: 0,
        }
    }

    fn finish(mut self) -> Elem {
        self.close_above(1);
        match self.stack.pop() {
            Some(open) => open.elem,
            None => Elem {
                kind: Kind::Root,
                children: Vec::new(),
            },
        }
    }

    fn top(&self) -> Option<&Kind> {
        self.stack.last().map(|open| &open.elem.kind)
    }

    fn top_is_drop(&self) -> bool {
        self.stack.iter().any(|open| open.elem.kind == Kind::Drop)
    }

    /// Adds a node to the innermost open element, supplying the table/list structure that
    /// HTML leaves implicit.
    fn add(&mut self, node: Node) {
        if self.top_is_drop() {
            return;
        }
        let blank = matches!(&node, Node::Text(t) if t.trim().is_empty());
        match self.top() {
            Some(Kind::Table | Kind::Row { .. } | Kind::List(_)) if blank => return,
            Some(Kind::Table) => {
                self.push(Kind::Row { head: false }, Origin::Html("tr"));
                self.push(Kind::Cell { head: false }, Origin::Html("td"));
            }
            Some(Kind::Row { .. }) => {
                self.push(Kind::Cell { head: false }, Origin::Html("td"));
            }
            Some(Kind::List(_)) => {
                self.push(Kind::Item, Origin::Html("li"));
            }
            _ => {}
        }
        let Some(open) = self.stack.last_mut() else {
            return;
        };
        let children = &mut open.elem.children;
        if let (Node::Text(new), Some(Node::Text(prev))) = (&node, children.last_mut()) {
            prev.push_str(new);
            return;
        }
        children.push(node);
    }

    fn text(&mut self, text: &str) {
        let clean: String = text
            .chars()
            .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}' | '\0'))
            .map(|c| if c == '\u{a0}' { ' ' } else { c })
            .collect();
        if !clean.is_empty() {
            self.add(Node::Text(clean));
        }
    }

    /// Opens an element unless the depth cap is reached; returns whether it did.
    fn push(&mut self, kind: Kind, origin: Origin) -> bool {
        if self.stack.len() >= MAX_DEPTH {
            return false;
        }
        self.stack.push(Open {
            elem: Elem {
                kind,
                children: Vec::new(),
            },
            origin,
        });
        true
    }

    /// Opens an element; a block element first closes the inline elements HTML left open.
    fn open(&mut self, kind: Kind, origin: Origin) -> bool {
        if !kind.is_inline() {
            while self.stack.len() > 1
                && self.top().is_some_and(Kind::is_inline)
                && self
                    .stack
                    .last()
                    .is_some_and(|open| open.origin != Origin::Markdown)
            {
                self.close_above(self.stack.len() - 1);
            }
        }
        self.push(kind, origin)
    }

    /// Closes every element at stack index `depth` and above.
    fn close_above(&mut self, depth: usize) {
        while self.stack.len() > depth.max(1) {
            let Some(open) = self.stack.pop() else {
                return;
            };
            let node = finish_elem(open.elem);
            if let Some(parent) = self.stack.last_mut() {
                parent.elem.children.push(node);
            }
        }
    }

    fn md_start(&mut self, tag: &MdTag<'_>) {
        let kind = match tag {
            MdTag::Paragraph => Kind::Paragraph,
            MdTag::Heading { level, .. } => Kind::Heading(*level as u8),
            MdTag::BlockQuote(None) => Kind::Quote,
            MdTag::BlockQuote(Some(kind)) => Kind::Alert(alert_title(*kind).to_owned()),
            MdTag::List(start) => Kind::List(*start),
            MdTag::Item => Kind::Item,
            MdTag::Table(_) => Kind::Table,
            MdTag::TableHead => Kind::Row { head: true },
            MdTag::TableRow => Kind::Row { head: false },
            MdTag::TableCell => Kind::Cell {
                head: matches!(self.top(), Some(Kind::Row { head: true })),
            },
            MdTag::Emphasis => Kind::Emph,
            MdTag::Strong => Kind::Strong,
            MdTag::Strikethrough => Kind::Strike,
            MdTag::Link { dest_url, .. } => Kind::Link(dest_url.to_string()),
            MdTag::Image { dest_url, .. } => Kind::Image(dest_url.to_string()),
            _ => Kind::Div { alert: false },
        };
        if !self.open(kind, Origin::Markdown) {
            self.md_overflow += 1;
        }
    }

    fn md_end(&mut self) {
        if self.md_overflow > 0 {
            self.md_overflow -= 1;
            return;
        }
        let found = self
            .stack
            .iter()
            .rposition(|open| open.origin == Origin::Markdown);
        if let Some(index) = found.filter(|i| *i > 0) {
            self.close_above(index);
        }
    }

    fn md_leaf(&mut self, event: Event<'_>) {
        match event {
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.add(Node::Code(code.to_string())),
            Event::InlineHtml(raw) | Event::Html(raw) => self.html(&raw),
            Event::SoftBreak => self.text("\n"),
            Event::HardBreak => self.add(Node::Break),
            Event::Rule => self.add(Node::Rule),
            _ => {}
        }
    }

    fn html(&mut self, raw: &str) {
        for token in html::tokenize(raw) {
            match token {
                Token::Text(text) => self.text(&text),
                Token::Open(tag) => self.html_open(&tag),
                Token::Close(name) => self.html_close(&name),
            }
        }
    }

    fn html_open(&mut self, tag: &html::Tag) {
        let Some(role) = html::role(&tag.name) else {
            return;
        };
        let name = static_name(role);
        let kind = match role {
            Role::Break => return self.add(Node::Break),
            Role::Rule => return self.add(Node::Rule),
            Role::Image => return self.image(tag),
            Role::Transparent => return,
            Role::Strong => Kind::Strong,
            Role::Emph => Kind::Emph,
            Role::Strike => Kind::Strike,
            Role::Sup => Kind::Sup,
            Role::Sub => Kind::Sub,
            Role::Code => Kind::Code,
            Role::Link => Kind::Link(tag.attr("href").unwrap_or_default().to_owned()),
            Role::Drop | Role::RawDrop => Kind::Drop,
            Role::Paragraph => Kind::Paragraph,
            Role::Div => Kind::Div {
                alert: tag
                    .attr("class")
                    .is_some_and(|c| c.split_whitespace().any(|w| w == "alert")),
            },
            Role::Quote => Kind::Quote,
            Role::Heading(level) => Kind::Heading(level),
            Role::Pre => Kind::Pre,
            Role::List => Kind::List(None),
            Role::OrderedList => Kind::List(Some(list_start(tag))),
            Role::Item | Role::Term => Kind::Item,
            Role::Table => Kind::Table,
            Role::Row => Kind::Row { head: false },
            Role::HeadCell => Kind::Cell { head: true },
            Role::Cell => Kind::Cell { head: false },
        };
        if self.top_is_drop() {
            return;
        }
        self.implicit_structure(role);
        if self.open(kind, Origin::Html(name)) && role == Role::Term {
            self.push(Kind::Strong, Origin::Html("dt"));
        }
    }

    /// Closes what an opening tag implicitly ends (`<li>` ends the previous `<li>`, `<p>` ends
    /// an open `<p>`) and opens what it implies (`<td>` outside `<tr>` opens one).
    fn implicit_structure(&mut self, role: Role) {
        match role {
            Role::Item | Role::Term => {
                self.close_html_within(&["li", "dt"], &["ul", "ol"]);
                if !matches!(self.top(), Some(Kind::List(_))) {
                    self.open(Kind::List(None), Origin::Html("ul"));
                }
            }
            Role::Paragraph => self.close_html_within(&["p"], &["div", "li", "td", "th"]),
            Role::Row => {
                self.close_html_within(&["tr"], &["table"]);
                if !matches!(self.top(), Some(Kind::Table)) {
                    self.open(Kind::Table, Origin::Html("table"));
                }
            }
            Role::Cell | Role::HeadCell => {
                self.close_html_within(&["td", "th"], &["tr", "table"]);
                if !matches!(self.top(), Some(Kind::Row { .. })) {
                    self.implicit_structure(Role::Row);
                    self.open(Kind::Row { head: false }, Origin::Html("tr"));
                }
            }
            _ => {}
        }
    }

    /// Closes the nearest HTML element named in `names`, searching down the stack no further
    /// than an element named in `scope` or one that Markdown opened.
    fn close_html_within(&mut self, names: &[&str], scope: &[&str]) {
        for index in (1..self.stack.len()).rev() {
            let Origin::Html(name) = self.stack[index].origin else {
                return;
            };
            if names.contains(&name) {
                return self.close_above(index);
            }
            if scope.contains(&name) {
                return;
            }
        }
    }

    fn html_close(&mut self, name: &str) {
        let Some(role) = html::role(name) else {
            return;
        };
        if matches!(
            role,
            Role::Transparent | Role::Break | Role::Rule | Role::Image
        ) {
            return;
        }
        let wanted = static_name(role);
        for index in (1..self.stack.len()).rev() {
            match self.stack[index].origin {
                Origin::Markdown => return,
                Origin::Html(open) if open == wanted => return self.close_above(index),
                Origin::Html(_) => {}
            }
        }
    }

    fn image(&mut self, tag: &html::Tag) {
        let src = tag.attr("src").unwrap_or_default().to_owned();
        let alt = tag.attr("alt").unwrap_or_default().to_owned();
        let node = Node::Elem(Elem {
            kind: Kind::Image(src),
            children: vec![Node::Text(alt)],
        });
        self.add(node);
    }
}

/// The tag name that closes an element of this role (`</dd>` closes what `<li>` would).
fn static_name(role: Role) -> &'static str {
    match role {
        Role::Strong => "b",
        Role::Emph => "i",
        Role::Strike => "s",
        Role::Sup => "sup",
        Role::Sub => "sub",
        Role::Code => "code",
        Role::Link => "a",
        Role::Paragraph => "p",
        Role::Div => "div",
        Role::Quote => "blockquote",
        Role::Heading(_) => "h",
        Role::Pre => "pre",
        Role::List | Role::OrderedList => "ul",
        Role::Item => "li",
        Role::Term => "dt",
        Role::Table => "table",
        Role::Row => "tr",
        Role::HeadCell | Role::Cell => "td",
        Role::Drop | Role::RawDrop => "drop",
        Role::Image | Role::Break | Role::Rule | Role::Transparent => "",
    }
}

/// The `start` attribute of an `<ol>`, defaulting to 1.
fn list_start(tag: &html::Tag) -> u64 {
    tag.attr("start")
        .and_then(|s| s.trim().parse().ok())
        .filter(|n| *n < 1_000_000_000)
        .unwrap_or(1)
}

/// The title GitHub-style alerts (`> [!NOTE]`) show.
fn alert_title(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "Note",
        BlockQuoteKind::Tip => "Tip",
        BlockQuoteKind::Important => "Important",
        BlockQuoteKind::Warning => "Warning",
        BlockQuoteKind::Caution => "Caution",
    }
}

/// Final touches on a closed element: recognizes the two spellings of a note box that the
/// parser cannot see (`<div class="alert"><b>Note</b> ...` and `> [!NOTE] text` on one line).
fn finish_elem(mut elem: Elem) -> Node {
    match elem.kind {
        Kind::Div { alert: true } => {
            let title = take_bold_title(&mut elem.children);
            elem.kind = Kind::Alert(title.unwrap_or_default());
        }
        Kind::Quote => {
            if let Some(title) = take_marker_title(&mut elem.children) {
                elem.kind = Kind::Alert(title);
            }
        }
        _ => {}
    }
    Node::Elem(elem)
}

/// Removes a leading `<b>Note</b>` (any short bold word) and returns its text.
fn take_bold_title(children: &mut Vec<Node>) -> Option<String> {
    let first = children
        .iter()
        .position(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()))?;
    let Node::Elem(elem) = &children[first] else {
        return None;
    };
    if elem.kind != Kind::Strong {
        return None;
    }
    let title = super::plain::of_nodes(&elem.children);
    let title = title.trim_end_matches(':').trim().to_owned();
    if title.is_empty() || title.len() > 24 || !title.chars().all(char::is_alphabetic) {
        return None;
    }
    children.drain(..=first);
    Some(title)
}

/// Removes a leading `[!NOTE]` from the first paragraph of a block quote and returns the title.
fn take_marker_title(children: &mut [Node]) -> Option<String> {
    let Some(Node::Elem(paragraph)) = children.first_mut() else {
        return None;
    };
    let Some(Node::Text(text)) = paragraph.children.first_mut() else {
        return None;
    };
    let rest = text.trim_start().strip_prefix("[!")?;
    let end = rest.find(']')?;
    let word = &rest[..end];
    if word.is_empty() || word.len() > 12 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut title = word.to_ascii_lowercase();
    if let Some(first) = title.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    *text = rest[end + 1..].to_owned();
    Some(title)
}
