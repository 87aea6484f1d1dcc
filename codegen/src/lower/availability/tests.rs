use super::lexicon::{FRAMEWORK_NAMES, NOTE_WORDS};
use super::*;

/// Skipping a text without a note word gives what parsing its sentences gives.
#[test]
fn texts_without_a_note_word_are_skipped_only_when_no_sentence_has_one() {
    let texts = [
        "Supported starting with **Windows** 10.",
        "Supported starting with **Win**dows 10.",
        "Supported on Win<b>dows</b> 8 and later.",
        "See [Windows 10](https://example.com/kmdf) for more.",
        "Requires \\_KMDF\\_ 1.9 or later.",
        "Available in WINDOWS VISTA and later.",
        "Deprecated&nbsp;in Windows 8.",
        "Not supported on \u{212A}MDF 1.9.",
        "The value is reserved for system use.",
        "Obsolete. Do not use.",
        "Use &lt;Windows&gt; 7 only.",
    ];
    for text in texts {
        assert_eq!(find_notes(text), notes_of_sentences(text), "{text}");
    }
    assert!(find_notes("Supported starting with **Win**dows 10.").is_empty());
    assert!(!find_notes("Available in WINDOWS VISTA and later.").is_empty());
}

/// The words that let a sentence be parsed cover every platform name the parser knows.
#[test]
fn note_words_name_every_framework() {
    for (name, _) in FRAMEWORK_NAMES {
        assert!(
            NOTE_WORDS.iter().any(|w| name.contains(w)),
            "`{name}` is not in NOTE_WORDS"
        );
    }
    assert!(!could_be_note("the value is reserved for system use."));
    assert!(could_be_note("supported starting with windows 10."));
}

fn win(build: u32) -> Release {
    Release::Windows(ClientVersion {
        build,
        service_pack: 0,
    })
}

fn win_sp(build: u32, service_pack: u8) -> Release {
    Release::Windows(ClientVersion {
        build,
        service_pack,
    })
}

fn srv(release: ServerRelease) -> Release {
    Release::WindowsServer(ServerVersion {
        release,
        service_pack: 0,
    })
}

fn srv_sp(release: ServerRelease, service_pack: u8) -> Release {
    Release::WindowsServer(ServerVersion {
        release,
        service_pack,
    })
}

fn fw(framework: Framework, major: u16, minor: u16) -> Release {
    Release::Framework(framework, FrameworkVersion { major, minor })
}

use Entry::{
    Available, Deprecated, Introduced, NotAvailable, NotSupportedFrom, NotSupportedUpTo, Only,
    OnlyIn,
};
use Framework::{Bits, DirectX, IddCx, Kmdf, Ndis, Umdf, Wddm};
use ServerRelease as S;

const XP: u32 = 2600;
const VISTA: u32 = 6000;
const W7: u32 = 7600;
const W8: u32 = 9200;
const W81: u32 = 9600;
const W10: u32 = 10240;
const W11: u32 = 22000;

