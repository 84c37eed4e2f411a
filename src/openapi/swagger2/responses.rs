//! Swagger 2.0 responses: the `schema` in every media type of `produces`, `headers` (schema-like
//! objects, read like parameters), `description`; a response without `schema` has no body.

use super::params::is_file_schema;
use super::raw::{self, fields, invalid, Located};
use super::types::value_shape;
use crate::error::Result;
use crate::ir::{Content, Docs, Header, Response, Status, Type};
use crate::openapi::child_hint;
use crate::openapi::schema::{Converter, Loc};
use crate::pointer;

/// The responses of the operation `op`, `default` last.
pub fn responses(conv: &mut Converter<'_>, op: &Located, hint: &[String], produces: &[String]) -> Result<Vec<Response>> {
    let listed = fields(conv.store, op).object("responses")?;
    let mut entries: Vec<(Status, String)> = Vec::new();
    for key in listed.keys().filter(|k| !k.starts_with("x-") && *k != "default") {
        let status = match key.parse::<u16>() {
            Ok(code) if (100..=599).contains(&code) => Status::Code(code),
            _ => match key.as_bytes() {
                [class @ b'1'..=b'5', b'X' | b'x', b'X' | b'x'] => Status::Range(u16::from(class - b'0')),
                _ => {
                    let message = format!("`{key}` is not a status code (expected 100 to 599, or default)");
                    return Err(invalid(conv.store, op.doc, &pointer::push(&op.at("responses"), key), message));
                }
            },
        };
        entries.push((status, key.clone()));
    }
    if listed.contains_key("default") {
        entries.push((Status::Default, "default".into()));
    }
    // Only successes with a body (a `schema`) get a type; a 204 beside a 200 leaves the 200's name short.
    let mut successes = 0;
    for (status, key) in &entries {
        if status.is_success() && raw::follow(conv.store, op.doc, pointer::push(&op.at("responses"), key), "response")?.value.contains_key("schema") {
            successes += 1;
        }
    }
    let media_types = if produces.is_empty() { vec!["application/json".to_string()] } else { produces.to_vec() };
    let mut out = Vec::new();
    for (status, key) in entries {
        let response = raw::follow(conv.store, op.doc, pointer::push(&op.at("responses"), &key), "response")?;
        let mut hint = child_hint(hint, "Response");
        if !(status.is_success() && successes == 1) {
            hint.push(if key == "default" { "Default".into() } else { key.clone() });
        }
        let contents = if !response.value.contains_key("schema") {
            Vec::new()
        } else {
            let ty = if is_file_schema(&response, "schema") {
                Type::Binary
            } else {
                conv.shape_at(&Loc { doc: response.doc, pointer: response.at("schema"), hint: hint.clone() })?.ty
            };
            media_types.iter().map(|m| Content { media_type: m.clone(), ty: ty.clone(), encoding: Vec::new() }).collect()
        };
        let headers = headers(conv, &response, &hint)?;
        let description = fields(conv.store, &response).string("description")?.filter(|d| !d.is_empty());
        out.push(Response { status, contents, headers, docs: Docs { description, ..Docs::default() } });
    }
    Ok(out)
}

/// The declared headers of a response (`Content-Type` left out, as the 3.x frontend does).
fn headers(conv: &mut Converter<'_>, response: &Located, hint: &[String]) -> Result<Vec<Header>> {
    let declared = fields(conv.store, response).object("headers")?;
    let mut out = Vec::new();
    for name in declared.keys().filter(|n| !n.eq_ignore_ascii_case("content-type")) {
        let header = raw::follow(conv.store, response.doc, pointer::push(&response.at("headers"), name), "header")?;
        let read = fields(conv.store, &header);
        let description = read.string("description")?;
        let ty = match header.value.get("type") {
            None => Type::string(),
            Some(_) => value_shape(conv, &header, &Loc { doc: header.doc, pointer: header.pointer.clone(), hint: child_hint(hint, name) })?.ty,
        };
        out.push(Header { wire_name: name.clone(), name: String::new(), ty, required: false, docs: Docs { description, ..Docs::default() } });
    }
    Ok(out)
}
