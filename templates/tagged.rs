/// Serializes `value` (an object) with the discriminator property `tag` set to `name`, for union
/// variants whose own type does not carry the discriminator property.
pub fn serialize_tagged<S, T>(serializer: S, tag: &str, name: &str, value: &T) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
    T: serde::Serialize,
{
    let mut object = match serde_json::to_value(value).map_err(serde::ser::Error::custom)? {
        serde_json::Value::Object(object) => object,
        other => return serde::Serialize::serialize(&other, serializer),
    };
    object.insert(tag.to_owned(), serde_json::Value::String(name.to_owned()));
    serde::Serialize::serialize(&object, serializer)
}
