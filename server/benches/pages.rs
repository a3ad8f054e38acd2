//! Every page a person opens, on a demo company of 100,000 people (or
//! `KNIT_PAGES_PEOPLE`, a list for a curve: `25000,50000,100000`), on SQLite
//! and PostgreSQL (`KNIT_PAGES_BACKENDS`): the server's time to answer each
//! through the real router in-process (median, p90 and max of `RUNS`), its
//! size as sent (gzip, as browsers ask), and the analysis and memory behind
//! them. Run with `make bench-pages`.
//!
//! `KNIT_PAGES_DATABASE=URL` measures a database a `knit demo` already
//! loaded (the demo at 100,000 people takes about 12 minutes to load): the
//! pages are read again without loading it, to try a change to a page.

use app::context::{AppSettings, AppState};
use app::model::auth::Role;
use app::model::date::Date;
use app::store::testing::TestDb;
use app::store::Db;
use axum::body::{to_bytes, Body};
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, Request, StatusCode};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const RUNS: usize = 9;
/// Every page a person opens answers within this, at the median.
const PAGE_TARGET_MS: f64 = 300.0;
/// A department's interactive map: within a second, under 2 MB as sent.
const MAP_TARGET_MS: f64 = 1000.0;
const MAP_TARGET_KB: f64 = 2048.0;
/// The demo's last wave closes on a fixed day, so that every run reads the same company.
fn last_wave_closes() -> Date {
    Date::new(2026, 11, 20).expect("a date")
}

fn list(var: &str, default: &str) -> Vec<String> {
    std::env::var(var)
        .unwrap_or_else(|_| default.to_string())
        .split(',')
        .map(|s| s.trim().replace('_', ""))
        .filter(|s| !s.is_empty())
        .collect()
}

fn quantile(sorted: &[Duration], q: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[at].as_secs_f64() * 1000.0
}

/// Answers `path` `RUNS` times; returns the sorted times and the size sent.
async fn measure(router: &axum::Router, path: &str, cookie: &str) -> (Vec<Duration>, usize) {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..RUNS {
        let request = Request::get(path)
            .header(header::HOST, "knit.test")
            .header(header::COOKIE, cookie)
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .expect("request");
        let started = Instant::now();
        let response = router.clone().oneshot(request).await.expect("answer");
        let status = response.status();
        let body = to_bytes(response.into_body(), 256 << 20)
            .await
            .expect("body");
        assert_eq!(
            status,
            StatusCode::OK,
            "{path}: {}",
            String::from_utf8_lossy(&body)
        );
        times.push(started.elapsed());
        size = body.len();
    }
    times.sort();
    (times, size)
}

/// What the pages are about: the demo's last analysed wave, its first
/// network, its survey, its largest department and a newcomer.
struct Subjects {
    wave: i64,
    network: String,
    survey: i64,
    department: (String, i64),
    newcomer: i64,
}

async fn subjects(db: &Db, admin: &app::model::auth::CurrentUser) -> Subjects {
    let (wave, network): (i64, String) = sqlx::query_as(
        "SELECT wave_id, network FROM analyses ORDER BY wave_id DESC, network LIMIT 1",
    )
    .fetch_one(db.pool())
    .await
    .expect("an analysed wave");
    let survey: i64 = sqlx::query_scalar("SELECT survey_id FROM waves WHERE id = $1")
        .bind(wave)
        .fetch_one(db.pool())
        .await
        .expect("its survey");
    let department: (String, i64) = sqlx::query_as(
        "SELECT department, COUNT(*) FROM analysis_people WHERE wave_id = $1 AND network = $2 \
         AND department IS NOT NULL GROUP BY department ORDER BY 2 DESC, 1 LIMIT 1",
    )
    .bind(wave)
    .bind(&network)
    .fetch_one(db.pool())
    .await
    .expect("a department");
    let newcomers = app::newcomers::service::staff_page(db, admin, 0)
        .await
        .expect("newcomers")
        .expect("analysed");
    Subjects {
        wave,
        network,
        survey,
        department,
        newcomer: newcomers.rows[newcomers.rows.len() / 2].figures.person_id,
    }
}

/// A demo company of `people` in a new database of `backend`.
async fn load_demo(backend: &str, people: usize) -> TestDb {
    let t = match backend {
        "postgres" => TestDb::postgres().await,
        _ => TestDb::sqlite().await,
    };
    let started = Instant::now();
    app::demo::load(
        &t.db,
        &app::model::policy::Policy::default(),
        &app::mail::LinkKey::generate(),
        people,
        1,
        last_wave_closes(),
        &|_| {},
    )
    .await
    .expect("demo");
    println!(
        "\n{backend}, {people} people: the demo company (roster, three waves answered and analysed) in {:.0} s, peak memory {:.0} MB.",
        started.elapsed().as_secs_f64(),
        server::peak_memory_mb(None)
    );
    t
}

