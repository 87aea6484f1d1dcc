//! Stage 4: front matter and sections of one page → the enum model.

pub mod availability;
mod body_c;
pub mod overrides;
pub mod shape;

use crate::c;
use crate::c::written::{self, Written};
use crate::config::{Config, NameStyle};
use crate::diagnostic::Code;
use crate::doc_text;
use crate::model::{AvailabilityNote, Enum, Repr, ValueSource, Variant};
use crate::naming;
use crate::page::front_matter::{FrontMatter, PageError};
use crate::page::sections::{Block, FieldSection, Sections};
use availability::FrontMatterKey;
use std::collections::BTreeMap;

/// The C and Rust names of a page's type, known from its front matter alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeNames {
    /// C type name (`BG_JOB_TYPE`).
    pub c_name: String,
    /// Rust type name (`BgJobType`).
    pub rust_name: String,
    /// Other C names (tag from the UID, title, other typedef names).
    pub aliases: Vec<String>,
    /// Rust module name.
    pub module: String,
    /// C header the module stands for.
    pub header: String,
}

/// Names the page's type: `req.typenames` (first non-pointer name), else the UID's name.
pub fn type_names(front: &FrontMatter, config: &Config) -> Result<TypeNames, PageError> {
    let uid = front.uid.as_deref().unwrap_or_default();
    let (uid_header, uid_name) = uid
        .split_once(':')
        .map_or("", |(_, rest)| rest)
        .split_once('.')
        .unwrap_or(("", ""));
    // `NE:wlanapi._WLAN_INTERFACE_STATE~r1`: the `~r1` marks a revision of the page.
    let uid_name = uid_name.split('~').next().unwrap_or_default().trim();
    let typenames: Vec<&str> = front
        .typenames
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty() && !n.contains('*'))
        .collect();
    let c_name = typenames.first().copied().unwrap_or(uid_name);
    if !naming::is_c_identifier(c_name) {
        let what = if c_name.is_empty() {
            "no type name".to_string()
        } else {
            format!("a type name that is not a C identifier (`{c_name}`)")
        };
        return Err(PageError::new(
            Code::TypeName,
            front.line_of("req.typenames"),
            format!("the page gives {what}"),
        )
        .help("set `req.typenames` to the C type name, e.g. `req.typenames: BG_JOB_TYPE`"));
    }
    let rust_name = match config.names {
        NameStyle::Idiomatic => naming::upper_camel(c_name),
        NameStyle::C => c_name.to_string(),
    };
    let rust_name = if rust_name.is_empty() || rust_name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("E{rust_name}")
    } else if naming::is_keyword(&rust_name) || SHADOWED.contains(&rust_name.as_str()) {
        format!("{rust_name}_")
    } else {
        rust_name
    };
    if !crate::naming::is_rust_ident(&rust_name) {
        return Err(PageError::new(
            Code::TypeName,
            front.line_of("req.typenames"),
            format!("the type name `{c_name}` makes no valid Rust name (`{rust_name}`)"),
        )
        .help("set `req.typenames` to the C type name, e.g. `req.typenames: BG_JOB_TYPE`"));
    }
    let mut aliases = Vec::new();
    for alias in typenames.iter().skip(1).copied().chain([uid_name]) {
        if naming::is_c_identifier(alias)
            && alias != c_name
            && alias != rust_name
            && !aliases.iter().any(|a| a == alias)
        {
            aliases.push(alias.to_string());
        }
    }
    let header = front
        .header
        .clone()
        .unwrap_or_else(|| format!("{uid_header}.h"));
    Ok(TypeNames {
        c_name: c_name.to_string(),
        rust_name,
        aliases,
        module: config
            .modules
            .get(&header.to_ascii_lowercase())
            .cloned()
            .unwrap_or_else(|| naming::module_name(&header)),
        header,
    })
}

/// Names the generated module uses unqualified (`Option<Self>`, `impl TryFrom<i32>`,
/// `#[repr(u32)]`, `&'static str`): an enum of that name would shadow them, so it gets a
/// trailing `_`.
const SHADOWED: &[&str] = &[
    "Option", "Result", "From", "TryFrom", "i32", "u32", "i64", "u64", "str", "bool",
];

