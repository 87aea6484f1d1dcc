//! From raw prose to tokens: whitespace and markup normalization, sentence splitting and
//! tokenizing. Nothing here knows a word; the lexicon and the grammar work on the tokens.

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

/// Collapses whitespace runs (including NBSP) to one space and trims.
pub(super) fn normalize_whitespace(s: &str) -> String {
    s.split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercases and strips markup: HTML tags, `&nbsp;`-style entities,
/// Markdown emphasis, link targets and backslash escapes.
pub(super) fn normalize_for_matching(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // Each `<` looks for the next `>` and each `](` for its closing `)`: both are found in one
    // pass each, so that text full of unclosed `<a` or `](` costs linear time.
    let mut next_gt: Option<usize> = s.find('>');
    let closing = matching_parens(s);
    while let Some(c) = rest.chars().next() {
        let at = s.len() - rest.len();
        let after = &rest[c.len_utf8()..];
        match c {
            '<' if after.starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!') => {
                if next_gt.is_some_and(|gt| gt < at) {
                    next_gt = s[at..].find('>').map(|i| at + i);
                }
                match next_gt {
                    Some(gt) => {
                        out.push(' ');
                        rest = &s[gt + 1..];
                        continue;
                    }
                    None => out.push(c),
                }
            }
            '&' => {
                let entity = ["&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;"]
                    .iter()
                    .zip([" ", "&", "<", ">", "\""])
                    .find(|(e, _)| rest.starts_with(**e));
                if let Some((e, r)) = entity {
                    out.push_str(r);
                    rest = &rest[e.len()..];
                    continue;
                }
                out.push(c);
            }
            ']' if after.starts_with('(') => {
                // Markdown link target: drop "(...)", nested parentheses
                // included ("(v=vs.85)").
                match closing.get(&(at + 1)) {
                    Some(&end) => {
                        out.push(' ');
                        rest = &s[end + 1..];
                        continue;
                    }
                    None => out.push(' '),
                }
            }
            '\\' => {
                if let Some(n) = after.chars().next() {
                    if !n.is_alphanumeric() {
                        out.push(n);
                        rest = &after[n.len_utf8()..];
                        continue;
                    }
                }
                out.push(' ');
            }
            '*' | '`' | '[' | ']' | '"' => out.push(' '),
            // A replacement character where a page lost a non-breaking space ("Windows\u{fffd}8").
            c if is_space(c) || c == '\u{fffd}' => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
        rest = after;
    }
    out
}

/// The byte offset of the `)` that closes each `(` of `s` (unclosed ones have none).
fn matching_parens(s: &str) -> std::collections::HashMap<usize, usize> {
    let mut open = Vec::new();
    let mut pairs = std::collections::HashMap::new();
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'(' => open.push(i),
            b')' => {
                if let Some(start) = open.pop() {
                    pairs.insert(start, i);
                }
            }
            _ => {}
        }
    }
    pairs
}

