//! The generated Clerk Backend API client against Stoplight Prism (`prism mock --dynamic --seed ..
//! --errors`), which validates every request against `clerk-bapi.yml` (a violation is a 422 response)
//! and answers with a response generated from the schema (deterministically, by seed; the spec's own
//! examples break its patterns, so static mode would fail on Prism's side). Compiled into the Clerk test crate as a `#[cfg(test)]` module and run
//! only with `PRISM_URL` set (see `tests/clerk.rs`).

use crate::bapi;
use crate::bapi::client::*;

fn client() -> Client {
    let url = std::env::var("PRISM_URL").expect("PRISM_URL: run through tests/clerk.rs, which starts Prism");
    Client::builder().base_url(url).bearer_auth("sk_test_prism").build()
}

/// Awaits a call and fails with the operation's name and Prism's answer unless it succeeded and
/// decoded into its typed response.
macro_rules! call {
    ($calls:ident, $name:literal, $call:expr) => {{
        $calls.push($name);
        match $call.await {
            Ok(value) => value,
            Err(error) => panic!("{}: {}", $name, error),
        }
    }};
}

#[tokio::test]
async fn clerk_operations_pass_prism_validation() {
    let c = client();
    let mut calls: Vec<&str> = Vec::new();

    // GET with query parameters, arrays included.
    let params = GetUserListParams {
        email_address: Some(vec!["a@example.com".into(), "b@example.com".into()]),
        user_id: Some(vec!["user_1".into(), "user_2".into()]),
        limit: Some(10),
        offset: Some(0),
        order_by: Some("-created_at".into()),
        ..Default::default()
    };
    // Prism generates the answers from the schema: the check is that each one decodes into its type.
    let _users: Vec<bapi::User> = call!(calls, "GetUserList", c.users().get_user_list(&params));
    let _count: bapi::TotalCount = call!(calls, "GetUsersCount", c.users().get_users_count(&GetUsersCountParams { query: Some("ann".into()), ..Default::default() }));
    let _orgs: bapi::Organizations = call!(
        calls,
        "ListOrganizations",
        c.organizations().list_organizations(&ListOrganizationsParams {
            user_id: Some(vec!["user_1".into()]),
            include_members_count: Some(true),
            limit: Some(5),
            ..Default::default()
        })
    );
    call!(calls, "ListMachines", c.machines().list_machines(&ListMachinesParams { limit: Some(3), ..Default::default() }));
    call!(calls, "GetSessionList", c.sessions().get_session_list(&GetSessionListParams { user_id: Some("user_1".into()), ..Default::default() }));
    call!(calls, "ListInvitations", c.invitations().list_invitations(&ListInvitationsParams::default()));
    call!(calls, "ListJWTTemplates", c.jwt_templates().list_jwt_templates(&ListJwtTemplatesParams::default()));
    call!(calls, "ListDomains", c.domains().list_domains());
    call!(calls, "GetInstance", c.instance_settings().get_instance());
    call!(calls, "ListAllowlistIdentifiers", c.allow_list_block_list().list_allowlist_identifiers(&ListAllowlistIdentifiersParams::default()));
    call!(calls, "ListBlocklistIdentifiers", c.allow_list_block_list().list_blocklist_identifiers());
    call!(calls, "ListRedirectURLs", c.redirect_urls().list_redirect_urls(&ListRedirectUrlsParams::default()));
    call!(calls, "ListOAuthApplications", c.oauth_applications().list_oauth_applications(&ListOauthApplicationsParams::default()));
    call!(calls, "GetInstanceProtect", c.instance_settings().get_instance_protect());
    call!(calls, "GetJWKS", c.jwks().get_jwks());
    // The same call with per-request options, read with its status and headers.
    let options = RequestOptions::new().timeout(std::time::Duration::from_secs(30)).header("X-Trace-Id", "prism-1");
    let jwks = call!(calls, "GetJWKS (options, raw)", c.jwks().get_jwks().with_options(options).with_response());
    assert_eq!(jwks.status, 200);
    assert!(jwks.headers.contains_key("content-type"), "{:?}", jwks.headers);

    // GET with path parameters.
    call!(calls, "GetUser", c.users().get_user("user_2OEpKhcCN1Lat9NQ0G6puh7q5Rb"));
    call!(calls, "GetOrganization", c.organizations().get_organization("org_123", &GetOrganizationParams::default()));
    call!(calls, "GetJWTTemplate", c.jwt_templates().get_jwt_template("jtmp_1"));
    call!(calls, "GetRedirectURL", c.redirect_urls().get_redirect_url("ru_1"));
    call!(calls, "GetClient", c.clients().get_client("client_1"));

    // POST with JSON bodies.
    let user = bapi::CreateUserRequest {
        email_address: Some(vec!["new@example.com".into()]),
        first_name: bapi::support::Nullable::Value("Ada".into()),
        last_name: bapi::support::Nullable::Value("Lovelace".into()),
        ..Default::default()
    };
    call!(calls, "CreateUser", c.users().create_user(&user));
    let invitation = bapi::CreateInvitationRequest { email_address: "x@example.com".into(), ..Default::default() };
    call!(calls, "CreateInvitation", c.invitations().create_invitation(Some(&invitation)));
    let org = bapi::CreateOrganizationRequest { name: "Acme".into(), ..Default::default() };
    call!(calls, "CreateOrganization", c.organizations().create_organization(Some(&org)));
    let allow = bapi::CreateAllowlistIdentifierRequest { identifier: "a@example.com".into(), notify: false };
    call!(calls, "CreateAllowlistIdentifier", c.allow_list_block_list().create_allowlist_identifier(Some(&allow)));
    let sign_in = bapi::CreateSignInTokenRequest { user_id: "user_1".into(), ..Default::default() };
    call!(calls, "CreateSignInToken", c.sign_in_tokens().create_sign_in_token(Some(&sign_in)));
    let ban = bapi::UsersBanRequest { user_ids: vec!["user_1".into(), "user_2".into()] };
    call!(calls, "UsersBan", c.users().users_ban(&ban));
    let redirect = bapi::CreateRedirectUrlRequest { url: "https://example.com/callback".into() };
    call!(calls, "CreateRedirectURL", c.redirect_urls().create_redirect_url(Some(&redirect)));
    call!(calls, "BanUser", c.users().ban_user("user_1"));

    // PATCH.
    let update = bapi::UpdateUserRequest { first_name: bapi::support::Nullable::Value("Grace".into()), ..Default::default() };
    call!(calls, "UpdateUser", c.users().update_user("user_1", &update));
    let org_update = bapi::UpdateOrganizationRequest { name: bapi::support::Nullable::Value("Acme 2".into()), ..Default::default() };
    call!(calls, "UpdateOrganization", c.organizations().update_organization("org_1", &org_update));
    let restrictions = bapi::UpdateInstanceRestrictionsRequest { allowlist: bapi::support::Nullable::Value(true), ..Default::default() };
    call!(calls, "UpdateInstanceRestrictions", c.instance_settings().update_instance_restrictions(Some(&restrictions)));

    // PUT.
    let metadata = bapi::ReplaceUserMetadataRequest::default();
    call!(calls, "ReplaceUserMetadata", c.users().replace_user_metadata("user_1", Some(&metadata)));

    // Multipart with a file.
    let logo = UploadOrganizationLogoForm {
        file: File::new("logo.png", vec![0x89, b'P', b'N', b'G', 13, 10, 26, 10]).with_content_type("image/png"),
        uploader_user_id: Some("user_1".into()),
    };
    call!(calls, "UploadOrganizationLogo", c.organizations().upload_organization_logo("org_1", Some(&logo)));

    // DELETE.
    call!(calls, "DeleteUser", c.users().delete_user("user_1"));
    call!(calls, "DeleteAllowlistIdentifier", c.allow_list_block_list().delete_allowlist_identifier("alid_1"));
    call!(calls, "DeleteJWTTemplate", c.jwt_templates().delete_jwt_template("jtmp_1"));
    call!(calls, "DeleteRedirectURL", c.redirect_urls().delete_redirect_url("ru_1"));

    let distinct: std::collections::BTreeSet<&str> = calls.iter().copied().collect();
    assert!(distinct.len() >= 30, "{} distinct operations called: {calls:?}", distinct.len());
}

