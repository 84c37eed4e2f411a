//! What an operation's client method looks like, decided once from the intermediate model and used by
//! both the type space (to name what is needed) and the backend (to emit it): the request body it
//! sends, its success and error responses, and whether it needs a parameters struct.

use crate::ir::*;

/// How a body is carried.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// JSON (`application/json`, `+json` types) of this type.
    Json(Type),
    /// `application/x-www-form-urlencoded` from this (object) type.
    Form(Type),
    /// `multipart/form-data` from this (object) type.
    Multipart(Type),
    /// Raw bytes (`application/octet-stream`, images, any binary type).
    Bytes,
    /// Text (`text/plain` and other `text/*` types).
    Text,
    /// Server-sent events (`text/event-stream`) whose items are of this type (a response only).
    Events(Type),
    /// Newline-delimited JSON (`application/x-ndjson`, `application/jsonl`...) of items of this type
    /// (a response only).
    Lines(Type),
    /// No body.
    Empty,
}

impl BodyKind {
    /// The Rust-independent identity of the value it carries, for deciding whether two responses
    /// return the same thing.
    pub fn value_key(&self) -> String {
        match self {
            BodyKind::Json(ty) | BodyKind::Form(ty) | BodyKind::Multipart(ty) => format!("{ty:?}"),
            BodyKind::Bytes => "bytes".into(),
            BodyKind::Text => "text".into(),
            BodyKind::Events(ty) => format!("events {ty:?}"),
            BodyKind::Lines(ty) => format!("lines {ty:?}"),
            BodyKind::Empty => "()".into(),
        }
    }
}

