//! The lexer: C source text → tokens, reading the preprocessor's directives on the way.
//!
//! Comments, line continuations and string and character literals are skipped over;
//! `#if`-family directives open and close [`Frame`]s, and the condition they make (see
//! [`super::condition`]) is attached to every token; `#define`s are collected as [`Macro`]s.
//! Directives are never executed: every branch is lexed. The same lexer reads macro bodies and
//! conditions ([`Mode::Fragment`]), where `#` is an ordinary token.

use super::condition::{Frame, condition_text, frame_parts, guard_name, join_and};
use super::defines::Macro;
use super::{MAX_CONDITION_LEN, MAX_PP_DEPTH};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Ident,
    Number,
    Char,
    Str,
    Punct,
}

/// One token, borrowed from the lexed text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token<'a> {
    pub(super) kind: Kind,
    pub(super) text: &'a str,
    /// Byte offset in the lexed text (used to preserve spacing).
    start: usize,
    pub(super) line: usize,
    /// Index into [`Lexed::conditions`].
    pub(super) cond: usize,
}

impl Token<'_> {
    pub(super) fn is(&self, punct: &str) -> bool {
        self.kind == Kind::Punct && self.text == punct
    }

    pub(super) fn is_ident(&self, word: &str) -> bool {
        self.kind == Kind::Ident && self.text == word
    }

    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// What the lexer is reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A source file: directives are processed and tokens kept.
    File,
    /// Only collect `#define`s.
    DirectivesOnly,
    /// A macro body or expression: `#` is an ordinary token.
    Fragment,
}

/// What [`lex`] returns: the tokens, the conditions they point into, and the `#define`s.
pub(super) struct Lexed<'a> {
    pub(super) tokens: Vec<Token<'a>>,
    pub(super) conditions: Vec<Option<String>>,
    pub(super) macros: Vec<(String, Macro)>,
}

/// An `#ifndef NAME` that becomes an include guard if `#define NAME` follows.
struct GuardCandidate {
    depth: usize,
    name: String,
    tokens: usize,
}

/// The lexer's state while it walks one text.
struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    mode: Mode,
    tokens: Vec<Token<'a>>,
    conditions: Vec<Option<String>>,
    macros: Vec<(String, Macro)>,
    frames: Vec<Frame>,
    guard: Option<GuardCandidate>,
    condition_dirty: bool,
}

/// Lexes `src`; `mode` says whether directives are read and tokens kept.
pub(super) fn lex(src: &str, mode: Mode) -> Lexed<'_> {
    let mut lexer = Lexer {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        line: 1,
        mode,
        tokens: Vec::new(),
        conditions: vec![None],
        macros: Vec::new(),
        frames: Vec::new(),
        guard: None,
        condition_dirty: false,
    };
    lexer.run();
    Lexed {
        tokens: lexer.tokens,
        conditions: lexer.conditions,
        macros: lexer.macros,
    }
}

/// Whether `b` can be part of an identifier (letters, digits, `_`, `$`).
pub(super) fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

