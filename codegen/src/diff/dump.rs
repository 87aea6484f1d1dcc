//! A model saved with `docbind dump --json`, read back.
//!
//! The types here mirror the JSON the model's `Serialize` prints (see
//! [the JSON model](crate::guide::json_model)) and convert it into [`Bindings`]: the dump's
//! format stays the model's, and the model itself needs no `Deserialize`. Keys the mirror does
//! not know are skipped, so a dump with more keys (from a later docbind) still reads.
//!
//! What a dump does not hold is not restored: the C header of a module (`bits.h`; the
//! [`Module::header`] of a read model is empty) and the pages that made no enum.

use crate::model::availability::{SERVER_RELEASES, ServerRelease};
use crate::model::{
    AvailabilityNote, Bindings, ClientVersion, Entry, Enum, EnumStyle, Framework, FrameworkVersion,
    Module, Platform, Release, Repr, ServerVersion, ValueSource, Variant,
};
use serde::Deserialize;

/// The JSON of `docbind dump --json`, `{"enums": [...], "skipped": [...]}`: deserialize it
/// (with `serde_json`, say), then take its [`Bindings`].
///
/// ```
/// let page = "---\nUID: NE:demo.X\nreq.header: demo.h\nreq.typenames: X\n---\n## -enum-fields\n### -field X_A\n";
/// let loaded = docbind::load_pages([("demo/x.md", page.as_bytes())], &docbind::Config::default());
/// let enums: Vec<_> = loaded.bindings.enums().collect();
/// let json = serde_json::json!({ "enums": enums, "skipped": loaded.skipped }).to_string();
///
/// let dump: docbind::diff::Dump = serde_json::from_str(&json).unwrap();
/// let bindings = dump.into_bindings();
/// assert!(docbind::diff::diff(&loaded.bindings, &bindings).changes.is_empty());
/// ```
#[derive(Debug, Deserialize)]
pub struct Dump {
    enums: Vec<EnumJson>,
}

impl Dump {
    /// The model: the enums in modules (by their `module`), in the order of the dump. The
    /// modules' `header` is empty (a dump does not hold it).
    pub fn into_bindings(self) -> Bindings {
        let mut bindings = Bindings::default();
        for e in self.enums {
            let e = Enum::from(e);
            bindings
                .modules
                .entry(e.module.clone())
                .or_insert_with(|| Module {
                    name: e.module.clone(),
                    header: String::new(),
                    enums: Vec::new(),
                })
                .enums
                .push(e);
        }
        bindings
    }
}

#[derive(Debug, Deserialize)]
struct EnumJson {
    name: String,
    c_name: String,
    aliases: Vec<String>,
    uid: String,
    source: String,
    module: String,
    repr: ReprJson,
    description: String,
    remarks: String,
    see_also: Vec<String>,
    url: Option<String>,
    availability: Vec<NoteJson>,
    header_file: Option<String>,
    #[serde(default)]
    winmd_type: Option<String>,
    #[serde(default)]
    winmd_file: Option<String>,
    variants: Vec<VariantJson>,
    looks_like_flags: bool,
    style: EnumStyle,
    non_exhaustive: bool,
}

impl From<EnumJson> for Enum {
    fn from(e: EnumJson) -> Enum {
        Enum {
            name: e.name,
            c_name: e.c_name,
            aliases: e.aliases,
            uid: e.uid,
            source: e.source,
            module: e.module,
            repr: e.repr.into(),
            description: e.description,
            remarks: e.remarks,
            see_also: e.see_also,
            url: e.url,
            availability: notes(e.availability),
            header_file: e.header_file,
            winmd_type: e.winmd_type,
            winmd_file: e.winmd_file,
            variants: e.variants.into_iter().map(Variant::from).collect(),
            looks_like_flags: e.looks_like_flags,
            style: e.style,
            non_exhaustive: e.non_exhaustive,
        }
    }
}

#[derive(Debug, Deserialize)]
struct VariantJson {
    name: String,
    c_name: String,
    value: i128,
    value_source: ValueSourceJson,
    line: usize,
    docs: String,
    availability: Vec<NoteJson>,
    alias_of: Option<String>,
}

