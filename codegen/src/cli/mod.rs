//! The command-line tool's own modules. They are compiled into the `docbind` binary only (with
//! the `cli` feature), never into the library a build script uses.

pub mod api_diff;
pub mod diff;
pub mod lint;
pub mod report;
