//! The intermediate model: what every frontend produces and every backend reads.
//!
//! It is plain data with no knowledge of YAML, markdown or Rust. Frontends fill it with *name hints*
//! (the path where a type was found); the type space pass then assigns every final
//! name (`TypeDef::name`, `Field::name`, `Variant::name`, `Operation::name`...) and marks which
//! references must be boxed. Backends only read it. `specforge ir <spec>` prints it as JSON.

use serde::{Deserialize, Serialize};

/// A whole API: its types, operations, security schemes and servers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Api {
    /// Title, version and description of the API.
    pub info: Info,
    /// Servers the API is reachable at, first one is the default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    /// Every named type; a [`TypeId`] is an index into this list.
    pub types: Vec<TypeDef>,
    /// Every operation, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<Operation>,
    /// Webhooks (`webhooks` / `x-webhooks`): requests the API sends to you. Their bodies become models;
    /// no client method is generated for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub webhooks: Vec<Operation>,
    /// Security schemes by name, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_schemes: Vec<SecurityScheme>,
    /// Security requirements that apply to operations that do not declare their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security: Vec<SecurityRequirement>,
    /// Sub-clients: operations grouped by their first tag (filled in by the type space).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// What a selection (`--tags`, `--operations`...) kept, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<Selected>,
    /// Markdown docs: every page read, with the dialect it was read as and what it became.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PageRead>,
}

/// How much of the input a selection kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selected {
    /// Operations kept.
    pub operations: usize,
    /// Operations in the input.
    pub operations_total: usize,
    /// Types kept.
    pub types: usize,
    /// Types in the input (named and inline).
    pub types_total: usize,
}

/// One markdown page as the frontend read it (shown by `specforge ir`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRead {
    /// The page, as named in messages.
    pub file: String,
    /// The SDK language its docs were written for, detected from the page: `typescript`, `python` or `go`.
    pub dialect: String,
    /// What the page became: `model`, `operations` or `skipped`.
    pub read_as: String,
}

/// Operations sharing their first tag, reached through one sub-client (`client.users()`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The tag as written.
    pub tag: String,
    /// The accessor method on the client, snake_case.
    pub method: String,
    /// The sub-client type, UpperCamelCase.
    pub type_name: String,
}

/// Names of the items generated for one operation; empty when the item is not needed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OperationNames {
    /// Struct of the parameters that are not required path parameters.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub params: String,
    /// Enum of the success responses, when they have different bodies.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub response: String,
    /// Enum of the error bodies, when statuses declare different ones.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub error: String,
    /// Struct of the success response's declared headers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub headers: String,
    /// Struct of a `multipart/form-data` body whose file fields carry a name and a content type.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form: String,
    /// The second, streaming method of an operation whose success response offers a stream
    /// (`text/event-stream`, NDJSON) beside the JSON body its first method returns.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub stream: String,
}

impl OperationNames {
    fn is_empty(&self) -> bool {
        self == &OperationNames::default()
    }
}

impl Api {
    /// The type a [`TypeId`] designates.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }
}

/// Title, version and description of an API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Info {
    /// The API's title.
    pub title: String,
    /// The API's version string.
    pub version: String,
    /// Longer description, markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Where an item came from: a file and a place in it (JSON pointer or `line N`).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Origin {
    /// The file, as given by the user or relative to the first input.
    pub file: String,
    /// A JSON pointer (`#/components/schemas/User`) or a markdown place (`line 12`).
    pub place: String,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.place.starts_with('#') {
            write!(f, "{}{}", self.file, self.place)
        } else {
            write!(f, "{}:{}", self.file, self.place)
        }
    }
}

/// Index of a [`TypeDef`] in [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TypeId(pub usize);

/// Documentation attached to a type, field, variant or operation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Docs {
    /// Short title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Markdown description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the item is deprecated.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// Example values in wire form (JSON).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<serde_json::Value>,
}

impl Docs {
    /// True when there is nothing to document.
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.description.is_none() && !self.deprecated && self.examples.is_empty()
    }
}

