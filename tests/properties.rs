//! Property tests: random but structurally valid OpenAPI documents and markdown doc sets, with names
//! and docs drawn from a hostile alphabet (Rust keywords, prelude and generated-item names, comment and
//! string terminators, bidirectional controls, NUL), random nesting, `$ref`s (cycles included),
//! combinators and nullable/required mixes.
//!
//! For every case: generation succeeds without a panic, twice with byte-identical output, the output
//! parses with `syn::parse_file`, and the intermediate model survives a JSON round trip unchanged.
//!
//! A fixed sample of the same generators' cases is also compiled, in one crate, with
//! `#![deny(warnings)]`, clippy `-D warnings` and `cargo doc`: what parses must also build.
//!
//! `PROPTEST_CASES` sets the number of cases per property (256 by default; see "Property tests" in
//! the README for the long run). A failing case is shrunk and printed as the document itself.

mod support;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config as ProptestConfig, FileFailurePersistence};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Words that collide with Rust or with the generated code's own names.
const HOSTILE_WORDS: &[&str] = &[
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "fn",
    "match",
    "async",
    "await",
    "dyn",
    "gen",
    "try",
    "union",
    "r#type",
    "Option",
    "Result",
    "Box",
    "Vec",
    "String",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "From",
    "Into",
    "Client",
    "Error",
    "serde",
    "reqwest",
    "std",
    "core",
    "alloc",
    "support",
    "models",
    "client",
    "builder",
    "new",
    "Value",
    "_",
    "__",
    "1st",
    "3d",
    "a-b",
    "a.b",
    "$ref",
    "@type",
    "x-y_z",
    "CamelCase",
    "snake_case",
    "SCREAMING",
    "Ünïcödé",
    "日本語",
    "id",
    "ID",
    "Id",
    "iD",
];

/// Pieces of text that try to end a comment, string or attribute, or to reorder what a reader sees.
const HOSTILE_TEXT: &[&str] = &[
    "*/",
    "/*",
    "\"]",
    "#![deny(warnings)]",
    "#[doc = \"",
    "} fn main() { panic!() }",
    "r#\"",
    "\"#",
    "r##\"",
    "\"##",
    "\0",
    "\u{202E}",
    "\u{2066}",
    "\u{2069}",
    "\u{200B}",
    "\\",
    "`",
    "```",
    "\n",
    "\r\n",
    "\t",
    "<script>",
    "&amp;",
    "[link](http://x)",
    "* item",
    "  - nested",
    "# heading",
    "|",
    "${x}",
    "{}",
    "%s",
    "é",
    "🦀",
];

/// A name from the hostile alphabet: a hostile word, or characters mixed from every class.
fn hostile_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(HOSTILE_WORDS).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9_ .$@é日\u{202E}\"'\\\\/*#!\\[\\]{}()<>|%~-]{1,10}",
        1 => (prop::sample::select(HOSTILE_WORDS), prop::sample::select(HOSTILE_WORDS))
            .prop_map(|(a, b)| format!("{a}_{b}")),
    ]
}

/// A component name: OpenAPI restricts these to `[a-zA-Z0-9._-]`, so only words of that alphabet.
fn component_name() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(HOSTILE_WORDS)
            .prop_filter("component alphabet", |w| w.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)))
            .prop_map(str::to_owned),
        1 => "[a-zA-Z0-9._-]{1,8}",
    ]
}

/// A description assembled from hostile pieces and plain words.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![prop::sample::select(HOSTILE_TEXT).prop_map(str::to_owned), "[a-z ]{0,8}"], 0..6)
        .prop_map(|parts| parts.concat())
}

