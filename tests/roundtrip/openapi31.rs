//! Round trips through the OpenAPI 3.1 constructs (tests/constructs/openapi31.yaml).

use constructs::openapi31::*;
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let typed: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("reading {value}: {e}"));
    assert_eq!(serde_json::to_value(&typed).unwrap(), value);
    typed
}

fn pet() -> Value {
    json!({
        "id": 1, "owner": null, "status": "available", "legs": 4, "tags": {"x-color": "brown"},
        "position": [1.5, 2.5, "north"], "birth": {"year": 2020}
    })
}

#[test]
fn required_any_of_with_null_accepts_null_and_the_value() {
    let null: Pet = round_trip(pet());
    assert_eq!(null.owner, None);
    let mut with_owner = pet();
    with_owner["owner"] = json!({"name": "Ann"});
    let owned: Pet = round_trip(with_owner);
    assert_eq!(owned.owner, Some(Owner { name: "Ann".into() }));
    // Required: sent as an explicit null.
    let sent = serde_json::to_value(Pet { owner: None, ..round_trip(pet()) }).unwrap();
    assert_eq!(sent.get("owner"), Some(&Value::Null));
}

#[test]
fn optional_one_of_with_null_has_three_states() {
    use constructs::openapi31::support::Nullable;
    assert_eq!(round_trip::<Pet>(pet()).previous_owner, Nullable::Absent);
    let mut null = pet();
    null["previous_owner"] = Value::Null;
    assert_eq!(round_trip::<Pet>(null).previous_owner, Nullable::Null);
    let mut value = pet();
    value["previous_owner"] = json!({"name": "Bo"});
    assert_eq!(round_trip::<Pet>(value).previous_owner, Nullable::Value(Owner { name: "Bo".into() }));
}

#[test]
fn type_lists_are_nullable_or_untagged_unions() {
    let mut p = pet();
    p["id"] = Value::Null;
    p["legs"] = json!("four");
    p["nickname"] = json!("Rex");
    let pet: Pet = round_trip(p);
    assert_eq!(pet.id, None);
    assert_eq!(pet.legs, PetLegs::String("four".into()));
    assert_eq!(round_trip::<Pet>(self::pet()).legs, PetLegs::Integer(4));
}

#[test]
fn one_of_consts_is_one_open_enum_with_documented_values() {
    assert_eq!(round_trip::<Status>(json!("available")), Status::Available);
    assert_eq!(round_trip::<Status>(json!("sold")), Status::Sold);
    assert_eq!(round_trip::<Status>(json!("lost")), Status::Unknown("lost".into()));
    let mut p = pet();
    p["kind"] = json!("pet");
    assert_eq!(round_trip::<Pet>(p).kind, Some(PetKind::Pet));
    // Constants of different JSON types: a union that still keeps each value.
    assert_eq!(serde_json::to_value(round_trip::<Mixed>(json!(7))).unwrap(), json!(7));
    assert_eq!(serde_json::to_value(round_trip::<Mixed>(json!("any"))).unwrap(), json!("any"));
}

#[test]
fn enum_extensions_name_the_variants() {
    assert_eq!(round_trip::<Priority>(json!(3)), Priority::High);
    assert_eq!(Priority::Low.value(), 1);
}

#[test]
fn pattern_properties_keep_every_key() {
    let pet: Pet = round_trip(pet());
    assert_eq!(pet.tags.get("x-color").map(String::as_str), Some("brown"));
    let labels: Labels = round_trip(json!({"a": 1, "b": 2, "Other": "kept too"}));
    assert_eq!(labels.len(), 3);
}

#[test]
fn closed_prefix_items_are_a_tuple_and_open_ones_a_list() {
    let pet: Pet = round_trip(pet());
    assert_eq!(pet.position, (1.5, 2.5, "north".to_string()));
    let mut too_short = self::pet();
    too_short["position"] = json!([1.5, 2.5]);
    assert!(serde_json::from_value::<Pet>(too_short).is_err());
    let mut loose = self::pet();
    loose["loose_tuple"] = json!([1, "a", {"more": true}]);
    assert_eq!(round_trip::<Pet>(loose).loose_tuple.map(|l| l.len()), Some(3));
}

#[test]
fn content_encoding_base64_is_bytes() {
    let mut p = pet();
    p["photo"] = json!("aGk=");
    assert_eq!(round_trip::<Pet>(p).photo.as_deref(), Some(&b"hi"[..]));
}

#[test]
fn ref_siblings_and_defs() {
    let pet: Pet = round_trip(pet());
    assert_eq!(pet.birth.year, Some(2020));
    let extended: Extended = round_trip(json!({"name": "Ann", "since": 2001}));
    assert_eq!((extended.name.as_str(), extended.since), ("Ann", 2001));
}

#[test]
fn required_but_undeclared_properties_are_kept() {
    let recorded: Recorded = round_trip(json!({"id": "r1", "authenticatable": {"any": ["json"]}}));
    assert_eq!(recorded.authenticatable, json!({"any": ["json"]}));
    assert!(serde_json::from_value::<Recorded>(json!({"id": "r1"})).is_err(), "it is required");
}
