//! The type space: the pass between frontends and backends that makes the model ready to emit.
//!
//! It first adds request forms for types with `readOnly`/`writeOnly` properties (`visibility`), then
//! gives every type, field, variant, enum value, operation, parameter and security scheme a final,
//! unique, identifier-shaped name (from the frontend's name hints, deterministically), orders union
//! variants most-specific-first, breaks recursion (newtypes for alias cycles, `Box` for by-value
//! cycles), and turns identical inline enums into aliases of one. Backends never invent names: they read the ones assigned here. Which words are off-limits
//! (keywords, names the generated code uses itself) is told by the backend through [`NamingPolicy`].

pub(crate) mod cycles;
pub mod operations;
mod order;
pub mod pagination;
pub mod paths;
pub mod select;
mod shared;
mod visibility;
pub mod words;

use crate::ir::*;
use std::collections::BTreeSet;
use words::{camel, camel_segments, snake};

/// What a name is for; a backend reserves different words for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A named type (UpperCamelCase).
    Type,
    /// An enum value or union variant (UpperCamelCase).
    Variant,
    /// A struct field (snake_case).
    Field,
    /// An operation method (snake_case).
    Operation,
    /// An operation parameter (snake_case).
    Parameter,
    /// A response header field (snake_case).
    Header,
    /// A security scheme credential field (snake_case).
    Scheme,
    /// A type of the client module, next to the client's own items (UpperCamelCase).
    ClientItem,
}

/// The backend's say on naming: which names it cannot use.
pub trait NamingPolicy {
    /// True when `name` must not be used for an item of `kind` (a keyword, or a name the generated code needs).
    fn is_reserved(&self, kind: NameKind, name: &str) -> bool;

    /// Names the generated code itself defines where items of `kind` go: a name of the spec that
    /// meets one is numbered like a collision (`Client2`), not suffixed like a keyword.
    fn taken(&self, kind: NameKind) -> &'static [&'static str] {
        let _ = kind;
        &[]
    }
}

/// Runs the whole pass.
pub fn resolve(api: &mut Api, policy: &dyn NamingPolicy) {
    // First: the request forms it adds are named by the naming and their cycles broken like any other.
    visibility::split_request_forms(api);
    cycles::break_alias_cycles(api);
    cycles::box_recursion(api);
    order::order_variants(api);
    name_types(api, policy);
    note_request_forms(api);
    // Variants are named from their types, a request form like its main form, so a union's request
    // form has the main form's variant names (`Cat`, not `CatInput`).
    let names: Vec<String> = api.types.iter().map(|t| t.input_of.map_or(&t.name, |main| &api.types[main.0].name).clone()).collect();
    for id in 0..api.types.len() {
        let own = names[id].clone();
        match &mut api.types[id].kind {
            TypeKind::Struct(s) => name_fields(s, policy),
            TypeKind::Enum(e) => name_enum_values(e, policy),
            TypeKind::Union(u) => name_variants(u, &own, &names, policy),
            TypeKind::Alias { .. } | TypeKind::Map { .. } => {}
        }
    }
    name_operations(api, policy);
    name_operation_items(api, policy);
    name_stream_methods(api, policy);
    let mut schemes = Claims::new(NameKind::Scheme, "_");
    for scheme in &mut api.security_schemes {
        scheme.name = schemes.claim(&snake(&scheme.key, "auth"), policy);
    }
    shared::share_identical_enums(api);
}

/// Hands out unique names; a taken or reserved name gets a numeric suffix.
struct Claims {
    kind: NameKind,
    separator: &'static str,
    taken: BTreeSet<String>,
}

impl Claims {
    fn new(kind: NameKind, separator: &'static str) -> Self {
        Claims { kind, separator, taken: BTreeSet::new() }
    }

    fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    fn claim(&mut self, base: &str, policy: &dyn NamingPolicy) -> String {
        let base = if policy.is_reserved(self.kind, base) { format!("{base}_") } else { base.to_string() };
        if !self.taken.contains(&base) && !policy.is_reserved(self.kind, &base) {
            self.taken.insert(base.clone());
            return base;
        }
        let stem = base.trim_end_matches('_');
        let free = (2..)
            .map(|n| format!("{stem}{}{n}", self.separator))
            .find(|c| !self.taken.contains(c) && !policy.is_reserved(self.kind, c))
            .unwrap_or_default();
        self.taken.insert(free.clone());
        free
    }
}

