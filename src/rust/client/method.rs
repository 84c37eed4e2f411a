//! One operation → its method (returning a `Call` to await) and the items it needs (params struct, multipart form struct,
//! error enum, response enum or headers struct; names from the type space): the operation's
//! [plan](super::plan) handed to one emitter per part.

use super::plan::plan;
use super::{body, errors, pages, params, path, responses, security};
use crate::ir::*;
use crate::rust::docs::doc_attrs;
use crate::rust::naming::ident;
use crate::rust::types::Cx;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// What one operation adds: items at module level, and its method.
pub struct Generated {
    /// Params struct, form struct, response/error enums, headers struct.
    pub items: TokenStream,
    /// The `pub fn` returning a `Call`.
    pub method: TokenStream,
}

/// The method's doc comment: summary, description (unless it repeats the summary), method and path.
fn method_docs(op: &Operation) -> TokenStream {
    let summary = op.summary.clone().unwrap_or_default();
    let description = op.docs.description.clone().filter(|d| Some(d) != op.summary.as_ref()).unwrap_or_default();
    doc_attrs(format!("{summary}\n\n{description}\n\n`{} {}`", op.method.as_str(), op.path).trim())
}

/// The method and items of `op`.
pub fn operation(cx: &mut Cx<'_>, op: &Operation) -> Generated {
    let plan = plan(cx.api, op);
    let mut items = TokenStream::new();
    let mut build = TokenStream::new();
    let path_code = path::path_statement(&plan);
    let mut args = path::path_args(cx, &plan);
    if let Some(params) = params::params(cx, &plan) {
        items.extend(params.item);
        args.push(params.arg);
        build.extend(params.build);
    }
    if let Some(body) = body::body(cx, &plan) {
        items.extend(body.item);
        args.push(body.arg);
        build.extend(body.build);
    }
    let errors = errors::errors(cx, &plan);
    items.extend(errors.item);
    let successes = responses::successes(cx, &plan);
    items.extend(successes.item);
    let alternatives = security::alternatives(&plan);

    let name = ident(&op.name);
    let method = format_ident!("{}", op.method.as_str());
    let docs = method_docs(op);
    let request_decl = if build.is_empty() {
        quote!(let request = super::support::client::Request::new(reqwest::Method::#method, path);)
    } else {
        quote!(let mut request = super::support::client::Request::new(reqwest::Method::#method, path);)
    };
    let deprecated = if op.docs.deprecated { quote!(#[deprecated]) } else { TokenStream::new() };
    let (ok_ty, arms) = (successes.ty, successes.arms);
    let (error_ty, error_code) = (errors.ty, errors.code);
    let operation_id = op.operation_id.clone().unwrap_or_else(|| format!("{} {}", op.method.as_str(), op.path));
    let stream = pages::stream_method(cx, &plan, &ok_ty, &error_ty);
    let method = quote! {
        #docs
        #deprecated
        #[allow(clippy::too_many_arguments, clippy::result_large_err)]
        pub fn #name(&self, #(#args),*) -> super::support::client::Call<#ok_ty, #error_ty> {
            super::support::client::Call::new(
                self.config(),
                #operation_id,
                || {
                    #path_code
                    #request_decl
                    #build
                    Ok(request)
                },
                &[#(#alternatives),*],
                |raw| match raw.status {
                    #arms
                    _ => { #error_code }
                },
            )
        }

        #stream
    };
    Generated { items, method }
}
