//! Stored network analyses and the progress of their computation.

use super::{now_ms, Db};
use sqlx::Row;

pub struct Stored {
    /// 'relation:ID' or 'import:ID'.
    pub network: String,
    pub title: String,
    pub computed_at: i64,
    pub invited: i64,
    pub answered: i64,
    pub confidence: String,
    pub report: String,
    pub previous_wave: Option<i64>,
    pub changes: String,
}

/// Replaces a wave's results with a new set, in one transaction.
pub async fn save(db: &Db, wave_id: i64, results: &[Stored]) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM analyses WHERE wave_id = $1")
        .bind(wave_id)
        .execute(&mut *tx)
        .await?;
    for r in results {
        sqlx::query(
            "INSERT INTO analyses (wave_id, network, title, computed_at, invited, answered, confidence, report, previous_wave, changes) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(wave_id)
        .bind(&r.network)
        .bind(&r.title)
        .bind(r.computed_at)
        .bind(r.invited)
        .bind(r.answered)
        .bind(&r.confidence)
        .bind(&r.report)
        .bind(r.previous_wave)
        .bind(&r.changes)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

pub async fn load(db: &Db, wave_id: i64) -> Result<Vec<Stored>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT network, title, computed_at, invited, answered, confidence, report, previous_wave, changes FROM analyses \
         WHERE wave_id = $1 ORDER BY network",
    )
    .bind(wave_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Stored {
                network: r.try_get("network")?,
                title: r.try_get("title")?,
                computed_at: r.try_get("computed_at")?,
                invited: r.try_get("invited")?,
                answered: r.try_get("answered")?,
                confidence: r.try_get("confidence")?,
                report: r.try_get("report")?,
                previous_wave: r.try_get("previous_wave")?,
                changes: r.try_get("changes")?,
            })
        })
        .collect()
}

