//! `docs/sdks/<group>/README.md` pages → operations.
//!
//! Each `## method` section carries a `<!-- UsageSnippet ... operationID="..." method="..." path="..." -->`
//! comment and `### Parameters`, `### Response` and `### Errors` subsections. A `request` parameter
//! names the request model: its `requestBody`/`request_body`/`body` field (or, when its fields are not
//! path placeholders, the model itself) is the JSON body; other fields and parameters are path
//! parameters when the path has `{name}`, query parameters otherwise.

use super::models::{cell_text, Builder};
use super::page::Section;
use super::typexpr;
use super::Doc;
use crate::diagnostic::Kind;
use crate::ir::*;
use crate::typespace::paths::{normalized, placeholders};

/// Parameters that configure the SDK call, not the HTTP request.
const SDK_ONLY: [&str; 8] = ["retries", "server_url", "serverURL", "options", "http_headers", "timeout_ms", "ctx", "opts"];

/// Attributes of an HTML comment: `key="value"` pairs.
fn attributes(comment: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = comment;
    while let Some(eq) = rest.find("=\"") {
        let key = rest[..eq].rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").to_string();
        let after = &rest[eq + 2..];
        let Some(end) = after.find('"') else { break };
        out.push((key, after[..end].to_string()));
        rest = &after[end + 1..];
    }
    out
}

/// Every `{name}` of a path template.
/// Whether a field named `wire_name` fills one of `holes` (compared as the path parameter check does).
fn in_path(holes: &[String], wire_name: &str) -> bool {
    holes.iter().any(|h| normalized(h) == normalized(wire_name))
}

/// What one sdks page gave.
pub struct Read {
    /// The operations read.
    pub operations: Vec<Operation>,
    /// `## method` sections that document an operation (they have `### Parameters`, `### Response`
    /// or `### Example Usage`), with or without the comment giving its method and path.
    pub described: usize,
    /// Of those, the ones without method and path: no client method can call them.
    pub without_endpoint: usize,
}

/// The operations of one sdks page.
pub fn read(doc: &Doc, builder: &mut Builder<'_>) -> Read {
    let group = doc.page.title.as_ref().map(|(t, _)| super::models::clean_title(t)).unwrap_or_default();
    let mut operations = Vec::new();
    let mut described = 0;
    let mut without_endpoint = 0;
    for section in &doc.page.sections {
        let documents_operation =
            section.subsections.iter().any(|s| matches!(s.title.trim(), "Parameters" | "Response" | "Example Usage" | "Errors"));
        described += usize::from(documents_operation);
        let comments = section.html.iter().chain(section.subsections.iter().flat_map(|s| s.html.iter()));
        let Some((line, attrs)) =
            comments.map(|(line, html)| (*line, attributes(html))).find(|(_, attrs)| attrs.iter().any(|(k, _)| k == "operationID"))
        else {
            without_endpoint += usize::from(documents_operation);
            continue;
        };
        let get = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        let (Some(id), Some(verb), Some(path)) = (get("operationID"), get("method"), get("path")) else {
            builder.diags.push(doc.at(line, false, Kind::MdBadOperation, "UsageSnippet lacks operationID, method or path; operation skipped"));
            continue;
        };
        let Some(verb) = Method::parse(&verb) else {
            builder.diags.push(doc.at(line, false, Kind::MdBadOperation, format!("unknown method `{verb}`; operation skipped")));
            continue;
        };
        let summary = section.paragraphs.first().map(|p| cell_text(p));
        let mut operation = Operation {
            operation_id: Some(id.clone()),
            name: String::new(),
            hint: vec![id],
            method: verb,
            path: path.clone(),
            tags: vec![group.clone()].into_iter().filter(|g| !g.is_empty()).collect(),
            summary: summary.clone().map(|s| s.lines().next().unwrap_or("").to_string()),
            docs: Docs { description: summary, deprecated: section.title.contains("~~"), ..Docs::default() },
            parameters: Vec::new(),
            request_body: None,
            responses: Vec::new(),
            security: None,
            origin: Origin { file: doc.display.clone(), place: format!("line {line}") },
            group: None,
            names: OperationNames::default(),
            pagination: None,
        };
        let sub = |name: &str| section.subsections.iter().find(|s| s.title.trim() == name);
        if let Some(parameters) = sub("Parameters") {
            parameters_of(doc, parameters, &mut operation, builder);
        }
        if let Some(response) = sub("Response") {
            response_of(doc, response, &mut operation, builder);
        }
        if let Some(errors) = sub("Errors") {
            errors_of(errors, &mut operation, builder);
        }
        operations.push(operation);
    }
    Read { operations, described, without_endpoint }
}