/// Real sentences from the corpus (field bodies, descriptions, remarks).
#[test]
fn corpus_sentences() {
    let cases: Vec<(&str, Vec<Entry>)> = vec![
        (
            "Supported starting with Windows 7.",
            vec![Introduced(win(W7))],
        ),
        (
            "<b>Note</b>  Supported starting with Windows 10, version 1703.",
            vec![Introduced(win(15063))],
        ),
        (
            "Supported in Windows 7 and later versions.",
            vec![Introduced(win(W7))],
        ),
        (
            "<b>Note</b>  Supported in Windows Server 2008, Windows Vista SP1, and later versions of Windows.",
            vec![Introduced(srv(S::Server2008)), Introduced(win_sp(VISTA, 1))],
        ),
        (
            "<b>Warning</b>  The Cellular COM API is deprecated in Windows 10.",
            vec![Deprecated(Some(win(W10)))],
        ),
        (
            "This flag is functionally identical to <b>KF_FLAG_FORCE_PACKAGE_REDIRECTION</b>, and was deprecated in Windows 10, version 1703.",
            vec![Deprecated(Some(win(15063)))],
        ),
        (
            "This flag is functionally identical to <b>KF_FLAG_NO_PACKAGE_REDIRECTION</b> and was deprecated in Windows 10, version 1703.",
            vec![Deprecated(Some(win(15063)))],
        ),
        (
            "KF_FLAG_X is kept for compatibility and is deprecated.",
            vec![Deprecated(None)],
        ),
        (
            "Use this value on Windows Server 2003 and later versions of the Windows operating system.",
            vec![Introduced(srv(S::Server2003))],
        ),
        (
            "[Applies to KMDF only]",
            vec![Only(Platform::Framework(Kmdf))],
        ),
        (
            "[Applies to UMDF only]",
            vec![Only(Platform::Framework(Umdf))],
        ),
        (
            "Supported starting with Windows 8.1, and used by WDDM 1.3 and later drivers.",
            vec![Introduced(win(W81)), Introduced(fw(Wddm, 1, 3))],
        ),
        (
            "Available starting in Windows 11 (WDDM 3.0).",
            vec![Introduced(win(W11)), Introduced(fw(Wddm, 3, 0))],
        ),
        (
            "> [!NOTE]\n> Supported in Windows Server 2008, Windows Vista SP1, and later versions of Windows.",
            vec![Introduced(srv(S::Server2008)), Introduced(win_sp(VISTA, 1))],
        ),
        (
            "<b>Important</b>  The <a href=\"/previous-versions/windows/hardware/wireless/ff560689(v=vs.85)\">Native 802.11 Wireless LAN</a> interface is deprecated in Windows 10 and later.",
            vec![Deprecated(Some(win(W10)))],
        ),
        (
            "This value is valid starting with Windows Vista.",
            vec![Introduced(win(VISTA))],
        ),
        ("Use this value only on Windows XP.", vec![OnlyIn(win(XP))]),
        ("Use this value on only Windows XP.", vec![OnlyIn(win(XP))]),
        (
            "This control type is valid in Windows 8 and later.",
            vec![Introduced(win(W8))],
        ),
        (
            "This value is available starting with Windows 10, version 1709.",
            vec![Introduced(win(16299))],
        ),
        (
            "Use this value on Windows Vista SP2 and later versions of the Windows operating system.",
            vec![Introduced(win_sp(VISTA, 2))],
        ),
        (
            "Available starting in Windows 10, version 1903 (WDDM 2.6).",
            vec![Introduced(win(18362)), Introduced(fw(Wddm, 2, 6))],
        ),
        (
            "Windows Server 2003 SP1 and later and Windows XP SP2 and later versions only.",
            vec![
                Introduced(srv_sp(S::Server2003, 1)),
                Introduced(win_sp(XP, 2)),
            ],
        ),
        (
            "Available starting with WDDM 2.0.",
            vec![Introduced(fw(Wddm, 2, 0))],
        ),
        (
            "<b>Note</b>  Not supported in Windows Vista/Windows Server 2008 or later.",
            vec![
                NotSupportedFrom(win(VISTA)),
                NotSupportedFrom(srv(S::Server2008)),
            ],
        ),
        (
            "This value is available starting with Windows 11, version 23H2.",
            vec![Introduced(win(22631))],
        ),
        (
            "This value is present in Windows 8 and later versions of Windows.",
            vec![Introduced(win(W8))],
        ),
        (
            "This value applies to KMDF only.",
            vec![Only(Platform::Framework(Kmdf))],
        ),
        (
            "This constant occurs starting in Windows 10.",
            vec![Introduced(win(W10))],
        ),
        (
            "Supported in Windows Server 2022 and later.",
            vec![Introduced(srv(S::Server2022))],
        ),
        (
            "Introduced in Windows 10, version 1703.",
            vec![Introduced(win(15063))],
        ),
        (
            "<b>Windows Vista and earlier:  </b>This value is not supported.",
            vec![NotSupportedUpTo(win(VISTA))],
        ),
        (
            "<b>Windows 7 and earlier:  </b>This value is not supported.",
            vec![NotSupportedUpTo(win(W7))],
        ),
        (
            "<b>BITS 1.2 and earlier:\u{a0}\u{a0}</b>Not supported.",
            vec![NotSupportedUpTo(fw(Bits, 1, 2))],
        ),
        (
            "This value is available in version 1.11 and later versions of KMDF running on Windows 8 or later versions of Windows.",
            vec![Introduced(fw(Kmdf, 1, 11)), Introduced(win(W8))],
        ),
        (
            "This flag applies to UMDF only.",
            vec![Only(Platform::Framework(Umdf))],
        ),
        (
            "<b>Note</b>  This value is supported in NDIS 6.40 and later.",
            vec![Introduced(fw(Ndis, 6, 40))],
        ),
        (
            "Used by WDDM 1.3 and later drivers.",
            vec![Introduced(fw(Wddm, 1, 3))],
        ),
        (
            "Used by Windows Display Driver Model (WDDM) 1.2 and later user-mode display drivers.",
            vec![Introduced(fw(Wddm, 1, 2))],
        ),
        (
            "This interface type is defined starting with Windows 8.",
            vec![Introduced(win(W8))],
        ),
        (
            "Available starting in Windows 10 version 21H1.",
            vec![Introduced(win(19043))],
        ),
        (
            "This value is available in UMDF versions 1.9 and later.",
            vec![Introduced(fw(Umdf, 1, 9))],
        ),
        (
            "This type of power request is supported starting with Windows 8.",
            vec![Introduced(win(W8))],
        ),
        (
            "Supported starting in [IddCx version 1.10](/windows-hardware/drivers/display/iddcx1.10-updates).",
            vec![Introduced(fw(IddCx, 1, 10))],
        ),
        (
            "This value is available starting with Windows 10 April 2018 Update.",
            vec![Introduced(win(17134))],
        ),
        (
            "This enumeration constant is supported only in Windows Vista and later versions of Windows.",
            vec![Introduced(win(VISTA))],
        ),
        (
            "Supported starting in Windows Server 2022 (WDDM 2.9).",
            vec![Introduced(srv(S::Server2022)), Introduced(fw(Wddm, 2, 9))],
        ),
        (
            "<b>Note</b>  This constant is supported in Windows Vista and later operating systems.",
            vec![Introduced(win(VISTA))],
        ),
        (
            "<b>Windows 7 and Windows Server 2008 R2:  </b>This value is not supported before Windows 8 and Windows Server 2012.",
            vec![Introduced(win(W8)), Introduced(srv(S::Server2012))],
        ),
        (
            "<b>Windows Server 2003:  </b>This value is not supported until Windows Server 2003 with SP1 and Windows XP Professional x64 Edition.",
            vec![Introduced(srv_sp(S::Server2003, 1)), Introduced(win(3790))],
        ),
        (
            "<b>Deprecated in Windows 7 and later</b>.",
            vec![Deprecated(Some(win(W7)))],
        ),
        (
            "Must be supported by WDDM 1.3 and later drivers.",
            vec![Introduced(fw(Wddm, 1, 3))],
        ),
        (
            "This constant is available in version 1.11 and later versions of KMDF.",
            vec![Introduced(fw(Kmdf, 1, 11))],
        ),
        (
            "The <b>WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER</b> flag is available starting in version 1.19 of KMDF.",
            vec![Introduced(fw(Kmdf, 1, 19))],
        ),
        (
            "Supported in KMDF and starting in UMDF version 2.15.",
            vec![
                Available(Platform::Framework(Kmdf)),
                Introduced(fw(Umdf, 2, 15)),
            ],
        ),
        (
            "DirectX 8.0 and later versions only.",
            vec![Introduced(fw(DirectX, 8, 0))],
        ),
        (
            "This value is available in DirectX 10.1 or higher.",
            vec![Introduced(fw(DirectX, 10, 1))],
        ),
        (
            "Available in NDIS 6.82 and higher.",
            vec![Introduced(fw(Ndis, 6, 82))],
        ),
        (
            "This tier is supported started in WDDM 2.3.",
            vec![Introduced(fw(Wddm, 2, 3))],
        ),
        (
            "This value is supported by KMDF only.",
            vec![Only(Platform::Framework(Kmdf))],
        ),
        (
            "Supported starting with Windows 8.1 for WDDM 1.3 and later user-mode display drivers.",
            vec![Introduced(win(W81)), Introduced(fw(Wddm, 1, 3))],
        ),
        (
            "Supported starting with Windows Server 2008, and Windows Vista with Service Pack 1 (SP1).",
            vec![Introduced(srv(S::Server2008)), Introduced(win_sp(VISTA, 1))],
        ),
        (
            "<b>Note</b>  The NetDMA interface is not supported in Windows 8 and later.",
            vec![NotSupportedFrom(win(W8))],
        ),
        (
            "Starting with Windows 10 Version 1703, NDIS_HYPERVISOR_PARTITION_TYPE is deprecated and should not be used.",
            vec![Deprecated(Some(win(15063)))],
        ),
        (
            "**XPSRAS_PIXEL_FORMAT** is provided with Windows 8 and later versions of Windows.",
            vec![Introduced(win(W8))],
        ),
        (
            "This flag was [deprecated starting in IddCx v1.7](/windows-hardware/drivers/display/iddcx1.7-updates).",
            vec![Deprecated(Some(fw(IddCx, 1, 7)))],
        ),
        (
            "System-mode DMA is available starting in Windows 8.",
            vec![Introduced(win(W8))],
        ),
        (
            "This enumeration value is supported starting in Windows 10, version 1809 and Windows Server 2019.",
            vec![Introduced(win(17763)), Introduced(srv(S::Server2019))],
        ),
        (
            "This value is available starting with Windows 11, build 26048.",
            vec![Introduced(win(26048))],
        ),
        (
            "<b>Windows Vista or later:  </b>This flag is supported.",
            vec![Introduced(win(VISTA))],
        ),
        (
            "<b>Windows Vista with Service Pack 1 (SP1) and later</b>.",
            vec![Introduced(win_sp(VISTA, 1))],
        ),
        ("<b>Introduced in Windows 8</b>.", vec![Introduced(win(W8))]),
        (
            "Indicates version 2, available starting in Windows 7.",
            vec![Introduced(win(W7))],
        ),
        ("Deprecated.", vec![Deprecated(None)]),
        ("Deprecated; do not use.", vec![Deprecated(None)]),
        ("This type is obsolete.", vec![Deprecated(None)]),
        (
            "Not available in UMDF.",
            vec![NotAvailable(Platform::Framework(Umdf))],
        ),
        (
            "DDIAUTHENTICATEDCHANNELTYPE is supported beginning with the Windows 7 operating system.",
            vec![Introduced(win(W7))],
        ),
        (
            "This enumeration type applies only to Windows Server 2003 with SP1 and later, and Windows XP with SP2 and later.",
            vec![
                Introduced(srv_sp(S::Server2003, 1)),
                Introduced(win_sp(XP, 2)),
            ],
        ),
    ];
    assert!(cases.len() >= 60, "{} cases", cases.len());
    for (text, expected) in cases {
        assert_eq!(parse_sentence(text), Some(expected), "{text}");
    }
}

