//! Streamed responses and uploads of the generated client against a server on 127.0.0.1 that writes
//! its answers in deliberately awkward chunks: server-sent events with every wire-format feature,
//! newline-delimited JSON, an unbuffered download, uploads from a stream and a file, and (ignored,
//! run by `scripts/stream-memory`) a 1 GB download whose peak memory is printed.
//! (Copied into the generated test crate as `tests/streams.rs`.)

use client_streams::streams::client::*;
use client_streams::streams::support::stream::{RawEvent, SseParser};
use client_streams::streams::{ChatRequest, ProgressEvent, StagesResponse, StagesResponseVariant1, Tick};
use futures_util::StreamExt;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A request as received: method, target, lowercased headers, body.
#[derive(Debug, Clone, Default)]
struct Received {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    body_len: u64,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// The server: every request is answered by `answer`, on a connection closed after the response.
struct Server {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Server {
    async fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else { return };
                let log = log.clone();
                tokio::spawn(async move {
                    let _ = serve(socket, log).await;
                });
            }
        });
        Server { url, received }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// Reads one request (a `Content-Length` or chunked body, at most 1 MB kept) and answers it.
async fn serve(socket: TcpStream, log: Arc<Mutex<Vec<Received>>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(socket);
    let mut line = String::new();
    reader.read_line(&mut line).await?;
    let mut parts = line.split_whitespace();
    let mut request = Received {
        method: parts.next().unwrap_or_default().to_string(),
        target: parts.next().unwrap_or_default().to_string(),
        ..Received::default()
    };
    loop {
        line.clear();
        reader.read_line(&mut line).await?;
        let Some((name, value)) = line.trim_end().split_once(':') else { break };
        request.headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let keep = |bytes: &[u8], request: &mut Received| {
        request.body_len += bytes.len() as u64;
        let room = (1usize << 20).saturating_sub(request.body.len());
        request.body.extend_from_slice(&bytes[..bytes.len().min(room)]);
    };
    let mut buffer = vec![0; 64 * 1024];
    if request.header("transfer-encoding") == Some("chunked") {
        loop {
            line.clear();
            reader.read_line(&mut line).await?;
            let mut size = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
            if size == 0 {
                line.clear();
                reader.read_line(&mut line).await?;
                break;
            }
            while size > 0 {
                let n = reader.read(&mut buffer[..size.min(64 * 1024)]).await?;
                keep(&buffer[..n], &mut request);
                size -= n;
            }
            line.clear();
            reader.read_line(&mut line).await?;
        }
    } else if let Some(length) = request.header("content-length").and_then(|v| v.parse::<usize>().ok()) {
        let mut left = length;
        while left > 0 {
            let n = reader.read(&mut buffer[..left.min(64 * 1024)]).await?;
            if n == 0 {
                break;
            }
            keep(&buffer[..n], &mut request);
            left -= n;
        }
    }
    log.lock().unwrap().push(request.clone());
    let mut socket = reader.into_inner();
    answer(&request, &mut socket).await?;
    socket.shutdown().await
}

/// Writes `chunks` one by one, flushed, with a pause between them, so the client reads them apart.
async fn chunks(socket: &mut TcpStream, head: &str, chunks: &[&[u8]]) -> std::io::Result<()> {
    socket.write_all(format!("HTTP/1.1 200 OK\r\n{head}Connection: close\r\n\r\n").as_bytes()).await?;
    for chunk in chunks {
        socket.write_all(chunk).await?;
        socket.flush().await?;
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Ok(())
}

/// The event stream with every wire-format feature, in awkward chunks.
const TICKS: &[&[u8]] = &[
    b"\xEF\xBB",                                     // a byte-order mark split across chunks
    b"\xBF: a comment\r\nretry: 2500\r\n",           // comment, reconnection time
    b"id: 1\r\ndata: {\"n\":1}\r\n\r",               // CRLF split across chunks
    b"\nevent: tick\ndata: {\"n\":2,\n",             // named event, data on two lines
    b"data:\"note\":\"two\"}\n\n",                   // `data:` without a space
    b"id: 7\rdata: {\"n\":3}\r\r",                   // CR line endings
    b"data: {\"n\":4}\nunknown: x\nretry: soon\nid: a\0b\n\n", // unknown field, bad retry, id with NUL
    b":ping\n\nevent: ignored\n\n",                  // a comment-only block, an event without data
    b"data: {\"n\":5}\n\n",                          // its type does not leak into the next event
    b"data: [DONE]\n\ndata: {\"n\":99}\n\n",         // the sentinel ends the stream
];

async fn answer(request: &Received, socket: &mut TcpStream) -> std::io::Result<()> {
    let path = request.target.split('?').next().unwrap_or_default();
    let sse = "Content-Type: text/event-stream\r\nCache-Control: no-cache\r\n";
    match (request.method.as_str(), path) {
        ("GET", "/ticks") if request.header("x-fail-first").is_some() && request.header("x-attempt") == Some("0") => {
            let body = "{\"busy\":true}";
            let head = format!("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            socket.write_all(format!("{head}{body}").as_bytes()).await
        }
        ("GET", "/ticks") => chunks(socket, sse, TICKS).await,
        ("POST", "/chat") if String::from_utf8_lossy(&request.body).contains("\"stream\":true") => {
            chunks(socket, sse, &[b"data: {\"delta\":\"Hel\"}\n\n", b"data: {\"delta\":\"lo\"}\n\n", b"data: [DONE]\n\n"]).await
        }
        ("POST", "/chat") => chunks(socket, "Content-Type: application/json\r\n", &[b"{\"text\":\"Hello\"}"]).await,
        ("GET", "/progress") => {
            let events: &[&[u8]] = &[
                b"event: started\ndata: {\"total\":3}\n\n",
                b"event: advanced\nid: 1\ndata: {\"done\":1}\n\n",
                b"event: finished\ndata: {\"ok\":true}\n\n",
            ];
            chunks(socket, sse, events).await
        }
        ("GET", "/stages") => {
            let events: &[&[u8]] = &[
                b"event: queued\ndata: {\"n\":1}\n\n",
                b"event: running\ndata: {\"n\":2}\n\n",
                b"event: stopped\ndata: {\"n\":3}\n\n",
                b"event: paused\ndata: {\"n\":4}\n\n",
            ];
            chunks(socket, sse, events).await
        }
        ("GET", "/texts") => chunks(socket, sse, &[b"data: hello\ndata: world\n\n", b"data: \"quoted\"\n\n"]).await,
        ("GET", "/lines") => {
            let lines: &[&[u8]] = &[b"{\"n\":1}\n\n{\"n\":", b"2}\r\n", b"not json\n", b"{\"n\":3}"];
            chunks(socket, "Content-Type: application/x-ndjson\r\n", lines).await
        }
        ("GET", "/files/missing") => {
            let body = "{\"message\":\"no such file\"}";
            let head = format!("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            socket.write_all(format!("{head}{body}").as_bytes()).await
        }
        ("GET", _) => {
            // `size` bytes (pattern i % 251), written 64 KiB at a time as the client reads them.
            let size: u64 = request.target.split("size=").nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {size}\r\nX-Checksum: sum-{}\r\nConnection: close\r\n\r\n",
                size % 251
            );
            socket.write_all(head.as_bytes()).await?;
            // A whole number of patterns per block, so that every block continues the pattern.
            let block: Vec<u8> = (0..251 * 256u64).map(|i| (i % 251) as u8).collect();
            let mut sent = 0u64;
            while sent < size {
                let n = (size - sent).min(block.len() as u64);
                socket.write_all(&block[..n as usize]).await?;
                sent += n;
            }
            Ok(())
        }
        ("PUT", _) => {
            let body = format!("{{\"received\":{}}}", request.body_len);
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            socket.write_all(format!("{head}{body}").as_bytes()).await
        }
        _ => socket.write_all(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").await,
    }
}

fn tick(n: i64, note: Option<&str>) -> Tick {
    Tick { n, note: note.map(str::to_string) }
}

#[tokio::test]
async fn server_sent_events_are_parsed_with_every_wire_format_feature() {
    let server = Server::start().await;
    let client = Client::new(&server.url);
    let mut events = client.ticks().await.unwrap();
    let mut seen = Vec::new();
    while let Some(event) = events.next().await {
        seen.push(event.unwrap());
    }
    let summary: Vec<(String, Option<String>, Option<Duration>, Tick)> =
        seen.into_iter().map(|e| (e.event, e.id, e.retry, e.data)).collect();
    assert_eq!(
        summary,
        vec![
            ("message".to_string(), Some("1".to_string()), Some(Duration::from_millis(2500)), tick(1, None)),
            ("tick".to_string(), Some("1".to_string()), None, tick(2, Some("two"))),
            ("message".to_string(), Some("7".to_string()), None, tick(3, None)),
            ("message".to_string(), Some("7".to_string()), None, tick(4, None)),
            ("message".to_string(), Some("7".to_string()), None, tick(5, None)),
        ],
        "`[DONE]` ends the stream: the event after it is not read"
    );
    assert_eq!(events.last_event_id(), Some("7"), "the id to reconnect with");
    assert_eq!(events.retry(), Some(Duration::from_millis(2500)), "the reconnection time");
}

/// A streaming method returns a `Call` as every method does: per-request options, hooks and retries
/// apply to its request, `with_response` gives the status and headers, and an error status is read
/// whole into `Error::Api`.
#[tokio::test]
async fn streaming_calls_take_options_hooks_and_retries() {
    let server = Server::start().await;
    let client = Client::builder()
        .base_url(&server.url)
        .on_request(|request, context| {
            let attempt = context.attempt.to_string().parse()?;
            request.headers_mut().insert("x-attempt", attempt);
            Ok(())
        })
        .build();
    let retry = Retry { max_retries: 1, initial_backoff: Duration::from_millis(10), max_backoff: Duration::from_millis(20) };
    let options = RequestOptions::new().header("X-Fail-First", "yes").retry(retry);
    let response = client.ticks().with_options(options).with_response().await.unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.headers.get("content-type").unwrap(), "text/event-stream");
    let events: Vec<_> = response.value.collect().await;
    assert_eq!(events.len(), 5, "the retried stream is read whole: {events:?}");
    let seen = server.received();
    let attempts: Vec<(Option<&str>, Option<&str>)> = seen.iter().map(|r| (r.header("x-fail-first"), r.header("x-attempt"))).collect();
    assert_eq!(attempts, [(Some("yes"), Some("0")), (Some("yes"), Some("1"))], "the 503 was retried with the options and the hook");

    let options = RequestOptions::new().header("X-Fail-First", "yes").no_retry();
    match client.ticks().with_options(options).await {
        Err(Error::Api(error)) => {
            assert_eq!(error.status, 503);
            assert_eq!(error.raw, b"{\"busy\":true}", "an error status is read whole");
        }
        other => panic!("expected the 503 as an API error, got {other:?}"),
    }
}

#[test]
fn the_parser_gives_the_same_events_whatever_the_chunking() {
    let whole: Vec<u8> = TICKS.concat();
    let parse = |pieces: Vec<&[u8]>| {
        let mut parser = SseParser::new();
        let mut out = VecDeque::new();
        for piece in pieces {
            parser.feed(piece, &mut out);
        }
        out.into_iter().collect::<Vec<RawEvent>>()
    };
    let expected = parse(vec![&whole]);
    assert_eq!(expected.len(), 7, "{expected:?}");
    assert_eq!(expected[1].data, "{\"n\":2,\n\"note\":\"two\"}", "data lines are joined with a newline");
    assert_eq!(expected[5].data, "[DONE]");
    assert_eq!(parse(whole.chunks(1).collect()), expected, "byte by byte");
    for split in 0..whole.len() {
        assert_eq!(parse(vec![&whole[..split], &whole[split..]]), expected, "split at {split}");
    }
    // An unterminated last event is discarded, as the specification says.
    assert!(parse(vec![b"data: x\n"]).is_empty());
}

#[tokio::test]
async fn a_json_or_stream_operation_has_both_methods() {
    let server = Server::start().await;
    let client = Client::new(&server.url);
    let whole = client.chat(&ChatRequest { prompt: "hi".into(), stream: None }).await.unwrap();
    assert_eq!(whole.text, "Hello");
    let mut stream = client.chat_stream(&ChatRequest { prompt: "hi".into(), stream: Some(true) }).await.unwrap();
    let mut text = String::new();
    while let Some(event) = stream.next().await {
        text.push_str(&event.unwrap().data.delta);
    }
    assert_eq!(text, "Hello");
    let seen = server.received();
    assert_eq!(seen[0].header("accept"), Some("*/*"), "the JSON method asks for nothing in particular");
    assert_eq!(seen[1].header("accept"), Some("text/event-stream"), "the streaming method asks for the stream");
}

#[tokio::test]
async fn an_event_union_is_decoded_per_event_name() {
    let server = Server::start().await;
    let client = Client::new(&server.url);
    let events: Vec<_> = client.progress().await.unwrap().collect().await;
    let events: Vec<ProgressEvent> = events.into_iter().map(|e| e.unwrap().data).collect();
    assert_eq!(events.len(), 3);
    assert!(matches!(&events[0], ProgressEvent::Started(s) if s.data.total == 3), "{:?}", events[0]);
    assert!(matches!(&events[1], ProgressEvent::Advanced(a) if a.data.done == 1), "{:?}", events[1]);
    assert!(matches!(&events[2], ProgressEvent::Finished(f) if f.data.ok), "{:?}", events[2]);
}

#[tokio::test]
async fn an_untagged_event_union_is_dispatched_by_event_name() {
    // Every member has the same data, so only the event name tells them apart (an untagged union
    // alone would read every event as its first member: its open `event` enum takes any name).
    let server = Server::start().await;
    let events: Vec<_> = Client::new(&server.url).stages().await.unwrap().collect().await;
    let events: Vec<StagesResponse> = events.into_iter().map(|e| e.unwrap().data).collect();
    assert!(matches!(&events[0], StagesResponse::Queued(q) if q.data.n == 1), "{:?}", events[0]);
    assert!(matches!(&events[1], StagesResponse::Variant1(StagesResponseVariant1::Running(r)) if r.data.n == 2), "{:?}", events[1]);
    assert!(matches!(&events[2], StagesResponse::Variant1(StagesResponseVariant1::Stopped(s)) if s.data.n == 3), "{:?}", events[2]);
    assert!(matches!(&events[3], StagesResponse::Queued(q) if q.data.n == 4), "an unknown name: the union's own order: {:?}", events[3]);
}

#[tokio::test]
async fn text_events_take_plain_text_or_a_json_string() {
    let server = Server::start().await;
    let texts: Vec<String> = Client::new(&server.url).texts().await.unwrap().map(|e| e.unwrap().data).collect().await;
    assert_eq!(texts, ["hello\nworld", "quoted"]);
}

#[tokio::test]
async fn ndjson_is_a_stream_of_typed_items() {
    let server = Server::start().await;
    let items: Vec<_> = Client::new(&server.url).lines().await.unwrap().collect().await;
    assert_eq!(items.len(), 4, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap(), &tick(1, None), "a blank line is skipped");
    assert_eq!(items[1].as_ref().unwrap(), &tick(2, None), "an item split across chunks, CRLF");
    assert!(matches!(&items[2], Err(StreamError::Decode { snippet, .. }) if snippet == "not json"), "{:?}", items[2]);
    assert_eq!(items[3].as_ref().unwrap(), &tick(3, None), "the last line needs no newline");
}

#[tokio::test]
async fn a_binary_response_is_a_byte_stream_with_type_length_and_headers() {
    let server = Server::start().await;
    let client = Client::new(&server.url);
    let response = client.download("a.bin", &DownloadParams { size: Some(300_000) }).await.unwrap();
    assert_eq!(response.headers.x_checksum, Some(format!("sum-{}", 300_000 % 251)));
    let mut body = response.body;
    assert_eq!(body.content_type(), Some("application/octet-stream"));
    assert_eq!(body.content_length(), Some(300_000));
    let mut received = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = body.next().await {
        received.extend_from_slice(&chunk.unwrap());
        chunks += 1;
    }
    assert!(chunks > 1, "read in chunks");
    assert_eq!(received.len(), 300_000);
    assert!(received.iter().enumerate().all(|(i, b)| *b == (i % 251) as u8), "every byte as sent");
    let whole = client.download("b.bin", &DownloadParams { size: Some(1000) }).await.unwrap().body.bytes().await.unwrap();
    assert_eq!(whole.len(), 1000);
    let missing = client.download("missing", &DownloadParams::default()).await.unwrap_err();
    assert!(matches!(&missing, Error::Api(e) if e.status == 404 && e.body.as_ref().unwrap().message == "no such file"), "{missing:?}");
}

#[tokio::test]
async fn uploads_take_bytes_a_stream_or_a_file() {
    let server = Server::start().await;
    let client = Client::new(&server.url);
    assert_eq!(client.upload("a", vec![1, 2, 3]).await.unwrap().received, 3);
    let chunks = (0..48).map(|_| Ok::<_, std::io::Error>(vec![7u8; 64 * 1024]));
    let streamed = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    assert_eq!(client.upload("b", streamed).await.unwrap().received, 48 * 64 * 1024);
    let path = std::env::temp_dir().join(format!("specforge-upload-{}.bin", std::process::id()));
    tokio::fs::write(&path, vec![5u8; 1_000_000]).await.unwrap();
    let file = tokio::fs::File::open(&path).await.unwrap();
    assert_eq!(client.upload("c", file).await.unwrap().received, 1_000_000);
    tokio::fs::remove_file(&path).await.unwrap();
    let seen = server.received();
    assert_eq!(seen[1].header("transfer-encoding"), Some("chunked"), "a stream is sent as it is read");
    assert_eq!(seen[1].header("content-type"), Some("application/octet-stream"));
    assert_eq!(seen[0].body, [1, 2, 3]);
}

/// Peak resident memory of this process (`VmHWM`), in bytes.
fn peak_memory() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok()).unwrap_or(0)
        * 1024
}

#[tokio::test]
#[ignore = "downloads 1 GB: scripts/stream-memory runs it and prints the peak memory"]
async fn a_one_gigabyte_download_keeps_memory_flat() {
    let size: u64 = std::env::var("STREAM_MEMORY_BYTES").ok().and_then(|v| v.parse().ok()).unwrap_or(1 << 30);
    let server = Server::start().await;
    let client = Client::new(&server.url);
    let before = peak_memory();
    let started = std::time::Instant::now();
    let mut body = client.download("big.bin", &DownloadParams { size: Some(size as i64) }).await.unwrap().body;
    assert_eq!(body.content_length(), Some(size));
    let mut received = 0u64;
    while let Some(chunk) = body.next().await {
        received += chunk.unwrap().len() as u64;
    }
    assert_eq!(received, size);
    let peak = peak_memory();
    println!(
        "stream-memory: downloaded {:.2} GB in {:.1} s; peak memory {:.1} MB (before the download {:.1} MB; limit 50 MB)",
        received as f64 / 1e9,
        started.elapsed().as_secs_f64(),
        peak as f64 / 1e6,
        before as f64 / 1e6
    );
}
