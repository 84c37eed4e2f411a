//! Located messages about the input: where (file and place) and what.

use std::fmt;

/// A place inside an input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The file as a whole.
    File,
    /// A line and column, both 1-based (syntax errors).
    LineColumn(usize, usize),
    /// A line, 1-based (markdown rows).
    Line(usize),
    /// A JSON pointer into the document, with its leading `#` (`#/components/schemas/User`).
    Pointer(String),
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Information about what was left out on purpose (SDK-internal fields, pages that are not
    /// models, operations without method and path); never an error, even with `--strict`.
    Note,
    /// Generation went on; the construct was replaced (usually by `serde_json::Value`).
    Warning,
    /// Generation stopped.
    Error,
}

/// The kind of a diagnostic: a short stable identifier printed between brackets (`warning[dangling-ref]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `syntax`: The input is not valid JSON or YAML (or a YAML merge key cannot be applied); error.
    Syntax,
    /// `empty-input`: The input file is empty; error.
    EmptyInput,
    /// `not-a-file`: The input path names a directory where a file is expected; error.
    NotAFile,
    /// `binary-input`: The input contains a NUL byte (a binary file, not a text document); error.
    BinaryInput,
    /// `not-utf8`: The input is not valid UTF-8; error.
    NotUtf8,
    /// `invalid-ref`: A `$ref` whose value is not a string (a URI reference); error.
    InvalidRef,
    /// `missing-ref-file`: A `$ref` names another file that cannot be read; error.
    MissingRefFile,
    /// `dangling-ref`: A `$ref` (or a reference inside the document) points to nothing; error.
    DanglingRef,
    /// `invalid-document`: The document does not have the shape OpenAPI or Swagger requires (a wrong JSON type, a missing or unknown value); error.
    InvalidDocument,
    /// `unsupported-version`: The `openapi`/`swagger` version is missing or not one specforge reads; error.
    UnsupportedVersion,
    /// `no-docs`: A docs folder holds no markdown (`*.md`) file; error.
    NoDocs,
    /// `unsupported-schema`: OpenAPI: a schema that cannot be read (`false`, a keyword of the wrong JSON type such as `type: 7`): that schema becomes `serde_json::Value`.
    UnsupportedSchema,
    /// `unsupported-keyword`: OpenAPI: a keyword that changes the shape of the data and is not read yet (`if`/`then`/`else`, `dependentSchemas`, `$dynamicRef`, a schema-valued `unevaluatedProperties`): the schema is read without it, and the warning names the keyword's pointer.
    UnsupportedKeyword,
    /// `undeclared-required`: OpenAPI: a name listed in `required` but not declared under `properties` (and no `additionalProperties`/`patternProperties` map to keep it): a required field of any JSON value.
    UndeclaredRequired,
    /// `unsupported-type`: OpenAPI: `type` is not one of the JSON Schema types: `serde_json::Value`.
    UnsupportedType,
    /// `remote-ref`: OpenAPI: an `http(s)://` `$ref` is not fetched: `serde_json::Value`.
    RemoteRef,
    /// `ref-cycle`: OpenAPI: a `$ref` chain that only loops back to itself (no content anywhere): `serde_json::Value`.
    RefCycle,
    /// `allof-cycle`: OpenAPI: an `allOf` that includes itself: the repeated member is skipped.
    AllofCycle,
    /// `allof-non-object`: OpenAPI: `allOf` mixing object and non-object members: the object members are merged.
    AllofNonObject,
    /// `allof-union`: OpenAPI: `oneOf`/`anyOf` inside `allOf`: not merged, its properties are left out.
    AllofUnion,
    /// `allof-too-large`: OpenAPI: merging `allOf` would take the document past the limit of merged fields (the code would be too large to compile); error.
    AllofTooLarge,
    /// `bad-discriminator`: OpenAPI: a discriminator mapping that points to no variant: that mapping is ignored.
    BadDiscriminator,
    /// `path-param-mismatch`: All inputs: a path placeholder no path parameter names exactly (`/items/{item_id}` with `itemId`): matched ignoring case, `_`, `-` and `.`; an unmatched placeholder becomes a required `String` path parameter; a path parameter no placeholder names is left out.
    PathParamMismatch,
    /// `pagination`: All inputs: a pagination extension (`x-speakeasy-pagination`, `x-ms-pageable`, `x-pagination`) that cannot be followed (unknown form, or fields the response does not have): no stream method for that operation.
    Pagination,
    /// `md-missing-link`: Markdown: a type cell links to a page that is not among the docs read: `serde_json::Value`.
    MdMissingLink,
    /// `md-bad-operation`: Markdown: an operation page without operation id, method or path, or with an unknown method: skipped.
    MdBadOperation,
    /// `md-missing-column`: Markdown: a table lacks a column it needs (an operation's parameter table without Parameter, Type or Required: parameters skipped; a model table: error).
    MdMissingColumn,
    /// `md-bad-type`: Markdown: a type that cannot be parsed (an operation parameter or response: skipped; a model field: `serde_json::Value`; a union member: error).
    MdBadType,
    /// `md-no-title`: Markdown: a model page without a `# Title`, or with an empty one; error.
    MdNoTitle,
    /// `md-no-kind`: Markdown: a page named explicitly with no `## Fields`, `## Values` or `## Supported Types` section; error (in a walked folder such a page is skipped: `md-skipped-page`).
    MdNoKind,
    /// `md-bad-table`: Markdown: text under `## Fields` that looks like a table but is not one; error.
    MdBadTable,
    /// `md-empty-field`: Markdown: a field row with an empty name; error.
    MdEmptyField,
    /// `md-bad-name`: Markdown: a field name that is not a valid identifier; error.
    MdBadName,
    /// `md-duplicate-field`: Markdown: a field listed twice; error.
    MdDuplicateField,
    /// `md-bad-required`: Markdown: a Required cell that is not ✔️/➖; error.
    MdBadRequired,
    /// `md-ragged-table`: Markdown: a table row with a different number of cells than the header; error.
    MdRaggedTable,
    /// `md-bad-enum`: Markdown: a `## Values` section with no values, neither a table nor a code block, or a value that is not a string or integer literal; error.
    MdBadEnum,
    /// `md-empty-union`: Markdown: `## Supported Types` with no `###` member types; error.
    MdEmptyUnion,
    /// `md-link-cycle`: Markdown: required fields that link in a cycle, so no value of these types can exist; error.
    MdLinkCycle,
    /// `md-outside-link`: Markdown: a type cell links outside the docs (an `http(s)://` URL): that field becomes `serde_json::Value`.
    MdOutsideLink,
    /// `md-sdk-field`: Markdown: SDK-internal response-wrapper fields (`contentType`, `statusCode`, `rawResponse`, `httpMeta`) left out of the models; note.
    MdSdkField,
    /// `md-skipped-page`: Markdown: a page of a walked folder with no `## Fields`, `## Values` or `## Supported Types` section (a helper page) is skipped; note.
    MdSkippedPage,
    /// `md-no-client`: Markdown: operation pages that give no HTTP method and path: no client methods; note.
    MdNoClient,
}

