//! The Swagger 2.0 frontend: reads a `swagger: "2.0"` document natively (no conversion to 3.0) into
//! the same intermediate model as the OpenAPI 3.x frontend.
//!
//! Schemas (`definitions`, body `schema`s, response `schema`s) go through the shared schema
//! converter; everything else (parameters with their `collectionFormat`, `consumes`/`produces`,
//! `formData`, `securityDefinitions`, `host`/`basePath`/`schemes`) is read here from the raw JSON.

mod operations;
mod params;
mod raw;
mod responses;
mod types;

use super::refs::Target;
use super::schema::Converter;
use crate::diagnostic::{Diagnostic, Diagnostics, Kind, Place};
use crate::error::{Error, Result};
use crate::ir::{Api, Info, ParamLocation, SecurityKind, SecurityRequirement, SecurityScheme, Server};
use crate::pointer;
use crate::source::{DocId, DocumentStore};
use raw::{fields, invalid, Located};
use serde_json::Value;

/// True when the document says `swagger: "2.0"` (or the number 2.0); an error naming `#/swagger` for any other value
/// of `swagger`; false when there is no `swagger` field (an OpenAPI 3 document, or not one at all).
pub fn is_swagger2(store: &DocumentStore, doc: DocId) -> Result<bool> {
    let document = store.get(doc);
    match document.value.get("swagger") {
        None => Ok(false),
        Some(Value::String(version)) if version == "2.0" => Ok(true),
        // `swagger: 2.0` unquoted in YAML is a number.
        Some(Value::Number(version)) if version.as_f64() == Some(2.0) => Ok(true),
        Some(other) => Err(Error::input(Diagnostic::error(
            Kind::UnsupportedVersion,
            &document.display,
            Place::Pointer("#/swagger".into()),
            format!("Swagger version {other} is not supported (expected \"2.0\", or an OpenAPI 3.x document)"),
        ))),
    }
}

/// Builds the intermediate model of the Swagger 2.0 document `root` (already loaded in `store`).
pub fn convert(store: &mut DocumentStore, root: DocId, diags: &mut Diagnostics) -> Result<Api> {
    let document = root_object(store, root)?;
    let info = info(store, &document)?;
    let servers = servers(store, &document)?;
    let security = requirements(store, &document, "security")?.unwrap_or_default();
    let security_schemes = security_schemes(store, &document)?;
    let defaults = operations::Defaults {
        consumes: fields(store, &document).strings("consumes")?.unwrap_or_default(),
        produces: fields(store, &document).strings("produces")?.unwrap_or_default(),
    };
    let definitions = fields(store, &document).object("definitions")?;
    let mut conv = Converter::new(store, diags);
    for name in definitions.keys() {
        conv.declare(Target { doc: root, pointer: pointer::push("#/definitions", name) })?;
    }
    let ops = operations::operations(&mut conv, &document, &defaults)?;
    Ok(Api {
        info,
        servers,
        types: conv.types,
        operations: ops,
        webhooks: Vec::new(),
        security_schemes,
        security,
        groups: Vec::new(),
        selected: None,
        pages: Vec::new(),
    })
}

fn root_object(store: &DocumentStore, root: DocId) -> Result<Located> {
    match &*store.get(root).value {
        Value::Object(map) => Ok(Located { value: map.clone(), doc: root, pointer: "#".into() }),
        other => Err(invalid(store, root, "#", format!("a Swagger document must be an object, found {}", raw::kind_of(other)))),
    }
}

fn info(store: &DocumentStore, document: &Located) -> Result<Info> {
    let Some(value) = document.value.get("info") else {
        return Err(invalid(store, document.doc, "#", "missing field `info`"));
    };
    let Value::Object(map) = value else {
        return Err(invalid(store, document.doc, "#/info", format!("expected an object, found {}", raw::kind_of(value))));
    };
    let info = Located { value: map.clone(), doc: document.doc, pointer: "#/info".into() };
    let read = fields(store, &info);
    Ok(Info { title: read.required_string("title")?, version: read.required_string("version")?, description: read.string("description")? })
}

/// One server per listed scheme (`https://host/basePath`), the first listed first. Without `schemes`
/// the URL uses `https`. Without `host` the API is relative to where the document is served: the
/// server is `basePath` alone (as a relative 3.x server URL), none when there is no `basePath` either.
fn servers(store: &DocumentStore, document: &Located) -> Result<Vec<Server>> {
    let read = fields(store, document);
    let host = read.string("host")?.filter(|h| !h.is_empty());
    let base_path = read.string("basePath")?.unwrap_or_default();
    let schemes = read.strings("schemes")?.filter(|s| !s.is_empty()).unwrap_or_else(|| vec!["https".into()]);
    let server = |url: String| Server { url, description: None, variables: Vec::new() };
    Ok(match host {
        Some(host) => schemes.iter().map(|scheme| server(format!("{scheme}://{host}{base_path}"))).collect(),
        None if base_path.is_empty() => Vec::new(),
        None => vec![server(base_path)],
    })
}