/// Splits normalized text into word tokens (letters, digits, `_`, and a `.`
/// between digits) and single punctuation characters. Underscores at word
/// edges are trimmed (`Versions:\_Supported`).
pub(super) fn tokenize(s: &str) -> Vec<&str> {
    let mut toks = Vec::new();
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while let Some(&(start, c)) = chars.get(i) {
        if c == ' ' {
            i += 1;
        } else if is_word(c) {
            let mut j = i + 1;
            while let Some(&(_, d)) = chars.get(j) {
                let dot_in_number = d == '.'
                    && chars.get(j - 1).is_some_and(|p| p.1.is_ascii_digit())
                    && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit());
                if is_word(d) || dot_in_number {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(s.len(), |p| p.0);
            let word = s[start..end].trim_matches('_');
            if !word.is_empty() {
                toks.push(word);
            }
            i = j;
        } else {
            toks.push(&s[start..start + c.len_utf8()]);
            i += 1;
        }
    }
    toks
}

/// HTML tags that end a block of text.
const BLOCK_TAGS: &[&str] = &[
    "p", "br", "li", "ul", "ol", "div", "td", "th", "tr", "table", "dt", "dd", "dl", "h1", "h2",
    "h3", "h4", "pre",
];

/// Splits prose into whitespace-normalized sentences.
pub(super) fn split_sentences(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_fence = false;
    for raw in text.lines() {
        let line = raw.trim_matches(is_space);
        if line.starts_with("```") {
            in_fence = !in_fence;
            blocks.push(std::mem::take(&mut current));
            continue;
        }
        if in_fence {
            continue;
        }
        let line = line.trim_start_matches(|c: char| c == '>' || is_space(c));
        let starts_block = line.is_empty()
            || line.starts_with('#')
            || line.starts_with('|')
            || line.starts_with("- ")
            || line.starts_with("* ")
            || line.starts_with("+ ");
        if starts_block {
            blocks.push(std::mem::take(&mut current));
        }
        if line.starts_with('#') {
            continue;
        }
        current.push(' ');
        current.push_str(line);
    }
    blocks.push(current);

    let mut sentences = Vec::new();
    for block in &blocks {
        for part in split_at_block_tags(block) {
            split_block(part, &mut sentences);
        }
    }
    sentences
}

/// Splits a block at HTML block-level tags (`<p>`, `<br/>`, `</li>`, ...).
fn split_at_block_tags(block: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some(offset) = block[search..].find('<') {
        let lt = search + offset;
        let Some(len) = block[lt..].find('>') else {
            break;
        };
        let tag = block[lt + 1..lt + len].trim_start_matches('/');
        let name_end = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        if BLOCK_TAGS.contains(&name.as_str()) {
            parts.push(&block[start..lt]);
            start = lt + len + 1;
        }
        search = lt + len + 1;
    }
    parts.push(&block[start..]);
    parts
}

/// Abbreviations that do not end a sentence.
const ABBREVIATIONS: &[&str] = &["e.g.", "i.e.", "etc.", "vs.", "approx.", "no."];

/// Splits one block into sentences at `.`, `!`, `?` followed by whitespace
/// and a non-lowercase character, or directly followed by an uppercase
/// letter after a lowercase one ("only.This").
fn split_block(block: &str, out: &mut Vec<String>) {
    let chars: Vec<(usize, char)> = block.char_indices().collect();
    let mut start = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Skip closing emphasis right after the stop: "**FALSE.** This".
        let mut k_next = k + 1;
        while chars
            .get(k_next)
            .is_some_and(|p| matches!(p.1, '*' | '_' | '`'))
        {
            k_next += 1;
        }
        let next = chars.get(k_next).map(|p| p.1);
        let prev = k.checked_sub(1).and_then(|p| chars.get(p)).map(|p| p.1);
        let end = chars.get(k_next).map_or(block.len(), |p| p.0);
        let split = match next {
            None => false,
            Some(n) if is_space(n) => {
                let following = chars
                    .iter()
                    .skip(k_next)
                    .map(|p| p.1)
                    .find(|&d| !is_space(d));
                // Only the last few characters can end with an abbreviation.
                let mut tail_start = start.max((i + c.len_utf8()).saturating_sub(16));
                while !block.is_char_boundary(tail_start) {
                    tail_start += 1;
                }
                let lower_tail = block[tail_start..i + c.len_utf8()].to_lowercase();
                following.is_some_and(|d| !d.is_lowercase())
                    && !ABBREVIATIONS.iter().any(|a| lower_tail.ends_with(a))
            }
            Some(n) => n.is_uppercase() && prev.is_some_and(char::is_lowercase),
        };
        if split {
            push_sentence(&block[start..end], out);
            start = end;
        }
    }
    push_sentence(&block[start..], out);
}

fn push_sentence(s: &str, out: &mut Vec<String>) {
    let s = normalize_whitespace(s);
    if !s.is_empty() {
        out.push(s);
    }
}
