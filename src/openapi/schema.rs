//! Schemas to intermediate-model types.
//!
//! Every schema used somewhere becomes a [`Shape`] (a type expression plus nullability). Schemas that
//! need a name of their own (objects, enums, unions, merged `allOf`s, and every component) become a
//! [`TypeDef`] carrying a *name hint* from the path they were found at; the type space names them later.
//! Named targets are registered before their body is converted, so recursive schemas terminate.

use super::document::schema_fragment;
use super::refs::{self, RefProblem, Target};
use super::view::{SchemaRef, SchemaView};
use crate::diagnostic::{Diagnostic, Diagnostics, Place};
use crate::error::{Error, Result};
use crate::ir::*;
use crate::source::{push_token, DocId, DocumentStore};
use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};
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
        let pointer = tokens.iter().fold(self.pointer.clone(), |p, t| push_token(&p, t));
        let mut hint = self.hint.clone();
        hint.extend(segment.map(str::to_owned));
        Loc { doc: self.doc, pointer, hint }
    }
}

#[derive(Clone, Copy)]
struct Named {
    id: TypeId,
    nullable: bool,
}

/// How a schema is turned into a type.
enum Class<'a> {
    Struct,
    Enum,
    Union(&'a [ReferenceOr<Schema>]),
    Merge,
    Wrapper(SchemaRef<'a>),
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
    fetched: HashMap<Target, Rc<ReferenceOr<Schema>>>,
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
}

/// At most this many fields may come out of `allOf` merging in one document. Merging copies every
/// parent's properties into each child, so a chain of n schemas each extending the next yields n²/2
/// fields (10,000 links: 50 million, gigabytes of code). Real documents stay far below: Microsoft
/// Graph beta, the largest of the corpus, has 43,000 fields in all.
pub const MERGED_FIELDS_LIMIT: usize = 500_000;

impl<'s> Converter<'s> {
    /// A converter over `store`, reporting to `diags`.
    pub fn new(store: &'s mut DocumentStore, diags: &'s mut Diagnostics) -> Self {
        Converter { store, diags, types: Vec::new(), named: HashMap::new(), fetched: HashMap::new(), ref_stack: HashSet::new(), chains_reach_content: HashSet::new(), merged_fields: 0, inline_stack: HashMap::new() }
    }

    fn warn(&mut self, kind: &'static str, loc_doc: DocId, pointer: &str, message: impl Into<String>) -> Result<()> {
        let diagnostic =
            Diagnostic::warning(kind, &self.store.get(loc_doc).display, Place::Pointer(pointer.to_string()), message);
        self.diags.push(diagnostic.clone());
        if self.diags.has_errors() {
            return Err(Error::input(diagnostic));
        }
        Ok(())
    }

    /// Declares the schema at `target` as a named type (used for every component schema).
    pub fn declare(&mut self, target: Target) -> Result<()> {
        self.named_target(target).map(|_| ())
    }

    /// The shape of a schema (inline or `$ref`) at `at`.
    pub fn shape(&mut self, schema: SchemaRef<'_>, at: &Loc) -> Result<Shape> {
        match schema {
            SchemaRef::Ref(reference) => self.shape_of_ref(reference, at),
            SchemaRef::Inline(schema) => self.shape_of_schema(schema, at),
        }
    }

    /// The shape of the schema found at `at` (its document and pointer), inline or `$ref`.
    /// Types made from it are named after `at.hint`.
    pub fn shape_at(&mut self, at: &Loc) -> Result<Shape> {
        let schema = schema_fragment(self.store, at.doc, &at.pointer, self.diags)?;
        self.shape((&schema).into(), at)
    }

    fn shape_of_ref(&mut self, reference: &str, at: &Loc) -> Result<Shape> {
        match refs::resolve(self.store, at.doc, &at.pointer, reference)? {
            Ok(target) => self.named_target(target),
            Err(RefProblem::Remote) => {
                self.warn("remote-ref", at.doc, &at.pointer, format!("remote $ref `{reference}` is not fetched; using any JSON value"))?;
                Ok(Shape::any())
            }
            Err(RefProblem::Dangling) => Err(Error::input(Diagnostic::error(
                "dangling-ref",
                &self.store.get(at.doc).display,
                Place::Pointer(at.pointer.clone()),
                format!("$ref `{reference}` points to nothing"),
            ))),
        }
    }

    fn fetch(&mut self, target: &Target) -> Result<Rc<ReferenceOr<Schema>>> {
        if let Some(schema) = self.fetched.get(target) {
            return Ok(schema.clone());
        }
        let schema = Rc::new(schema_fragment(self.store, target.doc, &target.pointer, self.diags)?);
        self.fetched.insert(target.clone(), schema.clone());
        Ok(schema)
    }

    fn named_target(&mut self, target: Target) -> Result<Shape> {
        if let Some(named) = self.named.get(&target) {
            return Ok(Shape { ty: Type::Named { id: named.id, boxed: false }, nullable: named.nullable });
        }
        if self.ref_stack.contains(&target) {
            self.warn("ref-cycle", target.doc, &target.pointer, "$ref chain loops back to itself; using any JSON value")?;
            return Ok(Shape::any());
        }
        let schema = self.fetch(&target)?;
        let (hint, declared) = hint_from_pointer(&self.store.get(target.doc).display, &target.pointer);
        let loc = Loc { doc: target.doc, pointer: target.pointer.clone(), hint: hint.clone() };
        let inline = match &*schema {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { .. } => None,
        };
        let wants_name = declared || inline.is_some_and(|s| !matches!(classify(&SchemaView::of(s)), Class::Expr | Class::Wrapper(_)));
        if !wants_name {
            self.ref_stack.insert(target.clone());
            let shape = match &*schema {
                ReferenceOr::Reference { reference } => self.shape_of_ref(reference, &loc),
                ReferenceOr::Item(s) => self.shape_of_schema(s, &loc),
            };
            self.ref_stack.remove(&target);
            return shape;
        }
        let docs = inline.map(|s| docs_of(&SchemaView::of(s))).unwrap_or_default();
        let nullable = inline.is_some_and(|s| nullable_of(&SchemaView::of(s)));
        let id = self.alloc(hint, declared, &loc, docs);
        self.named.insert(target.clone(), Named { id, nullable });
        self.ref_stack.insert(target.clone());
        let result = match &*schema {
            ReferenceOr::Reference { .. } if self.alias_chain_loops(&target)? => {
                self.warn("ref-cycle", target.doc, &target.pointer, "$ref chain loops back to itself; using any JSON value")?;
                Ok((TypeKind::Alias { target: Type::Any }, false))
            }
            ReferenceOr::Reference { reference } => {
                self.shape_of_ref(reference, &loc).map(|s| (TypeKind::Alias { target: s.ty }, s.nullable))
            }
            ReferenceOr::Item(s) => self.def_kind(s, &loc),
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
            let ReferenceOr::Reference { reference } = &*self.fetch(&current)? else {
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

    fn shape_of_schema(&mut self, schema: &Schema, at: &Loc) -> Result<Shape> {
        let view = SchemaView::of(schema);
        match classify(&view) {
            Class::Expr => self.expr(&view, at),
            Class::Wrapper(inner) => {
                let shape = self.shape(inner, at)?;
                Ok(Shape { ty: shape.ty, nullable: shape.nullable || nullable_of(&view) })
            }
            _ => {
                let place = Target { doc: at.doc, pointer: at.pointer.clone() };
                if let Some(&id) = self.inline_stack.get(&place) {
                    return Ok(Shape { ty: Type::Named { id, boxed: false }, nullable: nullable_of(&view) });
                }
                let id = self.alloc(at.hint.clone(), false, at, docs_of(&view));
                self.inline_stack.insert(place.clone(), id);
                let built = self.def_kind(schema, at);
                self.inline_stack.remove(&place);
                let (kind, nullable) = built?;
                self.types[id.0].kind = kind;
                Ok(Shape { ty: Type::Named { id, boxed: false }, nullable })
            }
        }
    }

    /// The definition of a named type made from `schema`, and whether it admits `null`.
    fn def_kind(&mut self, schema: &Schema, at: &Loc) -> Result<(TypeKind, bool)> {
        let view = SchemaView::of(schema);
        let nullable = nullable_of(&view);
        let kind = match classify(&view) {
            Class::Struct => TypeKind::Struct(self.struct_of(&view, at)?),
            Class::Enum => TypeKind::Enum(enum_of(&view)),
            Class::Union(members) => {
                let (union, union_nullable) = self.union_of(&view, members, at)?;
                return Ok((TypeKind::Union(union), nullable || union_nullable));
            }
            Class::Merge => return self.merge_all_of(schema, at).map(|(k, n)| (k, n || nullable)),
            Class::Wrapper(inner) => {
                let shape = self.shape(inner, at)?;
                return Ok((TypeKind::Alias { target: shape.ty }, nullable || shape.nullable));
            }
            Class::Expr => {
                let shape = self.expr(&view, at)?;
                match shape.ty {
                    Type::Map { values } => TypeKind::Map { value: *values },
                    ty => TypeKind::Alias { target: ty },
                }
            }
        };
        Ok((kind, nullable))
    }

    /// Type expressions: primitives, arrays, maps and free-form values.
    fn expr(&mut self, view: &SchemaView<'_>, at: &Loc) -> Result<Shape> {
        let nullable = nullable_of(view);
        let ty = match view.typ {
            Some("string") => string_type(view.format.as_deref()),
            Some("integer") => Type::Integer { width: int_width(view.format.as_deref()) },
            Some("number") => Type::Number { single: view.format.as_deref() == Some("float") },
            Some("boolean") => Type::Boolean,
            Some("array") => self.array(view, at)?,
            Some("object") => self.map(view, at)?.unwrap_or(Type::Map { values: Box::new(Type::Any) }),
            Some("null") => return Ok(Shape { ty: Type::Any, nullable: true }),
            None if view.items.is_some() => self.array(view, at)?,
            None => match self.map(view, at)? {
                Some(map) => map,
                None if view.format.is_some() => string_type(view.format.as_deref()),
                None => Type::Any,
            },
            Some(other) => {
                self.warn("unsupported-type", at.doc, &at.pointer, format!("unknown type `{other}`; using any JSON value"))?;
                Type::Any
            }
        };
        Ok(Shape { ty, nullable })
    }

    fn array(&mut self, view: &SchemaView<'_>, at: &Loc) -> Result<Type> {
        let items = match view.items {
            Some(items) => self.shape(items.into(), &at.child(&["items"], Some("Item")))?.into_type(),
            None => Type::Any,
        };
        Ok(Type::Array { items: Box::new(items) })
    }

    fn map(&mut self, view: &SchemaView<'_>, at: &Loc) -> Result<Option<Type>> {
        Ok(match view.additional {
            Some(AdditionalProperties::Schema(values)) => {
                let shape = self.shape((&**values).into(), &at.child(&["additionalProperties"], Some("Value")))?;
                Some(Type::Map { values: Box::new(shape.into_type()) })
            }
            Some(AdditionalProperties::Any(true)) => Some(Type::Map { values: Box::new(Type::Any) }),
            _ => None,
        })
    }

    fn struct_of(&mut self, view: &SchemaView<'_>, at: &Loc) -> Result<Struct> {
        let mut props = Vec::new();
        if let Some(properties) = view.properties {
            for (name, prop) in properties {
                props.push((name.clone(), prop.clone(), at.child(&["properties", name], Some(name))));
            }
        }
        let required: BTreeSet<String> = view.required.iter().cloned().collect();
        let additional = view.additional.cloned();
        self.build_struct(props, &required, additional.as_ref().map(|a| (a, at)), at)
    }

    fn build_struct(
        &mut self,
        props: Vec<(String, ReferenceOr<Box<Schema>>, Loc)>,
        required: &BTreeSet<String>,
        additional: Option<(&AdditionalProperties, &Loc)>,
        at: &Loc,
    ) -> Result<Struct> {
        let mut fields = Vec::with_capacity(props.len());
        for (name, prop, loc) in &props {
            let shape = self.shape(prop.into(), loc)?;
            let (docs, default, read_only, write_only) = match prop {
                ReferenceOr::Item(schema) => {
                    let v = SchemaView::of(schema);
                    (docs_of(&v), v.data.default.clone(), v.data.read_only, v.data.write_only)
                }
                ReferenceOr::Reference { .. } => (Docs::default(), None, false, false),
            };
            fields.push(Field {
                wire_name: name.clone(),
                name: String::new(),
                ty: shape.ty,
                required: required.contains(name),
                nullable: shape.nullable,
                default,
                read_only,
                write_only,
                docs,
            });
        }
        let additional = match additional {
            Some((AdditionalProperties::Any(true), _)) => Some(Additional { name: String::new(), value: Type::Any }),
            Some((AdditionalProperties::Schema(values), owner)) => {
                // Where the schema is (an `allOf` member's), named after the struct being built.
                let mut loc = owner.child(&["additionalProperties"], None);
                loc.hint = at.child(&[], Some("Value")).hint;
                let shape = self.shape((&**values).into(), &loc)?;
                Some(Additional { name: String::new(), value: shape.into_type() })
            }
            _ => None,
        };
        Ok(Struct { fields, additional, newtype: None })
    }

    fn union_of(&mut self, view: &SchemaView<'_>, members: &[ReferenceOr<Schema>], at: &Loc) -> Result<(Union, bool)> {
        let keyword = if view.one_of.is_empty() { "anyOf" } else { "oneOf" };
        let mut nullable = false;
        let mut variants: Vec<Variant> = Vec::new();
        let mut targets: Vec<Option<Target>> = Vec::new();
        for (i, member) in members.iter().enumerate() {
            if is_null_schema(member) {
                nullable = true;
                continue;
            }
            let segment = match member {
                ReferenceOr::Item(s) => s.schema_data.title.clone().unwrap_or_else(|| format!("Variant{i}")),
                ReferenceOr::Reference { .. } => String::new(),
            };
            let loc = at.child(&[keyword, &i.to_string()], Some(&segment));
            let target = match member {
                ReferenceOr::Reference { reference } => refs::resolve(self.store, at.doc, &loc.pointer, reference)?.ok(),
                ReferenceOr::Item(_) => None,
            };
            let shape = self.shape(member.into(), &loc)?;
            nullable |= shape.nullable;
            if variants.iter().any(|v| v.ty == shape.ty) {
                continue;
            }
            variants.push(Variant { name: String::new(), hint: String::new(), ty: shape.ty, tags: Vec::new() });
            targets.push(target);
        }
        let discriminator = match &view.data.discriminator {
            Some(d) => self.assign_tags(d, &mut variants, &mut targets, at)?,
            None => None,
        };
        Ok((Union { variants, discriminator, fallback: String::new() }, nullable))
    }

    /// Gives each variant its discriminator values; returns the property name when every variant has one.
    fn assign_tags(
        &mut self,
        discriminator: &openapiv3::Discriminator,
        variants: &mut Vec<Variant>,
        targets: &mut Vec<Option<Target>>,
        at: &Loc,
    ) -> Result<Option<String>> {
        let at_mapping = at.child(&["discriminator", "mapping"], None);
        for (value, reference) in &discriminator.mapping {
            let reference =
                if reference.contains('#') || reference.contains('/') { reference.clone() } else { format!("#/components/schemas/{reference}") };
            let target = match refs::resolve(self.store, at.doc, &at_mapping.pointer, &reference) {
                Ok(Ok(target)) => target,
                Ok(Err(_)) | Err(_) => {
                    self.warn("bad-discriminator", at.doc, &at_mapping.pointer, format!("mapping `{value}` points to nothing; ignored"))?;
                    continue;
                }
            };
            let index = match targets.iter().position(|t| t.as_ref() == Some(&target)) {
                Some(index) => index,
                None => {
                    let shape = self.named_target(target.clone())?;
                    variants.push(Variant { name: String::new(), hint: String::new(), ty: shape.ty, tags: Vec::new() });
                    targets.push(Some(target));
                    variants.len() - 1
                }
            };
            variants[index].tags.push(value.clone());
        }
        for (variant, target) in variants.iter_mut().zip(targets.iter()) {
            if variant.tags.is_empty() {
                if let Some(name) = target.as_ref().and_then(|t| refs::last_token(&t.pointer)) {
                    variant.tags.push(name);
                }
            }
        }
        let all_tagged = variants.iter().all(|v| !v.tags.is_empty());
        Ok(all_tagged.then(|| discriminator.property_name.clone()))
    }

    /// `allOf`: one struct with the properties of every member and the union of their `required` sets.
    fn merge_all_of(&mut self, schema: &Schema, at: &Loc) -> Result<(TypeKind, bool)> {
        let mut merged = Merged::default();
        let mut visited = HashSet::new();
        self.collect(SchemaRef::Inline(schema), at, &mut merged, &mut visited)?;
        self.merged_fields += merged.props.len();
        if self.merged_fields > MERGED_FIELDS_LIMIT {
            return Err(Error::input(Diagnostic::error(
                "allof-too-large",
                &self.store.get(at.doc).display,
                Place::Pointer(at.pointer.clone()),
                format!(
                    "merging allOf here takes the document past {MERGED_FIELDS_LIMIT} merged fields \
                     (each schema copies the properties of every schema it extends; a chain of allOf this long would \
                     produce code too large to compile)"
                ),
            )));
        }
        if merged.props.is_empty() && merged.additional.is_none() {
            if let Some((member, loc)) = merged.non_object.first().cloned() {
                let shape = self.shape((&member).into(), &loc)?;
                return Ok((TypeKind::Alias { target: shape.ty }, shape.nullable));
            }
        } else if !merged.non_object.is_empty() {
            self.warn("allof-non-object", at.doc, &at.pointer, "allOf mixes objects with non-object members; only the object members are merged")?;
        }
        let props = merged.props.into_iter().map(|(name, (schema, loc))| (name, schema, loc)).collect();
        let additional = merged.additional.as_ref().map(|(a, loc)| (a, loc));
        let structure = self.build_struct(props, &merged.required, additional, at)?;
        Ok((TypeKind::Struct(structure), false))
    }

    fn collect(&mut self, schema: SchemaRef<'_>, at: &Loc, merged: &mut Merged, visited: &mut HashSet<Target>) -> Result<()> {
        let (schema, at) = match schema {
            SchemaRef::Inline(s) => (Rc::new(ReferenceOr::Item(s.clone())), at.clone()),
            SchemaRef::Ref(reference) => {
                let target = match refs::resolve(self.store, at.doc, &at.pointer, reference)? {
                    Ok(target) => target,
                    Err(_) => return self.shape_of_ref(reference, at).map(|_| ()),
                };
                if !visited.insert(target.clone()) {
                    return self.warn("allof-cycle", at.doc, &at.pointer, "allOf includes itself; the repeated member is skipped");
                }
                let schema = self.fetch(&target)?;
                (schema, Loc { doc: target.doc, pointer: target.pointer, hint: at.hint.clone() })
            }
        };
        let schema = match &*schema {
            ReferenceOr::Reference { reference } => return self.collect(SchemaRef::Ref(reference), &at, merged, visited),
            ReferenceOr::Item(s) => s,
        };
        let view = SchemaView::of(schema);
        if let Some(properties) = view.properties {
            for (name, prop) in properties {
                let loc = Loc { doc: at.doc, pointer: push_token(&push_token(&at.pointer, "properties"), name), hint: child_hint(&at.hint, name) };
                merged.props.insert(name.clone(), (prop.clone(), loc));
            }
        }
        merged.required.extend(view.required.iter().cloned());
        if let Some(additional) = view.additional {
            merged.additional = Some((additional.clone(), at.clone()));
        }
        let object_like = view.has_properties() || matches!(view.typ, None | Some("object")) && view.enumeration.is_empty();
        if !object_like || !view.one_of.is_empty() || !view.any_of.is_empty() {
            let boxed = ReferenceOr::Item(Box::new(schema.clone()));
            if !view.one_of.is_empty() || !view.any_of.is_empty() {
                self.warn("allof-union", at.doc, &at.pointer, "oneOf/anyOf inside allOf is not merged; its properties are left out")?;
            }
            merged.non_object.push((boxed, at.clone()));
        }
        for (i, member) in view.all_of.iter().enumerate() {
            let loc = Loc { doc: at.doc, pointer: push_token(&push_token(&at.pointer, "allOf"), &i.to_string()), hint: at.hint.clone() };
            self.collect(member.into(), &loc, merged, visited)?;
        }
        Ok(())
    }
}

#[derive(Default)]
struct Merged {
    props: IndexMap<String, (ReferenceOr<Box<Schema>>, Loc)>,
    required: BTreeSet<String>,
    additional: Option<(AdditionalProperties, Loc)>,
    non_object: Vec<(ReferenceOr<Box<Schema>>, Loc)>,
}

fn child_hint(hint: &[String], name: &str) -> Vec<String> {
    let mut hint = hint.to_vec();
    hint.push(name.to_string());
    hint
}

/// Decides how a schema becomes a type.
fn classify<'a>(view: &SchemaView<'a>) -> Class<'a> {
    let members = if view.one_of.is_empty() { view.any_of } else { view.one_of };
    if !members.is_empty() && !view.has_properties() {
        let real: Vec<&ReferenceOr<Schema>> = members.iter().filter(|m| !is_null_schema(m)).collect();
        return match real.as_slice() {
            [single] => Class::Wrapper((*single).into()),
            [] => Class::Expr,
            _ => Class::Union(members),
        };
    }
    if !view.all_of.is_empty() && !view.has_properties() {
        let shaping: Vec<&ReferenceOr<Schema>> = view.all_of.iter().filter(|m| !is_annotation_only(m)).collect();
        match shaping.as_slice() {
            // `allOf: [{properties: ...}]` is that object itself, not an alias of an inline copy.
            [ReferenceOr::Item(single)] if SchemaView::of(single).has_properties() => return Class::Merge,
            [single] => return Class::Wrapper((*single).into()),
            _ => {}
        }
        if shaping.is_empty() {
            return Class::Expr;
        }
        return Class::Merge;
    }
    if !view.all_of.is_empty() {
        return Class::Merge;
    }
    let values: Vec<&Value> = view.enumeration.iter().filter(|v| !v.is_null()).collect();
    if !values.is_empty() && !view.has_properties() {
        let strings = values.iter().all(|v| v.is_string()) && matches!(view.typ, None | Some("string"));
        let ints = values.iter().all(|v| v.is_i64()) && matches!(view.typ, None | Some("integer") | Some("number"));
        if strings || ints {
            return Class::Enum;
        }
        return Class::Expr;
    }
    if view.has_properties() {
        return Class::Struct;
    }
    if view.typ == Some("object") && matches!(view.additional, Some(AdditionalProperties::Any(false))) {
        return Class::Struct;
    }
    Class::Expr
}

fn enum_of(view: &SchemaView<'_>) -> Enum {
    let mut values: Vec<EnumValue> = Vec::new();
    for value in &view.enumeration {
        let literal = match value {
            Value::String(s) => Literal::Str(s.clone()),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Literal::Int(i),
                None => continue,
            },
            _ => continue,
        };
        if !values.iter().any(|v| v.value == literal) {
            values.push(EnumValue { value: literal, name: String::new(), docs: Docs::default() });
        }
    }
    Enum { values, open: true, fallback: String::new() }
}

/// A member of `oneOf`/`anyOf` that only admits `null`.
fn is_null_schema(member: &ReferenceOr<Schema>) -> bool {
    match member {
        ReferenceOr::Reference { .. } => false,
        ReferenceOr::Item(s) => {
            let view = SchemaView::of(s);
            view.typ == Some("null") || (!view.enumeration.is_empty() && view.enumeration.iter().all(Value::is_null))
        }
    }
}

/// An `allOf` member that only adds docs or flags (`{description: ...}`, `{nullable: true}`).
fn is_annotation_only(member: &ReferenceOr<Schema>) -> bool {
    match member {
        ReferenceOr::Reference { .. } => false,
        ReferenceOr::Item(s) => SchemaView::of(s).is_unconstrained(),
    }
}

fn nullable_of(view: &SchemaView<'_>) -> bool {
    view.data.nullable || view.enumeration.iter().any(Value::is_null)
}

fn docs_of(view: &SchemaView<'_>) -> Docs {
    Docs {
        title: view.data.title.clone(),
        description: view.data.description.clone(),
        deprecated: view.data.deprecated,
        examples: view.data.example.clone().into_iter().collect(),
    }
}

fn string_type(format: Option<&str>) -> Type {
    match format {
        Some("date-time") => Type::DateTime,
        Some("date") => Type::Date,
        Some("uuid") => Type::Uuid,
        Some("byte") => Type::Base64,
        Some("binary") => Type::Binary,
        other => Type::String { format: other.map(str::to_owned) },
    }
}

fn int_width(format: Option<&str>) -> IntWidth {
    match format {
        Some("int8") => IntWidth::I8,
        Some("int16") => IntWidth::I16,
        Some("int32") => IntWidth::I32,
        Some("uint8") => IntWidth::U8,
        Some("uint16") => IntWidth::U16,
        Some("uint32") => IntWidth::U32,
        Some("uint64") | Some("uint") => IntWidth::U64,
        _ => IntWidth::I64,
    }
}

/// Name hint for a `$ref` target and whether the document declares the name itself.
///
/// `#/components/schemas/User` → (`["User"]`, true); `#/components/schemas/User/properties/address`
/// → (`["User", "address"]`, false); a whole file `schemas/pet.yaml` → (`["pet"]`, true).
pub fn hint_from_pointer(display: &str, pointer: &str) -> (Vec<String>, bool) {
    let tokens: Vec<String> =
        pointer.trim_start_matches('#').split('/').skip(1).map(|t| t.replace("~1", "/").replace("~0", "~")).collect();
    if tokens.is_empty() {
        let stem = std::path::Path::new(display).file_stem().map(|s| s.to_string_lossy().into_owned());
        return (vec![stem.unwrap_or_else(|| "Document".into())], true);
    }
    let (start, declared_len) = match tokens.first().map(String::as_str) {
        Some("components") => (2, 3),
        Some("definitions") | Some("$defs") => (1, 2),
        _ => (0, usize::MAX),
    };
    let declared = tokens.len() == declared_len;
    let mut hint = Vec::new();
    let mut i = start.min(tokens.len());
    while i < tokens.len() {
        let token = tokens[i].as_str();
        match token {
            "properties" | "paths" | "content" | "schema" | "responses" | "requestBody" | "parameters" | "allOf" | "oneOf"
            | "anyOf" | "components" | "schemas" => {}
            "items" => hint.push("Item".to_string()),
            "additionalProperties" => hint.push("Value".to_string()),
            _ if token.contains('/') && !token.starts_with('/') => {}
            _ => hint.push(token.to_string()),
        }
        i += 1;
    }
    if hint.is_empty() {
        hint.push("Schema".into());
    }
    (hint, declared)
}

#[cfg(test)]
mod tests {
    use super::hint_from_pointer;

    #[test]
    fn pointer_hints() {
        assert_eq!(hint_from_pointer("a.yaml", "#/components/schemas/User"), (vec!["User".to_string()], true));
        assert_eq!(
            hint_from_pointer("a.yaml", "#/components/schemas/User/properties/tags/items"),
            (vec!["User".into(), "tags".into(), "Item".into()], false)
        );
        assert_eq!(hint_from_pointer("dir/pet.yaml", "#"), (vec!["pet".to_string()], true));
        assert_eq!(
            hint_from_pointer("a.yaml", "#/paths/~1users/get/responses/200/content/application~1json/schema"),
            (vec!["/users".into(), "get".into(), "200".into()], false)
        );
    }
}