/// Type names: declared names first (document order), then inline ones in discovery order, then the
/// request forms, each after the type it is the request form of (`User` → `UserInput`, `UserInput2`
/// when a schema already has that name), so a request form never takes another type's name.
fn name_types(api: &mut Api, policy: &dyn NamingPolicy) {
    let mut claims = Claims::new(NameKind::Type, "");
    let mut order: Vec<usize> = (0..api.types.len()).filter(|&i| api.types[i].input_of.is_none()).collect();
    order.sort_by_key(|&i| !api.types[i].hint.declared);
    for i in order {
        let base = camel_segments(&api.types[i].hint.segments, "T", "Type");
        api.types[i].name = claims.claim(&base, policy);
    }
    for i in 0..api.types.len() {
        if let Some(main) = api.types[i].input_of {
            // `Self_` (a keyword escaped) gives `SelfInput`: `Self_Input` is not UpperCamelCase.
            let base = format!("{}Input", api.types[main.0].name.trim_end_matches('_'));
            api.types[i].name = claims.claim(&base, policy);
        }
    }
}

/// A request form's docs say which type it is the request form of.
fn note_request_forms(api: &mut Api) {
    for i in 0..api.types.len() {
        let Some(main) = api.types[i].input_of else { continue };
        let note = format!("The request form of `{}`: read-only properties left out, write-only properties as declared.", api.types[main.0].name);
        let docs = &mut api.types[i].docs;
        docs.description = Some(match docs.description.take().filter(|d| !d.trim().is_empty()) {
            Some(description) => format!("{}\n\n{note}", description.trim_end()),
            None => note,
        });
    }
}

/// Field names: fields whose wire name already is the identifier keep it; then the others in order.
fn name_fields(s: &mut Struct, policy: &dyn NamingPolicy) {
    let mut claims = Claims::new(NameKind::Field, "_");
    let bases: Vec<String> = s.fields.iter().map(|f| snake(&f.wire_name, "field")).collect();
    let exact = |i: usize, s: &Struct| bases[i] == s.fields[i].wire_name;
    let mut order: Vec<usize> = (0..s.fields.len()).collect();
    order.sort_by_key(|&i| !exact(i, s));
    for i in order {
        s.fields[i].name = claims.claim(&bases[i], policy);
    }
    if let Some(additional) = &mut s.additional {
        additional.name = claims.claim("additional_properties", policy);
    }
}

fn name_enum_values(e: &mut Enum, policy: &dyn NamingPolicy) {
    let mut claims = Claims::new(NameKind::Variant, "");
    for value in &mut e.values {
        let base = match (&value.name_hint, &value.value) {
            (Some(hint), _) if !camel(hint, "V", "").is_empty() => camel(hint, "V", "Empty"),
            (_, Literal::Str(s)) => camel(s, "V", "Empty"),
            (_, Literal::Int(i)) if *i < 0 => format!("Minus{}", i.unsigned_abs()),
            (_, Literal::Int(i)) => format!("V{i}"),
        };
        value.name = claims.claim(&base, policy);
    }
    e.fallback = claims.claim("Unknown", policy);
}

/// The name a variant gets from its type (`User`, `String`, `UserList`...).
fn type_word(ty: &Type, names: &[String]) -> String {
    match ty {
        Type::Named { id, .. } => names[id.0].clone(),
        Type::String { .. } => "String".into(),
        Type::Boolean => "Boolean".into(),
        Type::Integer { .. } => "Integer".into(),
        Type::Number { .. } => "Number".into(),
        Type::DateTime => "DateTime".into(),
        Type::Date => "Date".into(),
        Type::Uuid => "Uuid".into(),
        Type::Base64 | Type::Binary => "Bytes".into(),
        Type::Any => "Value".into(),
        Type::Array { items } => format!("{}List", type_word(items, names)),
        Type::Map { values } => format!("{}Map", type_word(values, names)),
        Type::Nullable { inner } => format!("Nullable{}", type_word(inner, names)),
        Type::Tuple { items } => items.iter().map(|item| type_word(item, names)).collect::<String>() + "Tuple",
    }
}

fn name_variants(u: &mut Union, union_name: &str, names: &[String], policy: &dyn NamingPolicy) {
    let words: Vec<String> = u.variants.iter().map(|v| type_word(&v.ty, names)).collect();
    let shortened = strip_common_prefix(&words, union_name);
    let mut claims = Claims::new(NameKind::Variant, "");
    for ((variant, word), short) in u.variants.iter_mut().zip(&words).zip(shortened) {
        variant.hint = word.clone();
        variant.name = claims.claim(&short, policy);
    }
    u.fallback = claims.claim("Unknown", policy);
}

