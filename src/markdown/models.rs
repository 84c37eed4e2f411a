//! Model pages → types: `## Fields` → struct, `## Values` → enum, `## Supported Types` → union.

use super::page::{Section, Table};
use super::typexpr::{self, TypeExpr};
use super::{Dialect, Doc, Index, MarkdownOptions, WireCase};
use crate::diagnostic::{Diagnostics, Kind};
use crate::ir::*;
use std::collections::BTreeSet;

/// One unnamed type per model page, to be filled in by [`Builder::model`].
pub fn placeholders(docs: &[Doc]) -> Vec<TypeDef> {
    docs.iter()
        .map(|doc| {
            let (title, line) = doc.page.title.clone().unwrap_or_default();
            TypeDef {
                name: String::new(),
                hint: NameHint { segments: vec![clean_title(&title)], declared: true },
                origin: Origin { file: doc.display.clone(), place: format!("line {line}") },
                docs: Docs::default(),
                kind: TypeKind::Alias { target: Type::Any },
                input_of: None,
            }
        })
        .collect()
}

/// The section that makes a page a model: its last `## Fields`, `## Values` or `## Supported Types`.
pub fn kind_section(page: &super::page::Page) -> Option<&Section> {
    page.sections.iter().rev().find(|s| matches!(s.title.trim(), "Fields" | "Values" | "Supported Types"))
}

/// Fields the SDKs add to their response wrappers (the HTTP exchange as the SDK saw it), compared
/// ignoring case and `_`: not API data.
const SDK_RESPONSE_FIELDS: [&str; 4] = ["contenttype", "statuscode", "rawresponse", "httpmeta"];

fn sdk_key(name: &str) -> String {
    name.chars().filter(|c| *c != '_').collect::<String>().to_ascii_lowercase()
}

/// Whether a `## Fields` table is an SDK response wrapper: it has `rawResponse` or `httpMeta`, or
/// both `contentType` and `statusCode` (a model with only a `status_code` field keeps it).
fn is_response_wrapper(names: &[String]) -> bool {
    let keys: BTreeSet<String> = names.iter().map(|n| sdk_key(n)).collect();
    keys.contains("rawresponse") || keys.contains("httpmeta") || (keys.contains("contenttype") && keys.contains("statuscode"))
}

/// The model name of a `# Title` (markdown marks and strike-through removed).
pub fn clean_title(title: &str) -> String {
    title.chars().filter(|c| !matches!(c, '`' | '*' | '~')).collect::<String>().trim().to_string()
}

/// Markdown cell or heading source → plain text: `<br/>` as newlines, entities decoded, marks kept.
pub fn cell_text(cell: &str) -> String {
    let mut text = cell.replace("<br/>", "\n").replace("<br>", "\n").replace("<br />", "\n");
    for (entity, plain) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
        text = text.replace(entity, plain);
    }
    text.trim().to_string()
}

/// A field name cell without its code or emphasis marks.
fn field_name(cell: &str) -> String {
    cell.trim().trim_matches(|c| matches!(c, '`' | '*' | '~')).replace("\\_", "_").trim().to_string()
}

/// Python keywords and builtins that the Python SDK generator suffixes with `_` (`date_`, `format_`):
/// the JSON property is the name without it.
const PYTHON_RESERVED: &[&str] = &[
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
    "date",
    "datetime",
    "format",
    "type",
    "hash",
    "input",
    "list",
    "dict",
    "json",
    "property",
    "bytes",
    "str",
    "int",
    "float",
    "bool",
    "set",
    "map",
    "filter",
    "range",
    "min",
    "max",
    "copyright",
    "credits",
    "license",
    "help",
    "all",
    "any",
    "open",
    "print",
    "id",
    "object",
    "next",
    "iter",
    "len",
    "vars",
    "dir",
    "schema",
    "fields",
];

/// `date_` → `date` when the name without the underscore is one the Python SDK had to rename.
fn python_wire_name(name: &str) -> String {
    match name.strip_suffix('_') {
        Some(stem) if !stem.ends_with('_') && PYTHON_RESERVED.contains(&stem) => stem.to_string(),
        _ => name.to_string(),
    }
}

/// A `## Fields` name that can be a property: letters, digits and `_ $ @ - .`, not starting with a digit.
fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '@' | '-' | '.'))
}

