//! The error side of a method: its error type (an enum by status when statuses declare different
//! types) and the statements that turn a failed response into `Error::Api`.

use super::plan::Plan;
use super::status::{body_type, status_pattern, status_text, status_variant};
use crate::ir::*;
use crate::rust::docs::doc_attrs;
use crate::rust::naming::ident;
use crate::rust::types::Cx;
use proc_macro2::TokenStream;
use quote::quote;

/// What a method's errors add.
pub struct Errors {
    /// The error enum, when the type space named one.
    pub item: Option<TokenStream>,
    /// The `E` of `Error<E>`.
    pub ty: TokenStream,
    /// The statements returning the error of a response that is not a success.
    pub code: TokenStream,
}

/// The error enum `name`: one variant per JSON error body, decoded by status (an undeclared status
/// without `default` gives no body).
fn error_enum(cx: &mut Cx<'_>, plan: &Plan<'_>, name: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    let op = plan.op;
    let mut variants = TokenStream::new();
    let mut arms = TokenStream::new();
    let mut covered_default = false;
    for outcome in &plan.json_errors {
        let variant = status_variant(outcome.status);
        let ty = body_type(cx, &outcome.body.kind);
        let pattern = status_pattern(outcome.status);
        covered_default |= outcome.status == Status::Default;
        let docs = doc_attrs(&format!("The body of a {} response.", status_text(outcome.status, "default (undeclared status)")));
        variants.extend(quote! { #docs #variant(#ty), });
        arms.extend(quote! { #pattern => ::serde_json::from_slice(&raw.body).ok().map(#name::#variant), });
    }
    if !covered_default {
        arms.extend(quote!(_ => None,));
    }
    let docs = doc_attrs(&format!("The error bodies `{} {}` declares, by status.", op.method.as_str(), op.path));
    let item = quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant, deprecated)]
        pub enum #name { #variants }
    };
    let code = quote! {
        let body = match raw.status { #arms };
        Err(raw.error_with(body))
    };
    (item, code)
}

/// The errors of the plan's operation: its enum, else the one typed error body, else any JSON value.
pub fn errors(cx: &mut Cx<'_>, plan: &Plan<'_>) -> Errors {
    let op = plan.op;
    if !op.names.error.is_empty() {
        let name = ident(&op.names.error);
        let (item, code) = error_enum(cx, plan, &name);
        Errors { item: Some(item), ty: quote!(#name), code }
    } else if let Some(only) = plan.typed_errors.first() {
        Errors { item: None, ty: body_type(cx, &only.body.kind), code: quote!(Err(raw.error())) }
    } else {
        Errors { item: None, ty: quote!(::serde_json::Value), code: quote!(Err(raw.error())) }
    }
}
