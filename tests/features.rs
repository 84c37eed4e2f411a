//! Cargo features per tag (`--crate`): Clerk's Backend API as a crate whose every tag is a feature.
//! With no feature, with one tag alone, and with a sample of single tags, the crate compiles with
//! `-D warnings` (all features together is what tests/clerk.rs compiles). `scripts/features` compiles
//! every feature of a description alone and prints the times. Needs ../shared/specs/clerk/clerk-bapi.yml.

mod support;

use std::process::Command;
use support::*;

#[test]
fn each_tag_is_a_feature_that_compiles_alone() {
    let bapi = shared("specs/clerk/clerk-bapi.yml");
    assert!(bapi.exists(), "needs {} (the shared folder beside the project)", bapi.display());
    let dir = work_dir("features_clerk");
    let output = Command::new(env!("CARGO_BIN_EXE_specforge"))
        .args(["generate".as_ref(), bapi.as_os_str(), "--crate".as_ref(), dir.as_os_str(), "--name".as_ref(), "clerk-features".as_ref()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let code = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    let features = manifest.split("[features]").nth(1).expect("a [features] table");
    let default = features.lines().find(|l| l.starts_with("default = ")).expect("default features");
    for feature in ["users", "organizations", "jwks"] {
        assert!(default.contains(&format!("\"{feature}\"")), "{feature} is on by default: {default}");
        assert!(features.contains(&format!("\n{feature} = []")), "{feature} is declared");
    }
    // The users' sub-client and a type only Users operations use are behind `users`.
    assert!(
        code.contains("#[cfg(feature = \"users\")]\n        /// Operations tagged `Users`.\n        pub fn users(&self)"),
        "the accessor is gated"
    );
    let update_user = code.find("pub struct UpdateUserRequest {").expect("UpdateUserRequest");
    assert!(
        code[..update_user].ends_with("#[cfg(feature = \"users\")]\n#[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize)]\n"),
        "a users-only type is gated"
    );

    let check = |features: &[&str]| {
        let mut args = vec!["rustc", "--quiet", "--lib", "--profile", "check", "--no-default-features"];
        let joined = features.join(",");
        if !features.is_empty() {
            args.extend(["--features", joined.as_str()]);
        }
        args.extend(["--", "-D", "warnings"]);
        let output = cargo(&dir, &args, &[]);
        assert!(output.status.success(), "features {features:?}:\n{}", String::from_utf8_lossy(&output.stderr));
    };
    check(&[]);
    for feature in ["users", "jwks"] {
        check(&[feature]);
    }
    check(&["users", "sessions"]);
}

#[test]
#[ignore = "about 2 minutes: scripts/test runs it with the GitHub client (`scripts/features` checks every feature)"]
fn a_sample_of_github_tag_features_compiles_alone() {
    // GitHub's crate has one feature per tag; a user picks a few. A fixed sample (every eighth
    // feature in name order, plus `repos` and `schemas`) is checked alone with -D warnings.
    let github = corpus().join("github.com/api.github.com.json");
    let dir = work_dir("features_github");
    let output = Command::new(env!("CARGO_BIN_EXE_specforge"))
        .args(["generate".as_ref(), github.as_os_str(), "--crate".as_ref(), dir.as_os_str(), "--name".as_ref(), "github-features".as_ref()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let table = manifest.split("[features]").nth(1).expect("a [features] table");
    let mut features: Vec<&str> = table.lines().filter_map(|l| l.strip_suffix(" = []")).collect();
    features.sort_unstable();
    assert!(features.len() > 30, "GitHub has dozens of tags: {features:?}");
    let mut sample: Vec<&str> = features.iter().step_by(8).copied().collect();
    // `repos`, and `schemas` (types no operation reaches, which hold types of many tags).
    for always in ["repos", "schemas"] {
        if !sample.contains(&always) {
            sample.push(always);
        }
    }
    for feature in sample {
        let args = ["rustc", "--quiet", "--lib", "--profile", "check", "--no-default-features", "--features", feature, "--", "-D", "warnings"];
        let output = cargo(&dir, &args, &[]);
        assert!(output.status.success(), "feature {feature} alone:\n{}", String::from_utf8_lossy(&output.stderr));
    }
}
