//! The `specforge` command-line tool.

use clap::{Args, Parser, Subcommand};
use specforge::{check, crate_files, write_files, write_if_changed, Builder, Error, Generated, Result, WriteOutcome};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Generation allocates and frees millions of small token and syntax-tree nodes; with glibc's malloc
/// that was a third of a run (perf, GitHub's description).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generate Rust models and an HTTP client from OpenAPI 3.0 / 3.1, Swagger 2.0 or markdown model docs.
#[derive(Parser)]
#[command(name = "specforge", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a Rust module (`-o FILE`) or a crate (`--crate DIR --name NAME`).
    Generate(GenerateArgs),
    /// Exit non-zero, naming the file, when the output on disk differs from what `generate` would write.
    Check(GenerateArgs),
    /// Print the intermediate model as JSON.
    Ir(InputArgs),
}

#[derive(Args)]
struct InputArgs {
    /// The input: an OpenAPI 3.0 / 3.1 or Swagger 2.0 document (YAML or JSON), or markdown model docs (folders and .md files).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Treat every warning (unsupported construct, unfetched remote $ref, missing doc link...) as an error.
    #[arg(long)]
    strict: bool,
    /// Markdown docs: JSON names of fields (as-is, snake, camel, kebab).
    #[arg(long, value_name = "CASE", default_value = "as-is")]
    wire_case: specforge::WireCase,
    /// Markdown docs: override a field's type, as the docs would write it: `Model.field=int`. Repeatable.
    #[arg(long, value_name = "MODEL.FIELD=TYPE")]
    field_type: Vec<String>,
    /// Markdown docs: the JSON name of one field, by its name in the docs: `Model.CreatedAt=created`. Repeatable.
    #[arg(long, value_name = "MODEL.FIELD=WIRE_NAME")]
    wire_name: Vec<String>,
    /// Declare how an operation is paged: `OPERATION=KIND[:key=value,...]` (see README, Pagination). Repeatable.
    #[arg(long, value_name = "OPERATION=KIND[:KEY=VALUE,...]")]
    paginate: Vec<String>,
    #[command(flatten)]
    select: SelectArgs,
}

/// Which operations to generate (see "Large APIs" in the README).
#[derive(Args)]
struct SelectArgs {
    /// Only the operations with one of these tags (comma-separated, repeatable).
    #[arg(long, value_name = "TAG,...", value_delimiter = ',')]
    tags: Vec<String>,
    /// Only these operations: operationIds or `METHOD /path` (comma-separated, repeatable).
    #[arg(long, value_name = "OPERATION,...", value_delimiter = ',')]
    operations: Vec<String>,
    /// Leave out the operations with one of these tags.
    #[arg(long, value_name = "TAG,...", value_delimiter = ',')]
    exclude_tags: Vec<String>,
    /// Leave out these operations (operationIds or `METHOD /path`).
    #[arg(long, value_name = "OPERATION,...", value_delimiter = ',')]
    exclude_operations: Vec<String>,
    /// Keep these named schemas (and the types they use) even when no selected operation uses them.
    #[arg(long, value_name = "SCHEMA,...", value_delimiter = ',')]
    keep_schemas: Vec<String>,
    /// Keep every named schema; only operations are selected.
    #[arg(long)]
    all_schemas: bool,
}

impl InputArgs {
    fn builder(&self) -> Result<Builder> {
        let mut builder = Builder::new();
        for input in &self.inputs {
            builder.spec(input);
        }
        builder.strict(self.strict).wire_case(self.wire_case);
        let select = &self.select;
        builder
            .tags(&select.tags)
            .operations(&select.operations)
            .exclude_tags(&select.exclude_tags)
            .exclude_operations(&select.exclude_operations)
            .keep_schemas(&select.keep_schemas)
            .all_schemas(select.all_schemas);
        for arg in &self.field_type {
            builder.field_type_arg(arg)?;
        }
        for arg in &self.wire_name {
            builder.wire_name_arg(arg)?;
        }
        for arg in &self.paginate {
            builder.paginate_arg(arg)?;
        }
        Ok(builder)
    }
}

