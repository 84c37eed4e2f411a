//! Objects: structs from `properties`, maps from `additionalProperties` and `patternProperties`, and
//! `allOf` (or a 3.1 `$ref` with siblings) merged into one struct.

use super::super::refs;
use super::super::view::{is_null_schema, SchemaView};
use super::keywords::docs_of;
use super::{Converter, Loc, MERGED_FIELDS_LIMIT};
use crate::diagnostic::{Diagnostic, Kind, Place};
use crate::error::{Error, Result};
use crate::ir::*;
use crate::pointer;
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::HashSet;

/// Where the pieces of an object (one schema, or every member of an `allOf`) were found.
#[derive(Default)]
struct Parts {
    /// Property schemas by wire name; a later `allOf` member overrides an earlier one.
    props: IndexMap<String, Loc>,
    /// Required names, each with the schema whose `required` lists it.
    required: IndexMap<String, Loc>,
    /// The schema holding `additionalProperties` (the last one met).
    additional: Option<Loc>,
    /// Each `patternProperties` schema.
    patterns: Vec<Loc>,
    /// Members that are not objects (a string type, a union...).
    non_object: Vec<Loc>,
}

impl Parts {
    /// Records the object keywords of the schema `view` found at `at`.
    fn add(&mut self, view: &SchemaView<'_>, at: &Loc) {
        for name in view.properties.into_iter().flat_map(|p| p.keys()) {
            let loc = Loc { doc: at.doc, pointer: pointer::join(&at.pointer, &["properties", name]), hint: child_hint(&at.hint, name) };
            self.props.insert(name.clone(), loc);
        }
        for name in &view.required {
            self.required.entry(name.to_string()).or_insert_with(|| at.clone());
        }
        if view.additional.is_some() {
            self.additional = Some(at.clone());
        }
        for pattern in view.pattern_properties.into_iter().flat_map(|p| p.keys()) {
            self.patterns.push(at.child(&["patternProperties", pattern], None));
        }
    }
}

use crate::openapi::child_hint;

