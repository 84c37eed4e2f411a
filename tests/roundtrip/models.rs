//! Round trips through the generated construct modules (copied into the generated test crate).

use constructs::*;
use serde_json::{json, Value};

/// Deserializes `value` as `T`, checks it serializes back to the same JSON, and returns it.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let typed: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("reading {value}: {e}"));
    assert_eq!(serde_json::to_value(&typed).unwrap(), value);
    typed
}

#[test]
fn three_states_round_trip_exactly() {
    use objects::support::Nullable;
    let base = json!({"id": "a", "nickname_or_null": null, "page_size": 20, "label": "none", "verified": false, "ratio": 0.5});
    let absent: objects::Account = round_trip(base.clone());
    assert_eq!(absent.middle_name, Nullable::Absent);
    let mut with_null = base.clone();
    with_null["middle_name"] = Value::Null;
    let null: objects::Account = round_trip(with_null);
    assert_eq!(null.middle_name, Nullable::Null);
    let mut with_value = base;
    with_value["middle_name"] = json!("Q");
    let value: objects::Account = round_trip(with_value);
    assert_eq!(value.middle_name, Nullable::Value("Q".to_owned()));
}

#[test]
fn required_nullable_is_sent_as_null_and_optional_is_omitted() {
    let account = objects::Account { id: "a".into(), ..Default::default() };
    let json = serde_json::to_value(&account).unwrap();
    assert_eq!(json["nickname_or_null"], Value::Null);
    assert!(json.as_object().unwrap().contains_key("nickname_or_null"));
    assert!(!json.as_object().unwrap().contains_key("email"));
    assert!(!json.as_object().unwrap().contains_key("middle_name"));
    assert!(serde_json::from_value::<objects::Account>(json!({"nickname_or_null": null})).is_err(), "id is required");
}

#[test]
fn spec_defaults_fill_missing_fields() {
    let account: objects::Account = serde_json::from_value(json!({"id": "a", "nickname_or_null": "n"})).unwrap();
    assert_eq!((account.page_size, account.label.as_str(), account.verified, account.ratio), (20, "none", false, 0.5));
    assert_eq!(objects::Account::default().page_size, 20);
    let ticket: enums::Ticket = serde_json::from_value(json!({"status": "active"})).unwrap();
    assert_eq!(ticket.level, enums::TicketLevel::Low);
}

#[test]
fn identical_inline_enums_share_one_type() {
    // `Ticket.level` and `Alarm.severity` list Level's values: their types are aliases of `Level`.
    let alarm: enums::Alarm = round_trip(json!({"severity": "low", "sort": "asc", "order": "desc", "reversed": "high"}));
    let severity: enums::Level = alarm.severity;
    assert_eq!(severity, enums::Level::Low);
    assert_eq!(enums::Alarm::default().severity, enums::Level::High, "the spec default, through the alias");
    let level: enums::TicketLevel = enums::Level::Low;
    assert_eq!(level.as_str(), "low");
    // Two identical inline enums without a named one: the first is the enum, the second its alias.
    let order: enums::AlarmSort = alarm.order.unwrap();
    assert_eq!(order, enums::AlarmOrder::Desc);
    assert_eq!(alarm.sort, Some(enums::AlarmSort::Asc));
    // Other order, other enum: `reversed` is an enum of its own, `[high, low]`.
    assert_eq!(alarm.reversed, Some(enums::AlarmReversed::High));
}

#[test]
fn open_enums_keep_unknown_values() {
    let known: enums::Status = round_trip(json!("on-hold"));
    assert_eq!(known, enums::Status::OnHold);
    assert_eq!(round_trip::<enums::Status>(json!("ON_HOLD")), enums::Status::OnHold2);
    assert_eq!(round_trip::<enums::Status>(json!("")), enums::Status::Empty);
    assert_eq!(round_trip::<enums::Status>(json!("é")), enums::Status::E);
    let unknown: enums::Status = round_trip(json!("archived"));
    assert_eq!(unknown, enums::Status::Unknown("archived".into()));
    assert_eq!(unknown.to_string(), "archived");
    assert_eq!(enums::Status::WithSpace.as_str(), "with space");
    assert_eq!(round_trip::<enums::Priority>(json!(2)), enums::Priority::V2);
    assert_eq!(round_trip::<enums::Priority>(json!(7)), enums::Priority::Unknown(7));
    let ticket: enums::Ticket = round_trip(json!({"status": "new", "priority": 9, "color": null, "level": "high"}));
    assert_eq!(ticket.color, enums::support::Nullable::Null);
}

