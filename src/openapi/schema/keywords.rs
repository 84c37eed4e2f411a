//! Reading single keywords: docs, formats, integer widths, enum values and their names, name hints.

use super::super::view::SchemaView;
use crate::ir::*;
use crate::pointer;
use serde_json::Value;

/// The documentation a schema carries (`title`, `description` or a `$ref`'s `summary`, `deprecated`,
/// `example`, `examples`).
pub fn docs_of(view: &SchemaView<'_>) -> Docs {
    let mut examples: Vec<Value> = view.raw.get("example").cloned().into_iter().collect();
    if let Some(Value::Array(list)) = view.raw.get("examples") {
        examples.extend(list.iter().cloned());
    }
    Docs {
        title: view.text("title").map(str::to_owned),
        // A 3.1 `$ref` may carry `summary` and `description` siblings.
        description: view.text("description").or_else(|| view.text("summary")).map(str::to_owned),
        deprecated: view.flag("deprecated"),
        examples,
    }
}

/// The type of a string schema, from `format` and the 3.1 `contentEncoding`.
pub fn string_type(view: &SchemaView<'_>) -> Type {
    if let Some(encoding) = view.text("contentEncoding") {
        if encoding.eq_ignore_ascii_case("base64") || encoding.eq_ignore_ascii_case("base64url") {
            return Type::Base64;
        }
    }
    format_type(view.format)
}

/// The type a `format` gives a string.
pub fn format_type(format: Option<&str>) -> Type {
    match format {
        Some("date-time") => Type::DateTime,
        Some("date") => Type::Date,
        Some("uuid") => Type::Uuid,
        Some("byte") => Type::Base64,
        Some("binary") => Type::Binary,
        other => Type::String { format: other.map(str::to_owned) },
    }
}

/// The Rust-relevant width of an integer `format`.
pub fn int_width(format: Option<&str>, minimum: Option<&Value>, maximum: Option<&Value>) -> IntWidth {
    match format {
        Some("int8") => IntWidth::I8,
        Some("int16") => IntWidth::I16,
        Some("int32") => IntWidth::I32,
        Some("uint8") => IntWidth::U8,
        Some("uint16") => IntWidth::U16,
        Some("uint32") => IntWidth::U32,
        Some("uint64") | Some("uint") => IntWidth::U64,
        // A non-negative range whose maximum is past i64 (`maximum: 18446744073709551615`, often
        // written as a rounded double) holds values only u64 can.
        _ if beyond_i64(maximum) && minimum.and_then(Value::as_f64).is_some_and(|m| m >= 0.0) => IntWidth::U64,
        _ => IntWidth::I64,
    }
}

/// True when `value` is a number greater than `i64::MAX`.
fn beyond_i64(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Number(n)) => n.as_i64().is_none() && (n.as_u64().is_some() || n.as_f64().is_some_and(|f| f >= 9.223372036854776e18)),
        _ => false,
    }
}

/// A string or integer enum literal, if `value` is one.
pub fn literal(value: &Value) -> Option<Literal> {
    match value {
        Value::String(s) => Some(Literal::Str(s.clone())),
        Value::Number(n) => n.as_i64().map(Literal::Int),
        _ => None,
    }
}

/// The values of an `enum`/`const`, named and documented by `x-enum-varnames` / `x-enumNames` and
/// `x-enum-descriptions` / `x-enumDescriptions` when present (lists aligned with `enum`, or maps
/// from value to text).
pub fn enum_of(view: &SchemaView<'_>) -> Enum {
    let names = extension(view, &["x-enum-varnames", "x-enumNames", "x-enum-names"]);
    let descriptions = extension(view, &["x-enum-descriptions", "x-enumDescriptions"]);
    let mut out = Enum { values: Vec::new(), open: true, fallback: String::new() };
    for (i, value) in view.enumeration.iter().enumerate() {
        let Some(literal) = literal(value) else { continue };
        let docs = Docs { description: descriptions(i, value), ..Docs::default() };
        push_value(&mut out, literal, names(i, value), docs);
    }
    out
}

/// Adds a value unless the enum already has it.
pub fn push_value(e: &mut Enum, value: Literal, name_hint: Option<String>, docs: Docs) {
    if !e.values.iter().any(|v| v.value == value) {
        e.values.push(EnumValue { value, name: String::new(), name_hint, docs });
    }
}