#[test]
fn front_matter_values() {
    use FrontMatterKey::{Client, Kmdf as K, Server, Umdf as U};
    let cases: Vec<(FrontMatterKey, &str, Option<Vec<Entry>>)> = vec![
        (
            Client,
            "Windows 10, version 1809",
            Some(vec![Introduced(win(17763))]),
        ),
        (Client, "Windows\u{a0}10", Some(vec![Introduced(win(W10))])),
        (
            Client,
            "Windows 11 (WDDM 3.0)",
            Some(vec![Introduced(win(W11)), Introduced(fw(Wddm, 3, 0))]),
        ),
        (
            Client,
            "Windows 11, version 22H2",
            Some(vec![Introduced(win(22621))]),
        ),
        (
            Client,
            "Windows 10 (Version 1803)",
            Some(vec![Introduced(win(17134))]),
        ),
        (
            Client,
            "Windows 10 (Build 18936)",
            Some(vec![Introduced(win(18936))]),
        ),
        (
            Client,
            "Windows 8.1,WDDM 1.3",
            Some(vec![Introduced(win(W81)), Introduced(fw(Wddm, 1, 3))]),
        ),
        (
            Client,
            "Windows 7,Available in Windows 7.",
            Some(vec![Introduced(win(W7))]),
        ),
        (
            Client,
            "Available in Windows Vista and later versions of the Windows operating   systems.",
            Some(vec![Introduced(win(VISTA))]),
        ),
        (
            Client,
            "Unless otherwise noted, supported starting with Windows Vista.",
            Some(vec![Introduced(win(VISTA))]),
        ),
        (
            Client,
            "Supported in NDIS 6.30 and later.",
            Some(vec![Introduced(fw(Ndis, 6, 30))]),
        ),
        (
            Client,
            "Windows 11, version 22H2 September Update (IddCx version 1.10)",
            Some(vec![Introduced(win(22621)), Introduced(fw(IddCx, 1, 10))]),
        ),
        (
            Client,
            "Versions:\\_Supported in Windows Vista, and later.",
            Some(vec![Introduced(win(VISTA))]),
        ),
        (
            Client,
            "Windows Vista [desktop apps only]",
            Some(vec![Introduced(win(VISTA))]),
        ),
        (
            Client,
            "Windows XP with SP2, Windows Vista [desktop apps | UWP apps]",
            Some(vec![Introduced(win_sp(XP, 2)), Introduced(win(VISTA))]),
        ),
        (
            Server,
            "Windows Server 2012 R2",
            Some(vec![Introduced(srv(S::Server2012R2))]),
        ),
        (
            Server,
            "Windows Server 2003, Service Pack 1",
            Some(vec![Introduced(srv_sp(S::Server2003, 1))]),
        ),
        (
            Server,
            "Windows 2000 Server [desktop apps only]",
            Some(vec![Introduced(srv(S::Windows2000))]),
        ),
        (
            Server,
            "None supported",
            Some(vec![NotAvailable(Platform::WindowsServer)]),
        ),
        (
            Server,
            "Windows Server 2022. Supported in NDIS 6.82 and later.",
            Some(vec![
                Introduced(srv(S::Server2022)),
                Introduced(fw(Ndis, 6, 82)),
            ]),
        ),
        (K, "1.11", Some(vec![Introduced(fw(Kmdf, 1, 11))])),
        (U, "2.15", Some(vec![Introduced(fw(Umdf, 2, 15))])),
        (
            U,
            "N/A",
            Some(vec![NotAvailable(Platform::Framework(Umdf))]),
        ),
        // Windows 10 Mobile is another product: an alternative on it says nothing of Windows.
        (
            Client,
            "Windows 10,Windows 10 Mobile",
            Some(vec![Introduced(win(W10))]),
        ),
        (
            Client,
            "Windows 7, Windows Vista with SP2 and Platform Update for Windows Vista [desktop apps \\| UWP apps]",
            Some(vec![
                Introduced(win(W7)),
                Entry::IntroducedWithUpdate(win_sp(VISTA, 2)),
            ]),
        ),
        // Not understood.
        (Client, "WIN11_FUTURE", None),
        (Client, "Windows", None),
        (Client, "Windows 10 Mobile", None),
        // The key gives the least version; a use named on the way does not change it.
        (
            Client,
            "Supported for NetDMA 2.0 and NetDMA 1.1 drivers in Windows Server 2008.",
            Some(vec![Introduced(srv(S::Server2008))]),
        ),
        (U, "D3D12DDI_SUPPORTED_0020", None),
    ];
    for (key, value, expected) in cases {
        let note = parse_front_matter(key, value).expect(value);
        assert_eq!(note.parsed, expected, "{value}");
    }
    assert_eq!(parse_front_matter(FrontMatterKey::Client, " \u{a0}"), None);
    assert_eq!(
        parse_front_matter(FrontMatterKey::Client, "Windows\u{a0}10  ").map(|n| n.text),
        Some("Windows 10".to_string())
    );
}

