//! Sharing identical inline enums: one enum per distinct set of values, the others aliases of it.
//!
//! Large APIs repeat the same small inline enum many times (GitHub's description has 2,472 inline
//! string enums with only 293 distinct value sets: `open`/`closed`, `asc`/`desc`...). Each would be an
//! enum with derives and four impls; as aliases they keep their names and docs at almost no compile
//! cost. Named (component) enums are never turned into aliases, and one is preferred as the target.

use crate::ir::{Api, Type, TypeId, TypeKind};
use std::collections::HashMap;

/// Turns every inline enum identical (values, variant names and docs, openness) to an earlier one,
/// or to a named one, into an alias of it.
pub fn share_identical_enums(api: &mut Api) {
    // Candidates in a deterministic order: named types first, then by id.
    let mut order: Vec<usize> = (0..api.types.len()).filter(|&i| matches!(api.types[i].kind, TypeKind::Enum(_))).collect();
    order.sort_by_key(|&i| (!api.types[i].hint.declared, i));
    let mut canonical: HashMap<String, TypeId> = HashMap::new();
    for i in order {
        let TypeKind::Enum(e) = &api.types[i].kind else { continue };
        // The serialized enum is its identity; it is deterministic (values in document order).
        let Ok(key) = serde_json::to_string(e) else { continue };
        match canonical.get(&key) {
            Some(&target) if !api.types[i].hint.declared => {
                api.types[i].kind = TypeKind::Alias { target: Type::Named { id: target, boxed: false } };
            }
            Some(_) => {}
            None => {
                canonical.insert(key, TypeId(i));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::*;

    fn enum_def(name: &str, declared: bool, values: &[&str]) -> TypeDef {
        TypeDef {
            name: name.into(),
            hint: NameHint { segments: vec![name.into()], declared },
            origin: Origin::default(),
            docs: Docs::default(),
            kind: TypeKind::Enum(Enum {
                values: values
                    .iter()
                    .map(|v| EnumValue { value: Literal::Str((*v).into()), name: v.to_uppercase(), name_hint: None, docs: Docs::default() })
                    .collect(),
                open: true,
                fallback: "Unknown".into(),
            }),
            input_of: None,
        }
    }

    #[test]
    fn inline_duplicates_become_aliases_of_the_named_or_first_one() {
        let mut api = Api::default();
        api.types.push(enum_def("IssueState", false, &["open", "closed"]));
        api.types.push(enum_def("PullState", false, &["open", "closed"]));
        api.types.push(enum_def("State", true, &["open", "closed"]));
        api.types.push(enum_def("Order", false, &["asc", "desc"]));
        api.types.push(enum_def("Direction", false, &["asc", "desc"]));
        api.types.push(enum_def("OtherState", true, &["open", "closed"]));
        api.types.push(enum_def("Reordered", false, &["closed", "open"]));
        share_identical_enums(&mut api);
        let alias_of = |i: usize| match &api.types[i].kind {
            TypeKind::Alias { target: Type::Named { id, .. } } => Some(id.0),
            _ => None,
        };
        assert_eq!(alias_of(0), Some(2), "the named enum is preferred");
        assert_eq!(alias_of(1), Some(2));
        assert_eq!(alias_of(2), None);
        assert_eq!(alias_of(3), None, "the first inline one is kept");
        assert_eq!(alias_of(4), Some(3));
        assert_eq!(alias_of(5), None, "named enums stay enums");
        assert_eq!(alias_of(6), None, "values in another order make another enum");
    }
}
