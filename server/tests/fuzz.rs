//! Every input from outside driven by generated and mutated inputs: the roster
//! CSV, edge-list uploads, the survey builder, the respondent form, email
//! templates, `knit.toml` and `knit analyze`'s files. For each: no panic;
//! every rejection is a message that says what to fix (never "something went
//! wrong"); a rejected input changes nothing saved.
//!
//! `make test` runs a few hundred cases of each; `make fuzz` sets
//! KNIT_FUZZ_CASES for about 100,000 in all.

mod common;

use app::error::AppError;
use app::fixtures;
use app::store::testing::{dump, TestDb};
use app::store::Db;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

app::backend_tests!(saved_data_survives_every_rejected_input);

/// Cases for a pure target; a database target runs a twentieth of them.
fn cases() -> u32 {
    std::env::var("KNIT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400)
}

/// Cases from a fixed seed, so that every run of `make test` tries the same
/// inputs and passes or fails for a reason, never by the draw;
/// `KNIT_FUZZ_SEED` (a number) tries others.
fn runner(cases: u32) -> TestRunner {
    let seed: u64 = std::env::var("KNIT_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRunner::new_with_rng(
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        },
        proptest::test_runner::TestRng::from_seed(
            proptest::test_runner::RngAlgorithm::ChaCha,
            &bytes,
        ),
    )
}

/// Text people paste: names with accents, quotes, separators, markup,
/// placeholders, control characters, very long runs.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".into()),
        Just("{{link}}".into()),
        Just("{{name}} {{nope}}".into()),
        Just("<script>alert(1)</script>".into()),
        Just("=HYPERLINK(\"x\")".into()),
        Just("a\r\nb".into()),
        Just("ana@acme.test".into()),
        Just("x".repeat(10_050)),
        "[a-zA-Z0-9 ,;\"'{}@.\\-\n]{0,40}",
        any::<String>(),
    ]
}

/// A mutation of a JSON value: a leaf replaced, an element dropped or
/// doubled, a key removed. `path` picks where, by index into the walk.
#[derive(Clone, Debug)]
enum Mutation {
    Text(usize, String),
    Number(usize, i64),
    Drop(usize),
    Double(usize),
    Null(usize),
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let one = prop_oneof![
        (any::<usize>(), text()).prop_map(|(at, t)| Mutation::Text(at, t)),
        (
            any::<usize>(),
            prop_oneof![
                Just(0i64),
                Just(-1),
                Just(i64::MAX),
                Just(i64::MIN),
                -5i64..50
            ]
        )
            .prop_map(|(at, n)| Mutation::Number(at, n)),
        any::<usize>().prop_map(Mutation::Drop),
        any::<usize>().prop_map(Mutation::Double),
        any::<usize>().prop_map(Mutation::Null),
    ];
    proptest::collection::vec(one, 1..5)
}

/// Every node of a JSON value, depth first, as a path of steps.
fn nodes(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(at.clone());
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(Step::Index(i));
                nodes(item, at, out);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                at.push(Step::Key(key.clone()));
                nodes(item, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Index(usize),
    Key(String),
}

fn node_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Index(i) => v.get_mut(*i),
        Step::Key(k) => v.get_mut(k.as_str()),
    })
}

fn mutate(mut value: Value, changes: &[Mutation]) -> Value {
    for change in changes {
        let mut all = Vec::new();
        nodes(&value, &mut Vec::new(), &mut all);
        let pick = |at: usize| all[at % all.len()].clone();
        match change {
            Mutation::Text(at, text) => {
                if let Some(v) = node_mut(&mut value, &pick(*at)) {
                    *v = Value::String(text.clone());
                }
            }
            Mutation::Number(at, n) => {
                if let Some(v) = node_mut(&mut value, &pick(*at)) {
                    *v = Value::from(*n);
                }
            }
            Mutation::Null(at) => {
                if let Some(v) = node_mut(&mut value, &pick(*at)) {
                    *v = Value::Null;
                }
            }
            Mutation::Drop(at) | Mutation::Double(at) => {
                let path = pick(*at);
                let Some((last, parent)) = path.split_last() else {
                    continue;
                };
                let Some(parent) = node_mut(&mut value, parent) else {
                    continue;
                };
                match (parent, last, change) {
                    (Value::Array(items), Step::Index(i), Mutation::Drop(_)) => {
                        items.remove(*i);
                    }
                    (Value::Array(items), Step::Index(i), _) => {
                        let copy = items[*i].clone();
                        items.insert(*i, copy);
                    }
                    (Value::Object(map), Step::Key(k), Mutation::Drop(_)) => {
                        map.remove(k);
                    }
                    _ => {}
                }
            }
        }
    }
    value
}

