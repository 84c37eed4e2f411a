//! Reading the raw JSON of a Swagger 2.0 document: following `$ref`, reading typed fields, and
//! errors that name the file and the JSON pointer.

use crate::diagnostic::{Diagnostic, Kind, Place};
use crate::error::{Error, Result};
use crate::openapi::refs::{self, RefProblem};
use crate::pointer;
use crate::source::{DocId, DocumentStore};
use serde_json::{Map, Value};

/// A JSON object found inline or through `$ref`, with the document and pointer it lives at.
#[derive(Debug, Clone)]
pub struct Located {
    /// The object itself (a copy).
    pub value: Map<String, Value>,
    /// The document holding it.
    pub doc: DocId,
    /// Its JSON pointer (with leading `#`).
    pub pointer: String,
}

impl Located {
    /// The pointer of `key` inside this object.
    pub fn at(&self, key: &str) -> String {
        pointer::push(&self.pointer, key)
    }
}

/// An `invalid-document` error at `pointer` of `doc`.
pub fn invalid(store: &DocumentStore, doc: DocId, pointer: &str, message: impl Into<String>) -> Error {
    Error::input(Diagnostic::error(Kind::InvalidDocument, &store.get(doc).display, Place::Pointer(pointer.into()), message))
}

fn dangling(store: &DocumentStore, doc: DocId, pointer: &str, message: String) -> Error {
    Error::input(Diagnostic::error(Kind::DanglingRef, &store.get(doc).display, Place::Pointer(pointer.into()), message))
}

/// The kind of a JSON value, for messages.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Follows `$ref` from the value at `pointer` of `doc` (through other files if needed) to an object.
/// `what` names the expected object in messages (`parameter`, `response`...).
pub fn follow(store: &mut DocumentStore, doc: DocId, pointer: String, what: &str) -> Result<Located> {
    let (mut doc, mut pointer) = (doc, pointer);
    for _ in 0..64 {
        let value = pointer::resolve(&store.get(doc).value, &pointer)
            .ok_or_else(|| dangling(store, doc, &pointer, format!("$ref target does not exist (expected {what})")))?;
        let map = match value {
            Value::Object(map) => map,
            other => return Err(invalid(store, doc, &pointer, format!("invalid {what}: expected an object, found {}", kind_of(other)))),
        };
        let Some(Value::String(reference)) = map.get("$ref") else {
            return Ok(Located { value: map.clone(), doc, pointer });
        };
        let reference = reference.clone();
        match refs::resolve(store, doc, &pointer, &reference)? {
            Ok(target) => (doc, pointer) = (target.doc, target.pointer),
            Err(RefProblem::Remote) => return Err(dangling(store, doc, &pointer, format!("remote $ref `{reference}` is not supported here"))),
            Err(RefProblem::Dangling) => return Err(dangling(store, doc, &pointer, format!("$ref `{reference}` points to nothing"))),
        }
    }
    Err(dangling(store, doc, &pointer, "$ref chain is longer than 64 steps or loops".into()))
}

/// Typed reads of the fields of one object, with errors naming the field's pointer.
pub struct Fields<'a> {
    /// The store (for file names in errors).
    pub store: &'a DocumentStore,
    /// The object.
    pub object: &'a Located,
}

impl Fields<'_> {
    fn wrong(&self, key: &str, expected: &str, found: &Value) -> Error {
        invalid(self.store, self.object.doc, &self.object.at(key), format!("expected {expected}, found {}", kind_of(found)))
    }

    /// An optional string field.
    pub fn string(&self, key: &str) -> Result<Option<String>> {
        match self.object.value.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(self.wrong(key, "a string", other)),
        }
    }

    /// A required string field.
    pub fn required_string(&self, key: &str) -> Result<String> {
        self.string(key)?.ok_or_else(|| invalid(self.store, self.object.doc, &self.object.pointer, format!("missing field `{key}`")))
    }

    /// An optional boolean field (`false` when absent).
    pub fn flag(&self, key: &str) -> Result<bool> {
        match self.object.value.get(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(flag)) => Ok(*flag),
            Some(other) => Err(self.wrong(key, "a boolean", other)),
        }
    }

    /// An optional list of strings (`None` when absent).
    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>> {
        match self.object.value.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::String(text) => Ok(text.clone()),
                    other => Err(invalid(
                        self.store,
                        self.object.doc,
                        &pointer::push(&self.object.at(key), &i.to_string()),
                        format!("expected a string, found {}", kind_of(other)),
                    )),
                })
                .collect::<Result<Vec<_>>>()
                .map(Some),
            Some(other) => Err(self.wrong(key, "a list of strings", other)),
        }
    }

    /// An optional list (empty when absent).
    pub fn list(&self, key: &str) -> Result<Vec<Value>> {
        match self.object.value.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items.clone()),
            Some(other) => Err(self.wrong(key, "a list", other)),
        }
    }

    /// An optional object (empty when absent).
    pub fn object(&self, key: &str) -> Result<Map<String, Value>> {
        match self.object.value.get(key) {
            None | Some(Value::Null) => Ok(Map::new()),
            Some(Value::Object(map)) => Ok(map.clone()),
            Some(other) => Err(self.wrong(key, "an object", other)),
        }
    }
}

/// Reads the fields of `object`.
pub fn fields<'a>(store: &'a DocumentStore, object: &'a Located) -> Fields<'a> {
    Fields { store, object }
}
