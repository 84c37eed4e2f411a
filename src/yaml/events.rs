//! The direct way: a JSON value built from libyaml's parser events as they come.
//!
//! serde_yaml reads every event of a document into memory before deserializing (a copy of each
//! scalar, its mark, tag and anchor); on Clerk's 740 kB description that was most of the load
//! phase's time and memory. This reads the events of the same parser (`unsafe_libyaml`, which
//! serde_yaml uses) one at a time and resolves plain scalars with serde_yaml's rules (YAML 1.2 core
//! schema: [`scalar`]). It gives up ([`None`]) on what only serde_yaml's value type handles (tags,
//! merge keys, keys that are not plain or quoted scalars, duplicate keys, unknown anchors, more than
//! one document, nesting deeper than its recursion limit) and on any syntax error: the caller then
//! reads the document the general way, which reports errors with their place.

use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::ffi::CStr;
use std::mem::MaybeUninit;

/// serde_yaml's recursion limit: deeper documents are read the general way, which reports it.
const MAX_DEPTH: usize = 128;

/// serde_yaml's limit on aliases: a document may follow at most this many per event (counting
/// the aliases inside what an alias repeats), so that an alias bomb fails instead of filling memory.
const JUMPS_PER_EVENT: usize = 100;

/// The JSON value of a one-document YAML text, or `None` when the general way must read it.
pub fn parse(text: &str) -> Option<Value> {
    let mut parser = Parser::new(text);
    // A document has fewer events than bytes (plus its stream and document events): this bound
    // on aliases stops a bomb early and never refuses what serde_yaml reads.
    let mut builder = Builder { max_jumps: (text.len() + 8) * JUMPS_PER_EVENT, ..Builder::default() };
    loop {
        let event = parser.next()?;
        builder.events += 1;
        let done = builder.event(&event)?;
        drop(event);
        if done {
            // serde_yaml's own bound, now that the number of events is known.
            return builder.root.filter(|_| builder.jumps <= builder.events * JUMPS_PER_EVENT);
        }
    }
}

/// A libyaml parser reading `text`, freed when dropped.
struct Parser<'a> {
    raw: Box<MaybeUninit<unsafe_libyaml::yaml_parser_t>>,
    _text: std::marker::PhantomData<&'a str>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        let mut raw = Box::new(MaybeUninit::<unsafe_libyaml::yaml_parser_t>::uninit());
        // SAFETY: libyaml initializes the parser in place (it cannot fail but for memory, which
        // aborts), and reads `text`, which outlives the parser, without copying it.
        unsafe {
            let parser = raw.as_mut_ptr();
            if unsafe_libyaml::yaml_parser_initialize(parser).fail {
                std::process::abort();
            }
            unsafe_libyaml::yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as u64);
        }
        Parser { raw, _text: std::marker::PhantomData }
    }

    /// The next event, or `None` on a syntax error.
    fn next(&mut self) -> Option<Event> {
        let mut event = MaybeUninit::<unsafe_libyaml::yaml_event_t>::uninit();
        // SAFETY: the parser was initialized; on success the event is initialized and owned by
        // the returned `Event`, which deletes it.
        unsafe {
            if unsafe_libyaml::yaml_parser_parse(self.raw.as_mut_ptr(), event.as_mut_ptr()).fail {
                return None;
            }
            Some(Event(event.assume_init()))
        }
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        // SAFETY: initialized in `new`, deleted once.
        unsafe { unsafe_libyaml::yaml_parser_delete(self.raw.as_mut_ptr()) }
    }
}

/// One parser event, freed when dropped.
struct Event(unsafe_libyaml::yaml_event_t);

impl Drop for Event {
    fn drop(&mut self) {
        // SAFETY: produced by `yaml_parser_parse`, deleted once.
        unsafe { unsafe_libyaml::yaml_event_delete(&mut self.0) }
    }
}

/// A NUL-terminated libyaml string (anchor, tag), `None` when absent.
///
/// SAFETY: `ptr` is null or points to a NUL-terminated string that lives as long as the event.
unsafe fn c_str<'e>(ptr: *const u8) -> Option<&'e [u8]> {
    (!ptr.is_null()).then(|| unsafe { CStr::from_ptr(ptr.cast()) }.to_bytes())
}

/// A node being built: a sequence, or a mapping with the key waiting for its value; with its
/// anchor and the aliases followed inside it.
struct Frame {
    node: Node,
    anchor: Option<Vec<u8>>,
    jumps: usize,
}

