//! Paths, operations, parameters, bodies, responses, security schemes and servers.

use super::document::fragment;
use super::refs::{self, RefProblem};
use super::schema::{Converter, Loc, Shape};
use crate::diagnostic::{Diagnostic, Kind, Place};
use crate::error::{Error, Result};
use crate::ir::{self, *};
use crate::pointer;
use crate::source::DocId;
use openapiv3::{ParameterSchemaOrContent, ReferenceOr};
use serde::de::DeserializeOwned;
use std::borrow::Cow;

/// An object found inline or through `$ref`, with the document and pointer it lives at.
struct Located<T> {
    item: T,
    doc: DocId,
    pointer: String,
}

/// Follows `$ref` (possibly through several files) to the object itself: borrowed when `value` is
/// the object, a copy of the one read from the document otherwise.
fn follow<'v, T: DeserializeOwned + Clone + 'static>(
    conv: &mut Converter<'_>,
    value: &'v ReferenceOr<T>,
    doc: DocId,
    pointer: String,
    what: &str,
) -> Result<Located<Cow<'v, T>>> {
    let mut current = Located { item: Cow::Borrowed(value), doc, pointer };
    for _ in 0..64 {
        let reference = match current.item {
            Cow::Borrowed(ReferenceOr::Item(item)) => return Ok(Located { item: Cow::Borrowed(item), doc: current.doc, pointer: current.pointer }),
            Cow::Owned(ReferenceOr::Item(item)) => return Ok(Located { item: Cow::Owned(item), doc: current.doc, pointer: current.pointer }),
            Cow::Borrowed(ReferenceOr::Reference { reference }) => reference.clone(),
            Cow::Owned(ReferenceOr::Reference { reference }) => reference,
        };
        let target = match refs::resolve(conv.store, current.doc, &current.pointer, &reference)? {
            Ok(target) => target,
            Err(RefProblem::Remote) => {
                return Err(dangling(conv, current.doc, &current.pointer, &format!("remote $ref `{reference}` is not supported here")))
            }
            Err(RefProblem::Dangling) => return Err(dangling(conv, current.doc, &current.pointer, &format!("$ref `{reference}` points to nothing"))),
        };
        let item: ReferenceOr<T> = cached_fragment(conv, target.doc, &target.pointer, what)?;
        current = Located { item: Cow::Owned(item), doc: target.doc, pointer: target.pointer };
    }
    Err(dangling(conv, current.doc, &current.pointer, "$ref chain is longer than 64 steps or loops"))
}

/// The typed object at `pointer` of `doc`, read once per run.
fn cached_fragment<T: DeserializeOwned + Clone + 'static>(conv: &mut Converter<'_>, doc: DocId, pointer: &str, what: &str) -> Result<ReferenceOr<T>> {
    let key = (doc, pointer.to_string(), std::any::TypeId::of::<T>());
    if let Some(item) = conv.typed_fragments.get(&key).and_then(|item| item.downcast_ref::<ReferenceOr<T>>()) {
        return Ok(item.clone());
    }
    let item: ReferenceOr<T> = fragment(conv.store, doc, pointer, what)?;
    conv.typed_fragments.insert(key, Box::new(item.clone()));
    Ok(item)
}

fn dangling(conv: &Converter<'_>, doc: DocId, pointer: &str, message: &str) -> Error {
    Error::input(Diagnostic::error(Kind::DanglingRef, &conv.store.get(doc).display, Place::Pointer(pointer.into()), message))
}

/// Converts every operation of the document, in document order.
pub fn operations(conv: &mut Converter<'_>, root: DocId, api: &openapiv3::OpenAPI) -> Result<Vec<Operation>> {
    let mut out = Vec::new();
    for (path, item) in &api.paths.paths {
        let pointer = pointer::push("#/paths", path);
        let item = follow(conv, item, root, pointer, "path item")?;
        for (method, op) in item.item.iter() {
            let op_pointer = pointer::push(&item.pointer, method);
            out.push(operation(conv, &item, path, method, op, op_pointer, "Request")?);
        }
    }
    Ok(out)
}

