//! The enum styles at run time, through the golden files (compiled into the tests' library):
//! raw values, documented or not, pass through `newtype` and `flags` types without loss, the
//! flag operations and `Debug` behave as documented, and every style carries the same
//! availability data.

use docbind_workspace_tests::golden;
use std::fs;
use std::mem::{align_of, size_of};

/// Integers a C function could hand over: documented values, undocumented ones, extremes.
const RAW_I32: &[i32] = &[
    i32::MIN,
    -2,
    -1,
    0,
    1,
    2,
    3,
    4,
    7,
    0xF,
    0x40,
    0x4F,
    i32::MAX,
];
const RAW_U32: &[u32] = &[
    0,
    1,
    259,
    260,
    261,
    0x8000_0000,
    0x8000_0003,
    u32::MAX - 1,
    u32::MAX,
];

#[test]
fn newtype_keeps_every_raw_value() {
    use golden::seed_newtype::bits::BgJobType;
    assert_eq!(size_of::<BgJobType>(), size_of::<i32>());
    assert_eq!(align_of::<BgJobType>(), align_of::<i32>());
    for &raw in RAW_I32 {
        let value = BgJobType::from_raw(raw);
        assert_eq!(value.to_raw(), raw);
        assert_eq!(i32::from(BgJobType::from(raw)), raw);
        assert_eq!(BgJobType(raw).0, raw);
        assert_eq!(value.is_known(), (0..=2).contains(&raw), "{raw}");
        if !value.is_known() {
            assert_eq!(format!("{value:?}"), format!("BgJobType({raw})"));
            assert_eq!(value.c_name(), None);
        }
    }
    assert_eq!(BgJobType::Upload, BgJobType(1));
    assert_eq!(format!("{:?}", BgJobType::UploadReply), "UploadReply");
    assert_eq!(BgJobType::UploadReply.name(), Some("UploadReply"));
    assert_eq!(
        BgJobType::UploadReply.c_name(),
        Some("BG_JOB_TYPE_UPLOAD_REPLY")
    );
    assert_eq!(
        BgJobType::ALL,
        [
            BgJobType::Download,
            BgJobType::Upload,
            BgJobType::UploadReply
        ]
    );
    // Constants are patterns.
    let described = match BgJobType::from_raw(2) {
        BgJobType::Download => "download",
        BgJobType::Upload | BgJobType::UploadReply => "upload",
        _ => "unknown",
    };
    assert_eq!(described, "upload");

    use golden::contoso_newtype::contoso::{ContosoMode, ContosoStatusCode};
    for &raw in RAW_U32 {
        assert_eq!(ContosoStatusCode::from_raw(raw).to_raw(), raw);
        assert_eq!(u32::from(ContosoStatusCode::from(raw)), raw);
    }
    assert_eq!(format!("{:?}", ContosoStatusCode(u32::MAX)), "Unknown");
    assert_eq!(
        format!("{:?}", ContosoStatusCode(7)),
        "ContosoStatusCode(7)"
    );
    // An alias is the same value, named by the first name.
    assert_eq!(ContosoMode::Default, ContosoMode::Balanced);
    assert_eq!(format!("{:?}", ContosoMode::Default), "Balanced");
    assert_eq!(format!("{:?}", ContosoMode::Invalid), "Invalid");
}

#[test]
fn flags_keep_every_raw_value_and_iterate_to_it() {
    use golden::contoso_default::contoso::ContosoCaptureFlags as Flags;
    assert_eq!(size_of::<Flags>(), size_of::<i32>());
    for &raw in RAW_I32 {
        let flags = Flags::from_bits_retain(raw);
        assert_eq!(flags.bits(), raw);
        assert_eq!(i32::from(Flags::from(raw)), raw);
        // The flags iterated, OR-ed together, are the value: nothing lost, nothing added.
        assert_eq!(flags.iter().collect::<Flags>(), flags, "{raw:#x}");
        assert_eq!(
            flags.iter().fold(Flags::empty(), |all, f| all | f),
            flags,
            "{raw:#x}"
        );
        assert_eq!(Flags::from_bits(raw).is_some(), raw & !0xF == 0, "{raw:#x}");
        assert_eq!(Flags::from_bits_truncate(raw).bits(), raw & 0xF);
        assert!(flags.contains(Flags::from_bits_retain(raw & 0x3)));
        assert_eq!(
            flags.contains(Flags::WakeOnEvent),
            raw & 0x4 != 0,
            "{raw:#x}"
        );
    }
}

