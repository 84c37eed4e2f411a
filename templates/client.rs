/// Run-time support of the generated client (uses the `base64` template for basic credentials): configuration, request building (every parameter style
/// and body kind), sending with optional retries, and the error type. Depends on `reqwest`, `serde`,
/// `serde_json` and `tokio` (for the retry timer) only.
pub mod client {
    use std::fmt;
    use std::time::Duration;

    /// How a parameter value is written (OpenAPI `style`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Style {
        /// `name=a&name=b` (exploded) or `name=a,b`.
        Form,
        /// `a,b` (path and header values).
        Simple,
        /// `name=a%20b` for arrays.
        SpaceDelimited,
        /// `name=a|b` for arrays.
        PipeDelimited,
        /// `name=a%09b` for arrays (Swagger 2.0 `collectionFormat: tsv`).
        TabDelimited,
        /// `name[key]=value` for objects.
        DeepObject,
    }

    /// Where an API key travels.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum KeyIn {
        /// A request header.
        Header,
        /// A query parameter.
        Query,
        /// A cookie.
        Cookie,
    }

    /// How one security scheme is applied to a request.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Scheme {
        /// `Authorization: Bearer <token>`.
        Bearer,
        /// `Authorization: Basic <base64(user:password)>`.
        Basic,
        /// An API key.
        ApiKey {
            /// Header, query parameter or cookie name.
            name: &'static str,
            /// Where it goes.
            location: KeyIn,
        },
    }

    /// A credential given to the client builder, by security scheme.
    #[derive(Clone)]
    pub enum Credential {
        /// A bearer token.
        Bearer(String),
        /// A user name and password.
        Basic(String, String),
        /// An API key.
        ApiKey(String),
    }

    impl fmt::Debug for Credential {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(match self {
                Credential::Bearer(_) => "Bearer(***)",
                Credential::Basic(..) => "Basic(***)",
                Credential::ApiKey(_) => "ApiKey(***)",
            })
        }
    }

    /// Retries of `429 Too Many Requests` and `503 Service Unavailable`, with exponential backoff that
    /// honours `Retry-After` (in seconds), never waiting longer than `max_backoff`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Retry {
        /// How many times a request is sent again at most.
        pub max_retries: u32,
        /// The first wait; doubled after each attempt.
        pub initial_backoff: Duration,
        /// The longest wait, also the cap on `Retry-After`.
        pub max_backoff: Duration,
    }

    impl Default for Retry {
        fn default() -> Self {
            Retry { max_retries: 3, initial_backoff: Duration::from_millis(500), max_backoff: Duration::from_secs(30) }
        }
    }

    /// Everything a client needs to send requests.
    #[derive(Debug, Clone)]
    pub struct Config {
        /// Base URL without a trailing slash; operation paths are appended.
        pub base_url: String,
        /// The HTTP client.
        pub http: reqwest::Client,
        /// Headers sent with every request.
        pub headers: reqwest::header::HeaderMap,
        /// Per-request timeout.
        pub timeout: Option<Duration>,
        /// Retry policy (off when `None`).
        pub retry: Option<Retry>,
        /// Credentials by security scheme key.
        pub credentials: Vec<(&'static str, Credential)>,
        /// The hooks called before every attempt of every request, in order (see [`RequestHook`]).
        pub hooks: Hooks,
    }

    /// An error of a client call. `E` is the operation's declared error body.
    #[derive(Debug)]
    pub enum Error<E> {
        /// The request could not be built (a parameter or body that cannot be written).
        Request(String),
        /// Sending failed or timed out (connection, TLS, I/O).
        Transport(reqwest::Error),
        /// A request hook (see [`RequestHook`]) failed; nothing was sent for that attempt.
        Hook(HookError),
        /// The server answered with an error status.
        Api(ApiError<E>),
        /// A success response whose body does not decode into the declared type.
        Decode {
            /// The HTTP status.
            status: u16,
            /// The start of the body, for diagnosis.
            snippet: String,
            /// What did not decode.
            source: serde_json::Error,
        },
    }

    /// An error status with its headers and body.
    #[derive(Debug)]
    pub struct ApiError<E> {
        /// The HTTP status.
        pub status: u16,
        /// The response headers.
        pub headers: reqwest::header::HeaderMap,
        /// The body decoded into the operation's error type for this status, when it does decode.
        pub body: Option<E>,
        /// The body as received.
        pub raw: Vec<u8>,
    }

    impl<E: fmt::Debug> fmt::Display for Error<E> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Error::Request(message) => write!(f, "invalid request: {message}"),
                Error::Transport(error) => write!(f, "transport error: {error}"),
                Error::Hook(error) => write!(f, "request hook failed: {error}"),
                Error::Api(error) => match &error.body {
                    Some(body) => write!(f, "API error {}: {body:?}", error.status),
                    None => write!(f, "API error {}: {}", error.status, snippet(&error.raw)),
                },
                Error::Decode { status, snippet, source } => {
                    write!(f, "cannot decode the {status} response ({source}): {snippet}")
                }
            }
        }
    }

    impl<E: fmt::Debug> std::error::Error for Error<E> {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            match self {
                Error::Transport(error) => Some(error),
                Error::Hook(error) => Some(&**error),
                Error::Decode { source, .. } => Some(source),
                _ => None,
            }
        }
    }

    impl<E> From<reqwest::Error> for Error<E> {
        fn from(error: reqwest::Error) -> Self {
            Error::Transport(error)
        }
    }

    /// A parameter or body that cannot be written; becomes [`Error::Request`].
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct BuildError(pub String);

    impl<E> From<BuildError> for Error<E> {
        fn from(error: BuildError) -> Self {
            Error::Request(error.0)
        }
    }

    /// A success body that does not decode; becomes [`Error::Decode`].
    #[derive(Debug)]
    pub struct DecodeFailure {
        status: u16,
        snippet: String,
        source: serde_json::Error,
    }

    impl<E> From<DecodeFailure> for Error<E> {
        fn from(failure: DecodeFailure) -> Self {
            Error::Decode { status: failure.status, snippet: failure.snippet, source: failure.source }
        }
    }

    /// The first 200 characters of a body, lossily decoded.
    pub fn snippet(body: &[u8]) -> String {
        String::from_utf8_lossy(body).chars().take(200).collect()
    }

    /// A success body with the response's declared headers, typed.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Response<T, H> {
        /// The decoded body.
        pub body: T,
        /// The declared headers that were present and readable.
        pub headers: H,
    }

    /// A response as received.
    #[derive(Debug)]
    pub struct Raw {
        /// The HTTP status.
        pub status: u16,
        /// The response headers.
        pub headers: reqwest::header::HeaderMap,
        /// The body.
        pub body: Vec<u8>,
    }

    impl Raw {
        /// The body decoded as JSON into `T` (an empty body reads as `null`).
        pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, DecodeFailure> {
            let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) { b"null" } else { &self.body };
            serde_json::from_slice(body).map_err(|source| DecodeFailure { status: self.status, snippet: snippet(&self.body), source })
        }

        /// Reads the whole body of `response`.
        pub async fn read(response: reqwest::Response) -> Result<Raw, reqwest::Error> {
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = response.bytes().await?.to_vec();
            Ok(Raw { status, headers, body })
        }

        /// The status and headers of `response`, without its body (for a streamed response).
        pub fn head(response: &reqwest::Response) -> Raw {
            Raw { status: response.status().as_u16(), headers: response.headers().clone(), body: Vec::new() }
        }

        /// The body as text.
        pub fn text(&self) -> String {
            String::from_utf8_lossy(&self.body).into_owned()
        }

        /// A typed header value, when present and readable.
        pub fn header<T: std::str::FromStr>(&self, name: &str) -> Option<T> {
            self.headers.get(name)?.to_str().ok()?.trim().parse().ok()
        }

        /// An API error for this response, its body decoded as `E` when it can be.
        pub fn error<E: serde::de::DeserializeOwned>(self) -> Error<E> {
            let body = serde_json::from_slice(&self.body).ok();
            Error::Api(ApiError { status: self.status, headers: self.headers, body, raw: self.body })
        }

        /// An API error for this response with a body already decoded by the caller.
        pub fn error_with<E>(self, body: Option<E>) -> Error<E> {
            Error::Api(ApiError { status: self.status, headers: self.headers, body, raw: self.body })
        }
    }

    /// Characters left as they are in a path segment (RFC 3986 unreserved).
    fn unreserved(byte: u8) -> bool {
        byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
    }

    /// Percent-encodes `text` so that it stays one path segment (or one query key or value).
    pub fn encode(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for &byte in text.as_bytes() {
            if unreserved(byte) {
                out.push(char::from(byte));
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    }

    /// A scalar JSON value as parameter text (`true`, `3`, `text`); `None` for null.
    fn scalar(value: &serde_json::Value) -> Option<String> {
        match value {
            serde_json::Value::Null => None,
            serde_json::Value::String(text) => Some(text.clone()),
            other => Some(other.to_string()),
        }
    }

    /// A value in `simple` style: arrays and objects comma-joined (objects as `k,v` pairs, or
    /// `k=v` exploded).
    fn simple(value: &serde_json::Value, explode: bool) -> Option<String> {
        match value {
            serde_json::Value::Array(items) => Some(items.iter().filter_map(scalar).collect::<Vec<_>>().join(",")),
            serde_json::Value::Object(map) => {
                let parts: Vec<String> = map
                    .iter()
                    .filter_map(|(k, v)| scalar(v).map(|v| if explode { format!("{k}={v}") } else { format!("{k},{v}") }))
                    .collect();
                Some(parts.join(","))
            }
            other => scalar(other),
        }
    }

    /// An array's items joined with `separator`; any other value as in `simple` style.
    fn joined(value: &serde_json::Value, separator: &str) -> Option<String> {
        match value {
            serde_json::Value::Array(items) => Some(items.iter().filter_map(scalar).collect::<Vec<_>>().join(separator)),
            other => simple(other, false),
        }
    }

    /// A request being built by a generated operation method.
    #[derive(Debug)]
    pub struct Request {
        method: reqwest::Method,
        path: String,
        query: Vec<(String, String)>,
        headers: Vec<(String, String)>,
        cookies: Vec<(String, String)>,
        body: Option<(String, Vec<u8>)>,
        upload: Option<(String, reqwest::Body)>,
    }

    fn to_value<T: serde::Serialize + ?Sized>(value: &T, what: &str) -> Result<serde_json::Value, BuildError> {
        serde_json::to_value(value).map_err(|e| BuildError(format!("{what}: {e}")))
    }

    impl Request {
        /// A request for `method` on `path` (already encoded, see [`Request::path_param`]).
        pub fn new(method: reqwest::Method, path: impl Into<String>) -> Self {
            Request { method, path: path.into(), query: Vec::new(), headers: Vec::new(), cookies: Vec::new(), body: None, upload: None }
        }

        /// A path parameter in `simple` style, percent-encoded so that it stays one segment.
        pub fn path_param<T: serde::Serialize + ?Sized>(value: &T, name: &str) -> Result<String, BuildError> {
            let value = to_value(value, name)?;
            let text = simple(&value, false).ok_or_else(|| BuildError(format!("path parameter `{name}` is null")))?;
            Ok(encode(&text))
        }

        /// A path parameter whose array items are joined with `separator` (Swagger 2.0
        /// `collectionFormat` `ssv`, `tsv` or `pipes`), percent-encoded so that it stays one segment.
        pub fn path_param_joined<T: serde::Serialize + ?Sized>(value: &T, name: &str, separator: &str) -> Result<String, BuildError> {
            let value = to_value(value, name)?;
            let text = joined(&value, separator).ok_or_else(|| BuildError(format!("path parameter `{name}` is null")))?;
            Ok(encode(&text))
        }

        /// Adds a query parameter; `None`/null values are left out.
        pub fn query<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T, style: Style, explode: bool) -> Result<(), BuildError> {
            let value = to_value(value, name)?;
            match (&value, style) {
                (serde_json::Value::Null, _) => {}
                (serde_json::Value::Array(items), Style::Form) if explode => {
                    self.query.extend(items.iter().filter_map(scalar).map(|v| (name.to_string(), v)));
                }
                (serde_json::Value::Array(items), Style::SpaceDelimited | Style::PipeDelimited | Style::TabDelimited) => {
                    let separator = match style {
                        Style::SpaceDelimited => " ",
                        Style::TabDelimited => "\t",
                        _ => "|",
                    };
                    let joined = items.iter().filter_map(scalar).collect::<Vec<_>>().join(separator);
                    self.query.push((name.to_string(), joined));
                }
                (serde_json::Value::Object(map), Style::DeepObject) => {
                    self.deep_object(name, map);
                }
                (serde_json::Value::Object(map), Style::Form) if explode => {
                    self.query.extend(map.iter().filter_map(|(k, v)| scalar(v).map(|v| (k.clone(), v))));
                }
                (other, _) => {
                    if let Some(text) = simple(other, false) {
                        self.query.push((name.to_string(), text));
                    }
                }
            }
            Ok(())
        }

        fn deep_object(&mut self, prefix: &str, map: &serde_json::Map<String, serde_json::Value>) {
            for (key, value) in map {
                let name = format!("{prefix}[{key}]");
                match value {
                    serde_json::Value::Object(inner) => self.deep_object(&name, inner),
                    serde_json::Value::Array(items) => {
                        self.query.extend(items.iter().filter_map(scalar).map(|v| (format!("{name}[]"), v)));
                    }
                    other => self.query.extend(scalar(other).map(|v| (name, v))),
                }
            }
        }

        /// Adds a header parameter in `simple` style; `None` is left out.
        pub fn header<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), BuildError> {
            if let Some(text) = simple(&to_value(value, name)?, false) {
                self.headers.push((name.to_string(), text));
            }
            Ok(())
        }

        /// Adds a header parameter whose array items are joined with `separator` (Swagger 2.0
        /// `collectionFormat` `ssv`, `tsv` or `pipes`); `None` is left out.
        pub fn header_joined<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T, separator: &str) -> Result<(), BuildError> {
            if let Some(text) = joined(&to_value(value, name)?, separator) {
                self.headers.push((name.to_string(), text));
            }
            Ok(())
        }

        /// Adds a cookie parameter; `None` is left out.
        pub fn cookie<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), BuildError> {
            if let Some(text) = simple(&to_value(value, name)?, false) {
                self.cookies.push((name.to_string(), encode(&text)));
            }
            Ok(())
        }

        /// A JSON body with `content_type` (`application/json` or a `+json` type).
        pub fn json<T: serde::Serialize + ?Sized>(&mut self, content_type: &str, body: &T) -> Result<(), BuildError> {
            let bytes = serde_json::to_vec(body).map_err(|e| BuildError(format!("body: {e}")))?;
            self.body = Some((content_type.to_string(), bytes));
            Ok(())
        }

        /// An `application/x-www-form-urlencoded` body from an object: arrays repeat the key, nested
        /// objects are written as JSON text.
        pub fn form<T: serde::Serialize + ?Sized>(&mut self, body: &T) -> Result<(), BuildError> {
            let value = to_value(body, "body")?;
            let serde_json::Value::Object(map) = value else {
                return Err(BuildError("a form body must be an object".into()));
            };
            let mut pairs = Vec::new();
            for (key, value) in &map {
                match value {
                    serde_json::Value::Null => {}
                    serde_json::Value::Array(items) => {
                        pairs.extend(items.iter().map(|v| (key.clone(), scalar(v).unwrap_or_default())));
                    }
                    serde_json::Value::Object(_) => pairs.push((key.clone(), value.to_string())),
                    other => pairs.extend(scalar(other).map(|v| (key.clone(), v))),
                }
            }
            let text = pairs.iter().map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v))).collect::<Vec<_>>().join("&");
            self.body = Some(("application/x-www-form-urlencoded".into(), text.into_bytes()));
            Ok(())
        }

        /// A body of raw bytes.
        pub fn bytes(&mut self, content_type: &str, bytes: Vec<u8>) {
            self.body = Some((content_type.to_string(), bytes));
        }

        /// A body of raw bytes given as anything reqwest sends: bytes (sent again on a retry) or a
        /// stream, such as a file (`reqwest::Body::from(tokio::fs::File)`) or
        /// `reqwest::Body::wrap_stream(..)`, sent as it is read (once: such a request is not retried).
        pub fn upload(&mut self, content_type: &str, body: reqwest::Body) {
            match body.as_bytes() {
                Some(bytes) => self.body = Some((content_type.to_string(), bytes.to_vec())),
                None => self.upload = Some((content_type.to_string(), body)),
            }
        }

        /// A text body.
        pub fn text(&mut self, content_type: &str, text: String) {
            self.body = Some((content_type.to_string(), text.into_bytes()));
        }

        /// A `multipart/form-data` body.
        pub fn multipart(&mut self, form: Multipart) {
            let content_type = format!("multipart/form-data; boundary={}", form.boundary);
            let mut body = form.body;
            body.extend_from_slice(format!("--{}--\r\n", form.boundary).as_bytes());
            self.body = Some((content_type, body));
        }
    }

    /// `application/x-www-form-urlencoded` encoding: spaces as `+`.
    fn form_encode(text: &str) -> String {
        encode(text).replace("%20", "+")
    }

    /// A `multipart/form-data` body being built.
    #[derive(Debug)]
    pub struct Multipart {
        boundary: String,
        body: Vec<u8>,
    }

    impl Default for Multipart {
        fn default() -> Self {
            Self::new()
        }
    }

    impl Multipart {
        /// An empty form with a fixed boundary (the parts never contain it: see [`Multipart::part`]).
        pub fn new() -> Self {
            Multipart { boundary: "specforge-boundary-7MA4YWxkTrZu0gW".into(), body: Vec::new() }
        }

        /// Adds a part with its headers.
        pub fn part(&mut self, name: &str, file_name: Option<&str>, content_type: Option<&str>, bytes: &[u8]) {
            let quoted = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"").replace(['\r', '\n'], " ");
            let mut head = format!("--{}\r\nContent-Disposition: form-data; name=\"{}\"", self.boundary, quoted(name));
            if let Some(file_name) = file_name {
                head.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
            }
            head.push_str("\r\n");
            if let Some(content_type) = content_type {
                head.push_str(&format!("Content-Type: {content_type}\r\n"));
            }
            head.push_str("\r\n");
            self.body.extend_from_slice(head.as_bytes());
            self.body.extend_from_slice(bytes);
            self.body.extend_from_slice(b"\r\n");
        }

        /// Adds a field: strings as text, other JSON values as JSON, arrays as one part per item,
        /// `None` left out.
        pub fn field<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), BuildError> {
            match to_value(value, name)? {
                serde_json::Value::Null => {}
                serde_json::Value::Array(items) => {
                    for item in items {
                        self.value_part(name, &item);
                    }
                }
                other => self.value_part(name, &other),
            }
            Ok(())
        }

        fn value_part(&mut self, name: &str, value: &serde_json::Value) {
            match value {
                serde_json::Value::String(text) => self.part(name, None, None, text.as_bytes()),
                serde_json::Value::Object(_) | serde_json::Value::Array(_) => {
                    self.part(name, None, Some("application/json"), value.to_string().as_bytes())
                }
                other => self.part(name, None, None, other.to_string().as_bytes()),
            }
        }

        /// Adds a file part.
        pub fn file(&mut self, name: &str, file: &File) {
            self.part(name, Some(&file.name), Some(&file.content_type), &file.bytes);
        }
    }

    /// A file for a multipart body: its name, content type and bytes.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct File {
        /// The file name sent with it.
        pub name: String,
        /// Its media type.
        pub content_type: String,
        /// Its content.
        pub bytes: Vec<u8>,
    }

    impl File {
        /// A file named `name` holding `bytes`, sent as `application/octet-stream`.
        pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
            File { name: name.into(), content_type: "application/octet-stream".into(), bytes: bytes.into() }
        }

        /// The same file with another media type.
        pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
            self.content_type = content_type.into();
            self
        }
    }

    /// Applies the first alternative of `security` whose credentials are all configured (an empty
    /// alternative means no authentication; no alternatives means none is needed).
    fn authenticate(config: &Config, request: &mut Request, security: &[&[(&str, Scheme)]]) {
        let credential = |key: &str| config.credentials.iter().find(|(k, _)| *k == key).map(|(_, c)| c);
        let Some(chosen) = security.iter().find(|alternative| alternative.iter().all(|(key, _)| credential(key).is_some())) else {
            return;
        };
        for (key, scheme) in chosen.iter() {
            match (scheme, credential(key)) {
                (Scheme::Bearer, Some(Credential::Bearer(token) | Credential::ApiKey(token))) => {
                    request.headers.push(("Authorization".into(), format!("Bearer {token}")));
                }
                (Scheme::Basic, Some(Credential::Basic(user, password))) => {
                    let encoded = super::base64::encode(format!("{user}:{password}").as_bytes());
                    request.headers.push(("Authorization".into(), format!("Basic {encoded}")));
                }
                (Scheme::ApiKey { name, location }, Some(Credential::ApiKey(key) | Credential::Bearer(key))) => match location {
                    KeyIn::Header => request.headers.push((name.to_string(), key.clone())),
                    KeyIn::Query => request.query.push((name.to_string(), key.clone())),
                    KeyIn::Cookie => request.cookies.push((name.to_string(), encode(key))),
                },
                _ => {}
            }
        }
    }

    /// The URL of `request` on `base_url`.
    fn url(base_url: &str, request: &Request) -> String {
        let mut url = format!("{}{}", base_url.trim_end_matches('/'), request.path);
        for (i, (key, value)) in request.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(&encode(key).replace("%5B", "[").replace("%5D", "]"));
            url.push('=');
            url.push_str(&encode(value));
        }
        url
    }

    /// How long to wait before retry number `attempt` (0-based): `Retry-After` seconds when given,
    /// else exponential backoff; never more than `max_backoff`.
    pub fn backoff(retry: &Retry, attempt: u32, retry_after: Option<&str>) -> Duration {
        let wait = match retry_after.and_then(|v| v.trim().parse::<u64>().ok()) {
            Some(seconds) => Duration::from_secs(seconds),
            None => retry.initial_backoff.saturating_mul(2u32.saturating_pow(attempt)),
        };
        wait.min(retry.max_backoff)
    }

    /// Sends `request` (authenticated per `security`, with `options` over the client's settings),
    /// retrying 429 and 503 when configured; the hooks run before every attempt. The response as
    /// received, its body read.
    pub async fn send(config: &Config, request: Request, security: &[&[(&str, Scheme)]], options: &RequestOptions, operation: &'static str) -> Result<Raw, Failure> {
        let response = respond(config, request, security, options, operation).await?;
        Raw::read(response).await.map_err(Failure::Transport)
    }

    /// What [`send`] does up to the response, whose body is left unread (streamed responses read it
    /// as it arrives). A streamed upload is sent once: its response is not retried.
    pub async fn respond(config: &Config, mut request: Request, security: &[&[(&str, Scheme)]], options: &RequestOptions, operation: &'static str) -> Result<reqwest::Response, Failure> {
        authenticate(config, &mut request, security);
        let mut upload = request.upload.take();
        let url = url(&config.base_url, &request);
        let timeout = options.timeout.or(config.timeout);
        let retry = options.retry.or(config.retry);
        let mut attempt = 0;
        let mut streamed = false;
        loop {
            let mut builder = config.http.request(request.method.clone(), &url).headers(config.headers.clone());
            for (name, value) in &request.headers {
                builder = builder.header(name.as_str(), value.as_str());
            }
            if !request.cookies.is_empty() {
                let cookie = request.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
                builder = builder.header("Cookie", cookie);
            }
            if let Some((content_type, body)) = &request.body {
                builder = builder.header("Content-Type", content_type.as_str()).body(body.clone());
            } else if let Some((content_type, body)) = upload.take() {
                builder = builder.header("Content-Type", content_type).body(body);
                streamed = true;
            }
            if let Some(timeout) = timeout {
                builder = builder.timeout(timeout);
            }
            let mut built = builder.build().map_err(Failure::Transport)?;
            options.apply(&mut built)?;
            let context = RequestContext { operation, attempt };
            for hook in &config.hooks.0 {
                hook.on_request(&mut built, &context).await.map_err(Failure::Hook)?;
            }
            let response = config.http.execute(built).await.map_err(Failure::Transport)?;
            let status = response.status().as_u16();
            if let Some(retry) = &retry {
                if matches!(status, 429 | 503) && attempt < retry.max_retries && !streamed {
                    let after = response.headers().get("Retry-After").and_then(|v| v.to_str().ok()).map(str::to_owned);
                    tokio::time::sleep(backoff(retry, attempt, after.as_deref())).await;
                    attempt += 1;
                    continue;
                }
            }
            return Ok(response);
        }
    }

    /// Why a request got no response; becomes [`Error::Request`], [`Error::Transport`] or [`Error::Hook`].
    #[derive(Debug)]
    pub enum Failure {
        /// The request could not be built.
        Request(String),
        /// Sending failed.
        Transport(reqwest::Error),
        /// A hook failed.
        Hook(HookError),
    }

    impl<E> From<Failure> for Error<E> {
        fn from(failure: Failure) -> Self {
            match failure {
                Failure::Request(message) => Error::Request(message),
                Failure::Transport(error) => Error::Transport(error),
                Failure::Hook(error) => Error::Hook(error),
            }
        }
    }

    /// Settings of one call that override the client's: timeout, retry policy, extra headers (an
    /// idempotency key among them). Give them to [`Call::with_options`].
    ///
    /// ```text
    /// let options = RequestOptions::new().timeout(Duration::from_secs(2)).idempotency_key("order-42");
    /// client.create_order(&order).with_options(options).await?;
    /// ```
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct RequestOptions {
        timeout: Option<Duration>,
        retry: Option<Retry>,
        headers: Vec<(String, String)>,
    }

    impl RequestOptions {
        /// No overrides: the client's settings.
        pub fn new() -> Self {
            Self::default()
        }

        /// The time limit of each attempt of this call, instead of the client's.
        pub fn timeout(mut self, timeout: Duration) -> Self {
            self.timeout = Some(timeout);
            self
        }

        /// The retry policy of this call, instead of the client's.
        pub fn retry(mut self, retry: Retry) -> Self {
            self.retry = Some(retry);
            self
        }

        /// No retries for this call, whatever the client's policy.
        pub fn no_retry(self) -> Self {
            self.retry(Retry { max_retries: 0, ..Retry::default() })
        }

        /// A header sent with this call, replacing a default header or parameter of the same name
        /// (an invalid name or value fails the call with [`Error::Request`]).
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.headers.push((name.into(), value.into()));
            self
        }

        /// `Idempotency-Key: key`, sent unchanged on every attempt, so that the server can tell a
        /// retried `POST` from a new one (Stripe-style).
        pub fn idempotency_key(self, key: impl Into<String>) -> Self {
            self.header("Idempotency-Key", key)
        }

        /// Writes the headers into `request`.
        fn apply(&self, request: &mut reqwest::Request) -> Result<(), Failure> {
            for (name, value) in &self.headers {
                let name = reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|e| Failure::Request(format!("header name `{name}`: {e}")))?;
                let value = reqwest::header::HeaderValue::from_str(value).map_err(|e| Failure::Request(format!("header `{name}`: {e}")))?;
                request.headers_mut().insert(name, value);
            }
            Ok(())
        }
    }

    /// The error a hook returns to fail a call ([`Error::Hook`]).
    pub type HookError = Box<dyn std::error::Error + Send + Sync>;

    /// The future a [`RequestHook`] returns.
    pub type HookFuture<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), HookError>> + Send + 'a>>;

    /// What a hook knows about the request it sees.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[non_exhaustive]
    pub struct RequestContext {
        /// The operation's `operationId` (else its method and path).
        pub operation: &'static str,
        /// 0 for the first attempt, then 1, 2... for retries.
        pub attempt: u32,
    }

    /// Code run before every attempt of every request, after the client has written it (URL,
    /// headers, credentials, body, per-call options): it may read or change anything, such as
    /// refreshing an OAuth token or adding tracing headers. Plain closures are given with
    /// `ClientBuilder::on_request`; implement this trait for async work and give it with
    /// `ClientBuilder::request_hook`.
    pub trait RequestHook: Send + Sync {
        /// Called before `request` is sent; an error fails the call with [`Error::Hook`].
        fn on_request<'a>(&'a self, request: &'a mut reqwest::Request, context: &'a RequestContext) -> HookFuture<'a>;
    }

    /// A plain closure as a [`RequestHook`].
    pub struct FnHook<F>(pub F);

    impl<F> RequestHook for FnHook<F>
    where
        F: Fn(&mut reqwest::Request, &RequestContext) -> Result<(), HookError> + Send + Sync,
    {
        fn on_request<'a>(&'a self, request: &'a mut reqwest::Request, context: &'a RequestContext) -> HookFuture<'a> {
            let result = (self.0)(request, context);
            Box::pin(std::future::ready(result))
        }
    }

    /// The hooks of a client, in the order they run.
    #[derive(Clone, Default)]
    pub struct Hooks(pub Vec<std::sync::Arc<dyn RequestHook>>);

    impl fmt::Debug for Hooks {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "Hooks({})", self.0.len())
        }
    }

    /// A success with the status and every header of its response.
    #[derive(Debug, Clone, PartialEq)]
    pub struct WithResponse<T> {
        /// The decoded success, as the call alone returns it.
        pub value: T,
        /// The HTTP status.
        pub status: u16,
        /// Every response header, declared or not.
        pub headers: reqwest::header::HeaderMap,
    }

    /// The security alternatives of an operation (see `authenticate`).
    pub type Security = &'static [&'static [(&'static str, Scheme)]];

    /// How a call turns its response into the result.
    enum Decode<T, E> {
        /// The body is read whole, then decoded by status.
        Body(fn(Raw) -> Result<T, Error<E>>),
        /// A success status (2xx) hands the response over unread, to be read as it arrives; any
        /// other status reads the body for `error`.
        Stream { success: fn(reqwest::Response) -> Result<T, Error<E>>, error: fn(Raw) -> Result<T, Error<E>> },
    }

    /// One call of an operation, not sent yet: `.await` it for the result, or first give it
    /// per-call settings with [`Call::with_options`], or read the status and headers with
    /// [`Call::with_response`]. A streaming call is the same: options, hooks and retries apply to
    /// the request, and its result holds the response body still to be read.
    #[must_use = "a call sends nothing until it is awaited"]
    pub struct Call<T, E> {
        config: std::sync::Arc<Config>,
        operation: &'static str,
        request: Result<Request, BuildError>,
        security: Security,
        decode: Decode<T, E>,
        options: RequestOptions,
    }

    impl<T, E> fmt::Debug for Call<T, E> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("Call").field("operation", &self.operation).field("request", &self.request).field("options", &self.options).finish()
        }
    }

    impl<T, E> Call<T, E> {
        /// A call of `operation` whose request `build` writes (now: the call borrows nothing),
        /// authenticated per `security`, whose response `decode` reads.
        pub fn new(
            config: &std::sync::Arc<Config>,
            operation: &'static str,
            build: impl FnOnce() -> Result<Request, BuildError>,
            security: Security,
            decode: fn(Raw) -> Result<T, Error<E>>,
        ) -> Self {
            Call { config: config.clone(), operation, request: build(), security, decode: Decode::Body(decode), options: RequestOptions::default() }
        }

        /// A call as [`Call::new`] whose success response (2xx) is streamed: `success` gets it before
        /// its body is read; any other status is read whole and decoded by `error`.
        pub fn streamed(
            config: &std::sync::Arc<Config>,
            operation: &'static str,
            build: impl FnOnce() -> Result<Request, BuildError>,
            security: Security,
            success: fn(reqwest::Response) -> Result<T, Error<E>>,
            error: fn(Raw) -> Result<T, Error<E>>,
        ) -> Self {
            Call { config: config.clone(), operation, request: build(), security, decode: Decode::Stream { success, error }, options: RequestOptions::default() }
        }

        /// The same call with `options` over the client's settings.
        pub fn with_options(mut self, options: RequestOptions) -> Self {
            self.options = options;
            self
        }

        /// Sends the call; the response with its body unread (before the status decides success).
        async fn respond(self) -> Result<(reqwest::Response, Decode<T, E>), Failure> {
            let request = self.request.map_err(|e| Failure::Request(e.0))?;
            let response = respond(&self.config, request, self.security, &self.options, self.operation).await?;
            Ok((response, self.decode))
        }

        /// Sends the call; the decoded success with the status and every header of the response.
        pub async fn with_response(self) -> Result<WithResponse<T>, Error<E>> {
            let (response, decode) = self.respond().await?;
            let (status, headers) = (response.status().as_u16(), response.headers().clone());
            Ok(WithResponse { value: decode.finish(response).await?, status, headers })
        }
    }

    impl<T, E> Decode<T, E> {
        /// The result of the call whose response is `response`.
        async fn finish(self, response: reqwest::Response) -> Result<T, Error<E>> {
            match self {
                Decode::Body(decode) => decode(Raw::read(response).await?),
                Decode::Stream { success, .. } if response.status().is_success() => success(response),
                Decode::Stream { error, .. } => error(Raw::read(response).await?),
            }
        }
    }

    impl<T: Send + 'static, E: Send + 'static> std::future::IntoFuture for Call<T, E> {
        type Output = Result<T, Error<E>>;
        type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send>>;

        fn into_future(self) -> Self::IntoFuture {
            Box::pin(async move {
                let (response, decode) = self.respond().await?;
                decode.finish(response).await
            })
        }
    }
}
