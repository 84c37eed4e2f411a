//! The markdown frontend: model docs published next to SDKs (`docs/models/...`, `docs/sdks/...`), in
//! the TypeScript, Python and Go dialects ([`Dialect`], detected per page), read into the same
//! intermediate model as OpenAPI.
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
use crate::ir::{Api, Info, PageRead, TypeId};
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

/// The SDK language a page's docs were generated for: it decides how type cells, field names and
/// union members are written. Detected per page ([`Dialect::detect`]), so mixed folders work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Speakeasy's TypeScript SDK docs (`*string*`, `[components.X](...)`, `"a" | "b"`).
    #[default]
    TypeScript,
    /// Speakeasy's Python SDK docs (`Optional[str]`, `[models.X](...)`, `__pydantic_extra__`).
    Python,
    /// Speakeasy's Go SDK docs (`**int64*`, `[]*string*`, `[*shared.X](...)`, Go-cased field names).
    Go,
}

impl Dialect {
    /// The name `specforge ir` shows.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::TypeScript => "typescript",
            Dialect::Python => "python",
            Dialect::Go => "go",
        }
    }

    /// The dialect of one page: the language of its code blocks (```` ```go ````) first, then the
    /// type cells of its tables (`int64`, `map[`, `[]T`, `shared.X` are Go; `models.X`, `List[`,
    /// `Optional[` are Python; `components.X`, `number`, `T[]`, `Record<` are TypeScript), then its field
    /// names (snake_case: Python; camelCase: TypeScript; capitalised names alone decide nothing). A page that says
    /// nothing either way (an empty `## Fields` table) gives `None`: [`load`] reads it in the dialect
    /// most pages of its folder have (of all pages if its folder has none; else TypeScript).
    pub fn detect(page: &page::Page) -> Option<Dialect> {
        let mut votes = [0usize; 3];
        let mut vote = |d: Dialect, n: usize| votes[d as usize] += n;
        for section in page.all_sections() {
            for block in &section.code {
                match block.lang.as_str() {
                    "go" | "golang" => vote(Dialect::Go, 100),
                    "python" | "py" => vote(Dialect::Python, 100),
                    "typescript" | "ts" | "javascript" | "js" => vote(Dialect::TypeScript, 100),
                    _ => {}
                }
            }
        }
        let mut names = Vec::new();
        for section in page.all_sections() {
            for table in &section.tables {
                let header: Vec<String> = table.header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
                let type_col = header.iter().position(|h| h == "type");
                let name_col = header.iter().position(|h| h == "field");
                for (_, cells) in &table.rows {
                    if let Some(cell) = type_col.and_then(|i| cells.get(i)) {
                        // Links to a language's reference for its own types.
                        vote(Dialect::Go, usize::from(cell.contains("://pkg.go.dev/")) * 3);
                        vote(Dialect::Python, usize::from(cell.contains("://docs.python.org/")) * 3);
                        vote(Dialect::TypeScript, usize::from(cell.contains("://developer.mozilla.org/")) * 3);
                        let plain: String = cell.chars().filter(|c| !matches!(c, '*' | '`' | ' ' | '\\')).collect();
                        // `**string*`: a Go pointer inside emphasis.
                        let go = cell.trim().starts_with("**") && !cell.trim().starts_with("***")
                            || plain.starts_with("[]")
                            || plain.starts_with("[[]")
                            || plain.contains("map[")
                            || ["int64", "int32", "float64", "float32", "interface{}", "shared.", "operations.", "time.Time", "types."]
                                .iter()
                                .any(|m| plain.contains(m));
                        let python = ["models.", "List[", "Dict[", "Optional[", "Nullable[", "Union[", "Literal["].iter().any(|m| plain.contains(m))
                            || plain == "str";
                        let typescript = ["components.", "Record<", "Array<", "number", "boolean", "Date"].iter().any(|m| plain.contains(m))
                            || (plain.ends_with("[]") && !plain.starts_with("[]"));
                        vote(Dialect::Go, usize::from(go) * 3);
                        vote(Dialect::Python, usize::from(python) * 3);
                        vote(Dialect::TypeScript, usize::from(typescript) * 3);
                    }
                    if let Some(cell) = name_col.and_then(|i| cells.get(i)) {
                        names.push(cell.trim().trim_matches(|c| matches!(c, '`' | '~' | '*')).to_string());
                    }
                }
            }
        }
        let lower = |n: &&String| n.starts_with(|c: char| c.is_ascii_lowercase());
        vote(Dialect::Python, usize::from(names.iter().filter(lower).any(|n| n.contains('_'))));
        vote(Dialect::TypeScript, usize::from(names.iter().filter(lower).any(|n| n.chars().any(|c| c.is_ascii_uppercase()))));
        match votes {
            [0, 0, 0] => None,
            [ts, py, go] if go > ts && go > py => Some(Dialect::Go),
            [ts, py, _] if py > 0 && py >= ts => Some(Dialect::Python),
            _ => Some(Dialect::TypeScript),
        }
    }

    /// The dialect most of `dialects` have (ties: TypeScript, Python, Go in that order).
    fn majority(dialects: impl Iterator<Item = Dialect>) -> Option<Dialect> {
        let mut counts = [0usize; 3];
        for d in dialects {
            counts[d as usize] += 1;
        }
        let best = counts.iter().copied().max().filter(|&n| n > 0)?;
        [Dialect::TypeScript, Dialect::Python, Dialect::Go].into_iter().find(|&d| counts[d as usize] == best)
    }
}