/// Values of a type made by mutating a valid one through its JSON form,
/// keeping those that still have the type's shape (the request decoder
/// refuses the others before any code of ours runs).
fn mutated_from<T>(valid: T) -> impl Strategy<Value = T>
where
    T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug + Clone,
{
    let json = serde_json::to_value(&valid).expect("json");
    mutations().prop_filter_map("keeps the type's shape", move |changes| {
        serde_json::from_value(mutate(json.clone(), &changes)).ok()
    })
}

/// A rejection a user can act on: a message, not a server fault.
fn clear(err: &AppError) -> Result<(), TestCaseError> {
    prop_assert!(
        !matches!(err, AppError::Internal | AppError::Transport(_)),
        "not a clear rejection: {err:?}"
    );
    prop_assert!(err.to_string().trim().len() >= 10, "too short: {err}");
    Ok(())
}

/// Bytes of a CSV file: header and cells from names that matter, mutated
/// by arbitrary bytes.
fn csv_bytes(headers: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let cell = prop_oneof![
        Just(String::new()),
        Just("ana@acme.test".to_string()),
        Just("person1@example.com".to_string()),
        Just("2024-02-30".to_string()),
        Just("1.5".to_string()),
        Just("-3".to_string()),
        Just("NaN".to_string()),
        Just("\"quoted, with comma\"".to_string()),
        Just("\"unterminated".to_string()),
        "[a-z@.0-9]{0,12}",
    ];
    let header = prop_oneof![
        proptest::sample::select(headers).prop_map(str::to_string),
        "[A-Za-z ]{0,8}",
    ];
    (
        proptest::collection::vec(header, 0..6),
        proptest::collection::vec(proptest::collection::vec(cell, 0..6), 0..8),
        proptest::collection::vec((any::<usize>(), any::<u8>()), 0..3),
    )
        .prop_map(|(header, rows, noise)| {
            let mut text = header.join(",");
            for row in rows {
                text.push('\n');
                text.push_str(&row.join(","));
            }
            let mut bytes = text.into_bytes();
            for (at, byte) in noise {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = byte;
                }
            }
            bytes
        })
}

/// A valid CSV file with a few cells changed, a row dropped or doubled.
fn mutated_csv(valid: String) -> impl Strategy<Value = Vec<u8>> {
    let cell = prop_oneof![
        Just(String::new()),
        Just("not an email".to_string()),
        Just("2024-13-01".to_string()),
        Just("person2@fuzz.test".to_string()),
        Just("\"".to_string()),
        text(),
    ];
    let change = (any::<usize>(), any::<usize>(), cell, 0u8..4);
    proptest::collection::vec(change, 0..4).prop_map(move |changes| {
        let mut rows: Vec<Vec<String>> = valid
            .lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect();
        for (row, column, value, kind) in changes {
            let row = 1 + row % (rows.len() - 1).max(1);
            match kind {
                0 if rows.len() > 2 => {
                    rows.remove(row.min(rows.len() - 1));
                }
                1 => {
                    let copy = rows[row.min(rows.len() - 1)].clone();
                    rows.push(copy);
                }
                _ => {
                    let last = rows.len() - 1;
                    let cells = &mut rows[row.min(last)];
                    let column = column % cells.len();
                    cells[column] = value;
                }
            }
        }
        rows.iter()
            .map(|r| r.join(","))
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes()
    })
}

