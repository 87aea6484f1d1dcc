//! A small, forgiving HTML tokenizer: just enough to read the inline HTML of reference pages.
//!
//! It knows a fixed set of element names. A tag with any other name (`<T>`, `<int>`) is not
//! HTML to us: it comes back as literal text. Nothing from the input is ever passed through as
//! HTML; the tree builder maps each known element to a Markdown construct or drops it.

/// What a known element means to the tree builder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Strong,
    Emph,
    Strike,
    Sup,
    Sub,
    Code,
    Link,
    Image,
    Break,
    Rule,
    Paragraph,
    Div,
    Quote,
    Heading(u8),
    Pre,
    List,
    OrderedList,
    Item,
    Term,
    Table,
    Row,
    HeadCell,
    Cell,
    /// Markup we ignore while keeping its content (`<span>`, `<tbody>`, ...).
    Transparent,
    /// An element whose content must not reach the output (`<iframe>`, `<svg>`, ...).
    Drop,
    /// Like `Drop`, but its content is raw text up to the close tag (`<script>`, `<style>`).
    RawDrop,
}

/// Looks up the role of a lowercase element name; `None` for names that are not HTML.
pub(super) fn role(name: &str) -> Option<Role> {
    let role = match name {
        "b" | "strong" => Role::Strong,
        "i" | "em" | "cite" | "var" | "dfn" | "u" | "ins" => Role::Emph,
        "s" | "strike" | "del" => Role::Strike,
        "sup" => Role::Sup,
        "sub" => Role::Sub,
        "code" | "tt" | "kbd" | "samp" => Role::Code,
        "a" => Role::Link,
        "img" => Role::Image,
        "br" => Role::Break,
        "hr" => Role::Rule,
        "p" => Role::Paragraph,
        "div" | "section" | "article" | "aside" | "header" | "footer" | "main" | "nav"
        | "figure" | "figcaption" | "center" | "address" | "details" | "summary" => Role::Div,
        "blockquote" => Role::Quote,
        "h1" => Role::Heading(1),
        "h2" => Role::Heading(2),
        "h3" => Role::Heading(3),
        "h4" => Role::Heading(4),
        "h5" => Role::Heading(5),
        "h6" => Role::Heading(6),
        "pre" | "listing" => Role::Pre,
        "ul" | "dl" | "menu" => Role::List,
        "ol" => Role::OrderedList,
        "li" | "dd" => Role::Item,
        "dt" => Role::Term,
        "table" => Role::Table,
        "tr" => Role::Row,
        "th" => Role::HeadCell,
        "td" => Role::Cell,
        "span" | "font" | "small" | "big" | "abbr" | "acronym" | "nobr" | "wbr" | "mark" | "q"
        | "time" | "bdi" | "bdo" | "label" | "thead" | "tbody" | "tfoot" | "caption"
        | "colgroup" | "col" | "html" | "body" | "form" | "fieldset" | "legend" | "data"
        | "ruby" | "rt" | "rp" => Role::Transparent,
        "iframe" | "object" | "embed" | "applet" | "frame" | "frameset" | "svg" | "math"
        | "video" | "audio" | "canvas" | "map" | "area" | "input" | "button" | "select"
        | "option" | "link" | "meta" | "base" | "param" | "source" | "track" | "head"
        | "picture" | "dialog" | "portal" => Role::Drop,
        "script" | "style" | "textarea" | "title" | "xmp" | "noembed" | "noframes" | "noscript"
        | "plaintext" | "template" => Role::RawDrop,
        _ => return None,
    };
    Some(role)
}

/// An opening tag of a known element.
#[derive(Debug)]
pub(super) struct Tag {
    /// Lowercase element name.
    pub(super) name: String,
    /// Attributes in source order: lowercase names, entity-decoded values.
    pub(super) attrs: Vec<(String, String)>,
}