/// Converts the webhooks of the document (`webhooks`, or `x-webhooks` in 3.0), keyed by event name.
pub fn webhooks(conv: &mut Converter<'_>, root: DocId) -> Result<Vec<Operation>> {
    let mut out = Vec::new();
    for key in ["webhooks", "x-webhooks"] {
        let names: Vec<String> = match conv.store.get(root).value.get(key) {
            Some(serde_json::Value::Object(map)) => {
                map.iter().filter(|(k, v)| v.is_object() && !k.starts_with("x-")).map(|(k, _)| k.clone()).collect()
            }
            _ => continue,
        };
        for name in names {
            let pointer = pointer::join("#", &[key, &name]);
            let item: ReferenceOr<openapiv3::PathItem> = fragment(conv.store, root, &pointer, "webhook")?;
            let item = follow(conv, &item, root, pointer, "webhook")?;
            for (method, op) in item.item.iter() {
                let op_pointer = pointer::push(&item.pointer, method);
                out.push(operation(conv, &item, &name, method, op, op_pointer, "Payload")?);
            }
        }
    }
    Ok(out)
}

fn method_of(name: &str) -> Method {
    Method::parse(name).unwrap_or(Method::Trace)
}

fn operation(
    conv: &mut Converter<'_>,
    item: &Located<Cow<'_, openapiv3::PathItem>>,
    path: &str,
    method: &str,
    op: &openapiv3::Operation,
    pointer: String,
    body_segment: &str,
) -> Result<Operation> {
    let doc = item.doc;
    let hint: Vec<String> = match &op.operation_id {
        Some(id) if !id.trim().is_empty() => vec![id.clone()],
        _ => std::iter::once(method.to_string()).chain(path_words(path)).collect(),
    };
    let base = Loc { doc, pointer: pointer.clone(), hint: hint.clone() };

    let mut parameters: Vec<ir::Parameter> = Vec::new();
    let path_params = item.item.parameters.iter().enumerate().map(|(i, p)| (p, pointer::join(&item.pointer, &["parameters", &i.to_string()])));
    let op_params = op.parameters.iter().enumerate().map(|(i, p)| (p, pointer::join(&pointer, &["parameters", &i.to_string()])));
    for (param, param_pointer) in path_params.chain(op_params) {
        let located = follow(conv, param, doc, param_pointer, "parameter")?;
        let converted = parameter(conv, located, &base)?;
        parameters.retain(|p| !(p.wire_name == converted.wire_name && p.location == converted.location));
        parameters.push(converted);
    }

    let request_body = match &op.request_body {
        Some(body) => {
            let located = follow(conv, body, doc, pointer::push(&pointer, "requestBody"), "request body")?;
            let contents = contents(conv, &located.item.content, located.doc, &located.pointer, &child_hint(&hint, body_segment))?;
            Some(RequestBody {
                required: located.item.required,
                contents,
                docs: Docs { description: located.item.description.clone(), ..Docs::default() },
            })
        }
        None => None,
    };

    let responses = responses(conv, op, doc, &pointer, &hint)?;
    let pagination = super::pagination::read(|key| op.extensions.get(key).cloned())
        .or_else(|(name, why)| pagination_warning(conv, doc, &pointer, &name, &why).map(|()| None))?;
    Ok(Operation {
        operation_id: op.operation_id.clone(),
        name: String::new(),
        hint,
        method: method_of(method),
        path: path.to_string(),
        tags: op.tags.clone(),
        summary: op.summary.clone(),
        docs: Docs { title: None, description: op.description.clone(), deprecated: op.deprecated, examples: Vec::new() },
        parameters,
        request_body,
        responses,
        security: op.security.as_ref().map(|reqs| reqs.iter().map(requirement).collect()),
        origin: Origin { file: conv.store.get(doc).display.clone(), place: pointer },
        group: None,
        names: OperationNames::default(),
        pagination,
    })
}

/// A `pagination` warning for an extension that cannot be read (an error with `--strict`).
pub(super) fn pagination_warning(conv: &mut Converter<'_>, doc: DocId, pointer: &str, name: &str, why: &str) -> Result<()> {
    let place = crate::diagnostic::Place::Pointer(crate::pointer::push(pointer, name));
    let diagnostic = crate::diagnostic::Diagnostic::warning(
        crate::diagnostic::Kind::Pagination,
        &conv.store.get(doc).display,
        place,
        format!("{name}: {why}; no stream method"),
    );
    conv.diags.push(diagnostic.clone());
    if conv.diags.has_errors() {
        return Err(crate::error::Error::input(diagnostic));
    }
    Ok(())
}

