//! Stage 1, the page: bytes on disk → a parsed page. [`read`] lists a docs tree and decodes
//! each file into a `SourcePage`; [`front_matter`] splits and parses its YAML header;
//! [`sections`] walks its Markdown (pulldown-cmark) into `Sections`. Nothing here knows of
//! Rust or of the model.

pub mod front_matter;
pub mod read;
pub mod sections;
