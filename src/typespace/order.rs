//! Ordering union variants so that a decoder trying them in turn meets the most specific shape first.

use crate::ir::*;

/// Sort key of a variant type: lower is tried first.
fn specificity(api: &Api, ty: &Type, depth: usize) -> (u8, i64, i64) {
    match ty {
        Type::Named { id, .. } if depth < 32 => match &api.get(*id).kind {
            TypeKind::Struct(s) if s.newtype.is_some() => specificity(api, s.newtype.as_ref().unwrap_or(&Type::Any), depth + 1),
            // Structs with more required fields reject more objects: try them first.
            TypeKind::Struct(s) => {
                let required = s.fields.iter().filter(|f| f.required).count() as i64;
                (1, -required, -(s.fields.len() as i64))
            }
            TypeKind::Union(_) => (1, 0, 0),
            TypeKind::Enum(e) if !e.open => (2, 0, 0),
            TypeKind::Enum(_) => (3, 0, 0),
            TypeKind::Map { .. } => (4, 0, 0),
            TypeKind::Alias { target } => specificity(api, target, depth + 1),
        },
        Type::Named { .. } => (9, 0, 0),
        Type::Map { .. } => (4, 0, 0),
        // Before structs: a derived struct also reads a JSON array (its fields by position), while an
        // array type never reads an object.
        Type::Array { .. } | Type::Tuple { .. } => (0, 0, 0),
        Type::Boolean => (6, 0, 0),
        Type::Integer { .. } => (6, 0, 0),
        Type::Number { .. } => (7, 0, 0),
        Type::DateTime | Type::Date | Type::Uuid => (6, 0, 0),
        Type::String { .. } | Type::Base64 | Type::Binary => (8, 0, 0),
        Type::Nullable { inner } => specificity(api, inner, depth + 1),
        Type::Any => (10, 0, 0),
    }
}

/// Sorts the variants of every untagged union, most specific first; ties keep document order.
pub fn order_variants(api: &mut Api) {
    for id in 0..api.types.len() {
        let TypeKind::Union(union) = &api.types[id].kind else { continue };
        if union.discriminator.is_some() {
            continue;
        }
        let mut keyed: Vec<((u8, i64, i64), Variant)> = union.variants.iter().map(|v| (specificity(api, &v.ty, 0), v.clone())).collect();
        keyed.sort_by_key(|(key, _)| *key);
        if let TypeKind::Union(union) = &mut api.types[id].kind {
            union.variants = keyed.into_iter().map(|(_, v)| v).collect();
        }
    }
}
