//! The four Clerk documents in `../shared/specs/clerk/`: models generate, compile with
//! `#![deny(warnings)]`, pass clippy `-D warnings` and `cargo doc` cleanly, and every example in their
//! schemas round-trips through the generated types. All four are modules of one crate.

mod support;

use support::*;

const SPECS: [(&str, &str); 4] = [
    ("bapi", "specs/clerk/clerk-bapi.yml"),
    ("fapi", "specs/clerk/clerk-fapi.yml"),
    ("platform", "specs/clerk/clerk-platform.yml"),
    ("webhooks", "specs/clerk/clerk-webhooks.yml"),
];

/// Examples on component schemas and on their direct properties: a lower bound on what the
/// generated example tests must cover, counted from the YAML without specforge.
fn count_examples(spec: &std::path::Path) -> usize {
    let text = std::fs::read_to_string(spec).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let Some(schemas) = doc.get("components").and_then(|c| c.get("schemas")).and_then(|s| s.as_mapping()) else {
        return 0;
    };
    let mut count = 0;
    for schema in schemas.values() {
        count += usize::from(schema.get("example").is_some());
        if let Some(properties) = schema.get("properties").and_then(|p| p.as_mapping()) {
            count += properties.values().filter(|p| p.get("example").is_some() && p.get("$ref").is_none()).count();
        }
    }
    count
}

#[test]
fn clerk_models_compile_lint_document_and_round_trip_examples() {
    let mut krate = TestCrate::new("clerk_models");
    let mut expected_examples = 0;
    for (module, relative) in SPECS {
        let spec = shared(relative);
        let generated = generate_with(&spec, |b| {
            b.example_tests(true);
        });
        assert!(generated.code.contains("pub struct"), "{relative} produced no structs");
        expected_examples += count_examples(&spec);
        krate.module(module, &generated.code);
    }
    assert!(expected_examples > 400, "the Clerk specs hold over 400 schema examples, counted {expected_examples}");
    let dir = krate.write();
    clippy(&dir);
    doc(&dir);
    let passed = test(&dir);
    assert!(
        passed >= expected_examples,
        "{passed} example round-trip tests passed, but the specs hold at least {expected_examples} examples"
    );
}
