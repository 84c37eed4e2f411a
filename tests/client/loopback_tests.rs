//! The generated client against a scripted server on 127.0.0.1: the exact request that arrived and
//! the exact value returned, for every parameter style, body kind, security scheme, response kind,
//! retry behaviour and error path. (Copied into the generated test crate as `tests/loopback.rs`.)

mod common;

use client_loopback::loopback::client::*;
use client_loopback::loopback::{
    Account, AccountInput, GetPartFilter, Kind, Label, LabelInput, Part, SubmitFormRequest, UploadRequestMeta,
};
use common::{Reply, Server};
use std::time::{Duration, Instant};

fn part_json() -> &'static str {
    r#"{"id":7,"name":"bolt","tags":["a"]}"#
}

#[tokio::test]
async fn path_segments_are_encoded_and_every_query_style_is_written() {
    let server = Server::start(vec![Reply::json(200, part_json()).header("X-Rate-Remaining", "41")]).await;
    let client = Client::builder().base_url(format!("{}/api", server.url)).bearer("tok").build();
    let params = GetPartParams {
        tags: Some(vec!["x y".into(), "z".into()]),
        ids: Some(vec![1, 2, 3]),
        words: Some(vec!["a".into(), "b".into()]),
        pipes: Some(vec!["p".into(), "q".into()]),
        filter: Some(GetPartFilter { color: Some("red".into()), size: Some(3) }),
        kind: Some(Kind::Large),
        limit: 10,
        x_request_id: Some("req-1".into()),
        session: Some("s 1".into()),
    };
    let response = client.items().get_part("a/b?c#d é", 5, &params).await.unwrap();
    assert_eq!(response.body, Part { id: 7, name: "bolt".into(), tags: Some(vec!["a".into()]) });
    assert_eq!(response.headers.x_rate_remaining, Some(41));
    let request = server.only();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        "/api/items/a%2Fb%3Fc%23d%20%C3%A9/parts/5?tags=x%20y&tags=z&ids=1%2C2%2C3&words=a%20b&pipes=p%7Cq&filter[color]=red&filter[size]=3&kind=large&limit=10"
    );
    assert_eq!(request.header("x-request-id"), Some("req-1"));
    assert_eq!(request.header("cookie"), Some("session=s%201"));
    assert_eq!(request.header("authorization"), Some("Bearer tok"));
}

#[tokio::test]
async fn optional_parameters_are_left_out_and_required_ones_are_plain_fields() {
    let server = Server::start(vec![Reply::json(200, part_json())]).await;
    let client = Client::new(format!("{}/api", server.url));
    // The required `limit` is an `i64`, not an `Option`: `new` takes it (leaving it out does not
    // compile, see `tests/client.rs`), the optional ones start `None`.
    client.items().get_part("x", 1, &GetPartParams::new(1)).await.unwrap();
    let params = GetPartParams { kind: Some(Kind::Small), ..GetPartParams::new(2) };
    client.items().get_part("x", 1, &params).await.unwrap();
    let requests = server.received();
    assert_eq!(requests[0].target, "/api/items/x/parts/1?limit=1");
    assert_eq!(requests[1].target, "/api/items/x/parts/1?kind=small&limit=2");
    assert_eq!(requests[0].header("authorization"), None, "no credentials configured: nothing sent");
    assert_eq!(requests[0].header("cookie"), None);
}

