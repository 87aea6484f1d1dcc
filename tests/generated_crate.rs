//! The checked-in `generated/` crate: up to date with `docs/`, and usable as the README says.

use docbind::{Config, Layout};
use docbind_generated::UnknownValue;
use docbind_generated::bits::BgJobType;
use docbind_workspace_tests::workspace_root;

/// A docs change without `cargo run -p docbind -- generate` fails here.
#[test]
fn generated_sources_are_up_to_date_with_docs() {
    let root = workspace_root();
    let docs = root.join("docs");
    let config = Config::discover(&docs).unwrap();
    let generated =
        docbind::generate(&docs, &config, &Layout::Src).unwrap_or_else(|e| panic!("{e}"));
    let diffs = docbind::check(&root.join("generated/src"), &generated.files);
    let names: Vec<_> = diffs
        .iter()
        .map(|d| d.path().display().to_string())
        .collect();
    assert!(
        diffs.is_empty(),
        "generated/src is out of date with docs/ ({names:?}); run `cargo run -p docbind -- generate`"
    );
}

#[test]
fn seed_enum_has_values_names_and_conversions() {
    assert_eq!(BgJobType::Download as i32, 0);
    assert_eq!(BgJobType::Upload as i32, 1);
    assert_eq!(BgJobType::UploadReply as i32, 2);
    assert_eq!(
        BgJobType::ALL,
        [
            BgJobType::Download,
            BgJobType::Upload,
            BgJobType::UploadReply
        ]
    );
    assert_eq!(BgJobType::UploadReply.c_name(), "BG_JOB_TYPE_UPLOAD_REPLY");
    assert_eq!(BgJobType::C_NAME, "BG_JOB_TYPE");
    assert_eq!(BgJobType::try_from(2), Ok(BgJobType::UploadReply));
    assert_eq!(i32::from(BgJobType::Upload), 1);
    let err: UnknownValue<i32> = BgJobType::try_from(7).unwrap_err();
    assert_eq!(err.raw(), 7);
    assert_eq!(err.to_string(), "7 is not a value of BG_JOB_TYPE");
    assert_eq!(BgJobType::from_raw(-1), None);
}

#[test]
fn seed_availability_is_data_and_checkable() {
    use docbind_generated::{Platform, Requirement, Target, Version};
    // The type needs Windows XP / Windows Server 2003 (its front matter).
    let client = BgJobType::AVAILABILITY
        .iter()
        .find(|a| a.platform == Some(Platform::Windows))
        .unwrap();
    assert_eq!(
        client.requirement,
        Requirement::Since(Version {
            major: 2600,
            minor: 0
        })
    );
    assert!(
        BgJobType::AVAILABILITY
            .iter()
            .any(|a| a.platform == Some(Platform::WindowsServer))
    );
    assert!(BgJobType::Download.is_available_on(Target::windows(2600)));
    assert!(!BgJobType::Download.is_available_on(Target::windows(2195)));
    // Upload and UploadReply: "BITS 1.2 and earlier: Not supported."
    for value in [BgJobType::Upload, BgJobType::UploadReply] {
        let [note] = value.availability() else {
            panic!("{value:?}: {:?}", value.availability())
        };
        assert_eq!(note.platform, Some(Platform::Bits));
        assert_eq!(
            note.requirement,
            Requirement::NotUpTo(Version { major: 1, minor: 2 })
        );
        assert!(note.text.contains("BITS 1.2 and earlier"), "{}", note.text);
        assert!(!value.is_available_on(Target::framework(Platform::Bits, 1, 2)));
        assert!(value.is_available_on(Target::framework(Platform::Bits, 1, 5)));
    }
    assert!(BgJobType::Download.availability().is_empty());
    assert!(BgJobType::Download.is_available_on(Target::framework(Platform::Bits, 1, 0)));
}

/// `from_raw` and `c_name` of every `rust`-style enum in `generated/`: every value converts to
/// its integer and back, and an integer converts only when it is a value. The enums cover
/// values counted from 0, from a negative number (`FabrikamPriority`), from `0x100`
/// (`FabrikamSurfaceUsage`), and values with gaps (`FabrikamPixelFormat`, `ContosoMode`).
#[test]
fn every_value_converts_to_its_integer_and_back() {
    use docbind_generated::{bits, contoso, fabrikam};
    macro_rules! round_trip {
        ($($t:ty),* $(,)?) => {$({
            let mut c_names = std::collections::BTreeSet::new();
            for &value in <$t>::ALL {
                assert_eq!(<$t>::from_raw(value.to_raw()), Some(value), "{value:?}");
                assert!(c_names.insert(value.c_name()), "{value:?}");
            }
            let probes = (-300_i128..=300).chain([i128::from(i32::MIN), i128::from(u32::MAX)]);
            for probe in probes {
                let Ok(raw) = probe.try_into() else { continue };
                let known = <$t>::ALL.iter().any(|value| value.to_raw() == raw);
                assert_eq!(<$t>::from_raw(raw).is_some(), known, "{} {raw}", stringify!($t));
            }
        })*};
    }
    round_trip!(
        bits::BgJobType,
        contoso::ContosoMode,
        contoso::ContosoStatusCode,
        fabrikam::FabrikamColorSpace,
        fabrikam::FabrikamMode,
        fabrikam::FabrikamPixelFormat,
        fabrikam::FabrikamPriority,
        fabrikam::FabrikamSurfaceUsage,
    );
}
