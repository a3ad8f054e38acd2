//! Survey rules on SQLite and PostgreSQL: links, lifecycle, answers, access.

use app::auth::service::hash_token;
use app::error::AppError;
use app::fixtures::{analyst, definition, in_days, roster};
use app::mail::LinkKey;
use app::model::auth::{CurrentUser, Role};
use app::model::date::Date;
use app::store::surveys as store;
use app::store::testing::TestDb;
use app::store::Db;
use app::surveys::service::{self, Link};
use app::surveys::{Answers, RelationKind, TieAnswer};
use std::collections::BTreeMap;

app::backend_tests!(
    links_store_only_hashes_and_can_be_reissued,
    questions_lock_when_a_wave_opens_and_closing_stops_edits,
    a_resubmission_replaces_the_answers,
    respondents_write_only_their_own_answers,
    small_groups_are_suppressed_for_managers,
    a_closed_waves_response_is_counted_as_it_closed,
    two_hundred_respondents_at_once_lose_nothing,
    erasing_a_person_removes_their_answers_and_mentions,
    waves_open_and_close_on_their_dates,
    the_live_picker_names_and_unnames_one_colleague_at_a_time,
    the_first_steps_tick_themselves,
);

/// A survey with one open wave; returns (survey, wave, tokens by person).
async fn open_survey(db: &Db, hr: &CurrentUser) -> (i64, i64, BTreeMap<i64, String>) {
    let survey = service::create_survey(db, hr, &definition())
        .await
        .expect("survey");
    let wave = service::add_wave(db, hr, survey, &in_days(0), &in_days(20))
        .await
        .expect("wave");
    let tokens = service::open_wave(db, &LinkKey::generate(), hr, wave)
        .await
        .expect("open")
        .into_iter()
        .collect();
    (survey, wave, tokens)
}

async fn relation_ids(db: &Db, survey: i64) -> Vec<i64> {
    store::get(db, survey)
        .await
        .expect("q")
        .expect("survey")
        .definition
        .relations
        .iter()
        .map(|r| r.id)
        .collect()
}

/// A date `days` from today, as the builder takes it.
fn ties(relation: i64, named: &[i64], frequency: i64) -> Vec<TieAnswer> {
    named
        .iter()
        .map(|&n| TieAnswer {
            relation_id: relation,
            named_id: n,
            scales: BTreeMap::from([("frequency".to_string(), frequency)]),
        })
        .collect()
}

async fn links_store_only_hashes_and_can_be_reissued(t: TestDb) {
    let hr = analyst(&t.db).await;
    let people = roster(&t.db, 20).await;
    let (_, wave, tokens) = open_survey(&t.db, &hr).await;
    assert_eq!(tokens.len(), 20, "one invitation per active person");
    let token = &tokens[&people[3]];
    assert_eq!(token.len(), 64, "256 random bits");
    let stored: Vec<Option<String>> = sqlx::query_scalar("SELECT token_hash FROM invitations")
        .fetch_all(t.db.pool())
        .await
        .expect("q");
    assert!(
        stored.iter().all(|h| h.as_deref() != Some(token.as_str())),
        "no token is stored"
    );
    assert!(stored.contains(&Some(hash_token(token))));

    assert!(
        matches!(service::follow_link(&t.db, token).await.expect("link"), Link::Open { person_id, .. } if person_id == people[3])
    );
    assert!(matches!(
        service::follow_link(&t.db, "forged").await.expect("link"),
        Link::Invalid
    ));
    let new = service::reissue_link(&t.db, &LinkKey::generate(), &hr, wave, people[3])
        .await
        .expect("reissue")
        .token;
    assert!(
        matches!(
            service::follow_link(&t.db, token).await.expect("link"),
            Link::Invalid
        ),
        "the old link stops working"
    );
    assert!(matches!(
        service::follow_link(&t.db, &new).await.expect("link"),
        Link::Open { .. }
    ));
    service::revoke_link(&t.db, &hr, wave, people[3])
        .await
        .expect("revoke");
    assert!(matches!(
        service::follow_link(&t.db, &new).await.expect("link"),
        Link::Invalid
    ));
    t.finish().await;
}