impl From<VariantJson> for Variant {
    fn from(v: VariantJson) -> Variant {
        Variant {
            name: v.name,
            c_name: v.c_name,
            value: v.value,
            value_source: v.value_source.into(),
            line: v.line,
            docs: v.docs,
            availability: notes(v.availability),
            alias_of: v.alias_of,
        }
    }
}

#[derive(Debug, Deserialize)]
struct NoteJson {
    text: String,
    parsed: Option<Vec<EntryJson>>,
    line: usize,
    #[serde(default)]
    scope: Option<String>,
}

fn notes(notes: Vec<NoteJson>) -> Vec<AvailabilityNote> {
    notes
        .into_iter()
        .map(|n| AvailabilityNote {
            text: n.text,
            parsed: n
                .parsed
                .map(|entries| entries.into_iter().map(|e| e.0).collect()),
            line: n.line,
            scope: n.scope,
        })
        .collect()
}

/// `Repr` as the dump spells it. Each way is an exhaustive `match`, so a new repr does not
/// compile until it is spelled here too.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ReprJson {
    I32,
    U32,
    I64,
    U64,
}

impl From<ReprJson> for Repr {
    fn from(r: ReprJson) -> Repr {
        match r {
            ReprJson::I32 => Repr::I32,
            ReprJson::U32 => Repr::U32,
            ReprJson::I64 => Repr::I64,
            ReprJson::U64 => Repr::U64,
        }
    }
}

#[cfg(test)]
impl From<Repr> for ReprJson {
    fn from(r: Repr) -> ReprJson {
        match r {
            Repr::I32 => ReprJson::I32,
            Repr::U32 => ReprJson::U32,
            Repr::I64 => ReprJson::I64,
            Repr::U64 => ReprJson::U64,
        }
    }
}

/// `ValueSource` as the dump spells it (exhaustive both ways, as [`ReprJson`]).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ValueSourceJson {
    Heading,
    Body,
    Syntax,
    Inferred,
    Header,
    Winmd,
    Override,
}

impl From<ValueSourceJson> for ValueSource {
    fn from(s: ValueSourceJson) -> ValueSource {
        match s {
            ValueSourceJson::Heading => ValueSource::Heading,
            ValueSourceJson::Body => ValueSource::Body,
            ValueSourceJson::Syntax => ValueSource::Syntax,
            ValueSourceJson::Inferred => ValueSource::Inferred,
            ValueSourceJson::Header => ValueSource::Header,
            ValueSourceJson::Winmd => ValueSource::Winmd,
            ValueSourceJson::Override => ValueSource::Override,
        }
    }
}

#[cfg(test)]
impl From<ValueSource> for ValueSourceJson {
    fn from(s: ValueSource) -> ValueSourceJson {
        match s {
            ValueSource::Heading => ValueSourceJson::Heading,
            ValueSource::Body => ValueSourceJson::Body,
            ValueSource::Syntax => ValueSourceJson::Syntax,
            ValueSource::Inferred => ValueSourceJson::Inferred,
            ValueSource::Header => ValueSourceJson::Header,
            ValueSource::Winmd => ValueSourceJson::Winmd,
            ValueSource::Override => ValueSourceJson::Override,
        }
    }
}

/// An [`Entry`], from the fields its `Serialize` writes: `relation`, `platform`, `version`
/// (the release as `Display` prints it) and `build` (`summary` is derived, and skipped).
#[derive(Debug, Deserialize)]
#[serde(try_from = "RawEntry")]
struct EntryJson(Entry);

#[derive(Debug, Deserialize)]
struct RawEntry {
    relation: String,
    platform: Option<String>,
    version: Option<String>,
    build: Option<u32>,
}

impl TryFrom<RawEntry> for EntryJson {
    type Error = String;