#[test]
fn closed_enums_reject_unknown_values() {
    assert_eq!(round_trip::<enums_closed_plain::Status>(json!("1st")), enums_closed_plain::Status::V1st);
    assert!(serde_json::from_value::<enums_closed_plain::Status>(json!("archived")).is_err());
    assert!(serde_json::from_value::<enums_closed_plain::Priority>(json!(7)).is_err());
    assert_eq!(round_trip::<enums_closed_plain::Priority>(json!(3)), enums_closed_plain::Priority::V3);
}

#[test]
fn discriminated_union_dispatches_on_the_tag() {
    let cat: unions::Pet = round_trip(json!({"pet_type": "cat", "lives": 9}));
    assert!(matches!(cat, unions::Pet::Cat(unions::Cat { lives: 9, .. })));
    let dog: unions::Pet = round_trip(json!({"pet_type": "dog", "good": true}));
    assert!(matches!(dog, unions::Pet::Dog(_)));
    // Bird has no `pet_type` property: the tag is added on the way out.
    let bird: unions::Pet = round_trip(json!({"pet_type": "bird", "wingspan": 1.5}));
    assert!(matches!(bird, unions::Pet::Bird(unions::Bird { wingspan: Some(_) })));
    let fish: unions::Pet = round_trip(json!({"pet_type": "fish", "fins": 2}));
    assert!(matches!(fish, unions::Pet::Unknown(_)));
    assert!(serde_json::from_value::<unions::Pet>(json!({"pet_type": "cat"})).is_err(), "a cat needs lives");
}

#[test]
fn untagged_union_tries_the_specific_shape_first() {
    let specific: unions::Loose = round_trip(json!({"name": "a", "id": 1}));
    assert!(matches!(specific, unions::Loose::Variant1(_)), "{specific:?}");
    let loose: unions::Loose = round_trip(json!({"name": "a"}));
    assert!(matches!(loose, unions::Loose::Variant0(_)), "{loose:?}");
    assert!(matches!(round_trip::<unions::Loose>(json!(5)), unions::Loose::Integer(5)));
    assert!(matches!(round_trip::<unions::Loose>(json!("s")), unions::Loose::String(_)));
    let owner: unions::Owner = round_trip(json!({"choice": null}));
    assert_eq!(owner.choice, unions::support::Nullable::Null);
    let owner: unions::Owner = round_trip(json!({"choice": ["a", "b"]}));
    assert!(matches!(owner.choice, unions::support::Nullable::Value(unions::NullableChoice::StringList(_))));
}

#[test]
fn all_of_merges_and_requires_the_union_of_required() {
    let merged: unions::Merged = round_trip(json!({"pet_type": "dog", "good": true, "owner": "ann"}));
    assert!(merged.good);
    assert!(serde_json::from_value::<unions::Merged>(json!({"pet_type": "dog"})).is_err(), "good is required by the second part");
}

#[test]
fn maps_and_flattened_extras() {
    let counts: maps::Counts = round_trip(json!({"a": 1, "b": 2}));
    assert_eq!(counts["b"], 2);
    let labels: maps::Labels = round_trip(json!({"name": "n", "color": "red", "size": "L"}));
    assert_eq!(labels.additional_properties.len(), 2);
    assert_eq!(labels.additional_properties["color"], "red");
    let nested: maps::Nested = round_trip(json!({"by_user": {"u1": [{"x": 1}]}, "meta": {"k": [1, {"z": null}]}, "raw": 3}));
    assert_eq!(nested.by_user.unwrap()["u1"][0]["x"], 1);
    let _free: maps::FreeForm = round_trip(json!([1, "two", {"three": 3}]));
}

