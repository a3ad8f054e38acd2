//! What Knit promises respondents, held by the code on both backends:
//! erasure leaves nothing that names or identifies a person, in the database
//! or the data folder, and ids are never handed out again; retention deletes
//! individual answers once a day; a respondent may decline; every individual
//! view is in the audit log; an access request exports what Knit holds.

mod common;

use app::audit::Action;
use app::fixtures::{analyst, import, naming, open_survey};
use app::model::auth::Role;
use app::model::date::Date;
use app::store::testing::{dump, TestDb};
use app::store::Db;
use std::path::{Path, PathBuf};

app::backend_tests!(
    erasing_a_key_player_and_a_newcomer_leaves_no_trace,
    retention_deletes_individual_answers_once_a_day,
    a_respondent_who_declines_is_counted_apart_and_not_reminded,
    an_access_request_exports_what_knit_holds_and_is_audited,
    individual_views_and_exports_are_in_the_audit_log_for_admins_alone,
    two_instances_in_one_process_each_keep_their_own_k,
);

struct Person {
    id: i64,
    email: String,
    names: Vec<String>,
}

async fn person(db: &Db, id: i64) -> Person {
    let (email, full, preferred): (String, String, Option<String>) =
        sqlx::query_as("SELECT email, full_name, preferred_name FROM people WHERE id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await
            .expect("person");
    Person {
        id,
        email,
        names: [Some(full), preferred].into_iter().flatten().collect(),
    }
}

/// Columns that hold a person's id.
const PERSON_COLUMNS: [(&str, &str); 19] = [
    ("people", "id"),
    ("people", "manager_id"),
    ("person_changes", "person_id"),
    ("invitations", "person_id"),
    ("ties", "respondent_id"),
    ("ties", "named_id"),
    ("attribute_answers", "respondent_id"),
    ("outbox", "person_id"),
    ("introductions", "newcomer_id"),
    ("introductions", "suggested_id"),
    ("newcomer_links", "person_id"),
    ("newcomer_sessions", "person_id"),
    ("pulses", "person_id"),
    ("newcomer_figures", "person_id"),
    ("newcomer_figures", "manager_id"),
    ("imported_ties", "source_id"),
    ("imported_ties", "target_id"),
    ("audit_log", "person_id"),
    ("audit_log", "actor_id"),
];

/// Everything in the database and the folders that still names or points at `p`.
async fn traces(db: &Db, p: &Person, folders: &[&Path]) -> Vec<String> {
    let mut found = Vec::new();
    let email = p.email.to_lowercase();
    let names: Vec<String> = p.names.iter().map(|n| n.to_lowercase()).collect();
    let id_marks = [
        format!("\"{}\"", p.id),
        format!("\"person_id\":{},", p.id),
        format!("\"person_id\":{}}}", p.id),
        format!("\"person\":{},", p.id),
        format!("\"person\":{}}}", p.id),
    ];
    for line in dump(db).await {
        let lower = line.to_lowercase();
        for needle in names.iter().chain([&email]) {
            if lower.contains(needle.as_str()) {
                found.push(format!("'{needle}' in {line}"));
            }
        }
        for mark in &id_marks {
            if line.contains(mark.as_str()) {
                found.push(format!("{mark} in {}", &line[..line.len().min(200)]));
            }
        }
    }
    for (table, column) in PERSON_COLUMNS {
        if table == "audit_log" && column == "actor_id" {
            continue; // account ids, not people's
        }
        let n: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1"))
                .bind(p.id)
                .fetch_one(db.pool())
                .await
                .expect("count");
        if n > 0 {
            found.push(format!("{n} rows of {table}.{column} = {}", p.id));
        }
    }
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("file");
            let raw = String::from_utf8_lossy(&bytes);
            let text = format!(
                "{}\n{}",
                path.display(),
                app::mail::folder::readable_text(&raw)
            )
            .to_lowercase();
            for needle in names.iter().chain([&email]) {
                if text.contains(needle.as_str()) {
                    found.push(format!("'{needle}' in {}", path.display()));
                }
            }
        }
    }
    found
}

