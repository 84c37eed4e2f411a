//! Types of Swagger 2.0 parameters and response headers, read from the object itself (`type`,
//! `format`, `items`, `enum`, `x-nullable`).
//!
//! These objects are schema-like but are not schemas: a parameter carries `name`, `in` and a boolean
//! `required`, which a schema reader takes for a list of required properties. So the primitive and
//! array types are mapped here; only `items` (a plain schema-like object) goes through the schema
//! converter, and an `enum` becomes a named enum type as an inline 3.x enum would.

use super::raw::Located;
use crate::error::Result;
use crate::ir::{Docs, Enum, EnumValue, IntWidth, Literal, NameHint, Origin, Type, TypeDef, TypeId, TypeKind};
use crate::openapi::schema::{Converter, Loc, Shape};
use serde_json::Value;

/// The shape of the parameter or header `object` found at `loc` (its pointer; types made here are
/// named after `loc.hint`).
pub fn value_shape(conv: &mut Converter<'_>, object: &Located, loc: &Loc) -> Result<Shape> {
    let nullable = object.value.get("x-nullable") == Some(&Value::Bool(true));
    let format = object.value.get("format").and_then(Value::as_str);
    let typ = object.value.get("type").and_then(Value::as_str);
    let values: Vec<&Value> = object.value.get("enum").and_then(Value::as_array).into_iter().flatten().collect();
    let enum_nullable = values.iter().any(|v| v.is_null());
    let literals: Option<Vec<Literal>> = values
        .iter()
        .filter(|v| !v.is_null())
        .map(|v| match (v, typ) {
            (Value::String(s), Some("string") | None) => Some(Literal::Str(s.clone())),
            (Value::Number(n), Some("integer") | Some("number") | None) => n.as_i64().map(Literal::Int),
            _ => None,
        })
        .collect();
    if let Some(literals) = literals.filter(|l| !l.is_empty()) {
        let id = named_enum(conv, loc, literals);
        return Ok(Shape { ty: Type::Named { id, boxed: false }, nullable: nullable || enum_nullable });
    }
    let ty = match typ {
        Some("string") => string_type(format),
        Some("integer") => Type::Integer { width: int_width(format) },
        Some("number") => Type::Number { single: format == Some("float") },
        Some("boolean") => Type::Boolean,
        Some("file") => Type::Binary,
        Some("array") => match object.value.get("items") {
            Some(_) => {
                let items = conv.shape_at(&loc.child(&["items"], Some("Item")))?;
                Type::Array { items: Box::new(items.into_type()) }
            }
            None => Type::Array { items: Box::new(Type::Any) },
        },
        _ => Type::Any,
    };
    Ok(Shape { ty, nullable: nullable || enum_nullable })
}

/// Declares an open enum of `literals` named after `loc`.
fn named_enum(conv: &mut Converter<'_>, loc: &Loc, literals: Vec<Literal>) -> TypeId {
    let mut values: Vec<EnumValue> = Vec::new();
    for value in literals {
        if !values.iter().any(|v| v.value == value) {
            values.push(EnumValue { value, name: String::new(), docs: Docs::default() });
        }
    }
    let id = TypeId(conv.types.len());
    conv.types.push(TypeDef {
        name: String::new(),
        hint: NameHint { segments: loc.hint.clone(), declared: false },
        origin: Origin { file: conv.store.get(loc.doc).display.clone(), place: loc.pointer.clone() },
        docs: Docs::default(),
        kind: TypeKind::Enum(Enum { values, open: true, fallback: String::new() }),
    });
    id
}

/// The type of a `string` with `format` (the schema converter's mapping).
fn string_type(format: Option<&str>) -> Type {
    match format {
        Some("date-time") => Type::DateTime,
        Some("date") => Type::Date,
        Some("uuid") => Type::Uuid,
        Some("byte") => Type::Base64,
        Some("binary") => Type::Binary,
        other => Type::String { format: other.map(str::to_owned) },
    }
}

/// The width of an `integer` with `format` (the schema converter's mapping).
fn int_width(format: Option<&str>) -> IntWidth {
    match format {
        Some("int8") => IntWidth::I8,
        Some("int16") => IntWidth::I16,
        Some("int32") => IntWidth::I32,
        Some("uint8") => IntWidth::U8,
        Some("uint16") => IntWidth::U16,
        Some("uint32") => IntWidth::U32,
        Some("uint64") | Some("uint") => IntWidth::U64,
        _ => IntWidth::I64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_map_like_the_schema_converter() {
        assert_eq!(string_type(Some("date-time")), Type::DateTime);
        assert_eq!(string_type(Some("email")), Type::String { format: Some("email".into()) });
        assert_eq!(int_width(Some("int32")), IntWidth::I32);
        assert_eq!(int_width(None), IntWidth::I64);
    }
}
