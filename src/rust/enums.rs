//! Enums (open or closed, string or integer) and unions (tagged or untagged).

use super::models::{allow_deprecated, extra_attributes, type_docs};
use super::naming::ident;
use super::types::Cx;
use crate::ir::*;
use proc_macro2::{Literal as Lit, TokenStream};
use quote::quote;

/// An enum of string or integer values; open enums keep unknown values in a catch-all variant.
pub fn enum_item(cx: &mut Cx<'_>, def: &TypeDef, e: &Enum) -> TokenStream {
    let docs = type_docs(&def.docs);
    let name = ident(&def.name);
    let extra = extra_attributes(cx, &def.name);
    let allow = allow_deprecated(cx, def);
    let open = e.open && !cx.opts.closed_enums;
    let integer = e.values.iter().all(|v| matches!(v.value, Literal::Int(_)));
    let string = cx.prelude("String");
    let result = cx.prelude("Result");
    let variants: Vec<TokenStream> = e
        .values
        .iter()
        .map(|v| {
            let vname = ident(&v.name);
            let vdocs = super::docs::doc_attrs(&super::docs::compose(None, v.docs.description.as_deref(), &[]));
            let rename = match &v.value {
                Literal::Str(s) if !open && !integer => quote!(#[serde(rename = #s)]),
                _ => quote!(),
            };
            quote! { #vdocs #rename #vname }
        })
        .collect();
    let arms: Vec<(TokenStream, TokenStream)> = e
        .values
        .iter()
        .map(|v| {
            let vname = ident(&v.name);
            let lit = match &v.value {
                Literal::Str(s) => quote!(#s),
                Literal::Int(i) => int_lit(*i),
            };
            (quote!(Self::#vname), lit)
        })
        .collect();
    let fallback = ident(&e.fallback);
    let (value_fn, value_ty) = if integer { (quote!(value), quote!(i64)) } else { (quote!(as_str), quote!(&str)) };
    let to_wire: Vec<TokenStream> = arms.iter().map(|(v, lit)| quote!(#v => #lit)).collect();
    let from_wire: Vec<TokenStream> = arms.iter().map(|(v, lit)| quote!(#lit => #v)).collect();

    let mut out = TokenStream::new();
    if open {
        let (payload, fallback_arm, serialize, read, matched) = if integer {
            (
                quote!(i64),
                quote!(Self::#fallback(value) => *value),
                quote!(serializer.serialize_i64(self.value())),
                quote!(let value = <i64 as ::serde::Deserialize>::deserialize(deserializer)?;),
                quote!(value),
            )
        } else {
            (
                string.clone(),
                quote!(Self::#fallback(value) => value),
                quote!(serializer.serialize_str(self.as_str())),
                quote!(let value = <#string as ::serde::Deserialize>::deserialize(deserializer)?;),
                quote!(value.as_str()),
            )
        };
        out.extend(quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #[allow(clippy::enum_variant_names)]
            #extra
            #allow
            pub enum #name {
                #(#variants,)*
                /// A value this version of the API description does not list.
                #fallback(#payload),
            }
            #allow
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                    #serialize
                }
            }
            #allow
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                    #read
                    ::std::result::Result::Ok(match #matched { #(#from_wire,)* _ => Self::#fallback(value) })
                }
            }
            #allow
            impl #name {
                /// The value as sent on the wire.
                pub fn #value_fn(&self) -> #value_ty {
                    match self { #(#to_wire,)* #fallback_arm }
                }
            }
        });
    } else if integer {
        let expected = format!("one of {}", arms.iter().map(|(_, l)| l.to_string()).collect::<Vec<_>>().join(", "));
        out.extend(quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            #[allow(clippy::enum_variant_names)]
            #extra
            #allow
            pub enum #name { #(#variants,)* }
            #allow
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                    serializer.serialize_i64(self.value())
                }
            }
            #allow
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                    let value = <i64 as ::serde::Deserialize>::deserialize(deserializer)?;
                    ::std::result::Result::Ok(match value {
                        #(#from_wire,)*
                        other => return ::std::result::Result::Err(::serde::de::Error::invalid_value(
                            ::serde::de::Unexpected::Signed(other), &#expected)),
                    })
                }
            }
            #allow
            impl #name {
                /// The value as sent on the wire.
                pub fn value(&self) -> i64 { match self { #(#to_wire,)* } }
            }
        });
    } else {
        out.extend(quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
            #[allow(clippy::enum_variant_names)]
            #extra
            #allow
            pub enum #name { #(#variants,)* }
            #allow
            impl #name {
                /// The value as sent on the wire.
                pub fn as_str(&self) -> &'static str { match self { #(#to_wire,)* } }
            }
        });
    }
    let display_body = if integer { quote!(::std::write!(f, "{}", self.value())) } else { quote!(f.write_str(self.as_str())) };
    out.extend(quote! {
        #allow
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { #display_body }
        }
    });
    out
}

fn int_lit(i: i64) -> TokenStream {
    if i < 0 {
        let abs = Lit::u64_unsuffixed(i.unsigned_abs());
        quote!(-#abs)
    } else {
        let lit = Lit::i64_unsuffixed(i);
        quote!(#lit)
    }
}

/// A union: untagged (variants tried in order), or dispatched on its discriminator property.
pub fn union_item(cx: &mut Cx<'_>, id: usize, u: &Union) -> TokenStream {
    let def = &cx.api.types[id];
    let docs = type_docs(&def.docs);
    let name = ident(&def.name);
    let extra = extra_attributes(cx, &def.name);
    let allow = allow_deprecated(cx, def);
    let variants: Vec<(proc_macro2::Ident, TokenStream)> = u.variants.iter().map(|v| (ident(&v.name), cx.ty(&v.ty))).collect();
    let decls: Vec<TokenStream> = variants.iter().map(|(n, t)| quote!(#n(#t))).collect();
    let Some(property) = &u.discriminator else {
        let serde = cx.directions[id].derives();
        return quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, #serde)]
            #[serde(untagged)]
            #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
            #extra
            #allow
            pub enum #name { #(#decls,)* }
        };
    };
    cx.needs.serde_json = true;
    let open = !cx.opts.closed_enums;
    let fallback = ident(&u.fallback);
    let result = cx.prelude("Result");
    let mut ser_arms = Vec::new();
    let mut de_arms = Vec::new();
    for (variant, (vname, _)) in u.variants.iter().zip(&variants) {
        let tags = &variant.tags;
        de_arms.push(quote! {
            #(::std::option::Option::Some(#tags))|* =>
                ::serde_json::from_value(value).map(Self::#vname).map_err(::serde::de::Error::custom)
        });
        if carries_property(cx, &variant.ty, property) {
            ser_arms.push(quote!(Self::#vname(value) => ::serde::Serialize::serialize(value, serializer)));
        } else {
            cx.needs.tagged = true;
            let tag = &tags[0];
            ser_arms.push(quote!(Self::#vname(value) => support::serialize_tagged(serializer, #property, #tag, value)));
        }
    }
    let (fallback_decl, fallback_ser, fallback_de) = if open {
        (
            quote!(
                /// A variant this version of the API description does not list, kept as JSON.
                #fallback(::serde_json::Value),
            ),
            quote!(Self::#fallback(value) => ::serde::Serialize::serialize(value, serializer),),
            quote!(_ => ::std::result::Result::Ok(Self::#fallback(value)),),
        )
    } else {
        let unknown = format!("unknown `{property}` value");
        (
            quote!(),
            quote!(),
            quote!(
                ::std::option::Option::Some(other) => ::std::result::Result::Err(::serde::de::Error::custom(
                    ::std::format!("{} `{}`", #unknown, other))),
                ::std::option::Option::None => ::std::result::Result::Err(::serde::de::Error::missing_field(#property)),
            ),
        )
    };
    // Each direction only where the type is used that way (its variants derive no more).
    let direction = cx.directions[id];
    let serialize_impl = direction.serialize.then(|| {
        quote! {
            #allow
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                    match self { #(#ser_arms,)* #fallback_ser }
                }
            }
        }
    });
    let deserialize_impl = direction.deserialize.then(|| {
        quote! {
            #allow
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let tag = value.get(#property).and_then(|tag| tag.as_str()).map(::std::string::String::from);
                    match tag.as_deref() { #(#de_arms,)* #fallback_de }
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
        #extra
        #allow
        pub enum #name { #(#decls,)* #fallback_decl }
        #serialize_impl
        #deserialize_impl
    }
}

/// True when the variant's type is a struct that has the discriminator property itself.
fn carries_property(cx: &Cx<'_>, ty: &Type, property: &str) -> bool {
    match cx.resolve(ty) {
        Type::Named { id, .. } => match &cx.api.get(*id).kind {
            TypeKind::Struct(s) => s.fields.iter().any(|f| f.wire_name == property && f.required && !f.nullable),
            _ => false,
        },
        _ => false,
    }
}