async fn erasing_a_key_player_and_a_newcomer_leaves_no_trace(t: TestDb) {
    let key = app::mail::LinkKey::generate();
    app::demo::load(
        &t.db,
        &app::model::policy::Policy::default(),
        &key,
        300,
        1,
        Date::new(2026, 6, 30).expect("date"),
        &|_| {},
    )
    .await
    .expect("demo");
    let hr = analyst(&t.db).await;
    let summary = app::store::newcomers::summary(&t.db)
        .await
        .expect("summary")
        .expect("analyzed");
    let insight = app::insight::service::wave_insight(
        &t.db,
        &app::model::policy::Policy::default(),
        &hr,
        summary.wave_id,
        None,
    )
    .await
    .expect("insight");
    let key_player = insight.relations[0].key_players[0].listed[0].person_id;
    let view = app::newcomers::service::staff_page(&t.db, &hr, 0)
        .await
        .expect("page")
        .expect("analyzed");
    let with_suggestions: Vec<i64> = view
        .rows
        .iter()
        .filter(|r| !r.suggestions.is_empty())
        .map(|r| r.figures.person_id)
        .collect();
    let newcomer = *with_suggestions
        .iter()
        .find(|&&n| n != key_player)
        .expect("a newcomer");
    // Names no one else has (with letters that emails encode), so that a hit is theirs.
    for (id, name) in [
        (key_player, "Zéphyrine Quaglia"),
        (newcomer, "Ødegård Prætorius"),
    ] {
        sqlx::query("UPDATE people SET full_name = $1, preferred_name = NULL WHERE id = $2")
            .bind(name)
            .bind(id)
            .execute(t.db.pool())
            .await
            .expect("rename");
    }
    let key_player = person(&t.db, key_player).await;
    let newcomer = person(&t.db, newcomer).await;

    // Leave traces everywhere Knit keeps them: introductions and their emails
    // (the newcomer's and others' naming the key player), a manager's copy, a
    // sign-in failure, a bounce, an account, audit entries.
    app::store::newcomers::save_settings(
        t.db.pool(),
        &app::newcomers::NewcomerSettings {
            copy_manager: true,
            ..Default::default()
        },
    )
    .await
    .expect("settings");
    for &n in &with_suggestions {
        app::newcomers::service::send_introductions(&t.db, &Default::default(), &key, &hr, n)
            .await
            .expect("sent");
    }
    let outbox = common::deliver_to_folder(&t.db, &key, "erasure-outbox").await;
    app::auth::service::create_account(
        &t.db,
        &app::store::audit::Actor::command_line(),
        &key_player.email,
        "Account",
        Role::Manager,
        "a long password".into(),
    )
    .await
    .expect("account");
    // As the Accounts page records it: the address in the entry's text, with
    // no person id to find it by.
    app::audit::service::record(
        &t.db,
        &admin(&t.db).await,
        Action::RoleChange,
        &format!("new account {} as Manager", key_player.email),
        None,
    )
    .await
    .expect("audit");
    let wrong = app::auth::service::sign_in(
        &t.db,
        &key_player.email,
        "not the password".into(),
        &Default::default(),
        None,
    )
    .await;
    assert!(wrong.is_err());
    sqlx::query("INSERT INTO email_bounces (address, reason, bounced_at) VALUES ($1, $2, 0)")
        .bind(newcomer.email.to_lowercase())
        .bind(format!("550 <{}> no such user", newcomer.email))
        .execute(t.db.pool())
        .await
        .expect("bounce");
    for p in [&key_player, &newcomer] {
        app::people::service::person_detail(&t.db, &hr, p.id)
            .await
            .expect("person page");
    }
    app::newcomers::service::staff_one(&t.db, &hr, newcomer.id)
        .await
        .expect("newcomer page")
        .expect("a newcomer");
    let folders: Vec<PathBuf> = {
        let mut f = vec![outbox.clone()];
        if let Some(path) = t.url.strip_prefix("sqlite://") {
            f.push(Path::new(path).parent().expect("data folder").to_path_buf());
        }
        f
    };
    let folder_refs: Vec<&Path> = folders.iter().map(PathBuf::as_path).collect();
    for p in [&key_player, &newcomer] {
        assert!(
            !traces(&t.db, p, &folder_refs).await.is_empty(),
            "the check finds {} before the erasure",
            p.names[0]
        );
    }

    for p in [&key_player, &newcomer] {
        app::people::service::erase(
            &t.db,
            &app::model::policy::Policy::default(),
            &hr,
            p.id,
            Some(&outbox),
        )
        .await
        .expect("erased");
    }
    for p in [&key_player, &newcomer] {
        let found = traces(&t.db, p, &folder_refs).await;
        assert!(
            found.is_empty(),
            "{} left {} traces, first: {:?}",
            p.names[0],
            found.len(),
            &found[..found.len().min(5)]
        );
    }
    // The analyses were computed again without them, and still read.
    let after = app::insight::service::wave_insight(
        &t.db,
        &app::model::policy::Policy::default(),
        &hr,
        summary.wave_id,
        None,
    )
    .await
    .expect("insight");
    assert!(!after.relations.is_empty());
    assert!(after.relations[0].figures.people < insight.relations[0].figures.people);
    let log = app::audit::service::page(&t.db, &admin(&t.db).await, None, 0)
        .await
        .expect("log");
    assert!(log
        .entries
        .iter()
        .any(|e| e.action == Action::Erasure && e.object == app::audit::ERASED));
    assert!(log
        .entries
        .iter()
        .any(|e| e.action == Action::PersonPage && e.object == app::audit::ERASED));

    // Ids are never handed out again, even the highest one.
    let highest: i64 = sqlx::query_scalar("SELECT MAX(id) FROM people")
        .fetch_one(t.db.pool())
        .await
        .expect("max");
    app::people::service::erase(
        &t.db,
        &app::model::policy::Policy::default(),
        &hr,
        highest,
        Some(&outbox),
    )
    .await
    .expect("erased");
    let ids = import(
        &t.db,
        "Email,Name,Department\nnew.person@acme.test,New Person,Sales\n",
    )
    .await;
    let newest = *ids.last().expect("ids");
    assert!(newest > highest, "id {newest} after erasing {highest}");
    std::fs::remove_dir_all(&outbox).ok();
    t.finish().await;
}

