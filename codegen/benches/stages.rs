//! Per-page stages, with criterion: `cargo bench -p docbind --bench stages`.
//!
//! - `load`: front matter, Markdown sections and the model (names, values, doc text,
//!   availability) of one page held in memory (`docbind::load_pages`: no file is read);
//! - `render`: the model of that page → tokens → syn → prettyplease (`docbind::render`).
//!
//! Pages: the seed (`docs/bits/…`), the largest sample (`docs/contoso/…status_code`), and, when
//! `../shared/corpus` is present, the largest real enum page of the driver docs.

// `criterion_group!` defines an undocumented `pub fn`.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use docbind::{Config, Layout};
use std::path::Path;

fn pages() -> Vec<(String, String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut pages = Vec::new();
    for (name, rel) in [
        ("seed", "bits/ne-bits-__midl_ibackgroundcopyjob_0003.md"),
        ("sample", "contoso/ne-contoso-_contoso_status_code.md"),
    ] {
        if let Ok(bytes) = std::fs::read(root.join("docs").join(rel)) {
            pages.push((name.to_string(), rel.to_string(), bytes));
        }
    }
    let corpus = root.join("../shared/corpus/ddi/wdm/ne-wdm-_pool_type.md");
    match std::fs::read(&corpus) {
        Ok(bytes) => pages.push((
            "corpus-pool-type".into(),
            "wdm/ne-wdm-_pool_type.md".into(),
            bytes,
        )),
        Err(_) => println!(
            "NOTICE: {} is absent: corpus page not benchmarked",
            corpus.display()
        ),
    }
    pages
}

fn stages(c: &mut Criterion) {
    let config = Config::default();
    let layout = Layout::SingleFile {
        name: "out.rs".into(),
    };
    for (name, rel, bytes) in pages() {
        c.bench_function(&format!("load/{name}"), |b| {
            b.iter(|| docbind::load_pages([(rel.as_str(), bytes.as_slice())], &config))
        });
        let loaded = docbind::load_pages([(rel.as_str(), bytes.as_slice())], &config);
        assert!(!loaded.has_errors(), "{name}: {:?}", loaded.diagnostics);
        c.bench_function(&format!("render/{name}"), |b| {
            b.iter(|| docbind::render(&loaded.bindings, &layout).unwrap())
        });
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
