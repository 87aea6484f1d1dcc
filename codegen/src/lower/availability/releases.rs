//! Release mentions: "Windows 10, version 1809", "Windows Server 2008 R2 SP1", "KMDF 1.11",
//! "version 1.19 of KMDF", and lists of them with their extent ("Windows Server 2008, Windows
//! Vista SP1, and later versions of Windows"). [`release_item`], [`release_list`] and
//! [`bare_platform`] move the cursor only when they return a mention, so that the grammar can
//! try them where a release may stand. The release names and builds are the model's tables
//! ([`crate::model::availability`]).

use super::lexicon::{Cursor, EXTENT_TAIL, FRAMEWORK_NAMES};
use crate::model::availability::{
    ClientVersion, Framework, FrameworkVersion, Platform, Release, ServerRelease, ServerVersion,
    WIN10_BASE, WIN10_MARKETING, WIN10_UPDATES, WIN11_BASE, WIN11_UPDATES,
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

/// Parses a Windows release after the word "windows".
fn windows_release(c: &mut Cursor) -> Option<Release> {
    if c.eat("server") {
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
        return Some(Release::WindowsServer(ServerVersion {
            release,
            service_pack,
        }));
    }
    if c.eat("2000 server") {
        let service_pack = service_pack(c);
        return Some(Release::WindowsServer(ServerVersion {
            release: ServerRelease::Windows2000,
            service_pack,
        }));
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
    // "Windows 10 Mobile" and the like are not Windows client releases.
    if matches!(c.peek(), Some("mobile" | "iot" | "s" | "x")) {
        return None;
    }
    let service_pack = service_pack(c);
    Some(Release::Windows(ClientVersion {
        build,
        service_pack,
    }))
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

/// One release mention, possibly with a parenthesized companion: "Windows 11
/// (WDDM 3.0)", "version 1.11 and later versions of KMDF".
pub(super) fn release_item(c: &mut Cursor) -> Option<(Vec<Release>, Extent)> {
    let mut probe = *c;
    let _ = probe.eat("the");
    let _ = probe.eat("microsoft");
    let mut releases = Vec::new();
    let mut ext = Extent::Exact;
    if let Some(fw) = framework_name(&mut probe) {
        let _ = probe.eat_any(&["versions", "version"]);
        let v = framework_version(&mut probe)?;
        releases.push(Release::Framework(fw, v));
    } else if probe.eat("windows") {
        releases.push(windows_release(&mut probe)?);
        let _ = probe.eat("operating system");
    } else if probe.eat("version") {
        // "version 1.11 and later versions of KMDF", "version 1.19 of KMDF"
        let v = framework_version(&mut probe)?;
        ext = extent(&mut probe);
        if ext == Extent::Exact && !probe.eat("of") {
            return None;
        }
        let fw = framework_name(&mut probe)?;
        releases.push(Release::Framework(fw, v));
    } else {
        return None;
    }
    let mut paren = probe;
    if paren.eat("(") {
        if let Some((more, Extent::Exact)) = release_item(&mut paren) {
            if paren.eat(")") {
                releases.extend(more);
                probe = paren;
            }
        }
    }
    if ext == Extent::Exact {
        ext = extent(&mut probe);
    }
    *c = probe;
    Some((releases, ext))
}

/// A list of release mentions: "Windows Server 2008, Windows Vista SP1, and
/// later versions of Windows", "Windows Vista/Windows Server 2008 or later".
/// A trailing extent applies to the items before it that have none.
pub(super) fn release_list(c: &mut Cursor) -> Option<Vec<(Release, Extent)>> {
    let (releases, ext) = release_item(c)?;
    // (releases, extent, joined to the next item by "and")
    let mut items = vec![(releases, ext, false)];
    loop {
        let mut probe = *c;
        let sep = probe.eat(",");
        let and = probe.eat("and");
        let or = !and && probe.eat("or");
        if !sep && !and && !or && !probe.eat("/") && !probe.eat(";") {
            break;
        }
        match release_item(&mut probe) {
            Some((releases, ext)) => {
                if let Some(last) = items.last_mut() {
                    last.2 = and;
                }
                items.push((releases, ext, false));
                *c = probe;
            }
            None => {
                // ", and later versions of Windows" after the last item.
                let mut tail = *c;
                let _ = tail.eat(",");
                let ext = extent(&mut tail);
                if ext == Extent::Exact {
                    break;
                }
                if let Some(last) = items.last_mut() {
                    last.1 = ext;
                }
                *c = tail;
                break;
            }
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
        let ext = if ext == Extent::Exact { carry } else { ext };
        out.extend(releases.into_iter().rev().map(|r| (r, ext)));
    }
    out.reverse();
    Some(out)
}

/// A bare platform without version: "KMDF", "UMDF".
pub(super) fn bare_platform(c: &mut Cursor) -> Option<Platform> {
    let mut probe = *c;
    let fw = framework_name(&mut probe)?;
    if framework_version(&mut probe.clone()).is_some()
        || matches!(probe.peek(), Some("version" | "versions"))
    {
        return None;
    }
    *c = probe;
    Some(Platform::Framework(fw))
}
