//! The markdown frontend against the OpenAPI frontend on the same API: `clerk-python`'s docs document
//! Clerk's Backend API, `clerk-bapi.yml`. Every model present in both intermediate models is compared
//! (kind, field set, wire names, required, nullable, type shape); the agreement is printed and must be
//! at least 99%, and every remaining disagreement must be one of the explained ones below.

mod support;

use specforge::ir::{Api, Type, TypeKind};
use std::collections::{BTreeMap, BTreeSet};
use support::*;

/// Disagreements that are the docs' or the spec's doing, with the reason.
const EXPLAINED: &[(&str, &str)] = &[
    ("ClerkErrors.clerk_trace_id", "added to the spec after the docs were generated"),
    ("CommerceCreditLedgerResponse.amount", "the spec changed amounts from integers to money objects after the docs were generated"),
    ("CommerceCreditLedgerResponse.created_at", "the date format changed between the docs' version and the spec"),
    ("CommerceCreditLedgerResponse.currency", "in the docs' older version of the API, since removed from the spec"),
    ("CommerceSubscriptionItem.proration_date", "the date format changed between the docs' version and the spec"),
    ("CreateEmailAddressRequestBody.notify_primary_email_address_changed", "added to the spec after the docs were generated"),
    ("CreateEnterpriseConnectionCustomAttributes.directory_path", "added to the spec after the docs were generated"),
    ("CreateEnterpriseConnectionSaml.login_hint", "added to the spec after the docs were generated"),
    ("CreateSamlConnectionRequestBody", "the docs' version is a union of SAML connection shapes; the spec now has one object"),
    ("CreateSignInTokenRequestBody.org_id", "added to the spec after the docs were generated"),
    ("CustomAttributes.directory_path", "added to the spec after the docs were generated"),
    ("EnrollmentMode=Str(\"enterprise_sso\")", "added to the spec after the docs were generated"),
    ("EnterpriseAccount.enterprise_connection", "the docs' version is a union of SAML connection shapes; the spec now has one object"),
    ("EnterpriseAccountConnection", "the docs' version is a union of SAML connection shapes; the spec now has one object"),
    (
        "EnterpriseConnection.authenticatable",
        "listed in the spec's `required` without a property schema: kept as a serde_json::Value field (undeclared-required); the docs leave it out",
    ),
    (
        "EnterpriseConnection.disable_jit_provisioning",
        "listed in the spec's `required` without a property schema: kept as a serde_json::Value field (undeclared-required); the docs leave it out",
    ),
    ("EnterpriseConnection.object", "added to the spec after the docs were generated"),
    ("EnterpriseConnectionSamlConnection.login_hint", "added to the spec after the docs were generated"),
    ("ExtendFreeTrialRequest.extend_to", "the date format changed between the docs' version and the spec"),
    ("IdentificationStatus=Str(\"unverified\")", "added to the spec after the docs were generated"),
    ("Instance.workspace_id", "added to the spec after the docs were generated"),
    ("InstanceProtect.checks_bypassed", "added to the spec after the docs were generated"),
    ("Jwks.keys", "the docs merge the spec's seven JWK key shapes into one model"),
    ("OAuthAccessToken", "the docs document the list's element; the spec's schema is the list itself"),
    ("OAuthApplicationSettings.client_id_metadata_documents_advertised", "added to the spec after the docs were generated"),
    ("OAuthApplicationSettings.client_id_metadata_documents_block_implicitly_allowed_clients", "added to the spec after the docs were generated"),
    ("OAuthApplicationSettings.client_id_metadata_documents_only_allow_pre_registered_clients", "added to the spec after the docs were generated"),
    ("OAuthApplicationSettings.default_scopes", "added to the spec after the docs were generated"),
    ("OrganizationMembershipPublicUserData.deprovisioned", "added to the spec after the docs were generated"),
    ("PaymentType=Str(\"payer-credits\")", "added to the spec after the docs were generated"),
    ("ReplaceUserEmailAddressRequestBody.notify_primary_email_address_changed", "added to the spec after the docs were generated"),
    ("ReplaceUserPhoneNumberIdentificationStatus=Str(\"unverified\")", "added to the spec after the docs were generated"),
    ("SamlAccount.saml_connection", "the docs' version is a union of SAML connection shapes; the spec now has one object"),
    ("SamlAccountConnection", "the docs' version is a union of SAML connection shapes; the spec now has one object"),
    ("SamlConnection", "the docs' version is a union of SAML connection shapes; the spec now has one object"),
    ("SamlConnections.data", "the docs' version is a union of SAML connection shapes; the spec now has one object"),
    (
        "SetUserProfileImageRequestBody.file",
        "the Python SDK wraps uploads in its File model (content, file_name, content_type); the spec says binary",
    ),
    ("UpdateEmailAddressRequestBody.notify_primary_email_address_changed", "added to the spec after the docs were generated"),
    ("UpdateEnterpriseConnectionCustomAttributes.directory_path", "added to the spec after the docs were generated"),
    ("UpdateEnterpriseConnectionSaml.login_hint", "added to the spec after the docs were generated"),
    ("UpdateInstanceOAuthApplicationSettingsRequestBody.client_id_metadata_documents_advertised", "added to the spec after the docs were generated"),
    (
        "UpdateInstanceOAuthApplicationSettingsRequestBody.client_id_metadata_documents_block_implicitly_allowed_clients",
        "added to the spec after the docs were generated",
    ),
    (
        "UpdateInstanceOAuthApplicationSettingsRequestBody.client_id_metadata_documents_only_allow_pre_registered_clients",
        "added to the spec after the docs were generated",
    ),
    ("UpdateInstanceOAuthApplicationSettingsRequestBody.default_scopes", "added to the spec after the docs were generated"),
    ("UpdateSamlConnectionRequestBody.login_hint", "added to the spec after the docs were generated"),
    (
        "UploadOAuthApplicationLogoRequestBody.file",
        "the Python SDK wraps uploads in its File model (content, file_name, content_type); the spec says binary",
    ),
    (
        "UploadOrganizationLogoRequestBody.file",
        "the Python SDK wraps uploads in its File model (content, file_name, content_type); the spec says binary",
    ),
];

