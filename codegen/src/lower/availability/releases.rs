//! Release mentions: "Windows 10, version 1809", "Windows Server 2008 R2 SP1", "KMDF 1.11",
//! "version 1.19 of KMDF", and lists of them with their extent ("Windows Server 2008, Windows
//! Vista SP1, and later versions of Windows"). [`release_item`], [`release_list`] and
//! [`bare_platform`] move the cursor only when they return a mention, so that the grammar can
//! try them where a release may stand. The release names and builds are the model's tables
//! ([`crate::model::availability`]).

use super::lexicon::{Cursor, EXTENT_TAIL, FRAMEWORK_NAMES};
use crate::model::availability::{
    ClientVersion, Entry, Framework, FrameworkVersion, Platform, Release, ServerRelease,
    ServerVersion, WIN10_BASE, WIN10_MARKETING, WIN10_UPDATES, WIN11_BASE, WIN11_UPDATES,
};

fn framework_name(c: &mut Cursor) -> Option<Framework> {
    FRAMEWORK_NAMES
        .iter()
        .find(|(name, _)| c.eat(name))
        .map(|&(_, fw)| fw)
}

/// Parses `major.minor` (or a bare `major`) with an optional `v` prefix.
pub(super) fn framework_version(c: &mut Cursor) -> Option<FrameworkVersion> {
    let tok = c.peek()?;
    let tok = tok.strip_prefix('v').unwrap_or(tok);
    let (major, minor) = tok.split_once('.').unwrap_or((tok, "0"));
    let v = FrameworkVersion {
        major: major.parse().ok()?,
        minor: minor.parse().ok()?,
    };
    if !major.bytes().all(|b| b.is_ascii_digit()) || !minor.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    c.bump();
    Some(v)
}

/// Parses a service-pack suffix: "sp1", "sp 1", "with sp2", "with service
/// pack 1 (sp1)", ", service pack 1", "+ service pack 1".
fn service_pack(c: &mut Cursor) -> u8 {
    let mut probe = *c;
    let _ = probe.eat_any(&["with", ",", "+"]);
    let sp = if probe.eat("service pack") {
        probe.bump().and_then(|n| n.parse().ok())
    } else {
        match probe.bump() {
            Some("sp") => probe.bump().and_then(|n| n.parse().ok()),
            Some(t) => t.strip_prefix("sp").and_then(|n| n.parse().ok()),
            None => None,
        }
    };
    let Some(sp) = sp else {
        return 0;
    };
    let mut paren = probe;
    if paren.eat("(") && paren.bump().is_some_and(|t| t.starts_with("sp")) && paren.eat(")") {
        probe = paren;
    }
    *c = probe;
    sp
}

/// Parses the part after "windows 10" / "windows 11": ", version 1809",
/// "(version 1803)", "april 2018 update", ", build 26048".
fn feature_update(c: &mut Cursor, base: u32, table: &[(&str, u32)]) -> Option<u32> {
    let mut probe = *c;
    let paren = probe.eat("(");
    if !paren {
        let _ = probe.eat(",");
    }
    let build = if probe.eat("version") {
        let v = probe.bump()?;
        table
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(v))
            .map(|&(_, b)| b)?
    } else if probe.eat("build") {
        probe.bump()?.parse().ok()?
    } else if let Some(v) = (base == WIN10_BASE)
        .then(|| WIN10_MARKETING.iter().find(|(words, _)| probe.eat(words)))
        .flatten()
        .map(|&(_, v)| v)
    {
        table
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(v))
            .map(|&(_, b)| b)?
    } else {
        return None;
    };
    if paren && !probe.eat(")") {
        return None;
    }
    // "Windows 11, version 22H2 September Update": a later servicing update of
    // the same feature update; the build stays the feature update's.
    let _ = probe.eat_any(&[
        "january update",
        "february update",
        "march update",
        "april update",
        "may update",
        "june update",
        "july update",
        "august update",
        "september update",
        "october update",
        "november update",
        "december update",
    ]);
    *c = probe;
    Some(build)
}

