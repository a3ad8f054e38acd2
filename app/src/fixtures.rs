//! Shared fixtures for tests and benchmarks: real accounts, rosters and surveys
//! made through the services, as a user would make them.

use crate::model::auth::{CurrentUser, Role};
use crate::model::date::Date;
use crate::model::surveys::{Population, RelationKind, SurveyDefinition};
use crate::store::Db;

/// A real analyst account (surveys record who created them).
pub async fn analyst(db: &Db) -> CurrentUser {
    let id = crate::auth::service::create_account(
        db,
        &crate::store::audit::Actor::command_line(),
        "hr@acme.test",
        "HR",
        Role::Analyst,
        "a long password".into(),
    )
    .await
    .expect("account");
    CurrentUser {
        id,
        email: "hr@acme.test".into(),
        name: "HR".into(),
        role: Role::Analyst,
    }
}

pub fn definition() -> SurveyDefinition {
    SurveyDefinition {
        name: "Who helps whom, spring".into(),
        introduction: crate::model::surveys::DEFAULT_INTRODUCTION.to_string(),
        population: Population::default(),
        relations: vec![
            RelationKind::Information.template(),
            RelationKind::Energy.template(),
        ],
        questions: vec![],
        reminder_days: vec![3, 6],
    }
}

/// Imports a roster CSV; returns everyone's id in id order.
pub async fn import(db: &Db, csv: &str) -> Vec<i64> {
    let plan = crate::people::service::plan_file(db, csv.as_bytes(), false)
        .await
        .expect("plan");
    crate::people::service::apply_plan(
        db,
        &Default::default(),
        &plan,
        Date::today(),
        None,
        "r.csv",
        &|_| {},
    )
    .await
    .expect("apply");
    sqlx::query_scalar("SELECT id FROM people ORDER BY id")
        .fetch_all(db.pool())
        .await
        .expect("ids")
}

/// A synthetic roster of `n` people.
pub async fn roster(db: &Db, n: usize) -> Vec<i64> {
    import(db, &crate::people::synthetic::roster_csv(n, 3)).await
}

/// A survey on [`definition`] with its first wave open from today for two
/// weeks: (survey, wave, its first relation).
pub async fn open_survey(db: &Db, hr: &CurrentUser, key: &crate::mail::LinkKey) -> (i64, i64, i64) {
    use crate::surveys::service;
    let survey = service::create_survey(db, hr, &definition())
        .await
        .expect("survey");
    let wave = service::add_wave(db, hr, survey, &in_days(0), &in_days(14))
        .await
        .expect("wave");
    service::open_wave(db, key, hr, wave).await.expect("open");
    (survey, wave, first_relation(db, survey).await)
}

/// The id of a survey's first question about colleagues.
pub async fn first_relation(db: &Db, survey: i64) -> i64 {
    crate::store::surveys::get(db, survey)
        .await
        .expect("q")
        .expect("survey")
        .definition
        .relations[0]
        .id
}

/// Answers naming these people for one relation.
pub fn naming(relation_id: i64, named: &[i64]) -> crate::model::surveys::Answers {
    crate::model::surveys::Answers {
        ties: named
            .iter()
            .map(|&named_id| crate::model::surveys::TieAnswer {
                relation_id,
                named_id,
                scales: Default::default(),
            })
            .collect(),
        ..Default::default()
    }
}

/// Closes a wave on its planned day and does at once what follows in the
/// background when the service closes one: its analysis, then the newcomers'
/// figures.
pub async fn close_and_analyze(db: &Db, wave: i64) {
    close_on_schedule(db, wave).await;
    crate::jobs::analyze_wave(db, &crate::model::policy::Policy::default(), wave)
        .await
        .expect("analyzed");
}

/// Closes an open wave on the day it was planned to close.
pub async fn close_on_schedule(db: &Db, wave: i64) {
    let planned = crate::store::surveys::get_wave(db, wave)
        .await
        .expect("q")
        .expect("wave")
        .closes_on;
    let planned = Date::parse(&planned, crate::model::date::SlashOrder::Unknown).expect("a date");
    assert!(
        crate::store::surveys::close_wave(db, wave, planned)
            .await
            .expect("close"),
        "the wave was open"
    );
}

/// The ISO date `days` from today.
pub fn in_days(days: i64) -> String {
    Date::from_days_since_epoch(Date::today().days_since_epoch() + days).iso()
}

/// Introduces these colleagues to a newcomer at once, as a round of the
/// analysed wave `wave` with no one held out, and queues its messages.
pub async fn introduce(
    db: &Db,
    wave: i64,
    newcomer: i64,
    colleagues: &[crate::model::newcomers::SuggestionFacts],
    link: &crate::store::newcomers::NewcomerLink<'_>,
    copy_manager: bool,
) -> Result<(), crate::store::StoreError> {
    use crate::model::newcomers::{Arm, RoundPick};
    use crate::store::rounds;
    let picks: Vec<RoundPick> = colleagues
        .iter()
        .map(|c| RoundPick {
            colleague_id: c.person_id,
            arm: Arm::Introduced,
            ground: c.ground,
            reasons: c.reasons.clone(),
        })
        .collect();
    let number = rounds::of_newcomer(db, newcomer)
        .await?
        .iter()
        .map(|r| r.number)
        .max()
        .unwrap_or(0)
        + 1;
    let today = Date::today().iso();
    let round = rounds::NewRound {
        newcomer_id: newcomer,
        number,
        due_on: &today,
        wave_id: wave,
        simulated: false,
        picks: &picks,
    };
    let id = rounds::create(db, &round).await?.expect("a new round");
    let sending = rounds::Sending {
        link: *link,
        copy_manager,
        sent_on: &today,
        follow_up_on: &in_days(14),
    };
    assert!(rounds::send(db, id, &sending).await?, "the draft went out");
    Ok(())
}
