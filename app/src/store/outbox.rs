//! The outbox: every email Knit sends is first a row here, written in the same
//! transaction as whatever caused it. Workers lease due rows, send them and
//! record the outcome; the unique key (purpose, wave, person, round) means a
//! message is queued once however often its cause is retried.
//!
//! Leasing: a worker moves due rows to 'sending' with a lease that names it and
//! ends at `lease_until`. On PostgreSQL the rows are picked with `FOR UPDATE
//! SKIP LOCKED`, so concurrent workers on several instances never take the same
//! row; SQLite has a single writer, so its one UPDATE statement is atomic.
//! A row whose lease ran out (its worker died) is due again. The crash window:
//! a worker killed after the SMTP server accepted a message but before it
//! recorded 'sent' leaves a row that is sent a second time once its lease ends.
//! Each row carries the same Message-ID on every attempt, so mail clients that
//! deduplicate on it show the message once.

use super::newcomers::Listed;
use super::people::roster_language;
use super::{now_ms, Backend, Db};
use crate::model::language::Language;
use crate::model::mail::{DeliveryCounts, DeliveryFailure, Purpose, ReminderRound};
use sqlx::{Any, Transaction};

/// Queues one message per live invitation of a wave (inside the caller's
/// transaction). `only_unanswered` limits it to people who have not submitted.
/// Returns how many messages were queued.
pub async fn queue_for_wave(
    tx: &mut Transaction<'_, Any>,
    purpose: Purpose,
    wave_id: i64,
    round: i64,
    only_unanswered: bool,
) -> Result<u64, sqlx::Error> {
    let now = now_ms();
    let unanswered = if only_unanswered {
        " AND submitted_at IS NULL AND declined_at IS NULL"
    } else {
        ""
    };
    let done = sqlx::query(&format!(
        "INSERT INTO outbox (purpose, wave_id, person_id, round, next_attempt_at, created_at) \
         SELECT $1, wave_id, person_id, $2, $3, $3 FROM invitations \
         WHERE wave_id = $4 AND revoked_at IS NULL{unanswered} \
         ON CONFLICT (purpose, wave_id, person_id, round) DO NOTHING"
    ))
    .bind(purpose.key())
    .bind(round)
    .bind(now)
    .bind(wave_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// Everything a worker needs to write one message.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub id: i64,
    pub purpose: String,
    pub wave_id: i64,
    pub person_id: i64,
    pub attempts: i64,
    pub address: String,
    pub name: String,
    pub person_active: bool,
    pub bounced: bool,
    /// None when the link was revoked.
    pub token_seed: Option<String>,
    pub answered: bool,
    /// They said they prefer not to take part: no reminders.
    pub declined: bool,
    pub wave_open: bool,
    pub closes_on: String,
    /// The survey a wave's message is about, for its translations.
    pub survey_id: Option<i64>,
    pub survey: String,
    pub introduction: String,
    /// For introductions: each open one, and what the roster says of each
    /// colleague beside the newcomer.
    pub introductions: Vec<super::newcomers::Introduction>,
    pub roster: std::collections::HashMap<i64, crate::model::newcomers::RosterFacts>,
    /// The introduction round a newcomer's message is about (0: none).
    pub round: i64,
    /// For a heads-up: the newcomer who may reach out.
    pub newcomer: String,
    /// The day the round a newcomer's message is about went out (ISO).
    pub sent_on: Option<String>,
    /// The language the roster gives the reader, if any.
    pub language: Option<Language>,
}

/// Leases up to `limit` due messages for `worker` until `now + lease_ms`.
pub async fn lease(
    db: &Db,
    worker: &str,
    lease_ms: i64,
    limit: i64,
) -> Result<Vec<Outgoing>, super::StoreError> {
    let now = now_ms();
    let pick = "SELECT id FROM outbox WHERE (status = 'queued' AND next_attempt_at <= $3) \
                OR (status = 'sending' AND lease_until < $3) ORDER BY next_attempt_at, id LIMIT $4";
    let skip_locked = match db.backend() {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let ids: Vec<i64> = sqlx::query_scalar(&format!(
        "UPDATE outbox SET status = 'sending', leased_by = $1, lease_until = $2, attempts = attempts + 1 \
         WHERE id IN ({pick}{skip_locked}) RETURNING id"
    ))
    .bind(worker)
    .bind(now + lease_ms)
    .bind(now)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    // Who a message goes to: the person, their manager (manager's copy) or
    // the account (a password link).
    let recipient = "CASE o.purpose WHEN 'manager_copy' THEN COALESCE(m.email, '') \
                     WHEN 'password_reset' THEN u.email WHEN 'account_welcome' THEN u.email ELSE p.email END";
    let rows: Vec<OutgoingRow> = sqlx::query_as(&format!(
        "SELECT o.id, o.purpose, o.wave_id, COALESCE(o.person_id, 0) AS person_id, o.attempts, \
                {recipient} AS email, \
                COALESCE(u.name, p.preferred_name, p.full_name) AS name, \
                CASE WHEN o.purpose IN ('password_reset', 'account_welcome') \
                     THEN CASE WHEN u.disabled_at IS NULL THEN 'active' ELSE 'inactive' END \
                     ELSE p.status END AS person_status, \
                b.address AS bounced, \
                CASE o.purpose WHEN 'introductions' THEN nl.token_seed WHEN 'manager_copy' THEN nl.token_seed \
                     WHEN 'did_you_meet' THEN nl.token_seed WHEN 'heads_up' THEN '' \
                     WHEN 'password_reset' THEN (CASE WHEN r.used_at IS NULL AND r.expires_at > $1 THEN r.token_seed END) \
                     WHEN 'account_welcome' THEN (CASE WHEN r.used_at IS NULL AND r.expires_at > $1 THEN r.token_seed END) \
                     ELSE i.token_seed END AS token_seed, \
                i.submitted_at, i.declined_at, \
                w.status AS wave_status, w.closes_on, s.id AS survey_id, s.name AS survey, s.introduction, o.round, \
                COALESCE(nc.preferred_name, nc.full_name) AS newcomer, ir.sent_on, \
                CASE o.purpose WHEN 'manager_copy' THEN m.attributes WHEN 'password_reset' THEN NULL \
                     WHEN 'account_welcome' THEN NULL ELSE p.attributes END AS attributes \
         FROM outbox o LEFT JOIN people p ON p.id = o.person_id \
         LEFT JOIN introduction_rounds ir ON ir.id = o.round \
           AND o.purpose IN ('introductions', 'manager_copy', 'heads_up', 'did_you_meet') \
         LEFT JOIN people nc ON nc.id = ir.newcomer_id \
         LEFT JOIN people m ON m.id = p.manager_id \
         LEFT JOIN password_resets r ON r.id = o.reset_id LEFT JOIN users u ON u.id = r.user_id \
         LEFT JOIN email_bounces b ON b.address = LOWER({recipient}) \
         LEFT JOIN invitations i ON i.wave_id = o.wave_id AND i.person_id = o.person_id \
         LEFT JOIN waves w ON w.id = o.wave_id LEFT JOIN surveys s ON s.id = w.survey_id \
         LEFT JOIN newcomer_links nl ON nl.person_id = o.person_id \
         WHERE o.id IN ({list}) ORDER BY o.id"
    ))
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut outgoing: Vec<Outgoing> = rows.into_iter().map(Outgoing::from).collect();
    for message in outgoing.iter_mut() {
        let listed = match Purpose::from_key(&message.purpose) {
            Some(Purpose::Introductions | Purpose::ManagerCopy) => Listed::Sent,
            Some(Purpose::DidYouMeet) => Listed::NotYetMet,
            _ => continue,
        };
        let (list, roster) =
            super::newcomers::round_introductions(db, message.person_id, message.round, listed)
                .await?;
        message.introductions = list;
        message.roster = roster;
    }
    Ok(outgoing)
}

/// A leased message's row, with what its email needs.
#[derive(sqlx::FromRow)]
struct OutgoingRow {
    id: i64,
    purpose: String,
    wave_id: i64,
    person_id: i64,
    attempts: i64,
    email: String,
    name: String,
    person_status: String,
    bounced: Option<String>,
    token_seed: Option<String>,
    submitted_at: Option<i64>,
    declined_at: Option<i64>,
    wave_status: Option<String>,
    closes_on: Option<String>,
    survey_id: Option<i64>,
    survey: Option<String>,
    introduction: Option<String>,
    round: i64,
    newcomer: Option<String>,
    sent_on: Option<String>,
    attributes: Option<String>,
}

impl From<OutgoingRow> for Outgoing {
    fn from(r: OutgoingRow) -> Outgoing {
        Outgoing {
            id: r.id,
            purpose: r.purpose,
            wave_id: r.wave_id,
            person_id: r.person_id,
            attempts: r.attempts,
            address: r.email,
            name: r.name,
            person_active: r.person_status == "active",
            bounced: r.bounced.is_some(),
            token_seed: r.token_seed,
            answered: r.submitted_at.is_some(),
            declined: r.declined_at.is_some(),
            wave_open: r.wave_status.as_deref() == Some("open"),
            closes_on: r.closes_on.unwrap_or_default(),
            survey_id: r.survey_id,
            survey: r.survey.unwrap_or_default(),
            introduction: r.introduction.unwrap_or_default(),
            introductions: Vec::new(),
            roster: Default::default(),
            round: r.round,
            newcomer: r.newcomer.unwrap_or_default(),
            sent_on: r.sent_on,
            language: r.attributes.as_deref().and_then(roster_language),
        }
    }
}

/// How a leased message ended. Each update applies only while the worker still
/// holds the lease, so a worker that overran its lease cannot undo another's work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// Try again at this time (UTC ms).
    Retry {
        at: i64,
        reason: String,
    },
    Failed {
        reason: String,
    },
    /// The server refused the address for good; it is remembered as bouncing.
    Bounced {
        reason: String,
    },
    /// Not sent, on purpose (already answered, link revoked, wave closed).
    Cancelled {
        reason: String,
    },
}

impl Outcome {
    /// Its name in figures and logs.
    pub fn key(&self) -> &'static str {
        match self {
            Outcome::Sent => "sent",
            Outcome::Retry { .. } => "retry",
            Outcome::Failed { .. } => "failed",
            Outcome::Bounced { .. } => "bounced",
            Outcome::Cancelled { .. } => "cancelled",
        }
    }
}

