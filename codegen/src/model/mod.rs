//! The bindings model: plain data about enums, independent of Markdown and of Rust syntax.
//!
//! Documentation strings hold CommonMark text ready for rustdoc.

use serde::{Deserialize, Serialize};

pub mod availability;

pub use availability::{
    ClientVersion, Entry, Framework, FrameworkVersion, Platform, Release, ServerRelease,
    ServerVersion,
};
use std::collections::BTreeMap;

/// Everything generated from one docs tree: modules by name, in sorted order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Bindings {
    /// Modules keyed by their Rust name.
    pub modules: BTreeMap<String, Module>,
}

impl Bindings {
    /// All enums, module by module.
    pub fn enums(&self) -> impl Iterator<Item = &Enum> {
        self.modules.values().flat_map(|m| m.enums.iter())
    }
}

/// One Rust module: the enums of one C header.
#[derive(Clone, Debug, Default, PartialEq, Hash, Serialize)]
pub struct Module {
    /// The Rust module name (`bits`).
    pub name: String,
    /// The C header it comes from (`bits.h`).
    pub header: String,
    /// Its enums, sorted by Rust name.
    pub enums: Vec<Enum>,
}

/// The integer type that holds an enum's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Repr {
    /// `i32`, as C compilers use for enums.
    I32,
    /// `u32`, when a value is above `i32::MAX`.
    U32,
    /// `i64`.
    I64,
    /// `u64`.
    U64,
}

impl Enum {
    /// Recomputes the repr and which variants repeat an earlier value (after values changed).
    /// `None` when the values do not fit one 64-bit integer type.
    pub fn settle_values(&mut self) -> Option<Repr> {
        self.repr = Repr::for_values(self.variants.iter().map(|v| v.value))?;
        let mut first_with_value: BTreeMap<i128, String> = BTreeMap::new();
        for v in &mut self.variants {
            v.alias_of = first_with_value.get(&v.value).cloned();
            first_with_value
                .entry(v.value)
                .or_insert_with(|| v.name.clone());
        }
        Some(self.repr)
    }
}

impl Repr {
    /// The Rust type name.
    pub fn as_str(self) -> &'static str {
        match self {
            Repr::I32 => "i32",
            Repr::U32 => "u32",
            Repr::I64 => "i64",
            Repr::U64 => "u64",
        }
    }

    /// The smallest repr (in C's order of preference) that holds every value.
    pub fn for_values(values: impl IntoIterator<Item = i128> + Clone) -> Option<Repr> {
        [Repr::I32, Repr::U32, Repr::I64, Repr::U64]
            .into_iter()
            .find(|r| values.clone().into_iter().all(|v| r.holds(v)))
    }

    /// Whether `value` fits.
    pub fn holds(self, value: i128) -> bool {
        match self {
            Repr::I32 => i32::try_from(value).is_ok(),
            Repr::U32 => u32::try_from(value).is_ok(),
            Repr::I64 => i64::try_from(value).is_ok(),
            Repr::U64 => u64::try_from(value).is_ok(),
        }
    }
}

/// Where a variant's value came from: from the page (most trusted first), or from the configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueSource {
    /// Written in the field heading (`### -field NAME:0x4`).
    Heading,
    /// Written at the start of the field's description (`0x00000010. Forces ...`).
    Body,
    /// Read from the C declaration in the page's `## -syntax` section, or from a line of the
    /// page's text that states one enumerator in C (`` `SOME_NAME = 1,` ``).
    Syntax,
    /// Not written anywhere: the previous value plus one (the first is 0), as C does.
    Inferred,
    /// Taken from the C header that defines the enum (`--header-dir`), which wins over the page.
    Header,
    /// Taken from the Windows metadata (`--winmd`): the type of the enum's C name, the field of
    /// the enumerator's C name. Wins over the page and over headers other than the page's
    /// `req.header` (see the precedence in `witness::precedence`).
    Winmd,
    /// Set by the configuration (`value = ...` with a `reason`), over whatever the page (or a header) says.
    Override,
}

