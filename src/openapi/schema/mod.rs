//! Schemas to intermediate-model types, read from the raw JSON of the document.
//!
//! Every schema used somewhere becomes a [`Shape`] (a type expression plus nullability). Schemas that
//! need a name of their own (objects, enums, unions, merged `allOf`s, and every component) become a
//! [`TypeDef`] carrying a *name hint* from the path they were found at; the type space names them later.
//! Named targets are registered before their body is converted, so recursive schemas terminate.
//!
//! Schemas are read as JSON (see [`SchemaView`]), not through `openapiv3`, so OpenAPI 3.0, 3.1 (JSON
//! Schema 2020-12) and Swagger 2.0 schemas keep their full meaning.

mod keywords;
mod objects;
mod unions;

pub use keywords::hint_from_pointer;

use super::refs::{self, RefProblem, Target};
use super::view::{SchemaView, UNSUPPORTED_SHAPE_KEYWORDS};
use crate::diagnostic::{Diagnostic, Diagnostics, Kind, Place};
use crate::error::{Error, Result};
use crate::ir::*;
use crate::pointer;
use crate::source::{DocId, DocumentStore};
use keywords::{docs_of, enum_of, int_width, string_type};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// A type expression and whether `null` is allowed.
#[derive(Debug, Clone)]
pub struct Shape {
    /// The non-null type.
    pub ty: Type,
    /// `null` is allowed.
    pub nullable: bool,
}

impl Shape {
    fn any() -> Shape {
        Shape { ty: Type::Any, nullable: false }
    }

    /// The type with nullability folded in (for array items, map values).
    pub fn into_type(self) -> Type {
        if self.nullable {
            self.ty.nullable()
        } else {
            self.ty
        }
    }
}

/// Where a schema sits: its document, its JSON pointer and the name hint for types made from it.
#[derive(Debug, Clone)]
pub struct Loc {
    /// Document holding the schema.
    pub doc: DocId,
    /// JSON pointer with leading `#`.
    pub pointer: String,
    /// Name segments for a type created here.
    pub hint: Vec<String>,
}

impl Loc {
    /// The place `tokens` below this one, with `segment` appended to the name hint.
    pub fn child(&self, tokens: &[&str], segment: Option<&str>) -> Loc {
        let pointer = pointer::join(&self.pointer, tokens);
        let mut hint = self.hint.clone();
        hint.extend(segment.map(str::to_owned));
        Loc { doc: self.doc, pointer, hint }
    }

    fn target(&self) -> Target {
        Target { doc: self.doc, pointer: self.pointer.clone() }
    }
}

#[derive(Clone, Copy)]
struct Named {
    id: TypeId,
    nullable: bool,
}

