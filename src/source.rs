//! Reading input files and parsing them into JSON values, with located syntax errors.
//!
//! JSON and YAML are told apart by content: a document whose first non-blank character is `{` or `[`
//! is JSON, anything else YAML. Both become a `serde_json::Value` so the rest of the tool sees one shape.

use crate::diagnostic::{Diagnostic, Kind, Place};
use crate::error::{Error, Result};
use crate::pointer;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Reads a file as UTF-8 text, refusing directories, binary and non-UTF-8 content with a located error.
pub fn read_text(path: &Path, display: &str) -> Result<String> {
    let metadata = std::fs::metadata(path).map_err(|source| Error::Read { path: path.into(), source })?;
    if metadata.is_dir() {
        return Err(Error::input(Diagnostic::error(Kind::NotAFile, display, Place::File, "is a directory, expected a file")));
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.into(), source })?;
    decode_text(bytes, display)
}

/// Checks that `bytes` are UTF-8 text without NUL bytes and returns them as a string (BOM removed).
pub fn decode_text(bytes: Vec<u8>, display: &str) -> Result<String> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_column(&bytes[..offset]);
        return Err(Error::input(Diagnostic::error(
            Kind::BinaryInput,
            display,
            Place::LineColumn(line, column),
            "contains a NUL byte: this is a binary file, not a text document",
        )));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let (line, column) = line_column(&e.as_bytes()[..valid]);
        Error::input(Diagnostic::error(
            Kind::NotUtf8,
            display,
            Place::LineColumn(line, column),
            format!("is not valid UTF-8 (invalid byte at offset {valid})"),
        ))
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    (line, prefix.len() - line_start + 1)
}

/// The two syntaxes an OpenAPI document may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JSON (first non-blank character `{` or `[`).
    Json,
    /// YAML (anything else).
    Yaml,
}

/// Tells JSON from YAML by the first non-blank character.
pub fn detect_syntax(text: &str) -> Syntax {
    match text.trim_start().chars().next() {
        Some('{') | Some('[') => Syntax::Json,
        _ => Syntax::Yaml,
    }
}

/// Parses JSON or YAML text into a JSON value; syntax errors carry line and column.
pub fn parse_document(text: &str, display: &str) -> Result<Value> {
    if text.trim().is_empty() {
        return Err(Error::input(Diagnostic::error(Kind::EmptyInput, display, Place::File, "is empty")));
    }
    match detect_syntax(text) {
        Syntax::Json => parse_json(text).map_err(|e| {
            Error::input(Diagnostic::error(
                Kind::Syntax,
                display,
                Place::LineColumn(e.line(), e.column()),
                format!("invalid JSON: {}", strip_position(&e.to_string())),
            ))
        }),
        Syntax::Yaml => crate::yaml::parse(text).map_err(|e| {
            let place = e.location().map_or(Place::File, |l| Place::LineColumn(l.line(), l.column()));
            Error::input(Diagnostic::error(Kind::Syntax, display, place, format!("invalid YAML: {}", strip_position(&e.to_string()))))
        }),
    }
}

/// Parses JSON, reading numbers beyond the range of f64 (`1e400`) as the largest f64 of their sign:
/// the keywords that carry them (`maximum`, `multipleOf`...) only constrain, and a document must not
/// fail for them.
fn parse_json(text: &str) -> serde_json::Result<Value> {
    let mut text = std::borrow::Cow::Borrowed(text);
    for _ in 0..10_000 {
        let error = match serde_json::from_str(&text) {
            Ok(value) => return Ok(value),
            Err(error) if error.to_string().starts_with("number out of range") => error,
            Err(error) => return Err(error),
        };
        // The error's column is the end of the number (1-based, in characters).
        let line_start: usize = text.split_inclusive('\n').take(error.line() - 1).map(str::len).sum();
        let line = &text[line_start..];
        let end = line_start + line.char_indices().nth(error.column()).map_or(line.len(), |(i, _)| i);
        let start = text[..end].rfind(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))).map_or(0, |i| i + 1);
        if start >= end {
            return Err(error);
        }
        let largest = if text[start..end].starts_with('-') { "-1.7976931348623157e308" } else { "1.7976931348623157e308" };
        text.to_mut().replace_range(start..end, largest);
    }
    serde_json::from_str(&text)
}

