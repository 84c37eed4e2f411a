//! The phases of one generation run, timed: load, resolve, type space, emit, format.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::ir::Api;
use crate::rust::{self, Needs, RustOptions};
use crate::source::DocumentStore;
use crate::typespace;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Everything one generation run needs to know.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The inputs: one OpenAPI document, or markdown docs (folders and `.md` files).
    pub inputs: Vec<PathBuf>,
    /// Turn every warning into an error.
    pub strict: bool,
    /// Rust backend options.
    pub rust: RustOptions,
    /// Markdown frontend options (used when the inputs are markdown docs).
    pub markdown: crate::markdown::MarkdownOptions,
    /// Which operations (and the types they reach) to generate; empty: everything.
    pub select: typespace::select::Selection,
    /// Pagination declarations, `OPERATION=KIND[:key=value,...]` (see `typespace::pagination`).
    pub paginate: Vec<String>,
    /// Threads that emit and format the code (`Some(1)`: all on the generation thread); `None`:
    /// `$SPECFORGE_THREADS` when set, else the number of cores. The output is the same for any number.
    pub threads: Option<usize>,
}

/// The environment variable that sets the number of threads when [`Config::threads`] is `None`.
pub const THREADS_VAR: &str = "SPECFORGE_THREADS";

/// The number of threads a run uses: [`Config::threads`], else `$SPECFORGE_THREADS` (when set and
/// not blank), else the number of cores the process may use (1 when unknown).
pub fn threads(config: &Config) -> Result<usize> {
    let from_env = std::env::var(THREADS_VAR).ok().filter(|value| !value.trim().is_empty());
    match (config.threads, from_env) {
        (Some(0), _) => Err(Error::Config("the number of threads must be 1 or more".into())),
        (Some(threads), _) => Ok(threads),
        (None, Some(value)) => match value.trim().parse::<usize>() {
            Ok(threads) if threads >= 1 => Ok(threads),
            _ => Err(Error::Config(format!("{THREADS_VAR}={value}: expected a number of threads (1 or more)"))),
        },
        (None, None) => Ok(std::thread::available_parallelism().map_or(1, usize::from)),
    }
}

/// Time spent in each phase (`--stats` prints them in milliseconds).
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading and parsing input files (OpenAPI documents, or every markdown page).
    pub load: Duration,
    /// Building the intermediate model (typed parsing, `$ref` resolution; markdown: models and
    /// operations from the parsed pages).
    pub resolve: Duration,
    /// Naming, ordering and cycle breaking.
    pub typespace: Duration,
    /// Building the token stream. Emit and format run together, piece by piece and on several
    /// threads: the two share the wall time they took together in proportion to the time the
    /// threads spent in each.
    pub emit: Duration,
    /// Parsing and pretty-printing the tokens (see [`Timings::emit`]).
    pub format: Duration,
}

/// The intermediate model of the inputs, with what was read and what was found wrong on the way.
#[derive(Debug)]
pub struct Model {
    /// The model, with final names assigned.
    pub api: Api,
    /// Every file read (the inputs and the files they reference).
    pub files: Vec<PathBuf>,
    /// Warnings (unsupported constructs replaced by `serde_json::Value`, missing links...).
    pub warnings: Vec<Diagnostic>,
    /// Time spent so far.
    pub timings: Timings,
}

/// Generated source with everything a caller needs to write and report it.
#[derive(Debug)]
pub struct Generated {
    /// The formatted Rust source of the module.
    pub code: String,
    /// Support code and crates the code uses (for a generated `Cargo.toml`).
    pub needs: Needs,
    /// Every file read.
    pub files: Vec<PathBuf>,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
    /// Time per phase.
    pub timings: Timings,
    /// What a selection kept, when one was given.
    pub selected: Option<crate::ir::Selected>,
}

