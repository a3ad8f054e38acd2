//! The roster in the database, on SQLite and on PostgreSQL.

use app::model::auth::{CurrentUser, Role};
use app::model::date::Date;
use app::people::service;
use app::people::Status;
use app::store::people::{self, RosterQuery, Scope};
use app::store::testing::TestDb;
use app::store::Db;

app::backend_tests!(
    import_adds_changes_and_is_idempotent,
    history_gives_the_roster_as_it_was,
    a_failed_apply_writes_nothing,
    deactivating_missing_people_is_opt_in,
    search_matches_words_accents_and_scopes,
    managers_see_only_their_reports,
    erasure_leaves_nothing_behind,
    export_escapes_formulas_and_imports_back_unchanged,
    edits_are_validated_and_recorded,
);

const ROSTER: &str = "Email,Full Name,Department,Team,Title,Manager Email,Location,Hire Date,Grade\n\
    ana@acme.test,Ana Lima,Engineering,Platform,Head of Engineering,,Lisbon,2019-03-15,7\n\
    rui@acme.test,Rui Costa,Engineering,Platform,Engineer,ana@acme.test,Lisbon,2023-02-01,4\n\
    bea@acme.test,Beatriz Sousa,Sales,EMEA,Account Executive,ana@acme.test,Porto,2024-06-01,3\n\
    joao@acme.test,João Gonçalves,Engineering,Data,Data Engineer,rui@acme.test,Lisbon,2025-01-10,4\n";

async fn import(db: &Db, csv: &str, as_of: &str, deactivate: bool) -> app::people::ImportSummary {
    let plan = service::plan_file(db, csv.as_bytes(), deactivate)
        .await
        .expect("plan");
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let as_of = Date::parse(as_of, app::model::date::SlashOrder::Unknown).expect("date");
    service::apply_plan(
        db,
        &Default::default(),
        &plan,
        as_of,
        None,
        "roster.csv",
        &|_| {},
    )
    .await
    .expect("apply")
}

fn analyst() -> CurrentUser {
    CurrentUser {
        id: 1,
        email: "hr@acme.test".into(),
        name: "HR".into(),
        role: Role::Analyst,
    }
}

async fn table_counts(db: &Db) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in ["people", "person_changes", "roster_imports"] {
        counts.push(
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(db.pool())
                .await
                .expect("count"),
        );
    }
    counts
}

async fn import_adds_changes_and_is_idempotent(t: TestDb) {
    let first = import(&t.db, ROSTER, "2025-02-01", false).await;
    assert_eq!((first.added, first.changed, first.unchanged), (4, 0, 0));
    let before = table_counts(&t.db).await;
    let again = import(&t.db, ROSTER, "2025-02-02", false).await;
    assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 4));
    assert_eq!(
        table_counts(&t.db).await,
        before,
        "the same file twice changes nothing"
    );

    let rui = people::find_id_by_email(&t.db, "RUI@acme.test")
        .await
        .expect("q")
        .expect("rui");
    let record = people::get(&t.db, rui).await.expect("q").expect("rui");
    assert_eq!(
        record.fields.attributes.get("Grade").map(String::as_str),
        Some("4")
    );
    let chain = people::manager_chain(
        &t.db,
        people::find_id_by_email(&t.db, "joao@acme.test")
            .await
            .expect("q")
            .expect("joao"),
    )
    .await
    .expect("chain");
    assert_eq!(
        chain.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        vec!["Rui Costa", "Ana Lima"]
    );
    t.finish().await;
}

async fn history_gives_the_roster_as_it_was(t: TestDb) {
    import(&t.db, ROSTER, "2025-02-01", false).await;
    let moved = ROSTER
        .replace(
            "Rui Costa,Engineering,Platform,Engineer,ana@acme.test",
            "Rui Costa,Engineering,Data,Senior Engineer,bea@acme.test",
        )
        .replace(",4\n", ",5\n");
    let summary = import(&t.db, &moved, "2025-07-01", false).await;
    assert_eq!(
        summary.changed, 2,
        "Rui (team, title, manager, grade) and João (grade)"
    );
    let rui = people::find_id_by_email(&t.db, "rui@acme.test")
        .await
        .expect("q")
        .expect("rui");
    let history = people::history(&t.db, rui).await.expect("history");
    let fields: Vec<&str> = history.iter().map(|c| c.field.as_str()).collect();
    for field in ["team", "title", "manager", "attr:Grade"] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    assert!(history.iter().all(|c| c.changed_on == "2025-07-01"));

    let then = people::roster_as_of(&t.db, "2025-03-01")
        .await
        .expect("as of");
    let rui_then = then.iter().find(|p| p.id == rui).expect("listed");
    assert_eq!(rui_then.fields.team.as_deref(), Some("Platform"));
    assert_eq!(rui_then.fields.title.as_deref(), Some("Engineer"));
    assert_eq!(rui_then.manager_email.as_deref(), Some("ana@acme.test"));
    assert_eq!(
        rui_then.fields.attributes.get("Grade").map(String::as_str),
        Some("4")
    );
    let now = people::roster_as_of(&t.db, "2025-08-01")
        .await
        .expect("as of");
    let rui_now = now.iter().find(|p| p.id == rui).expect("listed");
    assert_eq!(rui_now.fields.team.as_deref(), Some("Data"));
    assert_eq!(rui_now.manager_email.as_deref(), Some("bea@acme.test"));
    let early = people::roster_as_of(&t.db, "2020-01-01")
        .await
        .expect("as of");
    assert_eq!(
        early.len(),
        1,
        "only Ana was hired by 2020 (the others joined later)"
    );
    t.finish().await;
}

