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
/// - a word of a C name of the type or of an enumerator ends in `FLAG`, `FLAGS` or `MASK`
///   (`CONTOSO_CAPTURE_FLAGS`, `RILADDRESSPARAMMASK`, `WdfFlagNone`, not `MASKED_COLOR`); or
///   the description or remarks speak of flags, a bit mask or a bitwise OR, and a value is
///   4 or more (0, 1 and 2 alone could be counting).
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
    values_are_bits(&values)
        && (name_says_flags(names)
            || (docs_say_flags(&[&e.description, &e.remarks])
                && values.iter().any(|&(v, _)| v >= 4)))
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

/// Whether a word of a name (split at `_` and where a lower-case letter or a digit is followed
/// by an upper-case one) ends in `FLAG`, `FLAGS` or `MASK`, in any case.
pub fn name_says_flags<'a>(names: impl IntoIterator<Item = &'a str>) -> bool {
    names.into_iter().any(|name| {
        words(name).iter().any(|word| {
            let word = word.to_ascii_uppercase();
            ["FLAG", "FLAGS", "MASK"]
                .iter()
                .any(|end| word.ends_with(end))
        })
    })
}

/// The words of a C name: `WdfRetrieveChildFlags` → `Wdf`, `Retrieve`, `Child`, `Flags`.
fn words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in name.split('_').filter(|p| !p.is_empty()) {
        let bytes = part.as_bytes();
        let mut start = 0;
        for i in 1..bytes.len() {
            if bytes[i].is_ascii_uppercase() && !bytes[i - 1].is_ascii_uppercase() {
                out.push(&part[start..i]);
                start = i;
            }
        }
        out.push(&part[start..]);
    }
    out
}

/// Whether documentation speaks of flags, bit masks or a bitwise OR.
pub fn docs_say_flags(docs: &[&str]) -> bool {
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
    docs.iter().any(|text| {
        let text = text.to_ascii_lowercase().replace(['\n', '-', '*'], " ");
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
    fn names_say_flags_by_the_end_of_a_word() {
        assert!(name_says_flags(["CONTOSO_CAPTURE_FLAGS"]));
        assert!(name_says_flags(["CONTOSO_CAPTURE_FLAG_NONE"]));
        assert!(name_says_flags(["RILADDRESSPARAMMASK"]));
        assert!(name_says_flags(["_BPIO_INFLAGS"]));
        assert!(name_says_flags(["WdfRetrieveChildFlags"]));
        assert!(name_says_flags(["KsFlagAvc"]));
        assert!(!name_says_flags(["IDDCX_CURSOR_SHAPE_TYPE_MASKED_COLOR"]));
        assert!(!name_says_flags(["BG_JOB_TYPE", "BgJobType"]));
        assert!(!name_says_flags(["FLAGGED_STATE"]));
    }

    #[test]
    fn documentation_says_flags_by_phrase() {
        assert!(docs_say_flags(&["The enumerators are used as bit masks."]));
        assert!(docs_say_flags(&[
            "The values can be combined with a\nbitwise-OR operation."
        ]));
        assert!(!docs_say_flags(&["The type of transfer job."]));
        // "flag" alone is too common in prose about ordinary enums.
        assert!(!docs_say_flags(&[
            "If your driver specifies the **WdfIoTargetPurgeIoAndWait** flag, ..."
        ]));
    }

    fn enum_with(c_name: &str, values: &[i128], description: &str) -> Enum {
        let variants = values
            .iter()
            .enumerate()
            .map(|(i, &value)| crate::model::Variant {
                name: format!("V{i}"),
                c_name: format!("V{i}"),
                value,
                value_source: Heading,
                line: 0,
                docs: String::new(),
                availability: Vec::new(),
                alias_of: None,
            })
            .collect();
        Enum {
            name: c_name.to_string(),
            c_name: c_name.to_string(),
            aliases: Vec::new(),
            uid: String::new(),
            source: String::new(),
            module: "m".to_string(),
            repr: crate::model::Repr::I32,
            description: description.to_string(),
            remarks: String::new(),
            see_also: Vec::new(),
            url: None,
            availability: Vec::new(),
            header_file: None,
            winmd_type: None,
            winmd_file: None,
            variants,
            looks_like_flags: false,
            style: Default::default(),
            non_exhaustive: true,
        }
    }

    #[test]
    fn values_and_words_together_make_flags() {
        assert!(looks_like_flags(&enum_with("X_FLAGS", &[0, 1, 2], "")));
        assert!(looks_like_flags(&enum_with(
            "WDF_IO_QUEUE_STATE",
            &[1, 2, 4, 8],
            "The enumerators are used as bit masks."
        )));
        // Documentation alone needs a value past counting range.
        assert!(!looks_like_flags(&enum_with(
            "CHECKSUM_EVALUATION",
            &[0, 1, 2],
            "specifies checksum evaluation flags"
        )));
        assert!(!looks_like_flags(&enum_with("X_FLAGS", &[0, 1, 2, 5], "")));
        assert!(!looks_like_flags(&enum_with("X_TYPE", &[0, 1, 2, 4], "")));
    }
}