pub async fn record(
    db: &Db,
    id: i64,
    worker: &str,
    address: &str,
    outcome: &Outcome,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    let (status, next, error, sent_at) = match outcome {
        Outcome::Sent => ("sent", None, None, Some(now)),
        Outcome::Retry { at, reason } => ("queued", Some(*at), Some(reason), None),
        Outcome::Failed { reason } => ("failed", None, Some(reason), None),
        Outcome::Bounced { reason } => ("bounced", None, Some(reason), None),
        Outcome::Cancelled { reason } => ("cancelled", None, Some(reason), None),
    };
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE outbox SET status = $1, next_attempt_at = COALESCE($2, next_attempt_at), \
         last_error = $3, sent_at = $4, to_address = $5, leased_by = NULL, lease_until = NULL \
         WHERE id = $6 AND leased_by = $7 AND status = 'sending'",
    )
    .bind(status)
    .bind(next)
    .bind(error.cloned())
    .bind(sent_at)
    .bind(address)
    .bind(id)
    .bind(worker)
    .execute(&mut *tx)
    .await?;
    if let Outcome::Bounced { reason } = outcome {
        sqlx::query(
            "INSERT INTO email_bounces (address, reason, bounced_at) VALUES ($1, $2, $3) \
             ON CONFLICT (address) DO UPDATE SET reason = excluded.reason, bounced_at = excluded.bounced_at",
        )
        .bind(address.to_lowercase())
        .bind(reason)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// A wave's messages by state. Messages being sent count as queued.
pub async fn counts(db: &Db, wave_id: i64) -> Result<DeliveryCounts, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, COUNT(*) AS n FROM outbox WHERE wave_id = $1 GROUP BY status",
    )
    .bind(wave_id)
    .fetch_all(db.pool())
    .await?;
    let mut counts = DeliveryCounts::default();
    for (status, n) in rows {
        match status.as_str() {
            "queued" | "sending" => counts.queued += n,
            "sent" => counts.sent += n,
            "failed" => counts.failed += n,
            "bounced" => counts.bounced += n,
            _ => counts.cancelled += n,
        }
    }
    Ok(counts)
}

