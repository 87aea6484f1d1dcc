//! What a docs update changes in the API, and what that means for semver (`docbind diff`).
//!
//! [`diff()`] compares two models, [`Bindings`] from two docs trees or from models saved with
//! `docbind dump --json` (read back with [`Dump`]), and lists the [`Change`]s of the generated
//! crate's API: enums and variants added, removed or renamed, values, reprs, styles,
//! `#[non_exhaustive]`, availability, deprecation, and docs. Each change has a semver
//! [`Level`], as cargo-semver-checks would judge the generated crate in the enum's
//! [style](crate::guide::enum_styles): the table is in [the guide](crate::guide::diff).
//!
//! This layer sits just above [`model`](crate::model): it reads nothing but the model.
//!
//! ```
//! let page = |values: &str| {
//!     format!("---\nUID: NE:demo.X\nreq.header: demo.h\nreq.typenames: X\n---\n## -enum-fields\n{values}")
//! };
//! let config = docbind::Config::default();
//! let old = page("### -field X_A\n");
//! let new = page("### -field X_A\n### -field X_B\n");
//! let old = docbind::load_pages([("demo/x.md", old.as_bytes())], &config);
//! let new = docbind::load_pages([("demo/x.md", new.as_bytes())], &config);
//!
//! let diff = docbind::diff::diff(&old.bindings, &new.bindings);
//! let change = &diff.changes[0];
//! assert_eq!(change.kind, docbind::diff::ChangeKind::VariantAdded);
//! // The default style is a `#[non_exhaustive]` Rust enum: a new variant is an addition.
//! assert_eq!(diff.level(), Some(docbind::diff::Level::Minor));
//! ```

mod dump;
mod semver;

pub use dump::Dump;
pub use semver::{Level, Version};

use crate::model::{AvailabilityNote, Bindings, Entry, Enum, EnumStyle, ValueSource, Variant};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// An enum (by C name) only in the new model.
    EnumAdded,
    /// An enum only in the old model.
    EnumRemoved,
    /// The same C enum with another Rust name.
    EnumRenamed,
    /// The same C enum in another module (its page names another header).
    EnumMoved,
    /// The same enum (by Rust name or a C alias) under another C name.
    EnumCNameChanged,
    /// A variant (by C name) only in the new enum.
    VariantAdded,
    /// A variant only in the old enum.
    VariantRemoved,
    /// The same C value with another Rust name.
    VariantRenamed,
    /// The same variant (by Rust name) under another C name.
    VariantCNameChanged,
    /// A variant's integer changed.
    ValueChanged,
    /// The enum's integer type changed.
    ReprChanged,
    /// The enum's style changed (`rust`, `newtype`, `consts`, `flags`).
    StyleChanged,
    /// `#[non_exhaustive]` added to or removed from a `rust`-style enum.
    NonExhaustiveChanged,
    /// In a `rust`-style enum, a variant became an associated constant (its value now repeats
    /// an earlier variant's), or the other way round.
    AliasChanged,
    /// Availability statements where there were none.
    AvailabilityAdded,
    /// Different availability statements.
    AvailabilityChanged,
    /// No availability statements where there were some.
    AvailabilityRemoved,
    /// Newly deprecated.
    Deprecated,
    /// No longer deprecated.
    Undeprecated,
    /// Documentation only (descriptions, remarks, see also, links, doc aliases, the notes'
    /// wording, the source page).
    Docs,
}

