//! Constant-expression evaluation of an enumerator's initializer: [`eval_tokens`] expands its
//! macros (see [`super::expand`]) and evaluates the result with a recursive-descent parser over
//! C's operators (with `?:`, and casts whose type is ignored) in checked `i128` arithmetic,
//! reading C / MSVC integer literals and character literals. Errors are values: an initializer
//! that cannot be computed gets an `Err` saying why, never a panic.

use std::iter::Peekable;
use std::str::Chars;

use super::defines::Scope;
use super::expand::{XTok, expand, macro_args};
use super::lexer::{Kind, Token};
use super::{MAX_EXPR_DEPTH, Value};

/// C keywords that can only be part of a type name (used to recognize casts).
const TYPE_KEYWORDS: [&str; 14] = [
    "int", "long", "short", "char", "signed", "unsigned", "const", "volatile", "__int8", "__int16",
    "__int32", "__int64", "_Bool", "bool",
];

/// Evaluates an initializer: expands macros, then evaluates the result.
pub(super) fn eval_tokens(toks: &[Token<'_>], scope: &Scope<'_>) -> Value {
    let input: Vec<XTok<'_>> = toks.iter().map(|t| XTok::new(t, &None)).collect();
    let toks = expand(input, scope)?;
    if toks.is_empty() {
        return Err("empty expression".to_string());
    }
    let mut parser = ExprParser {
        toks: &toks,
        pos: 0,
        depth: 0,
        scope,
        error: None,
    };
    let value = parser.conditional();
    if let (None, Some(t)) = (&parser.error, toks.get(parser.pos)) {
        parser.error = Some(format!("unexpected `{}` in expression", t.text));
    }
    match parser.error {
        Some(e) => Err(e),
        None => value,
    }
}

/// A recursive-descent evaluator over macro-expanded tokens; evaluation
/// errors are carried as values, the first syntax error is kept in `error`.
struct ExprParser<'t, 'x> {
    toks: &'t [XTok<'x>],
    pos: usize,
    depth: usize,
    scope: &'t Scope<'t>,
    error: Option<String>,
}

impl<'t, 'x> ExprParser<'t, 'x> {
    fn peek(&self) -> Option<&'t XTok<'x>> {
        self.toks.get(self.pos)
    }

    fn eat(&mut self, punct: &str) -> bool {
        let found = self.peek().is_some_and(|t| t.is(punct));
        if found {
            self.pos += 1;
        }
        found
    }

    fn fail(&mut self, message: &str) -> Value {
        self.error.get_or_insert_with(|| message.to_string());
        Err(message.to_string())
    }

