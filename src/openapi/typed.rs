//! The copy of a document that `openapiv3` parses: its structure (paths, operations, parameters,
//! bodies, responses, servers) with every schema left out.
//!
//! Schemas are read from the raw JSON by the schema converter, which understands OpenAPI 3.0, 3.1 and
//! JSON Schema 2020-12 keywords; `openapiv3` models 3.0 only, so it must never see them. In the copy
//! a schema is `{}` (or `{"$ref": ...}`, keeping the inline/reference distinction), 3.1 operations
//! without `responses` get an empty one, and the parts read raw elsewhere (security schemes) or not
//! generated (callbacks) are removed. Pointers into the copy are pointers into the document.

use serde_json::{json, Map, Value};

/// The eight HTTP methods a path item can hold.
pub const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// What a fragment read through `$ref` is, for the parts that need more than schema stubbing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FragmentKind {
    /// A path item or webhook: its operations may omit `responses` (3.1).
    PathItem,
    /// Anything else (parameter, response, header, request body, security scheme).
    Other,
}

/// The copy of a whole document for typed parsing.
pub fn document(root: &Value) -> Value {
    let Value::Object(root) = root else { return root.clone() };
    let mut out = Map::new();
    for (key, value) in root {
        let copy = match key.as_str() {
            "components" => components(value),
            "paths" => path_items(value),
            // Read raw: webhooks through `fragment`, `x-` extensions never.
            "webhooks" => continue,
            k if k.starts_with("x-") => continue,
            _ => strip(value),
        };
        out.insert(key.clone(), copy);
    }
    out.entry("paths").or_insert_with(|| json!({}));
    Value::Object(out)
}

/// The copy of one fragment (a parameter, a path item...) for typed parsing.
pub fn fragment(value: &Value, kind: FragmentKind) -> Value {
    let mut copy = strip(value);
    if kind == FragmentKind::PathItem {
        fill_operations(&mut copy);
    }
    copy
}

fn components(value: &Value) -> Value {
    let Value::Object(map) = value else { return strip(value) };
    let mut out = Map::new();
    for (key, value) in map {
        let copy = match (key.as_str(), value) {
            ("schemas", Value::Object(schemas)) => Value::Object(schemas.iter().map(|(name, schema)| (name.clone(), schema_stub(schema))).collect()),
            ("securitySchemes" | "callbacks" | "pathItems", _) => continue,
            _ => strip(value),
        };
        out.insert(key.clone(), copy);
    }
    Value::Object(out)
}

fn path_items(value: &Value) -> Value {
    let mut copy = strip(value);
    if let Value::Object(items) = &mut copy {
        for item in items.values_mut() {
            fill_operations(item);
        }
    }
    copy
}

/// Gives every operation of a path item a `responses` (optional in 3.1) and drops its callbacks.
fn fill_operations(item: &mut Value) {
    let Value::Object(item) = item else { return };
    for method in METHODS {
        if let Some(Value::Object(operation)) = item.get_mut(method) {
            operation.entry("responses").or_insert_with(|| json!({}));
            operation.remove("callbacks");
        }
    }
}

/// A copy with every `schema` replaced by its stub; examples, defaults and extensions are copied as
/// they are (they are values, not structure).
fn strip(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| {
                    let copy = match key.as_str() {
                        "schema" => schema_stub(value),
                        "example" | "examples" | "default" | "value" => value.clone(),
                        k if k.starts_with("x-") => value.clone(),
                        _ => strip(value),
                    };
                    (key.clone(), copy)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
        other => other.clone(),
    }
}

/// `{"$ref": ...}` for a reference, `{}` for any other schema.
fn schema_stub(schema: &Value) -> Value {
    match schema.get("$ref") {
        Some(Value::String(reference)) => json!({ "$ref": reference }),
        _ => json!({}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_are_stubbed_and_responses_filled() {
        let doc = json!({
            "openapi": "3.1.0",
            "paths": {"/a": {"get": {"parameters": [{"name": "n", "in": "query", "schema": {"type": "integer", "exclusiveMinimum": 10}}]}}},
            "components": {
                "schemas": {"A": {"type": ["string", "null"]}, "B": {"$ref": "#/components/schemas/A", "description": "d"}},
                "securitySchemes": {"m": {"type": "mutualTLS"}}
            },
            "webhooks": {"w": {"post": {}}}
        });
        let copy = document(&doc);
        assert_eq!(copy["paths"]["/a"]["get"]["parameters"][0]["schema"], json!({}));
        assert_eq!(copy["paths"]["/a"]["get"]["responses"], json!({}));
        assert_eq!(copy["components"]["schemas"]["B"], json!({"$ref": "#/components/schemas/A"}));
        assert!(copy["components"].get("securitySchemes").is_none());
        assert!(copy.get("webhooks").is_none());
        assert!(serde_json::from_value::<openapiv3::OpenAPI>(
            json!({"info": {"title": "t", "version": "1"}, "openapi": "3.1.0"})
                .as_object()
                .map(|m| {
                    let mut m = m.clone();
                    m.extend(copy.as_object().unwrap().clone());
                    Value::Object(m)
                })
                .unwrap()
        )
        .is_ok());
    }
}