/// A named type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// Final name, UpperCamelCase, unique in the API. Empty until the type space has run.
    pub name: String,
    /// Where the name comes from: the segments of the path the type was found at.
    pub hint: NameHint,
    /// Where the type was defined.
    pub origin: Origin,
    /// Its documentation.
    #[serde(default, skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
    /// What kind of type it is.
    pub kind: TypeKind,
    /// Set on the request form of a type (see `typespace::visibility`): the type it was derived
    /// from, without read-only properties and with write-only ones as declared. It is named after
    /// that type (`User` → `UserInput`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_of: Option<TypeId>,
}

/// How a type's name was derived: a named component, or an inline schema at a path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NameHint {
    /// Name segments, outermost first (`["User", "address"]` for the inline `address` of `User`).
    pub segments: Vec<String>,
    /// True for a type the document names itself (a component schema, a model page).
    pub declared: bool,
}

/// The shapes a named type can take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// A closed or open set of string or integer values.
    Enum(Enum),
    /// One of several shapes (`oneOf`/`anyOf`).
    Union(Union),
    /// Another name for a type expression.
    Alias {
        /// The aliased type.
        target: Type,
    },
    /// A string-keyed map.
    Map {
        /// The value type.
        value: Type,
    },
}

/// An object type with fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Struct {
    /// Fields in document order.
    pub fields: Vec<Field>,
    /// Extra properties beyond the declared ones (`additionalProperties`), when allowed and typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional: Option<Additional>,
    /// A newtype wrapping another type (used to break alias cycles such as `Tree = Vec<Tree>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newtype: Option<Type>,
}

/// The catch-all map of a struct that also allows additional properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Additional {
    /// Field name for the map, assigned by the type space.
    pub name: String,
    /// Type of each extra value.
    pub value: Type,
}

/// One property of a struct.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Name on the wire (JSON property name).
    pub wire_name: String,
    /// Final field name, snake_case, unique in the struct. Empty until the type space has run.
    pub name: String,
    /// The value type, without nullability (see `nullable`).
    pub ty: Type,
    /// Must be present.
    pub required: bool,
    /// May be `null`.
    pub nullable: bool,
    /// Default value from the spec, in wire form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// Only sent by the server.
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    /// Only sent by the client.
    #[serde(default, skip_serializing_if = "is_false")]
    pub write_only: bool,
    /// Documentation (including `deprecated`).
    #[serde(default, skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
}

/// A set of named values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enum {
    /// Values in document order.
    pub values: Vec<EnumValue>,
    /// Whether unknown values are kept (open) rather than rejected (closed).
    pub open: bool,
    /// Name of the catch-all variant holding unknown values, assigned by the type space.
    #[serde(default)]
    pub fallback: String,
}

/// One value of an [`Enum`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    /// The wire value.
    pub value: Literal,
    /// Final variant name, UpperCamelCase, unique in the enum.
    pub name: String,
    /// The name the document gives the value (`x-enum-varnames`), used instead of the value's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_hint: Option<String>,
    /// Documentation.
    #[serde(default, skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
}

/// A literal enum value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Literal {
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
}

/// A value that is one of several types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Union {
    /// Alternatives, most specific first (the order a decoder should try them in).
    pub variants: Vec<Variant>,
    /// The property whose value names the alternative, when the document declares one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<String>,
    /// Name of the catch-all variant for unknown discriminator values, assigned by the type space.
    #[serde(default)]
    pub fallback: String,
}

