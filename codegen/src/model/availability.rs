//! Availability as data: platforms, releases and what a version note says about them.
//!
//! The words that name releases live here too (`CLIENT_RELEASES`, `WIN10_UPDATES`, ...): the
//! names are printed from them and the availability grammar (`lower::availability`) reads them.

use std::fmt;

// ---------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------

/// A versioned framework, driver model or API family that availability notes
/// refer to (everything except Windows itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Framework {
    /// Kernel-Mode Driver Framework.
    Kmdf,
    /// User-Mode Driver Framework.
    Umdf,
    /// Network Driver Interface Specification.
    Ndis,
    /// Windows Display Driver Model.
    Wddm,
    /// Background Intelligent Transfer Service.
    Bits,
    /// DirectX (the SDK / runtime version, e.g. "DirectX 9.0").
    DirectX,
    /// Direct3D (runtime version, e.g. "Direct3D 12.0").
    Direct3D,
    /// DirectX Graphics Infrastructure.
    Dxgi,
    /// Indirect Display Driver class extension.
    IddCx,
}

impl Framework {
    /// The name as documentation spells it ("KMDF", "IddCx", ...).
    pub fn name(self) -> &'static str {
        match self {
            Framework::Kmdf => "KMDF",
            Framework::Umdf => "UMDF",
            Framework::Ndis => "NDIS",
            Framework::Wddm => "WDDM",
            Framework::Bits => "BITS",
            Framework::DirectX => "DirectX",
            Framework::Direct3D => "Direct3D",
            Framework::Dxgi => "DXGI",
            Framework::IddCx => "IddCx",
        }
    }
}

/// Something a note can say is (or is not) available: Windows client,
/// Windows Server, or a [`Framework`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Platform {
    /// Windows client editions (Windows XP, 7, 10, 11, ...).
    Windows,
    /// Windows Server editions.
    WindowsServer,
    /// A framework or driver model.
    Framework(Framework),
}

/// A Windows client release, identified by the build number of its first
/// release plus an optional service pack; `Ord` therefore follows build
/// numbers (XP < Vista < Vista SP1 < 7 < ... < 10 1809 (17763) < 11 21H2
/// (22000) < ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClientVersion {
    /// Build number, e.g. 7600 for Windows 7, 17763 for Windows 10 1809.
    pub build: u32,
    /// Service pack number, 0 for none.
    pub service_pack: u8,
}

/// A Windows Server release, in chronological order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ServerRelease {
    /// Windows 2000 Server.
    Windows2000,
    /// Windows Server 2003.
    Server2003,
    /// Windows Server 2003 R2.
    Server2003R2,
    /// Windows Server 2008.
    Server2008,
    /// Windows Server 2008 R2.
    Server2008R2,
    /// Windows Server 2012.
    Server2012,
    /// Windows Server 2012 R2.
    Server2012R2,
    /// Windows Server 2016.
    Server2016,
    /// Windows Server, version 1709 (a semi-annual channel release).
    Server1709,
    /// Windows Server, version 1803.
    Server1803,
    /// Windows Server 2019 (and Windows Server, version 1809).
    Server2019,
    /// Windows Server, version 1903.
    Server1903,
    /// Windows Server, version 1909.
    Server1909,
    /// Windows Server, version 2004.
    Server2004,
    /// Windows Server, version 20H2.
    Server20H2,
    /// Windows Server 2022.
    Server2022,
    /// Windows Server 2025.
    Server2025,
}

