//! Stage 5, the files: tokens → formatted Rust → files on disk. [`layout`] decides which files
//! a model becomes and renders them (one enum at a time); [`format`] turns tokens into text with
//! syn and prettyplease; [`fingerprint`] stamps each file so unchanged output is reused; and
//! [`write`] stages every file and renames it into place, so no directory is ever half-written.

pub mod fingerprint;
pub mod format;
pub mod layout;
pub mod write;

pub use write::{Difference, Files, MARKER, WriteReport};