/// The last `$ref` target names are filled in after the component names are known.
#[derive(Debug, Clone)]
enum Node {
    Leaf(Value),
    Ref(prop::sample::Index),
    /// Properties: name, schema, required, and `readOnly` (1) / `writeOnly` (2) / neither (0).
    Object {
        properties: Vec<(String, Node, bool, u8)>,
        additional: Option<Box<Node>>,
    },
    Array(Box<Node>),
    Map(Box<Node>),
    AllOf(Vec<Node>),
    OneOf(Vec<Node>),
    AnyOf(Vec<Node>),
    StringEnum(Vec<String>),
    IntegerEnum(Vec<i64>),
    Described(Box<Node>, String),
    Nullable(Box<Node>),
}

fn leaf() -> impl Strategy<Value = Node> {
    prop_oneof![
        3 => prop::sample::select(vec![
            json!({"type": "string"}),
            json!({"type": "string", "format": "date-time"}),
            json!({"type": "string", "format": "date"}),
            json!({"type": "string", "format": "uuid"}),
            json!({"type": "string", "format": "byte"}),
            json!({"type": "string", "format": "binary"}),
            json!({"type": "integer"}),
            json!({"type": "integer", "format": "int32"}),
            json!({"type": "integer", "format": "int64", "minimum": 0}),
            json!({"type": "number"}),
            json!({"type": "number", "format": "float"}),
            json!({"type": "boolean"}),
            json!({}),
            json!({"type": "object"}),
        ])
        .prop_map(Node::Leaf),
        2 => any::<prop::sample::Index>().prop_map(Node::Ref),
        1 => prop::collection::btree_set(hostile_name(), 1..5).prop_map(|set| Node::StringEnum(set.into_iter().collect())),
        1 => prop::collection::btree_set(-3i64..1000, 1..4).prop_map(|set| Node::IntegerEnum(set.into_iter().collect())),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    leaf().prop_recursive(4, 24, 5, |inner| {
        prop_oneof![
            3 => (
                prop::collection::vec((hostile_name(), inner.clone(), any::<bool>(), prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)]), 0..5),
                prop::option::weighted(0.2, inner.clone()),
            )
                .prop_map(|(properties, additional)| Node::Object { properties, additional: additional.map(Box::new) }),
            1 => inner.clone().prop_map(|n| Node::Array(Box::new(n))),
            1 => inner.clone().prop_map(|n| Node::Map(Box::new(n))),
            1 => prop::collection::vec(inner.clone(), 1..4).prop_map(Node::AllOf),
            1 => prop::collection::vec(inner.clone(), 1..4).prop_map(Node::OneOf),
            1 => prop::collection::vec(inner.clone(), 1..3).prop_map(Node::AnyOf),
            1 => (inner.clone(), hostile_text()).prop_map(|(n, d)| Node::Described(Box::new(n), d)),
            1 => inner.prop_map(|n| Node::Nullable(Box::new(n))),
        ]
    })
}

/// `~` and `/` escaped for a JSON pointer, then characters a URI fragment cannot hold percent-encoded.
fn ref_to(name: &str) -> String {
    format!("#/components/schemas/{}", name.replace('~', "~0").replace('/', "~1"))
}

