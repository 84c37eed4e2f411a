/// Run-time support of streamed responses, included only when a method streams: server-sent events
/// (`EventStream`, the wire format parsed by `SseParser`), newline-delimited JSON (`JsonLines`)
/// and unbuffered bytes (`ByteStream`). Each is a `futures_core::Stream` read chunk by chunk as the
/// response arrives, so memory stays flat whatever the body's size. Depends on `reqwest` (with its
/// `stream` feature), `futures-core`, `bytes`, `serde` and `serde_json`.
pub mod stream {
    use futures_core::Stream;
    use std::collections::VecDeque;
    use std::fmt;
    use std::marker::PhantomData;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use std::time::Duration;

    /// The chunks of a body as they arrive.
    type Chunks = Pin<Box<dyn Stream<Item = Result<bytes::Bytes, reqwest::Error>> + Send>>;

    /// An error while reading a stream: the connection failed, or an item did not decode (the
    /// stream goes on after a decode error, and ends after a transport error).
    #[derive(Debug)]
    pub enum StreamError {
        /// Reading the body failed (connection reset, timeout).
        Transport(reqwest::Error),
        /// An item (an event's data, a line) does not decode into the declared type.
        Decode {
            /// The start of the item, for diagnosis.
            snippet: String,
            /// What did not decode.
            source: serde_json::Error,
        },
    }

