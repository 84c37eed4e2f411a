//! An operation's plan: what its method needs, read from the model once (path pieces, parameters by
//! place, body, success and error responses, security), before any code is written.

use crate::ir::*;
use crate::typespace::operations::{self as shape, BodyKind, Outcome};

/// One piece of a path template.
pub enum PathPiece<'a> {
    /// Literal text (a `{placeholder}` no path parameter declares stays literal).
    Text(&'a str),
    /// A path parameter, by the parameter that fills it.
    Param(&'a Parameter),
}

/// Everything the method of one operation is written from.
pub struct Plan<'a> {
    /// The operation itself (names, method, path, docs).
    pub op: &'a Operation,
    /// The path template, in order.
    pub path: Vec<PathPiece<'a>>,
    /// Required path parameters: the method's leading arguments.
    pub path_args: Vec<&'a Parameter>,
    /// Every other parameter: the fields of the params struct.
    pub struct_params: Vec<&'a Parameter>,
    /// The request body and whether it is required.
    pub body: Option<(shape::Body, bool)>,
    /// Success responses, exact codes first, then ranges, then `default`.
    pub successes: Vec<Outcome>,
    /// The body of the success responses when they all decode alike (else the first one's).
    pub success_kind: BodyKind,
    /// The headers the success responses declare, each once, in order.
    pub headers: Vec<Header>,
    /// Error responses with a typed body, most specific first.
    pub typed_errors: Vec<Outcome>,
    /// Error responses with a JSON body, most specific first: the variants of the error enum.
    pub json_errors: Vec<Outcome>,
    /// The security alternatives the client can apply, each a list of schemes, tried in order.
    pub security: Vec<Vec<&'a SecurityScheme>>,
    /// Whether the request may also go without credentials (`{}` among the requirements): tried last.
    pub anonymous: bool,
}

/// Sorts outcomes so that exact codes come before ranges, ranges before `default`.
fn by_specificity(outcomes: &mut [Outcome]) {
    outcomes.sort_by_key(|o| match o.status {
        Status::Code(_) => 0,
        Status::Range(_) => 1,
        Status::Default => 2,
    });
}

/// The path template of `op` in pieces: placeholders filled by a declared path parameter become
/// [`PathPiece::Param`], everything else (an unclosed `{` included) stays text.
fn path_pieces(op: &Operation) -> Vec<PathPiece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        pieces.push(PathPiece::Text(&rest[..open]));
        let placeholder = &rest[open + 1..close];
        match op.parameters.iter().find(|p| p.location == ParamLocation::Path && p.wire_name == placeholder) {
            Some(param) => pieces.push(PathPiece::Param(param)),
            None => pieces.push(PathPiece::Text(&rest[open..=close])),
        }
        rest = &rest[close + 1..];
    }
    pieces.push(PathPiece::Text(rest));
    pieces
}

/// True when the client can apply `scheme` (not mutual TLS or an HTTP scheme other than bearer and basic).
fn applicable(scheme: &SecurityScheme) -> bool {
    !matches!(scheme.kind, SecurityKind::OtherHttp { .. } | SecurityKind::MutualTls)
}

/// The operation's security alternatives, else the API's: those whose every scheme is declared and
/// applicable, and whether one of them asks for nothing.
fn security<'a>(api: &'a Api, op: &'a Operation) -> (Vec<Vec<&'a SecurityScheme>>, bool) {
    let requirements = op.security.as_ref().unwrap_or(&api.security);
    let mut alternatives = Vec::new();
    let mut anonymous = false;
    for requirement in requirements {
        if requirement.schemes.is_empty() {
            anonymous = true;
            continue;
        }
        let schemes: Option<Vec<&SecurityScheme>> =
            requirement.schemes.iter().map(|key| api.security_schemes.iter().find(|s| &s.key == key).filter(|s| applicable(s))).collect();
        alternatives.extend(schemes);
    }
    (alternatives, anonymous)
}

/// The headers of `successes`, each name once, in order of appearance.
fn declared_headers(successes: &[Outcome]) -> Vec<Header> {
    let mut seen: Vec<Header> = Vec::new();
    for header in successes.iter().flat_map(|o| &o.headers) {
        if !seen.iter().any(|h| h.name == header.name) {
            seen.push(header.clone());
        }
    }
    seen
}

/// The plan of `op`.
pub fn plan<'a>(api: &'a Api, op: &'a Operation) -> Plan<'a> {
    let mut successes = shape::successes(op);
    by_specificity(&mut successes);
    let success_kind = shape::distinct(&successes).first().map(|o| o.body.kind.clone()).unwrap_or(BodyKind::Empty);
    let headers = declared_headers(&successes);
    let mut typed_errors = shape::typed_errors(op);
    by_specificity(&mut typed_errors);
    let mut json_errors: Vec<Outcome> = shape::errors(op).into_iter().filter(|o| matches!(o.body.kind, BodyKind::Json(_))).collect();
    by_specificity(&mut json_errors);
    let (security, anonymous) = security(api, op);
    Plan {
        op,
        path: path_pieces(op),
        path_args: shape::path_args(op).collect(),
        struct_params: shape::struct_params(op).collect(),
        body: shape::request_body(op),
        successes,
        success_kind,
        headers,
        typed_errors,
        json_errors,
        security,
        anonymous,
    }
}