impl ChangeKind {
    /// Every kind, in the order summaries list them.
    pub const ALL: [ChangeKind; 20] = [
        ChangeKind::EnumAdded,
        ChangeKind::EnumRemoved,
        ChangeKind::EnumRenamed,
        ChangeKind::EnumMoved,
        ChangeKind::EnumCNameChanged,
        ChangeKind::VariantAdded,
        ChangeKind::VariantRemoved,
        ChangeKind::VariantRenamed,
        ChangeKind::VariantCNameChanged,
        ChangeKind::ValueChanged,
        ChangeKind::ReprChanged,
        ChangeKind::StyleChanged,
        ChangeKind::NonExhaustiveChanged,
        ChangeKind::AliasChanged,
        ChangeKind::AvailabilityAdded,
        ChangeKind::AvailabilityChanged,
        ChangeKind::AvailabilityRemoved,
        ChangeKind::Deprecated,
        ChangeKind::Undeprecated,
        ChangeKind::Docs,
    ];

    /// The kebab-case name (`variant-added`), as JSON and the guide spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::EnumAdded => "enum-added",
            ChangeKind::EnumRemoved => "enum-removed",
            ChangeKind::EnumRenamed => "enum-renamed",
            ChangeKind::EnumMoved => "enum-moved",
            ChangeKind::EnumCNameChanged => "enum-c-name-changed",
            ChangeKind::VariantAdded => "variant-added",
            ChangeKind::VariantRemoved => "variant-removed",
            ChangeKind::VariantRenamed => "variant-renamed",
            ChangeKind::VariantCNameChanged => "variant-c-name-changed",
            ChangeKind::ValueChanged => "value-changed",
            ChangeKind::ReprChanged => "repr-changed",
            ChangeKind::StyleChanged => "style-changed",
            ChangeKind::NonExhaustiveChanged => "non-exhaustive-changed",
            ChangeKind::AliasChanged => "alias-changed",
            ChangeKind::AvailabilityAdded => "availability-added",
            ChangeKind::AvailabilityChanged => "availability-changed",
            ChangeKind::AvailabilityRemoved => "availability-removed",
            ChangeKind::Deprecated => "deprecated",
            ChangeKind::Undeprecated => "undeprecated",
            ChangeKind::Docs => "docs",
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A C name and the Rust name docbind gives it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Names {
    /// The C name (`BG_JOB_TYPE`).
    pub c_name: String,
    /// The Rust name (`BgJobType`).
    pub name: String,
}

/// One change of the API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// What it asks of the next release.
    pub level: Level,
    /// Why it is that level, in a few words (`a new variant of an exhaustive enum`).
    pub reason: &'static str,
    /// The Rust module of the enum (the new one; the old one for a removed enum).
    pub module: String,
    /// The C header of the module, when a side was read from a docs tree (a saved model does
    /// not hold it).
    pub header: Option<String>,
    /// The enum (its new names; the old ones for a removed enum).
    pub enum_names: Names,
    /// The variant, for a change of one (its new names; the old ones for a removed variant).
    pub variant: Option<Names>,
    /// The style of the enum the level was judged in (the new one; the old one for a removed
    /// enum).
    pub style: EnumStyle,
    /// What it was, in words (`4`, `i32`, `Windows 10, version 1809 and later`), when the
    /// change has a before.
    pub old: Option<String>,
    /// What it is now, when the change has an after.
    pub new: Option<String>,
    /// More about it: the fields a docs change touched, the value an associated constant
    /// repeats, ...
    pub detail: Option<String>,
    /// The page, relative to its docs root (the new one; the old one for a removal).
    pub source: String,
    /// 1-based line of the page (a variant's heading, a version note's line); 0 when the change
    /// is about the whole page.
    pub line: usize,
}

/// Every change between two models, module by module, enum by enum (by Rust name); within an
/// enum, the type's changes first, then its variants' in the new page's order, then the
/// removed variants.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiDiff {
    /// The changes.
    pub changes: Vec<Change>,
}

impl ApiDiff {
    /// The highest level of any change; `None` when nothing changed.
    pub fn level(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }

    /// How many changes are of `level`.
    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level == level).count()
    }

    /// How many changes there are of each kind that occurs.
    pub fn by_kind(&self) -> BTreeMap<ChangeKind, usize> {
        let mut counts = BTreeMap::new();
        for c in &self.changes {
            *counts.entry(c.kind).or_insert(0) += 1;
        }
        counts
    }
}

