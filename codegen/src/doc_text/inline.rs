//! Writes inline content (text, emphasis, code, links) as Markdown on one logical line.
//!
//! Whitespace is collapsed the way a browser would. Text is escaped just enough that rustdoc
//! reads it literally: no accidental emphasis, links, HTML tags or entities, and bare URLs
//! become autolinks.

use super::LinkContext;
use super::links::{self, Target};
use super::plain;
use super::tree::{Elem, Kind, Node};

/// How a hard line break is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Breaks {
    /// A newline; the paragraph writer turns it into a Markdown hard break.
    Newline,
    /// `<br>`, the only line break a table cell can hold.
    Html,
    /// A space (headings, link text).
    Space,
}

/// Where the inline content sits.
#[derive(Clone, Copy, Debug)]
pub(super) struct Flags {
    pub(super) breaks: Breaks,
    /// Inside a table cell: `|` must be escaped, even in code spans.
    pub(super) table: bool,
    link: bool,
    strong: bool,
    emph: bool,
    strike: bool,
}

impl Flags {
    /// Flags for top-level inline content.
    pub(super) fn new(breaks: Breaks, table: bool) -> Self {
        Flags {
            breaks,
            table,
            link: false,
            strong: false,
            emph: false,
            strike: false,
        }
    }
}

/// Markdown delimiters around emphasized content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Delim {
    Strong,
    Emph,
    Strike,
}

impl Delim {
    fn marker(self) -> &'static str {
        match self {
            Delim::Strong => "**",
            Delim::Emph => "*",
            Delim::Strike => "~~",
        }
    }
}

/// The result of writing some inline content.
pub(super) struct Written {
    /// The Markdown, trimmed.
    pub(super) text: String,
    leading_space: bool,
    trailing_space: bool,
}

/// An inline Markdown writer.
pub(super) struct Writer<'a> {
    ctx: &'a LinkContext<'a>,
    flags: Flags,
    out: String,
    /// A space is due before the next content.
    space: bool,
    /// Whitespace came before any content.
    leading_space: bool,
    /// A line break is due before the next content.
    pending_break: bool,
    /// The last thing written was a closing delimiter after punctuation: a following word
    /// character needs a space or the delimiter would not close.
    guard: bool,
    /// The delimiter just closed and where its closing marker starts, for merging
    /// `**a**` + `**b**` into `**ab**`.
    last_close: Option<(Delim, usize)>,
}

impl<'a> Writer<'a> {
    /// A writer for content in the given situation.
    pub(super) fn new(ctx: &'a LinkContext<'a>, flags: Flags) -> Self {
        Writer {
            ctx,
            flags,
            out: String::new(),
            space: false,
            leading_space: false,
            pending_break: false,
            guard: false,
            last_close: None,
        }
    }

