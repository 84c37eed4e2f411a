//! Writing generated files: atomically, and only when the content changed.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What happened to one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    /// The file was created or its content replaced.
    Written,
    /// The file already had this content; it was not touched (its modification time is unchanged).
    Unchanged,
}

/// Writes `content` to `path` through a temporary file in the same directory and a rename, unless the
/// file already holds exactly `content`. The directory must exist; on error nothing is left behind.
pub fn write_if_changed(path: &Path, content: &[u8]) -> Result<WriteOutcome> {
    let write_error = |source: std::io::Error| Error::Write { path: path.to_path_buf(), source };
    if let Ok(existing) = std::fs::read(path) {
        if existing == content {
            return Ok(WriteOutcome::Unchanged);
        }
    }
    if path.is_dir() {
        return Err(write_error(std::io::Error::other("is a directory")));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(write_error(std::io::Error::new(std::io::ErrorKind::NotFound, format!("directory {} does not exist", dir.display()))));
    }
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    let temp = dir.join(format!(".{file_name}.specforge-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(content)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if let Err(source) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(write_error(source));
    }
    Ok(WriteOutcome::Written)
}

/// Fails with [`Error::Stale`] unless `path` holds exactly `content`.
pub fn check(path: &Path, content: &[u8]) -> Result<()> {
    match std::fs::read(path) {
        Ok(existing) if existing == content => Ok(()),
        Ok(_) => Err(Error::Stale { path: path.to_path_buf(), reason: "differs from what generation would write".into() }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Stale { path: path.to_path_buf(), reason: "does not exist".into() }),
        Err(source) => Err(Error::Read { path: path.to_path_buf(), source }),
    }
}

/// The files of a generated crate named `name` in `dir`: `Cargo.toml` and `src/lib.rs`.
pub fn crate_files(dir: &Path, name: &str, code: &str, needs: &crate::rust::Needs) -> Result<Vec<(PathBuf, String)>> {
    let valid = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !name.starts_with(|c: char| c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(Error::Config(format!("`{name}` is not a valid crate name (letters, digits, `_` and `-`)")));
    }
    Ok(vec![(dir.join("Cargo.toml"), crate::rust::cargo_toml(name, needs)), (dir.join("src").join("lib.rs"), crate_root(code))])
}

/// The module's code as a crate root. Large APIs (Stripe) have types nested deeper than rustdoc's
/// default recursion limit allows when it lists auto-trait implementations (rust-lang/rust#62559), so
/// the crate raises it; the attribute goes after the `@generated` header line.
fn crate_root(code: &str) -> String {
    const LIMIT: &str = "#![recursion_limit = \"256\"]\n";
    match code.split_once('\n') {
        Some((header, rest)) if header.starts_with("//") => format!("{header}\n{LIMIT}{rest}"),
        _ => format!("{LIMIT}{code}"),
    }
}

/// Writes each file with [`write_if_changed`], creating the crate directory and `src/` (but not their
/// parent) when missing. Every content is computed before anything is written.
pub fn write_files(dir: &Path, files: &[(PathBuf, String)]) -> Result<Vec<WriteOutcome>> {
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !parent.is_dir() {
        let source = std::io::Error::new(std::io::ErrorKind::NotFound, format!("directory {} does not exist", parent.display()));
        return Err(Error::Write { path: dir.to_path_buf(), source });
    }
    for (path, _) in files {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|source| Error::Write { path: folder.to_path_buf(), source })?;
        }
    }
    files.iter().map(|(path, content)| write_if_changed(path, content.as_bytes())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_content_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.rs");
        assert_eq!(write_if_changed(&path, b"x").unwrap(), WriteOutcome::Written);
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(write_if_changed(&path, b"x").unwrap(), WriteOutcome::Unchanged);
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), before);
        assert_eq!(write_if_changed(&path, b"y").unwrap(), WriteOutcome::Written);
        assert_eq!(std::fs::read(&path).unwrap(), b"y");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
    }

    #[test]
    fn missing_directory_is_an_error_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing/a.rs");
        let err = write_if_changed(&path, b"x").unwrap_err().to_string();
        assert!(err.contains("does not exist"), "{err}");
        assert!(!dir.path().join("missing").exists());
    }

    #[test]
    fn check_reports_missing_and_different_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.rs");
        assert!(check(&path, b"x").unwrap_err().to_string().contains("does not exist"));
        std::fs::write(&path, b"y").unwrap();
        assert!(check(&path, b"x").unwrap_err().to_string().contains("differs"));
        assert!(check(&path, b"y").is_ok());
    }
}
