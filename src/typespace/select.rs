//! Selection: only the operations a user asks for (`--tags`, `--operations` and their `--exclude-*`
//! forms), and only the types they reach (plus the schemas kept by name, or all named ones).
//!
//! Runs before the rest of the type space, so names are given, variants ordered and cycles broken
//! among the kept types only. Type ids are renumbered; the kept types keep their relative order, so
//! the output stays deterministic and in document order.

use crate::error::{Error, Result};
use crate::ir::*;

/// What to generate; empty lists select everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Keep operations with one of these tags.
    pub tags: Vec<String>,
    /// Keep these operations: an `operationId`, or `METHOD /path` (method in any case).
    pub operations: Vec<String>,
    /// Drop operations with one of these tags (applied after `tags` and `operations`).
    pub exclude_tags: Vec<String>,
    /// Drop these operations (same forms as `operations`).
    pub exclude_operations: Vec<String>,
    /// Keep these named schemas (and what they reach) even when no kept operation uses them.
    pub keep_schemas: Vec<String>,
    /// Keep every named schema; only operations are selected.
    pub all_schemas: bool,
}

impl Selection {
    /// True when nothing is selected or excluded: the whole API is generated.
    pub fn is_everything(&self) -> bool {
        self.tags.is_empty()
            && self.operations.is_empty()
            && self.exclude_tags.is_empty()
            && self.exclude_operations.is_empty()
            && self.keep_schemas.is_empty()
    }
}

/// True when `op` is named by `key`: its `operationId`, or `METHOD /path`.
fn names(op: &Operation, key: &str) -> bool {
    if op.operation_id.as_deref() == Some(key) {
        return true;
    }
    match key.split_once(' ') {
        Some((method, path)) => method.eq_ignore_ascii_case(op.method.as_str()) && path.trim() == op.path,
        None => false,
    }
}

/// The name a schema is kept by: the last segment of a declared type's name hint.
fn schema_name(def: &TypeDef) -> Option<&str> {
    def.hint.declared.then(|| def.hint.segments.last().map(String::as_str)).flatten()
}

/// An error for a selection entry that matches nothing: the near misses (same letters in another
/// case, or one contains the other), then what exists.
fn unknown(option: &str, entry: &str, known: &mut Vec<String>) -> Error {
    known.sort();
    known.dedup();
    let lower = entry.to_lowercase();
    let near: Vec<String> = known
        .iter()
        .filter(|k| {
            let k = k.to_lowercase();
            !lower.is_empty() && (k.contains(&lower) || lower.contains(&k))
        })
        .take(5)
        .map(|k| format!("`{k}`"))
        .collect();
    let hint = if near.is_empty() { String::new() } else { format!(" (did you mean {}?)", near.join(" or ")) };
    let mut list = known.iter().take(20).cloned().collect::<Vec<_>>().join(", ");
    if known.len() > 20 {
        list.push_str(&format!(", ... ({} in all)", known.len()));
    }
    Error::Config(format!("{option} `{entry}` matches nothing in the input{hint}; known: {list}"))
}

/// Checks that every entry of the selection names something, so that a typo is an error rather than
/// an empty or unchanged output.
fn check(api: &Api, selection: &Selection) -> Result<()> {
    let all_ops = || api.operations.iter().chain(&api.webhooks);
    let mut tags: Vec<String> = all_ops().flat_map(|op| op.tags.iter().cloned()).collect();
    for (option, list) in [("--tags", &selection.tags), ("--exclude-tags", &selection.exclude_tags)] {
        if let Some(entry) = list.iter().find(|t| !tags.contains(t)) {
            return Err(unknown(option, entry, &mut tags));
        }
    }
    for (option, list) in [("--operations", &selection.operations), ("--exclude-operations", &selection.exclude_operations)] {
        if let Some(entry) = list.iter().find(|key| !all_ops().any(|op| names(op, key))) {
            let mut known = all_ops().map(|op| op.operation_id.clone().unwrap_or_else(|| format!("{} {}", op.method.as_str(), op.path))).collect();
            return Err(unknown(option, entry, &mut known));
        }
    }
    if let Some(entry) = selection.keep_schemas.iter().find(|name| !api.types.iter().any(|d| schema_name(d) == Some(name.as_str()))) {
        let mut known = api.types.iter().filter_map(schema_name).map(str::to_owned).collect();
        return Err(unknown("--keep-schemas", entry, &mut known));
    }
    Ok(())
}