enum Node {
    Sequence(Vec<Value>),
    Mapping { object: Map<String, Value>, key: Option<String> },
}

/// Builds the value from events; every method returns `None` to give up.
#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    /// Anchored values, with the aliases followed inside each.
    anchors: HashMap<Vec<u8>, (Value, usize)>,
    documents: usize,
    root: Option<Value>,
    /// Events read so far.
    events: usize,
    /// Aliases followed, counting those inside what each alias repeats (as serde_yaml counts).
    jumps: usize,
    max_jumps: usize,
}

impl Builder {
    /// Takes one event; `Some(true)` at the end of the stream.
    fn event(&mut self, event: &Event) -> Option<bool> {
        let event = &event.0;
        match event.type_ {
            unsafe_libyaml::YAML_STREAM_START_EVENT | unsafe_libyaml::YAML_DOCUMENT_END_EVENT => {}
            unsafe_libyaml::YAML_DOCUMENT_START_EVENT => {
                self.documents += 1;
                if self.documents > 1 {
                    return None;
                }
            }
            unsafe_libyaml::YAML_STREAM_END_EVENT => return Some(true),
            unsafe_libyaml::YAML_ALIAS_EVENT => {
                // SAFETY: the alias member is the one set for an alias event.
                let anchor = unsafe { c_str(event.data.alias.anchor) }?;
                let (value, inside) = self.anchors.get(anchor)?;
                let jumps = 1 + inside;
                self.jumps += jumps;
                if self.waits_for_key() || self.jumps > self.max_jumps {
                    return None;
                }
                let value = value.clone();
                self.complete(value, None, jumps)?;
            }
            unsafe_libyaml::YAML_SCALAR_EVENT => {
                // SAFETY: the scalar member is the one set for a scalar event; `value` holds
                // `length` bytes of the (UTF-8) input.
                let (anchor, tag, bytes, plain) = unsafe {
                    let scalar = &event.data.scalar;
                    let bytes = std::slice::from_raw_parts(scalar.value, scalar.length as usize);
                    (c_str(scalar.anchor), c_str(scalar.tag), bytes, scalar.style == unsafe_libyaml::YAML_PLAIN_SCALAR_STYLE)
                };
                if tag.is_some() {
                    return None;
                }
                let text = std::str::from_utf8(bytes).ok()?;
                let value = if plain { scalar(text) } else { Value::String(text.to_string()) };
                if self.waits_for_key() {
                    let key = key_text(value)?;
                    if key == "<<" {
                        return None;
                    }
                    if let Some(Frame { node: Node::Mapping { key: slot, .. }, .. }) = self.stack.last_mut() {
                        *slot = Some(key);
                    }
                    // An anchored key would be remembered as a value; rare, read the general way.
                    return anchor.is_none().then_some(false);
                }
                self.complete(value, anchor.map(<[u8]>::to_vec), 0)?;
            }
            unsafe_libyaml::YAML_SEQUENCE_START_EVENT | unsafe_libyaml::YAML_MAPPING_START_EVENT => {
                // SAFETY: the member matching the event type is the one set.
                let (anchor, tag) = unsafe {
                    if event.type_ == unsafe_libyaml::YAML_SEQUENCE_START_EVENT {
                        (c_str(event.data.sequence_start.anchor), c_str(event.data.sequence_start.tag))
                    } else {
                        (c_str(event.data.mapping_start.anchor), c_str(event.data.mapping_start.tag))
                    }
                };
                if tag.is_some() || self.waits_for_key() || self.stack.len() >= MAX_DEPTH {
                    return None;
                }
                let node = if event.type_ == unsafe_libyaml::YAML_SEQUENCE_START_EVENT {
                    Node::Sequence(Vec::new())
                } else {
                    Node::Mapping { object: Map::new(), key: None }
                };
                self.stack.push(Frame { node, anchor: anchor.map(<[u8]>::to_vec), jumps: 0 });
            }
            unsafe_libyaml::YAML_SEQUENCE_END_EVENT | unsafe_libyaml::YAML_MAPPING_END_EVENT => {
                let Frame { node, anchor, jumps } = self.stack.pop()?;
                let value = match node {
                    Node::Sequence(items) => Value::Array(items),
                    Node::Mapping { object, key: None } => Value::Object(object),
                    Node::Mapping { key: Some(_), .. } => return None,
                };
                self.complete(value, anchor, jumps)?;
            }
            _ => return None,
        }
        Some(false)
    }

