//! Located messages about the input: where (file and place) and what.

use std::fmt;

/// A place inside an input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The file as a whole.
    File,
    /// A line and column, both 1-based (syntax errors).
    LineColumn(usize, usize),
    /// A line, 1-based (markdown rows).
    Line(usize),
    /// A JSON pointer into the document, with its leading `#` (`#/components/schemas/User`).
    Pointer(String),
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Generation went on; the construct was replaced (usually by `serde_json::Value`).
    Warning,
    /// Generation stopped.
    Error,
}

/// A message about one place in one input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// A short stable identifier of the kind of problem (`dangling-ref`, `unsupported-schema`...).
    pub kind: &'static str,
    /// The file, as the user named it.
    pub file: String,
    /// Where in the file.
    pub place: Place,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// An error at `place` in `file`.
    pub fn error(kind: &'static str, file: impl Into<String>, place: Place, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, kind, file: file.into(), place, message: message.into() }
    }

    /// A warning at `place` in `file`.
    pub fn warning(kind: &'static str, file: impl Into<String>, place: Place, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, kind, file: file.into(), place, message: message.into() }
    }

    /// The same diagnostic as an error.
    pub fn into_error(mut self) -> Self {
        self.severity = Severity::Error;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}[{}]: {}", self.kind, self.file)?;
        match &self.place {
            Place::File => {}
            Place::LineColumn(line, column) => write!(f, ":{line}:{column}")?,
            Place::Line(line) => write!(f, ":{line}")?,
            Place::Pointer(pointer) => write!(f, "{pointer}")?,
        }
        write!(f, ": {}", self.message)
    }
}

/// Collects warnings while a frontend runs; `strict` turns each into an error.
#[derive(Debug, Default)]
pub struct Diagnostics {
    strict: bool,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// A new collector; with `strict`, every warning becomes an error.
    pub fn new(strict: bool) -> Self {
        Diagnostics { strict, items: Vec::new() }
    }

    /// Records a diagnostic (as an error in strict mode).
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let diagnostic = if self.strict { diagnostic.into_error() } else { diagnostic };
        if !self.items.contains(&diagnostic) {
            self.items.push(diagnostic);
        }
    }

    /// True when an error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Everything recorded, in order.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}