async fn a_failed_apply_writes_nothing(t: TestDb) {
    import(&t.db, ROSTER, "2025-02-01", false).await;
    let before = table_counts(&t.db).await;
    // Plan against the roster, then let someone else add one of the new people
    // before the plan is applied: the insert fails on the unique email.
    let csv = format!("{ROSTER}new1@acme.test,New One,Sales,EMEA,Rep,bea@acme.test,Porto,2025-03-01,2\nnew2@acme.test,New Two,Sales,EMEA,Rep,bea@acme.test,Porto,2025-03-01,2\n")
        .replace("Head of Engineering", "CTO");
    let plan = service::plan_file(&t.db, csv.as_bytes(), false)
        .await
        .expect("plan");
    assert_eq!((plan.added.len(), plan.changed.len()), (2, 1));
    import(
        &t.db,
        "Email,Full Name\nnew2@acme.test,Someone Else\n",
        "2025-02-15",
        false,
    )
    .await;
    let mid = table_counts(&t.db).await;
    assert_ne!(mid, before);
    let result = service::apply_plan(
        &t.db,
        &Default::default(),
        &plan,
        Date::today(),
        None,
        "roster.csv",
        &|_| {},
    )
    .await;
    assert!(result.is_err(), "the conflicting insert fails");
    assert_eq!(
        table_counts(&t.db).await,
        mid,
        "all or nothing: no partial import"
    );
    assert!(people::find_id_by_email(&t.db, "new1@acme.test")
        .await
        .expect("q")
        .is_none());
    let ana = people::find_id_by_email(&t.db, "ana@acme.test")
        .await
        .expect("q")
        .expect("ana");
    assert_eq!(
        people::get(&t.db, ana)
            .await
            .expect("q")
            .expect("ana")
            .fields
            .title
            .as_deref(),
        Some("Head of Engineering")
    );
    t.finish().await;
}

async fn deactivating_missing_people_is_opt_in(t: TestDb) {
    import(&t.db, ROSTER, "2025-02-01", false).await;
    let without_bea: String = ROSTER
        .lines()
        .filter(|l| !l.starts_with("bea@"))
        .map(|l| format!("{l}\n"))
        .collect();
    let kept = import(&t.db, &without_bea, "2025-03-01", false).await;
    assert_eq!(kept.deactivated, 0);
    let bea = people::find_id_by_email(&t.db, "bea@acme.test")
        .await
        .expect("q")
        .expect("bea");
    assert_eq!(
        people::get(&t.db, bea)
            .await
            .expect("q")
            .expect("bea")
            .status,
        Status::Active
    );
    let gone = import(&t.db, &without_bea, "2025-03-01", true).await;
    assert_eq!(gone.deactivated, 1);
    let record = people::get(&t.db, bea).await.expect("q").expect("bea");
    assert_eq!(record.status, Status::Inactive);
    assert_eq!(record.fields.end_date.as_deref(), Some("2025-03-01"));
    let active = people::search(&t.db, Scope::Everyone, &RosterQuery::default(), 1, 50)
        .await
        .expect("search");
    assert_eq!(active.total, 3, "leavers are left out of the active roster");
    let then = people::roster_as_of(&t.db, "2025-02-15")
        .await
        .expect("as of");
    assert_eq!(
        then.iter().find(|p| p.id == bea).map(|p| p.status),
        Some(Status::Active),
        "still in past waves"
    );
    t.finish().await;
}