/// The changes from `old` to `new`.
///
/// Enums are matched by module and C name; then, for those left, by C name alone (an enum
/// that moved), and then within a module by Rust name or a shared C alias (an enum whose C
/// name changed). Variants are matched by C name, then by Rust name. What is left is added or
/// removed.
pub fn diff(old: &Bindings, new: &Bindings) -> ApiDiff {
    let headers = |b: &Bindings| -> HashMap<String, String> {
        b.modules
            .values()
            .filter(|m| !m.header.is_empty())
            .map(|m| (m.name.clone(), m.header.clone()))
            .collect()
    };
    let (old_headers, new_headers) = (headers(old), headers(new));
    let header = |module: &str| {
        new_headers
            .get(module)
            .or_else(|| old_headers.get(module))
            .cloned()
    };
    let olds: Vec<&Enum> = old.enums().collect();
    let news: Vec<&Enum> = new.enums().collect();
    let matched = match_enums(&olds, &news);

    let mut changes = Vec::new();
    for (o, n) in matched.pairs {
        let (o, n) = (olds[o], news[n]);
        if o != n {
            compare_enums(o, n, &mut Out::new(&mut changes, n, header(&n.module)));
        }
    }
    for &i in &matched.removed {
        let e = olds[i];
        Out::new(&mut changes, e, header(&e.module)).enum_change(
            ChangeKind::EnumRemoved,
            Level::Major,
            "code that names the type no longer compiles",
            None,
            None,
        );
    }
    for &i in &matched.added {
        let e = news[i];
        let mut out = Out::new(&mut changes, e, header(&e.module));
        let change = Change {
            detail: Some(format!("{} style", e.style)),
            ..out.change(ChangeKind::EnumAdded, (Level::Minor, "a new type"), None)
        };
        out.push(change);
    }
    // Module by module, enum by enum; each enum's changes keep the order they were made in.
    changes.sort_by(|a, b| {
        (&a.module, &a.enum_names.name, &a.enum_names.c_name).cmp(&(
            &b.module,
            &b.enum_names.name,
            &b.enum_names.c_name,
        ))
    });
    ApiDiff { changes }
}

/// Which old enum is which new one (indexes), and those only on one side.
struct Matched {
    pairs: Vec<(usize, usize)>,
    removed: Vec<usize>,
    added: Vec<usize>,
}

fn match_enums(olds: &[&Enum], news: &[&Enum]) -> Matched {
    let mut pairs = Vec::new();
    let mut old_left: Vec<usize> = Vec::new();
    let mut by_key: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, n) in news.iter().enumerate().rev() {
        by_key
            .entry((n.module.as_str(), n.c_name.as_str()))
            .or_default()
            .push(i);
    }
    for (i, o) in olds.iter().enumerate() {
        match by_key
            .get_mut(&(o.module.as_str(), o.c_name.as_str()))
            .and_then(Vec::pop)
        {
            Some(n) => pairs.push((i, n)),
            None => old_left.push(i),
        }
    }
    let mut new_left: Vec<usize> = by_key.into_values().flatten().collect();
    new_left.sort_unstable();

    // Moved: the same C name in another module.
    pair_unique(&mut pairs, &mut old_left, &mut new_left, |o, n| {
        olds[o].c_name == news[n].c_name
    });
    // Another C name: the same Rust name, or a C name the other side has as an alias.
    pair_unique(&mut pairs, &mut old_left, &mut new_left, |o, n| {
        let (o, n) = (olds[o], news[n]);
        o.module == n.module
            && (o.name == n.name
                || n.aliases.contains(&o.c_name)
                || o.aliases.contains(&n.c_name)
                || o.aliases.iter().any(|a| n.aliases.contains(a)))
    });
    Matched {
        pairs,
        removed: old_left,
        added: new_left,
    }
}

