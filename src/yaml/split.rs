//! Reading a large YAML document on two threads, as two halves split at a mapping key.
//!
//! libyaml's scanner is most of the time a large document takes to read (about 10 ms per
//! 700 kB) and cannot be sped up from outside; but the top level of an OpenAPI document is a block
//! mapping whose keys, and the keys of the mappings they hold (`paths`, `components`), start lines
//! at a known indentation. The text is cut at such a line near its middle; the second half gets
//! the enclosing key's line in front (`paths:`), both halves are read at once by
//! [`super::events::parse`], and the two mappings are joined in order. A cut in the wrong place
//! (a line inside a multi-line quoted or flow scalar that looks like a key) leaves the first half
//! with an unclosed scalar or bracket, a syntax error; an alias in one half to an anchor in the
//! other is unknown there; a key in both halves is a duplicate. In each case, and for documents
//! with directives or several documents, the caller reads the whole text the usual way.

use serde_json::{Map, Value};

/// Documents from this size on are read in two halves when the machine has two cores.
pub const SPLIT_FROM: usize = 256 * 1024;

/// The document's value read in two halves at once, or `None` when it cannot be cut or a half
/// cannot be read that way.
pub fn parse(text: &str) -> Option<Value> {
    let cut = find_cut(text)?;
    let second: std::borrow::Cow<str> = match cut.parent {
        Some(parent) => format!("{parent}:\n{}", &text[cut.at..]).into(),
        None => text[cut.at..].into(),
    };
    let second = second.as_ref();
    let (first, second) = std::thread::scope(|scope| {
        let reading = std::thread::Builder::new().name("specforge-yaml".into()).spawn_scoped(scope, || super::events::parse(second)).ok()?;
        let first = super::events::parse(&text[..cut.at]);
        let second = reading.join().ok()?;
        Some((first?, second?))
    })?;
    join(first, second, cut.parent)
}

/// Where to cut: the byte offset of a line, and the top-level key it continues (`None` when the
/// line is itself a top-level key).
#[derive(Debug, PartialEq)]
struct Cut<'a> {
    at: usize,
    parent: Option<&'a str>,
}

/// The first line at or after the middle that starts a top-level key, or a key of the block
/// mapping held by the top-level key before it.
fn find_cut(text: &str) -> Option<Cut<'_>> {
    let mut parent: Option<&str> = None;
    // The indentation of the parent's keys, once its first key line is seen.
    let mut indent: Option<usize> = None;
    let mut offset = 0;
    let middle = text.len() / 2;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.starts_with("---") || content.starts_with("...") || content.starts_with('%') || content.starts_with('\t') {
            return None;
        }
        let spaces = content.len() - content.trim_start_matches(' ').len();
        let rest = &content[spaces..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if spaces == 0 {
            if !is_key_line(rest) {
                // A top-level sequence or scalar, or a line the scan does not understand.
                if start == 0 {
                    return None;
                }
                parent = None;
                continue;
            }
            if start >= middle && start > 0 {
                return Some(Cut { at: start, parent: None });
            }
            // `key:` alone on its line (a comment may follow) holds a block collection.
            parent = block_key(rest);
            indent = None;
            continue;
        }
        let Some(key) = parent else { continue };
        let child_indent = *indent.get_or_insert(spaces);
        if spaces == child_indent && is_key_line(rest) && start >= middle {
            return Some(Cut { at: start, parent: Some(key) });
        }
        if spaces < child_indent {
            // Not a mapping of keys at one indentation: no cut inside it.
            parent = None;
        }
    }
    None
}

/// Whether `rest` (a line without its indentation) starts a plain or quoted key: `name:` or
/// `name: value`, never a sequence entry, a complex key, an anchor, alias or tag.
fn is_key_line(rest: &str) -> bool {
    let Some(first) = rest.chars().next() else { return false };
    if matches!(first, '-' | '?' | ':' | '&' | '*' | '!' | '[' | '{' | '|' | '>' | '#' | '@' | '`' | '%') {
        return false;
    }
    rest.contains(": ") || rest.ends_with(':') || rest.contains(":\t")
}