/// One alternative of a [`Union`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// Final variant name, UpperCamelCase, unique in the union.
    pub name: String,
    /// Name hint for the variant (from its type).
    pub hint: String,
    /// The alternative's type.
    pub ty: Type,
    /// Discriminator values selecting this alternative (empty when untagged).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A type expression.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Type {
    /// A named type.
    Named {
        /// Which one.
        id: TypeId,
        /// The reference must be boxed to break a by-value cycle (set by the type space).
        #[serde(default, skip_serializing_if = "is_false")]
        boxed: bool,
    },
    /// Text.
    String {
        /// The declared `format`, when not mapped to a dedicated type.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// `true` or `false`.
    Boolean,
    /// A whole number.
    Integer {
        /// Its width and signedness.
        width: IntWidth,
    },
    /// A floating-point number.
    Number {
        /// `true` for single precision (`float`).
        #[serde(default, skip_serializing_if = "is_false")]
        single: bool,
    },
    /// An RFC 3339 date and time.
    DateTime,
    /// An RFC 3339 full date.
    Date,
    /// A UUID.
    Uuid,
    /// Bytes carried as base64 text (`format: byte`).
    Base64,
    /// Raw bytes (`format: binary`): a file or a binary body.
    Binary,
    /// Any JSON value.
    Any,
    /// A list.
    Array {
        /// Item type.
        items: Box<Type>,
    },
    /// A string-keyed map.
    Map {
        /// Value type.
        values: Box<Type>,
    },
    /// A fixed-length list with one type per position (a closed `prefixItems`).
    Tuple {
        /// Item types, in order.
        items: Vec<Type>,
    },
    /// A value that may be `null` (only inside arrays, maps and aliases; fields carry `nullable`).
    Nullable {
        /// The non-null type.
        inner: Box<Type>,
    },
}

impl Type {
    /// A plain `string` with no format.
    pub fn string() -> Type {
        Type::String { format: None }
    }

    /// Wraps `self` in [`Type::Nullable`] unless it already is, or is [`Type::Any`] (which holds null).
    pub fn nullable(self) -> Type {
        match self {
            Type::Nullable { .. } | Type::Any => self,
            inner => Type::Nullable { inner: Box::new(inner) },
        }
    }

    /// The named types this expression mentions, outermost first.
    pub fn named_ids(&self, out: &mut Vec<TypeId>) {
        match self {
            Type::Named { id, .. } => out.push(*id),
            Type::Array { items: inner } | Type::Map { values: inner } | Type::Nullable { inner } => inner.named_ids(out),
            Type::Tuple { items } => items.iter().for_each(|item| item.named_ids(out)),
            _ => {}
        }
    }
}

impl TypeKind {
    /// The named types this definition mentions one level down (fields, extra properties, newtype,
    /// variants, alias target, map values).
    pub fn named_ids(&self, out: &mut Vec<TypeId>) {
        match self {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|f| f.ty.named_ids(out));
                if let Some(additional) = &s.additional {
                    additional.value.named_ids(out);
                }
                if let Some(inner) = &s.newtype {
                    inner.named_ids(out);
                }
            }
            TypeKind::Union(u) => u.variants.iter().for_each(|v| v.ty.named_ids(out)),
            TypeKind::Alias { target } => target.named_ids(out),
            TypeKind::Map { value } => value.named_ids(out),
            TypeKind::Enum(_) => {}
        }
    }
}

/// Width and signedness of an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntWidth {
    /// 8-bit signed.
    I8,
    /// 16-bit signed.
    I16,
    /// 32-bit signed.
    I32,
    /// 64-bit signed (also the default).
    I64,
    /// 8-bit unsigned.
    U8,
    /// 16-bit unsigned.
    U16,
    /// 32-bit unsigned.
    U32,
    /// 64-bit unsigned.
    U64,
}

/// An API server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Server {
    /// URL template, possibly with `{variables}`.
    pub url: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Variables of the URL template.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<ServerVariable>,
}

/// A variable in a server URL.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServerVariable {
    /// Its name.
    pub name: String,
    /// Its default value.
    pub default: String,
    /// Allowed values, if restricted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl Method {
    /// The method named `text` (any case), if it is one of OpenAPI's eight.
    pub fn parse(text: &str) -> Option<Method> {
        Some(match text.to_ascii_lowercase().as_str() {
            "get" => Method::Get,
            "put" => Method::Put,
            "post" => Method::Post,
            "delete" => Method::Delete,
            "options" => Method::Options,
            "head" => Method::Head,
            "patch" => Method::Patch,
            "trace" => Method::Trace,
            _ => return None,
        })
    }

    /// Upper-case name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