async fn questions_lock_when_a_wave_opens_and_closing_stops_edits(t: TestDb) {
    let hr = analyst(&t.db).await;
    let people = roster(&t.db, 10).await;
    let survey = service::create_survey(&t.db, &hr, &definition())
        .await
        .expect("survey");
    let mut edited = definition();
    edited.relations.push(RelationKind::Access.template());
    service::update_survey(&t.db, &hr, survey, &edited)
        .await
        .expect("drafts can change");
    let wave = service::add_wave(&t.db, &hr, survey, &in_days(0), &in_days(20))
        .await
        .expect("wave");
    let tokens: BTreeMap<i64, String> = service::open_wave(&t.db, &LinkKey::generate(), &hr, wave)
        .await
        .expect("open")
        .into_iter()
        .collect();
    let locked = service::update_survey(&t.db, &hr, survey, &definition()).await;
    assert!(matches!(locked, Err(AppError::Conflict(_))), "{locked:?}");
    let past = service::add_wave(&t.db, &hr, survey, "2020-01-01", "2020-01-21").await;
    assert!(
        matches!(past, Err(AppError::Invalid(ref m)) if m.contains("has passed")),
        "{past:?}"
    );
    assert_eq!(
        relation_ids(&t.db, survey).await.len(),
        3,
        "nothing changed"
    );
    assert!(matches!(
        service::add_wave(&t.db, &hr, survey, &in_days(90), &in_days(110)).await,
        Err(AppError::Conflict(_))
    ));

    let relation = relation_ids(&t.db, survey).await[0];
    let answers = Answers {
        ties: ties(relation, &people[1..3], 3),
        attributes: BTreeMap::new(),
    };
    service::save_answers(&t.db, wave, people[0], &answers, true)
        .await
        .expect("save while open");
    service::close_wave(&t.db, &app::model::policy::Policy::default(), &hr, wave)
        .await
        .expect("close");
    let late = service::save_answers(&t.db, wave, people[0], &Answers::default(), true).await;
    assert!(matches!(late, Err(AppError::Conflict(_))), "{late:?}");
    assert_eq!(
        store::answers_of(&t.db, wave, people[0])
            .await
            .expect("q")
            .ties
            .len(),
        2,
        "closed answers stay"
    );
    assert!(matches!(
        service::follow_link(&t.db, &tokens[&people[0]])
            .await
            .expect("link"),
        Link::Closed
    ));

    let second = service::add_wave(&t.db, &hr, survey, &in_days(90), &in_days(110))
        .await
        .expect("next wave");
    let record = store::get(&t.db, survey).await.expect("q").expect("survey");
    assert_eq!(
        record.waves.iter().map(|w| w.number).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(
        record
            .waves
            .iter()
            .find(|w| w.id == second)
            .map(|w| w.status),
        Some(app::surveys::WaveStatus::Draft)
    );
    t.finish().await;
}

async fn a_resubmission_replaces_the_answers(t: TestDb) {
    let hr = analyst(&t.db).await;
    let people = roster(&t.db, 12).await;
    let (survey, wave, _) = open_survey(&t.db, &hr).await;
    let relation = relation_ids(&t.db, survey).await[0];
    let first = Answers {
        ties: ties(relation, &people[1..6], 4),
        attributes: BTreeMap::new(),
    };
    service::save_answers(&t.db, wave, people[0], &first, false)
        .await
        .expect("draft save");
    let non: Vec<i64> = store::non_respondents(&t.db, wave, 1000, None)
        .await
        .expect("q")
        .iter()
        .map(|r| r.person_id)
        .collect();
    assert!(non.contains(&people[0]), "a draft is not a submission");
    let few = store::non_respondents(&t.db, wave, 1, None)
        .await
        .expect("q");
    assert_eq!(few.len(), 1, "a few listed");
    let first = &few[0];
    let found = store::non_respondents(&t.db, wave, 1000, Some(&first.email.to_uppercase()))
        .await
        .expect("q");
    assert_eq!(
        found.iter().map(|p| p.person_id).collect::<Vec<_>>(),
        [first.person_id],
        "found by email, whatever its case"
    );
    let literal = store::non_respondents(&t.db, wave, 1000, Some("%"))
        .await
        .expect("q");
    assert!(literal.is_empty(), "% is a character, not a wildcard");
    let second = Answers {
        ties: ties(relation, &people[7..8], 5),
        attributes: BTreeMap::new(),
    };
    service::save_answers(&t.db, wave, people[0], &second, true)
        .await
        .expect("submit");
    let saved = store::answers_of(&t.db, wave, people[0]).await.expect("q");
    assert_eq!(saved, second, "replaced, not merged");
    let non: Vec<i64> = store::non_respondents(&t.db, wave, 1000, None)
        .await
        .expect("q")
        .iter()
        .map(|r| r.person_id)
        .collect();
    assert!(!non.contains(&people[0]));
    let bad = Answers {
        ties: ties(relation, &people[1..2], 9),
        attributes: BTreeMap::new(),
    };
    assert!(matches!(
        service::save_answers(&t.db, wave, people[0], &bad, true).await,
        Err(AppError::Invalid(_))
    ));
    assert_eq!(
        store::answers_of(&t.db, wave, people[0]).await.expect("q"),
        second,
        "a rejected save loses nothing"
    );
    t.finish().await;
}

async fn respondents_write_only_their_own_answers(t: TestDb) {
    let hr = analyst(&t.db).await;
    let people = roster(&t.db, 10).await;
    let (survey, wave, _) = open_survey(&t.db, &hr).await;
    let relation = relation_ids(&t.db, survey).await[0];
    let myself = Answers {
        ties: ties(relation, &people[0..1], 3),
        attributes: BTreeMap::new(),
    };
    assert!(
        matches!(
            service::save_answers(&t.db, wave, people[0], &myself, true).await,
            Err(AppError::Invalid(_))
        ),
        "no self-ties"
    );
    // Someone not invited to the wave (added to the roster after it opened).
    let outsider = "Email,Name\nlate@example.com,Late Joiner\n";
    app::fixtures::import(&t.db, outsider).await;
    let late: i64 = app::store::people::find_id_by_email(&t.db, "late@example.com")
        .await
        .expect("q")
        .expect("id");
    let answers = Answers {
        ties: ties(relation, &people[1..2], 3),
        attributes: BTreeMap::new(),
    };
    assert!(matches!(
        service::save_answers(&t.db, wave, late, &answers, true).await,
        Err(AppError::Forbidden)
    ));
    let manager = CurrentUser {
        role: Role::Manager,
        ..hr.clone()
    };
    assert!(matches!(
        service::create_survey(&t.db, &manager, &definition()).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        service::open_wave(&t.db, &LinkKey::generate(), &manager, wave).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        service::reissue_link(&t.db, &LinkKey::generate(), &manager, wave, people[1]).await,
        Err(AppError::Forbidden)
    ));
    t.finish().await;
}

async fn small_groups_are_suppressed_for_managers(t: TestDb) {
    let hr = analyst(&t.db).await;
    let csv = "Email,Name,Department\n".to_string()
        + &(0..20)
            .map(|i| format!("e{i}@x.io,E{i},Engineering\n"))
            .collect::<String>()
        + &(0..10)
            .map(|i| format!("s{i}@x.io,S{i},Sales\n"))
            .collect::<String>()
        + &(0..3)
            .map(|i| format!("f{i}@x.io,F{i},Finance\n"))
            .collect::<String>();
    app::fixtures::import(&t.db, &csv).await;
    let (_, wave, _) = open_survey(&t.db, &hr).await;
    // Engineering: 12 of 20 answer; Sales 5 of 10; Finance 3 of 3.
    let answer = |prefix: &'static str, answering: usize| {
        let db = t.db.clone();
        async move {
            for i in 0..answering {
                let id: i64 = sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
                    .bind(format!("{prefix}{i}@x.io"))
                    .fetch_one(db.pool())
                    .await
                    .expect("id");
                service::save_answers(&db, wave, id, &Answers::default(), true)
                    .await
                    .expect("answered");
            }
        }
    };
    for (prefix, answering) in [("e", 12), ("s", 5), ("f", 3)] {
        answer(prefix, answering).await;
    }
    let counts = app::store::responses::response_counts(&t.db, wave)
        .await
        .expect("counts");
    let (overall, groups) =
        service::response_rates(&app::model::policy::Policy::default(), &hr, &counts);
    assert_eq!(overall.invited, Some(33));
    assert!(
        groups.iter().all(|g| g.invited.is_some()),
        "analysts see every group"
    );
    let manager = CurrentUser {
        role: Role::Manager,
        ..hr.clone()
    };
    let shown = |groups: &[app::surveys::GroupResponse]| -> Vec<(String, Option<i64>)> {
        groups
            .iter()
            .map(|g| (g.group.clone(), g.answered))
            .collect()
    };
    let counts = app::store::responses::response_counts(&t.db, wave)
        .await
        .expect("counts");
    let (overall, groups) =
        service::response_rates(&app::model::policy::Policy::default(), &manager, &counts);
    assert_eq!(overall.answered, Some(20));
    // Finance (all 3 answered: a fact about each) is hidden; Sales (5 and 5)
    // is hidden too, or Finance = 20 - 12 - 5.
    assert_eq!(
        shown(&groups),
        vec![
            ("Engineering".to_string(), Some(12)),
            ("Finance".to_string(), None),
            ("Sales".to_string(), None)
        ]
    );
    // Eight more engineers answer: 20 of 20 is a fact about each of them,
    // and 28 of 33 leaves five who did not, so the total is shown.
    answer("e", 20).await;
    let counts = app::store::responses::response_counts(&t.db, wave)
        .await
        .expect("counts");
    let (overall, groups) =
        service::response_rates(&app::model::policy::Policy::default(), &manager, &counts);
    assert_eq!(overall.answered, Some(28));
    assert!(
        shown(&groups).iter().all(|(_, a)| a.is_none()),
        "{groups:?}"
    );
    t.finish().await;
}

