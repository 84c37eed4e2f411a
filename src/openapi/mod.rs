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
use serde_json::Value;

/// Builds the intermediate model of the OpenAPI document `root` (already loaded in `store`).
///
/// Files referenced through `$ref` are loaded into `store` as they are met.
pub fn convert(store: &mut DocumentStore, root: DocId, diags: &mut Diagnostics) -> Result<Api> {
    if swagger2::is_swagger2(store, root)? {
        return swagger2::convert(store, root, diags);
    }
    document::check_version(store, root)?;
    // The typed parse of the document's structure runs on another thread while the named schemas
    // are converted here (it needs only the raw JSON); its error, if any, comes first.
    let raw = std::rc::Rc::clone(&store.get(root).value);
    let display = store.get(root).display.clone();
    let (typed, declared, mut conv) = std::thread::scope(|scope| {
        let raw: &Value = &raw;
        let typed = std::thread::Builder::new()
            .name("specforge-typed".into())
            .stack_size(crate::pipeline::STACK_SIZE)
            .spawn_scoped(scope, || document::parse_typed(raw, &display));
        let mut conv = schema::Converter::new(store, diags);
        let names = raw.get("components").and_then(|c| c.get("schemas")).and_then(Value::as_object);
        let declared = names
            .into_iter()
            .flat_map(|names| names.keys())
            .try_for_each(|name| conv.declare(refs::Target { doc: root, pointer: pointer::push("#/components/schemas", name) }));
        let typed = match typed {
            Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => document::parse_typed(raw, &display),
        };
        (typed, declared, conv)
    });
    let typed = typed?;
    declared?;
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