/// One API operation (a method on a path).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// The document's `operationId`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// Final method name, snake_case, unique in the API. Empty until the type space has run.
    pub name: String,
    /// Name segments the final name is made from (operationId, or method and path).
    pub hint: Vec<String>,
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `/users/{user_id}`.
    pub path: String,
    /// Tags, first one groups the operation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// One-line summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Documentation.
    #[serde(default, skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
    /// Parameters (path, query, header, cookie), path-level ones merged in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    /// The request body, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody>,
    /// Responses by status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Response>,
    /// Security requirements; `None` means the API-wide default applies, `Some(vec![])` means none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<SecurityRequirement>>,
    /// Where it was defined.
    pub origin: Origin,
    /// The sub-client it belongs to (index into [`Api::groups`]), from its first tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<usize>,
    /// Names of its generated items (set by the type space).
    #[serde(default, skip_serializing_if = "OperationNames::is_empty")]
    pub names: OperationNames,
    /// How its results come page by page, when recognized (see `typespace::pagination`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}

/// How a list operation's results come page by page: the query parameter that selects the next
/// page, and where the items and the next page's cue are in the success response. Every path is a
/// list of wire names from the success body (empty: the body itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pagination {
    /// The pattern.
    pub kind: PageKind,
    /// Wire name of the query parameter set for the next page.
    pub param: String,
    /// Where the items array is in the body (empty: the body is the array).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// [`PageKind::Cursor`]: where the next cursor is in the body (empty: see `item_cursor`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next: Vec<String>,
    /// [`PageKind::Cursor`]: the field of the last item that is the next cursor (Stripe's `id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_cursor: Option<String>,
    /// A boolean in the body that says whether more pages follow.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub has_more: Vec<String>,
    /// Who said so: `heuristic`, `user`, or the extension's name (`x-speakeasy-pagination`...).
    pub source: String,
    /// The stream method's name, snake_case (set by the type space).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub method: String,
}

/// A pagination pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// The parameter gets a cursor read from the page (a body field, or the last item's field).
    Cursor,
    /// The parameter is an item offset: it grows by the number of items received.
    Offset,
    /// The parameter is a page number: it grows by one (from 1 when unset).
    Page,
    /// The `Link` response header's `rel="next"` URL: the parameter gets its value from that URL's query.
    Link,
}

impl Operation {
    /// The named types the operation mentions directly: parameters, request bodies, response
    /// bodies and headers.
    pub fn named_ids(&self, out: &mut Vec<TypeId>) {
        self.parameters.iter().for_each(|p| p.ty.named_ids(out));
        if let Some(body) = &self.request_body {
            body.contents.iter().for_each(|c| c.ty.named_ids(out));
        }
        for response in &self.responses {
            response.contents.iter().for_each(|c| c.ty.named_ids(out));
            response.headers.iter().for_each(|h| h.ty.named_ids(out));
        }
    }
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a request header.
    Header,
    /// In a cookie.
    Cookie,
}

/// How a parameter value is serialized (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ParamStyle {
    /// `form` (query and cookie default).
    Form,
    /// `simple` (path and header default).
    Simple,
    /// `label` (`.value`).
    Label,
    /// `matrix` (`;name=value`).
    Matrix,
    /// `spaceDelimited`.
    SpaceDelimited,
    /// `pipeDelimited`.
    PipeDelimited,
    /// Array items joined with a tab (Swagger 2.0 `collectionFormat: tsv`; OpenAPI 3 has no such style).
    TabDelimited,
    /// `deepObject` (`name[key]=value`).
    DeepObject,
}

/// A parameter of an operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameter {
    /// Wire name.
    pub wire_name: String,
    /// Final argument/field name, snake_case, unique in the operation.
    pub name: String,
    /// Where it travels.
    pub location: ParamLocation,
    /// Must be given.
    pub required: bool,
    /// Value type.
    pub ty: Type,
    /// Serialization style.
    pub style: ParamStyle,
    /// Whether arrays and objects are exploded into several name/value pairs.
    pub explode: bool,
    /// Whether reserved characters are sent unencoded (query only).
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_reserved: bool,
    /// Documentation.
    #[serde(default, skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
}