async fn a_closed_waves_response_is_counted_as_it_closed(t: TestDb) {
    let hr = analyst(&t.db).await;
    let csv = "Email,Name,Department\n".to_string()
        + &(0..6)
            .map(|i| format!("e{i}@x.io,E{i},Engineering\n"))
            .collect::<String>()
        + &(0..4)
            .map(|i| format!("s{i}@x.io,S{i},Sales\n"))
            .collect::<String>();
    app::fixtures::import(&t.db, &csv).await;
    let (_, wave, _) = open_survey(&t.db, &hr).await;
    let id_of = |email: &'static str| {
        let db = t.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM people WHERE email = $1")
                .bind(email)
                .fetch_one(db.pool())
                .await
                .expect("id")
        }
    };
    for email in ["e0@x.io", "e1@x.io", "s0@x.io"] {
        service::save_answers(&t.db, wave, id_of(email).await, &Answers::default(), true)
            .await
            .expect("answered");
    }
    let by_department =
        |counts: &[app::store::responses::ResponseCount]| -> Vec<(Option<String>, i64, i64)> {
            let mut sums: BTreeMap<Option<String>, (i64, i64)> = BTreeMap::new();
            for c in counts {
                let sum = sums.entry(c.department.clone()).or_default();
                *sum = (sum.0 + c.invited, sum.1 + c.answered);
            }
            sums.into_iter().map(|(d, (i, a))| (d, i, a)).collect()
        };
    let as_opened = vec![
        (Some("Engineering".to_string()), 6, 2),
        (Some("Sales".to_string()), 4, 1),
    ];
    let move_to_sales = |email: &'static str| {
        let db = t.db.clone();
        async move {
            sqlx::query("UPDATE people SET department = 'Sales' WHERE email = $1")
                .bind(email)
                .execute(db.pool())
                .await
                .expect("moved");
        }
    };
    let counts = app::store::responses::response_counts(&t.db, wave)
        .await
        .expect("counts");
    assert_eq!(by_department(&counts), as_opened);
    // While the wave is open the roster of today is read: a move shows.
    move_to_sales("e5@x.io").await;
    let counts = app::store::responses::response_counts(&t.db, wave)
        .await
        .expect("counts");
    assert_eq!(
        by_department(&counts),
        vec![
            (Some("Engineering".to_string()), 5, 2),
            (Some("Sales".to_string()), 5, 1),
        ]
    );
    service::close_wave(&t.db, &app::model::policy::Policy::default(), &hr, wave)
        .await
        .expect("close");
    let stored: Option<String> =
        sqlx::query_scalar("SELECT response_counts FROM waves WHERE id = $1")
            .bind(wave)
            .fetch_one(t.db.pool())
            .await
            .expect("stored");
    assert!(stored.is_some(), "counted as it closed");
    // Once closed, the wave keeps the departments of its day.
    move_to_sales("e0@x.io").await;
    let closed = app::store::responses::response_counts(&t.db, wave)
        .await
        .expect("counts");
    assert_eq!(
        by_department(&closed),
        vec![
            (Some("Engineering".to_string()), 5, 2),
            (Some("Sales".to_string()), 5, 1),
        ]
    );
    // A wave closed before the counts were kept is counted once, then kept.
    sqlx::query("UPDATE waves SET response_counts = NULL WHERE id = $1")
        .bind(wave)
        .execute(t.db.pool())
        .await
        .expect("as before");
    let recounted = app::store::responses::response_counts(&t.db, wave)
        .await
        .expect("counts");
    assert_eq!(
        by_department(&recounted),
        vec![
            (Some("Engineering".to_string()), 4, 1),
            (Some("Sales".to_string()), 6, 2),
        ]
    );
    move_to_sales("e1@x.io").await;
    let kept = app::store::responses::response_counts(&t.db, wave)
        .await
        .expect("counts");
    assert_eq!(by_department(&kept), by_department(&recounted));
    t.finish().await;
}