/// One body choice: its media type and kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The media type as declared.
    pub media_type: String,
    /// How it is carried.
    pub kind: BodyKind,
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*" || essence == "application/*"
}

/// The kind of a declared content.
pub fn body_kind(content: &Content) -> BodyKind {
    match content.stream_format() {
        Some(StreamFormat::ServerSentEvents) => return BodyKind::Events(content.ty.clone()),
        Some(StreamFormat::JsonLines) => return BodyKind::Lines(content.ty.clone()),
        None => {}
    }
    let essence = content.media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        m if is_json(m) => match content.ty {
            Type::Binary => BodyKind::Bytes,
            _ => BodyKind::Json(content.ty.clone()),
        },
        "application/x-www-form-urlencoded" => BodyKind::Form(content.ty.clone()),
        "multipart/form-data" | "multipart/mixed" => BodyKind::Multipart(content.ty.clone()),
        m if m.starts_with("text/") => BodyKind::Text,
        m if m.ends_with("/xml") || m.ends_with("+xml") => BodyKind::Text,
        _ => BodyKind::Bytes,
    }
}

/// The body an operation sends: its preferred media type (JSON, then form, multipart, bytes, text),
/// so an operation offering several always has one usable choice.
pub fn request_body(op: &Operation) -> Option<(Body, bool)> {
    let body = op.request_body.as_ref()?;
    let rank = |kind: &BodyKind| match kind {
        BodyKind::Json(_) => 0,
        BodyKind::Form(_) => 1,
        BodyKind::Multipart(_) => 2,
        BodyKind::Bytes => 3,
        BodyKind::Text => 4,
        BodyKind::Events(_) | BodyKind::Lines(_) | BodyKind::Empty => 5,
    };
    // A request body in a streaming media type is sent as the bytes the caller gives.
    let kind = |c: &Content| match body_kind(c) {
        BodyKind::Events(_) | BodyKind::Lines(_) => BodyKind::Bytes,
        kind => kind,
    };
    let chosen = body.contents.iter().map(|c| Body { media_type: c.media_type.clone(), kind: kind(c) }).min_by_key(|b| rank(&b.kind))?;
    Some((chosen, body.required))
}

/// A response as the client sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Which statuses.
    pub status: Status,
    /// Its body (the preferred media type when several are declared).
    pub body: Body,
    /// Declared headers.
    pub headers: Vec<Header>,
}

fn outcome(response: &Response) -> Outcome {
    let rank = |kind: &BodyKind| match kind {
        BodyKind::Json(_) => 0,
        BodyKind::Text => 1,
        BodyKind::Bytes => 2,
        BodyKind::Events(_) | BodyKind::Lines(_) => 3,
        _ => 4,
    };
    let body = response
        .contents
        .iter()
        .map(|c| Body { media_type: c.media_type.clone(), kind: body_kind(c) })
        .min_by_key(|b| rank(&b.kind))
        .unwrap_or(Body { media_type: String::new(), kind: BodyKind::Empty });
    Outcome { status: response.status, body, headers: response.headers.clone() }
}

/// Success responses (2xx); when none is declared, `default` is the success response.
pub fn successes(op: &Operation) -> Vec<Outcome> {
    let found: Vec<Outcome> = op.responses.iter().filter(|r| r.status.is_success()).map(outcome).collect();
    if !found.is_empty() {
        return found;
    }
    op.responses.iter().filter(|r| r.status == Status::Default).map(outcome).collect()
}

/// Error responses: every other declared status, and `default` unless it is the success response.
pub fn errors(op: &Operation) -> Vec<Outcome> {
    let default_is_success = !op.responses.iter().any(|r| r.status.is_success());
    op.responses.iter().filter(|r| !(r.status.is_success() || (default_is_success && r.status == Status::Default))).map(outcome).collect()
}

/// Distinct values of `outcomes`, in order.
pub fn distinct(outcomes: &[Outcome]) -> Vec<&Outcome> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for o in outcomes {
        let key = o.body.kind.value_key();
        if !seen.contains(&key) {
            seen.push(key);
            out.push(o);
        }
    }
    out
}

/// Error outcomes with a JSON body, distinct.
pub fn typed_errors(op: &Operation) -> Vec<Outcome> {
    let all = errors(op);
    distinct(&all).into_iter().filter(|o| matches!(o.body.kind, BodyKind::Json(_))).cloned().collect()
}

/// Parameters that go into the params struct (all but required path parameters).
pub fn struct_params(op: &Operation) -> impl Iterator<Item = &Parameter> {
    op.parameters.iter().filter(|p| !(p.location == ParamLocation::Path && p.required))
}

/// Required path parameters, which are method arguments.
pub fn path_args(op: &Operation) -> impl Iterator<Item = &Parameter> {
    op.parameters.iter().filter(|p| is_path_arg(p))
}

/// Whether a parameter is a method argument (a required path parameter).
pub fn is_path_arg(param: &Parameter) -> bool {
    param.location == ParamLocation::Path && param.required
}

/// Whether the request body is `multipart/form-data` of an object with fields (which gets a form
/// struct whose file fields carry a file name and content type).
pub fn needs_form(api: &Api, op: &Operation) -> bool {
    let Some((Body { kind: BodyKind::Multipart(ty), .. }, _)) = request_body(op) else { return false };
    let mut ty = &ty;
    let mut owned;
    for _ in 0..64 {
        match ty {
            Type::Named { id, .. } => match &api.types[id.0].kind {
                TypeKind::Alias { target } => {
                    owned = target.clone();
                    ty = &owned;
                }
                TypeKind::Struct(s) => return !s.fields.is_empty(),
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}

/// Whether the method returns a response enum.
pub fn needs_response_enum(op: &Operation) -> bool {
    distinct(&successes(op)).len() > 1
}

/// Whether the method's error body is an enum of several types.
pub fn needs_error_enum(op: &Operation) -> bool {
    typed_errors(op).len() > 1
}

/// The streamed body a success response offers beside a preferred JSON, text or bytes body (a chat
/// completion answering JSON or `text/event-stream` as the request asks): the operation then gets a
/// second, streaming method. `None` when the success body is itself the stream (the one method
/// streams) or no success offers one.
pub fn stream_alternative(op: &Operation) -> Option<Body> {
    let successes = successes(op);
    if distinct(&successes).len() != 1 || successes.iter().any(|o| matches!(o.body.kind, BodyKind::Events(_) | BodyKind::Lines(_))) {
        return None;
    }
    let statuses: Vec<Status> = successes.iter().map(|o| o.status).collect();
    op.responses
        .iter()
        .filter(|r| statuses.contains(&r.status))
        .flat_map(|r| &r.contents)
        .map(|c| Body { media_type: c.media_type.clone(), kind: body_kind(c) })
        .find(|b| matches!(b.kind, BodyKind::Events(_) | BodyKind::Lines(_)))
}

/// Whether the method returns typed headers next to the body.
pub fn needs_headers(op: &Operation) -> bool {
    let successes = successes(op);
    distinct(&successes).len() == 1 && successes.iter().any(|o| !o.headers.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(media_type: &str, ty: Type) -> Content {
        Content { media_type: media_type.into(), ty, encoding: Vec::new() }
    }

    #[test]
    fn media_types_map_to_body_kinds() {
        assert_eq!(body_kind(&content("application/json; charset=utf-8", Type::Boolean)), BodyKind::Json(Type::Boolean));
        assert_eq!(body_kind(&content("application/problem+json", Type::Any)), BodyKind::Json(Type::Any));
        assert_eq!(body_kind(&content("multipart/form-data", Type::Any)), BodyKind::Multipart(Type::Any));
        assert_eq!(body_kind(&content("image/png", Type::Binary)), BodyKind::Bytes);
        assert_eq!(body_kind(&content("text/csv", Type::string())), BodyKind::Text);
        assert_eq!(body_kind(&content("application/json", Type::Binary)), BodyKind::Bytes);
        assert_eq!(body_kind(&content("text/event-stream", Type::Boolean)), BodyKind::Events(Type::Boolean));
        assert_eq!(body_kind(&content("application/x-ndjson; charset=utf-8", Type::Any)), BodyKind::Lines(Type::Any));
        assert_eq!(body_kind(&content("application/jsonl", Type::Any)), BodyKind::Lines(Type::Any));
    }

    fn responding(contents: Vec<Content>) -> Operation {
        Operation {
            operation_id: None,
            name: String::new(),
            hint: vec!["op".into()],
            method: Method::Post,
            path: "/x".into(),
            tags: Vec::new(),
            summary: None,
            docs: Docs::default(),
            parameters: Vec::new(),
            request_body: Some(RequestBody { required: true, contents: vec![content("application/x-ndjson", Type::Any)], docs: Docs::default() }),
            responses: vec![Response { status: Status::Code(200), contents, headers: Vec::new(), docs: Docs::default() }],
            security: None,
            origin: Origin::default(),
            group: None,
            names: OperationNames::default(),
            pagination: None,
        }
    }

    #[test]
    fn json_or_a_stream_gives_a_streaming_alternative() {
        let both = responding(vec![content("application/json", Type::Boolean), content("text/event-stream", Type::Integer { width: IntWidth::I64 })]);
        assert_eq!(successes(&both)[0].body.kind, BodyKind::Json(Type::Boolean), "the first method returns JSON");
        assert_eq!(stream_alternative(&both).map(|b| b.kind), Some(BodyKind::Events(Type::Integer { width: IntWidth::I64 })));
        let only = responding(vec![content("text/event-stream", Type::Boolean)]);
        assert_eq!(successes(&only)[0].body.kind, BodyKind::Events(Type::Boolean), "the one method streams");
        assert_eq!(stream_alternative(&only), None);
        assert_eq!(request_body(&only).map(|(b, _)| b.kind), Some(BodyKind::Bytes), "a streaming request body is bytes");
    }
}
