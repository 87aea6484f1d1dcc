//! Link destinations: resolving page-relative and root-relative links, turning links to
//! generated pages into intra-doc links, and refusing every scheme that could run code.

use super::LinkContext;

/// Where a link goes once resolved.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// An absolute URL, safe to write as a Markdown link destination.
    Url(String),
    /// A Rust path for an intra-doc link.
    Item(String),
}

/// Schemes a link may keep; any other scheme (`javascript:`, `data:`, `file:`) drops the link.
const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "ftp"];

/// Resolves a destination as written in the page; `None` when the link should be dropped
/// (empty, or a scheme that is not plainly a web or mail address).
pub(super) fn resolve(href: &str, ctx: &LinkContext<'_>) -> Option<Target> {
    let href: String = href
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    if href.is_empty() {
        return None;
    }
    if let Some(scheme) = scheme(&href) {
        if !SAFE_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) {
            return None;
        }
        let href = if scheme.len() >= 4 && scheme[..4].eq_ignore_ascii_case("http") {
            href.replace('\\', "/")
        } else {
            href
        };
        return Some(absolute(&href, ctx));
    }
    let href = href.replace('\\', "/");
    if let Some(rest) = href.strip_prefix("//") {
        return Some(absolute(&format!("https://{rest}"), ctx));
    }
    if href.starts_with('/') {
        let base = ctx.base_url.trim_end_matches('/');
        return Some(absolute(&format!("{base}{href}"), ctx));
    }
    Some(relative(&href, ctx))
}

/// The scheme of an absolute URL (`https` in `https://...`), if it has one.
fn scheme(href: &str) -> Option<&str> {
    let colon = href.find(':')?;
    let scheme = &href[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// An absolute URL: an intra-doc link when it names a page of the docs tree that the caller
/// generated an item from, else the URL itself.
fn absolute(url: &str, ctx: &LinkContext<'_>) -> Target {
    let url = strip_locale(url, ctx.base_url);
    let docs = ctx.docs_url.trim_end_matches('/');
    let in_docs = url
        .get(..docs.len() + 1)
        .filter(|head| head.ends_with('/'))
        .filter(|head| !docs.is_empty() && head[..docs.len()].eq_ignore_ascii_case(docs));
    if in_docs.is_some() {
        let rest = &url[docs.len() + 1..];
        let (path, _) = split_suffix(rest);
        if !path.is_empty() && !path.ends_with('/') {
            let page = format!("{}.md", path.trim_end_matches(".md"));
            if let Some(item) = (ctx.resolve_page)(&page) {
                return Target::Item(item);
            }
        }
    }
    Target::Url(encode(&url))
}

/// Drops an `en-us` style locale segment right after the base URL, so that localized links
/// into the docs tree are recognized.
fn strip_locale(url: &str, base: &str) -> String {
    let base = base.trim_end_matches('/');
    let Some(rest) = url
        .get(..base.len())
        .filter(|head| !base.is_empty() && head.eq_ignore_ascii_case(base))
        .and_then(|_| url[base.len()..].strip_prefix('/'))
    else {
        return url.to_owned();
    };
    let segment = rest.split('/').next().unwrap_or_default();
    let is_locale = segment.len() == 5
        && segment.as_bytes().get(2) == Some(&b'-')
        && segment.chars().filter(char::is_ascii_alphabetic).count() == 4;
    if is_locale {
        format!("{base}{}", &rest[segment.len()..])
    } else {
        url.to_owned()
    }
}

/// A page-relative link (`..\windot11\ns-windot11-foo.md`, `images/x.png`, `#remarks`).
fn relative(href: &str, ctx: &LinkContext<'_>) -> Target {
    let (path, suffix) = split_suffix(href);
    let docs = ctx.docs_url.trim_end_matches('/');
    let page_dir = ctx.page_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    if path.is_empty() {
        let page = ctx.page_path.trim_end_matches(".md");
        return Target::Url(encode(&format!("{docs}/{page}{suffix}")));
    }
    let resolved = join(page_dir, path);
    let is_page = resolved
        .get(resolved.len().saturating_sub(3)..)
        .is_some_and(|ext| resolved.len() > 3 && ext.eq_ignore_ascii_case(".md"));
    if !is_page {
        return Target::Url(encode(&format!("{docs}/{resolved}{suffix}")));
    }
    if let Some(item) = (ctx.resolve_page)(&resolved) {
        return Target::Item(item);
    }
    let stem = &resolved[..resolved.len() - 3];
    let stem = match stem.strip_suffix("index") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => dir,
        _ => stem,
    };
    Target::Url(encode(&format!("{docs}/{stem}{suffix}")))
}

/// Splits `path?query#fragment` into the path and the rest.
fn split_suffix(href: &str) -> (&str, &str) {
    let at = href.find(['?', '#']).unwrap_or(href.len());
    href.split_at(at)
}

/// Joins a relative path onto a directory, resolving `.` and `..` (never above the root).
fn join(dir: &str, path: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// Makes a URL safe as a Markdown link destination: percent-encodes spaces, quotes, angle
/// brackets, backslashes and control characters, and parentheses unless they are balanced.
pub(super) fn encode(url: &str) -> String {
    let balanced = parens_balanced(url);
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            '|' => out.push_str("%7C"),
            '(' if !balanced => out.push_str("%28"),
            ')' if !balanced => out.push_str("%29"),
            c if c.is_control() => {}
            c if super::is_bidi_control(c) => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn parens_balanced(url: &str) -> bool {
    let mut depth: i64 = 0;
    for c in url.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}
