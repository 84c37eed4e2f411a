//! `examples/petstore-build` (a crate whose build.rs uses `specforge::Builder`) builds and runs, and
//! cargo reruns its build script exactly when the spec or a file it references through `$ref` changes.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use support::*;

/// Copies the example crate and the petstore spec into a scratch tree with the same layout.
fn scratch_copy() -> PathBuf {
    let base = work_dir("build_script");
    let krate = base.join("examples/petstore-build");
    fs::create_dir_all(krate.join("src")).unwrap();
    fs::create_dir_all(base.join("specs/petstore")).unwrap();
    let example = root().join("examples/petstore-build");
    for file in ["build.rs", "src/main.rs"] {
        fs::copy(example.join(file), krate.join(file)).unwrap();
    }
    let manifest = fs::read_to_string(example.join("Cargo.toml")).unwrap();
    let manifest = manifest.replace(r#"path = "../..""#, &format!("path = {:?}", root().display().to_string()));
    fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    for file in ["openapi.yaml", "common.yaml"] {
        fs::copy(root().join("specs/petstore").join(file), base.join("specs/petstore").join(file)).unwrap();
    }
    krate
}

/// `cargo build -v`: whether the build script ran, and the generated file's content.
fn build(krate: &Path) -> (bool, String) {
    let output = cargo(krate, &["build", "-v", "--message-format=json"], &[]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "build failed:\n{stderr}");
    assert!(!stderr.contains("warning:"), "build warned:\n{stderr}");
    let ran = stderr.lines().any(|l| l.contains("Running") && l.contains("build-script-build"));
    let out_dir = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "build-script-executed" && m["package_id"].as_str().unwrap_or("").contains("petstore-build"))
        .find_map(|m| m["out_dir"].as_str().map(PathBuf::from))
        .expect("cargo reports the build script's OUT_DIR");
    (ran, fs::read_to_string(out_dir.join("petstore.rs")).unwrap())
}

#[test]
fn build_script_regenerates_when_a_referenced_file_changes() {
    let krate = scratch_copy();
    let (_, first) = build(&krate);
    assert!(first.contains("pub struct Pet {") && !first.contains("archived_at"));

    let (ran, _) = build(&krate);
    assert!(!ran, "nothing changed, the build script must not run again");

    // Edit the file reached only through `common.yaml#/...`.
    let common = krate.join("../../specs/petstore/common.yaml");
    let text = fs::read_to_string(&common).unwrap();
    let edited = text.replace(
        "        updated_at: { type: string, format: date-time, readOnly: true }",
        "        updated_at: { type: string, format: date-time, readOnly: true }\n        archived_at: { type: string, format: date-time }",
    );
    assert_ne!(text, edited, "the edit applies");
    fs::write(&common, edited).unwrap();
    let (ran, second) = build(&krate);
    assert!(ran, "editing a $ref'd file must rerun the build script");
    assert!(second.contains("pub archived_at: Option<::chrono::DateTime<::chrono::Utc>>"), "{second}");

    let run = cargo(&krate, &["run", "--quiet"], &[]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success() && stdout.contains(r#""name":"Rex""#) && stdout.contains("Tom is a hamster"), "{stdout}");
    fs::write(&common, text).unwrap();
}
