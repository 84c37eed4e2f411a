//! Extreme and hostile inputs, each with its expected outcome: 10,000-long `$ref`, property and
//! `allOf` chains, 10,000-deep JSON and YAML nesting, an object with 100,000 properties, 10,000
//! operations, and files that cannot be read or written. The documents are built by the test (they
//! would be megabytes in the repository). Each case prints its time and peak memory (run with
//! `--nocapture` to see them); the figures are recorded in the README, not asserted.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use serde_json::{json, Map, Value};

/// Runs `specforge generate <spec> -o <out> --stats` and prints how long it took and its peak memory.
fn generate(label: &str, spec: &Path, out: &Path) -> Output {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_specforge"))
        .args(["generate", "--stats", "-q"])
        .arg(spec)
        .arg("-o")
        .arg(out)
        .output()
        .expect("running specforge");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let peak = stderr.lines().find_map(|l| l.strip_prefix("stats: ")).and_then(|s| s.split("peak_rss=").nth(1)).unwrap_or("n/a");
    println!("{label}: {:.2} s, peak memory {peak}, exit {:?}", started.elapsed().as_secs_f64(), output.status.code());
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn document(schemas: Map<String, Value>, paths: Map<String, Value>) -> Value {
    json!({"openapi": "3.0.3", "info": {"title": "hostile", "version": "1"}, "paths": paths, "components": {"schemas": schemas}})
}

fn write_json(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, serde_json::to_vec(value).unwrap()).unwrap();
    path
}

fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

/// Asserts a failed run: exit code 1, the message fragments on stderr, and no output file.
fn assert_clear_error(output: &Output, out: &Path, fragments: &[&str]) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    for fragment in fragments {
        assert!(stderr(output).contains(fragment), "expected `{fragment}` in:\n{}", stderr(output));
    }
    assert!(!out.exists(), "{} was written despite the error", out.display());
}

const N: usize = 10_000;

#[test]
fn ten_thousand_long_ref_chains_generate() {
    let dir = tempfile::tempdir().unwrap();
    // A0 → A1 → ... → A10000 = string: aliases all the way down.
    let mut aliases: Map<String, Value> = (0..N).map(|i| (format!("A{i}"), schema_ref(&format!("A{}", i + 1)))).collect();
    aliases.insert(format!("A{N}"), json!({"type": "string"}));
    let spec = write_json(dir.path(), "aliases.json", &document(aliases, Map::new()));
    let out = dir.path().join("aliases.rs");
    let output = generate("alias chain of 10,000", &spec, &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let code = fs::read_to_string(&out).unwrap();
    assert!(code.contains("pub type A0 = A1;") && code.contains("pub type A9999 = A10000;") && code.contains("pub type A10000 = String;"));

    // Objects whose `next` property is the following object: 10,000 structs.
    let mut objects: Map<String, Value> =
        (0..N).map(|i| (format!("A{i}"), json!({"type": "object", "properties": {"next": schema_ref(&format!("A{}", i + 1))}}))).collect();
    objects.insert(format!("A{N}"), json!({"type": "integer"}));
    let spec = write_json(dir.path(), "objects.json", &document(objects, Map::new()));
    let out = dir.path().join("objects.rs");
    let output = generate("property chain of 10,000", &spec, &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let code = fs::read_to_string(&out).unwrap();
    assert_eq!(code.matches("pub struct A").count(), N);
    assert!(code.contains("pub struct A9999 {\n    #[serde(default, skip_serializing_if = \"Option::is_none\")]\n    pub next: Option<A10000>,\n}"));
}

#[test]
fn ten_thousand_long_all_of_chain_is_a_clear_error_not_gigabytes_of_code() {
    // Each schema extends the next: merging would copy 50 million fields. specforge stops at its
    // limit of merged fields with an error naming the schema where the limit was crossed.
    let dir = tempfile::tempdir().unwrap();
    let mut schemas: Map<String, Value> = (0..N)
        .map(|i| {
            let own = json!({"type": "object", "properties": {format!("p{i}"): {"type": "integer"}}});
            (format!("A{i}"), json!({"allOf": [schema_ref(&format!("A{}", i + 1)), own]}))
        })
        .collect();
    schemas.insert(format!("A{N}"), json!({"type": "object", "properties": {"end": {"type": "string"}}}));
    let spec = write_json(dir.path(), "allof.json", &document(schemas, Map::new()));
    let out = dir.path().join("allof.rs");
    let output = generate("allOf chain of 10,000", &spec, &out);
    assert_clear_error(&output, &out, &["error[allof-too-large]: ", "allof.json#/components/schemas/A", "500000 merged fields"]);

    // The same shape 300 long is fine: 45,000 merged fields.
    let mut schemas: Map<String, Value> = (0..300)
        .map(|i| {
            let own = json!({"type": "object", "properties": {format!("p{i}"): {"type": "integer"}}});
            (format!("A{i}"), json!({"allOf": [schema_ref(&format!("A{}", i + 1)), own]}))
        })
        .collect();
    schemas.insert("A300".into(), json!({"type": "object", "properties": {"end": {"type": "string"}}}));
    let spec = write_json(dir.path(), "allof300.json", &document(schemas, Map::new()));
    let out = dir.path().join("allof300.rs");
    let output = generate("allOf chain of 300", &spec, &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let code = fs::read_to_string(&out).unwrap();
    let a0 = code.split("pub struct A0 {").nth(1).unwrap().split("\n}\n").next().unwrap();
    assert_eq!(a0.matches("pub p").count(), 300, "A0 has the properties of all 300 schemas it extends");
    assert!(a0.contains("pub end: Option<String>"));
}

#[test]
fn ten_thousand_deep_nesting_is_a_syntax_error_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    // Written as text: building (or dropping) a 10,000-deep serde_json::Value would itself recurse.
    let mut text = String::from(r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": {"Deep": "#);
    text.push_str(&r#"{"type": "object", "properties": {"x": "#.repeat(N));
    text.push_str(r#"{"type": "string"}"#);
    text.push_str(&"}}".repeat(N));
    text.push_str("}}}");
    let spec = dir.path().join("deep.json");
    fs::write(&spec, text).unwrap();
    let out = dir.path().join("deep.rs");
    let output = generate("schemas nested 10,000 deep (JSON)", &spec, &out);
    assert_clear_error(&output, &out, &["error[syntax]: ", "deep.json:1:", "recursion limit exceeded"]);

    let spec = dir.path().join("deep.yaml");
    let mut yaml = String::from("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep: ");
    yaml.push_str(&"[".repeat(N));
    yaml.push_str(&"]".repeat(N));
    yaml.push('\n');
    fs::write(&spec, yaml).unwrap();
    let out = dir.path().join("deep-yaml.rs");
    let output = generate("sequences nested 10,000 deep (YAML)", &spec, &out);
    assert_clear_error(&output, &out, &["error[syntax]: ", "deep.yaml:4:", "recursion limit exceeded"]);
}

#[test]
fn an_object_with_100000_properties_generates_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let properties: Map<String, Value> = (0..100_000).map(|i| (format!("p{i}"), json!({"type": "string"}))).collect();
    let mut schemas = Map::new();
    schemas.insert("Big".into(), json!({"type": "object", "required": ["p0"], "properties": properties}));
    let spec = write_json(dir.path(), "big.json", &document(schemas, Map::new()));
    let out = dir.path().join("big.rs");
    let output = generate("object with 100,000 properties", &spec, &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let code = fs::read_to_string(&out).unwrap();
    assert_eq!(code.matches("\n    pub p").count(), 100_000);
    assert!(code.contains("pub struct Big {\n    pub p0: String,\n"));
    assert!(code.contains("    pub p99999: Option<String>,\n}"));
}

#[test]
fn ten_thousand_operations_get_ten_thousand_methods() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Map<String, Value> = (0..N)
        .map(|i| {
            let operation = json!({
                "operationId": format!("op{i}"),
                "tags": [format!("group{}", i % 50)],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {"v": {"type": "integer"}}}}}}}
            });
            (format!("/r{i}/{{id}}"), json!({"get": operation}))
        })
        .collect();
    let spec = write_json(dir.path(), "ops.json", &document(Map::new(), paths));
    let out = dir.path().join("ops.rs");
    let output = generate("10,000 operations", &spec, &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let code = fs::read_to_string(&out).unwrap();
    let client = code.split("\npub mod support {").next().unwrap();
    assert_eq!(client.matches("pub fn op").count(), N);
    assert_eq!(client.matches("pub fn group").count(), 50, "one sub-client per tag");
    assert!(client.contains("pub fn op9999(\n            &self,\n            id: &str,"));
}

