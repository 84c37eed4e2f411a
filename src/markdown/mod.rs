//! The markdown frontend: model docs published next to SDKs (`docs/models/...`, `docs/sdks/...`), in
//! the TypeScript and Python dialects, read into the same intermediate model as OpenAPI.
//!
//! Pages are parsed with pulldown-cmark (CommonMark + GFM tables) into an outline ([`page`]); type
//! cells are parsed by [`typexpr`]; model pages become types ([`models`]) and `docs/sdks/*/README.md`
//! pages become operations ([`operations`]).

pub mod models;
pub mod operations;
pub mod page;
pub mod typexpr;

use crate::diagnostic::{Diagnostic, Diagnostics, Kind, Place};
use crate::error::{Error, Result};
use crate::ir::{Api, Info, TypeId};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// How JSON property names relate to the field names the docs show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WireCase {
    /// As written in the docs.
    #[default]
    AsIs,
    /// `snake_case`.
    Snake,
    /// `camelCase`.
    Camel,
    /// `kebab-case`.
    Kebab,
}

impl std::str::FromStr for WireCase {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Self, String> {
        match text {
            "as-is" => Ok(WireCase::AsIs),
            "snake" => Ok(WireCase::Snake),
            "camel" => Ok(WireCase::Camel),
            "kebab" => Ok(WireCase::Kebab),
            other => Err(format!("unknown wire case `{other}` (expected as-is, snake, camel or kebab)")),
        }
    }
}

impl WireCase {
    /// The wire name of a field written `name` in the docs.
    pub fn apply(self, name: &str) -> String {
        use heck::{ToKebabCase, ToLowerCamelCase, ToSnakeCase};
        match self {
            WireCase::AsIs => name.to_string(),
            WireCase::Snake => name.to_snake_case(),
            WireCase::Camel => name.to_lower_camel_case(),
            WireCase::Kebab => name.to_kebab_case(),
        }
    }
}

/// Options of the markdown frontend.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    /// JSON names of fields.
    pub wire_case: WireCase,
    /// Type overrides: (`Model.field`, type as the docs would write it: `int`, `float`, `string`...).
    pub field_types: Vec<(String, String)>,
}

/// True when the inputs are markdown docs (a folder, or `.md` files) rather than an OpenAPI document.
pub fn is_markdown(inputs: &[PathBuf]) -> bool {
    inputs.iter().any(|p| p.is_dir() || p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")))
}

/// One markdown file, read and outlined.
pub struct Doc {
    /// Canonical path (for link resolution).
    pub path: PathBuf,
    /// Path as shown in messages.
    pub display: String,
    /// Full text.
    pub text: String,
    /// Outline.
    pub page: page::Page,
}

impl Doc {
    /// A diagnostic at `line` of this page.
    pub fn at(&self, line: usize, severity_error: bool, kind: Kind, message: impl Into<String>) -> Diagnostic {
        let place = if line == 0 { Place::File } else { Place::Line(line) };
        if severity_error {
            Diagnostic::error(kind, &self.display, place, message)
        } else {
            Diagnostic::warning(kind, &self.display, place, message)
        }
    }
}

/// What the frontend knows about every model page: its type and where it is.
pub struct Index {
    /// Model pages by canonical path.
    pub by_path: HashMap<PathBuf, TypeId>,
    /// Model pages by title (first page wins).
    pub by_name: HashMap<String, TypeId>,
}

impl Index {
    /// The model a reference names: by link target (relative to `from`), else by its last name segment.
    pub fn resolve(&self, from: &Path, name: &str, link: Option<&str>) -> Option<TypeId> {
        if let Some(link) = link {
            let file = link.split('#').next().unwrap_or("");
            let joined = normalize(&from.parent().unwrap_or(Path::new("")).join(file));
            if let Some(&id) = self.by_path.get(&joined) {
                return Some(id);
            }
            // A link to a page that exists under another name is still a broken link; only a link with
            // no file name (`../models/.md`, seen in generated docs) falls back to the type's name.
            let stem = Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            if !stem.is_empty() && stem != ".md" {
                return None;
            }
        }
        let short = name.rsplit('.').next().unwrap_or(name);
        self.by_name.get(short).copied()
    }
}

/// `a/b/../c` → `a/c` without touching the file system (the target may not exist).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Every `.md` file of the inputs (folders walked, sorted), skipping SDK plumbing pages under `utils/`
/// and `lib/` folders (retry and backoff settings, not API models).
fn collect(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut stack = vec![input.clone()];
            while let Some(dir) = stack.pop() {
                let entries = std::fs::read_dir(&dir).map_err(|source| Error::Read { path: dir.clone(), source })?;
                let mut found: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                found.sort();
                for path in found {
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    if path.is_dir() {
                        if !matches!(name.as_str(), "utils" | "lib") && !name.starts_with('.') {
                            stack.push(path);
                        }
                    } else if name.to_ascii_lowercase().ends_with(".md") {
                        files.push(path);
                    }
                }
            }
        } else {
            files.push(input.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// True for `docs/sdks/<group>/README.md` pages, which document operations.
fn is_operations_page(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.eq_ignore_ascii_case("README.md")) && path.components().any(|c| c.as_os_str() == "sdks")
}

/// The pages of a doc set, read and parsed (the load phase), for [`convert`].
pub struct Pages {
    docs: Vec<Doc>,
}

impl std::fmt::Debug for Pages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").field("pages", &self.docs.len()).finish()
    }
}

