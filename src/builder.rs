//! The library API for `build.rs`, in the style of `prost-build`.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let out_dir = std::env::var("OUT_DIR")?;
//!     specforge::Builder::new()
//!         .spec("api.yaml")
//!         .type_attribute("User", "#[derive(Eq, Hash)]")
//!         .generate_to(out_dir)?;
//!     Ok(())
//! }
//! ```
//! and in the crate: `mod api { include!(concat!(env!("OUT_DIR"), "/api.rs")); }`.

use crate::error::{Error, Result};
use crate::output::{write_if_changed, WriteOutcome};
use crate::pipeline::{self, Config, Generated, Model};
use crate::typespace::words::snake;
use proc_macro2::TokenStream;
use std::path::{Path, PathBuf};

/// Configures and runs generation from `build.rs`.
#[derive(Debug, Clone)]
pub struct Builder {
    config: Config,
    module_name: Option<String>,
    cargo_directives: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// A builder with default options: open enums, typed date/uuid formats, warnings allowed,
    /// and `cargo:` directives printed.
    pub fn new() -> Self {
        Builder { config: Config::default(), module_name: None, cargo_directives: true }
    }

    /// Adds an input: an OpenAPI document (YAML or JSON), or markdown model docs (a docs folder,
    /// which is walked for `*.md`, or single `.md` pages; several may be given).
    pub fn spec(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.config.inputs.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds an attribute (for example `#[derive(Hash)]`) to the type named `type_name`; `"."` means every type.
    pub fn type_attribute(&mut self, type_name: impl Into<String>, attribute: impl Into<String>) -> &mut Self {
        self.config.rust.type_attributes.push((type_name.into(), attribute.into()));
        self
    }

    /// Adds an attribute to a field: `"Type.field"` (Rust or wire field name), or `".field"` for that field in every type.
    pub fn field_attribute(&mut self, path: impl Into<String>, attribute: impl Into<String>) -> &mut Self {
        self.config.rust.field_attributes.push((path.into(), attribute.into()));
        self
    }

    /// Markdown docs: the JSON names of fields relative to the names the docs show (default as-is).
    pub fn wire_case(&mut self, case: crate::markdown::WireCase) -> &mut Self {
        self.config.markdown.wire_case = case;
        self
    }

    /// Markdown docs: the type of `Model.field`, written as the docs would (`int`, `float`, `str`,
    /// `List[int]`...), for example where TypeScript's `number` hides an integer.
    pub fn field_type(&mut self, field: impl Into<String>, ty: impl Into<String>) -> &mut Self {
        self.config.markdown.field_types.push((field.into(), ty.into()));
        self
    }

    /// Markdown docs: the JSON name of `Model.field` (the field as the docs show it, `CreatedAt` in Go
    /// docs), overriding the dialect's rule and `--wire-case` for that field.
    pub fn wire_name(&mut self, field: impl Into<String>, wire: impl Into<String>) -> &mut Self {
        self.config.markdown.wire_names.push((field.into(), wire.into()));
        self
    }

    /// Declares how `operation` (an operationId, or `METHOD /path`) is paged, for a pattern the
    /// heuristics miss or to override them: `pattern` is `KIND[:key=value,...]` as `--paginate`
    /// takes it after the `=` (`cursor:param=starting_after,items=data,has_more=has_more`).
    pub fn paginate(&mut self, operation: impl Into<String>, pattern: impl Into<String>) -> &mut Self {
        self.config.paginate.push(format!("{}={}", operation.into(), pattern.into()));
        self
    }

    /// Adds a pagination declaration written as the command line takes it: `OPERATION=KIND[:key=value,...]`.
    pub fn paginate_arg(&mut self, arg: &str) -> Result<&mut Self> {
        crate::typespace::pagination::parse_declaration(arg)?;
        self.config.paginate.push(arg.to_string());
        Ok(self)
    }

    /// Makes every enum closed: no catch-all variant, unknown values fail to deserialize.
    pub fn closed_enums(&mut self, closed: bool) -> &mut Self {
        self.config.rust.closed_enums = closed;
        self
    }

    /// `true` (default) maps `date-time`/`date` to chrono and `uuid` to uuid types; `false` keeps them `String`.
    pub fn typed_formats(&mut self, typed: bool) -> &mut Self {
        self.config.rust.typed_formats = typed;
        self
    }

    /// Turns every warning (unsupported construct, missing link) into an error.
    pub fn strict(&mut self, strict: bool) -> &mut Self {
        self.config.strict = strict;
        self
    }

    /// Generates the HTTP client (`pub mod client`, on reqwest 0.13) for the operations (the default);
    /// `false` generates only the models.
    pub fn client(&mut self, enabled: bool) -> &mut Self {
        self.config.rust.client = enabled;
        self
    }

    /// Gates each tag's operations, and the types only they use, behind a cargo feature named after
    /// the tag, all listed (and on by default) in the manifest of a generated crate (`--crate` turns
    /// it on). Types no operation reaches are under the feature `schemas`.
    pub fn tag_features(&mut self, enabled: bool) -> &mut Self {
        self.config.rust.tag_features = enabled;
        self
    }

    /// Derives both `Serialize` and `Deserialize` on every type. By default, when the client is
    /// generated, a type only sent in requests derives `Serialize` and a type only received derives
    /// `Deserialize` (less code to compile); set this to cache, log or mock with the same types.
    pub fn both_directions(&mut self, both: bool) -> &mut Self {
        self.config.rust.both_directions = both;
        self
    }

    /// Adds a `#[cfg(test)]` module round-tripping every example of the description through its type.
    pub fn example_tests(&mut self, enabled: bool) -> &mut Self {
        self.config.rust.example_tests = enabled;
        self
    }

    /// Threads that emit and format the code: `1` does everything on the generation thread; by
    /// default `$SPECFORGE_THREADS` when set, else the number of cores. The output is byte-identical
    /// whatever the number.
    pub fn threads(&mut self, threads: usize) -> &mut Self {
        self.config.threads = Some(threads);
        self
    }

    /// Name of the generated file without `.rs` (default: the first input's file stem in snake_case).
    pub fn module_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.module_name = Some(name.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` and `cargo:warning` lines (default `true`).
    pub fn cargo_directives(&mut self, print: bool) -> &mut Self {
        self.cargo_directives = print;
        self
    }

    /// Generates only the operations with one of these tags (and the types they reach). Adds to
    /// earlier calls; none means every operation.
    pub fn tags<S: AsRef<str>>(&mut self, tags: impl IntoIterator<Item = S>) -> &mut Self {
        self.config.select.tags.extend(tags.into_iter().map(|t| t.as_ref().to_owned()));
        self
    }

    /// Generates only these operations, each an `operationId` or `METHOD /path` (`"GET /users/{id}"`),
    /// besides those selected by [`tags`](Self::tags).
    pub fn operations<S: AsRef<str>>(&mut self, operations: impl IntoIterator<Item = S>) -> &mut Self {
        self.config.select.operations.extend(operations.into_iter().map(|o| o.as_ref().to_owned()));
        self
    }

    /// Leaves out the operations with one of these tags (after the selection by tag and operation).
    pub fn exclude_tags<S: AsRef<str>>(&mut self, tags: impl IntoIterator<Item = S>) -> &mut Self {
        self.config.select.exclude_tags.extend(tags.into_iter().map(|t| t.as_ref().to_owned()));
        self
    }

    /// Leaves out these operations (`operationId` or `METHOD /path`).
    pub fn exclude_operations<S: AsRef<str>>(&mut self, operations: impl IntoIterator<Item = S>) -> &mut Self {
        self.config.select.exclude_operations.extend(operations.into_iter().map(|o| o.as_ref().to_owned()));
        self
    }

    /// Keeps these named schemas (and what they use) when a selection would prune them.
    pub fn keep_schemas<S: AsRef<str>>(&mut self, schemas: impl IntoIterator<Item = S>) -> &mut Self {
        self.config.select.keep_schemas.extend(schemas.into_iter().map(|s| s.as_ref().to_owned()));
        self
    }

    /// Keeps every named schema whatever the selection (only operations are selected).
    pub fn all_schemas(&mut self, all: bool) -> &mut Self {
        self.config.select.all_schemas = all;
        self
    }

    /// Adds a type attribute written as the command line takes it: `TYPE=#[attr]`.
    pub fn type_attribute_arg(&mut self, arg: &str) -> Result<&mut Self> {
        let (target, attribute) = split_arg(arg, "type-attribute", "NAME=ATTRIBUTE")?;
        Ok(self.type_attribute(target, attribute))
    }

    /// Adds a field attribute written as the command line takes it: `Type.field=#[attr]`.
    pub fn field_attribute_arg(&mut self, arg: &str) -> Result<&mut Self> {
        let (target, attribute) = split_arg(arg, "field-attribute", "NAME=ATTRIBUTE")?;
        Ok(self.field_attribute(target, attribute))
    }

    /// Adds a field type override written as the command line takes it: `Model.field=TYPE`.
    pub fn field_type_arg(&mut self, arg: &str) -> Result<&mut Self> {
        let (field, ty) = split_arg(arg, "field-type", "Model.field=TYPE")?;
        Ok(self.field_type(field, ty))
    }

    /// Adds a wire name override written as the command line takes it: `Model.field=wire_name`.
    pub fn wire_name_arg(&mut self, arg: &str) -> Result<&mut Self> {
        let (field, wire) = split_arg(arg, "wire-name", "Model.field=WIRE_NAME")?;
        Ok(self.wire_name(field, wire.trim()))
    }

    /// The configuration as it will run. Attributes are checked when generation starts.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Generates the module without writing it.
    pub fn generate(&self) -> Result<Generated> {
        pipeline::generate(&self.config)
    }

    /// Builds the intermediate model only (what `specforge ir` prints).
    pub fn model(&self) -> Result<Model> {
        pipeline::model(&self.config)
    }

    /// The file name `generate_to` writes.
    pub fn file_name(&self) -> String {
        let stem = self.module_name.clone().unwrap_or_else(|| {
            let first = self.config.inputs.first().and_then(|p| p.file_stem()).map(|s| s.to_string_lossy().into_owned());
            snake(&first.unwrap_or_default(), "api")
        });
        format!("{stem}.rs")
    }

    /// Generates the module into `out_dir` (written only when its content changed) and returns its path.
    ///
    /// Prints `cargo:rerun-if-changed=` for every input and every file reached through `$ref`, and
    /// `cargo:warning=` for each warning, unless [`Builder::cargo_directives`] turned that off.
    pub fn generate_to(&self, out_dir: impl AsRef<Path>) -> Result<PathBuf> {
        if self.cargo_directives {
            // Known before generation, so cargo reruns even if this run fails.
            for input in &self.config.inputs {
                println!("cargo:rerun-if-changed={}", input.display());
            }
        }
        let generated = self.generate()?;
        if self.cargo_directives {
            for file in &generated.files {
                println!("cargo:rerun-if-changed={}", file.display());
            }
            for warning in &generated.warnings {
                println!("cargo:warning={}", warning.to_string().replace('\n', " "));
            }
        }
        let path = out_dir.as_ref().join(self.file_name());
        let _: WriteOutcome = write_if_changed(&path, generated.code.as_bytes())?;
        Ok(path)
    }
}

/// Splits a command-line `TARGET=VALUE` argument of `--{flag}`, which expects `expects`.
fn split_arg(arg: &str, flag: &str, expects: &str) -> Result<(String, String)> {
    let (target, value) = arg.split_once('=').ok_or_else(|| Error::Config(format!("--{flag} expects {expects}, got `{arg}`")))?;
    Ok((target.trim().to_string(), value.to_string()))
}

/// Checks `(target, "#[attr]...")` pairs, with a clear error for text that is not attributes. The
/// text stays text (tokens are made when emitting), so a `Config` can cross threads.
pub(crate) fn check_attributes(pairs: &[(String, String)]) -> Result<()> {
    for (target, text) in pairs {
        let _: TokenStream = text.parse().map_err(|e| Error::Config(format!("attribute for `{target}` is not valid Rust tokens: {e}")))?;
        let probe: TokenStream = format!("{text} struct Probe;").parse().unwrap_or_default();
        syn::parse2::<syn::ItemStruct>(probe)
            .map_err(|e| Error::Config(format!("attribute for `{target}` is not an attribute like `#[derive(Hash)]`: {e}")))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_arguments_say_what_they_expect() {
        let err = Builder::new().field_type_arg("Model.field").map(|_| ()).unwrap_err().to_string();
        assert_eq!(err, "error[config]: --field-type expects Model.field=TYPE, got `Model.field`");
        let err = Builder::new().type_attribute_arg("Pet").map(|_| ()).unwrap_err().to_string();
        assert_eq!(err, "error[config]: --type-attribute expects NAME=ATTRIBUTE, got `Pet`");
        let mut builder = Builder::new();
        builder.field_type_arg("Model.count = int").unwrap();
        assert_eq!(builder.config().markdown.field_types, [("Model.count".to_string(), " int".to_string())]);
    }
}
