//! Type expressions to Rust type tokens, and bookkeeping of what the output needs.

use super::naming::ident;
use super::RustOptions;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Support code and crates the generated file uses.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Needs {
    /// `support::Nullable` (optional + nullable fields).
    pub nullable: bool,
    /// `support::Base64` / `support::base64`.
    pub base64: bool,
    /// `support::de`: the shared map visitor of structs' `Deserialize` impls.
    pub de: bool,
    /// `support::serialize_tagged`.
    pub tagged: bool,
    /// The `serde_json` crate.
    pub serde_json: bool,
    /// The `chrono` crate.
    pub chrono: bool,
    /// The `uuid` crate.
    pub uuid: bool,
    /// The HTTP client: `support::client`, and the `reqwest` and `tokio` crates.
    pub client: bool,
    /// Cargo features the code is gated by (one per tag), for the crate manifest.
    pub features: Vec<String>,
    /// Streamed responses or uploads: `support::stream`, reqwest's `stream` feature, and the
    /// `futures-core` and `bytes` crates.
    pub stream: bool,
    /// Stream methods of paged operations: `support::pages`, and the `futures-core` and `futures-util` crates.
    pub pages: bool,
}

impl Needs {
    /// Adds what `other` needs (the features are the same in every part of one module).
    pub fn merge(&mut self, other: &Needs) {
        // Destructured, so that a new field cannot be forgotten here.
        let Needs { nullable, base64, de, tagged, serde_json, chrono, uuid, client, features: _, stream, pages } = other;
        self.nullable |= nullable;
        self.base64 |= base64;
        self.de |= de;
        self.tagged |= tagged;
        self.serde_json |= serde_json;
        self.chrono |= chrono;
        self.uuid |= uuid;
        self.client |= client;
        self.stream |= stream;
        self.pages |= pages;
    }
}

/// Names of the standard prelude that a model may shadow.
const PRELUDE: &[(&str, &str)] = &[
    ("Option", "::std::option::Option"),
    ("String", "::std::string::String"),
    ("Vec", "::std::vec::Vec"),
    ("Box", "::std::boxed::Box"),
    ("Result", "::std::result::Result"),
];

/// Shared state of one emission: the model, the options, and what the output needs.
pub struct Cx<'a> {
    /// The model being emitted.
    pub api: &'a Api,
    /// Backend options.
    pub opts: &'a RustOptions,
    /// What the output uses so far.
    pub needs: Needs,
    /// Path from the module being emitted to the models (`super::` inside the client module).
    pub prefix: TokenStream,
    /// The cargo feature of every item, when [`RustOptions::tag_features`] is on (shared by forks).
    pub features: Option<Arc<super::features::Features>>,
    /// The serde traits of each type (shared by forks).
    pub directions: Arc<Vec<super::directions::Direction>>,
    shadowed: BTreeSet<&'static str>,
}

/// What every part of one emission shares; `Sync`, so that parts can be emitted on several threads.
#[derive(Clone)]
pub struct Shared<'a> {
    api: &'a Api,
    opts: &'a RustOptions,
    features: Option<Arc<super::features::Features>>,
    directions: Arc<Vec<super::directions::Direction>>,
    shadowed: BTreeSet<&'static str>,
}

impl<'a> Shared<'a> {
    /// The shared state of an emission of `api`.
    pub fn new(api: &'a Api, opts: &'a RustOptions) -> Self {
        let names: BTreeSet<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        let shadowed = PRELUDE.iter().filter(|(short, _)| names.contains(short)).map(|(short, _)| *short).collect();
        let features = opts.tag_features.then(|| Arc::new(super::features::Features::of(api)));
        let directional = opts.client && !opts.example_tests && !opts.both_directions && !api.operations.is_empty();
        let directions = Arc::new(super::directions::directions(api, directional));
        Shared { api, opts, features, directions, shadowed }
    }

    /// A fresh context: nothing needed yet but the cargo features.
    pub fn cx(&self) -> Cx<'a> {
        let needs = Needs { features: self.features.as_ref().map(|f| f.names()).unwrap_or_default(), ..Needs::default() };
        Cx {
            api: self.api,
            opts: self.opts,
            needs,
            prefix: TokenStream::new(),
            features: self.features.clone(),
            directions: Arc::clone(&self.directions),
            shadowed: self.shadowed.clone(),
        }
    }
}

