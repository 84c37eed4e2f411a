/// Reading JSON objects into structs: one shared field-name lookup and map visitor, so each
/// struct's `Deserialize` is a short `match` on field positions instead of the visitors, field
/// enums and sequence support a derive expands to (most of the compile time of large APIs).
pub mod de {
    use std::fmt;
    use std::marker::PhantomData;

    /// A struct read from a map (a JSON object) by [`object`].
    pub trait Object<'de>: Sized {
        /// What the struct is, for "invalid type" errors: `struct Name`.
        const EXPECTING: &'static str;
        /// The JSON names of the fields, sorted (a key's position in it is what `from_map` matches).
        const FIELDS: &'static [&'static str];
        /// Reads the fields from `map`; keys not in [`Object::FIELDS`] are skipped.
        fn from_map<A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
    }

    /// `T` read from `deserializer` as a map.
    pub fn object<'de, T: Object<'de>, D: serde::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_map(ObjectVisitor(PhantomData))
    }

    struct ObjectVisitor<T>(PhantomData<T>);

    impl<'de, T: Object<'de>> serde::de::Visitor<'de> for ObjectVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::from_map(map)
        }
    }

    /// The next key of a map, as its position in a sorted list of field names ([`UNKNOWN`] when it
    /// is not one of them).
    pub struct Key(pub &'static [&'static str]);

    /// The position [`Key`] gives a key that is not a field.
    pub const UNKNOWN: usize = usize::MAX;

    impl<'de> serde::de::DeserializeSeed<'de> for Key {
        type Value = usize;

        fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
            deserializer.deserialize_identifier(self)
        }
    }

    impl<'de> serde::de::Visitor<'de> for Key {
        type Value = usize;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a field name")
        }

        fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<usize, E> {
            Ok(self.0.binary_search(&key).unwrap_or(UNKNOWN))
        }

        fn visit_bytes<E: serde::de::Error>(self, key: &[u8]) -> Result<usize, E> {
            Ok(std::str::from_utf8(key).map_or(UNKNOWN, |key| self.0.binary_search(&key).unwrap_or(UNKNOWN)))
        }

        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<usize, E> {
            Ok(UNKNOWN)
        }
    }

    /// Reads the value of the field `name` into `slot`; a second value for it is an error, as with
    /// a derived `Deserialize`.
    pub fn set<'de, A: serde::de::MapAccess<'de>, T: serde::Deserialize<'de>>(
        map: &mut A,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(serde::de::Error::duplicate_field(name));
        }
        *slot = Some(map.next_value()?);
        Ok(())
    }

    /// Skips the value of a key that is not a field.
    pub fn skip<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
        map.next_value::<serde::de::IgnoredAny>().map(|_| ())
    }

    /// The value of the required field `name`, or the "missing field" error.
    pub fn required<'de, A: serde::de::MapAccess<'de>, T>(slot: Option<T>, name: &'static str) -> Result<T, A::Error> {
        slot.ok_or_else(|| serde::de::Error::missing_field(name))
    }

    /// `Deserialize` for a struct through [`Object`], written by the generator as
    /// `deserialize_object! { #[attributes] Name "struct Name" ["sorted", "json", "names"] { field slot: position "json" missing, ... } }`
    /// where `slot` is a local variable name (`f0`, `f1`...: a field's own name could trip lints on
    /// bindings, such as clippy's `disallowed_names`), `missing` is `required`, `default` (`Default::default()`) or `(path)` (a function
    /// giving the spec's default). Each field is matched by its position in the sorted names.
    // Unused when every struct is behind a cargo feature that is off.
    #[allow(unused_macros)]
    macro_rules! deserialize_object {
        ($(#[$attr:meta])* $name:ident $expecting:literal [$($sorted:literal),*] { $($field:ident $slot:ident: $position:literal $wire:literal $missing:tt),* }) => {
            $(#[$attr])*
            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    support::de::object(deserializer)
                }
            }

            $(#[$attr])*
            impl<'de> support::de::Object<'de> for $name {
                const EXPECTING: &'static str = $expecting;
                const FIELDS: &'static [&'static str] = &[$($sorted),*];

                fn from_map<A: ::serde::de::MapAccess<'de>>(mut map: A) -> ::std::result::Result<Self, A::Error> {
                    $(let mut $slot = ::std::option::Option::None;)*
                    while let ::std::option::Option::Some(key) = map.next_key_seed(support::de::Key(Self::FIELDS))? {
                        // One `?` for every arm: one early return (and its drops) instead of one per field.
                        match key {
                            $($position => support::de::set(&mut map, &mut $slot, $wire),)*
                            _ => support::de::skip(&mut map),
                        }?;
                    }
                    ::std::result::Result::Ok(Self { $($field: support::de::deserialize_object!(@missing A $slot $wire $missing)),* })
                }
            }
        };
        (@missing $a:ident $slot:ident $wire:literal required) => {
            support::de::required::<$a, _>($slot, $wire)?
        };
        (@missing $a:ident $slot:ident $wire:literal default) => {
            $slot.unwrap_or_default()
        };
        (@missing $a:ident $slot:ident $wire:literal ($($default:tt)*)) => {
            $slot.unwrap_or_else($($default)*)
        };
    }
    #[allow(unused_imports)]
    pub(crate) use deserialize_object;
}
