//! What a project chooses: the settings ([`Config`]), the per-enum overrides it holds, and the
//! reader of `docbind.toml` that fills them. Plain data and their parser; the stages read it.

mod file;
pub mod overrides;
mod settings;

pub use overrides::{EnumOverride, Origin, ValueOverride, VariantOverride};
pub use settings::{Config, NameStyle};
