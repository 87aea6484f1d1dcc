//! What a run reports: the loaded model with its diagnostics and timings ([`Loaded`],
//! [`Skipped`], [`Timings`]), the header cross-check ([`HeaderReport`]) and the
//! Windows metadata's ([`WinmdReport`]), the rendered files and
//! what writing them changed ([`Files`], [`WriteReport`], [`Difference`]), and a whole
//! generation ([`Generated`]); the version notes of every page of a tree ([`Survey`], from
//! [`crate::survey_availability`]).

pub use crate::Generated;
pub use crate::lower::availability::FrontMatterKey;
pub use crate::lower::availability::survey::Origin;
pub use crate::output::write::{Difference, Files, WriteReport};
pub use crate::pipeline::{Loaded, Skipped, Survey, SurveyNote, Timings};
pub use crate::witness::headers::HeaderReport;
pub use crate::witness::winmd_map::WinmdReport;