use super::child_hint;

/// Words of a path template for naming: `/users/{id}/tags` → `users`, `by id`, `tags`.
pub(super) fn path_words(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(var) => format!("by {var}"),
            None => s.to_string(),
        })
        .collect()
}

fn requirement(req: &openapiv3::SecurityRequirement) -> SecurityRequirement {
    SecurityRequirement { schemes: req.keys().cloned().collect() }
}

fn parameter(conv: &mut Converter<'_>, located: Located<Cow<'_, openapiv3::Parameter>>, base: &Loc) -> Result<ir::Parameter> {
    use openapiv3::{Parameter as P, PathStyle, QueryStyle};
    let (location, style, allow_reserved) = match &*located.item {
        P::Query { style, allow_reserved, .. } => (
            ParamLocation::Query,
            match style {
                QueryStyle::Form => ParamStyle::Form,
                QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                QueryStyle::DeepObject => ParamStyle::DeepObject,
            },
            *allow_reserved,
        ),
        P::Header { .. } => (ParamLocation::Header, ParamStyle::Simple, false),
        P::Path { style, .. } => (
            ParamLocation::Path,
            match style {
                PathStyle::Simple => ParamStyle::Simple,
                PathStyle::Label => ParamStyle::Label,
                PathStyle::Matrix => ParamStyle::Matrix,
            },
            false,
        ),
        P::Cookie { .. } => (ParamLocation::Cookie, ParamStyle::Form, false),
    };
    let data = located.item.parameter_data_ref();
    let loc = Loc { doc: located.doc, pointer: located.pointer.clone(), hint: child_hint(&base.hint, &data.name) };
    let shape = match &data.format {
        ParameterSchemaOrContent::Schema(_) => conv.shape_at(&loc.child(&["schema"], None))?,
        ParameterSchemaOrContent::Content(content) => match content.iter().next() {
            Some((media, media_type)) => match &media_type.schema {
                Some(_) => conv.shape_at(&loc.child(&["content", media, "schema"], None))?,
                None => Shape { ty: Type::Any, nullable: false },
            },
            None => Shape { ty: Type::Any, nullable: false },
        },
    };
    Ok(ir::Parameter {
        wire_name: data.name.clone(),
        name: String::new(),
        location,
        required: data.required || location == ParamLocation::Path,
        ty: shape.ty,
        style,
        explode: data.explode.unwrap_or(style == ParamStyle::Form),
        allow_reserved,
        docs: Docs {
            description: data.description.clone(),
            deprecated: data.deprecated.unwrap_or(false),
            examples: data.example.clone().into_iter().collect(),
            title: None,
        },
    })
}

/// Bodies of a request or response, one per media type. Identical inline schemas share one type.
fn contents(
    conv: &mut Converter<'_>,
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
    doc: DocId,
    pointer: &str,
    hint: &[String],
) -> Result<Vec<Content>> {
    let mut out: Vec<Content> = Vec::new();
    // Identical inline schemas (compared as written) share one type.
    let mut seen: Vec<(serde_json::Value, Type)> = Vec::new();
    let several = content.values().filter(|m| matches!(m.schema, Some(ReferenceOr::Item(_)))).count() > 1;
    let json = conv.store.get(doc).value.clone();
    for (media, media_type) in content {
        let media_pointer = pointer::join(pointer, &["content", media]);
        let schema_pointer = pointer::push(&media_pointer, "schema");
        let raw = pointer::resolve(&json, &schema_pointer);
        let ty = match (&media_type.schema, raw) {
            (Some(ReferenceOr::Item(_)), Some(raw)) if seen.iter().any(|(s, _)| s == raw) => {
                seen.iter().find(|(s, _)| s == raw).map(|(_, t)| t.clone()).unwrap_or(Type::Any)
            }
            (Some(schema), _) => {
                let mut hint = hint.to_vec();
                if several && !seen.is_empty() {
                    hint.push(media_suffix(media));
                }
                let loc = Loc { doc, pointer: schema_pointer, hint };
                let ty = conv.shape_at(&loc)?.ty;
                let ty = body_type(conv, ty, &loc, media)?;
                if let (ReferenceOr::Item(_), Some(raw)) = (schema, raw) {
                    seen.push((raw.clone(), ty.clone()));
                }
                ty
            }
            (None, _) => default_body_type(media),
        };
        let encoding = media_type.encoding.iter().filter_map(|(name, enc)| enc.content_type.as_ref().map(|ct| (name.clone(), ct.clone()))).collect();
        out.push(Content { media_type: media.clone(), ty, encoding });
    }
    Ok(out)
}