    /// Runs `f` one nesting level deeper, refusing beyond [`MAX_EXPR_DEPTH`].
    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Value) -> Value {
        if self.depth >= MAX_EXPR_DEPTH {
            return self.fail("expression nested too deeply");
        }
        self.depth += 1;
        let value = f(self);
        self.depth -= 1;
        value
    }

    fn conditional(&mut self) -> Value {
        self.nested(|p| {
            let cond = p.binary(1);
            if !p.eat("?") {
                return cond;
            }
            let then = p.conditional();
            if !p.eat(":") {
                return p.fail("expected `:` in conditional expression");
            }
            let otherwise = p.conditional();
            match cond? {
                0 => otherwise,
                _ => then,
            }
        })
    }

    fn binary(&mut self, min_prec: u8) -> Value {
        let mut lhs = self.unary();
        while let Some(op) = self.peek() {
            let Some(prec) = precedence(op).filter(|&p| p >= min_prec) else {
                break;
            };
            self.pos += 1;
            let rhs = self.binary(prec + 1);
            lhs = apply(&op.text, lhs, rhs);
        }
        lhs
    }

    fn unary(&mut self) -> Value {
        self.nested(|p| {
            let Some(t) = p.peek() else {
                return p.fail("unexpected end of expression");
            };
            if t.kind == Kind::Punct {
                return p.prefix_op(&t.text);
            }
            p.pos += 1;
            match t.kind {
                Kind::Number => parse_int(&t.text),
                Kind::Char => parse_char(&t.text),
                Kind::Str => Err("string literal in integer expression".to_string()),
                _ => p.identifier(&t.text),
            }
        })
    }

    fn prefix_op(&mut self, op: &str) -> Value {
        if op == "(" {
            return self.parenthesized();
        }
        if !matches!(op, "-" | "+" | "~" | "!") {
            return self.fail(&format!("unexpected `{op}` in expression"));
        }
        self.pos += 1;
        let v = self.unary()?;
        match op {
            "-" => v.checked_neg().ok_or_else(|| "overflow in `-`".to_string()),
            "~" => Ok(!v),
            "!" => Ok(i128::from(v == 0)),
            _ => Ok(v),
        }
    }

    /// `( expr )`, or a cast `( type ) operand` whose type is ignored.
    fn parenthesized(&mut self) -> Value {
        if let Some(close) = self.cast_end() {
            self.pos = close + 1;
            return self.unary();
        }
        self.pos += 1;
        let value = self.conditional();
        if !self.eat(")") {
            return self.fail("expected `)`");
        }
        value
    }

    /// If the `(` at `pos` starts a cast, returns the index of its `)`.
    fn cast_end(&self) -> Option<usize> {
        let mut k = self.pos + 1;
        let mut words = 0;
        let mut pointer = false;
        let mut last_word = "";
        loop {
            let t = self.toks.get(k)?;
            if t.kind == Kind::Ident {
                words += 1;
                last_word = &t.text;
            } else if t.is("*") {
                pointer = true;
            } else if t.is(")") {
                break;
            } else {
                return None;
            }
            k += 1;
        }
        let after = self.toks.get(k + 1)?;
        let operand = matches!(after.kind, Kind::Ident | Kind::Number | Kind::Char)
            || after.is("(")
            || after.is("~")
            || after.is("!");
        let sign = after.is("-") || after.is("+");
        let is_cast = if words == 0 {
            false
        } else if words > 1 || pointer || operand {
            operand || sign
        } else {
            sign && (TYPE_KEYWORDS.contains(&last_word) || !self.scope.is_value(last_word))
        };
        is_cast.then_some(k)
    }

    fn identifier(&mut self, name: &str) -> Value {
        let call = self.peek().is_some_and(|t| t.is("("));
        if matches!(name, "sizeof" | "_Alignof" | "alignof" | "__alignof") {
            if call {
                self.skip_group();
            } else {
                let _ = self.unary(); // only the tokens are consumed
            }
            return Err(format!("`{name}` is not supported"));
        }
        if !call {
            return self.scope.resolve(name);
        }
        self.skip_group();
        Err(format!("call to unknown function `{name}`"))
    }

    /// Consumes a balanced `( ... )` group.
    fn skip_group(&mut self) {
        match macro_args(self.toks, self.pos) {
            Some((_, close)) => self.pos = close + 1,
            None => {
                self.error
                    .get_or_insert_with(|| "unbalanced parentheses".to_string());
                self.pos = self.toks.len();
            }
        }
    }
}

fn precedence(t: &XTok<'_>) -> Option<u8> {
    if t.kind != Kind::Punct {
        return None;
    }
    Some(match t.text.as_ref() {
        "*" | "/" | "%" => 10,
        "+" | "-" => 9,
        "<<" | ">>" => 8,
        "<" | ">" | "<=" | ">=" => 7,
        "==" | "!=" => 6,
        "&" => 5,
        "^" => 4,
        "|" => 3,
        "&&" => 2,
        "||" => 1,
        _ => return None,
    })
}

fn apply(op: &str, lhs: Value, rhs: Value) -> Value {
    match op {
        "&&" => return logical(lhs, rhs, false),
        "||" => return logical(lhs, rhs, true),
        _ => {}
    }
    let (a, b) = (lhs?, rhs?);
    let overflow = || format!("overflow in `{op}`");
    match op {
        "*" => a.checked_mul(b).ok_or_else(overflow),
        "/" | "%" if b == 0 => Err("division by zero".to_string()),
        "/" => a.checked_div(b).ok_or_else(overflow),
        "%" => a.checked_rem(b).ok_or_else(overflow),
        "+" => a.checked_add(b).ok_or_else(overflow),
        "-" => a.checked_sub(b).ok_or_else(overflow),
        "<<" => shift_count(b)
            .map(|s| (a << s, s))
            .filter(|&(r, s)| r >> s == a)
            .map(|(r, _)| r)
            .ok_or_else(overflow),
        ">>" => shift_count(b).map(|s| a >> s).ok_or_else(overflow),
        "<" => Ok(i128::from(a < b)),
        ">" => Ok(i128::from(a > b)),
        "<=" => Ok(i128::from(a <= b)),
        ">=" => Ok(i128::from(a >= b)),
        "==" => Ok(i128::from(a == b)),
        "!=" => Ok(i128::from(a != b)),
        "&" => Ok(a & b),
        "^" => Ok(a ^ b),
        "|" => Ok(a | b),
        _ => Err(format!("unsupported operator `{op}`")),
    }
}