/// The key of a line `key:` (plain, simple characters) holding a block collection, or `None`.
fn block_key(rest: &str) -> Option<&str> {
    let line = rest.split(" #").next().unwrap_or(rest).trim_end();
    let key = line.strip_suffix(':')?;
    let simple = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '$' | '/'));
    simple.then_some(key)
}

/// The whole document from its two halves: the second half's keys after the first's, the
/// parent's mapping continued; `None` for a key in both.
fn join(first: Value, second: Value, parent: Option<&str>) -> Option<Value> {
    let (Value::Object(mut first), Value::Object(second)) = (first, second) else { return None };
    for (key, value) in second {
        if Some(key.as_str()) == parent {
            let (Some(Value::Object(held)), Value::Object(more)) = (first.get_mut(&key), value) else { return None };
            extend(held, more)?;
        } else if first.insert(key, value).is_some() {
            return None;
        }
    }
    Some(Value::Object(first))
}

fn extend(map: &mut Map<String, Value>, more: Map<String, Value>) -> Option<()> {
    for (key, value) in more {
        if map.insert(key, value).is_some() {
            return None;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Value {
        super::super::events::parse(text).unwrap()
    }

    #[test]
    fn cuts_at_a_key_near_the_middle() {
        let text = "openapi: 3.0.0\npaths:\n  /a:\n    get: {}\n  /b:\n    get: {}\n  /c:\n    get: {}\ncomponents: {}\n";
        let cut = find_cut(text).unwrap();
        assert_eq!(cut.parent, Some("paths"));
        assert!(text[cut.at..].starts_with("  /b:") || text[cut.at..].starts_with("  /c:"), "{:?}", &text[cut.at..]);
        let top = "a: 1\nb: 2\nc: 3\nd: 4\n";
        assert_eq!(find_cut(top), Some(Cut { at: 10, parent: None }));
        for refused in ["---\na: 1\nb: 2\n", "%YAML 1.2\n---\na: 1\n", "- a\n- b\n", "a: [1,\n2]\n"] {
            let cut = find_cut(refused);
            assert!(cut.is_none() || parse(refused).is_none_or(|v| v == whole(refused)), "{refused}");
        }
    }

    #[test]
    fn halves_join_into_the_whole_document() {
        let mut text = String::from("openapi: 3.1.0\ninfo:\n  title: T\npaths:\n");
        for i in 0..400 {
            text.push_str(&format!(
                "  /p{i}:\n    get:\n      description: |\n        line {i}\n        more\n      responses: {{'200': {{description: ok}}}}\n"
            ));
        }
        text.push_str("components:\n  schemas:\n    A: {type: string}\n");
        let split = parse(&text).expect("cut and read in halves");
        assert_eq!(serde_json::to_string(&split).unwrap(), serde_json::to_string(&whole(&text)).unwrap());
    }

    #[test]
    fn a_bad_cut_is_refused() {
        // A quoted scalar whose continuation lines look like keys; an alias to the other half; a
        // key in both halves. Each must give `None` (then read whole), never a different value.
        let mut quoted = String::from("a: \"start\n");
        for i in 0..50 {
            quoted.push_str(&format!("k{i}: looks like a key\n"));
        }
        quoted.push_str("end\"\nb: 1\n");
        assert!(find_cut(&quoted).is_some());
        assert!(parse(&quoted).is_none());
        let mut aliased = String::from("x: &x {a: 1}\n");
        for i in 0..50 {
            aliased.push_str(&format!("k{i}: *x\n"));
        }
        assert!(parse(&aliased).is_none());
        let mut duplicate = String::from("paths:\n  /a: 1\n");
        for i in 0..50 {
            duplicate.push_str(&format!("  /b{i}: 1\n"));
        }
        duplicate.push_str("  /a: 2\n");
        assert!(parse(&duplicate).is_none());
    }
}