impl Converter<'_> {
    /// The struct of a schema with `properties`.
    pub(super) fn struct_of(&mut self, view: &SchemaView<'_>, at: &Loc) -> Result<Struct> {
        let mut parts = Parts::default();
        parts.add(view, at);
        self.build_struct(parts, at)
    }

    /// The map type of an object schema without properties, if it allows extra properties.
    pub(super) fn map(&mut self, view: &SchemaView<'_>, at: &Loc) -> Result<Option<Type>> {
        let patterns: Vec<Loc> =
            view.pattern_properties.into_iter().flat_map(|p| p.keys()).map(|k| at.child(&["patternProperties", k], None)).collect();
        let owner = view.additional.map(|_| at.clone());
        let mut loc = at.child(&[], Some("Value"));
        loc.pointer = at.pointer.clone();
        Ok(self.extra_values(owner.as_ref(), &patterns, &loc)?.map(|values| Type::Map { values: Box::new(values) }))
    }

    /// The type of the values of properties beyond the declared ones, when any are allowed and kept:
    /// `additionalProperties` (`true` or a schema) and every `patternProperties` schema. When these
    /// disagree, or patterns are given and other names stay allowed, the values are any JSON value,
    /// so that no valid object is rejected.
    fn extra_values(&mut self, additional_owner: Option<&Loc>, patterns: &[Loc], named: &Loc) -> Result<Option<Type>> {
        let mut types: Vec<Type> = Vec::new();
        for pattern in patterns {
            let mut loc = pattern.clone();
            loc.hint = named.hint.clone();
            types.push(self.shape_at(&loc)?.into_type());
        }
        let additional = match additional_owner {
            Some(owner) => {
                let json = self.json(owner.doc);
                let value = pointer::resolve(&json, &owner.pointer).and_then(|s| s.get("additionalProperties")).cloned();
                match value {
                    Some(Value::Bool(false)) => None,
                    Some(Value::Object(_)) => {
                        let mut loc = owner.child(&["additionalProperties"], None);
                        loc.hint = named.hint.clone();
                        Some(self.shape_at(&loc)?.into_type())
                    }
                    _ => Some(Type::Any),
                }
            }
            // Unspecified: other names are allowed, with any value, only matters beside patterns.
            None if !patterns.is_empty() => Some(Type::Any),
            None => None,
        };
        types.extend(additional);
        Ok(match types.split_first() {
            None => None,
            Some((first, rest)) if rest.iter().all(|t| t == first) => Some(first.clone()),
            Some(_) => Some(Type::Any),
        })
    }

    fn build_struct(&mut self, parts: Parts, at: &Loc) -> Result<Struct> {
        let mut fields = Vec::with_capacity(parts.props.len());
        for (name, loc) in &parts.props {
            let shape = self.shape_at(loc)?;
            let json = self.json(loc.doc);
            let view = SchemaView::of(pointer::resolve(&json, &loc.pointer).unwrap_or(&Value::Null));
            let required = parts.required.contains_key(name);
            // An optional property of any JSON value may be sent as `null`: three states, so that a
            // `null` is not read as absent and dropped.
            let nullable = shape.nullable || (!required && shape.ty == Type::Any);
            fields.push(Field {
                wire_name: name.clone(),
                name: String::new(),
                ty: shape.ty,
                required,
                nullable,
                default: view.raw.get("default").cloned(),
                read_only: view.flag("readOnly") || self.ref_target_flag(&view, loc, "readOnly")?,
                write_only: view.flag("writeOnly") || self.ref_target_flag(&view, loc, "writeOnly")?,
                docs: docs_of(&view),
            });
        }
        let value_hint = at.child(&[], Some("Value"));
        let additional = self.extra_values(parts.additional.as_ref(), &parts.patterns, &value_hint)?;
        for (name, owner) in &parts.required {
            if parts.props.contains_key(name) || additional.is_some() {
                continue;
            }
            self.warn(
                Kind::UndeclaredRequired,
                owner.doc,
                &pointer::push(&owner.pointer, "required"),
                format!("`{name}` is required but not declared under `properties`; it becomes a required field of any JSON value"),
            )?;
            fields.push(Field {
                wire_name: name.clone(),
                name: String::new(),
                ty: Type::Any,
                required: true,
                nullable: false,
                default: None,
                read_only: false,
                write_only: false,
                docs: Docs::default(),
            });
        }
        let additional = additional.map(|value| Additional { name: String::new(), value });
        Ok(Struct { fields, additional, newtype: None })
    }

    /// True when the property `view` at `at` is a `$ref` whose target schema sets `flag` (`readOnly`).
    fn ref_target_flag(&mut self, view: &SchemaView<'_>, at: &Loc, flag: &str) -> Result<bool> {
        let Some(reference) = view.reference else { return Ok(false) };
        let Ok(target) = refs::resolve(self.store, at.doc, &at.pointer, reference)? else { return Ok(false) };
        let json = self.json(target.doc);
        Ok(pointer::resolve(&json, &target.pointer).and_then(|s| s.get(flag)).and_then(Value::as_bool).unwrap_or(false))
    }

    /// `allOf` (or a `$ref` with shaping siblings): one struct with the properties of every member and
    /// the union of their `required` sets.
    pub(super) fn merge_all_of(&mut self, at: &Loc) -> Result<(TypeKind, bool)> {
        let mut parts = Parts::default();
        let mut visited = HashSet::new();
        self.collect(at, &mut parts, &mut visited)?;
        self.merged_fields += parts.props.len();
        if self.merged_fields > MERGED_FIELDS_LIMIT {
            return Err(Error::input(Diagnostic::error(
                Kind::AllofTooLarge,
                &self.store.get(at.doc).display,
                Place::Pointer(at.pointer.clone()),
                format!(
                    "merging allOf here takes the document past {MERGED_FIELDS_LIMIT} merged fields \
                     (each schema copies the properties of every schema it extends; a chain of allOf this long would \
                     produce code too large to compile)"
                ),
            )));
        }
        if parts.props.is_empty() && parts.additional.is_none() && parts.patterns.is_empty() {
            if let Some(loc) = parts.non_object.first().cloned() {
                let shape = self.shape_at(&loc)?;
                return Ok((TypeKind::Alias { target: shape.ty }, shape.nullable));
            }
        } else if !parts.non_object.is_empty() {
            self.warn(Kind::AllofNonObject, at.doc, &at.pointer, "allOf mixes objects with non-object members; only the object members are merged")?;
        }
        Ok((TypeKind::Struct(self.build_struct(parts, at)?), false))
    }

    fn collect(&mut self, at: &Loc, parts: &mut Parts, visited: &mut HashSet<refs::Target>) -> Result<()> {
        let json = self.json(at.doc);
        let schema = pointer::resolve(&json, &at.pointer).unwrap_or(&Value::Null);
        let view = SchemaView::of(schema);
        if let Some(reference) = view.reference {
            match refs::resolve(self.store, at.doc, &at.pointer, reference)? {
                Ok(target) if visited.insert(target.clone()) => {
                    self.collect(&Loc { doc: target.doc, pointer: target.pointer, hint: at.hint.clone() }, parts, visited)?
                }
                Ok(_) => self.warn(Kind::AllofCycle, at.doc, &at.pointer, "allOf includes itself; the repeated member is skipped")?,
                Err(_) => {
                    self.shape_of_ref(reference, at)?;
                }
            }
            if !view.shaping_siblings_of_ref() {
                return Ok(());
            }
        }
        parts.add(&view, at);
        let object_like = view.has_properties()
            || view.pattern_properties.is_some()
            || matches!(view.types.as_slice(), [] | ["object"]) && view.enumeration.is_empty();
        let union = !view.one_of.is_empty() || !view.any_of.is_empty();
        if union {
            self.warn(Kind::AllofUnion, at.doc, &at.pointer, "oneOf/anyOf inside allOf is not merged; its properties are left out")?;
        }
        if !object_like || union {
            parts.non_object.push(at.clone());
        }
        for i in 0..view.all_of.len() {
            let loc = Loc { doc: at.doc, pointer: pointer::join(&at.pointer, &["allOf", &i.to_string()]), hint: at.hint.clone() };
            self.collect(&loc, parts, visited)?;
        }
        Ok(())
    }

    /// True when every non-null member of an `anyOf` is an object with declared properties
    /// (inline, or through `$ref`s), so that one struct can hold any combination of them.
    pub(super) fn all_object_members(&mut self, members: &[Value], at: &Loc) -> Result<bool> {
        for (i, member) in members.iter().enumerate() {
            if is_null_schema(member) {
                continue;
            }
            let mut loc = at.child(&["anyOf", &i.to_string()], None);
            let mut hops = 0;
            let object = loop {
                let json = self.json(loc.doc);
                let view = SchemaView::of(pointer::resolve(&json, &loc.pointer).unwrap_or(&Value::Null));
                match view.reference {
                    Some(reference) if !view.shaping_siblings_of_ref() && hops < 32 => {
                        let Ok(target) = refs::resolve(self.store, loc.doc, &loc.pointer, reference)? else { break false };
                        loc = Loc { doc: target.doc, pointer: target.pointer, hint: Vec::new() };
                        hops += 1;
                    }
                    Some(_) => break false,
                    None => {
                        break view.problems.is_empty()
                            && view.has_properties()
                            && matches!(view.types.as_slice(), [] | ["object"])
                            && view.one_of.is_empty()
                            && view.any_of.is_empty()
                            && view.all_of.is_empty()
                            && view.enumeration.is_empty()
                    }
                }
            };
            if !object {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// An `anyOf` of objects: an instance may match several members at once, so it is one struct
    /// with the properties of every member. A property is required when every member requires it;
    /// one that members type differently holds any JSON value.
    pub(super) fn merge_any_of(&mut self, view: &SchemaView<'_>, at: &Loc) -> Result<(TypeKind, bool)> {
        let mut members: Vec<Parts> = Vec::new();
        let mut nullable = false;
        for (i, member) in view.any_of.iter().enumerate() {
            if is_null_schema(member) {
                nullable = true;
                continue;
            }
            let mut parts = Parts::default();
            let loc = Loc { doc: at.doc, pointer: pointer::join(&at.pointer, &["anyOf", &i.to_string()]), hint: at.hint.clone() };
            self.collect(&loc, &mut parts, &mut HashSet::new())?;
            members.push(parts);
        }
        let mut merged = Parts::default();
        let mut conflicting: HashSet<String> = HashSet::new();
        for parts in &members {
            for (name, loc) in &parts.props {
                match merged.props.get(name) {
                    None => {
                        merged.props.insert(name.clone(), loc.clone());
                    }
                    Some(first) if first.target() != loc.target() && !self.same_schema(&first.clone(), loc)? => {
                        conflicting.insert(name.clone());
                    }
                    Some(_) => {}
                }
            }
            if merged.additional.is_none() {
                merged.additional = parts.additional.clone();
            }
            merged.patterns.extend(parts.patterns.iter().cloned());
        }
        if let Some((first, rest)) = members.split_first() {
            for (name, owner) in &first.required {
                if rest.iter().all(|p| p.required.contains_key(name)) {
                    merged.required.insert(name.clone(), owner.clone());
                }
            }
        }
        let mut structure = self.build_struct(merged, at)?;
        for field in structure.fields.iter_mut().filter(|f| conflicting.contains(&f.wire_name)) {
            field.ty = Type::Any;
            field.nullable = !field.required;
        }
        Ok((TypeKind::Struct(structure), nullable))
    }

    /// True when two property schemas are written alike, or give the same type.
    fn same_schema(&mut self, a: &Loc, b: &Loc) -> Result<bool> {
        let (json_a, json_b) = (self.json(a.doc), self.json(b.doc));
        if pointer::resolve(&json_a, &a.pointer) == pointer::resolve(&json_b, &b.pointer) {
            return Ok(true);
        }
        let (shape_a, shape_b) = (self.shape_at(a)?, self.shape_at(b)?);
        Ok(shape_a.ty == shape_b.ty && shape_a.nullable == shape_b.nullable)
    }
}
