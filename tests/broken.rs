//! Broken inputs: OpenAPI documents in `tests/broken/` and markdown pages in `tests/markdown/broken/`.
//! Each `<input>.expected` holds the message the CLI must print
//! (and an optional `args:` line). Every case must fail with exit code 1, print that message naming
//! the file and the place, create no output file, and leave an existing output untouched.

mod support;

use std::fs;
use std::process::Command;
use support::root;

struct Case {
    input: String,
    args: Vec<String>,
    expected: Vec<String>,
}

fn cases_in(folder: &str) -> Vec<Case> {
    let dir = root().join(folder);
    let mut cases: Vec<Case> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name()?.to_str()?.strip_suffix(".expected")?.to_owned();
            let text = fs::read_to_string(&path).unwrap();
            let mut args = Vec::new();
            let mut expected = Vec::new();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                match line.strip_prefix("args:") {
                    Some(rest) => args.extend(rest.split_whitespace().map(String::from)),
                    None => expected.push(line.to_owned()),
                }
            }
            Some(Case { input: format!("{folder}/{name}"), args, expected })
        })
        .collect();
    cases.sort_by(|a, b| a.input.cmp(&b.input));
    cases
}

fn cases() -> Vec<Case> {
    let mut all = cases_in("tests/broken");
    all.extend(cases_in("tests/markdown/broken"));
    all
}

#[test]
fn at_least_twenty_broken_documents_and_fifteen_broken_pages_are_catalogued() {
    assert!(cases_in("tests/broken").len() >= 20, "only {} broken OpenAPI documents", cases_in("tests/broken").len());
    assert!(cases_in("tests/markdown/broken").len() >= 15, "only {} broken markdown pages", cases_in("tests/markdown/broken").len());
    let cases = cases();
    for case in &cases {
        assert!(!case.expected.is_empty(), "{} has no expected message", case.input);
    }
}

#[test]
fn broken_documents_fail_with_their_message_and_write_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for case in cases() {
        for existing in [false, true] {
            let out = scratch.path().join(format!("{}-{existing}.rs", case.input.replace('/', "_")));
            if existing {
                fs::write(&out, "// previous output\n").unwrap();
            }
            let before = fs::metadata(&out).ok().map(|m| m.modified().unwrap());
            let output = Command::new(env!("CARGO_BIN_EXE_specforge"))
                .current_dir(root())
                .arg("generate")
                .args(&case.args)
                .arg(&case.input)
                .arg("-o")
                .arg(&out)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            if output.status.code() != Some(1) {
                failures.push(format!("{}: exit {:?}, expected 1\n{stderr}", case.input, output.status.code()));
            }
            for line in &case.expected {
                if !stderr.contains(line.as_str()) {
                    failures.push(format!("{}: expected\n  {line}\ngot\n  {stderr}", case.input));
                }
            }
            if stderr.contains("panicked") {
                failures.push(format!("{}: panicked", case.input));
            }
            let after = fs::metadata(&out).ok().map(|m| m.modified().unwrap());
            match existing {
                false if out.exists() => failures.push(format!("{}: created {}", case.input, out.display())),
                true if fs::read_to_string(&out).unwrap() != "// previous output\n" || before != after => {
                    failures.push(format!("{}: changed the existing output", case.input))
                }
                _ => {}
            }
        }
    }
    let leftovers: Vec<_> =
        fs::read_dir(scratch.path()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| !n.to_string_lossy().ends_with("-true.rs")).collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn warnings_without_strict_still_generate() {
    for (input, kind, expected_code) in [
        ("tests/broken/strict-bad-mapping.yaml", "warning[bad-discriminator]", "#[serde(untagged)]"),
        ("tests/broken/strict-ref-cycle.yaml", "warning[ref-cycle]", "pub type A = ::serde_json::Value;"),
        ("tests/broken/strict-unsupported-schema.yaml", "warning[unsupported-schema]", "pub n: support::Nullable<::serde_json::Value>"),
    ] {
        let scratch = tempfile::tempdir().unwrap();
        let out = scratch.path().join("out.rs");
        let output = Command::new(env!("CARGO_BIN_EXE_specforge")).current_dir(root()).args(["generate", input, "-o"]).arg(&out).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{input}: {stderr}");
        assert!(stderr.contains(kind) && stderr.contains(input), "{input}: expected {kind} naming the file, got {stderr}");
        let code = fs::read_to_string(&out).unwrap();
        assert!(code.contains(expected_code), "{input}: expected `{expected_code}` in\n{code}");
    }
}
