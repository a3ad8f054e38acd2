//! The Newcomers pages on a 10,000-person demo company (SQLite, optimized
//! build): the time the server takes to answer the list and one newcomer's
//! page, through the real router in-process, and the size of the HTML; and the
//! time to compute every newcomer's figures, which happens when a wave or pulse
//! closes, not when a page is read. Run with `make bench-newcomers`.

use app::context::{AppSettings, AppState};
use app::model::auth::Role;
use app::model::date::Date;
use app::store::testing::TestDb;
use axum::body::{to_bytes, Body};
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, Request, StatusCode};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const PEOPLE: usize = 10_000;
const RUNS: usize = 25;
/// The targets, printed beside the figures.
const LIST_TARGET_MS: f64 = 300.0;
const LIST_TARGET_KB: f64 = 300.0;
const ONE_TARGET_MS: f64 = 50.0;

fn quantile(sorted: &[Duration], q: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[at].as_secs_f64() * 1000.0
}

/// Answers `path` `RUNS` times; returns the sorted times and the last body's size.
async fn measure(router: &axum::Router, path: &str, cookie: &str) -> (Vec<Duration>, usize) {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..RUNS {
        let request = Request::get(path)
            .header(header::HOST, "knit.test")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .expect("request");
        let started = Instant::now();
        let response = router.clone().oneshot(request).await.expect("answer");
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let body = to_bytes(response.into_body(), 64 << 20)
            .await
            .expect("body");
        times.push(started.elapsed());
        size = body.len();
    }
    times.sort();
    (times, size)
}

fn row(
    what: &str,
    times: &[Duration],
    size: Option<usize>,
    target_ms: f64,
    target_kb: Option<f64>,
) {
    println!(
        "{what:<28} {:>8.1} {:>8.1} {:>8.1} {:>10} {:>12}",
        quantile(times, 0.5),
        quantile(times, 0.9),
        quantile(times, 1.0),
        size.map_or("—".to_string(), |s| format!("{:.0}", s as f64 / 1024.0)),
        match target_kb {
            Some(kb) => format!("<{target_ms:.0} ms, <{kb:.0} KB"),
            None if target_ms.is_nan() => "(background)".to_string(),
            None => format!("<{target_ms:.0} ms"),
        }
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let t = TestDb::sqlite().await;
    let db = t.db.clone();
    let key = app::mail::LinkKey::generate();
    let started = Instant::now();
    app::demo::load(
        &db,
        &app::model::policy::Policy::default(),
        &key,
        PEOPLE,
        1,
        Date::today(),
        &|_| {},
    )
    .await
    .expect("demo");
    println!(
        "A demo company of {PEOPLE} people, three waves analyzed, in {:.0} s.",
        started.elapsed().as_secs_f64()
    );

    let mut computes = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        app::newcomers::compute::refresh(&db, &Default::default())
            .await
            .expect("refresh");
        computes.push(started.elapsed());
    }
    computes.sort();

    let admin = app::auth::service::create_account(
        &db,
        &app::store::audit::Actor::command_line(),
        "admin@example.com",
        "Admin",
        Role::Admin,
        "benchmark password".into(),
    )
    .await
    .expect("account");
    let token =
        app::auth::service::start_session(&db, admin, &Default::default(), Default::default())
            .await
            .expect("session");
    let cookie = format!("{}={token}", app::cookies::SiteCookie::Session.name(false));
    let state = AppState {
        db: db.clone(),
        settings: Arc::new(AppSettings {
            public_url: "http://knit.test".into(),
            secure_cookies: false,
            link_key: key,
            outbox_dir: std::env::temp_dir().join(format!("knit-outbox-{}", std::process::id())),
            trusted_proxies: Default::default(),
            password_sign_in: Default::default(),
            policy: Default::default(),
            single_sign_on: None,
        }),
    };
    let site_root = std::env::temp_dir().join("knit-bench-site");
    let options = server::http::leptos_options(&site_root, "127.0.0.1:3000".parse().expect("addr"));
    let router = server::http::router(state, options)
        .layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 4000))));

    let admin_user = app::model::auth::CurrentUser {
        id: admin,
        email: "admin@example.com".into(),
        name: "Admin".into(),
        role: Role::Admin,
    };
    let view = app::newcomers::service::staff_page(&db, &admin_user, 0)
        .await
        .expect("view")
        .expect("analyzed");
    let (list, list_size) = measure(&router, "/newcomers", &cookie).await;
    let (last_page, _) = measure(
        &router,
        &format!(
            "/newcomers?page={}",
            view.total.div_ceil(app::newcomers::PER_PAGE) - 1
        ),
        &cookie,
    )
    .await;
    let one_id = view.rows[view.rows.len() / 2].figures.person_id;
    let (one, one_size) = measure(&router, &format!("/newcomers/{one_id}"), &cookie).await;

    println!(
        "{} newcomers, {} a page. Server time in ms over {RUNS} requests each:\n",
        view.total,
        app::newcomers::PER_PAGE
    );
    println!(
        "{:<28} {:>8} {:>8} {:>8} {:>10} {:>12}",
        "", "median", "p90", "max", "HTML KB", "target"
    );
    row(
        "Newcomers page (first)",
        &list,
        Some(list_size),
        LIST_TARGET_MS,
        Some(LIST_TARGET_KB),
    );
    row(
        "Newcomers page (last)",
        &last_page,
        None,
        LIST_TARGET_MS,
        None,
    );
    row(
        "One newcomer's page",
        &one,
        Some(one_size),
        ONE_TARGET_MS,
        None,
    );
    row("Computing every newcomer", &computes, None, f64::NAN, None);
    println!("\n(Computing runs when a wave or pulse closes, an introduction is sent or marked, or the roster or settings change; pages only read.)");
    t.finish().await;
}