/// Sentences that must not be read as version notes at all.
#[test]
fn not_version_notes() {
    let texts = [
        "The system uses this value on Windows to indicate a shutdown.",
        "Starting with Windows 8, drivers should allocate most or all of their nonpaged memory from the no-execute (NX) nonpaged pool instead of the executable nonpaged pool.",
        "For Windows Vista and later versions of Windows, the framework supports USB selective suspend whether or not the device supports remote wakeup.",
        "On operating systems earlier than Windows 8, the behavior is same as DriverManagedIdleTimeout.",
        "In Windows 10, it is only used for handling BSS Transition Management requests/responses.",
        "Targets features supported by Direct3D 10.0 including shader model 4.",
        "This mode is intended for tools such as PIX on Windows only, though nothing stops any app from using it.",
        "28 bits; may not always be available",
        "**pPrivateDriverData** points to a D3DKMT_WDDM_1_2_CAPS structure that specifies the WDDM 1.2 and later capabilities of the graphics adapter.",
        "This adapter is exposed in a guest operating system that is Windows Vista or a later version of Windows.",
        "NDIS 6.20 and later drivers should use the <b> NDIS_NBL_MEDIA_SPECIFIC_INFORMATION_EX</b> structure to specify media specific information.",
        "DirectX 10.",
        "Reserved for future use.",
        "Over the DS transitions are not supported in Windows 10.",
    ];
    for text in texts {
        assert_eq!(find_notes(text), vec![], "{text}");
        assert_eq!(parse_sentence(text), None, "{text}");
    }
}

