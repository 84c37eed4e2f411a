//! One flat view over the many shapes `openapiv3::Schema` parses into.
//!
//! `openapiv3` sorts a schema into `Type::String`, `Type::Object`, `OneOf`, `Any`... depending on which
//! keywords appear together. The frontend only wants to ask "what are the properties, items, enum values,
//! combinators?", so [`SchemaView`] answers that whatever variant was chosen.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaData, SchemaKind, Type as OaType, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// A reference to a schema, inline or by `$ref`, whichever container type held it.
#[derive(Clone, Copy)]
pub enum SchemaRef<'a> {
    /// `{"$ref": "..."}`.
    Ref(&'a str),
    /// An inline schema.
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

/// The keywords of a schema, whichever `SchemaKind` it parsed into.
pub struct SchemaView<'a> {
    /// Common data: nullable, docs, default, discriminator...
    pub data: &'a SchemaData,
    /// The `type` keyword.
    pub typ: Option<&'a str>,
    /// The `format` keyword.
    pub format: Option<String>,
    /// The `enum` keyword (JSON values, `null` included).
    pub enumeration: Vec<Value>,
    /// Declared properties.
    pub properties: Option<&'a IndexMap<String, ReferenceOr<Box<Schema>>>>,
    /// Required property names.
    pub required: &'a [String],
    /// The `additionalProperties` keyword.
    pub additional: Option<&'a AdditionalProperties>,
    /// The `items` keyword.
    pub items: Option<&'a ReferenceOr<Box<Schema>>>,
    /// `oneOf` members.
    pub one_of: &'a [ReferenceOr<Schema>],
    /// `anyOf` members.
    pub any_of: &'a [ReferenceOr<Schema>],
    /// `allOf` members.
    pub all_of: &'a [ReferenceOr<Schema>],
    /// Whether a `not` keyword is present.
    pub has_not: bool,
}

fn format_name<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => serde_json::to_value(item).ok()?.as_str().map(str::to_owned),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn values<T: Into<Value> + Clone>(items: &[Option<T>]) -> Vec<Value> {
    items.iter().map(|v| v.clone().map_or(Value::Null, Into::into)).collect()
}

impl<'a> SchemaView<'a> {
    /// Views `schema`.
    pub fn of(schema: &'a Schema) -> Self {
        let mut view = SchemaView {
            data: &schema.schema_data,
            typ: None,
            format: None,
            enumeration: Vec::new(),
            properties: None,
            required: &[],
            additional: None,
            items: None,
            one_of: &[],
            any_of: &[],
            all_of: &[],
            has_not: false,
        };
        match &schema.schema_kind {
            SchemaKind::Type(OaType::String(t)) => {
                view.typ = Some("string");
                view.format = format_name(&t.format);
                view.enumeration = values(&t.enumeration);
            }
            SchemaKind::Type(OaType::Number(t)) => {
                view.typ = Some("number");
                view.format = format_name(&t.format);
                view.enumeration = t
                    .enumeration
                    .iter()
                    .map(|v| v.and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number))
                    .collect();
            }
            SchemaKind::Type(OaType::Integer(t)) => {
                view.typ = Some("integer");
                view.format = format_name(&t.format);
                view.enumeration = values(&t.enumeration);
            }
            SchemaKind::Type(OaType::Boolean(t)) => {
                view.typ = Some("boolean");
                view.enumeration = values(&t.enumeration);
            }
            SchemaKind::Type(OaType::Object(t)) => {
                view.typ = Some("object");
                view.properties = Some(&t.properties);
                view.required = &t.required;
                view.additional = t.additional_properties.as_ref();
            }
            SchemaKind::Type(OaType::Array(t)) => {
                view.typ = Some("array");
                view.items = t.items.as_ref();
            }
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::Not { .. } => view.has_not = true,
            SchemaKind::Any(any) => {
                view.typ = any.typ.as_deref();
                view.format = any.format.clone();
                view.enumeration = any.enumeration.clone();
                view.properties = Some(&any.properties);
                view.required = &any.required;
                view.additional = any.additional_properties.as_ref();
                view.items = any.items.as_ref();
                view.one_of = &any.one_of;
                view.any_of = &any.any_of;
                view.all_of = &any.all_of;
                view.has_not = any.not.is_some();
            }
        }
        view
    }

    /// True when the schema declares at least one property.
    pub fn has_properties(&self) -> bool {
        self.properties.is_some_and(|p| !p.is_empty())
    }

    /// True when the schema constrains nothing about the shape of the value (docs and flags only).
    pub fn is_unconstrained(&self) -> bool {
        self.typ.is_none()
            && self.format.is_none()
            && self.enumeration.is_empty()
            && !self.has_properties()
            && self.additional.is_none()
            && self.items.is_none()
            && self.one_of.is_empty()
            && self.any_of.is_empty()
            && self.all_of.is_empty()
    }
}
