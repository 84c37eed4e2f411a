//! Breaking recursion: aliases that mention themselves become newtypes, and by-value cycles get one
//! `Box` each.

use crate::ir::*;

/// Named types an expression holds by value (not behind an array or map).
fn by_value(ty: &Type, out: &mut Vec<TypeId>) {
    match ty {
        Type::Named { id, .. } => out.push(*id),
        Type::Nullable { inner } => by_value(inner, out),
        Type::Tuple { items } => items.iter().for_each(|item| by_value(item, out)),
        _ => {}
    }
}

fn edges(def: &TypeDef, by_value_only: bool) -> Vec<TypeId> {
    let mut out = Vec::new();
    let mut visit = |ty: &Type| if by_value_only { by_value(ty, &mut out) } else { ty.named_ids(&mut out) };
    match &def.kind {
        TypeKind::Struct(s) => {
            s.fields.iter().for_each(|f| visit(&f.ty));
            if let Some(inner) = &s.newtype {
                visit(inner);
            }
            if !by_value_only {
                if let Some(a) = &s.additional {
                    visit(&a.value);
                }
            }
        }
        TypeKind::Union(u) => u.variants.iter().for_each(|v| visit(&v.ty)),
        TypeKind::Alias { target } => visit(target),
        TypeKind::Map { value } => {
            if !by_value_only {
                visit(value)
            }
        }
        TypeKind::Enum(_) => {}
    }
    out
}

/// Strongly connected components (Tarjan, iterative), as a component index per node.
pub(crate) fn components(n: usize, succ: &[Vec<TypeId>]) -> Vec<usize> {
    const UNSET: usize = usize::MAX;
    let mut index = vec![UNSET; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![UNSET; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut comps = 0;
    for start in 0..n {
        if index[start] != UNSET {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if *i == 0 && index[v] == UNSET {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(w) = succ[v].get(*i).map(|t| t.0) {
                *i += 1;
                if index[w] == UNSET {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = comps;
                    if w == v {
                        break;
                    }
                }
                comps += 1;
            }
        }
    }
    comp
}

fn is_alias(def: &TypeDef) -> bool {
    matches!(def.kind, TypeKind::Alias { .. } | TypeKind::Map { .. })
}

/// Turns every alias (or named map) that reaches itself through other aliases into a newtype struct:
/// `type Tree = Vec<Tree>` cannot compile, `struct Tree(Vec<Tree>)` can.
pub fn break_alias_cycles(api: &mut Api) {
    let n = api.types.len();
    let succ: Vec<Vec<TypeId>> = api
        .types
        .iter()
        .map(|d| if is_alias(d) { edges(d, false).into_iter().filter(|t| is_alias(&api.types[t.0])).collect() } else { Vec::new() })
        .collect();
    let comp = components(n, &succ);
    let mut size = vec![0usize; n];
    comp.iter().for_each(|&c| size[c] += 1);
    for id in 0..n {
        let cyclic = size[comp[id]] > 1 || succ[id].iter().any(|t| t.0 == id);
        if !cyclic || !is_alias(&api.types[id]) {
            continue;
        }
        let target = match &api.types[id].kind {
            TypeKind::Alias { target } => target.clone(),
            TypeKind::Map { value } => Type::Map { values: Box::new(value.clone()) },
            _ => continue,
        };
        api.types[id].kind = TypeKind::Struct(Struct { fields: Vec::new(), additional: None, newtype: Some(target) });
    }
}

/// Marks `boxed` on as few by-value references as break every cycle: a depth-first search over each
/// strongly connected component, from its lowest type id and following fields in declaration order,
/// boxes the references that lead back to a type still being visited (the back edges). A graph
/// without its back edges has no cycle, so every cycle gets at least one `Box`, and an edge that is
/// part of no cycle (or whose cycle is already broken) gets none: of `A → B → A`, only `B → A` is boxed.
pub fn box_recursion(api: &mut Api) {
    let n = api.types.len();
    let succ: Vec<Vec<TypeId>> = api.types.iter().map(|d| edges(d, true)).collect();
    let comp = components(n, &succ);
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; n];
    let mut back: Vec<Vec<TypeId>> = vec![Vec::new(); n];
    for start in 0..n {
        if state[start] != NEW {
            continue;
        }
        state[start] = OPEN;
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            let Some(w) = succ[v].get(*i).map(|t| t.0) else {
                state[v] = DONE;
                work.pop();
                continue;
            };
            *i += 1;
            if comp[w] != comp[v] {
                continue;
            }
            match state[w] {
                NEW => {
                    state[w] = OPEN;
                    work.push((w, 0));
                }
                OPEN if !back[v].contains(&TypeId(w)) => back[v].push(TypeId(w)),
                _ => {}
            }
        }
    }
    for (id, targets) in back.iter().enumerate() {
        if targets.is_empty() {
            continue;
        }
        let same = |t: TypeId| targets.contains(&t);
        let mark = |ty: &mut Type| mark_boxed(ty, &same);
        match &mut api.types[id].kind {
            TypeKind::Struct(s) => {
                s.fields.iter_mut().for_each(|f| mark(&mut f.ty));
                if let Some(inner) = &mut s.newtype {
                    mark(inner);
                }
            }
            TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| mark(&mut v.ty)),
            TypeKind::Alias { target } => mark(target),
            TypeKind::Map { .. } | TypeKind::Enum(_) => {}
        }
    }
}