/// Drops a leading word shared by every variant (`VerificationOtp`, `VerificationAdmin` → `Otp`,
/// `Admin`), or else the union's own name (`PetCat` in `Pet` → `Cat`), when what is left stays distinct.
fn strip_common_prefix(words: &[String], union_name: &str) -> Vec<String> {
    let usable = |rest: &[String]| {
        let distinct: BTreeSet<&String> = rest.iter().collect();
        distinct.len() == rest.len() && rest.iter().all(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
    };
    let strip = |prefix: &str| -> Vec<String> { words.iter().map(|w| w.strip_prefix(prefix).map_or_else(|| w.clone(), str::to_owned)).collect() };
    if words.len() >= 2 {
        let first = camel_words(&words[0]);
        let mut prefix = String::new();
        for word in first {
            let candidate = format!("{prefix}{word}");
            if words.iter().all(|w| w.starts_with(&candidate) && w.len() > candidate.len()) && usable(&strip(&candidate)) {
                prefix = candidate;
            } else {
                break;
            }
        }
        if !prefix.is_empty() {
            return strip(&prefix);
        }
    }
    let by_union: Vec<String> = words
        .iter()
        .map(|w| match w.strip_prefix(union_name) {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => rest.to_string(),
            _ => w.clone(),
        })
        .collect();
    if usable(&by_union) {
        by_union
    } else {
        words.to_vec()
    }
}

/// The words of an UpperCamelCase name (`VerificationOtp` → `Verification`, `Otp`).
fn camel_words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() || out.is_empty() {
            out.push(String::new());
        }
        if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out
}

fn name_operations(api: &mut Api, policy: &dyn NamingPolicy) {
    let mut claims = Claims::new(NameKind::Operation, "_");
    for op in &mut api.operations {
        op.name = claims.claim(&snake(&op.hint.join("_"), "operation"), policy);
        let mut params = Claims::new(NameKind::Parameter, "_");
        for param in &mut op.parameters {
            let mut base = snake(&param.wire_name, "param");
            // A required path parameter is a method argument, and an argument named only by
            // underscores and digits (`_8` for `{8}`) fails clippy's `just_underscores_and_digits`.
            if operations::is_path_arg(param) && base.chars().all(|c| c == '_' || c.is_ascii_digit()) {
                base = format!("param{base}");
            }
            param.name = params.claim(&base, policy);
        }
        for response in &mut op.responses {
            let mut headers = Claims::new(NameKind::Header, "_");
            headers.reserve("body");
            for header in &mut response.headers {
                header.name = headers.claim(&snake(&header.wire_name, "header"), policy);
            }
        }
    }
}

/// The stream methods of paged operations, clear of every operation method and tag accessor.
fn name_stream_methods(api: &mut Api, policy: &dyn NamingPolicy) {
    let mut methods = Claims::new(NameKind::Operation, "_");
    for name in api.operations.iter().map(|op| &op.name).chain(api.groups.iter().map(|g| &g.method)) {
        methods.reserve(name);
    }
    pagination::name_methods(api, &mut |base| methods.claim(base, policy));
}

