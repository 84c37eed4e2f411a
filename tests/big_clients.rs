//! The two largest real APIs a user is likely to bring, GitHub (`github.com/api.github.com.json`) and
//! Stripe (`stripe.com.json`) from the corpus: models and the full HTTP client generate, compile with
//! `#![deny(warnings)]`, pass clippy `-D warnings` and document cleanly with `cargo doc -D warnings`.
//!
//! Each is several MB of Rust and takes minutes and several GB to check. Both tests are ignored by a
//! plain `cargo test` (each would hold the generated-code target for minutes): `scripts/test` runs them
//! by name with `--ignored`, Stripe beside the other tests in a target of its own and GitHub after them;
//! `cargo test --test big_clients -- --ignored --test-threads 1` runs both, one after the other.

mod support;

use support::*;

/// Generates models and client for `spec`, compiles them alone in a crate called `name`, and returns
/// the number of client methods and the generated source.
fn check_client(name: &str, spec: &std::path::Path, crate_attributes: &str) -> (usize, String) {
    let generated = generate_with(spec, |b| {
        b.client(true);
    });
    // The only warnings these documents give: names listed in `required` that `properties` does not
    // declare (GitHub's `content-tree` and `package-version` metadata), kept as `serde_json::Value` fields.
    let unexpected: Vec<_> = generated.warnings.iter().filter(|w| w.kind.as_str() != "undeclared-required").collect();
    assert!(unexpected.is_empty(), "{}: {unexpected:?}", spec.display());
    let code = generated.code;
    let mut krate = TestCrate::new(name);
    krate.with_client().crate_attributes(crate_attributes).module(name, &code);
    let dir = krate.write();
    let started = std::time::Instant::now();
    clippy(&dir);
    let linted = started.elapsed();
    doc(&dir);
    println!(
        "{name}: {:.1} MB of Rust, clippy {:.0} s, cargo doc {:.0} s",
        code.len() as f64 / 1e6,
        linted.as_secs_f64(),
        (started.elapsed() - linted).as_secs_f64()
    );
    // Operation methods of the generated `client` module: each builds one `Call` (a streamed one
    // with `Call::streamed`).
    let client = code.split("\npub mod support {").next().unwrap();
    let methods = client.matches("super::support::client::Call::new(").count() + client.matches("super::support::client::Call::streamed(").count();
    (methods, code)
}

#[test]
#[ignore = "about 6 minutes: scripts/test runs it (cargo test --test big_clients -- --ignored)"]
fn github_client_compiles_lints_and_documents_cleanly() {
    let github = corpus().join("github.com/api.github.com.json");
    let (methods, code) = check_client("github", &github, "");
    // Every operation of the document is a method (counted from the JSON itself).
    let operations = count_operations(&github);
    assert!(operations > 800, "api.github.com.json has {operations} operations");
    assert_eq!(methods, operations, "one client method per GitHub operation");
    assert!(code.contains("pub fn repos_get("), "operationId repos/get becomes repos_get");
    assert!(code.contains("pub encoding: ::serde_json::Value,"), "content-tree's undeclared required `encoding` is kept");
    assert!(code.contains("pub fn repos(&self) -> ReposApi<'_>"), "the `repos` tag is a sub-client");
}

#[test]
#[ignore = "about 4 minutes: scripts/test runs it (cargo test --test big_clients -- --ignored)"]
fn stripe_client_compiles_lints_and_documents_cleanly() {
    // Stripe's types nest deeper than rustdoc's default recursion limit allows when it works out
    // auto-trait implementations (rust-lang/rust#62559), so its crate raises the limit, as the README
    // tells users to.
    let stripe = corpus().join("stripe.com.json");
    let (methods, code) = check_client("stripe", &stripe, "#![recursion_limit = \"256\"]\n");
    let operations = count_operations(&stripe);
    assert!(operations > 400, "stripe.com.json has {operations} operations");
    assert_eq!(methods, operations, "one client method per Stripe operation");
    assert!(code.contains("pub fn post_customers("), "Stripe's PostCustomers becomes post_customers");
    assert!(code.contains("request.form("), "Stripe's bodies are form-encoded");
}

#[test]
#[ignore = "about 2 minutes: scripts/test runs it (cargo test --test big_clients -- --ignored)"]
fn mistral_docs_client_compiles_lints_and_documents_cleanly() {
    // Markdown docs (the TypeScript SDK's): its `EventStream<...>` responses are streaming methods.
    let docs = shared("docs/mistral-ts/docs");
    let (methods, code) = check_client("mistral_docs", &docs, "#![recursion_limit = \"256\"]\n");
    assert!(methods > 100, "{methods} methods from the Mistral docs");
    assert!(code.contains("pub fn stream_chat("), "the chat stream operation");
    assert!(code.contains("super::support::stream::EventStream<super::CompletionEvent>"), "its events are typed");
}

#[test]
#[ignore = "about 1 minute: scripts/test runs it (cargo test --test big_clients -- --ignored)"]
fn openai_client_compiles_lints_and_documents_cleanly() {
    let openai = shared("docs/openai-go/openapi/openapi.yaml");
    let (methods, code) = check_client("openai", &openai, "#![recursion_limit = \"256\"]\n");
    assert!(methods > 10, "{methods} methods from the OpenAI document");
    assert!(code.contains("pub fn create_chat_completion("), "chat completions");
}

/// Operations in an OpenAPI document: method keys under `paths`, counted without specforge.
fn count_operations(spec: &std::path::Path) -> usize {
    let text = std::fs::read_to_string(spec).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    doc["paths"]
        .as_object()
        .map(|paths| {
            paths.values().filter_map(|item| item.as_object()).flat_map(|item| item.keys()).filter(|k| methods.contains(&k.as_str())).count()
        })
        .unwrap_or(0)
}