    impl fmt::Display for StreamError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                StreamError::Transport(error) => write!(f, "transport error while streaming: {error}"),
                StreamError::Decode { snippet, source } => write!(f, "cannot decode a streamed item ({source}): {snippet}"),
            }
        }
    }

    impl std::error::Error for StreamError {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            match self {
                StreamError::Transport(error) => Some(error),
                StreamError::Decode { source, .. } => Some(source),
            }
        }
    }

    impl From<reqwest::Error> for StreamError {
        fn from(error: reqwest::Error) -> Self {
            StreamError::Transport(error)
        }
    }

    fn snippet(text: &[u8]) -> String {
        String::from_utf8_lossy(text).chars().take(200).collect()
    }

    /// One server-sent event as received, before its data is decoded.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct RawEvent {
        /// The event type (`event:` field), `message` when the event names none.
        pub event: String,
        /// The `data:` lines joined with `\n`.
        pub data: String,
        /// The last event ID seen on the stream so far (`id:` fields persist across events).
        pub id: Option<String>,
        /// The reconnection time this event set (`retry:` field), if it set one.
        pub retry: Option<Duration>,
    }

    /// A server-sent event with its data decoded.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Event<T> {
        /// The event type (`event:` field), `message` when the event names none.
        pub event: String,
        /// The last event ID seen on the stream so far: send it as `Last-Event-ID` when reconnecting.
        pub id: Option<String>,
        /// The reconnection time this event set (`retry:` field), if it set one.
        pub retry: Option<Duration>,
        /// The decoded data.
        pub data: T,
    }

    /// An incremental parser of the `text/event-stream` wire format (WHATWG HTML, "Server-sent
    /// events"): lines end with CRLF, LF or CR (also split across chunks); a leading byte-order mark
    /// is skipped; `:` starts a comment; `data` lines accumulate; `event`, `id` (ignored when it holds
    /// NUL) and `retry` (digits only) are read; other fields are ignored; a blank line dispatches the
    /// event, unless it has no `data` line. An event left unterminated at the end is discarded.
    #[derive(Debug, Default)]
    pub struct SseParser {
        buffer: Vec<u8>,
        scanned: usize,
        started: bool,
        event: Option<String>,
        data: String,
        has_data: bool,
        last_id: Option<String>,
        retry: Option<Duration>,
        block_retry: Option<Duration>,
    }

    impl SseParser {
        /// A parser at the start of a stream.
        pub fn new() -> Self {
            Self::default()
        }

        /// The last event ID seen (for `Last-Event-ID` when reconnecting).
        pub fn last_event_id(&self) -> Option<&str> {
            self.last_id.as_deref()
        }

        /// The latest reconnection time the server asked for.
        pub fn retry(&self) -> Option<Duration> {
            self.retry
        }

        /// Reads `bytes` and appends the events they complete to `out`.
        pub fn feed(&mut self, bytes: &[u8], out: &mut VecDeque<RawEvent>) {
            self.buffer.extend_from_slice(bytes);
            if !self.started {
                if self.buffer.len() < 3 && b"\xEF\xBB\xBF".starts_with(&self.buffer) {
                    return;
                }
                self.started = true;
                if self.buffer.starts_with(b"\xEF\xBB\xBF") {
                    self.buffer.drain(..3);
                }
            }
            let mut start = 0;
            let mut i = self.scanned;
            while i < self.buffer.len() {
                let next = match self.buffer[i] {
                    b'\n' => i + 1,
                    b'\r' if i + 1 == self.buffer.len() => break,
                    b'\r' if self.buffer[i + 1] == b'\n' => i + 2,
                    b'\r' => i + 1,
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                let line = String::from_utf8_lossy(&self.buffer[start..i]).into_owned();
                self.line(&line, out);
                start = next;
                i = next;
            }
            self.buffer.drain(..start);
            self.scanned = i - start;
        }

        fn line(&mut self, line: &str, out: &mut VecDeque<RawEvent>) {
            if line.is_empty() {
                let event = self.event.take();
                let retry = self.block_retry.take();
                if !self.has_data {
                    return;
                }
                self.has_data = false;
                let mut data = std::mem::take(&mut self.data);
                if data.ends_with('\n') {
                    data.pop();
                }
                let event = event.filter(|e| !e.is_empty()).unwrap_or_else(|| "message".to_string());
                out.push_back(RawEvent { event, data, id: self.last_id.clone(), retry });
                return;
            }
            if line.starts_with(':') {
                return;
            }
            let (field, value) = match line.split_once(':') {
                Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
                None => (line, ""),
            };
            match field {
                "event" => self.event = Some(value.to_string()),
                "data" => {
                    self.data.push_str(value);
                    self.data.push('\n');
                    self.has_data = true;
                }
                "id" if !value.contains('\0') => self.last_id = Some(value.to_string()),
                "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                    let retry = value.parse().ok().map(Duration::from_millis);
                    self.retry = retry.or(self.retry);
                    self.block_retry = retry;
                }
                _ => {}
            }
        }
    }

    /// Decodes an event's data as JSON into `T`; data that is not JSON is read as a JSON string, so a
    /// `String` item takes plain text.
    pub fn data<T: serde::de::DeserializeOwned>(event: &RawEvent) -> Result<T, serde_json::Error> {
        serde_json::from_str(&event.data).or_else(|error| serde_json::from_value(serde_json::Value::String(event.data.clone())).map_err(|_| error))
    }

    /// Decodes a whole event into `T`, an envelope type with `data` (and `event`, `id`, `retry`)
    /// fields, or a union of such types keyed by `event`: the object `{"event", "data", "id",
    /// "retry"}` made of the event's fields (data as JSON, else as a string) is decoded.
    pub fn envelope<T: serde::de::DeserializeOwned>(event: &RawEvent) -> Result<T, serde_json::Error> {
        let data = serde_json::from_str(&event.data).unwrap_or_else(|_| serde_json::Value::String(event.data.clone()));
        let mut object = serde_json::Map::new();
        object.insert("event".into(), event.event.clone().into());
        object.insert("data".into(), data);
        if let Some(id) = &event.id {
            object.insert("id".into(), id.clone().into());
        }
        if let Some(retry) = event.retry {
            object.insert("retry".into(), (retry.as_millis() as u64).into());
        }
        serde_json::from_value(serde_json::Value::Object(object))
    }

    /// How each event's data becomes an item.
    pub type Decoder<T> = fn(&RawEvent) -> Result<T, serde_json::Error>;

    /// A `text/event-stream` response: a stream of [`Event`]s whose data is decoded into `T`. The
    /// stream ends with the body, or at an event whose data is `[DONE]` (the sentinel OpenAI-style
    /// APIs send last). [`EventStream::last_event_id`] and [`EventStream::retry`] are what a
    /// reconnection needs.
    pub struct EventStream<T> {
        chunks: Chunks,
        parser: SseParser,
        ready: VecDeque<RawEvent>,
        decode: Decoder<T>,
        done: bool,
        _item: PhantomData<fn() -> T>,
    }

    impl<T> fmt::Debug for EventStream<T> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("EventStream").field("parser", &self.parser).field("done", &self.done).finish_non_exhaustive()
        }
    }

    impl<T> EventStream<T> {
        /// The events of `response`, each decoded by `decode`.
        pub fn new(response: reqwest::Response, decode: Decoder<T>) -> Self {
            Self::from_chunks(response.bytes_stream(), decode)
        }

        /// The events of any stream of byte chunks.
        pub fn from_chunks<S>(chunks: S, decode: Decoder<T>) -> Self
        where
            S: Stream<Item = Result<bytes::Bytes, reqwest::Error>> + Send + 'static,
        {
            EventStream { chunks: Box::pin(chunks), parser: SseParser::new(), ready: VecDeque::new(), decode, done: false, _item: PhantomData }
        }

        /// The last event ID the server sent: send it as `Last-Event-ID` when reconnecting.
        pub fn last_event_id(&self) -> Option<&str> {
            self.parser.last_event_id()
        }

        /// The reconnection time the server asked for (`retry:`), if it did.
        pub fn retry(&self) -> Option<Duration> {
            self.parser.retry()
        }
    }

    impl<T> Stream for EventStream<T> {
        type Item = Result<Event<T>, StreamError>;

        fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            let this = self.get_mut();
            loop {
                if let Some(raw) = this.ready.pop_front() {
                    if raw.data.trim() == "[DONE]" {
                        this.done = true;
                        this.ready.clear();
                        return Poll::Ready(None);
                    }
                    let item = match (this.decode)(&raw) {
                        Ok(data) => Ok(Event { event: raw.event, id: raw.id, retry: raw.retry, data }),
                        Err(source) => Err(StreamError::Decode { snippet: snippet(raw.data.as_bytes()), source }),
                    };
                    return Poll::Ready(Some(item));
                }
                if this.done {
                    return Poll::Ready(None);
                }
                match this.chunks.as_mut().poll_next(cx) {
                    Poll::Ready(Some(Ok(bytes))) => this.parser.feed(&bytes, &mut this.ready),
                    Poll::Ready(Some(Err(error))) => {
                        this.done = true;
                        return Poll::Ready(Some(Err(error.into())));
                    }
                    Poll::Ready(None) => this.done = true,
                    Poll::Pending => return Poll::Pending,
                }
            }
        }
    }

    /// A newline-delimited JSON response (`application/x-ndjson`, `application/jsonl`): a stream of
    /// items of type `T`, one per non-blank line (a last line without newline included; `\r` and the
    /// `application/json-seq` record separator are ignored around items).
    pub struct JsonLines<T> {
        chunks: Chunks,
        buffer: Vec<u8>,
        done: bool,
        _item: PhantomData<fn() -> T>,
    }

    impl<T> fmt::Debug for JsonLines<T> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("JsonLines").field("buffered", &self.buffer.len()).field("done", &self.done).finish_non_exhaustive()
        }
    }

    impl<T> JsonLines<T> {
        /// The lines of `response`.
        pub fn new(response: reqwest::Response) -> Self {
            Self::from_chunks(response.bytes_stream())
        }

        /// The lines of any stream of byte chunks.
        pub fn from_chunks<S>(chunks: S) -> Self
        where
            S: Stream<Item = Result<bytes::Bytes, reqwest::Error>> + Send + 'static,
        {
            JsonLines { chunks: Box::pin(chunks), buffer: Vec::new(), done: false, _item: PhantomData }
        }
    }

    /// An item without the blanks, `\r` and record separators around it.
    fn trim_line(line: &[u8]) -> &[u8] {
        let blank = |b: &u8| b.is_ascii_whitespace() || *b == 0x1E;
        let start = line.iter().position(|b| !blank(b)).unwrap_or(line.len());
        let end = line.iter().rposition(|b| !blank(b)).map_or(start, |e| e + 1);
        &line[start..end]
    }

    impl<T: serde::de::DeserializeOwned> JsonLines<T> {
        /// The next complete item in the buffer (all of it at the end of the body).
        fn next_item(&mut self) -> Option<Result<T, StreamError>> {
            loop {
                let line: Vec<u8> = match self.buffer.iter().position(|b| *b == b'\n') {
                    Some(end) => self.buffer.drain(..=end).collect(),
                    None if self.done && !self.buffer.is_empty() => std::mem::take(&mut self.buffer),
                    None => return None,
                };
                let item = trim_line(&line);
                if item.is_empty() {
                    continue;
                }
                return Some(serde_json::from_slice(item).map_err(|source| StreamError::Decode { snippet: snippet(item), source }));
            }
        }
    }

    impl<T: serde::de::DeserializeOwned> Stream for JsonLines<T> {
        type Item = Result<T, StreamError>;

        fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            let this = self.get_mut();
            loop {
                if let Some(item) = this.next_item() {
                    return Poll::Ready(Some(item));
                }
                if this.done {
                    return Poll::Ready(None);
                }
                match this.chunks.as_mut().poll_next(cx) {
                    Poll::Ready(Some(Ok(bytes))) => this.buffer.extend_from_slice(&bytes),
                    Poll::Ready(Some(Err(error))) => {
                        this.done = true;
                        this.buffer.clear();
                        return Poll::Ready(Some(Err(error.into())));
                    }
                    Poll::Ready(None) => this.done = true,
                    Poll::Pending => return Poll::Pending,
                }
            }
        }
    }

    /// A binary (or other non-JSON) response body, read as it arrives rather than buffered: a stream
    /// of byte chunks, with the content type and length the server declared.
    pub struct ByteStream {
        chunks: Chunks,
        content_type: Option<String>,
        content_length: Option<u64>,
        headers: reqwest::header::HeaderMap,
    }

    impl fmt::Debug for ByteStream {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("ByteStream")
                .field("content_type", &self.content_type)
                .field("content_length", &self.content_length)
                .finish_non_exhaustive()
        }
    }

    impl ByteStream {
        /// The body of `response`.
        pub fn new(response: reqwest::Response) -> Self {
            let headers = response.headers().clone();
            let content_type = headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let content_length = response.content_length();
            ByteStream { chunks: Box::pin(response.bytes_stream()), content_type, content_length, headers }
        }

        /// The `Content-Type` the server sent.
        pub fn content_type(&self) -> Option<&str> {
            self.content_type.as_deref()
        }

        /// The length the server announced (`Content-Length`), when it did.
        pub fn content_length(&self) -> Option<u64> {
            self.content_length
        }

        /// Every response header.
        pub fn headers(&self) -> &reqwest::header::HeaderMap {
            &self.headers
        }

        /// Reads the whole body into memory.
        pub async fn bytes(mut self) -> Result<Vec<u8>, reqwest::Error> {
            let mut out = Vec::with_capacity(self.content_length.unwrap_or(0).min(1 << 24) as usize);
            while let Some(chunk) = std::future::poll_fn(|cx| self.chunks.as_mut().poll_next(cx)).await {
                out.extend_from_slice(&chunk?);
            }
            Ok(out)
        }
    }

    impl Stream for ByteStream {
        type Item = Result<bytes::Bytes, reqwest::Error>;

        fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            self.get_mut().chunks.as_mut().poll_next(cx)
        }
    }
}
