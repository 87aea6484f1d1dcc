//! Stage 3, the witnesses: sources other than the page that say what a value is.
//!
//! - The C headers of `header-dirs`: [`scan`] indexes the enums and `#define`s of a header tree
//!   (with the C reader in `crate::c`), and [`headers`] checks the model against that index,
//!   correcting values, adding header-only enumerators and reporting every disagreement.
//! - The Windows metadata of `winmd` (`.winmd` files): `winmd` reads them (with the `winmd`
//!   feature) into the plain rows of [`winmd_map`], which checks the model the same way.
//!
//! When several witnesses know a value, [`precedence`] says which one wins.

pub mod headers;
pub mod precedence;
pub mod scan;
mod undocumented;
#[cfg(feature = "winmd")]
pub mod winmd;
pub mod winmd_map;
