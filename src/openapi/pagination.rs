//! Pagination extensions of an operation, read into [`Pagination`] as written; the type space
//! checks them against the response (`typespace::pagination`).
//!
//! - `x-speakeasy-pagination`: `type` `offsetLimit` (an input of `type` `offset` or `page`) or `cursor`
//!   (an input of `type` `cursor`, `outputs.nextCursor`), inputs `in: parameters`, `outputs.results`;
//!   JSONPath `$.a.b`, and `$.a[-1].id` / `$.a[(@.length-1)].id` for the last item's field;
//! - `x-ms-pageable`: `itemName` (default `value`) and `nextLinkName` (a next URL in the body; its
//!   value for a declared `$skipToken`-like query parameter is carried over), `null` for one page;
//! - `x-pagination`: an object with `kind` (`cursor`, `offset`, `page`, `link`), `param`, `items`,
//!   `next`, `item_cursor`, `has_more`, the keys of `--paginate` (paths dotted).

use crate::ir::{PageKind, Pagination};
use serde_json::Value;

/// The extensions read, in the order they are tried.
pub const EXTENSIONS: &[&str] = &["x-speakeasy-pagination", "x-ms-pageable", "x-pagination"];

fn empty(kind: PageKind, source: &str) -> Pagination {
    Pagination {
        kind,
        param: String::new(),
        items: vec![String::new()],
        next: Vec::new(),
        item_cursor: None,
        has_more: Vec::new(),
        source: source.into(),
        method: String::new(),
    }
}

/// A JSONPath of plain names (`$.data.items`), and the field after a last-item index (`[-1].id`).
fn json_path(text: &str) -> Result<(Vec<String>, Option<String>), String> {
    let rest = text.trim().strip_prefix('$').ok_or_else(|| format!("JSONPath `{text}` does not start with `$`"))?;
    let (path, last) = match rest.split_once('[') {
        Some((path, index)) => {
            let (index, field) = index.split_once(']').ok_or_else(|| format!("JSONPath `{text}`: unclosed `[`"))?;
            if !matches!(index.replace(' ', "").as_str(), "-1" | "(@.length-1)") {
                return Err(format!("JSONPath `{text}`: only the last item (`[-1]`) is supported"));
            }
            let field = field
                .strip_prefix('.')
                .filter(|f| !f.is_empty() && !f.contains(['.', '[']))
                .ok_or_else(|| format!("JSONPath `{text}`: expected `[-1].field`"))?;
            (path, Some(field.to_string()))
        }
        None => (rest, None),
    };
    let segments: Vec<String> = path.split('.').filter(|s| !s.is_empty()).map(String::from).collect();
    Ok((segments, last))
}

fn speakeasy(value: &Value) -> Result<Pagination, String> {
    let source = "x-speakeasy-pagination";
    let kind_name = value.get("type").and_then(Value::as_str).unwrap_or("");
    let inputs = value.get("inputs").and_then(Value::as_array).cloned().unwrap_or_default();
    let input = |ty: &str| inputs.iter().find(|i| i.get("type").and_then(Value::as_str) == Some(ty));
    let (kind, input) = match kind_name {
        "offsetLimit" => match (input("offset"), input("page")) {
            (Some(i), _) => (PageKind::Offset, i),
            (None, Some(i)) => (PageKind::Page, i),
            _ => return Err("offsetLimit without an `offset` or `page` input".into()),
        },
        "cursor" => (PageKind::Cursor, input("cursor").ok_or("cursor without a `cursor` input")?),
        other => return Err(format!("type `{other}` is not supported (offsetLimit and cursor are)")),
    };
    if input.get("in").and_then(Value::as_str).unwrap_or("parameters") != "parameters" {
        return Err("only inputs `in: parameters` are supported".into());
    }
    let mut p = empty(kind, source);
    p.param = input.get("name").and_then(Value::as_str).ok_or("an input without `name`")?.to_string();
    let outputs = value.get("outputs").cloned().unwrap_or(Value::Null);
    if let Some(results) = outputs.get("results").and_then(Value::as_str) {
        let (path, last) = json_path(results)?;
        if last.is_some() {
            return Err("`results` points into an item".into());
        }
        p.items = path;
    }
    if kind == PageKind::Cursor {
        let next = outputs.get("nextCursor").and_then(Value::as_str).ok_or("cursor without `outputs.nextCursor`")?;
        match json_path(next)? {
            (path, Some(field)) => {
                if p.items != [String::new()] && p.items != path {
                    return Err("`nextCursor` reads an item of another array than `results`".into());
                }
                p.items = path;
                p.item_cursor = Some(field);
            }
            (path, None) => p.next = path,
        }
    }
    Ok(p)
}