impl<'a> Lexer<'a> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.src.get(start..end).unwrap_or("")
    }

    fn run(&mut self) {
        let mut line_start = self.mode != Mode::Fragment;
        while let Some(c) = self.peek(0) {
            match c {
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    line_start = self.mode != Mode::Fragment;
                }
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => self.pos += 1,
                b'\\' if self.skip_continuation() => {}
                b'/' if self.peek(1) == Some(b'/') => self.skip_line_comment(),
                b'/' if self.peek(1) == Some(b'*') => self.skip_block_comment(),
                b'#' if line_start => {
                    self.pos += 1;
                    let text = self.read_directive();
                    self.directive(&text);
                }
                _ => {
                    line_start = false;
                    self.token(c);
                }
            }
        }
    }

    /// Skips a backslash-newline; returns whether there was one.
    fn skip_continuation(&mut self) -> bool {
        let len = match (self.peek(1), self.peek(2)) {
            (Some(b'\n'), _) => 2,
            (Some(b'\r'), Some(b'\n')) => 3,
            _ => return false,
        };
        self.pos += len;
        self.line += 1;
        true
    }

    /// Skips to (not past) the end of the line.
    fn skip_line_comment(&mut self) {
        while self.peek(0).is_some_and(|b| b != b'\n') {
            self.pos += 1;
        }
    }

    fn skip_block_comment(&mut self) {
        self.pos += 2;
        while let Some(b) = self.peek(0) {
            if b == b'*' && self.peek(1) == Some(b'/') {
                self.pos += 2;
                return;
            }
            if b == b'\n' {
                self.line += 1;
            }
            self.pos += 1;
        }
    }

    /// Skips a string or character literal starting at the opening quote.
    /// Unterminated literals end at the end of the line.
    fn skip_quoted(&mut self) {
        let Some(quote) = self.peek(0) else { return };
        self.pos += 1;
        while let Some(b) = self.peek(0) {
            match b {
                b'\n' => return,
                b'\\' => {
                    self.pos += 1;
                    match self.peek(0) {
                        Some(b'\n') => {
                            self.line += 1;
                            self.pos += 1;
                        }
                        Some(next) if next.is_ascii() => self.pos += 1,
                        _ => {}
                    }
                }
                _ if b == quote => {
                    self.pos += 1;
                    return;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Reads the rest of a directive line (after `#`), joining continuation
    /// lines and replacing comments with a space.
    fn read_directive(&mut self) -> String {
        let mut out = String::new();
        let mut run = self.pos;
        while let Some(c) = self.peek(0) {
            match c {
                b'\n' => break,
                b'\\' | b'/' => {
                    let before = self.pos;
                    let skipped = match (c, self.peek(1)) {
                        (b'\\', _) => self.skip_continuation(),
                        (b'/', Some(b'/')) => {
                            self.skip_line_comment();
                            true
                        }
                        (b'/', Some(b'*')) => {
                            self.skip_block_comment();
                            true
                        }
                        _ => false,
                    };
                    if skipped {
                        out.push_str(self.slice(run, before));
                        out.push(' ');
                        run = self.pos;
                    } else {
                        self.pos += 1;
                    }
                }
                b'"' | b'\'' => self.skip_quoted(),
                _ => self.pos += 1,
            }
        }
        out.push_str(self.slice(run, self.pos));
        out
    }

    fn push(&mut self, kind: Kind, start: usize) {
        if self.mode == Mode::DirectivesOnly {
            return;
        }
        if self.condition_dirty {
            self.condition_dirty = false;
            let condition = self.current_condition();
            if self.conditions.last() != Some(&condition) {
                self.conditions.push(condition);
            }
        }
        self.tokens.push(Token {
            kind,
            text: self.slice(start, self.pos),
            start,
            line: self.line,
            cond: self.conditions.len() - 1,
        });
    }

    fn token(&mut self, c: u8) {
        let start = self.pos;
        if is_ident_byte(c) && !c.is_ascii_digit() {
            while self.peek(0).is_some_and(is_ident_byte) {
                self.pos += 1;
            }
            let prefix = matches!(self.slice(start, self.pos), "L" | "u" | "U" | "u8");
            match self.peek(0) {
                Some(q @ (b'\'' | b'"')) if prefix => {
                    self.skip_quoted();
                    self.push(if q == b'"' { Kind::Str } else { Kind::Char }, start);
                }
                _ => self.push(Kind::Ident, start),
            }
        } else if c.is_ascii_digit()
            || (c == b'.' && self.peek(1).is_some_and(|b| b.is_ascii_digit()))
        {
            while self.peek(0).is_some_and(|b| is_ident_byte(b) || b == b'.') {
                self.pos += 1;
            }
            self.push(Kind::Number, start);
        } else if c == b'"' || c == b'\'' {
            self.skip_quoted();
            self.push(if c == b'"' { Kind::Str } else { Kind::Char }, start);
        } else if c.is_ascii() {
            const PAIRS: [&[u8]; 10] = [
                b"<<", b">>", b"<=", b">=", b"==", b"!=", b"&&", b"||", b"::", b"##",
            ];
            let pair = [c, self.peek(1).unwrap_or(0)];
            self.pos += if PAIRS.contains(&&pair[..]) { 2 } else { 1 };
            self.push(Kind::Punct, start);
        } else {
            // Non-ASCII bytes never start a token.
            self.pos += 1;
        }
    }

    fn directive(&mut self, text: &str) {
        let text = text.trim();
        let name_len = text.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (name, rest) = text.split_at(name_len);
        let rest = rest.trim();
        let guard = self.guard.take();
        match name {
            "if" => self.push_frame(condition_text(rest)),
            "ifdef" => self.push_frame(format!("defined({})", first_ident(rest))),
            "ifndef" => self.push_frame(format!("!defined({})", first_ident(rest))),
            "elif" => self.add_branch(condition_text(rest)),
            "elifdef" => self.add_branch(format!("defined({})", first_ident(rest))),
            "elifndef" => self.add_branch(format!("!defined({})", first_ident(rest))),
            "else" => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.in_else = true;
                }
                self.update_condition();
            }
            "endif" => {
                self.frames.pop();
                self.update_condition();
            }
            "define" => self.define(rest, guard),
            _ => {}
        }
    }

    fn push_frame(&mut self, condition: String) {
        if let Some(name) = guard_name(&condition) {
            self.guard = Some(GuardCandidate {
                depth: self.frames.len() + 1,
                name: name.to_string(),
                tokens: self.tokens.len(),
            });
        }
        self.frames.push(Frame {
            branches: vec![condition],
            in_else: false,
            guard: false,
        });
        self.update_condition();
    }

    fn add_branch(&mut self, condition: String) {
        if let Some(frame) = self.frames.last_mut() {
            frame.branches.push(condition);
        }
        self.update_condition();
    }

    fn define(&mut self, rest: &str, guard: Option<GuardCandidate>) {
        let name = first_ident(rest);
        if name.is_empty() {
            return;
        }
        let is_guard = guard.is_some_and(|g| {
            g.depth == self.frames.len() && g.name == name && g.tokens == self.tokens.len()
        });
        if is_guard {
            if let Some(frame) = self.frames.last_mut() {
                frame.guard = true;
            }
            self.update_condition();
        }
        let after = &rest[name.len()..];
        let (params, body) = match after.strip_prefix('(') {
            Some(list) => match list.split_once(')') {
                Some((params, body)) => (Some(split_params(params)), body),
                None => return,
            },
            None => (None, after),
        };
        let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
        self.macros.push((name.to_string(), Macro { params, body }));
    }

    /// Marks the condition as changed; it is rebuilt before the next token.
    fn update_condition(&mut self) {
        self.condition_dirty = true;
    }

    /// Rebuilds the condition in force from the first
    /// [`MAX_PP_DEPTH`] (outermost) frames, capped at about [`MAX_CONDITION_LEN`] bytes.
    fn current_condition(&self) -> Option<String> {
        let mut parts = Vec::new();
        let mut len = 0;
        let all = self.frames.iter().take(MAX_PP_DEPTH).flat_map(frame_parts);
        for part in all {
            if len > MAX_CONDITION_LEN {
                parts.push("...".to_string());
                break;
            }
            len += part.len();
            parts.push(part);
        }
        (!parts.is_empty()).then(|| join_and(&parts))
    }
}

fn split_params(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn first_ident(text: &str) -> &str {
    let len = text.bytes().take_while(|&b| is_ident_byte(b)).count();
    &text[..len]
}

/// Joins tokens, keeping a single space wherever the source had a gap.
pub(super) fn join_tokens(toks: &[Token<'_>]) -> String {
    let mut out = String::new();
    let mut prev_end = None;
    for t in toks {
        if prev_end.is_some_and(|end| end < t.start) {
            out.push(' ');
        }
        out.push_str(t.text);
        prev_end = Some(t.end());
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::c::tests::{enums, values};

    #[test]
    fn comments_and_strings() {
        let src = "/* enum { X1 }; */ const char *s = \"enum { X2 };\";\n\
                   // enum { X3 };\n\
                   enum /* tag */ T { A = 1 /* , B */, C = 'x' // , D\n, E };";
        let all = enums(src);
        assert_eq!(all.len(), 1);
        assert_eq!(
            values(&all[0]),
            [("A", Ok(1)), ("C", Ok(120)), ("E", Ok(121))]
        );
    }
}
