//! Shared helpers for the integration tests: locating `../shared`, generating code through the
//! library, and compiling generated modules together in one crate with one shared target directory.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus folder (unpacked by `../shared/corpus/fetch-corpus.sh` with npm the first time).
pub fn corpus() -> PathBuf {
    let fetch = shared("corpus/fetch-corpus.sh");
    let output = Command::new("bash").arg(&fetch).output().expect("running bash");
    assert!(
        output.status.success(),
        "{} failed (it unpacks the corpus with npm the first time):\n{}",
        fetch.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let dir = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    assert!(dir.is_dir(), "{} printed {}, which is not a folder", fetch.display(), dir.display());
    dir
}

/// `../shared` (or `$SPECFORGE_SHARED`) joined with `relative`; fails the test with a clear message
/// naming what is missing, so a missing folder never passes silently.
pub fn shared(relative: &str) -> PathBuf {
    let base = std::env::var_os("SPECFORGE_SHARED").map(PathBuf::from).unwrap_or_else(|| root().join("../shared"));
    let path = base.join(relative);
    assert!(
        path.exists(),
        "this test needs {} (the `shared` folder beside the project, with the real Clerk specs, doc sets and corpus); \
         check it out there or set SPECFORGE_SHARED to its location",
        path.display()
    );
    path
}

/// Where generated test crates live (inside cargo's target directory).
pub fn work_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("crates").join(name);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// One target directory shared by every generated crate, so dependencies build once
/// (`$SPECFORGE_GENERATED_TARGET` names another: `scripts/test` gives the big clients their own, so that
/// they compile beside the other tests instead of waiting for cargo's lock on this one).
pub fn shared_target() -> PathBuf {
    match std::env::var_os("SPECFORGE_GENERATED_TARGET") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-target"),
    }
}

/// Generates a module from `spec` with `configure` applied to the builder; panics with the
/// diagnostics when generation fails.
pub fn generate_with(spec: &Path, configure: impl FnOnce(&mut specforge::Builder)) -> specforge::Generated {
    let mut builder = specforge::Builder::new();
    builder.spec(spec).cargo_directives(false);
    configure(&mut builder);
    builder.generate().unwrap_or_else(|error| panic!("generating {}: {error}", spec.display()))
}

/// A crate of generated modules (one `pub mod` each) plus hand-written test files.
pub struct TestCrate {
    name: String,
    client: bool,
    attributes: String,
    modules: Vec<(String, String)>,
    test_modules: Vec<(String, String)>,
    tests: Vec<(String, String)>,
}

impl TestCrate {
    /// An empty crate called `name`.
    pub fn new(name: &str) -> Self {
        TestCrate {
            name: name.to_owned(),
            client: false,
            attributes: String::new(),
            modules: Vec::new(),
            test_modules: Vec::new(),
            tests: Vec::new(),
        }
    }

    /// Adds the HTTP client's dependencies (reqwest with its `stream` feature, tokio, futures-core,
    /// bytes, futures-util for the stream methods of paged operations) and the loopback-test ones.
    pub fn with_client(&mut self) -> &mut Self {
        self.client = true;
        self
    }

    /// Inner attributes for the crate root, such as `#![recursion_limit = "256"]`.
    pub fn crate_attributes(&mut self, attributes: &str) -> &mut Self {
        self.attributes = attributes.to_owned();
        self
    }

    /// Adds `code` as `pub mod name`.
    pub fn module(&mut self, name: &str, code: &str) -> &mut Self {
        self.modules.push((name.to_owned(), code.to_owned()));
        self
    }

    /// Adds `code` as `#[cfg(test)] mod name;` of the library, compiled with its unit tests (so that
    /// large generated modules are compiled once for all tests).
    pub fn lib_test_module(&mut self, name: &str, code: &str) -> &mut Self {
        self.test_modules.push((name.to_owned(), code.to_owned()));
        self
    }

    /// Adds an integration test file `tests/name.rs`.
    pub fn test_file(&mut self, name: &str, code: &str) -> &mut Self {
        self.tests.push((name.to_owned(), code.to_owned()));
        self
    }