/// Marks a computation started; false when one is already running.
pub async fn start_run(db: &Db, wave_id: i64, steps: i64) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let done = sqlx::query(
        "INSERT INTO analysis_runs (wave_id, status, step, steps, started_at) VALUES ($1, 'running', 0, $2, $3) \
         ON CONFLICT (wave_id) DO UPDATE SET status = 'running', step = 0, steps = excluded.steps, \
         started_at = excluded.started_at, finished_at = NULL, error = NULL \
         WHERE analysis_runs.status <> 'running' OR analysis_runs.started_at < $4",
    )
    .bind(wave_id)
    .bind(steps)
    .bind(now)
    // A run silent for ten minutes died with its process.
    .bind(now - 10 * 60 * 1000)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn progress(db: &Db, wave_id: i64, step: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE analysis_runs SET step = $1 WHERE wave_id = $2")
        .bind(step)
        .bind(wave_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn finish_run(db: &Db, wave_id: i64, error: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE analysis_runs SET status = $1, finished_at = $2, error = $3, step = steps WHERE wave_id = $4")
        .bind(if error.is_some() { "failed" } else { "done" })
        .bind(now_ms())
        .bind(error)
        .bind(wave_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn run_status(
    db: &Db,
    wave_id: i64,
) -> Result<Option<crate::insight::RunStatus>, sqlx::Error> {
    let row =
        sqlx::query("SELECT status, step, steps, error FROM analysis_runs WHERE wave_id = $1")
            .bind(wave_id)
            .fetch_optional(db.pool())
            .await?;
    row.map(|r| {
        Ok(crate::insight::RunStatus {
            status: r.try_get("status")?,
            step: r.try_get("step")?,
            steps: r.try_get("steps")?,
            error: r.try_get("error")?,
        })
    })
    .transpose()
}

/// (respondent, named, scales JSON) of each tie of a wave and relation.
pub async fn ties(
    db: &Db,
    wave_id: i64,
    relation_id: i64,
) -> Result<Vec<(i64, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT respondent_id, named_id, scales FROM ties WHERE wave_id = $1 AND relation_id = $2",
    )
    .bind(wave_id)
    .bind(relation_id)
    .fetch_all(db.pool())
    .await
}

/// Everyone invited to a wave.
pub async fn invited(db: &Db, wave_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT person_id FROM invitations WHERE wave_id = $1 ORDER BY person_id")
        .bind(wave_id)
        .fetch_all(db.pool())
        .await
}

/// A network from elsewhere for a wave: (source, target, weight) by person id.
/// Stored in one transaction; returns its id.
pub async fn import_network(
    db: &Db,
    wave_id: i64,
    name: &str,
    file_name: &str,
    ties: &[(i64, i64, f64)],
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO imported_networks (wave_id, name, file_name, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(wave_id)
    .bind(name)
    .bind(file_name)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    for (source, target, weight) in ties {
        sqlx::query("INSERT INTO imported_ties (network_id, source_id, target_id, weight) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(source)
            .bind(target)
            .bind(weight)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// (id, name) of each network imported for a wave.
pub async fn imported_networks(db: &Db, wave_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM imported_networks WHERE wave_id = $1 ORDER BY id")
        .bind(wave_id)
        .fetch_all(db.pool())
        .await
}

pub async fn imported_ties(db: &Db, network_id: i64) -> Result<Vec<(i64, i64, f64)>, sqlx::Error> {
    sqlx::query_as("SELECT source_id, target_id, weight FROM imported_ties WHERE network_id = $1")
        .bind(network_id)
        .fetch_all(db.pool())
        .await
}

/// Stores a newcomer's introductions (a pair suggested before is kept as it
/// is), gives them a personal link when they have none, and queues the email
/// (and its copy to their manager, if asked and they have one), all in one
/// transaction. Returns how many introductions are new.
pub async fn send_introductions(
    db: &Db,
    wave_id: i64,
    newcomer: i64,
    suggestions: &[(i64, String, Vec<String>)],
    link: (&str, &str),
    copy_manager: bool,
) -> Result<u64, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let mut added = 0;
    for (suggested, ground, reasons) in suggestions {
        added += sqlx::query(
            "INSERT INTO introductions (newcomer_id, suggested_id, wave_id, reasons, ground, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $6, $5, $5) ON CONFLICT (newcomer_id, suggested_id) DO NOTHING",
        )
        .bind(newcomer)
        .bind(suggested)
        .bind(wave_id)
        .bind(serde_json::to_string(reasons).unwrap_or_else(|_| "[]".into()))
        .bind(now)
        .bind(ground)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    sqlx::query(
        "INSERT INTO newcomer_links (person_id, token_seed, token_hash, issued_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (person_id) DO NOTHING",
    )
    .bind(newcomer)
    .bind(link.0)
    .bind(link.1)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO outbox (purpose, wave_id, person_id, round, next_attempt_at, created_at) \
         SELECT purpose, $1, p.id, 0, $3, $3 FROM people p, \
           (SELECT 'introductions' AS purpose UNION ALL SELECT 'manager_copy') AS kinds \
         WHERE p.id = $2 AND (kinds.purpose = 'introductions' OR ($4 AND p.manager_id IS NOT NULL)) \
         ON CONFLICT (purpose, wave_id, person_id, round) DO NOTHING",
    )
    .bind(wave_id)
    .bind(newcomer)
    .bind(now)
    .bind(copy_manager)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(added)
}

/// The newcomer a personal link belongs to.
pub async fn newcomer_of_link(db: &Db, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT person_id FROM newcomer_links WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(db.pool())
        .await
}

/// One of a newcomer's introductions, with what the newcomer needs to find the person.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Introduction {
    pub id: i64,
    pub name: String,
    pub title: Option<String>,
    pub team: Option<String>,
    pub email: String,
    /// The reasons as a JSON list of sentences.
    pub reasons: String,
    pub status: String,
}

pub async fn introductions_for(db: &Db, newcomer: i64) -> Result<Vec<Introduction>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.id, COALESCE(p.preferred_name, p.full_name) AS name, p.title, p.team, p.email, \
         i.reasons, i.status \
         FROM introductions i JOIN people p ON p.id = i.suggested_id WHERE i.newcomer_id = $1 ORDER BY i.id",
    )
    .bind(newcomer)
    .fetch_all(db.pool())
    .await
}

/// Records what the newcomer says of one of their own introductions.
pub async fn mark_introduction(
    db: &Db,
    newcomer: i64,
    id: i64,
    status: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE introductions SET status = $1, updated_at = $2 WHERE id = $3 AND newcomer_id = $4",
    )
    .bind(status)
    .bind(now_ms())
    .bind(id)
    .bind(newcomer)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Each introduction with whether a tie formed between the two, in either
/// direction and in any relation, in a wave that closed after it was made:
/// (ground, the newcomer's hire date, status, tie formed, a later wave exists).
pub async fn introduction_outcomes(
    db: &Db,
) -> Result<Vec<(String, Option<String>, String, bool, bool)>, sqlx::Error> {
    let rows: Vec<(String, Option<String>, String, i64, i64)> = sqlx::query_as(
        "SELECT i.ground, p.hire_date, i.status, \
            CASE WHEN EXISTS (SELECT 1 FROM ties t JOIN waves w ON w.id = t.wave_id \
                 WHERE w.closes_on > made.closes_on AND \
                 ((t.respondent_id = i.newcomer_id AND t.named_id = i.suggested_id) OR \
                  (t.respondent_id = i.suggested_id AND t.named_id = i.newcomer_id))) THEN 1 ELSE 0 END, \
            CASE WHEN EXISTS (SELECT 1 FROM waves w WHERE w.closes_on > made.closes_on AND w.status = 'closed') THEN 1 ELSE 0 END \
         FROM introductions i JOIN people p ON p.id = i.newcomer_id JOIN waves made ON made.id = i.wave_id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(ground, hired, status, formed, later)| {
            (ground, hired, status, formed == 1, later == 1)
        })
        .collect())
}

/// One introduction as made, for timelines and load counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntroductionRecord {
    pub newcomer_id: i64,
    pub suggested_id: i64,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
}