async fn admin(db: &Db) -> app::model::auth::CurrentUser {
    let email = format!("admin{}@acme.test", app::store::now_ms());
    let id = app::auth::service::create_account(
        db,
        &app::store::audit::Actor::command_line(),
        &email,
        "Admin",
        Role::Admin,
        "a long password".into(),
    )
    .await
    .expect("admin");
    app::model::auth::CurrentUser {
        id,
        email,
        name: "Admin".into(),
        role: Role::Admin,
    }
}

async fn count(db: &Db, sql: &str, wave: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(wave)
        .fetch_one(db.pool())
        .await
        .expect("count")
}

async fn retention_deletes_individual_answers_once_a_day(t: TestDb) {
    let key = app::mail::LinkKey::generate();
    app::demo::load(
        &t.db,
        &app::model::policy::Policy::default(),
        &key,
        120,
        2,
        Date::new(2026, 6, 30).expect("date"),
        &|_| {},
    )
    .await
    .expect("demo");
    let hr = analyst(&t.db).await;
    let waves: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, closed_at FROM waves WHERE status = 'closed' AND closed_at IS NOT NULL ORDER BY closed_at",
    )
    .fetch_all(t.db.pool())
    .await
    .expect("waves");
    assert!(waves.len() >= 2, "{waves:?}");
    let (old, kept) = (waves[0].0, waves[waves.len() - 1].0);
    // The oldest wave closed 731 days ago, the others yesterday.
    let day = 86_400_000;
    sqlx::query("UPDATE waves SET closed_at = $1 WHERE id = $2")
        .bind(app::store::now_ms() - 731 * day)
        .bind(old)
        .execute(t.db.pool())
        .await
        .expect("age");
    sqlx::query("UPDATE waves SET closed_at = $1 WHERE id <> $2 AND status = 'closed'")
        .bind(app::store::now_ms() - day)
        .bind(old)
        .execute(t.db.pool())
        .await
        .expect("age");
    let ties = "SELECT COUNT(*) FROM ties WHERE wave_id = $1";
    assert!(count(&t.db, ties, old).await > 0);
    // Everyone's figures, stored for the people table and the map.
    let people = "SELECT COUNT(*) FROM analysis_people WHERE wave_id = $1";
    assert!(count(&t.db, people, old).await > 0);
    let kept_ties = count(&t.db, ties, kept).await;

    let privacy = app::privacy::Privacy::default();
    assert!(privacy
        .email_promise(app::model::language::Language::English)
        .contains("deleted 24 months after"));
    let old_insight = || async {
        app::insight::service::wave_insight(
            &t.db,
            &app::model::policy::Policy::default(),
            &hr,
            old,
            None,
        )
        .await
        .expect("insight")
    };
    assert!(
        old_insight().await.did_not_answer.total > 0,
        "the demo's old wave has people who did not answer"
    );
    let today = Date::today();
    let deleted = app::privacy::retention::run_daily(&t.db, today, privacy, None)
        .await
        .expect("run")
        .expect("the first run of the day");
    assert_eq!(deleted.waves, 1);
    assert_eq!(count(&t.db, ties, old).await, 0);
    assert_eq!(
        count(
            &t.db,
            "SELECT COUNT(*) FROM attribute_answers WHERE wave_id = $1",
            old
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &t.db,
            "SELECT COUNT(*) FROM invitations WHERE wave_id = $1 AND (token_hash IS NOT NULL OR token_seed IS NOT NULL)",
            old
        )
        .await,
        0,
        "the respondents' links are gone"
    );
    assert_eq!(
        count(&t.db, ties, kept).await,
        kept_ties,
        "a recent wave keeps its answers"
    );
    // The stored analysis keeps the network's figures, no one's.
    assert_eq!(
        count(&t.db, people, old).await,
        0,
        "no one's figures are left"
    );
    assert!(
        count(&t.db, people, kept).await > 0,
        "a recent wave keeps them"
    );
    let insight = old_insight().await;
    assert!(!insight.relations.is_empty());
    assert_eq!(
        insight.did_not_answer,
        Default::default(),
        "who did not answer went with the answers"
    );
    for r in &insight.relations {
        assert!(r.key_players.is_empty() && r.changes.is_empty() && r.heatmap.is_none());
        assert!(r.figures.ties > 0, "the network's own figures stay");
    }
    // Once a day, even with several instances.
    assert_eq!(
        app::privacy::retention::run_daily(&t.db, today, privacy, None)
            .await
            .expect("run"),
        None
    );
    t.finish().await;
}

