//! Reading YAML into JSON values.
//!
//! The direct way ([`events`]) builds the `serde_json::Value` from the YAML parser's events as they
//! come; a large document is read in two halves at once ([`split`]). What it does not handle (merge keys, tags, complex keys, duplicate keys...) and syntax
//! errors are read the general way: serde_yaml's own value type, converted, which gives the same
//! value for everything the direct way reads, and the errors with their place.

mod events;
mod split;

use serde_json::{Map, Number, Value};

/// Parses YAML text into a JSON value: keys that are numbers, booleans or null become their text,
/// tags are dropped, merge keys are applied, floats JSON cannot hold (`.inf`, `.nan`) become
/// strings and integers beyond 64 bits become floats.
pub fn parse(text: &str) -> Result<Value, serde_yaml::Error> {
    let two_cores = || std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    if text.len() >= split::SPLIT_FROM && two_cores() {
        if let Some(value) = split::parse(text) {
            return Ok(value);
        }
    }
    if let Some(value) = events::parse(text) {
        return Ok(value);
    }
    general(text)
}

/// The general way: serde_yaml's value, merge keys applied, converted to JSON.
fn general(text: &str) -> Result<Value, serde_yaml::Error> {
    let mut yaml = parse_value(text)?;
    yaml.apply_merge()?;
    Ok(yaml_to_json(yaml))
}

