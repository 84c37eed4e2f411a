//! PRE-STEP (temporary, remove once the schema converter reads Swagger 2.0 schemas itself).
//!
//! Swagger 2.0 writes a schema's discriminator as the property name alone (`discriminator: petType`);
//! OpenAPI 3 as an object (`discriminator: {propertyName: petType}`). The schema converter reads
//! schemas with `openapiv3`, which fails on the string form and replaces the whole schema (a base
//! type of a hierarchy, typically) by any JSON value with a warning. This pre-step rewrites the
//! string form into the object form in the root document, at schema positions only (never inside
//! `example`, `default`, `enum` or `x-` extensions, whose values are data). Nothing else is changed:
//! the rest of the document is read as written.

use serde_json::{json, Value};

/// Keys whose values are data, not schemas: never rewritten.
const DATA_KEYS: [&str; 4] = ["example", "examples", "default", "enum"];

/// Rewrites every `discriminator: "name"` of `value` into `discriminator: {propertyName: "name"}`.
pub fn discriminator_objects(value: &mut Value) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(name)) = map.get("discriminator") {
                    let object = json!({ "propertyName": name });
                    map.insert("discriminator".into(), object);
                }
                stack.extend(
                    map.iter_mut().filter(|(k, _)| !DATA_KEYS.contains(&k.as_str()) && !k.starts_with("x-")).map(|(_, v)| v),
                );
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_discriminators_become_objects_outside_data() {
        let mut doc = json!({
            "definitions": {"Pet": {"discriminator": "petType", "example": {"discriminator": "kept"}}},
            "x-note": {"discriminator": "kept"}
        });
        discriminator_objects(&mut doc);
        assert_eq!(
            doc,
            json!({
                "definitions": {"Pet": {"discriminator": {"propertyName": "petType"}, "example": {"discriminator": "kept"}}},
                "x-note": {"discriminator": "kept"}
            })
        );
    }
}
