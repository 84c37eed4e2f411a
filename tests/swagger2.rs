//! Swagger 2.0 read natively: the client generated from the construct `tests/constructs/swagger2.yaml`
//! compiled with clippy and `cargo doc`, then run against the scripted server of `tests/client/`
//! (`tests/client/swagger2_tests.rs` checks the exact requests).

mod support;

use std::fs;
use support::*;

#[test]
fn swagger2_client_sends_exactly_what_the_document_says() {
    let spec = root().join("tests/constructs/swagger2.yaml");
    let mut krate = TestCrate::new("client_swagger2");
    krate.with_client();
    krate.module(
        "pets",
        &generate_with(&spec, |b| {
            b.client(true);
        })
        .code,
    );
    let tests = fs::read_to_string(root().join("tests/client/swagger2_tests.rs")).unwrap();
    let written = tests.matches("#[tokio::test]").count() + tests.matches("#[test]").count();
    krate.test_file("swagger2", &tests);
    krate.test_file("common/mod", &fs::read_to_string(root().join("tests/client/server.rs")).unwrap());
    let dir = krate.write();
    clippy(&dir);
    doc(&dir);
    let passed = test(&dir);
    assert_eq!(passed, written, "every Swagger 2.0 loopback test ran and passed");
}