async fn two_hundred_respondents_at_once_lose_nothing(t: TestDb) {
    let hr = analyst(&t.db).await;
    let people = roster(&t.db, 210).await;
    let (survey, wave, _) = open_survey(&t.db, &hr).await;
    let relation = relation_ids(&t.db, survey).await[0];
    let mut tasks = Vec::new();
    for (i, &respondent) in people.iter().take(200).enumerate() {
        let db = t.db.clone();
        let named: Vec<i64> = (1..=10).map(|k| people[(i + k) % people.len()]).collect();
        tasks.push(tokio::spawn(async move {
            let answers = Answers {
                ties: ties(relation, &named, 2),
                attributes: BTreeMap::new(),
            };
            service::save_answers(&db, wave, respondent, &answers, true).await
        }));
    }
    for task in tasks {
        task.await
            .expect("task")
            .expect("every submission is saved");
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ties WHERE wave_id = $1")
        .bind(wave)
        .fetch_one(t.db.pool())
        .await
        .expect("q");
    assert_eq!(
        count, 2000,
        "200 respondents × 10 ties, no loss, no duplicates"
    );
    let submitted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM invitations WHERE wave_id = $1 AND submitted_at IS NOT NULL",
    )
    .bind(wave)
    .fetch_one(t.db.pool())
    .await
    .expect("q");
    assert_eq!(submitted, 200);
    t.finish().await;
}