/// What lowering one page produced.
#[derive(Debug)]
pub struct Lowered {
    /// The enum.
    pub item: Enum,
    /// Things ignored or guessed.
    pub warnings: Vec<PageError>,
    /// Whether a written value named an enumerator that is not known (yet).
    pub unresolved: bool,
}

/// Everything [`lower`] needs to know about one page.
pub struct Page<'a> {
    /// Path relative to the docs root.
    pub rel_path: &'a str,
    /// Parsed front matter.
    pub front: &'a FrontMatter,
    /// Parsed sections.
    pub sections: &'a Sections,
    /// The names from [`type_names`].
    pub names: &'a TypeNames,
}

/// Builds the enum of one page. Errors are every reason the page cannot become an enum.
/// `globals`: enumerators of other pages that written values may refer to.
pub fn lower(
    page: &Page<'_>,
    config: &Config,
    resolve_page: &dyn Fn(&str) -> Option<String>,
    globals: &c::Defines,
) -> Result<Lowered, Vec<PageError>> {
    let docs_url = config.docs_url();
    let ctx = doc_text::LinkContext {
        page_path: page.rel_path,
        base_url: &config.base_url,
        docs_url: &docs_url,
        resolve_page,
    };
    let mut warnings = Vec::new();
    let mut errors = Vec::new();

    let fields = checked_fields(page.sections, &mut errors, &mut warnings);
    if fields.is_empty() && errors.is_empty() {
        let line = if page.sections.fields_line > 0 {
            page.sections.fields_line
        } else {
            1
        };
        errors.push(
            PageError::new(Code::NoFields, line, "the page documents no enumerators")
                .help("list each value under `## -enum-fields` as `### -field NAME`"),
        );
    }
    let syntax = page.sections.syntax.as_ref().map(|b| b.text.as_str());
    let mut declared = syntax.map(written::syntax_values).unwrap_or_default();
    // Lines of the body that state one enumerator in C fill what the declaration leaves out.
    for (name, value) in body_c::declared(page.sections, &fields) {
        declared.entry(name).or_insert(value);
    }
    let (values, unresolved) = values_of(&fields, &declared, globals, &mut warnings, &mut errors);
    let repr = Repr::for_values(values.iter().map(|(v, _)| *v));
    if repr.is_none() {
        let range = range_errors(&fields, &values);
        if range.is_empty() && errors.is_empty() {
            errors.push(PageError::new(
                Code::ValueRange,
                fields.first().map_or(1, |f| f.line),
                "the values do not fit in one 64-bit integer type",
            ));
        }
        errors.extend(range);
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }

    let c_names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let rust_names = match config.names {
        NameStyle::Idiomatic => naming::variant_names(&page.names.c_name, &c_names),
        NameStyle::C => c_names
            .iter()
            .map(|n| {
                if naming::is_keyword(n) {
                    format!("{n}_")
                } else {
                    n.to_string()
                }
            })
            .collect(),
    };
    // Names the generated impl uses for its own items.
    let rust_names: Vec<String> = rust_names
        .into_iter()
        .map(|n| {
            if naming::RESERVED.contains(&n.as_str()) {
                format!("{n}_")
            } else {
                n
            }
        })
        .collect();
    // Keyword and reserved-name suffixes can make two names one (`type` → `type_`, next to a
    // C name `type_`): that would be two variants of one name.
    let mut taken: BTreeMap<&str, &FieldSection> = BTreeMap::new();
    for (field, name) in fields.iter().zip(&rust_names) {
        if !crate::naming::is_rust_ident(name) {
            // `_`, say, which is a C identifier but no Rust one.
            let mut err = PageError::new(
                Code::RustName,
                field.line,
                format!("`{}` makes no valid Rust name (`{name}`)", field.name),
            )
            .help("write the enumerator's C name: `### -field NAME`");
            err.column = field.column;
            errors.push(err);
        } else if let Some(first) = taken.insert(name, field) {
            let mut err = PageError::new(
                Code::RustName,
                field.line,
                format!(
                    "`{}` and `{}` (line {}) both become the Rust name `{name}`",
                    field.name, first.name, first.line
                ),
            )
            .help("rename one of the fields, or generate with idiomatic names");
            err.column = field.column;
            errors.push(err);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let variants = fields
        .iter()
        .zip(rust_names)
        .zip(values)
        .map(|((field, name), (value, value_source))| Variant {
            docs: doc_text::to_rustdoc(&field.body.text, &ctx),
            availability: block_notes(&field.body),
            name,
            c_name: field.name.clone(),
            value,
            value_source,
            line: field.line,
            alias_of: None,
        })
        .collect();

    let description = match page
        .sections
        .description
        .as_ref()
        .map(|b| doc_text::to_rustdoc(&b.text, &ctx))
    {
        Some(d) if !d.trim().is_empty() => d,
        // The one-line summary of the front matter is page text like any other.
        _ => page
            .front
            .description
            .as_deref()
            .map(|d| doc_text::to_rustdoc(d, &ctx))
            .unwrap_or_default(),
    };
    let remarks = page
        .sections
        .remarks
        .as_ref()
        .map(|b| doc_text::to_rustdoc(&b.text, &ctx))
        .unwrap_or_default();
    let see_also = page
        .sections
        .see_also
        .as_ref()
        .map(|b| see_also_items(&doc_text::to_rustdoc(&b.text, &ctx)))
        .unwrap_or_default();
    let mut availability = front_matter_notes(page.front);
    for block in [&page.sections.description, &page.sections.remarks]
        .into_iter()
        .flatten()
    {
        availability.extend(block_notes(block));
    }
    let url = config.docs_path.as_ref().map(|_| {
        doc_text::encode_url(&format!(
            "{docs_url}/{}",
            page.rel_path.trim_end_matches(".md")
        ))
    });

    let mut item = Enum {
        name: page.names.rust_name.clone(),
        c_name: page.names.c_name.clone(),
        aliases: page.names.aliases.clone(),
        uid: page.front.uid.clone().unwrap_or_default(),
        source: page.rel_path.to_string(),
        module: page.names.module.clone(),
        repr: repr.unwrap_or(Repr::I32),
        description,
        remarks,
        see_also,
        url,
        availability,
        header_file: None,
        winmd_type: None,
        winmd_file: None,
        variants,
        // Resolved once the configuration's overrides are applied (`shape::resolve_styles`).
        looks_like_flags: false,
        style: Default::default(),
        non_exhaustive: false,
    };
    item.settle_values();
    Ok(Lowered {
        item,
        warnings,
        unresolved,
    })
}

/// Fields with valid, unique C names.
fn checked_fields<'s>(
    sections: &'s Sections,
    errors: &mut Vec<PageError>,
    warnings: &mut Vec<PageError>,
) -> Vec<&'s FieldSection> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut fields = Vec::new();
    for field in &sections.fields {
        if !naming::is_c_identifier(&field.name) {
            let what = if field.name.is_empty() {
                "a field with no name".to_string()
            } else {
                format!("the field name `{}` is not a C identifier", field.name)
            };
            let mut err = PageError::new(Code::FieldName, field.line, what).help(
                "write the enumerator's C name: `### -field NAME` or `### -field NAME:VALUE`",
            );
            err.column = field.column;
            errors.push(err);
            continue;
        }
        if let Some(first) = seen.get(field.name.as_str()) {
            let mut w = PageError::new(
                Code::DuplicateField,
                field.line,
                format!(
                    "`{}` is documented twice (first at line {first}); this one is ignored",
                    field.name
                ),
            );
            w.column = field.column;
            warnings.push(w);
            continue;
        }
        seen.insert(&field.name, field.line);
        fields.push(field);
    }
    fields
}