fn model(inputs: Vec<std::path::PathBuf>) -> Api {
    specforge::model(&specforge::Config { inputs, ..Default::default() }).unwrap().api
}

/// A type with aliases looked through.
fn resolved<'a>(api: &'a Api, ty: &'a Type) -> &'a Type {
    match ty {
        Type::Named { id, .. } => match &api.types[id.0].kind {
            TypeKind::Alias { target } => resolved(api, target),
            _ => ty,
        },
        Type::Nullable { inner } => resolved(api, inner),
        _ => ty,
    }
}

/// The named type an alias chain from type `id` ends at (`id` itself when it is not an alias of one).
fn named_target(api: &Api, id: usize) -> usize {
    match resolved(api, &Type::Named { id: specforge::ir::TypeId(id), boxed: false }) {
        Type::Named { id, .. } => id.0,
        _ => id,
    }
}

/// The shape of a type independent of the frontend and of names: named types by kind only (their
/// contents are compared as a pair of their own), integers of any width as `int`, free-form objects
/// and maps as `map<...>`.
fn shape(api: &Api, ty: &Type) -> String {
    match resolved(api, ty) {
        Type::Named { id, .. } => match &api.types[id.0].kind {
            TypeKind::Map { value } => format!("map<{}>", shape(api, value)),
            TypeKind::Struct(s) if s.fields.is_empty() => "map<any>".into(),
            TypeKind::Struct(_) => "struct".into(),
            TypeKind::Enum(_) => "enum".into(),
            TypeKind::Union(u) => format!("union/{}", u.variants.len()),
            TypeKind::Alias { .. } => unreachable!("resolved"),
        },
        Type::String { .. } | Type::Uuid => "string".into(),
        Type::Boolean => "bool".into(),
        Type::Integer { .. } => "int".into(),
        Type::Number { .. } => "number".into(),
        Type::DateTime => "datetime".into(),
        Type::Date => "date".into(),
        Type::Base64 | Type::Binary => "bytes".into(),
        Type::Any => "any".into(),
        Type::Array { items } => format!("{}[]", shape(api, items)),
        Type::Map { values } => format!("map<{}>", shape(api, values)),
        Type::Nullable { inner } => shape(api, inner),
        Type::Tuple { items } => format!("({})", items.iter().map(|item| shape(api, item)).collect::<Vec<_>>().join(", ")),
    }
}