#[tokio::test]
async fn a_request_that_violates_the_spec_is_caught_by_prism() {
    // Prism is strict: an unknown query parameter value type or missing credential is a violation.
    let url = std::env::var("PRISM_URL").expect("PRISM_URL");
    let anonymous = Client::new(url);
    let error = anonymous.users().get_user("user_1").await.expect_err("no bearer token: Prism answers 401");
    let Error::Api(api) = error else { panic!("an API error, got {error:?}") };
    assert_eq!(api.status, 401);
}

/// Clerk's Frontend API has what the Backend API lacks: form bodies, header parameters, and API keys
/// in a query parameter.
#[tokio::test]
async fn frontend_api_form_bodies_and_header_parameters_pass_prism_validation() {
    use crate::fapi;
    use crate::fapi::client as fc;
    let url = std::env::var("PRISM_FAPI_URL").expect("PRISM_FAPI_URL: run through tests/clerk.rs, which starts Prism");
    let c = fc::Client::builder().base_url(url).dev_browser("dvb_prism").build();
    let mut calls: Vec<&str> = Vec::new();
    let origin = || Some("https://app.example.com".to_string());

    // Required query and header parameters are plain fields: none can be left out.
    let health = fc::GetProxyHealthParams {
        domain_id: "dmn_1".into(),
        clerk_proxy_url: "https://proxy.example.com/__clerk".into(),
        clerk_secret_key: "sk_test_1".into(),
        x_forwarded_for: "203.0.113.7".into(),
    };
    call!(calls, "GetProxyHealth (header parameters)", c.get_proxy_health(&health));
    call!(calls, "UpdateEnvironment (Origin header, PATCH)", c.environment().update_environment(&fc::UpdateEnvironmentParams::new("https://app.example.com".into())));
    let sign_up = fapi::CreateSignUpsRequest {
        email_address: fapi::support::Nullable::Value("grace@example.com".into()),
        password: fapi::support::Nullable::Value("s3cret & more".into()),
        ..Default::default()
    };
    call!(calls, "CreateSignUps (form + header)", c.sign_ups().create_sign_ups(&fc::CreateSignUpsParams { origin: origin() }, Some(&sign_up)));
    let waitlist = fapi::JoinWaitlistRequest { email_address: "wait@example.com".into() };
    call!(calls, "JoinWaitlist (form)", c.waitlist().join_waitlist(&waitlist));
    let token = fapi::GetOAuthTokenRequest {
        grant_type: fapi::GetOAuthTokenRequestGrantType::AuthorizationCode,
        code: fapi::support::Nullable::Value("code_1".into()),
        client_id: fapi::support::Nullable::Value("client_1".into()),
        redirect_uri: fapi::support::Nullable::Value("https://app.example.com/cb?x=1&y=2".into()),
        code_verifier: fapi::support::Nullable::Absent,
        client_secret: fapi::support::Nullable::Absent,
        refresh_token: fapi::support::Nullable::Absent,
        scope: fapi::support::Nullable::Absent,
    };
    call!(calls, "GetOAuthToken (form, required body)", c.oauth2_identity_provider().get_oauth_token(&token));
    // Other form operations (sign-in, PATCH /v1/me...) are left out: Prism's own generated answers for
    // them break the spec (it reports response violations), which says nothing about our requests.
    assert_eq!(calls.len(), 5);
}