    /// Writes the crate (only files whose content changed) and returns its directory.
    pub fn write(&self) -> PathBuf {
        let dir = work_dir(&self.name);
        let manifest = format!(
            r#"[package]
name = "{}"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

# No debug info: these crates are compiled to be checked and tested, never debugged.
[profile.dev]
debug = false

[dependencies]
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["float_roundtrip"] }}
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std"] }}
uuid = {{ version = "1", features = ["serde"] }}
{}"#,
            self.name,
            if self.client {
                "reqwest = { version = \"0.13\", default-features = false, features = [\"rustls\", \"stream\"] }\n\
                 tokio = { version = \"1\", default-features = false, features = [\"time\"] }\n\
                 futures-core = \"0.3\"\n\
                 bytes = \"1\"\n\
                 futures-util = { version = \"0.3\", default-features = false }\n\n\
                 [dev-dependencies]\n\
                 tokio = { version = \"1\", features = [\"rt\", \"macros\", \"net\", \"io-util\", \"time\", \"sync\", \"fs\"] }\n\
                 futures-util = \"0.3\"\n"
            } else {
                ""
            }
        );
        let mut lib = format!("//! Generated modules under test.\n#![deny(warnings)]\n{}\n", self.attributes);
        for (name, code) in &self.modules {
            fs::create_dir_all(dir.join("src")).unwrap();
            write_if_changed(&dir.join("src").join(format!("{name}.rs")), code);
            lib.push_str(&format!("pub mod {name};\n"));
        }
        for (name, code) in &self.test_modules {
            write_if_changed(&dir.join("src").join(format!("{name}.rs")), code);
            lib.push_str(&format!("#[cfg(test)]\nmod {name};\n"));
        }
        write_if_changed(&dir.join("Cargo.toml"), &manifest);
        write_if_changed(&dir.join("src/lib.rs"), &lib);
        for (name, code) in &self.tests {
            let path = dir.join("tests").join(format!("{name}.rs"));
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            write_if_changed(&path, code);
        }
        dir
    }
}

fn write_if_changed(path: &Path, content: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(content) {
        fs::write(path, content).unwrap();
    }
}

/// Runs `cargo <args>` in `dir` with the shared target directory and extra environment.
pub fn cargo(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO"));
    command.args(args).current_dir(dir).env("CARGO_TARGET_DIR", shared_target()).env_remove("RUSTFLAGS");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("running cargo")
}

/// Runs cargo and fails the test with its output when it does not succeed or prints a warning.
pub fn cargo_ok(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let output = cargo(dir, args, env);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "cargo {} failed in {}:\n{stderr}\n{stdout}", args.join(" "), dir.display());
    assert!(!stderr.contains("warning:"), "cargo {} warned in {}:\n{stderr}", args.join(" "), dir.display());
    stdout + &stderr
}

/// `cargo clippy --lib -- -D warnings` (which also proves it compiles under `#![deny(warnings)]`): the
/// generated code is the product. The crate's tests are compiled by [`test`], warnings denied; checking
/// them with clippy too would type-check every generated module once more (`#[cfg(test)]` round-trip
/// modules sit inside them), which for megabytes of models costs minutes.
pub fn clippy(dir: &Path) -> String {
    cargo_ok(dir, &["clippy", "--quiet", "--lib", "--", "-D", "warnings"], &[])
}

/// `cargo doc --no-deps` with rustdoc warnings denied.
pub fn doc(dir: &Path) -> String {
    cargo_ok(dir, &["doc", "--quiet", "--no-deps"], &[("RUSTDOCFLAGS", "-D warnings")])
}

/// `cargo test` and the total number of tests that passed.
pub fn test(dir: &Path) -> usize {
    test_with(dir, &[], &[])
}

/// `cargo test <args>` with extra environment; the total number of tests that passed.
pub fn test_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> usize {
    let mut all = vec!["test", "--quiet"];
    all.extend_from_slice(args);
    let output = cargo_ok(dir, &all, env);
    output.lines().filter_map(|line| line.strip_prefix("test result: ok. ")).filter_map(|rest| rest.split(' ').next()?.parse::<usize>().ok()).sum()
}