/// Removes the " at line L column C" suffix that serde errors append (the place is reported separately).
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// One loaded document.
#[derive(Debug)]
pub struct Document {
    /// The file on disk.
    pub path: PathBuf,
    /// How diagnostics name it.
    pub display: String,
    /// Its content, shared: read-only once loaded.
    pub value: std::rc::Rc<Value>,
}

/// All documents loaded for one generation run, keyed by canonical path.
#[derive(Debug, Default)]
pub struct DocumentStore {
    documents: Vec<Document>,
    by_path: std::collections::BTreeMap<PathBuf, usize>,
}

/// Index of a document in a [`DocumentStore`].
pub type DocId = usize;

impl DocumentStore {
    /// Loads `path` (once) and returns its id. `display` names it in diagnostics.
    pub fn load(&mut self, path: &Path, display: &str) -> Result<DocId> {
        let canonical = std::fs::canonicalize(path).map_err(|source| Error::Read { path: path.into(), source })?;
        if let Some(&id) = self.by_path.get(&canonical) {
            return Ok(id);
        }
        let text = read_text(&canonical, display)?;
        let value = parse_document(&text, display)?;
        check_refs(&value, &mut String::from("#"), display)?;
        let id = self.documents.len();
        self.documents.push(Document { path: canonical.clone(), display: display.to_string(), value: std::rc::Rc::new(value) });
        self.by_path.insert(canonical, id);
        Ok(id)
    }

    /// The document with id `id`.
    pub fn get(&self, id: DocId) -> &Document {
        &self.documents[id]
    }

    /// Every file read, in load order.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.documents.iter().map(|d| d.path.clone()).collect()
    }
}

/// Rejects a `$ref` whose value is a number, boolean, array or `null` (an object is left alone: it
/// is a property that happens to be called `$ref`).
fn check_refs(value: &Value, pointer: &mut String, display: &str) -> Result<()> {
    let len = pointer.len();
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                pointer::append(pointer, key);
                if key == "$ref" && !matches!(child, Value::String(_) | Value::Object(_)) {
                    return Err(Error::input(Diagnostic::error(
                        Kind::InvalidRef,
                        display,
                        Place::Pointer(pointer.clone()),
                        format!("`$ref` must be a string (a URI reference), found {child}"),
                    )));
                }
                check_refs(child, pointer, display)?;
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointer::append(pointer, &i.to_string());
                check_refs(child, pointer, display)?;
                pointer.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_and_yaml_are_told_apart_by_content() {
        assert_eq!(detect_syntax("  {\"a\": 1}"), Syntax::Json);
        assert_eq!(detect_syntax("openapi: 3.0.0"), Syntax::Yaml);
        assert_eq!(parse_document("a: 1\n200: x\n", "f").unwrap(), json!({"a": 1, "200": "x"}));
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = parse_document("{\n  \"a\": ,\n}", "f.json").unwrap_err().to_string();
        assert!(err.starts_with("error[syntax]: f.json:2:8: invalid JSON"), "{err}");
        let err = parse_document("a: [1, 2\nb: 3\n", "f.yaml").unwrap_err().to_string();
        assert!(err.contains("f.yaml:2:"), "{err}");
    }

    #[test]
    fn binary_and_non_utf8_are_rejected_with_position() {
        let err = decode_text(b"ab\ncd\0".to_vec(), "x").unwrap_err().to_string();
        assert!(err.contains("x:2:3: contains a NUL byte"), "{err}");
        let err = decode_text(b"ok\n\xff".to_vec(), "x").unwrap_err().to_string();
        assert!(err.contains("x:2:1: is not valid UTF-8"), "{err}");
    }

    #[test]
    fn numbers_beyond_i64_and_f64_are_read() {
        let v = parse_document("{\"a\": 1e400,\n \"b\": [-2E999, 3], \"c\": -9223372036854776000}", "f.json").unwrap();
        assert_eq!(v["a"], json!(f64::MAX));
        assert_eq!(v["b"], json!([f64::MIN, 3]));
        assert_eq!(v["c"].as_f64(), Some(-9223372036854776000.0));
        let v = parse_document("a: -9223372036854776000\nb: 18446744073709551616\nc: 1e400\n", "f.yaml").unwrap();
        assert_eq!(v["a"].as_f64(), Some(-9223372036854776000.0));
        assert_eq!(v["b"].as_f64(), Some(18446744073709551616.0));
        assert!(!v["c"].is_null());
    }
}
