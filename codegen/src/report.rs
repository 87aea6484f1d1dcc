//! What a run reports: the loaded model with its diagnostics and timings ([`Loaded`],
//! [`Skipped`], [`Timings`]), the header cross-check ([`HeaderReport`]) and the
//! Windows metadata's ([`WinmdReport`]), the rendered files and
//! what writing them changed ([`Files`], [`WriteReport`], [`Difference`]), and a whole
//! generation ([`Generated`]).

pub use crate::Generated;
pub use crate::output::write::{Difference, Files, WriteReport};
pub use crate::pipeline::{Loaded, Skipped, Timings};
pub use crate::witness::headers::HeaderReport;
pub use crate::witness::winmd_map::WinmdReport;