    /// Writes the nodes and returns the Markdown.
    pub(super) fn write(mut self, nodes: &[Node]) -> Written {
        self.nodes(nodes);
        Written {
            text: self.out,
            leading_space: self.leading_space,
            trailing_space: self.space || self.pending_break,
        }
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Text(text) => self.text(text),
            Node::Code(code) => self.code(code),
            Node::Break => self.hard_break(),
            Node::Rule => self.whitespace(),
            Node::CodeBlock { text, .. } => self.code(text),
            Node::Elem(elem) => self.elem(elem),
        }
    }

    fn elem(&mut self, elem: &Elem) {
        match &elem.kind {
            Kind::Strong if !self.flags.strong => self.delimited(elem, Delim::Strong),
            Kind::Emph if !self.flags.emph => self.delimited(elem, Delim::Emph),
            Kind::Strike if !self.flags.strike => self.delimited(elem, Delim::Strike),
            Kind::Strong | Kind::Emph | Kind::Strike => self.nodes(&elem.children),
            Kind::Sup => self.html_wrapped(elem, "sup"),
            Kind::Sub => self.html_wrapped(elem, "sub"),
            Kind::Code | Kind::Pre => self.code(&plain::raw_text(&elem.children)),
            Kind::Link(href) => self.link(href, &elem.children),
            Kind::Image(src) => self.image(src, &elem.children),
            Kind::Drop => {}
            _ => {
                // A block inside inline content: flatten it.
                self.whitespace();
                self.nodes(&elem.children);
                self.whitespace();
            }
        }
    }

    fn whitespace(&mut self) {
        if self.out.is_empty() {
            self.leading_space = true;
        }
        self.space = true;
    }

    fn hard_break(&mut self) {
        match self.flags.breaks {
            Breaks::Space => self.whitespace(),
            Breaks::Newline | Breaks::Html if !self.out.is_empty() => self.pending_break = true,
            Breaks::Newline | Breaks::Html => {}
        }
    }

    /// Appends Markdown that is already escaped, settling due spaces and breaks first.
    fn emit(&mut self, markdown: &str) {
        let Some(first) = markdown.chars().next() else {
            return;
        };
        if self.pending_break {
            self.out.push_str(match self.flags.breaks {
                Breaks::Html => "<br>",
                _ => "\n",
            });
            self.space = false;
        } else if (self.space || (self.guard && is_word(first))) && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.pending_break = false;
        self.space = false;
        self.guard = false;
        self.last_close = None;
        self.out.push_str(markdown);
    }

    fn text(&mut self, text: &str) {
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if c.is_whitespace() {
                self.whitespace();
                rest = rest.trim_start();
                continue;
            }
            let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (word, after) = rest.split_at(word_end);
            self.word(word);
            rest = after;
        }
    }

    /// Writes one whitespace-free run of text.
    fn word(&mut self, word: &str) {
        let mut rest = word;
        while !rest.is_empty() {
            let url_at = if self.flags.link {
                None
            } else {
                find_url(rest)
            };
            let Some((start, end)) = url_at else {
                let escaped = self.escape(rest);
                self.emit(&escaped);
                return;
            };
            if start > 0 {
                let escaped = self.escape(&rest[..start]);
                self.emit(&escaped);
            }
            self.emit(&format!("<{}>", &rest[start..end]));
            rest = &rest[end..];
        }
    }

    /// Escapes a run of text so that Markdown reads every character literally.
    fn escape(&self, text: &str) -> String {
        let before = if self.space || self.out.is_empty() {
            ' '
        } else {
            self.out.chars().next_back().unwrap_or(' ')
        };
        escape_text(text, before, self.flags.table)
    }

    fn code(&mut self, code: &str) {
        let content = code.split_whitespace().collect::<Vec<_>>().join(" ");
        if content.is_empty() {
            if !code.is_empty() {
                self.whitespace();
            }
            return;
        }
        let content = if self.flags.table {
            content.replace('|', "\\|")
        } else {
            content
        };
        if self.out.ends_with('`') && !self.pending_break {
            // Two code spans touching would read as one backtick run.
            self.space = true;
        }
        let fence = "`".repeat(longest_run(&content, '`') + 1);
        let pad = if content.starts_with('`') || content.ends_with('`') {
            " "
        } else {
            ""
        };
        self.emit(&format!("{fence}{pad}{content}{pad}{fence}"));
    }

    /// Writes children in a fresh writer with changed flags.
    fn nested(&self, children: &[Node], flags: Flags) -> Written {
        Writer::new(self.ctx, flags).write(children)
    }

    fn delimited(&mut self, elem: &Elem, delim: Delim) {
        let mut flags = self.flags;
        match delim {
            Delim::Strong => flags.strong = true,
            Delim::Emph => flags.emph = true,
            Delim::Strike => flags.strike = true,
        }
        let inner = self.nested(&elem.children, flags);
        if inner.leading_space {
            self.whitespace();
        }
        if !inner.text.is_empty() {
            self.write_delimited(&inner.text, delim);
        }
        if inner.trailing_space {
            self.whitespace();
        }
    }

    /// Writes `content` between delimiters so that CommonMark's flanking rules see them.
    fn write_delimited(&mut self, content: &str, delim: Delim) {
        let marker = delim.marker();
        if let Some((last, at)) = self.last_close
            && last == delim
            && !self.space
            && !self.pending_break
            && at + marker.len() == self.out.len()
        {
            // `**a**` directly followed by `**b**`: write `**ab**`.
            self.out.truncate(at);
            self.out.push_str(content);
        } else {
            let first = content.chars().next().unwrap_or(' ');
            let last_out = self.out.chars().next_back();
            let touching = !self.space && !self.pending_break;
            let needs_space = touching
                && last_out
                    .is_some_and(|c| (is_word(c) && !is_word(first)) || c == '*' || c == '~');
            if needs_space {
                self.space = true;
            }
            self.emit(marker);
            self.out.push_str(content);
        }
        let at = self.out.len();
        self.out.push_str(marker);
        self.last_close = Some((delim, at));
        self.guard = content.chars().next_back().is_some_and(|c| !is_word(c));
    }

    fn html_wrapped(&mut self, elem: &Elem, tag: &str) {
        let inner = self.nested(&elem.children, self.flags);
        if inner.leading_space {
            self.whitespace();
        }
        if !inner.text.is_empty() {
            self.emit(&format!("<{tag}>{}</{tag}>", inner.text));
        }
        if inner.trailing_space {
            self.whitespace();
        }
    }

    fn link(&mut self, href: &str, children: &[Node]) {
        let target = if self.flags.link {
            None
        } else {
            links::resolve(href, self.ctx)
        };
        let Some(target) = target else {
            return self.nodes(children);
        };
        let mut flags = self.flags;
        flags.link = true;
        if flags.breaks == Breaks::Newline {
            flags.breaks = Breaks::Space;
        }
        let inner = self.nested(children, flags);
        if inner.leading_space {
            self.whitespace();
        }
        self.write_link(&inner.text, &plain::of_nodes(children), &target);
        if inner.trailing_space {
            self.whitespace();
        }
    }

    fn write_link(&mut self, text: &str, plain_text: &str, target: &Target) {
        if text.is_empty() {
            return;
        }
        match target {
            Target::Url(url) if plain_text == url && is_autolink_safe(url) => {
                self.emit(&format!("<{url}>"));
            }
            Target::Url(dest) | Target::Item(dest) => self.emit(&format!("[{text}]({dest})")),
        }
    }

    fn image(&mut self, src: &str, alt: &[Node]) {
        let mut alt_text = plain::of_nodes(alt);
        if alt_text.is_empty() {
            alt_text = "image".to_owned();
        }
        let target = if self.flags.link {
            None
        } else {
            links::resolve(src, self.ctx)
        };
        let mut flags = self.flags;
        flags.link = true;
        let text = self.nested(&[Node::Text(alt_text)], flags).text;
        match target {
            Some(target) => self.write_link(&text, "", &target),
            None => self.emit(&text),
        }
    }
}

