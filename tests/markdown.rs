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
        assert!(generated.code.contains("-> super::support::client::Call<"), "{module}: a client generated from the docs alone");
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
fn required_parameters_from_the_docs_are_plain_fields_as_for_openapi() {
    // `reason` is required in the Parameters table, `notify` is not (issue #16): the params struct has
    // the first as a plain field, the second as an `Option`, and no `Default`, so a call cannot omit
    // `reason`; `new` takes it.
    let code = generate_with(&root().join("tests/markdown/void"), |b| {
        b.client(true);
    })
    .code;
    let start = code.find("pub struct DeleteInvoiceParams {").expect("a params struct");
    let item = &code[code[..start].rfind("#[derive").unwrap()..start + code[start..].find('}').unwrap()];
    assert!(item.contains("pub reason: String,") && item.contains("pub notify: Option<bool>,"), "{item}");
    assert!(!item.contains("Default"), "{item}");
    assert!(code.contains("pub fn new(reason: String) -> Self"), "a constructor taking the required parameter");
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

/// Messages of a generation, as printed.
fn messages(generated: &specforge::Generated) -> Vec<String> {
    generated.warnings.iter().map(|w| w.to_string()).collect()
}

#[test]
fn go_dialect_constructs_match_the_snapshot() {
    // `tests/markdown/go/docs`: pages as Speakeasy's Go SDK prints them (pointers, slices, maps,
    // `interface{}`, `time.Time`, `types.Date`, links through pointers, a deprecated field, Go-cased
    // names, enums, a union of constructor calls, response wrappers, operations with and without
    // their UsageSnippet comment, a `types/` helper page).
    let docs = root().join("tests/markdown/go/docs");
    let generated = generate_with(&docs, |b| {
        b.wire_name("Owner.DisplayName", "display-name");
    });
    let found = messages(&generated);
    let expected = [
        "note[md-skipped-page]: ",
        "tests/markdown/go/docs/pkg/types/date.md: no `## Fields`, `## Values` or `## Supported Types` section: not a model page, skipped",
        "note[md-no-client]: ",
        "sdks/owners/README.md: 1 of the 4 operations described in 2 sdks pages give no HTTP method and path",
        "note[md-sdk-field]: ",
        "9 SDK response-wrapper fields (contentType, statusCode, rawResponse, httpMeta) on 3 pages",
    ];
    for part in expected {
        assert!(found.iter().any(|m| m.contains(part)), "no message contains {part:?}: {found:#?}");
    }
    assert_eq!(found.len(), 3, "only the three notes: {found:#?}");
    let snapshot = root().join("tests/snapshots/go.rs");
    if std::env::var_os("SPECFORGE_BLESS").is_some() {
        fs::write(&snapshot, &generated.code).unwrap();
    }
    assert_eq!(generated.code, fs::read_to_string(&snapshot).unwrap(), "Go dialect output changed: bless with SPECFORGE_BLESS=1 and review");
    for needle in [
        "pub id: String,",
        "pub age_years: i64,",
        "pub weight_kg: Option<f64>,",
        "pub created_at: ::chrono::DateTime<::chrono::Utc>,",
        "pub birthday: Option<::chrono::NaiveDate>,",
        "pub adopted_on: Option<::chrono::NaiveDate>,",
        "pub scores: Option<Vec<Vec<f64>>>,",
        "pub aliases: Option<::std::collections::BTreeMap<String, Vec<String>>>,",
        "pub metadata: Option<::std::collections::BTreeMap<String, ::serde_json::Value>>,",
        "pub status: Option<PetStatus>,",
        "pub friends: Option<Vec<Owner>>,",
        "pub b64_json: Option<String>,",
        "#[deprecated]",
        "#[serde(rename = \"display-name\"",
        "pub fn get_owner(",
        "pub fn update_owner(",
        "pub fn delete_owner(",
    ] {
        assert!(generated.code.contains(needle), "expected `{needle}` in the Go output");
    }
    assert!(!generated.code.contains("raw_response") && !generated.code.contains("status_code"), "SDK wrapper fields are left out");
    let mut krate = TestCrate::new("markdown_go_constructs");
    krate.with_client().module("go", &generated.code);
    clippy(&krate.write());
}

#[test]
fn go_operations_unwrap_response_wrappers_and_split_request_structs() {
    let config = specforge::Config { inputs: vec![root().join("tests/markdown/go/docs")], ..Default::default() };
    let api = specforge::model(&config).unwrap().api;
    let operation = |id: &str| api.operations.iter().find(|o| o.operation_id.as_deref() == Some(id)).unwrap_or_else(|| panic!("{id}"));
    let name_of = |ty: &specforge::ir::Type| match ty {
        specforge::ir::Type::Named { id, .. } => api.types[id.0].name.clone(),
        other => format!("{other:?}"),
    };
    let get = operation("getOwner");
    assert_eq!((get.method.as_str(), get.path.as_str()), ("GET", "/owners/{owner_id}"));
    assert_eq!(get.parameters.len(), 1, "ctx and opts are the SDK's: {:?}", get.parameters);
    let owner_id = &get.parameters[0];
    assert_eq!((owner_id.wire_name.as_str(), owner_id.location, owner_id.required), ("owner_id", specforge::ir::ParamLocation::Path, true));
    assert_eq!(name_of(&get.responses[0].contents[0].ty), "Owner", "the wrapper's body field is the response");
    let update = operation("updateOwner");
    assert_eq!(update.parameters[0].wire_name, "owner_id");
    assert_eq!(name_of(&update.request_body.as_ref().expect("a body").contents[0].ty), "Owner", "the field named after its model is the body");
    let delete = operation("deleteOwner");
    assert_eq!((delete.responses[0].status, delete.responses[0].contents.len()), (specforge::ir::Status::Code(204), 0));
    let dialects: Vec<(&str, &str)> = api.pages.iter().map(|p| (p.dialect.as_str(), p.read_as.as_str())).collect();
    assert!(dialects.iter().all(|(d, _)| *d == "go"), "{dialects:?}");
    assert!(api.pages.iter().any(|p| p.file.ends_with("types/date.md") && p.read_as == "skipped"), "{:?}", api.pages);
}

#[test]
fn older_typescript_pages_never_abort_a_folder_run() {
    // An older TypeScript doc set stopped whole runs: a type cell linking to an outside URL, and a
    // `types/` helper page (a date wrapper) with no model section.
    let docs = root().join("tests/markdown/older-ts/docs");
    let generated = generate_with(&docs, |_| {});
    let found = messages(&generated);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found.iter().any(|m| m.starts_with("warning[md-outside-link]: ")
        && m.contains("models/components/session.md:24: `components.Agent` links outside the docs (https://example.com/sdk/docs/agent)")));
    assert!(found.iter().any(|m| m.starts_with("note[md-skipped-page]: ") && m.contains("types/rfcdate.md")));
    assert!(found.iter().any(|m| m.starts_with("note[md-sdk-field]: ") && m.contains("3 SDK response-wrapper fields")));
    let code = &generated.code;
    assert!(code.contains("pub agent: Option<::serde_json::Value>,"), "the outside link is any JSON value");
    assert!(
        code.contains("pub expire_at: ::chrono::NaiveDate,") && code.contains("pub last_active_on: Option<::chrono::NaiveDate>,"),
        "RFCDate is a date"
    );
    assert!(code.contains("pub created_at: ::chrono::DateTime<::chrono::Utc>,"), "`[Date](https://developer.mozilla.org/...)` is still a date-time");
    assert!(!code.contains("raw_response") && !code.contains("content_type"), "SDK wrapper fields are left out");
    // --strict: the outside link is an error; the notes stay notes.
    let strict = specforge::Builder::new().spec(&docs).strict(true).cargo_directives(false).generate();
    let error = strict.expect_err("--strict turns the outside link into an error").to_string();
    assert!(error.contains("error[md-outside-link]") && error.contains("session.md:24"), "{error}");
    assert!(!error.contains("error[md-skipped-page]") && !error.contains("error[md-sdk-field]"), "{error}");
    // Named explicitly, the helper page is still an error.
    let explicit = specforge::Builder::new().spec(docs.join("types/rfcdate.md")).cargo_directives(false).generate();
    assert!(explicit.expect_err("an explicit page must be a model").to_string().contains("error[md-no-kind]"));
}

