//! The stream method of a paged operation (`list_charges_stream`): every item of every page, as a
//! `futures_core::Stream`, built by the generic `support::pages::items` around the operation's own
//! page method. Per method it writes only the call of that method and one step closure that takes
//! the items out of a page and sets the next page's parameter.

use super::plan::Plan;
use crate::ir::*;
use crate::rust::docs::doc_attrs;
use crate::rust::models::default_expr;
use crate::rust::naming::ident;
use crate::rust::types::Cx;
use crate::typespace::pagination::{body_type, field_at, items_type};
use proc_macro2::TokenStream;
use quote::quote;

/// A value reached from the page: a place (`page.data`) or an `Option` of a reference to it.
enum Access {
    Place(TokenStream),
    Opt(TokenStream),
}

/// True when the Rust field is the plain type (required and not nullable, or optional with a default).
fn plain(cx: &Cx<'_>, field: &Field) -> bool {
    if field.nullable {
        return false;
    }
    field.required || field.default.as_ref().is_some_and(|v| default_expr(cx, &field.ty, v).is_some())
}

/// The value at wire `path` of `root` (of type `ty`); `mutable` borrows mutably.
fn access(cx: &Cx<'_>, root: TokenStream, ty: &Type, path: &[String], mutable: bool) -> Option<Access> {
    let mut at = Access::Place(root);
    let mut ty = ty.clone();
    for segment in path {
        let field = field_at(cx.api, &ty, std::slice::from_ref(segment))?;
        let name = ident(&field.name);
        let (as_ref, by_ref) = if mutable { (quote!(as_mut), quote!(&mut)) } else { (quote!(as_ref), quote!(&)) };
        // `Nullable<T>` (optional and nullable) has `as_ref` only; the type space never asks to take from one.
        at = match (at, plain(cx, field)) {
            (Access::Place(e), true) => Access::Place(quote!(#e.#name)),
            (Access::Place(e), false) => Access::Opt(quote!(#e.#name.#as_ref())),
            (Access::Opt(e), true) => Access::Opt(quote!(#e.map(|v| #by_ref v.#name))),
            (Access::Opt(e), false) => Access::Opt(quote!(#e.and_then(|v| v.#name.#as_ref()))),
        };
        ty = field.ty.clone();
    }
    Some(at)
}

/// A path argument as the page method takes it (see `path.rs`), and how the stream owns it: text
/// as `String`, other references as the owned value (models are `Clone`), numbers and booleans as they are.
fn arg_type(cx: &mut Cx<'_>, ty: &Type) -> (TokenStream, bool) {
    match cx.resolve(ty) {
        Type::String { .. } => (quote!(&str), true),
        Type::Boolean | Type::Integer { .. } | Type::Number { .. } => (cx.ty(ty), false),
        _ => {
            let ty = cx.ty(ty);
            (quote!(&#ty), true)
        }
    }
}

/// How the docs say the stream moves on.
fn how(p: &Pagination, field: &str) -> String {
    let param = format!("`{}`", p.param);
    let next = format!("`{}`", p.next.join("."));
    let mut text = match (p.kind, &p.item_cursor) {
        (PageKind::Cursor, Some(item)) => format!("each next page sets {param} to the last item's `{item}`"),
        (PageKind::Cursor, None) => format!("each next page sets {param} to the response's {next}; an empty or repeated cursor ends it"),
        (PageKind::Offset, _) => format!("each next page advances {param} by the number of items received"),
        (PageKind::Page, _) => format!("each next page sets {param} to the next page number (the first page is 1)"),
        (PageKind::Link, _) if !p.next.is_empty() => {
            format!("each next page sets {param} to its value in the next link {next} of the response; no next link ends it")
        }
        (PageKind::Link, _) => {
            format!("each next page sets {param} to its value in the `rel=\"next\"` URL of the `{field}` header; no next link ends it")
        }
    };
    if !p.has_more.is_empty() {
        text.push_str(&format!("; `{}` false ends it", p.has_more.join(".")));
    }
    text
}

/// The stream method of the plan's operation, when it is paged; `page_ty` and `error_ty` are the
/// page method's `Ok` and error types.
pub fn stream_method(cx: &mut Cx<'_>, plan: &Plan<'_>, page_ty: &TokenStream, error_ty: &TokenStream) -> TokenStream {
    let op = plan.op;
    let Some(p) = &op.pagination else { return TokenStream::new() };
    let (Some(body), false) = (body_type(op), op.names.params.is_empty()) else { return TokenStream::new() };
    let Some(item) = items_type(cx.api, &body, &p.items) else { return TokenStream::new() };
    let Some(param) = op.parameters.iter().find(|q| q.location == ParamLocation::Query && q.wire_name == p.param) else {
        return TokenStream::new();
    };
    let headers = !op.names.headers.is_empty();
    let root = if headers { quote!(page.body) } else { quote!(page) };
    let field = ident(&param.name);
    // The steps set an `Option`: an optional parameter is one; a required one (a plain field) is
    // wrapped in one for the step and written back after it.
    let (slot, unwrap, rewrap) = if param.required {
        (quote!(&mut slot), quote!(let mut slot = Some(params.#field.clone());), quote!(if let Some(value) = slot { params.#field = value; }))
    } else {
        (quote!(&mut params.#field), TokenStream::new(), TokenStream::new())
    };
    let support = quote!(super::support::pages);

    let mut statements = unwrap;
    statements.extend(match access(cx, root.clone(), &body, &p.has_more, false) {
        Some(Access::Place(e)) if !p.has_more.is_empty() => quote!(let more = #e;),
        Some(Access::Opt(e)) => quote!(let more = #e.copied().unwrap_or(false);),
        _ => quote!(let more = true;),
    });
    let mut header_name = String::from("Link");
    match p.kind {
        PageKind::Cursor if p.item_cursor.is_none() => {
            let next = match access(cx, root.clone(), &body, &p.next, false) {
                Some(Access::Place(e)) => quote!(Some(#e.clone())),
                Some(Access::Opt(e)) => quote!(#e.cloned()),
                None => return TokenStream::new(),
            };
            statements.extend(quote!(let more = more && #support::cursor(#slot, #next);));
        }
        PageKind::Link => {
            let wire = &p.param;
            let (link, header) = if p.next.is_empty() {
                let Some(h) = plan.headers.iter().find(|h| h.wire_name.eq_ignore_ascii_case("link")).filter(|_| headers) else {
                    return TokenStream::new();
                };
                header_name = h.wire_name.clone();
                let name = ident(&h.name);
                (quote!(page.headers.#name.as_deref()), true)
            } else {
                match access(cx, root.clone(), &body, &p.next, false) {
                    Some(Access::Place(e)) => (quote!(Some(&#e)), false),
                    Some(Access::Opt(e)) => (e, false),
                    None => return TokenStream::new(),
                }
            };
            statements.extend(quote!(let more = more && #support::link(#slot, #link, #header, #wire);));
        }
        _ => {}
    }
    let needs_mut = !p.items.is_empty();
    statements.extend(match access(cx, root.clone(), &body, &p.items, true) {
        Some(Access::Place(e)) if p.items.is_empty() => quote!(let items = #e;),
        Some(Access::Place(e)) => quote!(let items = std::mem::take(&mut #e);),
        Some(Access::Opt(e)) => quote!(let items = #e.map(std::mem::take).unwrap_or_default();),
        None => return TokenStream::new(),
    });
    match (p.kind, &p.item_cursor) {
        (PageKind::Cursor, Some(field)) => {
            let Some(f) = field_at(cx.api, &item, std::slice::from_ref(field)) else { return TokenStream::new() };
            let name = ident(&f.name);
            statements.extend(quote!(let more = more && #support::cursor(#slot, items.last().map(|item| item.#name.clone()));));
        }
        (PageKind::Offset, _) => statements.extend(quote!(let more = more && #support::offset(#slot, items.len());)),
        (PageKind::Page, _) => statements.extend(quote!(let more = more && #support::page(#slot);)),
        _ => {}
    }
    statements.extend(rewrap);
    cx.needs.pages = true;

    let name = ident(&p.method);
    let page_method = ident(&op.name);
    let params_ty = ident(&op.names.params);
    let item_ty = cx.ty(&item);
    let mut args = Vec::new();
    let mut owned = TokenStream::new();
    let mut per_call = TokenStream::new();
    let mut passed = Vec::new();
    for arg in &plan.path_args {
        let arg_name = ident(&arg.name);
        let (ty, by_ref) = arg_type(cx, &arg.ty);
        args.push(quote!(#arg_name: #ty));
        if by_ref {
            owned.extend(quote!(let #arg_name = #arg_name.to_owned();));
            per_call.extend(quote!(let #arg_name = #arg_name.clone();));
            passed.push(quote!(&#arg_name));
        } else {
            passed.push(quote!(#arg_name));
        }
    }
    passed.push(quote!(&params));
    if let Some((_, false)) = &plan.body {
        passed.push(quote!(None));
    }
    // The stream owns a clone of the client (one `Arc`), so it borrows neither `self` nor a sub-client
    // (`client.things()`) that is a temporary.
    let (client, call) = match op.group {
        Some(group) => {
            let group = ident(&cx.api.groups[group].type_name);
            (quote!(self.client.clone()), quote!(#group { client: &client }.#page_method(#(#passed),*).await))
        }
        None => (quote!(self.clone()), quote!(client.#page_method(#(#passed),*).await)),
    };
    let page = if needs_mut { quote!(mut page) } else { quote!(page) };
    let docs = doc_attrs(&format!(
        "Every item of every page of [`Self::{}`] (`{} {}`), as a stream: the first page is the one `params` asks for, {}; a page without items ends it, an error is the last item.",
        op.name,
        op.method.as_str(),
        op.path,
        how(p, &header_name),
    ));
    let deprecated = if op.docs.deprecated { quote!(#[deprecated]) } else { TokenStream::new() };
    quote! {
        #docs
        #deprecated
        #[inline]
        #[allow(clippy::too_many_arguments, clippy::clone_on_copy)]
        pub fn #name(&self, #(#args,)* params: &#params_ty) -> impl futures_core::Stream<Item = Result<#item_ty, super::support::client::Error<#error_ty>>> {
            let client = #client;
            #owned
            #support::items(
                params.clone(),
                move |params: #params_ty| {
                    let client = client.clone();
                    #per_call
                    async move { #call }
                },
                |params: &mut #params_ty, #page: #page_ty| {
                    #statements
                    (items, more)
                },
            )
        }
    }
}
