//! The generated HTTP client against a scripted server on 127.0.0.1: every parameter style, body kind,
//! security scheme, response kind, retry and error path. (Real clients are compiled by `clerk.rs` and
//! `markdown.rs`, next to the models they use.)

mod support;

use std::fs;
use support::*;

#[test]
fn loopback_client_sends_exactly_what_the_spec_says() {
    let spec = root().join("tests/client/loopback.yaml");
    let mut krate = TestCrate::new("client_loopback");
    krate.with_client();
    let loopback = generate_with(&spec, |b| {
        b.client(true);
    });
    // Placeholders that differ from their parameter (issue #15) are matched, or declared, and said.
    let mismatches: Vec<String> =
        loopback.warnings.iter().filter(|w| w.kind == specforge::Kind::PathParamMismatch).map(|w| w.message.clone()).collect();
    assert_eq!(
        mismatches,
        [
            "GET /cases/{ID}: path parameter `id` does not match placeholder `{ID}` exactly; matched by a normalized name",
            "GET /shelves/{shelf-id}/items/{item_id}: path parameter `shelfId` does not match placeholder `{shelf-id}` exactly; matched by a normalized name",
            "GET /shelves/{shelf-id}/items/{item_id}: path parameter `itemId` does not match placeholder `{item_id}` exactly; matched by a normalized name",
            "GET /undeclared/{thing}/sub: placeholder `{thing}` has no path parameter; a required string parameter `thing` is added",
        ]
    );
    krate.module("loopback", &loopback.code);
    // Names and docs that try to break out of the generated code (keywords, prelude types, the client's
    // own item names, `*/`, `#![...]`, bidi controls): it must compile and behave as the spec says.
    let hostile = generate_with(&root().join("tests/client/hostile.yaml"), |b| {
        b.client(true);
    })
    .code;
    for forbidden in ['\u{202E}', '\u{2066}', '\u{0}'] {
        assert!(!hostile.contains(forbidden), "control character {forbidden:?} left in the output");
    }
    krate.module("hostile", &hostile);
    let tests = fs::read_to_string(root().join("tests/client/loopback_tests.rs")).unwrap();
    let written = tests.matches("#[tokio::test]").count() + tests.matches("#[test]").count();
    krate.test_file("loopback", &tests);
    krate.test_file("common/mod", &fs::read_to_string(root().join("tests/client/server.rs")).unwrap());
    let dir = krate.write();
    clippy(&dir);
    doc(&dir);
    let passed = test(&dir);
    assert_eq!(passed, written, "every loopback test ran and passed");
}

#[test]
fn streamed_responses_and_uploads_are_read_as_they_arrive() {
    let spec = root().join("tests/client/streams.yaml");
    let generated = generate_with(&spec, |b| {
        b.client(true);
    });
    assert!(generated.needs.stream, "a spec with streams needs the stream runtime and its crates");
    let mut krate = TestCrate::new("client_streams");
    krate.with_client().module("streams", &generated.code);
    let tests = fs::read_to_string(root().join("tests/client/streams_tests.rs")).unwrap();
    let written = tests.matches("#[tokio::test]").count() + tests.matches("#[test]").count() - tests.matches("#[ignore").count();
    krate.test_file("streams", &tests);
    let dir = krate.write();
    clippy(&dir);
    doc(&dir);
    let passed = test(&dir);
    assert_eq!(passed, written, "every streaming test ran and passed");
}
