//! Security as the client applies it: each scheme as a `support::client::Scheme`, and an
//! operation's alternatives as the list `send` tries in order.

use super::plan::Plan;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// How a security scheme is applied, as a `support::client::Scheme` expression (`None` for the
/// schemes the client cannot apply).
pub fn scheme_expr(scheme: &SecurityScheme) -> Option<TokenStream> {
    Some(match &scheme.kind {
        SecurityKind::Bearer | SecurityKind::OAuth2 | SecurityKind::OpenIdConnect => quote!(super::support::client::Scheme::Bearer),
        SecurityKind::Basic => quote!(super::support::client::Scheme::Basic),
        SecurityKind::ApiKey { param, location } => {
            let location = match location {
                ParamLocation::Query => quote!(Query),
                ParamLocation::Cookie => quote!(Cookie),
                ParamLocation::Header | ParamLocation::Path => quote!(Header),
            };
            quote!(super::support::client::Scheme::ApiKey { name: #param, location: super::support::client::KeyIn::#location })
        }
        SecurityKind::OtherHttp { .. } | SecurityKind::MutualTls => return None,
    })
}

/// The plan's security alternatives as slices of `(key, scheme)`; the anonymous one (`&[]`) last.
pub fn alternatives(plan: &Plan<'_>) -> Vec<TokenStream> {
    let mut alternatives: Vec<TokenStream> = plan
        .security
        .iter()
        .map(|schemes| {
            let schemes = schemes.iter().filter_map(|scheme| {
                let key = &scheme.key;
                let expr = scheme_expr(scheme)?;
                Some(quote!((#key, #expr)))
            });
            quote!(&[#(#schemes),*])
        })
        .collect();
    if plan.anonymous {
        alternatives.push(quote!(&[]));
    }
    alternatives
}
