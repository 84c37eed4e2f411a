//! Cargo features per tag: in a generated crate, each sub-client (first tag) is a feature, and every
//! item is compiled only under the features that use it, so a user of a few tags of a huge API
//! compiles a fraction of it (`default-features = false, features = ["repos"]`).
//!
//! A type is gated by the features of every operation that reaches it (through parameters, bodies,
//! responses, fields, variants...). Types reached by an operation without a tag are always compiled;
//! types no operation reaches (named schemas only, webhook payloads) are under the feature
//! [`SCHEMAS`]. Every feature is on by default.

use crate::ir::*;
use proc_macro2::TokenStream;
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

/// Puts `cfg` on every item of `tokens` (a type and its impls, a params struct...). Tokens that do
/// not parse as items are returned unchanged (the formatter then reports them).
pub fn gate(tokens: TokenStream, cfg: &TokenStream) -> TokenStream {
    if cfg.is_empty() || tokens.is_empty() {
        return tokens;
    }
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => file.items.into_iter().map(|item| quote!(#cfg #item)).collect(),
        Err(_) => tokens,
    }
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
}