/// How a schema is turned into a type.
enum Class {
    /// Declared properties: a struct.
    Struct,
    /// `enum`/`const` values, or a `oneOf`/`anyOf` of `const`s: an enum.
    Enum,
    /// `oneOf`/`anyOf` members, by keyword: a union.
    Union(&'static str),
    /// A 3.1 `type` list with several non-null types: an untagged union of those types.
    TypeUnion,
    /// `allOf`, or a `$ref` with shaping siblings: one merged struct.
    Merge,
    /// Exactly one member matters (`oneOf: [X, null]`, `allOf: [X]`): that member, at keyword/index.
    Wrapper(&'static str, usize),
    /// A primitive, array, map or free-form value.
    Expr,
}

/// Converts schemas of one API into named types and type expressions.
pub struct Converter<'s> {
    /// Loaded documents (external `$ref` targets are loaded on demand).
    pub store: &'s mut DocumentStore,
    /// Warnings collected so far.
    pub diags: &'s mut Diagnostics,
    /// Named types created so far.
    pub types: Vec<TypeDef>,
    named: HashMap<Target, Named>,
    /// Targets being converted (a set: membership is what matters, and chains can be 10,000 long).
    ref_stack: HashSet<Target>,
    /// Targets whose `$ref`-after-`$ref` chain is known to reach content (never loops).
    chains_reach_content: HashSet<Target>,
    /// Fields produced by merging `allOf` so far (see [`MERGED_FIELDS_LIMIT`]).
    merged_fields: usize,
    /// Inline schemas being converted, by location. `allOf` copies a parent's property schemas into
    /// the child, so a property that extends its own parent reaches the same inline schema again
    /// while converting it: that inner visit is the type being built (a recursive type), not a copy.
    inline_stack: HashMap<Target, TypeId>,
    /// Typed objects read through `$ref` (a parameter, a response...), by document, pointer and
    /// type: documents refer to the same ones from many operations (Clerk: 1,072 times).
    pub typed_fragments: HashMap<(DocId, String, std::any::TypeId), Box<dyn std::any::Any>>,
}

/// At most this many fields may come out of `allOf` merging in one document. Merging copies every
/// parent's properties into each child, so a chain of n schemas each extending the next yields n²/2
/// fields (10,000 links: 50 million, gigabytes of code). Real documents stay far below: Microsoft
/// Graph beta, the largest of the corpus, has 43,000 fields in all.
pub const MERGED_FIELDS_LIMIT: usize = 500_000;

impl<'s> Converter<'s> {
    /// A converter over `store`, reporting to `diags`.
    pub fn new(store: &'s mut DocumentStore, diags: &'s mut Diagnostics) -> Self {
        Converter {
            store,
            diags,
            types: Vec::new(),
            named: HashMap::new(),
            ref_stack: HashSet::new(),
            chains_reach_content: HashSet::new(),
            merged_fields: 0,
            inline_stack: HashMap::new(),
            typed_fragments: HashMap::new(),
        }
    }

    fn warn(&mut self, kind: Kind, doc: DocId, pointer: &str, message: impl Into<String>) -> Result<()> {
        let diagnostic = Diagnostic::warning(kind, &self.store.get(doc).display, Place::Pointer(pointer.to_string()), message);
        self.diags.push(diagnostic.clone());
        if self.diags.has_errors() {
            return Err(Error::input(diagnostic));
        }
        Ok(())
    }

    /// The JSON of a document, shared so that schemas can be read while the converter changes.
    fn json(&self, doc: DocId) -> Rc<Value> {
        self.store.get(doc).value.clone()
    }

    /// Declares the schema at `target` as a named type (used for every component schema).
    pub fn declare(&mut self, target: Target) -> Result<()> {
        self.named_target(target).map(|_| ())
    }

    /// The shape of the schema found at `at` (its document and pointer), inline or `$ref`.
    /// Types made from it are named after `at.hint`.
    pub fn shape_at(&mut self, at: &Loc) -> Result<Shape> {
        let json = self.json(at.doc);
        let Some(schema) = pointer::resolve(&json, &at.pointer) else {
            return Err(Error::input(Diagnostic::error(
                Kind::DanglingRef,
                &self.store.get(at.doc).display,
                Place::Pointer(at.pointer.clone()),
                "$ref target does not exist",
            )));
        };
        self.shape(schema, at)
    }

    /// The shape of the schema `schema`, which sits at `at`.
    fn shape(&mut self, schema: &Value, at: &Loc) -> Result<Shape> {
        let view = SchemaView::of(schema);
        if !self.readable(&view, at)? {
            return Ok(Shape::any());
        }
        if let Some(reference) = view.reference.filter(|_| !view.shaping_siblings_of_ref()) {
            let shape = self.shape_of_ref(reference, at)?;
            return Ok(Shape { ty: shape.ty, nullable: shape.nullable || view.nullable });
        }
        match classify(&view) {
            Class::Expr => self.expr(&view, at),
            Class::Wrapper(keyword, index) => {
                let inner = self.member(&view, keyword, index, at);
                let shape = self.shape(&view.raw[keyword][index], &inner)?;
                Ok(Shape { ty: shape.ty, nullable: shape.nullable || view.nullable || has_null_member(&view, keyword) })
            }
            _ => {
                let place = at.target();
                if let Some(&id) = self.inline_stack.get(&place) {
                    return Ok(Shape { ty: Type::Named { id, boxed: false }, nullable: view.nullable });
                }
                let id = self.alloc(at.hint.clone(), false, at, docs_of(&view));
                self.inline_stack.insert(place.clone(), id);
                let built = self.def_kind(&view, at);
                self.inline_stack.remove(&place);
                let (kind, nullable) = built?;
                self.types[id.0].kind = kind;
                Ok(Shape { ty: Type::Named { id, boxed: false }, nullable })
            }
        }
    }