/// Whether `c` counts as a word character for CommonMark's flanking rules (neither
/// whitespace nor punctuation).
fn is_word(c: char) -> bool {
    !c.is_whitespace() && !c.is_ascii_punctuation()
}

/// Length of the longest run of `ch` in `s`.
fn longest_run(s: &str, ch: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == ch { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// Whether a URL can be written as `<url>`.
fn is_autolink_safe(url: &str) -> bool {
    url.contains("://") && !url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>')
}

/// Finds the first `http://` or `https://` URL that starts a word inside `word`; returns its
/// byte range (trailing sentence punctuation excluded). Scans only up to the URL it finds.
fn find_url(word: &str) -> Option<(usize, usize)> {
    let bytes = word.as_bytes();
    for start in 0..bytes.len() {
        if !bytes[start].eq_ignore_ascii_case(&b'h') {
            continue;
        }
        let boundary = word[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let body = ["https://", "http://"]
            .iter()
            .find(|scheme| starts_with_ci(&bytes[start..], scheme.as_bytes()))
            .map(|scheme| start + scheme.len());
        if let (Some(body), true) = (body, boundary) {
            let end = url_end(word, body);
            if end > body {
                return Some((start, end));
            }
        }
    }
    None
}

fn starts_with_ci(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Where a URL whose host starts at `body` ends.
fn url_end(word: &str, body: usize) -> usize {
    let mut end = word[body..]
        .find(['<', '>', '"', '`', '[', ']', '|', '{', '}'])
        .map_or(word.len(), |i| body + i);
    let opening = word[body..end].matches('(').count();
    let mut closing = word[body..end].matches(')').count();
    while let Some(last) = word[body..end].chars().next_back() {
        let unbalanced_paren = last == ')' && opening < closing;
        if !(matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_')
            || unbalanced_paren)
        {
            break;
        }
        if last == ')' {
            closing -= 1;
        }
        end -= last.len_utf8();
    }
    end
}

/// Escapes text for Markdown. `before` is the character written just before it (a space at
/// the start of a line).
pub(super) fn escape_text(text: &str, before: char, table: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Up to where `text` is in `out`.
    let mut copied = 0;
    let mut prev = before;
    for (i, c) in text.char_indices() {
        if matches!(
            c,
            '\\' | '`' | '[' | ']' | '~' | '*' | '_' | '<' | '&' | '|'
        ) {
            let rest = &text[i + c.len_utf8()..];
            let next = rest.chars().next().unwrap_or(' ');
            if needs_escape(c, prev, next, rest, table) {
                out.push_str(&text[copied..i]);
                out.push('\\');
                copied = i;
            }
        }
        prev = c;
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether `c`, between `prev` and `next`, must be backslash-escaped.
fn needs_escape(c: char, prev: char, next: char, rest: &str, table: bool) -> bool {
    match c {
        '\\' => next.is_ascii_punctuation() || next == ' ',
        '`' | '[' | ']' | '~' => true,
        '*' => !(prev.is_whitespace() && next.is_whitespace()),
        '_' => !(prev.is_alphanumeric() && next.is_alphanumeric()),
        '<' => next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?'),
        '&' => looks_like_entity(rest),
        '|' => table,
        _ => false,
    }
}

/// Whether the characters after a `&` would read as a character reference (`amp;`, `#38;`).
fn looks_like_entity(rest: &str) -> bool {
    let body_len = rest
        .chars()
        .take(33)
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .count();
    // The body is ASCII: as many bytes as characters.
    body_len > 0 && rest[body_len..].starts_with(';')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each character's escape depends on: the characters around it, entities of every
    /// length, text that is not ASCII, and the table flag.
    #[test]
    fn escapes_exactly_what_markdown_would_read_as_markup() {
        let cases = [
            ("a_b _c d_ é_é", ' ', false, "a_b \\_c d\\_ é_é"),
            ("2 * 3, *x*, a*b", ' ', false, "2 * 3, \\*x\\*, a\\*b"),
            ("`[x]` ~y~", ' ', false, "\\`\\[x\\]\\` \\~y\\~"),
            (
                "<b> < 3 </i> <!x <?",
                ' ',
                false,
                "\\<b> < 3 \\</i> \\<!x \\<?",
            ),
            ("\\* \\a \\ \\", ' ', false, "\\\\\\* \\a \\\\ \\\\"),
            ("a|b", ' ', true, "a\\|b"),
            ("a|b", ' ', false, "a|b"),
            ("_x", 'a', false, "_x"),
            ("_x", ' ', false, "\\_x"),
            ("x_", 'a', false, "x\\_"),
        ];
        for (text, before, table, escaped) in cases {
            assert_eq!(escape_text(text, before, table), escaped, "{text:?}");
        }
        // Entity names are at most 33 characters long.
        let body = "a".repeat(33);
        assert_eq!(
            escape_text(&format!("&{body};"), ' ', false),
            format!("\\&{body};")
        );
        let body = "a".repeat(34);
        assert_eq!(
            escape_text(&format!("&{body};"), ' ', false),
            format!("&{body};")
        );
        for (text, escaped) in [
            (
                "&amp; &#38; &x &; &é; AT&T",
                "\\&amp; \\&#38; &x &; &é; AT&T",
            ),
            ("&", "&"),
        ] {
            assert_eq!(escape_text(text, ' ', false), escaped, "{text:?}");
        }
    }
}
