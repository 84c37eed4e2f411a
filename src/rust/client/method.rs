//! One operation → its async method, and the params struct, response enum, error enum, headers
//! struct and multipart form struct it needs (names from the type space).

use super::scheme_expr;
use crate::ir::*;
use crate::rust::docs::{code, doc_attrs, own_doc_attrs};
use crate::rust::naming::ident;
use crate::rust::types::Cx;
use crate::typespace::operations::{self as shape, BodyKind, Outcome};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// What one operation adds: items at module level, and its method.
pub struct Generated {
    /// Params struct, response/error enums, headers struct.
    pub items: TokenStream,
    /// The `pub async fn`.
    pub method: TokenStream,
}

/// The variant name of a status (`Status404`, `Status4xx`, `Default`).
fn status_variant(status: Status) -> proc_macro2::Ident {
    match status {
        Status::Code(code) => format_ident!("Status{}", code),
        Status::Range(class) => format_ident!("Status{}xx", class),
        Status::Default => format_ident!("Default"),
    }
}

/// A match pattern for a status.
fn status_pattern(status: Status) -> TokenStream {
    match status {
        Status::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        Status::Range(class) => {
            let low = Literal::u16_unsuffixed(class * 100);
            let high = Literal::u16_unsuffixed(class * 100 + 99);
            quote!(#low..=#high)
        }
        Status::Default => quote!(_),
    }
}

/// The Rust type a body kind decodes into.
fn body_type(cx: &mut Cx<'_>, kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form(ty) | BodyKind::Multipart(ty) => cx.ty(ty),
        BodyKind::Bytes => quote!(Vec<u8>),
        BodyKind::Text => quote!(String),
        BodyKind::Empty => quote!(()),
    }
}

/// An expression decoding `raw` as `kind` (`?` applies the method's error type).
fn decode(cx: &mut Cx<'_>, kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form(ty) | BodyKind::Multipart(ty) => {
            let ty = cx.ty(ty);
            quote!(raw.json::<#ty>()?)
        }
        BodyKind::Bytes => quote!(raw.body),
        BodyKind::Text => quote!(raw.text()),
        BodyKind::Empty => quote!(()),
    }
}

/// Sorts outcomes so that exact codes come before ranges, ranges before `default`.
fn by_specificity(outcomes: &mut [Outcome]) {
    outcomes.sort_by_key(|o| match o.status {
        Status::Code(_) => 0,
        Status::Range(_) => 1,
        Status::Default => 2,
    });
}

