//! Per-request options, raw response access and request hooks (issue #16) against a scripted server
//! on 127.0.0.1: the same call with and without options, and the exact request that arrived.
//! (Copied into the generated test crate as `tests/options.rs`.)

mod common;

use client_loopback::loopback::client::*;
use client_loopback::loopback::Part;
use common::{Reply, Server};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn part() -> Part {
    Part { id: 1, name: "bolt".into(), tags: None }
}

fn part_json() -> &'static str {
    r#"{"id":1,"name":"bolt"}"#
}

/// Fast retries for the tests.
fn quick_retry(max_retries: u32) -> Retry {
    Retry { max_retries, initial_backoff: Duration::from_millis(10), max_backoff: Duration::from_millis(20) }
}

/// A server that answers every request with `204` after `delay`.
async fn slow_server(delay: Duration) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else { return };
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                let _ = stream.read(&mut buffer).await;
                tokio::time::sleep(delay).await;
                let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").await;
                let _ = stream.shutdown().await;
            });
        }
    });
    url
}

#[tokio::test]
async fn the_same_call_with_and_without_options() {
    let server = Server::start(vec![Reply::json(201, part_json())]).await;
    let client = Client::builder()
        .base_url(format!("{}/api", server.url))
        .default_header(reqwest::header::HeaderName::from_static("x-client"), reqwest::header::HeaderValue::from_static("default"))
        .build();
    // Required header and cookie parameters are plain fields.
    let params = CreateOrderParams::new("acme".into(), "eu".into());
    let plain = client.orders().create_order(&params, &part()).await.unwrap();
    let options = RequestOptions::new().header("X-Client", "override").header("X-Trace", "t-1").idempotency_key("order-42");
    let with_options = client.orders().create_order(&params, &part()).with_options(options).await.unwrap();
    assert_eq!(plain, with_options);
    let received = server.received();
    let [first, second] = &received[..] else { panic!("two requests") };
    for request in [first, second] {
        assert_eq!((request.method.as_str(), request.target.as_str()), ("POST", "/api/orders"));
        assert_eq!(request.header("x-tenant"), Some("acme"));
        assert_eq!(request.header("cookie"), Some("region=eu"));
        assert_eq!(request.text(), r#"{"id":1,"name":"bolt"}"#);
    }
    assert_eq!(first.header("x-client"), Some("default"));
    assert_eq!(first.header("x-trace"), None);
    assert_eq!(first.header("idempotency-key"), None);
    assert_eq!(second.header("x-client"), Some("override"), "an option header replaces the default one");
    assert_eq!(second.headers.iter().filter(|(k, _)| k == "x-client").count(), 1);
    assert_eq!(second.header("x-trace"), Some("t-1"));
    assert_eq!(second.header("idempotency-key"), Some("order-42"));
    // The call owns its request: the params and body can go before it is awaited.
    let call = {
        let params = CreateOrderParams { expand: Some(true), ..CreateOrderParams::new("t".into(), "us".into()) };
        client.orders().create_order(&params, &part())
    };
    call.await.unwrap();
    assert_eq!(server.received()[2].target, "/api/orders?expand=true");
}

#[tokio::test]
async fn a_timeout_option_overrides_the_clients_either_way() {
    let url = slow_server(Duration::from_millis(600)).await;
    let patient = Client::new(url.clone());
    patient.get_case(1).await.unwrap();
    let started = Instant::now();
    let error = patient.get_case(1).with_options(RequestOptions::new().timeout(Duration::from_millis(100))).await.unwrap_err();
    assert!(matches!(&error, Error::Transport(e) if e.is_timeout()), "{error:?}");
    assert!(started.elapsed() < Duration::from_millis(550), "{:?}", started.elapsed());

    let hasty = Client::builder().base_url(url).timeout(Duration::from_millis(100)).build();
    assert!(matches!(hasty.get_case(1).await, Err(Error::Transport(ref e)) if e.is_timeout()));
    hasty.get_case(1).with_options(RequestOptions::new().timeout(Duration::from_secs(5))).await.unwrap();
}

#[tokio::test]
async fn a_retry_option_overrides_the_clients_and_keeps_the_idempotency_key() {
    let server = Server::start(vec![Reply::status(503), Reply::status(503), Reply::json(201, part_json())]).await;
    let client = Client::new(format!("{}/api", server.url));
    let params = CreateOrderParams::new("acme".into(), "eu".into());
    let options = RequestOptions::new().retry(quick_retry(3)).idempotency_key("k-1");
    client.orders().create_order(&params, &part()).with_options(options).await.unwrap();
    let keys: Vec<Option<String>> = server.received().iter().map(|r| r.header("idempotency-key").map(str::to_owned)).collect();
    assert_eq!(keys, [Some("k-1".to_string()), Some("k-1".to_string()), Some("k-1".to_string())], "one key for every attempt");

    let busy = Server::start(vec![Reply::status(503)]).await;
    let retrying = Client::builder().base_url(format!("{}/api", busy.url)).retry(quick_retry(2)).build();
    let Error::Api(error) = retrying.post_note("x".into()).with_options(RequestOptions::new().no_retry()).await.unwrap_err() else {
        panic!("API error")
    };
    assert_eq!((error.status, busy.received().len()), (503, 1), "no retries for this call");
    let Error::Api(error) = retrying.post_note("x".into()).await.unwrap_err() else { panic!("API error") };
    assert_eq!((error.status, busy.received().len()), (503, 4), "the client's policy without options");
}

#[tokio::test]
async fn with_response_gives_the_status_and_every_header() {
    let server = Server::start(vec![Reply::json(201, part_json()).header("X-Undeclared", "u").header("X-Rate-Limit", "9")]).await;
    let client = Client::new(format!("{}/api", server.url));
    let params = CreateOrderParams::new("acme".into(), "eu".into());
    let response = client.orders().create_order(&params, &part()).with_response().await.unwrap();
    assert_eq!(response.value, part());
    assert_eq!(response.status, 201);
    assert_eq!(response.headers.get("x-undeclared").unwrap(), "u");
    assert_eq!(response.headers.get("x-rate-limit").unwrap(), "9");
    assert_eq!(response.headers.get("content-type").unwrap(), "application/json");
    // Options and raw access together; an empty success body is `()`.
    let empty = client.post_note("x".into()).with_options(RequestOptions::new().header("X-A", "1")).with_response().await.unwrap();
    assert_eq!((empty.value, empty.status), ((), 201));
    assert_eq!(server.received()[1].header("x-a"), Some("1"));
}

#[tokio::test]
async fn hooks_run_before_every_attempt_and_can_change_the_request() {
    let server = Server::start(vec![Reply::status(503), Reply::json(200, part_json())]).await;
    let attempts = Arc::new(AtomicU32::new(0));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (count, log) = (attempts.clone(), seen.clone());
    let client = Client::builder()
        .base_url(format!("{}/api", server.url))
        .bearer("stale")
        .retry(quick_retry(1))
        .on_request(move |request, context| {
            // A fresh token on every attempt (a refresh would go here).
            let n = count.fetch_add(1, Ordering::SeqCst);
            let token = format!("Bearer fresh-{n}").parse()?;
            request.headers_mut().insert(reqwest::header::AUTHORIZATION, token);
            log.lock().unwrap().push((context.operation, context.attempt, request.method().to_string(), request.url().path().to_owned()));
            Ok(())
        })
        .build();
    let got = client.items().get_part("x", 1, &GetPartParams::new(5)).await.unwrap();
    assert_eq!(got.body, part());
    assert_eq!(attempts.load(Ordering::SeqCst), 2, "once per attempt");
    let received = server.received();
    let auth: Vec<Option<&str>> = received.iter().map(|r| r.header("authorization")).collect();
    assert_eq!(auth, [Some("Bearer fresh-0"), Some("Bearer fresh-1")], "the hook's token replaced the client's");
    assert!(received.iter().all(|r| r.headers.iter().filter(|(k, _)| k == "authorization").count() == 1));
    let path = "/api/items/x/parts/1".to_string();
    assert_eq!(*seen.lock().unwrap(), [("getPart", 0, "GET".to_string(), path.clone()), ("getPart", 1, "GET".to_string(), path)]);
}

/// An asynchronous hook, as a token refresher would be.
struct Refresher {
    refreshed: AtomicU32,
}

impl RequestHook for Refresher {
    fn on_request<'a>(
        &'a self,
        request: &'a mut reqwest::Request,
        _context: &'a RequestContext,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), HookError>> + Send + 'a>> {
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(5)).await;
            let n = self.refreshed.fetch_add(1, Ordering::SeqCst);
            if n >= 1 {
                return Err("the token server is down".into());
            }
            request.headers_mut().insert("x-token", format!("async-{n}").parse()?);
            Ok(())
        })
    }
}