async fn erasing_a_person_removes_their_answers_and_mentions(t: TestDb) {
    let hr = analyst(&t.db).await;
    let people = roster(&t.db, 10).await;
    let (survey, wave, _) = open_survey(&t.db, &hr).await;
    let relation = relation_ids(&t.db, survey).await[0];
    service::save_answers(
        &t.db,
        wave,
        people[1],
        &Answers {
            ties: ties(relation, &people[2..4], 3),
            attributes: BTreeMap::new(),
        },
        true,
    )
    .await
    .expect("save");
    service::save_answers(
        &t.db,
        wave,
        people[2],
        &Answers {
            ties: ties(relation, &people[1..2], 3),
            attributes: BTreeMap::new(),
        },
        true,
    )
    .await
    .expect("save");
    let plan = app::people::service::erasure_plan(&t.db, &hr, people[1])
        .await
        .expect("plan");
    assert_eq!((plan.answers_given, plan.answers_naming), (2, 1));
    app::people::service::erase(
        &t.db,
        &app::model::policy::Policy::default(),
        &hr,
        people[1],
        None,
    )
    .await
    .expect("erase");
    for (sql, what) in [
        (
            "SELECT COUNT(*) FROM ties WHERE respondent_id = $1 OR named_id = $1",
            "ties",
        ),
        (
            "SELECT COUNT(*) FROM invitations WHERE person_id = $1",
            "invitations",
        ),
        (
            "SELECT COUNT(*) FROM attribute_answers WHERE respondent_id = $1",
            "attribute answers",
        ),
    ] {
        let n: i64 = sqlx::query_scalar(sql)
            .bind(people[1])
            .fetch_one(t.db.pool())
            .await
            .expect("q");
        assert_eq!(n, 0, "{what} about the erased person remain");
    }
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ties")
        .fetch_one(t.db.pool())
        .await
        .expect("q");
    assert_eq!(left, 0, "person 2 named only the erased person");
    t.finish().await;
}