/// Parses YAML into serde_yaml's value, reading integers beyond the range of i64/u64
/// (`-9223372036854776000`, common in generated 3.1 documents) as floats: the value type cannot
/// hold them, and the keywords that carry them (`minimum`, `maximum`...) only constrain.
fn parse_value(text: &str) -> Result<serde_yaml::Value, serde_yaml::Error> {
    let mut text = std::borrow::Cow::Borrowed(text);
    for _ in 0..10_000 {
        let error = match serde_yaml::from_str(&text) {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let message = error.to_string();
        let at = error.location().map(|l| l.index()).filter(|_| message.contains(" as i128") || message.contains(" as u128"));
        let Some(at) = at else { return Err(error) };
        let digits = text[at..].char_indices().skip_while(|(_, c)| *c == '-' || *c == '+').find(|(_, c)| !c.is_ascii_digit());
        let end = digits.map_or(text.len(), |(i, _)| at + i);
        // Decimal digits only, up to the end of the scalar (not the `0` of `0x1...`).
        let ends_there = text[end..].chars().next().is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'));
        if end == at || !ends_there || !text[at..end].trim_start_matches(['-', '+']).chars().all(|c| c.is_ascii_digit()) {
            return Err(error);
        }
        text.to_mut().insert_str(end, ".0");
    }
    serde_yaml::from_str(&text)
}

/// Converts a YAML value to JSON: non-string keys become their text, tags are dropped,
/// and floats JSON cannot hold (`.inf`, `.nan`) become strings.
fn yaml_to_json(value: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                Number::from_f64(f).map_or_else(|| Value::String(n.to_string()), Value::Number)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => {
            let mut out = Map::with_capacity(map.len());
            for (key, value) in map {
                out.insert(yaml_key(key), yaml_to_json(value));
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

fn yaml_key(key: serde_yaml::Value) -> String {
    use serde_yaml::Value as Y;
    match key {
        Y::String(s) => s,
        Y::Null => "null".into(),
        Y::Bool(b) => b.to_string(),
        Y::Number(n) => n.to_string(),
        other => serde_json::to_string(&yaml_to_json(other)).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that the direct way reads `text` and gives the general way's value, keys in order.
    fn same_both_ways(text: &str) {
        let direct = events::parse(text).unwrap_or_else(|| panic!("the direct way gave up on {text:?}"));
        let general = general(text).unwrap();
        assert_eq!(serde_json::to_string(&direct).unwrap(), serde_json::to_string(&general).unwrap(), "{text}");
        assert_eq!(direct, general, "{text}");
    }

    #[test]
    fn the_direct_way_reads_what_the_general_way_reads() {
        let documents = [
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n",
            "responses:\n  200: {description: ok}\n  '404': {description: missing}\n  default: {description: other}\n",
            "a: ~\nb: null\nc: true\nd: 1.5\ne: -7\nf: 18446744073709551615\ng: .inf\nh: -.inf\ni: .nan\nj: 'text'\nk: |\n  block\n  text\n",
            "big: -9223372036854776000\nhuge: 18446744073709551616\n",
            "keys:\n  1.5: a\n  true: b\n  ~: c\n  0x1F: d\n  1e3: e\n  '200': f\n  -3: g\n  .inf: h\n",
            "anchors:\n  base: &base {type: string, enum: [a, b]}\n  copy: *base\n  list: [*base, *base]\n  s: &s text\n  t: *s\n",
            "nested: [[1, 2], {a: [3]}, [], {}]\nempty:\n",
            "- 1\n- two\n- {three: 3}\n",
            "plain scalar at the root",
            "---\nexplicit: document\n...\n",
            "folded: >\n  a\n  b\nquoted: \"x\\ty\"\nunicode: \"\\u00e9t\u{e9}\"\n",
        ];
        for text in documents {
            same_both_ways(text);
            assert_eq!(parse(text).unwrap(), general(text).unwrap());
        }
    }

    #[test]
    fn plain_scalars_resolve_as_serde_yaml_resolves_them() {
        let scalars = [
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "nULL",
            "true",
            "True",
            "TRUE",
            "tRUE",
            "false",
            "yes",
            "no",
            "on",
            "0",
            "-0",
            "+0",
            "12",
            "+12",
            "-12",
            "++12",
            "+-12",
            "007",
            "-007",
            "+007",
            "0x1F",
            "0x1f",
            "+0x1F",
            "-0x1F",
            "0x-1",
            "0x+1",
            "0x",
            "0o17",
            "-0o17",
            "0o8",
            "0b101",
            "-0b101",
            "0b2",
            "1_000",
            "1.5",
            "-1.5",
            "+1.5",
            ".5",
            "5.",
            "1e3",
            "1E3",
            "-1e-3",
            "1e400",
            "-1e400",
            ".inf",
            "+.inf",
            "-.inf",
            ".Inf",
            "-.INF",
            ".nan",
            ".NaN",
            ".NAN",
            "NaN",
            "nan",
            "inf",
            "infinity",
            "-inf",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "340282366920938463463374607431768211456",
            "2001-12-14",
            "12:30",
            "1,000",
            "0.0",
            "-0.0",
            "00",
            "0.",
            "text",
            "a b",
        ];
        for v in scalars {
            same_both_ways(&format!("value: {v}\n"));
            same_both_ways(&format!("- {v}\n"));
            let key = format!("{v}: key\n");
            match general(&key) {
                Ok(_) => same_both_ways(&key),
                // `: key` (an empty key) is not YAML.
                Err(_) => assert!(v.is_empty() && events::parse(&key).is_none(), "{key}"),
            }
        }
    }

    #[test]
    fn integers_beyond_64_bits_with_a_radix_are_floats() {
        // serde_yaml's value type cannot hold them: the general way fails, the direct way reads
        // them as the float it reads for decimal ones.
        for (text, float) in [("a: 0x10000000000000000\n", 18446744073709551616.0), ("a: -0x8000000000000001\n", -9223372036854775809.0)] {
            assert_eq!(parse(text).unwrap()["a"].as_f64(), Some(float), "{text}");
            assert!(general(text).is_err(), "{text}");
        }
    }

    #[test]
    fn what_the_direct_way_cannot_read_is_read_the_general_way() {
        // Merge keys, tags, a sequence as a key, an alias or anchor as a key, two documents.
        let documents = [
            "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
            "tagged: !custom {x: 1}\nplain: !!str 12\n",
            "seq: !!seq [1]\nint: !!int '7'\n",
            "? [a, b]\n: pair\n",
            "k: &k key\n*k : value\n",
            "&a key: value\n",
        ];
        for text in documents {
            assert!(events::parse(text).is_none(), "{text}");
            assert_eq!(parse(text).unwrap(), general(text).unwrap(), "{text}");
        }
        assert_eq!(parse("base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n").unwrap()["derived"], serde_json::json!({"x": 1, "y": 2}));
        assert!(events::parse("a: 1\n---\nb: 2\n").is_none());
        assert!(parse("a: 1\n---\nb: 2\n").is_err());
    }

    #[test]
    fn errors_come_from_the_general_way_with_their_place() {
        for text in ["a: 1\nb: 2\na: 3\n", "a: [1, 2\nb: 3\n", "a: *missing\n", "a:\n  - 1\n b: 2\n"] {
            assert!(events::parse(text).is_none(), "{text}");
            let error = parse(text).unwrap_err();
            assert!(error.location().is_some(), "{text}: {error}");
        }
        let bomb = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/broken/alias-bomb.yaml")).unwrap();
        assert!(events::parse(&bomb).is_none());
        assert!(parse(&bomb).unwrap_err().to_string().contains("repetition limit exceeded"));
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        assert!(events::parse(&deep).is_none());
        assert!(parse(&deep).unwrap_err().to_string().contains("recursion limit"));
    }
}
