//! The request body of a method: its argument, the statements that write it, and the multipart
//! form struct when the body is a `multipart/form-data` object.

use super::plan::Plan;
use crate::ir::*;
use crate::rust::docs::doc_attrs;
use crate::rust::naming::ident;
use crate::rust::types::Cx;
use crate::typespace::operations::{Body, BodyKind};
use proc_macro2::TokenStream;
use quote::quote;

/// What the body adds to a method.
pub struct BodyCode {
    /// The form struct of a multipart object body.
    pub item: Option<TokenStream>,
    /// The `body` argument (an `Option` when the body is not required).
    pub arg: TokenStream,
    /// The statements writing the body into the request.
    pub build: TokenStream,
}

/// The struct fields of a multipart body, when it is an object.
fn multipart_fields<'a>(cx: &Cx<'a>, ty: &Type) -> Option<&'a Struct> {
    match cx.resolve(ty) {
        Type::Named { id, .. } => match &cx.api.get(*id).kind {
            TypeKind::Struct(s) if !s.fields.is_empty() => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// True for a binary (file) type.
fn is_binary(cx: &Cx<'_>, ty: &Type) -> bool {
    matches!(cx.resolve(ty), Type::Binary | Type::Base64)
}

/// True for an array of files.
fn is_binary_list(cx: &Cx<'_>, ty: &Type) -> bool {
    match cx.resolve(ty) {
        Type::Array { items } => is_binary(cx, items),
        _ => false,
    }
}

/// The form struct `form_name` of a multipart object body, and the statements sending it part by part.
fn multipart_form(cx: &mut Cx<'_>, op: &Operation, form_name: &proc_macro2::Ident, fields: &Struct) -> (TokenStream, TokenStream) {
    let mut struct_fields = TokenStream::new();
    let mut parts = TokenStream::new();
    for field in &fields.fields {
        let fname = ident(&field.name);
        let wire = &field.wire_name;
        let docs = doc_attrs(field.docs.description.as_deref().unwrap_or(""));
        let (ty, part) = if is_binary(cx, &field.ty) {
            (quote!(super::support::client::File), quote!(form.file(#wire, value);))
        } else if is_binary_list(cx, &field.ty) {
            (quote!(Vec<super::support::client::File>), quote!(for file in value { form.file(#wire, file); }))
        } else {
            let ty = cx.ty(&field.ty);
            (ty, quote!(form.field(#wire, value)?;))
        };
        if field.required {
            struct_fields.extend(quote! { #docs pub #fname: #ty, });
            parts.extend(quote! { { let value = &body.#fname; #part } });
        } else {
            struct_fields.extend(quote! { #docs pub #fname: Option<#ty>, });
            parts.extend(quote! { if let Some(value) = &body.#fname { #part } });
        }
    }
    let docs = doc_attrs(&format!("The `multipart/form-data` body of `{} {}`: files with their names and types.", op.method.as_str(), op.path));
    let item = quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[allow(deprecated)]
        pub struct #form_name { #struct_fields }
    };
    let code = quote! {
        let mut form = super::support::client::Multipart::new();
        #parts
        request.multipart(form);
    };
    (item, code)
}

/// The argument type, the statements and the form struct (if any) of `body`.
fn body_code(cx: &mut Cx<'_>, op: &Operation, body: &Body) -> (TokenStream, TokenStream, Option<TokenStream>) {
    let media = &body.media_type;
    match &body.kind {
        BodyKind::Json(ty) => {
            let ty = cx.ty(ty);
            (quote!(&#ty), quote!(request.json(#media, body)?;), None)
        }
        BodyKind::Form(ty) => {
            let ty = cx.ty(ty);
            (quote!(&#ty), quote!(request.form(body)?;), None)
        }
        BodyKind::Multipart(ty) => match (multipart_fields(cx, ty), op.names.form.is_empty()) {
            (Some(fields), false) => {
                let form_name = ident(&op.names.form);
                let (item, code) = multipart_form(cx, op, &form_name, fields);
                (quote!(&#form_name), code, Some(item))
            }
            _ => {
                let ty = cx.ty(ty);
                let code = quote! {
                    let mut form = super::support::client::Multipart::new();
                    form.field("body", body)?;
                    request.multipart(form);
                };
                (quote!(&#ty), code, None)
            }
        },
        BodyKind::Bytes => {
            // Bytes, a file or any byte stream, sent as it is read (reqwest's `stream` feature).
            cx.needs.stream = true;
            (quote!(impl Into<reqwest::Body>), quote!(request.upload(#media, body.into());), None)
        }
        // Streaming media types are sent as bytes (see `operations::request_body`).
        BodyKind::Events(_) | BodyKind::Lines(_) => (quote!(Vec<u8>), quote!(request.bytes(#media, body);), None),
        BodyKind::Text => (quote!(String), quote!(request.text(#media, body);), None),
        BodyKind::Empty => (quote!(()), quote!(let _ = body;), None),
    }
}

/// The body of the plan's operation, when it takes one.
pub fn body(cx: &mut Cx<'_>, plan: &Plan<'_>) -> Option<BodyCode> {
    let (body, required) = plan.body.as_ref()?;
    let (arg_ty, code, item) = body_code(cx, plan.op, body);
    Some(if *required {
        BodyCode { item, arg: quote!(body: #arg_ty), build: code }
    } else if body.kind == BodyKind::Bytes {
        // `Option<impl Into<..>>` would leave `None` without a type.
        let media = &body.media_type;
        BodyCode { item, arg: quote!(body: Option<reqwest::Body>), build: quote!(if let Some(body) = body { request.upload(#media, body); }) }
    } else {
        BodyCode { item, arg: quote!(body: Option<#arg_ty>), build: quote!(if let Some(body) = body { #code }) }
    })
}