    /// The location of member `index` of `keyword` when it alone gives the type (a wrapper): the
    /// types made from it are named after the wrapping schema.
    fn member(&self, _view: &SchemaView<'_>, keyword: &str, index: usize, at: &Loc) -> Loc {
        at.child(&[keyword, &index.to_string()], None)
    }

    /// Reports keywords of the wrong type and keywords that change the shape but are not read.
    /// Returns false when the schema cannot be read at all (it then stands for any JSON value).
    fn readable(&mut self, view: &SchemaView<'_>, at: &Loc) -> Result<bool> {
        if let Some((keyword, expected)) = view.problems.first() {
            let found = if keyword.is_empty() { None } else { view.raw.get(*keyword) };
            let message = match found {
                Some(value) => format!("schema cannot be read (`{keyword}` must be {expected}, found {value})"),
                None => format!("schema cannot be read ({expected})"),
            };
            self.warn(Kind::UnsupportedSchema, at.doc, &at.pointer, format!("{message}; using any JSON value instead"))?;
            return Ok(false);
        }
        if view.boolean == Some(false) {
            self.warn(Kind::UnsupportedSchema, at.doc, &at.pointer, "schema `false` admits no value; using any JSON value instead")?;
            return Ok(false);
        }
        for keyword in UNSUPPORTED_SHAPE_KEYWORDS {
            match view.raw.get(*keyword) {
                None | Some(Value::Bool(_)) if *keyword == "unevaluatedProperties" => {}
                None => {}
                Some(_) => self.warn(
                    Kind::UnsupportedKeyword,
                    at.doc,
                    &pointer::push(&at.pointer, keyword),
                    format!("`{keyword}` changes the shape of the data and is not read; the schema is read without it"),
                )?,
            }
        }
        Ok(true)
    }

    fn shape_of_ref(&mut self, reference: &str, at: &Loc) -> Result<Shape> {
        match refs::resolve(self.store, at.doc, &at.pointer, reference)? {
            Ok(target) => self.named_target(target),
            Err(RefProblem::Remote) => {
                self.warn(Kind::RemoteRef, at.doc, &at.pointer, format!("remote $ref `{reference}` is not fetched; using any JSON value"))?;
                Ok(Shape::any())
            }
            Err(RefProblem::Dangling) => Err(Error::input(Diagnostic::error(
                Kind::DanglingRef,
                &self.store.get(at.doc).display,
                Place::Pointer(at.pointer.clone()),
                format!("$ref `{reference}` points to nothing"),
            ))),
        }
    }