async fn a_respondent_who_declines_is_counted_apart_and_not_reminded(t: TestDb) {
    let people = app::fixtures::roster(&t.db, 12).await;
    let hr = analyst(&t.db).await;
    let key = app::mail::LinkKey::generate();
    let (_, wave, relation) = open_survey(&t.db, &hr, &key).await;
    let (me, other) = (people[0], people[1]);
    app::surveys::service::save_answers(&t.db, wave, me, &naming(relation, &[other]), false)
        .await
        .expect("saved");
    app::surveys::service::set_declined(&t.db, wave, me, true)
        .await
        .expect("declined");
    let form = app::surveys::service::response_form(
        &t.db,
        &app::model::policy::Policy::default(),
        wave,
        me,
        None,
        None,
    )
    .await
    .expect("form");
    assert!(form.declined);
    assert!(form.chosen.is_empty(), "what they had saved is gone");
    assert!(form.notice.iter().any(|n| n.contains("at least 5 people")));
    let (overall, _) = app::surveys::service::response_rates(
        &app::model::policy::Policy::default(),
        &hr,
        &app::store::responses::response_counts(&t.db, wave)
            .await
            .expect("counts"),
    );
    assert_eq!((overall.answered, overall.declined), (Some(0), Some(1)));
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE purpose = 'reminder'")
        .fetch_one(t.db.pool())
        .await
        .expect("count");
    app::mail::service::remind_now(&t.db, &hr, wave)
        .await
        .expect("reminded");
    let reminded: Vec<i64> =
        sqlx::query_scalar("SELECT person_id FROM outbox WHERE purpose = 'reminder'")
            .fetch_all(t.db.pool())
            .await
            .expect("rows");
    assert_eq!(reminded.len() as i64 - before, people.len() as i64 - 1);
    assert!(
        !reminded.contains(&me),
        "no reminder for someone who declined"
    );
    // Taking part after all: answers count again.
    app::surveys::service::set_declined(&t.db, wave, me, false)
        .await
        .expect("back");
    app::surveys::service::save_answers(&t.db, wave, me, &naming(relation, &[other]), true)
        .await
        .expect("submitted");
    let (overall, _) = app::surveys::service::response_rates(
        &app::model::policy::Policy::default(),
        &hr,
        &app::store::responses::response_counts(&t.db, wave)
            .await
            .expect("counts"),
    );
    assert_eq!((overall.answered, overall.declined), (Some(1), Some(0)));
    t.finish().await;
}