    fn try_from(raw: RawEntry) -> Result<EntryJson, String> {
        let platform = || -> Result<Platform, String> {
            let name = raw
                .platform
                .as_deref()
                .ok_or_else(|| format!("a `{}` entry without a platform", raw.relation))?;
            platform(name)
        };
        let release = || -> Result<Release, String> {
            let version = raw
                .version
                .as_deref()
                .ok_or_else(|| format!("a `{}` entry without a version", raw.relation))?;
            release(platform()?, version, raw.build)
        };
        let entry = match raw.relation.as_str() {
            "introduced" => Entry::Introduced(release()?),
            "introduced-with-update" => Entry::IntroducedWithUpdate(release()?),
            "not-supported-up-to" => Entry::NotSupportedUpTo(release()?),
            "not-supported-from" => Entry::NotSupportedFrom(release()?),
            "only-in" => Entry::OnlyIn(release()?),
            "deprecated" if raw.version.is_none() => Entry::Deprecated(None),
            "deprecated" => Entry::Deprecated(Some(release()?)),
            "available" => Entry::Available(platform()?),
            "only" => Entry::Only(platform()?),
            "not-available" => Entry::NotAvailable(platform()?),
            other => return Err(format!("unknown availability relation `{other}`")),
        };
        Ok(EntryJson(entry))
    }
}

/// Every framework: an exhaustive `match`, so that a new one does not compile until it reads.
fn frameworks() -> impl Iterator<Item = Framework> {
    let all = [
        Framework::Kmdf,
        Framework::Umdf,
        Framework::Ndis,
        Framework::Wddm,
        Framework::Bits,
        Framework::DirectX,
        Framework::Direct3D,
        Framework::Dxgi,
        Framework::IddCx,
    ];
    for f in all {
        match f {
            Framework::Kmdf
            | Framework::Umdf
            | Framework::Ndis
            | Framework::Wddm
            | Framework::Bits
            | Framework::DirectX
            | Framework::Direct3D
            | Framework::Dxgi
            | Framework::IddCx => {}
        }
    }
    all.into_iter()
}

/// The platform `Display` names `name`.
fn platform(name: &str) -> Result<Platform, String> {
    match name {
        "Windows" => Ok(Platform::Windows),
        "Windows Server" => Ok(Platform::WindowsServer),
        _ => frameworks()
            .find(|f| f.name() == name)
            .map(Platform::Framework)
            .ok_or_else(|| format!("unknown platform `{name}`")),
    }
}

/// `name` and the service pack of ` SP2` at its end (0 without).
fn service_pack(version: &str) -> (&str, u8) {
    match version.rsplit_once(" SP") {
        Some((name, sp)) if !sp.starts_with('0') && sp.bytes().all(|b| b.is_ascii_digit()) => {
            match sp.parse::<u8>() {
                Ok(sp) => (name, sp),
                Err(_) => (version, 0),
            }
        }
        _ => (version, 0),
    }
}