fn schema(node: &Node, names: &[String]) -> Value {
    match node {
        Node::Leaf(value) => value.clone(),
        Node::Ref(index) => json!({ "$ref": ref_to(index.get(names).as_str()) }),
        Node::Object { properties, additional } => {
            let mut props = Map::new();
            let mut required = Vec::new();
            for (name, node, is_required, visibility) in properties {
                let mut property = schema(node, names);
                if *visibility > 0 {
                    let flag = if *visibility == 1 { "readOnly" } else { "writeOnly" };
                    if property.get("$ref").is_some() {
                        property = json!({ "allOf": [property] });
                    }
                    property[flag] = Value::Bool(true);
                }
                if props.insert(name.clone(), property).is_none() && *is_required {
                    required.push(Value::String(name.clone()));
                }
            }
            let mut object = json!({ "type": "object", "properties": props });
            if !required.is_empty() {
                object["required"] = Value::Array(required);
            }
            if let Some(additional) = additional {
                object["additionalProperties"] = schema(additional, names);
            }
            object
        }
        Node::Array(items) => json!({ "type": "array", "items": schema(items, names) }),
        Node::Map(values) => json!({ "type": "object", "additionalProperties": schema(values, names) }),
        Node::AllOf(members) => json!({ "allOf": members.iter().map(|m| schema(m, names)).collect::<Vec<_>>() }),
        Node::OneOf(members) => json!({ "oneOf": members.iter().map(|m| schema(m, names)).collect::<Vec<_>>() }),
        Node::AnyOf(members) => json!({ "anyOf": members.iter().map(|m| schema(m, names)).collect::<Vec<_>>() }),
        Node::StringEnum(values) => json!({ "type": "string", "enum": values }),
        Node::IntegerEnum(values) => json!({ "type": "integer", "enum": values }),
        Node::Described(inner, text) => {
            let mut value = schema(inner, names);
            if value.get("$ref").is_none() {
                value["description"] = Value::String(text.clone());
            }
            value
        }
        Node::Nullable(inner) => {
            let mut value = schema(inner, names);
            if value.get("$ref").is_some() {
                json!({ "nullable": true, "allOf": [value] })
            } else {
                value["nullable"] = Value::Bool(true);
                value
            }
        }
    }
}

/// One operation: where it lives and what it takes and returns.
#[derive(Debug, Clone)]
struct OperationCase {
    segment: String,
    method: &'static str,
    operation_id: Option<String>,
    tag: Option<String>,
    summary: String,
    path_param: Option<String>,
    query: Vec<(String, Node, bool)>,
    header: Option<String>,
    body: Option<Node>,
    response: Option<Node>,
    error: Option<Node>,
}

fn operation() -> impl Strategy<Value = OperationCase> {
    (
        "[a-z0-9._-]{1,8}",
        prop::sample::select(vec!["get", "put", "post", "delete", "patch"]),
        prop::option::of(hostile_name()),
        prop::option::of(hostile_name()),
        hostile_text(),
        prop::option::of(hostile_name().prop_filter("path alphabet", |n| !n.contains(['{', '}', '/', '?', '#']))),
        prop::collection::vec((hostile_name(), node(), any::<bool>()), 0..3),
        prop::option::of("[A-Za-z][A-Za-z0-9-]{0,8}"),
        prop::option::of(node()),
        prop::option::of(node()),
        prop::option::weighted(0.3, node()),
    )
        .prop_map(|(segment, method, operation_id, tag, summary, path_param, query, header, body, response, error)| OperationCase {
            segment,
            method,
            operation_id,
            tag,
            summary,
            path_param,
            query,
            header,
            body,
            response,
            error,
        })
}

fn operation_json(case: &OperationCase, names: &[String]) -> (String, Value) {
    let mut path = format!("/{}", case.segment);
    let mut parameters = Vec::new();
    if let Some(param) = &case.path_param {
        path.push_str(&format!("/{{{param}}}"));
        parameters.push(json!({"name": param, "in": "path", "required": true, "schema": {"type": "string"}}));
    }
    let mut seen = BTreeSet::new();
    for (name, node, required) in &case.query {
        if seen.insert(name.clone()) {
            parameters.push(json!({"name": name, "in": "query", "required": required, "schema": schema(node, names)}));
        }
    }
    if let Some(header) = &case.header {
        parameters.push(json!({"name": header, "in": "header", "schema": {"type": "string"}}));
    }
    let mut responses = Map::new();
    match &case.response {
        Some(node) => {
            responses.insert("200".into(), json!({"description": case.summary, "content": {"application/json": {"schema": schema(node, names)}}}))
        }
        None => responses.insert("204".into(), json!({"description": "No content"})),
    };
    if let Some(node) = &case.error {
        responses.insert("default".into(), json!({"description": "Error", "content": {"application/json": {"schema": schema(node, names)}}}));
    }
    let mut operation = json!({ "summary": case.summary, "responses": responses });
    if let Some(id) = &case.operation_id {
        operation["operationId"] = Value::String(id.clone());
    }
    if let Some(tag) = &case.tag {
        operation["tags"] = json!([tag]);
    }
    if !parameters.is_empty() {
        operation["parameters"] = Value::Array(parameters);
    }
    if let Some(node) = &case.body {
        operation["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": schema(node, names)}}});
    }
    (path, operation)
}