/// Reads a per-value extension written as a list aligned with `enum` or a map keyed by value.
fn extension<'v>(view: &SchemaView<'v>, keys: &[&str]) -> impl Fn(usize, &Value) -> Option<String> + 'v {
    let found = keys.iter().find_map(|k| view.raw.get(*k));
    move |i, value| {
        let text = match found? {
            Value::Array(list) => list.get(i)?,
            Value::Object(map) => map.get(&match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })?,
            _ => return None,
        };
        text.as_str().map(str::to_owned).filter(|t| !t.trim().is_empty())
    }
}

/// Name hint for a `$ref` target and whether the document declares the name itself.
///
/// `#/components/schemas/User` → (`["User"]`, true); `#/components/schemas/User/properties/address`
/// → (`["User", "address"]`, false); `#/$defs/Pet` and `#/definitions/Pet` → (`["Pet"]`, true); a whole
/// file `schemas/pet.yaml` → (`["pet"]`, true).
pub fn hint_from_pointer(display: &str, pointer: &str) -> (Vec<String>, bool) {
    let tokens = pointer::tokens(pointer);
    if tokens.is_empty() {
        let stem = std::path::Path::new(display).file_stem().map(|s| s.to_string_lossy().into_owned());
        return (vec![stem.unwrap_or_else(|| "Document".into())], true);
    }
    let (start, declared_len) = match tokens.first().map(String::as_str) {
        Some("components") => (2, 3),
        Some("definitions") | Some("$defs") => (1, 2),
        _ => (0, usize::MAX),
    };
    let declared = tokens.len() == declared_len;
    let mut hint = Vec::new();
    let mut i = start.min(tokens.len());
    while i < tokens.len() {
        let token = tokens[i].as_str();
        match token {
            "properties" | "paths" | "content" | "schema" | "responses" | "requestBody" | "parameters" | "allOf" | "oneOf" | "anyOf"
            | "components" | "schemas" | "patternProperties" | "prefixItems" => {}
            "items" => hint.push("Item".to_string()),
            "additionalProperties" => hint.push("Value".to_string()),
            _ if token.contains('/') && !token.starts_with('/') => {}
            _ => hint.push(token.to_string()),
        }
        i += 1;
    }
    if hint.is_empty() {
        hint.push("Schema".into());
    }
    (hint, declared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_hints() {
        assert_eq!(hint_from_pointer("a.yaml", "#/components/schemas/User"), (vec!["User".to_string()], true));
        assert_eq!(
            hint_from_pointer("a.yaml", "#/components/schemas/User/properties/tags/items"),
            (vec!["User".into(), "tags".into(), "Item".into()], false)
        );
        assert_eq!(hint_from_pointer("dir/pet.yaml", "#"), (vec!["pet".to_string()], true));
        assert_eq!(hint_from_pointer("a.yaml", "#/$defs/Pet"), (vec!["Pet".to_string()], true));
        // Nested definitions keep their path in the name (names stay what they were before 3.1 support).
        assert_eq!(hint_from_pointer("a.yaml", "#/components/schemas/A/definitions/b"), (vec!["A".into(), "definitions".into(), "b".into()], false));
        assert_eq!(
            hint_from_pointer("a.yaml", "#/paths/~1users/get/responses/200/content/application~1json/schema"),
            (vec!["/users".into(), "get".into(), "200".into()], false)
        );
    }

    #[test]
    fn enum_extensions_name_and_document_values() {
        let schema = serde_json::json!({
            "type": "integer", "enum": [1, 2],
            "x-enum-varnames": ["Low", "High"], "x-enum-descriptions": ["the low one", "the high one"]
        });
        let e = enum_of(&SchemaView::of(&schema));
        assert_eq!(e.values[1].name_hint.as_deref(), Some("High"));
        assert_eq!(e.values[0].docs.description.as_deref(), Some("the low one"));
        let mapped = serde_json::json!({"enum": ["a"], "x-enumDescriptions": {"a": "the a"}});
        assert_eq!(enum_of(&SchemaView::of(&mapped)).values[0].docs.description.as_deref(), Some("the a"));
    }
}
