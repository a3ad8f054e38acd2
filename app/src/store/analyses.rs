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
            "INSERT INTO analyses (wave_id, network, title, computed_at, invited, answered, confidence, report) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(wave_id)
        .bind(&r.network)
        .bind(&r.title)
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
        "SELECT network, title, computed_at, invited, answered, confidence, report FROM analyses \
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
    let mut tx = db.pool().begin().await?;
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
