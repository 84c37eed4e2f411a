//! The HTTP client: `pub mod client` with `Client`, its builder (base URL, HTTP client, headers,
//! timeout, retries, one credential setter per security scheme), one sub-client per tag, and one
//! async method per operation ([`method`]).

mod method;
pub(super) mod names;

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

/// How a security scheme is applied, as a `support::client::Scheme` expression.
pub(super) fn scheme_expr(scheme: &SecurityScheme) -> Option<TokenStream> {
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

/// One builder method per security scheme that the client can apply.
fn credential_setters(cx: &Cx<'_>) -> TokenStream {
    let mut out = TokenStream::new();
    for scheme in &cx.api.security_schemes {
        let name = ident(&scheme.name);
        let key = &scheme.key;
        let about = scheme.description.as_deref().map(|d| format!("\n\n{d}")).unwrap_or_default();
        out.extend(match &scheme.kind {
            SecurityKind::Bearer | SecurityKind::OAuth2 | SecurityKind::OpenIdConnect => {
                let docs = doc_attrs(&format!("Sets the bearer token of the `{key}` security scheme.{about}"));
                quote! {
                    #docs
                    pub fn #name(mut self, token: impl Into<String>) -> Self {
                        self.credentials.push((#key, super::support::client::Credential::Bearer(token.into())));
                        self
                    }
                }
            }
            SecurityKind::Basic => {
                let docs = doc_attrs(&format!("Sets the user name and password of the `{key}` security scheme (HTTP basic).{about}"));
                quote! {
                    #docs
                    pub fn #name(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
                        self.credentials.push((#key, super::support::client::Credential::Basic(user.into(), password.into())));
                        self
                    }
                }
            }
            SecurityKind::ApiKey { param, location } => {
                let place = match location {
                    ParamLocation::Query => "query parameter",
                    ParamLocation::Cookie => "cookie",
                    _ => "header",
                };
                let docs = doc_attrs(&format!("Sets the API key of the `{key}` security scheme (sent as the `{param}` {place}).{about}"));
                quote! {
                    #docs
                    pub fn #name(mut self, key: impl Into<String>) -> Self {
                        self.credentials.push((#key, super::support::client::Credential::ApiKey(key.into())));
                        self
                    }
                }
            }
            SecurityKind::OtherHttp { .. } | SecurityKind::MutualTls => TokenStream::new(),
        });
    }
    out
}

/// `pub mod client { ... }`.
pub fn client_module(cx: &mut Cx<'_>) -> TokenStream {
    cx.needs.client = true;
    // Basic credentials are encoded with the base64 template.
    cx.needs.base64 = true;
    cx.needs.serde_json = true;
    cx.prefix = quote!(super::);
    let api = cx.api;
    let re_exports = names::RE_EXPORTS.iter().map(|name| ident(name));
    let title = if api.info.title.is_empty() { "the API".to_string() } else { api.info.title.clone() };
    let base_url = default_base_url(api);
    let setters = credential_setters(cx);

    let mut items = TokenStream::new();
    let mut root_methods = TokenStream::new();
    let mut group_methods: Vec<TokenStream> = vec![TokenStream::new(); api.groups.len()];
    for op in &api.operations {
        let generated = method::operation(cx, op);
        items.extend(generated.items);
        match op.group {
            Some(group) => group_methods[group].extend(generated.method),
            None => root_methods.extend(generated.method),
        }
    }
    let mut accessors = TokenStream::new();
    for (group, methods) in api.groups.iter().zip(group_methods) {
        let accessor = ident(&group.method);
        let type_name = ident(&group.type_name);
        let tag = &group.tag;
        let tag_code = code(tag);
        let accessor_docs = own_doc_attrs(&format!("Operations tagged {tag_code}."));
        let type_docs = own_doc_attrs(&format!("The operations tagged {tag_code}, from [`Client::{}`].", group.method));
        accessors.extend(quote! {
            #accessor_docs
            pub fn #accessor(&self) -> #type_name<'_> {
                #type_name { client: self }
            }
        });
        items.extend(quote! {
            #type_docs
            #[derive(Debug, Clone, Copy)]
            pub struct #type_name<'a> {
                client: &'a Client,
            }

            impl #type_name<'_> {
                fn config(&self) -> &super::support::client::Config {
                    &self.client.config
                }

                #methods
            }
        });
    }
    cx.prefix = TokenStream::new();
    let root_config = if root_methods.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            fn config(&self) -> &super::support::client::Config {
                &self.config
            }
        }
    };
    // The title is the spec's text: sanitized like every description.
    let title_docs = doc_attrs(&format!("A client for {title}."));
    let own_docs = own_doc_attrs(
        "\nCheap to clone: clones share the HTTP connection pool. Build one with [`Client::new`] or [`Client::builder`].",
    );
    let client_docs = quote!(#title_docs #own_docs);
    let default_docs = own_doc_attrs(&if base_url.is_empty() {
        "The spec declares no server: set one with [`ClientBuilder::base_url`].".to_string()
    } else {
        format!("The spec's first server: {}.", code(&base_url))
    });
    quote! {
        /// The HTTP client: one async method per operation, grouped by tag.
        #[allow(deprecated)]
        pub mod client {
            pub use super::support::client::{#(#re_exports),*};

            #default_docs
            pub const DEFAULT_BASE_URL: &str = #base_url;

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

            /// Builds a [`Client`].
            #[derive(Debug, Clone)]
            pub struct ClientBuilder {
                base_url: String,
                http: Option<reqwest::Client>,
                headers: reqwest::header::HeaderMap,
                timeout: Option<::std::time::Duration>,
                retry: Option<Retry>,
                credentials: Vec<(&'static str, super::support::client::Credential)>,
            }

            impl Default for ClientBuilder {
                fn default() -> Self {
                    ClientBuilder {
                        base_url: DEFAULT_BASE_URL.to_string(),
                        http: None,
                        headers: reqwest::header::HeaderMap::new(),
                        timeout: None,
                        retry: None,
                        credentials: Vec::new(),
                    }
                }
            }

            impl ClientBuilder {
                /// The base URL (scheme, host and path prefix) requests go to.
                pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
                    self.base_url = base_url.into().trim_end_matches('/').to_string();
                    self
                }

                /// Sends requests with this `reqwest::Client` (proxies, TLS settings, connection pool).
                pub fn http_client(mut self, http: reqwest::Client) -> Self {
                    self.http = Some(http);
                    self
                }

                /// A header sent with every request.
                pub fn default_header(mut self, name: reqwest::header::HeaderName, value: reqwest::header::HeaderValue) -> Self {
                    self.headers.insert(name, value);
                    self
                }

                /// The time limit of each request.
                pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                    self.timeout = Some(timeout);
                    self
                }

                /// Retries `429` and `503` responses with backoff, honouring `Retry-After` (off by default).
                pub fn retry(mut self, retry: Retry) -> Self {
                    self.retry = Some(retry);
                    self
                }

                #setters

                /// The client.
                pub fn build(self) -> Client {
                    Client {
                        config: ::std::sync::Arc::new(super::support::client::Config {
                            base_url: self.base_url,
                            http: self.http.unwrap_or_default(),
                            headers: self.headers,
                            timeout: self.timeout,
                            retry: self.retry,
                            credentials: self.credentials,
                        }),
                    }
                }
            }

            #items
        }
    }
}
