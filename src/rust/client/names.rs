//! The names the generated client module defines itself: the one list both the emitters (which
//! write these items and methods) and the naming policy (which keeps user names off them) read.
//!
//! A unit test parses a generated client and fails when it has a method or item missing here, so a
//! new client method cannot be shadowed by an operation, tag or security scheme of the same name.

/// Items of `pub mod client` besides the per-operation ones: the client, its builder, the default
/// base URL and the run-time support types re-exported from `support::client`.
pub const ITEMS: &[&str] = &[
    "Client",
    "ClientBuilder",
    "DEFAULT_BASE_URL",
    "ApiError",
    "Call",
    "Error",
    "File",
    "HookError",
    "RequestContext",
    "RequestHook",
    "RequestOptions",
    "Response",
    "Retry",
    "WithResponse",
    "ByteStream",
    "Event",
    "EventStream",
    "JsonLines",
    "StreamError",
];

/// The support types `pub mod client` re-exports (`pub use super::support::client::{..}`).
pub const RE_EXPORTS: &[&str] =
    &["ApiError", "Call", "Error", "File", "HookError", "RequestContext", "RequestHook", "RequestOptions", "Response", "Retry", "WithResponse"];

/// The stream types `pub mod client` re-exports when a method streams (`pub use super::support::stream::{..}`).
pub const STREAM_RE_EXPORTS: &[&str] = &["ByteStream", "Event", "EventStream", "JsonLines", "StreamError"];

/// Inherent methods of `Client` besides operations and tag accessors; `config` is also on every
/// sub-client (operations there sit beside it).
pub const CLIENT_METHODS: &[&str] = &["new", "builder", "base_url", "config"];

/// Inherent methods of `ClientBuilder` besides the credential setters.
pub const BUILDER_METHODS: &[&str] = &["base_url", "http_client", "default_header", "timeout", "retry", "on_request", "request_hook", "build"];

/// Methods of the traits the client, its sub-clients and its builder implement (`Debug`, `Clone`,
/// `Copy`, `Default`): an inherent method of the same name would shadow them (a setter `default(key)`
/// breaks `Default::default()`, which `Client::builder` calls).
pub const TRAIT_METHODS: &[&str] = &["fmt", "clone", "clone_from", "default"];

/// Names inside a generated operation method: its `params` and `body` arguments and its locals, which
/// the arguments named after required path parameters must not take.
pub const METHOD_LOCALS: &[&str] = &["params", "body", "request", "raw", "path", "form"];

/// True when an operation method or tag accessor (on `Client` or a sub-client) must not be named `name`.
pub fn is_client_method(name: &str) -> bool {
    CLIENT_METHODS.contains(&name) || TRAIT_METHODS.contains(&name)
}

