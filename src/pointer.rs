//! JSON pointers (RFC 6901): the only place that escapes, unescapes, builds, splits and resolves them.
//!
//! Pointers travel through the tool as strings in their URI-fragment form, `#` for a whole document
//! and `#/paths/~1users/get` below it; every function here also takes the plain form (`/paths/~1users`).
//! A token is escaped (`~` → `~0`, `/` → `~1`) when it is pushed and unescaped when it is read back.

use serde_json::Value;

/// Escapes one token: `~` → `~0`, then `/` → `~1` (`a/b~c` → `a~1b~0c`).
pub fn escape(token: &str) -> String {
    if !token.contains(['~', '/']) {
        return token.to_string();
    }
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one token: `~1` → `/`, then `~0` → `~` (`a~1b~0c` → `a/b~c`; `~01` → `~1`).
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Appends `token` (escaped) to `pointer` in place.
pub fn append(pointer: &mut String, token: &str) {
    pointer.push('/');
    if token.contains(['~', '/']) {
        pointer.push_str(&escape(token));
    } else {
        pointer.push_str(token);
    }
}

/// `pointer` with `token` (escaped) appended: `push("#/paths", "/a/{b}")` → `#/paths/~1a~1{b}`.
pub fn push(pointer: &str, token: &str) -> String {
    let mut out = pointer.to_string();
    append(&mut out, token);
    out
}

/// `pointer` with each of `tokens` (escaped) appended in turn.
pub fn join(pointer: &str, tokens: &[&str]) -> String {
    let mut out = pointer.to_string();
    for token in tokens {
        append(&mut out, token);
    }
    out
}

/// The `#`-prefixed pointer made of `tokens` (`["a/b", "c"]` → `#/a~1b/c`; none → `#`).
pub fn from_tokens(tokens: &[String]) -> String {
    let mut out = String::from("#");
    for token in tokens {
        append(&mut out, token);
    }
    out
}

/// The unescaped tokens of a pointer, with or without its leading `#` (`#/a~1b/c` → `a/b`, `c`).
pub fn tokens(pointer: &str) -> Vec<String> {
    pointer.trim_start_matches('#').split('/').skip(1).map(unescape).collect()
}

/// The last token of a pointer, unescaped (`#/components/schemas/User` → `User`); `None` for a whole
/// document (`#`) or a pointer ending in an empty token.
pub fn last_token(pointer: &str) -> Option<String> {
    let token = pointer.rsplit('/').next()?;
    if token.is_empty() || token == "#" {
        return None;
    }
    Some(unescape(token))
}

/// The value `pointer` names in `value` (`#` or empty: `value` itself); `None` when a token names no
/// key, an array index is not a number or out of range, or the pointer does not start with `/`.
pub fn resolve<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    if pointer.is_empty() {
        return Some(value);
    }
    let rest = pointer.strip_prefix('/')?;
    let mut current = value;
    for token in rest.split('/') {
        // Most tokens have nothing escaped: no string is built for them (this runs for every schema).
        let token = if token.contains('~') { std::borrow::Cow::Owned(unescape(token)) } else { std::borrow::Cow::Borrowed(token) };
        current = match current {
            Value::Object(map) => map.get(token.as_ref())?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escaping_round_trips() {
        for token in ["plain", "a/b", "a~b", "~1", "~0", "/~/~~//", "", "{id}"] {
            assert_eq!(unescape(&escape(token)), token, "{token}");
        }
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(escape("~1"), "~01");
        assert_eq!(unescape("~01"), "~1");
    }

    #[test]
    fn pointers_are_built_and_split() {
        assert_eq!(push("#/paths", "/a/{b}"), "#/paths/~1a~1{b}");
        assert_eq!(join("#", &["components", "schemas", "a~b"]), "#/components/schemas/a~0b");
        assert_eq!(from_tokens(&["a/b".to_string(), "c".to_string()]), "#/a~1b/c");
        assert_eq!(from_tokens(&[]), "#");
        let mut pointer = String::from("#");
        append(&mut pointer, "x/y");
        assert_eq!(pointer, "#/x~1y");
        assert_eq!(tokens("#/a~1b/c"), ["a/b", "c"]);
        assert_eq!(tokens("/a~1b/c"), ["a/b", "c"]);
        assert_eq!(tokens("#"), Vec::<String>::new());
        assert_eq!(tokens(&from_tokens(&["~/".to_string(), "1".to_string()])), ["~/", "1"]);
        assert_eq!(last_token("#/components/schemas/a~1b").as_deref(), Some("a/b"));
        assert_eq!(last_token("#"), None);
        assert_eq!(last_token("#/a/"), None);
    }

    #[test]
    fn pointers_resolve_with_or_without_hash() {
        let v = json!({"paths": {"/a/{b}": {"get": [1, {"x~y": 2}]}}});
        assert_eq!(resolve(&v, "/paths/~1a~1{b}/get/1/x~0y"), Some(&json!(2)));
        assert_eq!(resolve(&v, "#/paths/~1a~1{b}/get/1/x~0y"), Some(&json!(2)));
        assert_eq!(resolve(&v, "#/paths/~1a~1{b}/get/0"), Some(&json!(1)));
        assert_eq!(resolve(&v, "#"), Some(&v));
        assert_eq!(resolve(&v, ""), Some(&v));
        assert_eq!(resolve(&v, "/paths/missing"), None);
        assert_eq!(resolve(&v, "paths"), None);
    }

    #[test]
    fn bad_array_indexes_resolve_to_nothing() {
        let v = json!({"list": [10, 20]});
        assert_eq!(resolve(&v, "#/list/1"), Some(&json!(20)));
        assert_eq!(resolve(&v, "#/list/2"), None);
        assert_eq!(resolve(&v, "#/list/-1"), None);
        assert_eq!(resolve(&v, "#/list/x"), None);
        assert_eq!(resolve(&v, "#/list/0/deeper"), None);
    }
}
