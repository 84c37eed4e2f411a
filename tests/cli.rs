//! The command-line tool: determinism, write-only-when-changed, `check`, `--crate`, `ir`, options.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use support::*;

fn specforge(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_specforge")).args(args).current_dir(cwd).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn petstore() -> String {
    root().join("specs/petstore/openapi.yaml").display().to_string()
}

#[test]
fn generation_is_byte_identical_and_does_not_touch_unchanged_files() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.rs");
    let second = dir.path().join("second.rs");
    assert!(specforge(&["generate", &petstore(), "-o", first.to_str().unwrap()], dir.path()).status.success());
    // From another working directory, through a relative path: same bytes.
    let relative = specforge(&["generate", "specs/petstore/openapi.yaml", "-o", second.to_str().unwrap()], &root());
    assert!(relative.status.success(), "{}", stderr(&relative));
    assert_eq!(fs::read(&first).unwrap(), fs::read(&second).unwrap());

    let before = fs::metadata(&first).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = specforge(&["generate", &petstore(), "-o", first.to_str().unwrap()], dir.path());
    assert!(stderr(&again).contains("unchanged"), "{}", stderr(&again));
    assert_eq!(fs::metadata(&first).unwrap().modified().unwrap(), before, "an unchanged output must keep its mtime");
    let leftovers: Vec<_> =
        fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".tmp")).collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn check_reports_the_stale_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("api.rs");
    let out_str = out.to_str().unwrap();
    let missing = specforge(&["check", &petstore(), "-o", out_str], dir.path());
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains(out_str) && stderr(&missing).contains("does not exist"), "{}", stderr(&missing));
    assert!(specforge(&["generate", &petstore(), "-o", out_str], dir.path()).status.success());
    let fresh = specforge(&["check", &petstore(), "-o", out_str], dir.path());
    assert!(fresh.status.success(), "{}", stderr(&fresh));
    fs::write(&out, fs::read_to_string(&out).unwrap().replace("pub struct Pet ", "pub struct Pets ")).unwrap();
    let stale = specforge(&["check", &petstore(), "-o", out_str], dir.path());
    assert_eq!(stale.status.code(), Some(1));
    assert!(stderr(&stale).contains(out_str) && stderr(&stale).contains("differs"), "{}", stderr(&stale));
}

#[test]
fn crate_output_lists_exactly_the_dependencies_used_and_builds() {
    let dir = work_dir("cli_crates");
    let petstore_dir = dir.join("petstore-models");
    let maps_dir = dir.join("maps-models");
    let streams_dir = dir.join("streams-client");
    let run = |spec: &str, out: &Path, name: &str| {
        let output = specforge(&["generate", spec, "--crate", out.to_str().unwrap(), "--name", name], &root());
        assert!(output.status.success(), "{}", stderr(&output));
        fs::read_to_string(out.join("Cargo.toml")).unwrap()
    };
    let manifest = run(&petstore(), &petstore_dir, "petstore-models");
    for dep in ["serde =", "serde_json =", "chrono =", "uuid ="] {
        assert!(manifest.contains(dep), "petstore needs {dep}:\n{manifest}");
    }
    let manifest = run("tests/constructs/objects.yaml", &maps_dir, "objects-models");
    assert!(manifest.contains("serde =") && !manifest.contains("chrono") && !manifest.contains("uuid"), "{manifest}");
    assert!(!manifest.contains("futures-core") && !manifest.contains("\"stream\""), "no stream, no stream crates: {manifest}");
    let manifest = run("tests/client/streams.yaml", &streams_dir, "streams-client");
    for dep in ["features = [\"rustls\", \"stream\"]", "futures-core =", "bytes =", "tokio ="] {
        assert!(manifest.contains(dep), "a streaming client needs {dep}:\n{manifest}");
    }
    // `unused_crate_dependencies` proves no dependency is listed without being used.
    for crate_dir in [&petstore_dir, &maps_dir, &streams_dir] {
        cargo_ok(crate_dir, &["rustc", "--quiet", "--lib", "--", "-D", "warnings", "-D", "unused-crate-dependencies"], &[]);
    }
    let bad = specforge(&["generate", &petstore(), "--crate", dir.join("x").to_str().unwrap(), "--name", "9 bad"], &root());
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("not a valid crate name"), "{}", stderr(&bad));
}