pub async fn all_introductions(db: &Db) -> Result<Vec<IntroductionRecord>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, i64, i64)> = sqlx::query_as(
        "SELECT newcomer_id, suggested_id, status, created_at, updated_at FROM introductions ORDER BY id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(newcomer_id, suggested_id, status, created_at, updated_at)| IntroductionRecord {
                newcomer_id,
                suggested_id,
                status,
                created_at,
                updated_at,
            },
        )
        .collect())
}

/// Everyone who asked to be suggested to newcomers less often.
pub async fn suggest_less(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM people WHERE suggest_less_since IS NOT NULL")
        .fetch_all(db.pool())
        .await
}

/// "This quarter", for how often someone was suggested to newcomers.
pub const QUARTER_MS: i64 = 91 * 86_400_000;

/// How many newcomers a person was suggested to since `since` (UTC ms), and
/// whether they asked to be suggested less.
pub async fn suggestion_load(
    db: &Db,
    person_id: i64,
    since: i64,
) -> Result<(i64, bool), sqlx::Error> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM introductions WHERE suggested_id = $1 AND created_at >= $2), \
                (SELECT CASE WHEN suggest_less_since IS NULL THEN 0 ELSE 1 END FROM people WHERE id = $1)",
    )
    .bind(person_id)
    .bind(since)
    .fetch_one(db.pool())
    .await
    .map(|(count, less): (i64, i64)| (count, less == 1))
}

/// Records (or withdraws) a person's wish to be suggested less often.
pub async fn set_suggest_less(db: &Db, person_id: i64, less: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE people SET suggest_less_since = $1 WHERE id = $2")
        .bind(less.then(now_ms))
        .bind(person_id)
        .execute(db.pool())
        .await?;
    Ok(())
}