fn media_suffix(media: &str) -> String {
    let essence = media.split(';').next().unwrap_or(media);
    let sub = essence.rsplit('/').next().unwrap_or(essence);
    sub.rsplit('+').next().unwrap_or(sub).to_string()
}

/// The type of a whole body: a 3.1 string schema with `contentMediaType` (and no `contentEncoding`)
/// sent as a non-JSON media type is the raw bytes of that body.
fn body_type(conv: &mut Converter<'_>, ty: Type, at: &Loc, media: &str) -> Result<Type> {
    // A chain that loops or dangles was reported by the schema converter already: the type stands.
    let Ok((doc, pointer)) = follow_raw(conv, at.doc, at.pointer.clone()) else { return Ok(ty) };
    let json = conv.store.get(doc).value.clone();
    let schema = pointer::resolve(&json, &pointer);
    let raw_bytes = schema.is_some_and(|s| s.get("contentMediaType").is_some() && s.get("contentEncoding").is_none());
    let string = match &ty {
        Type::String { .. } => true,
        Type::Named { id, .. } => matches!(conv.types[id.0].kind, TypeKind::Alias { target: Type::String { .. } }),
        _ => false,
    };
    let media = media.to_ascii_lowercase();
    Ok(if raw_bytes && string && !media.contains("json") && !media.contains("form") { Type::Binary } else { ty })
}

/// The body type of a media type declared without a schema.
fn default_body_type(media: &str) -> Type {
    let media = media.to_ascii_lowercase();
    if media.contains("json") || media.starts_with("multipart/") || media.contains("x-www-form-urlencoded") {
        Type::Any
    } else if media.starts_with("text/") {
        Type::string()
    } else {
        Type::Binary
    }
}

fn responses(conv: &mut Converter<'_>, op: &openapiv3::Operation, doc: DocId, pointer: &str, hint: &[String]) -> Result<Vec<ir::Response>> {
    let responses_pointer = pointer::push(pointer, "responses");
    let mut entries: Vec<(Status, String, &ReferenceOr<openapiv3::Response>)> = Vec::new();
    for (code, response) in &op.responses.responses {
        let (status, key) = match code {
            openapiv3::StatusCode::Code(c) => (Status::Code(*c), c.to_string()),
            openapiv3::StatusCode::Range(r) => (Status::Range(*r), format!("{r}XX")),
        };
        entries.push((status, key, response));
    }
    if let Some(default) = &op.responses.default {
        entries.push((Status::Default, "default".into(), default));
    }
    let mut resolved = Vec::with_capacity(entries.len());
    for (status, key, response) in entries {
        let located = follow(conv, response, doc, pointer::push(&responses_pointer, &key), "response")?;
        resolved.push((status, key, located));
    }
    // A success without a body (a 204) needs no type, so it does not make the others' names longer.
    let successes_with_body = resolved.iter().filter(|(s, _, r)| s.is_success() && !r.item.content.is_empty()).count();
    let mut out = Vec::new();
    for (status, key, located) in resolved {
        let mut hint = child_hint(hint, "Response");
        if !(status.is_success() && successes_with_body == 1) {
            hint.push(if key == "default" { "Default".into() } else { key.clone() });
        }
        let contents = contents(conv, &located.item.content, located.doc, &located.pointer, &hint)?;
        let mut headers = Vec::new();
        for (name, header) in &located.item.headers {
            if name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let header_pointer = pointer::join(&located.pointer, &["headers", name]);
            let header = follow(conv, header, located.doc, header_pointer, "header")?;
            let loc = Loc { doc: header.doc, pointer: header.pointer.clone(), hint: child_hint(&hint, name) };
            let ty = match &header.item.format {
                ParameterSchemaOrContent::Schema(_) => conv.shape_at(&loc.child(&["schema"], None))?.ty,
                ParameterSchemaOrContent::Content(_) => Type::string(),
            };
            headers.push(Header {
                wire_name: name.clone(),
                name: String::new(),
                ty,
                required: header.item.required,
                docs: Docs { description: header.item.description.clone(), ..Docs::default() },
            });
        }
        out.push(ir::Response {
            status,
            contents,
            headers,
            docs: Docs { description: Some(located.item.description.clone()).filter(|d| !d.is_empty()), ..Docs::default() },
        });
    }
    Ok(out)
}