async fn waves_open_and_close_on_their_dates(t: TestDb) {
    let hr = analyst(&t.db).await;
    roster(&t.db, 6).await;
    let survey = service::create_survey(&t.db, &hr, &definition())
        .await
        .expect("survey");
    let wave = service::add_wave(&t.db, &hr, survey, &in_days(0), &in_days(20))
        .await
        .expect("wave");
    let day = |offset: i64| Date::from_days_since_epoch(Date::today().days_since_epoch() + offset);
    // A new wave is a draft until HR opens it or has it open on its date.
    assert_eq!(
        service::run_schedule(
            &t.db,
            &app::model::policy::Policy::default(),
            &LinkKey::generate(),
            day(3)
        )
        .await
        .expect("run"),
        (vec![], vec![]),
        "a draft waits for HR, whatever the day"
    );
    let manager = app::model::auth::CurrentUser {
        role: Role::Manager,
        ..hr.clone()
    };
    assert!(matches!(
        service::schedule_wave(&t.db, &manager, wave, true).await,
        Err(AppError::Forbidden)
    ));
    service::schedule_wave(&t.db, &hr, wave, true)
        .await
        .expect("scheduled");
    assert_eq!(
        service::run_schedule(
            &t.db,
            &app::model::policy::Policy::default(),
            &LinkKey::generate(),
            day(-1)
        )
        .await
        .expect("run"),
        (vec![], vec![])
    );
    assert_eq!(
        service::run_schedule(
            &t.db,
            &app::model::policy::Policy::default(),
            &LinkKey::generate(),
            day(0)
        )
        .await
        .expect("run"),
        (vec![wave], vec![])
    );
    let invited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations WHERE wave_id = $1")
        .bind(wave)
        .fetch_one(t.db.pool())
        .await
        .expect("q");
    assert_eq!(invited, 6);
    assert_eq!(
        service::run_schedule(
            &t.db,
            &app::model::policy::Policy::default(),
            &LinkKey::generate(),
            day(20)
        )
        .await
        .expect("run"),
        (vec![], vec![]),
        "open through the closing date"
    );
    assert_eq!(
        service::run_schedule(
            &t.db,
            &app::model::policy::Policy::default(),
            &LinkKey::generate(),
            day(21)
        )
        .await
        .expect("run"),
        (vec![], vec![wave])
    );
    assert_eq!(
        service::run_schedule(
            &t.db,
            &app::model::policy::Policy::default(),
            &LinkKey::generate(),
            day(22)
        )
        .await
        .expect("run"),
        (vec![], vec![]),
        "once only"
    );
    assert!(
        matches!(
            service::schedule_wave(&t.db, &hr, wave, false).await,
            Err(AppError::Conflict(_))
        ),
        "only a draft is scheduled"
    );
    t.finish().await;
}

