//! Introduction rounds in the database: drafts and sent rounds, their
//! candidates in each arm of the experiment, and the messages a sent round
//! queues (introductions, heads-ups, and "did you meet?" later).

use super::newcomers::NewcomerLink;
use super::{now_ms, Db, StoreError};
use crate::model::date::{Date, SlashOrder};
use crate::model::newcomers::{Arm, IntroductionRound, RoundPick, RoundStatus, SentPick};
use analysis::newcomers::{Ground, Reason};
use std::collections::{BTreeMap, BTreeSet};

const DAY_MS: i64 = 86_400_000;

fn json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Unreadable(e.to_string()))
}

/// A round to store as a draft.
pub struct NewRound<'a> {
    pub newcomer_id: i64,
    pub number: i64,
    pub due_on: &'a str,
    pub wave_id: i64,
    pub simulated: bool,
    pub picks: &'a [RoundPick],
}

/// Stores a draft round with its candidates, once per newcomer and number:
/// None when that round was already made (by another instance, say).
pub async fn create(db: &Db, round: &NewRound<'_>) -> Result<Option<i64>, StoreError> {
    let mut tx = db.begin().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO introduction_rounds (newcomer_id, number, due_on, wave_id, status, simulated, created_at) \
         VALUES ($1, $2, $3, $4, 'draft', $5, $6) ON CONFLICT (newcomer_id, number) DO NOTHING RETURNING id",
    )
    .bind(round.newcomer_id)
    .bind(round.number)
    .bind(round.due_on)
    .bind(round.wave_id)
    .bind(i64::from(round.simulated))
    .bind(now_ms())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    for (position, pick) in round.picks.iter().enumerate() {
        sqlx::query(
            "INSERT INTO round_picks (round_id, colleague_id, position, arm, ground, grounds) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(pick.colleague_id)
        .bind(position as i64)
        .bind(pick.arm.key())
        .bind(pick.ground.key())
        .bind(json(&pick.reasons)?)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(Some(id))
}

/// The round numbers each newcomer already has, whatever became of them.
pub async fn numbers_made(db: &Db) -> Result<BTreeMap<i64, BTreeSet<i64>>, sqlx::Error> {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT newcomer_id, number FROM introduction_rounds")
            .fetch_all(db.pool())
            .await?;
    let mut made: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for (newcomer, number) in rows {
        made.entry(newcomer).or_default().insert(number);
    }
    Ok(made)
}

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: i64,
    newcomer_id: i64,
    number: i64,
    due_on: String,
    status: String,
    simulated: i64,
}

#[derive(sqlx::FromRow)]
struct PickRow {
    round_id: i64,
    colleague_id: i64,
    arm: String,
    ground: String,
    grounds: String,
}

/// Rounds matching `filter` (a WHERE clause on `r`, one bound id at most), oldest first.
async fn rounds_where(
    db: &Db,
    filter: &str,
    bound: Option<i64>,
) -> Result<Vec<IntroductionRound>, StoreError> {
    let rounds_sql = format!(
        "SELECT r.id, r.newcomer_id, r.number, r.due_on, r.status, r.simulated \
         FROM introduction_rounds r WHERE {filter} ORDER BY r.due_on, r.id"
    );
    let picks_sql = format!(
        "SELECT k.round_id, k.colleague_id, k.arm, k.ground, k.grounds FROM round_picks k \
         JOIN introduction_rounds r ON r.id = k.round_id WHERE {filter} ORDER BY k.round_id, k.position"
    );
    let mut query = sqlx::query_as::<_, RoundRow>(&rounds_sql);
    let mut picks_query = sqlx::query_as::<_, PickRow>(&picks_sql);
    if let Some(id) = bound {
        query = query.bind(id);
        picks_query = picks_query.bind(id);
    }
    let rows = query.fetch_all(db.pool()).await?;
    let mut picks: BTreeMap<i64, Vec<RoundPick>> = BTreeMap::new();
    for row in picks_query.fetch_all(db.pool()).await? {
        let unreadable = |what: &str| StoreError::Unreadable(format!("a round's {what}"));
        picks.entry(row.round_id).or_default().push(RoundPick {
            colleague_id: row.colleague_id,
            arm: Arm::from_key(&row.arm).ok_or_else(|| unreadable("arm"))?,
            ground: Ground::from_key(&row.ground).ok_or_else(|| unreadable("ground"))?,
            reasons: serde_json::from_str::<Vec<Reason<i64>>>(&row.grounds)
                .map_err(|e| StoreError::Unreadable(format!("a round's grounds: {e}")))?,
        });
    }
    rows.into_iter()
        .map(|r| {
            Ok(IntroductionRound {
                status: RoundStatus::from_key(&r.status)
                    .ok_or_else(|| StoreError::Unreadable("a round's status".into()))?,
                picks: picks.remove(&r.id).unwrap_or_default(),
                id: r.id,
                newcomer_id: r.newcomer_id,
                number: r.number,
                due_on: r.due_on,
                simulated: r.simulated != 0,
            })
        })
        .collect()
}

