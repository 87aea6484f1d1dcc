//! Semver levels and versions: how much a change asks of the next release.

use std::fmt;
use std::str::FromStr;

/// How much of a release a change needs, as [cargo-semver-checks] would say of the generated
/// crate: ordered `Patch < Minor < Major`.
///
/// [cargo-semver-checks]: https://github.com/obi1kenobi/cargo-semver-checks
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Nothing that code can observe but the documentation.
    Patch,
    /// Additions and other changes that compile wherever the old crate compiled.
    Minor,
    /// Changes that can break code that compiled against the old crate.
    Major,
}

impl Level {
    /// Every level, from the least to the most.
    pub const ALL: [Level; 3] = [Level::Patch, Level::Minor, Level::Major];

    /// `patch`, `minor` or `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Level::ALL
            .into_iter()
            .find(|level| level.as_str() == s)
            .ok_or_else(|| format!("unknown semver level `{s}` (major, minor or patch)"))
    }
}

/// A release version `MAJOR.MINOR.PATCH` (no pre-release or build metadata).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// The major version.
    pub major: u64,
    /// The minor version.
    pub minor: u64,
    /// The patch version.
    pub patch: u64,
}

impl Version {
    /// The version the release after `self` needs for changes of `level` (`None`: no change,
    /// the same version), by Cargo's rules of compatibility: from `1.4.2`, a major change
    /// gives `2.0.0`, a minor one `1.5.0`, a patch `1.4.3`. Below 1.0.0 the leftmost non-zero
    /// number is the one that breaks: from `0.4.2`, a major change gives `0.5.0` and a minor or
    /// patch change `0.4.3`; from `0.0.2`, any change gives `0.0.3`.
    ///
    /// ```
    /// use docbind::diff::{Level, Version};
    /// let next = |v: &str, level| v.parse::<Version>().unwrap().next(level).to_string();
    /// assert_eq!(next("1.4.2", Some(Level::Minor)), "1.5.0");
    /// assert_eq!(next("0.4.2", Some(Level::Major)), "0.5.0");
    /// assert_eq!(next("0.4.2", Some(Level::Minor)), "0.4.3");
    /// assert_eq!(next("1.4.2", None), "1.4.2");
    /// ```
    pub fn next(self, level: Option<Level>) -> Version {
        let Some(level) = level else {
            return self;
        };
        let Version {
            major,
            minor,
            patch,
        } = self;
        let (major, minor, patch) = match (major, minor, level) {
            (0, 0, _) => (0, 0, patch.saturating_add(1)),
            (0, _, Level::Major) => (0, minor.saturating_add(1), 0),
            (0, _, Level::Minor | Level::Patch) => (0, minor, patch.saturating_add(1)),
            (_, _, Level::Major) => (major.saturating_add(1), 0, 0),
            (_, _, Level::Minor) => (major, minor.saturating_add(1), 0),
            (_, _, Level::Patch) => (major, minor, patch.saturating_add(1)),
        };
        Version {
            major,
            minor,
            patch,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl FromStr for Version {
    type Err = String;

    /// `MAJOR.MINOR.PATCH`, each a decimal number without leading zeros (as semver writes
    /// them).
    fn from_str(s: &str) -> Result<Self, String> {
        let invalid = || format!("invalid version `{s}`: expected MAJOR.MINOR.PATCH, e.g. 1.4.2");
        let numbers: Vec<u64> = s
            .split('.')
            .map(|part| {
                let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
                let leading_zero = part.len() > 1 && part.starts_with('0');
                if digits && !leading_zero {
                    part.parse::<u64>().map_err(|_| invalid())
                } else {
                    Err(invalid())
                }
            })
            .collect::<Result<_, _>>()?;
        match numbers[..] {
            [major, minor, patch] => Ok(Version {
                major,
                minor,
                patch,
            }),
            _ => Err(invalid()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(v: &str, level: Option<Level>) -> String {
        v.parse::<Version>().unwrap().next(level).to_string()
    }

    #[test]
    fn one_and_above_bump_the_number_of_the_level() {
        assert_eq!(next("1.4.2", Some(Level::Major)), "2.0.0");
        assert_eq!(next("1.4.2", Some(Level::Minor)), "1.5.0");
        assert_eq!(next("1.4.2", Some(Level::Patch)), "1.4.3");
        assert_eq!(next("1.4.2", None), "1.4.2");
    }

    #[test]
    fn below_one_the_leftmost_non_zero_number_breaks() {
        assert_eq!(next("0.4.2", Some(Level::Major)), "0.5.0");
        assert_eq!(next("0.4.2", Some(Level::Minor)), "0.4.3");
        assert_eq!(next("0.4.2", Some(Level::Patch)), "0.4.3");
        assert_eq!(next("0.0.2", Some(Level::Major)), "0.0.3");
        assert_eq!(next("0.0.2", Some(Level::Patch)), "0.0.3");
        assert_eq!(next("0.0.0", None), "0.0.0");
    }

    #[test]
    fn versions_are_three_plain_numbers() {
        for bad in [
            "",
            "1",
            "1.2",
            "1.2.3.4",
            "v1.2.3",
            "1.2.x",
            "01.2.3",
            "1.2.3-beta",
            "1..3",
            " 1.2.3",
        ] {
            assert!(bad.parse::<Version>().is_err(), "{bad:?}");
        }
        assert_eq!("10.0.0".parse::<Version>().unwrap().major, 10);
    }

    #[test]
    fn levels_are_ordered_and_named() {
        assert!(Level::Patch < Level::Minor && Level::Minor < Level::Major);
        for level in Level::ALL {
            assert_eq!(level.as_str().parse::<Level>(), Ok(level));
        }
        assert!("breaking".parse::<Level>().is_err());
    }
}
