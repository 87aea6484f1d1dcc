//! A crate whose build.rs uses `docbind::Builder`, built and tested with cargo as a user would.

use docbind_workspace_tests::{scratch_dir, workspace_root};
use std::fs;
use std::process::Command;

#[test]
fn consumer_crate_builds_and_uses_the_generated_enum() {
    let root = workspace_root();
    let dir = scratch_dir(env!("CARGO_TARGET_TMPDIR"), "consumer");
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::create_dir_all(dir.join("docs/bits")).unwrap();
    fs::copy(root.join("tests/consumer/build.rs"), dir.join("build.rs")).unwrap();
    fs::copy(
        root.join("tests/consumer/src/lib.rs"),
        dir.join("src/lib.rs"),
    )
    .unwrap();
    let seed = "bits/ne-bits-__midl_ibackgroundcopyjob_0003.md";
    fs::copy(root.join("docs").join(seed), dir.join("docs").join(seed)).unwrap();
    // The same dependency versions as the workspace, so nothing new is downloaded.
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let codegen = root.join("codegen");
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"consumer\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [build-dependencies]\ndocbind = {{ path = {:?}, default-features = false }}\n\n[workspace]\n",
            codegen.display().to_string()
        ),
    )
    .unwrap();

    // A target directory of its own: the outer `cargo test` holds the workspace's.
    let target = root.join("target/consumer");
    let status = Command::new(env!("CARGO"))
        .args(["test", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .status()
        .expect("run cargo");
    assert!(
        status.success(),
        "the consumer crate failed to build or its tests failed"
    );

    // The build script asked cargo to rerun it when the docs change.
    let build_dir = target.join("debug/build");
    let outputs: Vec<String> = fs::read_dir(&build_dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("consumer-"))
        .filter_map(|e| fs::read_to_string(e.path().join("output")).ok())
        .collect();
    let output = outputs.join("\n");
    assert!(output.contains("cargo:rerun-if-changed=docs\n"), "{output}");
    assert!(
        output.contains(&format!("cargo:rerun-if-changed=docs/{seed}")),
        "{output}"
    );
}