/// One enumeration.
#[derive(Clone, Debug, PartialEq, Hash, Serialize)]
pub struct Enum {
    /// Rust type name (`BgJobType`).
    pub name: String,
    /// C type name (`BG_JOB_TYPE`).
    pub c_name: String,
    /// Other C names of the type, e.g. the tag `__MIDL_IBackgroundCopyJob_0003`.
    pub aliases: Vec<String>,
    /// The page's UID.
    pub uid: String,
    /// Page path relative to the docs root.
    pub source: String,
    /// Rust module name.
    pub module: String,
    /// Integer type.
    pub repr: Repr,
    /// Description (from `## -description`).
    pub description: String,
    /// Remarks (from `## -remarks`), empty when none.
    pub remarks: String,
    /// "See also" entries, each a line of Markdown.
    pub see_also: Vec<String>,
    /// Published URL of the page, when known.
    pub url: Option<String>,
    /// Version notes about the type (front matter, description, remarks).
    pub availability: Vec<AvailabilityNote>,
    /// The C header (relative to its header directory) that defines the enum, when headers
    /// were given and one does.
    pub header_file: Option<String>,
    /// The Windows metadata type that defines the enum (`Windows.Win32.Networking.BackgroundIntelligentTransferService.BG_JOB_TYPE`),
    /// when metadata files were given and one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub winmd_type: Option<String>,
    /// The metadata file that defines [`Self::winmd_type`] (`Windows.Win32.winmd`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub winmd_file: Option<String>,
    /// Values, in page order.
    pub variants: Vec<Variant>,
    /// Whether the values are bits and the name or documentation says flags or mask (see
    /// [`looks_like_flags`](crate::looks_like_flags)).
    pub looks_like_flags: bool,
    /// The Rust shape it is emitted as, resolved from the configuration and [`Self::looks_like_flags`].
    pub style: EnumStyle,
    /// Whether a [`EnumStyle::Rust`] enum is marked `#[non_exhaustive]`.
    pub non_exhaustive: bool,
}

/// The Rust shape of a generated enum.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EnumStyle {
    /// A `#[repr]` Rust `enum` with `TryFrom`/`From` conversions: exhaustive matching, but
    /// only documented values can be represented.
    #[default]
    Rust,
    /// A `#[repr(transparent)]` struct around the integer, with an associated constant per
    /// value: FFI-safe, keeps unknown values.
    Newtype,
    /// A type alias of the integer and one module-level constant per value (C names), as
    /// windows-sys does.
    Consts,
    /// A `#[repr(transparent)]` struct with bit operations, `contains`, iteration over the set
    /// flags and a `Debug` that names them.
    Flags,
}

impl EnumStyle {
    /// Every style, in the order the documentation lists them.
    pub const ALL: [EnumStyle; 4] = [
        EnumStyle::Rust,
        EnumStyle::Newtype,
        EnumStyle::Consts,
        EnumStyle::Flags,
    ];

    /// The name used in `docbind.toml` and on the command line (`rust`, `newtype`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            EnumStyle::Rust => "rust",
            EnumStyle::Newtype => "newtype",
            EnumStyle::Consts => "consts",
            EnumStyle::Flags => "flags",
        }
    }
}

impl std::fmt::Display for EnumStyle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for EnumStyle {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        EnumStyle::ALL
            .into_iter()
            .find(|style| style.as_str() == s)
            .ok_or_else(|| format!("unknown enum style `{s}` (rust, newtype, consts or flags)"))
    }
}

/// One enumerator.
#[derive(Clone, Debug, PartialEq, Hash, Serialize)]
pub struct Variant {
    /// Rust name (`UploadReply`).
    pub name: String,
    /// C name (`BG_JOB_TYPE_UPLOAD_REPLY`).
    pub c_name: String,
    /// The value.
    pub value: i128,
    /// How the value was found.
    pub value_source: ValueSource,
    /// 1-based line of the page that documents it (0: not documented on the page).
    pub line: usize,
    /// Documentation.
    pub docs: String,
    /// Version notes about this value (from its description).
    pub availability: Vec<AvailabilityNote>,
    /// When another variant has the same value: the Rust name of that (earlier) variant.
    /// Such a variant is emitted as an associated constant.
    pub alias_of: Option<String>,
}

/// A version note found on a page: the sentence (or front-matter value) and what it says.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct AvailabilityNote {
    /// The text as the page writes it (whitespace normalized).
    pub text: String,
    /// What it states; `None` when it looks like a version note but was not understood.
    pub parsed: Option<Vec<Entry>>,
    /// The use the statements are limited to ("for opening ISO virtual disks"): they are
    /// documented but do not restrict the item (not in its run-time data, never
    /// `#[deprecated]`). `None` (and absent from JSON) for statements about the item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// 1-based line of the page where it was found.
    pub line: usize,
}

impl AvailabilityNote {
    /// The "Deprecated" statement of the note, if it makes one about the item.
    pub fn deprecation(&self) -> Option<&Entry> {
        self.parsed
            .iter()
            .filter(|_| self.scope.is_none())
            .flatten()
            .find(|e| matches!(e, Entry::Deprecated(_)))
    }
}
