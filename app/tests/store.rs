//! The storage layer and the account rules, on SQLite and on PostgreSQL.

use app::auth::service::{self, hash_token};
use app::error::AppError;
use app::model::auth::Role;
use app::store::testing::TestDb;
use app::store::{now_ms, sessions, users, Backend};

app::backend_tests!(
    a_test_that_panics_leaves_no_database_behind,
    no_change_is_made_without_its_audit_entry,
    migrations_are_applied_and_versioned,
    sqlite_connections_use_wal_busy_timeout_and_foreign_keys,
    a_transaction_that_read_first_still_writes_after_another_commit,
    emails_are_unique_regardless_of_case,
    first_admin_can_be_created_once,
    sessions_store_only_a_hash_of_the_id,
    idle_and_absolute_timeouts_end_sessions,
    wrong_email_and_wrong_password_look_the_same,
    sign_in_is_throttled_per_account,
    the_wait_grows_for_whoever_keeps_guessing,
    a_burst_of_wrong_passwords_checks_at_most_the_limit,
    sign_in_is_throttled_per_address,
    signing_in_replaces_the_previous_session,
    changing_the_password_ends_other_sessions,
    deleting_a_user_removes_their_sessions,
    accounts_are_disabled_reassigned_reset_and_deleted_but_never_the_last_admin,
    bulk_writes_leave_the_planner_statistics_of_what_they_wrote,
);

/// PostgreSQL plans from statistics that autovacuum refreshes minutes later:
/// after a roster import, a wave's opening and an analysis, Knit refreshes
/// them itself (a stale plan listed 25 non-respondents in 174 ms, not 2).
async fn bulk_writes_leave_the_planner_statistics_of_what_they_wrote(t: TestDb) {
    if t.db.backend() != Backend::Postgres {
        return;
    }
    let analysed = |table: &'static str| {
        let db = t.db.clone();
        async move {
            let seen: Option<i64> = sqlx::query_scalar(
                "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = $1 AND last_analyze IS NOT NULL",
            )
            .bind(table)
            .fetch_optional(db.pool())
            .await
            .expect("statistics");
            seen
        }
    };
    let hr = app::fixtures::analyst(&t.db).await;
    app::fixtures::roster(&t.db, 12).await;
    assert!(
        analysed("people").await.is_some(),
        "after the roster import"
    );
    let key = app::mail::LinkKey::generate();
    let (_, wave, _) = app::fixtures::open_survey(&t.db, &hr, &key).await;
    assert!(
        analysed("invitations").await.is_some(),
        "after the wave opened"
    );
    app::fixtures::close_and_analyze(&t.db, wave).await;
    assert!(
        analysed("analysis_people").await.is_some(),
        "after the analysis"
    );
    t.finish().await;
}

async fn admin(t: &TestDb, email: &str) -> i64 {
    service::create_account(
        &t.db,
        &app::store::audit::Actor::command_line(),
        email,
        "Ana Lima",
        Role::Admin,
        "correct horse battery".into(),
    )
    .await
    .expect("create account")
}

async fn migrations_are_applied_and_versioned(t: TestDb) {
    let version = t.db.schema_version().await.expect("version");
    assert!(version >= 1);
    assert_eq!(version, t.db.latest_known_version());
    // Running them again is a no-op.
    t.db.migrate().await.expect("second migrate");
    assert_eq!(t.db.schema_version().await.expect("version"), version);
    t.finish().await;
}

async fn sqlite_connections_use_wal_busy_timeout_and_foreign_keys(t: TestDb) {
    if t.db.backend() == Backend::Sqlite {
        let mut conn = t.db.pool().acquire().await.expect("connection");
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        let timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        let fks: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        assert_eq!(mode, "wal");
        assert_eq!(timeout, 30000);
        assert_eq!(fks, 1);
    }
    // On both backends a session for a missing user violates its foreign key.
    let orphan = sessions::insert(
        &t.db,
        &sessions::NewSession {
            id_hash: "x",
            user_id: 999_999,
            now: 0,
            expires_at: 1,
            origin: &Default::default(),
        },
    )
    .await;
    assert!(orphan.is_err(), "foreign keys must be enforced");
    t.finish().await;
}