impl Parameter {
    /// A required string path parameter named `wire_name`, serialized in the default `simple` style.
    pub fn path_string(wire_name: impl Into<String>) -> Parameter {
        Parameter {
            wire_name: wire_name.into(),
            name: String::new(),
            location: ParamLocation::Path,
            required: true,
            ty: Type::string(),
            style: ParamStyle::Simple,
            explode: false,
            allow_reserved: false,
            docs: Docs::default(),
        }
    }
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestBody {
    /// Must be sent.
    pub required: bool,
    /// One entry per media type, in document order.
    pub contents: Vec<Content>,
    /// Documentation.
    #[serde(default, skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
}

/// A body in one media type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// The media type as written (`application/json`, `multipart/form-data`...).
    pub media_type: String,
    /// The body type (`Binary` for raw bytes, `Any` when unspecified).
    pub ty: Type,
    /// Per-property encodings of multipart and form bodies (content types), by wire name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub encoding: Vec<(String, String)>,
}

impl Content {
    /// The stream format of this media type, when the body is a sequence of items read as they
    /// arrive rather than one document: `text/event-stream` (server-sent events) and
    /// `application/x-ndjson`, `application/jsonl`, `application/json-seq`, `application/x-jsonlines`
    /// (one JSON value per line). Frontends only record the media type; this is the one place that
    /// decides which media types stream.
    pub fn stream_format(&self) -> Option<StreamFormat> {
        stream_format(&self.media_type)
    }
}

/// How a streamed body is framed (see [`Content::stream_format`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StreamFormat {
    /// `text/event-stream`: server-sent events, each event's `data` one item.
    ServerSentEvents,
    /// Newline-delimited JSON (`application/x-ndjson`, `application/jsonl`...): one item per line.
    JsonLines,
}

/// The stream format of `media_type` (parameters such as `; charset=utf-8` ignored, any case).
pub fn stream_format(media_type: &str) -> Option<StreamFormat> {
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "text/event-stream" => Some(StreamFormat::ServerSentEvents),
        "application/x-ndjson"
        | "application/ndjson"
        | "application/jsonl"
        | "application/x-jsonl"
        | "application/jsonlines"
        | "application/x-jsonlines"
        | "application/json-seq" => Some(StreamFormat::JsonLines),
        _ => None,
    }
}

/// Which status codes a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// One status code.
    Code(u16),
    /// A class: `2` for `2XX`.
    Range(u16),
    /// Any status not listed.
    Default,
}

impl Status {
    /// A 2xx code or the `2XX` class (`default` is not: whether it is the success response depends
    /// on the other statuses, see `typespace::operations::successes`).
    pub fn is_success(self) -> bool {
        matches!(self, Status::Code(200..=299) | Status::Range(2))
    }
}

/// A response of an operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// Status it applies to.
    pub status: Status,
    /// Bodies by media type (empty for no body).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contents: Vec<Content>,
    /// Declared response headers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Header>,
    /// Documentation.
    #[serde(default, skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
}

/// A declared response header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Header name as on the wire.
    pub wire_name: String,
    /// Final field name, snake_case.
    pub name: String,
    /// Value type.
    pub ty: Type,
    /// Always present.
    pub required: bool,
    /// Documentation.
    #[serde(default, skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
}

/// A way to authenticate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecurityScheme {
    /// Key in `components/securitySchemes`.
    pub key: String,
    /// Final field name, snake_case, unique among schemes.
    pub name: String,
    /// What it is.
    pub kind: SecurityKind,
    /// Documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The kinds of security scheme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SecurityKind {
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        /// Parameter/header/cookie name.
        param: String,
        /// Where it is sent.
        location: ParamLocation,
    },
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// OAuth 2 (the client sends a bearer token obtained elsewhere).
    OAuth2,
    /// OpenID Connect (the client sends a bearer token obtained elsewhere).
    OpenIdConnect,
    /// Mutual TLS (3.1 `mutualTLS`): the client certificate is configured on the HTTP client itself.
    MutualTls,
    /// An HTTP scheme this tool does not implement, e.g. `digest`.
    OtherHttp {
        /// The scheme name.
        scheme: String,
    },
}

/// One way of satisfying security: all listed schemes together (an empty list means no auth).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityRequirement {
    /// Keys of [`SecurityScheme`]s that must all be applied.
    pub schemes: Vec<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}
