//! specforge: Rust models (and an HTTP client) from OpenAPI 3.0 / 3.1 and Swagger 2.0 documents and
//! markdown model docs.
//!
//! The pipeline has three layers with one job each:
//!
//! 1. a **frontend** ([`openapi`] for OpenAPI 3.0 / 3.1 and Swagger 2.0, [`markdown`] for model docs)
//!    reads the input and builds the [intermediate model](ir);
//! 2. the **[type space](typespace)** adds request forms for `readOnly`/`writeOnly` properties, names
//!    every type, field and variant, orders union variants and breaks recursion;
//! 3. the **[Rust backend](rust)** reads the model and emits code with `quote`, formatted by `prettyplease`.
//!
//! Use [`Builder`] from `build.rs`, or the `specforge` command-line tool.

pub mod builder;
pub mod diagnostic;
pub mod error;
pub mod ir;
pub mod markdown;
pub mod openapi;
pub mod output;
pub mod pipeline;
pub mod rust;
pub mod source;
pub mod typespace;

pub use builder::Builder;
pub use diagnostic::{Diagnostic, Place, Severity};
pub use error::{Error, Result};
pub use pipeline::{generate, model, Config, Generated, Model};