#[derive(Args)]
struct GenerateArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Write one self-contained module to this file.
    #[arg(short = 'o', long = "out", value_name = "FILE", conflicts_with = "crate_dir", required_unless_present = "crate_dir")]
    out: Option<PathBuf>,
    /// Write a whole crate (Cargo.toml and src/lib.rs) into this directory.
    #[arg(long = "crate", value_name = "DIR", requires = "name")]
    crate_dir: Option<PathBuf>,
    /// The crate's package name (with --crate).
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// Make every enum closed: no `Unknown` variant, unknown values fail to deserialize.
    #[arg(long)]
    closed_enums: bool,
    /// Keep `date-time`, `date` and `uuid` as `String` instead of chrono/uuid types.
    #[arg(long)]
    string_formats: bool,
    /// Add attributes to a type: `TYPE=#[derive(Hash)]` (`.` for every type). Repeatable.
    #[arg(long, value_name = "TYPE=ATTR")]
    type_attribute: Vec<String>,
    /// Add attributes to a field: `Type.field=#[doc(hidden)]` (`.field` in every type). Repeatable.
    #[arg(long, value_name = "TYPE.FIELD=ATTR")]
    field_attribute: Vec<String>,
    /// Add a #[cfg(test)] module that round-trips every example of the description through its type.
    #[arg(long)]
    example_tests: bool,
    /// Generate only the models: no HTTP client (`pub mod client`), so no reqwest or tokio dependency.
    #[arg(long)]
    models_only: bool,
    /// With --crate: no cargo feature per tag (by default each tag's operations, and the types only
    /// they use, are behind a feature named after the tag).
    #[arg(long, requires = "crate_dir")]
    no_tag_features: bool,
    /// Derive both Serialize and Deserialize on every type (by default, with a client, a type only sent
    /// in requests derives Serialize and one only received derives Deserialize).
    #[arg(long)]
    derive_both: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
    /// Print the milliseconds of each phase and the peak memory to stderr.
    #[arg(long)]
    stats: bool,
    /// Threads that emit and format the code (default: $SPECFORGE_THREADS, else the number of cores;
    /// the output is the same for any number).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    threads: Option<u64>,
}

fn builder(args: &GenerateArgs) -> Result<Builder> {
    let mut builder = args.input.builder()?;
    builder.closed_enums(args.closed_enums).typed_formats(!args.string_formats).example_tests(args.example_tests).client(!args.models_only);
    builder.tag_features(args.crate_dir.is_some() && args.out.is_none() && !args.no_tag_features).both_directions(args.derive_both);
    if let Some(threads) = args.threads {
        builder.threads(usize::try_from(threads).unwrap_or(usize::MAX));
    }
    for arg in &args.type_attribute {
        builder.type_attribute_arg(arg)?;
    }
    for arg in &args.field_attribute {
        builder.field_attribute_arg(arg)?;
    }
    Ok(builder)
}

fn outputs(args: &GenerateArgs, generated: &Generated) -> Result<Vec<(PathBuf, String)>> {
    match (&args.out, &args.crate_dir, &args.name) {
        (Some(out), _, _) => Ok(vec![(out.clone(), generated.code.clone())]),
        (None, Some(dir), Some(name)) => crate_files(dir, name, &generated.code, &generated.needs),
        _ => Err(Error::Config("give -o FILE, or --crate DIR with --name NAME".into())),
    }
}

fn report_warnings(generated: &Generated, quiet: bool) {
    if !quiet {
        for warning in &generated.warnings {
            eprintln!("{warning}");
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Generate(args) => {
            let generated = builder(&args)?.generate()?;
            report_warnings(&generated, args.quiet);
            let files = outputs(&args, &generated)?;
            let started = Instant::now();
            let outcomes = match &args.crate_dir {
                Some(dir) if args.out.is_none() => write_files(dir, &files)?,
                _ => files.iter().map(|(path, code)| write_if_changed(path, code.as_bytes())).collect::<Result<Vec<_>>>()?,
            };
            if args.stats {
                let t = generated.timings;
                let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
                eprintln!(
                    "stats: load={:.1}ms resolve={:.1}ms typespace={:.1}ms emit={:.1}ms format={:.1}ms write={:.1}ms peak_rss={}",
                    ms(t.load),
                    ms(t.resolve),
                    ms(t.typespace),
                    ms(t.emit),
                    ms(t.format),
                    ms(started.elapsed()),
                    peak_rss().map_or("n/a".to_string(), |kb| format!("{:.1}MB", kb as f64 / 1024.0))
                );
                if let Some(kept) = generated.selected {
                    eprintln!("stats: selected operations={}/{} types={}/{}", kept.operations, kept.operations_total, kept.types, kept.types_total);
                }
            }
            if !args.quiet {
                for ((path, _), outcome) in files.iter().zip(outcomes) {
                    let verb = if outcome == WriteOutcome::Written { "wrote" } else { "unchanged" };
                    eprintln!("{verb} {}", path.display());
                }
            }
            Ok(())
        }
        Command::Check(args) => {
            let generated = builder(&args)?.generate()?;
            report_warnings(&generated, args.quiet);
            for (path, code) in outputs(&args, &generated)? {
                check(&path, code.as_bytes())?;
            }
            if !args.quiet {
                eprintln!("up to date");
            }
            Ok(())
        }
        Command::Ir(args) => {
            let model = args.builder()?.model()?;
            for warning in &model.warnings {
                eprintln!("{warning}");
            }
            let json = serde_json::to_string_pretty(&model.api).map_err(|e| Error::Internal(e.to_string()))?;
            println!("{json}");
            Ok(())
        }
    }
}

/// Peak resident memory of this process in KiB (Linux `VmHWM`).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Generation itself runs on the library's large-stack thread (deep documents); a panic there is
    // passed on to here.
    let result = match std::panic::catch_unwind(move || run(cli)) {
        Ok(result) => result,
        Err(_) => {
            eprintln!("error[internal]: specforge panicked; this is a bug, please report it with the input");
            return ExitCode::from(101);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
