//! Cargo features per tag: in a generated crate, each sub-client (first tag) is a feature, and every
//! item is compiled only under the features that use it, so a user of a few tags of a huge API
//! compiles a fraction of it (`default-features = false, features = ["repos"]`).
//!
//! A type is gated by the features of every operation that reaches it (through parameters, bodies,
//! responses, fields, variants...). Types reached by an operation without a tag are always compiled;
//! types no operation reaches (named schemas only, webhook payloads) are under the feature
//! [`SCHEMAS`]. Every feature is on by default.

use crate::ir::*;
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;
use std::collections::BTreeSet;

/// The feature of the types no operation reaches.
pub const SCHEMAS: &str = "schemas";

/// When each type and each sub-client is compiled.
pub struct Features {
    /// The feature of each group (index into [`Api::groups`]).
    pub groups: Vec<String>,
    /// Per type: `None` when always compiled, else the features that compile it.
    types: Vec<Option<BTreeSet<usize>>>,
    /// Index of [`SCHEMAS`] in the gate sets (one past the groups).
    schemas: usize,
}

/// A feature name for a tag: its sub-client accessor, kebab-case (`code_scanning` → `code-scanning`),
/// never [`SCHEMAS`] or `default`.
fn feature_name(group: &Group) -> String {
    let name = group.method.trim_start_matches("r#").replace('_', "-");
    if name == SCHEMAS || name == "default" {
        format!("{name}-tag")
    } else {
        name
    }
}

