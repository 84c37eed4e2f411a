/// A field that may be absent, explicitly `null`, or hold a value.
///
/// Used for properties that are both optional and nullable, so that a PATCH body can tell
/// "leave unchanged" ([`Nullable::Absent`], not sent) from "clear it" ([`Nullable::Null`], sent as `null`).
/// Fields of this type are declared with `#[serde(default, skip_serializing_if = "Nullable::is_absent")]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// The property is not present.
    #[default]
    Absent,
    /// The property is present and `null`.
    Null,
    /// The property is present with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// True when the property is not present.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// True when the property is present and `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if there is one.
    pub fn as_ref(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            _ => None,
        }
    }

    /// The value, if there is one, consuming `self`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `Some(v)` becomes [`Nullable::Value`], `None` becomes [`Nullable::Null`] (sent as `null`).
    fn from(value: Option<T>) -> Self {
        match value {
            Some(value) => Nullable::Value(value),
            None => Nullable::Null,
        }
    }
}

impl<T: serde::Serialize> serde::Serialize for Nullable<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => serializer.serialize_some(value),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Nullable<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(|value| match value {
            Some(value) => Nullable::Value(value),
            None => Nullable::Null,
        })
    }
}
