//! Emitting and formatting the module on several threads, with the bytes one thread writes.
//!
//! Token streams cannot cross threads (`proc_macro2` shares them through `Rc`), so each thread
//! emits parts of the module and formats them itself. The parts are the client's tags (each with
//! its operations' items and its sub-client, the largest first), the untagged operations with
//! `Client` and its builder, and runs of consecutive types in the module's order, taken from a
//! shared counter so that a thread that finishes early takes the next one.
//!
//! Every piece is formatted as soon as it is emitted, so that a thread holds the tokens and syntax
//! tree of one piece at a time, not of its whole part: fresh memory is what generation spends the
//! most on. A type's items are formatted on their own and joined with `\n`, exactly as
//! `super::format` (the tests' reference) does. A piece of the client module is formatted inside `mod client { .. }`
//! and kept without that first and last line: `prettyplease` prints the items of a module one
//! after the other at one indentation, so the module is the concatenation of its pieces. The
//! pieces are put back in module order. Example tests, the head of the client module (its
//! re-exports depend on what every operation needs) and the support module come last, on the
//! calling thread. Nothing a part emits depends on another part but through [`Needs`], which is
//! merged.

use super::types::{Cx, Needs, Shared};
use super::{client, examples, format_items, header, models, support, type_item, type_order, RustOptions};
use crate::error::{Error, Result};
use crate::ir::Api;
use proc_macro2::TokenStream;
use quote::quote;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The formatted module with what it needs and the time spent.
pub struct Formatted {
    /// The formatted source, header included.
    pub code: String,
    /// Support code and crates the code uses.
    pub needs: Needs,
    /// Time spent building tokens, added up over the threads.
    pub emit: Duration,
    /// Time spent parsing and pretty-printing, added up over the threads.
    pub format: Duration,
}

/// One unit of work.
enum Part {
    /// The operations of one tag (group): their items and the sub-client.
    Group(usize),
    /// The untagged operations' items, and `Client` (holding their methods) with its builder.
    Root,
    /// The types at these positions of the module's order.
    Types(std::ops::Range<usize>),
}

/// Where a formatted piece goes, in module order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// An item of the type at this position of the module's order.
    Type(usize),
    /// `Client` and its builder, in the client module.
    Client,
    /// The items of the operation with this index, in the client module.
    Operation(usize),
    /// The sub-client of the group with this index, in the client module.
    SubClient(usize),
}

/// What one part gave: its formatted pieces, what it needs, and the time it took.
#[derive(Default)]
struct Done {
    /// Whether the part is one of the client module's.
    client: bool,
    pieces: Vec<(Place, String)>,
    needs: Needs,
    emit: Duration,
    format: Duration,
}

impl Done {
    /// Emits one piece with `emit`, formats it with `format` and keeps it at `place`.
    fn piece(&mut self, place: Place, emit: impl FnOnce() -> TokenStream, format: impl FnOnce(TokenStream) -> Result<Vec<String>>) -> Result<()> {
        let started = Instant::now();
        let tokens = emit();
        let emitted = Instant::now();
        let texts = format(tokens)?;
        self.format += emitted.elapsed();
        self.emit += emitted - started;
        self.pieces.extend(texts.into_iter().filter(|text| !text.is_empty()).map(|text| (place, text)));
        Ok(())
    }

    /// Emits one piece of the client module (see [`format_inner`]).
    fn client_piece(&mut self, place: Place, emit: impl FnOnce() -> TokenStream) -> Result<()> {
        self.piece(place, emit, |tokens| Ok(vec![format_inner(tokens)?]))
    }
}

/// Runs per thread: how many runs of types each thread gets on average (more: better balance,
/// more overhead per run).
const RUNS_PER_THREAD: usize = 8;