impl Tag {
    /// The value of an attribute, if present.
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// One piece of an HTML fragment.
#[derive(Debug)]
pub(super) enum Token {
    /// Entity-decoded text, including the source of tags that are not HTML.
    Text(String),
    /// The opening tag of a known element.
    Open(Tag),
    /// The closing tag of a known element (lowercase name).
    Close(String),
}

/// A tag longer than this is not a tag: bounds the work done at each `<`.
const MAX_TAG_LEN: usize = 4096;

/// Splits an HTML fragment into text and known tags. Comments, doctypes and processing
/// instructions vanish; the content of raw-text elements (`<script>`) is skipped.
pub(super) fn tokenize(src: &str) -> Vec<Token> {
    let ends = Ends::new(src);
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut pos = 0;
    while let Some(offset) = src[pos..].find('<') {
        let lt = pos + offset;
        let Some((mut next, token)) = markup_at(src, lt, &ends) else {
            pos = lt + 1;
            continue;
        };
        push_text(&mut tokens, &src[text_start..lt]);
        if let Some(token) = token {
            let raw_name = raw_text_name(&token);
            tokens.push(token);
            if let Some(name) = raw_name {
                next = skip_raw_text(src, next, &name, &mut tokens);
            }
        }
        text_start = next;
        pos = next;
    }
    push_text(&mut tokens, &src[text_start..]);
    tokens
}

/// The name of a raw-text element (`script`, `style`, ...) opened by this token.
fn raw_text_name(token: &Token) -> Option<String> {
    match token {
        Token::Open(tag) if role(&tag.name) == Some(Role::RawDrop) => Some(tag.name.clone()),
        _ => None,
    }
}

/// Skips the raw text of element `name` starting at `from`, records its close tag when there
/// is one, and returns where tokenizing resumes (the end of `src` when it is never closed).
fn skip_raw_text(src: &str, from: usize, name: &str, tokens: &mut Vec<Token>) -> usize {
    let close = format!("</{name}");
    let Some(at) = find_ascii_ci(&src[from..], &close) else {
        return src.len();
    };
    let after = from + at + close.len();
    tokens.push(Token::Close(name.to_owned()));
    src[after..]
        .find('>')
        .map_or(src.len(), |gt| after + gt + 1)
}

/// Finds an ASCII needle in a haystack, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let hay = haystack.as_bytes();
    let needle = needle.as_bytes();
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// Appends decoded text, merging with a preceding text token.
fn push_text(tokens: &mut Vec<Token>, raw: &str) {
    if raw.is_empty() {
        return;
    }
    let text = decode_entities(raw);
    if let Some(Token::Text(prev)) = tokens.last_mut() {
        prev.push_str(&text);
    } else {
        tokens.push(Token::Text(text));
    }
}

/// Reads the markup starting at `src[lt] == '<'`. Returns where it ends and the token it makes
/// (`None` for markup that vanishes), or `None` when the `<` is just text.
fn markup_at(src: &str, lt: usize, ends: &Ends) -> Option<(usize, Option<Token>)> {
    let rest = &src[lt..];
    if let Some(body) = rest.strip_prefix("<!--") {
        let end = body.find("-->").map_or(src.len(), |i| lt + 4 + i + 3);
        return Some((end, None));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let gt = ends.find(rest, '>')?;
        return Some((lt + gt + 1, None));
    }
    if let Some(body) = rest.strip_prefix("</") {
        let (name, after) = read_name(body)?;
        let gt = ends.find(after, '>')?;
        if !after[..gt].trim().is_empty() {
            return None;
        }
        let name = name.to_ascii_lowercase();
        role(&name)?;
        let end = lt + (rest.len() - after.len()) + gt + 1;
        return Some((end, Some(Token::Close(name))));
    }
    let (tag, len) = read_open_tag(rest, ends)?;
    Some((lt + len, Some(Token::Open(tag))))
}

/// Where the ends of tags and attribute values are in one fragment: every `>`, `"` and `'`,
/// found once, so that a fragment full of tags that never close costs linear time, not
/// [`MAX_TAG_LEN`] bytes of searching at each `<`.
struct Ends {
    len: usize,
    gt: Vec<usize>,
    double: Vec<usize>,
    single: Vec<usize>,
}

impl Ends {
    fn new(src: &str) -> Self {
        let mut ends = Ends {
            len: src.len(),
            gt: Vec::new(),
            double: Vec::new(),
            single: Vec::new(),
        };
        for (i, b) in src.bytes().enumerate() {
            match b {
                b'>' => ends.gt.push(i),
                b'"' => ends.double.push(i),
                b'\'' => ends.single.push(i),
                _ => {}
            }
        }
        ends
    }

