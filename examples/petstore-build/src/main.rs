//! Uses the models that build.rs generated.

// A binary uses only some of the models; in a library, `pub mod` needs no `allow`.
#[allow(dead_code)]
mod petstore {
    include!(concat!(env!("OUT_DIR"), "/petstore.rs"));
}

use petstore::client::{Client, Error, ListPetsParams, RequestOptions, Retry};
use petstore::{Kind, NewPet, Pet};

fn main() {
    // A request body (only sent: it derives Serialize) and a response (only received: Deserialize).
    let pet = NewPet { name: "Rex".into(), kind: Kind::Dog, tags: Some(vec!["good".into()]), birthday: None, photo: None };
    println!("{}", serde_json::to_string(&pet).expect("a pet serializes"));
    let back: Pet = serde_json::from_str(r#"{"id":"6f1c1a3e-3f9b-4f1e-9d7c-2b8f0a1e5c44","status":"available","name":"Tom","kind":"hamster"}"#)
        .expect("open enums accept new kinds");
    println!("{} is a {}", back.name, back.kind);
}

/// The README's client example, compiled here so that it stays true.
#[allow(dead_code)]
async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder() // base URL: the spec's first server
        .bearer(std::env::var("PETSTORE_TOKEN")?) // one setter per security scheme
        .timeout(std::time::Duration::from_secs(10))
        .retry(Retry::default()) // 429/503 with backoff, honours Retry-After
        .build();
    let params = ListPetsParams { limit: Some(20), ..Default::default() };
    match client.pets().list_pets(&params).await {
        // sub-client per tag, method per operationId
        Ok(page) => println!("{} pets, {:?} in all", page.body.items.len(), page.headers.x_total_count),
        Err(Error::Api(error)) => eprintln!("{}: {:?}", error.status, error.body), // body: the declared error type
        Err(other) => return Err(other.into()), // Transport, Decode, Request
    }
    Ok(())
}

/// The README's per-request options example, compiled here so that it stays true.
#[allow(dead_code)]
async fn options(client: &Client, pet: &NewPet) -> Result<(), Box<dyn std::error::Error>> {
    let options = RequestOptions::new()
        .timeout(std::time::Duration::from_secs(2)) // instead of the client's
        .retry(Retry::default()) // or .no_retry()
        .header("X-Trace-Id", "abc-123") // replaces a default header of that name
        .idempotency_key("create-rex-1"); // Idempotency-Key, the same on every retry
    let created = client.pets().create_pet(pet).with_options(options).with_response().await?;
    println!("{} {:?}: {:?}", created.status, created.headers.get("location"), created.value);
    Ok(())
}

/// A hook on every attempt of every request (retries included), given once to the builder.
#[allow(dead_code)]
fn traced() -> Client {
    Client::builder()
        .on_request(|request, context| {
            let id = format!("{}-{}", context.operation, context.attempt);
            request.headers_mut().insert("x-request-id", id.parse()?);
            Ok(())
        })
        .build()
}
