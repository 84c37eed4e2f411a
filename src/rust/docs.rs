//! Descriptions to doc comments that cannot break the code, `cargo doc` or clippy.
//!
//! Text goes into `#[doc = "..."]` string literals, so nothing in it can end the comment or inject code.
//! The remaining dangers are rustdoc's: code fences become doctests (so they are marked `text`),
//! indented lines become code blocks (so indentation is dropped outside fences), `[x]` becomes an
//! intra-doc link (so brackets are escaped unless they form a real `[text](url)` link), `<b>` is HTML
//! (so `<` is escaped) and bare URLs are wrapped in `<...>`. Control and bidirectional-override
//! characters are removed (Trojan Source).

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes for `text`, one per line; nothing when `text` is blank.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = sanitize(text);
    let attrs = lines.iter().map(|line| {
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// `#[doc = "..."]` attributes for text specforge wrote itself (intra-doc links kept), one per line.
pub fn own_doc_attrs(text: &str) -> TokenStream {
    let attrs = text.lines().map(|line| {
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// `text` from the spec (a tag, a path, a URL) as an inline code span for [`own_doc_attrs`]: control
/// and bidirectional characters removed, line breaks and tabs as spaces, and fenced with more backticks
/// than any run inside it, so it cannot end the span or the line.
pub fn code(text: &str) -> String {
    let text: String = text.chars().filter(|&c| !is_removed(c)).map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.trim().is_empty() { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Joins a title, a description and extra paragraphs into one doc text.
pub fn compose(title: Option<&str>, description: Option<&str>, extra: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let description = description.map(str::trim).filter(|d| !d.is_empty());
    if let Some(title) = title.map(str::trim).filter(|t| !t.is_empty()) {
        if !description.is_some_and(|d| d.starts_with(title)) {
            parts.push(title.to_string());
        }
    }
    parts.extend(description.map(str::to_owned));
    parts.extend(extra.iter().filter(|e| !e.trim().is_empty()).cloned());
    parts.join("\n\n")
}

fn is_removed(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || (c.is_control() && c != '\n' && c != '\t')
}

/// Sanitized doc lines (without the leading space).
pub fn sanitize(text: &str) -> Vec<String> {
    let text: String = text.replace("\r\n", "\n").replace(['\r', '\u{2028}', '\u{2029}'], "\n").chars().filter(|&c| !is_removed(c)).collect();
    let text = replace_br(&text);
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<String> = None;
    let mut list_indent: Option<usize> = None;
    let mut in_quote = false;
    for raw in text.lines() {
        let trimmed = raw.trim();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) && trimmed.trim_start_matches(open.chars().next().unwrap_or('`')).is_empty() {
                out.push(open.clone());
                fence = None;
            } else {
                out.push(raw.trim_end().replace('\t', "    "));
            }
            continue;
        }
        if let Some(open) = fence_marker(trimmed) {
            out.push(format!("{open}text"));
            fence = Some(open);
            list_indent = None;
            continue;
        }
        if trimmed.is_empty() {
            out.push(String::new());
            list_indent = None;
            in_quote = false;
            continue;
        }
        // Tabs in prose (tables pasted from elsewhere) become spaces, as clippy asks.
        let escaped = escape_line(&trimmed.replace('\t', "    "));
        if let Some(indent) = list_item_indent(trimmed) {
            list_indent = Some(indent);
            out.push(escaped);
        } else if trimmed.starts_with('>') {
            in_quote = true;
            out.push(escaped);
        } else if in_quote {
            out.push(format!("> {escaped}"));
        } else if let Some(indent) = list_indent {
            out.push(format!("{}{escaped}", " ".repeat(indent)));
        } else if is_setext_underline(trimmed) {
            // A lone `---` or `===` under text would make a heading; keep it as text.
            out.push(format!("\\{escaped}"));
        } else {
            out.push(escaped);
        }
    }
    if let Some(open) = fence {
        out.push(open);
    }
    // Collapse blank runs and trim blank edges.
    let mut lines: Vec<String> = Vec::with_capacity(out.len());
    for line in out {
        if line.is_empty() && lines.last().is_none_or(|l: &String| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

fn is_setext_underline(line: &str) -> bool {
    (line.chars().all(|c| c == '-') || line.chars().all(|c| c == '=')) && !line.is_empty()
}

fn replace_br(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let lower: String = tail.chars().take(6).collect::<String>().to_ascii_lowercase();
        let len = ["<br/>", "<br />", "<br>"].iter().find(|t| lower.starts_with(**t)).map(|t| t.len());
        match len {
            Some(len) => {
                out.push('\n');
                rest = &tail[len..];
            }
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn fence_marker(line: &str) -> Option<String> {
    for c in ['`', '~'] {
        let n = line.chars().take_while(|&x| x == c).count();
        if n >= 3 {
            return Some(std::iter::repeat_n(c, n).collect());
        }
    }
    None
}

/// Column where the content of a list item starts, if `line` is one (`- x` → 2, `10. x` → 4,
/// `*   x` → 4): continuation lines are indented to it, or rustdoc and clippy see a lazy continuation.
fn list_item_indent(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let marker = if !bytes.is_empty() && matches!(bytes[0], b'-' | b'*' | b'+') {
        1
    } else {
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        if !(1..=9).contains(&digits) || !matches!(bytes.get(digits), Some(b'.' | b')')) {
            return None;
        }
        digits + 1
    };
    let spaces = bytes[marker..].iter().take_while(|&&b| b == b' ').count();
    match spaces {
        0 => None,
        // Five or more spaces start an indented code block inside the item: content begins after one.
        1..=4 if marker + spaces < bytes.len() => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

/// Escapes one line of prose, leaving inline code spans and real links alone.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let run = chars[i..].iter().take_while(|&&x| x == '`').count();
            if let Some(end) = find_run(&chars, i + run, run) {
                out.extend(&chars[i..end + run]);
                i = end + run;
                continue;
            }
            // An unmatched backtick run would start a code span at random; escape it.
            for _ in 0..run {
                out.push_str("\\`");
            }
            i += run;
            continue;
        }
        if c == '[' {
            if let Some((end, url_end)) = markdown_link(&chars, i) {
                out.push('[');
                out.push_str(&escape_line(&chars[i + 1..end].iter().collect::<String>()));
                out.push_str("](");
                out.extend(&chars[end + 2..url_end]);
                out.push(')');
                i = url_end + 1;
                continue;
            }
            out.push_str("\\[");
            i += 1;
            continue;
        }
        if c == ']' {
            out.push_str("\\]");
            i += 1;
            continue;
        }
        if c == '<' {
            if let Some(end) = autolink(&chars, i) {
                out.extend(&chars[i..=end]);
                i = end + 1;
                continue;
            }
            out.push_str("&lt;");
            i += 1;
            continue;
        }
        if c == '>' && i > 0 {
            out.push_str("&gt;");
            i += 1;
            continue;
        }
        if let Some(end) = bare_url(&chars, i) {
            out.push('<');
            out.extend(&chars[i..end]);
            out.push('>');
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

fn find_run(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '`' {
            let n = chars[j..].iter().take_while(|&&x| x == '`').count();
            if n == run {
                return Some(j);
            }
            j += n;
        } else {
            j += 1;
        }
    }
    None
}

/// Whether `http://` or `https://` starts at `i` (called at every character of every description:
/// it compares in place, without building a string).
fn starts_with_url(chars: &[char], i: usize) -> bool {
    let rest = chars.get(i..).unwrap_or_default();
    let starts = |prefix: &str| prefix.len() <= rest.len() && prefix.chars().zip(rest).all(|(p, &c)| p == c);
    starts("http://") || starts("https://")
}

/// `[text](https://...)`: returns the index of `]` and of the closing `)`.
fn markdown_link(chars: &[char], open: usize) -> Option<(usize, usize)> {
    let close = open + chars[open..].iter().position(|&c| c == ']')?;
    if chars.get(close + 1) != Some(&'(') || !starts_with_url(chars, close + 2) {
        return None;
    }
    if chars[open + 1..close].contains(&'[') {
        return None;
    }
    let end = close + 2 + chars[close + 2..].iter().position(|&c| c == ')' || c.is_whitespace() || c == '<' || c == '>')?;
    (chars[end] == ')').then_some((close, end))
}

/// `<https://...>`: returns the index of `>`.
fn autolink(chars: &[char], open: usize) -> Option<usize> {
    if !starts_with_url(chars, open + 1) {
        return None;
    }
    let end = open + 1 + chars[open + 1..].iter().position(|&c| c == '>' || c.is_whitespace() || c == '<')?;
    (chars[end] == '>').then_some(end)
}

/// A bare `http(s)://...` URL at `i`: returns its end (exclusive), trailing punctuation excluded.
fn bare_url(chars: &[char], i: usize) -> Option<usize> {
    if !starts_with_url(chars, i) || (i > 0 && chars[i - 1].is_alphanumeric()) {
        return None;
    }
    let mut end = i;
    while end < chars.len() && !chars[end].is_whitespace() && !matches!(chars[end], '<' | '>' | '"' | '\'' | '`' | '[' | ']') {
        end += 1;
    }
    loop {
        let balanced = chars[i..end].iter().filter(|&&c| c == '(').count() >= chars[i..end].iter().filter(|&&c| c == ')').count();
        match chars[end - 1] {
            ')' if balanced => break,
            '.' | ',' | ';' | ':' | ')' | '!' | '?' | '*' | '_' if end > i => end -= 1,
            _ => break,
        }
    }
    (end > i + 8).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_html_and_urls_are_neutralized() {
        assert_eq!(sanitize("Use [x] or <b>bold</b>."), vec!["Use \\[x\\] or &lt;b&gt;bold&lt;/b&gt;."]);
        assert_eq!(sanitize("See https://example.com/a."), vec!["See <https://example.com/a>."]);
        assert_eq!(sanitize("(see https://e.com/a_(b), then)"), vec!["(see <https://e.com/a_(b)>, then)"]);
        assert_eq!(sanitize("(see https://e.com/a)"), vec!["(see <https://e.com/a>)"]);
        assert_eq!(sanitize("A [link](https://e.com/x) stays"), vec!["A [link](https://e.com/x) stays"]);
        assert_eq!(sanitize("code `a[0] <T>` stays"), vec!["code `a[0] <T>` stays"]);
    }

    #[test]
    fn fences_become_text_blocks_and_are_closed() {
        assert_eq!(sanitize("x\n```js\nlet a = [1];\n"), vec!["x", "```text", "let a = [1];", "```"]);
    }

    #[test]
    fn indentation_and_breaks_do_not_make_code_blocks() {
        assert_eq!(sanitize("a<br/>b\n\n    indented"), vec!["a", "b", "", "indented"]);
        assert_eq!(sanitize("- item\ncontinued"), vec!["- item", "  continued"]);
        assert_eq!(sanitize("*   item\ncontinued"), vec!["*   item", "    continued"]);
        assert_eq!(sanitize("10.  item\ncontinued"), vec!["10.  item", "     continued"]);
        assert_eq!(sanitize("| a\t| b |"), vec!["| a    | b |"]);
    }

    #[test]
    fn control_and_bidi_characters_are_removed() {
        assert_eq!(sanitize("a\u{202E}b\u{0}c\u{2066}d"), vec!["abcd"]);
        assert_eq!(sanitize("*/ \"] #![x] } fn main() {"), vec!["*/ \"\\] #!\\[x\\] } fn main() {"]);
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("users"), "`users`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("a\tb\nc\u{202E}d"), "`a b cd`");
        assert_eq!(code(""), "`  `");
    }
}
