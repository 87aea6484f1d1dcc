//! Names for enumerators only a witness defines (a header or the metadata): the page's naming
//! rule applied to the C name, else the C name itself, never one already taken or reserved.

use crate::model::Enum;
use crate::naming;
use std::collections::BTreeSet;

/// Picks Rust names for new variants of one enum, remembering what is taken.
pub struct Names {
    documented: Vec<String>,
    strip: usize,
    taken: BTreeSet<String>,
}

impl Names {
    /// The names of `item`'s documented variants, and the prefix its naming strips.
    pub fn new(item: &Enum) -> Self {
        let documented: Vec<String> = item.variants.iter().map(|v| v.c_name.clone()).collect();
        let strip =
            naming::shared_prefix_words(&documented.iter().map(String::as_str).collect::<Vec<_>>());
        let taken = item.variants.iter().map(|v| v.name.clone()).collect();
        Names {
            documented,
            strip,
            taken,
        }
    }

    /// A free Rust name for the enumerator `c_name` (taken from then on), or `None` when
    /// neither form is usable.
    pub fn pick(&mut self, c_name: &str) -> Option<String> {
        let documented: Vec<&str> = self.documented.iter().map(String::as_str).collect();
        let name = [
            naming::header_only_name(c_name, &documented, self.strip),
            c_name.to_owned(),
        ]
        .into_iter()
        .find(|n| {
            !self.taken.contains(n)
                && naming::is_rust_ident(n)
                && !naming::RESERVED.contains(&n.as_str())
        })?;
        self.taken.insert(name.clone());
        Some(name)
    }
}