fn ms_pageable(value: &Value) -> Result<Option<Pagination>, String> {
    let item = value.get("itemName").and_then(Value::as_str).unwrap_or("value");
    match value.get("nextLinkName") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(next)) => {
            let mut p = empty(PageKind::Link, "x-ms-pageable");
            p.items = vec![item.to_string()];
            p.next = vec![next.clone()];
            Ok(Some(p))
        }
        Some(_) => Err("`nextLinkName` is not a string".into()),
    }
}

fn generic(value: &Value) -> Result<Pagination, String> {
    let kind = match value.get("kind").or_else(|| value.get("type")).and_then(Value::as_str) {
        Some("cursor") => PageKind::Cursor,
        Some("offset") => PageKind::Offset,
        Some("page") => PageKind::Page,
        Some("link") => PageKind::Link,
        _ => return Err("`kind` is not cursor, offset, page or link".into()),
    };
    let mut p = empty(kind, "x-pagination");
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
    let path = |text: String| text.split('.').filter(|s| !s.is_empty()).map(String::from).collect::<Vec<_>>();
    p.param = text("param").unwrap_or_default();
    if let Some(items) = text("items") {
        p.items = path(items);
    }
    p.next = text("next").map(path).unwrap_or_default();
    p.has_more = text("has_more").map(path).unwrap_or_default();
    p.item_cursor = text("item_cursor");
    Ok(p)
}

/// The pagination the first extension present declares: `None` when there is none (or
/// `x-ms-pageable` says one page); the extension's name and why when it cannot be read.
pub fn read(get: impl Fn(&str) -> Option<Value>) -> Result<Option<Pagination>, (String, String)> {
    for name in EXTENSIONS {
        let Some(value) = get(name) else { continue };
        let found = match *name {
            "x-speakeasy-pagination" => speakeasy(&value).map(Some),
            "x-ms-pageable" => ms_pageable(&value),
            _ => generic(&value).map(Some),
        };
        return found.map_err(|why| (name.to_string(), why));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn extensions_are_read_as_written() {
        let speakeasy = json!({"type": "cursor", "inputs": [{"name": "after", "in": "parameters", "type": "cursor"}],
            "outputs": {"results": "$.data", "nextCursor": "$.data[-1].id"}});
        let p = read(|k| (k == "x-speakeasy-pagination").then(|| speakeasy.clone())).unwrap().unwrap();
        assert_eq!(
            (p.kind, p.param.as_str(), p.items.clone(), p.item_cursor.as_deref()),
            (PageKind::Cursor, "after", vec!["data".into()], Some("id"))
        );
        let ms = json!({"nextLinkName": "nextLink"});
        let p = read(|k| (k == "x-ms-pageable").then(|| ms.clone())).unwrap().unwrap();
        assert_eq!((p.kind, p.items.clone(), p.next.clone()), (PageKind::Link, vec!["value".to_string()], vec!["nextLink".to_string()]));
        let one = json!({"nextLinkName": null});
        assert_eq!(read(|k| (k == "x-ms-pageable").then(|| one.clone())).unwrap(), None);
        let bad = json!({"type": "url"});
        assert_eq!(read(|k| (k == "x-speakeasy-pagination").then(|| bad.clone())).unwrap_err().0, "x-speakeasy-pagination");
    }
}
