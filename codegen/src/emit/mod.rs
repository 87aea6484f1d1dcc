//! Stage 5: the model → Rust tokens, each enum in the style the model gives it
//! ([`EnumStyle`]): this module has what the styles share and the `rust` style; `newtype`,
//! `flags` and `consts` have a module each.

mod consts;
pub mod docs;
mod flags;
mod newtype;
pub mod support;

use crate::doc_text;
use crate::model::{
    AvailabilityNote, Bindings, Entry, Enum, EnumStyle, Framework, Module, Platform, Release, Repr,
    ValueSource, Variant,
};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// Items shared by every module (referred to as `super::…` from the modules): those every
/// output has, and the helpers of the styles `bindings` uses.
pub fn support_items(bindings: &Bindings) -> TokenStream {
    crate::emit::support::items(needs(bindings))
}

/// The shared macros (formatted source text), to come after [`support_items`] and before the
/// modules.
pub fn support_macros(bindings: &Bindings) -> String {
    crate::emit::support::macros(needs(bindings))
}

fn needs(bindings: &Bindings) -> crate::emit::support::Needs {
    let uses = |style: EnumStyle| bindings.enums().any(|e| e.style == style);
    crate::emit::support::Needs {
        value_debug: uses(EnumStyle::Newtype),
        flags: uses(EnumStyle::Flags),
        flags_availability: bindings.enums().any(|e| {
            e.style == EnumStyle::Flags || (e.style == EnumStyle::Consts && e.looks_like_flags)
        }),
        rust_enum: uses(EnumStyle::Rust),
        updates: bindings.enums().any(|e| {
            e.availability
                .iter()
                .chain(e.variants.iter().flat_map(|v| &v.availability))
                .filter(|n| n.scope.is_none())
                .flat_map(|n| n.parsed.iter().flatten())
                .any(|entry| matches!(entry, Entry::IntroducedWithUpdate(_)))
        }),
    }
}

/// The items of one module, with the table of its doc texts (see [`docs`]): format the
/// tokens, then [`docs::expand`] them with the table.
pub fn module_items(module: &Module) -> (TokenStream, Vec<docs::Docs>) {
    docs::collecting(|| {
        let mut tokens = module_attrs();
        let mut names = consts::ModuleNames::new(module);
        for e in &module.enums {
            tokens.extend(enum_of_style(e, &mut names));
        }
        tokens
    })
}

/// [`module_items`] one enum at a time, each with the table of its own doc texts (the first
/// also has the module's inner attributes). A file that prints the parts one after another is
/// the file of the whole module (prettyplease prints a file's items one after another), and
/// only one enum's tokens and syntax tree exist at a time.
pub fn module_parts<E>(
    module: &Module,
    mut each: impl FnMut(TokenStream, Vec<docs::Docs>) -> Result<(), E>,
) -> Result<(), E> {
    let mut names = consts::ModuleNames::new(module);
    let mut attrs = Some(module_attrs());
    for e in &module.enums {
        let (tokens, table) = docs::collecting(|| enum_of_style(e, &mut names));
        let mut part = attrs.take().unwrap_or_default();
        part.extend(tokens);
        each(part, table)?;
    }
    match attrs {
        Some(attrs) => each(attrs, Vec::new()),
        None => Ok(()),
    }
}