/// The release of `platform` that `Display` prints as `version` (with `build`, which a Windows
/// release needs: its name alone does not always say it).
fn release(platform: Platform, version: &str, build: Option<u32>) -> Result<Release, String> {
    let unknown = || format!("unknown {platform} release `{version}`");
    match platform {
        Platform::Windows => {
            let build =
                build.ok_or_else(|| format!("a Windows release without a build: `{version}`"))?;
            let (_, service_pack) = service_pack(version);
            Ok(Release::Windows(ClientVersion {
                build,
                service_pack,
            }))
        }
        Platform::WindowsServer => {
            let (name, service_pack) = service_pack(version);
            let release: ServerRelease = SERVER_RELEASES
                .iter()
                .find(|(_, n, _)| *n == name)
                .map(|&(r, _, _)| r)
                .ok_or_else(unknown)?;
            Ok(Release::WindowsServer(ServerVersion {
                release,
                service_pack,
            }))
        }
        Platform::Framework(f) => {
            let number = version
                .strip_prefix(f.name())
                .and_then(|rest| rest.strip_prefix(' '))
                .ok_or_else(unknown)?;
            let (major, minor) = number.split_once('.').ok_or_else(unknown)?;
            let major = major.parse::<u16>().map_err(|_| unknown())?;
            let minor = minor.parse::<u16>().map_err(|_| unknown())?;
            Ok(Release::Framework(f, FrameworkVersion { major, minor }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::availability::{CLIENT_RELEASES, WIN10_UPDATES, WIN11_UPDATES};

    /// An entry through its JSON and back.
    fn round_trip(entry: Entry) -> Entry {
        let json = serde_json::to_string(&entry).unwrap();
        serde_json::from_str::<EntryJson>(&json)
            .unwrap_or_else(|e| panic!("{json}: {e}"))
            .0
    }

    fn releases() -> Vec<Release> {
        let mut releases = Vec::new();
        let builds = CLIENT_RELEASES
            .iter()
            .map(|&(b, _)| b)
            .chain(WIN10_UPDATES.iter().map(|&(_, b)| b))
            .chain(WIN11_UPDATES.iter().map(|&(_, b)| b))
            .chain([12345, 19999, 26200]);
        for build in builds {
            for service_pack in [0, 1, 3] {
                releases.push(Release::Windows(ClientVersion {
                    build,
                    service_pack,
                }));
            }
        }
        for &(release, _, _) in SERVER_RELEASES {
            for service_pack in [0, 2] {
                releases.push(Release::WindowsServer(ServerVersion {
                    release,
                    service_pack,
                }));
            }
        }
        for f in frameworks() {
            for (major, minor) in [(1, 9), (1, 11), (6, 30), (12, 0)] {
                releases.push(Release::Framework(f, FrameworkVersion { major, minor }));
            }
        }
        releases
    }

    #[test]
    fn every_entry_reads_back_as_itself() {
        let platforms: Vec<Platform> = [Platform::Windows, Platform::WindowsServer]
            .into_iter()
            .chain(frameworks().map(Platform::Framework))
            .collect();
        let mut entries = vec![Entry::Deprecated(None)];
        for r in releases() {
            entries.extend([
                Entry::Introduced(r),
                Entry::NotSupportedUpTo(r),
                Entry::NotSupportedFrom(r),
                Entry::OnlyIn(r),
                Entry::Deprecated(Some(r)),
            ]);
        }
        for p in platforms {
            entries.extend([Entry::Available(p), Entry::Only(p), Entry::NotAvailable(p)]);
        }
        for entry in entries {
            assert_eq!(round_trip(entry), entry);
        }
    }

    #[test]
    fn an_entry_that_names_nothing_known_is_an_error() {
        for json in [
            r#"{"relation":"introduced","platform":"Windows","version":"Windows XP","build":null}"#,
            r#"{"relation":"introduced","platform":"OS/2","version":"OS/2 2.0","build":null}"#,
            r#"{"relation":"introduced","platform":"KMDF","version":"KMDF one","build":null}"#,
            r#"{"relation":"introduced","platform":"Windows Server","version":"Windows NT Server","build":3}"#,
            r#"{"relation":"sometimes","platform":null,"version":null,"build":null}"#,
            r#"{"relation":"only","platform":null,"version":null,"build":null}"#,
        ] {
            assert!(serde_json::from_str::<EntryJson>(json).is_err(), "{json}");
        }
    }

    #[test]
    fn reprs_and_value_sources_read_as_they_print() {
        for repr in [Repr::I32, Repr::U32, Repr::I64, Repr::U64] {
            let json = serde_json::to_string(&repr).unwrap();
            let back: ReprJson = serde_json::from_str(&json).unwrap();
            assert_eq!(Repr::from(back), repr);
            assert_eq!(Repr::from(ReprJson::from(repr)), repr);
        }
        for source in [
            ValueSource::Heading,
            ValueSource::Body,
            ValueSource::Syntax,
            ValueSource::Inferred,
            ValueSource::Header,
            ValueSource::Override,
        ] {
            let json = serde_json::to_string(&source).unwrap();
            let back: ValueSourceJson = serde_json::from_str(&json).unwrap();
            assert_eq!(ValueSource::from(back), source);
            assert_eq!(ValueSource::from(ValueSourceJson::from(source)), source);
        }
    }

    #[test]
    fn service_packs_are_read_from_the_end() {
        assert_eq!(service_pack("Windows XP SP2"), ("Windows XP", 2));
        assert_eq!(
            service_pack("Windows Server 2003"),
            ("Windows Server 2003", 0)
        );
        assert_eq!(service_pack("Windows SP"), ("Windows SP", 0));
        assert_eq!(service_pack("Windows SP02"), ("Windows SP02", 0));
    }
}
