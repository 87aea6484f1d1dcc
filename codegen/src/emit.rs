//! Stage 5: the model → Rust tokens.

use crate::doc_text;
use crate::model::{
    AvailabilityNote, Entry, Enum, Framework, Module, Platform, Release, Repr, ValueSource, Variant,
};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// Items shared by every module (referred to as `super::…` from the modules).
pub fn support_items() -> TokenStream {
    crate::support::items()
}

/// The items of one module.
pub fn module_items(module: &Module) -> TokenStream {
    let enums = module.enums.iter().map(enum_items);
    quote! {
        #![allow(clippy::enum_variant_names)]
        #(#enums)*
    }
}

/// Doc attributes, one per line, as `///` comments come out.
fn doc_attrs(text: &str) -> TokenStream {
    let lines = text.trim_matches('\n').split('\n').map(|line| {
        let line: String = line
            .trim_end()
            .chars()
            .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
            .collect();
        let line = if line.is_empty() {
            line
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
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
        match &note.parsed {
            Some(entries) => lines.extend(entries.iter().map(|e| e.to_string())),
            None => lines.push(format!("“{}”", doc_text::to_plain_text(&note.text))),
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
    let text = doc_text::to_plain_text(&note.text);
    Some(quote!(#[deprecated(note = #text)]))
}

fn u32_lit(v: u32) -> Literal {
    Literal::u32_unsuffixed(v)
}

fn platform_tokens(p: Platform) -> TokenStream {
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
    quote!(super::Platform::#name)
}

fn version_tokens(r: Release) -> TokenStream {
    let (major, minor) = r.version_pair();
    let (major, minor) = (u32_lit(major), u32_lit(minor));
    quote!(super::Version { major: #major, minor: #minor })
}

/// The run-time statements of some notes (notes not understood have none).
fn statements(notes: &[AvailabilityNote]) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for note in notes {
        let text = doc_text::to_plain_text(&note.text);
        for entry in note.parsed.iter().flatten() {
            let platform = match entry.platform() {
                Some(p) => {
                    let p = platform_tokens(p);
                    quote!(Some(#p))
                }
                None => quote!(None),
            };
            let requirement = match *entry {
                Entry::Introduced(r) => {
                    let v = version_tokens(r);
                    quote!(Since(#v))
                }
                Entry::NotSupportedUpTo(r) => {
                    let v = version_tokens(r);
                    quote!(NotUpTo(#v))
                }
                Entry::NotSupportedFrom(r) => {
                    let v = version_tokens(r);
                    quote!(NotFrom(#v))
                }
                Entry::OnlyIn(r) => {
                    let v = version_tokens(r);
                    quote!(Only(#v))
                }
                Entry::Deprecated(Some(r)) => {
                    let v = version_tokens(r);
                    quote!(Deprecated(Some(#v)))
                }
                Entry::Deprecated(None) => quote!(Deprecated(None)),
                Entry::Available(_) => quote!(Available),
                Entry::Only(_) => quote!(Exclusive),
                Entry::NotAvailable(_) => quote!(NotAvailable),
            };
            out.push(quote! {
                super::Availability { platform: #platform, requirement: super::Requirement::#requirement, text: #text }
            });
        }
    }
    out
}

fn needs_allow_camel(e: &Enum) -> bool {
    e.name.contains('_') || e.variants.iter().any(|v| v.name.contains('_'))
}

fn enum_items(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let repr = ident(e.repr.as_str());
    let c_type = &e.c_name;
    let docs = doc_attrs(&enum_docs(e));
    let aliases = alias_attrs(&e.name, std::iter::once(&e.c_name).chain(&e.aliases));
    let allow_camel = needs_allow_camel(e).then(|| quote!(#[allow(non_camel_case_types)]));
    let (variants, consts): (Vec<&Variant>, Vec<&Variant>) =
        e.variants.iter().partition(|v| v.alias_of.is_none());

    let variant_defs = variants.iter().map(|v| {
        let docs = doc_attrs(&variant_docs(v, e.repr));
        let aliases = alias_attrs(&v.name, [&v.c_name]);
        let deprecated = deprecated_attr(&v.availability);
        let vname = ident(&v.name);
        let value = int(v.value);
        quote! { #docs #aliases #deprecated #vname = #value, }
    });
    let const_defs = consts.iter().map(|v| {
        let target = v.alias_of.as_deref().map(ident);
        let docs = doc_attrs(&format!(
            "{}\n\nThe same value as [`{}`](Self::{}).",
            variant_docs(v, e.repr),
            v.alias_of.as_deref().unwrap_or_default(),
            v.alias_of.as_deref().unwrap_or_default()
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
    let c_names = variants.iter().map(|v| &v.c_name);
    let raws = variants.iter().map(|v| int(v.value));
    let type_deprecated = deprecated_attr(&e.availability);
    let any_deprecated = type_deprecated.is_some()
        || e.variants
            .iter()
            .any(|v| v.availability.iter().any(|n| n.deprecation().is_some()));
    let allow_deprecated = any_deprecated.then(|| quote!(#[allow(deprecated)]));
    let type_statements = statements(&e.availability);
    let variant_statements = variants.iter().filter_map(|v| {
        let list = statements(&v.availability);
        if list.is_empty() {
            return None;
        }
        let vname = ident(&v.name);
        Some(quote!(Self::#vname => &[#(#list),*],))
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

    quote! {
        #docs
        #aliases
        #type_deprecated
        #allow_camel
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(#repr)]
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
                match self {
                    #(Self::#names => #c_names,)*
                }
            }

            /// The value whose integer is `raw`, if there is one.
            pub const fn from_raw(raw: #repr) -> Option<Self> {
                match raw {
                    #(#raws => Some(Self::#names),)*
                    _ => None,
                }
            }

            /// The integer of this value, as C sees it.
            pub const fn to_raw(self) -> #repr {
                self as #repr
            }

            /// What the documentation says about the availability of the type.
            pub const AVAILABILITY: &'static [super::Availability] = &[#(#type_statements),*];

            /// What the documentation says about the availability of this value
            /// (the type's own statements are in [`Self::AVAILABILITY`]).
            pub const fn availability(self) -> &'static [super::Availability] {
                #availability_body
            }

            /// Whether the documentation allows this value on `target` (by the type's
            /// statements and the value's own).
            pub const fn is_available_on(self, target: super::Target) -> bool {
                super::is_available_on(Self::AVAILABILITY, target)
                    && super::is_available_on(self.availability(), target)
            }
        }

        #allow_deprecated
        impl TryFrom<#repr> for #name {
            type Error = super::UnknownValue<#repr>;

            fn try_from(raw: #repr) -> Result<Self, super::UnknownValue<#repr>> {
                match Self::from_raw(raw) {
                    Some(value) => Ok(value),
                    None => Err(super::UnknownValue::new(Self::C_NAME, raw)),
                }
            }
        }

        #allow_deprecated
        impl From<#name> for #repr {
            fn from(value: #name) -> #repr {
                value.to_raw()
            }
        }
    }
}

/// Whether `name` can be used as a Rust identifier as it is.
pub fn is_rust_ident(name: &str) -> bool {
    syn::parse_str::<Ident>(name).is_ok()
}