/// A release as a mention names it: one docbind models, or one it does not (Windows 95, 98
/// and Me, which have no Windows NT build; Windows 10 Mobile, another product).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Named {
    Release(Release),
    Unmodeled,
}

/// Parses a Windows release after the word "windows".
fn windows_release(c: &mut Cursor) -> Option<Named> {
    if c.eat("server") {
        // The semi-annual channel: "Windows Server, version 2004", "Windows Server (version
        // 1803)".
        let mut probe = *c;
        let paren = probe.eat("(");
        if !paren {
            let _ = probe.eat(",");
        }
        if probe.eat("version") {
            let release = match probe.bump()? {
                "1709" => ServerRelease::Server1709,
                "1803" => ServerRelease::Server1803,
                "1809" => ServerRelease::Server2019,
                "1903" => ServerRelease::Server1903,
                "1909" => ServerRelease::Server1909,
                "2004" => ServerRelease::Server2004,
                "20h2" => ServerRelease::Server20H2,
                _ => return None,
            };
            if paren && !probe.eat(")") {
                return None;
            }
            *c = probe;
            return Some(Named::Release(Release::WindowsServer(ServerVersion {
                release,
                service_pack: 0,
            })));
        }
        let year = c.bump()?;
        let r2 = c.eat("r2");
        let release = match (year, r2) {
            ("2003", false) => ServerRelease::Server2003,
            ("2003", true) => ServerRelease::Server2003R2,
            ("2008", false) => ServerRelease::Server2008,
            ("2008", true) => ServerRelease::Server2008R2,
            ("2012", false) => ServerRelease::Server2012,
            ("2012", true) => ServerRelease::Server2012R2,
            ("2016", false) => ServerRelease::Server2016,
            ("2019", false) => ServerRelease::Server2019,
            ("2022", false) => ServerRelease::Server2022,
            ("2025", false) => ServerRelease::Server2025,
            _ => return None,
        };
        let service_pack = service_pack(c);
        return Some(Named::Release(Release::WindowsServer(ServerVersion {
            release,
            service_pack,
        })));
    }
    if c.eat("2000 server") {
        let service_pack = service_pack(c);
        return Some(Named::Release(Release::WindowsServer(ServerVersion {
            release: ServerRelease::Windows2000,
            service_pack,
        })));
    }
    // Windows 95, 98 and Me ("Windows 98/Me", "Windows Millennium Edition").
    if c.eat_any(&["95", "98", "me", "millennium edition"])
        .is_some()
    {
        while c.eat_any(&["/ 98", "/ me"]).is_some() {}
        return Some(Named::Unmodeled);
    }
    // "Windows Build 22000".
    let mut probe = *c;
    if probe.eat("build") {
        let build: u32 = probe.bump()?.parse().ok()?;
        if build < 2195 {
            return None;
        }
        *c = probe;
        return Some(Named::Release(Release::Windows(ClientVersion {
            build,
            service_pack: 0,
        })));
    }
    let build = match c.bump()? {
        "2000" => {
            let _ = c.eat("professional");
            2195
        }
        "xp" => {
            if c.eat("professional x64 edition") {
                3790
            } else {
                let _ = c.eat("professional");
                2600
            }
        }
        "vista" => 6000,
        "7" => 7600,
        "8" => 9200,
        "8.1" => 9600,
        "10" => feature_update(c, WIN10_BASE, WIN10_UPDATES).unwrap_or(WIN10_BASE),
        "11" => feature_update(c, WIN11_BASE, WIN11_UPDATES).unwrap_or(WIN11_BASE),
        _ => return None,
    };
    // "Windows 10 Mobile" is another product; "Windows 10 IoT", "Windows 10 S" and "Windows
    // 10 X" are editions docbind does not tell apart.
    if build == WIN10_BASE && c.eat("mobile") {
        return Some(Named::Unmodeled);
    }
    if matches!(c.peek(), Some("mobile" | "iot" | "s" | "x")) {
        return None;
    }
    let service_pack = service_pack(c);
    // "Windows 7 Client", "Windows 7 Windows Client".
    let _ = c.eat_any(&["client", "windows client"]);
    Some(Named::Release(Release::Windows(ClientVersion {
        build,
        service_pack,
    })))
}

