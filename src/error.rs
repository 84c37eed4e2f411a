//! The error type of every fallible public function.

use crate::diagnostic::Diagnostic;
use std::path::PathBuf;

/// Why generation failed. Every variant names the file concerned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file could not be read.
    #[error("error[read]: {}: cannot read: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The input is wrong at a known place (syntax, types, dangling `$ref`...), or a warning under `--strict`.
    #[error("{}", join(.0))]
    Input(Vec<Diagnostic>),
    /// An output file could not be written; nothing was changed.
    #[error("error[write]: {}: cannot write: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// `check` found a file that differs from what generation would write.
    #[error("error[stale]: {}: {reason}; run `specforge generate` to update it", path.display())]
    Stale {
        /// The file that differs.
        path: PathBuf,
        /// Missing or different.
        reason: String,
    },
    /// The options given cannot work together.
    #[error("error[config]: {0}")]
    Config(String),
    /// A bug in specforge: the generated code did not parse. Please report it with the input.
    #[error("error[internal]: {0}")]
    Internal(String),
}

impl Error {
    /// A single located input error.
    pub fn input(diagnostic: Diagnostic) -> Self {
        Error::Input(vec![diagnostic.into_error()])
    }

    /// The located diagnostics this error carries (empty for I/O and configuration errors).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Input(items) => items,
            _ => &[],
        }
    }
}

fn join(items: &[Diagnostic]) -> String {
    items.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