/// The first `listed` by name of a wave's messages that failed or bounced,
/// with the reason.
pub async fn failures(
    db: &Db,
    wave_id: i64,
    listed: usize,
) -> Result<Vec<DeliveryFailure>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, String, i64, String)> = sqlx::query_as(
        "SELECT o.person_id, p.full_name, COALESCE(o.to_address, p.email) AS address, o.purpose, \
                o.status, o.attempts, COALESCE(o.last_error, '') AS reason \
         FROM outbox o JOIN people p ON p.id = o.person_id \
         WHERE o.wave_id = $1 AND o.status IN ('failed', 'bounced') ORDER BY p.sort_key, o.id LIMIT $2",
    )
    .bind(wave_id)
    .bind(listed as i64)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(person_id, name, address, purpose, status, attempts, reason)| DeliveryFailure {
                person_id,
                name,
                address,
                purpose,
                status,
                attempts,
                reason,
            },
        )
        .collect())
}

/// How a wave's personal links were used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkUse {
    pub invited: i64,
    pub opened: i64,
    pub answered: i64,
}

pub async fn link_use(db: &Db, wave_id: i64) -> Result<LinkUse, sqlx::Error> {
    let (invited, opened, answered) = sqlx::query_as(
        "SELECT COUNT(*) AS invited, COUNT(first_opened_at) AS opened, COUNT(submitted_at) AS answered \
         FROM invitations WHERE wave_id = $1",
    )
    .bind(wave_id)
    .fetch_one(db.pool())
    .await?;
    Ok(LinkUse {
        invited,
        opened,
        answered,
    })
}

