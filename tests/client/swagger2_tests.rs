//! The client generated from the Swagger 2.0 construct `tests/constructs/swagger2.yaml` against a
//! scripted server on 127.0.0.1: the exact request for each collectionFormat, the body parameter,
//! a form body, a multipart body with a file, basic auth and API keys. (Copied into the generated
//! test crate as `tests/swagger2.rs`.)

mod common;

use client_swagger2::pets::client::*;
use client_swagger2::pets::{Error as ApiBody, LoginRequest, Pet, PetStatus};
use common::{Reply, Server};

const BOUNDARY: &str = "specforge-boundary-7MA4YWxkTrZu0gW";

#[test]
fn the_default_base_url_is_the_first_scheme_on_host_and_base_path() {
    assert_eq!(DEFAULT_BASE_URL, "https://pets.example.com/v2");
}

#[tokio::test]
async fn every_collection_format_is_written_in_the_query() {
    let server = Server::start(vec![Reply::json(200, r#"[{"id":1,"name":"Rex","status":"sold"}]"#).header("X-Total-Count", "1")]).await;
    let client = Client::builder().base_url(format!("{}/v2", server.url)).key_header("k1").build();
    let params = ListPetsParams {
        tags: Some(vec!["a".into(), "b c".into()]),
        ids: Some(vec![1, 2]),
        words: Some(vec!["x".into(), "y".into()]),
        tabs: Some(vec!["t1".into(), "t2".into()]),
        pipes: Some(vec!["p".into(), "q".into()]),
        status: Some(PetStatus::Sold),
        limit: Some(5),
        x_trace: Some("tr-1".into()),
        accept_language: Some("fr".into()),
    };
    let response = client.pets().list_pets(&params).await.unwrap();
    assert_eq!(response.body, vec![Pet { id: 1, name: "Rex".into(), status: Some(PetStatus::Sold), owner: None }]);
    assert_eq!(response.headers.x_total_count, Some(1));
    let request = server.only();
    assert_eq!(request.method, "GET");
    assert_eq!(request.target, "/v2/pets?tags=a%2Cb%20c&ids=1&ids=2&words=x%20y&tabs=t1%09t2&pipes=p%7Cq&status=sold&limit=5");
    assert_eq!(request.header("x-trace"), Some("tr-1"));
    assert_eq!(request.header("accept-language"), Some("fr"));
    assert_eq!(request.header("x-api-key"), Some("k1"), "the document-level apiKey header");
}

#[tokio::test]
async fn path_and_header_arrays_follow_their_collection_format_and_a_file_response_is_bytes() {
    let server = Server::start(vec![Reply::status(200).header("Content-Type", "image/png").body(b"\x89PNG")]).await;
    let client = Client::new(format!("{}/v2", server.url));
    let params = GetPetImageParams { x_formats: Some(vec!["png".into(), "webp".into()]) };
    let image = client.get_pet_image(7, &vec![1, 2], &vec!["a b".into(), "c".into()], &params).await.unwrap();
    assert_eq!(image.bytes().await.unwrap(), b"\x89PNG".to_vec(), "a file response is a byte stream");
    let request = server.only();
    assert_eq!(request.target, "/v2/pets/7/image/1%2C2/a%20b%09c", "csv then tsv path arrays");
    assert_eq!(request.header("x-formats"), Some("png|webp"), "a pipes header array");
}

#[tokio::test]
async fn the_body_parameter_is_json_with_basic_auth() {
    let server = Server::start(vec![Reply::json(201, r#"{"id":1,"name":"Rex"}"#)]).await;
    let client = Client::builder().base_url(format!("{}/v2", server.url)).basic_auth("u", "p").key_header("unused").build();
    let pet = Pet { id: 1, name: "Rex".into(), status: None, owner: None };
    let created = client.pets().create_pet(&pet).await.unwrap();
    assert_eq!(created, pet);
    let request = server.only();
    assert_eq!((request.method.as_str(), request.target.as_str()), ("POST", "/v2/pets"));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.text(), r#"{"id":1,"name":"Rex"}"#);
    assert_eq!(request.header("authorization"), Some("Basic dTpw"));
    assert_eq!(request.header("x-api-key"), None, "the operation's own security replaces the document's");
}

#[tokio::test]
async fn form_data_with_a_file_is_multipart() {
    let server = Server::start(vec![Reply::status(200)]).await;
    let client = Client::builder().base_url(format!("{}/v2", server.url)).key_header("k1").build();
    let form = UploadPhotoForm {
        file: File::new("a.png", b"PNG".to_vec()).with_content_type("image/png"),
        caption: Some("hi".into()),
        rating: None,
    };
    client.pets().upload_photo(7, &form).await.unwrap();
    let request = server.only();
    assert_eq!((request.method.as_str(), request.target.as_str()), ("POST", "/v2/pets/7/photo"));
    assert_eq!(request.header("content-type").map(String::from), Some(format!("multipart/form-data; boundary={BOUNDARY}")));
    assert_eq!(
        request.text(),
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\nPNG\r\n\
             --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nhi\r\n--{BOUNDARY}--\r\n"
        )
    );
    assert_eq!(request.header("x-api-key"), Some("k1"));
}

#[tokio::test]
async fn form_data_without_a_file_is_url_encoded_with_the_query_api_key() {
    let server = Server::start(vec![Reply::json(200, r#""tok""#), Reply::json(200, r#""tok2""#)]).await;
    let client = Client::builder().base_url(format!("{}/v2", server.url)).key_query("q k").build();
    let body = LoginRequest { username: "ann".into(), password: "p w&".into(), remember: true };
    assert_eq!(client.login(&body).await.unwrap(), "tok");
    let oauth = Client::builder().base_url(format!("{}/v2", server.url)).oauth("t0k").build();
    assert_eq!(oauth.login(&body).await.unwrap(), "tok2");
    let requests = server.received();
    assert_eq!(requests[0].target, "/v2/login?api_key=q%20k");
    assert_eq!(requests[0].header("content-type"), Some("application/x-www-form-urlencoded"));
    // The client writes form fields in key order (it goes through a `serde_json` map), as for 3.x forms.
    assert_eq!(requests[0].text(), "password=p+w%26&remember=true&username=ann");
    assert_eq!(requests[1].target, "/v2/login", "the second alternative: OAuth2");
    assert_eq!(requests[1].header("authorization"), Some("Bearer t0k"));
}

#[tokio::test]
async fn path_level_parameters_are_merged_and_overridden_and_errors_are_typed() {
    let server = Server::start(vec![Reply::status(204), Reply::json(404, r#"{"code":404,"message":"gone"}"#)]).await;
    let client = Client::builder().base_url(format!("{}/v2", server.url)).key_header("k1").build();
    #[allow(deprecated)]
    client.pets().delete_pet(7, &DeletePetParams { verbose: Some(true) }).await.unwrap();
    let error = client.pets().get_pet(7, &GetPetParams { verbose: Some("very".into()) }).await.unwrap_err();
    match error {
        Error::Api(error) => {
            assert_eq!(error.status, 404);
            assert_eq!(error.body, Some(ApiBody { code: 404, message: Some("gone".into()) }));
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    let requests = server.received();
    assert_eq!((requests[0].method.as_str(), requests[0].target.as_str()), ("DELETE", "/v2/pets/7?verbose=true"));
    assert_eq!(requests[0].header("x-api-key"), None, "security: [] sends nothing");
    assert_eq!(requests[1].target, "/v2/pets/7?verbose=very");
    assert_eq!(requests[1].header("x-api-key"), Some("k1"));
}