/// Pairs each of `olds` with the one of `news` that `same` says it is, when neither has another
/// candidate; removes the paired ones from both lists.
fn pair_unique(
    pairs: &mut Vec<(usize, usize)>,
    olds: &mut Vec<usize>,
    news: &mut Vec<usize>,
    same: impl Fn(usize, usize) -> bool,
) {
    if olds.is_empty() || news.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for &o in olds.iter() {
        let mut candidates = news.iter().filter(|&&n| same(o, n));
        if let (Some(&n), None) = (candidates.next(), candidates.next())
            && olds.iter().filter(|&&other| same(other, n)).count() == 1
        {
            found.push((o, n));
        }
    }
    olds.retain(|o| !found.iter().any(|(f, _)| f == o));
    news.retain(|n| !found.iter().any(|(_, f)| f == n));
    pairs.extend(found);
}

/// Where the changes of one enum go, with what they share.
struct Out<'a> {
    changes: &'a mut Vec<Change>,
    e: &'a Enum,
    header: Option<String>,
}

impl<'a> Out<'a> {
    /// Changes of `e` (the new enum, or the old one when it is removed).
    fn new(changes: &'a mut Vec<Change>, e: &'a Enum, header: Option<String>) -> Self {
        Out { changes, e, header }
    }

    fn push(&mut self, change: Change) {
        self.changes.push(change);
    }