impl Kind {
    /// The identifier as printed (`dangling-ref`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Syntax => "syntax",
            Kind::EmptyInput => "empty-input",
            Kind::NotAFile => "not-a-file",
            Kind::BinaryInput => "binary-input",
            Kind::NotUtf8 => "not-utf8",
            Kind::InvalidRef => "invalid-ref",
            Kind::MissingRefFile => "missing-ref-file",
            Kind::DanglingRef => "dangling-ref",
            Kind::InvalidDocument => "invalid-document",
            Kind::UnsupportedVersion => "unsupported-version",
            Kind::NoDocs => "no-docs",
            Kind::UnsupportedSchema => "unsupported-schema",
            Kind::UnsupportedKeyword => "unsupported-keyword",
            Kind::UndeclaredRequired => "undeclared-required",
            Kind::UnsupportedType => "unsupported-type",
            Kind::RemoteRef => "remote-ref",
            Kind::RefCycle => "ref-cycle",
            Kind::AllofCycle => "allof-cycle",
            Kind::AllofNonObject => "allof-non-object",
            Kind::AllofUnion => "allof-union",
            Kind::AllofTooLarge => "allof-too-large",
            Kind::BadDiscriminator => "bad-discriminator",
            Kind::PathParamMismatch => "path-param-mismatch",
            Kind::Pagination => "pagination",
            Kind::MdMissingLink => "md-missing-link",
            Kind::MdBadOperation => "md-bad-operation",
            Kind::MdMissingColumn => "md-missing-column",
            Kind::MdBadType => "md-bad-type",
            Kind::MdNoTitle => "md-no-title",
            Kind::MdNoKind => "md-no-kind",
            Kind::MdBadTable => "md-bad-table",
            Kind::MdEmptyField => "md-empty-field",
            Kind::MdBadName => "md-bad-name",
            Kind::MdDuplicateField => "md-duplicate-field",
            Kind::MdBadRequired => "md-bad-required",
            Kind::MdRaggedTable => "md-ragged-table",
            Kind::MdBadEnum => "md-bad-enum",
            Kind::MdEmptyUnion => "md-empty-union",
            Kind::MdLinkCycle => "md-link-cycle",
            Kind::MdOutsideLink => "md-outside-link",
            Kind::MdSdkField => "md-sdk-field",
            Kind::MdSkippedPage => "md-skipped-page",
            Kind::MdNoClient => "md-no-client",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A message about one place in one input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// A short stable identifier of the kind of problem (`dangling-ref`, `unsupported-schema`...).
    pub kind: Kind,
    /// The file, as the user named it.
    pub file: String,
    /// Where in the file.
    pub place: Place,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// An error at `place` in `file`.
    pub fn error(kind: Kind, file: impl Into<String>, place: Place, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, kind, file: file.into(), place, message: message.into() }
    }

    /// A warning at `place` in `file`.
    pub fn warning(kind: Kind, file: impl Into<String>, place: Place, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, kind, file: file.into(), place, message: message.into() }
    }

    /// A warning at an item's [`Origin`](crate::ir::Origin): its file, and its place (a JSON pointer
    /// or `line N`).
    pub fn warning_at(kind: Kind, origin: &crate::ir::Origin, message: impl Into<String>) -> Self {
        let place = if origin.place.starts_with('#') {
            Place::Pointer(origin.place.clone())
        } else if let Some(line) = origin.place.strip_prefix("line ").and_then(|l| l.parse().ok()) {
            Place::Line(line)
        } else {
            Place::File
        };
        Diagnostic::warning(kind, origin.file.clone(), place, message)
    }

    /// A note about `file` (what was left out on purpose).
    pub fn note(kind: Kind, file: impl Into<String>, place: Place, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Note, kind, file: file.into(), place, message: message.into() }
    }

    /// The same diagnostic as an error.
    pub fn into_error(mut self) -> Self {
        self.severity = Severity::Error;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}[{}]: {}", self.kind, self.file)?;
        match &self.place {
            Place::File => {}
            Place::LineColumn(line, column) => write!(f, ":{line}:{column}")?,
            Place::Line(line) => write!(f, ":{line}")?,
            Place::Pointer(pointer) => write!(f, "{pointer}")?,
        }
        write!(f, ": {}", self.message)
    }
}

/// Collects warnings while a frontend runs; `strict` turns each into an error.
#[derive(Debug, Default)]
pub struct Diagnostics {
    strict: bool,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// A new collector; with `strict`, every warning becomes an error.
    pub fn new(strict: bool) -> Self {
        Diagnostics { strict, items: Vec::new() }
    }

    /// Records a diagnostic (as an error in strict mode).
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let diagnostic = if self.strict && diagnostic.severity == Severity::Warning { diagnostic.into_error() } else { diagnostic };
        if !self.items.contains(&diagnostic) {
            self.items.push(diagnostic);
        }
    }

    /// True when an error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Everything recorded, in order.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}
