//! The markdown frontend on the seeds and on the two real doc sets (`../shared/docs`): generation,
//! compilation of every model with `#![deny(warnings)]` and clippy, a round trip of every enum value
//! and of every plain-literal `## Example Usage`, and the seed snapshot.

mod support;

use std::fs;
use std::path::Path;
use support::*;

/// Every `.md` file under `dir`, except the SDK plumbing under `utils/`.
fn md_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().unwrap() != "utils" {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn seeds_generate_with_the_missing_link_warning_and_match_the_snapshot() {
    let seeds = shared("seeds/models");
    let generated = generate_with(&seeds, |_| {});
    let warnings: Vec<String> = generated.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings.iter().any(|w| w.contains("signintoken.md:24") && w.contains("signintokenobject.md") && w.starts_with("warning[md-missing-link]")),
        "{warnings:#?}"
    );
    let snapshot = root().join("tests/snapshots/seeds.rs");
    if std::env::var_os("SPECFORGE_BLESS").is_some() {
        fs::write(&snapshot, &generated.code).unwrap();
    }
    assert_eq!(generated.code, fs::read_to_string(&snapshot).unwrap(), "seeds output changed: bless with SPECFORGE_BLESS=1 and review");
    let strict = specforge::Builder::new().spec(&seeds).strict(true).cargo_directives(false).generate();
    let error = strict.expect_err("--strict turns the missing link into an error").to_string();
    assert!(error.contains("error[md-missing-link]") && error.contains("signintokenobject.md"), "{error}");
}

/// Enum values written in `## Values` sections (table rows or code-block members), counted from the
/// text without specforge: a lower bound on the enum round-trip tests.
fn count_enum_values(dir: &Path) -> usize {
    let mut count = 0;
    for path in md_files(dir) {
        let text = fs::read_to_string(&path).unwrap();
        let Some((_, values)) = text.split_once("## Values") else { continue };
        if let Some((_, code)) = values.split_once("```typescript\n") {
            let code = code.split("```").next().unwrap_or("");
            count += code.split(" | ").filter(|m| !m.contains("Unrecognized<") && !m.trim().is_empty()).count();
        } else {
            count += values.lines().filter(|l| l.starts_with('|')).count().saturating_sub(2);
        }
    }
    count
}

#[test]
fn every_model_of_both_doc_sets_generates_and_compiles() {
    let mut krate = TestCrate::new("markdown_docs");
    krate.with_client();
    let mut enum_values = 0;
    let seeds = shared("seeds/models");
    krate.module("seeds", &generate_with(&seeds, |_| {}).code);
    for (module, dir) in [("clerk_python", "docs/clerk-python/docs"), ("mistral_ts", "docs/mistral-ts/docs")] {
        let dir = shared(dir);
        let generated = generate_with(&dir, |b| {
            b.example_tests(true).client(true);
        });
        enum_values += count_enum_values(&dir.join("models"));
        let unreadable: Vec<String> = generated.warnings.iter().map(|w| w.to_string()).collect();
        assert!(unreadable.is_empty(), "{module}: pages that could not be fully read:\n{}", unreadable.join("\n"));
        let pages = md_files(&dir.join("models")).len();
        let model = specforge::model(&specforge::Config { inputs: vec![dir.clone()], ..Default::default() }).unwrap();
        let declared = model.api.types.iter().filter(|t| t.hint.declared).count();
        assert_eq!(declared, pages, "{module}: every model page gives one named type");
        assert!(!model.api.operations.is_empty(), "{module}: operations read from docs/sdks");
        assert!(generated.code.contains("pub async fn"), "{module}: a client generated from the docs alone");
        if module == "mistral_ts" {
            // `Promise<EventStream<components.CompletionEvent>>`: events decoded whole into the envelope.
            assert!(
                generated.code.contains("super::support::stream::envelope::<super::CompletionEvent>"),
                "{module}: an EventStream response is a stream of events"
            );
        }
        krate.module(module, &generated.code);
    }
    let dir = krate.write();
    clippy(&dir);
    // The round trips are `#[cfg(test)]` modules of the library: no doctests, no integration tests.
    let passed = test_with(&dir, &["--lib"], &[]);
    eprintln!("{passed} example round-trip tests passed; {enum_values} enum values counted in the docs");
    assert!(passed >= enum_values && enum_values > 900, "{passed} round trips for {enum_values} enum values");
}