/// The wire name of a Go field name: snake_case, a word starting at every capital that follows a
/// lowercase letter or a digit, and at the last capital of a run followed by a lowercase letter
/// (`CreatedAt` → `created_at`, `ThreadID` → `thread_id`,
/// `B64JSON` → `b64_json`, `HTTPServer` → `http_server`).
pub fn go_snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let previous = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if previous.is_lowercase() || previous.is_ascii_digit() || (previous.is_uppercase() && next_lower) {
                out.push('_');
            }
        }
        if c == '_' && out.ends_with('_') {
            continue;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Options of the markdown frontend.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    /// JSON names of fields.
    pub wire_case: WireCase,
    /// Type overrides: (`Model.field`, type as the docs would write it: `int`, `float`, `string`...).
    pub field_types: Vec<(String, String)>,
    /// Wire name overrides: (`Model.field` as the docs show it, JSON name).
    pub wire_names: Vec<(String, String)>,
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
    /// The dialect the page is written in.
    pub dialect: Dialect,
    /// True when the page was found by walking a folder (not named on the command line).
    pub walked: bool,
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
    /// Model pages by (folder name, title): Go names a model with its package (`shared.X`,
    /// `operations.X`), the folder its page is in, and both packages may hold an `X`.
    pub by_package: HashMap<(String, String), TypeId>,
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
        if let Some((package, _)) = name.rsplit_once('.') {
            let package = package.rsplit('.').next().unwrap_or(package);
            if let Some(&id) = self.by_package.get(&(package.to_string(), short.to_string())) {
                return Some(id);
            }
        }
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
fn collect(inputs: &[PathBuf]) -> Result<Vec<(PathBuf, bool)>> {
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
                        files.push((path, true));
                    }
                }
            }
        } else {
            files.push((input.clone(), false));
        }
    }
    // A page named explicitly counts as named even when a folder given too holds it.
    files.sort();
    files.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            earlier.1 &= later.1;
        }
        same
    });
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
    for (file, walked) in &files {
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
        let detected = Dialect::detect(&page);
        docs.push((Doc { path, display, text, page, dialect: detected.unwrap_or_default(), walked: *walked }, detected));
    }
    let dialects: Vec<Dialect> = docs
        .iter()
        .map(|(doc, detected)| {
            let folder = doc.path.parent();
            detected
                .or_else(|| Dialect::majority(docs.iter().filter(|(d, _)| d.path.parent() == folder).filter_map(|(_, found)| *found)))
                .or_else(|| Dialect::majority(docs.iter().filter_map(|(_, found)| *found)))
                .unwrap_or_default()
        })
        .collect();
    let docs: Vec<Doc> = docs.into_iter().zip(dialects).map(|((doc, _), dialect)| Doc { dialect, ..doc }).collect();
    if !read_errors.is_empty() {
        return Err(Error::Input(read_errors));
    }
    Ok(Pages { docs })
}

