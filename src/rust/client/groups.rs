//! Sub-clients: one per first tag, a `Copy` view of the client holding that tag's methods, and its
//! accessor on `Client`.

use crate::ir::*;
use crate::rust::docs::{code, own_doc_attrs};
use crate::rust::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// The accessor on `Client` of `group`.
pub fn accessor(group: &Group) -> TokenStream {
    let accessor = ident(&group.method);
    let type_name = ident(&group.type_name);
    let accessor_docs = own_doc_attrs(&format!("Operations tagged {}.", code(&group.tag)));
    quote! {
        #accessor_docs
        pub fn #accessor(&self) -> #type_name<'_> {
            #type_name { client: self }
        }
    }
}

/// The sub-client struct of `group` holding its `methods`.
pub fn sub_client(group: &Group, methods: TokenStream) -> TokenStream {
    let type_name = ident(&group.type_name);
    let type_docs = own_doc_attrs(&format!("The operations tagged {}, from [`Client::{}`].", code(&group.tag), group.method));
    quote! {
        #type_docs
        #[derive(Debug, Clone, Copy)]
        pub struct #type_name<'a> {
            client: &'a Client,
        }

        impl #type_name<'_> {
            fn config(&self) -> &::std::sync::Arc<super::support::client::Config> {
                &self.client.config
            }

            #methods
        }
    }
}
