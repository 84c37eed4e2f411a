//! Typed parsing of OpenAPI documents with `openapiv3`, with located errors and schema repair.
//!
//! A schema `openapiv3` cannot read (for instance `required: true` on a property) must not abort the
//! whole run: the smallest failing schema is replaced by `{}` (any value) and a warning names its JSON
//! pointer. Anything else that fails to parse (a parameter without `in`, `paths` that is a list...) is an
//! error naming the pointer.

use crate::diagnostic::{Diagnostic, Diagnostics, Place};
use crate::error::{Error, Result};
use crate::source::{push_token, resolve_pointer, resolve_pointer_mut, DocId, DocumentStore};
use openapiv3::{ReferenceOr, Schema};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// How many unreadable schemas one document may have before we stop repairing and fail.
const MAX_REPAIRS: usize = 500;

/// Parses the root document into `openapiv3::OpenAPI`, repairing unreadable schemas.
pub fn parse_root(store: &mut DocumentStore, doc: DocId, diags: &mut Diagnostics) -> Result<openapiv3::OpenAPI> {
    if check_version(store, doc)? {
        normalize_3_1(&mut store.get_mut(doc).value);
    }
    // `paths` is optional in 3.1 and missing from some model-only 3.0 documents: read it as empty.
    if let Value::Object(root) = &mut store.get_mut(doc).value {
        root.entry("paths").or_insert_with(|| Value::Object(Default::default()));
    }
    drop_callbacks(&mut store.get_mut(doc).value);
    for _ in 0..MAX_REPAIRS {
        let error = match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&store.get(doc).value) {
            Ok(api) => return Ok(api),
            Err(error) => error,
        };
        let tokens = path_tokens(error.path());
        let display = store.get(doc).display.clone();
        match deepest_schema_prefix(&tokens) {
            Some(len) => {
                let pointer = tokens_to_pointer(&tokens[..len]);
                repair_schema(store, doc, &pointer, diags)?;
            }
            None => {
                let (tokens, message) = explain(&store.get(doc).value, &tokens, error.inner().to_string());
                // Narrowed down, the failure may turn out to be a schema after all (`schema: false`).
                if let Some(len) = deepest_schema_prefix(&tokens) {
                    repair_schema(store, doc, &tokens_to_pointer(&tokens[..len]), diags)?;
                    continue;
                }
                let pointer = tokens_to_pointer(&tokens);
                return Err(Error::input(Diagnostic::error("invalid-document", display, Place::Pointer(pointer), message)));
            }
        }
    }
    let display = store.get(doc).display.clone();
    Err(Error::input(Diagnostic::error(
        "invalid-document",
        display,
        Place::File,
        format!("more than {MAX_REPAIRS} schemas could not be read; giving up"),
    )))
}

/// Reads a typed object (parameter, response...) at `pointer` (`#/...`) of a document.
pub fn fragment<T: DeserializeOwned>(store: &DocumentStore, doc: DocId, pointer: &str, what: &str) -> Result<T> {
    let document = store.get(doc);
    let value = resolve_pointer(&document.value, &pointer[1..]).ok_or_else(|| {
        Error::input(Diagnostic::error(
            "dangling-ref",
            &document.display,
            Place::Pointer(pointer.to_string()),
            format!("$ref target does not exist (expected {what})"),
        ))
    })?;
    serde_path_to_error::deserialize::<_, T>(value).map_err(|error| {
        let mut tokens = pointer_tokens(pointer);
        tokens.extend(path_tokens(error.path()));
        Error::input(Diagnostic::error(
            "invalid-document",
            &document.display,
            Place::Pointer(tokens_to_pointer(&tokens)),
            format!("invalid {what}: {}", error.inner()),
        ))
    })
}