/// A whole OpenAPI document: components (which may refer to each other, cycles included) and operations.
fn openapi_document() -> impl Strategy<Value = Value> {
    (
        prop::collection::btree_set(component_name(), 1..6),
        prop::collection::vec((node(), hostile_text()), 6),
        prop::collection::vec(operation(), 0..5),
        hostile_text(),
    )
        .prop_map(|(names, schemas, operations, title)| {
            let names: Vec<String> = names.into_iter().collect();
            let mut components = Map::new();
            for (name, (node, description)) in names.iter().zip(&schemas) {
                let mut value = schema(node, &names);
                if value.get("$ref").is_none() && !description.is_empty() {
                    value["description"] = Value::String(description.clone());
                }
                components.insert(name.clone(), value);
            }
            let mut paths: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
            for case in &operations {
                let (path, operation) = operation_json(case, &names);
                paths.entry(path).or_default().entry(case.method).or_insert(operation);
            }
            json!({
                "openapi": "3.0.3",
                "info": {"title": title, "version": "1.0.0", "description": title},
                "servers": [{"url": "https://api.example.com/v1"}],
                "paths": paths,
                "components": {"schemas": components},
            })
        })
}

/// The test's own temporary folder under cargo's target directory.
fn scratch(name: &str) -> tempfile::TempDir {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("properties");
    std::fs::create_dir_all(&base).unwrap();
    tempfile::Builder::new().prefix(name).tempdir_in(base).unwrap()
}

fn config(inputs: Vec<PathBuf>) -> specforge::Config {
    specforge::Config { inputs, ..Default::default() }
}

/// The four properties, for any set of inputs.
fn check_properties(inputs: Vec<PathBuf>, shown: &dyn Fn() -> String) -> Result<(), TestCaseError> {
    let config = config(inputs);
    let first = specforge::generate(&config).map_err(|e| TestCaseError::fail(format!("generation failed: {e}\n{}", shown())))?;
    let second = specforge::generate(&config).map_err(|e| TestCaseError::fail(format!("second run failed: {e}")))?;
    prop_assert!(first.code == second.code, "two runs gave different output for\n{}", shown());
    if let Err(error) = syn::parse_file(&first.code) {
        return Err(TestCaseError::fail(format!("output does not parse: {error}\n{}\nfor\n{}", first.code, shown())));
    }
    let model = specforge::model(&config).map_err(|e| TestCaseError::fail(format!("model failed: {e}")))?;
    let text = serde_json::to_string(&model.api).map_err(|e| TestCaseError::fail(format!("model to JSON: {e}")))?;
    let back: specforge::ir::Api = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("model from JSON: {e}\n{}", shown())))?;
    prop_assert!(back == model.api, "the model changed through JSON for\n{}", shown());
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
}

fn runner_config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(runner_config())]

    #[test]
    fn random_openapi_documents_generate_deterministic_parsable_code(document in openapi_document()) {
        let dir = scratch("openapi");
        let path = dir.path().join("api.json");
        let text = serde_json::to_string_pretty(&document).unwrap();
        std::fs::write(&path, &text).unwrap();
        check_properties(vec![path], &|| text.clone())?;
    }

    #[test]
    fn random_markdown_doc_sets_generate_deterministic_parsable_code(pages in markdown_pages()) {
        let dir = scratch("markdown");
        write_pages(dir.path(), &pages);
        let shown = || pages.iter().map(|(file, text)| format!("--- {file}\n{text}")).collect::<Vec<_>>().join("\n");
        check_properties(vec![dir.path().to_path_buf()], &shown)?;
    }
}

