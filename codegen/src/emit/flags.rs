//! The `flags` style: a `#[repr(transparent)]` struct of bits with an associated constant per
//! documented flag, the bit operators, `contains`/`insert`/`remove`, iteration over the flags
//! set, and a `Debug` that names them (`Timestamp | Calibrated | 0x40`). Every integer is a
//! value; bits no flag documents are kept.
//!
//! The logic that is the same for every type (iteration, `Debug`, availability of a
//! combination) is in the shared items (`FlagsIter`, `fmt_flags`, `flags_available_on`); a type
//! has its data and one-line methods.

use super::newtype::{allow_upper, value_consts};
use super::{
    TypeParts, availability_by_value, availability_items, bits_of, from_bits, ident,
    lookup_by_value, repr_literal, split_aliases, statements, to_bits,
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
    let all_bits = primaries
        .iter()
        .fold(0, |acc, v| acc | bits_of(v.value, e.repr));
    let all_bits = repr_literal(all_bits, e.repr);
    let self_bits = to_bits(quote!(self.0), e.repr);
    let from = from_bits(quote!(bits), e.repr);

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

            /// No bits set.
            pub const fn empty() -> Self {
                Self(0)
            }

            /// The bits of every documented flag.
            pub const fn all() -> Self {
                Self(#all_bits)
            }

            /// The integer, every bit as it is.
            pub const fn bits(self) -> #repr {
                self.0
            }

            /// The value with exactly these bits, documented or not.
            pub const fn from_bits_retain(bits: #repr) -> Self {
                Self(bits)
            }

            /// The value with these bits, if every one belongs to a documented flag.
            pub const fn from_bits(bits: #repr) -> Option<Self> {
                if bits & !Self::all().0 == 0 {
                    Some(Self(bits))
                } else {
                    None
                }
            }

            /// The value with these bits, less those no documented flag has.
            pub const fn from_bits_truncate(bits: #repr) -> Self {
                Self(bits & Self::all().0)
            }

            /// Whether no bit is set.
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// Whether every documented flag is set.
            pub const fn is_all(self) -> bool {
                self.0 & Self::all().0 == Self::all().0
            }

            /// Whether every bit of `other` is set in `self`.
            pub const fn contains(self, other: Self) -> bool {
                self.0 & other.0 == other.0
            }

            /// Whether `self` and `other` have a bit in common.
            pub const fn intersects(self, other: Self) -> bool {
                self.0 & other.0 != 0
            }

            /// Sets the bits of `other`.
            pub const fn insert(&mut self, other: Self) {
                self.0 |= other.0;
            }

            /// Clears the bits of `other`.
            pub const fn remove(&mut self, other: Self) {
                self.0 &= !other.0;
            }

            /// Flips the bits of `other`.
            pub const fn toggle(&mut self, other: Self) {
                self.0 ^= other.0;
            }

            /// Sets (`value` true) or clears the bits of `other`.
            pub const fn set(&mut self, other: Self, value: bool) {
                if value {
                    self.insert(other);
                } else {
                    self.remove(other);
                }
            }

            /// The flags set in `self`, in documentation order: each documented flag that adds
            /// bits not yielded yet, then the bits no documented flag has, as one value. Their
            /// union is `self`.
            pub fn iter(self) -> impl Iterator<Item = Self> {
                super::FlagsIter::new(Self::NAMES, #self_bits).map(|(_, bits)| Self(#from))
            }

            /// The documented flags set in `self`, with their Rust names (as
            /// [`iter`](Self::iter) yields them, without the undocumented bits).
            pub fn iter_names(self) -> impl Iterator<Item = (&'static str, Self)> {
                super::FlagsIter::new(Self::NAMES, #self_bits)
                    .filter_map(|(name, bits)| Some((name?, Self(#from))))
            }

            #availability
        }

        #allow_deprecated
        impl From<#repr> for #name {
            fn from(bits: #repr) -> Self {
                Self(bits)
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
                super::fmt_flags(f, Self::NAMES, #self_bits)
            }
        }

        #allow_deprecated
        impl ::core::ops::BitOr for #name {
            type Output = Self;
            /// The union: the bits set in either.
            fn bitor(self, other: Self) -> Self {
                Self(self.0 | other.0)
            }
        }

        #allow_deprecated
        impl ::core::ops::BitOrAssign for #name {
            fn bitor_assign(&mut self, other: Self) {
                self.0 |= other.0;
            }
        }

        #allow_deprecated
        impl ::core::ops::BitAnd for #name {
            type Output = Self;
            /// The intersection: the bits set in both.
            fn bitand(self, other: Self) -> Self {
                Self(self.0 & other.0)
            }
        }

        #allow_deprecated
        impl ::core::ops::BitAndAssign for #name {
            fn bitand_assign(&mut self, other: Self) {
                self.0 &= other.0;
            }
        }

        #allow_deprecated
        impl ::core::ops::BitXor for #name {
            type Output = Self;
            /// The symmetric difference: the bits set in one but not both.
            fn bitxor(self, other: Self) -> Self {
                Self(self.0 ^ other.0)
            }
        }

        #allow_deprecated
        impl ::core::ops::BitXorAssign for #name {
            fn bitxor_assign(&mut self, other: Self) {
                self.0 ^= other.0;
            }
        }

        #allow_deprecated
        impl ::core::ops::Sub for #name {
            type Output = Self;
            /// The difference: the bits of `self` not set in `other`.
            fn sub(self, other: Self) -> Self {
                Self(self.0 & !other.0)
            }
        }

        #allow_deprecated
        impl ::core::ops::SubAssign for #name {
            fn sub_assign(&mut self, other: Self) {
                self.0 &= !other.0;
            }
        }

        #allow_deprecated
        impl ::core::ops::Not for #name {
            type Output = Self;
            /// The complement within the documented flags (as the bitflags crate does):
            /// `Self::all() - self`.
            fn not(self) -> Self {
                Self(!self.0 & Self::all().0)
            }
        }

        #allow_deprecated
        impl ::core::iter::FromIterator<#name> for #name {
            fn from_iter<I: IntoIterator<Item = #name>>(iter: I) -> Self {
                iter.into_iter().fold(Self::empty(), |all, flag| all | flag)
            }
        }
    }
}
