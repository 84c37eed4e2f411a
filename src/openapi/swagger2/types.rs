//! Types of Swagger 2.0 parameters and response headers, read from the object itself (`type`,
//! `format`, `items`, `enum`, `default`, `x-nullable`).
//!
//! These objects are schema-like: the schema converter reads them as they are. Their other keys
//! (`name`, `in`, `collectionFormat`) are not schema keywords, and a boolean `required` is not a list
//! of required properties, so the converter passes over them.

use super::raw::Located;
use crate::error::Result;
use crate::openapi::schema::{Converter, Loc, Shape};

/// The shape of the parameter or header `object` found at `loc` (its pointer; types made here, such
/// as an inline `enum`, are named after `loc.hint`).
pub fn value_shape(conv: &mut Converter<'_>, object: &Located, loc: &Loc) -> Result<Shape> {
    debug_assert_eq!(object.pointer, loc.pointer);
    conv.shape_at(loc)
}