#[tokio::test]
async fn async_hooks_run_in_order_and_their_errors_fail_the_call() {
    let server = Server::start(vec![Reply::status(204)]).await;
    let client = Client::builder()
        .base_url(format!("{}/api", server.url))
        .on_request(|request, _| {
            request.headers_mut().insert("x-first", "1".parse()?);
            Ok(())
        })
        .request_hook(Refresher { refreshed: AtomicU32::new(0) })
        .build();
    client.post_note("x".into()).await.unwrap();
    let request = server.only();
    assert_eq!((request.header("x-first"), request.header("x-token")), (Some("1"), Some("async-0")));
    let error = client.post_note("x".into()).await.unwrap_err();
    assert!(matches!(&error, Error::Hook(e) if e.to_string() == "the token server is down"), "{error:?}");
    assert!(error.to_string().contains("request hook failed"), "{error}");
    assert_eq!(server.received().len(), 1, "nothing sent when a hook fails");
}

#[tokio::test]
async fn an_invalid_option_header_is_a_request_error() {
    let server = Server::start(vec![Reply::status(204)]).await;
    let client = Client::new(format!("{}/api", server.url));
    let error = client.post_note("x".into()).with_options(RequestOptions::new().header("bad header", "v")).await.unwrap_err();
    assert!(matches!(&error, Error::Request(m) if m.contains("bad header")), "{error:?}");
    assert!(server.received().is_empty());
}