// ---- markdown doc sets ----

/// A model page's kind.
#[derive(Debug, Clone)]
enum PageKind {
    /// `## Fields`: (field, type cell, required, description).
    Fields(Vec<(String, Cell, bool, String)>),
    /// `## Values`.
    Values(Vec<String>),
    /// `## Supported Types`.
    Union(Vec<Cell>),
}

/// A type cell, written in the TypeScript or the Python dialect.
#[derive(Debug, Clone)]
enum Cell {
    Scalar(usize),
    Link(prop::sample::Index),
    List(Box<Cell>),
    Map(Box<Cell>),
    Union(Vec<Cell>),
    Optional(Box<Cell>),
    Nullable(Box<Cell>),
    Literal(String),
}

const TS_SCALARS: &[&str] = &["*string*", "*number*", "*boolean*", "*Date*", "*any*"];
const PY_SCALARS: &[&str] = &["*str*", "*int*", "*float*", "*bool*", "*datetime*", "*date*", "*Any*"];

fn cell() -> impl Strategy<Value = Cell> {
    let leaf = prop_oneof![
        2 => (0..5usize).prop_map(Cell::Scalar),
        2 => any::<prop::sample::Index>().prop_map(Cell::Link),
        1 => "[a-z_]{1,8}".prop_map(Cell::Literal),
    ];
    leaf.prop_recursive(3, 10, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|c| Cell::List(Box::new(c))),
            inner.clone().prop_map(|c| Cell::Map(Box::new(c))),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Cell::Union),
            inner.clone().prop_map(|c| Cell::Optional(Box::new(c))),
            inner.prop_map(|c| Cell::Nullable(Box::new(c))),
        ]
    })
}

/// Model names: identifiers (a page title is the model's name), hostile words among them.
fn model_name() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(HOSTILE_WORDS)
            .prop_filter("identifier", |w| w.chars().all(|c| c.is_alphanumeric() || c == '_') && !w.starts_with(|c: char| c.is_ascii_digit()))
            .prop_map(str::to_owned),
        1 => "[A-Za-z][A-Za-z0-9_]{0,8}",
    ]
}

/// Field names the markdown frontend accepts (identifier characters, `$`, `@`, `-`, `.`).
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(HOSTILE_WORDS)
            .prop_filter("field alphabet", |w| {
                !w.starts_with(|c: char| c.is_ascii_digit()) && w.chars().all(|c| c.is_alphanumeric() || "_$@-.".contains(c))
            })
            .prop_map(str::to_owned),
        1 => "[a-zA-Z_$@][a-zA-Z0-9_$@.é-]{0,8}",
    ]
}