/// The race behind an earlier flaky failure: a transaction reads, another connection
/// writes meanwhile, then the transaction writes. SQLite used to refuse that last write.
async fn a_transaction_that_read_first_still_writes_after_another_commit(t: TestDb) {
    let mut tx = t.db.begin().await.expect("begin");
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM settings")
        .fetch_one(&mut *tx)
        .await
        .expect("read");
    let other_writer = tokio::spawn({
        let db = t.db.clone();
        async move { app::store::settings::set(db.pool(), "other", "written meanwhile").await }
    });
    // Gives the other writer the chance to commit first, as it did in the failure.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    sqlx::query("INSERT INTO settings (key, value) VALUES ('mine', 'written after reading')")
        .execute(&mut *tx)
        .await
        .expect("a transaction that has read can still write");
    tx.commit().await.expect("commit");
    other_writer
        .await
        .expect("join")
        .expect("the other write waits, then succeeds");
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM settings")
        .fetch_one(t.db.pool())
        .await
        .expect("count");
    assert_eq!(after, before + 2);
    t.finish().await;
}

async fn emails_are_unique_regardless_of_case(t: TestDb) {
    admin(&t, "Ana.Lima@Example.com").await;
    let again = service::create_account(
        &t.db,
        &app::store::audit::Actor::command_line(),
        " ana.lima@example.COM ",
        "Other",
        Role::Analyst,
        "another password".into(),
    )
    .await;
    assert!(
        matches!(again, Err(AppError::Conflict(ref m)) if m.starts_with("Email:")),
        "{again:?}"
    );
    let found = users::find_by_email(&t.db, "ANA.LIMA@example.com")
        .await
        .expect("query")
        .expect("found");
    assert_eq!(
        found.email, "Ana.Lima@Example.com",
        "the address is kept as typed"
    );
    t.finish().await;
}

async fn first_admin(db: &app::store::Db, email: &str, password: &str) -> Result<String, AppError> {
    service::create_first_admin(
        db,
        "Acme",
        email,
        "Ana",
        password.into(),
        &service::Visitor::default(),
    )
    .await
}

async fn first_admin_can_be_created_once(t: TestDb) {
    assert!(!users::setup_done(&t.db).await.expect("query"));
    let token = first_admin(&t.db, "ana@example.com", "correct horse battery")
        .await
        .expect("setup");
    let session = service::resolve_session(&t.db, &token)
        .await
        .expect("resolve")
        .expect("signed in");
    assert_eq!(session.user.role, Role::Admin);
    assert!(users::setup_done(&t.db).await.expect("query"));
    assert_eq!(
        app::store::settings::get(&t.db, app::store::settings::ORGANIZATION_NAME)
            .await
            .expect("query")
            .as_deref(),
        Some("Acme")
    );
    let second = first_admin(&t.db, "eve@example.com", "correct horse battery").await;
    assert!(matches!(second, Err(AppError::Conflict(_))), "{second:?}");
    assert!(users::find_by_email(&t.db, "eve@example.com")
        .await
        .expect("query")
        .is_none());

    // Bad input names the field and saves nothing.
    let t2 = t.another().await;
    let short = first_admin(&t2.db, "ana@example.com", "short").await;
    assert!(
        matches!(short, Err(AppError::Invalid(ref m)) if m.starts_with("Password:")),
        "{short:?}"
    );
    let broken = service::create_first_admin(
        &t2.db,
        "Acme\nBcc: everyone",
        "ana@example.com",
        "Ana",
        "correct horse battery".into(),
        &service::Visitor::default(),
    )
    .await;
    assert!(
        matches!(broken, Err(AppError::Invalid(ref m)) if m.starts_with("Organization:")),
        "{broken:?}"
    );
    assert!(!users::setup_done(&t2.db).await.expect("query"));
    t2.finish().await;
    t.finish().await;
}

/// The audit log refuses every entry from here on, as a full disk or a crash
/// between two statements would.
async fn break_the_audit_log(db: &app::store::Db) {
    let statements: &[&str] = match db.backend() {
        Backend::Sqlite => &["CREATE TRIGGER audit_down BEFORE INSERT ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'the audit log is down'); END"],
        Backend::Postgres => &[
            "CREATE FUNCTION audit_down() RETURNS trigger AS $$ \
             BEGIN RAISE EXCEPTION 'the audit log is down'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION audit_down()",
        ],
    };
    for statement in statements {
        sqlx::query(statement)
            .execute(db.pool())
            .await
            .expect("trigger");
    }
}