/// The named types two field types of the same shape contain, paired (`A[]` with `B[]` pairs A, B).
fn named_pair(docs: &Api, d: &Type, spec: &Api, s: &Type) -> Option<(usize, usize)> {
    match (resolved(docs, d), resolved(spec, s)) {
        (Type::Named { id: a, .. }, Type::Named { id: b, .. }) => Some((a.0, b.0)),
        (Type::Array { items: a }, Type::Array { items: b }) => named_pair(docs, a, spec, b),
        (Type::Map { values: a }, Type::Map { values: b }) => named_pair(docs, a, spec, b),
        _ => None,
    }
}

/// The outcome of comparing the two models.
#[derive(Default)]
struct Comparison {
    checks: usize,
    /// Nullability of a collection the Python docs do not state (they print `List[...]` and
    /// `Dict[...]` without `Optional`/`Nullable`).
    unstated: usize,
    disagreements: BTreeMap<String, String>,
}

/// Compares model `d` of the docs with model `s` of the spec, then every pair of types their fields
/// lead to (each pair once): one check per kind, field (by wire name) and enum value.
fn compare_pair(docs: &Api, spec: &Api, first: (usize, usize), out: &mut Comparison, nullability_stated: bool) {
    let mut queue = vec![first];
    let mut seen = BTreeSet::new();
    while let Some((d, s)) = queue.pop() {
        if !seen.insert((d, s)) {
            continue;
        }
        let name = docs.types[d].name.clone();
        // A model may be an alias of an identical one (the type space shares identical inline enums).
        let (d, s) = (named_target(docs, d), named_target(spec, s));
        let (dk, sk) = (&docs.types[d].kind, &spec.types[s].kind);
        out.checks += 1;
        match (dk, sk) {
            (TypeKind::Struct(ds), TypeKind::Struct(ss)) => {
                let dfields: BTreeMap<_, _> = ds.fields.iter().map(|f| (f.wire_name.clone(), f)).collect();
                let sfields: BTreeMap<_, _> = ss.fields.iter().map(|f| (f.wire_name.clone(), f)).collect();
                let all: BTreeSet<_> = dfields.keys().chain(sfields.keys()).cloned().collect();
                for wire in all {
                    out.checks += 1;
                    let at = format!("{name}.{wire}");
                    match (dfields.get(&wire), sfields.get(&wire)) {
                        (Some(df), Some(sf)) => {
                            let (dshape, sshape) = (shape(docs, &df.ty), shape(spec, &sf.ty));
                            let mut problems = Vec::new();
                            if df.required != sf.required {
                                problems.push(format!("required: docs {} spec {}", df.required, sf.required));
                            }
                            let collection = dshape.ends_with("[]") || dshape.starts_with("map<");
                            if df.nullable != sf.nullable {
                                if (collection || !nullability_stated) && !df.nullable {
                                    out.unstated += 1;
                                } else {
                                    problems.push(format!("nullable: docs {} spec {}", df.nullable, sf.nullable));
                                }
                            }
                            if dshape != sshape {
                                problems.push(format!("type: docs {dshape} spec {sshape}"));
                            } else if let Some(pair) = named_pair(docs, &df.ty, spec, &sf.ty) {
                                queue.push(pair);
                            }
                            if !problems.is_empty() {
                                out.disagreements.insert(at, problems.join("; "));
                            }
                        }
                        (Some(_), None) => drop(out.disagreements.insert(at, "only in the docs".into())),
                        (None, Some(_)) => drop(out.disagreements.insert(at, "only in the spec".into())),
                        (None, None) => {}
                    }
                }
            }
            (TypeKind::Enum(de), TypeKind::Enum(se)) => {
                let dv: BTreeSet<String> = de.values.iter().map(|v| format!("{:?}", v.value)).collect();
                let sv: BTreeSet<String> = se.values.iter().map(|v| format!("{:?}", v.value)).collect();
                for value in dv.union(&sv) {
                    out.checks += 1;
                    if dv.contains(value) != sv.contains(value) {
                        let side = if dv.contains(value) { "docs" } else { "spec" };
                        out.disagreements.insert(format!("{name}={value}"), format!("value only in the {side}"));
                    }
                }
            }
            (TypeKind::Union(du), TypeKind::Union(su)) => {
                if du.variants.len() != su.variants.len() {
                    out.disagreements.insert(name.clone(), format!("union of {} in the docs, {} in the spec", du.variants.len(), su.variants.len()));
                }
            }
            (TypeKind::Map { .. }, TypeKind::Map { .. }) | (TypeKind::Alias { .. }, TypeKind::Alias { .. }) => {}
            _ => {
                let kind = |k: &TypeKind| match k {
                    TypeKind::Struct(_) => "struct",
                    TypeKind::Enum(_) => "enum",
                    TypeKind::Union(_) => "union",
                    TypeKind::Alias { .. } => "alias",
                    TypeKind::Map { .. } => "map",
                };
                out.disagreements.insert(name.clone(), format!("kind: docs {} spec {}", kind(dk), kind(sk)));
            }
        }
    }
}