/// Reads and parses every page of the docs (folders walked for `*.md`).
pub fn load(inputs: &[PathBuf]) -> Result<Pages> {
    let files = collect(inputs)?;
    if files.is_empty() {
        let shown = inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        return Err(Error::input(Diagnostic::error(Kind::NoDocs, shown, Place::File, "no markdown (*.md) files found")));
    }
    let mut docs = Vec::new();
    let mut read_errors = Vec::new();
    for file in &files {
        let display = file.display().to_string();
        let text = match crate::source::read_text(file, &display) {
            Ok(text) => text,
            Err(Error::Input(mut found)) => {
                read_errors.append(&mut found);
                continue;
            }
            Err(other) => return Err(other),
        };
        let path = std::fs::canonicalize(file).map(|p| normalize(&p)).unwrap_or_else(|_| normalize(file));
        let page = page::parse(&text);
        docs.push(Doc { path, display, text, page });
    }
    if !read_errors.is_empty() {
        return Err(Error::Input(read_errors));
    }
    Ok(Pages { docs })
}

/// Builds the intermediate model from the pages [`load`] read. Returns the model and every file read.
pub fn convert(inputs: &[PathBuf], pages: Pages, options: &MarkdownOptions, diags: &mut Diagnostics) -> Result<(Api, Vec<PathBuf>)> {
    let docs = pages.docs;
    let (operation_docs, model_docs): (Vec<Doc>, Vec<Doc>) = docs.into_iter().partition(|d| is_operations_page(&d.path));

    let mut index = Index { by_path: HashMap::new(), by_name: HashMap::new() };
    for (i, doc) in model_docs.iter().enumerate() {
        index.by_path.insert(doc.path.clone(), TypeId(i));
        if let Some((title, _)) = &doc.page.title {
            index.by_name.entry(models::clean_title(title)).or_insert(TypeId(i));
        }
    }
    let mut types = models::placeholders(&model_docs);
    let mut operations = Vec::new();
    {
        let mut builder = models::Builder { index: &index, types: &mut types, diags: &mut *diags, options };
        for (i, doc) in model_docs.iter().enumerate() {
            builder.model(TypeId(i), doc);
        }
        for doc in &operation_docs {
            operations.extend(operations::read(doc, &mut builder));
        }
    }
    models::check_link_cycles(&model_docs, &types, diags);
    let title = common_title(inputs);
    let api = Api { info: Info { title, version: String::new(), description: None }, types, operations, ..Api::default() };
    let read = model_docs.iter().chain(&operation_docs).map(|d| d.path.clone()).collect();
    Ok((api, read))
}

/// A title for the API: the input folder's name, or the first file's stem.
fn common_title(inputs: &[PathBuf]) -> String {
    inputs
        .first()
        .and_then(|p| std::fs::canonicalize(p).ok())
        .and_then(|p| {
            if p.is_dir() {
                p.file_name().map(|n| n.to_string_lossy().into_owned())
            } else {
                p.file_stem().map(|n| n.to_string_lossy().into_owned())
            }
        })
        .unwrap_or_else(|| "docs".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_relative_to_the_page() {
        let mut index = Index { by_path: HashMap::new(), by_name: HashMap::new() };
        index.by_path.insert(PathBuf::from("/d/models/components/x.md"), TypeId(3));
        index.by_name.insert("X".into(), TypeId(3));
        let from = Path::new("/d/models/operations/y.md");
        assert_eq!(index.resolve(from, "components.X", Some("../../models/components/x.md")), Some(TypeId(3)));
        assert_eq!(index.resolve(from, "components.X", Some("../components/missing.md")), None);
        assert_eq!(index.resolve(from, "components.X", None), Some(TypeId(3)));
        assert_eq!(index.resolve(from, "components.X", Some("../../models/.md")), Some(TypeId(3)));
    }

    #[test]
    fn wire_cases() {
        assert_eq!(WireCase::Snake.apply("createdAt"), "created_at");
        assert_eq!(WireCase::Camel.apply("created_at"), "createdAt");
        assert_eq!(WireCase::Kebab.apply("createdAt"), "created-at");
        assert_eq!(WireCase::AsIs.apply("createdAt"), "createdAt");
        assert!("shout".parse::<WireCase>().is_err());
    }
}
