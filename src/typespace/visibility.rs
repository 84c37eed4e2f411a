//! `readOnly` / `writeOnly`: a request form for the types that need one.
//!
//! The type a schema is named after (`User`) is the response form and the one used in general: its
//! read-only properties stay as declared, its write-only properties become optional without a
//! default (a server never returns them, so a response must decode without them). A type sent in a
//! request whose form differs gets a request form (`UserInput`): read-only properties left out (the
//! caller never invents them and they are never sent), write-only properties as declared (required
//! stays required, the default kept).
//!
//! A type differs when it has a read-only property or a write-only one that is required or has a
//! default, or holds such a type (through properties, extra properties, array items, map values,
//! union variants, aliases): request forms are made along the path, and everything below that does
//! not differ is shared unchanged. A type that appears only in requests (an inline request body, or
//! inline schemas below one, never below a named schema, a response or a webhook) is turned into its
//! request form in place and keeps its name; a type that also appears elsewhere is copied, and the
//! copy records the original in [`TypeDef::input_of`] so the naming names it after it.
//!
//! Request bodies and parameters of operations use request forms; responses and webhooks (sent by the
//! server) use the main forms. The pass runs first in the type space, so cycle breaking sees the
//! copies (a recursive type's request form refers to itself) and naming names them.

use crate::ir::*;

/// Named types one level below `def`, without those only reached through read-only properties
/// (which request forms leave out) unless `all`.
fn edges(def: &TypeDef, all: bool) -> Vec<TypeId> {
    let mut out = Vec::new();
    match &def.kind {
        TypeKind::Struct(s) => {
            for field in s.fields.iter().filter(|f| all || !f.read_only) {
                field.ty.named_ids(&mut out);
            }
            if let Some(additional) = &s.additional {
                additional.value.named_ids(&mut out);
            }
            if let Some(inner) = &s.newtype {
                inner.named_ids(&mut out);
            }
        }
        TypeKind::Union(u) => u.variants.iter().for_each(|v| v.ty.named_ids(&mut out)),
        TypeKind::Alias { target } => target.named_ids(&mut out),
        TypeKind::Map { value } => value.named_ids(&mut out),
        TypeKind::Enum(_) => {}
    }
    out
}

/// True when the struct itself has a property whose request form differs from its response form.
fn differs_itself(def: &TypeDef) -> bool {
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| f.read_only || (f.write_only && (f.required || f.default.is_some()))),
        _ => false,
    }
}

/// Every type reachable from `roots` (through `succ`), `roots` included, limited to `allowed`.
fn reach(roots: &[TypeId], succ: &[Vec<TypeId>], allowed: &dyn Fn(usize) -> bool) -> Vec<bool> {
    let mut seen = vec![false; succ.len()];
    let mut stack: Vec<usize> = roots.iter().map(|t| t.0).filter(|&i| allowed(i)).collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(succ[i].iter().map(|t| t.0).filter(|&j| !seen[j] && allowed(j)));
    }
    seen
}

/// Points every named type in `ty` that has a request form at that form.
fn retarget(ty: &mut Type, input: &[Option<TypeId>]) {
    match ty {
        Type::Named { id, .. } => {
            if let Some(form) = input[id.0] {
                *id = form;
            }
        }
        Type::Array { items: inner } | Type::Map { values: inner } | Type::Nullable { inner } => retarget(inner, input),
        _ => {}
    }
}

/// The named types an operation's request sends (body in every media type, parameters).
fn request_roots(op: &Operation, out: &mut Vec<TypeId>) {
    if let Some(body) = &op.request_body {
        body.contents.iter().for_each(|c| c.ty.named_ids(out));
    }
    op.parameters.iter().for_each(|p| p.ty.named_ids(out));
}