/// `(release, name, build)` for every Windows Server release.
pub(crate) const SERVER_RELEASES: &[(ServerRelease, &str, u32)] = &[
    (ServerRelease::Windows2000, "Windows 2000 Server", 2195),
    (ServerRelease::Server2003, "Windows Server 2003", 3790),
    (ServerRelease::Server2003R2, "Windows Server 2003 R2", 3790),
    (ServerRelease::Server2008, "Windows Server 2008", 6001),
    (ServerRelease::Server2008R2, "Windows Server 2008 R2", 7600),
    (ServerRelease::Server2012, "Windows Server 2012", 9200),
    (ServerRelease::Server2012R2, "Windows Server 2012 R2", 9600),
    (ServerRelease::Server2016, "Windows Server 2016", 14393),
    (
        ServerRelease::Server1709,
        "Windows Server, version 1709",
        16299,
    ),
    (
        ServerRelease::Server1803,
        "Windows Server, version 1803",
        17134,
    ),
    (ServerRelease::Server2019, "Windows Server 2019", 17763),
    (
        ServerRelease::Server1903,
        "Windows Server, version 1903",
        18362,
    ),
    (
        ServerRelease::Server1909,
        "Windows Server, version 1909",
        18363,
    ),
    (
        ServerRelease::Server2004,
        "Windows Server, version 2004",
        19041,
    ),
    (
        ServerRelease::Server20H2,
        "Windows Server, version 20H2",
        19042,
    ),
    (ServerRelease::Server2022, "Windows Server 2022", 20348),
    (ServerRelease::Server2025, "Windows Server 2025", 26100),
];

impl ServerRelease {
    fn entry(self) -> (&'static str, u32) {
        SERVER_RELEASES
            .iter()
            .find(|(r, _, _)| *r == self)
            .map_or(("Windows Server", 0), |&(_, name, build)| (name, build))
    }

    /// Build number of the release (Windows Server 2003 and 2003 R2 share
    /// 3790; order them with `Ord` instead).
    pub fn build(self) -> u32 {
        self.entry().1
    }
}

/// A Windows Server release plus an optional service pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServerVersion {
    /// The release.
    pub release: ServerRelease,
    /// Service pack number, 0 for none.
    pub service_pack: u8,
}

/// A framework version `major.minor`, compared numerically per component
/// (KMDF 1.9 < 1.11; NDIS 6.30 is stored as minor 30).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FrameworkVersion {
    /// Major version.
    pub major: u16,
    /// Minor version.
    pub minor: u16,
}

/// One specific release of a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Release {
    /// A Windows client release.
    Windows(ClientVersion),
    /// A Windows Server release.
    WindowsServer(ServerVersion),
    /// A framework release.
    Framework(Framework, FrameworkVersion),
}

impl Release {
    /// The platform this release belongs to.
    pub fn platform(self) -> Platform {
        match self {
            Release::Windows(_) => Platform::Windows,
            Release::WindowsServer(_) => Platform::WindowsServer,
            Release::Framework(f, _) => Platform::Framework(f),
        }
    }
}

/// One availability statement. A note can carry several (e.g. "Windows 11
/// (WDDM 3.0)" gives two [`Entry::Introduced`]); several `Introduced`
/// entries for the same platform list alternatives, the earliest one counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Entry {
    /// Available starting with this release ("supported starting with X",
    /// "X and later", `req.target-min-winverclnt: X`).
    Introduced(Release),
    /// Available on this release once an update the note names is installed, and on later
    /// releases ("Windows 8 and Platform Update for Windows 7" gives `Introduced(Windows 8)` and
    /// `IntroducedWithUpdate(Windows 7)`; "Windows 8.1 Update"; "Windows 2000 SP4 Update
    /// Rollup"). The release alone, without the update, does not have it.
    IntroducedWithUpdate(Release),
    /// Not supported on this release and earlier ("X and earlier: Not
    /// supported.").
    NotSupportedUpTo(Release),
    /// Not supported on this release and later ("Not supported in X or
    /// later.").
    NotSupportedFrom(Release),
    /// Deprecated, optionally since a release ("Deprecated.", "deprecated in
    /// Windows 10").
    Deprecated(Option<Release>),
    /// Only on this release ("Use this value only on Windows XP.").
    OnlyIn(Release),
    /// Available on the platform, any version ("Supported in KMDF").
    Available(Platform),
    /// Exclusive to the platform ("Applies to KMDF only").
    Only(Platform),
    /// Not available on the platform ("Not available in UMDF.",
    /// `req.umdf-ver: N/A`, `req.target-min-winversvr: None supported`).
    NotAvailable(Platform),
}

