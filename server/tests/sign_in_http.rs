//! Sign-in as an attacker tries it, over HTTP: throttling by the client's real
//! address behind a trusted proxy, and return addresses that can neither
//! leave the site nor break a header.

mod common;

use app::model::auth::Role;
use app::store::testing::TestDb;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

app::backend_tests!(
    clients_behind_a_trusted_proxy_are_throttled_apart,
    redirects_built_from_input_stay_on_this_site,
    only_admins_change_accounts_and_a_disabled_account_is_signed_out_at_once,
    a_forgotten_password_is_reset_by_a_link_that_works_once_and_ends_every_session,
    admins_see_each_session_end_one_and_send_reset_links,
    a_new_account_sets_its_own_password_from_an_emailed_link,
    a_manager_account_sees_the_reports_of_the_roster_person_it_is_linked_to,
    with_passwords_off_only_the_break_glass_admin_uses_one,
);

/// A wrong password for the admin, as a browser behind the proxy sends it.
async fn wrong_password(site: &common::Site, forwarded_for: &str) -> StatusCode {
    let body = serde_urlencoded::to_string([
        ("email", "ana@acme.test"),
        ("password", "not the password at all"),
        ("next", ""),
    ])
    .expect("form");
    let request = Request::post("/api/login")
        .header(header::HOST, "knit.test")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", forwarded_for)
        .body(Body::from(body))
        .expect("request");
    site.send(request).await.status
}

