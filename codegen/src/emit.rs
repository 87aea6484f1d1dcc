//! Stage 5: the model → Rust tokens.

use crate::model::{Enum, Module, Repr, ValueSource, Variant};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// Items shared by every module (referred to as `super::…` from the modules).
pub fn support_items() -> TokenStream {
    quote! {
        /// The error returned when a raw integer is not a value of the enum it is converted to.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct UnknownValue<R> {
            type_name: &'static str,
            raw: R,
        }

        impl<R: Copy> UnknownValue<R> {
            /// The error for `raw`, which is not a value of the C type `type_name`.
            pub const fn new(type_name: &'static str, raw: R) -> Self {
                UnknownValue { type_name, raw }
            }

            /// The integer that was converted.
            pub const fn raw(&self) -> R {
                self.raw
            }

            /// The C name of the enum it was converted to.
            pub const fn type_name(&self) -> &'static str {
                self.type_name
            }
        }

        impl<R: ::core::fmt::Display> ::core::fmt::Display for UnknownValue<R> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "{} is not a value of {}", self.raw, self.type_name)
            }
        }

        impl<R: ::core::fmt::Debug + ::core::fmt::Display> ::core::error::Error for UnknownValue<R> {}
    }
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
    if v.value_source == ValueSource::Inferred {
        docs.push_str(&format!(
            "\n\n*Value {} ({}): inferred, the page gives none; C numbers a value one above the one before it, starting at 0.*",
            v.value,
            repr.as_str()
        ));
    }
    docs
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
        let vname = ident(&v.name);
        let value = int(v.value);
        quote! { #docs #aliases #vname = #value, }
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
        let vname = ident(&v.name);
        quote! {
            #docs
            #aliases
            #[allow(non_upper_case_globals)]
            pub const #vname: Self = Self::#target;
        }
    });
    let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
    let c_names = variants.iter().map(|v| &v.c_name);
    let raws = variants.iter().map(|v| int(v.value));

    quote! {
        #docs
        #aliases
        #allow_camel
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(#repr)]
        pub enum #name {
            #(#variant_defs)*
        }

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
        }

        impl TryFrom<#repr> for #name {
            type Error = super::UnknownValue<#repr>;

            fn try_from(raw: #repr) -> Result<Self, super::UnknownValue<#repr>> {
                match Self::from_raw(raw) {
                    Some(value) => Ok(value),
                    None => Err(super::UnknownValue::new(Self::C_NAME, raw)),
                }
            }
        }

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