fn parameter(wire_name: &str, path: &str, required: bool, ty: Type, description: Option<String>) -> Parameter {
    // The docs show the SDK's argument names (`api_key_id` in Python, `libraryId` in TypeScript),
    // not the path's placeholders (`{apiKeyID}`, `{library_id}`): a path parameter takes the
    // placeholder's spelling, so only placeholders that no field fills are path-param-mismatch.
    let holes = placeholders(path);
    let hole = holes.iter().find(|h| *h == wire_name).or_else(|| holes.iter().find(|h| normalized(h) == normalized(wire_name)));
    let in_path = hole.is_some();
    Parameter {
        wire_name: hole.map_or(wire_name, String::as_str).to_string(),
        name: String::new(),
        location: if in_path { ParamLocation::Path } else { ParamLocation::Query },
        required: required || in_path,
        ty,
        style: if in_path { ParamStyle::Simple } else { ParamStyle::Form },
        explode: true,
        allow_reserved: false,
        docs: Docs { description, ..Docs::default() },
    }
}

fn json_body(ty: Type, required: bool) -> RequestBody {
    RequestBody { required, contents: vec![Content { media_type: "application/json".into(), ty, encoding: Vec::new() }], docs: Docs::default() }
}

fn parameters_of(doc: &Doc, section: &Section, operation: &mut Operation, builder: &mut Builder<'_>) {
    let Some(table) = section.tables.first() else { return };
    let header: Vec<String> = table.header.iter().map(|h| cell_text(h).to_lowercase()).collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(name_col), Some(type_col), Some(required_col)) = (column("parameter"), column("type"), column("required")) else {
        builder.diags.push(doc.at(
            table.line,
            false,
            Kind::MdMissingColumn,
            "Parameters table lacks Parameter, Type or Required; parameters skipped",
        ));
        return;
    };
    let description_col = column("description");
    for (line, cells) in &table.rows {
        let name = cells[name_col].trim().trim_matches('`').to_string();
        if name.is_empty() || SDK_ONLY.contains(&name.as_str()) || name.starts_with("options.") {
            continue;
        }
        let required = super::models::required_cell(&cells[required_col]).unwrap_or(false);
        let expr = match typexpr::parse(&cells[type_col]) {
            Ok(expr) => expr,
            Err(message) => {
                builder.diags.push(doc.at(*line, false, Kind::MdBadType, format!("parameter `{name}`: {message}; parameter skipped")));
                continue;
            }
        };
        let description = description_col.map(|i| cell_text(&cells[i])).filter(|d| !d.is_empty());
        let ty = builder.lower_type(&expr, doc, *line, &[operation.hint[0].clone(), name.clone()]);
        if name == "request" {
            request_model(ty, required, operation, builder);
        } else if matches!(name.as_str(), "request_body" | "requestBody" | "body") {
            operation.request_body = Some(json_body(ty, required));
        } else {
            operation.parameters.push(parameter(&name, &operation.path, required, ty, description));
        }
    }
}

/// Whether a field of a `request` model is its body: `requestBody`/`request_body`/`body`, or (Go
/// request structs) a field named after the model it holds (`CreatePetRequest shared.CreatePetRequest`).
fn is_body_field(field: &Field, builder: &Builder<'_>) -> bool {
    if matches!(field.wire_name.as_str(), "requestBody" | "request_body" | "body") {
        return true;
    }
    match &field.ty {
        Type::Named { id, .. } => builder.types[id.0].hint.segments.concat().eq_ignore_ascii_case(&field.wire_name.replace('_', "")),
        _ => false,
    }
}

/// Splits a `request` model into parameters and body.
fn request_model(ty: Type, required: bool, operation: &mut Operation, builder: &mut Builder<'_>) {
    let fields = match &ty {
        Type::Named { id, .. } => match &builder.types[id.0].kind {
            TypeKind::Struct(s) => Some(s.fields.clone()),
            _ => None,
        },
        _ => None,
    };
    let holes = placeholders(&operation.path);
    let Some(fields) = fields.filter(|f| f.iter().any(|f| in_path(&holes, &f.wire_name) || is_body_field(f, builder))) else {
        operation.request_body = Some(json_body(ty, required));
        return;
    };
    for field in fields {
        if is_body_field(&field, builder) {
            operation.request_body = Some(json_body(field.ty, field.required));
        } else {
            operation.parameters.push(parameter(&field.wire_name, &operation.path, field.required, field.ty, field.docs.description));
        }
    }
}