    fn change(
        &self,
        kind: ChangeKind,
        (level, reason): (Level, &'static str),
        variant: Option<&Variant>,
    ) -> Change {
        Change {
            kind,
            level,
            reason,
            module: self.e.module.clone(),
            header: self.header.clone(),
            enum_names: Names {
                c_name: self.e.c_name.clone(),
                name: self.e.name.clone(),
            },
            variant: variant.map(|v| Names {
                c_name: v.c_name.clone(),
                name: v.name.clone(),
            }),
            style: self.e.style,
            old: None,
            new: None,
            detail: None,
            source: self.e.source.clone(),
            line: variant.map_or(0, |v| v.line),
        }
    }

    fn enum_change(
        &mut self,
        kind: ChangeKind,
        level: Level,
        reason: &'static str,
        old: Option<String>,
        new: Option<String>,
    ) {
        let change = Change {
            old,
            new,
            ..self.change(kind, (level, reason), None)
        };
        self.push(change);
    }
}

fn compare_enums(o: &Enum, n: &Enum, out: &mut Out<'_>) {
    const BREAKS: &str = "code that names the type no longer compiles";
    if o.module != n.module {
        out.enum_change(
            ChangeKind::EnumMoved,
            Level::Major,
            "the type's path changed",
            Some(o.module.clone()),
            Some(n.module.clone()),
        );
    }
    if o.c_name != n.c_name {
        out.enum_change(
            ChangeKind::EnumCNameChanged,
            Level::Patch,
            "only C_NAME's text and the doc aliases change",
            Some(o.c_name.clone()),
            Some(n.c_name.clone()),
        );
    }
    if o.name != n.name {
        out.enum_change(
            ChangeKind::EnumRenamed,
            Level::Major,
            BREAKS,
            Some(o.name.clone()),
            Some(n.name.clone()),
        );
    }
    if o.style != n.style {
        out.enum_change(
            ChangeKind::StyleChanged,
            Level::Major,
            "the type is another kind of item",
            Some(o.style.to_string()),
            Some(n.style.to_string()),
        );
    }
    if o.repr != n.repr {
        out.enum_change(
            ChangeKind::ReprChanged,
            Level::Major,
            "the integer type of the values changed",
            Some(o.repr.as_str().to_string()),
            Some(n.repr.as_str().to_string()),
        );
    }
    if o.style == EnumStyle::Rust
        && n.style == EnumStyle::Rust
        && o.non_exhaustive != n.non_exhaustive
    {
        let (level, reason) = if n.non_exhaustive {
            (Level::Major, "matches need a wildcard arm")
        } else {
            (Level::Minor, "matches may drop their wildcard arm")
        };
        let word = |yes: bool| if yes { "non_exhaustive" } else { "exhaustive" };
        out.enum_change(
            ChangeKind::NonExhaustiveChanged,
            level,
            reason,
            Some(word(o.non_exhaustive).to_string()),
            Some(word(n.non_exhaustive).to_string()),
        );
    }
    compare_availability(&o.availability, &n.availability, None, out);
    let mut docs = Vec::new();
    let fields: [(&'static str, bool); 8] = [
        ("description", o.description != n.description),
        ("remarks", o.remarks != n.remarks),
        ("see also", o.see_also != n.see_also),
        ("url", o.url != n.url),
        ("C aliases", o.aliases != n.aliases),
        ("header file", o.header_file != n.header_file),
        (
            "Windows metadata type",
            o.winmd_type != n.winmd_type || o.winmd_file != n.winmd_file,
        ),
        ("source page", o.source != n.source),
    ];
    docs.extend(
        fields
            .iter()
            .filter(|(_, changed)| *changed)
            .map(|(f, _)| *f),
    );
    if same_entries(&o.availability, &n.availability) && note_texts_differ(o, n) {
        docs.push("availability notes");
    }
    if !docs.is_empty() {
        let change = Change {
            detail: Some(docs.join(", ")),
            ..out.change(
                ChangeKind::Docs,
                (Level::Patch, "only the documentation changes"),
                None,
            )
        };
        out.push(change);
    }
    compare_variants(o, n, out);
}

fn note_texts_differ(o: &Enum, n: &Enum) -> bool {
    texts(&o.availability) != texts(&n.availability)
}

fn texts(notes: &[AvailabilityNote]) -> Vec<&str> {
    notes.iter().map(|n| n.text.as_str()).collect()
}

/// The statements of `notes`, sorted, without repeats (the notes' order and lines do not
/// matter).
fn entries(notes: &[AvailabilityNote]) -> Vec<Entry> {
    let mut entries: Vec<Entry> = notes
        .iter()
        .flat_map(|n| n.parsed.iter().flatten())
        .copied()
        .collect();
    entries.sort_unstable();
    entries.dedup();
    entries
}

fn same_entries(o: &[AvailabilityNote], n: &[AvailabilityNote]) -> bool {
    entries(o) == entries(n)
}

fn is_deprecated(notes: &[AvailabilityNote]) -> bool {
    notes.iter().any(|n| n.deprecation().is_some())
}

/// The statements in words, `; `-separated.
fn summary(entries: &[Entry]) -> String {
    entries
        .iter()
        .map(Entry::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Deprecation and availability changes of the type (`variant: None`) or of a variant.
fn compare_availability(
    o: &[AvailabilityNote],
    n: &[AvailabilityNote],
    variant: Option<&Variant>,
    out: &mut Out<'_>,
) {
    let (mut before, mut after) = (entries(o), entries(n));
    let line = |notes: &[AvailabilityNote], pick: &dyn Fn(&AvailabilityNote) -> bool| {
        notes.iter().find(|n| pick(n)).map(|n| n.line)
    };
    let (was, is) = (is_deprecated(o), is_deprecated(n));
    if was != is {
        let (kind, reason) = if is {
            (
                ChangeKind::Deprecated,
                "#[deprecated] warns; nothing breaks",
            )
        } else {
            (
                ChangeKind::Undeprecated,
                "#[deprecated] is gone; nothing breaks",
            )
        };
        let words = |notes: &[AvailabilityNote]| {
            notes
                .iter()
                .find_map(AvailabilityNote::deprecation)
                .map(Entry::to_string)
        };
        let mut change = Change {
            old: words(o),
            new: words(n),
            ..out.change(kind, (Level::Minor, reason), variant)
        };
        let notes = if is { n } else { o };
        if let Some(at) = line(notes, &|note| note.deprecation().is_some()) {
            change.line = at;
        }
        out.push(change);
        // The deprecation is reported; the other statements are compared without it.
        let not_deprecation = |e: &Entry| !matches!(e, Entry::Deprecated(_));
        before.retain(not_deprecation);
        after.retain(not_deprecation);
    }
    if before == after {
        return;
    }
    let kind = match (before.is_empty(), after.is_empty()) {
        (true, _) => ChangeKind::AvailabilityAdded,
        (_, true) => ChangeKind::AvailabilityRemoved,
        _ => ChangeKind::AvailabilityChanged,
    };
    let mut change = Change {
        old: (!before.is_empty()).then(|| summary(&before)),
        new: (!after.is_empty()).then(|| summary(&after)),
        ..out.change(
            kind,
            (
                Level::Minor,
                "the availability data (AVAILABILITY, availability()) changes; no item does",
            ),
            variant,
        )
    };
    // The first note that states something new (or, for a removal, the old first).
    let new_entry = |note: &AvailabilityNote| {
        note.parsed
            .iter()
            .flatten()
            .any(|e| !before.contains(e) && !matches!(e, Entry::Deprecated(_)))
    };
    if let Some(at) = line(n, &new_entry).or_else(|| line(o, &|note| note.parsed.is_some())) {
        change.line = at;
    }
    out.push(change);
}

fn compare_variants(o: &Enum, n: &Enum, out: &mut Out<'_>) {
    let matched = match_variants(&o.variants, &n.variants);
    let style = n.style;
    // Which old variant each new one is.
    let mut old_of: Vec<Option<usize>> = vec![None; n.variants.len()];
    for &(ov, nv) in &matched.pairs {
        old_of[nv] = Some(ov);
    }
    for (nv, old) in old_of.iter().enumerate() {
        let v = &n.variants[nv];
        match old {
            Some(ov) => {
                let w = &o.variants[*ov];
                if w != v {
                    compare_variant(w, v, n, out);
                }
            }
            None if matched.added.contains(&nv) => {
                let (level, reason) = added_variant_level(n, v);
                let mut change = out.change(ChangeKind::VariantAdded, (level, reason), Some(v));
                change.new = Some(v.value.to_string());
                if let (EnumStyle::Rust, Some(target)) = (style, &v.alias_of) {
                    change.detail = Some(format!(
                        "an associated constant, the same value as {target}"
                    ));
                }
                out.push(change);
            }
            None => {}
        }
    }
    for &ov in &matched.removed {
        let v = &o.variants[ov];
        let mut change = out.change(
            ChangeKind::VariantRemoved,
            (Level::Major, "code that names the value no longer compiles"),
            Some(v),
        );
        change.old = Some(v.value.to_string());
        // The heading is on the old page.
        change.source = o.source.clone();
        out.push(change);
    }
}

/// The level of a new variant `v` of `e`.
fn added_variant_level(e: &Enum, v: &Variant) -> (Level, &'static str) {
    match e.style {
        EnumStyle::Rust if v.alias_of.is_some() => (Level::Minor, "a new associated constant"),
        EnumStyle::Rust if e.non_exhaustive => {
            (Level::Minor, "a new variant of a #[non_exhaustive] enum")
        }
        EnumStyle::Rust => (
            Level::Major,
            "a new variant of an exhaustive enum breaks exhaustive matches",
        ),
        EnumStyle::Newtype | EnumStyle::Flags => (Level::Minor, "a new associated constant"),
        EnumStyle::Consts => (Level::Minor, "a new constant"),
    }
}

fn compare_variant(w: &Variant, v: &Variant, e: &Enum, out: &mut Out<'_>) {
    if w.name != v.name {
        let level = if e.style == EnumStyle::Consts {
            (
                Level::Patch,
                "consts-style constants have C names; the Rust name is not in the API",
            )
        } else {
            (Level::Major, "code that names the value no longer compiles")
        };
        let change = Change {
            old: Some(w.name.clone()),
            new: Some(v.name.clone()),
            ..out.change(ChangeKind::VariantRenamed, level, Some(v))
        };
        out.push(change);
    }
    if w.c_name != v.c_name {
        let level = if e.style == EnumStyle::Consts {
            (Level::Major, "the constant is named by its C name")
        } else {
            (
                Level::Patch,
                "only c_name()'s text and the doc alias change",
            )
        };
        let change = Change {
            old: Some(w.c_name.clone()),
            new: Some(v.c_name.clone()),
            ..out.change(ChangeKind::VariantCNameChanged, level, Some(v))
        };
        out.push(change);
    }
    if w.value != v.value {
        let change = Change {
            old: Some(w.value.to_string()),
            new: Some(v.value.to_string()),
            ..out.change(
                ChangeKind::ValueChanged,
                (Level::Major, "the value's integer changed"),
                Some(v),
            )
        };
        out.push(change);
    } else if e.style == EnumStyle::Rust && w.alias_of.is_some() != v.alias_of.is_some() {
        let level = match &v.alias_of {
            Some(_) => (
                Level::Major,
                "an enum variant is gone (an associated constant stays)",
            ),
            None if e.non_exhaustive => (Level::Minor, "a new variant of a #[non_exhaustive] enum"),
            None => (
                Level::Major,
                "a new variant of an exhaustive enum breaks exhaustive matches",
            ),
        };
        let word = |alias: &Option<String>| match alias {
            Some(target) => format!("associated constant (= {target})"),
            None => "variant".to_string(),
        };
        let change = Change {
            old: Some(word(&w.alias_of)),
            new: Some(word(&v.alias_of)),
            ..out.change(ChangeKind::AliasChanged, level, Some(v))
        };
        out.push(change);
    }
    compare_availability(&w.availability, &v.availability, Some(v), out);
    let mut docs = Vec::new();
    if w.docs != v.docs {
        docs.push("docs");
    }
    if (w.value_source == ValueSource::Inferred) != (v.value_source == ValueSource::Inferred) {
        docs.push("inferred value");
    }
    // The docs of a documented variant say when its value is the Windows metadata's.
    let from_winmd = |x: &Variant| x.value_source == ValueSource::Winmd && x.line != 0;
    if from_winmd(w) != from_winmd(v) {
        docs.push("value from the Windows metadata");
    }
    if same_entries(&w.availability, &v.availability)
        && texts(&w.availability) != texts(&v.availability)
    {
        docs.push("availability notes");
    }
    if w.value == v.value
        && w.alias_of != v.alias_of
        && w.alias_of.is_some()
        && v.alias_of.is_some()
    {
        docs.push("alias target");
    }
    if !docs.is_empty() {
        let change = Change {
            detail: Some(docs.join(", ")),
            ..out.change(
                ChangeKind::Docs,
                (Level::Patch, "only the documentation changes"),
                Some(v),
            )
        };
        out.push(change);
    }
}

/// Which old variant is which new one (indexes), and those only on one side.
fn match_variants(olds: &[Variant], news: &[Variant]) -> Matched {
    let mut pairs = Vec::new();
    let mut old_left = Vec::new();
    let mut by_c_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, n) in news.iter().enumerate().rev() {
        by_c_name.entry(n.c_name.as_str()).or_default().push(i);
    }
    for (i, o) in olds.iter().enumerate() {
        match by_c_name.get_mut(o.c_name.as_str()).and_then(Vec::pop) {
            Some(n) => pairs.push((i, n)),
            None => old_left.push(i),
        }
    }
    let mut new_left: Vec<usize> = by_c_name.into_values().flatten().collect();
    new_left.sort_unstable();
    pair_unique(&mut pairs, &mut old_left, &mut new_left, |o, n| {
        olds[o].name == news[n].name
    });
    Matched {
        pairs,
        removed: old_left,
        added: new_left,
    }
}
