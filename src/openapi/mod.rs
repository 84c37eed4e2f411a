//! The OpenAPI frontend: loads a document (and the files it references) and builds the
//! intermediate model. It knows nothing about Rust. OpenAPI 3.0 and 3.1 are read here; Swagger 2.0
//! documents are read natively by the `swagger2` submodule. Both read schemas with [`schema`].

mod document;
mod operations;
mod pagination;
mod refs;
mod schema;
mod swagger2;
mod typed;
mod view;

/// `hint` with `segment` appended: the name hint of something found inside `hint`'s place.
pub(crate) fn child_hint(hint: &[String], segment: &str) -> Vec<String> {
    let mut out = hint.to_vec();
    out.push(segment.to_string());
    out
}

use crate::diagnostic::Diagnostics;
use crate::error::Result;
use crate::ir::{Api, Info};
use crate::pointer;
use crate::source::{DocId, DocumentStore};

/// Builds the intermediate model of the OpenAPI document `root` (already loaded in `store`).
///
/// Files referenced through `$ref` are loaded into `store` as they are met.
pub fn convert(store: &mut DocumentStore, root: DocId, diags: &mut Diagnostics) -> Result<Api> {
    if swagger2::is_swagger2(store, root)? {
        return swagger2::convert(store, root, diags);
    }
    let typed = document::parse_root(store, root)?;
    let mut conv = schema::Converter::new(store, diags);
    if let Some(components) = &typed.components {
        for name in components.schemas.keys() {
            conv.declare(refs::Target { doc: root, pointer: pointer::push("#/components/schemas", name) })?;
        }
    }
    let ops = operations::operations(&mut conv, root, &typed)?;
    let webhooks = operations::webhooks(&mut conv, root)?;
    let security_schemes = operations::security_schemes(&mut conv, root)?;
    Ok(Api {
        info: Info { title: typed.info.title.clone(), version: typed.info.version.clone(), description: typed.info.description.clone() },
        servers: operations::servers(&typed),
        types: conv.types,
        operations: ops,
        webhooks,
        security_schemes,
        security: operations::default_security(&typed),
        groups: Vec::new(),
        selected: None,
        pages: Vec::new(),
    })
}
