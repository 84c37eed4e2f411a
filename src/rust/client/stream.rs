//! Streamed responses: the `Ok` type and value of a method whose success body is read as it arrives
//! (server-sent events, newline-delimited JSON, binary bodies), and the second, streaming method of
//! an operation that answers JSON or a stream as the request asks. The run-time side is
//! `templates/stream.rs` (`support::stream`), included only when a method streams.

use super::plan::Plan;
use super::responses::{self, Successes};
use crate::ir::*;
use crate::rust::naming::ident;
use crate::rust::types::Cx;
use crate::typespace::operations::{self as shape, BodyKind};
use proc_macro2::TokenStream;
use quote::quote;

/// Whether a success body of `kind` is streamed when it is the method's one success body.
pub fn is_streamed(kind: &BodyKind) -> bool {
    matches!(kind, BodyKind::Bytes | BodyKind::Events(_) | BodyKind::Lines(_))
}

/// True when `ty` is an event envelope: a struct whose fields are among `event`, `data`, `id` and
/// `retry` and include `data` (the shape SDK docs give an event, `{ event, data }`), or a union of
/// envelopes (events keyed by their `event` name). Its events are decoded whole, not just their data.
fn is_envelope(cx: &Cx<'_>, ty: &Type, depth: usize) -> bool {
    let Type::Named { id, .. } = cx.resolve(ty) else { return false };
    if depth > 8 {
        return false;
    }
    match &cx.api.get(*id).kind {
        TypeKind::Struct(s) => {
            s.newtype.is_none()
                && s.fields.iter().any(|f| f.wire_name == "data")
                && s.fields.iter().all(|f| matches!(f.wire_name.as_str(), "event" | "data" | "id" | "retry"))
        }
        TypeKind::Union(u) => !u.variants.is_empty() && u.variants.iter().all(|v| is_envelope(cx, &v.ty, depth + 1)),
        _ => false,
    }
}

/// One struct of an event union: its one event name, its type, and the union variants that lead to it
/// (union type, variant, whether the variant boxes it), outermost first.
struct Leaf {
    event: String,
    ty: TokenStream,
    path: Vec<(TokenStream, proc_macro2::Ident, bool)>,
}

/// The event name a struct's `event` field allows, when it allows exactly one string.
fn single_event_name(cx: &Cx<'_>, s: &Struct) -> Option<String> {
    let field = s.fields.iter().find(|f| f.wire_name == "event")?;
    let Type::Named { id, .. } = cx.resolve(&field.ty) else { return None };
    match &cx.api.get(*id).kind {
        TypeKind::Enum(e) if e.values.len() == 1 => match &e.values[0].value {
            Literal::Str(value) => Some(value.clone()),
            Literal::Int(_) => None,
        },
        _ => None,
    }
}

/// Collects the leaves of `ty` when it is an untagged union (of unions) of envelopes each naming one
/// event; false when some member is not such a struct.
fn leaves(cx: &Cx<'_>, ty: &Type, path: &[(TokenStream, proc_macro2::Ident, bool)], out: &mut Vec<Leaf>, depth: usize) -> bool {
    let Type::Named { id, .. } = cx.resolve(ty) else { return false };
    match &cx.api.get(*id).kind {
        TypeKind::Struct(s) => match single_event_name(cx, s) {
            Some(event) => {
                out.push(Leaf { event, ty: cx.named(*id), path: path.to_vec() });
                true
            }
            None => false,
        },
        TypeKind::Union(u) if u.discriminator.is_none() && depth < 8 => {
            let union_ty = cx.named(*id);
            u.variants.iter().all(|v| {
                let boxed = matches!(v.ty, Type::Named { boxed: true, .. });
                let mut inner = path.to_vec();
                inner.push((union_ty.clone(), ident(&v.name), boxed));
                leaves(cx, &v.ty, &inner, out, depth + 1)
            })
        }
        _ => false,
    }
}

