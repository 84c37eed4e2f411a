//! Structs, type aliases and maps.

use super::directions::Direction;
use super::docs::{compose, doc_attrs};
use super::naming::ident;
use super::types::Cx;
use crate::ir::*;
use proc_macro2::{Literal as Lit, TokenStream};
use quote::quote;
use serde_json::Value;

/// Which types implement `Default` (least fixed point, so recursion through required fields does not).
pub fn defaultable(api: &Api) -> Vec<bool> {
    let mut result = vec![false; api.types.len()];
    loop {
        let mut changed = false;
        for (i, def) in api.types.iter().enumerate() {
            if result[i] {
                continue;
            }
            let yes = match &def.kind {
                TypeKind::Struct(s) => match &s.newtype {
                    Some(inner) => type_default(inner, &result),
                    None => s.fields.iter().all(|f| !f.required || f.nullable || type_default(&f.ty, &result)),
                },
                TypeKind::Alias { target } => type_default(target, &result),
                TypeKind::Map { .. } => true,
                TypeKind::Enum(_) | TypeKind::Union(_) => false,
            };
            if yes {
                result[i] = true;
                changed = true;
            }
        }
        if !changed {
            return result;
        }
    }
}

fn type_default(ty: &Type, known: &[bool]) -> bool {
    match ty {
        Type::Named { id, .. } => known[id.0],
        _ => true,
    }
}