/// True when the selection keeps `op`.
fn keeps(selection: &Selection, op: &Operation) -> bool {
    let chosen = (selection.tags.is_empty() && selection.operations.is_empty())
        || op.tags.iter().any(|t| selection.tags.contains(t))
        || selection.operations.iter().any(|key| names(op, key));
    let excluded = op.tags.iter().any(|t| selection.exclude_tags.contains(t)) || selection.exclude_operations.iter().any(|key| names(op, key));
    chosen && !excluded
}

/// Every type expression of an operation, for reading or renumbering.
fn operation_types(op: &mut Operation) -> impl Iterator<Item = &mut Type> {
    let params = op.parameters.iter_mut().map(|p| &mut p.ty);
    let body = op.request_body.iter_mut().flat_map(|b| b.contents.iter_mut().map(|c| &mut c.ty));
    let responses = op.responses.iter_mut().flat_map(|r| r.contents.iter_mut().map(|c| &mut c.ty).chain(r.headers.iter_mut().map(|h| &mut h.ty)));
    params.chain(body).chain(responses)
}

/// Every type expression inside a type definition.
fn kind_types(kind: &mut TypeKind) -> Vec<&mut Type> {
    match kind {
        TypeKind::Struct(s) => {
            let mut out: Vec<&mut Type> = s.fields.iter_mut().map(|f| &mut f.ty).collect();
            out.extend(s.additional.iter_mut().map(|a| &mut a.value));
            out.extend(s.newtype.iter_mut());
            out
        }
        TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
        TypeKind::Alias { target } => vec![target],
        TypeKind::Map { value } => vec![value],
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Calls `f` on every type id inside `ty`.
fn each_id(ty: &mut Type, f: &mut dyn FnMut(&mut TypeId)) {
    match ty {
        Type::Named { id, .. } => f(id),
        Type::Array { items: inner } | Type::Map { values: inner } | Type::Nullable { inner } => each_id(inner, f),
        Type::Tuple { items } => items.iter_mut().for_each(|item| each_id(item, f)),
        _ => {}
    }
}

/// Keeps the selected operations and webhooks and the types they (and the kept schemas) reach.
/// Returns what was kept; with an empty selection the API is unchanged.
pub fn select(api: &mut Api, selection: &Selection) -> Result<Selected> {
    let mut kept =
        Selected { operations: api.operations.len(), operations_total: api.operations.len(), types: api.types.len(), types_total: api.types.len() };
    if selection.is_everything() {
        return Ok(kept);
    }
    check(api, selection)?;
    api.operations.retain(|op| keeps(selection, op));
    api.webhooks.retain(|op| keeps(selection, op));
    kept.operations = api.operations.len();

    let n = api.types.len();
    let mut reached = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut roots = Vec::new();
    api.operations.iter().chain(&api.webhooks).for_each(|op| op.named_ids(&mut roots));
    stack.extend(roots.iter().map(|id| id.0));
    for (i, def) in api.types.iter().enumerate() {
        let by_name = schema_name(def).is_some_and(|name| selection.keep_schemas.iter().any(|k| k == name));
        if by_name || (selection.all_schemas && def.hint.declared) {
            stack.push(i);
        }
    }
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut reached[i], true) {
            continue;
        }
        let def = &api.types[i];
        stack.extend(def.input_of.map(|id| id.0));
        let mut below = Vec::new();
        def.kind.named_ids(&mut below);
        stack.extend(below.iter().map(|id| id.0));
    }

    let mut new_id: Vec<Option<TypeId>> = vec![None; n];
    let mut next = 0;
    for (i, keep) in reached.iter().enumerate() {
        if *keep {
            new_id[i] = Some(TypeId(next));
            next += 1;
        }
    }
    let renumber = &mut |id: &mut TypeId| *id = new_id[id.0].expect("a kept type only refers to kept types");
    let types = std::mem::take(&mut api.types);
    api.types = types.into_iter().zip(&reached).filter(|(_, keep)| **keep).map(|(def, _)| def).collect();
    for def in &mut api.types {
        if let Some(id) = &mut def.input_of {
            renumber(id);
        }
        for ty in kind_types(&mut def.kind) {
            each_id(ty, renumber);
        }
    }
    for op in api.operations.iter_mut().chain(api.webhooks.iter_mut()) {
        operation_types(op).for_each(|ty| each_id(ty, renumber));
    }
    kept.types = api.types.len();
    api.selected = Some(kept);
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A named type `name` (declared) that refers to `refs`, as an alias or a struct.
    fn def(name: &str, refs: &[usize]) -> TypeDef {
        let fields: Vec<serde_json::Value> = refs
            .iter()
            .map(|id| json!({"wire_name": format!("f{id}"), "name": "", "ty": {"type": "named", "id": id}, "required": true, "nullable": false}))
            .collect();
        serde_json::from_value(json!({
            "name": "", "hint": {"segments": [name], "declared": true}, "origin": {"file": "", "place": ""},
            "kind": {"kind": "struct", "fields": fields}
        }))
        .unwrap()
    }

    fn op(id: &str, tag: &str, method: &str, path: &str, response: usize) -> Operation {
        serde_json::from_value(json!({
            "operation_id": id, "name": "", "hint": [id], "method": method, "path": path, "tags": [tag],
            "origin": {"file": "", "place": ""},
            "responses": [{"status": {"code": 200}, "contents": [{"media_type": "application/json", "ty": {"type": "named", "id": response}}]}]
        }))
        .unwrap()
    }

    /// Users → User → Address; Orders → Order; Unused alone.
    fn api() -> Api {
        Api {
            types: vec![def("Address", &[]), def("Order", &[]), def("Unused", &[]), def("User", &[0])],
            operations: vec![op("getUser", "users", "GET", "/users/{id}", 3), op("listOrders", "orders", "GET", "/orders", 1)],
            ..Api::default()
        }
    }

    fn names(api: &Api) -> Vec<&str> {
        api.types.iter().map(|t| t.hint.segments[0].as_str()).collect()
    }

    #[test]
    fn a_tag_keeps_its_operations_and_the_types_they_reach_renumbered() {
        let mut api = api();
        let kept = select(&mut api, &Selection { tags: vec!["users".into()], ..Selection::default() }).unwrap();
        assert_eq!(names(&api), ["Address", "User"]);
        assert_eq!(api.operations.len(), 1);
        assert_eq!(kept, Selected { operations: 1, operations_total: 2, types: 2, types_total: 4 });
        assert_eq!(api.selected, Some(kept));
        // getUser's response and User's field point at the renumbered types.
        assert_eq!(api.operations[0].responses[0].contents[0].ty, Type::Named { id: TypeId(1), boxed: false });
        let TypeKind::Struct(user) = &api.types[1].kind else { panic!() };
        assert_eq!(user.fields[0].ty, Type::Named { id: TypeId(0), boxed: false });
    }

    #[test]
    fn operations_by_id_or_method_and_path_and_exclusions() {
        let mut api = api();
        let selection = Selection { operations: vec!["get /users/{id}".into(), "listOrders".into()], ..Selection::default() };
        select(&mut api, &selection).unwrap();
        assert_eq!(api.operations.len(), 2);
        let mut api = self::api();
        select(&mut api, &Selection { exclude_tags: vec!["users".into()], ..Selection::default() }).unwrap();
        assert_eq!(names(&api), ["Order"]);
        let mut api = self::api();
        select(&mut api, &Selection { exclude_operations: vec!["listOrders".into()], ..Selection::default() }).unwrap();
        assert_eq!(names(&api), ["Address", "User"]);
    }

    #[test]
    fn kept_schemas_and_all_schemas_survive_pruning() {
        let mut api = api();
        select(&mut api, &Selection { tags: vec!["orders".into()], keep_schemas: vec!["User".into()], ..Selection::default() }).unwrap();
        assert_eq!(names(&api), ["Address", "Order", "User"]);
        let mut api = self::api();
        select(&mut api, &Selection { tags: vec!["orders".into()], all_schemas: true, ..Selection::default() }).unwrap();
        assert_eq!(names(&api), ["Address", "Order", "Unused", "User"]);
    }

    #[test]
    fn no_selection_changes_nothing_and_a_typo_is_an_error_listing_what_exists() {
        let mut api = api();
        select(&mut api, &Selection::default()).unwrap();
        assert_eq!(api, self::api());
        for selection in [
            Selection { tags: vec!["user".into()], ..Selection::default() },
            Selection { exclude_operations: vec!["getUsers".into()], ..Selection::default() },
            Selection { keep_schemas: vec!["Adress".into()], tags: vec!["users".into()], ..Selection::default() },
        ] {
            let error = select(&mut self::api(), &selection).unwrap_err().to_string();
            assert!(error.contains("matches nothing") && error.contains("known:"), "{error}");
        }
        let error = select(&mut self::api(), &Selection { tags: vec!["user".into()], ..Selection::default() }).unwrap_err().to_string();
        assert!(error.contains("(did you mean `users`?); known: orders, users"), "{error}");
    }
}
