//! The error of a failed run: every diagnostic that made it fail.

use crate::diagnostic::Diagnostic;
use std::fmt;

/// A run that produced no output. Holds every error (and warning) found, not just the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// What went wrong, in page order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// An error made of one diagnostic.
    pub fn single(d: Diagnostic) -> Self {
        Error {
            diagnostics: vec![d],
        }
    }

    /// How many diagnostics are errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.diagnostics.iter().filter(|d| d.is_error()) {
            writeln!(f, "{d}\n")?;
        }
        let n = self.error_count();
        write!(
            f,
            "docbind: {n} error{} found; nothing was written",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Error {}
