//! Sign-in as an attacker tries it, over HTTP: throttling by the client's real
//! address behind a trusted proxy, and return addresses that can neither
//! leave the site nor break a header.

mod common;

use app::store::testing::TestDb;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

app::backend_tests!(
    clients_behind_a_trusted_proxy_are_throttled_apart,
    redirects_built_from_input_stay_on_this_site,
    only_admins_change_accounts_and_a_disabled_account_is_signed_out_at_once,
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
}

async fn only_admins_change_accounts_and_a_disabled_account_is_signed_out_at_once(t: TestDb) {
    use app::auth::model::Role;
    let site = common::Site::new(t).await;
    let admin = site.set_up().await;
    let analyst = app::auth::service::create_account(
        &site.t.db,
        "rui@acme.test",
        "Rui",
        Role::Analyst,
        "a long password".into(),
    )
    .await
    .expect("analyst");
    let token = app::auth::service::start_session(&site.t.db, analyst)
        .await
        .expect("session");
    let id = analyst.to_string();
    let refused = site
        .call(
            "change_account",
            &[("id", &id), ("action", "set_role"), ("role", "admin")],
            Some(&token),
        )
        .await;
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
    let done = site
        .call(
            "change_account",
            &[("id", &id), ("action", "disable")],
            Some(&admin),
        )
        .await;
    assert!(
        done.status.is_success() || done.status.is_redirection(),
        "{}",
        done.body
    );
    // The analyst's open session ends with the disabling.
    let after = site
        .call(
            "change_account",
            &[("id", &id), ("action", "enable")],
            Some(&token),
        )
        .await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    let odd = site
        .call(
            "change_account",
            &[("id", &id), ("action", "promote")],
            Some(&admin),
        )
        .await;
    assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY);
    site.finish().await;
}
