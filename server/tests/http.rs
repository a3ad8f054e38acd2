//! The HTTP surface: setup, sign-in, sessions, headers, cross-site checks, health.

mod common;

use app::store::testing::TestDb;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::Site;

app::backend_tests!(
    first_run_redirects_to_setup_until_an_admin_exists,
    setup_signs_in_and_cannot_run_twice,
    session_cookie_is_http_only_and_lax,
    sign_in_and_sign_out,
    wrong_email_and_wrong_password_get_the_same_answer,
    signed_out_pages_redirect_to_sign_in,
    server_functions_check_the_session,
    pages_carry_security_headers_and_a_nonce_csp,
    cross_site_posts_are_refused,
    plain_form_errors_return_to_the_form,
    health_reports_backend_and_schema,
    pages_are_gzipped_for_browsers_that_accept_it,
    only_admins_manage_accounts,
    a_missing_object_answers_404_with_a_page_that_names_it,
    metrics_are_for_admins_and_name_routes_not_paths,
);

async fn first_run_redirects_to_setup_until_an_admin_exists(t: TestDb) {
    let site = Site::new(t).await;
    let reply = site.get("/", None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.header("location"), "/setup");
    assert_eq!(site.get("/login", None).await.header("location"), "/setup");
    let setup = site.get("/setup", None).await;
    assert_eq!(setup.status, StatusCode::OK);
    assert!(setup.body.contains("Set up Knit"), "{}", setup.body);
    site.set_up().await;
    let after = site.get("/setup", None).await;
    assert_eq!(
        after.status,
        StatusCode::SEE_OTHER,
        "setup is gone once done"
    );
    site.finish().await;
}