/// `compute_runs`: how many times to compute every newcomer's figures (about
/// a minute each at 100,000 people), none to leave them as they are.
async fn run(db: Db, compute_runs: usize) {
    let key = app::mail::LinkKey::generate();
    let mut computes = Vec::new();
    for _ in 0..compute_runs {
        let started = Instant::now();
        app::newcomers::compute::refresh(&db, &Default::default())
            .await
            .expect("refresh");
        computes.push(started.elapsed());
    }
    computes.sort();

    // A new address each run, as a reused database keeps earlier runs' accounts.
    let email = format!("admin-{}@example.com", app::store::now_ms());
    let admin = app::auth::service::create_account(
        &db,
        &app::store::audit::Actor::command_line(),
        &email,
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
        email,
        name: "Admin".into(),
        role: Role::Admin,
    };
    let s = subjects(&db, &admin_user).await;
    let (wave, net) = (s.wave, app::ui::encode(&s.network));
    let part = |part: &str| format!("/insight/{wave}?network={net}&part={part}");
    let (department, members) = &s.department;
    let pages: Vec<(String, String, f64, Option<f64>)> = vec![
        (
            "Insight summary".into(),
            format!("/insight/{wave}"),
            PAGE_TARGET_MS,
            None,
        ),
        ("Key players".into(), part("players"), PAGE_TARGET_MS, None),
        (
            "People table, first page".into(),
            part("people"),
            PAGE_TARGET_MS,
            None,
        ),
        (
            "People table, page 1,000 by betweenness".into(),
            format!(
                "{}&table={net}&sort=betweenness&dir=desc&page=1000",
                part("people")
            ),
            PAGE_TARGET_MS,
            None,
        ),
        (
            "Groups (heatmap)".into(),
            part("groups"),
            PAGE_TARGET_MS,
            None,
        ),
        (
            "Group map picture".into(),
            format!("/insight/{wave}/groups.svg?network={net}"),
            PAGE_TARGET_MS,
            None,
        ),
        ("Across waves".into(), part("waves"), PAGE_TARGET_MS, None),
        ("Map part".into(), part("map"), PAGE_TARGET_MS, None),
        (
            "Map data, whole network".into(),
            format!("/insight/{wave}/map.json?network={net}"),
            MAP_TARGET_MS,
            Some(MAP_TARGET_KB),
        ),
        (
            format!("Map data, {department} ({members})"),
            format!(
                "/insight/{wave}/map.json?network={net}&only={}",
                app::ui::encode(department)
            ),
            MAP_TARGET_MS,
            Some(MAP_TARGET_KB),
        ),
        (
            "Newcomers".into(),
            "/newcomers".into(),
            PAGE_TARGET_MS,
            None,
        ),
        (
            "One newcomer".into(),
            format!("/newcomers/{}", s.newcomer),
            PAGE_TARGET_MS,
            None,
        ),
        (
            "Survey page".into(),
            format!("/surveys/{}", s.survey),
            PAGE_TARGET_MS,
            None,
        ),
    ];
    println!(
        "Server time in ms over {RUNS} requests each, size as sent (gzip):\n\n{:<44} {:>8} {:>8} {:>8} {:>9}  target",
        "", "median", "p90", "max", "KB"
    );
    for (what, path, target_ms, target_kb) in pages {
        let (times, size) = measure(&router, &path, &cookie).await;
        let median = quantile(&times, 0.5);
        let kb = size as f64 / 1024.0;
        let met = median <= target_ms && target_kb.is_none_or(|t| kb <= t);
        println!(
            "{what:<44} {median:>8.1} {:>8.1} {:>8.1} {kb:>9.0}  <{target_ms:.0} ms{} {}",
            quantile(&times, 0.9),
            quantile(&times, 1.0),
            target_kb.map_or(String::new(), |kb| format!(", <{kb:.0} KB")),
            if met { "met" } else { "MISSED" }
        );
    }
    if !computes.is_empty() {
        println!(
            "{:<44} {:>8.1} {:>8.1} {:>8.1} {:>9}  (when a wave or pulse closes, not when a page is read)",
            "Computing every newcomer's figures",
            quantile(&computes, 0.5),
            quantile(&computes, 0.9),
            quantile(&computes, 1.0),
            "—"
        );
    }
    println!(
        "Peak memory of the process: {:.0} MB",
        server::peak_memory_mb(None)
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if let Ok(url) = std::env::var("KNIT_PAGES_DATABASE") {
        let db = Db::connect(&url).await.expect("KNIT_PAGES_DATABASE opens");
        db.migrate().await.expect("migrations");
        println!(
            "\n{}: the demo company already loaded",
            app::store::redact_url(&url)
        );
        run(db, 0).await;
        return;
    }
    for backend in list("KNIT_PAGES_BACKENDS", "sqlite,postgres") {
        for people in list("KNIT_PAGES_PEOPLE", "100000") {
            let t = load_demo(
                &backend,
                people.parse().expect("KNIT_PAGES_PEOPLE: numbers"),
            )
            .await;
            run(t.db.clone(), 3).await;
            t.finish().await;
        }
    }
}