    /// Whether the innermost node is a mapping waiting for a key.
    fn waits_for_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame { node: Node::Mapping { key: None, .. }, .. }))
    }

    /// Puts a finished node, which followed `jumps` aliases, in its parent (or makes it the root),
    /// remembering it under its anchor.
    fn complete(&mut self, value: Value, anchor: Option<Vec<u8>>, jumps: usize) -> Option<()> {
        if let Some(anchor) = anchor {
            self.anchors.insert(anchor, (value.clone(), jumps));
        }
        let Some(parent) = self.stack.last_mut() else {
            if self.root.is_some() {
                return None;
            }
            self.root = Some(value);
            return Some(());
        };
        parent.jumps += jumps;
        match &mut parent.node {
            Node::Sequence(items) => items.push(value),
            Node::Mapping { object, key } => {
                let key = key.take()?;
                if object.insert(key, value).is_some() {
                    return None;
                }
            }
        }
        Some(())
    }
}

/// The text of a mapping key, as serde_yaml's value type prints a scalar key; `None` for a float
/// beyond 64-bit integers read from an integer (the general way decides).
fn key_text(value: Value) -> Option<String> {
    Some(match value {
        Value::String(s) => s,
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                serde_yaml::Number::from(u).to_string()
            } else if let Some(i) = n.as_i64() {
                serde_yaml::Number::from(i).to_string()
            } else {
                serde_yaml::Number::from(n.as_f64()?).to_string()
            }
        }
        Value::Array(_) | Value::Object(_) => return None,
    })
}

/// A plain scalar's value by serde_yaml's rules: null, boolean, integer (decimal, `0x`, `0o`, `0b`,
/// signed; beyond 64 bits a float), float (`.inf`, `.nan`; non-finite ones as their YAML text),
/// else a string. Decimal digits with a leading zero (`007`) are a string.
pub fn scalar(v: &str) -> Value {
    if v.is_empty() || is_null(v) {
        return Value::Null;
    }
    if let Some(b) = parse_bool(v) {
        return Value::Bool(b);
    }
    if let Some(u) = unsigned(v, u64::from_str_radix) {
        return Value::from(u);
    }
    if let Some(i) = negative(v, i64::from_str_radix) {
        return Value::from(i);
    }
    if let Some(u) = unsigned(v, u128::from_str_radix) {
        return float(u as f64);
    }
    if let Some(i) = negative(v, i128::from_str_radix) {
        return float(i as f64);
    }
    if !leading_zero_digits(v) {
        if let Some(f) = parse_float(v) {
            return float(f);
        }
    }
    Value::String(v.to_string())
}

/// A float, or its YAML text when JSON cannot hold it (as `serde_yaml::Number` prints it).
pub fn float(f: f64) -> Value {
    Number::from_f64(f).map_or_else(|| Value::String(serde_yaml::Number::from(f).to_string()), Value::Number)
}

fn is_null(v: &str) -> bool {
    matches!(v, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

type Radix<T> = fn(&str, u32) -> Result<T, std::num::ParseIntError>;

/// A non-negative integer: `+`-signed or not, decimal or with a radix prefix.
fn unsigned<T>(v: &str, parse: Radix<T>) -> Option<T> {
    let unsigned = v.strip_prefix('+').unwrap_or(v);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unsigned.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(n) = parse(rest, radix) {
                return Some(n);
            }
        }
    }
    if unsigned.starts_with(['+', '-']) || leading_zero_digits(v) {
        return None;
    }
    parse(unsigned, 10).ok()
}

/// A negative integer (or any the radix parser takes): `-0x1f`, `-12`.
fn negative<T>(v: &str, parse: Radix<T>) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = v.strip_prefix(prefix) {
            if let Ok(n) = parse(&format!("-{rest}"), radix) {
                return Some(n);
            }
        }
    }
    if leading_zero_digits(v) {
        return None;
    }
    parse(v, 10).ok()
}

fn parse_float(v: &str) -> Option<f64> {
    let unsigned = match v.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => v,
    };
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Some(f64::INFINITY);
    }
    if matches!(v, "-.inf" | "-.Inf" | "-.INF") {
        return Some(f64::NEG_INFINITY);
    }
    if matches!(v, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN);
    }
    unsigned.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Digits with a leading zero (`007`, `-01`): a string in YAML 1.2.
fn leading_zero_digits(v: &str) -> bool {
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    v.len() > 1 && v.starts_with('0') && v[1..].bytes().all(|b| b.is_ascii_digit())
}
