//! Paths and operations of a Swagger 2.0 document: path-level parameters merged with the
//! operation's, `consumes`/`produces` inherited from the document, security per operation.

use super::raw::{self, fields, invalid, Located};
use super::{params, requirements, responses};
use crate::error::Result;
use crate::ir::{Docs, Method, Operation, OperationNames, Origin};
use crate::openapi::operations::path_words;
use crate::openapi::schema::{Converter, Loc};
use crate::pointer;
use serde_json::Value;

/// The methods of a Swagger 2.0 path item (2.0 has no `trace`).
const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Media types declared at the document level, inherited by operations that declare none.
pub struct Defaults {
    /// The document's `consumes`.
    pub consumes: Vec<String>,
    /// The document's `produces`.
    pub produces: Vec<String>,
}

/// Converts every operation of the document, in document order.
pub fn operations(conv: &mut Converter<'_>, document: &Located, defaults: &Defaults) -> Result<Vec<Operation>> {
    let paths = match document.value.get("paths") {
        None => return Ok(Vec::new()),
        Some(Value::Object(paths)) => paths.clone(),
        Some(other) => return Err(invalid(conv.store, document.doc, "#/paths", format!("expected an object, found {}", raw::kind_of(other)))),
    };
    let mut out = Vec::new();
    for path in paths.keys().filter(|k| !k.starts_with("x-")) {
        let item = raw::follow(conv.store, document.doc, pointer::push("#/paths", path), "path item")?;
        let shared = fields(conv.store, &item).list("parameters")?;
        let shared: Vec<String> = (0..shared.len()).map(|i| pointer::push(&item.at("parameters"), &i.to_string())).collect();
        for method in METHODS {
            let Some(value) = item.value.get(method) else { continue };
            let pointer = item.at(method);
            let Value::Object(map) = value else {
                return Err(invalid(conv.store, item.doc, &pointer, format!("expected an operation object, found {}", raw::kind_of(value))));
            };
            let op = Located { value: map.clone(), doc: item.doc, pointer };
            out.push(operation(conv, &op, path, method, &shared, defaults)?);
        }
    }
    Ok(out)
}

fn operation(conv: &mut Converter<'_>, op: &Located, path: &str, method: &str, shared: &[String], defaults: &Defaults) -> Result<Operation> {
    let read = fields(conv.store, op);
    let operation_id = read.string("operationId")?;
    let tags = read.strings("tags")?.unwrap_or_default();
    let summary = read.string("summary")?;
    let description = read.string("description")?;
    let deprecated = read.flag("deprecated")?;
    let consumes = read.strings("consumes")?.unwrap_or_else(|| defaults.consumes.clone());
    let produces = read.strings("produces")?.unwrap_or_else(|| defaults.produces.clone());
    let own = read.list("parameters")?.len();
    let security = requirements(conv.store, op, "security")?;
    let hint: Vec<String> = match &operation_id {
        Some(id) if !id.trim().is_empty() => vec![id.clone()],
        _ => std::iter::once(method.to_string()).chain(path_words(path)).collect(),
    };
    let base = Loc { doc: op.doc, pointer: op.pointer.clone(), hint: hint.clone() };

    // Path-level parameters first, each replaced by an operation parameter of the same name and `in`.
    let mut located: Vec<Located> = Vec::new();
    let own_pointers = (0..own).map(|i| pointer::push(&op.at("parameters"), &i.to_string()));
    for pointer in shared.iter().cloned().chain(own_pointers) {
        let param = raw::follow(conv.store, op.doc, pointer, "parameter")?;
        let key = params::key(conv.store, &param)?;
        let mut kept = Vec::new();
        for other in located {
            if params::key(conv.store, &other)? != key {
                kept.push(other);
            }
        }
        located = kept;
        located.push(param);
    }
    let (parameters, request_body) = params::split(conv, &located, &base, &consumes)?;
    let responses = responses::responses(conv, op, &hint, &produces)?;
    let pagination = crate::openapi::pagination::read(|key| op.value.get(key).cloned())
        .or_else(|(name, why)| crate::openapi::operations::pagination_warning(conv, op.doc, &op.pointer, &name, &why).map(|()| None))?;
    Ok(Operation {
        operation_id,
        name: String::new(),
        hint,
        method: Method::parse(method).unwrap_or(Method::Get),
        path: path.to_string(),
        tags,
        summary,
        docs: Docs { title: None, description, deprecated, examples: Vec::new() },
        parameters,
        request_body,
        responses,
        security,
        origin: Origin { file: conv.store.get(op.doc).display.clone(), place: op.pointer.clone() },
        group: None,
        names: OperationNames::default(),
        pagination,
    })
}