#[tokio::test]
async fn json_body_and_response_enum_by_status() {
    let server = Server::start(vec![Reply::json(201, r#"{"id":9,"location":"/items/9"}"#), Reply::json(200, part_json())]).await;
    let client = Client::builder().base_url(format!("{}/api", server.url)).build();
    let part = Part { id: 1, name: "n".into(), tags: None };
    let created = client.items().create_item(&part).await.unwrap();
    assert!(matches!(created, CreateItemResponse::Status201(ref c) if c.id == 9 && c.location.as_deref() == Some("/items/9")));
    let existing = client.items().create_item(&part).await.unwrap();
    assert!(matches!(existing, CreateItemResponse::Status200(ref p) if p.name == "bolt"));
    let first = &server.received()[0];
    assert_eq!(first.method, "POST");
    assert_eq!(first.header("content-type"), Some("application/json"), "JSON preferred over the form alternative");
    assert_eq!(first.text(), r#"{"id":1,"name":"n"}"#);
}

#[tokio::test]
async fn form_body_without_security() {
    let server = Server::start(vec![Reply::status(204)]).await;
    let client = Client::builder().base_url(format!("{}/api", server.url)).bearer("unused").build();
    let body = SubmitFormRequest { name: "a b&c".into(), tags: Some(vec!["x".into(), "y".into()]), count: None };
    client.forms().submit_form(&body).await.unwrap();
    let request = server.only();
    assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(request.text(), "name=a+b%26c&tags=x&tags=y");
    assert_eq!(request.header("authorization"), None, "`security: []` sends no credentials");
}

#[tokio::test]
async fn multipart_with_files_text_arrays_and_basic_auth() {
    let server = Server::start(vec![Reply::status(200).header("Content-Type", "text/plain").body(b"stored 2")]).await;
    let client = Client::builder().base_url(format!("{}/api", server.url)).basic("ann", "s3cret").build();
    let form = UploadForm {
        file: File::new("photo.png", vec![0x89, b'P', b'N', b'G']).with_content_type("image/png"),
        title: "Holiday".into(),
        extras: Some(vec![File::new("a.txt", b"A".to_vec()), File::new("b.txt", b"B".to_vec())]),
        labels: Some(vec!["x".into(), "y".into()]),
        meta: Some(UploadRequestMeta { a: Some(1) }),
    };
    let answer = client.forms().upload(&form).await.unwrap();
    assert_eq!(answer, "stored 2");
    let request = server.only();
    assert_eq!(request.header("authorization"), Some("Basic YW5uOnMzY3JldA=="));
    let content_type = request.header("content-type").unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect(content_type);
    let body = request.body.clone();
    let text = String::from_utf8_lossy(&body);
    let parts: Vec<&str> = text.split(&format!("--{boundary}")).collect();
    assert_eq!(parts.last().map(|p| p.trim()), Some("--"), "closing boundary");
    let expected = [
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\nContent-Type: image/png\r\n\r\n\u{fffd}PNG\r\n",
        "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHoliday\r\n",
        "\r\nContent-Disposition: form-data; name=\"extras\"; filename=\"a.txt\"\r\nContent-Type: application/octet-stream\r\n\r\nA\r\n",
        "\r\nContent-Disposition: form-data; name=\"extras\"; filename=\"b.txt\"\r\nContent-Type: application/octet-stream\r\n\r\nB\r\n",
        "\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\nx\r\n",
        "\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\ny\r\n",
        "\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n",
    ];
    assert_eq!(&parts[1..parts.len() - 1], &expected);
    assert!(body.windows(4).any(|w| w == [0x89, b'P', b'N', b'G']), "file bytes sent unchanged");
}

#[tokio::test]
async fn binary_bodies_and_api_keys_in_header_query_and_cookie() {
    let server = Server::start(vec![Reply::status(200).body(&[0, 1, 2, 255])]).await;
    let header_key = Client::builder().base_url(format!("{}/api", server.url)).api_key_header("k1").build();
    let back = header_key.blobs().put_blob("x.bin", vec![9, 8, 7]).await.unwrap();
    assert_eq!(back.bytes().await.unwrap(), vec![0, 1, 2, 255], "a binary response is a byte stream");
    let query_key = Client::builder().base_url(format!("{}/api", server.url)).api_key_query("k 2").build();
    query_key.blobs().put_blob("y", Vec::<u8>::new()).await.unwrap();
    let cookie_key = Client::builder().base_url(format!("{}/api", server.url)).api_key_cookie("k3").build();
    cookie_key.blobs().get_blob("z").await.unwrap();
    let anonymous = Client::new(format!("{}/api", server.url));
    anonymous.blobs().get_blob("z").await.unwrap();
    let seen = server.received();
    assert_eq!((seen[0].method.as_str(), seen[0].target.as_str()), ("PUT", "/api/blobs/x.bin"));
    assert_eq!(seen[0].header("x-api-key"), Some("k1"));
    assert_eq!(seen[0].header("content-type"), Some("application/octet-stream"));
    assert_eq!(seen[0].body, vec![9, 8, 7]);
    assert_eq!(seen[1].target, "/api/blobs/y?api_key=k%202", "second alternative: key in the query");
    assert_eq!(seen[1].header("x-api-key"), None);
    assert_eq!(seen[2].header("cookie"), Some("token=k3"));
    assert_eq!(seen[3].header("cookie"), None, "`{{}}` alternative: anonymous access allowed");
}

#[tokio::test]
async fn text_body_and_empty_response() {
    let server = Server::start(vec![Reply::status(204)]).await;
    let client = Client::new(format!("{}/api", server.url));
    client.post_note("héllo\nworld".into()).await.unwrap();
    let request = server.only();
    assert_eq!(request.header("content-type"), Some("text/plain"));
    assert_eq!(request.text(), "héllo\nworld");
}

#[tokio::test]
async fn errors_decode_into_the_declared_type_for_their_status() {
    let server = Server::start(vec![
        Reply::json(404, r#"{"missing":"part 5"}"#).header("X-Trace", "t1"),
        Reply::json(500, r#"{"title":"boom","status":500}"#),
        Reply::status(502).body(b"<html>bad gateway</html>"),
    ])
    .await;
    let client = Client::new(format!("{}/api", server.url));
    let params = GetPartParams::new(1);
    let Error::Api(not_found) = client.items().get_part("x", 5, &params).await.unwrap_err() else { panic!("API error") };
    assert_eq!(not_found.status, 404);
    assert_eq!(not_found.headers.get("x-trace").unwrap(), "t1");
    assert!(matches!(not_found.body, Some(GetPartError::Status404(ref n)) if n.missing == "part 5"));
    let Error::Api(server_error) = client.items().get_part("x", 5, &params).await.unwrap_err() else { panic!("API error") };
    assert!(matches!(server_error.body, Some(GetPartError::Default(ref p)) if p.title == "boom" && p.status == Some(500)));
    let error = client.items().get_part("x", 5, &params).await.unwrap_err();
    let message = error.to_string();
    let Error::Api(raw) = error else { panic!("API error") };
    assert_eq!((raw.status, raw.body.is_none(), raw.raw.as_slice()), (502, true, &b"<html>bad gateway</html>"[..]));
    assert!(message.contains("502") && message.contains("bad gateway"), "{message}");
}

#[tokio::test]
async fn a_success_body_that_does_not_decode_is_a_decode_error() {
    let server = Server::start(vec![Reply::json(200, r#"{"id":"seven"}"#)]).await;
    let client = Client::new(format!("{}/api", server.url));
    let error = client.items().create_item(&Part { id: 1, name: "n".into(), tags: None }).await.unwrap_err();
    let Error::Decode { status, snippet, .. } = &error else { panic!("{error:?}") };
    assert_eq!((*status, snippet.as_str()), (200, r#"{"id":"seven"}"#));
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn transport_errors_and_timeouts() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = Client::new(closed).post_note("x".into()).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");

    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    tokio::spawn(async move {
        let _held = silent.accept().await;
        tokio::time::sleep(Duration::from_secs(5)).await;
    });
    let client = Client::builder().base_url(url).timeout(Duration::from_millis(200)).build();
    let started = Instant::now();
    let error = client.post_note("x".into()).await.unwrap_err();
    assert!(matches!(&error, Error::Transport(e) if e.is_timeout()), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn retries_honour_retry_after_and_stop_at_the_limit() {
    let server = Server::start(vec![Reply::status(429).header("Retry-After", "1"), Reply::status(503), Reply::status(204)]).await;
    let retry = Retry { max_retries: 3, initial_backoff: Duration::from_millis(50), max_backoff: Duration::from_secs(2) };
    let client = Client::builder().base_url(format!("{}/api", server.url)).retry(retry).build();
    let started = Instant::now();
    client.post_note("x".into()).await.unwrap();
    let waited = started.elapsed();
    assert_eq!(server.received().len(), 3, "429, 503, then success");
    assert!(waited >= Duration::from_millis(1050), "Retry-After: 1 plus one 50 ms backoff, waited {waited:?}");

    let busy = Server::start(vec![Reply::status(503)]).await;
    let limited = Client::builder()
        .base_url(format!("{}/api", busy.url))
        .retry(Retry { max_retries: 2, initial_backoff: Duration::from_millis(10), max_backoff: Duration::from_millis(20) })
        .build();
    let Error::Api(error) = limited.post_note("x".into()).await.unwrap_err() else { panic!("API error") };
    assert_eq!(error.status, 503);
    assert_eq!(busy.received().len(), 3, "one attempt and two retries");

    let off = Server::start(vec![Reply::status(429)]).await;
    let Error::Api(error) = Client::new(format!("{}/api", off.url)).post_note("x".into()).await.unwrap_err() else { panic!() };
    assert_eq!((error.status, off.received().len()), (429, 1), "retries are off by default");
}

#[test]
fn base_url_defaults_to_the_first_server_with_variables_filled() {
    assert_eq!(DEFAULT_BASE_URL, "http://localhost:8080/api");
    assert_eq!(Client::builder().build().base_url(), "http://localhost:8080/api");
    assert_eq!(Client::new("http://h/x/").base_url(), "http://h/x");
}

#[tokio::test]
async fn hostile_names_still_mean_what_the_spec_says() {
    use client_loopback::hostile;
    // Operations called `new`, `config` and `builder`, a tag `Client`, schemes `build` and `timeout`,
    // parameters `self`, `params`, `request` and `type`, models `Client`, `Error`, `Result`, `Option`.
    let server = Server::start(vec![Reply::json(200, r#"{"message":"m"}"#)]).await;
    let client = hostile::client::Client::builder().base_url(server.url.clone()).build_("tok").timeout_("5").build();
    let params = hostile::client::NewParams { params_: Some("p".into()), request_: Some("r".into()), type_: Some("t".into()) };
    let error: hostile::Error = client.client().new_("a b", &params).await.unwrap();
    assert_eq!(error.message.as_deref(), Some("m"));
    let request = server.only();
    assert_eq!(request.target, "/client/a%20b?params=p&request=r");
    assert_eq!(request.header("type"), Some("t"));
    assert_eq!(request.header("authorization"), Some("Bearer tok"));
    assert_eq!(request.header("x-timeout"), None, "the `timeout` scheme is not required here");
    assert_eq!(hostile::client::DEFAULT_BASE_URL, "https://acme.example.com");
}

#[tokio::test]
async fn items_named_after_the_generated_codes_own_crates_and_modules_work() {
    use client_loopback::hostile;
    // Models `serde`, `reqwest`, `std` and `support`, operations `serde` and `reqwest`, tags `std` and
    // `support`, parameters `std`, `serde` and `reqwest`: the generated code reaches its own
    // dependencies through `::serde`, `::std` and `::reqwest`, so none of these shadow them.
    let server = Server::start(vec![
        Reply::json(200, r#"{"std":{"reqwest":"::std","serde":7},"core":["json","other"]}"#),
        Reply::json(200, r#"{"k":{"std":{}}}"#),
    ])
    .await;
    let client = hostile::client::Client::builder().base_url(server.url.clone()).build();
    let params = hostile::client::SerdeParams { reqwest: hostile::Reqwest::Std, serde: Some(3) };
    let got: hostile::Serde = client.std().serde("s/t d", &params).await.unwrap();
    assert_eq!(got.std.reqwest, Some(hostile::Reqwest::Std));
    assert_eq!(got.std.serde, Some(7));
    assert_eq!(got.core, Some(vec![hostile::Reqwest::Json, hostile::Reqwest::Unknown("other".into())]));
    let body = hostile::Std { reqwest: Some(hostile::Reqwest::Serde), serde: None };
    let support: hostile::Support = client.support().reqwest("x", &body).await.unwrap();
    assert_eq!(support["k"].std, hostile::Std::default());
    let requests = server.received();
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].target, "/crates/s%2Ft%20d?reqwest=%3A%3Astd&serde=3");
    assert_eq!(requests[1].method, "PUT");
    assert_eq!(requests[1].target, "/crates/x");
    assert_eq!(requests[1].text(), r#"{"reqwest":"serde"}"#);
}

#[tokio::test]
async fn read_only_properties_are_not_sent_and_come_back_in_the_response() {
    // `Account` is sent and returned: the request takes `AccountInput` (no `id`, `created_at`; `password`
    // required), the response decodes into `Account` without `password` (optional there).
    let server = Server::start(vec![Reply::json(
        201,
        r#"{"id":5,"login":"ann","created_at":"2026-12-04","labels":[{"id":1,"text":"vip"}]}"#,
    )])
    .await;
    let client = Client::builder().base_url(format!("{}/api", server.url)).build();
    let input = AccountInput { login: "ann".into(), password: "s3cret".into(), labels: Some(vec![LabelInput { text: "vip".into() }]) };
    let created: Account = client.accounts().create_account(&input).await.unwrap();
    assert_eq!(
        created,
        Account {
            id: 5,
            login: "ann".into(),
            password: None,
            created_at: "2026-12-04".into(),
            labels: Some(vec![Label { id: 1, text: "vip".into() }]),
        }
    );
    let request = server.only();
    assert_eq!((request.method.as_str(), request.target.as_str()), ("POST", "/api/accounts"));
    assert_eq!(request.text(), r#"{"login":"ann","password":"s3cret","labels":[{"text":"vip"}]}"#);
}

#[tokio::test]
async fn placeholders_that_differ_from_their_parameter_still_fill_the_url() {
    let server = Server::start(vec![Reply::status(204), Reply::status(204), Reply::status(204)]).await;
    let client = Client::new(format!("{}/api", server.url));
    client.get_case(42).await.unwrap();
    client.get_shelf_item("top shelf", 7).await.unwrap();
    client.get_undeclared("a/b", &GetUndeclaredParams { verbose: Some(true) }).await.unwrap();
    let targets: Vec<String> = server.received().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/api/cases/42", "/api/shelves/top%20shelf/items/7", "/api/undeclared/a%2Fb/sub?verbose=true"]);
}
