//! One flat, read-only view of a schema as the document writes it (raw JSON).
//!
//! OpenAPI 3.0 schemas, OpenAPI 3.1 / JSON Schema 2020-12 schemas and Swagger 2.0 schemas are all read
//! from the JSON the document store holds, so nothing the typed `openapiv3` model cannot represent is
//! lost: `type` arrays, `const`, `prefixItems`, `patternProperties`, `$defs`, `examples` arrays, `$ref`
//! with siblings, `x-nullable`, `type: file`. A keyword whose value has the wrong JSON type is reported
//! in [`SchemaView::problems`] instead of failing the document.

use serde_json::{Map, Value};

/// The empty object, for views of `true` and of malformed schemas.
static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();

/// Keywords that only document or constrain a value, never change its shape.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "summary",
    "deprecated",
    "readOnly",
    "writeOnly",
    "default",
    "example",
    "examples",
    "nullable",
    "x-nullable",
    "externalDocs",
    "xml",
    "$comment",
    "$id",
    "$schema",
    "$anchor",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "discriminator",
];

/// Keywords that change the shape of the data and that specforge does not read yet.
pub const UNSUPPORTED_SHAPE_KEYWORDS: &[&str] = &["if", "then", "else", "dependentSchemas", "$dynamicRef", "$recursiveRef", "unevaluatedProperties"];

/// The keywords of one schema.
pub struct SchemaView<'a> {
    /// Every keyword as written (empty for the schema `true`).
    pub raw: &'a Map<String, Value>,
    /// `Some(false)` for the schema `false` (nothing is valid); `Some(true)` for `true`.
    pub boolean: Option<bool>,
    /// The `type` keyword without `"null"` (a string, or each entry of a 3.1 type array).
    pub types: Vec<&'a str>,
    /// `null` is allowed: `nullable: true` (3.0), `x-nullable: true` (2.0, 3.0), `"null"` in a type
    /// array, or `null` among the `enum` values.
    pub nullable: bool,
    /// The `format` keyword.
    pub format: Option<&'a str>,
    /// The `enum` values (`null` included) or the single `const` value.
    pub enumeration: Vec<&'a Value>,
    /// True when the values came from `const`.
    pub is_const: bool,
    /// Declared properties.
    pub properties: Option<&'a Map<String, Value>>,
    /// `patternProperties` (3.1 / JSON Schema).
    pub pattern_properties: Option<&'a Map<String, Value>>,
    /// Required property names.
    pub required: Vec<&'a str>,
    /// `additionalProperties`: `true`, `false`, or a schema.
    pub additional: Option<&'a Value>,
    /// `items` when it is one schema for every item.
    pub items: Option<&'a Value>,
    /// `prefixItems` (2020-12), or `items` written as a list (draft 4-2019).
    pub prefix_items: Option<&'a [Value]>,
    /// Which keyword held the positional items.
    pub prefix_keyword: &'static str,
    /// `oneOf` members.
    pub one_of: &'a [Value],
    /// `anyOf` members.
    pub any_of: &'a [Value],
    /// `allOf` members.
    pub all_of: &'a [Value],
    /// The `$ref` keyword.
    pub reference: Option<&'a str>,
    /// Keywords with a value of the wrong JSON type: (keyword, what was expected).
    pub problems: Vec<(&'static str, &'static str)>,
}

impl<'a> SchemaView<'a> {
    /// Views the schema `value` (an object or a boolean; anything else is a problem).
    pub fn of(value: &'a Value) -> Self {
        let empty = EMPTY.get_or_init(Map::new);
        let mut view = SchemaView {
            raw: empty,
            boolean: None,
            types: Vec::new(),
            nullable: false,
            format: None,
            enumeration: Vec::new(),
            is_const: false,
            properties: None,
            pattern_properties: None,
            required: Vec::new(),
            additional: None,
            items: None,
            prefix_items: None,
            prefix_keyword: "prefixItems",
            one_of: &[],
            any_of: &[],
            all_of: &[],
            reference: None,
            problems: Vec::new(),
        };
        let map = match value {
            Value::Object(map) => map,
            Value::Bool(b) => {
                view.boolean = Some(*b);
                return view;
            }
            _ => {
                view.problems.push(("", "a schema must be an object or a boolean"));
                return view;
            }
        };
        view.raw = map;
        view.read_type();
        view.nullable |=
            map.get("nullable").and_then(Value::as_bool).unwrap_or(false) || map.get("x-nullable").and_then(Value::as_bool).unwrap_or(false);
        view.format = view.string("format");
        match map.get("enum") {
            Some(Value::Array(values)) => view.enumeration = values.iter().collect(),
            Some(_) => view.problems.push(("enum", "a list")),
            None => {}
        }
        if let Some(constant) = map.get("const") {
            if view.enumeration.is_empty() {
                view.enumeration = vec![constant];
                view.is_const = true;
            }
        }
        view.nullable |= view.enumeration.iter().any(|v| v.is_null());
        view.properties = view.object("properties");
        view.pattern_properties = view.object("patternProperties");
        match map.get("required") {
            Some(Value::Array(names)) => view.required = names.iter().filter_map(Value::as_str).collect(),
            // `required: true` on a property (a common 2.0 habit) says nothing about the object's shape.
            Some(Value::Bool(_)) | None => {}
            Some(_) => view.problems.push(("required", "a list of property names")),
        }
        match map.get("additionalProperties") {
            Some(v @ (Value::Bool(_) | Value::Object(_))) => view.additional = Some(v),
            Some(_) => view.problems.push(("additionalProperties", "a boolean or a schema")),
            None => {}
        }
        match map.get("items") {
            Some(Value::Array(list)) => {
                view.prefix_items = Some(list);
                view.prefix_keyword = "items";
            }
            Some(v @ (Value::Object(_) | Value::Bool(_))) => view.items = Some(v),
            Some(_) => view.problems.push(("items", "a schema")),
            None => {}
        }
        match map.get("prefixItems") {
            Some(Value::Array(list)) => {
                view.prefix_items = Some(list);
                view.prefix_keyword = "prefixItems";
            }
            Some(_) => view.problems.push(("prefixItems", "a list of schemas")),
            None => {}
        }
        view.one_of = view.list("oneOf");
        view.any_of = view.list("anyOf");
        view.all_of = view.list("allOf");
        view.reference = map.get("$ref").and_then(Value::as_str);
        view
    }

