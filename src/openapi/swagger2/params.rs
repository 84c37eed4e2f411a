//! Swagger 2.0 parameters: `path`, `query` and `header` ones become IR parameters (their type read
//! from the parameter object itself, `collectionFormat` mapped to a style), the `body` parameter
//! becomes the request body (one content per `consumes` media type), and `formData` parameters
//! become an object body (`multipart/form-data` or `application/x-www-form-urlencoded`).

use super::raw::{fields, invalid, Located};
use super::types::value_shape;
use crate::error::Result;
use crate::ir::{Content, Docs, Field, NameHint, Origin, ParamLocation, ParamStyle, Parameter, RequestBody, Struct, Type, TypeDef, TypeId, TypeKind};
use crate::openapi::child_hint;
use crate::openapi::schema::{Converter, Loc};
use crate::source::DocumentStore;
use serde_json::Value;

/// What makes two parameters the same one (a path-level parameter is replaced by an operation
/// parameter with the same key): `(name, in)`.
pub fn key(store: &DocumentStore, param: &Located) -> Result<(String, String)> {
    let read = fields(store, param);
    Ok((read.required_string("name")?, read.required_string("in")?))
}

/// Splits the operation's parameters into IR parameters and the request body.
pub fn split(conv: &mut Converter<'_>, located: &[Located], base: &Loc, consumes: &[String]) -> Result<(Vec<Parameter>, Option<RequestBody>)> {
    let mut parameters = Vec::new();
    let mut body: Option<&Located> = None;
    let mut form: Vec<&Located> = Vec::new();
    for param in located {
        let (_, place) = key(conv.store, param)?;
        let location = match place.as_str() {
            "path" => ParamLocation::Path,
            "query" => ParamLocation::Query,
            "header" => ParamLocation::Header,
            "body" if body.is_some() => {
                return Err(invalid(conv.store, param.doc, &param.pointer, "a second `body` parameter (an operation has at most one)"))
            }
            "body" => {
                body = Some(param);
                continue;
            }
            "formData" => {
                form.push(param);
                continue;
            }
            other => {
                let message = format!("unknown parameter location `{other}` (expected path, query, header, body or formData)");
                return Err(invalid(conv.store, param.doc, &param.at("in"), message));
            }
        };
        parameters.push(parameter(conv, param, location, base)?);
    }
    let request_body = match (body, form.first()) {
        (Some(body), Some(_)) => {
            return Err(invalid(conv.store, body.doc, &body.pointer, "`body` and `formData` parameters cannot be used together"))
        }
        (Some(body), None) => Some(body_parameter(conv, body, base, consumes)?),
        (None, Some(_)) => Some(form_body(conv, &form, base, consumes)?),
        (None, None) => None,
    };
    Ok((parameters, request_body))
}

/// A `path`, `query` or `header` parameter.
fn parameter(conv: &mut Converter<'_>, param: &Located, location: ParamLocation, base: &Loc) -> Result<Parameter> {
    let read = fields(conv.store, param);
    let name = read.required_string("name")?;
    let required = read.flag("required")? || location == ParamLocation::Path;
    let description = read.string("description")?;
    let format = read.string("collectionFormat")?;
    let (style, explode) = match collection_format(location, format.as_deref()) {
        Some(found) => found,
        None => {
            let message = format!("unknown collectionFormat `{}` (expected csv, ssv, tsv, pipes or multi)", format.unwrap_or_default());
            return Err(invalid(conv.store, param.doc, &param.at("collectionFormat"), message));
        }
    };
    let loc = Loc { doc: param.doc, pointer: param.pointer.clone(), hint: child_hint(&base.hint, &name) };
    let shape = value_shape(conv, param, &loc)?;
    Ok(Parameter {
        wire_name: name,
        name: String::new(),
        location,
        required,
        ty: shape.ty,
        style,
        explode,
        allow_reserved: false,
        docs: Docs { description, ..Docs::default() },
    })
}

