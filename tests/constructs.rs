//! One small document per construct in `tests/constructs/`: the intermediate model and the generated
//! Rust are compared with reviewed snapshots in `tests/snapshots/`, then every module is compiled (with
//! `#![deny(warnings)]`, clippy `-D warnings`, `cargo doc`) and exercised by the round-trip tests in
//! `tests/roundtrip/` inside one crate.
//!
//! After an intended change, regenerate the snapshots with `SPECFORGE_BLESS=1 cargo test --test
//! constructs` and review the diff.

mod support;

use std::fs;
use std::path::Path;
use support::*;

/// Every construct document, by file stem.
fn constructs() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root().join("tests/constructs"))
        .unwrap()
        .filter_map(|entry| {
            let path = entry.unwrap().path();
            (path.extension()? == "yaml").then(|| path.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    names
}

/// Compares `actual` with the snapshot file, or rewrites it when `SPECFORGE_BLESS` is set.
fn snapshot(path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("SPECFORGE_BLESS").is_some() {
        fs::write(path, actual).unwrap();
        return None;
    }
    let expected = fs::read_to_string(path).unwrap_or_default();
    (expected != actual).then(|| {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(expected.lines().count().min(actual.lines().count()));
        format!("{} differs from the generated output from line {} on", path.display(), line + 1)
    })
}

#[test]
fn construct_snapshots_match() {
    let mut mismatches = Vec::new();
    for name in constructs() {
        let spec = root().join(format!("tests/constructs/{name}.yaml"));
        let config = specforge::Config { inputs: vec![spec.clone()], ..Default::default() };
        let model = specforge::model(&config).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Origins name files as given; make them relative so the snapshot is the same on every machine.
        let ir = serde_json::to_string_pretty(&model.api).unwrap().replace(&format!("{}/", root().display()), "") + "\n";
        mismatches.extend(snapshot(&root().join(format!("tests/snapshots/{name}.ir.json")), &ir));
        let code = generate_with(&spec, |_| {}).code;
        mismatches.extend(snapshot(&root().join(format!("tests/snapshots/{name}.rs")), &code));
    }
    assert!(mismatches.is_empty(), "snapshots differ (run with SPECFORGE_BLESS=1 and review the diff):\n{}", mismatches.join("\n"));
}

#[test]
fn constructs_compile_lint_document_and_round_trip() {
    let mut krate = TestCrate::new("constructs");
    krate.with_client();
    // Round trips read and write every type: both serde directions even where the client only
    // sends or only receives one (the snapshots show the default, directional derives).
    for name in constructs() {
        let spec = root().join(format!("tests/constructs/{name}.yaml"));
        krate.module(
            &name,
            &generate_with(&spec, |b| {
                b.both_directions(true);
            })
            .code,
        );
    }
    // The same documents with closed enums and plain-string formats must compile too.
    for name in ["enums", "formats"] {
        let spec = root().join(format!("tests/constructs/{name}.yaml"));
        let code = generate_with(&spec, |b| {
            b.closed_enums(true).typed_formats(false).both_directions(true);
        })
        .code;
        krate.module(&format!("{name}_closed_plain"), &code);
    }
    let petstore = root().join("specs/petstore/openapi.yaml");
    krate.module(
        "petstore",
        &generate_with(&petstore, |b| {
            b.both_directions(true);
        })
        .code,
    );
    let mut written_tests = 0;
    for entry in fs::read_dir(root().join("tests/roundtrip")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&path).unwrap();
        written_tests += text.matches("#[test]").count();
        krate.test_file(&stem, &text);
    }
    let dir = krate.write();
    clippy(&dir);
    doc(&dir);
    let passed = test(&dir);
    assert!(written_tests > 10 && passed == written_tests, "{written_tests} round-trip tests written, {passed} passed");
}