#[test]
fn ir_prints_the_intermediate_model_as_json() {
    let output = specforge(&["ir", &petstore()], &root());
    assert!(output.status.success(), "{}", stderr(&output));
    let ir: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let types = ir["types"].as_array().unwrap();
    let pet = types.iter().find(|t| t["name"] == "Pet").expect("Pet in the model");
    assert_eq!(pet["kind"]["kind"], "struct");
    let fields = pet["kind"]["fields"].as_array().expect("Pet has fields");
    let nickname = fields.iter().find(|f| f["wire_name"] == "nickname").unwrap();
    assert_eq!((nickname["required"].as_bool(), nickname["nullable"].as_bool()), (Some(false), Some(true)));
    let operations = ir["operations"].as_array().unwrap();
    assert!(
        operations.iter().any(|o| o["operation_id"] == "createPet" && o["method"] == "POST" && o["path"] == "/pets"),
        "operations: {operations:?}"
    );
}

#[test]
fn ir_shows_the_pagination_recognized_and_declared() {
    let spec = "tests/client/pagination.yaml";
    let output = specforge(&["ir", spec, "--paginate", "listDeclared=cursor:param=from,items=things,next=continue"], &root());
    assert!(output.status.success(), "{}", stderr(&output));
    let ir: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let paged = |id: &str| ir["operations"].as_array().unwrap().iter().find(|o| o["operation_id"] == id).unwrap()["pagination"].clone();
    assert_eq!(
        paged("listStripe"),
        serde_json::json!({"kind": "cursor", "param": "starting_after", "items": ["data"], "item_cursor": "id",
            "has_more": ["has_more"], "source": "heuristic", "method": "list_stripe_stream"})
    );
    assert_eq!(paged("listDeclared")["source"], "user");
    assert_eq!(paged("listAmbiguous"), serde_json::Value::Null);
    assert!(stderr(&output).contains("warning[pagination]"), "{}", stderr(&output));
    let unknown = specforge(&["ir", spec, "--paginate", "nope=page"], &root());
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("--paginate: no operation `nope`"), "{}", stderr(&unknown));
    let impossible = specforge(&["ir", spec, "--paginate", "listAmbiguous=offset"], &root());
    assert_eq!(impossible.status.code(), Some(1));
    assert!(stderr(&impossible).contains("no unambiguous items array"), "{}", stderr(&impossible));
}

#[test]
fn options_change_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.rs");
    let out_str = out.to_str().unwrap();
    let output = specforge(
        &[
            "generate",
            &petstore(),
            "-o",
            out_str,
            "--closed-enums",
            "--string-formats",
            "--type-attribute",
            "Pet=#[non_exhaustive]",
            "--field-attribute",
            "Pet.name=#[doc(alias = \"title\")]",
        ],
        dir.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let code = fs::read_to_string(&out).unwrap();
    assert!(!code.contains("Unknown(String)"), "closed enums have no Unknown variant");
    assert!(!code.contains("chrono") && !code.contains("uuid"), "string formats");
    assert!(code.contains("#[non_exhaustive]\npub struct Pet {"), "type attribute");
    assert!(code.contains("#[doc(alias = \"title\")]\n    pub name: String,"), "field attribute");
    assert!(code.contains("pub mod client {"), "the client is generated by default");
    let models = specforge(&["generate", &petstore(), "-o", out_str, "--models-only"], dir.path());
    assert!(models.status.success(), "{}", stderr(&models));
    let code = fs::read_to_string(&out).unwrap();
    assert!(!code.contains("pub mod client") && !code.contains("reqwest"), "--models-only leaves the client out");
    assert!(code.contains("pub struct Pet {"), "--models-only keeps the models");
    let bad = specforge(&["generate", &petstore(), "-o", out_str, "--type-attribute", "Pet=derive(Hash)"], dir.path());
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("not an attribute"), "{}", stderr(&bad));
}

#[test]
fn strict_turns_warnings_into_errors_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.rs");
    let spec = root().join("tests/broken/strict-unsupported-schema.yaml");
    let output = specforge(&["generate", "--strict", spec.to_str().unwrap(), "-o", out.to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("error[unsupported-schema]"), "{}", stderr(&output));
    assert!(!out.exists());
}
