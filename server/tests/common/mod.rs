//! A Knit server in-process for HTTP-level tests: the real router, a real database.

#![allow(dead_code)]

pub mod smtp;

use app::context::{AppSettings, AppState};
use app::store::testing::TestDb;
use axum::body::{to_bytes, Body};
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use tower::ServiceExt;

pub struct Site {
    pub t: TestDb,
    pub settings: Arc<AppSettings>,
    router: Router,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The value of the cookie `name` this reply sets, if any and not empty.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| {
                c.strip_prefix(&format!("{name}="))
                    .map(|r| r.split(';').next().unwrap_or_default().to_string())
            })
            .filter(|v| !v.is_empty())
    }

    /// The session token this reply sets, if any (empty when it clears it).
    pub fn session_token(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| {
                c.strip_prefix("knit_session=")
                    .or_else(|| c.strip_prefix("__Host-knit_session="))
            })
            .map(|rest| rest.split(';').next().unwrap_or_default().to_string())
    }
}

impl Site {
    pub async fn new(t: TestDb) -> Site {
        Site::behind_proxies(t, "").await
    }

    /// A site whose connections all come from 192.0.2.1, trusting these proxies
    /// (`KNIT_TRUSTED_PROXIES`) to name the client in `X-Forwarded-For`.
    pub async fn behind_proxies(t: TestDb, trusted: &str) -> Site {
        Site::with_settings(
            t,
            AppSettings {
                trusted_proxies: app::auth::client::TrustedProxies::parse(trusted)
                    .expect("trusted proxies"),
                ..Site::settings()
            },
        )
        .await
    }

    /// The settings a test site starts from.
    pub fn settings() -> AppSettings {
        AppSettings {
            public_url: "http://knit.test".into(),
            secure_cookies: false,
            link_key: app::mail::LinkKey::generate(),
            outbox_dir: std::env::temp_dir().join(format!("knit-outbox-{}", std::process::id())),
            trusted_proxies: Default::default(),
            password_sign_in: Default::default(),
            policy: Default::default(),
            single_sign_on: None,
        }
    }

    pub async fn with_settings(t: TestDb, settings: AppSettings) -> Site {
        let settings = Arc::new(settings);
        let state = AppState {
            db: t.db.clone(),
            settings: settings.clone(),
        };
        let site_root = std::env::temp_dir().join("knit-http-tests-site");
        let options =
            server::http::leptos_options(&site_root, "127.0.0.1:3000".parse().expect("addr"));
        let router = server::http::router(state, options)
            .layer(MockConnectInfo(SocketAddr::from(([192, 0, 2, 1], 4000))));
        Site {
            t,
            settings,
            router,
        }
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = to_bytes(response.into_body(), 16 << 20)
            .await
            .expect("body");
        let body = String::from_utf8_lossy(&bytes);
        // Every page any test opens shows only messages the catalogue has,
        // each with its variables filled in. A compressed body is not text:
        // its bytes can spell "{$" by chance.
        let compressed = headers.contains_key(header::CONTENT_ENCODING);
        assert!(
            compressed || (!body.contains("Unknown localization key") && !body.contains("{$")),
            "a message missing from the catalogue: {body}"
        );
        Reply {
            status,
            headers,
            body: body.into_owned(),
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        let mut request = Request::get(path).header(header::HOST, "knit.test");
        if let Some(token) = token {
            request = request.header(header::COOKIE, self.session_cookie(token));
        }
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }

    /// Calls a server function the way the hydrated client does.
    pub async fn call(&self, name: &str, form: &[(&str, &str)], token: Option<&str>) -> Reply {
        let body = serde_urlencoded::to_string(form).expect("form");
        let mut request = Request::post(format!("/api/{name}"))
            .header(header::HOST, "knit.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin");
        if let Some(token) = token {
            request = request.header(header::COOKIE, self.session_cookie(token));
        }
        self.send(request.body(Body::from(body)).expect("request"))
            .await
    }

    /// The Cookie header of a staff session, as this site names the cookie.
    pub fn session_cookie(&self, token: &str) -> String {
        format!(
            "{}={token}",
            app::cookies::SiteCookie::Session.name(self.settings.secure_cookies)
        )
    }

    /// Completes first-run setup and returns the admin's session token.
    pub async fn set_up(&self) -> String {
        let reply = self
            .call(
                "setup",
                &[
                    ("organization", "Acme"),
                    ("name", "Ana Lima"),
                    ("email", "ana@acme.test"),
                    ("password", "correct horse battery"),
                ],
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "setup: {}", reply.body);
        reply.session_token().expect("setup signs the admin in")
    }

    /// Signs the admin created by [`Site::set_up`] in and returns the new token.
    pub async fn sign_in(&self) -> String {
        self.log_in("ana@acme.test", "correct horse battery")
            .await
            .session_token()
            .expect("the admin signs in")
    }

    /// Calls the sign-in server function, as the hydrated client does.
    pub async fn log_in(&self, email: &str, password: &str) -> Reply {
        self.call(
            "login",
            &[("email", email), ("password", password), ("next", "")],
            None,
        )
        .await
    }

    /// An account made through the service, with the password "a long password".
    pub async fn account(&self, email: &str, name: &str, role: app::model::auth::Role) -> i64 {
        app::auth::service::create_account(
            &self.t.db,
            &app::store::audit::Actor::command_line(),
            email,
            name,
            role,
            "a long password".into(),
        )
        .await
        .expect("account")
    }

    /// A session of the account with this email, as signing in would start
    /// one (an account an administrator added has no password until its
    /// owner sets one from the emailed link: sign_in_http tests that).
    pub async fn session_of(&self, email: &str) -> String {
        let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(self.t.db.pool())
            .await
            .expect("the account");
        app::auth::service::start_session(&self.t.db, id, &Default::default(), Default::default())
            .await
            .expect("session")
    }

    pub async fn finish(self) {
        self.t.finish().await;
    }
}

/// A folder of its own under the temporary folder, for `what`.
pub fn temp_folder(what: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "knit-{what}-{}-{}",
        std::process::id(),
        app::store::now_ms()
    ))
}

