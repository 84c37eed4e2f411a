//! The params struct of a method (every parameter but required path ones: required ones as plain
//! fields, optional ones as `Option`s) and the statements that put its fields into the request.

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
    /// The writes of query, header and cookie parameters.
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
    let required = if param.required { " Required." } else { "" };
    let about = param.docs.description.as_deref().unwrap_or("");
    let docs = doc_attrs(&format!("{about}\n\n`{}` ({place} parameter).{required}", param.wire_name));
    if param.required {
        quote! { #docs pub #field: #ty, }
    } else {
        quote! { #docs pub #field: Option<#ty>, }
    }
}

/// The statement writing `param` where it goes (path parameters are written by the path statement).
fn write(param: &Parameter) -> TokenStream {
    let field = ident(&param.name);
    let wire = &param.wire_name;
    let mut out = TokenStream::new();
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
    let required: Vec<&Parameter> = plan.struct_params.iter().copied().filter(|p| p.required).collect();
    let operation =
        format!("Parameters of `{}` ({}) other than required path parameters.", op.name, code(&format!("{} {}", op.method.as_str(), op.path)));
    let (derives, constructor, shape) = if required.is_empty() {
        (
            quote!(#[derive(Debug, Clone, Default, PartialEq)]),
            TokenStream::new(),
            "Every field is optional: `..Default::default()` leaves out the rest.".to_string(),
        )
    } else {
        let args = required.iter().map(|p| {
            let field = ident(&p.name);
            let ty = cx.ty(&p.ty);
            quote!(#field: #ty)
        });
        let sets = plan.struct_params.iter().map(|p| {
            let field = ident(&p.name);
            if p.required {
                quote!(#field)
            } else {
                quote!(#field: None)
            }
        });
        // Clippy's limit is seven arguments.
        let many = if required.len() > 7 { quote!(#[allow(clippy::too_many_arguments)]) } else { TokenStream::new() };
        let constructor = quote! {
            #[allow(deprecated)]
            impl #name {
                /// The required parameters, every optional one `None`.
                #many
                pub fn new(#(#args),*) -> Self {
                    #name { #(#sets),* }
                }
            }
        };
        let names: Vec<&str> = required.iter().map(|p| p.name.as_str()).collect();
        let example = match plan.struct_params.iter().find(|p| !p.required) {
            Some(optional) => format!(": `{name} {{ {}: Some(..), ..{name}::new({}) }}`", optional.name, names.join(", ")),
            None => String::new(),
        };
        let shape = format!("Required parameters are plain fields, so a call cannot leave them out ([`{name}::new`] takes them); optional ones are `Option`s{example}.");
        (quote!(#[derive(Debug, Clone, PartialEq)]), constructor, shape)
    };
    let docs = own_doc_attrs(&format!("{operation}\n\n{shape}"));
    let item = quote! {
        #docs
        #derives
        #[allow(deprecated)]
        pub struct #name { #fields }

        #constructor
    };
    Some(Params { item, arg: quote!(params: &#name), build })
}