async fn search_matches_words_accents_and_scopes(t: TestDb) {
    import(&t.db, ROSTER, "2025-02-01", false).await;
    let find = |text: &str| {
        let db = t.db.clone();
        let text = text.to_string();
        async move {
            people::search(
                &db,
                Scope::Everyone,
                &RosterQuery {
                    text,
                    include_inactive: false,
                },
                1,
                50,
            )
            .await
            .expect("search")
            .people
            .into_iter()
            .map(|p| p.name)
            .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        find("joao").await,
        vec!["João Gonçalves"],
        "accents are folded"
    );
    assert_eq!(find("GONÇ").await, vec!["João Gonçalves"]);
    assert_eq!(
        find("platform").await,
        vec!["Ana Lima", "Rui Costa"],
        "team, in name order"
    );
    assert_eq!(
        find("engineer platform").await.len(),
        2,
        "every word must match"
    );
    assert_eq!(find("bea@acme").await, vec!["Beatriz Sousa"], "email");
    assert!(find("100%").await.is_empty(), "wildcards are literal");
    let page = people::search(&t.db, Scope::Everyone, &RosterQuery::default(), 2, 3)
        .await
        .expect("search");
    assert_eq!((page.total, page.people.len()), (4, 1));
    t.finish().await;
}

async fn managers_see_only_their_reports(t: TestDb) {
    import(&t.db, ROSTER, "2025-02-01", false).await;
    // Real accounts: a manager's roster person is found through theirs.
    let manager = |email: &'static str| {
        let db = t.db.clone();
        async move {
            let id = app::auth::service::create_account(
                &db,
                &app::store::audit::Actor::command_line(),
                email,
                "Manager",
                Role::Manager,
                "a long password".into(),
            )
            .await
            .expect("account");
            CurrentUser {
                id,
                email: email.into(),
                name: "Manager".into(),
                role: Role::Manager,
            }
        }
    };
    let rui_as_manager = manager("rui@acme.test").await;
    let scope = service::scope_for(&t.db, &rui_as_manager)
        .await
        .expect("scope");
    let seen = people::search(&t.db, scope, &RosterQuery::default(), 1, 50)
        .await
        .expect("search");
    assert_eq!(
        seen.people
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        vec!["João Gonçalves"]
    );
    let ana = people::find_id_by_email(&t.db, "ana@acme.test")
        .await
        .expect("q")
        .expect("ana");
    let joao = people::find_id_by_email(&t.db, "joao@acme.test")
        .await
        .expect("q")
        .expect("joao");
    assert!(service::person_detail(&t.db, &rui_as_manager, joao)
        .await
        .is_ok());
    assert!(
        service::person_detail(&t.db, &rui_as_manager, ana)
            .await
            .is_err(),
        "not their report"
    );
    assert!(
        service::erase(&t.db, &Default::default(), &rui_as_manager, joao, None)
            .await
            .is_err(),
        "managers only look"
    );
    let ana_as_manager = manager("ana@acme.test").await;
    let scope = service::scope_for(&t.db, &ana_as_manager)
        .await
        .expect("scope");
    assert_eq!(
        people::search(&t.db, scope, &RosterQuery::default(), 1, 50)
            .await
            .expect("search")
            .total,
        3,
        "indirect reports too"
    );
    let stranger = manager("nobody@acme.test").await;
    let scope = service::scope_for(&t.db, &stranger).await.expect("scope");
    assert_eq!(
        people::search(&t.db, scope, &RosterQuery::default(), 1, 50)
            .await
            .expect("search")
            .total,
        0
    );
    t.finish().await;
}

