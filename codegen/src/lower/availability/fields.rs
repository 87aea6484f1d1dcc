//! Front-matter values (`req.target-min-winverclnt: Windows 10, version 1809`,
//! `req.kmdf-ver: 1.11`, `req.umdf-ver: N/A`): a bare version for the framework keys, "None
//! supported", or segments that are each a release list or a sentence of the grammar.

use super::FrontMatterKey;
use super::grammar::{dedup, introduced, scoped_tokens, sentence_parts, trim_end};
use super::lexicon::Cursor;
use super::releases::{framework_version, release_list};
use crate::model::availability::{Entry, Framework, Platform, Release};

/// Front-matter values end with "[desktop apps only]" or "[desktop apps |
/// UWP apps]" in the SDK docs.
pub(super) fn strip_app_kinds<'a, 't>(toks: &'a [&'t str]) -> &'a [&'t str] {
    match toks.iter().position(|&t| t == "desktop") {
        Some(i)
            if toks[i..]
                .iter()
                .all(|t| matches!(*t, "desktop" | "apps" | "only" | "|" | "uwp")) =>
        {
            &toks[..i]
        }
        _ => toks,
    }
}

pub(super) fn front_matter_tokens(key: FrontMatterKey, toks: &[&str]) -> Option<Vec<Entry>> {
    let toks = trim_end(toks);
    let fw = match key {
        FrontMatterKey::Kmdf => Some(Framework::Kmdf),
        FrontMatterKey::Umdf => Some(Framework::Umdf),
        FrontMatterKey::Client | FrontMatterKey::Server => None,
    };
    let mut c = Cursor::new(toks);
    if let Some(fw) = fw {
        if let Some(v) = framework_version(&mut c) {
            return c
                .done()
                .then(|| vec![Entry::Introduced(Release::Framework(fw, v))]);
        }
        if c.eat("n / a") && c.done() {
            return Some(vec![Entry::NotAvailable(Platform::Framework(fw))]);
        }
    }
    front_matter_segment(key, toks).filter(|entries| !entries.is_empty())
}

/// The platform a key is about.
fn key_platform(key: FrontMatterKey) -> Platform {
    match key {
        FrontMatterKey::Server => Platform::WindowsServer,
        FrontMatterKey::Client => Platform::Windows,
        FrontMatterKey::Kmdf => Platform::Framework(Framework::Kmdf),
        FrontMatterKey::Umdf => Platform::Framework(Framework::Umdf),
    }
}

/// A value is one or more segments separated by "." or ",": each "None supported", a bare
/// release list ("Windows 8.1,WDDM 1.3"), a sentence ("Windows 7,Available in Windows 7.",
/// "Windows Server 2022. Supported in NDIS 6.82 and later."), or one of the front matter's own
/// phrasings ("Requires WDK for Windows 8. Targets Windows Vista and later versions of the
/// Windows operating system.", "This routine is Windows 7"). A segment may state nothing
/// about a platform docbind models ("Requires WDK for Windows 8."): its entries are empty.
fn front_matter_segment(key: FrontMatterKey, toks: &[&str]) -> Option<Vec<Entry>> {
    let toks = trim_end(toks);
    if toks.is_empty() {
        return None;
    }
    let mut c = Cursor::new(toks);
    if c.eat("none supported") && c.done() {
        return Some(vec![Entry::NotAvailable(key_platform(key))]);
    }
    let mut c = Cursor::new(toks);
    if let Some(items) = release_list(&mut c) {
        if c.done() {
            if let Some(entries) = introduced(&items, true) {
                return Some(entries);
            }
        }
    }
    if let Some(entries) = kit_or_target(key, toks) {
        return Some(entries);
    }
    if let Some(entries) = sentence_parts(toks) {
        return Some(entries);
    }
    // "Supported for NetDMA 1.0 drivers in Windows Vista.": the key gives the version the item
    // needs at least; a use named on the way does not change where it starts.
    if let Some((entries, _)) = scoped_tokens(toks) {
        if entries.iter().all(|e| matches!(e, Entry::Introduced(_))) {
            return Some(entries);
        }
    }
    // Split after a sentence, or after a bare release list ("Windows
    // 7,Available in Windows 7."), or after "None supported".
    toks.iter()
        .enumerate()
        .filter(|&(i, t)| {
            *t == "."
                || ((*t == "," || *t == ";") && {
                    let head = toks.get(..i).unwrap_or_default();
                    let mut c = Cursor::new(head);
                    head == ["none", "supported"] || (release_list(&mut c).is_some() && c.done())
                })
        })
        .find_map(|(i, _)| {
            let mut head = front_matter_segment(key, toks.get(..i)?)?;
            head.extend(front_matter_segment(key, toks.get(i + 1..)?)?);
            Some(dedup(head))
        })
}

/// The front matter's own phrasings of the Windows keys: "Requires WDK for Windows 8" (the kit
/// that builds it: nothing about where it runs), "Targets Windows Vista and later versions of
/// the Windows operating system", and a subject before the release ("This routine is Windows
/// 7", "The FsRtlMupGetProviderIdFromName function is Windows Vista").
fn kit_or_target(key: FrontMatterKey, toks: &[&str]) -> Option<Vec<Entry>> {
    if !matches!(key, FrontMatterKey::Client | FrontMatterKey::Server) {
        return None;
    }
    let mut c = Cursor::new(toks);
    if c.eat_any(&["requires wdk for", "requires ddk for"])
        .is_some()
    {
        release_list(&mut c)?;
        return c.done().then(Vec::new);
    }
    let mut c = Cursor::new(toks);
    if c.eat("targets") {
        let items = release_list(&mut c)?;
        return if c.done() {
            introduced(&items, false)
        } else {
            None
        };
    }
    let mut c = Cursor::new(toks);
    let subject = match c.bump()? {
        "this" => c.bump_if(|t| matches!(t, "routine" | "function" | "structure" | "macro")),
        "the" => c.bump().and_then(|_| {
            c.bump_if(|t| matches!(t, "routine" | "function" | "structure" | "macro"))
        }),
        _ => None,
    };
    subject?;
    if !c.eat("is") {
        return None;
    }
    let items = release_list(&mut c)?;
    if c.done() {
        introduced(&items, true)
    } else {
        None
    }
}