/// The decoder of an untagged event union whose members each name one event: the event's name picks
/// the member (an untagged union would take the first member whose fields fit, and an open `event`
/// enum fits any name); an unknown name is decoded as the union. `None` for any other type.
fn event_dispatch(cx: &Cx<'_>, ty: &Type, item: &TokenStream) -> Option<TokenStream> {
    let Type::Named { id, .. } = cx.resolve(ty) else { return None };
    if !matches!(&cx.api.get(*id).kind, TypeKind::Union(u) if u.discriminator.is_none()) {
        return None;
    }
    let mut found = Vec::new();
    if !leaves(cx, ty, &[], &mut found, 0) {
        return None;
    }
    let boxed = cx.prelude("Box");
    let mut seen = Vec::new();
    let mut arms = TokenStream::new();
    for leaf in found {
        // The first member naming an event wins, as in the union's own order.
        if seen.contains(&leaf.event) {
            continue;
        }
        seen.push(leaf.event.clone());
        let (event, leaf_ty) = (&leaf.event, &leaf.ty);
        let wrap = match leaf.path.as_slice() {
            [(union_ty, variant, false)] => quote!(#union_ty::#variant),
            path => {
                let mut value = quote!(value);
                for (union_ty, variant, is_boxed) in path.iter().rev() {
                    value = if *is_boxed { quote!(#union_ty::#variant(#boxed::new(#value))) } else { quote!(#union_ty::#variant(#value)) };
                }
                quote!(|value| #value)
            }
        };
        arms.extend(quote!(#event => super::support::stream::envelope::<#leaf_ty>(event).map(#wrap),));
    }
    Some(quote! {
        |event: &super::support::stream::RawEvent| match event.event.as_str() {
            #arms
            _ => super::support::stream::envelope::<#item>(event),
        }
    })
}

/// The `Ok` type of a streamed body of `kind` and the expression building it from `response`.
fn stream_value(cx: &mut Cx<'_>, kind: &BodyKind) -> (TokenStream, TokenStream) {
    cx.needs.stream = true;
    match kind {
        BodyKind::Events(ty) => {
            let item = cx.ty(ty);
            let decoder = if !is_envelope(cx, ty, 0) {
                quote!(super::support::stream::data::<#item>)
            } else {
                event_dispatch(cx, ty, &item).unwrap_or_else(|| quote!(super::support::stream::envelope::<#item>))
            };
            (quote!(super::support::stream::EventStream<#item>), quote!(super::support::stream::EventStream::new(response, #decoder)))
        }
        BodyKind::Lines(ty) => {
            let item = cx.ty(ty);
            (quote!(super::support::stream::JsonLines<#item>), quote!(super::support::stream::JsonLines::new(response)))
        }
        _ => (quote!(super::support::stream::ByteStream), quote!(super::support::stream::ByteStream::new(response))),
    }
}

/// The successes of the plan's operation when its method streams (one success body that streams,
/// no response enum by status), else `None`.
pub fn streamed_successes(cx: &mut Cx<'_>, plan: &Plan<'_>) -> Option<Successes> {
    if !plan.op.names.response.is_empty() || !is_streamed(&plan.success_kind) {
        return None;
    }
    let (ty, value) = stream_value(cx, &plan.success_kind);
    Some(responses::single(cx, plan, ty, value))
}

/// The `Ok` type, match arms and media type of the operation's second, streaming method, when it
/// has one (its success response offers a stream beside the body its first method returns).
pub fn alternative(cx: &mut Cx<'_>, plan: &Plan<'_>) -> Option<(Successes, String)> {
    if plan.op.names.stream.is_empty() {
        return None;
    }
    let body = shape::stream_alternative(plan.op)?;
    let (ty, value) = stream_value(cx, &body.kind);
    let mut successes = responses::single(cx, plan, ty, value);
    // The first method declares the headers struct.
    successes.item = None;
    Some((successes, body.media_type))
}

/// The last arguments of `Call::streamed`: the success response handed over unread (its declared
/// headers read first), and the error statuses, whose body is read to decode it.
pub fn decode(plan: &Plan<'_>, result: &TokenStream, error_code: &TokenStream) -> TokenStream {
    let success = if plan.op.names.headers.is_empty() {
        quote!(|response| #result)
    } else {
        quote!(|response| {
            let raw = super::support::client::Raw::head(&response);
            #result
        })
    };
    quote!(#success, |raw| { #error_code },)
}