fn mark_boxed(ty: &mut Type, same: &dyn Fn(TypeId) -> bool) {
    match ty {
        Type::Named { id, boxed } if same(*id) => *boxed = true,
        Type::Nullable { inner } => mark_boxed(inner, same),
        Type::Tuple { items } => items.iter_mut().for_each(|item| mark_boxed(item, same)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(kind: TypeKind) -> TypeDef {
        TypeDef {
            name: String::new(),
            hint: NameHint { segments: vec![], declared: true },
            origin: Origin::default(),
            docs: Docs::default(),
            kind,
            input_of: None,
        }
    }

    fn named(id: usize) -> Type {
        Type::Named { id: TypeId(id), boxed: false }
    }

    fn field(ty: Type) -> Field {
        Field {
            wire_name: "f".into(),
            name: "f".into(),
            ty,
            required: false,
            nullable: false,
            default: None,
            read_only: false,
            write_only: false,
            docs: Docs::default(),
        }
    }

    #[test]
    fn one_edge_per_cycle_is_boxed_but_vec_is_not() {
        let mut api = Api::default();
        api.types.push(def(TypeKind::Struct(Struct { fields: vec![field(named(0))], ..Default::default() })));
        api.types.push(def(TypeKind::Struct(Struct { fields: vec![field(named(2))], ..Default::default() })));
        api.types.push(def(TypeKind::Union(Union {
            variants: vec![Variant { name: String::new(), hint: String::new(), ty: named(1), tags: vec![] }],
            discriminator: None,
            fallback: String::new(),
        })));
        api.types.push(def(TypeKind::Struct(Struct { fields: vec![field(Type::Array { items: Box::new(named(3)) })], ..Default::default() })));
        box_recursion(&mut api);
        let TypeKind::Struct(s0) = &api.types[0].kind else { panic!() };
        assert_eq!(s0.fields[0].ty, Type::Named { id: TypeId(0), boxed: true });
        // 1 → 2 → 1: the search starts at 1, so only the edge back from 2 to 1 is boxed.
        let TypeKind::Struct(s1) = &api.types[1].kind else { panic!() };
        assert_eq!(s1.fields[0].ty, named(2));
        let TypeKind::Union(u2) = &api.types[2].kind else { panic!() };
        assert_eq!(u2.variants[0].ty, Type::Named { id: TypeId(1), boxed: true });
        let TypeKind::Struct(s3) = &api.types[3].kind else { panic!() };
        assert_eq!(s3.fields[0].ty, Type::Array { items: Box::new(named(3)) });
    }

    #[test]
    fn a_three_cycle_with_a_chord_gets_the_back_edges_only() {
        // 0 → 1 → 2 → 0 and 2 → 1: removing 2 → 0 and 2 → 1 leaves 0 → 1 → 2, no cycle.
        let mut api = Api::default();
        api.types.push(def(TypeKind::Struct(Struct { fields: vec![field(named(1))], ..Default::default() })));
        api.types.push(def(TypeKind::Struct(Struct { fields: vec![field(named(2))], ..Default::default() })));
        api.types.push(def(TypeKind::Struct(Struct { fields: vec![field(named(0)), field(named(1))], ..Default::default() })));
        box_recursion(&mut api);
        let boxed = |id: usize| match &api.types[id].kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| matches!(f.ty, Type::Named { boxed: true, .. })).collect::<Vec<_>>(),
            _ => panic!(),
        };
        assert_eq!((boxed(0), boxed(1), boxed(2)), (vec![false], vec![false], vec![true, true]));
    }

    #[test]
    fn alias_cycles_become_newtypes() {
        let mut api = Api::default();
        api.types.push(def(TypeKind::Alias { target: Type::Array { items: Box::new(named(0)) } }));
        api.types.push(def(TypeKind::Alias { target: Type::string() }));
        break_alias_cycles(&mut api);
        assert!(matches!(&api.types[0].kind, TypeKind::Struct(s) if s.newtype.is_some()));
        assert!(matches!(&api.types[1].kind, TypeKind::Alias { .. }));
    }
}