#[test]
fn wire_case_and_field_type_overrides() {
    let seeds = shared("seeds/models");
    let as_is = generate_with(&seeds, |_| {}).code;
    assert!(as_is.contains("#[serde(rename = \"userId\")]\n    pub user_id: String,"), "camelCase docs names are the wire names by default");
    assert!(as_is.contains("pub created_at: i64,"), "the example shows createdAt: 182414, so `number` is an integer");
    assert!(as_is.contains("pub expires_in_seconds: Option<f64>,"), "no example value: `number` stays a float");
    let snake = generate_with(&seeds, |b| {
        b.wire_case(specforge::WireCase::Snake).field_type("CreateSignInTokenRequestBody.expiresInSeconds", "int");
    })
    .code;
    assert!(!snake.contains("rename = \"userId\""), "snake wire names need no rename");
    assert!(snake.contains("pub expires_in_seconds: Option<i64>,"), "the override makes it an integer");
}

#[test]
fn ir_of_a_doc_folder_has_models_and_operations() {
    let config = specforge::Config { inputs: vec![shared("docs/clerk-python/docs")], ..Default::default() };
    let api = specforge::model(&config).unwrap().api;
    let create = api.operations.iter().find(|o| o.operation_id.as_deref() == Some("CreateActorToken")).expect("CreateActorToken");
    assert_eq!((create.method.as_str(), create.path.as_str()), ("POST", "/actor_tokens"));
    let body = create.request_body.as_ref().expect("a JSON body");
    let specforge::ir::Type::Named { id, .. } = body.contents[0].ty else { panic!("body is a model") };
    assert_eq!(api.types[id.0].name, "CreateActorTokenRequestBody");
    assert!(create.responses.iter().any(|r| r.status == specforge::ir::Status::Code(200)));
    assert!(create.responses.iter().any(|r| r.status == specforge::ir::Status::Code(422)), "errors table: ClerkErrors on 400, 402, 422");
    let revoke = api.operations.iter().find(|o| o.operation_id.as_deref() == Some("RevokeActorToken")).expect("RevokeActorToken");
    let param = &revoke.parameters[0];
    assert_eq!((param.wire_name.as_str(), param.location, param.required), ("actor_token_id", specforge::ir::ParamLocation::Path, true));
    let with_query = api.operations.iter().flat_map(|o| &o.parameters).filter(|p| p.location == specforge::ir::ParamLocation::Query).count();
    assert!(with_query > 50, "query parameters from the Parameters tables: {with_query}");
}

#[test]
fn only_a_void_response_type_is_an_empty_response() {
    // `InvoiceVoidResult` (linked as `invoicevoidresult.md`) contains "void" and is a type; only
    // `Promise<void>` (and `void`, `None`, nothing) is an empty 204 (issue #15).
    let config = specforge::Config { inputs: vec![root().join("tests/markdown/void")], ..Default::default() };
    let api = specforge::model(&config).unwrap().api;
    let responses = |id: &str| api.operations.iter().find(|o| o.operation_id.as_deref() == Some(id)).unwrap().responses.clone();
    let void = responses("VoidInvoice");
    assert_eq!(void.len(), 1);
    assert_eq!(void[0].status, specforge::ir::Status::Code(200));
    let specforge::ir::Type::Named { id, .. } = void[0].contents[0].ty else { panic!("the body is the model: {:?}", void[0]) };
    assert_eq!(api.types[id.0].name, "InvoiceVoidResult");
    let delete = responses("DeleteInvoice");
    assert_eq!((delete.len(), delete[0].status, delete[0].contents.len()), (1, specforge::ir::Status::Code(204), 0));
}

#[test]
fn sdk_argument_names_fill_the_placeholders_they_stand_for() {
    // The docs show SDK argument names (`invoice_id`), the path its placeholders (`{invoiceId}`):
    // the path parameter takes the placeholder's spelling, with no path-param-mismatch warning.
    let config = specforge::Config { inputs: vec![root().join("tests/markdown/void")], ..Default::default() };
    let model = specforge::model(&config).unwrap();
    let void = model.api.operations.iter().find(|o| o.operation_id.as_deref() == Some("VoidInvoice")).unwrap();
    let param = &void.parameters[0];
    assert_eq!((param.wire_name.as_str(), param.location, param.required), ("invoiceId", specforge::ir::ParamLocation::Path, true));
    assert!(model.warnings.iter().all(|w| w.kind != specforge::Kind::PathParamMismatch), "{:?}", model.warnings);
}