#[test]
fn analyze_inputs_never_panic_and_say_what_is_wrong() {
    let folder = common::temp_folder("fuzz-analyze");
    std::fs::create_dir_all(&folder).expect("folder");
    let (edges_path, nodes_path) = (folder.join("edges.csv"), folder.join("nodes.csv"));
    let strategy = (
        csv_bytes(&["source", "target", "weight", "from", "to"]),
        proptest::option::of(csv_bytes(&["id", "name", "department", "team"])),
        any::<bool>(),
        proptest::option::of(prop_oneof![Just("weight".to_string()), "[a-z]{0,6}"]),
    );
    runner(cases())
        .run(&strategy, |(edges, nodes, undirected, weight)| {
            std::fs::write(&edges_path, &edges).expect("write");
            if let Some(nodes) = &nodes {
                std::fs::write(&nodes_path, nodes).expect("write");
            }
            let request = server::analyze_cli::Request {
                edges: &edges_path,
                nodes: nodes.as_ref().map(|_| nodes_path.as_path()),
                undirected,
                weight: weight.as_deref(),
                group: None,
                sampling: server::analyze_cli::Sampling::AsTheApp,
                thresholds: None,
            };
            if let Err(err) = server::analyze_cli::read(&request) {
                let message = err.to_string();
                prop_assert!(
                    message.contains("edges.csv") || message.contains("nodes.csv"),
                    "the message names no file: {message}"
                );
            }
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
    std::fs::remove_dir_all(&folder).ok();
}

#[test]
fn knit_toml_never_panics_and_names_the_setting() {
    let folder = common::temp_folder("fuzz-toml");
    std::fs::create_dir_all(&folder).expect("folder");
    let file = folder.join("knit.toml");
    let keys = [
        "listen",
        "metrics_listen",
        "data_dir",
        "database_url",
        "public_url",
        "smtp_url",
        "mail_rate",
        "mail_connections",
        "mail_max_attempts",
        "link_key",
        "min_group_size",
        "retention_days",
        "trusted_proxies",
        "oidc_issuer",
        "oidc_new_accounts",
        "password_sign_in",
        "role_thresholds",
        "no_such_key",
    ];
    let line = (
        proptest::sample::select(keys.to_vec()),
        prop_oneof![
            text().prop_map(|t| format!("{t:?}")),
            any::<i64>().prop_map(|n| n.to_string()),
            Just("true".to_string()),
            Just("[1, 2]".to_string()),
            "[^\n]{0,12}",
        ],
    )
        .prop_map(|(key, value)| format!("{key} = {value}\n"));
    let strategy = proptest::collection::vec(line, 0..5);
    runner(cases())
        .run(&strategy, |lines| {
            std::fs::write(&file, lines.concat()).expect("write");
            if let Err(err) = server::config::load(Some(&file), &|_| None) {
                let message = err.to_string();
                prop_assert!(
                    message.contains("knit.toml") || keys.iter().any(|k| message.contains(k)),
                    "the message names neither the file nor a setting: {message}"
                );
            }
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
    std::fs::remove_dir_all(&folder).ok();
}

/// Templates as HR writes them: anything, or the built-in one edited.
fn templates() -> impl Strategy<Value = app::mail::template::Template> {
    prop_oneof![
        (text(), text())
            .prop_map(|(subject, body)| app::mail::template::Template { subject, body }),
        mutated_from(app::mail::template::Template::default_for(
            app::mail::Purpose::Invitation,
            app::model::language::Language::English
        )),
    ]
}

#[test]
fn templates_validate_and_render_without_panicking_or_breaking_headers() {
    let strategy = (templates(), text());
    runner(cases())
        .run(&strategy, |(template, name)| {
            if let Err(message) = template.validate() {
                prop_assert!(
                    message.starts_with("Subject:") || message.starts_with("Message:"),
                    "the message names no field: {message}"
                );
                return Ok(());
            }
            let values = app::mail::template::Values {
                name,
                link: "https://knit.test/s/abc".into(),
                ..Default::default()
            };
            if let Ok(rendered) = template.render(&values) {
                prop_assert!(!rendered.subject.contains(['\r', '\n']));
                prop_assert!(rendered.text.contains("https://knit.test/s/abc"));
            }
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
}

/// Sorted rows of every table: what "nothing saved changed" compares. The
/// sign-in sessions are left out: every request may note its session's
/// last-seen time, whatever it asked.
async fn saved(db: &Db) -> Vec<String> {
    let mut rows: Vec<String> = dump(db)
        .await
        .into_iter()
        .filter(|row| !row.starts_with("sessions: "))
        .collect();
    rows.sort();
    rows
}

/// Runs `case` for each generated input on a multi-threaded runtime's
/// thread, checking that a rejected one changed nothing saved; `what` must
/// have seen both rejected and accepted inputs.
fn each_rejected_changes_nothing<S, F, Fut>(db: &Db, what: &str, cases: u32, strategy: S, case: F)
where
    S: Strategy,
    F: Fn(S::Value) -> Fut,
    Fut: std::future::Future<Output = Result<Result<(), AppError>, TestCaseError>>,
{
    let handle = tokio::runtime::Handle::current();
    let (tried, rejected) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    tokio::task::block_in_place(|| {
        runner(cases)
            .run(&strategy, |input| {
                tried.set(tried.get() + 1);
                handle.block_on(async {
                    let before = saved(db).await;
                    if let Err(err) = case(input).await? {
                        rejected.set(rejected.get() + 1);
                        clear(&err)?;
                        let after = saved(db).await;
                        let changed: Vec<&String> = after
                            .iter()
                            .filter(|row| !before.contains(row))
                            .chain(before.iter().filter(|row| !after.contains(row)))
                            .take(4)
                            .collect();
                        prop_assert!(
                            changed.is_empty(),
                            "a rejected input changed saved data: {err}; rows {changed:?}"
                        );
                    }
                    Ok(())
                })
            })
            .unwrap_or_else(|failure| panic!("{failure}"));
    });
    println!(
        "{what}: {} of {} inputs rejected",
        rejected.get(),
        tried.get()
    );
    assert!(
        rejected.get() > 0 && rejected.get() < tried.get(),
        "{what}: the inputs tried only one way"
    );
}

async fn saved_data_survives_every_rejected_input(t: TestDb) {
    let site = common::Site::new(t).await;
    let admin = site.set_up().await;
    let db = &site.t.db;
    let per_target = (cases() / 20).max(10);
    fixtures::roster(db, 12).await;
    let hr = fixtures::analyst(db).await;
    let key = app::mail::LinkKey::generate();
    let (survey, wave, relation) = fixtures::open_survey(db, &hr, &key).await;
    let people: Vec<i64> = sqlx::query_scalar("SELECT id FROM people ORDER BY id")
        .fetch_all(db.pool())
        .await
        .expect("people");
    let respondent = people[0];

    // The respondent form: answers naming colleagues, mutated. Before the
    // roster's inputs, which may deactivate those colleagues (who then can
    // no longer be named).
    each_rejected_changes_nothing(
        db,
        "respondent form",
        per_target,
        (
            mutated_from(fixtures::naming(relation, &people[1..4])),
            any::<bool>(),
        ),
        |(answers, submit)| async move {
            Ok(app::surveys::service::save_answers(db, wave, respondent, &answers, submit).await)
        },
    );

    // The roster CSV, through the same planning and import the upload uses.
    each_rejected_changes_nothing(
        db,
        "roster CSV",
        per_target,
        (
            prop_oneof![
                csv_bytes(&[
                    "Email",
                    "Name",
                    "Manager Email",
                    "Start Date",
                    "End Date",
                    "Team",
                    "Department"
                ]),
                mutated_csv(
                    app::people::synthetic::roster_csv(6, 9).replace("@example.com", "@fuzz.test")
                ),
            ],
            any::<bool>(),
        ),
        |(file, deactivate)| async move {
            let plan = app::people::service::plan_file(db, &file, deactivate).await;
            let plan = match plan {
                Ok(plan) => plan,
                Err(err) => return Ok(Err(err)),
            };
            for problem in &plan.problems {
                prop_assert!(
                    problem.row >= 1
                        && !problem.column.trim().is_empty()
                        && !problem.message.trim().is_empty(),
                    "{problem:?}"
                );
            }
            let applied = app::people::service::apply_plan(
                db,
                &Default::default(),
                &plan,
                app::model::date::Date::today(),
                None,
                "fuzz.csv",
                &|_| {},
            )
            .await;
            Ok(applied.map(|_| ()))
        },
    );

    // The survey builder: a valid survey's definition, mutated.
    let stored = app::store::surveys::get(db, survey)
        .await
        .expect("survey")
        .expect("survey");
    each_rejected_changes_nothing(
        db,
        "survey builder",
        per_target,
        mutated_from(stored.definition),
        |definition| {
            let hr = &hr;
            async move {
                Ok(app::surveys::service::create_survey(db, hr, &definition)
                    .await
                    .map(|_| ()))
            }
        },
    );

    // Email templates as HR edits them.
    each_rejected_changes_nothing(db, "email templates", per_target, templates(), |template| {
        let hr = &hr;
        async move {
            Ok(app::mail::service::save_template(
                db,
                hr,
                app::mail::Purpose::Invitation,
                app::model::language::Language::English,
                template,
            )
            .await)
        }
    });

    // Edge lists uploaded as an extra network of the wave, over HTTP.
    let emails: Vec<String> = sqlx::query_scalar("SELECT email FROM people ORDER BY id")
        .fetch_all(db.pool())
        .await
        .expect("emails");
    let mut valid = String::from("source,target,weight\n");
    for i in 0..emails.len() {
        valid.push_str(&format!(
            "{},{},{}\n",
            emails[i],
            emails[(i + 1) % emails.len()],
            i + 1
        ));
    }
    let (site_ref, admin) = (&site, &admin);
    each_rejected_changes_nothing(
        db,
        "edge-list upload",
        per_target,
        (
            prop_oneof![
                csv_bytes(&["source", "target", "weight"]),
                mutated_csv(valid)
            ],
            prop_oneof![Just("Email".to_string()), text()],
            prop_oneof![
                Just("weight".to_string()),
                Just(String::new()),
                "[a-z]{0,5}"
            ],
        ),
        |(file, name, weight)| async move {
            let sent_at = app::store::now_ms();
            let reply = upload_network(site_ref, admin, wave, &name, &weight, &file).await;
            prop_assert_eq!(
                reply.status,
                axum::http::StatusCode::SEE_OTHER,
                "{}",
                reply.body
            );
            let location = reply.header("location").to_string();
            let query = location.split_once('?').map_or("", |(_, q)| q);
            let said: Vec<(String, String)> = serde_urlencoded::from_str(query).expect("query");
            match said.iter().find(|(key, _)| key == "error") {
                Some((_, message)) => Ok(Err(AppError::Invalid(message.clone()))),
                _ => {
                    // Read and previewed: the analyst adds it.
                    let draft = said
                        .iter()
                        .find(|(key, _)| key == "draft")
                        .map(|(_, id)| id.clone())
                        .expect("a preview");
                    let added = site_ref
                        .send(
                            axum::http::Request::post(format!(
                                "/insight/{wave}/networks/drafts/{draft}"
                            ))
                            .header("host", "knit.test")
                            .header("sec-fetch-site", "same-origin")
                            .header("cookie", format!("knit_session={admin}"))
                            .header("content-type", "application/x-www-form-urlencoded")
                            .body(axum::body::Body::from("decision=add"))
                            .expect("request"),
                        )
                        .await;
                    prop_assert!(
                        added.header("location").contains("imported="),
                        "{}",
                        added.header("location")
                    );
                    // An added network is analysed in the background, and then the
                    // newcomers' figures: let both end before the next "before".
                    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
                    loop {
                        let ended: Option<i64> = sqlx::query_scalar(
                            "SELECT r.finished_at FROM analysis_runs r WHERE r.wave_id = $1 AND r.started_at >= $2 \
                             AND EXISTS (SELECT 1 FROM newcomer_summary s WHERE s.computed_at >= r.finished_at)",
                        )
                        .bind(wave)
                        .bind(sent_at)
                        .fetch_optional(db.pool())
                        .await
                        .expect("run")
                        .flatten();
                        if ended.is_some() {
                            break;
                        }
                        prop_assert!(
                            std::time::Instant::now() < deadline,
                            "the added network was not analysed"
                        );
                        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    }
                    Ok(Ok(()))
                }
            }
        },
    );

    site.finish().await;
}

async fn upload_network(
    site: &common::Site,
    token: &str,
    wave: i64,
    name: &str,
    weight: &str,
    file: &[u8],
) -> common::Reply {
    let boundary = "knit-fuzz-boundary-7c1e";
    let mut body = Vec::new();
    for (field, value) in [("name", name), ("weight", weight)] {
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n").into_bytes());
    }
    body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"edges.csv\"\r\nContent-Type: text/csv\r\n\r\n").into_bytes());
    body.extend_from_slice(file);
    body.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
    let request = axum::http::Request::post(format!("/insight/{wave}/networks"))
        .header("host", "knit.test")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", format!("knit_session={token}"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(axum::body::Body::from(body))
        .expect("request");
    site.send(request).await
}
