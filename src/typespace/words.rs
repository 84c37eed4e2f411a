//! Turning arbitrary wire names into identifier-shaped words.
//!
//! Output is ASCII letters, digits and `_` only. Latin letters with diacritics lose them (`Café` →
//! `Cafe`, `Straße` → `Strasse`); other non-ASCII letters become `u{hex}` words so that distinct names
//! stay distinct; a name made only of symbols is spelled out (`>=` → `gt eq`).

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Spelled-out names of symbols, used when a name has no letters or digits at all.
const SYMBOLS: &[(char, &str)] = &[
    ('+', "plus"),
    ('-', "minus"),
    ('*', "asterisk"),
    ('/', "slash"),
    ('\\', "backslash"),
    ('<', "lt"),
    ('>', "gt"),
    ('=', "eq"),
    ('!', "not"),
    ('%', "percent"),
    ('&', "and"),
    ('|', "or"),
    ('@', "at"),
    ('#', "hash"),
    ('$', "dollar"),
    ('^', "caret"),
    ('~', "tilde"),
    ('.', "dot"),
    (',', "comma"),
    (':', "colon"),
    (';', "semicolon"),
    ('?', "question"),
    ('_', "underscore"),
    (' ', "space"),
];

/// Latin-1 and Latin Extended-A letters without their diacritics, as written in plain ASCII.
fn latin(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("ÀÁÂÃÄÅĀĂĄ", "A"),
        ("àáâãäåāăą", "a"),
        ("ÇĆĈĊČ", "C"),
        ("çćĉċč", "c"),
        ("ĎĐ", "D"),
        ("ďđ", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"),
        ("èéêëēĕėęě", "e"),
        ("ĜĞĠĢ", "G"),
        ("ĝğġģ", "g"),
        ("ĤĦ", "H"),
        ("ĥħ", "h"),
        ("ÌÍÎÏĨĪĬĮİ", "I"),
        ("ìíîïĩīĭįı", "i"),
        ("Ĵ", "J"),
        ("ĵ", "j"),
        ("Ķ", "K"),
        ("ķ", "k"),
        ("ĹĻĽĿŁ", "L"),
        ("ĺļľŀł", "l"),
        ("ÑŃŅŇ", "N"),
        ("ñńņň", "n"),
        ("ÒÓÔÕÖØŌŎŐ", "O"),
        ("òóôõöøōŏő", "o"),
        ("ŔŖŘ", "R"),
        ("ŕŗř", "r"),
        ("ŚŜŞŠ", "S"),
        ("śŝşš", "s"),
        ("ŢŤŦ", "T"),
        ("ţťŧ", "t"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
        ("ùúûüũūŭůűų", "u"),
        ("Ŵ", "W"),
        ("ŵ", "w"),
        ("ÝŶŸ", "Y"),
        ("ýÿŷ", "y"),
        ("ŹŻŽ", "Z"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("Æ", "Ae"),
        ("æ", "ae"),
        ("Œ", "Oe"),
        ("œ", "oe"),
        ("Þ", "Th"),
        ("þ", "th"),
        ("Ð", "D"),
        ("ð", "d"),
    ];
    TABLE.iter().find(|(letters, _)| letters.contains(c)).map(|(_, plain)| *plain)
}

/// Splits `raw` into ASCII words separated by `_`, keeping case boundaries for heck to see.
fn ascii_words(raw: &str) -> String {
    let has_alnum = raw.chars().any(char::is_alphanumeric);
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(plain) = latin(c) {
            out.push_str(plain);
        } else if c.is_alphanumeric() {
            out.push_str(&format!("_u{:x}_", c as u32));
        } else if !has_alnum {
            let word = SYMBOLS.iter().find(|(s, _)| *s == c).map_or_else(|| format!("u{:x}", c as u32), |(_, w)| w.to_string());
            out.push('_');
            out.push_str(&word);
            out.push('_');
        } else {
            out.push('_');
        }
    }
    out
}

/// Plural acronyms read as one word (`URLs` → `Urls`, `IDs` → `Ids`), which heck would otherwise split
/// before their last capital (`UR`, `Ls`).
fn plural_acronyms(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && chars[i].is_ascii_uppercase() {
            i += 1;
        }
        let run = i - start;
        let plural = run >= 2 && chars.get(i) == Some(&'s') && !chars.get(i + 1).is_some_and(|c| c.is_ascii_lowercase());
        if plural {
            out.push(chars[start]);
            out.extend(chars[start + 1..i].iter().map(|c| c.to_ascii_lowercase()));
        } else {
            out.extend(&chars[start..i]);
        }
        if i < chars.len() {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `UpperCamelCase` identifier for `raw`; `digit_prefix` is put before a leading digit; `empty` is used
/// when nothing is left.
pub fn camel(raw: &str, digit_prefix: &str, empty: &str) -> String {
    let mut name = plural_acronyms(&ascii_words(raw)).to_upper_camel_case();
    // heck keeps `_` between digits ("1_2"), which is still a valid identifier.
    name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    if name.is_empty() {
        return empty.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, digit_prefix);
    }
    name
}

/// `snake_case` identifier for `raw`; a leading digit gets a `_` prefix; `empty` is used when nothing is left.
pub fn snake(raw: &str, empty: &str) -> String {
    // `OAuth` is one word in snake_case (`oauth_token`, not `o_auth_token`).
    let mut name = plural_acronyms(&ascii_words(raw)).replace("OAuth", "Oauth").to_snake_case();
    name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    let trimmed = name.trim_matches('_');
    if trimmed.is_empty() {
        return empty.to_string();
    }
    let mut name = trimmed.to_string();
    while name.contains("__") {
        name = name.replace("__", "_");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

/// `UpperCamelCase` of several segments joined (`["user", "home address"]` → `UserHomeAddress`).
pub fn camel_segments(segments: &[String], digit_prefix: &str, empty: &str) -> String {
    let joined: Vec<String> = segments.iter().map(|s| camel(s, "", "")).filter(|s| !s.is_empty()).collect();
    camel(&joined.join("_"), digit_prefix, empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_names() {
        assert_eq!(camel("verification_otp", "T", "Empty"), "VerificationOtp");
        assert_eq!(camel("2fa-settings", "T", "Empty"), "T2faSettings");
        assert_eq!(camel("", "T", "Empty"), "Empty");
        assert_eq!(camel(">=", "V", "Empty"), "GtEq");
        assert_eq!(camel("größe", "T", "Empty"), "Grosse");
        assert_eq!(camel("Café", "T", "Empty"), "Cafe");
        assert_eq!(snake("Straße", "field"), "strasse");
        assert_eq!(camel_segments(&["User".into(), "home address".into(), "Item".into()], "T", "E"), "UserHomeAddressItem");
    }

    #[test]
    fn snake_names() {
        assert_eq!(snake("userId", "field"), "user_id");
        assert_eq!(snake("X-Request-ID", "field"), "x_request_id");
        assert_eq!(snake("2fa", "field"), "_2fa");
        assert_eq!(snake("$", "field"), "dollar");
        assert_eq!(snake("@type", "field"), "type");
        assert_eq!(snake("", "field"), "field");
        assert_eq!(snake("中文", "field"), "u4e2d_u6587");
        assert_eq!(snake("ListRedirectURLs", "op"), "list_redirect_urls");
        assert_eq!(snake("GetOAuthAccessToken", "op"), "get_oauth_access_token");
        assert_eq!(snake("userIDs", "field"), "user_ids");
        assert_eq!(camel("Redirect URLs", "T", "E"), "RedirectUrls");
        assert_eq!(camel("OAuthApplication", "T", "E"), "OAuthApplication");
        assert_eq!(camel("URLsigner", "T", "E"), "UrLsigner");
    }
}