/// Reads model pages into the type list.
pub struct Builder<'a> {
    /// Where pages are.
    pub index: &'a Index,
    /// One type per model page, then inline types.
    pub types: &'a mut Vec<TypeDef>,
    /// Errors and warnings.
    pub diags: &'a mut Diagnostics,
    /// Options.
    pub options: &'a MarkdownOptions,
    /// Pages (one entry per field) whose SDK response-wrapper fields were left out.
    pub left_out: Vec<String>,
    /// Models that are SDK response wrappers (fields left out): an operation's response of such a
    /// type is the wrapper's remaining field.
    pub wrappers: BTreeSet<TypeId>,
}

/// A lowered field type with its flags.
struct Lowered {
    ty: Type,
    nullable: bool,
}

impl Builder<'_> {
    /// Fills in the type of model page `id`.
    pub fn model(&mut self, id: TypeId, doc: &Doc) {
        let Some((title, _)) = &doc.page.title else {
            self.diags.push(doc.at(1, true, Kind::MdNoTitle, "no `# Title`: a model page starts with `# Name`"));
            return;
        };
        let name = clean_title(title);
        if name.is_empty() {
            self.diags.push(doc.at(doc.page.title.as_ref().map_or(1, |t| t.1), true, Kind::MdNoTitle, "the `# Title` is empty"));
            return;
        }
        let description = doc.page.intro.paragraphs.iter().map(|p| cell_text(p)).collect::<Vec<_>>().join("\n\n");
        self.types[id.0].docs.description = Some(description).filter(|d| !d.is_empty());
        let kind = match kind_section(&doc.page) {
            Some(section) if section.title.trim() == "Fields" => self.fields(&name, doc, section),
            Some(section) if section.title.trim() == "Values" => self.values(id, doc, section),
            Some(section) => self.supported_types(&name, doc, section),
            None => {
                self.diags.push(doc.at(
                    doc.page.title.as_ref().map_or(1, |t| t.1),
                    true,
                    Kind::MdNoKind,
                    "no `## Fields`, `## Values` or `## Supported Types` section: not a model page",
                ));
                return;
            }
        };
        if let Some(kind) = kind {
            self.types[id.0].kind = kind;
        }
        if self.left_out.last() == Some(&doc.display) {
            self.wrappers.insert(id);
        }
    }

    /// `## Fields` → struct (an empty or absent table → a free-form object).
    fn fields(&mut self, model: &str, doc: &Doc, section: &Section) -> Option<TypeKind> {
        let Some(table) = section.tables.first() else {
            if let Some(text) = section.paragraphs.iter().find(|p| p.trim_start().starts_with('|')) {
                let first = text.lines().next().unwrap_or("");
                self.diags.push(doc.at(
                    section.line,
                    true,
                    Kind::MdBadTable,
                    format!("`{first}` under `## Fields` is not a table: the header and `---` rows must have the same number of cells"),
                ));
                return None;
            }
            return Some(TypeKind::Map { value: Type::Any });
        };
        let columns = self.columns(doc, table, &["field", "type", "required", "description"])?;
        let integral = integral_example_fields(doc);
        let mut seen = BTreeSet::new();
        let mut wire_names = std::collections::BTreeMap::new();
        let mut fields = Vec::new();
        let mut additional = None;
        let shown: Vec<String> = table.rows.iter().map(|(_, cells)| field_name(&cells[columns[0]])).collect();
        let wrapper = is_response_wrapper(&shown);
        for (line, cells) in &table.rows {
            let shown = field_name(&cells[columns[0]]);
            if wrapper && SDK_RESPONSE_FIELDS.contains(&sdk_key(&shown).as_str()) {
                self.left_out.push(doc.display.clone());
                continue;
            }
            // Only the Python SDK renames reserved words (`date_`); a name never ends in `_` otherwise.
            let name = if doc.dialect == Dialect::Go { shown.clone() } else { python_wire_name(&shown) };
            if name.is_empty() {
                self.diags.push(doc.at(*line, true, Kind::MdEmptyField, "empty field name"));
                continue;
            }
            if !is_valid_name(&name) {
                self.diags.push(doc.at(*line, true, Kind::MdBadName, format!("field name `{name}` is not a valid identifier")));
                continue;
            }
            if !seen.insert(name.clone()) {
                self.diags.push(doc.at(*line, true, Kind::MdDuplicateField, format!("field `{name}` is listed twice")));
                continue;
            }
            let wire_name = self.wire_name(model, &name, doc.dialect);
            if let Some(other) = wire_names.insert(wire_name.clone(), name.clone()) {
                self.diags.push(doc.at(
                    *line,
                    true,
                    Kind::MdDuplicateField,
                    format!("field `{name}` has the wire name `{wire_name}`, like `{other}`"),
                ));
                continue;
            }
            let override_type = self.options.field_types.iter().find(|(at, _)| at == &format!("{model}.{name}")).map(|(_, ty)| ty.as_str());
            let type_cell = override_type.unwrap_or(&cells[columns[1]]);
            let expr = match typexpr::parse(type_cell) {
                Ok(expr) => expr,
                Err(message) => {
                    self.diags.push(doc.at(*line, false, Kind::MdBadType, format!("field `{name}`: {message}; using any JSON value")));
                    TypeExpr::Any
                }
            };
            let required = match required_cell(&cells[columns[2]]) {
                Some(required) => required,
                None => {
                    let cell = &cells[columns[2]];
                    self.diags.push(doc.at(*line, true, Kind::MdBadRequired, format!("field `{name}`: Required cell `{cell}` is not ✔️/➖")));
                    continue;
                }
            };
            let hint = vec![model.to_string(), name.clone()];
            let number_is_integer = integral.contains(&name);
            let lowered = self.lower(&expr, doc, *line, &hint, number_is_integer);
            // How the SDKs show `additionalProperties`: a map-typed pseudo-field.
            if matches!(name.as_str(), "__pydantic_extra__" | "additionalProperties" | "additional_properties") {
                let value = match lowered.ty {
                    Type::Map { values } => *values,
                    _ => Type::Any,
                };
                additional = Some(Additional { name: String::new(), value });
                continue;
            }
            let mut description = cell_text(&cells[columns[3]]);
            if description == "N/A" {
                description.clear();
            }
            for (i, header) in table.header.iter().enumerate() {
                if !columns.contains(&i) && !cells[i].trim().is_empty() {
                    let extra = cell_text(&cells[i]).replace('\n', " ");
                    description = format!("{description}\n\n{}: `{}`", cell_text(header), extra.replace('`', "'")).trim().to_string();
                }
            }
            // `~~Name~~`; the warning as TypeScript and Python print it (`:warning: **DEPRECATED**`) and as
            // Go docs do (`: warning: ** DEPRECATED **`).
            let deprecated =
                cells[columns[0]].trim().starts_with("~~") || description.contains("**DEPRECATED**") || description.contains("** DEPRECATED **");
            fields.push(Field {
                wire_name,
                name: String::new(),
                ty: lowered.ty,
                required,
                nullable: lowered.nullable,
                default: None,
                read_only: false,
                write_only: false,
                docs: Docs { description: Some(description).filter(|d| !d.is_empty()), deprecated, ..Docs::default() },
            });
        }
        Some(TypeKind::Struct(Struct { fields, additional, newtype: None }))
    }

    /// The JSON name of field `name` (as the docs show it) of `model`: the `--wire-name` override,
    /// else the dialect's rule: Go docs show Go field names (`CreatedAt`), whose wire name is their
    /// snake_case (`created_at`) unless `--wire-case` asks for another case; the other dialects show
    /// the wire name, changed only by `--wire-case`.
    fn wire_name(&self, model: &str, name: &str, dialect: Dialect) -> String {
        let at = format!("{model}.{name}");
        if let Some((_, wire)) = self.options.wire_names.iter().find(|(field, _)| *field == at) {
            return wire.clone();
        }
        match (dialect, self.options.wire_case) {
            (Dialect::Go, WireCase::AsIs) => super::go_snake_case(name),
            (_, case) => case.apply(name),
        }
    }

    /// Column indexes of `wanted` (by lowercase header), or an error naming the missing one.
    fn columns(&mut self, doc: &Doc, table: &Table, wanted: &[&str]) -> Option<Vec<usize>> {
        let header: Vec<String> = table.header.iter().map(|h| cell_text(h).to_lowercase()).collect();
        let mut found = Vec::new();
        for want in wanted {
            let aliases: &[&str] = match *want {
                "field" => &["field", "name", "parameter"],
                _ => std::slice::from_ref(want),
            };
            match header.iter().position(|h| aliases.contains(&h.as_str())) {
                Some(i) => found.push(i),
                None => {
                    let shown = table.header.join(" | ");
                    self.diags.push(doc.at(table.line, true, Kind::MdMissingColumn, format!("table has no `{want}` column (header: {shown})")));
                    return None;
                }
            }
        }
        for &(line, width) in &table.raw_widths {
            if width != table.header.len() {
                let expected = table.header.len();
                self.diags.push(doc.at(line, true, Kind::MdRaggedTable, format!("row has {width} cells but the header has {expected}")));
                return None;
            }
        }
        Some(found)
    }

    /// `## Values`: a `Name | Value` table or a TypeScript `"a" | "b" | Unrecognized<string>` block.
    fn values(&mut self, id: TypeId, doc: &Doc, section: &Section) -> Option<TypeKind> {
        let open_note = doc.text.contains("Open enum") || doc.text.contains("Unrecognized<");
        let mut literals: Vec<(usize, serde_json::Value)> = Vec::new();
        let mut constants: Vec<(String, serde_json::Value)> = Vec::new();
        if let Some(table) = section.tables.first() {
            let columns = self.columns(doc, table, &["value"])?;
            let name_column = table.header.iter().position(|h| cell_text(h).eq_ignore_ascii_case("name"));
            let raw: Vec<(usize, String)> =
                table.rows.iter().map(|(line, cells)| (*line, cell_text(&cells[columns[0]]).trim_matches('`').to_string())).collect();
            let all_integers = !raw.is_empty() && raw.iter().all(|(_, v)| v.parse::<i64>().is_ok());
            for (row, (line, value)) in raw.into_iter().enumerate() {
                let literal: serde_json::Value = match value.parse::<i64>() {
                    Ok(n) if all_integers => n.into(),
                    _ => value.into(),
                };
                if let Some(i) = name_column {
                    constants.push((field_name(&table.rows[row].1[i]), literal.clone()));
                }
                literals.push((line, literal));
            }
        } else if let Some(block) = section.code.first() {
            let text: String = block.text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join(" ");
            for member in split_top_level_pipes(&text) {
                let member = member.trim();
                if member.is_empty() || member.starts_with("Unrecognized<") {
                    continue;
                }
                match typexpr::parse(member) {
                    Ok(TypeExpr::Literal(value)) => literals.push((block.line, value)),
                    Ok(_) | Err(_) => {
                        self.diags.push(doc.at(
                            block.line,
                            true,
                            Kind::MdBadEnum,
                            format!("enum value `{member}` is not a string or integer literal"),
                        ));
                        return None;
                    }
                }
            }
        } else {
            self.diags.push(doc.at(section.line, true, Kind::MdBadEnum, "`## Values` has neither a table nor a code block"));
            return None;
        }
        let mut values = Vec::new();
        let mut seen = BTreeSet::new();
        for (line, literal) in literals {
            let value = match literal {
                serde_json::Value::String(s) => Literal::Str(s),
                serde_json::Value::Number(n) if n.as_i64().is_some() => Literal::Int(n.as_i64().unwrap_or_default()),
                other => {
                    self.diags.push(doc.at(line, true, Kind::MdBadEnum, format!("enum value {other} is not a string or integer")));
                    return None;
                }
            };
            if seen.insert(format!("{value:?}")) {
                values.push(EnumValue { value, name: String::new(), name_hint: None, docs: Docs::default() });
            }
        }
        if values.is_empty() {
            self.diags.push(doc.at(section.line, true, Kind::MdBadEnum, "`## Values` lists no values"));
            return None;
        }
        // Examples: the page's own (`value = Status.PENDING`, `let value: Status = "pending";`) first,
        // then every value, so that `--example-tests` round-trips each of them.
        let mut examples: Vec<serde_json::Value> = usage_literal(doc, &constants).into_iter().collect();
        for value in &values {
            let json = match &value.value {
                Literal::Str(s) => serde_json::Value::from(s.clone()),
                Literal::Int(n) => serde_json::Value::from(*n),
            };
            if !examples.contains(&json) {
                examples.push(json);
            }
        }
        let id_docs = &mut self.types[id.0].docs;
        id_docs.examples = examples;
        Some(TypeKind::Enum(Enum { values, open: open_note, fallback: String::new() }))
    }

    /// `## Supported Types`: one `###` per member type.
    fn supported_types(&mut self, model: &str, doc: &Doc, section: &Section) -> Option<TypeKind> {
        let mut variants: Vec<Variant> = Vec::new();
        for sub in &section.subsections {
            // Go docs print each member as a constructor call whose argument is the member type
            // (`shared.CreateInputStr(string{/* values here */})`); the `###` title may be empty.
            let written = match (doc.dialect, sub.code.first().and_then(|b| go_member_type(&b.text))) {
                (Dialect::Go, Some(member)) => member,
                _ => sub.title.clone(),
            };
            let expr = match typexpr::parse(&written) {
                Ok(expr) => expr,
                Err(message) => {
                    self.diags.push(doc.at(sub.line, true, Kind::MdBadType, format!("union member `{written}`: {message}")));
                    return None;
                }
            };
            if expr == TypeExpr::Null {
                continue; // `null` as a member: the fields using this union carry the nullability.
            }
            let hint = vec![model.to_string(), format!("Variant{}", variants.len())];
            let lowered = self.lower(&expr, doc, sub.line, &hint, false);
            if !variants.iter().any(|v| v.ty == lowered.ty) {
                variants.push(Variant { name: String::new(), hint: String::new(), ty: lowered.ty, tags: Vec::new() });
            }
        }
        if variants.is_empty() {
            self.diags.push(doc.at(section.line, true, Kind::MdEmptyUnion, "`## Supported Types` has no `###` member types"));
            return None;
        }
        if let [single] = variants.as_slice() {
            // One member: the same as that member, as for a one-element `oneOf`.
            return Some(TypeKind::Alias { target: single.ty.clone() });
        }
        Some(TypeKind::Union(Union { variants, discriminator: None, fallback: String::new() }))
    }

    /// The type of a parameter or response (nullability folded into the type).
    pub fn lower_type(&mut self, expr: &TypeExpr, doc: &Doc, line: usize, hint: &[String]) -> Type {
        let lowered = self.lower(expr, doc, line, hint, false);
        wrap_nullable(lowered)
    }

    /// A type expression in the intermediate model. Inline unions and literal sets become new types
    /// named from `hint`.
    fn lower(&mut self, expr: &TypeExpr, doc: &Doc, line: usize, hint: &[String], integral: bool) -> Lowered {
        let plain = |ty| Lowered { ty, nullable: false };
        match expr {
            TypeExpr::String => plain(Type::string()),
            TypeExpr::Integer => plain(Type::Integer { width: IntWidth::I64 }),
            TypeExpr::Float => plain(Type::Number { single: false }),
            TypeExpr::Number if integral => plain(Type::Integer { width: IntWidth::I64 }),
            TypeExpr::Number => plain(Type::Number { single: false }),
            TypeExpr::Boolean => plain(Type::Boolean),
            TypeExpr::DateTime => plain(Type::DateTime),
            TypeExpr::Date => plain(Type::Date),
            TypeExpr::Any => plain(Type::Any),
            TypeExpr::Binary => plain(Type::Binary),
            TypeExpr::Null => Lowered { ty: Type::Any, nullable: true },
            TypeExpr::Literal(value) => plain(match value {
                serde_json::Value::Bool(_) => Type::Boolean,
                serde_json::Value::Number(n) if n.is_i64() => Type::Integer { width: IntWidth::I64 },
                serde_json::Value::Number(_) => Type::Number { single: false },
                _ => Type::string(),
            }),
            TypeExpr::Ref { name, link } => match self.index.resolve(&doc.path, name, link.as_deref()) {
                Some(id) => plain(Type::Named { id, boxed: false }),
                None => {
                    let target = link.clone().unwrap_or_else(|| name.clone());
                    self.diags.push(doc.at(
                        line,
                        false,
                        Kind::MdMissingLink,
                        format!("`{name}` links to `{target}`, which is not among the docs read; using any JSON value"),
                    ));
                    plain(Type::Any)
                }
            },
            TypeExpr::Array(inner) => {
                let item = self.lower(inner, doc, line, &with(hint, "Item"), integral);
                plain(Type::Array { items: Box::new(wrap_nullable(item)) })
            }
            TypeExpr::Map(inner) => {
                let value = self.lower(inner, doc, line, &with(hint, "Value"), integral);
                plain(Type::Map { values: Box::new(wrap_nullable(value)) })
            }
            TypeExpr::Optional(inner) => self.lower(inner, doc, line, hint, integral),
            TypeExpr::Nullable(inner) => {
                let inner = self.lower(inner, doc, line, hint, integral);
                Lowered { ty: inner.ty, nullable: true }
            }
            TypeExpr::Union(members) => self.union(members, doc, line, hint, integral),
            TypeExpr::External { text, url } => {
                self.diags.push(doc.at(
                    line,
                    false,
                    Kind::MdOutsideLink,
                    format!("`{text}` links outside the docs ({url}): a type the docs do not describe; using any JSON value"),
                ));
                plain(Type::Any)
            }
        }
    }

    fn union(&mut self, members: &[TypeExpr], doc: &Doc, line: usize, hint: &[String], integral: bool) -> Lowered {
        let nullable = members.iter().any(|m| matches!(m, TypeExpr::Null));
        let rest: Vec<&TypeExpr> = members.iter().filter(|m| !matches!(m, TypeExpr::Null)).collect();
        if let [single] = rest.as_slice() {
            let inner = self.lower(single, doc, line, hint, integral);
            return Lowered { ty: inner.ty, nullable: nullable || inner.nullable };
        }
        let literals: Option<Vec<Literal>> = rest
            .iter()
            .map(|m| match m {
                TypeExpr::Literal(serde_json::Value::String(s)) => Some(Literal::Str(s.clone())),
                TypeExpr::Literal(serde_json::Value::Number(n)) => n.as_i64().map(Literal::Int),
                _ => None,
            })
            .collect();
        let same_kind =
            literals.as_ref().is_some_and(|l| l.iter().all(|v| matches!(v, Literal::Str(_))) || l.iter().all(|v| matches!(v, Literal::Int(_))));
        let kind = match literals {
            Some(values) if same_kind => TypeKind::Enum(Enum {
                values: values.into_iter().map(|value| EnumValue { value, name: String::new(), name_hint: None, docs: Docs::default() }).collect(),
                open: false,
                fallback: String::new(),
            }),
            _ => {
                let mut variants: Vec<Variant> = Vec::new();
                let mut nested_null = false;
                for (i, member) in rest.iter().enumerate() {
                    let lowered = self.lower(member, doc, line, &with(hint, &format!("Variant{i}")), integral);
                    nested_null |= lowered.nullable;
                    if !variants.iter().any(|v| v.ty == lowered.ty) {
                        variants.push(Variant { name: String::new(), hint: String::new(), ty: lowered.ty, tags: Vec::new() });
                    }
                }
                if let [single] = variants.as_slice() {
                    return Lowered { ty: single.ty.clone(), nullable: nullable || nested_null };
                }
                TypeKind::Union(Union { variants, discriminator: None, fallback: String::new() })
            }
        };
        let id = TypeId(self.types.len());
        self.types.push(TypeDef {
            name: String::new(),
            hint: NameHint { segments: hint.to_vec(), declared: false },
            origin: Origin { file: doc.display.clone(), place: format!("line {line}") },
            docs: Docs::default(),
            kind,
            input_of: None,
        });
        Lowered { ty: Type::Named { id, boxed: false }, nullable }
    }
}

