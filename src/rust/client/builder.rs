//! `ClientBuilder`: base URL, HTTP client, default headers, timeout, retries, request hooks, and one
//! credential setter per security scheme the client can apply.

use crate::ir::*;
use crate::rust::docs::doc_attrs;
use crate::rust::naming::ident;
use crate::rust::types::Cx;
use proc_macro2::TokenStream;
use quote::quote;

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

/// The `ClientBuilder` struct, its `Default` and its methods.
pub fn client_builder(cx: &Cx<'_>) -> TokenStream {
    let setters = credential_setters(cx);
    quote! {
        /// Builds a [`Client`].
        #[derive(Debug, Clone)]
        pub struct ClientBuilder {
            base_url: String,
            http: Option<reqwest::Client>,
            headers: reqwest::header::HeaderMap,
            timeout: Option<::std::time::Duration>,
            retry: Option<Retry>,
            credentials: Vec<(&'static str, super::support::client::Credential)>,
            hooks: super::support::client::Hooks,
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
                    hooks: super::support::client::Hooks::default(),
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

            /// Runs `hook` before every attempt of every request (retries included), after the
            /// client has written it: it may read or change the request (headers, URL...), and an
            /// error fails the call with [`Error::Hook`]. Hooks run in the order they are added.
            pub fn on_request<F>(self, hook: F) -> Self
            where
                F: Fn(&mut reqwest::Request, &RequestContext) -> Result<(), HookError> + Send + Sync + 'static,
            {
                self.request_hook(super::support::client::FnHook(hook))
            }

            /// Runs an async [`RequestHook`] (refreshing a token, for instance) before every
            /// attempt of every request, as [`ClientBuilder::on_request`] does.
            pub fn request_hook(mut self, hook: impl RequestHook + 'static) -> Self {
                self.hooks.0.push(::std::sync::Arc::new(hook));
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
                        hooks: self.hooks,
                    }),
                }
            }
        }
    }
}