/// Sentences that look like version notes but must not be understood
/// (a reading would be wrong or partial).
#[test]
fn not_understood() {
    let texts = [
        "Supported starting from Windows 10, version 1901.",
        "Either form is valid on Windows 2000 and later implementations, but only the shorter form can be used on Windows 98/Me.",
        "This field is available starting in Windows 10, version 1903 and UMD DDI Min Version D3D12DDI_SUPPORTED_0043.",
        "Supported in NDIS 5.1, and NDIS 6.0 and later.",
        // Not about the value: the subject of the deprecation is something else.
        "Drivers that set this flag and were deprecated in Windows 8 are not loaded.",
    ];
    for text in texts {
        let notes = find_notes(text);
        assert_eq!(notes.len(), 1, "{text}");
        assert_eq!(notes[0].parsed, None, "{text}");
    }
}

/// Statements limited to a use the sentence names: understood, with that use as their scope.
#[test]
fn scoped_statements() {
    let notes = find_notes(
        "<b>Windows 7 and Windows Server 2008 R2:  </b>This flag is not supported for opening ISO virtual disks until Windows 8 and Windows Server 2012.",
    );
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].parsed,
        Some(vec![Introduced(win(W8)), Introduced(srv(S::Server2012))])
    );
    assert_eq!(
        notes[0].scope.as_deref(),
        Some("for opening ISO virtual disks")
    );
    // A scope with a condition or a platform in it is no scope.
    for text in [
        "This method is supported only for Windows XP Pscript5 plug-ins, not for Unidrv plug-ins.",
        "This value is supported for drivers that are not loaded in Windows 8.",
    ] {
        assert!(
            find_notes(text).iter().all(|n| n.parsed.is_none()),
            "{text}"
        );
    }
}

