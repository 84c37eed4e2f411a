//! An optional test module that round-trips every example of the description through its type.
//!
//! Round trip: the example JSON deserializes into the generated type and serializes back to equal
//! JSON, where numbers compare by value (`5` equals `5.0`), date-times by instant, and a `null`
//! property equals an absent one.

use super::naming::ident;
use super::types::Cx;
use crate::ir::*;
use crate::typespace::words::snake;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// `#[cfg(test)] mod example_tests { ... }`, or nothing when the description has no examples.
pub fn example_tests(cx: &mut Cx<'_>) -> TokenStream {
    let mut tests = Vec::new();
    let mut used = BTreeSet::new();
    let mut order: Vec<usize> = (0..cx.api.types.len()).collect();
    order.sort_by(|&a, &b| cx.api.types[a].name.cmp(&cx.api.types[b].name));
    for i in order {
        let def = &cx.api.types[i];
        let base = snake(&def.name, "type");
        // A field's type is reached from its struct: compiled under the struct's features.
        let cfg = cx.features.as_ref().map(|f| f.type_cfg(i)).unwrap_or_default();
        let first = tests.len();
        for (n, example) in def.docs.examples.iter().enumerate() {
            let ty = cx.named(TypeId(i));
            tests.push(test_fn(&mut used, &format!("{base}_{n}"), ty, example));
        }
        if let TypeKind::Struct(s) = &def.kind {
            for field in &s.fields {
                for (n, example) in field.docs.examples.iter().enumerate() {
                    let mut ty = cx.ty(&field.ty);
                    if field.nullable || example.is_null() {
                        let option = cx.prelude("Option");
                        ty = quote!(#option<#ty>);
                    }
                    tests.push(test_fn(&mut used, &format!("{base}_{}_{n}", field.name), ty, example));
                }
            }
        }
        for test in &mut tests[first..] {
            *test = quote!(#cfg #test);
        }
    }
    if tests.is_empty() {
        return TokenStream::new();
    }
    cx.needs.serde_json = true;
    let instants = if cx.needs.chrono {
        quote! {
            let instant = |s: &str| ::chrono::DateTime::parse_from_rfc3339(s).ok();
            instant(x).is_some() && instant(x) == instant(y)
        }
    } else {
        quote!(false)
    };
    quote! {
        #[cfg(test)]
        #[allow(deprecated)]
        mod example_tests {
            #[allow(unused_imports)]
            use super::*;

            fn same(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
                use ::serde_json::Value;
                match (a, b) {
                    (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
                    (Value::String(x), Value::String(y)) => x == y || { #instants },
                    (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
                    (Value::Object(x), Value::Object(y)) => {
                        x.iter().all(|(k, v)| y.get(k).map_or(v.is_null(), |w| same(v, w)))
                            && y.iter().all(|(k, w)| x.contains_key(k) || w.is_null())
                    }
                    _ => a == b,
                }
            }

            fn round_trip<T: ::serde::de::DeserializeOwned + ::serde::Serialize>(json: &str) {
                let value: ::serde_json::Value = ::serde_json::from_str(json).expect("example is JSON");
                let typed: T = match ::serde_json::from_value(value.clone()) {
                    Ok(typed) => typed,
                    Err(e) => panic!("example does not deserialize: {e}"),
                };
                let back = ::serde_json::to_value(&typed).expect("serializes");
                assert!(same(&value, &back), "round trip changed the example:\n{value}\n{back}");
            }

            #(#tests)*
        }
    }
}

fn test_fn(used: &mut BTreeSet<String>, base: &str, ty: TokenStream, example: &serde_json::Value) -> TokenStream {
    let base = snake(base, "example");
    let mut name = base.clone();
    let mut n = 2;
    while !used.insert(name.clone()) {
        name = format!("{base}_{n}");
        n += 1;
    }
    let fn_name = format_ident!("{}", ident(&name).to_string().trim_start_matches("r#"));
    let json = serde_json::to_string(example).unwrap_or_default();
    quote! {
        #[test]
        fn #fn_name() { round_trip::<#ty>(#json); }
    }
}