/// Builds the intermediate model from the pages [`load`] read. Returns the model and every file read.
pub fn convert(inputs: &[PathBuf], pages: Pages, options: &MarkdownOptions, diags: &mut Diagnostics) -> Result<(Api, Vec<PathBuf>)> {
    let docs = pages.docs;
    let mut read_as = Vec::new();
    let (operation_docs, candidates): (Vec<Doc>, Vec<Doc>) = docs.into_iter().partition(|d| is_operations_page(&d.path));
    // A helper page in a walked folder (a date wrapper under `types/`, a README) is not a model: it
    // is skipped with a note. Named explicitly, it stays an error (`md-no-kind`).
    let (model_docs, skipped): (Vec<Doc>, Vec<Doc>) = candidates.into_iter().partition(|d| !d.walked || models::kind_section(&d.page).is_some());
    for doc in &skipped {
        diags.push(Diagnostic::note(
            Kind::MdSkippedPage,
            &doc.display,
            Place::File,
            "no `## Fields`, `## Values` or `## Supported Types` section: not a model page, skipped",
        ));
    }

    let mut index = Index { by_path: HashMap::new(), by_name: HashMap::new(), by_package: HashMap::new() };
    for (i, doc) in model_docs.iter().enumerate() {
        index.by_path.insert(doc.path.clone(), TypeId(i));
        if let Some((title, _)) = &doc.page.title {
            let folder = doc.path.parent().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            index.by_package.entry((folder, models::clean_title(title))).or_insert(TypeId(i));
            index.by_name.entry(models::clean_title(title)).or_insert(TypeId(i));
        }
    }
    let mut types = models::placeholders(&model_docs);
    let mut operations = Vec::new();
    {
        let mut builder =
            models::Builder { index: &index, types: &mut types, diags: &mut *diags, options, left_out: Vec::new(), wrappers: Default::default() };
        for (i, doc) in model_docs.iter().enumerate() {
            builder.model(TypeId(i), doc);
        }
        let mut described = 0;
        let mut without_endpoint = 0;
        for doc in &operation_docs {
            let read = operations::read(doc, &mut builder);
            described += read.described;
            without_endpoint += read.without_endpoint;
            operations.extend(read.operations);
        }
        if let (Some(first), true) = (operation_docs.first(), without_endpoint > 0) {
            let pages = operation_docs.len();
            let comment = "no `<!-- UsageSnippet operationID=\"..\" method=\"..\" path=\"..\" -->` comment";
            let message = if without_endpoint == described {
                format!(
                    "{described} operations are described in {pages} sdks pages, but none gives its HTTP method and path ({comment}): no client methods were generated"
                )
            } else {
                format!(
                    "{without_endpoint} of the {described} operations described in {pages} sdks pages give no HTTP method and path ({comment}): no client methods were generated for them"
                )
            };
            builder.diags.push(Diagnostic::note(Kind::MdNoClient, &first.display, Place::File, message));
        }
        if let Some(first) = builder.left_out.first().cloned() {
            let fields = builder.left_out.len();
            let pages = builder.left_out.iter().collect::<std::collections::BTreeSet<_>>().len();
            builder.diags.push(Diagnostic::note(
                Kind::MdSdkField,
                first,
                Place::File,
                format!(
                    "{fields} SDK response-wrapper fields (contentType, statusCode, rawResponse, httpMeta) on {pages} pages are the SDK's view of the HTTP exchange, not API data: left out of the models"
                ),
            ));
        }
    }
    models::check_link_cycles(&model_docs, &types, diags);
    let title = common_title(inputs);
    for (docs, role) in [(&model_docs, "model"), (&operation_docs, "operations"), (&skipped, "skipped")] {
        read_as.extend(docs.iter().map(|d| PageRead { file: d.display.clone(), dialect: d.dialect.as_str().into(), read_as: role.into() }));
    }
    read_as.sort_by(|a, b| a.file.cmp(&b.file));
    let api = Api { info: Info { title, version: String::new(), description: None }, types, operations, pages: read_as, ..Api::default() };
    let read = model_docs.iter().chain(&operation_docs).chain(&skipped).map(|d| d.path.clone()).collect();
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
        let mut index = Index { by_path: HashMap::new(), by_name: HashMap::new(), by_package: HashMap::new() };
        index.by_path.insert(PathBuf::from("/d/models/components/x.md"), TypeId(3));
        index.by_name.insert("X".into(), TypeId(3));
        index.by_package.insert(("shared".into(), "X".into()), TypeId(4));
        assert_eq!(index.resolve(Path::new("/d/a.md"), "shared.X", None), Some(TypeId(4)), "Go's package names the folder");
        assert_eq!(index.resolve(Path::new("/d/a.md"), "operations.X", None), Some(TypeId(3)));
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

    #[test]
    fn go_field_names_become_snake_case_wire_names() {
        for (go, wire) in [
            ("CreatedAt", "created_at"),
            ("ThreadID", "thread_id"),
            ("B64JSON", "b64_json"),
            ("HTTPServer", "http_server"),
            ("TopP", "top_p"),
            ("N", "n"),
            ("FileIds", "file_ids"),
            ("Image1", "image1"),
            ("LogitBias", "logit_bias"),
        ] {
            assert_eq!(go_snake_case(go), wire, "{go}");
        }
    }
}
