//! Newcomer pulses in the database: who is due one, the small wave that
//! carries each day's pulses, and the answers they bring.

use super::surveys::{invite, NewLink};
use super::{now_ms, Db};
use crate::model::date::Date;

/// A pulse still goes out this many days after its day, if the server was down then.
pub const CATCH_UP_DAYS: i64 = 6;

/// The pulse survey (created by the migrations).
pub async fn survey_id(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM surveys WHERE kind = 'pulse' ORDER BY id LIMIT 1")
        .fetch_one(db.pool())
        .await
}

/// Whether a wave belongs to the pulse survey.
pub async fn is_pulse_wave(db: &Db, wave_id: i64) -> Result<bool, sqlx::Error> {
    let kind: Option<String> = sqlx::query_scalar(
        "SELECT s.kind FROM waves w JOIN surveys s ON s.id = w.survey_id WHERE w.id = $1",
    )
    .bind(wave_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(kind.as_deref() == Some("pulse"))
}

/// Whether any survey wave has opened: until then, staff have not been told
/// about Knit, and no pulse goes out.
pub async fn surveys_have_run(db: &Db) -> Result<bool, sqlx::Error> {
    let opened: Option<i64> = sqlx::query_scalar(
        "SELECT w.id FROM waves w JOIN surveys s ON s.id = w.survey_id \
         WHERE s.kind = 'survey' AND w.status <> 'draft' LIMIT 1",
    )
    .fetch_optional(db.pool())
    .await?;
    Ok(opened.is_some())
}

/// A pulse due: to whom, and which day after hire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DuePulse {
    pub person_id: i64,
    pub day: i64,
}

/// Active people whose pulse of `day` (days after hire) is due today and not
/// yet sent.
pub async fn due(db: &Db, days: &[i64], today: Date) -> Result<Vec<DuePulse>, sqlx::Error> {
    let mut out = Vec::new();
    for &day in days {
        let latest = Date::from_days_since_epoch(today.days_since_epoch() - day).iso();
        let earliest =
            Date::from_days_since_epoch(today.days_since_epoch() - day - CATCH_UP_DAYS).iso();
        let people: Vec<i64> = sqlx::query_scalar(
            "SELECT p.id FROM people p WHERE p.status = 'active' AND p.hire_date >= $1 AND p.hire_date <= $2 \
             AND NOT EXISTS (SELECT 1 FROM pulses u WHERE u.person_id = p.id AND u.day = $3) ORDER BY p.id",
        )
        .bind(&earliest)
        .bind(&latest)
        .bind(day)
        .fetch_all(db.pool())
        .await?;
        out.extend(
            people
                .into_iter()
                .map(|person_id| DuePulse { person_id, day }),
        );
    }
    Ok(out)
}

/// Opens one pulse wave for the people due, invites them and queues their
/// emails, in one transaction. Someone another instance has just sent the same
/// pulse is left out; when no one is left, nothing is written. Returns the
/// wave and how many were invited.
pub async fn open(
    db: &Db,
    today: Date,
    open_days: i64,
    due: Vec<(i64, i64, NewLink)>,
) -> Result<Option<(i64, usize)>, sqlx::Error> {
    let survey = survey_id(db).await?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let number: Option<i64> =
        sqlx::query_scalar("SELECT MAX(number) FROM waves WHERE survey_id = $1")
            .bind(survey)
            .fetch_one(&mut *tx)
            .await?;
    let closes_on = Date::from_days_since_epoch(today.days_since_epoch() + open_days - 1).iso();
    let wave_id: i64 = sqlx::query_scalar(
        "INSERT INTO waves (survey_id, number, status, opens_on, closes_on, opened_at) \
         VALUES ($1, $2, 'open', $3, $4, $5) RETURNING id",
    )
    .bind(survey)
    .bind(number.unwrap_or(0) + 1)
    .bind(today.iso())
    .bind(closes_on)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let mut invitations: Vec<(i64, NewLink)> = Vec::new();
    for (person, day, link) in due {
        let claimed = sqlx::query(
            "INSERT INTO pulses (person_id, day, wave_id) VALUES ($1, $2, $3) ON CONFLICT (person_id, day) DO NOTHING",
        )
        .bind(person)
        .bind(day)
        .bind(wave_id)
        .execute(&mut *tx)
        .await?;
        // One invitation per person and wave, even when two of their pulses fall due together.
        if claimed.rows_affected() == 1 && !invitations.iter().any(|(p, _)| *p == person) {
            invitations.push((person, link));
        }
    }
    if invitations.is_empty() {
        tx.rollback().await?;
        return Ok(None);
    }
    let invited = invitations.len();
    invite(
        &mut tx,
        wave_id,
        invitations,
        now,
        crate::model::mail::Purpose::Pulse,
    )
    .await?;
    tx.commit().await?;
    Ok(Some((wave_id, invited)))
}

/// One answer to a pulse: the newcomer, the pulse's day after hire, the day it
/// opened, whether it was the second question (who came to them), and whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PulseTie {
    pub person_id: i64,
    pub day: i64,
    pub opens_on: String,
    pub incoming: bool,
    pub named_id: i64,
}

pub async fn ties(db: &Db) -> Result<Vec<PulseTie>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, i64, i64)> = sqlx::query_as(
        "SELECT u.person_id, u.day, w.opens_on, r.position, t.named_id FROM pulses u \
         JOIN waves w ON w.id = u.wave_id \
         JOIN ties t ON t.wave_id = u.wave_id AND t.respondent_id = u.person_id \
         JOIN survey_relations r ON r.id = t.relation_id ORDER BY u.person_id, u.day, t.named_id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(person_id, day, opens_on, position, named_id)| PulseTie {
            person_id,
            day,
            opens_on,
            incoming: position == 1,
            named_id,
        })
        .collect())
}

/// A pulse sent: to whom, which day after hire, when, and whether they answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PulseSent {
    pub person_id: i64,
    pub day: i64,
    pub wave_id: i64,
    pub opens_on: String,
    pub answered: bool,
}

pub async fn sent(db: &Db) -> Result<Vec<PulseSent>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT u.person_id, u.day, u.wave_id, w.opens_on, i.submitted_at FROM pulses u \
         JOIN waves w ON w.id = u.wave_id \
         LEFT JOIN invitations i ON i.wave_id = u.wave_id AND i.person_id = u.person_id \
         ORDER BY w.opens_on, u.person_id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(person_id, day, wave_id, opens_on, submitted)| PulseSent {
            person_id,
            day,
            wave_id,
            opens_on,
            answered: submitted.is_some(),
        })
        .collect())
}