/// The style and explode of a `collectionFormat` (`None` when unknown). `csv` (the default) is
/// `form` without explode in the query and `simple` in the path and headers; `multi` is `form`
/// exploded (only meaningful in the query: elsewhere it is read as `csv`).
pub fn collection_format(location: ParamLocation, format: Option<&str>) -> Option<(ParamStyle, bool)> {
    let query = location == ParamLocation::Query;
    Some(match format.unwrap_or("csv") {
        "csv" | "multi" if !query => (ParamStyle::Simple, false),
        "csv" => (ParamStyle::Form, false),
        "multi" => (ParamStyle::Form, true),
        "ssv" => (ParamStyle::SpaceDelimited, false),
        "tsv" => (ParamStyle::TabDelimited, false),
        "pipes" => (ParamStyle::PipeDelimited, false),
        _ => return None,
    })
}

/// The media types a request body is sent as: the operation's `consumes`, else the document's,
/// else `application/json`.
fn media_types(consumes: &[String]) -> Vec<String> {
    if consumes.is_empty() {
        vec!["application/json".into()]
    } else {
        consumes.to_vec()
    }
}

/// True when the schema at `key` of `object` is inline `type: file` (a Swagger 2.0 file body or
/// response, which the schema converter does not know).
pub fn is_file_schema(object: &Located, key: &str) -> bool {
    object.value.get(key).and_then(|s| s.get("type")) == Some(&Value::String("file".into()))
}

/// The `in: body` parameter: its `schema` in every media type of `consumes`.
fn body_parameter(conv: &mut Converter<'_>, param: &Located, base: &Loc, consumes: &[String]) -> Result<RequestBody> {
    let read = fields(conv.store, param);
    let required = read.flag("required")?;
    let description = read.string("description")?;
    if !param.value.contains_key("schema") {
        return Err(invalid(conv.store, param.doc, &param.pointer, "missing field `schema` (a body parameter needs one)"));
    }
    let ty = if is_file_schema(param, "schema") {
        Type::Binary
    } else {
        conv.shape_at(&Loc { doc: param.doc, pointer: param.at("schema"), hint: child_hint(&base.hint, "Request") })?.ty
    };
    let contents = media_types(consumes).into_iter().map(|media_type| Content { media_type, ty: ty.clone(), encoding: Vec::new() }).collect();
    Ok(RequestBody { required, contents, docs: Docs { description, ..Docs::default() } })
}

/// The `formData` parameters: one object body (an inline struct named after the operation, as a
/// 3.x inline request body is) with a field per parameter; `type: file` fields are bytes. The body is
/// `multipart/form-data` when a field is a file or `consumes` lists multipart, else form-urlencoded.
fn form_body(conv: &mut Converter<'_>, form: &[&Located], base: &Loc, consumes: &[String]) -> Result<RequestBody> {
    let hint = child_hint(&base.hint, "Request");
    let id = TypeId(conv.types.len());
    conv.types.push(TypeDef {
        name: String::new(),
        hint: NameHint { segments: hint.clone(), declared: false },
        origin: Origin { file: conv.store.get(base.doc).display.clone(), place: base.pointer.clone() },
        docs: Docs::default(),
        kind: TypeKind::Alias { target: Type::Any },
        input_of: None,
    });
    let mut struct_fields = Vec::new();
    let mut any_file = false;
    for param in form {
        let read = fields(conv.store, param);
        let name = read.required_string("name")?;
        let required = read.flag("required")?;
        let description = read.string("description")?;
        let default = param.value.get("default").cloned();
        let shape = value_shape(conv, param, &Loc { doc: param.doc, pointer: param.pointer.clone(), hint: child_hint(&hint, &name) })?;
        any_file |= shape.ty == Type::Binary;
        struct_fields.push(Field {
            wire_name: name,
            name: String::new(),
            ty: shape.ty,
            required,
            nullable: shape.nullable,
            default,
            read_only: false,
            write_only: false,
            docs: Docs { description, ..Docs::default() },
        });
    }
    let required = struct_fields.iter().any(|f| f.required);
    conv.types[id.0].kind = TypeKind::Struct(Struct { fields: struct_fields, additional: None, newtype: None });
    let multipart = consumes.iter().any(|m| m.trim().to_ascii_lowercase().starts_with("multipart/form-data"));
    let media_type = if any_file || multipart { "multipart/form-data" } else { "application/x-www-form-urlencoded" };
    let content = Content { media_type: media_type.into(), ty: Type::Named { id, boxed: false }, encoding: Vec::new() };
    Ok(RequestBody { required, contents: vec![content], docs: Docs::default() })
}