/// Reads the schema at `pointer` of a document, replacing unreadable parts by `{}` with a warning.
pub fn schema_fragment(
    store: &mut DocumentStore,
    doc: DocId,
    pointer: &str,
    diags: &mut Diagnostics,
) -> Result<ReferenceOr<Schema>> {
    if resolve_pointer(&store.get(doc).value, &pointer[1..]).is_none() {
        let display = store.get(doc).display.clone();
        return Err(Error::input(Diagnostic::error(
            "dangling-ref",
            display,
            Place::Pointer(pointer.to_string()),
            "$ref target does not exist",
        )));
    }
    for _ in 0..MAX_REPAIRS {
        let value = resolve_pointer(&store.get(doc).value, &pointer[1..]).unwrap_or(&Value::Null);
        match <ReferenceOr<Schema> as serde::Deserialize>::deserialize(value) {
            Ok(schema) => return Ok(schema),
            Err(_) => repair_schema(store, doc, pointer, diags)?,
        }
    }
    Ok(ReferenceOr::Item(Schema { schema_data: Default::default(), schema_kind: openapiv3::SchemaKind::Any(Default::default()) }))
}

/// Checks the `openapi` field; returns true for a 3.1 document.
fn check_version(store: &DocumentStore, doc: DocId) -> Result<bool> {
    let document = store.get(doc);
    let fail = |place: &str, message: String| {
        Err(Error::input(Diagnostic::error("unsupported-version", &document.display, Place::Pointer(place.into()), message)))
    };
    let Value::Object(root) = &document.value else {
        return fail("#", "an OpenAPI document must be an object at the top level".into());
    };
    // `swagger` documents never get here: `convert` sends them to the Swagger 2.0 frontend (or
    // refuses an unknown `swagger` version) first.
    match root.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.") => Ok(v.starts_with("3.1")),
        Some(other) => fail("#/openapi", format!("OpenAPI version {other} is not supported (expected 3.0.x)")),
        None => fail("#", "missing the `openapi` version field: is this an OpenAPI document?".into()),
    }
}

/// Removes `callbacks` (requests the API makes to the caller, which specforge does not generate) from
/// every operation and from `components`, so that a callback openapiv3 cannot read (a `$ref`ed path
/// item, for one) cannot fail the document.
fn drop_callbacks(root: &mut Value) {
    if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
        components.remove("callbacks");
    }
    let Some(paths) = root.get_mut("paths").and_then(Value::as_object_mut) else { return };
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for method in METHODS {
            if let Some(operation) = item.get_mut(method).and_then(Value::as_object_mut) {
                operation.remove("callbacks");
            }
        }
    }
}

