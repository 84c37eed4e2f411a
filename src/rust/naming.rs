//! The Rust backend's naming policy: keywords and the names generated code keeps for itself (the
//! client's own names come from [`super::client::names`], the list its emitters write from).

use super::client::names as client;
use crate::typespace::{NameKind, NamingPolicy};

/// Strict, reserved and edition-2024 keywords: never usable as plain identifiers.
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod",
    "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while",
    "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
    "gen", "union",
];

/// Type names that would shadow a prelude value (`struct Ok(..)` shadows `Ok`).
const RESERVED_TYPES: &[&str] = &["Self", "Some", "None", "Ok", "Err"];

/// Naming policy of the Rust backend.
pub struct RustNaming;

impl NamingPolicy for RustNaming {
    fn is_reserved(&self, kind: NameKind, name: &str) -> bool {
        match kind {
            NameKind::Type | NameKind::ClientItem => RESERVED_TYPES.contains(&name),
            NameKind::Variant => name == "Self",
            NameKind::Field | NameKind::Header => is_keyword(name),
            NameKind::Scheme => is_keyword(name) || client::is_builder_method(name),
            NameKind::Operation => is_keyword(name) || client::is_client_method(name),
            NameKind::Parameter => is_keyword(name) || client::METHOD_LOCALS.contains(&name),
        }
    }

    fn taken(&self, kind: NameKind) -> &'static [&'static str] {
        match kind {
            NameKind::ClientItem => client::ITEMS,
            _ => &[],
        }
    }
}

/// True for a Rust keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// An identifier token for a name the type space assigned; never panics on a malformed name.
pub fn ident(name: &str) -> proc_macro2::Ident {
    let valid = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_";
    let name = if valid { name.to_string() } else { crate::typespace::words::snake(name, "unnamed") };
    if is_keyword(&name) {
        if matches!(name.as_str(), "self" | "Self" | "super" | "crate") {
            return proc_macro2::Ident::new(&format!("{name}_"), proc_macro2::Span::call_site());
        }
        return proc_macro2::Ident::new_raw(&name, proc_macro2::Span::call_site());
    }
    proc_macro2::Ident::new(&name, proc_macro2::Span::call_site())
}
