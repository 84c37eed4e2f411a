//! Emitting and formatting the module on several threads, with the bytes one thread writes.
//!
//! Token streams cannot cross threads (`proc_macro2` shares them through `Rc`), so each thread
//! emits parts of the module and formats them itself. The parts are the client module (first: it
//! is the largest) and runs of consecutive types in the module's order, taken from a shared counter
//! so that a thread that finishes early takes the next one. Each item is formatted on its own and
//! items are joined with `\n`, exactly as [`super::format`] does, and the parts are put back in
//! module order. Example tests and the support module depend on what the other parts need, so they
//! come last, on the calling thread. Nothing a part emits depends on another part but through
//! [`Needs`], which is merged (the client reads only what it sets itself).

use super::types::{Needs, Shared};
use super::{client, examples, format_items, models, support, type_item, type_order, with_header, RustOptions};
use crate::error::{Error, Result};
use crate::ir::Api;
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
    /// The client module.
    Client,
    /// The types at these positions of the module's order.
    Types(std::ops::Range<usize>),
}

/// What one part gave: its formatted items, what it needs, and the time it took.
struct Done {
    items: Vec<String>,
    needs: Needs,
    emit: Duration,
    format: Duration,
}

/// Runs per thread: how many runs of types each thread gets on average (more: better balance,
/// more overhead per run).
const RUNS_PER_THREAD: usize = 8;

/// Emits and formats the module for `api` on `threads` threads (the calling one included), with the
/// same bytes as [`super::emit`] then [`super::format`] give; `source` names the input in the header.
pub fn emit_formatted(api: &Api, opts: &RustOptions, source: &str, threads: usize) -> Result<Formatted> {
    let shared = Shared::new(api, opts);
    let defaultable = models::defaultable(api);
    let order = type_order(api);
    let client = opts.client && !api.operations.is_empty();
    let run = order.len().div_ceil(threads.max(1) * RUNS_PER_THREAD).max(1);
    let mut parts: Vec<Part> = Vec::new();
    if client {
        parts.push(Part::Client);
    }
    parts.extend((0..order.len()).step_by(run).map(|start| Part::Types(start..(start + run).min(order.len()))));

    let next = AtomicUsize::new(0);
    let work = || -> Vec<(usize, Result<Done>)> {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(part) = parts.get(k) else { return done };
            let mut cx = shared.cx();
            let started = Instant::now();
            let tokens = match part {
                Part::Client => client::client_module(&mut cx),
                Part::Types(range) => order[range.clone()].iter().map(|&i| type_item(&mut cx, i, defaultable[i])).collect(),
            };
            let emitted = Instant::now();
            let items = format_items(tokens);
            let formatted = emitted.elapsed();
            done.push((k, items.map(|items| Done { items, needs: cx.needs, emit: emitted - started, format: formatted })));
        }
    };
    let helpers = threads.min(parts.len()).saturating_sub(1);
    let mut results: Vec<(usize, Result<Done>)> = std::thread::scope(|scope| {
        let handles = (0..helpers)
            .map(|n| {
                std::thread::Builder::new()
                    .name(format!("specforge-{n}"))
                    .stack_size(crate::pipeline::STACK_SIZE)
                    .spawn_scoped(scope, work)
                    .map_err(|e| Error::Internal(format!("cannot start a generation thread: {e}")))
            })
            .collect::<Result<Vec<_>>>()?;
        let mut results = work();
        for handle in handles {
            results.extend(handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        Ok::<_, Error>(results)
    })?;
    results.sort_by_key(|(k, _)| *k);
    let mut done = results.into_iter().map(|(_, result)| result).collect::<Result<Vec<Done>>>()?.into_iter();
    let client_part = if client { done.next() } else { None };
    let type_parts: Vec<Done> = done.collect();

    let (mut emit, mut format) = (Duration::ZERO, Duration::ZERO);
    let mut needs = shared.cx().needs;
    for part in &type_parts {
        needs.merge(&part.needs);
    }
    let mut items: Vec<String> = Vec::new();
    for part in type_parts {
        (emit, format) = (emit + part.emit, format + part.format);
        items.extend(part.items);
    }
    // Example tests see what the types need (as when emitted after them on one thread).
    if opts.example_tests {
        let mut cx = shared.cx();
        cx.needs = needs;
        let started = Instant::now();
        let tokens = examples::example_tests(&mut cx);
        let emitted = Instant::now();
        items.extend(format_items(tokens)?);
        (emit, format) = (emit + (emitted - started), format + emitted.elapsed());
        needs = cx.needs;
    }
    if let Some(part) = client_part {
        (emit, format) = (emit + part.emit, format + part.format);
        needs.merge(&part.needs);
        items.extend(part.items);
    }
    let started = Instant::now();
    let tokens = support::support_module(&needs);
    let emitted = Instant::now();
    items.extend(format_items(tokens)?);
    (emit, format) = (emit + (emitted - started), format + emitted.elapsed());
    Ok(Formatted { code: with_header(&items.join("\n"), source), needs, emit, format })
}