#[test]
fn windows_order_follows_builds() {
    let order = [
        "Windows 2000",
        "Windows XP",
        "Windows XP SP2",
        "Windows Vista",
        "Windows Vista SP1",
        "Windows 7",
        "Windows 8",
        "Windows 8.1",
        "Windows 10",
        "Windows 10, version 1511",
        "Windows 10, version 1607",
        "Windows 10, version 1703",
        "Windows 10, version 1709",
        "Windows 10, version 1803",
        "Windows 10, version 1809",
        "Windows 10, version 1903",
        "Windows 10, version 1909",
        "Windows 10, version 2004",
        "Windows 10, version 20H2",
        "Windows 10, version 21H1",
        "Windows 10, version 21H2",
        "Windows 10, version 22H2",
        "Windows 11",
        "Windows 11, version 22H2",
        "Windows 11, version 23H2",
        "Windows 11, version 24H2",
    ];
    let versions: Vec<ClientVersion> = order
        .iter()
        .map(|text| {
            match parse_front_matter(FrontMatterKey::Client, text)
                .and_then(|n| n.parsed)
                .as_deref()
            {
                Some([Introduced(Release::Windows(v))]) => *v,
                other => panic!("{text}: {other:?}"),
            }
        })
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    for (text, v) in order.iter().zip(&versions) {
        assert_eq!(v.to_string(), *text);
    }
    assert_eq!(versions[14].build, 17763);
    assert_eq!(versions[22].build, 22000);
    let servers = [
        S::Windows2000,
        S::Server2003,
        S::Server2003R2,
        S::Server2008,
        S::Server2008R2,
        S::Server2012,
        S::Server2012R2,
        S::Server2016,
        S::Server2019,
        S::Server2022,
        S::Server2025,
    ];
    assert!(
        servers
            .windows(2)
            .all(|w| w[0] < w[1] && w[0].build() <= w[1].build())
    );
    assert!(fw(Kmdf, 1, 9) < fw(Kmdf, 1, 11));
}

