//! What newcomers and their managers read about suggested colleagues gives no
//! one's answer away: on the demo company, every introductions email, every
//! manager's copy, every newcomer's own page and every manager's view of their
//! newcomers holds roster facts and counts of at least five people only. The
//! analyst, who may see everything, reads the full reasons, and the same check
//! finds answers in those: it is not a check that cannot fail. The boundary
//! test (boundary.rs) checks every route for every kind of reader.

mod common;

use app::model::auth::{CurrentUser, Role};
use app::model::date::Date;
use app::store::testing::TestDb;

app::backend_tests!(newcomers_and_managers_learn_no_ones_answer_from_introductions);

fn reader(email: &str, role: Role) -> CurrentUser {
    CurrentUser {
        id: 0,
        email: email.into(),
        name: "Reader".into(),
        role,
    }
}

/// Not the default k, so that a page falling back to the default shows.
fn policy() -> app::model::policy::Policy {
    app::model::policy::Policy {
        privacy: app::privacy::Privacy {
            min_group: 7,
            ..Default::default()
        },
        ..Default::default()
    }
}

fn disclosure(reason: &str) -> Option<String> {
    common::reason_leak(reason, policy().min_people())
}

fn assert_discloses_nothing(what: &str, reasons: &[String]) {
    for reason in reasons {
        if let Some(found) = disclosure(reason) {
            panic!("{what} discloses an answer: {found}");
        }
    }
}

async fn newcomers_and_managers_learn_no_ones_answer_from_introductions(t: TestDb) {
    let key = app::mail::LinkKey::generate();
    app::demo::load(
        &t.db,
        &policy(),
        &key,
        300,
        1,
        Date::new(2026, 6, 30).expect("date"),
        &|_| {},
    )
    .await
    .expect("demo");
    let copy = app::newcomers::NewcomerSettings {
        copy_manager: true,
        ..Default::default()
    };
    app::store::newcomers::save_settings(t.db.pool(), &copy)
        .await
        .expect("settings");
    let hr = reader("hr@example.com", Role::Analyst);
    let view = app::newcomers::service::staff_page(&t.db, &hr, 0)
        .await
        .expect("view")
        .expect("analyzed");

    // The analyst reads every fact, answers included.
    let analyst_reasons: Vec<String> = view
        .rows
        .iter()
        .flat_map(|r| r.suggestions.iter().flat_map(|s| s.reasons.clone()))
        .collect();
    assert!(
        analyst_reasons.iter().any(|r| disclosure(r).is_some()),
        "the check finds answers in the analyst's full reasons"
    );

    let newcomers: Vec<i64> = view
        .rows
        .iter()
        .filter(|r| !r.suggestions.is_empty())
        .map(|r| r.figures.person_id)
        .collect();
    assert!(newcomers.len() >= 10, "{}", newcomers.len());
    for &newcomer in &newcomers {
        app::newcomers::service::send_introductions(
            &t.db,
            &Default::default(),
            &key,
            &hr,
            newcomer,
        )
        .await
        .expect("sent");
    }

    // Every newcomer's own page.
    let mut shown = 0;
    for &newcomer in &newcomers {
        for i in app::newcomers::service::my_introductions(&t.db, &policy(), newcomer, None)
            .await
            .expect("page")
            .introductions
        {
            assert!(!i.reasons.is_empty(), "every colleague comes with a reason");
            assert_discloses_nothing("a newcomer's page", &i.reasons);
            shown += 1;
        }
    }
    assert!(shown >= 20, "{shown}");

    // Every manager's view of their newcomers, list and page.
    let managers: std::collections::BTreeSet<i64> = view
        .rows
        .iter()
        .filter_map(|r| r.figures.manager_id)
        .collect();
    let mut managers_read = 0;
    for manager in managers {
        let email: String = sqlx::query_scalar("SELECT email FROM people WHERE id = $1")
            .bind(manager)
            .fetch_one(t.db.pool())
            .await
            .expect("email");
        // A real account: a manager's reports are found through it.
        let id = app::auth::service::create_account(
            &t.db,
            &app::store::audit::Actor::command_line(),
            &email,
            "Manager",
            Role::Manager,
            "a long password".into(),
        )
        .await
        .expect("account");
        let as_manager = CurrentUser {
            id,
            ..reader(&email, Role::Manager)
        };
        let theirs = app::newcomers::service::manager_page(&t.db, &policy(), &as_manager, 0)
            .await
            .expect("view")
            .expect("analyzed");
        assert!(!theirs.rows.is_empty(), "{email} sees their newcomers");
        for row in &theirs.rows {
            for s in &row.introductions {
                assert_discloses_nothing("a manager's list", &s.reasons);
                managers_read += 1;
            }
            let Some(app::newcomers::NewcomerDetail::Manager(one)) =
                app::newcomers::service::one(&t.db, &policy(), &as_manager, row.person_id)
                    .await
                    .expect("page")
            else {
                panic!("{email} reads their newcomer as a manager");
            };
            for s in &one.introductions {
                assert_discloses_nothing("a manager's newcomer page", &s.reasons);
            }
        }
    }

    assert!(
        managers_read >= 10,
        "managers read the introductions sent: {managers_read}"
    );

    // Every email: the newcomer's and the manager's copy.
    let folder = common::deliver_to_folder(&t.db, &key, "disclosure").await;
    let mut emails = 0;
    let mut copies = 0;
    for entry in std::fs::read_dir(&folder).expect("outbox folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let is_copy = name.contains("-manager_copy-");
        if !name.contains("-introductions-") && !is_copy {
            continue;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &std::path::Path| {
                std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
            };
            assert_eq!(mode(&path), 0o600, "{name} carries a personal link");
            assert_eq!(mode(&folder), 0o700);
        }
        let lines = common::introduction_lines(&std::fs::read_to_string(&path).expect("eml"));
        assert!(!lines.is_empty(), "{name} lists its introductions");
        assert_discloses_nothing(&name, &lines);
        if is_copy {
            copies += 1;
        } else {
            emails += 1;
        }
    }
    assert_eq!(emails, newcomers.len(), "one email per newcomer");
    assert!(copies > 0, "managers got their copies");
    std::fs::remove_dir_all(&folder).ok();
    t.finish().await;
}