fn with(hint: &[String], segment: &str) -> Vec<String> {
    let mut out = hint.to_vec();
    out.push(segment.to_string());
    out
}

fn wrap_nullable(lowered: Lowered) -> Type {
    if lowered.nullable && lowered.ty != Type::Any {
        Type::Nullable { inner: Box::new(lowered.ty) }
    } else {
        lowered.ty
    }
}

/// The member type of a Go union member's constructor call, `x := shared.CreateXY(TYPE{/* values here */})`
/// → `TYPE` (`string`, `[]int64`, `shared.AssistantToolsCode`).
fn go_member_type(code: &str) -> Option<String> {
    let line = code.lines().find(|l| l.contains(":=") || l.contains('('))?;
    let (_, call) = line.split_once('(')?;
    let end = call.find("{/*").or_else(|| call.rfind('{')).or_else(|| call.rfind(')'))?;
    let ty = call[..end].trim();
    (!ty.is_empty()).then(|| ty.to_string())
}

/// A Required cell, in model tables and operation parameter tables alike: `:heavy_check_mark:`,
/// `:white_check_mark:`, ✔️, ✅, yes, true → true; `:heavy_minus_sign:`, ➖, no, false → false.
pub(super) fn required_cell(cell: &str) -> Option<bool> {
    let cell = cell.trim();
    if cell.contains("_check_mark:")
        || cell.contains('✔')
        || cell.contains('✅')
        || cell.eq_ignore_ascii_case("yes")
        || cell.eq_ignore_ascii_case("true")
    {
        Some(true)
    } else if cell.contains(":heavy_minus_sign:") || cell.contains('➖') || cell.eq_ignore_ascii_case("no") || cell.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Splits `a | b | "c|d"` on `|` outside quotes and brackets.
fn split_top_level_pipes(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '<' | '[' | '(') => depth += 1,
            (None, '>' | ']' | ')') => depth -= 1,
            (None, '|') if depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

/// Field names that an `## Example Usage` block shows with an integral number (`createdAt: 182414,`
/// or `created_at=182414,`): the rule that decides TypeScript's `number` (integral → `i64`).
fn integral_example_fields(doc: &Doc) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let Some(section) = doc.page.section("Example Usage") else { return names };
    for block in &section.code {
        for line in block.text.lines() {
            let line = line.trim().trim_end_matches(',');
            let Some((name, value)) = line.split_once(':').or_else(|| line.split_once('=')) else { continue };
            let name = name.trim().trim_matches('"');
            let value = value.trim();
            if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') && !value.is_empty() && value.parse::<i64>().is_ok() {
                names.insert(name.to_string());
            }
        }
    }
    names
}

