//! What success and error responses share: variant names and match patterns of statuses, and the
//! type and decoding of a response body.

use crate::ir::*;
use crate::rust::types::Cx;
use crate::typespace::operations::BodyKind;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// The variant name of a status (`Status404`, `Status4xx`, `Default`).
pub fn status_variant(status: Status) -> proc_macro2::Ident {
    match status {
        Status::Code(code) => format_ident!("Status{}", code),
        Status::Range(class) => format_ident!("Status{}xx", class),
        Status::Default => format_ident!("Default"),
    }
}

/// A match pattern for a status.
pub fn status_pattern(status: Status) -> TokenStream {
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

/// A status as the docs say it (`404`, `4XX`), `default` as given.
pub fn status_text(status: Status, default: &str) -> String {
    match status {
        Status::Code(c) => c.to_string(),
        Status::Range(c) => format!("{c}XX"),
        Status::Default => default.into(),
    }
}

/// The Rust type a body kind decodes into.
pub fn body_type(cx: &mut Cx<'_>, kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form(ty) | BodyKind::Multipart(ty) => cx.ty(ty),
        // A stream read whole (a variant of a response enum by status).
        BodyKind::Bytes | BodyKind::Events(_) | BodyKind::Lines(_) => quote!(Vec<u8>),
        BodyKind::Text => quote!(String),
        BodyKind::Empty => quote!(()),
    }
}

/// An expression decoding `raw` as `kind` (`?` applies the method's error type).
pub fn decode(cx: &mut Cx<'_>, kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form(ty) | BodyKind::Multipart(ty) => {
            let ty = cx.ty(ty);
            quote!(raw.json::<#ty>()?)
        }
        BodyKind::Bytes | BodyKind::Events(_) | BodyKind::Lines(_) => quote!(raw.body),
        BodyKind::Text => quote!(raw.text()),
        BodyKind::Empty => quote!(()),
    }
}
