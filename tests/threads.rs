//! Generation on several threads writes the bytes one thread writes (issue #17).

mod support;

use support::*;

/// Generates `spec` with each number of threads and checks every output against one thread's.
fn same_for_any_threads(spec: &std::path::Path, configure: impl Fn(&mut specforge::Builder)) {
    let one = generate_with(spec, |b| {
        configure(b);
        b.threads(1);
    });
    for threads in [2, 3, 8] {
        let many = generate_with(spec, |b| {
            configure(b);
            b.threads(threads);
        });
        assert!(
            many.code == one.code,
            "{} with {threads} threads differs from 1 thread, first at byte {}",
            spec.display(),
            one.code.bytes().zip(many.code.bytes()).position(|(a, b)| a != b).unwrap_or(one.code.len().min(many.code.len()))
        );
        assert_eq!(many.needs, one.needs, "{} with {threads} threads needs other crates", spec.display());
    }
}

#[test]
fn clerk_is_byte_identical_on_any_number_of_threads() {
    // 645 types and 249 operations: split into many parts (runs of types, the client).
    let clerk = shared("specs/clerk/clerk-bapi.yml");
    same_for_any_threads(&clerk, |_| {});
    same_for_any_threads(&clerk, |b| {
        b.tag_features(true).example_tests(true).closed_enums(true);
    });
    same_for_any_threads(&clerk, |b| {
        b.client(false);
    });
}

#[test]
fn small_documents_are_byte_identical_on_any_number_of_threads() {
    for spec in ["specs/petstore/openapi.yaml", "tests/client/streams.yaml", "tests/constructs/unions.yaml", "tests/markdown/go"] {
        same_for_any_threads(&root().join(spec), |_| {});
    }
}

#[test]
fn zero_threads_is_an_error() {
    let mut builder = specforge::Builder::new();
    builder.spec(root().join("specs/petstore/openapi.yaml")).cargo_directives(false).threads(0);
    let error = builder.generate().unwrap_err().to_string();
    assert!(error.contains("threads"), "{error}");
}