/// The value an `## Example Usage` block assigns when it is a plain literal: JSON (`"pending"`, `3`)
/// or an enum constant (`ActorTokenStatus.PENDING`) looked up in the page's Name column.
fn usage_literal(doc: &Doc, constants: &[(String, serde_json::Value)]) -> Option<serde_json::Value> {
    let section = doc.page.section("Example Usage")?;
    for block in &section.code {
        for line in block.text.lines() {
            let line = line.trim();
            let Some((left, right)) = line.split_once('=') else { continue };
            let left = left.trim();
            if !(left == "value" || left.starts_with("let value") || left.starts_with("const value") || left.starts_with("value:")) {
                continue;
            }
            let right = right.trim().trim_end_matches(';').trim();
            if let Ok(json) = serde_json::from_str::<serde_json::Value>(right) {
                if json.is_string() || json.is_number() {
                    return Some(json);
                }
            }
            if let Some((_, constant)) = right.rsplit_once('.') {
                if let Some((_, value)) = constants.iter().find(|(name, _)| name == constant) {
                    return Some(value.clone());
                }
            }
        }
    }
    None
}

/// Reports models whose fields reach themselves only through required, non-list links: such a
/// value could never be written down. (Recursion through lists, maps or optional fields is fine and
/// is boxed by the type space.)
pub fn check_link_cycles(docs: &[Doc], types: &[TypeDef], diags: &mut Diagnostics) {
    let n = docs.len().min(types.len());
    let mut succ: Vec<Vec<TypeId>> = vec![Vec::new(); n];
    for (i, def) in types.iter().enumerate().take(n) {
        if let TypeKind::Struct(s) = &def.kind {
            for field in s.fields.iter().filter(|f| f.required && !f.nullable) {
                if let Type::Named { id, .. } = field.ty {
                    if id.0 < n {
                        succ[i].push(id);
                    }
                }
            }
        }
    }
    // One report per strongly connected component (the type space's Tarjan), at its first page,
    // naming its shortest cycle through that page: linear in the links, however dense.
    let comp = crate::typespace::cycles::components(n, &succ);
    let mut reported = BTreeSet::new();
    for start in 0..n {
        if !reported.insert(comp[start]) {
            continue;
        }
        let mut parent: Vec<Option<usize>> = vec![None; n];
        let mut queue = std::collections::VecDeque::from([start]);
        let mut last = None;
        while let Some(node) = queue.pop_front() {
            if succ[node].iter().any(|t| t.0 == start) {
                last = Some(node);
                break;
            }
            for &TypeId(next) in &succ[node] {
                if comp[next] == comp[start] && next != start && parent[next].is_none() {
                    parent[next] = Some(node);
                    queue.push_back(next);
                }
            }
        }
        let Some(mut node) = last else { continue };
        let mut path = vec![node];
        while let Some(previous) = parent[node] {
            path.push(previous);
            node = previous;
        }
        path.reverse();
        let names: Vec<String> = path.iter().chain([&start]).map(|&i| types[i].hint.segments.join("")).collect();
        let line = docs[start].page.title.as_ref().map_or(1, |t| t.1);
        diags.push(docs[start].at(
            line,
            true,
            Kind::MdLinkCycle,
            format!("required fields link in a cycle ({}): no value of these types can exist", names.join(" → ")),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_cells_in_both_dialects() {
        assert_eq!(required_cell(":heavy_check_mark:"), Some(true));
        assert_eq!(required_cell("✔️"), Some(true));
        assert_eq!(required_cell(":heavy_minus_sign:"), Some(false));
        assert_eq!(required_cell("➖"), Some(false));
        assert_eq!(required_cell("maybe"), None);
        // What operation parameter tables accepted before they shared this parser.
        assert_eq!(required_cell(":white_check_mark:"), Some(true));
        assert_eq!(required_cell("✔"), Some(true));
        assert_eq!(required_cell("Yes"), Some(true));
        assert_eq!(required_cell("false"), Some(false));
    }

    #[test]
    fn dense_link_graphs_are_checked_fast() {
        let dir = tempfile::tempdir().unwrap();
        let names: Vec<String> = (0..25).map(|i| format!("M{i}")).collect();
        for name in &names {
            let mut page = format!("# {name}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n");
            for other in names.iter().filter(|o| *o != name) {
                page.push_str(&format!(
                    "| `{}` | [models.{other}]({}.md) | :heavy_check_mark: | link |\n",
                    other.to_lowercase(),
                    other.to_lowercase()
                ));
            }
            std::fs::write(dir.path().join(format!("{}.md", name.to_lowercase())), page).unwrap();
        }
        let started = std::time::Instant::now();
        let mut diags = Diagnostics::new(false);
        let options = MarkdownOptions::default();
        let inputs = [dir.path().to_path_buf()];
        let pages = super::super::load(&inputs).unwrap();
        let _ = super::super::convert(&inputs, pages, &options, &mut diags);
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
        let cycles: Vec<_> = diags.into_vec().into_iter().filter(|d| d.kind == Kind::MdLinkCycle).collect();
        assert_eq!(cycles.len(), 1, "{cycles:?}");
        assert!(cycles[0].message.contains("(M0 → M1 → M0)"), "{}", cycles[0].message);
    }

    #[test]
    fn cells_become_text() {
        assert_eq!(cell_text("a<br/>b &amp; &lt;c&gt;"), "a\nb & <c>");
        assert_eq!(field_name("`user\\_id`"), "user_id");
        assert_eq!(field_name("~~`chunkSize`~~"), "chunkSize");
        assert_eq!(python_wire_name("date_"), "date");
        assert_eq!(python_wire_name("format_"), "format");
        assert_eq!(python_wire_name("name_"), "name_");
        assert_eq!(python_wire_name("__pydantic_extra__"), "__pydantic_extra__");
        assert!(is_valid_name("$ref") && is_valid_name("user_id") && !is_valid_name("1st") && !is_valid_name("a b"));
        assert_eq!(go_member_type("input := shared.CreateInputArrayOfstr([]string{/* values here */})\n").as_deref(), Some("[]string"));
        assert_eq!(
            go_member_type("t := shared.CreateToolsAssistantToolsCode(shared.AssistantToolsCode{/* values here */})").as_deref(),
            Some("shared.AssistantToolsCode")
        );
        assert!(is_response_wrapper(&["ContentType".into(), "StatusCode".into(), "Body".into()]));
        assert!(is_response_wrapper(&["rawResponse".into()]));
        assert!(!is_response_wrapper(&["status_code".into(), "url".into()]));
    }

    #[test]
    fn enum_code_blocks_split_on_top_level_pipes() {
        assert_eq!(split_top_level_pipes(r#""a|b" | "c" | Unrecognized<string>"#), vec![r#""a|b" "#, r#" "c" "#, " Unrecognized<string>"]);
    }
}