#[test]
fn flags_operations_and_debug() {
    use golden::contoso_default::contoso::ContosoCaptureFlags as Flags;
    let mut flags = Flags::Timestamp | Flags::Calibrated | Flags::from_bits_retain(0x40);
    assert_eq!(flags.bits(), 0x43);
    assert_eq!(format!("{flags:?}"), "Timestamp | Calibrated | 0x40");
    assert_eq!(format!("{:?}", Flags::empty()), "None");
    assert_eq!(
        format!("{:?}", Flags::All),
        "Timestamp | Calibrated | WakeOnEvent | HighPrecision"
    );
    assert_eq!(
        format!("{:?}", Flags::from_bits_retain(-1)),
        "Timestamp | Calibrated | WakeOnEvent | HighPrecision | 0xfffffff0"
    );
    assert!(flags.contains(Flags::Timestamp));
    assert!(!flags.contains(Flags::Timestamp | Flags::WakeOnEvent));
    assert!(flags.intersects(Flags::Timestamp | Flags::WakeOnEvent));
    assert!(!flags.is_empty() && Flags::empty().is_empty() && Flags::None.is_empty());
    assert!(Flags::all().is_all() && Flags::All == Flags::all());

    flags.insert(Flags::WakeOnEvent);
    flags.remove(Flags::Timestamp);
    assert_eq!(flags.bits(), 0x46);
    flags.toggle(Flags::Calibrated | Flags::HighPrecision);
    assert_eq!(flags.bits(), 0x4C);
    flags.set(Flags::Timestamp, true);
    flags.set(Flags::WakeOnEvent, false);
    assert_eq!(flags.bits(), 0x49);

    let a = Flags::Timestamp | Flags::Calibrated;
    let b = Flags::Calibrated | Flags::WakeOnEvent;
    assert_eq!((a & b).bits(), 0x2);
    assert_eq!((a ^ b).bits(), 0x5);
    assert_eq!((a - b).bits(), 0x1);
    // `!` complements within the documented flags.
    assert_eq!((!a).bits(), 0xC);
    assert_eq!((!Flags::from_bits_retain(0x40)).bits(), 0xF);
    let mut c = a;
    c |= b;
    assert_eq!(c.bits(), 0x7);
    c &= b;
    assert_eq!(c, b);
    c ^= Flags::WakeOnEvent;
    assert_eq!(c, Flags::Calibrated);
    c -= Flags::Calibrated;
    assert!(c.is_empty());

    let names: Vec<&str> = (a | Flags::from_bits_retain(0x100))
        .iter_names()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["Timestamp", "Calibrated"]);
    assert_eq!(
        Flags::Calibrated.c_name(),
        Some("CONTOSO_CAPTURE_FLAG_CALIBRATED")
    );
    assert_eq!(a.c_name(), None);
}

#[test]
fn flags_of_unsigned_and_negative_values() {
    use golden::contoso_flags::contoso::{ContosoMode, ContosoStatusCode};
    for &raw in RAW_U32 {
        let flags = ContosoStatusCode::from_bits_retain(raw);
        assert_eq!(flags.bits(), raw);
        assert_eq!(flags.iter().collect::<ContosoStatusCode>(), flags);
    }
    // 0x8000_0003 contains DeviceError, DeviceRemoved (0x8000_0001) and Timeout (0x8000_0002).
    assert_eq!(
        format!("{:?}", ContosoStatusCode::from_bits_retain(0x8000_0003)),
        "DeviceError | DeviceRemoved | Timeout"
    );
    for &raw in RAW_I32 {
        let flags = ContosoMode::from_bits_retain(raw);
        assert_eq!(flags.iter().collect::<ContosoMode>(), flags, "{raw:#x}");
    }
    // Invalid is -1: every bit; it comes first in the documentation, so it names them all.
    assert_eq!(format!("{:?}", ContosoMode::Invalid), "Invalid");
    assert_eq!(format!("{:?}", ContosoMode::Default), "Balanced");
}

