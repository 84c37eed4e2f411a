//! Unions: `oneOf`/`anyOf` (with discriminators), 3.1 `type` lists, and `oneOf`s of `const`s.

use super::super::refs::{self, Target};
use super::super::view::{is_null_schema, SchemaView};
use super::keywords::{literal, push_value};
use super::{Converter, Loc};
use crate::diagnostic::Kind;
use crate::error::Result;
use crate::ir::*;
use crate::pointer;
use serde_json::Value;

/// True when every member is one value (`const`, or an `enum` of one value), all strings or all
/// integers.
pub(super) fn all_const(members: &[(usize, &Value)]) -> bool {
    let strings = members.iter().filter(|(_, m)| SchemaView::of(m).enumeration.first().is_some_and(|v| v.is_string())).count();
    if strings != 0 && strings != members.len() {
        return false;
    }
    members.iter().all(|(_, member)| {
        let view = SchemaView::of(member);
        view.reference.is_none()
            && view.problems.is_empty()
            && view.enumeration.len() == 1
            && literal(view.enumeration[0]).is_some()
            && view.properties.is_none()
            && view.types.len() <= 1
    })
}

/// The enum of a `oneOf`/`anyOf` whose members are all `const`s, documented by each member's
/// `title` and `description`.
pub(super) fn const_members_enum(view: &SchemaView<'_>) -> Enum {
    let members = if view.one_of.is_empty() { view.any_of } else { view.one_of };
    let mut out = Enum { values: Vec::new(), open: true, fallback: String::new() };
    for member in members.iter().filter(|m| !is_null_schema(m)) {
        let member = SchemaView::of(member);
        let Some(value) = member.enumeration.first().and_then(|v| literal(v)) else { continue };
        let docs = Docs {
            title: member.text("title").map(str::to_owned),
            description: member.text("description").map(str::to_owned),
            deprecated: member.flag("deprecated"),
            examples: Vec::new(),
        };
        push_value(&mut out, value, None, docs);
    }
    out
}

impl Converter<'_> {
    /// The union of the members of `keyword`; `null` members make it nullable instead.
    pub(super) fn union_of(&mut self, view: &SchemaView<'_>, keyword: &str, at: &Loc) -> Result<(Union, bool)> {
        let members = if keyword == "oneOf" { view.one_of } else { view.any_of };
        let mut nullable = false;
        let mut variants: Vec<Variant> = Vec::new();
        let mut targets: Vec<Option<Target>> = Vec::new();
        for (i, member) in members.iter().enumerate() {
            if is_null_schema(member) {
                nullable = true;
                continue;
            }
            let member_view = SchemaView::of(member);
            let pure_ref = member_view.reference.filter(|_| !member_view.shaping_siblings_of_ref());
            let segment = match pure_ref {
                Some(_) => String::new(),
                None => member_view.text("title").map(str::to_owned).unwrap_or_else(|| format!("Variant{i}")),
            };
            let loc = at.child(&[keyword, &i.to_string()], Some(&segment));
            let target = match pure_ref {
                Some(reference) => refs::resolve(self.store, at.doc, &loc.pointer, reference)?.ok(),
                None => None,
            };
            let shape = self.shape(member, &loc)?;
            nullable |= shape.nullable;
            if variants.iter().any(|v| v.ty == shape.ty) {
                continue;
            }
            variants.push(Variant { name: String::new(), hint: String::new(), ty: shape.ty, tags: Vec::new() });
            targets.push(target);
        }
        let discriminator = match discriminator_of(view) {
            Some((property, mapping)) => self.assign_tags(property, &mapping, &mut variants, &mut targets, at)?,
            None => None,
        };
        Ok((Union { variants, discriminator, fallback: String::new() }, nullable))
    }

    /// A 3.1 `type` list such as `[string, integer]`: an untagged union with one variant per type,
    /// each reading the schema's other keywords for that type.
    pub(super) fn type_union(&mut self, view: &SchemaView<'_>, at: &Loc) -> Result<Union> {
        let mut variants = Vec::new();
        for typ in &view.types {
            let ty = match *typ {
                "object" if view.has_properties() => {
                    let loc = at.child(&[], Some("Object"));
                    let id = self.alloc(loc.hint.clone(), false, &loc, Docs::default());
                    let structure = self.struct_of(view, at)?;
                    self.types[id.0].kind = TypeKind::Struct(structure);
                    Type::Named { id, boxed: false }
                }
                other => self.type_named(other, view, at)?,
            };
            if !variants.iter().any(|v: &Variant| v.ty == ty) {
                variants.push(Variant { name: String::new(), hint: String::new(), ty, tags: Vec::new() });
            }
        }
        Ok(Union { variants, discriminator: None, fallback: String::new() })
    }

    /// Gives each variant its discriminator values; returns the property name when every variant has one.
    fn assign_tags(
        &mut self,
        property: String,
        mapping: &[(String, String)],
        variants: &mut Vec<Variant>,
        targets: &mut Vec<Option<Target>>,
        at: &Loc,
    ) -> Result<Option<String>> {
        let at_mapping = at.child(&["discriminator", "mapping"], None);
        for (value, reference) in mapping {
            let reference =
                if reference.contains('#') || reference.contains('/') { reference.clone() } else { format!("#/components/schemas/{reference}") };
            let target = match refs::resolve(self.store, at.doc, &at_mapping.pointer, &reference) {
                Ok(Ok(target)) => target,
                Ok(Err(_)) => {
                    self.warn(Kind::BadDiscriminator, at.doc, &at_mapping.pointer, format!("mapping `{value}` points to nothing; ignored"))?;
                    continue;
                }
                Err(error) => {
                    self.warn(
                        Kind::BadDiscriminator,
                        at.doc,
                        &at_mapping.pointer,
                        format!("mapping `{value}` cannot be followed ({error}); ignored"),
                    )?;
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
                if let Some(name) = target.as_ref().and_then(|t| pointer::last_token(&t.pointer)) {
                    variant.tags.push(name);
                }
            }
        }
        let all_tagged = variants.iter().all(|v| !v.tags.is_empty());
        Ok(all_tagged.then_some(property))
    }
}

/// The discriminator's property name and mapping: an object (3.x) or a property name (2.0).
fn discriminator_of(view: &SchemaView<'_>) -> Option<(String, Vec<(String, String)>)> {
    match view.raw.get("discriminator")? {
        Value::String(property) => Some((property.clone(), Vec::new())),
        Value::Object(d) => {
            let property = d.get("propertyName")?.as_str()?.to_string();
            let mapping = d
                .get("mapping")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect();
            Some((property, mapping))
        }
        _ => None,
    }
}