async fn an_access_request_exports_what_knit_holds_and_is_audited(t: TestDb) {
    let people = app::fixtures::roster(&t.db, 8).await;
    let hr = analyst(&t.db).await;
    let key = app::mail::LinkKey::generate();
    let (_, wave, relation) = open_survey(&t.db, &hr, &key).await;
    let (me, named, namer) = (people[0], people[1], people[2]);
    app::surveys::service::save_answers(&t.db, wave, me, &naming(relation, &[named]), true)
        .await
        .expect("mine");
    app::surveys::service::save_answers(&t.db, wave, namer, &naming(relation, &[me]), true)
        .await
        .expect("theirs");
    let me = person(&t.db, me).await;
    let namer = person(&t.db, namer).await;
    let named = person(&t.db, named).await;
    let actor = app::store::audit::Actor::command_line();
    let export = app::privacy::subject::export(&t.db, &actor, &me.email)
        .await
        .expect("export");
    assert_eq!(export["person"]["email"], me.email.as_str());
    assert_eq!(
        export["people_you_named"][0]["named"],
        named.names[0].as_str()
    );
    assert_eq!(export["times_you_were_named"][0]["people"], 1);
    let text = export.to_string();
    assert!(
        !text.contains(&namer.names[0]),
        "who named them is the other's answer"
    );
    let log = app::audit::service::all_since(&t.db, None)
        .await
        .expect("log");
    assert!(log
        .iter()
        .any(|e| e.action == Action::SubjectExport && e.object.contains(&me.email)));
    let missing = app::privacy::subject::export(&t.db, &actor, "nobody@acme.test").await;
    assert!(missing
        .expect_err("no such person")
        .to_string()
        .contains("nobody@acme.test"));
    t.finish().await;
}

async fn individual_views_and_exports_are_in_the_audit_log_for_admins_alone(t: TestDb) {
    let site = common::Site::new(t).await;
    let admin = site.set_up().await;
    let people = app::fixtures::roster(&site.t.db, 6).await;
    assert_eq!(
        site.get("/people/export.csv", Some(&admin)).await.status,
        200
    );
    assert_eq!(
        site.get(&format!("/people/{}", people[2]), Some(&admin))
            .await
            .status,
        200
    );
    let export = site
        .get(&format!("/people/{}/export.json", people[2]), Some(&admin))
        .await;
    assert_eq!(export.status, 200, "{}", export.body);
    let json: serde_json::Value = serde_json::from_str(&export.body).expect("json");
    assert_eq!(json["person"]["id"], people[2]);

    let page = site.get("/audit", Some(&admin)).await;
    assert_eq!(page.status, 200);
    for said in [
        "Exported the roster",
        "Opened a person",
        "Exported everything about a person",
        "ana@acme.test",
    ] {
        assert!(page.body.contains(said), "the log page lists '{said}'");
    }
    let entries = app::audit::service::all_since(&site.t.db, Some("2000-01-01"))
        .await
        .expect("log");
    assert_eq!(entries.len(), 4, "{entries:?}"); // the admin's own account, then three views
    let csv = String::from_utf8(
        server::audit_cli::render(&entries, server::audit_cli::Format::Csv).expect("csv"),
    )
    .expect("utf8");
    assert!(csv.starts_with("time_utc,actor,action,object\r\n") && csv.contains("roster_export"));
    let json: serde_json::Value = serde_json::from_slice(
        &server::audit_cli::render(&entries, server::audit_cli::Format::Json).expect("json"),
    )
    .expect("parse");
    assert_eq!(json.as_array().map(Vec::len), Some(4));
    let later = app::audit::service::all_since(&site.t.db, Some("2999-01-01"))
        .await
        .expect("log");
    assert!(later.is_empty());
    assert!(
        app::audit::service::all_since(&site.t.db, Some("last tuesday"))
            .await
            .is_err()
    );

    // Analysts, managers and people with no account do not read it.
    for role in [Role::Analyst, Role::Manager] {
        let email = format!("{}@acme.test", role.as_str());
        let id = app::auth::service::create_account(
            &site.t.db,
            &app::store::audit::Actor::command_line(),
            &email,
            "Someone",
            role,
            "a long password".into(),
        )
        .await
        .expect("account");
        let token = app::auth::service::start_session(
            &site.t.db,
            id,
            &Default::default(),
            Default::default(),
        )
        .await
        .expect("session");
        let reply = site.call("audit_log", &[("page", "0")], Some(&token)).await;
        assert_eq!(reply.status, 403, "{role:?}: {}", reply.body);
        assert_eq!(
            site.get(&format!("/people/{}/export.json", people[2]), Some(&token))
                .await
                .status,
            403
        );
    }
    assert_eq!(
        site.call("audit_log", &[("page", "0")], None).await.status,
        401
    );
    site.finish().await;
}