fn response_of(doc: &Doc, section: &Section, operation: &mut Operation, builder: &mut Builder<'_>) {
    let Some(text) = section.paragraphs.first() else { return };
    // Go: `**[*operations.GetPetResponse](...), error**`, the table of errors possibly glued below.
    let text = text.lines().next().unwrap_or("").trim().trim_matches('*');
    let text = text.strip_suffix(", error").unwrap_or(text).trim().trim_matches('*');
    if is_void(text) {
        operation.responses.push(Response { status: Status::Code(204), contents: Vec::new(), headers: Vec::new(), docs: Docs::default() });
        return;
    }
    let Ok(expr) = typexpr::parse(text) else {
        builder.diags.push(doc.at(section.line, false, Kind::MdBadType, format!("response type `{text}` not understood; response skipped")));
        return;
    };
    // `Promise<EventStream<components.CompletionEvent>>`: the parsed expression is the event type
    // (the wrappers are read through), so the wrapper is looked for in the text.
    let streaming = text.contains("EventStream<") || text.contains("EventStream\\<");
    let mut ty = builder.lower_type(&expr, doc, section.line, &[operation.hint[0].clone(), "Response".into()]);
    // An SDK response wrapper (Go's `operations.GetPetResponse`: the HTTP exchange, left out, plus
    // the body): the response is its one remaining field, or nothing.
    if let Type::Named { id, .. } = &ty {
        if builder.wrappers.contains(id) {
            if let TypeKind::Struct(wrapper) = &builder.types[id.0].kind {
                let bodies: Vec<&Field> = wrapper.fields.iter().filter(|f| f.wire_name != "headers").collect();
                match bodies.as_slice() {
                    [] => {
                        operation.responses.push(Response {
                            status: Status::Code(204),
                            contents: Vec::new(),
                            headers: Vec::new(),
                            docs: Docs::default(),
                        });
                        return;
                    }
                    [body] => ty = body.ty.clone(),
                    _ => {}
                }
            }
        }
    }
    let media_type = if streaming { "text/event-stream" } else { "application/json" };
    operation.responses.push(Response {
        status: Status::Code(200),
        contents: vec![Content { media_type: media_type.into(), ty, encoding: Vec::new() }],
        headers: Vec::new(),
        docs: Docs::default(),
    });
}

/// Whether a response cell names no value: `void`, `Promise<void>` (TypeScript, `<` escaped or
/// not), `None` (Python) or nothing. A type that merely contains the word (`InvoiceVoidResult`, a
/// link to `invoicevoidresult.md`) is a type.
fn is_void(text: &str) -> bool {
    let text = text.replace('\\', "");
    let text = text.trim().trim_matches('`');
    let inner = text.strip_prefix("Promise<").and_then(|t| t.strip_suffix('>')).unwrap_or(text).trim();
    matches!(inner, "" | "void" | "Void" | "None")
}

fn errors_of(section: &Section, operation: &mut Operation, builder: &mut Builder<'_>) {
    let Some(table) = section.tables.first() else { return };
    for (_, cells) in &table.rows {
        let [error_type, codes, media, ..] = cells.as_slice() else { continue };
        let name = error_type.trim().trim_matches('`');
        if name.ends_with("SDKError") || name.ends_with("APIError") {
            continue;
        }
        let Some(id) = builder.index.resolve(std::path::Path::new(""), name, None) else { continue };
        let media = cell_text(media).replace("\\*", "*");
        for code in codes.split(',').map(str::trim) {
            let status = match code.parse::<u16>() {
                Ok(n) => Status::Code(n),
                Err(_) => match code.strip_suffix("XX").and_then(|c| c.parse::<u16>().ok()) {
                    Some(class) => Status::Range(class),
                    None => continue,
                },
            };
            if operation.responses.iter().any(|r| r.status == status) {
                continue;
            }
            operation.responses.push(Response {
                status,
                contents: vec![Content { media_type: media.clone(), ty: Type::Named { id, boxed: false }, encoding: Vec::new() }],
                headers: Vec::new(),
                docs: Docs::default(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_snippet_attributes() {
        let attrs = attributes(r#"<!-- UsageSnippet language="python" operationID="CreateActorToken" method="post" path="/actor_tokens/{id}" -->"#);
        assert_eq!(attrs[1], ("operationID".to_string(), "CreateActorToken".to_string()));
        assert_eq!(attrs[3], ("path".to_string(), "/actor_tokens/{id}".to_string()));
        assert_eq!(placeholders("/a/{b}/c/{d}"), vec!["b", "d"]);
    }

    #[test]
    fn only_a_void_type_is_an_empty_response() {
        for void in ["", "void", "Void", "None", "Promise<void>", "Promise\\<void\\>", "`void`"] {
            assert!(is_void(void), "{void:?}");
        }
        for value in ["[models.InvoiceVoidResult](../../models/invoicevoidresult.md)", "VoidResult", "Promise<VoidedInvoice>", "avoid"] {
            assert!(!is_void(value), "{value:?}");
        }
    }
}