fn shift_count(b: i128) -> Option<u32> {
    u32::try_from(b).ok().filter(|&s| s < 128)
}

/// `&&` / `||` with C short-circuit semantics.
fn logical(lhs: Value, rhs: Value, is_or: bool) -> Value {
    if (lhs? != 0) == is_or {
        return Ok(i128::from(is_or));
    }
    rhs.map(|b| i128::from(b != 0))
}

/// Parses an integer literal with any C / MSVC suffix.
fn parse_int(text: &str) -> Value {
    let lower = text.to_ascii_lowercase();
    let mut digits = lower.as_str();
    for suffix in ["ui64", "i64", "ui32", "i32", "ui16", "i16", "ui8", "i8"] {
        if let Some(rest) = digits.strip_suffix(suffix) {
            digits = rest;
            break;
        }
    }
    let digits = digits.trim_end_matches(['u', 'l']);
    let (digits, radix) = if let Some(hex) = digits.strip_prefix("0x") {
        (hex, 16)
    } else if let Some(bin) = digits.strip_prefix("0b") {
        (bin, 2)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (&digits[1..], 8)
    } else {
        (digits, 10)
    };
    let digits = digits.replace('\'', "");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("invalid integer literal `{text}`"));
    }
    i128::from_str_radix(&digits, radix).map_err(|_| format!("invalid integer literal `{text}`"))
}

/// Parses a (possibly multi-character or wide) character literal.
fn parse_char(text: &str) -> Value {
    let invalid = || format!("invalid character literal `{text}`");
    let body = text.trim_start_matches(['L', 'u', 'U', '8']);
    let inner = body
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .ok_or_else(invalid)?;
    let mut chars = inner.chars().peekable();
    let mut value: i128 = 0;
    let mut count = 0;
    while let Some(c) = chars.next() {
        let code = if c == '\\' {
            escape(&mut chars).ok_or_else(invalid)?
        } else {
            u32::from(c)
        };
        value = value
            .checked_mul(256)
            .and_then(|v| v.checked_add(i128::from(code)))
            .ok_or_else(invalid)?;
        count += 1;
    }
    if count == 0 {
        return Err(invalid());
    }
    Ok(value)
}

/// Decodes the escape sequence after a backslash.
fn escape(chars: &mut Peekable<Chars<'_>>) -> Option<u32> {
    let c = chars.next()?;
    let digits = |chars: &mut Peekable<Chars<'_>>, radix: u32, max: usize, first: u32| {
        let mut v = first;
        for _ in 0..max {
            let Some(d) = chars.peek().and_then(|c| c.to_digit(radix)) else {
                break;
            };
            chars.next();
            v = v.checked_mul(radix)?.checked_add(d)?;
        }
        Some(v)
    };
    Some(match c {
        'n' => 10,
        't' => 9,
        'r' => 13,
        'a' => 7,
        'b' => 8,
        'f' => 12,
        'v' => 11,
        'x' => digits(chars, 16, 8, 0)?,
        '0'..='7' => digits(chars, 8, 2, c.to_digit(8)?)?,
        other => u32::from(other),
    })
}

#[cfg(test)]
mod tests {
    use crate::c::tests::{enums, value_of, values};

