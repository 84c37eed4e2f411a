//! The HTTP client: `pub mod client` with `Client`, its builder ([`builder`]), one sub-client per tag
//! ([`groups`]), and one method per operation, returning a `Call` to await ([`method`]: an operation's [`plan`] written by
//! [`path`], [`params`], [`body`], [`responses`], [`errors`] and [`security`]; a paged operation's
//! stream method by [`pages`]). The names the module
//! keeps for itself are listed once, in [`names`].

mod body;
mod builder;
mod errors;
mod groups;
mod method;
pub(super) mod names;
mod pages;
mod params;
mod path;
mod plan;
mod responses;
mod security;
mod status;
mod stream;

use super::docs::{code, doc_attrs, own_doc_attrs};
use super::naming::ident;
use super::types::Cx;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// The spec's first server URL with its variables filled by their defaults.
fn default_base_url(api: &Api) -> String {
    let Some(server) = api.servers.first() else { return String::new() };
    let mut url = server.url.clone();
    for variable in &server.variables {
        url = url.replace(&format!("{{{}}}", variable.name), &variable.default);
    }
    url.trim_end_matches('/').to_string()
}

/// `pub mod client { ... }`, all on one thread: [`head`] (emitted last, when every operation has
/// said what it needs), [`client_and_builder`] with the untagged operations' methods, every
/// operation's items in order, then one [`group_item`] per tag, all inside [`module`]: the reference
/// that the module formatted in pieces must equal (see `super::parallel`).
#[cfg(test)]
pub fn client_module(cx: &mut Cx<'_>) -> TokenStream {
    begin(cx);
    let api = cx.api;
    let mut items = TokenStream::new();
    let mut root_methods = TokenStream::new();
    let mut group_methods: Vec<TokenStream> = vec![TokenStream::new(); api.groups.len()];
    for op in &api.operations {
        let (op_items, method) = operation(cx, op);
        items.extend(op_items);
        match op.group {
            Some(group) => group_methods[group].extend(method),
            None => root_methods.extend(method),
        }
    }
    let client = client_and_builder(cx, root_methods);
    for (index, methods) in group_methods.into_iter().enumerate() {
        items.extend(group_item(cx, index, methods));
    }
    let head = head(cx);
    cx.prefix = TokenStream::new();
    module(quote!(#head #client #items))
}

/// Prepares `cx` to emit any piece of the client module: paths to the models go through `super::`.
pub fn begin(cx: &mut Cx<'_>) {
    cx.needs.client = true;
    // Basic credentials are encoded with the base64 template.
    cx.needs.base64 = true;
    cx.needs.serde_json = true;
    cx.prefix = quote!(super::);
}

/// `pub mod client { #inner }` with its docs.
pub fn module(inner: TokenStream) -> TokenStream {
    quote! {
        /// The HTTP client: one method per operation, grouped by tag; await the `Call` it returns.
        #[allow(deprecated)]
        pub mod client {
            #inner
        }
    }
}

/// The items of `op` (behind its tag's feature) and its method.
pub fn operation(cx: &mut Cx<'_>, op: &Operation) -> (TokenStream, TokenStream) {
    let generated = method::operation(cx, op);
    let items = match &cx.features {
        Some(features) => super::features::gate(generated.items, &features.group_cfg(op.group)),
        None => generated.items,
    };
    (items, generated.method)
}

/// The sub-client of group `index` holding its operations' `methods` (behind the tag's feature).
pub fn group_item(cx: &Cx<'_>, index: usize, methods: TokenStream) -> TokenStream {
    let item = groups::sub_client(&cx.api.groups[index], methods);
    let cfg = cx.features.as_ref().map(|f| f.group_cfg(Some(index))).unwrap_or_default();
    super::features::gate(item, &cfg)
}

/// `Client` (with the tag accessors and the untagged operations' `root_methods`) and its builder.
pub fn client_and_builder(cx: &mut Cx<'_>, root_methods: TokenStream) -> TokenStream {
    let mut accessors = TokenStream::new();
    for (index, group) in cx.api.groups.iter().enumerate() {
        let accessor = groups::accessor(group);
        let cfg = cx.features.as_ref().map(|f| f.group_cfg(Some(index))).unwrap_or_default();
        accessors.extend(quote!(#cfg #accessor));
    }
    let client = client_struct(cx.api, accessors, root_methods);
    let builder = builder::client_builder(cx);
    quote!(#client #builder)
}

/// The re-exports and the default base URL that open the module; the stream re-exports when an
/// operation emitted so far streams (`cx.needs`).
pub fn head(cx: &Cx<'_>) -> TokenStream {
    let re_exports = names::RE_EXPORTS.iter().map(|name| ident(name));
    let stream_exports = if cx.needs.stream {
        let names = names::STREAM_RE_EXPORTS.iter().map(|name| ident(name));
        quote!(pub use super::support::stream::{#(#names),*};)
    } else {
        TokenStream::new()
    };
    let base_url = default_base_url(cx.api);
    let default_docs = own_doc_attrs(&if base_url.is_empty() {
        "The spec declares no server: set one with [`ClientBuilder::base_url`].".to_string()
    } else {
        format!("The spec's first server: {}.", code(&base_url))
    });
    quote! {
        pub use super::support::client::{#(#re_exports),*};
        #stream_exports

        #default_docs
        pub const DEFAULT_BASE_URL: &str = #base_url;
    }
}

/// The `Client` struct and its methods: constructors, the tag accessors and the untagged operations.
fn client_struct(api: &Api, accessors: TokenStream, root_methods: TokenStream) -> TokenStream {
    let title = if api.info.title.is_empty() { "the API".to_string() } else { api.info.title.clone() };
    let root_config = if root_methods.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            fn config(&self) -> &::std::sync::Arc<super::support::client::Config> {
                &self.config
            }
        }
    };
    // The title is the spec's text: sanitized like every description.
    let title_docs = doc_attrs(&format!("A client for {title}."));
    let own_docs = own_doc_attrs("\nCheap to clone: clones share the HTTP connection pool. Build one with [`Client::new`] or [`Client::builder`].");
    let client_docs = quote!(#title_docs #own_docs);
    quote! {
        #client_docs
        #[derive(Debug, Clone)]
        pub struct Client {
            config: ::std::sync::Arc<super::support::client::Config>,
        }

        impl Client {
            /// A client for `base_url` with default settings.
            pub fn new(base_url: impl Into<String>) -> Self {
                Self::builder().base_url(base_url).build()
            }

            /// A builder starting from [`DEFAULT_BASE_URL`], no credentials, no timeout and no retries.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                &self.config.base_url
            }

            #root_config

            #accessors
            #root_methods
        }
    }
}