/// Sub-clients by first tag, and the params/response/error/headers types each operation needs, named
/// after models so that they never collide with one.
fn name_operation_items(api: &mut Api, policy: &dyn NamingPolicy) {
    // These live in the client module, next to the client's own items, not next to the models.
    let mut client_types = Claims::new(NameKind::ClientItem, "");
    for reserved in policy.taken(NameKind::ClientItem) {
        client_types.reserve(reserved);
    }
    let types = &mut client_types;
    let mut methods = Claims::new(NameKind::Operation, "_");
    // The client's own methods are the policy's to reserve.
    for op in &api.operations {
        methods.reserve(&op.name);
    }
    let mut groups: Vec<Group> = Vec::new();
    for op in &mut api.operations {
        let Some(tag) = op.tags.first() else { continue };
        let index = match groups.iter().position(|g| &g.tag == tag) {
            Some(index) => index,
            None => {
                let method = methods.claim(&snake(tag, "group"), policy);
                let type_name = types.claim(&format!("{}Api", camel_segments(std::slice::from_ref(tag), "T", "Group")), policy);
                groups.push(Group { tag: tag.clone(), method, type_name });
                groups.len() - 1
            }
        };
        op.group = Some(index);
    }
    api.groups = groups;
    let forms: Vec<bool> = api.operations.iter().map(|op| operations::needs_form(api, op)).collect();
    for (op, needs_form) in api.operations.iter_mut().zip(forms) {
        let base = camel_segments(std::slice::from_ref(&op.name), "T", "Operation");
        let mut names = OperationNames::default();
        if operations::struct_params(op).next().is_some() {
            names.params = types.claim(&format!("{base}Params"), policy);
        }
        if operations::needs_response_enum(op) {
            names.response = types.claim(&format!("{base}Response"), policy);
        }
        if operations::needs_error_enum(op) {
            names.error = types.claim(&format!("{base}Error"), policy);
        }
        if operations::needs_headers(op) {
            names.headers = types.claim(&format!("{base}Headers"), policy);
        }
        if needs_form {
            names.form = types.claim(&format!("{base}Form"), policy);
        }
        if operations::stream_alternative(op).is_some() {
            names.stream = methods.claim(&format!("{}_stream", op.name), policy);
        }
        op.names = names;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Keywords;
    impl NamingPolicy for Keywords {
        fn is_reserved(&self, kind: NameKind, name: &str) -> bool {
            match kind {
                NameKind::Type | NameKind::Variant => name == "Self",
                _ => matches!(name, "type" | "self"),
            }
        }
    }

    #[test]
    fn collisions_and_keywords_are_suffixed() {
        let mut claims = Claims::new(NameKind::Field, "_");
        assert_eq!(claims.claim("type", &Keywords), "type_");
        assert_eq!(claims.claim("type", &Keywords), "type_2");
        assert_eq!(claims.claim("user_id", &Keywords), "user_id");
        assert_eq!(claims.claim("user_id", &Keywords), "user_id_2");
        let mut types = Claims::new(NameKind::Type, "");
        assert_eq!(types.claim("Self", &Keywords), "Self_");
        assert_eq!(types.claim("User", &Keywords), "User");
        assert_eq!(types.claim("User", &Keywords), "User2");
    }

    #[test]
    fn shared_variant_prefixes_are_dropped_when_names_stay_distinct() {
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(strip_common_prefix(&w(&["VerificationOtp", "VerificationAdmin"]), "X"), w(&["Otp", "Admin"]));
        assert_eq!(strip_common_prefix(&w(&["PetCat", "String"]), "Pet"), w(&["Cat", "String"]));
        assert_eq!(strip_common_prefix(&w(&["UserA", "User"]), "X"), w(&["UserA", "User"]));
        assert_eq!(strip_common_prefix(&w(&["Item1", "Item2"]), "X"), w(&["Item1", "Item2"]));
    }

    #[test]
    fn request_forms_are_named_after_their_type_and_never_take_a_name() {
        let def = |segment: &str, input_of: Option<usize>| TypeDef {
            name: String::new(),
            hint: NameHint { segments: vec![segment.into()], declared: true },
            origin: Origin::default(),
            docs: Docs::default(),
            kind: TypeKind::Struct(Struct::default()),
            input_of: input_of.map(TypeId),
        };
        let mut api = Api::default();
        api.types.push(def("Self", None));
        api.types.push(def("User", None));
        api.types.push(def("User", Some(1)));
        api.types.push(def("Self", Some(0)));
        api.types.push(def("UserInput", None));
        name_types(&mut api, &Keywords);
        let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Self_", "User", "UserInput2", "SelfInput", "UserInput"]);
        note_request_forms(&mut api);
        assert_eq!(
            api.types[2].docs.description.as_deref(),
            Some("The request form of `User`: read-only properties left out, write-only properties as declared.")
        );
    }

    #[test]
    fn a_path_argument_named_by_digits_gets_a_word() {
        let param = |location: ParamLocation| Parameter { location, ..Parameter::path_string("8") };
        let mut api = Api::default();
        api.operations.push(Operation {
            operation_id: None,
            name: String::new(),
            hint: vec!["get".into()],
            method: Method::Get,
            path: "/{8}".into(),
            tags: Vec::new(),
            summary: None,
            docs: Docs::default(),
            parameters: vec![param(ParamLocation::Path), param(ParamLocation::Query)],
            request_body: None,
            responses: Vec::new(),
            security: None,
            origin: Origin::default(),
            group: None,
            names: OperationNames::default(),
            pagination: None,
        });
        name_operations(&mut api, &Keywords);
        let names: Vec<&str> = api.operations[0].parameters.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["param_8", "_8"], "the argument is a word; the params struct field may stay `_8`");
    }

    #[test]
    fn exact_wire_names_win_their_identifier() {
        let field = |wire: &str| Field {
            wire_name: wire.into(),
            name: String::new(),
            ty: Type::Any,
            required: false,
            nullable: false,
            default: None,
            read_only: false,
            write_only: false,
            docs: Docs::default(),
        };
        let mut s = Struct { fields: vec![field("userId"), field("user_id")], ..Default::default() };
        name_fields(&mut s, &Keywords);
        assert_eq!(s.fields[0].name, "user_id_2");
        assert_eq!(s.fields[1].name, "user_id");
    }
}
