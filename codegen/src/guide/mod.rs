//! The reference guide: what the README leaves out, one page a topic.
//!
//! The README (at the root of the repository) says what docbind is and how to use it; these
//! pages are the detail behind it: the enum styles, how page text becomes doc comments and
//! availability data, the build script and the command line, `docbind.toml`, the JSON model,
//! what a docs update changes for semver, values from C headers and from Windows metadata, the
//! figures measured on the real corpus and for performance, and what docbind does with bad and
//! hostile input.
//!
//! Each page is a Markdown file next to this module (`codegen/src/guide/*.md`), readable on its
//! own in the repository and rendered here by `cargo doc -p docbind --open`. The modules hold
//! no items.

#[doc = include_str!("enum_styles.md")]
pub mod enum_styles {}

#[doc = include_str!("doc_comments.md")]
pub mod doc_comments {}

#[doc = include_str!("availability.md")]
pub mod availability {}

#[doc = include_str!("build_rs.md")]
pub mod build_rs {}

#[doc = include_str!("cli.md")]
pub mod cli {}

#[doc = include_str!("configuration.md")]
pub mod configuration {}

#[doc = include_str!("json_model.md")]
pub mod json_model {}

#[doc = include_str!("diff.md")]
pub mod diff {}

#[doc = include_str!("headers.md")]
pub mod headers {}

#[doc = include_str!("winmd.md")]
pub mod winmd {}

#[doc = include_str!("corpus.md")]
pub mod corpus {}

#[doc = include_str!("performance.md")]
pub mod performance {}

#[doc = include_str!("hostile_input.md")]
pub mod hostile_input {}