    fn named_target(&mut self, target: Target) -> Result<Shape> {
        if let Some(named) = self.named.get(&target) {
            return Ok(Shape { ty: Type::Named { id: named.id, boxed: false }, nullable: named.nullable });
        }
        if self.ref_stack.contains(&target) {
            self.warn(Kind::RefCycle, target.doc, &target.pointer, "$ref chain loops back to itself; using any JSON value")?;
            return Ok(Shape::any());
        }
        let json = self.json(target.doc);
        let schema = pointer::resolve(&json, &target.pointer).unwrap_or(&Value::Null);
        let view = SchemaView::of(schema);
        let (hint, declared) = hint_from_pointer(&self.store.get(target.doc).display, &target.pointer);
        let loc = Loc { doc: target.doc, pointer: target.pointer.clone(), hint: hint.clone() };
        let pure_ref = view.reference.filter(|_| !view.shaping_siblings_of_ref() && view.problems.is_empty());
        let wants_name = declared || (pure_ref.is_none() && !matches!(classify(&view), Class::Expr | Class::Wrapper(..)));
        if !wants_name {
            self.ref_stack.insert(target.clone());
            let shape = self.shape(schema, &loc);
            self.ref_stack.remove(&target);
            return shape;
        }
        let docs = docs_of(&view);
        let nullable = view.nullable;
        let id = self.alloc(hint, declared, &loc, docs);
        self.named.insert(target.clone(), Named { id, nullable });
        self.ref_stack.insert(target.clone());
        let result = match pure_ref {
            Some(_) if self.alias_chain_loops(&target)? => {
                self.warn(Kind::RefCycle, target.doc, &target.pointer, "$ref chain loops back to itself; using any JSON value")?;
                Ok((TypeKind::Alias { target: Type::Any }, false))
            }
            Some(reference) => self.shape_of_ref(reference, &loc).map(|s| (TypeKind::Alias { target: s.ty }, s.nullable)),
            None if !self.readable(&view, &loc)? => Ok((TypeKind::Alias { target: Type::Any }, false)),
            None => self.def_kind(&view, &loc),
        };
        self.ref_stack.remove(&target);
        let (kind, kind_nullable) = result?;
        self.types[id.0].kind = kind;
        let nullable = nullable || kind_nullable;
        self.named.insert(target, Named { id, nullable });
        Ok(Shape { ty: Type::Named { id, boxed: false }, nullable })
    }

    /// True when following `$ref` after `$ref` from `start` comes back to a schema already seen,
    /// without ever reaching a schema with content (`A: {$ref: B}`, `B: {$ref: A}`).
    /// Linear in the chain's length overall: chains found to reach content are remembered.
    fn alias_chain_loops(&mut self, start: &Target) -> Result<bool> {
        let mut seen = HashSet::from([start.clone()]);
        let mut current = start.clone();
        let loops = loop {
            if self.chains_reach_content.contains(&current) {
                break false;
            }
            let json = self.json(current.doc);
            let Some(reference) = pointer::resolve(&json, &current.pointer).and_then(|s| s.get("$ref")).and_then(Value::as_str) else {
                break false;
            };
            let Ok(Ok(next)) = refs::resolve(self.store, current.doc, &current.pointer, reference) else {
                break false;
            };
            if !seen.insert(next.clone()) {
                break true;
            }
            current = next;
        };
        if !loops {
            self.chains_reach_content.extend(seen);
        }
        Ok(loops)
    }

    fn alloc(&mut self, segments: Vec<String>, declared: bool, loc: &Loc, docs: Docs) -> TypeId {
        let id = TypeId(self.types.len());
        self.types.push(TypeDef {
            name: String::new(),
            hint: NameHint { segments, declared },
            origin: Origin { file: self.store.get(loc.doc).display.clone(), place: loc.pointer.clone() },
            docs,
            kind: TypeKind::Alias { target: Type::Any },
            input_of: None,
        });
        id
    }

