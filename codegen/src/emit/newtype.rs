//! The `newtype` style: `#[repr(transparent)] pub struct BgJobType(pub i32);` with an
//! associated constant per value. Every integer is a value (FFI-safe: C may pass values the
//! documentation does not list), and `Debug` names the documented ones.

use super::{
    TypeParts, alias_docs, availability_by_value, availability_items, deprecated_attr, docs, ident,
    int, lookup_by_value, needs_allow_upper, split_aliases, statements, value_alias, variant_docs,
};
use crate::model::{Enum, Variant};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The associated constants of a struct type (`newtype` and `flags`), one per value, in page
/// order; a value that repeats an earlier one is defined as that one.
pub(super) fn value_consts(e: &Enum) -> TokenStream {
    let consts = e.variants.iter().map(|v| {
        let alias = value_alias(v);
        let deprecated = deprecated_attr(&v.availability);
        let vname = ident(&v.name);
        match v.alias_of.as_deref() {
            None => {
                let docs = docs::attrs_with_aliases(&variant_docs(v, e.repr), alias.as_slice());
                let value = int(v.value);
                quote! { #docs #deprecated pub const #vname: Self = Self(#value); }
            }
            Some(target) => {
                let text = alias_docs(v, e.repr, target, &format!("Self::{target}"));
                let docs = docs::attrs_with_aliases(&text, alias.as_slice());
                let target = ident(target);
                quote! { #docs #deprecated pub const #vname: Self = Self::#target; }
            }
        }
    });
    quote!(#(#consts)*)
}

/// `#[allow(non_upper_case_globals)]` for an impl whose constants are not all upper case.
pub(super) fn allow_upper(e: &Enum) -> Option<TokenStream> {
    e.variants
        .iter()
        .any(|v| needs_allow_upper(&v.name))
        .then(|| quote!(#[allow(non_upper_case_globals)]))
}

/// The `newtype` items of `e`.
pub(super) fn items(e: &Enum) -> TokenStream {
    let TypeParts {
        name,
        repr,
        docs,
        aliases,
        deprecated,
        allow_camel,
        allow_deprecated,
    } = TypeParts::new(e);
    let (primaries, _) = split_aliases(e);
    let allow_upper = allow_upper(e);
    let consts = value_consts(e);
    let c_type = &e.c_name;
    let type_name = &e.name;
    let all: Vec<Ident> = primaries.iter().map(|v| ident(&v.name)).collect();
    let name_match = lookup_by_value(&primaries, quote!(self.0), |v: &Variant| v.name.as_str());
    let c_name_match = lookup_by_value(&primaries, quote!(self.0), |v: &Variant| v.c_name.as_str());
    let availability = availability_items(
        &statements(&e.availability),
        availability_by_value(&primaries, quote!(self.0), &quote!(super)),
        None,
    );

    quote! {
        #docs
        #aliases
        #deprecated
        #allow_camel
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(transparent)]
        pub struct #name(pub #repr);

        #allow_deprecated
        #allow_upper
        impl #name {
            #consts

            /// The C name of this type.
            pub const C_NAME: &'static str = #c_type;

            /// Every documented value, in the order the documentation lists them.
            pub const ALL: &'static [Self] = &[#(Self::#all),*];

            /// The Rust name of this value, if it is a documented one.
            pub const fn name(self) -> Option<&'static str> {
                #name_match
            }

            /// The C name of this value, if it is a documented one.
            pub const fn c_name(self) -> Option<&'static str> {
                #c_name_match
            }

            /// Whether this is a documented value.
            pub const fn is_known(self) -> bool {
                self.name().is_some()
            }

            /// The value whose integer is `raw`, documented or not.
            pub const fn from_raw(raw: #repr) -> Self {
                Self(raw)
            }

            /// The integer of this value, as C sees it.
            pub const fn to_raw(self) -> #repr {
                self.0
            }

            #availability
        }

        #allow_deprecated
        impl From<#repr> for #name {
            fn from(raw: #repr) -> Self {
                Self(raw)
            }
        }

        #allow_deprecated
        impl From<#name> for #repr {
            fn from(value: #name) -> #repr {
                value.0
            }
        }

        #allow_deprecated
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                super::fmt_value(f, #type_name, self.name(), &self.0)
            }
        }
    }
}
