//! The configuration's changes to single enums: renames, styles and value overrides, as data
//! (`[enums.BG_JOB_TYPE]` in `docbind.toml`, or `Builder::rename_enum` and friends). The model
//! stage applies them (`lower::overrides`).

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Where a setting was written: the configuration file and the line of its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The configuration file (`docs/docbind.toml`).
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
}

/// Changes to one enum; [`Config::enums`](super::Config::enums) keys them by the enum's C type name (`BG_JOB_TYPE`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnumOverride {
    /// The Rust type name to use instead of the generated one.
    pub rename: Option<String>,
    /// Changes to enumerators, keyed by C name (`BG_JOB_TYPE_UPLOAD`).
    pub variants: BTreeMap<String, VariantOverride>,
    /// Where it was written; `None` when it was set in code.
    pub origin: Option<Origin>,
    /// The style of this enum, over `enum-style` and the flags detection.
    pub style: Option<crate::model::EnumStyle>,
}

/// Changes to one enumerator.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VariantOverride {
    /// The Rust variant name to use instead of the generated one.
    pub rename: Option<String>,
    /// A value to use instead of what the page says (or what C's rule infers).
    pub value: Option<ValueOverride>,
    /// Where it was written; `None` when it was set in code.
    pub origin: Option<Origin>,
}

/// A value the configuration sets for an enumerator, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueOverride {
    /// The value.
    pub value: i128,
    /// Why the page's value is not used (`"the header says 5"`); repeated in the variant's docs.
    pub reason: String,
}