    /// The definition of a named type made from the schema `view` at `at`, and whether it admits `null`.
    fn def_kind(&mut self, view: &SchemaView<'_>, at: &Loc) -> Result<(TypeKind, bool)> {
        let nullable = view.nullable;
        let kind = match classify(view) {
            Class::Struct => TypeKind::Struct(self.struct_of(view, at)?),
            Class::Enum => TypeKind::Enum(self.enum_def(view)),
            Class::Union("anyOf") if view.raw.get("discriminator").is_none() && self.all_object_members(view.any_of, at)? => {
                return self.merge_any_of(view, at).map(|(k, n)| (k, n || nullable));
            }
            Class::Union(keyword) => {
                let (union, union_nullable) = self.union_of(view, keyword, at)?;
                return Ok((TypeKind::Union(union), nullable || union_nullable));
            }
            Class::TypeUnion => TypeKind::Union(self.type_union(view, at)?),
            Class::Merge => return self.merge_all_of(at).map(|(k, n)| (k, n || nullable)),
            Class::Wrapper(keyword, index) => {
                let inner = self.member(view, keyword, index, at);
                let shape = self.shape(&view.raw[keyword][index], &inner)?;
                return Ok((TypeKind::Alias { target: shape.ty }, nullable || shape.nullable || has_null_member(view, keyword)));
            }
            Class::Expr => {
                let shape = self.expr(view, at)?;
                match shape.ty {
                    Type::Map { values } => TypeKind::Map { value: *values },
                    ty => TypeKind::Alias { target: ty },
                }
            }
        };
        Ok((kind, nullable))
    }

    /// The enum of `enum`/`const` values, or of the `const` members of a `oneOf`/`anyOf`.
    fn enum_def(&self, view: &SchemaView<'_>) -> Enum {
        if view.enumeration.is_empty() {
            unions::const_members_enum(view)
        } else {
            enum_of(view)
        }
    }

    /// Type expressions: primitives, arrays, maps and free-form values.
    fn expr(&mut self, view: &SchemaView<'_>, at: &Loc) -> Result<Shape> {
        let nullable = view.nullable;
        let ty = match view.typ() {
            Some(typ) => self.type_named(typ, view, at)?,
            None if !view.types.is_empty() => Type::Any,
            None if view.items.is_some() || view.prefix_items.is_some() => self.array(view, at)?,
            None => match self.map(view, at)? {
                Some(map) => map,
                None if view.format.is_some() || view.raw.contains_key("contentEncoding") => string_type(view),
                None if view.types.is_empty() && view.nullable && view.raw.get("type").is_some() => {
                    return Ok(Shape { ty: Type::Any, nullable: true });
                }
                None => Type::Any,
            },
        };
        Ok(Shape { ty, nullable })
    }

    /// The type of one JSON Schema type name applied to the schema `view`.
    fn type_named(&mut self, typ: &str, view: &SchemaView<'_>, at: &Loc) -> Result<Type> {
        Ok(match typ {
            "string" => string_type(view),
            "integer" => Type::Integer { width: int_width(view.format, view.raw.get("minimum"), view.raw.get("maximum")) },
            // `format: float` still reads as f64: an f32 would round the doubles a valid document sends.
            "number" => Type::Number { single: false },
            "boolean" => Type::Boolean,
            "array" => self.array(view, at)?,
            "object" => self.map(view, at)?.unwrap_or(Type::Map { values: Box::new(Type::Any) }),
            // Swagger 2.0 form parameters and responses.
            "file" => Type::Binary,
            other => {
                self.warn(Kind::UnsupportedType, at.doc, &at.pointer, format!("unknown type `{other}`; using any JSON value"))?;
                Type::Any
            }
        })
    }

