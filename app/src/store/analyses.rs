//! Stored network analyses and the progress of their computation.

use super::{now_ms, Db};
use sqlx::Row;

pub struct Stored {
    pub relation_id: i64,
    pub computed_at: i64,
    pub invited: i64,
    pub answered: i64,
    pub confidence: String,
    pub report: String,
}

/// Replaces a wave's results with a new set, in one transaction.
pub async fn save(db: &Db, wave_id: i64, results: &[Stored]) -> Result<(), sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    sqlx::query("DELETE FROM analyses WHERE wave_id = $1")
        .bind(wave_id)
        .execute(&mut *tx)
        .await?;
    for r in results {
        sqlx::query(
            "INSERT INTO analyses (wave_id, relation_id, computed_at, invited, answered, confidence, report) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(wave_id)
        .bind(r.relation_id)
        .bind(r.computed_at)
        .bind(r.invited)
        .bind(r.answered)
        .bind(&r.confidence)
        .bind(&r.report)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

pub async fn load(db: &Db, wave_id: i64) -> Result<Vec<Stored>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT relation_id, computed_at, invited, answered, confidence, report FROM analyses \
         WHERE wave_id = $1 ORDER BY relation_id",
    )
    .bind(wave_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Stored {
                relation_id: r.try_get("relation_id")?,
                computed_at: r.try_get("computed_at")?,
                invited: r.try_get("invited")?,
                answered: r.try_get("answered")?,
                confidence: r.try_get("confidence")?,
                report: r.try_get("report")?,
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
