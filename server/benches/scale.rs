//! 100,000 people end to end, through real `knit` processes: `make bench-scale`.
//! On SQLite with one instance, then on PostgreSQL with two instances sharing
//! the database, it imports a roster, lets the schedule open a wave to
//! everyone, delivers every invitation to a loopback SMTP server (aiosmtpd),
//! has everyone follow their personal link and submit ten ties over HTTP
//! (spread over the instances), closes the wave as an admin does and waits for
//! its analysis, opens the insight page, the Newcomers page and a department's
//! map, and prints one table with each step's figure, its target and every
//! instance's peak memory. `KNIT_SCALE_PEOPLE` sets the size (default 100,000),
//! `KNIT_SCALE_BACKENDS` the backends (`sqlite,postgres`).

#[path = "../tests/common/smtp.rs"]
mod smtp;

use app::fixtures;
use app::mail::LinkKey;
use app::store::testing::TestDb;
use app::store::Db;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Child, Command};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TIES: usize = 10;
/// Respondents answering at once, over all instances.
const CONCURRENCY: usize = 64;
const ADMIN_EMAIL: &str = "admin@scale.test";
const ADMIN_PASSWORD: &str = "scale benchmark password";

fn people() -> usize {
    std::env::var("KNIT_SCALE_PEOPLE")
        .ok()
        .and_then(|n| n.replace('_', "").parse().ok())
        .unwrap_or(100_000)
}

/// `knit` with the benchmark's database, data folder and key, and nothing
/// from the caller's environment that would change them.
fn knit(url: &str, data: &Path, key: &LinkKey) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_knit"));
    for var in [
        "KNIT_CONFIG",
        "KNIT_SMTP_URL",
        "KNIT_LISTEN",
        "KNIT_METRICS_LISTEN",
        "KNIT_LOG",
    ] {
        command.env_remove(var);
    }
    command
        .env("DATABASE_URL", url)
        .env("KNIT_DATA_DIR", data)
        .env("KNIT_LINK_KEY", key.to_hex())
        .current_dir(data);
    command
}

struct Instance {
    child: Child,
    base: String,
}