    /// `items`, or `prefixItems` (a tuple when no other item is allowed and every position is present).
    fn array(&mut self, view: &SchemaView<'_>, at: &Loc) -> Result<Type> {
        let items = match view.items {
            // `items: false` closes a tuple; it is not a schema of its own.
            Some(Value::Bool(false)) if view.prefix_items.is_some() => None,
            Some(items) => Some(self.shape(items, &at.child(&["items"], Some("Item")))?.into_type()),
            None => None,
        };
        let Some(prefix) = view.prefix_items else {
            return Ok(Type::Array { items: Box::new(items.unwrap_or(Type::Any)) });
        };
        let mut positional = Vec::with_capacity(prefix.len());
        for (i, schema) in prefix.iter().enumerate() {
            let loc = at.child(&[view.prefix_keyword, &i.to_string()], Some(&format!("Item{i}")));
            positional.push(self.shape(schema, &loc)?.into_type());
        }
        let rest_closed = if view.prefix_keyword == "items" {
            view.raw.get("additionalItems") == Some(&Value::Bool(false))
        } else {
            view.raw.get("items") == Some(&Value::Bool(false))
        } || view.raw.get("unevaluatedItems") == Some(&Value::Bool(false));
        let min_items = view.raw.get("minItems").and_then(Value::as_u64).unwrap_or(0);
        if rest_closed && min_items >= prefix.len() as u64 && !positional.is_empty() {
            return Ok(Type::Tuple { items: positional });
        }
        // Open or shorter tuples: a list whose items have the one type they share, else any value.
        let mut all = positional;
        all.extend(items.filter(|_| !rest_closed));
        let shared = match all.split_first() {
            Some((first, rest)) if rest.iter().all(|t| t == first) => first.clone(),
            _ => Type::Any,
        };
        Ok(Type::Array { items: Box::new(shared) })
    }
}

/// True when `keyword` (`oneOf`/`anyOf`) has a member that only admits `null`.
fn has_null_member(view: &SchemaView<'_>, keyword: &str) -> bool {
    keyword != "allOf" && view.raw.get(keyword).and_then(Value::as_array).is_some_and(|m| m.iter().any(super::view::is_null_schema))
}

/// Decides how a schema becomes a type.
fn classify(view: &SchemaView<'_>) -> Class {
    if view.reference.is_some() && view.shaping_siblings_of_ref() {
        return Class::Merge;
    }
    let keyword = if view.one_of.is_empty() { "anyOf" } else { "oneOf" };
    let members = if view.one_of.is_empty() { view.any_of } else { view.one_of };
    if !members.is_empty() && !view.has_properties() {
        let real = SchemaView::non_null(members);
        return match real.as_slice() {
            [(index, _)] => Class::Wrapper(keyword, *index),
            [] => Class::Expr,
            _ if unions::all_const(&real) => Class::Enum,
            _ => Class::Union(keyword),
        };
    }
    if !view.all_of.is_empty() && !view.has_properties() {
        let shaping: Vec<usize> = (0..view.all_of.len()).filter(|&i| !SchemaView::of(&view.all_of[i]).is_unconstrained_member()).collect();
        match shaping.as_slice() {
            // `allOf: [{properties: ...}]` is that object itself, not an alias of an inline copy.
            [single] if SchemaView::of(&view.all_of[*single]).has_properties() => return Class::Merge,
            [single] => return Class::Wrapper("allOf", *single),
            [] => return Class::Expr,
            _ => return Class::Merge,
        }
    }
    if !view.all_of.is_empty() {
        return Class::Merge;
    }
    let values: Vec<&Value> = view.enumeration.iter().copied().filter(|v| !v.is_null()).collect();
    if !values.is_empty() && !view.has_properties() {
        let strings = values.iter().all(|v| v.is_string()) && matches!(view.typ(), None | Some("string"));
        let ints = values.iter().all(|v| v.is_i64()) && matches!(view.typ(), None | Some("integer") | Some("number"));
        if (strings || ints) && view.types.len() <= 1 {
            return Class::Enum;
        }
        return Class::Expr;
    }
    if view.types.len() > 1 {
        return Class::TypeUnion;
    }
    // `properties` only apply to objects: beside `type: string` or `type: array` they are ignored.
    if view.has_properties() && matches!(view.types.as_slice(), [] | ["object"]) {
        return Class::Struct;
    }
    if view.typ() == Some("object") && view.additional == Some(&Value::Bool(false)) && view.pattern_properties.is_none() {
        return Class::Struct;
    }
    Class::Expr
}

impl SchemaView<'_> {
    /// An `allOf` member that only adds docs or flags (`{description: ...}`, `{nullable: true}`).
    fn is_unconstrained_member(&self) -> bool {
        self.reference.is_none() && self.problems.is_empty() && self.boolean != Some(false) && self.is_unconstrained()
    }
}