#[test]
fn display() {
    let cases = [
        (Introduced(win(17763)), "Windows 10, version 1809 and later"),
        (
            NotSupportedUpTo(fw(Bits, 1, 2)),
            "Not supported on BITS 1.2 and earlier",
        ),
        (
            NotSupportedFrom(srv(S::Server2008)),
            "Not supported on Windows Server 2008 and later",
        ),
        (Deprecated(None), "Deprecated"),
        (Deprecated(Some(win(W10))), "Deprecated in Windows 10"),
        (
            NotAvailable(Platform::Framework(Umdf)),
            "Not available in UMDF",
        ),
        (Only(Platform::Framework(Kmdf)), "KMDF only"),
        (OnlyIn(win(XP)), "Windows XP only"),
        (Available(Platform::Framework(Kmdf)), "Available in KMDF"),
        (
            Introduced(srv_sp(S::Server2003, 1)),
            "Windows Server 2003 SP1 and later",
        ),
        (Introduced(fw(Ndis, 6, 30)), "NDIS 6.30 and later"),
        (Introduced(win(26048)), "Windows 11, build 26048 and later"),
    ];
    for (entry, text) in cases {
        assert_eq!(entry.to_string(), text);
    }
}

#[test]
fn find_notes_splits_prose() {
    let body = "Specifies that the job uploads a file to the server. \n\n\
                <b>BITS 1.2 and earlier:\u{a0}\u{a0}</b>Not supported.\n\n\
                <div class=\"alert\"><b>Note</b>  Supported starting with Windows 7.</div>\n\
                <div> </div>\n\
                The Storport driver calls it with **FALSE.** This control type is valid in Windows 8 and later.";
    let notes = find_notes(body);
    let texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "<b>BITS 1.2 and earlier: </b>Not supported.",
            "<b>Note</b> Supported starting with Windows 7.",
            "This control type is valid in Windows 8 and later.",
        ]
    );
    assert!(notes.iter().all(|n| n.parsed.is_some()));
}

