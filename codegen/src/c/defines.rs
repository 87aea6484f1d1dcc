//! The names an initializer can refer to: [`Macro`]s (collected by the lexer), [`Defines`] (the
//! caller's table of `#define`s and of enumerators from other headers or pages) and [`Scope`],
//! which looks a name up among the enumerators parsed so far, then in `Defines`, then among the
//! source's own `#define`s.

use std::collections::HashMap;

use super::Value;
use super::enums::CEnum;
use super::lexer::{Mode, lex};

/// One `#define`: its parameters and its body (whitespace-normalized).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Macro {
    /// `Some` for function-like macros.
    pub(super) params: Option<Vec<String>>,
    pub(super) body: String,
}

/// A table of `#define`d macros used to evaluate enumerator initializers.
///
/// The first definition of a name wins, so collect headers in a
/// deterministic order.
#[derive(Debug, Clone, Default)]
pub struct Defines {
    pub(super) macros: HashMap<String, Macro>,
    /// Enumerators defined elsewhere (other headers or pages).
    enumerators: HashMap<String, i128>,
}

impl Defines {
    /// Adds every `#define` found in `src` (in every preprocessor branch);
    /// names that are already present keep their earlier definition.
    pub fn collect(&mut self, src: &str) {
        let lexed = lex(src, Mode::DirectivesOnly);
        for (name, def) in lexed.macros {
            self.macros.entry(name).or_insert(def);
        }
    }

    /// Makes the resolved enumerators of `enums` (defined in another header
    /// or page) usable in initializers; names already present keep their
    /// first value. Enumerators of the source being parsed take precedence.
    pub fn add_enumerators(&mut self, enums: &[CEnum]) {
        for item in enums.iter().flat_map(|e| &e.enumerators) {
            if let Ok(value) = item.value {
                self.enumerators.entry(item.name.clone()).or_insert(value);
            }
        }
    }

    /// Makes one enumerator value usable in initializers (a name already present keeps its value).
    pub fn add_value(&mut self, name: &str, value: i128) {
        self.enumerators.entry(name.to_string()).or_insert(value);
    }

    fn get(&self, name: &str) -> Option<&Macro> {
        self.macros.get(name)
    }
}

/// Names visible to initializers.
pub(super) struct Scope<'a> {
    /// Enumerators seen so far (first definition wins).
    pub(super) values: HashMap<String, Value>,
    pub(super) defines: &'a Defines,
    pub(super) local: &'a Defines,
}

impl<'a> Scope<'a> {
    pub(super) fn macro_def(&self, name: &str) -> Option<&'a Macro> {
        let (defines, local) = (self.defines, self.local);
        defines.get(name).or_else(|| local.get(name))
    }

    /// Whether `name` is an enumerator visible here.
    pub(super) fn is_value(&self, name: &str) -> bool {
        self.values.contains_key(name)
            || self.defines.enumerators.contains_key(name)
            || self.local.enumerators.contains_key(name)
    }

    /// Looks up an identifier left over after macro expansion.
    pub(super) fn resolve(&self, name: &str) -> Value {
        if let Some(value) = self.values.get(name) {
            return value.clone();
        }
        let external = self.defines.enumerators.get(name);
        if let Some(&value) = external.or_else(|| self.local.enumerators.get(name)) {
            return Ok(value);
        }
        match self.macro_def(name) {
            Some(m) if m.params.is_some() => Err(format!(
                "function-like macro `{name}` used without arguments"
            )),
            Some(_) => Err(format!("recursive macro `{name}`")),
            None => Err(format!("unknown identifier `{name}`")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Defines;
    use crate::c::parse_enums;
    use crate::c::tests::{enums, value_of, values};

    #[test]
    fn earlier_enums_are_in_scope() {
        let src = "enum A { A1 = 4 }; enum B { B1 = A1 * 2, B2 };";
        assert_eq!(value_of(src, "B2"), Ok(9));
    }

    #[test]
    fn external_enumerators() {
        let mut defines = Defines::default();
        defines.add_enumerators(&enums("enum { EXT = 0x100, LOCAL = 1, BAD = NOPE };"));
        let src = "enum { LOCAL = 7, A = EXT | LOCAL, B = (EXT) - 1, C = BAD };";
        let all = parse_enums(src, &defines);
        let v = values(&all[0]);
        assert_eq!(v[1], ("A", Ok(0x107)));
        assert_eq!(v[2], ("B", Ok(0xFF)));
        assert_eq!(v[3], ("C", Err("unknown identifier `BAD`".into())));
    }
}