impl<'a> Cx<'a> {
    /// A context for `api`.
    #[cfg(test)]
    pub fn new(api: &'a Api, opts: &'a RustOptions) -> Self {
        Shared::new(api, opts).cx()
    }

    /// A prelude type by its short name, fully qualified when a model shadows it.
    pub fn prelude(&self, short: &str) -> TokenStream {
        let path = PRELUDE.iter().find(|(s, _)| *s == short).map_or(short, |(s, full)| if self.shadowed.contains(s) { full } else { s });
        path.parse().unwrap_or_default()
    }

    /// The path string of a prelude item for serde attributes (`"Option::is_none"`).
    pub fn prelude_path(&self, short: &str, rest: &str) -> String {
        let base = PRELUDE.iter().find(|(s, _)| *s == short).map_or(short, |(s, full)| if self.shadowed.contains(s) { full } else { s });
        format!("{base}{rest}")
    }

    /// The Rust type of a named type.
    pub fn named(&self, id: TypeId) -> TokenStream {
        let name = ident(&self.api.get(id).name);
        let prefix = &self.prefix;
        quote!(#prefix #name)
    }

    /// True when the named type (or what it aliases) is deprecated.
    pub fn is_deprecated(&self, id: TypeId) -> bool {
        self.api.get(id).docs.deprecated
    }

    /// The Rust type of an expression in a nested position (item, value, variant, alias target).
    pub fn ty(&mut self, ty: &Type) -> TokenStream {
        match ty {
            Type::Named { id, boxed } => {
                let named = self.named(*id);
                if *boxed {
                    let boxed = self.prelude("Box");
                    quote!(#boxed<#named>)
                } else {
                    named
                }
            }
            Type::String { .. } => self.prelude("String"),
            Type::Boolean => quote!(bool),
            Type::Integer { width } => match width {
                IntWidth::I8 => quote!(i8),
                IntWidth::I16 => quote!(i16),
                IntWidth::I32 => quote!(i32),
                IntWidth::I64 => quote!(i64),
                IntWidth::U8 => quote!(u8),
                IntWidth::U16 => quote!(u16),
                IntWidth::U32 => quote!(u32),
                IntWidth::U64 => quote!(u64),
            },
            Type::Number { single: true } => quote!(f32),
            Type::Number { single: false } => quote!(f64),
            Type::DateTime if self.opts.typed_formats => {
                self.needs.chrono = true;
                quote!(::chrono::DateTime<::chrono::Utc>)
            }
            Type::Date if self.opts.typed_formats => {
                self.needs.chrono = true;
                quote!(::chrono::NaiveDate)
            }
            Type::Uuid if self.opts.typed_formats => {
                self.needs.uuid = true;
                quote!(::uuid::Uuid)
            }
            Type::DateTime | Type::Date | Type::Uuid => self.prelude("String"),
            Type::Base64 => {
                self.needs.base64 = true;
                let prefix = &self.prefix;
                quote!(#prefix support::Base64)
            }
            // Inside JSON, `format: binary` is a string like any other (a JSON string cannot carry
            // arbitrary bytes); raw bodies and multipart files are `Vec<u8>`, emitted by the client.
            Type::Binary => self.prelude("String"),
            Type::Any => {
                self.needs.serde_json = true;
                quote!(::serde_json::Value)
            }
            Type::Array { items } => {
                let items = self.ty(items);
                let vec = self.prelude("Vec");
                quote!(#vec<#items>)
            }
            Type::Map { values } => {
                let values = self.ty(values);
                let string = self.prelude("String");
                quote!(::std::collections::BTreeMap<#string, #values>)
            }
            Type::Tuple { items } => {
                let items: Vec<TokenStream> = items.iter().map(|item| self.ty(item)).collect();
                quote!((#(#items,)*))
            }
            Type::Nullable { inner } => {
                let inner = self.ty(inner);
                let option = self.prelude("Option");
                quote!(#option<#inner>)
            }
        }
    }

    /// Follows aliases to the underlying expression (bounded, in case of alias chains).
    pub fn resolve<'t>(&'t self, mut ty: &'t Type) -> &'t Type {
        for _ in 0..64 {
            match ty {
                Type::Named { id, .. } => match &self.api.get(*id).kind {
                    TypeKind::Alias { target } => ty = target,
                    _ => return ty,
                },
                _ => return ty,
            }
        }
        ty
    }
}