/// The service pack of `named`, set to `service_pack` ("Windows 2000 Update Rollup 1 for SP4").
fn with_service_pack(named: Named, service_pack: u8) -> Named {
    match named {
        Named::Release(Release::Windows(v)) => {
            Named::Release(Release::Windows(ClientVersion { service_pack, ..v }))
        }
        Named::Release(Release::WindowsServer(v)) => {
            Named::Release(Release::WindowsServer(ServerVersion { service_pack, ..v }))
        }
        other => other,
    }
}

/// An update after a Windows release: "Windows 8.1 Update", "Windows 2000 SP4 Update Rollup",
/// "Windows 2000 Update Rollup 1 for SP4", "Windows XP SP2 with Filter Manager Rollup",
/// "Windows Vista with SP2 and Platform Update for Windows Vista" (the update of the same
/// release). The release, with the service pack the update names.
fn update_suffix(c: &mut Cursor, named: Named) -> Option<Named> {
    let Named::Release(release) = named else {
        return None;
    };
    let mut probe = *c;
    if release
        == Release::Windows(ClientVersion {
            build: 9600,
            service_pack: 0,
        })
        && probe.eat("update")
        && !probe.eat("rollup")
    {
        *c = probe;
        return Some(named);
    }
    let mut probe = *c;
    let _ = probe.eat("with");
    if probe
        .eat_any(&[
            "update rollup",
            "the update rollup",
            "filter manager rollup",
        ])
        .is_some()
    {
        let _ = probe.bump_if(|t| t.bytes().all(|b| b.is_ascii_digit()));
        let mut named = named;
        let mut pack = probe;
        if pack.eat("for") {
            let sp = service_pack(&mut pack);
            if sp > 0 {
                named = with_service_pack(named, sp);
                probe = pack;
            }
        }
        *c = probe;
        return Some(named);
    }
    // "... and Platform Update for Windows Vista", after "Windows Vista with SP2".
    let mut probe = *c;
    if probe.eat("and platform update for") {
        let _ = probe.eat("microsoft");
        if probe.eat("windows") {
            if let Some(Named::Release(same)) = windows_release(&mut probe) {
                if same.platform() == release.platform()
                    && same.version_pair().0 == release.version_pair().0
                {
                    *c = probe;
                    return Some(named);
                }
            }
        }
    }
    None
}

/// A release named with its update first: "Platform Update for Windows 7", "Update Rollup for
/// Windows 2000 Service Pack 4 (SP4)", "Update Rollup 1 for Windows 2000 SP4", "Filter Manager
/// Rollup for Windows XP Service Pack 2 (SP2)".
fn update_prefix(c: &mut Cursor) -> Option<Named> {
    let mut probe = *c;
    let _ = probe.eat("the");
    probe.eat_any(&["platform update", "update rollup", "filter manager rollup"])?;
    let _ = probe.bump_if(|t| t.bytes().all(|b| b.is_ascii_digit()));
    if !probe.eat("for") {
        return None;
    }
    let _ = probe.eat("microsoft");
    if !probe.eat("windows") {
        return None;
    }
    let named = windows_release(&mut probe)?;
    matches!(named, Named::Release(_)).then(|| {
        *c = probe;
        named
    })
}

/// Which way a release list extends: "X and later", "X and earlier".
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Extent {
    Exact,
    Later,
    Earlier,
}