/// Compares every model present in both, matched by name.
fn compare(docs: &Api, spec: &Api) -> Comparison {
    let by_name = |api: &Api| -> BTreeMap<String, usize> { api.types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect() };
    let (doc_types, spec_types) = (by_name(docs), by_name(spec));
    // The spec names an inline request body `{Operation}Request`; the Python SDK calls it
    // `{Operation}RequestBody` and uses `{Operation}Request` for its own wrapper of path and query
    // parameters plus the body, which has no counterpart in the spec.
    let spec_name = |doc_name: &str| -> Option<String> {
        if let Some(operation) = doc_name.strip_suffix("RequestBody") {
            return Some(format!("{operation}Request"));
        }
        if doc_types.contains_key(&format!("{doc_name}Body")) {
            return None;
        }
        Some(doc_name.to_string())
    };
    let mut out = Comparison::default();
    let mut pairs = BTreeSet::new();
    for (name, &d) in &doc_types {
        if let Some(&s) = spec_name(name).and_then(|n| spec_types.get(&n)) {
            pairs.insert((d, s));
        }
    }
    let mut seen = BTreeSet::new();
    for pair in pairs {
        if seen.insert(pair) {
            compare_pair(docs, spec, pair, &mut out, true);
        }
    }
    out
}

#[test]
fn clerk_python_docs_agree_with_clerk_bapi() {
    let docs = model(vec![shared("docs/clerk-python/docs")]);
    let spec = model(vec![shared("specs/clerk/clerk-bapi.yml")]);
    let Comparison { checks, unstated, disagreements } = compare(&docs, &spec);
    let agreement = 100.0 * (checks - disagreements.len()) as f64 / checks as f64;
    eprintln!(
        "clerk-python vs clerk-bapi: {checks} checks, {} disagreements, {agreement:.2}% agreement \
         ({unstated} collection fields whose nullability the docs do not state were not compared)",
        disagreements.len()
    );
    let explained: BTreeMap<&str, &str> = EXPLAINED.iter().copied().collect();
    let unexplained: Vec<String> =
        disagreements.iter().filter(|(at, _)| !explained.contains_key(at.as_str())).map(|(at, why)| format!("{at}: {why}")).collect();
    assert!(unexplained.is_empty(), "unexplained disagreements:\n{}", unexplained.join("\n"));
    let stale: Vec<&&str> = explained.keys().filter(|at| !disagreements.contains_key(**at)).collect();
    assert!(stale.is_empty(), "explained disagreements that no longer occur (remove them): {stale:?}");
    assert!(agreement >= 99.0, "agreement {agreement:.2}% is below 99%");
    assert!(checks > 1000, "only {checks} comparisons: are the models matched by name?");
}

