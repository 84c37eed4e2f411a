//! readOnly / writeOnly (`tests/constructs/visibility.yaml`): responses decode without their write-only
//! properties, request forms never carry read-only ones (copied into the generated test crate).

use constructs::visibility::support::Nullable;
use constructs::visibility::*;
use serde_json::{json, Value};

/// Deserializes `value` as `T`, checks it serializes back to the same JSON, and returns it.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let typed: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("reading {value}: {e}"));
    assert_eq!(serde_json::to_value(&typed).unwrap(), value);
    typed
}

fn at() -> chrono::DateTime<chrono::Utc> {
    "2026-12-04T10:00:00Z".parse().unwrap()
}

#[test]
fn a_response_without_write_only_properties_decodes_with_its_read_only_ones() {
    // `password` and `pin` are required write-only properties: the response has neither.
    let response = json!({
        "id": "u1",
        "name": "Ann",
        "role": "admin",
        "deleted_at": null,
        "tags": [{"id": 1, "label": "x"}],
        "stamp": {"at": "2026-12-04T10:00:00Z", "by": "sys"},
        "friends": {"bo": {"id": "u2", "name": "Bo", "role": "member"}}
    });
    let user: User = round_trip(response);
    assert_eq!(user.id, "u1");
    assert_eq!((user.password, user.pin, user.notify), (None, Nullable::Absent, None), "write-only: absent, no default");
    assert_eq!(user.role, UserRole::Admin);
    assert_eq!(user.deleted_at, Nullable::Null);
    assert_eq!(user.tags, Some(vec![Tag { id: 1, label: "x".into() }]));
    assert_eq!(user.stamp, Some(Stamp { at: at(), by: Some("sys".into()) }));
    assert_eq!(user.friends.unwrap()["bo"].id, "u2");
    // The read-only default applies to responses: a missing `role` is `member`.
    let minimal: User = serde_json::from_value(json!({"id": "u3", "name": "Cy"})).unwrap();
    assert_eq!(minimal.role, UserRole::Member);
    assert!(serde_json::from_value::<User>(json!({"name": "Cy"})).is_err(), "read-only `id` stays required in responses");
}

#[test]
fn the_request_form_sends_write_only_properties_and_no_read_only_ones() {
    let input = UserInput {
        name: "Ann".into(),
        password: "pw".into(),
        pin: None,
        notify: true,
        nickname: Nullable::Absent,
        address: Some(Address { city: Some("Oslo".into()) }),
        tags: Some(vec![TagInput2 { label: "x".into() }]),
        stamp: Some(StampInput {}),
        friends: Some([("bo".to_string(), UserInput { name: "Bo".into(), password: "b".into(), ..Default::default() })].into()),
    };
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({
            "name": "Ann",
            "password": "pw",
            "pin": null,
            "notify": true,
            "address": {"city": "Oslo"},
            "tags": [{"label": "x"}],
            "stamp": {},
            "friends": {"bo": {"name": "Bo", "password": "b", "pin": null, "notify": true}}
        })
    );
    // Write-only properties keep `required` (and their default) in the request form.
    assert!(serde_json::from_value::<UserInput>(json!({"name": "Ann", "pin": null})).is_err(), "password is required");
    let decoded: UserInput = serde_json::from_value(json!({"name": "Ann", "password": "pw", "pin": "1234"})).unwrap();
    assert_eq!((decoded.pin.as_deref(), decoded.notify), (Some("1234"), true));
}

#[test]
fn a_schema_whose_properties_are_all_read_only_has_an_empty_request_form() {
    assert_eq!(serde_json::to_string(&StampInput {}).unwrap(), "{}");
    assert_eq!(StampInput::default(), StampInput {});
    let _: StampInput = serde_json::from_value(json!({"at": "2026-12-04T10:00:00Z"})).unwrap();
    let stamp: Stamp = round_trip(json!({"at": "2026-12-04T10:00:00Z"}));
    assert_eq!(stamp, Stamp { at: at(), by: None });
}

#[test]
fn recursive_request_forms_refer_to_themselves() {
    let leaf = NodeInput { value: "leaf".into(), parent: None, children: None };
    let tree = NodeInput { value: "root".into(), parent: Some(Box::new(leaf.clone())), children: Some(vec![leaf]) };
    assert_eq!(
        serde_json::to_value(&tree).unwrap(),
        json!({"value": "root", "parent": {"value": "leaf"}, "children": [{"value": "leaf"}]})
    );
    let node: Node = round_trip(json!({"id": 1, "value": "root", "parent": {"id": 2, "value": "p"}, "children": [{"id": 3, "value": "c"}]}));
    assert_eq!(node.parent.unwrap().id, 2);
}

#[test]
fn all_of_aliases_and_unions_have_request_forms_along_the_path() {
    // allOf merged Audited's read-only `created_at` into Pet; `owner` is the alias Owner = User.
    let pet = PetInput { name: "Rex".into(), owner: Some(UserInput { name: "Ann".into(), password: "pw".into(), ..Default::default() }) };
    let owner: Option<OwnerInput> = pet.owner.clone();
    assert!(owner.is_some());
    assert_eq!(
        serde_json::to_value(&pet).unwrap(),
        json!({"name": "Rex", "owner": {"name": "Ann", "password": "pw", "pin": null, "notify": true}})
    );
    let returned: Pet = round_trip(json!({"created_at": "2026-12-04T10:00:00Z", "name": "Rex", "owner": {"id": "u1", "name": "Ann", "role": "member"}}));
    assert_eq!(returned.created_at, Some(at()));
    // A discriminated union and an untagged one: the variants keep their names, their types are request forms.
    let drawing = DrawingInput {
        shapes: vec![ShapeInput::Circle(CircleInput { kind: "Circle".into(), radius: 1.0 }), ShapeInput::Square(SquareInput { kind: "Square".into(), side: 2.0 })],
        label: Some(DrawingLabelInput::Tag(TagInput2 { label: "x".into() })),
        plain: None,
    };
    assert_eq!(
        serde_json::to_value(&drawing).unwrap(),
        json!({"shapes": [{"kind": "Circle", "radius": 1.0}, {"kind": "Square", "side": 2.0}], "label": {"label": "x"}})
    );
    let drawn: Drawing = round_trip(json!({
        "shapes": [{"kind": "Square", "side": 2.0, "area": 4.0}],
        "label": {"id": 7, "label": "x"}
    }));
    assert_eq!(drawn.shapes, vec![Shape::Square(Square { kind: "Square".into(), side: 2.0, area: Some(4.0) })]);
    assert_eq!(drawn.label, Some(DrawingLabel::Tag(Tag { id: 7, label: "x".into() })));
}

#[test]
fn an_inline_body_only_requests_use_is_its_own_request_form() {
    // `SignupRequest` keeps its name, loses its read-only `referrer`, and holds `UserInput`.
    let signup = SignupRequest { user: UserInput { name: "Ann".into(), password: "pw".into(), ..Default::default() }, invite: Some("i".into()) };
    assert_eq!(
        serde_json::to_value(&signup).unwrap(),
        json!({"user": {"name": "Ann", "password": "pw", "pin": null, "notify": true}, "invite": "i"})
    );
    // A parameter is sent too: FilterInput has no read-only `total`.
    assert_eq!(serde_json::to_value(FilterInput { q: Some("a".into()) }).unwrap(), json!({"q": "a"}));
    let filter: Filter = round_trip(json!({"q": "a", "total": 3}));
    assert_eq!(filter.total, Some(3));
}