/// Emits and formats the module for `api` on `threads` threads (the calling one included), with the
/// same bytes as `super::emit` then `super::format` (the tests' reference) give; `source` names the input in the header.
pub fn emit_formatted(api: &Api, opts: &RustOptions, source: &str, threads: usize) -> Result<Formatted> {
    let shared = Shared::new(api, opts);
    let defaultable = models::defaultable(api);
    let order = type_order(api);
    let client = opts.client && !api.operations.is_empty();
    let parts = parts(api, client, order.len(), threads);

    let next = AtomicUsize::new(0);
    let work = || -> Result<Vec<Done>> {
        let mut done = Vec::new();
        while let Some(part) = parts.get(next.fetch_add(1, Ordering::Relaxed)) {
            let mut cx = shared.cx();
            let mut part_done = Done { client: !matches!(part, Part::Types(_)), ..Done::default() };
            match part {
                Part::Types(range) => {
                    for position in range.clone() {
                        let i = order[position];
                        part_done.piece(Place::Type(position), || type_item(&mut cx, i, defaultable[i]), format_items)?;
                    }
                }
                Part::Group(group) => client_part(&mut cx, Some(*group), &mut part_done)?,
                Part::Root => client_part(&mut cx, None, &mut part_done)?,
            }
            part_done.needs = cx.needs;
            done.push(part_done);
        }
        Ok(done)
    };
    let helpers = threads.min(parts.len()).saturating_sub(1);
    let done: Vec<Done> = std::thread::scope(|scope| {
        let handles = (0..helpers)
            .map(|n| {
                std::thread::Builder::new()
                    .name(format!("specforge-{n}"))
                    .stack_size(crate::pipeline::STACK_SIZE)
                    .spawn_scoped(scope, work)
                    .map_err(|e| Error::Internal(format!("cannot start a generation thread: {e}")))
            })
            .collect::<Result<Vec<_>>>()?;
        let mut done = work()?;
        for handle in handles {
            done.extend(handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?);
        }
        Ok::<_, Error>(done)
    })?;

    // Example tests see what the types need (as when emitted after them on one thread); the
    // client's head, what everything needs.
    let mut type_needs = shared.cx().needs;
    let mut client_needs = Needs::default();
    let (mut emit, mut format) = (Duration::ZERO, Duration::ZERO);
    let mut pieces: Vec<(Place, String)> = Vec::new();
    for part in done {
        if part.client { &mut client_needs } else { &mut type_needs }.merge(&part.needs);
        (emit, format) = (emit + part.emit, format + part.format);
        pieces.extend(part.pieces);
    }
    // Stable: the pieces of one place come from one part, in order.
    pieces.sort_by_key(|(place, _)| *place);
    let client_pieces = pieces.split_off(pieces.partition_point(|(place, _)| matches!(place, Place::Type(_))));
    let items: Vec<String> = pieces.into_iter().map(|(_, text)| text).collect();

    let mut last = Done { needs: type_needs, ..Done::default() };
    if opts.example_tests {
        let mut cx = shared.cx();
        cx.needs = std::mem::take(&mut last.needs);
        last.piece(Place::Type(0), || examples::example_tests(&mut cx), format_items)?;
        last.needs = cx.needs;
    }
    if client {
        last.needs.merge(&client_needs);
        let mut cx = shared.cx();
        cx.needs = last.needs.clone();
        last.piece(Place::Client, || client::module(client::head(&cx)), format_items)?;
    }
    let needs = last.needs.clone();
    last.piece(Place::Type(0), || support::support_module(&needs), format_items)?;
    (emit, format) = (emit + last.emit, format + last.format);
    // The module, written once: items separated by a blank line; the client module is its head,
    // its pieces, then the `}` that closes it. Each text comes with whether it starts an item.
    let mut texts: Vec<(bool, &str)> = items.iter().map(|text| (true, text.as_str())).collect();
    for (place, text) in &last.pieces {
        if *place != Place::Client {
            texts.push((true, text));
            continue;
        }
        let head =
            text.strip_suffix("}\n").ok_or_else(|| Error::Internal(format!("the client module's head is formatted unexpectedly: {text:?}")))?;
        texts.push((true, head));
        texts.extend(client_pieces.iter().map(|(_, piece)| (false, piece.as_str())));
        texts.push((false, "}\n"));
    }
    let mut code = header(source);
    code.reserve(texts.iter().map(|(_, text)| text.len() + 1).sum());
    for (index, (starts_item, text)) in texts.into_iter().enumerate() {
        if starts_item && index > 0 {
            code.push('\n');
        }
        code.push_str(text);
    }
    Ok(Formatted { code, needs, emit, format })
}