#[test]
fn files_that_cannot_be_read_or_written_are_clear_errors_and_leave_outputs_alone() {
    let dir = tempfile::tempdir().unwrap();
    let petstore = support::root().join("specs/petstore/openapi.yaml");
    let out = dir.path().join("out.rs");

    // A symlink loop.
    let a = dir.path().join("loop-a.yaml");
    let b = dir.path().join("loop-b.yaml");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let output = generate("symlink loop", &a, &out);
    assert_clear_error(&output, &out, &["loop-a.yaml", "symbolic links"]);

    // An unreadable file. Root ignores file modes, so when the tests run as root the unreadable input
    // is /proc/self/mem instead, which cannot be read from its start either.
    let locked = dir.path().join("locked.yaml");
    fs::copy(&petstore, &locked).unwrap();
    set_mode(&locked, 0o000);
    let unreadable = if fs::read(&locked).is_ok() { PathBuf::from("/proc/self/mem") } else { locked.clone() };
    let output = generate("unreadable file", &unreadable, &out);
    assert_clear_error(&output, &out, &["error[read]: ", "cannot read"]);
    set_mode(&locked, 0o644);

    // An output directory that does not exist.
    let missing = dir.path().join("no/such/dir/out.rs");
    let output = generate("output in a missing directory", &petstore, &missing);
    assert_clear_error(&output, &missing, &["no/such/dir"]);

    // A read-only output directory, holding an earlier output that must stay as it is. As root (which
    // may write anywhere) the read-only directory is /proc instead.
    let read_only = dir.path().join("read-only");
    fs::create_dir(&read_only).unwrap();
    let existing = read_only.join("out.rs");
    fs::write(&existing, "// an earlier output\n").unwrap();
    set_mode(&read_only, 0o555);
    let probe = read_only.join("probe");
    let target = if fs::write(&probe, "").is_ok() { PathBuf::from("/proc/specforge-out.rs") } else { existing.clone() };
    let output = generate("read-only output directory", &petstore, &target);
    set_mode(&read_only, 0o755);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains(&target.display().to_string()), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&existing).unwrap(), "// an earlier output\n", "the earlier output is untouched");
    let leftovers: Vec<String> = fs::read_dir(&read_only)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "out.rs" && name != "probe")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");

    // A failed run over an existing output leaves it byte for byte.
    let kept = dir.path().join("kept.rs");
    fs::write(&kept, "// kept\n").unwrap();
    let truncated = dir.path().join("truncated.json");
    let text = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get""#;
    fs::write(&truncated, text).unwrap();
    let output = generate("truncated document", &truncated, &kept);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("error[syntax]: ") && stderr(&output).contains("truncated.json:1:"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&kept).unwrap(), "// kept\n");
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}
