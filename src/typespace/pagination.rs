//! Pagination: which list operations return their results page by page, and how to ask for the
//! next page. It runs on the intermediate model, so every frontend benefits.
//!
//! Three sources, strongest first: a user declaration (`--paginate`, [`crate::Builder::paginate`]),
//! an extension the frontend read (`x-speakeasy-pagination`, `x-ms-pageable`, `x-pagination`), and
//! the heuristics below. A declaration may give only the pattern: what it leaves out is found as the
//! heuristics would. A declaration that cannot be followed is an error; an extension that cannot be
//! followed is a `pagination` warning (and the heuristics are not tried on that operation). Nothing
//! else is guessed: an operation matches a rule exactly as the README lists it, or is not paged.
//!
//! The heuristics look at `GET` operations without a required request body (the stream sends none)
//! whose one success body is JSON:
//! - items: the body is an array, or an object with exactly one array field, or with exactly one
//!   array field named in [`ITEM_FIELDS`];
//! - `Link`: a declared `Link` response header, with a query parameter in [`PAGE_PARAMS`] or
//!   [`CURSOR_PARAMS`] (or [`TOKEN_PARAMS`]) to carry the next URL's value;
//! - cursor: a query parameter in [`CURSOR_PARAMS`] and a string field in [`NEXT_FIELDS`] (at the top
//!   of the body or in one of [`META_FIELDS`]); or Stripe's `starting_after` with a boolean
//!   `has_more` and items that are objects with a string `id`;
//! - page: an integer query parameter in [`PAGE_PARAMS`] next to one in [`SIZE_PARAMS`];
//! - offset: an integer query parameter in [`OFFSET_PARAMS`] next to one in [`SIZE_PARAMS`].
//!
//! A boolean field in [`HAS_MORE_FIELDS`] is also read when there is one.

use crate::diagnostic::{Diagnostic, Diagnostics, Kind};
use crate::error::{Error, Result};
use crate::ir::*;
use crate::typespace::operations::{self, BodyKind};

/// Array fields taken for the items when the body object has several arrays.
pub const ITEM_FIELDS: &[&str] = &["data", "items", "results", "records", "entries", "elements", "value", "values", "objects"];
/// Query parameters that take a cursor or page token.
pub const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "page_token",
    "pageToken",
    "next_token",
    "nextToken",
    "continuation_token",
    "continuationToken",
    "marker",
    "after",
    "since",
    "starting_after",
    "pagination_token",
    "page",
];
/// Body fields that hold the next cursor.
pub const NEXT_FIELDS: &[&str] = &[
    "next_cursor",
    "nextCursor",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "nextToken",
    "continuation_token",
    "continuationToken",
    "next_marker",
    "nextMarker",
    "next_page",
];
/// Objects of the body that may hold the next cursor or `has_more` one level down.
pub const META_FIELDS: &[&str] = &["meta", "metadata", "response_metadata", "pagination", "paging", "page_info", "pageInfo"];
/// Booleans that say whether another page follows.
pub const HAS_MORE_FIELDS: &[&str] = &["has_more", "hasMore", "has_next", "hasNext", "has_next_page", "hasNextPage"];
/// Integer query parameters that number pages.
pub const PAGE_PARAMS: &[&str] = &["page", "page_number", "pageNumber"];
/// Integer query parameters that skip items.
pub const OFFSET_PARAMS: &[&str] = &["offset", "skip", "$skip", "start"];
/// Query parameters a next link (`Link` header, or `x-ms-pageable`'s body field) may carry besides
/// the page and cursor ones.
pub const TOKEN_PARAMS: &[&str] = &["$skipToken", "$skiptoken", "skipToken", "skiptoken", "$skip"];
/// Query parameters that size a page (required next to a page or offset parameter).
pub const SIZE_PARAMS: &[&str] =
    &["per_page", "perPage", "page_size", "pageSize", "limit", "size", "count", "max_results", "maxResults", "$top", "top", "first"];