    /// Position of `ch` (`>`, `"` or `'`) within the first [`MAX_TAG_LEN`] bytes of `s`, which
    /// must be a suffix of the fragment the table was made from.
    fn find(&self, s: &str, ch: char) -> Option<usize> {
        let list = match ch {
            '>' => &self.gt,
            '"' => &self.double,
            '\'' => &self.single,
            _ => return None,
        };
        let from = self.len.checked_sub(s.len())?;
        let next = *list.get(list.partition_point(|&p| p < from))?;
        Some(next - from).filter(|&at| at < MAX_TAG_LEN)
    }
}

/// The largest char boundary not above `at`.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

/// Reads an element name at the start of `s` (must start with an ASCII letter).
fn read_name(s: &str) -> Option<(&str, &str)> {
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let len = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(s.len());
    Some((&s[..len], &s[len..]))
}

/// Parses `<name attr="v" ...>` at the start of `s`; returns the tag and its length in bytes.
/// Only known elements count as tags.
fn read_open_tag(s: &str, ends: &Ends) -> Option<(Tag, usize)> {
    let (name, mut rest) = read_name(s.get(1..)?)?;
    let name = name.to_ascii_lowercase();
    role(&name)?;
    let mut attrs = Vec::new();
    loop {
        if s.len() - rest.len() > MAX_TAG_LEN {
            return None;
        }
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() && !trimmed.starts_with(['>', '/']) {
            return None; // attributes must be separated by whitespace
        }
        rest = trimmed;
        if let Some(after) = rest.strip_prefix("/>").or_else(|| rest.strip_prefix('>')) {
            return Some((Tag { name, attrs }, s.len() - after.len()));
        }
        if let Some(after) = rest.strip_prefix('/') {
            rest = after;
            continue;
        }
        let (attr, after) = read_attr(rest, ends)?;
        attrs.push(attr);
        rest = after;
    }
}

/// Reads one attribute (`name`, `name=value`, `name="value"`, `name='value'`).
fn read_attr<'s>(s: &'s str, ends: &Ends) -> Option<((String, String), &'s str)> {
    let name_len = s
        .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/' | '<' | '"' | '\''))
        .unwrap_or(s.len());
    if name_len == 0 {
        return None;
    }
    let name = s[..name_len].to_ascii_lowercase();
    let rest = s[name_len..].trim_start();
    let Some(rest) = rest.strip_prefix('=') else {
        return Some(((name, String::new()), &s[name_len..]));
    };
    let rest = rest.trim_start();
    let (value, after) = read_attr_value(rest, ends)?;
    Some(((name, decode_entities(value)), after))
}

/// Reads a quoted or unquoted attribute value.
fn read_attr_value<'s>(s: &'s str, ends: &Ends) -> Option<(&'s str, &'s str)> {
    if let Some(quote) = s.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let body = &s[1..];
        let end = ends.find(body, quote)?;
        return Some((&body[..end], &body[end + 1..]));
    }
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, '>' | '<' | '"' | '\'' | '`' | '='))
        .unwrap_or(s.len());
    if end == 0 {
        return None;
    }
    Some((&s[..end], &s[end..]))
}

/// Replaces character references (`&lt;`, `&#160;`, `&#x3C;`) with the characters they name.
/// Unknown names are left as written.
pub(super) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match entity_at(after) {
            Some((ch, len)) => {
                out.push(ch);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the reference after a `&`: returns the character and the bytes consumed (with `;`).
fn entity_at(s: &str) -> Option<(char, usize)> {
    let limit = floor_char_boundary(s, 34);
    let semi = s[..limit].find(';')?;
    let body = &s[..semi];
    let ch = if let Some(num) = body.strip_prefix('#') {
        numeric_entity(num)?
    } else {
        named_entity(body)?
    };
    Some((ch, semi + 1))
}

/// Decodes the digits of `&#...;` / `&#x...;`; invalid code points become U+FFFD.
fn numeric_entity(num: &str) -> Option<char> {
    let value = match num.strip_prefix(['x', 'X']) {
        Some(hex) if !hex.is_empty() && hex.len() <= 8 => u32::from_str_radix(hex, 16).ok()?,
        Some(_) => return None,
        None if !num.is_empty() && num.len() <= 10 => num.parse::<u32>().ok()?,
        None => return None,
    };
    Some(
        char::from_u32(value)
            .filter(|c| *c != '\0')
            .unwrap_or('\u{fffd}'),
    )
}

/// The named references that occur in reference pages (and a few common neighbours).
fn named_entity(name: &str) -> Option<char> {
    let ch = match name {
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "amp" | "AMP" => '&',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" | "emsp" | "thinsp" => ' ',
        "shy" | "zwnj" | "zwj" | "ZeroWidthSpace" => '\u{200b}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "plusmn" => '±',
        "micro" => 'µ',
        "para" => '¶',
        "sect" => '§',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "infin" => '∞',
        "sup2" => '²',
        "sup3" => '³',
        "frac12" => '½',
        "frac14" => '¼',
        _ => return None,
    };
    Some(ch)
}