/// The TypeScript dialect: the seeds are pages of Clerk's TypeScript SDK for the same API, with
/// camelCase names (`userId`) for snake_case wire names, so they are read with `--wire-case snake`.
/// (No OpenAPI document for Mistral's API is available offline, so the Mistral docs are checked by
/// compiling, not by comparison.)
#[test]
fn typescript_seeds_agree_with_clerk_bapi() {
    let mut config = specforge::Config { inputs: vec![shared("seeds/models")], ..Default::default() };
    config.markdown.wire_case = specforge::WireCase::Snake;
    let docs = specforge::model(&config).unwrap().api;
    let spec = model(vec![shared("specs/clerk/clerk-bapi.yml")]);
    let Comparison { checks, disagreements, .. } = compare(&docs, &spec);
    let agreement = 100.0 * (checks - disagreements.len()) as f64 / checks as f64;
    eprintln!("seeds (TypeScript) vs clerk-bapi: {checks} checks, {} disagreements, {agreement:.2}%", disagreements.len());
    for (at, why) in &disagreements {
        eprintln!("  {at}: {why}");
    }
    let expected: BTreeMap<&str, &str> = [
        ("CreateSignInTokenRequestBody.org_id", "added to the spec after the seeds were generated"),
        (
            "CreateSignInTokenRequestBody.expires_in_seconds",
            "TypeScript `number` with no value in the page's example, so the documented rule picks f64; and TypeScript docs do not state nullability",
        ),
        ("SignInToken.url", "TypeScript docs do not state nullability (the type shows no `| null`)"),
        ("SignInToken.object", "the seed links to signintokenobject.md, which is not among the seeds (any JSON in the docs)"),
        ("SignInToken.status", "the seed links to signintokenstatus.md, which is not among the seeds (any JSON in the docs)"),
    ]
    .into_iter()
    .collect();
    let found: BTreeMap<&str, &str> =
        disagreements.keys().map(|k| (k.as_str(), expected.get(k.as_str()).copied().unwrap_or("unexplained"))).collect();
    assert_eq!(found, expected, "disagreements between the seeds and the spec");
    assert!(checks >= 10, "SignInToken and CreateSignInTokenRequestBody are compared field by field");
}

/// Compares the Go docs' `shared` models (the API's schemas; `operations` holds the SDK's request and
/// response wrappers, which have no counterpart in the spec and may share a schema's name) with the
/// spec's models of the same name. Go docs print `*T` for optional and nullable alike, so
/// nullability is not stated: a field the spec makes nullable is counted as unstated, not compared.
fn compare_go(docs: &Api, spec: &Api) -> Comparison {
    let spec_types: BTreeMap<String, usize> = spec.types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
    let mut out = Comparison::default();
    let mut seen = BTreeSet::new();
    for (d, def) in docs.types.iter().enumerate() {
        if !def.hint.declared || !def.origin.file.contains("/models/shared/") {
            continue;
        }
        let title = def.hint.segments.concat();
        if let Some(&s) = spec_types.get(&title) {
            if seen.insert((d, s)) {
                compare_pair(docs, spec, (d, s), &mut out, false);
            }
        }
    }
    out
}

/// Wire names that cannot be derived from a Go field name: OpenAI's moderation categories contain
/// `/` and `-` (`self-harm/intent`), which Go names drop (`SelfHarmIntent`). The per-field override
/// (`--wire-name Model.Field=wire`) gives them, as a user of these docs would.
const GO_WIRE_NAMES: &[(&str, &str)] = &[
    ("HarassmentThreatening", "harassment/threatening"),
    ("HateThreatening", "hate/threatening"),
    ("SelfHarm", "self-harm"),
    ("SelfHarmInstructions", "self-harm/instructions"),
    ("SelfHarmIntent", "self-harm/intent"),
    ("SexualMinors", "sexual/minors"),
    ("ViolenceGraphic", "violence/graphic"),
];

const SPEC_NEWER: &str = "in the 2024-04-04 description but not in the docs: added to the API after the SDK was generated";
const GO_FILE: &str = "the Go SDK wraps uploads in its File struct (Content, FileName); the spec says binary";