    #[test]
    fn literals_and_suffixes() {
        let src = "enum { A = 10u, B = 0x10UL, C = 010, D = 'a', E = 7ll, F = 5ULL, \
                   G = 0xffi64, H = 3ui64, I = 'RIFF', J = L'\\n', K = '\\x41', \
                   M = '\\0', N = 0b101, O = 1.5, P = 0x };";
        let e = &enums(src)[0];
        let v = values(e);
        let expect: [(&str, i128); 13] = [
            ("A", 10),
            ("B", 16),
            ("C", 8),
            ("D", 97),
            ("E", 7),
            ("F", 5),
            ("G", 255),
            ("H", 3),
            ("I", 0x5249_4646),
            ("J", 10),
            ("K", 65),
            ("M", 0),
            ("N", 5),
        ];
        for (name, want) in expect {
            assert!(v.contains(&(name, Ok(want))), "{name}: {v:?}");
        }
        assert!(v[13].1.is_err() && v[14].1.is_err(), "{v:?}");
    }

    #[test]
    fn operators() {
        let src = "enum E { A = -1, B = ~0, C = !5, D = 7 / 2 * 3 % 4, E2 = 1 + 2 * 3, \
                   F = 1 << 4 >> 2, G = 6 & 3 ^ 1 | 8, H = 1 < 2 && 2 >= 3 || 4 == 4, \
                   I = 3 != 3, J = 1 ? 10 : 20, K = 0 ? 10 : 20, L = -(-3), M = +4, \
                   N = 0 && (1 / 0), O = 1 || (1 / 0), P = 5 > 4, Q = 4 <= 4 };";
        let all = enums(src);
        let v = values(&all[0]);
        let expect = [-1, -1, 0, 1, 7, 4, 11, 1, 0, 10, 20, 3, 4, 0, 1, 1, 1];
        let got: Vec<i128> = v
            .iter()
            .map(|(_, x)| x.clone().unwrap_or(i128::MIN))
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn casts() {
        let src = "#define FOO 4\n\
                   enum { A = (ULONG)-1, B = (unsigned long)0x10, C = (DWORD)(2 + 3), \
                   D = (FOO) - 1, E = (FOO)+1, F = (int)~0, G = (LONG_PTR *)0, \
                   H = (int)-FOO, I = ((ULONG)1) << 31 };";
        let all = enums(src);
        let v = values(&all[0]);
        let got: Vec<i128> = v
            .iter()
            .map(|(_, x)| x.clone().unwrap_or(i128::MIN))
            .collect();
        assert_eq!(got, [-1, 16, 5, 3, 5, -1, 0, -4, 1 << 31]);
    }

    #[test]
    fn errors_do_not_panic_and_propagate() {
        let src = "enum { A = 1 / 0, B, C = UNKNOWN, D = sizeof(int), E = 5, F = (1 << 200), \
                   G = 170141183460469231731687303715884105727, H, I = 3 % 0, \
                   J = (1 + 2, K = 1 +, L = ) };";
        let e = &enums(src)[0];
        let v = values(e);
        assert_eq!(v[0], ("A", Err("division by zero".into())));
        assert_eq!(
            v[1],
            ("B", Err("follows unresolvable enumerator `A`".into()))
        );
        assert_eq!(v[2], ("C", Err("unknown identifier `UNKNOWN`".into())));
        assert_eq!(v[3], ("D", Err("`sizeof` is not supported".into())));
        assert_eq!(v[4], ("E", Ok(5)));
        assert!(v[5].1.is_err());
        assert_eq!(v[6].1, Ok(i128::MAX));
        assert_eq!(v[7], ("H", Err("overflow after enumerator `G`".into())));
        assert!(v[8].1.is_err());
        assert_eq!(v[9], ("J", Err("expected `)`".into())));
        assert_eq!(e.enumerators.len(), 10, "{v:?}");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = format!("enum {{ A = {}1{} }};", "(".repeat(5000), ")".repeat(5000));
        assert!(value_of(&deep, "A").is_err());
        let minus = format!("enum {{ A = {}1 }};", "-".repeat(5000));
        assert!(value_of(&minus, "A").is_err());
        let long = format!("enum {{ A = 1{} }};", " + 1".repeat(20000));
        assert_eq!(value_of(&long, "A"), Ok(20001));
        let ternary = format!("enum {{ A = {}1 }};", "1 ? ".repeat(3000));
        assert!(value_of(&ternary, "A").is_err());
        let unclosed = "enum { A = 1, ".repeat(2000);
        assert!(!enums(&unclosed).is_empty());
    }
}