#[test]
fn availability_of_flags_is_the_availability_of_each_flag() {
    use golden::contoso_default::contoso::ContosoCaptureFlags as Flags;
    use golden::contoso_default::{Platform, Target};
    let win10_1809 = Target::windows(17763);
    let win11_22h2 = Target::windows(22621);
    assert!(Flags::Timestamp.is_available_on(win10_1809));
    assert!(!Flags::HighPrecision.is_available_on(win10_1809));
    assert!(!(Flags::Timestamp | Flags::HighPrecision).is_available_on(win10_1809));
    assert!((Flags::Timestamp | Flags::HighPrecision).is_available_on(win11_22h2));
    assert!(!Flags::Timestamp.is_available_on(Target::windows(17134)));
    assert!(!Flags::All.is_available_on(win10_1809));
    assert!(Flags::empty().is_available_on(win10_1809));
    assert!(!Flags::Timestamp.is_available_on(Target::framework(Platform::Kmdf, 1, 9)));
    assert_eq!(Flags::HighPrecision.availability().len(), 1);
    assert!(
        (Flags::Timestamp | Flags::HighPrecision)
            .availability()
            .is_empty()
    );

    // The consts style answers the same from its module.
    use golden::contoso_consts::Target as ConstsTarget;
    use golden::contoso_consts::contoso::{
        CONTOSO_CAPTURE_FLAG_HIGH_PRECISION as HIGH_PRECISION,
        CONTOSO_CAPTURE_FLAG_TIMESTAMP as TIMESTAMP, contoso_capture_flags,
    };
    let win10_1809 = ConstsTarget::windows(17763);
    assert!(contoso_capture_flags::is_available_on(
        TIMESTAMP, win10_1809
    ));
    assert!(!contoso_capture_flags::is_available_on(
        TIMESTAMP | HIGH_PRECISION,
        win10_1809
    ));
    assert!(contoso_capture_flags::is_available_on(
        TIMESTAMP | HIGH_PRECISION,
        ConstsTarget::windows(22621)
    ));
}

#[test]
fn consts_are_plain_integers_with_names_and_availability_beside() {
    use golden::seed_consts::bits::{
        BG_JOB_TYPE_DOWNLOAD, BG_JOB_TYPE_UPLOAD, BG_JOB_TYPE_UPLOAD_REPLY, BgJobType, bg_job_type,
    };
    use golden::seed_consts::{Platform, Target};
    let raw: BgJobType = 1;
    assert_eq!(raw, BG_JOB_TYPE_UPLOAD);
    assert_eq!(
        bg_job_type::ALL,
        [
            BG_JOB_TYPE_DOWNLOAD,
            BG_JOB_TYPE_UPLOAD,
            BG_JOB_TYPE_UPLOAD_REPLY
        ]
    );
    assert_eq!(bg_job_type::C_NAME, "BG_JOB_TYPE");
    assert_eq!(bg_job_type::c_name(2), Some("BG_JOB_TYPE_UPLOAD_REPLY"));
    assert_eq!(bg_job_type::c_name(7), None);
    assert!(!bg_job_type::is_available_on(
        BG_JOB_TYPE_UPLOAD,
        Target::framework(Platform::Bits, 1, 2)
    ));
    assert!(bg_job_type::is_available_on(
        BG_JOB_TYPE_DOWNLOAD,
        Target::framework(Platform::Bits, 1, 2)
    ));
    assert!(!bg_job_type::is_available_on(
        BG_JOB_TYPE_DOWNLOAD,
        Target::windows(2195)
    ));

    use golden::contoso_consts::contoso::{CONTOSO_MODE_BALANCED, CONTOSO_MODE_DEFAULT};
    assert_eq!(CONTOSO_MODE_DEFAULT, CONTOSO_MODE_BALANCED);
}

