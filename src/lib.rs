#![deny(missing_docs)]
//! specforge: Rust models (and an async `reqwest` client) from OpenAPI 3.0 / 3.1, Swagger 2.0 and
//! markdown model docs, generated from `build.rs` the way `prost-build` generates protobuf types.
//!
//! # Walkthrough
//!
//! Add specforge as a build dependency, and the crates the generated code uses as dependencies:
//!
//! ```text
//! cargo add --build specforge --no-default-features
//! cargo add serde --features derive
//! cargo add serde_json
//! ```
//!
//! Generate the module from `build.rs`; [`Builder::generate_to`] writes `$OUT_DIR/petstore.rs` only
//! when its content changed, and prints `cargo:rerun-if-changed` for every file read:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     specforge::Builder::new()
//!         .spec("specs/petstore/openapi.yaml")
//!         .module_name("petstore")
//!         .type_attribute("NewPet", "#[derive(Hash)]")
//!         .generate_to(std::env::var("OUT_DIR")?)?;
//!     Ok(())
//! }
//! ```
//!
//! Include it in the crate:
//!
//! ```ignore
//! pub mod petstore {
//!     include!(concat!(env!("OUT_DIR"), "/petstore.rs"));
//! }
//! ```
//!
//! Every error ([`Error`]) names the file and the place; warnings come back as [`Diagnostic`]s.
//!
//! # Layers
//!
//! The same [`Builder`] serves the `specforge` command-line tool. Inside, a frontend (OpenAPI or
//! markdown) reads the input into the [intermediate model](ir); the type space names every type,
//! field and variant, orders union variants and breaks recursion; the Rust backend emits code with
//! `quote`, formatted by `prettyplease`.

pub(crate) mod builder;
pub(crate) mod diagnostic;
pub(crate) mod error;
pub mod ir;
pub(crate) mod markdown;
pub(crate) mod openapi;
pub(crate) mod output;
pub(crate) mod pipeline;
pub(crate) mod pointer;
pub(crate) mod rust;
pub(crate) mod source;
pub(crate) mod typespace;
pub(crate) mod yaml;

pub use builder::Builder;
pub use diagnostic::{Diagnostic, Kind, Place, Severity};
pub use error::{Error, Result};
pub use markdown::{MarkdownOptions, WireCase};
pub use output::{check, crate_files, write_files, write_if_changed, WriteOutcome};
pub use pipeline::{generate, model, Config, Generated, Model, Timings};
pub use rust::{Needs, RustOptions};
pub use typespace::select::Selection;