impl Features {
    /// The features of `api`: which groups reach which types.
    pub fn of(api: &Api) -> Features {
        let n = api.types.len();
        let schemas = api.groups.len();
        let mut types: Vec<Option<BTreeSet<usize>>> = vec![Some(BTreeSet::new()); n];
        let succ: Vec<Vec<TypeId>> = api
            .types
            .iter()
            .map(|def| {
                let mut out = Vec::new();
                def.kind.named_ids(&mut out);
                out
            })
            .collect();
        // Roots per gate: each group, then the operations without a group (always compiled).
        let mut roots: Vec<Vec<TypeId>> = vec![Vec::new(); api.groups.len() + 1];
        for op in &api.operations {
            op.named_ids(&mut roots[op.group.unwrap_or(schemas)]);
        }
        for (gate, starts) in roots.iter().enumerate() {
            let always = gate == schemas;
            let mut seen = vec![false; n];
            let mut stack: Vec<usize> = starts.iter().map(|id| id.0).collect();
            while let Some(i) = stack.pop() {
                if std::mem::replace(&mut seen[i], true) {
                    continue;
                }
                match &mut types[i] {
                    Some(_) if always => types[i] = None,
                    Some(set) => {
                        set.insert(gate);
                    }
                    None => {}
                }
                stack.extend(succ[i].iter().map(|id| id.0).filter(|&j| !seen[j]));
            }
        }
        // Types no operation reaches are under `schemas`, and so is everything they hold: with
        // `schemas` alone, a field's type must exist even if only a tag's operations reach it.
        let unreached: Vec<usize> = (0..n).filter(|&i| types[i].as_ref().is_some_and(BTreeSet::is_empty)).collect();
        let mut seen = vec![false; n];
        let mut stack = unreached;
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            if let Some(set) = &mut types[i] {
                set.insert(schemas);
            }
            stack.extend(succ[i].iter().map(|id| id.0).filter(|&j| !seen[j]));
        }
        Features { groups: api.groups.iter().map(feature_name).collect(), types, schemas }
    }

    /// Every feature, in the order the manifest lists them.
    pub fn names(&self) -> Vec<String> {
        let mut names = self.groups.clone();
        if self.types.iter().flatten().any(|set| set.contains(&self.schemas)) {
            names.push(SCHEMAS.to_string());
        }
        names
    }

    fn name(&self, gate: usize) -> &str {
        if gate == self.schemas {
            SCHEMAS
        } else {
            &self.groups[gate]
        }
    }

    /// The `#[cfg(...)]` of type `id`, empty when it is always compiled.
    pub fn type_cfg(&self, id: usize) -> TokenStream {
        match &self.types[id] {
            None => TokenStream::new(),
            Some(set) => cfg(set.iter().map(|&gate| self.name(gate)).collect()),
        }
    }

    /// The `#[cfg(...)]` of the items of an operation in `group` (none without a group).
    pub fn group_cfg(&self, group: Option<usize>) -> TokenStream {
        group.map(|g| cfg(vec![self.groups[g].as_str()])).unwrap_or_default()
    }
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", feature = "b"))]`.
fn cfg(features: Vec<&str>) -> TokenStream {
    match features.as_slice() {
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// Puts `cfg` on every item of `tokens` (a type and its impls, a params struct...).
///
/// Items are told apart by their tokens, without parsing them (parsing doubled the cost of a gated
/// crate): an item ends at a `;` or a `{ .. }` at its top level, unless that brace group goes on
/// (`;`, `else`, `as` or punctuation other than `#` follows it, as in an initializer).
pub fn gate(tokens: TokenStream, cfg: &TokenStream) -> TokenStream {
    if cfg.is_empty() || tokens.is_empty() {
        return tokens;
    }
    let mut out = TokenStream::new();
    let mut starts_item = true;
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        if starts_item {
            out.extend(cfg.clone());
        }
        starts_item = match &token {
            TokenTree::Punct(punct) => punct.as_char() == ';',
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => match tokens.peek() {
                None => true,
                Some(TokenTree::Punct(next)) => next.as_char() == '#',
                Some(TokenTree::Ident(next)) => next != "else" && next != "as",
                Some(_) => false,
            },
            _ => false,
        };
        out.extend([token]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn api() -> Api {
        // Types: 0 Repo (repos), 1 Owner (repos, issues, and held by Lonely), 2 Issue (issues), 3 Meta (untagged op),
        // 4 Lonely (no operation).
        serde_json::from_value(json!({
            "info": {"title": "t", "version": "1"},
            "types": [
                {"name": "Repo", "hint": {"segments": ["Repo"], "declared": true}, "origin": {"file": "", "place": ""},
                 "kind": {"kind": "struct", "fields": [{"wire_name": "owner", "name": "owner", "ty": {"type": "named", "id": 1}, "required": true, "nullable": false}]}},
                {"name": "Owner", "hint": {"segments": ["Owner"], "declared": true}, "origin": {"file": "", "place": ""}, "kind": {"kind": "struct", "fields": []}},
                {"name": "Issue", "hint": {"segments": ["Issue"], "declared": true}, "origin": {"file": "", "place": ""},
                 "kind": {"kind": "alias", "target": {"type": "array", "items": {"type": "named", "id": 1}}}},
                {"name": "Meta", "hint": {"segments": ["Meta"], "declared": true}, "origin": {"file": "", "place": ""}, "kind": {"kind": "struct", "fields": []}},
                {"name": "Lonely", "hint": {"segments": ["Lonely"], "declared": true}, "origin": {"file": "", "place": ""},
                 "kind": {"kind": "struct", "fields": [{"wire_name": "owner", "name": "owner", "ty": {"type": "named", "id": 1}, "required": true, "nullable": false}]}}
            ],
            "operations": [
                {"name": "get_repo", "hint": [], "method": "GET", "path": "/r", "origin": {"file": "", "place": ""}, "group": 0,
                 "responses": [{"status": {"code": 200}, "contents": [{"media_type": "application/json", "ty": {"type": "named", "id": 0}}]}]},
                {"name": "list_issues", "hint": [], "method": "GET", "path": "/i", "origin": {"file": "", "place": ""}, "group": 1,
                 "responses": [{"status": {"code": 200}, "contents": [{"media_type": "application/json", "ty": {"type": "named", "id": 2}}]}]},
                {"name": "meta", "hint": [], "method": "GET", "path": "/m", "origin": {"file": "", "place": ""},
                 "responses": [{"status": {"code": 200}, "contents": [{"media_type": "application/json", "ty": {"type": "named", "id": 3}}]}]}
            ],
            "groups": [{"tag": "Repos", "method": "repos", "type_name": "Repos"}, {"tag": "Code scanning", "method": "code_scanning", "type_name": "CodeScanning"}]
        }))
        .unwrap()
    }

    #[test]
    fn each_type_is_gated_by_the_tags_that_reach_it() {
        let features = Features::of(&api());
        let text = |id: usize| features.type_cfg(id).to_string().replace(' ', "");
        assert_eq!(text(0), "#[cfg(feature=\"repos\")]");
        // Also under `schemas`: Lonely, compiled with `schemas` alone, holds it.
        assert_eq!(text(1), "#[cfg(any(feature=\"repos\",feature=\"code-scanning\",feature=\"schemas\"))]");
        assert_eq!(text(2), "#[cfg(feature=\"code-scanning\")]");
        assert_eq!(text(3), "", "reached by an operation without a tag: always compiled");
        assert_eq!(text(4), "#[cfg(feature=\"schemas\")]");
        assert_eq!(features.names(), ["repos", "code-scanning", "schemas"]);
    }

    #[test]
    fn gate_puts_the_cfg_on_every_item() {
        let cfg = quote!(#[cfg(feature = "a")]);
        let gated = gate(quote!(pub struct A; impl A { fn f() {} } fn g() {}), &cfg).to_string();
        assert_eq!(gated.matches("cfg (feature = \"a\")").count(), 3, "{gated}");
    }

    /// The items of `tokens` gated by parsing them: what [`gate`] must give.
    fn gate_by_parsing(tokens: TokenStream, cfg: &TokenStream) -> TokenStream {
        let file = syn::parse2::<syn::File>(tokens).unwrap();
        file.items.into_iter().map(|item| quote!(#cfg #item)).collect()
    }

    #[test]
    fn gate_finds_the_items_a_parser_finds() {
        let cfg = quote!(#[cfg(any(feature = "a", feature = "b"))]);
        let streams = [
            quote!(#[derive(Debug)] pub struct A { x: u8 } impl A { fn f() {} }),
            quote!(
                pub struct T(u8, String);
                pub enum E {
                    X { y: u8 },
                    Z,
                }
                type Y = Vec<u8>;
            ),
            quote!(
                pub use a::{b, c};
                pub const C: Y = Y { z: 1 };
                static S: u8 = if a { 1 } else { 2 };
                const D: u8 = { 1 } as u8;
            ),
            quote!(support::de::deserialize_object! { #[allow(x)] A "struct A" [] {} } impl<'de> serde::Deserialize<'de> for B where T: X {}),
            quote!(
                macro_rules! m {
                    () => {};
                }
                #[doc = "x"]
                pub mod inner {
                    pub fn f() {}
                }
                unsafe impl Send for A {}
                fn g() -> u8 {
                    1
                }
            ),
            quote!(
                pub struct W<T>
                where
                    T: Clone,
                {
                    t: T,
                }
                #[cfg(test)]
                mod tests {
                    #[test]
                    fn t() {}
                }
            ),
        ];
        for tokens in streams {
            assert_eq!(gate(tokens.clone(), &cfg).to_string(), gate_by_parsing(tokens.clone(), &cfg).to_string(), "{tokens}");
        }
    }

    #[test]
    fn gate_finds_the_items_of_a_generated_module() {
        // The items of the Clerk module (the client module's included), in runs of three.
        let Ok(clerk) = std::fs::canonicalize(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/specs/clerk/clerk-bapi.yml")) else {
            panic!("needs ../shared/specs/clerk/clerk-bapi.yml beside the project");
        };
        let model = crate::pipeline::model(&crate::pipeline::Config { inputs: vec![clerk], ..Default::default() }).unwrap();
        let emitted = crate::rust::emit(&model.api, &crate::rust::RustOptions::default());
        let file = syn::parse2::<syn::File>(emitted.tokens).unwrap();
        let mut items: Vec<syn::Item> = Vec::new();
        for item in file.items {
            match item {
                syn::Item::Mod(syn::ItemMod { content: Some((_, inner)), .. }) => items.extend(inner),
                item => items.push(item),
            }
        }
        assert!(items.len() > 1000, "{} items", items.len());
        let cfg = quote!(#[cfg(feature = "a")]);
        for run in items.chunks(3) {
            let tokens: TokenStream = run.iter().map(|item| quote!(#item)).collect();
            assert_eq!(gate(tokens.clone(), &cfg).to_string(), gate_by_parsing(tokens, &cfg).to_string());
        }
    }
}