/// Makes the request forms, relaxes write-only properties of the main forms, and points request
/// bodies and parameters at the request forms.
pub fn split_request_forms(api: &mut Api) {
    let n = api.types.len();
    let succ: Vec<Vec<TypeId>> = api.types.iter().map(|d| edges(d, false)).collect();
    // Types whose request form differs: those that differ themselves, and those that reach one
    // (fixed point over the reversed graph, so cycles are handled).
    let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, targets) in succ.iter().enumerate() {
        targets.iter().for_each(|t| pred[t.0].push(i));
    }
    let mut differs = vec![false; n];
    let mut stack: Vec<usize> = (0..n).filter(|&i| differs_itself(&api.types[i])).collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut differs[i], true) {
            continue;
        }
        stack.extend(pred[i].iter().copied().filter(|&j| !differs[j]));
    }
    // Types a request sends that differ: every type on the way from a request root to one differs too.
    let mut roots = Vec::new();
    api.operations.iter().for_each(|op| request_roots(op, &mut roots));
    let requested = reach(&roots, &succ, &|i| differs[i]);
    if !requested.iter().any(|&r| r) {
        relax_write_only(api, &vec![false; n]);
        return;
    }
    // Types used other than in requests: named schemas, responses, webhooks, and what they hold.
    let mut main_roots: Vec<TypeId> = (0..n).filter(|&i| api.types[i].hint.declared).map(TypeId).collect();
    for op in &api.operations {
        for response in &op.responses {
            response.contents.iter().for_each(|c| c.ty.named_ids(&mut main_roots));
            response.headers.iter().for_each(|h| h.ty.named_ids(&mut main_roots));
        }
    }
    api.webhooks.iter().for_each(|op| op.named_ids(&mut main_roots));
    let all_succ: Vec<Vec<TypeId>> = api.types.iter().map(|d| edges(d, true)).collect();
    let main_used = reach(&main_roots, &all_succ, &|_| true);
    // Request forms: a copy for a type used elsewhere too, the type itself for one only requests use.
    let mut input: Vec<Option<TypeId>> = vec![None; n];
    let mut in_place = vec![false; n];
    for i in (0..n).filter(|&i| requested[i]) {
        if main_used[i] {
            let original = &api.types[i];
            let mut hint = original.hint.clone();
            hint.segments.push("Input".into());
            input[i] = Some(TypeId(api.types.len()));
            api.types.push(TypeDef {
                name: String::new(),
                hint,
                origin: original.origin.clone(),
                docs: original.docs.clone(),
                kind: original.kind.clone(),
                input_of: Some(TypeId(i)),
            });
        } else {
            input[i] = Some(TypeId(i));
            in_place[i] = true;
        }
    }
    relax_write_only(api, &in_place);
    input.resize(api.types.len(), None);
    for form in input.clone().into_iter().flatten() {
        let def = &mut api.types[form.0];
        // The schema's examples show what the server returns (read-only properties included), which
        // the request form would not round-trip.
        def.docs.examples.clear();
        request_form(&mut def.kind, &input);
    }
    for op in &mut api.operations {
        if let Some(body) = &mut op.request_body {
            body.contents.iter_mut().for_each(|c| retarget(&mut c.ty, &input));
        }
        op.parameters.iter_mut().for_each(|p| retarget(&mut p.ty, &input));
    }
}

/// Write-only properties of every struct except `skip`ped ones become optional without a default:
/// responses leave them out, and a default would claim a value the server never said. Types past the
/// end of `skip` (request-form copies) are left alone.
fn relax_write_only(api: &mut Api, skip: &[bool]) {
    for (def, _) in api.types.iter_mut().zip(skip).filter(|(_, skip)| !**skip) {
        if let TypeKind::Struct(s) = &mut def.kind {
            for field in s.fields.iter_mut().filter(|f| f.write_only) {
                field.required = false;
                field.default = None;
            }
        }
    }
}