    fn read_type(&mut self) {
        match self.raw.get("type") {
            Some(Value::String(t)) if t == "null" => self.nullable = true,
            Some(Value::String(t)) => self.types.push(t),
            Some(Value::Array(types)) => {
                for t in types {
                    match t.as_str() {
                        Some("null") => self.nullable = true,
                        Some(t) if !self.types.contains(&t) => self.types.push(t),
                        Some(_) => {}
                        None => self.problems.push(("type", "a type name or a list of type names")),
                    }
                }
            }
            Some(_) => self.problems.push(("type", "a type name or a list of type names")),
            None => {}
        }
    }

    fn string(&mut self, key: &'static str) -> Option<&'a str> {
        match self.raw.get(key) {
            Some(Value::String(s)) => Some(s),
            Some(_) => {
                self.problems.push((key, "a string"));
                None
            }
            None => None,
        }
    }

    fn object(&mut self, key: &'static str) -> Option<&'a Map<String, Value>> {
        match self.raw.get(key) {
            Some(Value::Object(map)) => Some(map),
            Some(_) => {
                self.problems.push((key, "an object of schemas"));
                None
            }
            None => None,
        }
    }

    fn list(&mut self, key: &'static str) -> &'a [Value] {
        match self.raw.get(key) {
            Some(Value::Array(list)) => list,
            Some(_) => {
                self.problems.push((key, "a list of schemas"));
                &[]
            }
            None => &[],
        }
    }

    /// The single type, when exactly one non-null type is declared.
    pub fn typ(&self) -> Option<&'a str> {
        match self.types.as_slice() {
            [single] => Some(single),
            _ => None,
        }
    }

    /// True when the schema declares at least one property.
    pub fn has_properties(&self) -> bool {
        self.properties.is_some_and(|p| !p.is_empty())
    }

    /// A string-valued keyword (`description`, `title`...), if it is a string.
    pub fn text(&self, key: &str) -> Option<&'a str> {
        self.raw.get(key).and_then(Value::as_str)
    }

    /// A boolean keyword (`readOnly`, `deprecated`...), false when absent or not a boolean.
    pub fn flag(&self, key: &str) -> bool {
        self.raw.get(key).and_then(Value::as_bool).unwrap_or(false)
    }

    /// True when the schema constrains nothing about the shape of the value (docs and flags only).
    pub fn is_unconstrained(&self) -> bool {
        self.raw.keys().all(|k| ANNOTATIONS.contains(&k.as_str()) || k.starts_with("x-"))
    }

    /// The keywords besides `$ref` that change the shape (a 3.1 `$ref` is ANDed with its siblings).
    /// `type` and `format` beside a `$ref` restate the target's (`{type: string, $ref: Status}`, as
    /// Twilio writes) and are not shaping; a `"null"` in that `type` still makes it nullable.
    pub fn shaping_siblings_of_ref(&self) -> bool {
        self.raw.keys().any(|k| {
            !matches!(k.as_str(), "$ref" | "type" | "format" | "$defs" | "definitions") && !ANNOTATIONS.contains(&k.as_str()) && !k.starts_with("x-")
        })
    }

    /// The member schemas that are not just `null`.
    pub fn non_null(members: &'a [Value]) -> Vec<(usize, &'a Value)> {
        members.iter().enumerate().filter(|(_, m)| !is_null_schema(m)).collect()
    }
}

/// A schema that only admits `null` (`type: null`, `enum: [null]`, `const: null`).
pub fn is_null_schema(member: &Value) -> bool {
    let Value::Object(map) = member else { return false };
    if map.contains_key("$ref") {
        return false;
    }
    match map.get("type") {
        Some(Value::String(t)) => return t == "null",
        Some(Value::Array(types)) => return !types.is_empty() && types.iter().all(|t| t.as_str() == Some("null")),
        _ => {}
    }
    match (map.get("enum"), map.get("const")) {
        (Some(Value::Array(values)), _) => !values.is_empty() && values.iter().all(Value::is_null),
        (None, Some(Value::Null)) => true,
        _ => false,
    }
}