impl Instance {
    fn start(url: &str, data: &Path, key: &LinkKey, smtp: &str, number: usize) -> Instance {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let log = std::fs::File::create(data.join(format!("knit-{number}.log"))).expect("log");
        let child = knit(url, data, key)
            .arg("serve")
            .env("KNIT_LISTEN", format!("127.0.0.1:{port}"))
            .env("KNIT_SMTP_URL", smtp)
            .env("KNIT_MAIL_RATE", "0")
            .env("KNIT_MAIL_CONNECTIONS", "16")
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("start knit serve");
        Instance {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    /// The most memory the process has held.
    fn peak_memory_mb(&self) -> f64 {
        server::peak_memory_mb(Some(self.child.id()))
    }

    /// Each instance's peak so far, to tell which step raised it.
    fn peaks(servers: &[Instance]) -> String {
        servers
            .iter()
            .map(|s| format!("{:.0} MB", s.peak_memory_mb()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// SIGTERM, as an operator stops it; it must exit 0.
    fn stop(mut self) {
        Command::new("kill")
            .arg(self.child.id().to_string())
            .status()
            .expect("kill");
        let status = self.child.wait().expect("wait");
        assert!(status.success(), "knit serve exited with {status}");
    }
}

async fn count(db: &Db, sql: &str, wave: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(wave)
        .fetch_one(db.pool())
        .await
        .expect("count")
}

/// Waits until `done` holds, checking every 200 ms; the time it took.
async fn until<F, Fut>(what: &str, limit: Duration, mut done: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    while !done().await {
        assert!(started.elapsed() < limit, "{what} took over {limit:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    started.elapsed()
}

/// Runs `work(i)` for i in 0..n, `CONCURRENCY` at a time; the time taken.
async fn each<F, Fut>(n: usize, work: F) -> Duration
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let work = Arc::new(work);
    let started = Instant::now();
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (next, work) = (next.clone(), work.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    work(i).await;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("a respondent task panicked");
    }
    started.elapsed()
}

fn cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix(&format!("{name}=")))
        .map(|c| c.split(';').next().unwrap_or_default().to_string())
}

struct Row {
    step: String,
    figure: String,
    target: &'static str,
}

fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn per_second(n: usize, d: Duration) -> String {
    format!("{:.0}/s in {}", n as f64 / d.as_secs_f64(), seconds(d))
}

async fn run(name: &str, t: TestDb, instances: usize) -> Vec<Row> {
    let n = people();
    let mut rows = Vec::new();
    let mut row = |step: String, figure: String, target: &'static str| {
        println!("  {step}: {figure}");
        rows.push(Row {
            step,
            figure,
            target,
        });
    };
    println!("== {name}: {n} people, {instances} instance(s)");
    let data = std::env::temp_dir().join(format!("knit-scale-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&data).expect("data folder");
    let key = LinkKey::generate();
    let sink = smtp::SmtpSink::counting();

    // The roster, through the command line as an operator imports it.
    let roster = data.join("roster.csv");
    std::fs::write(&roster, app::people::synthetic::roster_csv(n, 5)).expect("roster file");
    let started = Instant::now();
    let import = knit(&t.url, &data, &key)
        .args(["people", "import"])
        .arg(&roster)
        .output()
        .expect("knit people import");
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    row(
        "import the roster (knit people import)".into(),
        seconds(started.elapsed()),
        "",
    );
    let everyone: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE status = 'active'")
        .fetch_one(t.db.pool())
        .await
        .expect("people");
    assert_eq!(everyone as usize, n, "everyone imported");

    // An admin, and a survey whose first wave opens today: the schedule of
    // the first instance to start opens it.
    app::auth::service::create_account(
        &t.db,
        &app::store::audit::Actor::command_line(),
        ADMIN_EMAIL,
        "Admin",
        app::model::auth::Role::Admin,
        ADMIN_PASSWORD.into(),
    )
    .await
    .expect("admin");
    let hr = fixtures::analyst(&t.db).await;
    let survey = app::surveys::service::create_survey(&t.db, &hr, &fixtures::definition())
        .await
        .expect("survey");
    let wave = app::surveys::service::add_wave(
        &t.db,
        &hr,
        survey,
        &fixtures::in_days(0),
        &fixtures::in_days(14),
    )
    .await
    .expect("wave");
    let servers: Vec<Instance> = (0..instances)
        .map(|i| Instance::start(&t.url, &data, &key, &sink.url(), i))
        .collect();
    let opened = until("opening the wave", Duration::from_secs(600), || async {
        count(
            &t.db,
            "SELECT COUNT(*) FROM outbox WHERE wave_id = $1",
            wave,
        )
        .await
            == everyone
            && count(
                &t.db,
                "SELECT COUNT(*) FROM waves WHERE id = $1 AND status = 'open'",
                wave,
            )
            .await
                == 1
    })
    .await;
    row(
        "open the wave: invitations and emails queued".into(),
        seconds(opened),
        "≤ 60 s",
    );
    let delivered = until(
        "delivering the invitations",
        Duration::from_secs(3600),
        || async {
            count(
                &t.db,
                "SELECT COUNT(*) FROM outbox WHERE wave_id = $1 AND status = 'sent'",
                wave,
            )
            .await
                == everyone
        },
    )
    .await;
    let received = sink.deliveries().len();
    assert_eq!(
        received, n,
        "the SMTP server received every invitation once"
    );
    row(
        "deliver them to loopback SMTP".into(),
        per_second(n, delivered),
        "",
    );
    println!("    peak memory so far: {}", Instance::peaks(&servers));

    // Everyone follows their link, then submits: each request to the next
    // instance in turn.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(CONCURRENCY)
        .build()
        .expect("client");
    let invited: Vec<(i64, String)> = sqlx::query_as(
        "SELECT person_id, token_seed FROM invitations WHERE wave_id = $1 ORDER BY person_id",
    )
    .bind(wave)
    .fetch_all(t.db.pool())
    .await
    .expect("invitations");
    let bases: Arc<Vec<String>> = Arc::new(servers.iter().map(|s| s.base.clone()).collect());
    let tokens: Arc<Vec<String>> =
        Arc::new(invited.iter().map(|(_, seed)| key.token(seed)).collect());
    let sessions: Arc<Vec<std::sync::OnceLock<String>>> =
        Arc::new((0..n).map(|_| std::sync::OnceLock::new()).collect());
    let followed = each(n, {
        let (client, bases, tokens, sessions) = (
            client.clone(),
            bases.clone(),
            tokens.clone(),
            sessions.clone(),
        );
        move |i| {
            let (client, bases, tokens, sessions) = (
                client.clone(),
                bases.clone(),
                tokens.clone(),
                sessions.clone(),
            );
            async move {
                let response = client
                    .get(format!("{}/s/{}", bases[i % bases.len()], tokens[i]))
                    .send()
                    .await
                    .expect("follow a link");
                let session = cookie(&response, app::cookies::SiteCookie::Respondent.name(false))
                    .unwrap_or_else(|| panic!("following a link gave {}", response.status()));
                sessions[i].set(session).ok();
            }
        }
    })
    .await;
    row(
        "everyone follows their link".into(),
        per_second(n, followed),
        "",
    );
    println!("    peak memory so far: {}", Instance::peaks(&servers));
    let relation = app::store::surveys::get(&t.db, survey)
        .await
        .expect("survey")
        .expect("survey")
        .definition
        .relations[0]
        .id;
    let ids: Arc<Vec<i64>> = Arc::new(invited.iter().map(|(id, _)| *id).collect());
    let submitted = each(n, {
        let (client, bases, sessions, ids) = (client.clone(), bases.clone(), sessions.clone(), ids.clone());
        move |i| {
            let (client, bases, sessions, ids) = (client.clone(), bases.clone(), sessions.clone(), ids.clone());
            async move {
                // Five colleagues close by in the roster (the same team or
                // department), five far off.
                let mut body = String::from("f%5Baction%5D=submit");
                for k in 1..=TIES / 2 {
                    for named in [ids[(i + k) % ids.len()], ids[(i + k * 7919) % ids.len()]] {
                        let _ = write!(
                            body,
                            "&f%5Btie.{relation}.{named}%5D=on&f%5Bscale.{relation}.{named}.frequency%5D=3"
                        );
                    }
                }
                let response = client
                    .post(format!("{}/api/save_response", bases[i % bases.len()]))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("accept", "application/json")
                    .header("cookie", format!("{}={}", app::cookies::SiteCookie::Respondent.name(false), sessions[i].get().expect("a session")))
                    .body(body)
                    .send()
                    .await
                    .expect("submit");
                let status = response.status();
                assert!(status.is_success(), "a submission gave {status}: {}", response.text().await.unwrap_or_default());
            }
        }
    })
    .await;
    let stored = count(
        &t.db,
        "SELECT COUNT(*) FROM invitations WHERE wave_id = $1 AND submitted_at IS NOT NULL",
        wave,
    )
    .await;
    assert_eq!(stored as usize, n, "every submission stored");
    row(
        format!("everyone submits {TIES} ties"),
        per_second(n, submitted),
        "≥ 500 per second",
    );
    println!("    peak memory so far: {}", Instance::peaks(&servers));

    // The admin signs in, closes the wave and waits for its analysis.
    let base = &bases[0];
    let login = client
        .post(format!("{base}/api/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("sec-fetch-site", "same-origin")
        .body(
            serde_urlencoded::to_string([
                ("email", ADMIN_EMAIL),
                ("password", ADMIN_PASSWORD),
                ("next", ""),
            ])
            .expect("form"),
        )
        .send()
        .await
        .expect("sign in");
    let admin = cookie(&login, "knit_session")
        .unwrap_or_else(|| panic!("signing in gave {}", login.status()));
    let started = Instant::now();
    let close = client
        .post(format!("{base}/api/close_wave"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", format!("knit_session={admin}"))
        .body(format!("survey_id={survey}&wave_id={wave}"))
        .send()
        .await
        .expect("close");
    assert!(
        close.status().is_success(),
        "closing gave {}",
        close.status()
    );
    until("the analysis", Duration::from_secs(1800), || async {
        let run = app::store::analyses::run_status(&t.db, wave)
            .await
            .expect("run");
        assert!(
            run.as_ref()
                .is_none_or(|r| r.status != app::insight::RunState::Failed),
            "the analysis failed: {:?}",
            run.and_then(|r| r.error)
        );
        run.is_some_and(|r| r.status == app::insight::RunState::Done)
    })
    .await;
    row(
        "close the wave and analyse it".into(),
        seconds(started.elapsed()),
        "< 60 s",
    );
    println!("    peak memory so far: {}", Instance::peaks(&servers));

    let department: String =
        sqlx::query_scalar("SELECT department FROM people ORDER BY id LIMIT 1")
            .fetch_one(t.db.pool())
            .await
            .expect("a department");
    for (what, path) in [
        ("open the insight page", format!("/insight/{wave}")),
        ("open the Newcomers page", "/newcomers".to_string()),
        (
            "open a department's map",
            format!(
                "/insight/{wave}/map.svg?network=relation%3A{relation}&colour=department&{}",
                serde_urlencoded::to_string([("only", &department)]).expect("query")
            ),
        ),
    ] {
        let started = Instant::now();
        let page = client
            .get(format!("{base}{path}"))
            .header("cookie", format!("knit_session={admin}"))
            .send()
            .await
            .expect("page");
        let status = page.status();
        let bytes = page.bytes().await.expect("body").len();
        assert!(status.is_success(), "{path} gave {status}");
        row(
            what.into(),
            format!(
                "{} ({:.0} KB)",
                seconds(started.elapsed()),
                bytes as f64 / 1024.0
            ),
            "",
        );
        println!("    peak memory so far: {}", Instance::peaks(&servers));
    }
    for (i, server) in servers.iter().enumerate() {
        row(
            format!("peak memory of instance {}", i + 1),
            format!("{:.0} MB", server.peak_memory_mb()),
            "< 2 GB",
        );
    }
    for server in servers {
        server.stop();
    }
    drop(sink);
    t.finish().await;
    std::fs::remove_dir_all(&data).ok();
    rows
}

fn table(results: &[(&str, Vec<Row>)]) {
    println!();
    let mut header = format!("{:<58}", "step");
    for (name, _) in results {
        let _ = write!(header, " | {name:>22}");
    }
    println!("{header} | target");
    for (i, first) in results[0].1.iter().enumerate() {
        let mut line = format!("{:<58}", first.step);
        for (_, rows) in results {
            let _ = write!(
                line,
                " | {:>22}",
                rows.get(i).map_or("", |r| r.figure.as_str())
            );
        }
        println!("{line} | {}", first.target);
    }
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    // `KNIT_SCALE_BACKENDS=sqlite` (or `postgres`) runs one of the two.
    let backends =
        std::env::var("KNIT_SCALE_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    let wanted = |name: &str| backends.split(',').any(|b| b.trim() == name);
    assert!(
        wanted("sqlite") || wanted("postgres"),
        "KNIT_SCALE_BACKENDS is '{backends}': name sqlite, postgres or both"
    );
    runtime.block_on(async {
        let mut results = Vec::new();
        if wanted("sqlite") {
            results.push((
                "SQLite, 1 instance",
                run("SQLite, 1 instance", TestDb::sqlite().await, 1).await,
            ));
        }
        if wanted("postgres") {
            let name = "PostgreSQL, 2 instances";
            results.push((name, run(name, TestDb::postgres().await, 2).await));
        }
        table(&results);
    });
}
