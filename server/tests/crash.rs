//! Long work interrupted by SIGKILL at random moments is, after a restart,
//! done or cleanly not done, never half done: a roster import (`knit people
//! import`), a wave opening to thousands of people, and a wave's analysis
//! (both started by `knit serve`'s schedule). An analysis killed mid-run is
//! taken up again by the restarted server; one under way at a clean stop
//! (SIGTERM) is marked failed, to be run again.

mod common;

use app::fixtures;
use app::store::testing::TestDb;
use app::store::Db;
use rand::{Rng, SeedableRng};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

app::backend_tests!(
    killed_roster_imports_are_all_in_or_all_out,
    a_killed_wave_opening_is_whole_or_not_begun,
    a_killed_analysis_is_stored_whole_or_not_and_finished_after_a_restart,
    a_clean_stop_marks_an_analysis_under_way_failed,
);

const PEOPLE: usize = 2000;

fn knit(db_url: &str, data: &std::path::Path) -> Command {
    let mut command = common::knit();
    command
        .env("DATABASE_URL", db_url)
        .env("KNIT_DATA_DIR", data)
        .env("KNIT_LISTEN", "127.0.0.1:0")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Kills the process with SIGKILL; whether it was still running.
fn kill_now(child: &mut Child) -> bool {
    let running = child.try_wait().expect("wait").is_none();
    Command::new("kill")
        .args(["-KILL", &child.id().to_string()])
        .stderr(Stdio::null())
        .status()
        .expect("kill");
    child.wait().expect("reaped");
    running
}

/// SIGKILL, then a wait until the database has finished what the killed
/// process sent it: PostgreSQL may still be committing a transaction whose
/// client is gone, and what the test reads must not race that commit.
async fn kill_and_settle(child: &mut Child, db: &Db) -> bool {
    let running = kill_now(child);
    if db.backend() == app::store::Backend::Postgres {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let busy: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
                 AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND state <> 'idle'",
            )
            .fetch_one(db.pool())
            .await
            .expect("activity");
            if busy == 0 {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the killed process's work never ended"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    running
}

async fn count(db: &Db, sql: &str, wave: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(wave)
        .fetch_one(db.pool())
        .await
        .expect(sql)
}

async fn people(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(db.pool())
        .await
        .expect("people")
}

async fn wave_state(db: &Db, wave: i64) -> (String, i64, i64) {
    let status: String = sqlx::query_scalar("SELECT status FROM waves WHERE id = $1")
        .bind(wave)
        .fetch_one(db.pool())
        .await
        .expect("status");
    let invitations = count(
        db,
        "SELECT COUNT(*) FROM invitations WHERE wave_id = $1",
        wave,
    )
    .await;
    let emails = count(db, "SELECT COUNT(*) FROM outbox WHERE wave_id = $1", wave).await;
    (status, invitations, emails)
}

/// Starts `knit serve`, kills it after a random moment of up to `within`,
/// `times` times, checking `consistent` after each; returns how many kills
/// landed while it ran.
async fn serve_and_kill<F, Fut>(
    t: &TestDb,
    data: &std::path::Path,
    rng: &mut rand::rngs::StdRng,
    times: usize,
    within: Duration,
    consistent: F,
) -> usize
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let mut landed = 0;
    for _ in 0..times {
        let mut child = knit(&t.url, data).arg("serve").spawn().expect("serve");
        let wait = rng.gen_range(0..within.as_millis() as u64);
        std::thread::sleep(Duration::from_millis(wait));
        if kill_and_settle(&mut child, &t.db).await {
            landed += 1;
        }
        let done = consistent().await;
        if done {
            break;
        }
    }
    landed
}

/// A run's randomness and its data folder: the seed is KNIT_CRASH_SEED when
/// set, so that a failure can be run again; otherwise a fixed one.
struct Run {
    seed: u64,
    rng: rand::rngs::StdRng,
    data: std::path::PathBuf,
}

impl Run {
    fn new(what: &str) -> Run {
        let seed: u64 = std::env::var("KNIT_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(20_261_205);
        println!("random seed {seed} (KNIT_CRASH_SEED)");
        let data = common::temp_folder(&format!("crash-{what}"));
        std::fs::create_dir_all(&data).expect("data folder");
        Run {
            seed,
            rng: rand::rngs::StdRng::seed_from_u64(seed),
            data,
        }
    }
}

/// `PEOPLE` people with emails of their own for `batch`.
fn roster(batch: usize) -> String {
    app::people::synthetic::roster_csv(PEOPLE, 3)
        .replace("@example.com", &format!("@batch{batch}.example.com"))
}

/// A survey whose first wave opens today, on a roster of seven times
/// `PEOPLE` (an analysis long enough for a stop to land during it), and the
/// analyst who made it.
async fn survey_opening_today(t: &TestDb) -> (app::model::auth::CurrentUser, i64, i64) {
    for batch in 0..7 {
        fixtures::import(&t.db, &roster(batch)).await;
    }
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
    // HR has it open on its date: `knit serve`'s schedule opens it at start.
    app::surveys::service::schedule_wave(&t.db, &hr, wave, true)
        .await
        .expect("scheduled");
    (hr, survey, wave)
}

/// An open wave, answered by 800 people, due to close: the schedule closes
/// it at start and its analysis begins.
async fn answered_wave_due_to_close(t: &TestDb) -> (i64, Vec<app::surveys::Relation>) {
    let (hr, survey, wave) = survey_opening_today(t).await;
    app::surveys::service::open_wave(&t.db, &app::mail::LinkKey::generate(), &hr, wave)
        .await
        .expect("open");
    let relations = app::store::surveys::get(&t.db, survey)
        .await
        .expect("survey")
        .expect("survey")
        .definition
        .relations;
    let invited: Vec<i64> = sqlx::query_scalar(
        "SELECT person_id FROM invitations WHERE wave_id = $1 ORDER BY person_id",
    )
    .bind(wave)
    .fetch_all(t.db.pool())
    .await
    .expect("invited");
    for (i, &respondent) in invited.iter().enumerate().take(800) {
        let named: Vec<i64> = (1..=6)
            .map(|k| invited[(i + k * 13) % invited.len()])
            .collect();
        app::surveys::service::save_answers(
            &t.db,
            wave,
            respondent,
            &fixtures::naming(relations[0].id, &named),
            true,
        )
        .await
        .expect("answers");
    }
    sqlx::query("UPDATE waves SET closes_on = $1 WHERE id = $2")
        .bind(fixtures::in_days(-1))
        .bind(wave)
        .execute(t.db.pool())
        .await
        .expect("due to close");
    (wave, relations)
}

/// Roster imports killed at random moments: each file is all in or all out.
async fn killed_roster_imports_are_all_in_or_all_out(t: TestDb) {
    let Run {
        seed,
        mut rng,
        data,
    } = Run::new("imports");
    let full_run = {
        let file = data.join("first.csv");
        std::fs::write(&file, roster(0)).expect("csv");
        let started = Instant::now();
        let status = knit(&t.url, &data)
            .args(["people", "import"])
            .arg(&file)
            .status()
            .expect("import");
        assert!(status.success());
        started.elapsed()
    };
    let mut imported = 1;
    let mut interrupted = 0;
    for batch in 1..=6 {
        let file = data.join(format!("batch{batch}.csv"));
        std::fs::write(&file, roster(batch)).expect("csv");
        let mut child = knit(&t.url, &data)
            .args(["people", "import"])
            .arg(&file)
            .spawn()
            .expect("import");
        let wait = rng.gen_range(0..full_run.as_millis() as u64 + 1);
        std::thread::sleep(Duration::from_millis(wait));
        if kill_and_settle(&mut child, &t.db).await {
            interrupted += 1;
        }
        let now = people(&t.db).await;
        assert!(
            now == (imported * PEOPLE) as i64 || now == ((imported + 1) * PEOPLE) as i64,
            "seed {seed}: {now} people after a killed import of {PEOPLE} on top of {}",
            imported * PEOPLE
        );
        if now == ((imported + 1) * PEOPLE) as i64 {
            imported += 1;
        }
        let imports: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roster_imports")
            .fetch_one(t.db.pool())
            .await
            .expect("imports");
        assert_eq!(
            imports, imported as i64,
            "seed {seed}: one import record per import applied"
        );
    }
    assert!(
        interrupted > 0,
        "seed {seed}: no kill landed during an import"
    );

    std::fs::remove_dir_all(&data).ok();
    t.finish().await;
}

/// A wave opening to everyone, run by the schedule at start, killed at
/// random moments: a draft with nothing, or open with every invitation and
/// its email queued.
async fn a_killed_wave_opening_is_whole_or_not_begun(t: TestDb) {
    let Run {
        seed,
        mut rng,
        data,
    } = Run::new("opening");
    let (_, _, wave) = survey_opening_today(&t).await;
    let everyone = people(&t.db).await;
    let wave_done_or_not = || async {
        let (status, invitations, emails) = wave_state(&t.db, wave).await;
        match status.as_str() {
            "draft" => {
                assert_eq!(
                    (invitations, emails),
                    (0, 0),
                    "seed {seed}: a draft wave has invitations"
                );
                false
            }
            "open" => {
                assert_eq!(
                    invitations, everyone,
                    "seed {seed}: an open wave lacks invitations"
                );
                assert_eq!(
                    emails, everyone,
                    "seed {seed}: invitations without their emails"
                );
                true
            }
            other => panic!("seed {seed}: wave {other}"),
        }
    };
    serve_and_kill(
        &t,
        &data,
        &mut rng,
        10,
        Duration::from_millis(2500),
        wave_done_or_not,
    )
    .await;
    if !wave_done_or_not().await {
        let mut child = knit(&t.url, &data).arg("serve").spawn().expect("serve");
        let deadline = Instant::now() + Duration::from_secs(60);
        while !wave_done_or_not().await {
            assert!(
                Instant::now() < deadline,
                "seed {seed}: the wave never opened"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        kill_and_settle(&mut child, &t.db).await;
    }

    std::fs::remove_dir_all(&data).ok();
    t.finish().await;
}

/// The wave's analysis, started when the schedule closes it, killed at
/// random moments: the stored results are all the networks or none, and a
/// restarted server finishes it.
async fn a_killed_analysis_is_stored_whole_or_not_and_finished_after_a_restart(t: TestDb) {
    let Run {
        seed,
        mut rng,
        data,
    } = Run::new("analysis");
    let (wave, relations) = answered_wave_due_to_close(&t).await;
    let stored = || async {
        let rows = count(
            &t.db,
            "SELECT COUNT(*) FROM analyses WHERE wave_id = $1",
            wave,
        )
        .await;
        assert!(
            rows == 0 || rows == relations.len() as i64,
            "seed {seed}: {rows} of {} networks stored",
            relations.len()
        );
        rows > 0
    };
    // A run caught mid-way stays marked running until its heartbeat is
    // stale; the restarted servers must take it up then.
    let caught_running = std::cell::Cell::new(false);
    let stored_or_caught = || async {
        let run = app::store::analyses::run_status(&t.db, wave)
            .await
            .expect("run");
        if run.is_some_and(|r| r.status == app::insight::RunState::Running) {
            caught_running.set(true);
        }
        stored().await
    };
    serve_and_kill(
        &t,
        &data,
        &mut rng,
        8,
        Duration::from_millis(1500),
        stored_or_caught,
    )
    .await;
    println!(
        "seed {seed}: a kill caught the analysis mid-run: {}",
        caught_running.get()
    );
    let mut child = knit(&t.url, &data).arg("serve").spawn().expect("serve");
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let run = app::store::analyses::run_status(&t.db, wave)
            .await
            .expect("run");
        if run
            .as_ref()
            .is_some_and(|r| r.status == app::insight::RunState::Done)
            && stored().await
        {
            break;
        }
        assert!(
            run.as_ref()
                .is_none_or(|r| r.status != app::insight::RunState::Failed),
            "seed {seed}: {:?}",
            run.and_then(|r| r.error)
        );
        assert!(
            Instant::now() < deadline,
            "seed {seed}: the interrupted analysis was not finished: {run:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    kill_and_settle(&mut child, &t.db).await;
    let took: i64 =
        sqlx::query_scalar("SELECT finished_at - started_at FROM analysis_runs WHERE wave_id = $1")
            .bind(wave)
            .fetch_one(t.db.pool())
            .await
            .expect("run time");
    println!("seed {seed}: the analysis takes {took} ms");

    std::fs::remove_dir_all(&data).ok();
    t.finish().await;
}

/// A clean stop (SIGTERM) with an analysis under way: Knit exits 0 and marks
/// the run failed with the reason, so it can be run again at once.
async fn a_clean_stop_marks_an_analysis_under_way_failed(t: TestDb) {
    let Run { seed, data, .. } = Run::new("stop");
    let (wave, _) = answered_wave_due_to_close(&t).await;
    let mut child = knit(&t.url, &data).arg("serve").spawn().expect("serve");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !app::store::analyses::run_status(&t.db, wave)
        .await
        .expect("run")
        .is_some_and(|r| r.status == app::insight::RunState::Running)
    {
        assert!(
            Instant::now() < deadline,
            "seed {seed}: the analysis did not start again"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(
        child.wait().expect("stops").success(),
        "a clean stop exits 0"
    );
    let run = app::store::analyses::run_status(&t.db, wave)
        .await
        .expect("run")
        .expect("a run");
    assert_eq!(
        run.status,
        app::insight::RunState::Failed,
        "seed {seed}: {run:?}"
    );
    assert!(run
        .error
        .is_some_and(|e| e.contains("Knit stopped before this analysis finished")));
    assert_eq!(
        count(
            &t.db,
            "SELECT COUNT(*) FROM analyses WHERE wave_id = $1",
            wave
        )
        .await,
        0
    );
    std::fs::remove_dir_all(&data).ok();
    t.finish().await;
}
