//! The four Clerk documents in `../shared/specs/clerk/`: models and clients generate, compile with
//! `#![deny(warnings)]`, pass clippy `-D warnings` and `cargo doc` cleanly, and every example in their
//! schemas round-trips through the generated types. All four (and the petstore example) are modules
//! of one crate, so the heavy compilation happens once.

mod support;

use support::*;

const SPECS: [(&str, &str); 4] = [
    ("bapi", "specs/clerk/clerk-bapi.yml"),
    ("fapi", "specs/clerk/clerk-fapi.yml"),
    ("platform", "specs/clerk/clerk-platform.yml"),
    ("webhooks", "specs/clerk/clerk-webhooks.yml"),
];

/// Examples on component schemas, body schemas, and properties at any depth below them: a lower bound on what
/// the generated example tests must cover, counted from the YAML without specforge.
fn count_examples(spec: &std::path::Path) -> usize {
    fn walk(schema: &serde_yaml::Value, counts: bool) -> usize {
        let Some(map) = schema.as_mapping() else { return 0 };
        if map.contains_key("$ref") {
            return 0;
        }
        let mut count = usize::from(counts && map.contains_key("example"));
        if let Some(properties) = schema.get("properties").and_then(|p| p.as_mapping()) {
            count += properties.values().map(|p| walk(p, true)).sum::<usize>();
        }
        for key in ["items", "additionalProperties"] {
            count += schema.get(key).map_or(0, |s| walk(s, false));
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            count += schema.get(key).and_then(|s| s.as_sequence()).into_iter().flatten().map(|s| walk(s, false)).sum::<usize>();
        }
        count
    }
    let text = std::fs::read_to_string(spec).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    /// Schemas of request and response bodies anywhere in the document (`content: {type: {schema}}`).
    fn bodies(value: &serde_yaml::Value) -> usize {
        match value {
            serde_yaml::Value::Mapping(map) => map
                .iter()
                .map(|(key, child)| match (key.as_str(), child.as_mapping()) {
                    (Some("content"), Some(media)) => media.values().filter_map(|m| m.get("schema")).map(|s| walk(s, true)).sum(),
                    (Some("schemas"), _) => 0,
                    _ => bodies(child),
                })
                .sum(),
            serde_yaml::Value::Sequence(items) => items.iter().map(bodies).sum(),
            _ => 0,
        }
    }
    let schemas = doc.get("components").and_then(|c| c.get("schemas")).and_then(|s| s.as_mapping());
    schemas.into_iter().flatten().map(|(_, schema)| walk(schema, true)).sum::<usize>() + bodies(&doc)
}

/// The crate both tests use (written identically by each, compiled once): petstore and the four
/// Clerk documents with clients and example tests, plus the Prism tests as a `#[cfg(test)]` module.
fn clerk_crate() -> (std::path::PathBuf, usize) {
    let mut krate = TestCrate::new("clerk");
    krate.with_client();
    krate.module(
        "petstore",
        &generate_with(&root().join("specs/petstore/openapi.yaml"), |b| {
            b.client(true);
        })
        .code,
    );
    let mut expected_examples = 0;
    for (module, relative) in SPECS {
        let spec = shared(relative);
        let generated = generate_with(&spec, |b| {
            b.example_tests(true).client(true);
        });
        assert!(generated.code.contains("pub struct"), "{relative} produced no structs");
        // The webhooks document has no paths: webhooks are requests the API sends, so no client.
        assert_eq!(generated.code.contains("-> super::support::client::Call<"), module != "webhooks", "{relative}: client methods");
        expected_examples += count_examples(&spec);
        krate.module(module, &generated.code);
    }
    krate.lib_test_module("prism_tests", &std::fs::read_to_string(root().join("tests/client/prism_tests.rs")).unwrap());
    (krate.write(), expected_examples)
}

#[test]
fn clerk_models_and_clients_compile_lint_document_and_round_trip_examples() {
    let (dir, expected_examples) = clerk_crate();
    assert!(expected_examples > 300, "the Clerk specs hold over 300 schema examples, counted {expected_examples}");
    clippy(&dir);
    doc(&dir);
    let passed = test_with(&dir, &["--lib", "--", "--skip", "prism_tests"], &[]);
    eprintln!("{passed} example round-trip tests passed; {expected_examples} examples counted in the specs");
    assert!(passed >= expected_examples, "{passed} example round-trip tests passed, but the specs hold at least {expected_examples} examples");
}

/// Stoplight Prism, installed under `target/prism` with npm when `SPECFORGE_PRISM` does not name it.
fn prism_binary() -> std::path::PathBuf {
    if let Some(path) = std::env::var_os("SPECFORGE_PRISM") {
        return path.into();
    }
    let prefix = root().join("target/prism");
    let binary = prefix.join("node_modules/.bin/prism");
    if !binary.exists() {
        let install = std::process::Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg("@stoplight/prism-cli@5")
            .output();
        match install {
            Ok(out) if out.status.success() => {}
            Ok(out) => panic!(
                "cannot install Prism with npm (needs the npm registry): {}\nInstall it yourself and set SPECFORGE_PRISM to the `prism` binary.",
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(e) => panic!("cannot run npm to install Prism ({e}): install node/npm, or set SPECFORGE_PRISM to a `prism` binary"),
        }
    }
    binary
}

/// A running `prism mock`, stopped on drop.
struct Prism(std::process::Child);

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `prism mock` for `spec` on a free port and waits until it listens.
fn start_prism(binary: &std::path::Path, spec: &std::path::Path) -> (Prism, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = std::process::Command::new(binary)
        .args(["mock", "--dynamic", "--seed", "specforge", "--errors", "--host", "127.0.0.1", "--port", &port.to_string()])
        .arg(spec)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start Prism ({}): {e}", binary.display()));
    let prism = Prism(child);
    let started = std::time::Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed().as_secs() < 120, "Prism did not start listening on port {port} within 120 s");
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    (prism, format!("http://127.0.0.1:{port}"))
}

#[test]
fn clerk_clients_against_prism() {
    let binary = prism_binary();
    let (_backend, backend_url) = start_prism(&binary, &shared("specs/clerk/clerk-bapi.yml"));
    let (_frontend, frontend_url) = start_prism(&binary, &shared("specs/clerk/clerk-fapi.yml"));
    let (dir, _) = clerk_crate();
    let passed = test_with(&dir, &["--lib", "prism_tests"], &[("PRISM_URL", &backend_url), ("PRISM_FAPI_URL", &frontend_url)]);
    assert_eq!(passed, 3, "the three Prism tests ran and passed");
}
