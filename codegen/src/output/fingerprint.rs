//! Fingerprints that let a run keep a module file it would write identically: the file's
//! header records a hash of what it was generated from (the module's model and the code that
//! emits it) and a hash of its own text. When both still hold, emitting and formatting the
//! module again would give the same bytes, so the existing text is reused.

use crate::model::Module;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

/// The source of the code that turns a module's model into text: any change to it changes
/// every fingerprint, so a new docbind never reuses what an old one wrote.
const EMITTER: &[&str] = &[
    include_str!("../emit/mod.rs"),
    include_str!("../emit/consts.rs"),
    include_str!("../emit/docs.rs"),
    include_str!("../emit/flags.rs"),
    include_str!("../emit/newtype.rs"),
    include_str!("format.rs"),
    include_str!("layout.rs"),
    include_str!("fingerprint.rs"),
];

/// The prefix of the header line that holds the fingerprint.
pub const LINE: &str = "docbind-fingerprint:";

/// The start of an FNV-1a hash, 64 bits: stable across platforms, Rust versions and runs.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The fingerprint of what a module file is generated from.
pub fn of_module(module: &Module, path: &str) -> u64 {
    // The same for every module, so hashed once: the hasher's state after the emitter's
    // sources and docbind's version.
    static EMITTER_STATE: OnceLock<u64> = OnceLock::new();
    let state = *EMITTER_STATE.get_or_init(|| {
        let mut hasher = Fnv(FNV_OFFSET);
        for source in EMITTER {
            hasher.write_parts(&[source.as_bytes()]);
        }
        hasher.write_parts(&[env!("CARGO_PKG_VERSION").as_bytes()]);
        hasher.0
    });
    let mut hasher = Fnv(state);
    hasher.write_parts(&[path.as_bytes()]);
    module.hash(&mut hasher);
    hasher.finish()
}

/// FNV-1a as a [`Hasher`], for the model's derived `Hash`. Integers are fed as little-endian
/// bytes, `usize`/`isize` as 64 bits: the same on every platform, so a checked-in crate keeps
/// its fingerprints wherever it is regenerated.
struct Fnv(u64);

impl Fnv {
    /// Each of `parts`, followed by a `0xff` byte.
    fn write_parts(&mut self, parts: &[&[u8]]) {
        for part in parts {
            self.write(part);
            self.write(&[0xff]);
        }
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn write_u16(&mut self, i: u16) {
        self.write(&i.to_le_bytes());
    }

    fn write_u32(&mut self, i: u32) {
        self.write(&i.to_le_bytes());
    }

    fn write_u64(&mut self, i: u64) {
        self.write(&i.to_le_bytes());
    }

    fn write_u128(&mut self, i: u128) {
        self.write(&i.to_le_bytes());
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    fn write_i16(&mut self, i: i16) {
        self.write(&i.to_le_bytes());
    }

    fn write_i32(&mut self, i: i32) {
        self.write(&i.to_le_bytes());
    }

    fn write_i64(&mut self, i: i64) {
        self.write(&i.to_le_bytes());
    }

    fn write_i128(&mut self, i: i128) {
        self.write(&i.to_le_bytes());
    }

    fn write_isize(&mut self, i: isize) {
        self.write_i64(i as i64);
    }
}

/// The header line for a file generated from `source` whose code (everything after the
/// header) is the concatenation of `body`.
pub fn line(source: u64, body: &[&str]) -> String {
    // As `write_parts(&[joined])` would hash it, without joining.
    let mut hasher = Fnv(FNV_OFFSET);
    for part in body {
        hasher.write(part.as_bytes());
    }
    hasher.write(&[0xff]);
    format!("{LINE} {source:016x} {:016x}", hasher.finish())
}

/// Whether `previous` (a file on disk) was generated from `source` and is unaltered: its
/// header's fingerprint line names `source`, and the hash of its code matches the line.
pub fn still_valid(previous: &str, source: u64) -> bool {
    let Some((header, body)) = previous.split_once("\n\n") else {
        return false;
    };
    let Some(recorded) = header
        .lines()
        .find_map(|l| l.strip_prefix("// ")?.strip_prefix(LINE))
    else {
        return false;
    };
    recorded.trim() == line(source, &[body]).trim_start_matches(LINE).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_valid_only_unaltered_and_from_the_same_source() {
        let body = "pub enum X {}\n";
        let text = format!("// @generated\n// {}\n\n{body}", line(7, &[body]));
        assert!(still_valid(&text, 7));
        assert!(!still_valid(&text, 8), "another source");
        assert!(
            !still_valid(&text.replace("enum X", "enum Y"), 7),
            "edited by hand"
        );
        assert!(
            !still_valid("// @generated\n\npub enum X {}\n", 7),
            "no fingerprint"
        );
        assert_eq!(
            line(7, &["pub enum ", "X {}\n"]),
            line(7, &[body]),
            "in parts"
        );
        assert_ne!(line(7, &["pub enum X {}"]), line(7, &[body]));
    }

    #[test]
    fn the_model_fingerprint_follows_the_model() {
        let module = Module {
            name: "bits".to_string(),
            header: "bits.h".to_string(),
            enums: Vec::new(),
        };
        let renamed = Module {
            name: "bitz".to_string(),
            ..module.clone()
        };
        assert_eq!(
            of_module(&module, "src/bits.rs"),
            of_module(&module.clone(), "src/bits.rs")
        );
        assert_ne!(
            of_module(&module, "src/bits.rs"),
            of_module(&renamed, "src/bits.rs")
        );
        assert_ne!(
            of_module(&module, "src/bits.rs"),
            of_module(&module, "bits.rs")
        );
    }
}
