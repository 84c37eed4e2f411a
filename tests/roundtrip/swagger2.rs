//! Round trips through the models of the Swagger 2.0 construct (copied into the generated test crate).

use constructs::swagger2::*;
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let typed: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("reading {value}: {e}"));
    assert_eq!(serde_json::to_value(&typed).unwrap(), value);
    typed
}

#[test]
fn a_definition_with_a_cross_file_ref_round_trips() {
    let pet: Pet = round_trip(json!({"id": 3, "name": "Rex", "status": "adopted", "owner": {"name": "Ann", "since": "2020-02-29"}}));
    assert_eq!(pet.status, Some(PetStatus::Unknown("adopted".into())), "enums stay open");
    assert_eq!(pet.owner.unwrap().since, chrono::NaiveDate::from_ymd_opt(2020, 2, 29));
    assert!(serde_json::from_value::<Pet>(json!({"id": 3})).is_err(), "name is required");
}

#[test]
fn form_data_fields_keep_default_required_and_x_nullable() {
    let login: LoginRequest = serde_json::from_value(json!({"username": "a", "password": "b"})).unwrap();
    assert!(!login.remember, "default: false");
    assert!(serde_json::from_value::<LoginRequest>(json!({"username": "a"})).is_err(), "password is required");
    let null: UploadPhotoRequest = round_trip(json!({"file": "bytes", "rating": null}));
    assert_eq!(null.rating, support::Nullable::Null, "x-nullable: true on a formData field");
    let absent: UploadPhotoRequest = round_trip(json!({"file": ""}));
    assert_eq!(absent.rating, support::Nullable::Absent);
}

#[test]
fn a_string_discriminator_keeps_the_base_type_and_its_children() {
    let dog: Dog = round_trip(json!({"kind": "Dog", "barks": true}));
    assert_eq!(dog, Dog { kind: "Dog".into(), barks: Some(true) });
    let animal: Animal = round_trip(json!({"kind": "Cat"}));
    assert_eq!(animal.kind, "Cat");
}
