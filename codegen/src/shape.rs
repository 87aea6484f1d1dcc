//! What an enum looks like, from the model alone: whether it is a set of bit flags.
//!
//! A C enum whose values are OR-ed together is not an enum in Rust's sense. docbind offers
//! such an enum the `flags` style when both its values and its words say so (see
//! [`looks_like_flags`]); the configuration decides in the end ([`Config::style_for`]).

use crate::config::Config;
use crate::model::{Bindings, Enum, ValueSource};

/// Sets what the style of each enum depends on, once its values and names are final (after
/// the configuration's overrides): whether it looks like flags, its style
/// ([`Config::style_for`]) and whether it is `#[non_exhaustive]`.
pub(crate) fn resolve_styles(bindings: &mut Bindings, config: &Config) {
    for e in bindings
        .modules
        .values_mut()
        .flat_map(|m| m.enums.iter_mut())
    {
        e.looks_like_flags = looks_like_flags(e);
        e.style = config.style_for(e);
        e.non_exhaustive = config.non_exhaustive;
    }
}

/// Whether `e` is a set of bit flags. Both must hold:
///
/// - its values, in page order, are each zero, a single bit, or the union of earlier values
///   (`ALL = A | B`); none is negative, and none but zero was inferred (C's counting rule on a
///   page that gives no values says nothing about bits);
/// - a C name of the type or of an enumerator contains `FLAG` or `MASK` (any case), or the
///   description or remarks speak of flags, a bit mask or a bitwise OR.
pub fn looks_like_flags(e: &Enum) -> bool {
    let values: Vec<(i128, ValueSource)> = e
        .variants
        .iter()
        .map(|v| (v.value, v.value_source))
        .collect();
    let names = std::iter::once(e.c_name.as_str())
        .chain(std::iter::once(e.name.as_str()))
        .chain(e.aliases.iter().map(String::as_str))
        .chain(e.variants.iter().map(|v| v.c_name.as_str()));
    values_are_bits(&values) && words_say_flags(names, &[&e.description, &e.remarks])
}

/// Whether every value, in page order, is zero, a single bit, or the union of earlier values
/// (`ALL = A | B`); none is negative; and no value other than zero was inferred.
///
/// An inferred value is C's counting rule applied to a page that gives no values: 0, 1, 2, 3
/// counts, and a page that names its enum FLAGS but does not give its values has bits that
/// docbind cannot know, so it is not offered as flags.
pub fn values_are_bits(values: &[(i128, ValueSource)]) -> bool {
    let mut earlier: Vec<i128> = Vec::with_capacity(values.len());
    for &(value, source) in values {
        if value < 0 || (source == ValueSource::Inferred && value != 0) {
            return false;
        }
        let single_bit = value & (value - 1) == 0;
        if !single_bit {
            // The union of the earlier values that lie within it must be all of it.
            let union = earlier
                .iter()
                .filter(|&&e| e != 0 && e & !value == 0)
                .fold(0, |acc, &e| acc | e);
            if union != value {
                return false;
            }
        }
        earlier.push(value);
    }
    !values.is_empty()
}

/// Whether a name says `FLAG`/`FLAGS`/`MASK` (any case), or the documentation speaks of flags,
/// bit masks or a bitwise OR.
pub fn words_say_flags<'a>(names: impl IntoIterator<Item = &'a str>, docs: &[&str]) -> bool {
    let name_says = names.into_iter().any(|name| {
        let upper = name.to_ascii_uppercase();
        upper.contains("FLAG") || upper.contains("MASK")
    });
    name_says
        || docs.iter().any(|text| {
            let text = text.to_ascii_lowercase().replace(['\n', '-', '*'], " ");
            const PHRASES: &[&str] = &[
                "flags",
                "bitmask",
                "bit mask",
                "bitwise or",
                "bitwise combination",
                "or ed together",
                "ored together",
                "combined with a bitwise",
            ];
            PHRASES.iter().any(|p| text.contains(p))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ValueSource::{Heading, Inferred, Syntax};

    fn written(values: &[i128]) -> Vec<(i128, ValueSource)> {
        values.iter().map(|&v| (v, Heading)).collect()
    }

    #[test]
    fn single_bits_zero_and_unions_of_earlier_values_are_bits() {
        assert!(values_are_bits(&written(&[0, 1, 2, 4, 8, 0xF])));
        assert!(
            values_are_bits(&written(&[1, 2, 3])),
            "READ, WRITE, READ_WRITE"
        );
        assert!(values_are_bits(&written(&[0x1, 0x80000000])));
        assert!(
            values_are_bits(&written(&[0])),
            "a flags type with no flag yet"
        );
        assert!(values_are_bits(&[(0, Inferred), (1, Syntax), (2, Heading)]));
        // The same value twice (an alias) is a union of earlier values.
        assert!(values_are_bits(&written(&[1, 2, 2])));
    }

    #[test]
    fn counting_negative_and_unknown_unions_are_not_bits() {
        assert!(
            !values_are_bits(&written(&[1, 2, 5])),
            "5 needs bit 4, never seen"
        );
        assert!(
            !values_are_bits(&written(&[3, 1, 2])),
            "3 comes before its bits"
        );
        assert!(!values_are_bits(&written(&[-1, 1, 2])));
        assert!(!values_are_bits(&[
            (0, Inferred),
            (1, Inferred),
            (2, Inferred)
        ]));
        assert!(!values_are_bits(&[(1, Heading), (2, Inferred)]));
        assert!(!values_are_bits(&[]));
    }

    #[test]
    fn names_or_documentation_must_say_flags() {
        assert!(words_say_flags(["CONTOSO_CAPTURE_FLAGS"], &[]));
        assert!(words_say_flags(["RILADDRESSPARAMMASK"], &[]));
        assert!(words_say_flags(["KsFlagAvc"], &[]));
        assert!(words_say_flags(
            ["WDF_IO_QUEUE_STATE"],
            &["The enumerators are used as bit masks."]
        ));
        assert!(words_say_flags(
            ["X"],
            &["The values can be combined with a\nbitwise-OR operation."]
        ));
        assert!(!words_say_flags(
            ["BG_JOB_TYPE"],
            &["The type of transfer job."]
        ));
        // "flag" alone is too common in prose about ordinary enums.
        assert!(!words_say_flags(
            ["WDF_IO_TARGET_PURGE_IO_ACTION"],
            &["If your driver specifies the **WdfIoTargetPurgeIoAndWait** flag, ..."]
        ));
    }
}
