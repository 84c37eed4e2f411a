//! Path placeholders matched to path parameters, for every frontend: real documents write
//! `/items/{item_id}` with a parameter named `itemId`, or `{ID}` with `id`. Left alone, such a
//! placeholder would stay literally in the URL and its argument would go unused, so each placeholder
//! is matched exactly, else by a normalized form (case, `_`, `-` and `.` ignored), else becomes a
//! required string path parameter of its own; every loose match, undeclared placeholder and
//! parameter without placeholder is a `path-param-mismatch` warning.

use crate::diagnostic::{Diagnostic, Diagnostics, Kind};
use crate::ir::{Api, Operation, Origin, ParamLocation, Parameter};

/// The placeholders of a path template, in order (`/a/{b}/c/{d}` → `b`, `d`).
pub fn placeholders(path: &str) -> Vec<String> {
    path.split('{').skip(1).filter_map(|part| part.split_once('}').map(|(name, _)| name.to_string())).collect()
}

/// How placeholders and parameter names are compared when they are not equal.
pub fn normalized(name: &str) -> String {
    name.chars().filter(|c| !matches!(c, '_' | '-' | '.' | ' ')).flat_map(char::to_lowercase).collect()
}

fn warning(origin: &Origin, message: String) -> Diagnostic {
    Diagnostic::warning_at(Kind::PathParamMismatch, origin, message)
}

/// Matches the placeholders of every operation of `api` to its path parameters (see the module docs).
pub fn match_placeholders(api: &mut Api, diags: &mut Diagnostics) {
    for op in &mut api.operations {
        match_operation(op, diags);
    }
}

fn match_operation(op: &mut Operation, diags: &mut Diagnostics) {
    let holes = placeholders(&op.path);
    let is_path = |p: &Parameter| p.location == ParamLocation::Path;
    let mut matched = vec![false; op.parameters.len()];
    let mut loose = Vec::new();
    for hole in &holes {
        if let Some(i) = op.parameters.iter().position(|p| is_path(p) && p.wire_name == *hole) {
            matched[i] = true;
        } else {
            loose.push(hole.clone());
        }
    }
    for hole in loose {
        let found = (0..op.parameters.len())
            .find(|&i| !matched[i] && is_path(&op.parameters[i]) && normalized(&op.parameters[i].wire_name) == normalized(&hole));
        let method = op.method.as_str();
        match found {
            Some(i) => {
                matched[i] = true;
                let param = &mut op.parameters[i];
                let message = format!(
                    "{method} {}: path parameter `{}` does not match placeholder `{{{hole}}}` exactly; matched by a normalized name",
                    op.path, param.wire_name
                );
                diags.push(warning(&op.origin, message));
                param.wire_name = hole;
            }
            None => {
                let message =
                    format!("{method} {}: placeholder `{{{hole}}}` has no path parameter; a required string parameter `{hole}` is added", op.path);
                diags.push(warning(&op.origin, message));
                op.parameters.push(Parameter::path_string(hole));
                matched.push(true);
            }
        }
    }
    // A path parameter no placeholder names cannot be sent anywhere: left out, with a warning.
    let mut index = 0;
    let (path, method, origin) = (op.path.clone(), op.method.as_str(), op.origin.clone());
    op.parameters.retain(|p| {
        let keep = matched[index] || !is_path(p);
        index += 1;
        if !keep {
            diags.push(warning(&origin, format!("{method} {path}: path parameter `{}` has no placeholder in the path; left out", p.wire_name)));
        }
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_read_in_order() {
        assert_eq!(placeholders("/a/{b}/c/{d}"), vec!["b", "d"]);
        assert_eq!(placeholders("/a"), Vec::<String>::new());
    }

    #[test]
    fn names_are_compared_without_case_and_separators() {
        assert_eq!(normalized("item_id"), normalized("itemId"));
        assert_eq!(normalized("Item-ID"), normalized("itemid"));
        assert_ne!(normalized("item"), normalized("items"));
    }
}