/// Turns a type into its request form: read-only properties left out, references to types that have
/// a request form pointed at it (their examples dropped, since they may show read-only properties).
fn request_form(kind: &mut TypeKind, input: &[Option<TypeId>]) {
    match kind {
        TypeKind::Struct(s) => {
            s.fields.retain(|f| !f.read_only);
            for field in &mut s.fields {
                let before = field.ty.clone();
                retarget(&mut field.ty, input);
                if field.ty != before {
                    field.docs.examples.clear();
                }
            }
            if let Some(additional) = &mut s.additional {
                retarget(&mut additional.value, input);
            }
            if let Some(inner) = &mut s.newtype {
                retarget(inner, input);
            }
        }
        TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| retarget(&mut v.ty, input)),
        TypeKind::Alias { target } => retarget(target, input),
        TypeKind::Map { value } => retarget(value, input),
        TypeKind::Enum(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(name: &str, declared: bool, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: String::new(),
            hint: NameHint { segments: vec![name.into()], declared },
            origin: Origin::default(),
            docs: Docs::default(),
            kind,
            input_of: None,
        }
    }

    fn field(wire: &str, ty: Type, required: bool, read_only: bool, write_only: bool) -> Field {
        Field {
            wire_name: wire.into(),
            name: String::new(),
            ty,
            required,
            nullable: false,
            default: None,
            read_only,
            write_only,
            docs: Docs::default(),
        }
    }

    fn named(id: usize) -> Type {
        Type::Named { id: TypeId(id), boxed: false }
    }

    fn op(request: Option<Type>, response: Option<Type>) -> Operation {
        let content = |ty: Type| Content { media_type: "application/json".into(), ty, encoding: Vec::new() };
        Operation {
            operation_id: None,
            name: String::new(),
            hint: vec!["op".into()],
            method: Method::Post,
            path: "/x".into(),
            tags: Vec::new(),
            summary: None,
            docs: Docs::default(),
            parameters: Vec::new(),
            request_body: request.map(|ty| RequestBody { required: true, contents: vec![content(ty)], docs: Docs::default() }),
            responses: response
                .map(|ty| Response { status: Status::Code(200), contents: vec![content(ty)], headers: Vec::new(), docs: Docs::default() })
                .into_iter()
                .collect(),
            security: None,
            origin: Origin::default(),
            group: None,
            names: OperationNames::default(),
            pagination: None,
        }
    }

    fn fields(api: &Api, id: usize) -> Vec<(String, bool)> {
        let TypeKind::Struct(s) = &api.types[id].kind else { panic!("{id} is not a struct") };
        s.fields.iter().map(|f| (f.wire_name.clone(), f.required)).collect()
    }

    fn pair(wire: &str, required: bool) -> (String, bool) {
        (wire.to_string(), required)
    }

    /// 0 User { id (read-only, required), password (write-only, required), name, self: User? },
    /// 1 Wrapper { users: [User] } (inline, request only), 2 Plain { x } (shared unchanged),
    /// 3 Page { users: [User], plain: Plain }; requests send Wrapper and User, responses return Page.
    fn sample() -> Api {
        let mut api = Api::default();
        api.types.push(def(
            "User",
            true,
            TypeKind::Struct(Struct {
                fields: vec![
                    field("id", Type::string(), true, true, false),
                    field("password", Type::string(), true, false, true),
                    field("name", Type::string(), true, false, false),
                    field("self", named(0), false, false, false),
                ],
                ..Default::default()
            }),
        ));
        api.types.push(def(
            "Wrapper",
            false,
            TypeKind::Struct(Struct {
                fields: vec![
                    field("users", Type::Array { items: Box::new(named(0)) }, true, false, false),
                    field("plain", named(2), false, false, false),
                ],
                ..Default::default()
            }),
        ));
        api.types.push(def(
            "Plain",
            true,
            TypeKind::Struct(Struct { fields: vec![field("x", Type::Boolean, true, false, false)], ..Default::default() }),
        ));
        api.types.push(def(
            "Page",
            false,
            TypeKind::Struct(Struct {
                fields: vec![field("users", Type::Array { items: Box::new(named(0)) }, true, false, false)],
                ..Default::default()
            }),
        ));
        api.operations.push(op(Some(named(1)), Some(named(3))));
        api.operations.push(op(Some(named(0)), Some(named(0))));
        api
    }

    #[test]
    fn request_forms_are_copies_for_shared_types_and_in_place_for_request_only_ones() {
        let mut api = sample();
        split_request_forms(&mut api);
        assert_eq!(api.types.len(), 5, "one copy: UserInput");
        assert_eq!(api.types[4].input_of, Some(TypeId(0)));
        assert_eq!(api.types[4].hint.segments, vec!["User".to_string(), "Input".to_string()]);
        // Main form: read-only kept, write-only optional.
        assert_eq!(fields(&api, 0), vec![pair("id", true), pair("password", false), pair("name", true), pair("self", false)]);
        // Request form: read-only left out, write-only as declared, recursion through the request form.
        assert_eq!(fields(&api, 4), vec![pair("password", true), pair("name", true), pair("self", false)]);
        let TypeKind::Struct(input) = &api.types[4].kind else { panic!() };
        assert_eq!(input.fields[2].ty, named(4));
        // Request-only inline type: changed in place, pointing at the request form; Plain shared.
        let TypeKind::Struct(wrapper) = &api.types[1].kind else { panic!() };
        assert_eq!(wrapper.fields[0].ty, Type::Array { items: Box::new(named(4)) });
        assert_eq!(wrapper.fields[1].ty, named(2));
        assert_eq!(api.types[1].input_of, None);
        // Responses keep the main forms; request bodies use the request forms.
        let TypeKind::Struct(page) = &api.types[3].kind else { panic!() };
        assert_eq!(page.fields[0].ty, Type::Array { items: Box::new(named(0)) });
        assert_eq!(api.operations[1].request_body.as_ref().unwrap().contents[0].ty, named(4));
        assert_eq!(api.operations[1].responses[0].contents[0].ty, named(0));
        assert_eq!(api.operations[0].request_body.as_ref().unwrap().contents[0].ty, named(1));
    }

    #[test]
    fn without_requests_only_write_only_properties_are_relaxed() {
        let mut api = sample();
        api.operations.clear();
        split_request_forms(&mut api);
        assert_eq!(api.types.len(), 4);
        assert_eq!(fields(&api, 0), vec![pair("id", true), pair("password", false), pair("name", true), pair("self", false)]);
    }

    #[test]
    fn webhooks_use_main_forms_and_optional_write_only_alone_needs_no_request_form() {
        let mut api = Api::default();
        api.types.push(def(
            "Event",
            false,
            TypeKind::Struct(Struct { fields: vec![field("id", Type::string(), true, true, false)], ..Default::default() }),
        ));
        api.types.push(def(
            "Login",
            true,
            TypeKind::Struct(Struct { fields: vec![field("secret", Type::string(), false, false, true)], ..Default::default() }),
        ));
        api.webhooks.push(op(Some(named(0)), None));
        api.operations.push(op(Some(named(1)), Some(named(1))));
        split_request_forms(&mut api);
        assert_eq!(api.types.len(), 2, "no request forms");
        assert_eq!(fields(&api, 0), vec![pair("id", true)], "webhook payloads keep read-only properties");
        assert_eq!(api.webhooks[0].request_body.as_ref().unwrap().contents[0].ty, named(0));
        assert_eq!(api.operations[0].request_body.as_ref().unwrap().contents[0].ty, named(1));
    }

    #[test]
    fn a_write_only_default_stays_in_the_request_form_only() {
        let mut api = Api::default();
        let mut notify = field("notify", Type::Boolean, false, false, true);
        notify.default = Some(serde_json::json!(true));
        api.types.push(def("Prefs", true, TypeKind::Struct(Struct { fields: vec![notify], ..Default::default() })));
        api.operations.push(op(Some(named(0)), Some(named(0))));
        split_request_forms(&mut api);
        assert_eq!(api.types.len(), 2, "the forms differ: a request form");
        let default = |id: usize| match &api.types[id].kind {
            TypeKind::Struct(s) => s.fields[0].default.clone(),
            _ => panic!(),
        };
        assert_eq!(default(0), None, "a response never says the value");
        assert_eq!(default(1), Some(serde_json::json!(true)));
    }
}
