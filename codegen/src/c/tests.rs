//! Helpers shared by the C reader's tests (each file tests its own step through
//! [`parse_enums`]), and the tests of the reader as a whole: a real header's enum, truncated and
//! random input, and inputs built to be slow.

use super::{CEnum, Defines, Value, parse_enums};

pub(super) fn enums(src: &str) -> Vec<CEnum> {
    parse_enums(src, &Defines::default())
}

pub(super) fn values(e: &CEnum) -> Vec<(&str, Value)> {
    e.enumerators
        .iter()
        .map(|x| (x.name.as_str(), x.value.clone()))
        .collect()
}

pub(super) fn value_of(src: &str, name: &str) -> Value {
    let all = enums(src);
    all.iter()
        .flat_map(|e| &e.enumerators)
        .find(|x| x.name == name)
        .map(|x| x.value.clone())
        .unwrap_or_else(|| Err(format!("{name} not found")))
}

const POOL: &str = r#"
// Leading comment with an enum { Fake } inside.
typedef enum _POOL_TYPE {
    NonPagedPool,                              // 0
    NonPagedPoolExecute = NonPagedPool,        /* = 0 */
    NonPagedPoolMustSucceed = NonPagedPool + 2,
    NonPagedPoolCacheAligned,
    NonPagedPoolSession = 32,
    X = 0x80000000,
    Y = (1 << 3) | 0x10,
    Z = (int)0xFFFFFFFFL,
#if (NTDDI_VERSION >= NTDDI_WIN7)
    W,
#endif
} POOL_TYPE, *PPOOL_TYPE;
"#;

#[test]
fn pool_type() {
    let all = enums(POOL);
    assert_eq!(all.len(), 1);
    let e = &all[0];
    assert_eq!(e.tag.as_deref(), Some("_POOL_TYPE"));
    assert_eq!(e.typedef_names, ["POOL_TYPE"]);
    assert_eq!(e.line, 3);
    assert_eq!(
        values(e),
        [
            ("NonPagedPool", Ok(0)),
            ("NonPagedPoolExecute", Ok(0)),
            ("NonPagedPoolMustSucceed", Ok(2)),
            ("NonPagedPoolCacheAligned", Ok(3)),
            ("NonPagedPoolSession", Ok(32)),
            ("X", Ok(0x8000_0000)),
            ("Y", Ok(0x18)),
            ("Z", Ok(0xFFFF_FFFF)),
            ("W", Ok(0x1_0000_0000)),
        ]
    );
    let w = &e.enumerators[8];
    assert_eq!(w.condition.as_deref(), Some("NTDDI_VERSION >= NTDDI_WIN7"));
    assert_eq!(w.line, 13);
    assert_eq!(e.enumerators[0].condition, None);
    assert_eq!(e.enumerators[0].expr, None);
    assert_eq!(e.enumerators[2].expr.as_deref(), Some("NonPagedPool + 2"));
    assert_eq!(e.enumerators[6].expr.as_deref(), Some("(1 << 3) | 0x10"));
}

#[test]
fn truncated_and_garbage_input_never_panics() {
    for cut in 0..=POOL.len() {
        if let Some(prefix) = POOL.get(..cut) {
            let _ = enums(prefix);
        }
    }
    let truncated = enums(&POOL[..POOL.find("X =").unwrap_or(0)]);
    assert_eq!(truncated.len(), 1);
    assert_eq!(truncated[0].enumerators.len(), 5);

    // Pseudo-random bytes built from C-ish fragments and raw noise.
    let pieces = [
        "enum",
        "{",
        "}",
        "(",
        ")",
        ";",
        ",",
        "=",
        "typedef",
        "#if X\n",
        "#else\n",
        "#endif\n",
        "#define A (A+1)\n",
        "/*",
        "*/",
        "//",
        "\n",
        "'",
        "\"",
        "\\\n",
        "<<",
        "0x",
        "1",
        "A",
        "-",
        "~",
        "?",
        ":",
        "[[",
        "]]",
        "sizeof",
        "é",
        "\u{0}",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..200 {
        let mut text = String::new();
        for _ in 0..200 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let mut defines = Defines::default();
        defines.collect(&text);
        let _ = parse_enums(&text, &defines);
    }
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let _ = enums(&String::from_utf8_lossy(&bytes));
}

#[test]
fn large_pathological_inputs_are_linear() {
    let inputs = [
        "enum { A = (".repeat(10_000),
        "enum X ".repeat(20_000),
        "typedef enum { A, B } ".repeat(10_000),
        "#if COND_WITH_A_LONG_NAME\n".repeat(10_000) + "enum { A };",
        "#if A\n#elif B\n".repeat(5_000) + "enum { A };",
        format!("#if {}\nenum {{ A }};", "X".repeat(1 << 18)),
    ];
    for input in &inputs {
        let start = std::time::Instant::now();
        let _ = parse_enums(input, &Defines::default());
        assert!(start.elapsed().as_secs() < 2, "too slow");
    }
}