#[test]
fn openai_go_generates_warning_free_and_compiles_with_clippy() {
    // Speakeasy's Go SDK docs of OpenAI's API: every page read as Go, no warning (the SDK wrapper
    // fields and the missing client are notes), the models compiled with `#![deny(warnings)]` and
    // clippy -D warnings, every enum value round-tripped.
    let dir = shared("docs/openai-go/docs");
    let generated = generate_with(&dir, |b| {
        b.example_tests(true);
    });
    let found = messages(&generated);
    assert!(found.iter().all(|m| m.starts_with("note[")), "pages that could not be fully read:\n{}", found.join("\n"));
    assert!(
        found.iter().any(|m| m.starts_with("note[md-no-client]") && m.contains("51 operations are described in 11 sdks pages, but none gives")),
        "{found:#?}"
    );
    assert!(found.iter().any(|m| m.starts_with("note[md-sdk-field]") && m.contains("153 SDK response-wrapper fields")), "{found:#?}");
    let model = specforge::model(&specforge::Config { inputs: vec![dir.clone()], ..Default::default() }).unwrap();
    assert!(model.api.pages.iter().all(|p| p.dialect == "go"), "every page is read as Go");
    let declared = model.api.types.iter().filter(|t| t.hint.declared).count();
    assert_eq!(declared, md_files(&dir.join("pkg/models")).len(), "every model page gives one named type");
    assert!(model.api.operations.is_empty() && !generated.code.contains("-> super::support::client::Call<"), "no method or path: no client");
    let enum_values = count_enum_values(&dir.join("pkg/models"));
    let mut krate = TestCrate::new("markdown_openai_go");
    krate.module("openai_go", &generated.code);
    let dir = krate.write();
    clippy(&dir);
    let passed = test_with(&dir, &["--lib"], &[]);
    eprintln!("openai-go: {passed} example round-trip tests passed; {enum_values} enum values counted in the docs");
    assert!(passed >= enum_values && enum_values > 90, "{passed} round trips for {enum_values} enum values");
}

