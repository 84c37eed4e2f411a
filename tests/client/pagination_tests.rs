//! The stream methods of paged operations against a scripted server on 127.0.0.1: three pages for
//! each pattern, the exact requests sent for them, and where each stream stops. (Copied into the
//! generated test crate as `tests/pagination.rs`.)

mod common;

use client_pages::pagination::client::*;
use client_pages::pagination::Item;
use common::{Reply, Server};
use futures_util::TryStreamExt;

fn items(ids: &[&str]) -> String {
    let items: Vec<String> = ids.iter().map(|id| format!(r#"{{"id":"{id}"}}"#)).collect();
    format!("[{}]", items.join(","))
}

fn ids(items: &[Item]) -> Vec<&str> {
    items.iter().map(|item| item.id.as_str()).collect()
}

fn targets(server: &Server) -> Vec<String> {
    server.received().into_iter().map(|r| r.target).collect()
}

async fn serve(replies: Vec<Reply>) -> (Server, Client) {
    let server = Server::start(replies).await;
    let client = Client::new(server.url.clone());
    (server, client)
}

#[tokio::test]
async fn link_header_pages_follow_rel_next() {
    let next = |page: u32| format!(r#"<http://x/link?per_page=2&page={page}>; rel="next", <http://x/link?page=3>; rel="last""#);
    let (server, client) = serve(vec![
        Reply::json(200, &items(&["a", "b"])).header("Link", &next(2)),
        Reply::json(200, &items(&["c", "d"])).header("Link", &next(3)),
        Reply::json(200, &items(&["e"])).header("Link", r#"<http://x/link?page=1>; rel="first""#),
    ])
    .await;
    let all: Vec<Item> = client.list_link_stream(&ListLinkParams { per_page: Some(2), ..Default::default() }).try_collect().await.unwrap();
    assert_eq!(ids(&all), ["a", "b", "c", "d", "e"]);
    assert_eq!(targets(&server), ["/link?per_page=2", "/link?per_page=2&page=2", "/link?per_page=2&page=3"]);
}

#[tokio::test]
async fn next_cursor_pages_stop_without_a_cursor() {
    let (server, client) = serve(vec![
        Reply::json(200, r#"{"items":[{"id":"a"}],"meta":{"next_cursor":"c 2"}}"#),
        Reply::json(200, r#"{"items":[{"id":"b"}],"meta":{"next_cursor":"c3"}}"#),
        Reply::json(200, r#"{"items":[{"id":"c"}],"meta":{"next_cursor":null}}"#),
    ])
    .await;
    let all: Vec<Item> = client.list_cursor_stream(&ListCursorParams::default()).try_collect().await.unwrap();
    assert_eq!(ids(&all), ["a", "b", "c"]);
    assert_eq!(targets(&server), ["/cursor", "/cursor?cursor=c%202", "/cursor?cursor=c3"]);
}

#[tokio::test]
async fn stripe_pages_start_after_the_last_item_while_has_more() {
    let page = |ids: &[&str], more: bool| format!(r#"{{"data":{},"has_more":{more},"url":"/stripe"}}"#, items(ids));
    let (server, client) =
        serve(vec![Reply::json(200, &page(&["a", "b"], true)), Reply::json(200, &page(&["c"], true)), Reply::json(200, &page(&["d"], false))]).await;
    let params = ListStripeParams { limit: Some(2), ..Default::default() };
    let all: Vec<Item> = client.list_stripe_stream(&params).try_collect().await.unwrap();
    assert_eq!(ids(&all), ["a", "b", "c", "d"]);
    assert_eq!(targets(&server), ["/stripe?limit=2", "/stripe?limit=2&starting_after=b", "/stripe?limit=2&starting_after=c"]);
}

#[tokio::test]
async fn page_numbers_count_up_until_an_empty_page() {
    let (server, client) = serve(vec![
        Reply::json(200, r#"{"results":[{"id":"a"}],"warnings":[]}"#),
        Reply::json(200, r#"{"results":[{"id":"b"}]}"#),
        Reply::json(200, r#"{"results":[{"id":"c"}]}"#),
        Reply::json(200, r#"{"results":[]}"#),
    ])
    .await;
    let all: Vec<Item> = client.list_pages_stream(&ListPagesParams::default()).try_collect().await.unwrap();
    assert_eq!(ids(&all), ["a", "b", "c"]);
    assert_eq!(targets(&server), ["/pages", "/pages?page=2", "/pages?page=3", "/pages?page=4"]);
}

#[tokio::test]
async fn a_required_page_parameter_is_set_as_a_plain_field() {
    let (server, client) = serve(vec![
        Reply::json(200, &items(&["a"])),
        Reply::json(200, &items(&["b"])),
        Reply::json(200, &items(&[])),
    ])
    .await;
    let all: Vec<Item> = client.list_required_pages_stream(&ListRequiredPagesParams::new("x".into(), 5)).try_collect().await.unwrap();
    assert_eq!(ids(&all), ["a", "b"]);
    assert_eq!(targets(&server), ["/required-pages?q=x&page=5", "/required-pages?q=x&page=6", "/required-pages?q=x&page=7"]);
}

#[tokio::test]
async fn offsets_grow_by_the_items_received_on_a_sub_client() {
    let (server, client) =
        serve(vec![Reply::json(200, &items(&["a", "b"])), Reply::json(200, &items(&["c", "d"])), Reply::json(200, &items(&["e"])), Reply::json(200, "[]")])
            .await;
    let params = ListOffsetParams { offset: Some(10), limit: Some(2) };
    let stream = client.things().list_offset_stream(&params); // the stream outlives the sub-client
    let all: Vec<Item> = stream.try_collect().await.unwrap();
    assert_eq!(ids(&all), ["a", "b", "c", "d", "e"]);
    assert_eq!(targets(&server), ["/offset?offset=10&limit=2", "/offset?offset=12&limit=2", "/offset?offset=14&limit=2", "/offset?offset=15&limit=2"]);
}

#[tokio::test]
async fn speakeasy_cursor_reads_the_last_item_of_a_nested_array() {
    let page = |ids: &[&str]| format!(r#"{{"page":{{"rows":{}}}}}"#, items(ids));
    let (server, client) =
        serve(vec![Reply::json(200, &page(&["a"])), Reply::json(200, &page(&["b"])), Reply::json(200, &page(&["c"])), Reply::json(200, &page(&[]))]).await;
    let stream = {
        let shelf = String::from("s 1");
        client.list_speakeasy_stream(&shelf, &ListSpeakeasyParams::default())
    };
    let all: Vec<Item> = stream.try_collect().await.unwrap();
    assert_eq!(ids(&all), ["a", "b", "c"]);
    assert_eq!(targets(&server), ["/speakeasy/s%201", "/speakeasy/s%201?after=a", "/speakeasy/s%201?after=b", "/speakeasy/s%201?after=c"]);
}

#[tokio::test]
async fn ms_pageable_next_links_carry_the_skip_token() {
    let page = |id: &str, next: &str| format!(r#"{{"value":[{{"id":"{id}"}}]{next}}}"#);
    let (server, client) = serve(vec![
        Reply::json(200, &page("a", r#","nextLink":"http://x/ms?api-version=1&%24skipToken=t%2B2""#)),
        Reply::json(200, &page("b", r#","nextLink":"http://x/ms?%24skipToken=t3""#)),
        Reply::json(200, &page("c", "")),
    ])
    .await;
    let all: Vec<Item> = client.list_ms_stream(&ListMsParams::default()).try_collect().await.unwrap();
    assert_eq!(ids(&all), ["a", "b", "c"]);
    assert_eq!(targets(&server), ["/ms", "/ms?%24skipToken=t%2B2", "/ms?%24skipToken=t3"]);
}

#[tokio::test]
async fn x_pagination_offsets_and_user_declared_cursors() {
    let (server, client) = serve(vec![
        Reply::json(200, r#"{"entries":[{"id":"a"},{"id":"b"}]}"#),
        Reply::json(200, r#"{"entries":[{"id":"c"}]}"#),
        Reply::json(200, r#"{"entries":[{"id":"d"}]}"#),
        Reply::json(200, r#"{"entries":[]}"#),
    ])
    .await;
    let all: Vec<Item> = client.list_x_stream(&ListXParams::default()).try_collect().await.unwrap();
    assert_eq!(ids(&all), ["a", "b", "c", "d"]);
    assert_eq!(targets(&server), ["/xpagination", "/xpagination?skip=2", "/xpagination?skip=3", "/xpagination?skip=4"]);

    let (server, client) = serve(vec![
        Reply::json(200, r#"{"things":[{"id":"a"}],"others":[],"continue":"k2"}"#),
        Reply::json(200, r#"{"things":[{"id":"b"}],"continue":"k3"}"#),
        Reply::json(200, r#"{"things":[{"id":"c"}],"continue":"k3"}"#),
    ])
    .await;
    let all: Vec<Item> = client.list_declared_stream(&ListDeclaredParams::default()).try_collect().await.unwrap();
    assert_eq!(ids(&all), ["a", "b", "c"], "a repeated cursor ends the stream");
    assert_eq!(targets(&server), ["/declared", "/declared?from=k2", "/declared?from=k3"]);
}

#[tokio::test]
async fn a_user_declared_link_reads_an_undeclared_header() {
    let (server, client) = serve(vec![
        Reply::json(200, &items(&["a"])).header("Link", r#"<http://x/undeclared-link?p=2>; rel="next""#),
        Reply::json(200, &items(&["b"])).header("Link", r#"<http://x/undeclared-link?p=3>; rel="next""#),
        Reply::json(200, &items(&["c"])),
    ])
    .await;
    let all: Vec<Item> = client.list_undeclared_link_stream(&ListUndeclaredLinkParams::default()).try_collect().await.unwrap();
    assert_eq!(ids(&all), ["a", "b", "c"]);
    assert_eq!(targets(&server), ["/undeclared-link", "/undeclared-link?p=2", "/undeclared-link?p=3"]);
    // The page method returns the header it reads.
    let page = client.list_undeclared_link(&ListUndeclaredLinkParams::default()).await.unwrap();
    assert_eq!(page.headers.link, None);
}

#[tokio::test]
async fn an_error_ends_the_stream_after_the_items_before_it() {
    let (server, client) = serve(vec![Reply::json(200, &items(&["a", "b"])), Reply::json(500, r#"{"message":"down"}"#)]).await;
    let stream = client.things().list_offset_stream(&ListOffsetParams::default());
    futures_util::pin_mut!(stream);
    assert_eq!(stream.try_next().await.unwrap().unwrap().id, "a");
    assert_eq!(stream.try_next().await.unwrap().unwrap().id, "b");
    let error = stream.try_next().await.unwrap_err();
    assert!(matches!(&error, Error::Api(e) if e.status == 500), "{error:?}");
    assert!(stream.try_next().await.unwrap().is_none(), "nothing after the error");
    assert_eq!(server.received().len(), 2);
}