#[test]
fn formats_map_to_typed_values() {
    let value = json!({
        "small": 1, "big": 9007199254740993i64, "plain": -3, "unsigned": 4000000000u32, "single": 900.2459845505655, "double": 0.25,
        "when": "2024-05-06T07:08:09Z", "day": "2024-05-06", "key": "6f1c1a3e-3f9b-4f1e-9d7c-2b8f0a1e5c44",
        "blob": "aGVsbG8=", "maybe_blob": "AAE=", "blobs": ["aGk=", ""], "upload": "raw \u{1} text", "email": "a@b.c",
        "huge": 11167330743909090000u64
    });
    let m: formats::Measurements = round_trip(value);
    assert_eq!(m.huge, Some(11167330743909090000u64));
    // `format: binary` inside JSON is a string: a JSON string cannot hold other bytes.
    assert_eq!(m.upload.as_deref(), Some("raw \u{1} text"));
    assert_eq!(m.big, 9007199254740993);
    assert_eq!(m.when.timestamp(), 1714979289);
    assert_eq!(m.day.to_string(), "2024-05-06");
    assert_eq!(m.blob, b"hello");
    assert_eq!(m.maybe_blob.as_deref(), Some(&[0u8, 1][..]));
    assert_eq!(m.blobs.as_ref().unwrap()[0].0, b"hi");
    assert!(serde_json::from_value::<formats::Measurements>(json!({"small": 1})).is_err());
    let plain: formats_closed_plain::Measurements = serde_json::from_value(json!({
        "small": 1, "big": 2, "plain": 3, "unsigned": 4, "single": 1.0, "double": 2.0,
        "when": "not checked", "day": "2024-05-06", "key": "k", "blob": "aGk="
    }))
    .unwrap();
    assert_eq!(plain.when, "not checked");
}

#[test]
fn recursive_types_are_boxed_and_round_trip() {
    let tree: recursion::TreeNode = round_trip(json!({"value": "root", "children": [{"value": "leaf", "parent": {"value": "root"}}]}));
    assert_eq!(tree.children.unwrap()[0].parent.as_ref().unwrap().value, "root");
    let ping: recursion::Ping = round_trip(json!({"pong": {"ping": {"pong": {}}}}));
    assert!(ping.pong.unwrap().ping.is_some());
    let alias: recursion::Alias = round_trip(json!({"value": "x"}));
    assert_eq!(alias.value, "x");
    let expr: recursion::Expr = round_trip(json!({"op": "+", "args": [1, {"op": "-", "args": [2]}]}));
    assert!(matches!(expr, recursion::Expr::Variant1(_)));
}

#[test]
fn hostile_names_keep_their_wire_names() {
    let value = json!({
        "type": "t", "self": "s", "match": 1, "async": true, "Self": false, "super": "p", "crate": "c", "fn": "f",
        "": "empty", "1st": "first", "@id": "at", "$ref_like": "r", "foo-bar": "kebab", "foo_bar": "snake",
        "fooBar": "camel", "Straße": "street", "日本": "jp", "__": "under"
    });
    let k: names::Keywords = round_trip(value);
    assert_eq!((k.type_.as_str(), k.self_.as_str(), k.match_), ("t", "s", 1));
    assert_eq!(k.foo_bar.as_deref(), Some("snake"));
    assert_eq!(k.foo_bar_2.as_deref(), Some("kebab"));
    assert_eq!(k.foo_bar_3.as_deref(), Some("camel"));
    assert_eq!(k.strasse.as_deref(), Some("street"));
    let shadowed: names::UsesShadowed = round_trip(json!({"option": {"some": "x"}, "list": [{"x": 1.5}], "kind": "zzz", "maybe": null}));
    assert_eq!(shadowed.option.some.as_deref(), Some("x"));
    let _: names::Result = round_trip(json!({"ok": true}));
    let _: names::Self_ = round_trip(json!({"me": "i"}));
    let _: names::CreateThingRequest = round_trip(json!({"name": "n"}));
    // An operation `clone` under a tag `fmt` must not shadow `Clone::clone` or `Debug::fmt`.
    let client = names::client::Client::new("http://127.0.0.1:9");
    assert_eq!(client.clone().base_url(), "http://127.0.0.1:9");
    assert!(format!("{client:?}").starts_with("Client"));
    let copies = client.fmt_();
    let _pending = copies.clone_();
}

