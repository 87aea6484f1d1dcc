//! Front-matter values (`req.target-min-winverclnt: Windows 10, version 1809`,
//! `req.kmdf-ver: 1.11`, `req.umdf-ver: N/A`): a bare version for the framework keys, "None
//! supported", or segments that are each a release list or a sentence of the grammar.

use super::FrontMatterKey;
use super::grammar::{dedup, sentence_tokens, trim_end};
use super::lexicon::Cursor;
use super::releases::{Extent, framework_version, release_list};
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
    if c.eat("none supported") && c.done() {
        return Some(vec![Entry::NotAvailable(match key {
            FrontMatterKey::Server => Platform::WindowsServer,
            FrontMatterKey::Client => Platform::Windows,
            FrontMatterKey::Kmdf => Platform::Framework(Framework::Kmdf),
            FrontMatterKey::Umdf => Platform::Framework(Framework::Umdf),
        })]);
    }
    front_matter_segment(toks)
}

/// A value is one or more segments separated by "." or ",": each a bare
/// release list ("Windows 8.1,WDDM 1.3") or a sentence ("Windows 7,Available
/// in Windows 7.", "Windows Server 2022. Supported in NDIS 6.82 and later.").
fn front_matter_segment(toks: &[&str]) -> Option<Vec<Entry>> {
    if toks.is_empty() {
        return None;
    }
    let mut c = Cursor::new(toks);
    if let Some(items) = release_list(&mut c) {
        if c.done() && items.iter().all(|&(_, ext)| ext != Extent::Earlier) {
            return Some(items.iter().map(|&(r, _)| Entry::Introduced(r)).collect());
        }
    }
    if let Some(entries) = sentence_tokens(toks) {
        return Some(entries);
    }
    // Split after a sentence, or after a bare release list ("Windows
    // 7,Available in Windows 7.").
    toks.iter()
        .enumerate()
        .filter(|&(i, t)| {
            *t == "."
                || (*t == "," && {
                    let mut head = Cursor::new(toks.get(..i).unwrap_or_default());
                    release_list(&mut head).is_some() && head.done()
                })
        })
        .find_map(|(i, _)| {
            let mut head = front_matter_segment(toks.get(..i)?)?;
            head.extend(front_matter_segment(toks.get(i + 1..)?)?);
            Some(dedup(head))
        })
}