/// Disagreements between openai-go and `openai-openapi-2024-04-04.yaml`, with the reason.
const EXPLAINED_GO: &[(&str, &str)] = &[
    ("Code=Str(\"invalid_prompt\")", SPEC_NEWER),
    ("CreateFileRequest.file", GO_FILE),
    ("CreateImageEditRequest.image", GO_FILE),
    ("CreateImageEditRequest.mask", GO_FILE),
    ("CreateImageVariationRequest.image", GO_FILE),
    ("CreateMessageRequestRole=Str(\"assistant\")", SPEC_NEWER),
    ("CreateRunRequest2.additional_messages", SPEC_NEWER),
    ("CreateRunRequest2.stream", SPEC_NEWER),
    ("CreateRunRequest2.temperature", SPEC_NEWER),
    (
        "CreateRunRequest2.thread_id",
        "listed in the spec's `required` without a property schema (the spec's mistake, kept as an any-value field); the docs leave it out",
    ),
    ("CreateSpeechRequestResponseFormat=Str(\"pcm\")", SPEC_NEWER),
    ("CreateSpeechRequestResponseFormat=Str(\"wav\")", SPEC_NEWER),
    ("CreateThreadAndRunRequest.stream", SPEC_NEWER),
    ("CreateThreadAndRunRequest.temperature", SPEC_NEWER),
    (
        "CreateThreadAndRunRequest.thread_id",
        "listed in the spec's `required` without a property schema (the spec's mistake, kept as an any-value field); the docs leave it out",
    ),
    ("CreateTranscriptionRequest.file", GO_FILE),
    (
        "CreateTranscriptionRequest.timestamp_granularities",
        "the spec's wire name is `timestamp_granularities[]` (array syntax of a multipart form field), which no rule derives from a Go name (`--wire-name` can give it)",
    ),
    (
        "CreateTranscriptionRequest.timestamp_granularities[]",
        "the spec's wire name is `timestamp_granularities[]` (array syntax of a multipart form field), which no rule derives from a Go name (`--wire-name` can give it)",
    ),
    ("CreateTranscriptionResponse2", "a union of the JSON and verbose JSON responses in the 2024-04-04 description; one object in the SDK's"),
    ("CreateTranslationRequest.file", GO_FILE),
    ("CreateTranslationResponse2", "a union of the JSON and verbose JSON responses in the 2024-04-04 description; one object in the SDK's"),
    (
        "Error.type",
        "the docs' `Error` is FineTuningJob's inline error object (the SDK named it Error); the spec's `Error` is the API's error, which has `type`",
    ),
    (
        "ListAssistantFilesResponse2.items",
        "listed in the spec's `required` without a property schema (the spec's mistake, kept as an any-value field); the docs leave it out",
    ),
    (
        "ListMessageFilesResponse2.items",
        "listed in the spec's `required` without a property schema (the spec's mistake, kept as an any-value field); the docs leave it out",
    ),
    ("MessageObject.completed_at", SPEC_NEWER),
    ("MessageObject.incomplete_at", SPEC_NEWER),
    ("MessageObject.incomplete_details", SPEC_NEWER),
    ("MessageObject.status", SPEC_NEWER),
    ("RunObject.temperature", SPEC_NEWER),
    ("SubmitToolOutputsRunRequest.stream", SPEC_NEWER),
];

/// The Go dialect: `openai-go`'s docs (Speakeasy's Go SDK for OpenAI's API, Go field names such as
/// `CreatedAt` for wire names such as `created_at`) against OpenAI's own description of the same
/// week, `openai-openapi-2024-04-04.yaml`: field names, types and required flags must agree on at
/// least 97%, and every difference must be one of the explained ones.
#[test]
fn openai_go_docs_agree_with_openai_openapi() {
    let mut config = specforge::Config { inputs: vec![shared("docs/openai-go/docs")], ..Default::default() };
    for (go, wire) in GO_WIRE_NAMES {
        for model in ["Categories", "CategoryScores"] {
            config.markdown.wire_names.push((format!("{model}.{go}"), wire.to_string()));
        }
    }
    let docs = specforge::model(&config).unwrap().api;
    let spec = model(vec![shared("docs/openai-go/openapi/openai-openapi-2024-04-04.yaml")]);
    let Comparison { checks, unstated, disagreements } = compare_go(&docs, &spec);
    let agreement = 100.0 * (checks - disagreements.len()) as f64 / checks as f64;
    eprintln!(
        "openai-go vs openai-openapi-2024-04-04: {checks} checks, {} disagreements, {agreement:.2}% agreement \
         ({unstated} fields whose nullability the Go docs do not state were not compared)",
        disagreements.len()
    );
    let explained: BTreeMap<&str, &str> = EXPLAINED_GO.iter().copied().collect();
    for (at, why) in &disagreements {
        eprintln!("  {at}: {why} ({})", explained.get(at.as_str()).unwrap_or(&"UNEXPLAINED"));
    }
    let unexplained: Vec<String> =
        disagreements.iter().filter(|(at, _)| !explained.contains_key(at.as_str())).map(|(at, why)| format!("{at}: {why}")).collect();
    assert!(unexplained.is_empty(), "unexplained disagreements:\n{}", unexplained.join("\n"));
    let stale: Vec<&&str> = explained.keys().filter(|at| !disagreements.contains_key(**at)).collect();
    assert!(stale.is_empty(), "explained disagreements that no longer occur (remove them): {stale:?}");
    assert!(agreement >= 97.0, "agreement {agreement:.2}% is below 97%");
    assert!(checks > 1000, "only {checks} comparisons: are the models matched by name?");
}
