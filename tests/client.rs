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
    let options = fs::read_to_string(root().join("tests/client/options_tests.rs")).unwrap();
    let written = [&tests, &options].iter().map(|t| t.matches("#[tokio::test]").count() + t.matches("#[test]").count()).sum::<usize>();
    krate.test_file("loopback", &tests);
    krate.test_file("options", &options);
    krate.test_file("common/mod", &fs::read_to_string(root().join("tests/client/server.rs")).unwrap());
    let dir = krate.write();
    clippy(&dir);
    doc(&dir);
    let passed = test(&dir);
    assert_eq!(passed, written, "every loopback test ran and passed");
}

/// A required query, header or cookie parameter cannot be left out (issue #16): the params struct has
/// it as a plain field and no `Default`, so the compiler rejects a call without it and names it.
#[test]
fn leaving_out_a_required_parameter_does_not_compile() {
    let loopback = generate_with(&root().join("tests/client/loopback.yaml"), |b| {
        b.client(true);
    });
    let mut krate = TestCrate::new("client_required");
    krate.with_client();
    krate.module("loopback", &loopback.code);
    krate.module(
        "omits",
        r#"
use crate::loopback::client::{CreateOrderParams, GetPartParams};

pub fn query() -> GetPartParams {
    GetPartParams { tags: None, ids: None, words: None, pipes: None, filter: None, kind: None, x_request_id: None, session: None }
}

pub fn header() -> CreateOrderParams {
    CreateOrderParams { region: "eu".into(), expand: None }
}

pub fn cookie() -> CreateOrderParams {
    CreateOrderParams { x_tenant: "acme".into(), expand: None }
}

pub fn defaulted() -> CreateOrderParams {
    CreateOrderParams { expand: Some(true), ..Default::default() }
}

pub fn none() -> GetPartParams {
    GetPartParams { limit: None, ..GetPartParams::new(1) }
}
"#,
    );
    let dir = krate.write();
    let output = cargo(&dir, &["check", "--lib", "--quiet", "--message-format", "short"], &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "omitting required parameters compiled:\n{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error")).collect();
    let expected = [
        ("omits.rs:5:", "missing field `limit` in initializer of `GetPartParams`"),
        ("omits.rs:9:", "missing field `x_tenant` in initializer of `CreateOrderParams`"),
        ("omits.rs:13:", "missing field `region` in initializer of `CreateOrderParams`"),
        ("omits.rs:17:", "CreateOrderParams: Default"),
        ("omits.rs:21:", "mismatched types"),
    ];
    for (place, message) in expected {
        assert!(errors.iter().any(|e| e.contains(place) && e.contains(message)), "no `{message}` at {place}:\n{stderr}");
    }
    assert!(
        errors.iter().all(|e| e.contains("omits.rs") || e.starts_with("error: could not compile")),
        "the generated module itself compiles:\n{stderr}"
    );
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