/// The security requirements listed under `key` of `object` (`None` when absent).
fn requirements(store: &DocumentStore, object: &Located, key: &str) -> Result<Option<Vec<SecurityRequirement>>> {
    if !object.value.contains_key(key) {
        return Ok(None);
    }
    let list = fields(store, object).list(key)?;
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate() {
        match item {
            Value::Object(map) => out.push(SecurityRequirement { schemes: map.keys().cloned().collect() }),
            other => {
                let pointer = pointer::push(&object.at(key), &i.to_string());
                return Err(invalid(store, object.doc, &pointer, format!("expected an object, found {}", raw::kind_of(other))));
            }
        }
    }
    Ok(Some(out))
}

/// `securityDefinitions`: `basic`, `apiKey` (header or query) and `oauth2` (any flow).
fn security_schemes(store: &mut DocumentStore, document: &Located) -> Result<Vec<SecurityScheme>> {
    let definitions = fields(store, document).object("securityDefinitions")?;
    let mut out = Vec::new();
    for key in definitions.keys() {
        let scheme = raw::follow(store, document.doc, pointer::push("#/securityDefinitions", key), "security scheme")?;
        let read = fields(store, &scheme);
        let kind = match read.required_string("type")?.as_str() {
            "basic" => SecurityKind::Basic,
            "oauth2" => SecurityKind::OAuth2,
            "apiKey" => SecurityKind::ApiKey {
                param: read.required_string("name")?,
                location: match read.required_string("in")?.as_str() {
                    "header" => ParamLocation::Header,
                    "query" => ParamLocation::Query,
                    other => {
                        let message = format!("unknown API key location `{other}` (expected header or query)");
                        return Err(invalid(store, scheme.doc, &scheme.at("in"), message));
                    }
                },
            },
            other => {
                let message = format!("unknown security scheme type `{other}` (expected basic, apiKey or oauth2)");
                return Err(invalid(store, scheme.doc, &scheme.at("type"), message));
            }
        };
        out.push(SecurityScheme { key: key.clone(), name: String::new(), kind, description: read.string("description")? });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::ParamStyle;
    use params::collection_format;
    use serde_json::json;

    fn located(value: Value) -> Located {
        Located { value: value.as_object().cloned().unwrap_or_default(), doc: 0, pointer: "#".into() }
    }

    fn urls(store: &DocumentStore, value: Value) -> Vec<String> {
        servers(store, &located(value)).unwrap().into_iter().map(|s| s.url).collect()
    }

    #[test]
    fn servers_come_from_host_base_path_and_schemes_in_order() {
        let store = DocumentStore::default();
        assert_eq!(urls(&store, json!({"host": "h.io", "basePath": "/v1", "schemes": ["http", "https"]})), ["http://h.io/v1", "https://h.io/v1"]);
        assert_eq!(urls(&store, json!({"host": "h.io:8080"})), ["https://h.io:8080"]);
        assert_eq!(urls(&store, json!({"basePath": "/api"})), ["/api"]);
        assert!(urls(&store, json!({})).is_empty());
    }

    #[test]
    fn the_version_may_be_a_string_or_an_unquoted_number() {
        let mut store = DocumentStore::default();
        let dir = std::env::temp_dir().join(format!("specforge-swagger2-version-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut verdicts = Vec::new();
        for (i, text) in ["swagger: \"2.0\"\n", "swagger: 2.0\n", "openapi: 3.0.0\n", "swagger: \"1.2\"\n"].iter().enumerate() {
            let path = dir.join(format!("{i}.yaml"));
            std::fs::write(&path, text).unwrap();
            let doc = store.load(&path, &format!("{i}.yaml")).unwrap();
            verdicts.push(is_swagger2(&store, doc).map_err(|e| e.to_string()));
        }
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(verdicts[..3], [Ok(true), Ok(true), Ok(false)]);
        assert_eq!(
            verdicts[3],
            Err("error[unsupported-version]: 3.yaml#/swagger: Swagger version \"1.2\" is not supported (expected \"2.0\", or an OpenAPI 3.x document)".to_string())
        );
    }

    #[test]
    fn collection_formats_map_to_styles() {
        use ParamLocation::*;
        assert_eq!(collection_format(Query, None), Some((ParamStyle::Form, false)));
        assert_eq!(collection_format(Query, Some("multi")), Some((ParamStyle::Form, true)));
        assert_eq!(collection_format(Path, Some("csv")), Some((ParamStyle::Simple, false)));
        assert_eq!(collection_format(Header, Some("multi")), Some((ParamStyle::Simple, false)));
        assert_eq!(collection_format(Query, Some("ssv")), Some((ParamStyle::SpaceDelimited, false)));
        assert_eq!(collection_format(Path, Some("tsv")), Some((ParamStyle::TabDelimited, false)));
        assert_eq!(collection_format(Header, Some("pipes")), Some((ParamStyle::PipeDelimited, false)));
        assert_eq!(collection_format(Query, Some("commas")), None);
    }
}