/// A doc comment for a definition (title, description, deprecation, first example).
pub fn type_docs(docs: &Docs) -> TokenStream {
    let mut extra = Vec::new();
    if let Some(example) = docs.examples.first() {
        if let Ok(json) = serde_json::to_string_pretty(example) {
            if json.lines().count() <= 40 {
                extra.push(format!("# Example\n\n```json\n{json}\n```"));
            }
        }
    }
    let text = compose(docs.title.as_deref(), docs.description.as_deref(), &extra);
    let mut out = doc_attrs(&text);
    if docs.deprecated {
        out.extend(quote!(#[deprecated]));
    }
    out
}

/// `#[allow(deprecated)]` when an item mentions something deprecated.
pub fn allow_deprecated(cx: &Cx<'_>, def: &TypeDef) -> TokenStream {
    let mut mentions = Vec::new();
    let mut own = def.docs.deprecated;
    match &def.kind {
        TypeKind::Struct(s) => {
            for f in &s.fields {
                f.ty.named_ids(&mut mentions);
                own |= f.docs.deprecated;
            }
            if let Some(a) = &s.additional {
                a.value.named_ids(&mut mentions);
            }
            if let Some(n) = &s.newtype {
                n.named_ids(&mut mentions);
            }
        }
        TypeKind::Union(u) => u.variants.iter().for_each(|v| v.ty.named_ids(&mut mentions)),
        TypeKind::Alias { target } => target.named_ids(&mut mentions),
        TypeKind::Map { value } => value.named_ids(&mut mentions),
        TypeKind::Enum(e) => own |= e.values.iter().any(|v| v.docs.deprecated),
    }
    if own || mentions.iter().any(|&id| cx.is_deprecated(id)) {
        quote!(#[allow(deprecated)])
    } else {
        TokenStream::new()
    }
}

/// User-configured attributes for the type named `name`.
pub fn extra_attributes(cx: &Cx<'_>, name: &str) -> TokenStream {
    let mut out = TokenStream::new();
    for (matcher, attrs) in &cx.opts.type_attributes {
        if matcher == "." || matcher == name {
            out.extend(attrs.parse::<TokenStream>().unwrap_or_default());
        }
    }
    out
}

/// `pub type Name = Target;`
pub fn alias_item(cx: &mut Cx<'_>, def: &TypeDef, target: &Type) -> TokenStream {
    let docs = type_docs(&def.docs);
    let name = ident(&def.name);
    let target = cx.ty(target);
    let allow = allow_deprecated(cx, def);
    quote! { #docs #allow pub type #name = #target; }
}

/// `pub type Name = BTreeMap<String, Value>;`
pub fn map_item(cx: &mut Cx<'_>, def: &TypeDef, value: &Type) -> TokenStream {
    alias_item(cx, def, &Type::Map { values: Box::new(value.clone()) })
}

/// A struct with its fields, serde attributes, and spec defaults.
pub fn struct_item(cx: &mut Cx<'_>, id: usize, s: &Struct, defaultable: bool) -> TokenStream {
    let def = &cx.api.types[id];
    let direction = cx.directions[id];
    let serde = direction.derives();
    let docs = type_docs(&def.docs);
    let name = ident(&def.name);
    let extra = extra_attributes(cx, &def.name);
    let allow = allow_deprecated(cx, def);
    if let Some(inner) = &s.newtype {
        let inner = cx.ty(inner);
        let default = if defaultable { quote!(Default,) } else { quote!() };
        return quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, #default #serde)]
            #[serde(transparent)]
            #extra
            #allow
            pub struct #name(pub #inner);
        };
    }
    let emitted: Vec<EmittedField> = s.fields.iter().map(|field| field_tokens(cx, &def.name, field)).collect();
    let compact = direction.deserialize && s.additional.is_none() && compact_deserialize_fits(&extra, &emitted);
    // With the compact `Deserialize`, serde's field attributes are only there for `Serialize`.
    let serde_attrs = !compact || direction.serialize;
    let derives = if compact { Direction { serialize: direction.serialize, deserialize: false }.derives() } else { serde };
    let mut fields = Vec::new();
    let mut default_fns = Vec::new();
    let mut default_inits = Vec::new();
    for (field, emitted) in s.fields.iter().zip(&emitted) {
        let EmittedField { docs, serde, extra, ty, .. } = emitted;
        let serde = if serde_attrs { serde.clone() } else { TokenStream::new() };
        let fname = ident(&field.name);
        fields.push(quote! { #docs #serde #extra pub #fname: #ty });
        match &emitted.missing {
            Missing::DefaultFn(fn_name, expr) => {
                default_fns.push(quote! { fn #fn_name() -> #ty { #expr } });
                default_inits.push(quote! { #fname: Self::#fn_name() });
            }
            _ => default_inits.push(quote! { #fname: ::std::default::Default::default() }),
        }
    }
    if let Some(additional) = &s.additional {
        let fname = ident(&additional.name);
        let value = cx.ty(&additional.value);
        let string = cx.prelude("String");
        fields.push(quote! {
            #[doc = " Properties not declared above."]
            #[serde(flatten)]
            pub #fname: ::std::collections::BTreeMap<#string, #value>
        });
        default_inits.push(quote! { #fname: ::std::default::Default::default() });
    }
    let derive_default = defaultable && default_fns.is_empty();
    let default_derive = if derive_default { quote!(Default,) } else { quote!() };
    let mut out = quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default_derive #derives)]
        #extra
        #allow
        pub struct #name { #(#fields),* }
    };
    if compact {
        cx.needs.de = true;
        out.extend(deserialize_impl(&def.name, s, &emitted, &allow));
    }
    if !default_fns.is_empty() {
        // Without `Deserialize` or `Default`, nothing calls the default functions.
        let unused = if direction.deserialize || defaultable { quote!() } else { quote!(#[allow(dead_code)]) };
        out.extend(quote! { #allow #unused impl #name { #(#default_fns)* } });
        if defaultable {
            out.extend(quote! {
                #allow
                impl ::std::default::Default for #name {
                    fn default() -> Self { Self { #(#default_inits),* } }
                }
            });
        }
    }
    out
}

/// Whether a struct can have the compact `Deserialize` of [`deserialize_impl`]: no field read
/// through a `with` module, distinct JSON names, and no user attribute that could be a serde one
/// (those are left to the derive, which understands them).
fn compact_deserialize_fits(type_attributes: &TokenStream, fields: &[EmittedField]) -> bool {
    let mut wires: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
    wires.sort_unstable();
    let distinct = wires.windows(2).all(|w| w[0] != w[1]);
    let user_serde = type_attributes.to_string().contains("serde") || fields.iter().any(|f| f.extra.to_string().contains("serde"));
    distinct && !user_serde && fields.iter().all(|f| !f.with)
}

/// `Deserialize` for a struct through `support::de` (its `deserialize_object!` macro): its fields
/// matched by position in the sorted list of JSON names, with the behaviour of serde's derive for
/// objects (unknown keys skipped, a repeated key or a missing required field an error, absent
/// optional fields their default), but not reading a JSON array as a struct.
fn deserialize_impl(struct_name: &str, s: &Struct, fields: &[EmittedField], allow: &TokenStream) -> TokenStream {
    let name = ident(struct_name);
    let expecting = format!("struct {struct_name}");
    let mut sorted: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
    sorted.sort_unstable();
    let entries = s.fields.iter().zip(fields).enumerate().map(|(i, (field, f))| {
        let fname = ident(&field.name);
        let slot = quote::format_ident!("f{i}");
        let position = Lit::usize_unsuffixed(sorted.binary_search(&f.wire.as_str()).unwrap_or_default());
        let wire = &f.wire;
        let missing = match &f.missing {
            Missing::Required => quote!(required),
            Missing::Default => quote!(default),
            Missing::DefaultFn(fn_name, _) => quote!((Self::#fn_name)),
        };
        quote!(#fname #slot: #position #wire #missing)
    });
    quote! {
        support::de::deserialize_object! { #allow #name #expecting [#(#sorted),*] { #(#entries),* } }
    }
}

/// One field of a struct, in parts: the serde attribute is left out when nothing derives serde.
struct EmittedField {
    docs: TokenStream,
    /// `#[serde(...)]`, or nothing.
    serde: TokenStream,
    /// User-configured attributes.
    extra: TokenStream,
    ty: TokenStream,
    /// The JSON name.
    wire: String,
    /// Read and written through a `with` module.
    with: bool,
    missing: Missing,
}

/// What a field is when its key is absent.
enum Missing {
    /// An error.
    Required,
    /// `Default::default()` (`None`, `Nullable::Absent`, or a nullable field's `None`).
    Default,
    /// The spec's default, from the function of this name and body.
    DefaultFn(proc_macro2::Ident, TokenStream),
}

fn field_docs(field: &Field) -> TokenStream {
    let mut extra = Vec::new();
    if field.read_only {
        extra.push("Read-only: sent by the server, ignored in requests.".to_string());
    }
    if field.write_only {
        extra.push("Write-only: sent in requests, never returned.".to_string());
    }
    let text = compose(field.docs.title.as_deref(), field.docs.description.as_deref(), &extra);
    let mut out = doc_attrs(&text);
    if field.docs.deprecated {
        out.extend(quote!(#[deprecated]));
    }
    out
}

fn field_tokens(cx: &mut Cx<'_>, struct_name: &str, field: &Field) -> EmittedField {
    let docs = field_docs(field);
    let mut serde: Vec<TokenStream> = Vec::new();
    if field.name != field.wire_name {
        let wire = &field.wire_name;
        serde.push(quote!(rename = #wire));
    }
    let base64 = matches!(cx.resolve(&field.ty), Type::Base64) && !matches!(field.ty, Type::Named { .. });
    let mut default_fn = None;
    let ty = if field.nullable && !field.required {
        cx.needs.nullable = true;
        let inner = cx.ty(&field.ty);
        serde.push(quote!(default, skip_serializing_if = "support::Nullable::is_absent"));
        quote!(support::Nullable<#inner>)
    } else if field.nullable || !field.required {
        let literal = if !field.nullable { field.default.as_ref().and_then(|v| default_expr(cx, &field.ty, v)) } else { None };
        if let Some(expr) = literal {
            // A field named for a digit (`_0`) must not give `default__0`, which is not snake case.
            let fn_name = quote::format_ident!("default_{}", field.name.trim_start_matches('_'));
            let path = format!("{struct_name}::{fn_name}");
            serde.push(quote!(default = #path));
            let ty = if base64 {
                cx.needs.base64 = true;
                serde.push(quote!(with = "support::base64"));
                let vec = cx.prelude("Vec");
                quote!(#vec<u8>)
            } else {
                cx.ty(&field.ty)
            };
            default_fn = Some((fn_name, expr));
            ty
        } else {
            let option = cx.prelude("Option");
            let inner = if base64 {
                cx.needs.base64 = true;
                serde.push(quote!(with = "support::base64::option"));
                let vec = cx.prelude("Vec");
                quote!(#vec<u8>)
            } else {
                cx.ty(&field.ty)
            };
            if !field.required {
                let skip = cx.prelude_path("Option", "::is_none");
                serde.push(quote!(default, skip_serializing_if = #skip));
            }
            quote!(#option<#inner>)
        }
    } else if base64 {
        cx.needs.base64 = true;
        serde.push(quote!(with = "support::base64"));
        let vec = cx.prelude("Vec");
        quote!(#vec<u8>)
    } else {
        cx.ty(&field.ty)
    };
    // Bytes outside a named type are read through `support::base64` (a `with` module), except inside
    // `Nullable` (optional and nullable), whose inner type is `support::Base64`.
    let with = base64 && (field.required || !field.nullable);
    let missing = match default_fn {
        Some((fn_name, expr)) => Missing::DefaultFn(fn_name, expr),
        None if field.required && !field.nullable => Missing::Required,
        None => Missing::Default,
    };
    let serde = if serde.is_empty() { quote!() } else { quote!(#[serde(#(#serde),*)]) };
    let extra = field_attributes(cx, struct_name, field);
    EmittedField { docs, serde, extra, ty, wire: field.wire_name.clone(), with, missing }
}

fn field_attributes(cx: &Cx<'_>, struct_name: &str, field: &Field) -> TokenStream {
    let mut out = TokenStream::new();
    for (matcher, attrs) in &cx.opts.field_attributes {
        let (ty, name) = matcher.split_once('.').unwrap_or(("", matcher));
        let type_matches = ty.is_empty() || ty == struct_name;
        if type_matches && (name == field.name || name == field.wire_name) {
            out.extend(attrs.parse::<TokenStream>().unwrap_or_default());
        }
    }
    out
}

/// The Rust expression of a literal default, when `value` is a literal of `ty`.
pub fn default_expr(cx: &Cx<'_>, ty: &Type, value: &Value) -> Option<TokenStream> {
    match (cx.resolve(ty), value) {
        (Type::String { .. }, Value::String(s)) => {
            let string = cx.prelude("String");
            Some(quote!(#string::from(#s)))
        }
        (Type::Boolean, Value::Bool(b)) => Some(quote!(#b)),
        (Type::Integer { width }, Value::Number(n)) => {
            let fits = match width {
                IntWidth::I8 => n.as_i64().is_some_and(|v| i8::try_from(v).is_ok()),
                IntWidth::I16 => n.as_i64().is_some_and(|v| i16::try_from(v).is_ok()),
                IntWidth::I32 => n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()),
                IntWidth::I64 => n.as_i64().is_some(),
                IntWidth::U8 => n.as_u64().is_some_and(|v| u8::try_from(v).is_ok()),
                IntWidth::U16 => n.as_u64().is_some_and(|v| u16::try_from(v).is_ok()),
                IntWidth::U32 => n.as_u64().is_some_and(|v| u32::try_from(v).is_ok()),
                IntWidth::U64 => n.as_u64().is_some(),
            };
            if !fits {
                return None;
            }
            let lit = match n.as_i64() {
                Some(v) if v < 0 => {
                    let abs = Lit::u64_unsuffixed(v.unsigned_abs());
                    return Some(quote!(-#abs));
                }
                Some(v) => Lit::i64_unsuffixed(v),
                None => Lit::u64_unsuffixed(n.as_u64()?),
            };
            Some(quote!(#lit))
        }
        (Type::Number { .. }, Value::Number(n)) => {
            let v = n.as_f64()?;
            if !v.is_finite() {
                return None;
            }
            let abs = Lit::f64_unsuffixed(v.abs());
            Some(if v < 0.0 { quote!(-#abs) } else { quote!(#abs) })
        }
        (Type::Named { id, .. }, value) => {
            let def = cx.api.get(*id);
            let TypeKind::Enum(e) = &def.kind else { return None };
            let literal = match value {
                Value::String(s) => Literal::Str(s.clone()),
                Value::Number(n) => Literal::Int(n.as_i64()?),
                _ => return None,
            };
            let ty = ident(&def.name);
            match e.values.iter().find(|v| v.value == literal) {
                Some(v) => {
                    let variant = ident(&v.name);
                    Some(quote!(#ty::#variant))
                }
                None => None,
            }
        }
        _ => None,
    }
}