/// Rewrites the OpenAPI 3.1 forms `openapiv3` cannot read into their 3.0 equivalents:
/// `type: [T, "null"]` becomes `type: T, nullable: true`, and `const: v` becomes `enum: [v]`.
fn normalize_3_1(value: &mut Value) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::Array(types)) = map.get("type") {
                    let non_null: Vec<Value> = types.iter().filter(|t| t.as_str() != Some("null")).cloned().collect();
                    let nullable = non_null.len() < types.len();
                    match non_null.as_slice() {
                        [single] => {
                            map.insert("type".into(), single.clone());
                        }
                        _ => {
                            map.remove("type");
                        }
                    }
                    if nullable {
                        map.insert("nullable".into(), Value::Bool(true));
                    }
                }
                if !map.contains_key("enum") {
                    if let Some(constant) = map.get("const").cloned() {
                        map.insert("enum".into(), Value::Array(vec![constant]));
                    }
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// Replaces the smallest unreadable schema at or under `pointer` by `{}` and records a warning.
fn repair_schema(store: &mut DocumentStore, doc: DocId, pointer: &str, diags: &mut Diagnostics) -> Result<()> {
    let document = store.get(doc);
    let (culprit, message) = find_culprit(&document.value, pointer);
    let display = document.display.clone();
    let diagnostic = Diagnostic::warning(
        "unsupported-schema",
        display,
        Place::Pointer(culprit.clone()),
        format!("schema cannot be read ({message}); using any JSON value instead"),
    );
    diags.push(diagnostic.clone());
    if diags.has_errors() {
        return Err(Error::input(diagnostic));
    }
    if let Some(slot) = resolve_pointer_mut(&mut store.get_mut(doc).value, &culprit[1..]) {
        let description = slot.get("description").cloned();
        let mut replacement = serde_json::Map::new();
        if let Some(description) = description.filter(Value::is_string) {
            replacement.insert("description".into(), description);
        }
        *slot = Value::Object(replacement);
    }
    Ok(())
}

/// Descends from the failing schema at `pointer` to the deepest child schema that fails on its own.
fn find_culprit(root: &Value, pointer: &str) -> (String, String) {
    let mut pointer = pointer.to_string();
    'descend: loop {
        let Some(value) = resolve_pointer(root, &pointer[1..]) else {
            return (pointer, "not found".into());
        };
        for child in child_schema_pointers(value, &pointer) {
            if let Some(child_value) = resolve_pointer(root, &child[1..]) {
                if serde_json::from_value::<ReferenceOr<Schema>>(child_value.clone()).is_err() {
                    pointer = child;
                    continue 'descend;
                }
            }
        }
        let message = match serde_json::from_value::<Schema>(value.clone()) {
            Err(e) => e.to_string(),
            Ok(_) => match value {
                Value::Object(_) => "unreadable".to_string(),
                other => format!("a schema must be an object, found {}", kind_of(other)),
            },
        };
        return (pointer, message);
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Pointers of the schemas directly nested in the schema `value` at `pointer`.
fn child_schema_pointers(value: &Value, pointer: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Value::Object(map) = value else { return out };
    if let Some(Value::Object(props)) = map.get("properties") {
        for key in props.keys() {
            out.push(push_token(&push_token(pointer, "properties"), key));
        }
    }
    for key in ["items", "not"] {
        if map.contains_key(key) {
            out.push(push_token(pointer, key));
        }
    }
    if let Some(Value::Object(_)) = map.get("additionalProperties") {
        out.push(push_token(pointer, "additionalProperties"));
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Array(items)) = map.get(key) {
            for i in 0..items.len() {
                out.push(push_token(&push_token(pointer, key), &i.to_string()));
            }
        }
    }
    out
}

/// Length of the longest prefix of `tokens` that designates a schema, if any.
fn deepest_schema_prefix(tokens: &[String]) -> Option<usize> {
    let mut start = None;
    if tokens.len() >= 3 && tokens[0] == "components" && tokens[1] == "schemas" {
        start = Some(3);
    } else if let Some(k) = tokens.iter().position(|t| t == "schema") {
        start = Some(k + 1);
    }
    let mut end = start?;
    loop {
        let step = match tokens.get(end).map(String::as_str) {
            Some("properties") | Some("allOf") | Some("oneOf") | Some("anyOf") => 2,
            Some("items") | Some("additionalProperties") | Some("not") => 1,
            _ => break,
        };
        if end + step > tokens.len() {
            break;
        }
        end += step;
    }
    Some(end)
}

/// What a value in the document is expected to be, for narrowing down an error position.
#[derive(Clone, Copy)]
enum Part {
    Paths,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Header,
    SecurityScheme,
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Re-reads `value` as `part` on its own, then its children, to find the deepest place that fails.
///
/// openapiv3 reads `$ref`-or-object positions as untagged enums and `paths` with its own visitor, so
/// serde's error stops at the outer position with a vague message. Returns the tokens below `value`
/// and the message of the innermost failure.
fn narrow(value: &Value, part: Part) -> Option<(Vec<String>, String)> {
    if value.get("$ref").is_some() {
        return None;
    }
    fn read<T: DeserializeOwned>(value: &Value) -> Option<(Vec<String>, String)> {
        serde_path_to_error::deserialize::<_, T>(value).err().map(|e| (path_tokens(e.path()), e.inner().to_string()))
    }
    let own = match part {
        Part::Paths => read::<openapiv3::Paths>(value),
        Part::PathItem => read::<openapiv3::PathItem>(value),
        Part::Operation => read::<openapiv3::Operation>(value),
        Part::Parameter => read::<openapiv3::Parameter>(value),
        Part::RequestBody => read::<openapiv3::RequestBody>(value),
        Part::Response => read::<openapiv3::Response>(value),
        Part::Header => read::<openapiv3::Header>(value),
        Part::SecurityScheme => read::<openapiv3::SecurityScheme>(value),
    }?;
    let mut children: Vec<(Vec<String>, &Value, Part)> = Vec::new();
    let entries = |key: &str| value.get(key).and_then(Value::as_object).into_iter().flatten();
    let items = |key: &str| value.get(key).and_then(Value::as_array).into_iter().flatten().enumerate();
    match part {
        Part::Paths => {
            let all = value.as_object().into_iter().flatten();
            children.extend(all.filter(|(k, _)| !k.starts_with("x-")).map(|(k, v)| (vec![k.clone()], v, Part::PathItem)));
        }
        Part::PathItem => {
            children.extend(METHODS.iter().filter_map(|m| Some((vec![m.to_string()], value.get(m)?, Part::Operation))));
            children.extend(items("parameters").map(|(i, v)| (vec!["parameters".into(), i.to_string()], v, Part::Parameter)));
        }
        Part::Operation => {
            children.extend(items("parameters").map(|(i, v)| (vec!["parameters".into(), i.to_string()], v, Part::Parameter)));
            children.extend(value.get("requestBody").map(|v| (vec!["requestBody".into()], v, Part::RequestBody)));
            children.extend(entries("responses").map(|(k, v)| (vec!["responses".into(), k.clone()], v, Part::Response)));
        }
        Part::Response => {
            children.extend(entries("headers").map(|(k, v)| (vec!["headers".into(), k.clone()], v, Part::Header)));
        }
        Part::Parameter | Part::RequestBody | Part::Header | Part::SecurityScheme => {}
    }
    for (mut tokens, child, child_part) in children {
        if let Some((below, message)) = narrow(child, child_part) {
            tokens.extend(below);
            return Some((tokens, message));
        }
    }
    Some(own)
}

/// The deepest place and clearest message for a typed-parse error at `tokens` of the root document.
fn explain(root: &Value, tokens: &[String], message: String) -> (Vec<String>, String) {
    let part_at = |tokens: &[String]| -> Option<Part> {
        let parent = tokens.iter().rev().nth(1).map(String::as_str);
        match (tokens.len(), tokens.first().map(String::as_str), parent) {
            (1, Some("paths"), _) => Some(Part::Paths),
            (2, Some("paths"), _) => Some(Part::PathItem),
            (_, Some("components"), Some("parameters")) => Some(Part::Parameter),
            (_, Some("components"), Some("responses")) => Some(Part::Response),
            (_, Some("components"), Some("requestBodies")) => Some(Part::RequestBody),
            (_, Some("components"), Some("headers")) => Some(Part::Header),
            (_, Some("components"), Some("securitySchemes")) => Some(Part::SecurityScheme),
            _ => None,
        }
    };
    // Walk up from the reported place to the nearest part we know how to re-read.
    for len in (1..=tokens.len()).rev() {
        let Some(part) = part_at(&tokens[..len]) else { continue };
        let pointer = tokens_to_pointer(&tokens[..len]);
        let Some(value) = resolve_pointer(root, &pointer[1..]) else { continue };
        if let Some((below, better)) = narrow(value, part) {
            let mut found = tokens[..len].to_vec();
            found.extend(below);
            return (found, better);
        }
    }
    (tokens.to_vec(), message)
}

fn path_tokens(path: &serde_path_to_error::Path) -> Vec<String> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

fn pointer_tokens(pointer: &str) -> Vec<String> {
    pointer
        .trim_start_matches('#')
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

fn tokens_to_pointer(tokens: &[String]) -> String {
    tokens.iter().fold("#".to_string(), |acc, t| push_token(&acc, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split('/').map(String::from).collect()
    }

    #[test]
    fn schema_prefixes_follow_the_schema_grammar() {
        assert_eq!(deepest_schema_prefix(&toks("components/schemas/A/properties/b/items")), Some(6));
        assert_eq!(deepest_schema_prefix(&toks("components/schemas/A/properties")), Some(3));
        assert_eq!(deepest_schema_prefix(&toks("paths/~1a/get/responses/200/content/x/schema/allOf/1")), Some(10));
        assert_eq!(deepest_schema_prefix(&toks("paths/~1a/get/parameters/0")), None);
    }

    #[test]
    fn three_one_type_arrays_become_nullable() {
        let mut v = serde_json::json!({"a": {"type": ["string", "null"]}, "b": {"const": 3}});
        normalize_3_1(&mut v);
        assert_eq!(v, serde_json::json!({"a": {"type": "string", "nullable": true}, "b": {"const": 3, "enum": [3]}}));
    }
}