/// One newcomer's rounds, oldest first.
pub async fn of_newcomer(db: &Db, newcomer: i64) -> Result<Vec<IntroductionRound>, StoreError> {
    rounds_where(db, "r.newcomer_id = $1", Some(newcomer)).await
}

/// Every draft waiting for HR, oldest first.
/// How many rounds wait for approval, and the first `listed` by due date.
pub async fn drafts(db: &Db, listed: usize) -> Result<(usize, Vec<IntroductionRound>), StoreError> {
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM introduction_rounds WHERE status = 'draft'")
            .fetch_one(db.pool())
            .await?;
    let first = rounds_where(
        db,
        &format!(
            "r.id IN (SELECT id FROM introduction_rounds WHERE status = 'draft' \
             ORDER BY due_on, id LIMIT {listed})"
        ),
        None,
    )
    .await?;
    Ok((total as usize, first))
}

pub async fn get(db: &Db, round: i64) -> Result<Option<IntroductionRound>, StoreError> {
    Ok(rounds_where(db, "r.id = $1", Some(round)).await?.pop())
}

/// How a round goes out.
pub struct Sending<'a> {
    pub link: NewcomerLink<'a>,
    pub copy_manager: bool,
    /// The day it goes out (ISO) and the day "did you meet?" follows (ISO).
    pub sent_on: &'a str,
    pub follow_up_on: &'a str,
}

/// Sends a draft in one transaction: its introduced candidates become the
/// newcomer's introductions, and the newcomer (with their manager, if asked)
/// and each introduced colleague get their messages. Held-out candidates are
/// neither shown nor emailed. False when the round was not a draft.
pub async fn send(db: &Db, round: i64, sending: &Sending<'_>) -> Result<bool, StoreError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let sent = sqlx::query(
        "UPDATE introduction_rounds SET status = 'sent', decided_at = $1, sent_on = $2, follow_up_on = $3 \
         WHERE id = $4 AND status = 'draft'",
    )
    .bind(now)
    .bind(sending.sent_on)
    .bind(sending.follow_up_on)
    .bind(round)
    .execute(&mut *tx)
    .await?;
    if sent.rows_affected() == 0 {
        return Ok(false);
    }
    let (newcomer, wave): (i64, i64) =
        sqlx::query_as("SELECT newcomer_id, wave_id FROM introduction_rounds WHERE id = $1")
            .bind(round)
            .fetch_one(&mut *tx)
            .await?;
    // An introduction's date is the day its round went out.
    let sent_at = Date::parse(sending.sent_on, SlashOrder::Unknown)
        .map_or(now, |d| d.days_since_epoch() * DAY_MS);
    sqlx::query(
        "INSERT INTO introductions (newcomer_id, suggested_id, wave_id, reasons, grounds, ground, created_at, updated_at, round_id) \
         SELECT $1, k.colleague_id, $2, '[]', k.grounds, k.ground, $3, $3, $4 FROM round_picks k \
         WHERE k.round_id = $4 AND k.arm = 'introduced' ORDER BY k.position \
         ON CONFLICT (newcomer_id, suggested_id) DO NOTHING",
    )
    .bind(newcomer)
    .bind(wave)
    .bind(sent_at)
    .bind(round)
    .execute(&mut *tx)
    .await?;
    super::newcomers::keep_link(&mut tx, newcomer, &sending.link, now).await?;
    sqlx::query(
        "INSERT INTO outbox (purpose, wave_id, person_id, round, next_attempt_at, created_at) \
         SELECT purpose, $1, p.id, $2, $4, $4 FROM people p, \
           (SELECT 'introductions' AS purpose UNION ALL SELECT 'manager_copy') AS kinds \
         WHERE p.id = $3 AND (kinds.purpose = 'introductions' OR ($5 AND p.manager_id IS NOT NULL)) \
         ON CONFLICT (purpose, wave_id, person_id, round) DO NOTHING",
    )
    .bind(wave)
    .bind(round)
    .bind(newcomer)
    .bind(now)
    .bind(sending.copy_manager)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO outbox (purpose, wave_id, person_id, round, next_attempt_at, created_at) \
         SELECT 'heads_up', $1, k.colleague_id, $2, $3, $3 FROM round_picks k \
         WHERE k.round_id = $2 AND k.arm = 'introduced' \
         ON CONFLICT (purpose, wave_id, person_id, round) DO NOTHING",
    )
    .bind(wave)
    .bind(round)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Skips a draft: nothing goes out, and its candidates may be suggested again.
