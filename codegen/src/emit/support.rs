//! The items every generated output shares (written once at its root; modules refer to them
//! as `super::…`). Plain `core` code: generated crates have no dependencies.

use proc_macro2::TokenStream;
use quote::quote;

/// Which helpers of the styles an output needs (each is emitted only when used).
#[derive(Clone, Copy, Debug, Default)]
pub struct Needs {
    /// `fmt_value`: the `Debug` of `newtype` types.
    pub value_debug: bool,
    /// `FlagsIter` and `fmt_flags`: iteration and `Debug` of `flags` types.
    pub flags: bool,
    /// `flags_available_on`: availability of a combination of flags.
    pub flags_availability: bool,
    /// `docbind_rust_enum!`: the conversions of `rust`-style enums.
    pub rust_enum: bool,
    /// `Requirement::SinceWithUpdate`: a note says a release needs an update.
    pub updates: bool,
}

/// The shared items: the conversion error, the availability types, and the helpers `needs` names.
pub fn items(needs: Needs) -> TokenStream {
    let unknown = unknown_value();
    let availability = availability(needs.updates);
    let value_debug = needs.value_debug.then(value_debug);
    let flags = needs.flags.then(flags);
    let flags_availability = needs.flags_availability.then(flags_availability);
    quote! { #unknown #availability #value_debug #flags #flags_availability }
}

/// The shared macros `needs` names, as formatted source text: written by hand rather than
/// printed from tokens, as prettyplease prints a macro body as one run of tokens. They come
/// after [`items`] and before the modules (a `macro_rules!` is in scope below its definition).
pub fn macros(needs: Needs) -> String {
    let mut text = String::new();
    if needs.rust_enum {
        text.push_str(RUST_ENUM_MACRO);
    }
    if needs.flags {
        text.push_str(FLAGS_MACRO);
    }
    text
}

/// The conversions and checks every `rust`-style enum has, written once: each enum invokes
/// `docbind_rust_enum!(Name: repr)` (with `, no_availability` when the documentation states
/// none) instead of repeating them. `super::` paths resolve where the macro is invoked.
const RUST_ENUM_MACRO: &str = r#"/// The conversions and checks every `rust`-style enum has.
#[rustfmt::skip]
#[allow(unused_macros)]
macro_rules! docbind_rust_enum {
    ($(#[$attr:meta])* $name:ident: $repr:ident, no_availability) => {
        $(#[$attr])*
        impl $name {
            /// What the documentation says about the availability of the type.
            pub const AVAILABILITY: &'static [super::Availability] = &[];

            /// What the documentation says about the availability of this value
            /// (the type's own statements are in [`Self::AVAILABILITY`]).
            pub const fn availability(self) -> &'static [super::Availability] {
                let _ = self;
                &[]
            }
        }
        docbind_rust_enum!($(#[$attr])* $name: $repr);
    };
    ($(#[$attr:meta])* $name:ident: $repr:ident) => {
        $(#[$attr])*
        impl $name {
            /// The integer of this value, as C sees it.
            pub const fn to_raw(self) -> $repr {
                self as $repr
            }

            /// Whether the documentation allows this value on `target` (by the type's
            /// statements and the value's own).
            pub const fn is_available_on(self, target: super::Target) -> bool {
                super::is_available_on(Self::AVAILABILITY, target)
                    && super::is_available_on(self.availability(), target)
            }
        }

        $(#[$attr])*
        impl TryFrom<$repr> for $name {
            type Error = super::UnknownValue<$repr>;

            fn try_from(raw: $repr) -> Result<Self, super::UnknownValue<$repr>> {
                match Self::from_raw(raw) {
                    Some(value) => Ok(value),
                    None => Err(super::UnknownValue::new(Self::C_NAME, raw)),
                }
            }
        }

        $(#[$attr])*
        impl From<$name> for $repr {
            fn from(value: $name) -> $repr {
                value.to_raw()
            }
        }
    };
}
"#;

/// The methods and operators every `flags` type has, written once: a type's own `impl` has
/// its constants, `C_NAME`, `ALL`, `NAMES`, `c_name` and availability; it then invokes
/// `docbind_flags!(Name: repr)`.
const FLAGS_MACRO: &str = r#"/// The methods and operators every `flags` type has, from the table of its flags (`NAMES`).
#[rustfmt::skip]
#[allow(unused_macros)]
macro_rules! docbind_flags {
    ($(#[$attr:meta])* $name:ident: $repr:ident) => {
        $(#[$attr])*
        impl $name {
            /// `raw` as its `u64` bits (an `i32` is zero-extended from its `u32` bits).
            const fn to_bits(raw: $repr) -> u64 {
                raw as u64 & (u64::MAX >> (64 - <$repr>::BITS))
            }

            /// The bits of every documented flag.
            const ALL_BITS: $repr = {
                let mut bits = 0;
                let mut i = 0;
                while i < Self::NAMES.len() {
                    bits |= Self::NAMES[i].1;
                    i += 1;
                }
                bits as $repr
            };

            /// No bits set.
            pub const fn empty() -> Self {
                Self(0)
            }

            /// The bits of every documented flag.
            pub const fn all() -> Self {
                Self(Self::ALL_BITS)
            }

            /// The integer, every bit as it is.
            pub const fn bits(self) -> $repr {
                self.0
            }

            /// The value with exactly these bits, documented or not.
            pub const fn from_bits_retain(bits: $repr) -> Self {
                Self(bits)
            }

            /// The value with these bits, if every one belongs to a documented flag.
            pub const fn from_bits(bits: $repr) -> Option<Self> {
                if Self::from_bits_truncate(bits).0 == bits {
                    Some(Self(bits))
                } else {
                    None
                }
            }

            /// The value with these bits, less those no documented flag has.
            pub const fn from_bits_truncate(bits: $repr) -> Self {
                Self(bits & Self::ALL_BITS)
            }

            /// Whether no bit is set.
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// Whether every documented flag is set.
            pub const fn is_all(self) -> bool {
                self.0 & Self::ALL_BITS == Self::ALL_BITS
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
                super::FlagsIter::new(Self::NAMES, Self::to_bits(self.0))
                    .map(|(_, bits)| Self(bits as $repr))
            }

            /// The documented flags set in `self`, with their Rust names (as
            /// [`iter`](Self::iter) yields them, without the undocumented bits).
            pub fn iter_names(self) -> impl Iterator<Item = (&'static str, Self)> {
                super::FlagsIter::new(Self::NAMES, Self::to_bits(self.0))
                    .filter_map(|(name, bits)| Some((name?, Self(bits as $repr))))
            }
        }

        $(#[$attr])*
        impl From<$repr> for $name {
            fn from(bits: $repr) -> Self {
                Self(bits)
            }
        }

        $(#[$attr])*
        impl From<$name> for $repr {
            fn from(value: $name) -> $repr {
                value.0
            }
        }

        $(#[$attr])*
        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                super::fmt_flags(f, Self::NAMES, Self::to_bits(self.0))
            }
        }

        $(#[$attr])*
        impl ::core::ops::BitOr for $name {
            type Output = Self;
            /// The union: the bits set in either.
            fn bitor(self, other: Self) -> Self {
                Self(self.0 | other.0)
            }
        }

        $(#[$attr])*
        impl ::core::ops::BitOrAssign for $name {
            fn bitor_assign(&mut self, other: Self) {
                self.0 |= other.0;
            }
        }

        $(#[$attr])*
        impl ::core::ops::BitAnd for $name {
            type Output = Self;
            /// The intersection: the bits set in both.
            fn bitand(self, other: Self) -> Self {
                Self(self.0 & other.0)
            }
        }

        $(#[$attr])*
        impl ::core::ops::BitAndAssign for $name {
            fn bitand_assign(&mut self, other: Self) {
                self.0 &= other.0;
            }
        }

        $(#[$attr])*
        impl ::core::ops::BitXor for $name {
            type Output = Self;
            /// The symmetric difference: the bits set in one but not both.
            fn bitxor(self, other: Self) -> Self {
                Self(self.0 ^ other.0)
            }
        }

        $(#[$attr])*
        impl ::core::ops::BitXorAssign for $name {
            fn bitxor_assign(&mut self, other: Self) {
                self.0 ^= other.0;
            }
        }

        $(#[$attr])*
        impl ::core::ops::Sub for $name {
            type Output = Self;
            /// The difference: the bits of `self` not set in `other`.
            fn sub(self, other: Self) -> Self {
                Self(self.0 & !other.0)
            }
        }

        $(#[$attr])*
        impl ::core::ops::SubAssign for $name {
            fn sub_assign(&mut self, other: Self) {
                self.0 &= !other.0;
            }
        }

        $(#[$attr])*
        impl ::core::ops::Not for $name {
            type Output = Self;
            /// The complement within the documented flags (as the bitflags crate does):
            /// `Self::all() - self`.
            fn not(self) -> Self {
                Self(!self.0 & Self::ALL_BITS)
            }
        }

        $(#[$attr])*
        impl ::core::iter::FromIterator<$name> for $name {
            fn from_iter<I: IntoIterator<Item = $name>>(iter: I) -> Self {
                iter.into_iter().fold(Self::empty(), |all, flag| all | flag)
            }
        }
    };
}
"#;

fn value_debug() -> TokenStream {
    quote! {
        /// The `Debug` of the `newtype` style: the Rust name of a documented value, else
        /// `Type(raw)`.
        pub fn fmt_value(
            f: &mut ::core::fmt::Formatter<'_>,
            type_name: &str,
            name: Option<&str>,
            raw: &dyn ::core::fmt::Debug,
        ) -> ::core::fmt::Result {
            match name {
                Some(name) => f.write_str(name),
                None => f.debug_tuple(type_name).field(raw).finish(),
            }
        }
    }
}

fn flags() -> TokenStream {
    quote! {
        /// The flags set in a value of a `flags` type, in documentation order: each documented
        /// flag that is set and adds bits not yielded yet (so a flag that combines others is
        /// yielded only when it comes first), then the bits no documented flag has, as one value.
        ///
        /// Works on bits as `u64` (an `i32` is zero-extended from its `u32` bits): the types
        /// convert to and from it.
        #[derive(Clone, Debug)]
        pub struct FlagsIter {
            named: &'static [(&'static str, u64)],
            source: u64,
            remaining: u64,
            next: usize,
        }

        impl FlagsIter {
            /// The flags of `bits`, by the names and bits of the documented flags, `named`.
            pub const fn new(named: &'static [(&'static str, u64)], bits: u64) -> Self {
                FlagsIter { named, source: bits, remaining: bits, next: 0 }
            }
        }

        impl Iterator for FlagsIter {
            /// The Rust name of the flag (`None` for the remaining bits) and its bits.
            type Item = (Option<&'static str>, u64);

            fn next(&mut self) -> Option<Self::Item> {
                while let Some(&(name, bits)) = self.named.get(self.next) {
                    if self.remaining == 0 {
                        return None;
                    }
                    self.next += 1;
                    if bits != 0 && self.source & bits == bits && self.remaining & bits != 0 {
                        self.remaining &= !bits;
                        return Some((Some(name), bits));
                    }
                }
                let rest = self.remaining;
                self.remaining = 0;
                (rest != 0).then_some((None, rest))
            }
        }

        /// The `Debug` of the `flags` style: the names of the flags set, then the other bits in
        /// hexadecimal (`Timestamp | Calibrated | 0x40`); an empty value is the name of the
        /// documented flag without bits, if there is one, else `0x0`.
        pub fn fmt_flags(
            f: &mut ::core::fmt::Formatter<'_>,
            named: &'static [(&'static str, u64)],
            bits: u64,
        ) -> ::core::fmt::Result {
            if bits == 0 {
                return match named.iter().find(|(_, flag)| *flag == 0) {
                    Some((name, _)) => f.write_str(name),
                    None => f.write_str("0x0"),
                };
            }
            for (i, (name, bits)) in FlagsIter::new(named, bits).enumerate() {
                if i > 0 {
                    f.write_str(" | ")?;
                }
                match name {
                    Some(name) => f.write_str(name)?,
                    None => write!(f, "{bits:#x}")?,
                }
            }
            Ok(())
        }
    }
}

fn flags_availability() -> TokenStream {
    quote! {
        /// Whether a combination of flags, `bits`, is allowed on `target`: by the type's
        /// `statements`, and by those of every documented flag it contains (`flags`: the bits
        /// and statements of each; a flag without bits counts when `bits` is empty).
        pub const fn flags_available_on(
            statements: &[Availability],
            flags: &[(u64, &[Availability])],
            bits: u64,
            target: Target,
        ) -> bool {
            if !is_available_on(statements, target) {
                return false;
            }
            let mut i = 0;
            while i < flags.len() {
                let (flag, flag_statements) = flags[i];
                i += 1;
                let set = if flag == 0 { bits == 0 } else { bits & flag == flag };
                if set && !is_available_on(flag_statements, target) {
                    return false;
                }
            }
            true
        }
    }
}

fn unknown_value() -> TokenStream {
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

fn availability(updates: bool) -> TokenStream {
    let update_variant = updates.then(|| {
        quote! {
            /// Available on versions later than this one, and on this one once an update the
            /// text names is installed (a [`Target`] does not say whether it is: only later
            /// versions meet it).
            SinceWithUpdate(Version),
        }
    });
    let update_constructor = updates.then(|| {
        quote! {
            /// Available on `major.minor` of `platform` with an update, and on later versions.
            pub const fn since_with_update(platform: Platform, major: u32, minor: u32, text: &'static str) -> Self {
                Self::at(platform, Requirement::SinceWithUpdate(Version { major, minor }), text)
            }
        }
    });
    let update_arm = updates.then(|| {
        quote! {
            Requirement::SinceWithUpdate(min) => {
                since_seen = true;
                since_met |= version_less(min, v);
            }
        }
    });
    quote! {
        /// A system or framework that documentation states availability for.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Platform {
            /// Windows client editions; versions are build numbers.
            Windows,
            /// Windows Server; versions are build numbers.
            WindowsServer,
            /// Kernel-Mode Driver Framework.
            Kmdf,
            /// User-Mode Driver Framework.
            Umdf,
            /// Network Driver Interface Specification.
            Ndis,
            /// Windows Display Driver Model.
            Wddm,
            /// Background Intelligent Transfer Service.
            Bits,
            /// DirectX.
            DirectX,
            /// Direct3D.
            Direct3D,
            /// DirectX Graphics Infrastructure.
            Dxgi,
            /// Indirect Display Driver class extension.
            IddCx,
        }

        impl Platform {
            /// Whether this is a framework or driver model rather than Windows itself.
            pub const fn is_framework(self) -> bool {
                !matches!(self, Platform::Windows | Platform::WindowsServer)
            }
        }

        /// A version of a [`Platform`]: `(build, service pack)` for Windows and Windows
        /// Server, `(major, minor)` for frameworks (NDIS 6.30 is `(6, 30)`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct Version {
            /// Build number, or major version.
            pub major: u32,
            /// Service pack, or minor version.
            pub minor: u32,
        }

        /// What one documentation statement says about a platform.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Requirement {
            /// Available starting with this version.
            Since(Version),
            #update_variant
            /// Not supported on this version and earlier.
            NotUpTo(Version),
            /// Not supported on this version and later.
            NotFrom(Version),
            /// Only on this version.
            Only(Version),
            /// Deprecated (since the version, when one is given).
            Deprecated(Option<Version>),
            /// Available, in any version.
            Available,
            /// Available on this platform only (among frameworks).
            Exclusive,
            /// Not available.
            NotAvailable,
        }

        /// One availability statement, as documented.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct Availability {
            /// The platform it is about (`None`: it applies everywhere, as "Deprecated." does).
            pub platform: Option<Platform>,
            /// What it says.
            pub requirement: Requirement,
            /// The sentence of the documentation it comes from.
            pub text: &'static str,
        }

        impl Availability {
            /// Available starting with `major.minor` of `platform`.
            pub const fn since(platform: Platform, major: u32, minor: u32, text: &'static str) -> Self {
                Self::at(platform, Requirement::Since(Version { major, minor }), text)
            }

            #update_constructor

            /// Not supported on `major.minor` of `platform` and earlier.
            pub const fn not_up_to(platform: Platform, major: u32, minor: u32, text: &'static str) -> Self {
                Self::at(platform, Requirement::NotUpTo(Version { major, minor }), text)
            }

            /// Not supported on `major.minor` of `platform` and later.
            pub const fn not_from(platform: Platform, major: u32, minor: u32, text: &'static str) -> Self {
                Self::at(platform, Requirement::NotFrom(Version { major, minor }), text)
            }

            /// Only on `major.minor` of `platform`.
            pub const fn only_in(platform: Platform, major: u32, minor: u32, text: &'static str) -> Self {
                Self::at(platform, Requirement::Only(Version { major, minor }), text)
            }

            /// Deprecated since `major.minor` of `platform`.
            pub const fn deprecated_in(platform: Platform, major: u32, minor: u32, text: &'static str) -> Self {
                Self::at(platform, Requirement::Deprecated(Some(Version { major, minor })), text)
            }

            /// Deprecated, everywhere.
            pub const fn deprecated(text: &'static str) -> Self {
                Availability { platform: None, requirement: Requirement::Deprecated(None), text }
            }

            /// Available on `platform`, any version.
            pub const fn available(platform: Platform, text: &'static str) -> Self {
                Self::at(platform, Requirement::Available, text)
            }

            /// Available on `platform` only (among frameworks).
            pub const fn exclusive(platform: Platform, text: &'static str) -> Self {
                Self::at(platform, Requirement::Exclusive, text)
            }

            /// Not available on `platform`.
            pub const fn not_available(platform: Platform, text: &'static str) -> Self {
                Self::at(platform, Requirement::NotAvailable, text)
            }

            const fn at(platform: Platform, requirement: Requirement, text: &'static str) -> Self {
                Availability { platform: Some(platform), requirement, text }
            }
        }

        /// A system a program runs on, to check availability against.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct Target {
            /// The platform.
            pub platform: Platform,
            /// Its version.
            pub version: Version,
        }

        impl Target {
            /// Windows (client) with build number `build` (e.g. 17763 for Windows 10, version 1809).
            pub const fn windows(build: u32) -> Self {
                Target { platform: Platform::Windows, version: Version { major: build, minor: 0 } }
            }

            /// Windows Server with build number `build` (e.g. 17763 for Windows Server 2019).
            pub const fn windows_server(build: u32) -> Self {
                Target { platform: Platform::WindowsServer, version: Version { major: build, minor: 0 } }
            }

            /// A framework at version `major.minor` (KMDF 1.11 is `(Platform::Kmdf, 1, 11)`).
            pub const fn framework(platform: Platform, major: u32, minor: u32) -> Self {
                Target { platform, version: Version { major, minor } }
            }
        }

        /// Whether `statements` allow `target`: every statement about the target's platform
        /// must allow its version (of several "since" statements, one suffices), and a
        /// framework another statement says is exclusive is excluded.
        pub const fn is_available_on(statements: &[Availability], target: Target) -> bool {
            let mut since_seen = false;
            let mut since_met = false;
            let mut i = 0;
            while i < statements.len() {
                let s = statements[i];
                i += 1;
                let Some(platform) = s.platform else { continue };
                if !same_platform(platform, target.platform) {
                    if matches!(s.requirement, Requirement::Exclusive)
                        && platform.is_framework()
                        && target.platform.is_framework()
                    {
                        return false;
                    }
                    continue;
                }
                let v = target.version;
                match s.requirement {
                    Requirement::Since(min) => {
                        since_seen = true;
                        since_met |= !version_less(v, min);
                    }
                    #update_arm
                    Requirement::NotUpTo(max) => {
                        if !version_less(max, v) {
                            return false;
                        }
                    }
                    Requirement::NotFrom(min) => {
                        if !version_less(v, min) {
                            return false;
                        }
                    }
                    Requirement::Only(only) => {
                        if only.major != v.major {
                            return false;
                        }
                    }
                    Requirement::NotAvailable => return false,
                    Requirement::Deprecated(_) | Requirement::Available | Requirement::Exclusive => {}
                }
            }
            !since_seen || since_met
        }

        const fn same_platform(a: Platform, b: Platform) -> bool {
            a as u8 == b as u8
        }

        const fn version_less(a: Version, b: Version) -> bool {
            a.major < b.major || (a.major == b.major && a.minor < b.minor)
        }
    }
}
