//! Which serde directions each type needs. A type only sent in requests (a request body, a
//! parameter) needs `Serialize`; one only received (responses, response headers, webhooks) needs
//! `Deserialize`; deriving only that halves the serde code of most types of a client. Types no
//! operation reaches, and every type when there is no client or example tests are generated (or
//! [`RustOptions::both_directions`](super::RustOptions::both_directions) is set), get both.

use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// The serde traits one type derives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Direction {
    /// Sent: `Serialize`.
    pub serialize: bool,
    /// Received: `Deserialize`.
    pub deserialize: bool,
}

impl Direction {
    const BOTH: Direction = Direction { serialize: true, deserialize: true };

    /// `::serde::Serialize, ::serde::Deserialize` or the one needed, with a trailing comma.
    pub fn derives(self) -> TokenStream {
        let serialize = self.serialize.then(|| quote!(::serde::Serialize,));
        let deserialize = self.deserialize.then(|| quote!(::serde::Deserialize,));
        quote!(#serialize #deserialize)
    }
}

/// Every named type below `roots` (roots included), as flags.
fn reach(api: &Api, roots: Vec<TypeId>) -> Vec<bool> {
    let mut seen = vec![false; api.types.len()];
    let mut stack: Vec<usize> = roots.into_iter().map(|id| id.0).collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        let mut below = Vec::new();
        api.types[i].kind.named_ids(&mut below);
        stack.extend(below.into_iter().map(|id| id.0).filter(|&j| !seen[j]));
    }
    seen
}

/// The direction of every type of `api`; all [`Direction::BOTH`] unless `directional`.
pub fn directions(api: &Api, directional: bool) -> Vec<Direction> {
    if !directional {
        return vec![Direction::BOTH; api.types.len()];
    }
    let mut sent = Vec::new();
    let mut received = Vec::new();
    for op in &api.operations {
        op.parameters.iter().for_each(|p| p.ty.named_ids(&mut sent));
        if let Some(body) = &op.request_body {
            body.contents.iter().for_each(|c| c.ty.named_ids(&mut sent));
        }
        for response in &op.responses {
            response.contents.iter().for_each(|c| c.ty.named_ids(&mut received));
            response.headers.iter().for_each(|h| h.ty.named_ids(&mut received));
        }
    }
    api.webhooks.iter().for_each(|op| op.named_ids(&mut received));
    // A union implements both `Serialize` and `Deserialize` by hand, calling its members' impls.
    for (i, def) in api.types.iter().enumerate() {
        if matches!(def.kind, TypeKind::Union(_)) {
            sent.push(TypeId(i));
            received.push(TypeId(i));
        }
    }
    let (sent, received) = (reach(api, sent), reach(api, received));
    sent.iter()
        .zip(&received)
        .map(|(&serialize, &deserialize)| if serialize || deserialize { Direction { serialize, deserialize } } else { Direction::BOTH })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sent_types_serialize_received_ones_deserialize_and_the_rest_both() {
        // 0 Body (request body) → 1 Shared ← 2 Reply (response); 3 Header (response header); 4 Alone.
        let def = |name: &str, refs: &[usize]| {
            let fields: Vec<_> = refs
                .iter()
                .map(|id| json!({"wire_name": "f", "name": "f", "ty": {"type": "named", "id": id}, "required": true, "nullable": false}))
                .collect();
            json!({"name": name, "hint": {"segments": [name], "declared": true}, "origin": {"file": "", "place": ""}, "kind": {"kind": "struct", "fields": fields}})
        };
        let named = |id: usize| json!({"type": "named", "id": id});
        let api: Api = serde_json::from_value(json!({
            "info": {"title": "t", "version": "1"},
            "types": [def("Body", &[1]), def("Shared", &[]), def("Reply", &[1]), def("Header", &[]), def("Alone", &[])],
            "operations": [{"name": "op", "hint": [], "method": "POST", "path": "/", "origin": {"file": "", "place": ""},
                "request_body": {"required": true, "contents": [{"media_type": "application/json", "ty": named(0)}]},
                "responses": [{"status": {"code": 200}, "contents": [{"media_type": "application/json", "ty": named(2)}],
                    "headers": [{"wire_name": "x", "name": "x", "ty": named(3), "required": false}]}]}]
        }))
        .unwrap();
        let got: Vec<(bool, bool)> = directions(&api, true).iter().map(|d| (d.serialize, d.deserialize)).collect();
        assert_eq!(got, [(true, false), (true, true), (false, true), (false, true), (true, true)]);
        assert!(directions(&api, false).iter().all(|d| *d == Direction::BOTH));
    }
}
