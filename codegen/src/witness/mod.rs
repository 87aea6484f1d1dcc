//! Stage 3, the witnesses: sources other than the page that say what a value is. Today the C
//! headers of `header-dirs`: [`scan`] indexes the enums and `#define`s of a header tree (with
//! the C reader in `crate::c`), and [`headers`] checks the model against that index, correcting
//! values, adding header-only enumerators and reporting every disagreement.

pub mod headers;
pub mod scan;
