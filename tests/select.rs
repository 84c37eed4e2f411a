//! Selection (`--tags`, `--operations`, `--exclude-*`, `--keep-schemas`) on Clerk's Backend API:
//! only the chosen operations and the types they reach are generated, and the result compiles
//! warning-free and clippy-clean. Needs ../shared/specs/clerk/clerk-bapi.yml.

mod support;

use std::process::Command;
use support::*;

fn bapi() -> std::path::PathBuf {
    let path = shared("specs/clerk/clerk-bapi.yml");
    assert!(path.exists(), "needs {} (the shared folder beside the project)", path.display());
    path
}

#[test]
fn a_selection_keeps_its_operations_and_the_types_they_reach_and_compiles() {
    let users = generate_with(&bapi(), |b| {
        b.tags(["Users"]).exclude_operations(["DeleteUser"]).operations(["GET /jwks"]).keep_schemas(["Invitation"]);
    });
    let whole = generate_with(&bapi(), |_| {});
    let kept = users.selected.expect("a selection reports what it kept");
    assert_eq!((kept.operations, kept.operations_total), (35, 249), "Users has 35 operations, one excluded, plus GET /jwks");
    assert!(kept.types < kept.types_total / 2, "{kept:?}");
    for present in ["pub fn get_user(", "pub fn get_jwks(", "pub struct User {", "pub struct Invitation {", "pub struct Jwks {"] {
        assert!(users.code.contains(present), "{present} is selected");
    }
    for absent in ["pub fn delete_user(", "pub fn list_organizations(", "pub struct JwtTemplate {", "pub struct SamlConnection {"] {
        assert!(whole.code.contains(absent), "{absent} exists in the whole API");
        assert!(!users.code.contains(absent), "{absent} is not selected");
    }
    // With a client, a type only sent derives Serialize, one only received Deserialize.
    let derives = |name: &str| {
        let at = users.code.find(&format!("pub struct {name} {{")).unwrap_or_else(|| panic!("{name}"));
        users.code[..at].rsplit("#[derive(").next().unwrap().split(')').next().unwrap().to_string()
    };
    assert_eq!(derives("UpdateUserRequest"), "Debug, Clone, PartialEq, Default, ::serde::Serialize");
    // Received only: no Serialize; Deserialize comes from the support::de macro.
    assert_eq!(derives("User"), "Debug, Clone, PartialEq");
    assert!(users.code.contains(" User \"struct User\"["), "User's Deserialize is the deserialize_object! impl");
    assert!(!users.code.contains(" UpdateUserRequest \"struct UpdateUserRequest\"["), "a type only sent has no Deserialize");
    let both = generate_with(&bapi(), |b| {
        b.tags(["Users"]).both_directions(true);
    });
    assert!(both.code.contains("PartialEq, ::serde::Serialize)]\n#[allow(deprecated)]\npub struct User {"));
    assert!(both.code.contains(" UpdateUserRequest \"struct UpdateUserRequest\"["));
    let dir = TestCrate::new("select_clerk").with_client().module("users", &users.code).write();
    clippy(&dir);
}

#[test]
fn cli_selection_shows_in_ir_and_stats_and_a_typo_writes_nothing() {
    let bin = env!("CARGO_BIN_EXE_specforge");
    let bapi = bapi();
    let ir = Command::new(bin).args(["ir".as_ref(), bapi.as_os_str(), "--tags".as_ref(), "JWKS,Sessions".as_ref()]).output().unwrap();
    assert!(ir.status.success(), "{}", String::from_utf8_lossy(&ir.stderr));
    let ir: serde_json::Value = serde_json::from_slice(&ir.stdout).unwrap();
    let operations = ir["operations"].as_array().unwrap();
    assert!(operations.iter().all(|op| ["JWKS", "Sessions"].contains(&op["tags"][0].as_str().unwrap())), "{operations:?}");
    assert_eq!(ir["selected"]["operations"], operations.len());
    assert_eq!(ir["selected"]["types"], ir["types"].as_array().unwrap().len());

    let out = work_dir("select_cli").join("typo.rs");
    let _ = std::fs::remove_file(&out);
    let typo = Command::new(bin)
        .args(["generate".as_ref(), bapi.as_os_str(), "--tags".as_ref(), "User".as_ref(), "-o".as_ref(), out.as_os_str()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&typo.stderr);
    assert_eq!(typo.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--tags `User` matches nothing") && stderr.contains("(did you mean `Users`?)"), "{stderr}");
    assert!(!out.exists(), "nothing is written");

    let stats = Command::new(bin)
        .args(["generate".as_ref(), bapi.as_os_str(), "--tags=JWKS".as_ref(), "--stats".as_ref(), "-o".as_ref(), out.as_os_str()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&stats.stderr);
    assert!(stderr.contains("stats: selected operations=1/249"), "{stderr}");
}
