//! Survey submissions per second over loopback HTTP: 200 respondents, each
//! submitting 10 ties, driven by wrk with 200 connections against the real
//! router on SQLite and on PostgreSQL. Run with `make bench-responses`; prints
//! wrk's figures and checks that nothing was lost or duplicated.

use app::context::{AppSettings, AppState};
use app::model::auth::Role;
use app::model::date::Date;
use app::store::testing::TestDb;
use app::surveys::service::{self, Link};
use app::surveys::{Population, RelationKind, SurveyDefinition};
use std::fmt::Write as _;
use std::sync::Arc;

const RESPONDENTS: usize = 200;
const TIES: usize = 10;

async fn run(name: &str, t: TestDb) {
    let db = t.db.clone();
    let csv = app::people::synthetic::roster_csv(1_000, 11);
    let plan = app::people::service::plan_file(&db, csv.as_bytes(), false)
        .await
        .expect("plan");
    app::people::service::apply_plan(
        &db,
        &Default::default(),
        &plan,
        Date::today(),
        None,
        "bench.csv",
        &|_| {},
    )
    .await
    .expect("import");
    let hr_id = app::auth::service::create_account(
        &db,
        &app::store::audit::Actor::command_line(),
        "hr@example.com",
        "HR",
        Role::Analyst,
        "benchmark password".into(),
    )
    .await
    .expect("account");
    let hr = app::model::auth::CurrentUser {
        id: hr_id,
        email: "hr@example.com".into(),
        name: "HR".into(),
        role: Role::Analyst,
    };
    let definition = SurveyDefinition {
        reminder_days: vec![3, 6],
        name: "Benchmark".into(),
        introduction: app::model::surveys::DEFAULT_INTRODUCTION.to_string(),
        population: Population::default(),
        relations: vec![RelationKind::Information.template()],
        questions: vec![],
    };
    let survey = service::create_survey(&db, &hr, &definition)
        .await
        .expect("survey");
    let today = Date::today();
    let closes = Date::from_days_since_epoch(today.days_since_epoch() + 14);
    let wave = service::add_wave(&db, &hr, survey, &today.iso(), &closes.iso())
        .await
        .expect("wave");
    let key = app::mail::LinkKey::generate();
    let tokens = service::open_wave(&db, &key, &hr, wave)
        .await
        .expect("open");
    let relation = app::store::surveys::get(&db, survey)
        .await
        .expect("q")
        .expect("s")
        .definition
        .relations[0]
        .id;
    let ids: Vec<i64> = tokens.iter().map(|(id, _)| *id).collect();

    let mut script = String::from("local requests = {}\n");
    let mut first_request: Option<(String, String)> = None;
    for (i, (person, token)) in tokens.iter().take(RESPONDENTS).enumerate() {
        let Link::Open { session, .. } = service::follow_link(&db, token).await.expect("link")
        else {
            panic!("the wave is open");
        };
        let mut body = String::from("f%5Baction%5D=submit");
        for k in 1..=TIES {
            let named = ids[(i + k) % ids.len()];
            if named != *person {
                let _ = write!(
                    body,
                    "&f%5Btie.{relation}.{named}%5D=on&f%5Bscale.{relation}.{named}.frequency%5D=3"
                );
            }
        }
        if first_request.is_none() {
            first_request = Some((session.clone(), body.clone()));
        }
        let _ = writeln!(
            script,
            "requests[{}] = wrk.format(\"POST\", \"/api/save_response\", {{[\"Content-Type\"] = \"application/x-www-form-urlencoded\", [\"Accept\"] = \"application/json\", [\"Cookie\"] = \"knit_respondent={session}\"}}, \"{body}\")",
            i + 1
        );
    }
    script.push_str(
        "local n = 0\nrequest = function()\n  n = n % #requests + 1\n  return requests[n]\nend\n",
    );
    let script_path =
        std::env::temp_dir().join(format!("knit-responses-{}.lua", std::process::id()));
    std::fs::write(&script_path, script).expect("script");

    let state = AppState {
        db: db.clone(),
        settings: Arc::new(AppSettings {
            public_url: "http://127.0.0.1".into(),
            secure_cookies: false,
            link_key: key.clone(),
            outbox_dir: std::env::temp_dir().join(format!("knit-outbox-{}", std::process::id())),
            trusted_proxies: Default::default(),
            password_sign_in: Default::default(),
            policy: Default::default(),
            single_sign_on: None,
        }),
    };
    let options =
        server::http::leptos_options(&std::env::temp_dir(), "127.0.0.1:0".parse().expect("addr"));
    let router = server::http::router(state, options);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .ok();
    });
    let wrk_script = script_path.clone();
    // Off the runtime's worker threads, which serve the requests.
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new("wrk")
            .args(["-t2", "-c200", "-d15s", "--latency", "-s"])
            .arg(&wrk_script)
            .arg(format!("http://{addr}"))
            .output()
    })
    .await
    .expect("wrk task")
    .expect("run wrk (make bench-responses installs it)");
    // The same endpoint at a steady 500 submissions a second from 200
    // connections (open loop, so latency is not inflated by saturation).
    let (session, body) = first_request.expect("a respondent");
    let oha = tokio::task::spawn_blocking(move || {
        std::process::Command::new("oha")
            .args([
                "-z",
                "15s",
                "-c",
                "200",
                "-q",
                "500",
                "--latency-correction",
                "--no-tui",
                "-m",
                "POST",
            ])
            .args([
                "-H",
                "Content-Type: application/x-www-form-urlencoded",
                "-H",
                "Accept: application/json",
            ])
            .args([
                "-H",
                &format!("Cookie: knit_respondent={session}"),
                "-d",
                &body,
            ])
            .arg(format!("http://{addr}/api/save_response"))
            .output()
    })
    .await
    .expect("oha task")
    .expect("run oha (make bench-responses installs it)");
    server.abort();
    std::fs::remove_file(&script_path).ok();
    println!("== {name}: {RESPONDENTS} respondents × {TIES} ties, wrk -t2 -c200 -d15s");
    println!("{}", String::from_utf8_lossy(&out.stdout));
    println!("== {name}: oha -z 15s -c 200 -q 500 (one respondent resubmitting)");
    let oha_text = String::from_utf8_lossy(&oha.stdout);
    for line in oha_text.lines().filter(|l| {
        [
            "Success rate",
            "Requests/sec",
            "Slowest",
            "Average",
            "50.00%",
            "90.00%",
            "99.00%",
            "99.90%",
            "[200]",
            "[4",
            "[5",
        ]
        .iter()
        .any(|k| l.contains(k))
    }) {
        println!("{line}");
    }
    let ties: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ties WHERE wave_id = $1")
        .bind(wave)
        .fetch_one(db.pool())
        .await
        .expect("q");
    let submitted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM invitations WHERE wave_id = $1 AND submitted_at IS NOT NULL",
    )
    .bind(wave)
    .fetch_one(db.pool())
    .await
    .expect("q");
    println!("after the run: {submitted} respondents submitted, {ties} ties stored (expected at most {})\n", RESPONDENTS * TIES);
    t.finish().await;
}

#[tokio::main]
async fn main() {
    run("SQLite", TestDb::sqlite().await).await;
    run("PostgreSQL", TestDb::postgres().await).await;
}