/// A change and its audit entry are one transaction: when the entry cannot
/// be written, the change is not made either.
async fn no_change_is_made_without_its_audit_entry(t: TestDb) {
    let operator = app::audit::Actor::command_line();
    let ana = admin(&t, "ana@example.com").await;
    let rui = service::create_account(
        &t.db,
        &operator,
        "rui@example.com",
        "Rui",
        Role::Manager,
        "correct horse battery".into(),
    )
    .await
    .expect("account");
    break_the_audit_log(&t.db).await;

    let disabled =
        service::change_account(&t.db, &operator, rui, users::AccountChange::Disable).await;
    assert!(disabled.is_err(), "{disabled:?}");
    let rui_now = users::find_by_id(&t.db, rui)
        .await
        .expect("query")
        .expect("rui");
    assert!(!rui_now.disabled, "disabled without an audit entry");

    let promoted = service::change_account(
        &t.db,
        &operator,
        ana,
        users::AccountChange::SetRole(Role::Manager),
    )
    .await;
    assert!(promoted.is_err());
    let ana_now = users::find_by_id(&t.db, ana)
        .await
        .expect("query")
        .expect("ana");
    assert_eq!(ana_now.role, Role::Admin);

    let created = service::create_administrator(
        &t.db,
        service::AdministratorBy::Operator,
        "eve@example.com",
        "Eve",
        "correct horse battery".into(),
        Some("Acme"),
    )
    .await;
    assert!(created.is_err());
    assert!(users::find_by_email(&t.db, "eve@example.com")
        .await
        .expect("query")
        .is_none());
    assert_eq!(
        app::store::settings::get(&t.db, app::store::settings::ORGANIZATION_NAME)
            .await
            .expect("query"),
        None,
        "the organization's name is saved with the administrator, or not at all"
    );
    t.finish().await;
}