#[test]
fn dialects_are_detected_per_page_and_shown_by_ir() {
    // One folder, three dialects: each page keeps its own wire-name rule.
    let output =
        std::process::Command::new(env!("CARGO_BIN_EXE_specforge")).current_dir(root()).args(["ir", "tests/markdown/mixed"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let ir: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let dialect_of = |file: &str| {
        ir["pages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["file"].as_str().unwrap().ends_with(file))
            .map(|p| p["dialect"].as_str().unwrap().to_owned())
    };
    assert_eq!(dialect_of("gopet.md").as_deref(), Some("go"));
    assert_eq!(dialect_of("pypet.md").as_deref(), Some("python"));
    assert_eq!(dialect_of("tspet.md").as_deref(), Some("typescript"));
    let wire_names = |model: &str| -> Vec<String> {
        let def = ir["types"].as_array().unwrap().iter().find(|t| t["name"] == model).unwrap_or_else(|| panic!("{model}"));
        def["kind"]["fields"].as_array().unwrap().iter().map(|f| f["wire_name"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(wire_names("GoPet"), ["pet_id", "born_at"], "Go names → snake_case");
    assert_eq!(wire_names("PyPet"), ["pet_id", "born_at"], "Python names as written");
    assert_eq!(wire_names("TsPet"), ["petId", "bornAt"], "TypeScript names as written");
}