/// Parses "and later [versions of Windows]", "or a later version of
/// Windows", "and higher", "and earlier".
fn extent(c: &mut Cursor) -> Extent {
    let mut probe = *c;
    let _ = probe.eat(",");
    if probe.eat_any(&["and", "or"]).is_none() {
        return Extent::Exact;
    }
    let _ = probe.eat("a");
    let extent = match probe.bump() {
        Some("later" | "higher" | "newer") => Extent::Later,
        Some("earlier") => Extent::Earlier,
        _ => return Extent::Exact,
    };
    while probe.peek().is_some_and(|t| EXTENT_TAIL.contains(&t)) {
        // "and later versions of KMDF": a framework name is fine after "of".
        probe.bump();
    }
    *c = probe;
    extent
}

/// One release a list names, with the way it extends and whether it needs an update.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Mention {
    /// The release; `None` for one docbind does not model (Windows 98/Me, Windows 10 Mobile):
    /// a statement about it says nothing about the platforms docbind models.
    pub(super) release: Option<Release>,
    /// "X and later", "X and earlier", or X alone.
    pub(super) extent: Extent,
    /// The release with an update ("Platform Update for Windows 7", "Windows 8.1 Update").
    pub(super) update: bool,
}

impl Mention {
    /// The entry of a mention that states where something starts ("X and later", and, when
    /// `exact` is allowed, X alone): `Some(None)` for a release docbind does not model, `None`
    /// when the mention states something else ("X and earlier").
    pub(super) fn introduced(self, exact: bool) -> Option<Option<Entry>> {
        if self.extent == Extent::Earlier || (self.extent == Extent::Exact && !exact) {
            return None;
        }
        Some(self.release.map(|r| {
            if self.update {
                Entry::IntroducedWithUpdate(r)
            } else {
                Entry::Introduced(r)
            }
        }))
    }
}

/// One release mention, possibly with a parenthesized companion: "Windows 11
/// (WDDM 3.0)", "version 1.11 and later versions of KMDF". Each release with whether it needs
/// an update; `None` for a release docbind does not model.
/// The last value says whether the extent came after a comma (", and later versions of
/// Windows"), which makes it the extent of the whole list.
#[allow(clippy::type_complexity)]
fn release_item(c: &mut Cursor) -> Option<(Vec<(Option<Release>, bool)>, Extent, bool)> {
    let known = |named: Named| match named {
        Named::Release(r) => Some(r),
        Named::Unmodeled => None,
    };
    let mut probe = *c;
    let _ = probe.eat("the");
    let _ = probe.eat("microsoft");
    let mut releases = Vec::new();
    let mut ext = Extent::Exact;
    if let Some(named) = update_prefix(&mut probe) {
        releases.push((known(named), true));
    } else if let Some(fw) = framework_name(&mut probe) {
        let _ = probe.eat_any(&["versions", "version"]);
        // "bits" is also a word ("available in bits 12..15"): BITS is named with a dotted
        // version ("BITS 1.2").
        if fw == Framework::Bits && !probe.peek().is_some_and(|t| t.contains('.')) {
            return None;
        }
        let v = framework_version(&mut probe)?;
        // "the Direct3D 11.1 runtime".
        let _ = probe.eat("runtime");
        releases.push((Some(Release::Framework(fw, v)), false));
    } else if probe.eat("windows") {
        let named = windows_release(&mut probe)?;
        let updated = update_suffix(&mut probe, named);
        releases.push((known(updated.unwrap_or(named)), updated.is_some()));
        let _ = probe.eat("operating system");
        // "Windows 10, version 2004 (10.0; Build 19041)": the build must be the release's.
        let mut paren = probe;
        if let Named::Release(release @ (Release::Windows(_) | Release::WindowsServer(_))) = named {
            let build = release.version_pair().0.to_string();
            if paren.eat("(")
                && paren.eat("10.0 ; build")
                && paren.bump() == Some(build.as_str())
                && paren.eat(")")
            {
                probe = paren;
            }
        }
    } else if probe.eat("version") {
        // "version 1.11 and later versions of KMDF", "version 1.19 of KMDF"
        let v = framework_version(&mut probe)?;
        ext = extent(&mut probe);
        if ext == Extent::Exact && !probe.eat("of") {
            return None;
        }
        let fw = framework_name(&mut probe)?;
        releases.push((Some(Release::Framework(fw, v)), false));
    } else {
        return None;
    }
    let mut paren = probe;
    if paren.eat("(") {
        if let Some((more, Extent::Exact, _)) = release_item(&mut paren) {
            if paren.eat(")") {
                releases.extend(more);
                probe = paren;
            }
        }
    }
    let mut comma = false;
    if ext == Extent::Exact {
        comma = probe.peek() == Some(",");
        ext = extent(&mut probe);
    }
    *c = probe;
    Some((releases, ext, comma && ext != Extent::Exact))
}

