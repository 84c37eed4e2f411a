//! One operation → its method (returning a `Call` to await) and the items it needs (params struct, multipart form struct,
//! error enum, response enum or headers struct; names from the type space): the operation's
//! [plan](super::plan) handed to one emitter per part.

use super::plan::plan;
use super::{body, errors, pages, params, path, responses, security, stream};
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
    let streamed = stream::streamed_successes(cx, &plan);
    let is_streamed = streamed.is_some();
    let successes = streamed.unwrap_or_else(|| responses::successes(cx, &plan));
    items.extend(successes.item);
    let alternative = stream::alternative(cx, &plan);
    let alternatives = security::alternatives(&plan);

    let name = ident(&op.name);
    let http_method = format_ident!("{}", op.method.as_str());
    let docs = method_docs(op);
    let deprecated = if op.docs.deprecated { quote!(#[deprecated]) } else { TokenStream::new() };
    let error_ty = errors.ty;
    let error_code = errors.code;
    let operation_id = op.operation_id.clone().unwrap_or_else(|| format!("{} {}", op.method.as_str(), op.path));
    // The `Call` of the method: the request built now, the response decoded by `decode` (the
    // constructor's last arguments).
    let call = |ok_ty: &TokenStream, build: &TokenStream, constructor: TokenStream, decode: TokenStream| {
        let request_decl = if build.is_empty() {
            quote!(let request = super::support::client::Request::new(reqwest::Method::#http_method, path);)
        } else {
            quote!(let mut request = super::support::client::Request::new(reqwest::Method::#http_method, path);)
        };
        (
            quote!(super::support::client::Call<#ok_ty, #error_ty>),
            quote! {
                super::support::client::Call::#constructor(
                    self.config(),
                    #operation_id,
                    || {
                        #path_code
                        #request_decl
                        #build
                        Ok(request)
                    },
                    &[#(#alternatives),*],
                    #decode
                )
            },
        )
    };
    let (ret, body) = if is_streamed {
        call(&successes.ty, &build, quote!(streamed), stream::decode(&plan, &successes.result, &error_code))
    } else {
        let arms = &successes.arms;
        let decode = quote! {
            |raw| match raw.status {
                #arms
                _ => { #error_code }
            },
        };
        call(&successes.ty, &build, quote!(new), decode)
    };
    let page_stream = if is_streamed { TokenStream::new() } else { pages::stream_method(cx, &plan, &successes.ty, &error_ty) };
    // `#[inline]`: a method (and the decoding of its response types) is compiled to machine code
    // only in the crates that call it, not for all of an API's operations in the generated crate.
    let mut method = quote! {
        #docs
        #deprecated
        #[inline]
        #[allow(clippy::too_many_arguments, clippy::result_large_err)]
        pub fn #name(&self, #(#args),*) -> #ret {
            #body
        }

        #page_stream
    };
    if let Some((streaming, media_type)) = alternative {
        // The same request asking for the stream (the body usually says so too, e.g. `stream: true`).
        let stream_name = ident(&op.names.stream);
        let stream_docs = doc_attrs(&format!(
            "Streaming form of [`Self::{}`]: the `{media_type}` response, read as it arrives (the request must ask for it, usually with a body field such as `stream: true`).",
            op.name
        ));
        let build = quote!(#build request.header("Accept", #media_type)?;);
        let (ret, body) = call(&streaming.ty, &build, quote!(streamed), stream::decode(&plan, &streaming.result, &error_code));
        method.extend(quote! {
            #stream_docs
            #deprecated
            #[inline]
            #[allow(clippy::too_many_arguments, clippy::result_large_err)]
            pub fn #stream_name(&self, #(#args),*) -> #ret {
                #body
            }
        });
    }
    Generated { items, method }
}