/// Queues a wave's failed and bounced messages again (after HR fixed addresses).
/// The addresses' bounce marks are lifted. Returns how many were queued.
pub async fn retry_failed(db: &Db, wave_id: i64) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "DELETE FROM email_bounces WHERE address IN (SELECT LOWER(p.email) FROM outbox o \
         JOIN people p ON p.id = o.person_id WHERE o.wave_id = $1 AND o.status = 'bounced')",
    )
    .bind(wave_id)
    .execute(&mut *tx)
    .await?;
    let done = sqlx::query(
        "UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = $1, last_error = NULL \
         WHERE wave_id = $2 AND status IN ('failed', 'bounced')",
    )
    .bind(now_ms())
    .bind(wave_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// Queues a reminder round for an open wave's non-respondents, in one
/// transaction. With `scheduled_day`, only if that day's round does not exist
/// yet (so the schedule on several instances queues it once). Returns the round.
pub async fn queue_reminders(
    db: &Db,
    wave_id: i64,
    scheduled_day: Option<i64>,
) -> Result<Option<ReminderRound>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let open: Option<String> = sqlx::query_scalar("SELECT status FROM waves WHERE id = $1")
        .bind(wave_id)
        .fetch_optional(&mut *tx)
        .await?;
    if open.as_deref() != Some("open") {
        return Ok(None);
    }
    if let Some(day) = scheduled_day {
        let exists: Option<i64> = sqlx::query_scalar(
            "SELECT round FROM reminder_rounds WHERE wave_id = $1 AND scheduled_day = $2",
        )
        .bind(wave_id)
        .bind(day)
        .fetch_optional(&mut *tx)
        .await?;
        if exists.is_some() {
            return Ok(None);
        }
    }
    let round: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(round), 0) + 1 FROM reminder_rounds WHERE wave_id = $1",
    )
    .bind(wave_id)
    .fetch_one(&mut *tx)
    .await?;
    let queued = queue_for_wave(&mut tx, Purpose::Reminder, wave_id, round, true).await? as i64;
    let created_at = now_ms();
    // The primary key (wave, round) makes a concurrent second round fail and roll back.
    sqlx::query(
        "INSERT INTO reminder_rounds (wave_id, round, scheduled_day, created_at, queued) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(wave_id)
    .bind(round)
    .bind(scheduled_day)
    .bind(created_at)
    .bind(queued)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(ReminderRound {
        round,
        scheduled_day,
        created_at,
        queued,
    }))
}