/// Text that stays inside one table cell or paragraph: every ASCII punctuation character
/// backslash-escaped (so `|`, `` ` ``, `<script>`, `* item` or `# heading` stay text and reach the docs
/// as written), line breaks as `<br/>`, and no NUL (a raw NUL makes a file binary, which is an error of
/// its own: tests/markdown/broken/binary.md).
fn cell_text() -> impl Strategy<Value = String> {
    hostile_text().prop_map(|text| {
        let mut out = String::new();
        for c in text.replace("\r\n", "\n").chars() {
            match c {
                '\n' => out.push_str("<br/>"),
                '\r' => out.push(' '),
                '\0' => {}
                c if c.is_ascii_punctuation() => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
        out
    })
}

fn page_kind() -> impl Strategy<Value = PageKind> {
    prop_oneof![
        3 => prop::collection::vec((field_name(), cell(), any::<bool>(), cell_text()), 0..6).prop_map(PageKind::Fields),
        1 => prop::collection::btree_set("[a-z][a-z0-9_.]{0,8}", 1..5).prop_map(|s| PageKind::Values(s.into_iter().collect())),
        1 => prop::collection::vec(cell(), 1..4).prop_map(PageKind::Union),
    ]
}

/// A doc set: (file name, page text), in one dialect.
fn markdown_pages() -> impl Strategy<Value = Vec<(String, String)>> {
    (any::<bool>(), prop::collection::btree_map(model_name(), (page_kind(), cell_text()), 1..6)).prop_map(|(python, models)| {
        // File names are the lower-cased model names: keep one model per file name.
        let mut by_file: BTreeMap<String, (String, PageKind, String)> = BTreeMap::new();
        for (name, (kind, description)) in models {
            by_file.entry(format!("{}.md", name.to_lowercase())).or_insert((name, kind, description));
        }
        let names: Vec<(String, String)> = by_file.iter().map(|(file, (name, _, _))| (name.clone(), file.clone())).collect();
        by_file.iter().map(|(file, (name, kind, description))| (file.clone(), page(python, name, kind, description, &names))).collect()
    })
}

fn cell_text_of(cell: &Cell, python: bool, names: &[(String, String)]) -> String {
    written(cell, python, names, true)
}

/// A type cell's text; `links` false writes named types without their link (as union headings do).
fn written(cell: &Cell, python: bool, names: &[(String, String)], links: bool) -> String {
    match cell {
        Cell::Scalar(i) => {
            if python {
                PY_SCALARS[*i % PY_SCALARS.len()].to_owned()
            } else {
                TS_SCALARS[*i % TS_SCALARS.len()].to_owned()
            }
        }
        Cell::Link(index) => {
            let (name, file) = index.get(names);
            let written = if python { format!("models.{name}") } else { format!("components.{name}") };
            if links {
                format!("[{written}](./{file})")
            } else {
                written
            }
        }
        Cell::List(inner) => {
            let inner = written(inner, python, names, links);
            if python {
                format!("List[{inner}]")
            } else {
                format!("Array<{inner}>")
            }
        }
        Cell::Map(inner) => {
            let inner = written(inner, python, names, links);
            if python {
                format!("Dict[str, {inner}]")
            } else {
                format!("Record<string, {inner}>")
            }
        }
        Cell::Union(members) => {
            let members: Vec<String> = members.iter().map(|m| written(m, python, names, links)).collect();
            if python {
                format!("Union[{}]", members.join(", "))
            } else {
                members.join(" \\| ")
            }
        }
        Cell::Optional(inner) if python => format!("Optional[{}]", written(inner, python, names, links)),
        Cell::Nullable(inner) if python => format!("Nullable[{}]", written(inner, python, names, links)),
        Cell::Optional(inner) | Cell::Nullable(inner) => written(inner, python, names, links),
        Cell::Literal(text) if python => format!("Literal[\"{text}\"]"),
        Cell::Literal(text) => format!("\"{text}\""),
    }
}

fn page(python: bool, name: &str, kind: &PageKind, description: &str, names: &[(String, String)]) -> String {
    let mut text = format!("# {name}\n\n{description}\n\n");
    match kind {
        PageKind::Fields(fields) => {
            text.push_str("## Fields\n\n| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n");
            let mut seen = BTreeSet::new();
            for (field, cell, required, doc) in fields {
                if !seen.insert(field.clone()) {
                    continue;
                }
                // A required link back to this page or an earlier one could close a cycle of required
                // fields, which no value can satisfy (an error, tested in tests/markdown/broken): only
                // links to later pages may be required.
                let position = names.iter().position(|(n, _)| n == name).unwrap_or(0);
                let required = *required && links(cell, names).iter().all(|&target| target > position);
                let required = if required { ":heavy_check_mark:" } else { ":heavy_minus_sign:" };
                text.push_str(&format!("| `{field}` | {} | {required} | {doc} |\n", cell_text_of(cell, python, names)));
            }
        }
        PageKind::Values(values) if python => {
            text.push_str("## Values\n\n| Name | Value |\n| ---- | ----- |\n");
            for value in values {
                text.push_str(&format!("| `{}` | {value} |\n", value.to_uppercase().replace('.', "_")));
            }
        }
        PageKind::Values(values) => {
            let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
            text.push_str(&format!("## Values\n\n```typescript\n{}\n```\n", quoted.join(" | ")));
        }
        PageKind::Union(members) => {
            text.push_str("## Supported Types\n\n");
            for member in members {
                // Headings name the type without a link, as the real docs do.
                let heading = written(member, python, names, false);
                let (fence, line) = if python {
                    ("python", format!("value: {heading} = /* values here */"))
                } else {
                    ("typescript", format!("const value: {heading} = /* values here */;"))
                };
                text.push_str(&format!("### `{heading}`\n\n```{fence}\n{line}\n```\n\n"));
            }
        }
    }
    text
}

/// The pages a cell links to, by position.
fn links(cell: &Cell, names: &[(String, String)]) -> Vec<usize> {
    match cell {
        Cell::Link(index) => vec![index.index(names.len())],
        Cell::List(inner) | Cell::Map(inner) | Cell::Optional(inner) | Cell::Nullable(inner) => links(inner, names),
        Cell::Union(members) => members.iter().flat_map(|m| links(m, names)).collect(),
        Cell::Scalar(_) | Cell::Literal(_) => Vec::new(),
    }
}

fn write_pages(dir: &Path, pages: &[(String, String)]) {
    for (file, text) in pages {
        std::fs::write(dir.join(file), text).unwrap();
    }
}

#[test]
fn the_generators_produce_what_they_promise() {
    // The document generator's output is itself valid OpenAPI for the typed parser, so a failure in
    // the properties above is specforge's and not a malformed input's.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..32 {
        let document = openapi_document().new_tree(&mut runner).unwrap().current();
        let parsed: Result<openapiv3::OpenAPI, _> = serde_json::from_value(document.clone());
        assert!(parsed.is_ok(), "{:?}\n{document:#}", parsed.err());
        assert!(document["components"]["schemas"].as_object().is_some_and(|s| !s.is_empty()));
    }
}

/// How many cases of each generator the compiled sample holds.
const COMPILED_SAMPLE: usize = 12;

#[test]
fn a_fixed_sample_of_random_inputs_compiles_lints_and_documents_cleanly() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut krate = support::TestCrate::new("properties");
    krate.with_client();
    let dir = scratch("compiled");
    let mut operations = 0;
    for i in 0..COMPILED_SAMPLE {
        let document = openapi_document().new_tree(&mut runner).unwrap().current();
        operations += document["paths"].as_object().map_or(0, |paths| paths.values().map(|p| p.as_object().unwrap().len()).sum::<usize>());
        let path = dir.path().join(format!("openapi_{i}.json"));
        std::fs::write(&path, serde_json::to_string_pretty(&document).unwrap()).unwrap();
        let generated = specforge::generate(&config(vec![path.clone()])).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        krate.module(&format!("openapi_{i}"), &generated.code);
    }
    for i in 0..COMPILED_SAMPLE {
        let pages = markdown_pages().new_tree(&mut runner).unwrap().current();
        let folder = dir.path().join(format!("markdown_{i}"));
        std::fs::create_dir_all(&folder).unwrap();
        write_pages(&folder, &pages);
        let generated = specforge::generate(&config(vec![folder.clone()])).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        krate.module(&format!("markdown_{i}"), &generated.code);
    }
    // The sample exercises the client, not only models.
    assert!(operations >= COMPILED_SAMPLE, "only {operations} operations in the compiled sample");
    let crate_dir = krate.write();
    support::clippy(&crate_dir);
    support::doc(&crate_dir);
}
