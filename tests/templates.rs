//! The support code in `templates/` is real Rust: compiled here as modules and tested directly,
//! the same text that generated output embeds with `include_str!`.

#[path = "../templates/nullable.rs"]
mod nullable;

#[path = "../templates/base64.rs"]
mod bytes;

#[path = "../templates/tagged.rs"]
mod tagged;

use bytes::base64;
use nullable::Nullable;
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Patch {
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    nickname: Nullable<String>,
}

#[test]
fn nullable_round_trips_all_three_states() {
    for (text, state) in
        [("{}", Nullable::Absent), (r#"{"nickname":null}"#, Nullable::Null), (r#"{"nickname":"ada"}"#, Nullable::Value("ada".to_owned()))]
    {
        let patch: Patch = serde_json::from_str(text).unwrap();
        assert_eq!(patch.nickname, state, "reading {text}");
        assert_eq!(serde_json::to_string(&patch).unwrap(), text, "writing {state:?}");
    }
}

#[test]
fn nullable_accessors_and_conversions() {
    assert!(Nullable::<u8>::Absent.is_absent());
    assert!(Nullable::<u8>::Null.is_null());
    assert_eq!(Nullable::Value(3).as_ref(), Some(&3));
    assert_eq!(Nullable::<u8>::Null.as_ref(), None);
    assert_eq!(Nullable::Value(5).into_option(), Some(5));
    assert_eq!(Nullable::<u8>::Absent.into_option(), None);
    assert_eq!(Nullable::from(Some(4)), Nullable::Value(4));
    assert_eq!(Nullable::<u8>::from(None), Nullable::Null);
    assert_eq!(Nullable::<u8>::default(), Nullable::Absent);
}

#[test]
fn base64_encodes_like_rfc_4648_test_vectors() {
    let vectors = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")];
    for (plain, encoded) in vectors {
        assert_eq!(base64::encode(plain.as_bytes()), encoded);
        assert_eq!(base64::decode(encoded).unwrap(), plain.as_bytes());
        assert_eq!(base64::decode(encoded.trim_end_matches('=')).unwrap(), plain.as_bytes(), "unpadded {encoded}");
    }
    assert_eq!(base64::decode("-_8=").unwrap(), vec![0xfb, 0xff], "URL-safe alphabet");
    let error = base64::decode("ab*c").unwrap_err();
    assert!(error.contains("offset 2"), "{error}");
}

#[test]
fn base64_bytes_round_trip_through_serde() {
    let all: Vec<u8> = (0..=255).collect();
    let wrapped = bytes::Base64(all.clone());
    let text = serde_json::to_string(&wrapped).unwrap();
    let back: bytes::Base64 = serde_json::from_str(&text).unwrap();
    assert_eq!(back.0, all);
    assert!(serde_json::from_str::<bytes::Base64>("\"%%%\"").is_err());

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct File {
        #[serde(with = "base64::option")]
        data: Option<Vec<u8>>,
    }
    for file in [File { data: None }, File { data: Some(b"hi".to_vec()) }] {
        let text = serde_json::to_string(&file).unwrap();
        assert_eq!(serde_json::from_str::<File>(&text).unwrap(), file);
    }
    assert_eq!(serde_json::to_value(File { data: Some(b"hi".to_vec()) }).unwrap(), json!({"data": "aGk="}));
}

#[test]
fn serialize_tagged_adds_the_discriminator() {
    #[derive(Serialize)]
    struct Cat {
        lives: u8,
    }
    struct Tagged<'a>(&'a Cat);
    impl Serialize for Tagged<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            tagged::serialize_tagged(serializer, "kind", "cat", self.0)
        }
    }
    assert_eq!(serde_json::to_value(Tagged(&Cat { lives: 9 })).unwrap(), json!({"lives": 9, "kind": "cat"}));
}
