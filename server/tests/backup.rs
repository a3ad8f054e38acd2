//! `knit backup` and `knit restore`: an analysed demo company is backed up
//! while requests run, restored into an empty database, and compared with
//! the original row for row; restores into anything but an empty database,
//! or with another link key, are refused and change nothing.

mod common;

use app::mail::LinkKey;
use app::store::testing::{dump, EmptyDatabase, TestDb};
use axum::http::StatusCode;
use common::Site;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

app::backend_tests!(a_backup_taken_while_knit_serves_restores_row_for_row);

/// The settings `knit backup` and `knit restore` would read, from these variables.
fn config(vars: &[(&str, String)]) -> server::config::Config {
    let vars: BTreeMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    server::config::load(None, &|name| vars.get(name).cloned()).expect("settings")
}

/// Each table's rows, sorted (the order of a scan is no promise).
fn by_table(lines: Vec<String>) -> BTreeMap<String, Vec<String>> {
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in lines {
        let (table, _) = line.split_once(": ").expect("table: row");
        tables.entry(table.to_owned()).or_default().push(line);
    }
    for rows in tables.values_mut() {
        rows.sort();
    }
    tables
}

async fn restored(backend: app::store::Backend, file: &Path, data_dir: &Path) -> TestDb {
    let empty = EmptyDatabase::new(backend).await;
    let settings = config(&[
        ("DATABASE_URL", empty.url.clone()),
        ("KNIT_DATA_DIR", data_dir.display().to_string()),
    ]);
    let summary = server::backup::restore(&settings, file)
        .await
        .unwrap_or_else(|e| panic!("restore: {e}"));
    assert!(summary.rows > 1000, "{summary}");
    empty.open().await
}

