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

/// Three pages for each pagination pattern (heuristics, the three extensions, user declarations):
/// the stream methods against the scripted server, compiled with clippy and docs like the rest.
#[test]
fn loopback_streams_read_every_page() {
    let spec = root().join("tests/client/pagination.yaml");
    let mut krate = TestCrate::new("client_pages");
    krate.with_client();
    let generated = generate_with(&spec, |b| {
        b.client(true).paginate("listDeclared", "cursor:param=from,items=things,next=continue").paginate("GET /undeclared-link", "link:param=p");
    });
    let warnings: Vec<(specforge::Kind, &str)> = generated.warnings.iter().map(|w| (w.kind, w.message.as_str())).collect();
    assert_eq!(
        warnings,
        [(specforge::Kind::Pagination, "GET /broken: x-pagination cannot be followed (no string `nope` in the response); no stream method")]
    );
    for (method, paged) in [("list_ambiguous_stream", false), ("list_broken_stream", false), ("list_link_stream", true)] {
        assert_eq!(generated.code.contains(&format!("pub fn {method}")), paged, "{method}");
    }
    krate.module("pagination", &generated.code);
    let tests = fs::read_to_string(root().join("tests/client/pagination_tests.rs")).unwrap();
    let written = tests.matches("#[tokio::test]").count();
    krate.test_file("pagination", &tests);
    krate.test_file("common/mod", &fs::read_to_string(root().join("tests/client/server.rs")).unwrap());
    let dir = krate.write();
    clippy(&dir);
    doc(&dir);
    let passed = test(&dir);
    assert_eq!(passed, written, "every pagination test ran and passed");
}
