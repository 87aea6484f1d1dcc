//! The house keeps its shape: a module of `codegen/src` imports only modules of its own layer
//! or below (the stages in the order the data flows), so no import circle can form and a lower
//! stage never learns of a higher one. Unit tests (`#[cfg(test)] mod tests`) may reach further.

use std::fs;
use std::path::{Path, PathBuf};

/// The top-level modules of `codegen/src` by layer: a module may import from its own layer and
/// lower ones. The front ends (`lib.rs`, `main.rs`, `cli/`) and the `guide` are above them all.
const LAYERS: &[(&str, u8)] = &[
    ("diagnostic", 0),
    ("naming", 0),
    ("doc_text", 0),
    ("error", 1),
    ("c", 1),
    ("model", 1),
    ("config", 2),
    ("diff", 2),
    ("page", 2),
    ("lower", 3),
    ("witness", 4),
    ("emit", 5),
    ("output", 6),
    ("pipeline", 7),
    ("builder", 8),
    ("report", 8),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, l)| l)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The `crate::NAME` paths of `text` outside comments and outside its unit-test module.
fn crate_paths(text: &str) -> Vec<String> {
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut found = Vec::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push(name);
            }
            rest = after;
        }
    }
    found
}

#[test]
fn every_module_imports_only_its_own_layer_or_lower_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut checked = 0;
    let mut violations = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let top = top.strip_suffix(".rs").unwrap_or(top);
        let Some(own) = layer(top) else { continue };
        checked += 1;
        for used in crate_paths(&fs::read_to_string(file).unwrap()) {
            if let Some(l) = layer(&used)
                && l > own
            {
                violations.push(format!(
                    "{} (layer {own}) imports crate::{used} (layer {l})",
                    rel.display()
                ));
            }
        }
    }
    assert!(
        checked > 30,
        "only {checked} files checked: is the layer table stale?"
    );
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn every_top_level_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for entry in fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if ["lib", "main", "cli", "guide"].contains(&name.as_str()) {
            continue;
        }
        if layer(&name).is_none() {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "modules with no layer in tests/house.rs: {missing:?}"
    );
}

/// The check itself finds what it must: an upward import is seen, a comment is not.
#[test]
fn crate_paths_skip_comments_and_unit_tests() {
    let text = "use crate::model::Enum;\n// crate::output\nfn f() { crate::emit::x(); }\n\
                #[cfg(test)]\nmod tests { use crate::pipeline; }\n";
    assert_eq!(crate_paths(text), ["model", "emit"]);
}
