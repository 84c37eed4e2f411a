//! Typed parsing of OpenAPI documents' structure with `openapiv3`, with located errors.
//!
//! `openapiv3` reads a copy of the document with its schemas left out (see [`typed`](super::typed)):
//! schemas are read from the raw JSON by the schema converter. Anything that fails to parse (a
//! parameter without `in`, `paths` that is a list...) is an error naming the JSON pointer.

use super::typed::{self, FragmentKind};
use crate::diagnostic::{Diagnostic, Kind, Place};
use crate::error::{Error, Result};
use crate::pointer;
use crate::source::{DocId, DocumentStore};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Parses the structure of a whole document into `openapiv3::OpenAPI` (schemas left out), once
/// [`check_version`] passed; `display` names it in errors. Needs only the JSON: runs on any thread.
pub fn parse_typed(value: &Value, display: &str) -> Result<openapiv3::OpenAPI> {
    let copy = typed::document(value);
    match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&copy) {
        Ok(api) => Ok(api),
        Err(error) => {
            let (tokens, message) = explain(&copy, &path_tokens(error.path()), error.inner().to_string());
            Err(Error::input(Diagnostic::error(Kind::InvalidDocument, display, Place::Pointer(pointer::from_tokens(&tokens)), message)))
        }
    }
}

/// Reads a typed object (parameter, response...) at `pointer` (`#/...`) of a document.
pub fn fragment<T: DeserializeOwned>(store: &DocumentStore, doc: DocId, pointer: &str, what: &str) -> Result<T> {
    let document = store.get(doc);
    let value = pointer::resolve(&document.value, pointer).ok_or_else(|| {
        Error::input(Diagnostic::error(
            Kind::DanglingRef,
            &document.display,
            Place::Pointer(pointer.to_string()),
            format!("$ref target does not exist (expected {what})"),
        ))
    })?;
    let kind = if matches!(what, "path item" | "webhook") { FragmentKind::PathItem } else { FragmentKind::Other };
    let copy = typed::fragment(value, kind);
    serde_path_to_error::deserialize::<_, T>(&copy).map_err(|error| {
        let mut tokens = pointer::tokens(pointer);
        let part = match what {
            "path item" | "webhook" => Some(Part::PathItem),
            "parameter" => Some(Part::Parameter),
            "response" => Some(Part::Response),
            "request body" => Some(Part::RequestBody),
            "header" => Some(Part::Header),
            _ => None,
        };
        // openapiv3 reads some positions with untagged enums and flattening: re-read to find the place.
        let (below, message) = match part.and_then(|part| narrow(&copy, part)) {
            Some(found) => found,
            None => (path_tokens(error.path()), error.inner().to_string()),
        };
        tokens.extend(below);
        Error::input(Diagnostic::error(
            Kind::InvalidDocument,
            &document.display,
            Place::Pointer(pointer::from_tokens(&tokens)),
            format!("invalid {what}: {message}"),
        ))
    })
}

/// Checks the `openapi` field; returns true for a 3.1 document.
/// Refuses a document that is not an object with an `openapi` version 3.0.x or 3.1.x.
pub fn check_version(store: &DocumentStore, doc: DocId) -> Result<()> {
    let document = store.get(doc);
    let fail = |place: &str, message: String| {
        Err(Error::input(Diagnostic::error(Kind::UnsupportedVersion, &document.display, Place::Pointer(place.into()), message)))
    };
    let Value::Object(root) = &*document.value else {
        return fail("#", "an OpenAPI document must be an object at the top level".into());
    };
    // `swagger` documents never get here: `convert` sends them to the Swagger 2.0 frontend (or
    // refuses an unknown `swagger` version) first.
    match root.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.0") || v.starts_with("3.1") => Ok(()),
        Some(other) => fail("#/openapi", format!("OpenAPI version {other} is not supported (expected 3.0.x or 3.1.x)")),
        None => fail("#", "missing the `openapi` version field: is this an OpenAPI document?".into()),
    }
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

use typed::METHODS;

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
        let pointer = pointer::from_tokens(&tokens[..len]);
        let Some(value) = pointer::resolve(root, &pointer) else { continue };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_3_1_document_without_responses_or_paths_parses() {
        let mut store = DocumentStore::default();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(
            &path,
            r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                "webhooks": {"w": {"post": {}}},
                "components": {"schemas": {"A": {"type": ["integer", "null"], "exclusiveMinimum": 0}},
                               "securitySchemes": {"m": {"type": "mutualTLS"}}}}"#,
        )
        .unwrap();
        let doc = store.load(&path, "a.json").unwrap();
        check_version(&store, doc).unwrap();
        let api = parse_typed(&store.get(doc).value, "a.json").unwrap();
        assert!(api.paths.paths.is_empty());
        assert!(api.components.unwrap().schemas.contains_key("A"));
    }
}