/// The live picker saves each colleague as it is named: a draft, or a change
/// to a submitted response that stays submitted; rules as for a whole form.
async fn the_live_picker_names_and_unnames_one_colleague_at_a_time(t: TestDb) {
    let hr = analyst(&t.db).await;
    let people = roster(&t.db, 6).await;
    let (survey, wave, _) = open_survey(&t.db, &hr).await;
    let relation = relation_ids(&t.db, survey).await[0];
    let me = people[0];
    let named = |db: Db| async move {
        store::answers_of(&db, wave, me)
            .await
            .expect("answers")
            .ties
            .into_iter()
            .map(|t| t.named_id)
            .collect::<Vec<_>>()
    };
    service::name_colleague(&t.db, wave, me, relation, people[1], true)
        .await
        .expect("named");
    service::name_colleague(&t.db, wave, me, relation, people[1], true)
        .await
        .expect("named twice");
    assert_eq!(named(t.db.clone()).await, vec![people[1]], "once");
    assert!(!store::is_submitted(&t.db, wave, me).await.expect("q"));
    service::save_answers(
        &t.db,
        wave,
        me,
        &Answers {
            ties: ties(relation, &people[1..2], 3),
            attributes: BTreeMap::new(),
        },
        true,
    )
    .await
    .expect("submitted");
    service::name_colleague(&t.db, wave, me, relation, people[2], true)
        .await
        .expect("named");
    assert!(
        store::is_submitted(&t.db, wave, me).await.expect("q"),
        "a submitted response stays submitted"
    );
    assert_eq!(named(t.db.clone()).await, vec![people[1], people[2]]);
    assert!(
        matches!(
            service::name_colleague(&t.db, wave, me, relation, me, true).await,
            Err(AppError::Invalid(_))
        ),
        "not oneself"
    );
    service::name_colleague(&t.db, wave, me, relation, people[1], false)
        .await
        .expect("taken off");
    assert_eq!(named(t.db.clone()).await, vec![people[2]]);
    t.finish().await;
}

async fn the_first_steps_tick_themselves(t: TestDb) {
    let hr = analyst(&t.db).await;
    let steps = |db: Db| async move { service::first_steps(&db, true).await.expect("steps") };
    let none = service::first_steps(&t.db, false).await.expect("steps");
    assert_eq!(none, app::surveys::FirstSteps::default());
    roster(&t.db, 4).await;
    let survey = service::create_survey(&t.db, &hr, &definition())
        .await
        .expect("survey");
    let wave = service::add_wave(&t.db, &hr, survey, &in_days(0), &in_days(9))
        .await
        .expect("wave");
    let built = steps(t.db.clone()).await;
    assert!(built.roster && built.survey && !built.previewed && !built.opened);
    let preview = service::preview(
        &t.db,
        &app::model::policy::Policy::default(),
        &hr,
        "https://knit.test",
        survey,
    )
    .await
    .expect("preview");
    assert!(preview.invitation_text.contains("https://knit.test/s/"));
    assert_eq!(preview.form.relations.len(), definition().relations.len());
    assert!(steps(t.db.clone()).await.previewed);
    service::open_wave(&t.db, &LinkKey::generate(), &hr, wave)
        .await
        .expect("open");
    assert!(steps(t.db.clone()).await.all_done());
    t.finish().await;
}