async fn sessions_store_only_a_hash_of_the_id(t: TestDb) {
    admin(&t, "ana@example.com").await;
    let (_, token) = service::sign_in(
        &t.db,
        "ana@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(None),
        None,
    )
    .await
    .expect("sign in");
    let stored: Vec<String> = sqlx::query_scalar("SELECT id_hash FROM sessions")
        .fetch_all(t.db.pool())
        .await
        .expect("query");
    assert_eq!(stored, vec![hash_token(&token)]);
    assert!(!stored.contains(&token));
    let password_hash: String = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_one(t.db.pool())
        .await
        .expect("query");
    assert!(password_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    t.finish().await;
}

async fn idle_and_absolute_timeouts_end_sessions(t: TestDb) {
    admin(&t, "ana@example.com").await;
    let nobody = service::Visitor::default();
    let sign_in = || {
        service::sign_in(
            &t.db,
            "ana@example.com",
            "correct horse battery".into(),
            &nobody,
            None,
        )
    };
    let (_, idle) = sign_in().await.expect("sign in");
    let (_, old) = sign_in().await.expect("sign in");
    let (_, fresh) = sign_in().await.expect("sign in");
    let now = now_ms();
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
        .bind(now - service::SESSION_IDLE_MS - 1000)
        .bind(hash_token(&idle))
        .execute(t.db.pool())
        .await
        .expect("age");
    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE id_hash = $2")
        .bind(now - 1)
        .bind(hash_token(&old))
        .execute(t.db.pool())
        .await
        .expect("age");
    assert!(
        service::resolve_session(&t.db, &idle)
            .await
            .expect("resolve")
            .is_none(),
        "idle session ended"
    );
    assert!(
        service::resolve_session(&t.db, &old)
            .await
            .expect("resolve")
            .is_none(),
        "old session ended"
    );
    assert!(service::resolve_session(&t.db, &fresh)
        .await
        .expect("resolve")
        .is_some());
    assert!(service::resolve_session(&t.db, "not-a-token")
        .await
        .expect("resolve")
        .is_none());
    t.finish().await;
}

async fn wrong_email_and_wrong_password_look_the_same(t: TestDb) {
    admin(&t, "ana@example.com").await;
    let wrong_password = service::sign_in(
        &t.db,
        "ana@example.com",
        "not the password".into(),
        &service::Visitor::at(None),
        None,
    )
    .await;
    let wrong_email = service::sign_in(
        &t.db,
        "nobody@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(None),
        None,
    )
    .await;
    let (Err(a), Err(b)) = (wrong_password, wrong_email) else {
        panic!("both must fail")
    };
    assert_eq!(a, b);
    assert_eq!(a.to_string(), "Wrong email or password.");
    t.finish().await;
}

async fn sign_in_is_throttled_per_account(t: TestDb) {
    admin(&t, "ana@example.com").await;
    let attacker: std::net::IpAddr = "203.0.113.9".parse().expect("ip");
    for _ in 0..service::MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS {
        let r = service::sign_in(
            &t.db,
            "ana@example.com",
            "guess guess guess".into(),
            &service::Visitor::at(Some(attacker)),
            None,
        )
        .await;
        assert!(matches!(r, Err(AppError::Invalid(_))));
    }
    // From that address even the right password is refused, for this account only.
    let r = service::sign_in(
        &t.db,
        "ANA@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(Some(attacker)),
        None,
    )
    .await;
    assert!(matches!(r, Err(AppError::TooManyRequests(_))), "{r:?}");
    // The owner, elsewhere, is not locked out.
    let owner: std::net::IpAddr = "198.51.100.7".parse().expect("ip");
    let r = service::sign_in(
        &t.db,
        "ana@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(Some(owner)),
        None,
    )
    .await;
    assert!(r.is_ok(), "no lockout against every address: {r:?}");
    // An unknown account is throttled the same way, so throttling reveals nothing.
    for _ in 0..service::MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS {
        service::sign_in(
            &t.db,
            "ghost@example.com",
            "guess guess guess".into(),
            &service::Visitor::at(Some(attacker)),
            None,
        )
        .await
        .ok();
    }
    let r = service::sign_in(
        &t.db,
        "ghost@example.com",
        "guess guess guess".into(),
        &service::Visitor::at(Some(attacker)),
        None,
    )
    .await;
    assert!(matches!(r, Err(AppError::TooManyRequests(_))), "{r:?}");
    t.finish().await;
}

/// A burst is counted before any password is checked: of 60 wrong passwords
/// sent at once from one address, at most the limit are checked.
async fn a_burst_of_wrong_passwords_checks_at_most_the_limit(t: TestDb) {
    admin(&t, "ana@example.com").await;
    let attacker: std::net::IpAddr = "203.0.113.9".parse().expect("ip");
    let mut tasks = Vec::new();
    for _ in 0..60 {
        let db = t.db.clone();
        tasks.push(tokio::spawn(async move {
            service::sign_in(
                &db,
                "ana@example.com",
                "guess guess guess".into(),
                &service::Visitor::at(Some(attacker)),
                None,
            )
            .await
        }));
    }
    let (mut checked, mut refused) = (0, 0);
    for task in tasks {
        match task.await.expect("task") {
            Err(AppError::Invalid(_)) => checked += 1,
            Err(AppError::TooManyRequests(_)) => refused += 1,
            other => panic!("{other:?}"),
        }
    }
    assert!(
        checked <= service::MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS,
        "{checked} checked"
    );
    assert_eq!(checked + refused, 60);
    let owner: std::net::IpAddr = "198.51.100.7".parse().expect("ip");
    let r = service::sign_in(
        &t.db,
        "ana@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(Some(owner)),
        None,
    )
    .await;
    assert!(
        r.is_ok(),
        "the right password from another address signs in: {r:?}"
    );
    t.finish().await;
}

async fn the_wait_grows_for_whoever_keeps_guessing(t: TestDb) {
    admin(&t, "ana@example.com").await;
    let from: std::net::IpAddr = "203.0.113.9".parse().expect("ip");
    let pair = format!("{}{from}", sessions::pair_prefix("ana@example.com"));
    let earlier = |minutes: i64, n: usize| {
        let db = t.db.clone();
        let pair = pair.clone();
        async move {
            for _ in 0..n {
                sessions::record_login_failure(&db, &pair, now_ms() - minutes * 60_000)
                    .await
                    .expect("attempt");
            }
        }
    };
    let visitor = service::Visitor::at(Some(from));
    let right_password = || {
        service::sign_in(
            &t.db,
            "ana@example.com",
            "correct horse battery".into(),
            &visitor,
            None,
        )
    };
    // Five misses 20 minutes ago: a 15-minute wait, long over.
    earlier(20, 5).await;
    assert!(right_password().await.is_ok());
    // Ten misses 20 minutes ago: the window is 30 minutes now, and still on.
    earlier(20, 10).await;
    let r = right_password().await;
    assert!(
        matches!(&r, Err(AppError::TooManyRequests(m)) if m.contains("Wait 30 minutes")),
        "{r:?}"
    );
    t.finish().await;
}

async fn sign_in_is_throttled_per_address(t: TestDb) {
    admin(&t, "ana@example.com").await;
    let attacker: std::net::IpAddr = "203.0.113.9".parse().expect("ip");
    for i in 0..service::MAX_FAILURES_PER_ADDRESS {
        service::sign_in(
            &t.db,
            &format!("user{i}@example.com"),
            "guess guess guess".into(),
            &service::Visitor::at(Some(attacker)),
            None,
        )
        .await
        .ok();
    }
    let r = service::sign_in(
        &t.db,
        "ana@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(Some(attacker)),
        None,
    )
    .await;
    assert!(matches!(r, Err(AppError::TooManyRequests(_))), "{r:?}");
    let elsewhere: std::net::IpAddr = "198.51.100.7".parse().expect("ip");
    let r = service::sign_in(
        &t.db,
        "ana@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(Some(elsewhere)),
        None,
    )
    .await;
    assert!(r.is_ok(), "another address is not affected: {r:?}");
    t.finish().await;
}

async fn signing_in_replaces_the_previous_session(t: TestDb) {
    admin(&t, "ana@example.com").await;
    let (_, first) = service::sign_in(
        &t.db,
        "ana@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(None),
        None,
    )
    .await
    .expect("sign in");
    let previous = service::resolve_session(&t.db, &first)
        .await
        .expect("resolve")
        .expect("live");
    let (_, second) = service::sign_in(
        &t.db,
        "ana@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(None),
        Some(&previous),
    )
    .await
    .expect("sign in");
    assert_ne!(first, second);
    assert!(service::resolve_session(&t.db, &first)
        .await
        .expect("resolve")
        .is_none());
    assert!(service::resolve_session(&t.db, &second)
        .await
        .expect("resolve")
        .is_some());
    t.finish().await;
}

async fn changing_the_password_ends_other_sessions(t: TestDb) {
    admin(&t, "ana@example.com").await;
    let (_, here) = service::sign_in(
        &t.db,
        "ana@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(None),
        None,
    )
    .await
    .expect("sign in");
    let (_, elsewhere) = service::sign_in(
        &t.db,
        "ana@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(None),
        None,
    )
    .await
    .expect("sign in");
    let session = service::resolve_session(&t.db, &here)
        .await
        .expect("resolve")
        .expect("live");

    let wrong = service::change_password(
        &t.db,
        &session,
        "not it at all".into(),
        "a brand new passphrase".into(),
    )
    .await;
    assert!(
        matches!(wrong, Err(AppError::Invalid(ref m)) if m.starts_with("Current password")),
        "{wrong:?}"
    );
    let short = service::change_password(
        &t.db,
        &session,
        "correct horse battery".into(),
        "short".into(),
    )
    .await;
    assert!(
        matches!(short, Err(AppError::Invalid(ref m)) if m.starts_with("New password")),
        "{short:?}"
    );

    let ended = service::change_password(
        &t.db,
        &session,
        "correct horse battery".into(),
        "a brand new passphrase".into(),
    )
    .await
    .expect("change");
    assert_eq!(ended, 1);
    assert!(service::resolve_session(&t.db, &here)
        .await
        .expect("resolve")
        .is_some());
    assert!(service::resolve_session(&t.db, &elsewhere)
        .await
        .expect("resolve")
        .is_none());
    assert!(service::sign_in(
        &t.db,
        "ana@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(None),
        None
    )
    .await
    .is_err());
    assert!(service::sign_in(
        &t.db,
        "ana@example.com",
        "a brand new passphrase".into(),
        &service::Visitor::at(None),
        None
    )
    .await
    .is_ok());
    t.finish().await;
}

async fn deleting_a_user_removes_their_sessions(t: TestDb) {
    let id = admin(&t, "ana@example.com").await;
    let (_, token) = service::sign_in(
        &t.db,
        "ana@example.com",
        "correct horse battery".into(),
        &service::Visitor::at(None),
        None,
    )
    .await
    .expect("sign in");
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(id)
        .execute(t.db.pool())
        .await
        .expect("delete");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(t.db.pool())
        .await
        .expect("count");
    assert_eq!(left, 0, "ON DELETE CASCADE");
    assert!(service::resolve_session(&t.db, &token)
        .await
        .expect("resolve")
        .is_none());
    t.finish().await;
}

async fn accounts_are_disabled_reassigned_reset_and_deleted_but_never_the_last_admin(t: TestDb) {
    use app::store::audit::Actor;
    use app::store::users::AccountChange as Change;
    let ana = admin(&t, "ana@example.com").await;
    let rui = service::create_account(
        &t.db,
        &app::store::audit::Actor::command_line(),
        "rui@example.com",
        "Rui",
        Role::Analyst,
        "correct horse battery".into(),
    )
    .await
    .expect("analyst");
    let actor = Actor::command_line();
    let sign_in = |email: &'static str, password: &'static str| {
        let db = t.db.clone();
        async move { service::sign_in(&db, email, password.into(), &Default::default(), None).await }
    };
    let (_, token) = sign_in("rui@example.com", "correct horse battery")
        .await
        .expect("signed in");

    // Disabling ends the sessions at once and refuses sign-in; enabling restores it.
    let ended = service::change_account(&t.db, &actor, rui, Change::Disable)
        .await
        .expect("disable");
    assert_eq!(ended, 1);
    assert!(service::resolve_session(&t.db, &token)
        .await
        .expect("resolve")
        .is_none());
    assert!(sign_in("rui@example.com", "correct horse battery")
        .await
        .is_err());
    service::change_account(&t.db, &actor, rui, Change::Enable)
        .await
        .expect("enable");
    let (user, token) = sign_in("rui@example.com", "correct horse battery")
        .await
        .expect("back");
    assert_eq!(user.role, Role::Analyst);

    // A role change shows at the next request.
    service::change_account(&t.db, &actor, rui, Change::SetRole(Role::Manager))
        .await
        .expect("role");
    let session = service::resolve_session(&t.db, &token)
        .await
        .expect("resolve")
        .expect("live");
    assert_eq!(session.user.role, Role::Manager);

    // A new password ends every session.
    assert!(service::set_password(&t.db, &actor, rui, "short".into())
        .await
        .is_err());
    service::set_password(&t.db, &actor, rui, "a brand new passphrase".into())
        .await
        .expect("reset");
    assert!(service::resolve_session(&t.db, &token)
        .await
        .expect("resolve")
        .is_none());
    assert!(sign_in("rui@example.com", "a brand new passphrase")
        .await
        .is_ok());

    // Nothing leaves the instance without an active administrator.
    for change in [
        Change::Disable,
        Change::SetRole(Role::Analyst),
        Change::Delete,
    ] {
        let err = service::change_account(&t.db, &actor, ana, change.clone())
            .await
            .expect_err("last admin");
        assert!(matches!(err, AppError::Conflict(_)), "{change:?}: {err:?}");
    }
    assert!(
        sign_in("ana@example.com", "correct horse battery")
            .await
            .is_ok(),
        "still an admin"
    );
    service::change_account(&t.db, &actor, rui, Change::SetRole(Role::Admin))
        .await
        .expect("second admin");
    service::change_account(&t.db, &actor, ana, Change::Delete)
        .await
        .expect("now ana can go");
    assert!(users::find_by_id(&t.db, ana)
        .await
        .expect("query")
        .is_none());
    let err = service::change_account(&t.db, &actor, rui, Change::Disable)
        .await
        .expect_err("rui is the last");
    assert!(err.to_string().contains("rui@example.com"), "{err}");

    // Each change is in the audit log.
    let log = app::audit::service::all_since(&t.db, None)
        .await
        .expect("log");
    let said: Vec<&str> = log.iter().map(|e| e.object.as_str()).collect();
    for expected in [
        "account rui@example.com: disabled",
        "account rui@example.com: enabled",
        "account rui@example.com: Manager",
        "account rui@example.com: given a new password",
        "account ana@example.com: deleted",
    ] {
        assert!(said.contains(&expected), "{expected} in {said:?}");
    }
    t.finish().await;
}

/// Whether the database a test URL names still exists.
async fn exists(t: &TestDb, url: &str) -> bool {
    match t.db.backend() {
        Backend::Sqlite => {
            let file = url.strip_prefix("sqlite://").expect("a SQLite URL");
            std::path::Path::new(file)
                .parent()
                .expect("its folder")
                .exists()
        }
        Backend::Postgres => {
            let name = url.rsplit('/').next().expect("a database name");
            let count: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
                    .bind(name)
                    .fetch_one(t.db.pool())
                    .await
                    .expect("query");
            count > 0
        }
    }
}

async fn a_test_that_panics_leaves_no_database_behind(t: TestDb) {
    let failing = t.another().await;
    let url = failing.url.clone();
    assert!(exists(&t, &url).await);
    let outcome = tokio::spawn(async move {
        let _held = failing;
        panic!("a test fails before it calls finish");
    })
    .await;
    assert!(outcome.is_err(), "the test panicked");
    assert!(!exists(&t, &url).await, "{url} is left behind");
    t.finish().await;
}