pub async fn reminder_rounds(db: &Db, wave_id: i64) -> Result<Vec<ReminderRound>, sqlx::Error> {
    let rows: Vec<(i64, Option<i64>, i64, i64)> = sqlx::query_as(
        "SELECT round, scheduled_day, created_at, queued FROM reminder_rounds WHERE wave_id = $1 ORDER BY round",
    )
    .bind(wave_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(round, scheduled_day, created_at, queued)| ReminderRound {
            round,
            scheduled_day,
            created_at,
            queued,
        })
        .collect())
}

/// HR's wording for a purpose, if edited.
/// Where HR's wording of a message is kept: under its purpose for the
/// organization's language, and `purpose@code` for another language.
fn wording_key(purpose: Purpose, language: Option<Language>) -> String {
    match language {
        None => purpose.key().to_string(),
        Some(language) => format!("{}@{}", purpose.key(), language.code()),
    }
}

/// HR's wording of a message in a language (None: the organization's), if any.
pub async fn template(
    db: &Db,
    purpose: Purpose,
    language: Option<Language>,
) -> Result<Option<crate::model::mail::Template>, sqlx::Error> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT subject, body FROM mail_templates WHERE purpose = $1")
            .bind(wording_key(purpose, language))
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(subject, body)| crate::model::mail::Template { subject, body }))
}

pub async fn save_template<'e, E>(
    executor: E,
    purpose: Purpose,
    language: Option<Language>,
    template: &crate::model::mail::Template,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO mail_templates (purpose, subject, body, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (purpose) DO UPDATE SET subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at",
    )
    .bind(wording_key(purpose, language))
    .bind(&template.subject)
    .bind(&template.body)
    .bind(now_ms())
    .execute(executor)
    .await?;
    Ok(())
}

pub async fn reset_template<'e, E>(
    executor: E,
    purpose: Purpose,
    language: Option<Language>,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM mail_templates WHERE purpose = $1")
        .bind(wording_key(purpose, language))
        .execute(executor)
        .await?;
    Ok(())
}

/// Gives back the messages `worker` holds and has not finished, for others
/// to send at once (a worker stopping cleanly). Returns how many.
pub async fn release(db: &Db, worker: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox SET status = 'queued', leased_by = NULL, lease_until = NULL, \
         attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END \
         WHERE leased_by = $1 AND status = 'sending'",
    )
    .bind(worker)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}

/// How many messages wait to be sent (due now or leased), and when the
/// longest-waiting one became due: the backlog a readiness check reports.
pub async fn backlog(db: &Db, now: i64) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*) AS waiting, MIN(next_attempt_at) AS oldest FROM outbox \
         WHERE (status = 'queued' AND next_attempt_at <= $1) OR status = 'sending'",
    )
    .bind(now)
    .fetch_one(db.pool())
    .await
}

/// Cancels every queued message, recording why; returns how many.
pub async fn cancel_queued(db: &Db, why: &str) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE outbox SET status = 'cancelled', last_error = $1 WHERE status = 'queued'",
    )
    .bind(why)
    .execute(db.pool())
    .await?
    .rows_affected())
}