async fn a_backup_taken_while_knit_serves_restores_row_for_row(t: TestDb) {
    let backend = t.db.backend();
    let key = LinkKey::generate();
    app::demo::load(
        &t.db,
        &app::model::policy::Policy::default(),
        &key,
        60,
        7,
        app::model::date::Date::new(2026, 6, 30).expect("date"),
        &|_| {},
    )
    .await
    .expect("demo company");
    // As `knit backup` does: the key of the instance, checked against the database.
    let source = config(&[
        ("DATABASE_URL", t.url.clone()),
        ("KNIT_LINK_KEY", key.to_hex()),
    ]);
    let key = server::mail::link_key(&source, &t.db)
        .await
        .expect("link key");
    let site = Arc::new(Site::new(t).await);
    let admin = site.set_up().await;
    let folder = common::temp_folder("backup");
    std::fs::create_dir_all(&folder).expect("folder");

    // Analysts read the insight pages (each view is written to the audit log)
    // and people lists while the backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));
    let load: Vec<_> = (0..3)
        .map(|i| {
            let (site, admin, stop, answered) =
                (site.clone(), admin.clone(), stop.clone(), answered.clone());
            tokio::spawn(async move {
                let pages = ["/insight/3", "/people?q=a", "/newcomers", "/surveys"];
                let mut n = i;
                while !stop.load(Ordering::Relaxed) {
                    let page = pages[n % pages.len()];
                    let reply = site.get(page, Some(&admin)).await;
                    assert_eq!(reply.status, StatusCode::OK, "{page}: {}", reply.body);
                    answered.fetch_add(1, Ordering::Relaxed);
                    n += 1;
                }
            })
        })
        .collect();
    while answered.load(Ordering::Relaxed) < 6 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    // A small SQLite copy can finish between two answers; back up again (a
    // new file each time) until requests were answered while one ran, so the
    // overlap is shown rather than left to the scheduler.
    let mut attempt = 0;
    let (summary, under_load, during) = loop {
        attempt += 1;
        let under_load = folder.join(format!("under-load-{attempt}.tar"));
        let before = answered.load(Ordering::Relaxed);
        let summary = server::backup::backup(&site.t.db, &site.t.url, &key, &under_load)
            .await
            .expect("backup while serving");
        let during = answered.load(Ordering::Relaxed) - before;
        if during > 0 || attempt == 50 {
            break (summary, under_load, during);
        }
    };
    stop.store(true, Ordering::Relaxed);
    for task in load {
        task.await.expect("requests answered");
    }
    assert!(summary.tables > 30 && summary.rows > 1000, "{summary}");
    assert!(during > 0, "requests were answered while the backup ran");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&under_load)
            .expect("file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the backup is private: {mode:o}");
    }

    // Taken under load, the backup is one moment: every table the requests do
    // not write is the same row for row, and the audit log holds the entries
    // up to that moment, no row half written.
    let original = by_table(dump(&site.t.db).await);
    let first_data = folder.join("restored-under-load");
    let copy = restored(backend, &under_load, &first_data).await;
    let copied = by_table(dump(&copy.db).await);
    assert_eq!(
        copied.keys().collect::<Vec<_>>(),
        original.keys().collect::<Vec<_>>()
    );
    for (table, rows) in &original {
        let restored_rows = &copied[table];
        match table.as_str() {
            "audit_log" => {
                let all: BTreeSet<_> = rows.iter().collect();
                assert!(restored_rows.iter().all(|r| all.contains(r)), "{table}");
                assert!(!restored_rows.is_empty());
            }
            // Each request touches its session's last-seen time.
            "sessions" => assert_eq!(restored_rows.len(), rows.len(), "{table}"),
            _ => assert_eq!(restored_rows, rows, "{table} differs"),
        }
    }
    assert_eq!(
        std::fs::read_to_string(first_data.join("link.key")).expect("the key is restored"),
        key.to_hex()
    );
    // Emailed links still work: a personal link made from a stored seed with
    // the restored key finds its invitation.
    let (seed, person): (String, i64) = sqlx::query_as(
        "SELECT token_seed, person_id FROM invitations WHERE token_seed IS NOT NULL ORDER BY person_id LIMIT 1",
    )
    .fetch_one(copy.db.pool())
    .await
    .expect("an invitation");
    let restored_key =
        LinkKey::from_hex(&std::fs::read_to_string(first_data.join("link.key")).expect("key"))
            .expect("a key");
    let found: Option<i64> =
        sqlx::query_scalar("SELECT person_id FROM invitations WHERE token_hash = $1")
            .bind(app::auth::service::hash_token(&restored_key.token(&seed)))
            .fetch_optional(copy.db.pool())
            .await
            .expect("lookup");
    assert_eq!(found, Some(person));

    // Restoring again over it is refused, and changes nothing.
    let again = config(&[
        ("DATABASE_URL", copy.url.clone()),
        ("KNIT_DATA_DIR", first_data.display().to_string()),
    ]);
    let refused = server::backup::restore(&again, &under_load)
        .await
        .expect_err("not over data");
    assert!(refused.to_string().contains("already"), "{refused}");
    assert_eq!(by_table(dump(&copy.db).await), copied);
    copy.finish().await;

    // With another link key set, nothing is restored: the links would be dead.
    let empty = EmptyDatabase::new(backend).await;
    let wrong_key = config(&[
        ("DATABASE_URL", empty.url.clone()),
        (
            "KNIT_DATA_DIR",
            folder.join("wrong-key").display().to_string(),
        ),
        ("KNIT_LINK_KEY", LinkKey::generate().to_hex()),
    ]);
    let refused = server::backup::restore(&wrong_key, &under_load)
        .await
        .expect_err("another key");
    assert!(
        refused
            .to_string()
            .contains("KNIT_LINK_KEY: is not this backup's link key"),
        "{refused}"
    );
    let untouched = empty.open().await;
    assert!(dump(&untouched.db).await.is_empty(), "nothing was restored");
    untouched.finish().await;

    // Once the requests have stopped, a backup restores to exactly the same rows.
    let quiet = folder.join("quiet.tar");
    server::backup::backup(&site.t.db, &site.t.url, &key, &quiet)
        .await
        .expect("backup");
    let exact = restored(backend, &quiet, &folder.join("restored-quiet")).await;
    assert_eq!(
        by_table(dump(&exact.db).await),
        by_table(dump(&site.t.db).await)
    );
    exact.finish().await;
    // Not a backup: a clear refusal.
    let not_backup = folder.join("notes.txt");
    std::fs::write(&not_backup, "hello").expect("write");
    let empty = EmptyDatabase::new(backend).await;
    let refused = server::backup::restore(
        &config(&[
            ("DATABASE_URL", empty.url.clone()),
            (
                "KNIT_DATA_DIR",
                folder.join("not-backup").display().to_string(),
            ),
        ]),
        &not_backup,
    )
    .await
    .expect_err("not a backup");
    assert!(
        refused.to_string().contains("is not a Knit backup"),
        "{refused}"
    );
    empty.open().await.finish().await;

    std::fs::remove_dir_all(&folder).ok();
    match Arc::try_unwrap(site) {
        Ok(site) => site.finish().await,
        Err(_) => panic!("the site is still in use"),
    }
}