/// True when a credential setter on `ClientBuilder` must not be named `name`.
pub fn is_builder_method(name: &str) -> bool {
    BUILDER_METHODS.contains(&name) || TRAIT_METHODS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The methods each derived or implemented trait brings (`Copy` brings none).
    fn trait_methods(name: &str) -> &'static [&'static str] {
        match name {
            "Debug" => &["fmt"],
            "Clone" => &["clone", "clone_from"],
            "Default" => &["default"],
            "Copy" => &[],
            other => panic!("the client implements `{other}`: add its methods to TRAIT_METHODS and to this test"),
        }
    }

    /// The last segment of a type path (`ClientBuilder`, `PetsApi`).
    fn type_name(ty: &syn::Type) -> String {
        match ty {
            syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// Generates the client of a construct and checks that every item and method it emits besides
    /// the ones named from the spec is in the lists above, and that no name from the spec is one of them.
    fn check(construct: &str) {
        let path = format!("{}/tests/constructs/{construct}", env!("CARGO_MANIFEST_DIR"));
        let config = crate::Builder::new().spec(&path).config().clone();
        let api = crate::pipeline::model(&config).unwrap().api;
        let code = crate::pipeline::generate(&config).unwrap().code;
        let file = syn::parse_file(&code).unwrap();
        let client = file
            .items
            .iter()
            .find_map(|item| match item {
                syn::Item::Mod(m) if m.ident == "client" => m.content.as_ref().map(|(_, items)| items),
                _ => None,
            })
            .expect("a client module");

        let groups: BTreeSet<String> = api.groups.iter().map(|g| g.type_name.clone()).collect();
        let operation_items: BTreeSet<String> = api
            .operations
            .iter()
            .flat_map(|op| [&op.names.params, &op.names.response, &op.names.error, &op.names.headers, &op.names.form])
            .filter(|n| !n.is_empty())
            .cloned()
            .collect();
        // Stream methods (a JSON-or-stream response's, a paged operation's) are named by the type space like operations.
        let pages = api.operations.iter().filter_map(|op| op.pagination.as_ref()).map(|p| p.method.clone());
        let spec_methods: BTreeSet<String> = api
            .operations
            .iter()
            .map(|op| op.name.clone())
            .chain(api.operations.iter().map(|op| op.names.stream.clone()).filter(|n| !n.is_empty()))
            .chain(api.groups.iter().map(|g| g.method.clone()))
            .chain(pages)
            .collect();
        let setters: BTreeSet<String> = api.security_schemes.iter().map(|s| s.name.clone()).collect();
        for name in spec_methods.iter().chain(&setters) {
            let name = name.as_str();
            assert!(!CLIENT_METHODS.contains(&name) && !BUILDER_METHODS.contains(&name) && !TRAIT_METHODS.contains(&name), "{name}");
        }

        let mut traits = BTreeSet::new();
        let mut items = BTreeSet::new();
        for item in client {
            let (name, attrs) = match item {
                syn::Item::Struct(s) => (s.ident.to_string(), &s.attrs),
                syn::Item::Enum(e) => (e.ident.to_string(), &e.attrs),
                syn::Item::Const(c) => (c.ident.to_string(), &c.attrs),
                syn::Item::Use(u) => {
                    let text = quote::quote!(#u).to_string().replace(' ', "");
                    let names = text.rsplit_once('{').map(|(_, rest)| rest.trim_end_matches("};").to_string()).unwrap_or_default();
                    let names: Vec<&str> = names.split(',').filter(|n| !n.is_empty()).collect();
                    assert!(names == RE_EXPORTS || names == STREAM_RE_EXPORTS, "{construct}: re-exports {names:?}");
                    items.extend(names.iter().map(|n| n.to_string()));
                    continue;
                }
                syn::Item::Impl(imp) => {
                    let owner = type_name(&imp.self_ty);
                    if let Some((trait_path, _)) = &imp.trait_ {
                        let name = trait_path.segments.last().unwrap().ident.to_string();
                        traits.extend(trait_methods(&name).iter().copied());
                        continue;
                    }
                    for inner in &imp.items {
                        let syn::ImplItem::Fn(f) = inner else { continue };
                        let method = f.sig.ident.to_string();
                        let own = match owner.as_str() {
                            "Client" => CLIENT_METHODS.contains(&method.as_str()) || spec_methods.contains(&method),
                            "ClientBuilder" => BUILDER_METHODS.contains(&method.as_str()) || setters.contains(&method),
                            group if groups.contains(group) => method == "config" || spec_methods.contains(&method),
                            _ => true,
                        };
                        assert!(own, "{construct}: `{owner}::{method}` is emitted but not in client::names");
                    }
                    continue;
                }
                _ => continue,
            };
            if matches!(name.as_str(), "Client" | "ClientBuilder") || groups.contains(&name) {
                for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
                    attr.parse_nested_meta(|meta| {
                        traits.extend(trait_methods(&meta.path.segments.last().unwrap().ident.to_string()).iter().copied());
                        Ok(())
                    })
                    .unwrap();
                }
            }
            items.insert(name);
        }
        let own_items: BTreeSet<String> = items.into_iter().filter(|n| !groups.contains(n) && !operation_items.contains(n)).collect();
        // The stream types are re-exported only by a client with a streaming method.
        let streams = own_items.contains("EventStream");
        let expected = ITEMS.iter().filter(|n| streams || !STREAM_RE_EXPORTS.contains(n)).map(|n| n.to_string()).collect();
        assert_eq!(own_items, expected, "{construct}: the client's own items");
        assert!(traits.iter().all(|t| TRAIT_METHODS.contains(t)), "{construct}: {traits:?}");
    }

    #[test]
    fn the_client_emits_only_names_it_reserves() {
        for construct in ["swagger2.yaml", "openapi31.yaml", "names.yaml", "corpus.yaml", "visibility.yaml"] {
            check(construct);
        }
        check("../client/pagination.yaml");
    }
}
