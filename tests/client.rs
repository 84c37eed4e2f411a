//! The generated HTTP client: loopback tests against a scripted server on 127.0.0.1 (every parameter
//! style, body kind, security scheme, response kind, retry and error path), and real clients that
//! compile with `#![deny(warnings)]`, clippy `-D warnings` and `cargo doc`.

mod support;

use std::fs;
use support::*;

#[test]
fn loopback_client_sends_exactly_what_the_spec_says() {
    let spec = root().join("tests/client/loopback.yaml");
    let mut krate = TestCrate::new("client_loopback");
    krate.with_client();
    krate.module("loopback", &generate_with(&spec, |b| {
        b.client(true);
    })
    .code);
    let tests = fs::read_to_string(root().join("tests/client/loopback_tests.rs")).unwrap();
    let written = tests.matches("#[tokio::test]").count() + tests.matches("#[test]").count();
    krate.test_file("loopback", &tests);
    krate.test_file("common/mod", &fs::read_to_string(root().join("tests/client/server.rs")).unwrap());
    let dir = krate.write();
    clippy(&dir);
    let passed = test(&dir);
    assert_eq!(passed, written, "every loopback test ran and passed");
}

#[test]
fn clients_for_petstore_and_the_four_clerk_specs_compile_lint_and_document() {
    let mut krate = TestCrate::new("client_clerk");
    krate.with_client();
    krate.module("petstore", &generate_with(&root().join("specs/petstore/openapi.yaml"), |b| {
        b.client(true);
    })
    .code);
    for (module, relative) in [
        ("bapi", "specs/clerk/clerk-bapi.yml"),
        ("fapi", "specs/clerk/clerk-fapi.yml"),
        ("platform", "specs/clerk/clerk-platform.yml"),
        ("webhooks", "specs/clerk/clerk-webhooks.yml"),
    ] {
        let generated = generate_with(&shared(relative), |b| {
            b.client(true);
        });
        krate.module(module, &generated.code);
    }
    krate.module("clerk_python_docs", &generate_with(&shared("docs/clerk-python/docs"), |b| {
        b.client(true);
    })
    .code);
    let dir = krate.write();
    clippy(&dir);
    doc(&dir);
}
