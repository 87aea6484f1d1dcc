//! Reads the enums of Windows metadata files (`Windows.Win32.winmd`, `Windows.Wdk.winmd`: ECMA-335
//! metadata, as win32metadata makes from the SDK and WDK headers) into the plain rows of
//! [`winmd_map`](super::winmd_map), with the `windows-metadata` crate (the reader of
//! windows-bindgen). Only with docbind's `winmd` feature.
//!
//! Every type deriving from `System.Enum` is an enum; its fields with a constant are the
//! enumerators, under their C names; the type of the constants gives the integer width.

use super::winmd_map::{MetaEnum, MetaEnumerator, MetaIndex};
use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};
use windows_metadata::reader::{File, TypeCategory, TypeIndex};
use windows_metadata::{Type, Value};

/// Reads every file (in order: the first that defines a name wins) and indexes its enums.
pub fn read(files: &[PathBuf]) -> Result<MetaIndex, Diagnostic> {
    let mut enums = Vec::new();
    for path in files {
        enums.extend(read_one(path)?);
    }
    Ok(MetaIndex::new(enums))
}

fn error(path: &Path, message: String) -> Diagnostic {
    Diagnostic::error(path, 0, message)
        .with_help("--winmd (or winmd in docbind.toml) must name Windows metadata files, such as Windows.Win32.winmd")
}

/// The enums of one file, sorted by namespace and name.
fn read_one(path: &Path) -> Result<Vec<MetaEnum>, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| error(path, format!("cannot read the Windows metadata file: {e}")))?;
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // The reader trusts its input: a file that is not what it claims can make it panic
    // rather than fail. That is a bad file, not a bug of docbind: report it as one.
    let read = std::panic::catch_unwind(move || {
        let file = File::new(bytes)?;
        let index = TypeIndex::new(vec![file]);
        Some(enums_of(&index, &file_name))
    });
    match read {
        Ok(Some(enums)) => Ok(enums),
        Ok(None) => Err(error(
            path,
            "not a Windows metadata file (no ECMA-335 metadata found)".to_string(),
        )),
        Err(_) => Err(error(
            path,
            "the Windows metadata file is damaged: the reader could not decode it".to_string(),
        )),
    }
}

fn enums_of(index: &TypeIndex, file_name: &str) -> Vec<MetaEnum> {
    let mut types: Vec<_> = index
        .types()
        .filter(|t| t.category() == TypeCategory::Enum)
        .collect();
    types.sort_by(|a, b| (a.namespace(), a.name(), a).cmp(&(b.namespace(), b.name(), b)));
    types
        .into_iter()
        .map(|t| {
            let mut bits = 32;
            let enumerators = t
                .fields()
                .filter_map(|f| {
                    let (value, width) = integer(f.constant()?.value())?;
                    bits = width;
                    Some(MetaEnumerator {
                        name: f.name().to_string(),
                        value,
                    })
                })
                .collect();
            if let Some(width) = t
                .fields()
                .find(|f| f.name() == "value__")
                .and_then(|f| width_of(&f.ty()))
            {
                bits = width;
            }
            MetaEnum {
                name: t.name().to_string(),
                namespace: t.namespace().to_string(),
                file: file_name.to_string(),
                bits,
                enumerators,
            }
        })
        .collect()
}

/// An integer constant and its width in bits.
fn integer(value: Value) -> Option<(i128, u32)> {
    Some(match value {
        Value::I8(v) => (v.into(), 8),
        Value::U8(v) => (v.into(), 8),
        Value::I16(v) => (v.into(), 16),
        Value::U16(v) => (v.into(), 16),
        Value::I32(v) => (v.into(), 32),
        Value::U32(v) => (v.into(), 32),
        Value::I64(v) => (v.into(), 64),
        Value::U64(v) => (v.into(), 64),
        _ => return None,
    })
}

fn width_of(ty: &Type) -> Option<u32> {
    Some(match ty {
        Type::I8 | Type::U8 => 8,
        Type::I16 | Type::U16 => 16,
        Type::I32 | Type::U32 => 32,
        Type::I64 | Type::U64 => 64,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_metadata_is_an_error_naming_it() {
        let dir = std::env::temp_dir().join(format!("docbind-winmd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bad = dir.join("bad.winmd");
        std::fs::write(&bad, b"MZ not really").unwrap();
        let err = read(std::slice::from_ref(&bad)).unwrap_err();
        assert_eq!(err.file, bad);
        assert!(err.message.contains("not a Windows metadata file"), "{err}");
        let missing = dir.join("missing.winmd");
        let err = read(&[missing]).unwrap_err();
        assert!(err.message.contains("cannot read"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The real files, when `../shared/winmd` is there.
    #[test]
    fn reads_the_enums_of_the_real_metadata() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/winmd");
        let win32 = dir.join("Windows.Win32.winmd");
        if !win32.is_file() {
            eprintln!("NOTICE: {} is absent: skipped", win32.display());
            return;
        }
        let index = read(&[win32]).unwrap();
        let bg = index.find("BG_JOB_TYPE").expect("BG_JOB_TYPE");
        assert_eq!(bg.file, "Windows.Win32.winmd");
        assert_eq!(bg.bits, 32);
        let values: Vec<(&str, i128)> = bg
            .enumerators
            .iter()
            .map(|e| (e.name.as_str(), e.value))
            .collect();
        assert_eq!(
            values,
            [
                ("BG_JOB_TYPE_DOWNLOAD", 0),
                ("BG_JOB_TYPE_UPLOAD", 1),
                ("BG_JOB_TYPE_UPLOAD_REPLY", 2)
            ]
        );
    }
}