/// Reads `--paginate` declarations: `OPERATION=KIND[:key=value,...]`, `OPERATION` being an operationId
/// or `METHOD /path`, `KIND` one of `cursor`, `offset`, `page`, `link`, keys `param`, `items`, `next`,
/// `item_cursor`, `has_more` (paths dotted: `meta.next_cursor`; `items=` alone: the body itself).
pub fn parse_declaration(text: &str) -> Result<(String, Pagination)> {
    let bad = |why: &str| Error::Config(format!("--paginate expects OPERATION=KIND[:key=value,...] ({why}), got `{text}`"));
    let (op, rest) = text.split_once('=').ok_or_else(|| bad("no `=`"))?;
    let (kind, keys) = rest.split_once(':').unwrap_or((rest, ""));
    let kind = match kind.trim() {
        "cursor" => PageKind::Cursor,
        "offset" => PageKind::Offset,
        "page" => PageKind::Page,
        "link" => PageKind::Link,
        _ => return Err(bad("KIND is cursor, offset, page or link")),
    };
    let mut pagination = Pagination {
        kind,
        param: String::new(),
        items: Vec::new(),
        next: Vec::new(),
        item_cursor: None,
        has_more: Vec::new(),
        source: "user".into(),
        method: String::new(),
    };
    let mut items_given = false;
    for pair in keys.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').ok_or_else(|| bad("a key without `=value`"))?;
        let path = || value.split('.').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect::<Vec<_>>();
        match key.trim() {
            "param" => pagination.param = value.trim().to_string(),
            "items" => {
                pagination.items = path();
                items_given = true;
            }
            "next" => pagination.next = path(),
            "item_cursor" => pagination.item_cursor = Some(value.trim().to_string()),
            "has_more" => pagination.has_more = path(),
            _ => return Err(bad("keys are param, items, next, item_cursor, has_more")),
        }
    }
    if !items_given {
        // Marks "find the items" for `recognize`.
        pagination.items = vec![String::new()];
    }
    Ok((op.trim().to_string(), pagination))
}

/// True when `key` names `op`: its operationId, or `METHOD /path`.
fn names(op: &Operation, key: &str) -> bool {
    op.operation_id.as_deref() == Some(key) || key.split_once(' ').is_some_and(|(m, p)| Method::parse(m) == Some(op.method) && p.trim() == op.path)
}

/// Recognizes the pagination of every operation (see the module docs): user declarations first,
/// then the extensions the frontend read, then the heuristics.
pub fn recognize(api: &mut Api, declarations: &[String], diags: &mut Diagnostics) -> Result<()> {
    let mut declared: Vec<(String, Pagination)> = Vec::new();
    for text in declarations {
        declared.push(parse_declaration(text)?);
    }
    for (key, _) in &declared {
        if !api.operations.iter().any(|op| names(op, key)) {
            return Err(Error::Config(format!("--paginate: no operation `{key}` (give an operationId or `METHOD /path`)")));
        }
    }
    for i in 0..api.operations.len() {
        let op = &api.operations[i];
        if let Some((key, wanted)) = declared.iter().find(|(key, _)| names(op, key)) {
            let done = complete(api, op, wanted.clone()).map_err(|why| Error::Config(format!("--paginate `{key}`: {why}")))?;
            if done.kind == PageKind::Link && link_header(op).is_none() {
                declare_link_header(&mut api.operations[i]);
            }
            api.operations[i].pagination = Some(done);
            continue;
        }
        if let Some(found) = op.pagination.clone() {
            match complete(api, op, found.clone()) {
                Ok(done) => api.operations[i].pagination = Some(done),
                Err(why) => {
                    let message = format!("{} {}: {} cannot be followed ({why}); no stream method", op.method.as_str(), op.path, found.source);
                    diags.push(warning(&op.origin, message));
                    api.operations[i].pagination = None;
                }
            }
            continue;
        }
        if op.method != Method::Get {
            continue;
        }
        let guess = Pagination {
            kind: PageKind::Link,
            param: String::new(),
            items: vec![String::new()],
            next: Vec::new(),
            item_cursor: None,
            has_more: Vec::new(),
            source: "heuristic".into(),
            method: String::new(),
        };
        let found = [PageKind::Link, PageKind::Cursor, PageKind::Page, PageKind::Offset]
            .into_iter()
            .find_map(|kind| complete(api, op, Pagination { kind, ..guess.clone() }).ok());
        api.operations[i].pagination = found;
    }
    Ok(())
}