async fn clients_behind_a_trusted_proxy_are_throttled_apart(t: TestDb) {
    let limit = app::auth::service::MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS;
    // Every connection comes from the proxy, 192.0.2.1.
    let site = common::Site::behind_proxies(t, "192.0.2.0/24").await;
    site.set_up().await;
    for _ in 0..limit {
        assert_eq!(
            wrong_password(&site, "203.0.113.1").await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        wrong_password(&site, "203.0.113.1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another client behind the same proxy is not held up by the first.
    assert_eq!(
        wrong_password(&site, "203.0.113.2").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // What a client writes itself in front of the proxy's entry is not believed.
    assert_eq!(
        wrong_password(&site, "198.51.100.50, 203.0.113.1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    let t = site.t;

    // Without trusting the proxy, everyone behind it is one client.
    let untrusting = common::Site::behind_proxies(TestDb::sqlite().await, "").await;
    untrusting.set_up().await;
    for _ in 0..limit {
        wrong_password(&untrusting, "203.0.113.1").await;
    }
    assert_eq!(
        wrong_password(&untrusting, "203.0.113.2").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    untrusting.finish().await;
    t.finish().await;
}

const HOSTILE: [&str; 12] = [
    "/\t/evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0d%0aSet-Cookie:%20x=1",
    "/\r\nSet-Cookie: x=1",
    "//evil.example",
    "/%2F/evil.example",
    "/\\evil.example",
    "/%5C%5Cevil.example",
    "https://evil.example",
    "/\u{85}/evil.example",
    "\u{0}",
];

/// The response's `Location`, if any, is a path on this site.
fn assert_stays(what: &str, reply: &common::Reply) {
    assert!(
        reply.status.as_u16() < 500,
        "{what}: {} {}",
        reply.status,
        reply.body
    );
    let location = reply.header("location");
    if location.is_empty() {
        return;
    }
    let path = location
        .strip_prefix("http://knit.test")
        .unwrap_or(location);
    // A query may carry the hostile text encoded (the sign-in page refuses it then).
    let route = path.split('?').next().unwrap_or(path);
    assert!(
        route.starts_with('/')
            && !route.starts_with("//")
            && !route.contains('\\')
            && !route.contains("evil"),
        "{what}: Location {location}"
    );
}

async fn redirects_built_from_input_stay_on_this_site(t: TestDb) {
    let site = common::Site::new(t).await;
    site.set_up().await;
    let token = site.sign_in().await;
    for hostile in HOSTILE {
        // The sign-in's return address, as a plain form and as the client sends it.
        for accept in ["text/html", "application/json"] {
            let body = serde_urlencoded::to_string([
                ("email", "ana@acme.test"),
                ("password", "correct horse battery"),
                ("next", hostile),
                (app::auth::api::RETURN_FIELD, hostile),
            ])
            .expect("form");
            let request = Request::post("/api/login")
                .header(header::HOST, "knit.test")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, accept)
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .expect("request");
            assert_stays(
                &format!("login next={hostile:?} ({accept})"),
                &site.send(request).await,
            );
        }
        // Any form's own return address (here, a form that fails).
        let body = serde_urlencoded::to_string([
            ("name", ""),
            ("email", "x"),
            ("role", "manager"),
            ("password", "short"),
            (app::auth::api::RETURN_FIELD, hostile),
        ])
        .expect("form");
        let request = Request::post("/api/create_account")
            .header(header::HOST, "knit.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header("sec-fetch-site", "same-origin")
            .header(header::COOKIE, format!("knit_session={token}"))
            .body(Body::from(body))
            .expect("request");
        assert_stays(
            &format!("form return {hostile:?}"),
            &site.send(request).await,
        );
    }
    // The sign-in page's own return address, built from the page asked for.
    for path in [
        "/people%0d%0aSet-Cookie:x",
        "//evil.example/",
        "/%2F%2Fevil.example",
    ] {
        let reply = site.get(path, None).await;
        assert_stays(&format!("page {path}"), &reply);
    }
    site.finish().await;

    // Single sign-on's two ends, with a provider that does not answer.
    let sso = app::auth::single_sign_on::SingleSignOn::new(
        "http://127.0.0.1:9".into(),
        "knit".into(),
        None,
        "http://knit.test",
        None,
        "Sign in".into(),
        true,
    )
    .expect("settings");
    let site = common::Site::with_settings(
        TestDb::sqlite().await,
        app::context::AppSettings {
            single_sign_on: Some(std::sync::Arc::new(sso)),
            ..common::Site::settings()
        },
    )
    .await;
    site.set_up().await;
    for hostile in HOSTILE {
        let encoded = serde_urlencoded::to_string([("next", hostile)]).expect("query");
        let start = site.get(&format!("/auth/oidc/start?{encoded}"), None).await;
        assert_stays(&format!("start {hostile:?}"), &start);
        assert_eq!(start.header("location"), "/login?sso=unavailable");
        let encoded =
            serde_urlencoded::to_string([("state", hostile), ("code", hostile)]).expect("query");
        let back = site
            .get(&format!("/auth/oidc/callback?{encoded}"), None)
            .await;
        assert_stays(&format!("callback {hostile:?}"), &back);
        assert_eq!(back.header("location"), "/login?sso=state");
    }
    site.finish().await;
}

async fn only_admins_change_accounts_and_a_disabled_account_is_signed_out_at_once(t: TestDb) {
    let site = common::Site::new(t).await;
    let admin = site.set_up().await;
    let analyst = site.account("rui@acme.test", "Rui", Role::Analyst).await;
    let token = app::auth::service::start_session(
        &site.t.db,
        analyst,
        &Default::default(),
        Default::default(),
    )
    .await
    .expect("session");
    let id = analyst.to_string();
    let refused = change(&site, &token, &id, "set_role", &[("role", "admin")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(
        site.get("/accounts", Some(&token)).await.status,
        StatusCode::FORBIDDEN
    );
    let page = site.get("/accounts", Some(&admin)).await;
    assert!(
        page.body.contains("1 session"),
        "the admin sees who is signed in"
    );
    let done = change(&site, &admin, &id, "disable", &[]).await;
    assert!(
        done.status.is_success() || done.status.is_redirection(),
        "{}",
        done.body
    );
    // The analyst's open session ends with the disabling.
    let after = change(&site, &token, &id, "enable", &[]).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    let odd = change(&site, &admin, &id, "promote", &[]).await;
    assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY);
    site.finish().await;
}

fn ok(reply: &common::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

/// The reset link in the only password-reset message delivered to `folder`.
fn reset_link(folder: &std::path::Path) -> String {
    password_link(folder, "password_reset")
}

/// The link in the only message of `purpose` delivered to `folder`.
fn password_link(folder: &std::path::Path, purpose: &str) -> String {
    let messages: Vec<String> = std::fs::read_dir(folder)
        .expect("outbox folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().contains(purpose))
        .map(|p| app::mail::folder::readable_text(&std::fs::read_to_string(p).expect("eml")))
        .collect();
    assert_eq!(messages.len(), 1, "one reset message: {messages:?}");
    let at = messages[0]
        .find("http://knit.test/reset/")
        .expect("the message holds the link");
    messages[0][at..]
        .split_whitespace()
        .next()
        .expect("link")
        .to_string()
}

async fn reset(site: &common::Site, token: &str, new: &str, confirm: &str) -> common::Reply {
    site.call(
        "reset_password",
        &[
            ("token", token),
            ("new_password", new),
            ("confirm_password", confirm),
        ],
        None,
    )
    .await
}

/// An administrator's (or anyone's) change to account `id`, as the Accounts page sends it.
async fn change(
    site: &common::Site,
    token: &str,
    id: &str,
    action: &str,
    extra: &[(&str, &str)],
) -> common::Reply {
    let mut form = vec![("id", id), ("action", action)];
    form.extend_from_slice(extra);
    site.call("change_account", &form, Some(token)).await
}

async fn queued_resets(db: &app::store::Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE purpose = 'password_reset'")
        .fetch_one(db.pool())
        .await
        .expect("count")
}

async fn a_forgotten_password_is_reset_by_a_link_that_works_once_and_ends_every_session(t: TestDb) {
    let site = common::Site::new(t).await;
    let first = site.set_up().await;
    let second = site.sign_in().await;
    // The same answer whether or not the email has an account.
    let known = site
        .call(
            "request_password_reset",
            &[("email", "ANA@acme.test")],
            None,
        )
        .await;
    let unknown = site
        .call(
            "request_password_reset",
            &[("email", "nobody@acme.test")],
            None,
        )
        .await;
    assert!(ok(&known), "{}", known.body);
    assert_eq!(
        (known.status, &known.body, known.header("location")),
        (unknown.status, &unknown.body, unknown.header("location"))
    );
    assert_eq!(
        queued_resets(&site.t.db).await,
        1,
        "only the account gets a link"
    );

    let folder = common::deliver_to_folder(&site.t.db, &site.settings.link_key, "reset").await;
    let link = reset_link(&folder);
    let token = link
        .trim_start_matches("http://knit.test/reset/")
        .to_string();
    assert_eq!(token.len(), 64, "256 bits: {link}");
    // Only the token's hash is stored, nowhere the token itself.
    let stored: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT token_hash, token_seed FROM password_resets")
            .fetch_all(site.t.db.pool())
            .await
            .expect("resets");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].0, app::auth::service::hash_token(&token));
    assert!(!app::store::testing::dump(&site.t.db)
        .await
        .iter()
        .any(|row| row.contains(&token)));

    let page = site.get(&format!("/reset/{token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Confirm new password"), "{}", page.body);
    let mismatch = reset(&site, &token, "a brand new passphrase", "another one").await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    let short = reset(&site, &token, "short", "short").await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("New password"), "{}", short.body);
    let done = reset(
        &site,
        &token,
        "a brand new passphrase",
        "a brand new passphrase",
    )
    .await;
    assert!(ok(&done), "{}", done.body);
    // Every session of the account ended, and the link is spent.
    for session in [&first, &second] {
        let reply = site.call("current_user", &[], Some(session)).await;
        assert_eq!(reply.body.trim(), "null", "{}", reply.body);
    }
    let again = reset(
        &site,
        &token,
        "yet another passphrase",
        "yet another passphrase",
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again.body.contains("expired or was already used"),
        "{}",
        again.body
    );
    assert!(site
        .get(&format!("/reset/{token}"), None)
        .await
        .body
        .contains("expired or was already used"));
    let old = site.log_in("ana@acme.test", "correct horse battery").await;
    assert_eq!(old.status, StatusCode::UNPROCESSABLE_ENTITY);
    let new = site.log_in("ana@acme.test", "a brand new passphrase").await;
    assert!(new.session_token().is_some(), "{}", new.body);

    // A link older than 30 minutes does nothing, and is not even sent.
    site.call(
        "request_password_reset",
        &[("email", "ana@acme.test")],
        None,
    )
    .await;
    sqlx::query("UPDATE password_resets SET expires_at = 1 WHERE used_at IS NULL")
        .execute(site.t.db.pool())
        .await
        .expect("age");
    let late = common::deliver_to_folder(&site.t.db, &site.settings.link_key, "late").await;
    assert!(
        std::fs::read_dir(&late).map_or(0, |d| d.count()) == 0,
        "an expired link is not sent"
    );
    let audit: Vec<String> = sqlx::query_scalar("SELECT object FROM audit_log")
        .fetch_all(site.t.db.pool())
        .await
        .expect("audit");
    assert!(
        audit
            .iter()
            .any(|o| o.contains("new password set with a reset link")),
        "{audit:?}"
    );
    site.finish().await;
}

async fn admins_see_each_session_end_one_and_send_reset_links(t: TestDb) {
    let site = common::Site::new(t).await;
    let admin = site.set_up().await;
    let rui = site.account("rui@acme.test", "Rui", Role::Analyst).await;
    let sign_in = |agent: &'static str| {
        let body = serde_urlencoded::to_string([
            ("email", "rui@acme.test"),
            ("password", "a long password"),
            ("next", ""),
        ])
        .expect("form");
        Request::post("/api/login")
            .header(header::HOST, "knit.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::USER_AGENT, agent)
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .expect("request")
    };
    let laptop = site
        .send(sign_in("Firefox on the laptop"))
        .await
        .session_token()
        .expect("laptop");
    let phone = site
        .send(sign_in("Safari on the phone"))
        .await
        .session_token()
        .expect("phone");
    let page = site.get("/accounts", Some(&admin)).await;
    for fact in [
        "2 sessions",
        "Firefox on the laptop",
        "Safari on the phone",
        "from 192.0.2.1",
        "by password",
    ] {
        assert!(page.body.contains(fact), "{fact} on the Accounts page");
    }
    // The admin ends the phone's session alone.
    let sessions = app::store::sessions::live_by_account(&site.t.db, app::store::now_ms())
        .await
        .expect("sessions");
    let phone_handle = sessions[&rui]
        .iter()
        .find(|s| s.user_agent.as_deref() == Some("Safari on the phone"))
        .expect("phone session")
        .handle
        .clone();
    assert_eq!(phone_handle, app::auth::service::hash_token(&phone));
    let id = rui.to_string();
    // Rui cannot do it to anyone, himself included.
    let refused = change(
        &site,
        &laptop,
        &id,
        "end_session",
        &[("handle", &phone_handle)],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let ended = change(
        &site,
        &admin,
        &id,
        "end_session",
        &[("handle", &phone_handle)],
    )
    .await;
    assert!(ok(&ended), "{}", ended.body);
    assert_eq!(
        site.call("current_user", &[], Some(&phone))
            .await
            .body
            .trim(),
        "null"
    );
    assert!(site
        .call("current_user", &[], Some(&laptop))
        .await
        .body
        .contains("rui@acme.test"));

    // An analyst cannot send reset links; an admin can, and it is audited.
    let refused = change(&site, &laptop, &id, "send_reset", &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(queued_resets(&site.t.db).await, 0);
    let sent = change(&site, &admin, &id, "send_reset", &[]).await;
    assert!(ok(&sent), "{}", sent.body);
    let folder =
        common::deliver_to_folder(&site.t.db, &site.settings.link_key, "admin-reset").await;
    let link = reset_link(&folder);
    let eml = std::fs::read_dir(&folder)
        .expect("folder")
        .next()
        .expect("one")
        .expect("entry")
        .path();
    assert!(
        eml.to_string_lossy().contains("rui@acme.test"),
        "{}",
        eml.display()
    );
    assert!(link.starts_with("http://knit.test/reset/"));
    let audit: Vec<String> = sqlx::query_scalar("SELECT object FROM audit_log")
        .fetch_all(site.t.db.pool())
        .await
        .expect("audit");
    assert!(
        audit
            .iter()
            .any(|o| o == "account rui@acme.test: sent a link to set a new password"),
        "{audit:?}"
    );
    assert!(
        audit
            .iter()
            .any(|o| o == "account rui@acme.test: one session signed out"),
        "{audit:?}"
    );
    site.finish().await;
}

async fn a_manager_account_sees_the_reports_of_the_roster_person_it_is_linked_to(t: TestDb) {
    let site = common::Site::new(t).await;
    let admin = site.set_up().await;
    let people = app::fixtures::import(
        &site.t.db,
        "email,full_name,manager_email\nlead@acme.test,Lena Lead,\nzoe@acme.test,Zoe Report,lead@acme.test\n",
    )
    .await;
    let zoe = people[1];
    // The manager signs in with another address than the roster's.
    let boss = site
        .account("lena@corp.example", "Lena", Role::Manager)
        .await;
    let token = app::auth::service::start_session(
        &site.t.db,
        boss,
        &Default::default(),
        Default::default(),
    )
    .await
    .expect("session");
    let before = site.get(&format!("/people/{zoe}"), Some(&token)).await;
    assert!(
        !before.body.contains("Zoe Report"),
        "no roster person, no reports"
    );
    let id = boss.to_string();
    let unknown = change(
        &site,
        &admin,
        &id,
        "link_person",
        &[("person", "nobody@acme.test")],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unknown.body.contains("nobody@acme.test"),
        "{}",
        unknown.body
    );
    let linked = change(
        &site,
        &admin,
        &id,
        "link_person",
        &[("person", "lead@acme.test")],
    )
    .await;
    assert!(ok(&linked), "{}", linked.body);
    let after = site.get(&format!("/people/{zoe}"), Some(&token)).await;
    assert_eq!(after.status, StatusCode::OK);
    assert!(
        after.body.contains("Zoe Report"),
        "the linked person's report is visible"
    );
    assert!(site
        .get("/accounts", Some(&admin))
        .await
        .body
        .contains("Lena Lead"));
    // Unlinked again, the account's own email counts, and it matches no one.
    change(&site, &admin, &id, "link_person", &[("person", "")]).await;
    assert!(!site
        .get(&format!("/people/{zoe}"), Some(&token))
        .await
        .body
        .contains("Zoe Report"));
    site.finish().await;
}

async fn with_passwords_off_only_the_break_glass_admin_uses_one(t: TestDb) {
    let site = common::Site::with_settings(
        t,
        app::context::AppSettings {
            password_sign_in: app::auth::service::PasswordSignIn::BreakGlassOnly(Some(
                "ana@acme.test".into(),
            )),
            ..common::Site::settings()
        },
    )
    .await;
    let admin = site.set_up().await;
    let rui = site.account("rui@acme.test", "Rui", Role::Analyst).await;
    let refused = site.log_in("rui@acme.test", "a long password").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Password sign-in is turned off"),
        "{}",
        refused.body
    );
    assert!(
        site.sign_in().await.len() == 64,
        "the break-glass admin signs in"
    );
    // No reset link for anyone else: the same answer, and nothing sent.
    let answer = site
        .call(
            "request_password_reset",
            &[("email", "rui@acme.test")],
            None,
        )
        .await;
    assert!(ok(&answer));
    assert_eq!(queued_resets(&site.t.db).await, 0);
    let id = rui.to_string();
    let conflict = change(&site, &admin, &id, "send_reset", &[]).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT, "{}", conflict.body);
    site.call(
        "request_password_reset",
        &[("email", "ana@acme.test")],
        None,
    )
    .await;
    assert_eq!(
        queued_resets(&site.t.db).await,
        1,
        "the break-glass admin can still recover"
    );
    site.finish().await;
}

async fn a_new_account_sets_its_own_password_from_an_emailed_link(t: TestDb) {
    let site = common::Site::new(t).await;
    let admin = site.set_up().await;
    let reply = site
        .call(
            "create_account",
            &[
                ("name", "Lee"),
                ("email", "lee@acme.test"),
                ("role", "analyst"),
                ("password", "chosen by the admin"),
            ],
            Some(&admin),
        )
        .await;
    assert!(ok(&reply), "{}", reply.body);
    // No password was chosen for Lee: none signs in, not even an empty one.
    for password in ["chosen by the admin", ""] {
        let refused = site
            .call(
                "login",
                &[
                    ("email", "lee@acme.test"),
                    ("password", password),
                    ("next", ""),
                ],
                None,
            )
            .await;
        assert!(refused.session_token().is_none(), "{password:?}");
    }
    let (expires_at, created_at): (i64, i64) =
        sqlx::query_as("SELECT expires_at, created_at FROM password_resets")
            .fetch_one(site.t.db.pool())
            .await
            .expect("one link");
    assert_eq!(
        expires_at - created_at,
        app::auth::service::WELCOME_LINK_LIFETIME_MS,
        "a week to set it"
    );
    let folder = common::deliver_to_folder(&site.t.db, &site.settings.link_key, "welcome").await;
    let link = password_link(&folder, "account_welcome");
    let token = link.trim_start_matches("http://knit.test/reset/");
    let set = reset(&site, token, "Lee's own passphrase", "Lee's own passphrase").await;
    assert!(ok(&set), "{}", set.body);
    let signed_in = site
        .call(
            "login",
            &[
                ("email", "lee@acme.test"),
                ("password", "Lee's own passphrase"),
                ("next", ""),
            ],
            None,
        )
        .await;
    assert!(signed_in.session_token().is_some(), "{}", signed_in.body);
    // The Accounts page keeps "1 session" on one line.
    let page = site.get("/accounts", Some(&admin)).await;
    assert!(
        page.body.contains("class=\"nowrap\">1 session<"),
        "{}",
        page.body
    );
    site.finish().await;
}