/// A database of the version before people's ids became AUTOINCREMENT, with
/// answers in it, keeps every row and reference through the table's rebuild.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_keeps_every_answer_when_people_ids_become_autoincrement() {
    let dir = common::temp_folder("autoincrement");
    let before = dir.join("migrations");
    std::fs::create_dir_all(&before).expect("folder");
    let all = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/sqlite");
    for entry in std::fs::read_dir(&all).expect("migrations") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if name.as_str() < "0011" {
            std::fs::copy(&path, before.join(&name)).expect("copy");
        }
    }
    let url = format!("sqlite://{}", dir.join("knit.db").display());
    let db = Db::connect(&url).await.expect("open");
    sqlx::migrate::Migrator::new(before.as_path())
        .await
        .expect("migrator")
        .run(db.pool())
        .await
        .expect("migrate to 10");
    let people = app::fixtures::roster(&db, 10).await;
    let hr = analyst(&db).await;
    let key = app::mail::LinkKey::generate();
    let (_, wave, relation) = open_survey(&db, &hr, &key).await;
    for (i, &p) in people.iter().enumerate() {
        let named = [
            people[(i + 1) % people.len()],
            people[(i + 3) % people.len()],
        ];
        app::surveys::service::save_answers(&db, wave, p, &naming(relation, &named), true)
            .await
            .expect("answers");
    }
    let counts = |db: Db| async move {
        let mut out = Vec::new();
        for table in ["people", "ties", "invitations", "outbox", "person_changes"] {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(db.pool())
                .await
                .expect("count");
            out.push(n);
        }
        out
    };
    let was = counts(db.clone()).await;
    db.migrate().await.expect("migrate to the latest");
    assert_eq!(counts(db.clone()).await, was, "every row is still there");
    let broken: Vec<String> = sqlx::query_scalar("SELECT \"table\" FROM pragma_foreign_key_check")
        .fetch_all(db.pool())
        .await
        .expect("check");
    assert!(broken.is_empty(), "{broken:?}");
    let schema: String = sqlx::query_scalar(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'people'",
    )
    .fetch_one(db.pool())
    .await
    .expect("schema");
    assert!(schema.contains("AUTOINCREMENT"), "{schema}");
    // Deleting a person still cascades to their answers.
    let highest = *people.last().expect("people");
    app::people::service::erase(
        &db,
        &app::model::policy::Policy::default(),
        &hr,
        highest,
        None,
    )
    .await
    .expect("erase");
    let theirs: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ties WHERE respondent_id = $1 OR named_id = $1")
            .bind(highest)
            .fetch_one(db.pool())
            .await
            .expect("count");
    assert_eq!(theirs, 0);
    let ids = import(&db, "Email,Name\nlater@acme.test,Later Person\n").await;
    assert!(*ids.last().expect("ids") > highest);
    db.close().await;
    std::fs::remove_dir_all(&dir).ok();
}

/// k travels in each instance's settings: two instances in one process, with
/// k of 3 and of 9, each write their own into what they promise.
async fn two_instances_in_one_process_each_keep_their_own_k(t: TestDb) {
    let other = t.another().await;
    let site_with = |t: TestDb, min_group: usize| {
        common::Site::with_settings(
            t,
            app::context::AppSettings {
                policy: app::model::policy::Policy {
                    privacy: app::privacy::Privacy {
                        min_group,
                        ..Default::default()
                    },
                    ..Default::default()
                },
                ..common::Site::settings()
            },
        )
    };
    let three = site_with(t, 3).await;
    let nine = site_with(other, 9).await;
    for (site, k) in [(&three, 3), (&nine, 9)] {
        let admin = site.set_up().await;
        let page = site.get("/surveys/new", Some(&admin)).await;
        assert_eq!(page.status, http::StatusCode::OK);
        let promise = format!("groups of at least {k} people");
        assert!(
            page.body.contains(&promise),
            "the new survey's introduction should say {promise:?}"
        );
        let other_k = if k == 3 { 9 } else { 3 };
        assert!(!page
            .body
            .contains(&format!("groups of at least {other_k} people")));
    }
    three.finish().await;
    nine.finish().await;
}