/// A type usable as a header value: parsed with `FromStr`.
fn header_type(cx: &mut Cx<'_>, ty: &Type) -> TokenStream {
    match cx.resolve(ty) {
        Type::Boolean | Type::Integer { .. } | Type::Number { .. } => cx.ty(ty),
        _ => quote!(String),
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

fn is_binary(cx: &Cx<'_>, ty: &Type) -> bool {
    matches!(cx.resolve(ty), Type::Binary | Type::Base64)
}

fn is_binary_list(cx: &Cx<'_>, ty: &Type) -> bool {
    match cx.resolve(ty) {
        Type::Array { items } => is_binary(cx, items),
        _ => false,
    }
}

/// The separator of a path or header parameter whose array items are joined by something other
/// than a comma (only Swagger 2.0 `collectionFormat` `ssv`, `tsv` and `pipes` give those).
fn separator(style: ParamStyle) -> Option<&'static str> {
    match style {
        ParamStyle::SpaceDelimited => Some(" "),
        ParamStyle::TabDelimited => Some("\t"),
        ParamStyle::PipeDelimited => Some("|"),
        _ => None,
    }
}

/// The method and items of `op`.
pub fn operation(cx: &mut Cx<'_>, op: &Operation) -> Generated {
    let name = ident(&op.name);
    let mut items = TokenStream::new();
    let mut args = Vec::new();
    let mut build = TokenStream::new();

    // Path: literal pieces and encoded path parameters, as one `format!`.
    let mut template = String::new();
    let mut pieces: Vec<TokenStream> = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        template.push_str(&rest[..open].replace('}', "}}"));
        let placeholder = &rest[open + 1..close];
        match op.parameters.iter().find(|p| p.location == ParamLocation::Path && p.wire_name == placeholder) {
            Some(param) => {
                let value = if param.required {
                    let arg = ident(&param.name);
                    quote!(&#arg)
                } else {
                    let field = ident(&param.name);
                    quote!(&params.#field)
                };
                template.push_str("{}");
                pieces.push(match separator(param.style) {
                    Some(sep) => quote!(super::support::client::Request::path_param_joined(#value, #placeholder, #sep)?),
                    None => quote!(super::support::client::Request::path_param(#value, #placeholder)?),
                });
            }
            None => template.push_str(&rest[open..=close].replace('{', "{{").replace('}', "}}")),
        }
        rest = &rest[close + 1..];
    }
    template.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    let path_code = if pieces.is_empty() {
        let plain = template.replace("{{", "{").replace("}}", "}");
        quote!(let path = String::from(#plain);)
    } else {
        quote!(let path = format!(#template, #(#pieces),*);)
    };
    for param in shape::path_args(op) {
        let arg = ident(&param.name);
        let ty = path_arg_type(cx, &param.ty);
        args.push(quote!(#arg: #ty));
    }

    // Params struct: every parameter but required path ones, all optional.
    let struct_params: Vec<&Parameter> = shape::struct_params(op).collect();
    if !op.names.params.is_empty() {
        let params_name = ident(&op.names.params);
        let mut fields = TokenStream::new();
        for param in &struct_params {
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
            fields.extend(quote! { #docs pub #field: Option<#ty>, });
            let wire = &param.wire_name;
            if param.required {
                build.extend(quote! {
                    if params.#field.is_none() {
                        return Err(super::support::client::Error::Request(format!("missing required parameter `{}`", #wire)));
                    }
                });
            }
            let style = match param.style {
                ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
                ParamStyle::PipeDelimited => quote!(PipeDelimited),
                ParamStyle::TabDelimited => quote!(TabDelimited),
                ParamStyle::DeepObject => quote!(DeepObject),
                _ => quote!(Form),
            };
            let explode = param.explode;
            match param.location {
                ParamLocation::Query => build.extend(quote! {
                    request.query(#wire, &params.#field, super::support::client::Style::#style, #explode)?;
                }),
                ParamLocation::Header => match separator(param.style) {
                    Some(sep) => build.extend(quote!(request.header_joined(#wire, &params.#field, #sep)?;)),
                    None => build.extend(quote!(request.header(#wire, &params.#field)?;)),
                },
                ParamLocation::Cookie => build.extend(quote!(request.cookie(#wire, &params.#field)?;)),
                ParamLocation::Path => {}
            }
        }
        let docs = own_doc_attrs(&format!(
            "Parameters of `{}` ({}) other than required path parameters.\n\nEvery field is optional to build (`..Default::default()`); a required one left `None` fails the call with [`Error::Request`].",
            op.name,
            code(&format!("{} {}", op.method.as_str(), op.path)),
        ));
        items.extend(quote! {
            #docs
            #[derive(Debug, Clone, Default, PartialEq)]
            #[allow(deprecated)]
            pub struct #params_name { #fields }
        });
        args.push(quote!(params: &#params_name));
    }

    // Body.
    if let Some((body, required)) = shape::request_body(op) {
        let media = &body.media_type;
        let (arg_ty, code) = match &body.kind {
            BodyKind::Json(ty) => {
                let ty = cx.ty(ty);
                (quote!(&#ty), quote!(request.json(#media, body)?;))
            }
            BodyKind::Form(ty) => {
                let ty = cx.ty(ty);
                (quote!(&#ty), quote!(request.form(body)?;))
            }
            BodyKind::Multipart(ty) => match (multipart_fields(cx, ty), op.names.form.is_empty()) {
                (Some(fields), false) => {
                    let form_name = ident(&op.names.form);
                    let mut struct_fields = TokenStream::new();
                    let mut parts = TokenStream::new();
                    for field in &fields.fields {
                        let fname = ident(&field.name);
                        let wire = &field.wire_name;
                        let docs = doc_attrs(field.docs.description.as_deref().unwrap_or(""));
                        let optional = !field.required;
                        let (ty, part) = if is_binary(cx, &field.ty) {
                            (quote!(super::support::client::File), quote!(form.file(#wire, value);))
                        } else if is_binary_list(cx, &field.ty) {
                            (quote!(Vec<super::support::client::File>), quote!(for file in value { form.file(#wire, file); }))
                        } else {
                            let ty = cx.ty(&field.ty);
                            (ty, quote!(form.field(#wire, value)?;))
                        };
                        if optional {
                            struct_fields.extend(quote! { #docs pub #fname: Option<#ty>, });
                            parts.extend(quote! { if let Some(value) = &body.#fname { #part } });
                        } else {
                            struct_fields.extend(quote! { #docs pub #fname: #ty, });
                            parts.extend(quote! { { let value = &body.#fname; #part } });
                        }
                    }
                    let docs = doc_attrs(&format!("The `multipart/form-data` body of `{} {}`: files with their names and types.", op.method.as_str(), op.path));
                    items.extend(quote! {
                        #docs
                        #[derive(Debug, Clone, PartialEq)]
                        #[allow(deprecated)]
                        pub struct #form_name { #struct_fields }
                    });
                    (quote!(&#form_name), quote! {
                        let mut form = super::support::client::Multipart::new();
                        #parts
                        request.multipart(form);
                    })
                }
                _ => {
                    let ty = cx.ty(ty);
                    (quote!(&#ty), quote! {
                        let mut form = super::support::client::Multipart::new();
                        form.field("body", body)?;
                        request.multipart(form);
                    })
                }
            },
            BodyKind::Bytes => (quote!(Vec<u8>), quote!(request.bytes(#media, body);)),
            BodyKind::Text => (quote!(String), quote!(request.text(#media, body);)),
            BodyKind::Empty => (quote!(()), quote!(let _ = body;)),
        };
        if required {
            args.push(quote!(body: #arg_ty));
            build.extend(code);
        } else {
            args.push(quote!(body: Option<#arg_ty>));
            build.extend(quote!(if let Some(body) = body { #code }));
        }
    }

    // Error type.
    let mut errors: Vec<Outcome> = shape::typed_errors(op);
    by_specificity(&mut errors);
    let all_errors = shape::errors(op);
    let (error_ty, error_code) = if !op.names.error.is_empty() {
        let error_name = ident(&op.names.error);
        let mut variants = TokenStream::new();
        let mut arms = TokenStream::new();
        let mut covered_default = false;
        let mut error_outcomes: Vec<Outcome> = all_errors.iter().filter(|o| matches!(o.body.kind, BodyKind::Json(_))).cloned().collect();
        by_specificity(&mut error_outcomes);
        for outcome in &error_outcomes {
            let variant = status_variant(outcome.status);
            let ty = body_type(cx, &outcome.body.kind);
            let pattern = status_pattern(outcome.status);
            covered_default |= outcome.status == Status::Default;
            let docs = doc_attrs(&format!("The body of a {} response.", match outcome.status {
                Status::Code(c) => c.to_string(),
                Status::Range(c) => format!("{c}XX"),
                Status::Default => "default (undeclared status)".into(),
            }));
            variants.extend(quote! { #docs #variant(#ty), });
            arms.extend(quote! { #pattern => ::serde_json::from_slice(&raw.body).ok().map(#error_name::#variant), });
        }
        if !covered_default {
            arms.extend(quote!(_ => None,));
        }
        let docs = doc_attrs(&format!("The error bodies `{} {}` declares, by status.", op.method.as_str(), op.path));
        items.extend(quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            #[allow(clippy::large_enum_variant, deprecated)]
            pub enum #error_name { #variants }
        });
        (quote!(#error_name), quote! {
            let body = match raw.status { #arms };
            Err(raw.error_with(body))
        })
    } else if let Some(only) = errors.first() {
        (body_type(cx, &only.body.kind), quote!(Err(raw.error())))
    } else {
        (quote!(::serde_json::Value), quote!(Err(raw.error())))
    };

    // Success type and decoding.
    let mut successes = shape::successes(op);
    by_specificity(&mut successes);
    let distinct: Vec<Outcome> = shape::distinct(&successes).into_iter().cloned().collect();
    let mut arms = TokenStream::new();
    let ok_ty = if !op.names.response.is_empty() {
        let response_name = ident(&op.names.response);
        let mut variants = TokenStream::new();
        for outcome in &successes {
            let variant = status_variant(outcome.status);
            let pattern = if outcome.status == Status::Default { quote!(200..=299) } else { status_pattern(outcome.status) };
            let docs = doc_attrs(&format!("A {} response.", match outcome.status {
                Status::Code(c) => c.to_string(),
                Status::Range(c) => format!("{c}XX"),
                Status::Default => "default".into(),
            }));
            if outcome.body.kind == BodyKind::Empty {
                variants.extend(quote! { #docs #variant, });
                arms.extend(quote! { #pattern => Ok(#response_name::#variant), });
            } else {
                let ty = body_type(cx, &outcome.body.kind);
                let value = decode(cx, &outcome.body.kind);
                variants.extend(quote! { #docs #variant(#ty), });
                arms.extend(quote! { #pattern => Ok(#response_name::#variant(#value)), });
            }
        }
        let docs = doc_attrs(&format!("The success responses of `{} {}`, by status.", op.method.as_str(), op.path));
        items.extend(quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            #[allow(clippy::large_enum_variant, deprecated)]
            pub enum #response_name { #variants }
        });
        quote!(#response_name)
    } else {
        let kind = distinct.first().map(|o| o.body.kind.clone()).unwrap_or(BodyKind::Empty);
        let ty = body_type(cx, &kind);
        let value = decode(cx, &kind);
        if !op.names.headers.is_empty() {
            let headers_name = ident(&op.names.headers);
            let mut fields = TokenStream::new();
            let mut reads = TokenStream::new();
            let declared: Vec<&Header> = {
                let mut seen: Vec<&Header> = Vec::new();
                for header in successes.iter().flat_map(|o| &o.headers) {
                    if !seen.iter().any(|h| h.name == header.name) {
                        seen.push(header);
                    }
                }
                seen
            };
            for header in declared {
                let field = ident(&header.name);
                let hty = header_type(cx, &header.ty);
                let wire = &header.wire_name;
                let docs = doc_attrs(&format!("{}\n\nThe `{wire}` header.", header.docs.description.as_deref().unwrap_or("")));
                fields.extend(quote! { #docs pub #field: Option<#hty>, });
                reads.extend(quote! { #field: raw.header(#wire), });
            }
            let docs = doc_attrs(&format!("The headers `{} {}` declares on its success response.", op.method.as_str(), op.path));
            items.extend(quote! {
                #docs
                #[derive(Debug, Clone, Default, PartialEq)]
                pub struct #headers_name { #fields }
            });
            arms.extend(quote! {
                200..=299 => {
                    let headers = #headers_name { #reads };
                    Ok(super::support::client::Response { body: #value, headers })
                }
            });
            quote!(super::support::client::Response<#ty, #headers_name>)
        } else {
            arms.extend(quote!(200..=299 => Ok(#value),));
            ty
        }
    };

    // Security: the operation's alternatives, else the API's; alternatives with no scheme go last.
    let requirements = op.security.as_ref().unwrap_or(&cx.api.security);
    let mut alternatives: Vec<TokenStream> = Vec::new();
    let mut anonymous = false;
    for requirement in requirements {
        if requirement.schemes.is_empty() {
            anonymous = true;
            continue;
        }
        let schemes: Option<Vec<TokenStream>> = requirement
            .schemes
            .iter()
            .map(|key| {
                let scheme = cx.api.security_schemes.iter().find(|s| &s.key == key)?;
                let expr = scheme_expr(scheme)?;
                Some(quote!((#key, #expr)))
            })
            .collect();
        if let Some(schemes) = schemes {
            alternatives.push(quote!(&[#(#schemes),*]));
        }
    }
    if anonymous {
        alternatives.push(quote!(&[]));
    }

    let method = format_ident!("{}", op.method.as_str());
    let summary = op.summary.clone().unwrap_or_default();
    let description = op.docs.description.clone().filter(|d| Some(d) != op.summary.as_ref()).unwrap_or_default();
    let docs = doc_attrs(format!("{summary}\n\n{description}\n\n`{} {}`", op.method.as_str(), op.path).trim());
    let request_decl = if build.is_empty() {
        quote!(let request = super::support::client::Request::new(reqwest::Method::#method, path);)
    } else {
        quote!(let mut request = super::support::client::Request::new(reqwest::Method::#method, path);)
    };
    let deprecated = if op.docs.deprecated { quote!(#[deprecated]) } else { TokenStream::new() };
    let method_tokens = quote! {
        #docs
        #deprecated
        #[allow(clippy::too_many_arguments)]
        pub async fn #name(&self, #(#args),*) -> Result<#ok_ty, super::support::client::Error<#error_ty>> {
            #path_code
            #request_decl
            #build
            let raw = super::support::client::send(self.config(), request, &[#(#alternatives),*]).await?;
            match raw.status {
                #arms
                _ => { #error_code }
            }
        }
    };
    Generated { items, method: method_tokens }
}