/// The inner attributes of every module.
fn module_attrs() -> TokenStream {
    quote!(#![allow(clippy::enum_variant_names)])
}

fn enum_of_style(e: &Enum, names: &mut consts::ModuleNames) -> TokenStream {
    match e.style {
        EnumStyle::Rust => enum_items(e),
        EnumStyle::Newtype => newtype::items(e),
        EnumStyle::Flags => flags::items(e),
        EnumStyle::Consts => consts::items(e, names),
    }
}

/// Doc attributes for `text` (see [`docs`]).
fn doc_attrs(text: &str) -> TokenStream {
    docs::attrs(text)
}

/// The `#[doc(alias)]` of a value: its C name, unless that is its Rust name.
fn value_alias(v: &Variant) -> Option<&str> {
    (v.c_name != v.name).then_some(v.c_name.as_str())
}

fn alias_attrs<'a>(rust_name: &str, names: impl IntoIterator<Item = &'a String>) -> TokenStream {
    let attrs = names
        .into_iter()
        .filter(|n| n.as_str() != rust_name)
        .map(|n| quote!(#[doc(alias = #n)]));
    quote!(#(#attrs)*)
}

/// An integer literal of the enum's repr (negative values as `-n`).
fn int(value: i128) -> TokenStream {
    let magnitude = Literal::u128_unsuffixed(value.unsigned_abs());
    if value < 0 {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
    }
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Documentation of the type: description, remarks, see also, the page's URL.
fn enum_docs(e: &Enum) -> String {
    let mut docs = e.description.trim().to_string();
    if docs.is_empty() {
        docs = format!("The C enumeration `{}`.", e.c_name);
    }
    if !e.remarks.trim().is_empty() {
        docs.push_str("\n\n# Remarks\n\n");
        docs.push_str(e.remarks.trim());
    }
    if let Some(header) = &e.header_file {
        docs.push_str(&format!(
            "\n\n*Values are taken from the C header `{header}` where it defines them.*"
        ));
    }
    if let Some(meta) = &e.winmd_type {
        let file = e.winmd_file.as_deref().unwrap_or("Windows metadata");
        let rank = if e.header_file.is_some() {
            " (after the page's own C header, before any other header)"
        } else {
            ""
        };
        docs.push_str(&format!(
            "\n\n*Values are taken from the Windows metadata type `{meta}` (`{file}`) where it defines them{rank}.*"
        ));
    }
    docs.push_str(&availability_section(&e.availability));
    if !e.see_also.is_empty() || e.url.is_some() {
        docs.push_str("\n\n# See also\n");
        for item in &e.see_also {
            docs.push_str("\n- ");
            docs.push_str(item);
        }
        if let Some(url) = &e.url {
            docs.push_str(&format!("\n- [`{}` on the web]({url})", e.c_name));
        }
    }
    docs
}

fn variant_docs(v: &Variant, repr: Repr) -> String {
    let mut docs = v.docs.trim().to_string();
    if docs.is_empty() {
        docs = format!("The C value `{}`.", v.c_name);
    }
    docs.push_str(&availability_section(&v.availability));
    if v.value_source == ValueSource::Winmd && v.line != 0 {
        docs.push_str("\n\n*Value from the Windows metadata.*");
    }
    if v.value_source == ValueSource::Inferred {
        docs.push_str(&format!(
            "\n\n*Inferred value ({} as `{}`): the page gives none, so it follows C's rule (the previous value + 1, the first 0).*",
            v.value,
            repr.as_str()
        ));
    }
    docs
}

/// The `# Availability` section: one line per statement, the sentence itself when it was not
/// understood. Empty when there are no notes.
fn availability_section(notes: &[AvailabilityNote]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for note in notes {
        match (&note.parsed, &note.scope) {
            (Some(entries), None) => lines.extend(entries.iter().map(|e| e.to_string())),
            (Some(entries), Some(scope)) => lines.extend(
                entries
                    .iter()
                    .map(|e| format!("{e}, {}", doc_text::to_markdown_text(scope))),
            ),
            (None, _) => lines.push(format!("“{}”", doc_text::to_markdown_text(&note.text))),
        }
    }
    lines.dedup();
    if lines.is_empty() {
        return String::new();
    }
    let mut section = "\n\n# Availability\n".to_string();
    for line in lines {
        section.push_str("\n- ");
        section.push_str(&line);
    }
    section
}

/// `#[deprecated]` when a note deprecates the item.
fn deprecated_attr(notes: &[AvailabilityNote]) -> Option<TokenStream> {
    let note = notes.iter().find(|n| n.deprecation().is_some())?;
    // rustdoc renders the note as Markdown.
    let text = doc_text::to_markdown_text(&note.text);
    Some(quote!(#[deprecated(note = #text)]))
}

fn u32_lit(v: u32) -> Literal {
    Literal::u32_unsuffixed(v)
}

fn platform_tokens(p: Platform, root: &TokenStream) -> TokenStream {
    let name = match p {
        Platform::Windows => "Windows",
        Platform::WindowsServer => "WindowsServer",
        Platform::Framework(f) => match f {
            Framework::Kmdf => "Kmdf",
            Framework::Umdf => "Umdf",
            Framework::Ndis => "Ndis",
            Framework::Wddm => "Wddm",
            Framework::Bits => "Bits",
            Framework::DirectX => "DirectX",
            Framework::Direct3D => "Direct3D",
            Framework::Dxgi => "Dxgi",
            Framework::IddCx => "IddCx",
        },
    };
    let name = ident(name);
    quote!(#root::Platform::#name)
}

/// The run-time statements of some notes (notes not understood have none, nor those limited to
/// a use), for items in the modules (where the shared items are `super::…`).
fn statements(notes: &[AvailabilityNote]) -> Vec<TokenStream> {
    statements_at(notes, &quote!(super))
}

/// [`statements`] for items at `root`, the path of the shared items: one constructor call each
/// (`Availability::since(Platform::Windows, 2600, 0, "Windows XP")`).
pub(crate) fn statements_at(notes: &[AvailabilityNote], root: &TokenStream) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for note in notes.iter().filter(|n| n.scope.is_none()) {
        let text = doc_text::to_plain_text(&note.text);
        for entry in note.parsed.iter().flatten() {
            let versioned = |constructor: &str, r: Release| {
                let (major, minor) = r.version_pair();
                let (major, minor) = (u32_lit(major), u32_lit(minor));
                let constructor = ident(constructor);
                let platform = platform_tokens(r.platform(), root);
                quote!(#root::Availability::#constructor(#platform, #major, #minor, #text))
            };
            let plain = |constructor: &str, p: Platform| {
                let constructor = ident(constructor);
                let platform = platform_tokens(p, root);
                quote!(#root::Availability::#constructor(#platform, #text))
            };
            out.push(match *entry {
                Entry::Introduced(r) => versioned("since", r),
                Entry::IntroducedWithUpdate(r) => versioned("since_with_update", r),
                Entry::NotSupportedUpTo(r) => versioned("not_up_to", r),
                Entry::NotSupportedFrom(r) => versioned("not_from", r),
                Entry::OnlyIn(r) => versioned("only_in", r),
                Entry::Deprecated(Some(r)) => versioned("deprecated_in", r),
                Entry::Deprecated(None) => quote!(#root::Availability::deprecated(#text)),
                Entry::Available(p) => plain("available", p),
                Entry::Only(p) => plain("exclusive", p),
                Entry::NotAvailable(p) => plain("not_available", p),
            });
        }
    }
    out
}

fn needs_allow_camel(e: &Enum) -> bool {
    e.name.contains('_') || e.variants.iter().any(|v| v.name.contains('_'))
}

/// What every style emits the same way for the type: its docs, aliases and attributes.
struct TypeParts {
    /// The Rust name.
    name: Ident,
    /// The integer type.
    repr: Ident,
    /// `#[doc]` attributes (description, remarks, availability, see also).
    docs: TokenStream,
    /// `#[doc(alias)]` attributes: the C names.
    aliases: TokenStream,
    /// `#[deprecated]` when the type is.
    deprecated: Option<TokenStream>,
    /// `#[allow(non_camel_case_types)]` when a name needs it.
    allow_camel: Option<TokenStream>,
    /// `#[allow(deprecated)]` for items that name the type or a deprecated value.
    allow_deprecated: Option<TokenStream>,
}

impl TypeParts {
    fn new(e: &Enum) -> Self {
        let deprecated = deprecated_attr(&e.availability);
        let any_deprecated = deprecated.is_some()
            || e.variants
                .iter()
                .any(|v| v.availability.iter().any(|n| n.deprecation().is_some()));
        TypeParts {
            name: ident(&e.name),
            repr: ident(e.repr.as_str()),
            docs: doc_attrs(&enum_docs(e)),
            aliases: alias_attrs(&e.name, std::iter::once(&e.c_name).chain(&e.aliases)),
            deprecated,
            allow_camel: needs_allow_camel(e).then(|| quote!(#[allow(non_camel_case_types)])),
            allow_deprecated: any_deprecated.then(|| quote!(#[allow(deprecated)])),
        }
    }
}

/// The values of `e` that are not aliases of earlier values (with the same value), and those
/// that are.
fn split_aliases(e: &Enum) -> (Vec<&Variant>, Vec<&Variant>) {
    e.variants.iter().partition(|v| v.alias_of.is_none())
}

/// Whether a constant of this name needs `#[allow(non_upper_case_globals)]`.
fn needs_allow_upper(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_lowercase())
}

/// The bits of `value` as `repr` stores them, zero-extended to `u64` (`-1_i32` →
/// `0xFFFF_FFFF`): the form the shared flags helpers work on.
fn bits_of(value: i128, repr: Repr) -> u64 {
    match repr {
        Repr::I32 => u64::from(value as i32 as u32),
        Repr::U32 => u64::from(value as u32),
        Repr::I64 => value as i64 as u64,
        Repr::U64 => value as u64,
    }
}

/// `expr` (of type `repr`) as its `u64` bits, in the generated code.
fn to_bits(expr: TokenStream, repr: Repr) -> TokenStream {
    match repr {
        Repr::I32 => quote!(#expr as u32 as u64),
        Repr::U32 => quote!(#expr as u64),
        Repr::I64 => quote!(#expr as u64),
        Repr::U64 => expr,
    }
}

/// A `match` on the integer `scrutinee` giving each documented value's own availability
/// statements (`&[]` for the others), at the shared items' path `root`.
fn availability_by_value(
    primaries: &[&Variant],
    scrutinee: TokenStream,
    root: &TokenStream,
) -> TokenStream {
    let arms: Vec<TokenStream> = primaries
        .iter()
        .filter_map(|v| {
            let list = statements_at(&v.availability, root);
            if list.is_empty() {
                return None;
            }
            let value = int(v.value);
            Some(quote!(#value => const { &[#(#list),*] },))
        })
        .collect();
    if arms.is_empty() {
        quote!({
            let _ = #scrutinee;
            &[]
        })
    } else {
        quote!(match #scrutinee { #(#arms)* _ => &[], })
    }
}

/// A `match` on the integer `scrutinee` giving `Some(text)` of each documented value.
fn lookup_by_value<'a>(
    primaries: &[&'a Variant],
    scrutinee: TokenStream,
    text: impl Fn(&'a Variant) -> &'a str,
) -> TokenStream {
    let arms = primaries.iter().map(|v| {
        let value = int(v.value);
        let text = text(v);
        quote!(#value => Some(#text),)
    });
    quote!(match #scrutinee { #(#arms)* _ => None, })
}

/// `AVAILABILITY`, `availability()` and `is_available_on()` of a type with an impl block
/// (`rust`, `newtype` and `flags`). `is_available_on`: its body, when it is not the type's
/// statements and the value's own.
fn availability_items(
    type_statements: &[TokenStream],
    availability_body: TokenStream,
    is_available_on: Option<(&str, TokenStream)>,
) -> TokenStream {
    let (is_available_doc, is_available_body) = is_available_on.unwrap_or((
        "Whether the documentation allows this value on `target` (by the type's\nstatements and the value's own).",
        quote! {
            super::is_available_on(Self::AVAILABILITY, target)
                && super::is_available_on(self.availability(), target)
        },
    ));
    let is_available_doc = doc_attrs(is_available_doc);
    quote! {
        /// What the documentation says about the availability of the type.
        pub const AVAILABILITY: &'static [super::Availability] = &[#(#type_statements),*];

        /// What the documentation says about the availability of this value
        /// (the type's own statements are in [`Self::AVAILABILITY`]).
        pub const fn availability(self) -> &'static [super::Availability] {
            #availability_body
        }

        #is_available_doc
        pub const fn is_available_on(self, target: super::Target) -> bool {
            #is_available_body
        }
    }
}

/// The docs of a value that repeats the value of an earlier one, `target` (a link to it).
fn alias_docs(v: &Variant, repr: Repr, target: &str, link: &str) -> String {
    let link = if link == target {
        format!("[`{target}`]")
    } else {
        format!("[`{target}`]({link})")
    };
    format!("{}\n\nThe same value as {link}.", variant_docs(v, repr))
}

/// The `rust` style: a `#[repr]` enum.
fn enum_items(e: &Enum) -> TokenStream {
    let TypeParts {
        name,
        repr,
        docs,
        aliases,
        deprecated: type_deprecated,
        allow_camel,
        allow_deprecated,
    } = TypeParts::new(e);
    let c_type = &e.c_name;
    let non_exhaustive = e.non_exhaustive.then(|| quote!(#[non_exhaustive]));
    let (variants, consts) = split_aliases(e);

    let variant_defs = variants.iter().map(|v| {
        let docs = docs::attrs_with_aliases(&variant_docs(v, e.repr), value_alias(v).as_slice());
        let deprecated = deprecated_attr(&v.availability);
        let vname = ident(&v.name);
        let value = int(v.value);
        quote! { #docs #deprecated #vname = #value, }
    });
    let const_defs = consts.iter().map(|v| {
        let target_name = v.alias_of.as_deref().unwrap_or_default();
        let target = ident(target_name);
        let docs = doc_attrs(&alias_docs(
            v,
            e.repr,
            target_name,
            &format!("Self::{target_name}"),
        ));
        let aliases = alias_attrs(&v.name, [&v.c_name]);
        let deprecated = deprecated_attr(&v.availability);
        let vname = ident(&v.name);
        quote! {
            #docs
            #aliases
            #deprecated
            #[allow(non_upper_case_globals)]
            pub const #vname: Self = Self::#target;
        }
    });
    let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
    let (c_name_body, from_raw_body) = lookups(&variants, &names);
    let type_statements = statements(&e.availability);
    let variant_statements = variants.iter().filter_map(|v| {
        let list = statements(&v.availability);
        if list.is_empty() {
            return None;
        }
        let vname = ident(&v.name);
        Some(quote!(Self::#vname => const { &[#(#list),*] },))
    });
    let with_statements = variants
        .iter()
        .filter(|v| !statements(&v.availability).is_empty())
        .count();
    let fallback = (with_statements < variants.len()).then(|| quote!(_ => &[],));
    let availability_body = if with_statements > 0 {
        quote!(match self { #(#variant_statements)* #fallback })
    } else {
        quote!({
            let _ = self;
            &[]
        })
    };

    // The conversions and `is_available_on` come from the shared `docbind_rust_enum!` macro;
    // so do `AVAILABILITY` and `availability()` when the documentation states nothing.
    let (availability, no_availability) = if type_statements.is_empty() && with_statements == 0 {
        (None, Some(quote!(, no_availability)))
    } else {
        let items = quote! {
            /// What the documentation says about the availability of the type.
            pub const AVAILABILITY: &'static [super::Availability] = &[#(#type_statements),*];

            /// What the documentation says about the availability of this value
            /// (the type's own statements are in [`Self::AVAILABILITY`]).
            pub const fn availability(self) -> &'static [super::Availability] {
                #availability_body
            }
        };
        (Some(items), None)
    };

    quote! {
        #docs
        #aliases
        #type_deprecated
        #allow_camel
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(#repr)]
        #non_exhaustive
        pub enum #name {
            #(#variant_defs)*
        }

        #allow_deprecated
        impl #name {
            #(#const_defs)*

            /// The C name of this type.
            pub const C_NAME: &'static str = #c_type;

            /// Every value, in the order the documentation lists them.
            pub const ALL: &'static [Self] = &[#(Self::#names),*];

            /// The C name of this value.
            pub const fn c_name(self) -> &'static str {
                #c_name_body
            }

            /// The value whose integer is `raw`, if there is one.
            pub const fn from_raw(raw: #repr) -> Option<Self> {
                #from_raw_body
            }

            #availability
        }

        docbind_rust_enum!(#allow_deprecated #name: #repr #no_availability);
    }
}

/// The bodies of `c_name` (a `match` on each value) and `from_raw` of a `rust`-style enum.
/// When the values' integers are consecutive (as in most C enums), `from_raw` indexes `ALL` by
/// the offset from the first, without code per value; otherwise it matches each integer.
fn lookups(variants: &[&Variant], names: &[Ident]) -> (TokenStream, TokenStream) {
    let c_names = variants.iter().map(|v| &v.c_name);
    let c_name = quote!(match self { #(Self::#names => #c_names,)* });
    let first = variants.first().map_or(0, |v| v.value);
    let consecutive = variants
        .iter()
        .zip(0..)
        .all(|(v, i)| v.value.checked_sub(first) == Some(i));
    if !consecutive {
        let raws = variants.iter().map(|v| int(v.value));
        return (
            c_name,
            quote!(match raw { #(#raws => Some(Self::#names),)* _ => None, }),
        );
    }
    // `raw - first` (as written without `- 0` or `- -n`, which clippy and readers dislike).
    let index = |raw: TokenStream| {
        let magnitude = Literal::u128_unsuffixed(first.unsigned_abs());
        match first {
            0 => quote!(#raw as usize),
            f if f > 0 => quote!((#raw - #magnitude) as usize),
            _ => quote!((#raw + #magnitude) as usize),
        }
    };
    let last = first + variants.len() as i128 - 1;
    let (low, high) = (int(first), int(last));
    let range = if first == last {
        quote!(#low)
    } else {
        quote!(#low..=#high)
    };
    let raw_index = index(quote!(raw));
    (
        c_name,
        quote! {
            match raw {
                #range => Some(Self::ALL[#raw_index]),
                _ => None,
            }
        },
    )
}