/// The `knit` binary with a clean environment: no `KNIT_` setting and no
/// `DATABASE_URL` of the caller's leaks in, and it starts in an empty folder
/// of its own, where no `knit.toml` is.
pub fn knit() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_knit"));
    for (name, _) in std::env::vars_os() {
        let name_text = name.to_string_lossy();
        if name_text.starts_with("KNIT_") || name_text == "DATABASE_URL" {
            command.env_remove(&name);
        }
    }
    let folder = temp_folder("cwd");
    std::fs::create_dir_all(&folder).expect("a folder to start in");
    command.current_dir(folder);
    command
}

/// Writes every due outbox message as an .eml file into a new folder, and returns it.
pub async fn deliver_to_folder(
    db: &app::store::Db,
    key: &app::mail::LinkKey,
    what: &str,
) -> std::path::PathBuf {
    let folder = temp_folder(what);
    let worker = server::mail::Worker::new(
        db.clone(),
        key.clone(),
        "http://knit.test".into(),
        app::privacy::Privacy::default(),
        server::mail::Transport::Folder(folder.clone()),
        mail_settings(1),
    )
    .expect("worker");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while worker.send_due().await.expect("send") > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the outbox did not drain"
        );
    }
    folder
}

/// Mail settings for tests: no rate limit, quick retries.
pub fn mail_settings(connections: u32) -> server::config::MailConfig {
    server::config::MailConfig {
        from: "Acme People Team <people@acme.test>".into(),
        rate: 0.0,
        connections,
        max_attempts: 3,
        retry_base_ms: 20,
        lease_ms: 60_000,
    }
}

/// A page path as the router lists it (`/people/:id` or `/people/{id}`), in
/// axum's spelling.
pub fn axum_style(path: &str) -> String {
    path.split('/')
        .map(|part| match part.strip_prefix(':') {
            Some(name) => format!("{{{name}}}"),
            None => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// What in a reason shown to a newcomer or a manager would give an answer
/// away: a manager's, a tie between others, a broker's ties, or a count of
/// fewer than k people.
pub fn reason_leak(reason: &str, k: usize) -> Option<String> {
    for phrase in [
        "manager",
        "works with",
        "whom you already know",
        " links ",
        "connects colleagues",
        "1 person",
    ] {
        if reason.contains(phrase) {
            return Some(format!("'{phrase}' in the reason: {reason}"));
        }
    }
    let words: Vec<&str> = reason.split_whitespace().collect();
    for pair in words.windows(2) {
        if let (Ok(n), "people" | "person") = (pair[0].parse::<usize>(), pair[1]) {
            if n < k {
                return Some(format!("a count of {n} in the reason: {reason}"));
            }
        }
    }
    None
}

/// The introduction lines of an email as written to the outbox folder.
pub fn introduction_lines(eml: &str) -> Vec<String> {
    app::mail::folder::quoted_printable(eml)
        .lines()
        .filter(|l| l.starts_with("- ") && l.contains(": "))
        .filter_map(|l| l.split_once(": ").map(|(_, reasons)| reasons.to_string()))
        .collect()
}

impl Site {
    /// A page as a respondent or newcomer reads it: with their cookie, and the
    /// languages their browser asks for.
    pub async fn get_as(&self, path: &str, cookie: &str, accept_language: &str) -> Reply {
        self.send(
            Request::get(path)
                .header(header::HOST, "knit.test")
                .header(header::COOKIE, cookie)
                .header(header::ACCEPT_LANGUAGE, accept_language)
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    /// A server function called as a respondent's page calls it, with their cookie.
    pub async fn call_as(&self, name: &str, body: &str, cookie: &str) -> Reply {
        self.send(
            Request::post(format!("/api/{name}"))
                .header(header::HOST, "knit.test")
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body.to_string()))
                .expect("request"),
        )
        .await
    }
}

/// Every message in an outbox folder, as its reader would read it.
pub fn messages_in(folder: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .expect("the outbox folder")
        .map(|entry| {
            let raw = std::fs::read_to_string(entry.expect("a message").path()).expect("eml");
            app::mail::folder::readable_text(&raw)
        })
        .collect()
}

/// Introduces `colleague` to `newcomer` as a fellow newcomer, with a
/// personal link made from `seed`; returns the link's token.
pub async fn introduce_fellow(
    db: &app::store::Db,
    key: &app::mail::LinkKey,
    wave: i64,
    newcomer: i64,
    colleague: i64,
    seed: &str,
) -> String {
    let token = key.token(seed);
    app::fixtures::introduce(
        db,
        wave,
        newcomer,
        &[app::newcomers::SuggestionFacts {
            person_id: colleague,
            ground: analysis::newcomers::Ground::FellowNewcomer,
            reasons: vec![analysis::newcomers::Reason::FellowNewcomer],
        }],
        &app::store::newcomers::NewcomerLink {
            seed,
            token_hash: &app::auth::service::hash_token(&token),
            lifetime_ms: 86_400_000,
        },
        false,
    )
    .await
    .expect("introduced");
    token
}