/// Security schemes declared in `components/securitySchemes`, read from the raw document (3.1 adds
/// `mutualTLS`, which `openapiv3` cannot read).
pub fn security_schemes(conv: &mut Converter<'_>, root: DocId) -> Result<Vec<SecurityScheme>> {
    let json = conv.store.get(root).value.clone();
    let mut out = Vec::new();
    let Some(schemes) = json.pointer("/components/securitySchemes").and_then(serde_json::Value::as_object) else { return Ok(out) };
    for key in schemes.keys() {
        let pointer = pointer::push("#/components/securitySchemes", key);
        let (doc, pointer) = follow_raw(conv, root, pointer)?;
        let json = conv.store.get(doc).value.clone();
        let scheme = pointer::resolve(&json, &pointer).unwrap_or(&serde_json::Value::Null);
        let text = |field: &str| scheme.get(field).and_then(serde_json::Value::as_str);
        let kind = match text("type") {
            Some("apiKey") => SecurityKind::ApiKey {
                param: text("name").unwrap_or_default().to_string(),
                location: match text("in") {
                    Some("query") => ParamLocation::Query,
                    Some("cookie") => ParamLocation::Cookie,
                    _ => ParamLocation::Header,
                },
            },
            Some("http") => match text("scheme").unwrap_or_default().to_ascii_lowercase().as_str() {
                "bearer" => SecurityKind::Bearer,
                "basic" => SecurityKind::Basic,
                _ => SecurityKind::OtherHttp { scheme: text("scheme").unwrap_or_default().to_string() },
            },
            Some("oauth2") => SecurityKind::OAuth2,
            Some("openIdConnect") => SecurityKind::OpenIdConnect,
            Some("mutualTLS") => SecurityKind::MutualTls,
            other => {
                let message = match other {
                    Some(other) => format!("unknown security scheme type `{other}`"),
                    None => "a security scheme needs a `type`".to_string(),
                };
                return Err(Error::input(Diagnostic::error(
                    Kind::InvalidDocument,
                    &conv.store.get(doc).display,
                    Place::Pointer(pointer::push(&pointer, "type")),
                    format!("{message} (expected apiKey, http, oauth2, openIdConnect or mutualTLS)"),
                )));
            }
        };
        let description = text("description").map(str::to_owned);
        out.push(SecurityScheme { key: key.clone(), name: String::new(), kind, description });
    }
    Ok(out)
}

/// Follows `$ref` from the object at `pointer` to the object itself, in raw JSON.
fn follow_raw(conv: &mut Converter<'_>, doc: DocId, pointer: String) -> Result<(DocId, String)> {
    let (mut doc, mut pointer) = (doc, pointer);
    for _ in 0..64 {
        let json = conv.store.get(doc).value.clone();
        let reference = match pointer::resolve(&json, &pointer).and_then(|v| v.get("$ref")) {
            Some(serde_json::Value::String(reference)) => reference.clone(),
            _ => return Ok((doc, pointer)),
        };
        match refs::resolve(conv.store, doc, &pointer, &reference)? {
            Ok(target) => (doc, pointer) = (target.doc, target.pointer),
            Err(_) => return Err(dangling(conv, doc, &pointer, &format!("$ref `{reference}` points to nothing"))),
        }
    }
    Err(dangling(conv, doc, &pointer, "$ref chain is longer than 64 steps or loops"))
}

/// The API-wide security requirements.
pub fn default_security(api: &openapiv3::OpenAPI) -> Vec<SecurityRequirement> {
    api.security.iter().flatten().map(requirement).collect()
}

/// Servers with their variables.
pub fn servers(api: &openapiv3::OpenAPI) -> Vec<Server> {
    api.servers
        .iter()
        .map(|s| Server {
            url: s.url.clone(),
            description: s.description.clone(),
            variables: s
                .variables
                .iter()
                .flatten()
                .map(|(name, v)| ServerVariable {
                    name: name.clone(),
                    default: v.default.clone(),
                    allowed: v.enumeration.clone(),
                    description: v.description.clone(),
                })
                .collect(),
        })
        .collect()
}
