//! The Rust backend: reads the intermediate model and writes one self-contained Rust module.
//!
//! Code is built as tokens with `quote` and formatted with `prettyplease`. It knows nothing about
//! YAML, markdown or OpenAPI; every name it prints was assigned by the [type space](crate::typespace).

mod client;
mod directions;
mod docs;
mod enums;
mod examples;
mod features;
mod manifest;
mod models;
mod naming;
mod parallel;
mod support;
mod types;

pub use manifest::cargo_toml;
pub use naming::RustNaming;
pub use parallel::emit_formatted;
pub use types::Needs;

use crate::error::{Error, Result};
use crate::ir::{Api, TypeKind};
use proc_macro2::TokenStream;
use types::Cx;

/// Choices that shape the generated Rust code.
#[derive(Debug, Clone)]
pub struct RustOptions {
    /// Make every enum closed (no catch-all variant; unknown values fail to deserialize).
    pub closed_enums: bool,
    /// Map `date-time`, `date` and `uuid` to chrono/uuid types (true) or to `String` (false).
    pub typed_formats: bool,
    /// Extra attributes per type name (`"."` matches every type), in order, as Rust text
    /// (`"#[derive(Hash)]"`, checked when generation starts).
    pub type_attributes: Vec<(String, String)>,
    /// Extra attributes per field (`"Type.field"` or `".field"`; wire or Rust field name), in order, as Rust text.
    pub field_attributes: Vec<(String, String)>,
    /// Emit a `#[cfg(test)]` module that round-trips every example of the description through its type.
    pub example_tests: bool,
    /// Emit the HTTP client (`pub mod client`) for the description's operations (on by default).
    pub client: bool,
    /// Gate each tag's operations, and the types only they use, behind a cargo feature named after
    /// the tag (for a crate: `--crate` sets it; see [`features`]).
    pub tag_features: bool,
    /// Derive both `Serialize` and `Deserialize` on every type, even one only sent or only
    /// received by the client (see [`directions`]), for users who cache, log or mock.
    pub both_directions: bool,
}

impl Default for RustOptions {
    fn default() -> Self {
        RustOptions {
            closed_enums: false,
            typed_formats: true,
            type_attributes: Vec::new(),
            field_attributes: Vec::new(),
            example_tests: false,
            client: true,
            tag_features: false,
            both_directions: false,
        }
    }
}

/// Generated code before formatting, with what it needs.
#[cfg(test)]
pub struct Emitted {
    /// The module's items.
    pub tokens: TokenStream,
    /// Support code and crates used.
    pub needs: Needs,
}

/// Emits the module's items for `api` (the type space must have run), all at once: the reference
/// that [`emit_formatted`] gives the same bytes as once [`format`]ted.
#[cfg(test)]
pub fn emit(api: &Api, opts: &RustOptions) -> Emitted {
    let mut cx = Cx::new(api, opts);
    let defaultable = models::defaultable(api);
    let mut tokens = TokenStream::new();
    for i in type_order(api) {
        tokens.extend(type_item(&mut cx, i, defaultable[i]));
    }
    if opts.example_tests {
        tokens.extend(examples::example_tests(&mut cx));
    }
    if opts.client && !api.operations.is_empty() {
        tokens.extend(client::client_module(&mut cx));
    }
    let needs = cx.needs.clone();
    tokens.extend(support::support_module(&needs));
    Emitted { tokens, needs }
}

/// The indices of the types in the order the module lists them (by name).
fn type_order(api: &Api) -> Vec<usize> {
    let mut order: Vec<usize> = (0..api.types.len()).collect();
    order.sort_by(|&a, &b| api.types[a].name.cmp(&api.types[b].name));
    order
}

/// The item(s) of type `i`, behind its cargo feature when there are features.
fn type_item(cx: &mut Cx<'_>, i: usize, defaultable: bool) -> TokenStream {
    let def = &cx.api.types[i];
    let item = match &def.kind {
        TypeKind::Struct(s) => models::struct_item(cx, i, s, defaultable),
        TypeKind::Enum(e) => enums::enum_item(cx, def, e),
        TypeKind::Union(u) => enums::union_item(cx, i, u),
        TypeKind::Alias { target } => models::alias_item(cx, def, target),
        TypeKind::Map { value } => models::map_item(cx, def, value),
    };
    match &cx.features {
        Some(features) => features::gate(item, &features.type_cfg(i)),
        None => item,
    }
}

/// Formats emitted tokens as a Rust source file with a `@generated` header naming `source`.
#[cfg(test)]
pub fn format(tokens: TokenStream, source: &str) -> Result<String> {
    Ok(with_header(&format_items(tokens)?.join("\n"), source))
}

/// Each item of `tokens` pretty-printed on its own (so that items are separated by a blank line
/// once joined with `\n`), in order.
fn format_items(tokens: TokenStream) -> Result<Vec<String>> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| Error::Internal(format!("generated code does not parse: {e}")))?;
    Ok(file
        .items
        .into_iter()
        .map(|item| prettyplease::unparse(&syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items: vec![item] }))
        .collect())
}

/// `body` under the `@generated` header line naming `source`.
#[cfg(test)]
fn with_header(body: &str, source: &str) -> String {
    header(source) + body
}

/// The `@generated` header line naming `source`, and a blank line.
fn header(source: &str) -> String {
    let source: String = source.chars().filter(|c| !c.is_control()).collect();
    format!("// @generated by specforge {} from {}. Do not edit by hand: regenerate instead.\n\n", env!("CARGO_PKG_VERSION"), source)
}