/// A version note: a sentence (or front-matter value) and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The verbatim text, whitespace-normalized (markup is kept).
    pub text: String,
    /// The statements it makes, or `None` when the text looks like a version
    /// note but was not understood.
    pub parsed: Option<Vec<Entry>>,
    /// The use the statements are limited to, as the text words it ("for opening ISO virtual
    /// disks" in "This flag is not supported for opening ISO virtual disks until Windows 8."):
    /// they do not restrict the item itself. `None` for statements about the item.
    pub scope: Option<String>,
}

// ---------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------

/// Client releases by build: `(build, name)`.
pub(crate) const CLIENT_RELEASES: &[(u32, &str)] = &[
    (2195, "Windows 2000"),
    (2600, "Windows XP"),
    (3790, "Windows XP Professional x64 Edition"),
    (6000, "Windows Vista"),
    (7600, "Windows 7"),
    (9200, "Windows 8"),
    (9600, "Windows 8.1"),
    (10240, "Windows 10"),
    (22000, "Windows 11"),
];

/// Windows 10 feature updates: `(version, build)`.
pub(crate) const WIN10_UPDATES: &[(&str, u32)] = &[
    ("1507", 10240),
    ("1511", 10586),
    ("1607", 14393),
    ("1703", 15063),
    ("1709", 16299),
    ("1803", 17134),
    ("1809", 17763),
    ("1903", 18362),
    ("1909", 18363),
    ("2004", 19041),
    ("20H2", 19042),
    ("21H1", 19043),
    ("21H2", 19044),
    ("22H2", 19045),
    // Code names of the same updates.
    ("19H1", 18362),
    ("19H2", 18363),
    ("20H1", 19041),
];

/// Windows 11 feature updates: `(version, build)`.
pub(crate) const WIN11_UPDATES: &[(&str, u32)] = &[
    ("21H2", 22000),
    ("22H2", 22621),
    ("23H2", 22631),
    ("24H2", 26100),
];

/// Windows 10 marketing names: `(words, version)`.
pub(crate) const WIN10_MARKETING: &[(&str, &str)] = &[
    ("november update", "1511"),
    ("anniversary update", "1607"),
    ("creators update", "1703"),
    ("fall creators update", "1709"),
    ("april 2018 update", "1803"),
    ("october 2018 update", "1809"),
    ("may 2019 update", "1903"),
    ("november 2019 update", "1909"),
    ("may 2020 update", "2004"),
    ("october 2020 update", "20H2"),
    ("may 2021 update", "21H1"),
    ("november 2021 update", "21H2"),
    ("2022 update", "22H2"),
];

pub(crate) const WIN11_BASE: u32 = 22000;
pub(crate) const WIN10_BASE: u32 = 10240;

impl fmt::Display for ClientVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let update = |table: &[(&'static str, u32)]| -> Option<&'static str> {
            table
                .iter()
                .skip(1)
                .find(|&&(_, b)| b == self.build)
                .map(|&(v, _)| v)
        };
        if let Some(&(_, name)) = CLIENT_RELEASES.iter().find(|&&(b, _)| b == self.build) {
            f.write_str(name)?;
        } else if self.build >= WIN11_BASE {
            match update(WIN11_UPDATES) {
                Some(v) => write!(f, "Windows 11, version {v}")?,
                None => write!(f, "Windows 11, build {}", self.build)?,
            }
        } else if self.build >= WIN10_BASE {
            match update(WIN10_UPDATES) {
                Some(v) => write!(f, "Windows 10, version {v}")?,
                None => write!(f, "Windows 10, build {}", self.build)?,
            }
        } else {
            write!(f, "Windows build {}", self.build)?;
        }
        if self.service_pack > 0 {
            write!(f, " SP{}", self.service_pack)?;
        }
        Ok(())
    }
}

impl fmt::Display for ServerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.release.entry().0)?;
        if self.service_pack > 0 {
            write!(f, " SP{}", self.service_pack)?;
        }
        Ok(())
    }
}