pub async fn skip(db: &Db, round: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let skipped = sqlx::query(
        "UPDATE introduction_rounds SET status = 'skipped', decided_at = $1 WHERE id = $2 AND status = 'draft'",
    )
    .bind(now_ms())
    .bind(round)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM round_picks WHERE round_id = $1")
        .bind(round)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(skipped.rows_affected() > 0)
}

/// Takes an introduced candidate out of a draft (HR's edit). Held-out
/// candidates stay: the experiment's draw is not HR's to change.
pub async fn drop_pick(db: &Db, round: i64, colleague: i64) -> Result<bool, sqlx::Error> {
    let dropped = sqlx::query(
        "DELETE FROM round_picks WHERE round_id = $1 AND colleague_id = $2 AND arm = 'introduced' \
         AND round_id IN (SELECT id FROM introduction_rounds WHERE status = 'draft')",
    )
    .bind(round)
    .bind(colleague)
    .execute(db.pool())
    .await?;
    Ok(dropped.rows_affected() > 0)
}

/// Queues "did you meet?" for every sent round whose day for it has come;
/// each is queued once. Returns how many were queued.
pub async fn queue_follow_ups(db: &Db, today: &str) -> Result<u64, sqlx::Error> {
    let now = now_ms();
    let queued = sqlx::query(
        "INSERT INTO outbox (purpose, wave_id, person_id, round, next_attempt_at, created_at) \
         SELECT 'did_you_meet', r.wave_id, r.newcomer_id, r.id, $1, $1 FROM introduction_rounds r \
         WHERE r.status = 'sent' AND r.simulated = 0 AND r.follow_up_on <= $2 \
         ON CONFLICT (purpose, wave_id, person_id, round) DO NOTHING",
    )
    .bind(now)
    .bind(today)
    .execute(db.pool())
    .await?;
    Ok(queued.rows_affected())
}

/// Every candidate of every sent round, for the experiment.
pub async fn sent_picks(db: &Db) -> Result<Vec<SentPick>, StoreError> {
    let rows: Vec<(i64, i64, String, i64, String, i64)> = sqlx::query_as(
        "SELECT r.newcomer_id, k.colleague_id, k.arm, r.number, r.sent_on, r.simulated \
         FROM round_picks k JOIN introduction_rounds r ON r.id = k.round_id \
         WHERE r.status = 'sent' ORDER BY r.id, k.position",
    )
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(
            |(newcomer_id, colleague_id, arm, round_number, sent_on, simulated)| {
                let sent_day = Date::parse(&sent_on, SlashOrder::Unknown)
                    .ok_or_else(|| StoreError::Unreadable("a round's day".into()))?
                    .days_since_epoch();
                Ok(SentPick {
                    newcomer_id,
                    colleague_id,
                    arm: Arm::from_key(&arm)
                        .ok_or_else(|| StoreError::Unreadable("a round's arm".into()))?,
                    round_number,
                    sent_day,
                    simulated: simulated != 0,
                })
            },
        )
        .collect()
}

/// (newcomer, colleague) for every candidate of a draft or sent round: they
/// are not drawn again for that newcomer.
pub async fn taken_pairs(db: &Db) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.newcomer_id, k.colleague_id FROM round_picks k \
         JOIN introduction_rounds r ON r.id = k.round_id WHERE r.status <> 'skipped'",
    )
    .fetch_all(db.pool())
    .await
}