async fn erasure_leaves_nothing_behind(t: TestDb) {
    import(&t.db, ROSTER, "2025-02-01", false).await;
    let moved = ROSTER.replace(
        "Rui Costa,Engineering,Platform,Engineer",
        "Rui Costa,Engineering,Platform,Staff Engineer",
    );
    import(&t.db, &moved, "2025-05-01", false).await;
    // An upload waiting for review that mentions Rui.
    sqlx::query("INSERT INTO users (email, email_key, name, role, password_hash, created_at, password_changed_at) VALUES ('hr@acme.test', 'hr@acme.test', 'HR', 'analyst', 'x', 0, 0)")
        .execute(t.db.pool()).await.expect("user");
    let hr: i64 = sqlx::query_scalar("SELECT id FROM users")
        .fetch_one(t.db.pool())
        .await
        .expect("id");
    people::save_upload(&t.db, hr, "next.csv", moved.as_bytes())
        .await
        .expect("upload");

    let rui = people::find_id_by_email(&t.db, "rui@acme.test")
        .await
        .expect("q")
        .expect("rui");
    let plan = service::erasure_plan(&t.db, &analyst(), rui)
        .await
        .expect("plan");
    assert_eq!(
        (
            plan.history_entries,
            plan.direct_reports,
            plan.pending_uploads
        ),
        (1, 1, 1)
    );
    service::erase(&t.db, &Default::default(), &analyst(), rui, None)
        .await
        .expect("erase");

    // Nothing about Rui remains in any table of the database.
    let tables: Vec<String> = match t.db.backend() {
        app::store::Backend::Sqlite => {
            sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .fetch_all(t.db.pool())
            .await
        }
        app::store::Backend::Postgres => {
            sqlx::query_scalar("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
                .fetch_all(t.db.pool())
                .await
        }
    }
    .expect("tables");
    for table in tables.into_iter().filter(|t| !t.starts_with("_sqlx")) {
        let rows = sqlx::query(&format!("SELECT * FROM {table}"))
            .fetch_all(t.db.pool())
            .await
            .expect("rows");
        for row in rows {
            use sqlx::{Column, Row};
            for column in row.columns() {
                let text: Option<String> = row
                    .try_get::<Option<String>, _>(column.ordinal())
                    .ok()
                    .flatten()
                    .or_else(|| {
                        row.try_get::<Option<Vec<u8>>, _>(column.ordinal())
                            .ok()
                            .flatten()
                            .map(|b| String::from_utf8_lossy(&b).into_owned())
                    });
                if let Some(text) = text {
                    let lower = text.to_lowercase();
                    assert!(
                        !lower.contains("rui@acme.test") && !lower.contains("rui costa"),
                        "{table}.{} still holds {text:?}",
                        column.name()
                    );
                }
            }
        }
    }
    let joao = people::find_id_by_email(&t.db, "joao@acme.test")
        .await
        .expect("q")
        .expect("joao");
    assert_eq!(
        people::get(&t.db, joao)
            .await
            .expect("q")
            .expect("joao")
            .manager_id,
        None,
        "reports stay, unmanaged"
    );
    t.finish().await;
}

async fn export_escapes_formulas_and_imports_back_unchanged(t: TestDb) {
    let risky = format!("{ROSTER}eve@acme.test,=HYPERLINK(\"http://evil\"),Sales,EMEA,+1 Rep,ana@acme.test,@home,2025-01-01,-3\n");
    import(&t.db, &risky, "2025-02-01", false).await;
    let csv = String::from_utf8(
        app::people::export::roster_csv(&t.db, &app::store::audit::Actor::command_line())
            .await
            .expect("export"),
    )
    .expect("utf-8");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(csv.contains("'+1 Rep") && csv.contains("'@home"), "{csv}");
    assert!(
        csv.contains(",-3") && !csv.contains("'-3"),
        "a number is not a formula: {csv}"
    );
    assert!(csv.starts_with("Email,Full Name,"), "{csv}");
    let again = import(&t.db, &csv, "2025-02-02", false).await;
    assert_eq!(
        (again.added, again.changed, again.unchanged),
        (0, 0, 5),
        "export → import round-trips"
    );
    t.finish().await;
}

async fn edits_are_validated_and_recorded(t: TestDb) {
    import(&t.db, ROSTER, "2025-02-01", false).await;
    let ana = people::find_id_by_email(&t.db, "ana@acme.test")
        .await
        .expect("q")
        .expect("ana");
    let joao = people::find_id_by_email(&t.db, "joao@acme.test")
        .await
        .expect("q")
        .expect("joao");
    let edit = |manager: &str, hire: &str| service::PersonEdit {
        full_name: "Ana Lima".into(),
        preferred_name: "Ana".into(),
        department: "Engineering".into(),
        team: "Platform".into(),
        title: "CTO".into(),
        location: "Lisbon".into(),
        manager_email: manager.into(),
        hire_date: hire.into(),
        end_date: String::new(),
        attributes: "Grade: 8\nRemote: yes".into(),
    };
    let loop_edit = service::edit(
        &t.db,
        &Default::default(),
        &analyst(),
        ana,
        edit("joao@acme.test", "2019-03-15"),
    )
    .await;
    assert!(
        matches!(loop_edit, Err(ref e) if e.to_string().starts_with("Manager:")),
        "{loop_edit:?}"
    );
    let bad_date = service::edit(
        &t.db,
        &Default::default(),
        &analyst(),
        ana,
        edit("", "yesterday"),
    )
    .await;
    assert!(
        matches!(bad_date, Err(ref e) if e.to_string().starts_with("Hire date:")),
        "{bad_date:?}"
    );
    service::edit(
        &t.db,
        &Default::default(),
        &analyst(),
        ana,
        edit("", "2019-03-15"),
    )
    .await
    .expect("edit");
    let record = people::get(&t.db, ana).await.expect("q").expect("ana");
    assert_eq!(record.fields.title.as_deref(), Some("CTO"));
    assert_eq!(
        record.fields.attributes.get("Remote").map(String::as_str),
        Some("yes")
    );
    let history = people::history(&t.db, ana).await.expect("history");
    assert!(history
        .iter()
        .any(|c| c.field == "title" && c.source == "edit"));

    service::set_status(
        &t.db,
        &Default::default(),
        &analyst(),
        joao,
        Status::Inactive,
    )
    .await
    .expect("deactivate");
    let record = people::get(&t.db, joao).await.expect("q").expect("joao");
    assert_eq!(record.status, Status::Inactive);
    assert_eq!(record.fields.end_date, Some(Date::today().iso()));
    t.finish().await;
}
