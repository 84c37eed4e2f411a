//! The success side of a method: its `Ok` type (the body, an enum by status, or `Response` with
//! typed headers), the item that needs, and the match arms decoding a success.

use super::plan::Plan;
use super::status::{body_type, decode, status_pattern, status_text, status_variant};
use crate::ir::*;
use crate::rust::docs::doc_attrs;
use crate::rust::naming::ident;
use crate::rust::types::Cx;
use crate::typespace::operations::BodyKind;
use proc_macro2::TokenStream;
use quote::quote;

/// What a method's success responses add.
pub struct Successes {
    /// The response enum or headers struct, when the type space named one.
    pub item: Option<TokenStream>,
    /// The `T` of `Result<T, ..>`.
    pub ty: TokenStream,
    /// The match arms of success statuses.
    pub arms: TokenStream,
    /// The one success body's result: `Ok(..)`, or statements reading the declared headers from
    /// `raw` and then `Ok(..)`; empty for an enum by status.
    pub result: TokenStream,
}

/// A type usable as a header value: parsed with `FromStr`.
fn header_type(cx: &mut Cx<'_>, ty: &Type) -> TokenStream {
    match cx.resolve(ty) {
        Type::Boolean | Type::Integer { .. } | Type::Number { .. } => cx.ty(ty),
        _ => quote!(String),
    }
}

/// The response enum `name`: one variant per success status.
fn response_enum(cx: &mut Cx<'_>, plan: &Plan<'_>, name: &proc_macro2::Ident) -> Successes {
    let op = plan.op;
    let mut variants = TokenStream::new();
    let mut arms = TokenStream::new();
    for outcome in &plan.successes {
        let variant = status_variant(outcome.status);
        let pattern = if outcome.status == Status::Default { quote!(200..=299) } else { status_pattern(outcome.status) };
        let docs = doc_attrs(&format!("A {} response.", status_text(outcome.status, "default")));
        if outcome.body.kind == BodyKind::Empty {
            variants.extend(quote! { #docs #variant, });
            arms.extend(quote! { #pattern => Ok(#name::#variant), });
        } else {
            let ty = body_type(cx, &outcome.body.kind);
            let value = decode(cx, &outcome.body.kind);
            variants.extend(quote! { #docs #variant(#ty), });
            arms.extend(quote! { #pattern => Ok(#name::#variant(#value)), });
        }
    }
    let docs = doc_attrs(&format!("The success responses of `{} {}`, by status.", op.method.as_str(), op.path));
    let item = quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant, deprecated)]
        pub enum #name { #variants }
    };
    Successes { item: Some(item), ty: quote!(#name), arms, result: TokenStream::new() }
}

/// The headers struct `name` and `Response { body, headers }` around the decoded `value` of type `ty`.
fn with_headers(cx: &mut Cx<'_>, plan: &Plan<'_>, name: &proc_macro2::Ident, ty: TokenStream, value: TokenStream) -> Successes {
    let op = plan.op;
    let mut fields = TokenStream::new();
    let mut reads = TokenStream::new();
    for header in &plan.headers {
        let field = ident(&header.name);
        let hty = header_type(cx, &header.ty);
        let wire = &header.wire_name;
        let docs = doc_attrs(&format!("{}\n\nThe `{wire}` header.", header.docs.description.as_deref().unwrap_or("")));
        fields.extend(quote! { #docs pub #field: Option<#hty>, });
        reads.extend(quote! { #field: raw.header(#wire), });
    }
    let docs = doc_attrs(&format!("The headers `{} {}` declares on its success response.", op.method.as_str(), op.path));
    let item = quote! {
        #docs
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name { #fields }
    };
    let result = quote! {
        let headers = #name { #reads };
        Ok(super::support::client::Response { body: #value, headers })
    };
    let arms = quote!(200..=299 => { #result });
    Successes { item: Some(item), ty: quote!(super::support::client::Response<#ty, #name>), arms, result }
}

/// The successes of the plan's operation: an enum by status, else the one body (with its headers).
pub fn successes(cx: &mut Cx<'_>, plan: &Plan<'_>) -> Successes {
    let op = plan.op;
    if !op.names.response.is_empty() {
        return response_enum(cx, plan, &ident(&op.names.response));
    }
    let ty = body_type(cx, &plan.success_kind);
    let value = decode(cx, &plan.success_kind);
    single(cx, plan, ty, value)
}

/// The one success body of type `ty`, given by the expression `value` (with the headers struct when
/// the operation declares headers).
pub fn single(cx: &mut Cx<'_>, plan: &Plan<'_>, ty: TokenStream, value: TokenStream) -> Successes {
    let op = plan.op;
    if !op.names.headers.is_empty() {
        return with_headers(cx, plan, &ident(&op.names.headers), ty, value);
    }
    let result = quote!(Ok(#value));
    Successes { item: None, ty, arms: quote!(200..=299 => #result,), result }
}
