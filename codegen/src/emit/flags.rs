//! The `flags` style: a `#[repr(transparent)]` struct of bits with an associated constant per
//! documented flag, the bit operators, `contains`/`insert`/`remove`, iteration over the flags
//! set, and a `Debug` that names them (`Timestamp | Calibrated | 0x40`). Every integer is a
//! value; bits no flag documents are kept.
//!
//! What is the same for every type is written once in the shared items: the methods and
//! operators in the `docbind_flags!` macro, iteration, `Debug` and the availability of a
//! combination in `FlagsIter`, `fmt_flags` and `flags_available_on`. A type has its data.

use super::newtype::{allow_upper, value_consts};
use super::{
    TypeParts, availability_by_value, availability_items, bits_of, ident, lookup_by_value,
    split_aliases, statements, to_bits,
};
use crate::model::{Enum, Variant};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// The `flags` items of `e`.
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
    let all: Vec<Ident> = primaries.iter().map(|v| ident(&v.name)).collect();
    let c_name_match = lookup_by_value(&primaries, quote!(self.0), |v: &Variant| v.c_name.as_str());
    let named = primaries.iter().map(|v| {
        let rust_name = &v.name;
        let bits = Literal::u64_unsuffixed(bits_of(v.value, e.repr));
        quote!((#rust_name, #bits))
    });
    let self_bits = to_bits(quote!(self.0), e.repr);

    // A combination is available when every documented flag in it is.
    let with_statements: Vec<TokenStream> = primaries
        .iter()
        .filter(|v| !statements(&v.availability).is_empty())
        .map(|v| {
            let bits = Literal::u64_unsuffixed(bits_of(v.value, e.repr));
            let vname = ident(&v.name);
            quote!((#bits, Self::#vname.availability()))
        })
        .collect();
    let is_available_on = (!with_statements.is_empty()).then(|| {
        (
            "Whether the documentation allows these flags on `target`: by the type's\nstatements and those of every documented flag set in `self`.",
            quote! {
                super::flags_available_on(
                    Self::AVAILABILITY,
                    &[#(#with_statements),*],
                    #self_bits,
                    target,
                )
            },
        )
    });
    let availability = availability_items(
        &statements(&e.availability),
        availability_by_value(&primaries, quote!(self.0), &quote!(super)),
        is_available_on,
    );

    quote! {
        #docs
        #aliases
        #deprecated
        #allow_camel
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[repr(transparent)]
        pub struct #name(pub #repr);

        #allow_deprecated
        #allow_upper
        impl #name {
            #consts

            /// The C name of this type.
            pub const C_NAME: &'static str = #c_type;

            /// Every documented flag, in the order the documentation lists them.
            pub const ALL: &'static [Self] = &[#(Self::#all),*];

            /// The Rust names and bits (as `u64`) of the documented flags, for the shared helpers.
            const NAMES: &'static [(&'static str, u64)] = &[#(#named),*];

            /// The C name of this value, if it is exactly a documented flag.
            pub const fn c_name(self) -> Option<&'static str> {
                #c_name_match
            }

            #availability
        }

        docbind_flags!(#allow_deprecated #name: #repr);
    }
}