/// The parts of the work, largest first so that the small ones fill in at the end: the tags by
/// number of operations, the untagged operations with `Client`, then runs of types.
fn parts(api: &Api, client: bool, types: usize, threads: usize) -> Vec<Part> {
    let mut parts = Vec::new();
    if client {
        let mut sizes = vec![0usize; api.groups.len()];
        for op in &api.operations {
            if let Some(group) = op.group {
                sizes[group] += 1;
            }
        }
        let mut groups: Vec<usize> = (0..api.groups.len()).collect();
        groups.sort_by_key(|&g| (std::cmp::Reverse(sizes[g]), g));
        parts.extend(groups.into_iter().map(Part::Group));
        parts.push(Part::Root);
    }
    let run = types.div_ceil(threads.max(1) * RUNS_PER_THREAD).max(1);
    parts.extend((0..types).step_by(run).map(|start| Part::Types(start..(start + run).min(types))));
    parts
}

/// Emits and formats the operations of `group` (`None`: the untagged ones) and what holds their
/// methods: the sub-client, or `Client` with its builder.
fn client_part(cx: &mut Cx<'_>, group: Option<usize>, done: &mut Done) -> Result<()> {
    client::begin(cx);
    let mut methods = TokenStream::new();
    for (index, op) in cx.api.operations.iter().enumerate().filter(|(_, op)| op.group == group) {
        done.client_piece(Place::Operation(index), || {
            let (items, method) = client::operation(cx, op);
            methods.extend(method);
            items
        })?;
    }
    match group {
        Some(group) => done.client_piece(Place::SubClient(group), || client::group_item(cx, group, methods)),
        None => done.client_piece(Place::Client, || client::client_and_builder(cx, methods)),
    }
}

/// The text of items inside a module: formatted inside `mod client { .. }`, without that first and
/// last line (empty for no items).
fn format_inner(tokens: TokenStream) -> Result<String> {
    if tokens.is_empty() {
        return Ok(String::new());
    }
    let text = format_items(quote!(mod client { #tokens }))?.concat();
    text.strip_prefix("mod client {\n")
        .and_then(|inner| inner.strip_suffix("}\n"))
        .map(str::to_string)
        .ok_or_else(|| Error::Internal(format!("a piece of the client module is formatted unexpectedly: {text:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{model, Config};
    use std::path::PathBuf;

    /// Checks that `spec` gives, on 1, 2 and 5 threads, the bytes of the whole module emitted at
    /// once and formatted as one file.
    fn same_as_the_whole_module(spec: PathBuf, opts: &RustOptions) {
        let api = model(&Config { inputs: vec![spec.clone()], ..Config::default() }).unwrap().api;
        let emitted = super::super::emit(&api, opts);
        let reference = super::super::format(emitted.tokens, "x.yaml").unwrap();
        for threads in [1, 2, 5] {
            let formatted = emit_formatted(&api, opts, "x.yaml", threads).unwrap();
            let at = reference.bytes().zip(formatted.code.bytes()).position(|(a, b)| a != b);
            assert!(formatted.code == reference, "{} on {threads} threads differs from the whole module at byte {at:?}", spec.display());
            assert_eq!(formatted.needs, emitted.needs, "{} on {threads} threads", spec.display());
        }
    }

    fn shared(path: &str) -> PathBuf {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared").join(path);
        assert!(path.exists(), "needs {} (the shared folder beside the project)", path.display());
        path
    }

    #[test]
    fn clerk_in_pieces_is_the_whole_module() {
        let clerk = shared("specs/clerk/clerk-bapi.yml");
        same_as_the_whole_module(clerk.clone(), &RustOptions::default());
        let gated = RustOptions { tag_features: true, example_tests: true, closed_enums: true, ..RustOptions::default() };
        same_as_the_whole_module(clerk.clone(), &gated);
        same_as_the_whole_module(clerk, &RustOptions { client: false, ..RustOptions::default() });
    }

    #[test]
    fn small_documents_in_pieces_are_the_whole_module() {
        // Untagged operations (streams), tagged and untagged ones (loopback), unions, markdown
        // docs, the petstore.
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        for spec in [
            "specs/petstore/openapi.yaml",
            "tests/client/streams.yaml",
            "tests/client/loopback.yaml",
            "tests/constructs/unions.yaml",
            "tests/markdown/go",
        ] {
            same_as_the_whole_module(root.join(spec), &RustOptions::default());
            same_as_the_whole_module(root.join(spec), &RustOptions { tag_features: true, ..RustOptions::default() });
        }
    }
}