/// Every style carries the same documentation data: the availability statements, the
/// deprecation, and every C name (as an alias, or as the name of a constant).
#[test]
fn every_style_carries_the_same_availability_deprecation_and_names() {
    let root = docbind_workspace_tests::workspace_root().join("tests/golden");
    for cases in [
        &["seed", "seed_newtype", "seed_consts", "seed_flags"][..],
        &[
            "contoso_default",
            "contoso_rust",
            "contoso_newtype",
            "contoso_consts",
            "contoso_flags",
        ],
    ] {
        let summary = |case: &str| {
            let text = fs::read_to_string(root.join(format!("{case}.rs"))).unwrap();
            let mut texts: Vec<String> = text
                .lines()
                .filter_map(|l| l.trim().strip_prefix("text: "))
                .map(str::to_string)
                .collect();
            texts.sort();
            let deprecated = text.matches("#[deprecated(").count();
            (texts, deprecated, text)
        };
        let (texts, deprecated, first) = summary(cases[0]);
        assert!(!texts.is_empty());
        let c_names: Vec<String> = first
            .lines()
            .filter_map(|l| l.trim().strip_prefix("#[doc(alias = \""))
            .map(|l| l.trim_end_matches("\")]").to_string())
            .collect();
        for case in &cases[1..] {
            let (other_texts, other_deprecated, text) = summary(case);
            assert_eq!(other_texts, texts, "{case}: availability statements");
            assert_eq!(other_deprecated, deprecated, "{case}: #[deprecated]");
            for name in &c_names {
                assert!(
                    text.contains(&format!("#[doc(alias = \"{name}\")]"))
                        || text.contains(&format!("pub const {name}:")),
                    "{case}: {name}"
                );
            }
        }
    }
}

/// Which enums of `docs/` look like flags, and how the configuration picks each enum's style.
#[test]
fn styles_are_resolved_from_detection_and_configuration() {
    use docbind::Config;
    use docbind::model::EnumStyle;
    let docs = docbind_workspace_tests::workspace_root().join("docs");
    let styles = |config: &Config| {
        let loaded = docbind::load(&docs, config).unwrap();
        let styles: Vec<(String, bool, EnumStyle)> = loaded
            .bindings
            .enums()
            .map(|e| (e.c_name.clone(), e.looks_like_flags, e.style))
            .collect();
        // Notes are for `docbind lint` (the older heading form of one page).
        let diagnostics: Vec<_> = loaded
            .diagnostics
            .into_iter()
            .filter(|d| d.severity != docbind::diagnostic::Severity::Note)
            .collect();
        (styles, diagnostics)
    };
    let style_of = |styles: &[(String, bool, EnumStyle)], name: &str| {
        styles.iter().find(|(n, ..)| n == name).unwrap().2
    };

    let mut config = Config::discover(&docs).unwrap();
    let (default, diagnostics) = styles(&config);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let flags: Vec<&str> = default
        .iter()
        .filter(|(_, looks_like_flags, _)| *looks_like_flags)
        .map(|(name, ..)| name.as_str())
        .collect();
    assert_eq!(flags, ["CONTOSO_CAPTURE_FLAGS"]);
    for (name, _, style) in &default {
        let expected = if name == "CONTOSO_CAPTURE_FLAGS" {
            EnumStyle::Flags
        } else {
            EnumStyle::Rust
        };
        assert_eq!(*style, expected, "{name}");
    }

    // newtype keeps flags for flags; consts and flags apply to every enum.
    config.enum_style = EnumStyle::Newtype;
    let (newtype, _) = styles(&config);
    assert_eq!(
        style_of(&newtype, "CONTOSO_CAPTURE_FLAGS"),
        EnumStyle::Flags
    );
    assert_eq!(style_of(&newtype, "BG_JOB_TYPE"), EnumStyle::Newtype);
    for global in [EnumStyle::Consts, EnumStyle::Flags] {
        config.enum_style = global;
        let (all, _) = styles(&config);
        assert!(all.iter().all(|(.., style)| *style == global), "{global}");
    }

    // Per enum, either way, by the C type name; a table that names no enum is an error.
    config.enum_style = EnumStyle::Rust;
    let mut set = |c_name: &str, style| {
        config.enums.entry(c_name.into()).or_default().style = Some(style);
    };
    set("CONTOSO_CAPTURE_FLAGS", EnumStyle::Rust);
    set("BG_JOB_TYPE", EnumStyle::Flags);
    let (own, diagnostics) = styles(&config);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(style_of(&own, "CONTOSO_CAPTURE_FLAGS"), EnumStyle::Rust);
    assert_eq!(style_of(&own, "BG_JOB_TYPE"), EnumStyle::Flags);
    config.enums.entry("BG_JOB_TYP".into()).or_default().style = Some(EnumStyle::Consts);
    let (_, diagnostics) = styles(&config);
    let [error] = &diagnostics[..] else {
        panic!("{diagnostics:?}")
    };
    assert!(error.is_error());
    assert!(error.message.contains("BG_JOB_TYP"), "{error}");
}