/// How far the value of one field has been worked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Progress {
    Todo,
    /// On the walk's stack: reaching it again means a cycle.
    Active,
    Done,
    /// Part of (or depends on) a cycle, reported once.
    Failed,
}

/// The C identifiers in a written value (`0x364 | WdfDevStateNP` → `WdfDevStateNP`); number
/// literals and their suffixes (`0x10UL`) are not names.
pub(crate) fn names_in(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'))
}

/// The value of each field and where it came from: the field heading (a number, another
/// enumerator's name, or a C expression), else the C the page declares (`declared`: the
/// `## -syntax` block, then lines of the body that state one enumerator), else C's rule (the
/// previous value + 1, the first 0).
///
/// A written value may name an enumerator further down the page: fields are worked out in
/// the order their values need, and values that need each other (`A:B`, `B:A`) are an error.
/// `globals` holds enumerators of other pages that expressions may name. The flag is true when
/// a written value named something unknown (another pass with more globals may resolve it).
fn values_of(
    fields: &[&FieldSection],
    declared: &BTreeMap<String, i128>,
    globals: &c::Defines,
    warnings: &mut Vec<PageError>,
    errors: &mut Vec<PageError>,
) -> (Vec<(i128, ValueSource)>, bool) {
    let index: BTreeMap<&str, usize> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.name.as_str(), i))
        .collect();
    // The fields of this page that each written value names.
    let refs: Vec<Vec<usize>> = fields
        .iter()
        .map(|f| {
            f.value
                .as_deref()
                .map(|text| {
                    names_in(text)
                        .filter_map(|w| index.get(w).copied())
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let mut known = globals.clone();
    let mut unresolved = false;
    let mut progress = vec![Progress::Todo; fields.len()];
    let mut out: Vec<(i128, ValueSource)> = vec![(0, ValueSource::Inferred); fields.len()];
    let mut notes: Vec<(usize, PageError)> = Vec::new();

    for root in 0..fields.len() {
        // An explicit stack: a chain of 10,000 references must not overflow the real one.
        let mut stack = vec![root];
        while let Some(&i) = stack.last() {
            if matches!(progress[i], Progress::Done | Progress::Failed) {
                stack.pop();
                continue;
            }
            progress[i] = Progress::Active;
            let field = fields[i];
            let mut wait = refs[i]
                .iter()
                .copied()
                .find(|&d| progress[d] != Progress::Done);
            // What the field's own text says, once the names it uses are known.
            let own = if wait.is_some() {
                None
            } else {
                Some(written_value(field, declared, &known))
            };
            let mut why_inferred = None;
            if let Some(Err(why)) = &own {
                let text = field.value.as_deref().unwrap_or_default();
                let overflow = why.as_deref().is_some_and(|why| {
                    written::literal_too_large(text) || why.contains("overflow")
                });
                if overflow {
                    let mut err = PageError::new(
                        Code::ValueRange,
                        field.line,
                        format!("`{}` = {text} does not fit in 64 bits", field.name),
                    )
                    .help("enumerator values are 64-bit integers: from -2^63 to 2^64 - 1");
                    err.column = field.column;
                    errors.push(err);
                    progress[i] = Progress::Failed;
                    stack.pop();
                    continue;
                }
                why_inferred = Some(why.clone());
                // C's rule needs the previous value.
                if i > 0 && progress[i - 1] != Progress::Done {
                    wait = Some(i - 1);
                }
            }
            if let Some(d) = wait {
                match progress[d] {
                    Progress::Todo => stack.push(d),
                    Progress::Active => {
                        let from = stack.iter().rposition(|&s| s == d).unwrap_or(0);
                        let cycle = &stack[from..];
                        errors.push(cycle_error(fields, cycle));
                        for &member in cycle {
                            progress[member] = Progress::Failed;
                        }
                    }
                    Progress::Failed | Progress::Done => {
                        progress[i] = Progress::Failed;
                        stack.pop();
                    }
                }
                continue;
            }
            let value = match own {
                Some(Ok(v)) => v,
                _ => {
                    let next = match i {
                        0 => 0,
                        _ => out[i - 1].0.saturating_add(1),
                    };
                    if let Some(Some(why)) = why_inferred {
                        unresolved |= why.contains("unknown identifier");
                        let mut warning = PageError::new(
                            Code::ValueInferred,
                            field.line,
                            format!("{why}; the value is inferred as {next}"),
                        );
                        warning.column = field.column;
                        notes.push((i, warning));
                    }
                    (next, ValueSource::Inferred)
                }
            };
            known.add_value(&field.name, value.0);
            out[i] = value;
            progress[i] = Progress::Done;
            stack.pop();
        }
    }
    notes.sort_by_key(|(i, _)| *i);
    warnings.extend(notes.into_iter().map(|(_, w)| w));
    (out, unresolved)
}

/// The value a field's heading or the page's C declaration gives; `Err(Some(why))` when the
/// heading has a value that cannot be used, `Err(None)` when neither gives one.
fn written_value(
    field: &FieldSection,
    declared: &BTreeMap<String, i128>,
    known: &c::Defines,
) -> Result<(i128, ValueSource), Option<String>> {
    let from_syntax = declared.get(&field.name).map(|&v| (v, ValueSource::Syntax));
    let Some(text) = field.value.as_deref() else {
        // Older SDK pages open the description with the value (`0x00008000. Forces ...`).
        if let Some(v) = written::body_value(&field.body.text) {
            return Ok((v, ValueSource::Body));
        }
        return from_syntax.ok_or(None);
    };
    let value = match written::parse(text) {
        Ok(Written::Int(v)) => Ok(v),
        _ => written::eval_expr(text, known),
    };
    match value {
        Ok(v) => Ok((v, ValueSource::Heading)),
        Err(why) => from_syntax.ok_or(Some(why)),
    }
}

/// The error for fields whose values need each other, `cycle` in the order they were reached.
fn cycle_error(fields: &[&FieldSection], cycle: &[usize]) -> PageError {
    let first = cycle.iter().copied().min().unwrap_or_default();
    let path: Vec<String> = cycle
        .iter()
        .chain(cycle.first())
        .map(|&i| format!("`{}`", fields[i].name))
        .collect();
    let mut err = PageError::new(
        Code::ValueCycle,
        fields[first].line,
        format!("the values are circular: {}", path.join(" → ")),
    )
    .help("`NAME:OTHER` takes the value of OTHER, and a field without a value takes the previous value + 1: give one of them a number");
    err.column = fields[first].column;
    err
}

/// Errors for values no 64-bit integer type holds, each at its field.
fn range_errors(fields: &[&FieldSection], values: &[(i128, ValueSource)]) -> Vec<PageError> {
    let describe = |i: usize| {
        let (value, source) = values[i];
        let how = if source == ValueSource::Inferred {
            " (the previous value + 1)"
        } else {
            ""
        };
        format!("`{}` = {value}{how}", fields[i].name)
    };
    let at = |i: usize, message: String| {
        let mut err = PageError::new(Code::ValueRange, fields[i].line, message)
            .help("enumerator values are 64-bit integers: from -2^63 to 2^64 - 1");
        err.column = fields[i].column;
        err
    };
    let outside: Vec<PageError> = (0..fields.len())
        .filter(|&i| !Repr::I64.holds(values[i].0) && !Repr::U64.holds(values[i].0))
        .map(|i| at(i, format!("{} does not fit in 64 bits", describe(i))))
        .collect();
    if !outside.is_empty() {
        return outside;
    }
    let negative = (0..fields.len()).find(|&i| values[i].0 < 0);
    let huge = (0..fields.len()).find(|&i| values[i].0 > i128::from(i64::MAX));
    match (negative, huge) {
        (Some(n), Some(h)) => vec![at(
            h,
            format!(
                "{} needs an unsigned 64-bit type, but {} (line {}) is negative: no 64-bit integer type holds both",
                describe(h),
                describe(n),
                fields[n].line
            ),
        )],
        _ => Vec::new(),
    }
}

/// Version notes of the front matter (`req.target-min-winverclnt`, ...).
fn front_matter_notes(front: &FrontMatter) -> Vec<AvailabilityNote> {
    let keys = [
        ("req.target-min-winverclnt", &front.min_client),
        ("req.target-min-winversvr", &front.min_server),
        ("req.kmdf-ver", &front.kmdf),
        ("req.umdf-ver", &front.umdf),
    ];
    keys.into_iter()
        .filter_map(|(key, value)| {
            let note = availability::parse_front_matter(
                FrontMatterKey::from_key(key)?,
                value.as_deref()?,
            )?;
            Some(AvailabilityNote {
                text: note.text,
                parsed: note.parsed,
                scope: note.scope,
                line: front.line_of(key),
            })
        })
        .collect()
}

/// Version notes in the prose of a block, each with the line it starts on.
fn block_notes(block: &Block) -> Vec<AvailabilityNote> {
    // Notes come in block order: each is looked for after the previous one, so a block with
    // many notes is scanned once, not once per note.
    let mut cursor = (0, block.line);
    availability::find_notes(&block.text)
        .into_iter()
        .map(|note| {
            cursor = locate(&block.text, &note.text, cursor);
            AvailabilityNote {
                line: cursor.1,
                text: note.text,
                parsed: note.parsed,
                scope: note.scope,
            }
        })
        .collect()
}

/// Where `sentence` (whitespace-normalized) starts in `text`, looking from `from` = (byte
/// offset, its page line): the byte offset and page line of its first word, or `from` itself
/// when the word is not found after it.
fn locate(text: &str, sentence: &str, from: (usize, usize)) -> (usize, usize) {
    let (offset, line) = from;
    let found = sentence.split_whitespace().next().and_then(|first| {
        let rest = text.get(offset..)?;
        Some(offset + rest.find(first)?)
    });
    match found {
        Some(at) => (at, line + text[offset..at].matches('\n').count()),
        None => from,
    }
}

/// One entry per non-empty line of the converted "See also" section. A line of a code block
/// becomes an inline code span: out of its block it would be read as Markdown (and HTML).
fn see_also_items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut fence: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        match fence {
            Some(f) if trimmed == f => fence = None,
            Some(_) if !trimmed.is_empty() => items.push(doc_text::code_span(trimmed)),
            Some(_) => {}
            None if trimmed.starts_with("```") || trimmed.starts_with("~~~") => {
                let marker = trimmed.chars().next().unwrap_or('`');
                let run = trimmed.len() - trimmed.trim_start_matches(marker).len();
                fence = Some(&trimmed[..run]);
            }
            None => {
                let item = trimmed.trim_start_matches(['-', '*']).trim();
                if !item.is_empty() {
                    items.extend(split_links(item));
                }
            }
        }
    }
    items
}

/// A line made of nothing but several Markdown links (`[A](a) [B](b)`, as pages write links
/// on consecutive lines of one paragraph) → one item per link; any other line stays whole.
fn split_links(line: &str) -> Vec<String> {
    let mut links = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let Some(end) = link_end(rest) else {
            return vec![line.to_string()];
        };
        links.push(rest[..end].to_string());
        rest = rest[end..].trim_start();
    }
    links
}

/// The length of the Markdown link `[text](target)` that `s` starts with.
fn link_end(s: &str) -> Option<usize> {
    if !s.starts_with('[') {
        return None;
    }
    let mut depth = 0usize;
    let mut close = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let after = close? + 1;
    let target = s[after..].strip_prefix('(')?;
    let end = target.find(')')?;
    Some(after + 1 + end + 1)
}

#[cfg(test)]
mod see_also_tests {
    use super::split_links;

    #[test]
    fn links_on_one_line_become_items() {
        assert_eq!(
            split_links("[A](https://a) [`B`](type@super::m::B)"),
            ["[A](https://a)", "[`B`](type@super::m::B)"]
        );
        assert_eq!(split_links("[A](https://a)"), ["[A](https://a)"]);
        assert_eq!(
            split_links("[A](https://a) and more"),
            ["[A](https://a) and more"]
        );
        assert_eq!(split_links("plain text"), ["plain text"]);
        assert_eq!(
            split_links("[a \\] b](x) [c](y)"),
            ["[a \\] b](x)", "[c](y)"]
        );
    }
}
