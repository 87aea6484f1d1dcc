//! Forms of the Windows SDK pages (issue 3): one enum documented by two pages under one name,
//! revision suffixes in UIDs, unnamed enums, `#### - NAME` fields with values after the name.

use docbind::Config;
use docbind::diagnostic::Severity;

fn page(uid: &str, typenames: &str, fields: &str) -> String {
    format!(
        "---\nUID: {uid}\ntitle: x\nreq.header: wlanapi.h\nreq.typenames: {typenames}\ntopic_type:\n-\tAPIRef\n---\n\n## -description\n\nThe states.\n\n## -enum-fields\n\n{fields}"
    )
}

#[test]
fn two_pages_for_one_enum_give_one_enum_and_a_diagnostic_naming_both() {
    let old = page(
        "NE:wlanapi.__MIDL___MIDL_itf_wlanapi_0000_0000_0001",
        "WLAN_INTERFACE_STATE",
        "### -field wlan_interface_state_not_ready\n\nNot ready.\n",
    );
    let new = page(
        "NE:wlanapi._WLAN_INTERFACE_STATE~r1",
        "WLAN_INTERFACE_STATE, *PWLAN_INTERFACE_STATE",
        "#### - wlan_interface_state_not_ready : 0\n\nNot ready.\n\n#### - wlan_interface_state_connected : 1\n\nConnected.\n",
    );
    let loaded = docbind::load_pages(
        [
            (
                "wlanapi/ne-wlanapi-wlan_interface_state-r1.md",
                new.as_bytes(),
            ),
            ("wlanapi/ne-wlanapi-wlan_interface_state.md", old.as_bytes()),
        ],
        &Config::default(),
    );
    let enums: Vec<_> = loaded.bindings.enums().collect();
    assert_eq!(enums.len(), 1, "{enums:#?}");
    let e = enums[0];
    assert_eq!(
        (e.name.as_str(), e.c_name.as_str()),
        ("WlanInterfaceState", "WLAN_INTERFACE_STATE")
    );
    // The `~r1` revision mark is not part of any name.
    assert!(
        e.aliases.iter().all(|a| !a.contains('~')),
        "{:?}",
        e.aliases
    );
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.message.contains("also documented by"))
        .expect("a diagnostic about the second page");
    assert_eq!(d.severity, Severity::Warning);
    let both = format!("{} {}", d.file.display(), d.message);
    assert!(
        both.contains("ne-wlanapi-wlan_interface_state.md"),
        "{both}"
    );
    assert!(
        both.contains("ne-wlanapi-wlan_interface_state-r1.md"),
        "{both}"
    );
    assert_eq!(loaded.skipped.len(), 1);
    assert!(
        loaded.skipped[0].reason.starts_with("duplicate of"),
        "{:?}",
        loaded.skipped
    );
}

#[test]
fn unnamed_enums_and_sdk_field_headings() {
    let text = page(
        "NE:winuser.__unnamed_enum_0",
        "",
        "#### - FIRST : 0x1\n\nOne.\n\n#### - SECOND : 0x2\n\nTwo.",
    );
    let loaded = docbind::load_pages(
        [("winuser/ne-winuser-unnamed.md", text.as_bytes())],
        &Config::default(),
    );
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let e = loaded.bindings.enums().next().unwrap();
    assert_eq!(e.name, "UnnamedEnum0");
    let values: Vec<(&str, i128)> = e
        .variants
        .iter()
        .map(|v| (v.c_name.as_str(), v.value))
        .collect();
    assert_eq!(values, [("FIRST", 1), ("SECOND", 2)]);
}