#[test]
fn odd_input_does_not_panic() {
    let inputs = [
        "",
        ".",
        "<",
        "<b",
        "](",
        "[x](",
        "\\",
        "é. É. ü",
        "Windows",
        "Windows 10,",
        "Windows 10 (",
        "KMDF version",
        "version 1.",
        "sp",
        "1.2.3",
        "v",
        "Windows Server",
        "Windows 99999999999 and later.",
        "NDIS 99999999.1 and later.",
        "…。Windows 7 and later！",
    ];
    for input in inputs {
        let _ = find_notes(input);
        let _ = parse_sentence(input);
        for key in [
            FrontMatterKey::Client,
            FrontMatterKey::Server,
            FrontMatterKey::Kmdf,
            FrontMatterKey::Umdf,
        ] {
            let _ = parse_front_matter(key, input);
        }
    }
}

/// The labeled set (`labeled.tsv`, sentences and front-matter values of the corpora with what
/// they state, and near misses): no case is misread. A positive must give exactly its entries
/// (and scope); a near miss must give none.
#[test]
fn labeled_set_has_no_misreading() {
    let set = include_str!("labeled.tsv");
    let mut cases = 0;
    let mut positives = 0;
    let mut misread = Vec::new();
    for line in set.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut fields = line.split('\t');
        let (Some(kind), Some(text), expected) = (fields.next(), fields.next(), fields.next())
        else {
            panic!("a case needs a kind and a text: {line:?}");
        };
        let expected = expected.unwrap_or("");
        cases += 1;
        let key = |name: &str| match name {
            "client" => FrontMatterKey::Client,
            "server" => FrontMatterKey::Server,
            "kmdf" => FrontMatterKey::Kmdf,
            "umdf" => FrontMatterKey::Umdf,
            other => panic!("unknown kind {other:?}"),
        };
        let shown = |entries: &[Entry], scope: Option<&str>| {
            let entries: Vec<String> = entries.iter().map(ToString::to_string).collect();
            match scope {
                Some(scope) => format!("{} @ {scope}", entries.join("; ")),
                None => entries.join("; "),
            }
        };
        // What the parser reads: `None` when nothing is understood.
        let read = match kind.strip_prefix("none:").unwrap_or(kind) {
            "sentence" | "none" => {
                let notes = find_notes(text);
                let understood: Vec<&Note> = notes.iter().filter(|n| n.parsed.is_some()).collect();
                match understood.as_slice() {
                    [] => None,
                    [one] if notes.len() == 1 => Some(shown(
                        one.parsed.as_deref().unwrap_or_default(),
                        one.scope.as_deref(),
                    )),
                    _ => Some(format!("{} notes", notes.len())),
                }
            }
            name => parse_front_matter(key(name), text)
                .and_then(|n| n.parsed)
                .map(|entries| shown(&entries, None)),
        };
        let near_miss = kind.starts_with("none");
        if !near_miss {
            positives += 1;
        }
        let right = if near_miss {
            read.is_none()
        } else {
            read.as_deref() == Some(expected)
        };
        if !right {
            misread.push(format!(
                "{kind}: {text}\n  expected: {expected:?}\n  read:     {read:?}"
            ));
        }
    }
    assert!(cases >= 200, "{cases} cases");
    assert!(
        misread.is_empty(),
        "{} of {cases} cases ({positives} positives) misread:\n{}",
        misread.len(),
        misread.join("\n")
    );
}
