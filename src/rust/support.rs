//! The `support` module of generated code, assembled from the files in `templates/`.
//!
//! Only the parts the generated code uses are included, so the output has no dead code.

use super::types::Needs;
use proc_macro2::TokenStream;
use quote::quote;

const NULLABLE: &str = include_str!("../../templates/nullable.rs");
const BASE64: &str = include_str!("../../templates/base64.rs");
const TAGGED: &str = include_str!("../../templates/tagged.rs");
const CLIENT: &str = include_str!("../../templates/client.rs");
const STREAM: &str = include_str!("../../templates/stream.rs");
const PAGES: &str = include_str!("../../templates/pages.rs");
const DE: &str = include_str!("../../templates/de.rs");

/// `pub mod support { ... }` with the templates `needs` asks for, or nothing.
pub fn support_module(needs: &Needs) -> TokenStream {
    let mut parts = Vec::new();
    if needs.nullable {
        parts.push(NULLABLE);
    }
    if needs.de {
        parts.push(DE);
    }
    if needs.base64 {
        parts.push(BASE64);
    }
    if needs.tagged {
        parts.push(TAGGED);
    }
    if needs.client {
        parts.push(CLIENT);
    }
    if needs.stream {
        parts.push(STREAM);
    }
    if needs.pages {
        parts.push(PAGES);
    }
    if parts.is_empty() {
        return TokenStream::new();
    }
    let items: Vec<TokenStream> = parts.iter().map(|text| text.parse::<TokenStream>().unwrap_or_default()).collect();
    quote! {
        /// Support code used by the generated types (from specforge's templates).
        // Included when needed, but not every item of a template is used by every description.
        #[allow(dead_code)]
        pub mod support {
            #(#items)*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses_as_items() {
        for text in [NULLABLE, BASE64, TAGGED, CLIENT, STREAM, PAGES, DE] {
            syn::parse_file(text).expect("template parses");
        }
        let all = Needs { nullable: true, base64: true, tagged: true, de: true, ..Needs::default() };
        let file: syn::File = syn::parse2(support_module(&all)).expect("module parses");
        assert_eq!(file.items.len(), 1);
    }
}
