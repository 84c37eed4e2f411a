//! `$ref` strings: local (`#/components/schemas/X`) and relative files (`other.yaml#/...`).

use crate::diagnostic::{Diagnostic, Kind, Place};
use crate::error::{Error, Result};
use crate::pointer;
use crate::source::{DocId, DocumentStore};
use std::path::Path;

/// Where a `$ref` points: a loaded document and a JSON pointer in it (with leading `#`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Target {
    /// The document.
    pub doc: DocId,
    /// The pointer, `#` for the whole document.
    pub pointer: String,
}

/// Why a `$ref` could not be followed, short of an I/O or syntax error in the target file.
pub enum RefProblem {
    /// A URL: not fetched.
    Remote,
    /// The pointer names nothing in the target document.
    Dangling,
}

/// Resolves `reference`, found at `at` in document `from`, loading the target file if needed.
///
/// I/O and syntax errors of a referenced file are returned as errors naming the referring place.
pub fn resolve(store: &mut DocumentStore, from: DocId, at: &str, reference: &str) -> Result<std::result::Result<Target, RefProblem>> {
    let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    if file.contains("://") || file.starts_with("//") {
        return Ok(Err(RefProblem::Remote));
    }
    let doc = if file.is_empty() {
        from
    } else {
        let base = store.get(from);
        let file = percent_decode(file);
        let path = base.path.parent().unwrap_or(Path::new(".")).join(&file);
        let display = Path::new(&base.display).parent().unwrap_or(Path::new("")).join(&file).display().to_string();
        let referrer = base.display.clone();
        store.load(&path, &display).map_err(|e| match e {
            Error::Read { source, .. } => Error::input(Diagnostic::error(
                Kind::MissingRefFile,
                referrer,
                Place::Pointer(at.to_string()),
                format!("$ref `{reference}`: cannot read {display}: {source}"),
            )),
            other => other,
        })?
    };
    let fragment = percent_decode(fragment);
    let pointer = format!("#{fragment}");
    let target = Target { doc, pointer };
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return Ok(Err(RefProblem::Dangling));
    }
    if pointer::resolve(&store.get(doc).value, &fragment).is_none() {
        return Ok(Err(RefProblem::Dangling));
    }
    Ok(Ok(target))
}

/// Decodes `%XX` escapes (URI fragments may escape `{`, `}`, spaces...). Invalid escapes stay as written.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(byte) = hex {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("/paths/~1a~1%7Bid%7D"), "/paths/~1a~1{id}");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
