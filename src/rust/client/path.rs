//! The request path of a method: its `let path = ..` statement and its path arguments.

use super::plan::{PathPiece, Plan};
use crate::ir::*;
use crate::rust::naming::ident;
use crate::rust::types::Cx;
use proc_macro2::TokenStream;
use quote::quote;

/// The separator of a path or header parameter whose array items are joined by something other
/// than a comma (only Swagger 2.0 `collectionFormat` `ssv`, `tsv` and `pipes` give those).
pub fn separator(style: ParamStyle) -> Option<&'static str> {
    match style {
        ParamStyle::SpaceDelimited => Some(" "),
        ParamStyle::TabDelimited => Some("\t"),
        ParamStyle::PipeDelimited => Some("|"),
        _ => None,
    }
}

/// `let path = ..;`: a plain string, or one `format!` of the literal pieces and the encoded path
/// parameters (a required one is the method's argument, an optional one a field of `params`).
pub fn path_statement(plan: &Plan<'_>) -> TokenStream {
    let mut template = String::new();
    let mut plain = String::new();
    let mut values: Vec<TokenStream> = Vec::new();
    for piece in &plan.path {
        match piece {
            PathPiece::Text(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"));
                plain.push_str(text);
            }
            PathPiece::Param(param) => {
                let name = ident(&param.name);
                let value = if param.required { quote!(&#name) } else { quote!(&params.#name) };
                let placeholder = &param.wire_name;
                template.push_str("{}");
                values.push(match separator(param.style) {
                    Some(sep) => quote!(super::support::client::Request::path_param_joined(#value, #placeholder, #sep)?),
                    None => quote!(super::support::client::Request::path_param(#value, #placeholder)?),
                });
            }
        }
    }
    if values.is_empty() {
        quote!(let path = String::from(#plain);)
    } else {
        quote!(let path = format!(#template, #(#values),*);)
    }
}

/// The Rust type of a path argument: `&str` for text, numbers and booleans by value, else a reference.
fn path_arg_type(cx: &mut Cx<'_>, ty: &Type) -> TokenStream {
    match cx.resolve(ty) {
        Type::String { .. } => quote!(&str),
        Type::Boolean | Type::Integer { .. } | Type::Number { .. } => cx.ty(ty),
        _ => {
            let ty = cx.ty(ty);
            quote!(&#ty)
        }
    }
}

/// The method's leading arguments: one per required path parameter.
pub fn path_args(cx: &mut Cx<'_>, plan: &Plan<'_>) -> Vec<TokenStream> {
    plan.path_args
        .iter()
        .map(|param| {
            let arg = ident(&param.name);
            let ty = path_arg_type(cx, &param.ty);
            quote!(#arg: #ty)
        })
        .collect()
}