/// How a path names itself in messages: as given.
fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Stack for a generation run. Schemas chained through thousands of `$ref`s (or `allOf`s) are
/// converted recursively; the memory is reserved, and only the part a run touches is used.
pub(crate) const STACK_SIZE: usize = 1 << 30;

/// Runs `run` on a thread with a [`STACK_SIZE`] stack, so deep inputs cannot overflow the caller's
/// (a `build.rs` main thread, a test thread); a panic is passed on unchanged.
fn on_deep_stack<R: Send>(run: impl FnOnce() -> Result<R> + Send) -> Result<R> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("specforge".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, run)
            .map_err(|e| Error::Internal(format!("cannot start the generation thread: {e}")))?;
        handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Loads the inputs and builds the intermediate model, names assigned by the type space.
pub fn model(config: &Config) -> Result<Model> {
    on_deep_stack(|| model_here(config))
}

fn model_here(config: &Config) -> Result<Model> {
    let mut timings = Timings::default();
    let mut diags = Diagnostics::new(config.strict);
    let (api, files) = if crate::markdown::is_markdown(&config.inputs) {
        let started = Instant::now();
        let pages = crate::markdown::load(&config.inputs)?;
        timings.load = started.elapsed();
        let started = Instant::now();
        let (api, files) = crate::markdown::convert(&config.inputs, pages, &config.markdown, &mut diags)?;
        timings.resolve = started.elapsed();
        (api, files)
    } else {
        let [input] = config.inputs.as_slice() else {
            return Err(Error::Config(format!("expected one OpenAPI document, got {} inputs", config.inputs.len())));
        };
        let started = Instant::now();
        let mut store = DocumentStore::default();
        let root = store.load(input, &display(input))?;
        timings.load = started.elapsed();
        let started = Instant::now();
        let api = crate::openapi::convert(&mut store, root, &mut diags)?;
        timings.resolve = started.elapsed();
        (api, store.paths())
    };
    let mut api = api;
    typespace::select::select(&mut api, &config.select)?;
    typespace::paths::match_placeholders(&mut api, &mut diags);
    typespace::pagination::recognize(&mut api, &config.paginate, &mut diags)?;
    if diags.has_errors() {
        return Err(Error::Input(diags.into_vec()));
    }
    let started = Instant::now();
    typespace::resolve(&mut api, &rust::RustNaming);
    timings.typespace = started.elapsed();
    Ok(Model { api, files, warnings: diags.into_vec(), timings })
}

/// Runs every phase and returns the formatted module (nothing is written).
pub fn generate(config: &Config) -> Result<Generated> {
    on_deep_stack(|| generate_here(config))
}

fn generate_here(config: &Config) -> Result<Generated> {
    crate::builder::check_attributes(&config.rust.type_attributes)?;
    crate::builder::check_attributes(&config.rust.field_attributes)?;
    let threads = threads(config)?;
    let Model { api, files, warnings, mut timings } = model_here(config)?;
    let selected = api.selected;
    let source = config.inputs.first().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let started = Instant::now();
    let formatted = rust::emit_formatted(&api, &config.rust, &source, threads)?;
    // Emit and format run together, piece by piece: they share the wall time they took together
    // in proportion to the time spent in each.
    let wall = started.elapsed();
    let spent = formatted.emit + formatted.format;
    let share = if spent.is_zero() { 0.0 } else { formatted.emit.as_secs_f64() / spent.as_secs_f64() };
    timings.emit = wall.mul_f64(share);
    timings.format = wall.saturating_sub(timings.emit);
    let (code, needs) = (formatted.code, formatted.needs);
    Ok(Generated { code, needs, files, warnings, timings, selected })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_runs_time_the_load_phase() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/markdown/void");
        let model = model(&Config { inputs: vec![docs], ..Config::default() }).unwrap();
        assert!(model.timings.load > Duration::ZERO, "markdown pages are read in the load phase: {:?}", model.timings);
        assert!(model.timings.resolve > Duration::ZERO, "{:?}", model.timings);
    }
}