/// Whether a release mention starts at the cursor.
pub(super) fn starts_release(c: &Cursor) -> bool {
    release_item(&mut c.clone()).is_some()
}

/// A list of release mentions: "Windows Server 2008, Windows Vista SP1, and
/// later versions of Windows", "Windows Vista/Windows Server 2008 or later".
/// A trailing extent applies to the items before it that have none; after a comma (", and
/// later versions of the operating system") to every item.
pub(super) fn release_list(c: &mut Cursor) -> Option<Vec<Mention>> {
    let (releases, ext, mut comma) = release_item(c)?;
    // (releases, extent, joined to the next item by "and")
    let mut items = vec![(releases, ext, false)];
    let mut whole = None;
    loop {
        let mut probe = *c;
        let sep = probe.eat(",");
        let and = probe.eat("and");
        let or = !and && probe.eat("or");
        if !sep && !and && !or && !probe.eat("/") && !probe.eat(";") {
            break;
        }
        match release_item(&mut probe) {
            Some((releases, ext, after_comma)) => {
                if let Some(last) = items.last_mut() {
                    last.2 = and;
                }
                items.push((releases, ext, false));
                comma = after_comma;
                *c = probe;
            }
            None => {
                // ", and later versions of Windows" after the last item.
                let mut tail = *c;
                let comma_here = tail.peek() == Some(",");
                let ext = extent(&mut tail);
                if ext == Extent::Exact {
                    break;
                }
                if let Some(last) = items.last_mut() {
                    last.1 = ext;
                }
                comma = comma_here;
                *c = tail;
                break;
            }
        }
    }
    // ", and later versions of Windows" closing the list extends every item.
    if let Some(&(_, ext, _)) = items.last() {
        if comma
            && items.len() > 1
            && items
                .iter()
                .all(|(_, e, _)| *e == Extent::Exact || *e == ext)
        {
            whole = Some(ext);
        }
    }
    // Spread extents backwards over items without one, but not across "and"
    // ("NDIS 5.1, and NDIS 6.0 and later" keeps 5.1 exact).
    let mut carry = Extent::Exact;
    let mut out = Vec::new();
    for (releases, ext, and) in items.into_iter().rev() {
        if and {
            carry = Extent::Exact;
        }
        if ext != Extent::Exact {
            carry = ext;
        }
        let ext = whole.unwrap_or(if ext == Extent::Exact { carry } else { ext });
        out.extend(releases.into_iter().rev().map(|(release, update)| Mention {
            release,
            extent: ext,
            update,
        }));
    }
    out.reverse();
    Some(out)
}

/// A bare platform without version: "KMDF", "UMDF".
pub(super) fn bare_platform(c: &mut Cursor) -> Option<Platform> {
    let mut probe = *c;
    let fw = framework_name(&mut probe)?;
    // "bits" alone is the word more often than the service.
    if fw == Framework::Bits
        || framework_version(&mut probe.clone()).is_some()
        || matches!(probe.peek(), Some("version" | "versions"))
    {
        return None;
    }
    *c = probe;
    Some(Platform::Framework(fw))
}