#[test]
fn petstore_example_round_trips() {
    let pet: petstore::Pet = round_trip(json!({
        "name": "Rex", "kind": "dog", "details": {"type": "dog", "good_with_kids": true}, "id": "6f1c1a3e-3f9b-4f1e-9d7c-2b8f0a1e5c44",
        "status": "adopted", "nickname": null, "vaccinations": 2, "photo": "AQI=", "created_at": "2024-01-02T03:04:05Z"
    }));
    assert_eq!(pet.status, petstore::PetStatus::Adopted);
    assert_eq!(pet.photo.as_deref(), Some(&[1u8, 2][..]));
    assert!(matches!(pet.details, Some(petstore::Details::DogDetails(_))));
}

#[test]
fn ref_cycles_of_every_length_and_kind_round_trip() {
    // Five required links around a cycle of five: Box breaks it, the JSON nests as written.
    let ring = json!({"label": "0", "next": {"label": "1", "next": {"label": "2", "next": {"label": "3", "next":
        {"label": "4", "next": {"label": "5"}}}}}});
    let typed: cycles::Req5N0 = round_trip(ring);
    let back = typed.next.unwrap().next.next.next;
    assert_eq!(back.label, "4");
    assert_eq!(back.next.label, "5");
    assert!(back.next.next.is_none());
    let one: cycles::Req1N0 = round_trip(json!({"label": "a", "next": {"label": "b"}}));
    assert_eq!(one.next.unwrap().label, "b");
    // Arrays and maps already give indirection: no Box, plain collections.
    let arrays: cycles::Arr3N0 = round_trip(json!({"items": [{"items": [{"items": [{"items": []}]}]}]}));
    assert_eq!(arrays.items[0].items[0].items[0].items.len(), 0);
    let maps: cycles::Map2N0 = round_trip(json!({"entries": {"k": {"entries": {"j": {"entries": {}}}}}}));
    assert!(maps.entries["k"].entries["j"].entries.is_empty());
    // allOf: the merged struct keeps its base's fields and refers back around the cycle.
    let merged: cycles::AllOf3N0 = round_trip(json!({"id": "x", "next": {"depth1": 1, "back": {"depth2": 2, "back": {"id": "y"}}}}));
    assert_eq!(merged.next.unwrap().back.unwrap().back.unwrap().id.as_deref(), Some("y"));
    // A self-including allOf keeps its own properties; alias-only loops accept any JSON.
    let own: cycles::SelfAllOf = round_trip(json!({"own": "o"}));
    assert_eq!(own.own.as_deref(), Some("o"));
    let anything: cycles::LoopA = round_trip(json!({"any": [1, "thing"]}));
    assert_eq!(anything["any"][1], "thing");
    // A property extending its own parent is one recursive type; a map whose values extend the map too.
    let nested: cycles::ExtendsParent = round_trip(json!({"child": {"note": "a", "child": {"note": "b", "child": {}}}}));
    assert_eq!(nested.child.unwrap().child.unwrap().note.as_deref(), Some("b"));
    let tree: cycles::MapOfSelf = round_trip(json!({"a": {"b": {}}, "c": {}}));
    assert!(tree.0["a"].0["b"].0.is_empty());
}

#[test]
fn corpus_regressions_keep_defaults_and_credential_setters_apart() {
    // A property named `0` with a spec default: filled in when missing, kept when present.
    let missing: corpus::SearchResponse = serde_json::from_value(json!({})).unwrap();
    assert_eq!(missing._0, 7);
    let present: corpus::SearchResponse = round_trip(json!({"0": 3}));
    assert_eq!(present._0, 3);
    assert_eq!(corpus::SearchResponse::default()._0, 7);
    // A security scheme named `default`: its setter is `default_`, and `Default::default()` still builds.
    let client = corpus::client::Client::builder().default_("key").build();
    assert_eq!(client.base_url(), corpus::client::DEFAULT_BASE_URL);
}

#[test]
fn properties_beside_a_non_object_type_do_not_make_a_struct() {
    let codes: corpus::CurrencyCodes = round_trip(json!("AFN"));
    assert_eq!(codes, "AFN");
    let jobs: corpus::Jobs = round_trip(json!([]));
    assert!(jobs.is_empty());
}