async fn setup_signs_in_and_cannot_run_twice(t: TestDb) {
    let site = Site::new(t).await;
    let bad = site
        .call(
            "setup",
            &[
                ("organization", "Acme"),
                ("name", "Ana"),
                ("email", "ana@acme"),
                ("password", "correct horse battery"),
            ],
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Email 'ana@acme'"), "{}", bad.body);

    let token = site.set_up().await;
    let home = site.get("/", Some(&token)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains("Welcome, ") && home.body.contains("Ana Lima"),
        "{}",
        home.body
    );
    assert!(home.body.contains("Acme"));

    let again = site
        .call(
            "setup",
            &[
                ("organization", "Evil"),
                ("name", "Eve"),
                ("email", "eve@evil.test"),
                ("password", "correct horse battery"),
            ],
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(again.session_token().is_none());
    site.finish().await;
}

async fn session_cookie_is_http_only_and_lax(t: TestDb) {
    let site = Site::new(t).await;
    site.set_up().await;
    let reply = site
        .call(
            "login",
            &[
                ("email", "ana@acme.test"),
                ("password", "correct horse battery"),
                ("next", ""),
            ],
            None,
        )
        .await;
    let cookie = reply.header("set-cookie").to_string();
    assert!(cookie.starts_with("knit_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain http in this test");
    let token = reply.session_token().expect("token");
    assert!(token.len() >= 32, "at least 128 bits");
    site.finish().await;
}

async fn sign_in_and_sign_out(t: TestDb) {
    let site = Site::new(t).await;
    let setup_token = site.set_up().await;
    let reply = site
        .call(
            "login",
            &[
                ("email", "ANA@acme.test"),
                ("password", "correct horse battery"),
                ("next", "/account"),
            ],
            Some(&setup_token),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.header("location"), "/account");
    let token = reply.session_token().expect("new session");
    assert_ne!(token, setup_token, "the session id changes at sign-in");
    let old = site.call("current_user", &[], Some(&setup_token)).await;
    assert_eq!(old.body, "null", "the previous session is gone");

    let me = site.call("current_user", &[], Some(&token)).await;
    assert!(
        me.body.contains("\"email\":\"ana@acme.test\"") && me.body.contains("\"role\":\"Admin\""),
        "{}",
        me.body
    );

    let out = site.call("logout", &[], Some(&token)).await;
    assert_eq!(out.status, StatusCode::OK);
    assert_eq!(out.session_token().as_deref(), Some(""), "cookie cleared");
    let me = site.call("current_user", &[], Some(&token)).await;
    assert_eq!(me.body, "null", "the session ended on the server");
    site.finish().await;
}

async fn wrong_email_and_wrong_password_get_the_same_answer(t: TestDb) {
    let site = Site::new(t).await;
    site.set_up().await;
    let wrong_password = site
        .call(
            "login",
            &[
                ("email", "ana@acme.test"),
                ("password", "not my password"),
                ("next", ""),
            ],
            None,
        )
        .await;
    let wrong_email = site
        .call(
            "login",
            &[
                ("email", "bob@acme.test"),
                ("password", "correct horse battery"),
                ("next", ""),
            ],
            None,
        )
        .await;
    assert_eq!(wrong_password.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong_password.status, wrong_email.status);
    assert_eq!(wrong_password.body, wrong_email.body);
    assert!(wrong_password.session_token().is_none());
    site.finish().await;
}

async fn signed_out_pages_redirect_to_sign_in(t: TestDb) {
    let site = Site::new(t).await;
    site.set_up().await;
    let reply = site.get("/account?tab=1", None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.header("location"), "/login?next=%2Faccount%3Ftab%3D1");
    let login = site.get("/login", None).await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(login.body.contains("Sign in"));
    let unknown = site.get("/no/such/page", Some(&site.sign_in().await)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    site.finish().await;
}

async fn server_functions_check_the_session(t: TestDb) {
    let site = Site::new(t).await;
    site.set_up().await;
    let anonymous = site.call("overview", &[], None).await;
    assert_eq!(
        anonymous.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        anonymous.body
    );
    let forged = site
        .call("overview", &[], Some("0123456789abcdef0123456789abcdef"))
        .await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
    let change = site
        .call(
            "change_password",
            &[
                ("current_password", "x"),
                ("new_password", "y"),
                ("confirm_password", "y"),
            ],
            None,
        )
        .await;
    assert_eq!(change.status, StatusCode::UNAUTHORIZED);
    let token = site.sign_in().await;
    let ok = site.call("overview", &[], Some(&token)).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(ok.body.contains("Acme"), "{}", ok.body);
    site.finish().await;
}

async fn pages_carry_security_headers_and_a_nonce_csp(t: TestDb) {
    let site = Site::new(t).await;
    let page = site.get("/setup", None).await;
    let csp = page.header("content-security-policy").to_string();
    for part in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(part), "{part} missing from {csp}");
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("http"),
        "nothing external: {csp}"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("pages allow their hydration script by nonce");
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "the inline script carries the nonce"
    );
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert_eq!(page.header("referrer-policy"), "no-referrer");
    assert_eq!(page.header("cache-control"), "no-store");
    let second = site.get("/setup", None).await;
    assert_ne!(
        second.header("content-security-policy"),
        csp,
        "a new nonce per response"
    );

    let api = site.call("current_user", &[], None).await;
    assert!(api
        .header("content-security-policy")
        .contains("default-src 'self'"));
    assert_eq!(api.header("x-content-type-options"), "nosniff");
    let css = site.get("/style/knit.css", None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header("cache-control").contains("immutable"));
    site.finish().await;
}

async fn cross_site_posts_are_refused(t: TestDb) {
    let site = Site::new(t).await;
    let token = site.set_up().await;
    let cross = |fetch_site: Option<&'static str>, origin: Option<&'static str>| {
        let mut r = Request::post("/api/logout")
            .header(header::HOST, "knit.test")
            .header(header::COOKIE, format!("knit_session={token}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(s) = fetch_site {
            r = r.header("sec-fetch-site", s);
        }
        if let Some(o) = origin {
            r = r.header(header::ORIGIN, o);
        }
        r.body(Body::empty()).expect("request")
    };
    assert_eq!(
        site.send(cross(Some("cross-site"), Some("https://evil.test")))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        site.send(cross(Some("same-site"), None)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        site.send(cross(None, Some("https://evil.test")))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // The session survived all of that.
    let me = site.call("current_user", &[], Some(&token)).await;
    assert!(me.body.contains("ana@acme.test"), "{}", me.body);
    // The same request from our own origin goes through.
    assert_eq!(
        site.send(cross(None, Some("http://knit.test")))
            .await
            .status,
        StatusCode::OK
    );
    site.finish().await;
}

async fn plain_form_errors_return_to_the_form(t: TestDb) {
    let site = Site::new(t).await;
    site.set_up().await;
    // A browser without JavaScript: form post, HTML accepted, no Referer (our policy).
    let request = Request::post("/api/login")
        .header(header::HOST, "knit.test")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(
            "__return=%2Flogin&next=&email=ana%40acme.test&password=wrong+wrong+wrong",
        ))
        .expect("request");
    let reply = site.send(request).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    let location = reply.header("location").to_string();
    assert!(
        location.starts_with("http://knit.test/login?__path=%2Fapi%2Flogin&__err="),
        "{location}"
    );
    assert!(
        !location.contains("ana") && !location.contains("wrong"),
        "nothing typed lands in the address bar: {location}"
    );
    let typed = reply
        .cookie("knit_typed")
        .expect("what was typed, in a cookie");
    assert!(typed.contains("ana%40acme.test"), "{typed}");
    assert!(
        !typed.contains("wrong"),
        "passwords are never carried: {typed}"
    );
    assert!(
        reply.header("set-cookie").contains("Max-Age=60"),
        "{}",
        reply.header("set-cookie")
    );
    // The sign-in page shows the error from that address, with the email
    // filled in again, and removes the cookie.
    let path = location.trim_start_matches("http://knit.test");
    let page = site
        .send(
            Request::get(path)
                .header(header::HOST, "knit.test")
                .header(header::COOKIE, format!("knit_typed={typed}"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert!(
        page.body.contains("value=\"ana@acme.test\""),
        "{}",
        page.body
    );
    assert!(
        page.headers.get_all("set-cookie").iter().any(|c| c
            .to_str()
            .is_ok_and(|c| c.starts_with("knit_typed=;") && c.contains("Max-Age=0"))),
        "the page clears it: {:?}",
        page.headers
    );
    assert!(
        page.body.contains("Wrong email or password."),
        "{}",
        page.body
    );

    // A return address off this site is ignored.
    let request = Request::post("/api/login")
        .header(header::HOST, "knit.test")
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            "__return=%2F%2Fevil.test&next=&email=a%40acme.test&password=x",
        ))
        .expect("request");
    let reply = site.send(request).await;
    assert!(
        !reply.header("location").contains("evil"),
        "{}",
        reply.header("location")
    );
    site.finish().await;
}

async fn health_reports_backend_and_schema(t: TestDb) {
    let site = Site::new(t).await;
    let reply = site.get("/healthz", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&reply.body).expect("json");
    assert_eq!(json["status"], "ok");
    assert_eq!(json["database"], site.t.db.backend().name());
    assert_eq!(json["schema_version"], site.t.db.latest_known_version());
    // Readiness: the schema is current, nothing waits to be sent.
    let ready = site.get("/readyz", None).await;
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);
    let ready: serde_json::Value = serde_json::from_str(&ready.body).expect("json");
    assert_eq!(ready["status"], "ready");
    assert_eq!(ready["email_waiting"], 0);
    assert!(ready["email_oldest_waiting_seconds"].is_null());
    // A database behind this version's migrations is not ready.
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = $1")
        .bind(site.t.db.latest_known_version())
        .execute(site.t.db.pool())
        .await
        .expect("forget a migration");
    let behind = site.get("/readyz", None).await;
    assert_eq!(behind.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(behind.body.contains("run knit migrate"), "{}", behind.body);
    site.finish().await;
}

async fn only_admins_manage_accounts(t: TestDb) {
    let site = Site::new(t).await;
    let admin = site.set_up().await;
    let analyst_fields = [
        ("name", "Rui Costa"),
        ("email", "rui@acme.test"),
        ("role", "analyst"),
    ];
    assert_eq!(
        site.call("create_account", &analyst_fields, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let created = site
        .call("create_account", &analyst_fields, Some(&admin))
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let duplicate = site
        .call("create_account", &analyst_fields, Some(&admin))
        .await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT, "{}", duplicate.body);
    let bad_role = site
        .call(
            "create_account",
            &[("name", "X"), ("email", "x@acme.test"), ("role", "root")],
            Some(&admin),
        )
        .await;
    assert_eq!(bad_role.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_role.body.contains("Role:"), "{}", bad_role.body);

    let list = site.call("accounts", &[], Some(&admin)).await;
    assert!(
        list.body.contains("rui@acme.test") && list.body.contains("Analyst"),
        "{}",
        list.body
    );

    let analyst = site.session_of("rui@acme.test").await;
    assert_eq!(
        site.call("accounts", &[], Some(&analyst)).await.status,
        StatusCode::FORBIDDEN
    );
    let escalate = site
        .call(
            "create_account",
            &[
                ("name", "Me"),
                ("email", "me2@acme.test"),
                ("role", "admin"),
            ],
            Some(&analyst),
        )
        .await;
    assert_eq!(escalate.status, StatusCode::FORBIDDEN);
    let page = site.get("/accounts", Some(&analyst)).await;
    assert!(
        page.body.contains("Your role does not allow this."),
        "the page shows the refusal"
    );
    assert!(!page.body.contains("ana@acme.test"), "and no account data");
    site.finish().await;
}

async fn pages_are_gzipped_for_browsers_that_accept_it(t: TestDb) {
    let site = Site::new(t).await;
    for path in ["/setup", "/style/knit.css"] {
        let reply = site
            .send(
                Request::get(path)
                    .header(header::HOST, "knit.test")
                    .header(header::ACCEPT_ENCODING, "gzip")
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.header("content-encoding"), "gzip", "{path}");
        assert!(
            !reply.header("content-security-policy").is_empty(),
            "headers survive compression"
        );
    }
    site.finish().await;
}

async fn a_missing_object_answers_404_with_a_page_that_names_it(t: TestDb) {
    let site = Site::new(t).await;
    let admin = site.set_up().await;
    for (path, says) in [
        ("/surveys/987654", "There is no such survey."),
        ("/insight/987654", "There is no such wave."),
        ("/people/987654", "There is no such person"),
        (
            "/newcomers/987654",
            "This person is not among the newcomers you can see.",
        ),
    ] {
        // As a browser asks for a page.
        let page = site
            .send(
                Request::get(path)
                    .header(header::HOST, "knit.test")
                    .header(header::ACCEPT, "text/html,application/xhtml+xml")
                    .header(header::COOKIE, format!("knit_session={admin}"))
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}: {}", page.body);
        assert!(page.body.contains(says), "{path}: {}", page.body);
    }
    let api = site
        .call("newcomer", &[("person_id", "987654")], Some(&admin))
        .await;
    assert_eq!(api.status, StatusCode::NOT_FOUND, "{}", api.body);
    site.finish().await;
}

async fn metrics_are_for_admins_and_name_routes_not_paths(t: TestDb) {
    let site = Site::new(t).await;
    let admin = site.set_up().await;
    let unsigned = site.get("/metrics", None).await;
    assert_eq!(unsigned.status, StatusCode::UNAUTHORIZED);
    assert!(
        unsigned.body.contains("KNIT_METRICS_LISTEN"),
        "{}",
        unsigned.body
    );
    site.account("mia@acme.test", "Mia", app::model::auth::Role::Manager)
        .await;
    let manager = site
        .log_in("mia@acme.test", "a long password")
        .await
        .session_token()
        .expect("manager signs in");
    assert_eq!(
        site.get("/metrics", Some(&manager)).await.status,
        StatusCode::FORBIDDEN
    );
    // Paths carrying an id or a token are counted under their route's pattern.
    site.get("/people/918273/export.json", Some(&admin)).await;
    site.get("/s/not-a-real-token-5551212", None).await;
    site.get("/no/such/page/4242", Some(&admin)).await;
    site.call("current_user", &[], Some(&admin)).await;
    app::store::sessions::count_live(&site.t.db, app::store::now_ms())
        .await
        .expect("count");
    // What the outbox worker and the analysis job count, as they count it.
    app::metrics::record_email("sent");
    app::metrics::record_analysis(true, std::time::Duration::from_millis(1500));
    let reply = site.get("/metrics", Some(&admin)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply
        .header("content-type")
        .starts_with("application/openmetrics-text; version=1.0.0"));
    let body = &reply.body;
    for needle in ["918273", "5551212", "4242"] {
        assert!(
            !body.contains(needle),
            "a path leaked into a label: {needle}\n{body}"
        );
    }
    let counted = |line_start: &str| {
        body.lines()
            .find(|l| l.starts_with(line_start))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|n| n.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("no {line_start} in\n{body}"))
    };
    assert!(
        counted(
            "knit_http_requests_total{method=\"GET\",route=\"/people/{id}/export.json\",status=\""
        ) >= 1.0
    );
    assert!(
        counted("knit_http_requests_total{method=\"GET\",route=\"/s/{token}\",status=\"") >= 1.0
    );
    assert!(
        counted(
            "knit_http_requests_total{method=\"POST\",route=\"/api/current_user\",status=\"200\"}"
        ) >= 1.0
    );
    assert!(
        counted("knit_http_request_duration_seconds_count{method=\"GET\",route=\"/metrics\"}")
            >= 2.0
    );
    // Figures of the whole deployment, read from the database: the admin's and the manager's sessions.
    assert!(counted("knit_sessions_active ") >= 2.0);
    assert_eq!(counted("knit_outbox_waiting "), 0.0);
    assert!(body.contains("# TYPE knit_emails counter"));
    assert!(body.contains("# TYPE knit_analysis_duration_seconds histogram"));
    site.finish().await;
}