impl fmt::Display for FrameworkVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Platform::Windows => f.write_str("Windows"),
            Platform::WindowsServer => f.write_str("Windows Server"),
            Platform::Framework(fw) => f.write_str(fw.name()),
        }
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Release::Windows(v) => v.fmt(f),
            Release::WindowsServer(v) => v.fmt(f),
            Release::Framework(fw, v) => write!(f, "{} {v}", fw.name()),
        }
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entry::Introduced(r) => write!(f, "{r} and later"),
            Entry::IntroducedWithUpdate(r) => write!(f, "{r} with an update, and later"),
            Entry::NotSupportedUpTo(r) => write!(f, "Not supported on {r} and earlier"),
            Entry::NotSupportedFrom(r) => write!(f, "Not supported on {r} and later"),
            Entry::Deprecated(None) => f.write_str("Deprecated"),
            Entry::Deprecated(Some(r)) => write!(f, "Deprecated in {r}"),
            Entry::OnlyIn(r) => write!(f, "{r} only"),
            Entry::Available(p) => write!(f, "Available in {p}"),
            Entry::Only(p) => write!(f, "{p} only"),
            Entry::NotAvailable(p) => write!(f, "Not available in {p}"),
        }
    }
}

// ---------------------------------------------------------------------------
// JSON (for `docbind dump --json`)
// ---------------------------------------------------------------------------

impl Entry {
    /// The relation as a kebab-case word (`introduced`, `not-supported-up-to`, ...).
    pub fn relation(&self) -> &'static str {
        match self {
            Entry::Introduced(_) => "introduced",
            Entry::IntroducedWithUpdate(_) => "introduced-with-update",
            Entry::NotSupportedUpTo(_) => "not-supported-up-to",
            Entry::NotSupportedFrom(_) => "not-supported-from",
            Entry::Deprecated(_) => "deprecated",
            Entry::OnlyIn(_) => "only-in",
            Entry::Available(_) => "available",
            Entry::Only(_) => "only",
            Entry::NotAvailable(_) => "not-available",
        }
    }

    /// The release the entry names, if any.
    pub fn release(&self) -> Option<Release> {
        match *self {
            Entry::Introduced(r)
            | Entry::IntroducedWithUpdate(r)
            | Entry::NotSupportedUpTo(r)
            | Entry::NotSupportedFrom(r)
            | Entry::OnlyIn(r)
            | Entry::Deprecated(Some(r)) => Some(r),
            Entry::Deprecated(None)
            | Entry::Available(_)
            | Entry::Only(_)
            | Entry::NotAvailable(_) => None,
        }
    }

    /// The platform the entry is about (`None`: "Deprecated." without a release).
    pub fn platform(&self) -> Option<Platform> {
        match *self {
            Entry::Available(p) | Entry::Only(p) | Entry::NotAvailable(p) => Some(p),
            _ => self.release().map(Release::platform),
        }
    }
}

impl Release {
    /// `(major, minor)` for comparisons within the platform: the build number and service
    /// pack for Windows and Windows Server, the version for frameworks.
    pub fn version_pair(self) -> (u32, u32) {
        match self {
            Release::Windows(v) => (v.build, u32::from(v.service_pack)),
            Release::WindowsServer(v) => (v.release.build(), u32::from(v.service_pack)),
            Release::Framework(_, v) => (u32::from(v.major), u32::from(v.minor)),
        }
    }
}

impl serde::Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Entry", 5)?;
        s.serialize_field("relation", self.relation())?;
        s.serialize_field("platform", &self.platform().map(|p| p.to_string()))?;
        s.serialize_field("version", &self.release().map(|r| r.to_string()))?;
        let build = match self.release() {
            Some(Release::Windows(v)) => Some(v.build),
            Some(Release::WindowsServer(v)) => Some(v.release.build()),
            _ => None,
        };
        s.serialize_field("build", &build)?;
        s.serialize_field("summary", &self.to_string())?;
        s.end()
    }
}
