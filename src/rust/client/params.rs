//! The params struct of a method (every parameter but required path ones, all optional) and the
//! statements that put its fields into the request.

use super::path::separator;
use super::plan::Plan;
use crate::ir::*;
use crate::rust::docs::{code, doc_attrs, own_doc_attrs};
use crate::rust::naming::ident;
use crate::rust::types::Cx;
use proc_macro2::TokenStream;
use quote::quote;

/// What the params struct adds to a method.
pub struct Params {
    /// The `pub struct OpParams`.
    pub item: TokenStream,
    /// The `params: &OpParams` argument.
    pub arg: TokenStream,
    /// The checks of required fields and the writes of query, header and cookie parameters.
    pub build: TokenStream,
}

/// The `Style` variant of a query parameter.
fn style(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(PipeDelimited),
        ParamStyle::TabDelimited => quote!(TabDelimited),
        ParamStyle::DeepObject => quote!(DeepObject),
        _ => quote!(Form),
    }
}

/// The field of `param` in the params struct, with its doc comment.
fn field(cx: &mut Cx<'_>, param: &Parameter) -> TokenStream {
    let field = ident(&param.name);
    let ty = cx.ty(&param.ty);
    let place = match param.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    };
    let required = if param.required { " Required: the request fails without it." } else { "" };
    let about = param.docs.description.as_deref().unwrap_or("");
    let docs = doc_attrs(&format!("{about}\n\n`{}` ({place} parameter).{required}", param.wire_name));
    quote! { #docs pub #field: Option<#ty>, }
}

/// The statements for `param`: fail when a required one is `None`, then write it where it goes
/// (path parameters are written by the path statement).
fn write(param: &Parameter) -> TokenStream {
    let field = ident(&param.name);
    let wire = &param.wire_name;
    let mut out = TokenStream::new();
    if param.required {
        out.extend(quote! {
            if params.#field.is_none() {
                return Err(super::support::client::Error::Request(format!("missing required parameter `{}`", #wire)));
            }
        });
    }
    let explode = param.explode;
    match param.location {
        ParamLocation::Query => {
            let style = style(param.style);
            out.extend(quote! {
                request.query(#wire, &params.#field, super::support::client::Style::#style, #explode)?;
            })
        }
        ParamLocation::Header => match separator(param.style) {
            Some(sep) => out.extend(quote!(request.header_joined(#wire, &params.#field, #sep)?;)),
            None => out.extend(quote!(request.header(#wire, &params.#field)?;)),
        },
        ParamLocation::Cookie => out.extend(quote!(request.cookie(#wire, &params.#field)?;)),
        ParamLocation::Path => {}
    }
    out
}

/// The params struct of the plan's operation, when it has one (the type space named it).
pub fn params(cx: &mut Cx<'_>, plan: &Plan<'_>) -> Option<Params> {
    let op = plan.op;
    if op.names.params.is_empty() {
        return None;
    }
    let name = ident(&op.names.params);
    let mut fields = TokenStream::new();
    let mut build = TokenStream::new();
    for param in &plan.struct_params {
        fields.extend(field(cx, param));
        build.extend(write(param));
    }
    let docs = own_doc_attrs(&format!(
        "Parameters of `{}` ({}) other than required path parameters.\n\nEvery field is optional to build (`..Default::default()`); a required one left `None` fails the call with [`Error::Request`].",
        op.name,
        code(&format!("{} {}", op.method.as_str(), op.path)),
    ));
    let item = quote! {
        #docs
        #[derive(Debug, Clone, Default, PartialEq)]
        #[allow(deprecated)]
        pub struct #name { #fields }
    };
    Some(Params { item, arg: quote!(params: &#name), build })
}