#[test]
fn any_of_objects_keeps_the_keys_of_every_member_an_instance_matches() {
    let both: unions::Contact = round_trip(json!({"email": "a@b.c", "phone": "+1", "label": "home", "rank": 2}));
    assert_eq!(both.email.as_deref(), Some("a@b.c"));
    assert_eq!(both.phone.as_deref(), Some("+1"));
    assert_eq!(both.rank, unions::support::Nullable::Value(json!(2)));
    let phone_only: unions::Contact = round_trip(json!({"phone": "+1", "label": "work", "rank": "first"}));
    assert_eq!(phone_only.email, None);
    assert_eq!(phone_only.rank, unions::support::Nullable::Value(json!("first")));
    // Required in one member only: optional in the merged struct, so either member alone is read.
    round_trip::<unions::Contact>(json!({"email": "a@b.c"}));
}

#[test]
fn an_array_is_not_read_into_a_struct_variant() {
    let list: unions::ListOrObject = round_trip(json!([""]));
    assert!(matches!(list, unions::ListOrObject::StringList(_)), "{list:?}");
    let object: unions::ListOrObject = round_trip(json!({"string": ""}));
    assert!(matches!(object, unions::ListOrObject::Variant0(_)), "{object:?}");
}

/// `objects::Account` as serde's derive would read it: the reference for specforge's compact
/// `Deserialize` (templates/de.rs), which must accept, reject and default exactly alike on objects.
#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct DerivedAccount {
    id: String,
    #[serde(default)]
    email: Option<String>,
    nickname_or_null: Option<String>,
    #[serde(default)]
    middle_name: objects::support::Nullable<String>,
    #[serde(default = "twenty")]
    page_size: i32,
    #[serde(default)]
    created: Option<i64>,
}

fn twenty() -> i32 {
    20
}

#[test]
fn compact_struct_reading_behaves_like_serde_derive() {
    // What both read from a document, or the error message.
    fn both(text: &str) -> (Result<String, String>, Result<String, String>) {
        let ours = serde_json::from_str::<objects::Account>(text).map(|a| format!("{:?} {:?} {:?} {:?} {}", a.id, a.email, a.nickname_or_null, a.middle_name, a.page_size));
        let derived = serde_json::from_str::<DerivedAccount>(text).map(|a| format!("{:?} {:?} {:?} {:?} {}", a.id, a.email, a.nickname_or_null, a.middle_name, a.page_size));
        (ours.map_err(|e| e.to_string()), derived.map_err(|e| e.to_string().replace("DerivedAccount", "Account")))
    }
    let documents = [
        r#"{"id": "a", "nickname_or_null": "n"}"#,
        r#"{"id": "a"}"#,
        r#"{"id": "a", "nickname_or_null": null, "middle_name": null, "page_size": 3, "unknown": {"deep": [1, {"x": null}]}}"#,
        r#"{"\u0069d": "escaped key", "email": "e@x"}"#,
        r#"{"nickname_or_null": "n"}"#,
        r#"{"id": "a", "id": "b"}"#,
        r#"{"id": 1}"#,
        r#"{"id": "a", "page_size": null}"#,
        r#"{"id": "a", "middle_name": 5}"#,
        r#"["a", null, "n", null, 20, null]"#,
        r#""a""#,
        r#"{}"#,
    ];
    for text in documents {
        let (ours, derived) = both(text);
        // The derive reads an array by position; a JSON object type must not.
        if text.starts_with('[') {
            assert!(derived.is_ok() && ours.as_ref().is_err_and(|e| e.contains("expected struct Account")), "{text}: {ours:?}");
            continue;
        }
        assert_eq!(ours, derived, "{text}");
    }
    // Keys that are not borrowed from the input (a reader, a `Value`) are matched too.
    let text = r#"{"id": "a", "created": 7, "extra": 1}"#;
    let from_reader: objects::Account = serde_json::from_reader(text.as_bytes()).unwrap();
    let from_value: objects::Account = serde_json::from_value(serde_json::from_str(text).unwrap()).unwrap();
    assert_eq!((from_reader.created, from_value.created), (Some(7), Some(7)));
    assert_eq!(from_reader, from_value);
}