fn warning(origin: &Origin, message: String) -> Diagnostic {
    Diagnostic::warning_at(Kind::Pagination, origin, message)
}

/// The `Link` header the success responses declare, by its wire name.
pub fn link_header(op: &Operation) -> Option<&Header> {
    let default_is_success = !op.responses.iter().any(|r| r.status.is_success());
    op.responses
        .iter()
        .filter(|r| r.status.is_success() || (default_is_success && r.status == Status::Default))
        .flat_map(|r| &r.headers)
        .find(|h| h.wire_name.eq_ignore_ascii_case("link"))
}

/// Declares a `Link` string header on every success response (a user's `link` declaration on an
/// operation whose description does not declare it), so the page method returns it.
fn declare_link_header(op: &mut Operation) {
    let default_is_success = !op.responses.iter().any(|r| r.status.is_success());
    for response in &mut op.responses {
        if response.status.is_success() || (default_is_success && response.status == Status::Default) {
            response.headers.push(Header {
                wire_name: "Link".into(),
                name: String::new(),
                ty: Type::string(),
                required: false,
                docs: Docs { description: Some("Links to other pages (`rel=\"next\"`), declared by `--paginate`.".into()), ..Docs::default() },
            });
        }
    }
}

/// Follows aliases (bounded).
fn resolve<'a>(api: &'a Api, mut ty: &'a Type) -> &'a Type {
    for _ in 0..64 {
        match ty {
            Type::Named { id, .. } => match &api.get(*id).kind {
                TypeKind::Alias { target } => ty = target,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}

/// The struct a type is, through aliases.
fn struct_of<'a>(api: &'a Api, ty: &'a Type) -> Option<&'a Struct> {
    match resolve(api, ty) {
        Type::Named { id, .. } => match &api.get(*id).kind {
            TypeKind::Struct(s) if s.newtype.is_none() => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// A field the stream can take the items out of: not both optional and nullable (`Nullable<T>`,
/// which has no `as_mut`); any field can be read.
fn usable(field: &Field) -> bool {
    !field.nullable || field.required
}

/// True when every field on `path` is [`usable`].
fn takeable(api: &Api, body: &Type, path: &[String]) -> bool {
    (1..=path.len()).all(|n| field_at(api, body, &path[..n]).is_some_and(usable))
}

/// The field at `path` from `ty`, when every step is a usable field of a struct.
pub fn field_at<'a>(api: &'a Api, ty: &'a Type, path: &[String]) -> Option<&'a Field> {
    let mut ty = ty;
    let mut found = None;
    for segment in path {
        let field = struct_of(api, ty)?.fields.iter().find(|f| &f.wire_name == segment)?;
        ty = &field.ty;
        found = Some(field);
    }
    found
}

/// The one JSON success body of `op`, when it has exactly one.
pub fn body_type(op: &Operation) -> Option<Type> {
    let successes = operations::successes(op);
    let distinct = operations::distinct(&successes);
    match distinct.as_slice() {
        [one] => match &one.body.kind {
            BodyKind::Json(ty) => Some(ty.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The item type of the items array at `path` of `body`.
pub fn items_type(api: &Api, body: &Type, path: &[String]) -> Option<Type> {
    let ty = if path.is_empty() { body } else { &field_at(api, body, path)?.ty };
    match resolve(api, ty) {
        Type::Array { items } => Some((**items).clone()),
        _ => None,
    }
}

/// Where the items are: the body, or its one array field (or its one array field named in [`ITEM_FIELDS`]).
fn find_items(api: &Api, body: &Type) -> Option<Vec<String>> {
    if matches!(resolve(api, body), Type::Array { .. }) {
        return Some(Vec::new());
    }
    let s = struct_of(api, body)?;
    let arrays: Vec<&Field> = s.fields.iter().filter(|f| usable(f) && matches!(resolve(api, &f.ty), Type::Array { .. })).collect();
    let named: Vec<&&Field> = arrays.iter().filter(|f| ITEM_FIELDS.contains(&f.wire_name.as_str())).collect();
    match (arrays.as_slice(), named.as_slice()) {
        ([one], _) => Some(vec![one.wire_name.clone()]),
        (_, [one]) => Some(vec![one.wire_name.clone()]),
        _ => None,
    }
}

/// A body field named in `names`, at the top or one level down in a [`META_FIELDS`] object, whose type passes `fits`.
fn find_field(api: &Api, body: &Type, names: &[&str], fits: impl Fn(&Type) -> bool) -> Option<Vec<String>> {
    let s = struct_of(api, body)?;
    for name in names {
        if let Some(f) = s.fields.iter().find(|f| f.wire_name == *name && fits(resolve(api, &f.ty))) {
            return Some(vec![f.wire_name.clone()]);
        }
    }
    for meta in s.fields.iter().filter(|f| META_FIELDS.contains(&f.wire_name.as_str())) {
        let Some(inner) = struct_of(api, &meta.ty) else { continue };
        for name in names {
            if let Some(f) = inner.fields.iter().find(|f| f.wire_name == *name && fits(resolve(api, &f.ty))) {
                return Some(vec![meta.wire_name.clone(), f.wire_name.clone()]);
            }
        }
    }
    None
}

/// The query parameter named `name`.
fn query_param<'a>(op: &'a Operation, name: &str) -> Option<&'a Parameter> {
    op.parameters.iter().find(|p| p.location == ParamLocation::Query && p.wire_name == name)
}

/// The first query parameter named in `names` whose type passes `fits`.
fn find_param(api: &Api, op: &Operation, names: &[&str], fits: impl Fn(&Type) -> bool) -> Option<String> {
    names.iter().filter_map(|n| query_param(op, n)).find(|p| fits(resolve(api, &p.ty))).map(|p| p.wire_name.clone())
}

fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::String { .. })
}

/// An integer the runtime can count with (`From<u8>` and `TryFrom<usize>`: not `i8`).
fn is_counter(ty: &Type) -> bool {
    matches!(ty, Type::Integer { width } if *width != IntWidth::I8)
}

fn is_bool(ty: &Type) -> bool {
    matches!(ty, Type::Boolean)
}

/// Fills what `p` leaves out (as the heuristics would) and checks that everything it names exists
/// with a type the stream can use; the reason when it cannot.
pub fn complete(api: &Api, op: &Operation, mut p: Pagination) -> std::result::Result<Pagination, String> {
    if op.request_body.as_ref().is_some_and(|b| b.required) {
        return Err("the operation requires a request body".into());
    }
    let body = body_type(op).ok_or("the operation has no single JSON success body")?;
    if p.items == [String::new()] {
        p.items = find_items(api, &body).ok_or("no unambiguous items array in the response")?;
    }
    let item = items_type(api, &body, &p.items)
        .filter(|_| takeable(api, &body, &p.items))
        .ok_or_else(|| format!("no array at `{}` in the response", p.items.join(".")))?;
    if p.has_more.is_empty() {
        p.has_more = find_field(api, &body, HAS_MORE_FIELDS, is_bool).unwrap_or_default();
    } else if !field_at(api, &body, &p.has_more).is_some_and(|f| is_bool(resolve(api, &f.ty))) {
        return Err(format!("no boolean `{}` in the response", p.has_more.join(".")));
    }
    let param_fits = |p: &Pagination, fits: &dyn Fn(&Type) -> bool| -> std::result::Result<(), String> {
        match query_param(op, &p.param) {
            Some(param) if fits(resolve(api, &param.ty)) => Ok(()),
            Some(_) => Err(format!("query parameter `{}` has a type the stream cannot set", p.param)),
            None => Err(format!("no query parameter `{}`", p.param)),
        }
    };
    let has_size = || SIZE_PARAMS.iter().any(|n| query_param(op, n).is_some());
    match p.kind {
        PageKind::Link => {
            if !p.next.is_empty() {
                if !field_at(api, &body, &p.next).is_some_and(|f| is_string(resolve(api, &f.ty))) {
                    return Err(format!("no string `{}` (the next link) in the response", p.next.join(".")));
                }
            } else if link_header(op).is_none() && p.source != "user" {
                return Err("no `Link` response header is declared".into());
            }
            let text_or_int = |ty: &Type| is_string(ty) || is_counter(ty);
            if p.param.is_empty() {
                p.param = find_param(api, op, PAGE_PARAMS, is_counter)
                    .or_else(|| find_param(api, op, CURSOR_PARAMS, text_or_int))
                    .or_else(|| find_param(api, op, TOKEN_PARAMS, text_or_int))
                    .ok_or("no page, cursor or skip-token query parameter to carry the next link's value")?;
            }
            param_fits(&p, &text_or_int)?;
        }
        PageKind::Cursor => {
            if p.param.is_empty() {
                p.param = find_param(api, op, CURSOR_PARAMS, is_string).ok_or("no cursor query parameter")?;
            }
            param_fits(&p, &is_string)?;
            if p.next.is_empty() && p.item_cursor.is_none() {
                if let Some(next) = find_field(api, &body, NEXT_FIELDS, is_string) {
                    p.next = next;
                } else if p.param == "starting_after" && !p.has_more.is_empty() {
                    p.item_cursor = Some("id".into());
                } else {
                    return Err("no next-cursor field in the response".into());
                }
            }
            if !p.next.is_empty() && !field_at(api, &body, &p.next).is_some_and(|f| is_string(resolve(api, &f.ty))) {
                return Err(format!("no string `{}` in the response", p.next.join(".")));
            }
            if let Some(field) = &p.item_cursor {
                let ok =
                    field_at(api, &item, std::slice::from_ref(field)).is_some_and(|f| f.required && !f.nullable && is_string(resolve(api, &f.ty)));
                if !ok {
                    return Err(format!("the items have no required string `{field}`"));
                }
            }
        }
        PageKind::Page | PageKind::Offset => {
            let names = if p.kind == PageKind::Page { PAGE_PARAMS } else { OFFSET_PARAMS };
            if p.param.is_empty() {
                p.param = find_param(api, op, names, is_counter).ok_or("no integer page or offset query parameter")?;
                if !has_size() {
                    return Err("no page size query parameter".into());
                }
            }
            param_fits(&p, &is_counter)?;
        }
    }
    Ok(p)
}

/// Names every stream method `{operation}_stream`, unique among the operation methods and the tag
/// accessors (numbered like any collision).
pub fn name_methods(api: &mut Api, claim: &mut dyn FnMut(&str) -> String) {
    for op in &mut api.operations {
        if let Some(p) = &mut op.pagination {
            p.method = claim(&format!("{}_stream", op.name.trim_end_matches('_')));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_read_the_documented_syntax() {
        let (op, p) = parse_declaration("listCharges=cursor:param=starting_after,items=data,has_more=has_more,item_cursor=id").unwrap();
        assert_eq!(op, "listCharges");
        assert_eq!(
            (p.kind, p.param.as_str(), p.items.clone(), p.has_more.clone()),
            (PageKind::Cursor, "starting_after", vec!["data".into()], vec!["has_more".to_string()])
        );
        assert_eq!(p.item_cursor.as_deref(), Some("id"));
        let (op, p) = parse_declaration("GET /things=page").unwrap();
        assert_eq!((op.as_str(), p.kind, p.items), ("GET /things", PageKind::Page, vec![String::new()]));
        let (_, p) = parse_declaration("x=link:items=,next=meta.next").unwrap();
        assert_eq!((p.items, p.next), (Vec::<String>::new(), vec!["meta".to_string(), "next".to_string()]));
        let err = parse_declaration("x=scroll").unwrap_err().to_string();
        assert_eq!(err, "error[config]: --paginate expects OPERATION=KIND[:key=value,...] (KIND is cursor, offset, page or link), got `x=scroll`");
    }
}
