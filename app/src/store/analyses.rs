//! Stored network analyses and the progress of their computation, and the
//! ties and networks they are computed from.

use super::{now_ms, Db, StoreError};
use crate::model::insight::{Confidence, NetworkKey, RunState, RunStatus};

/// The shape of the report stored today: roles with their evidence (1 held
/// reasons in words). An older one is recomputed at start.
pub const REPORT_FORMAT: i64 = 2;

pub struct Stored {
    pub network: NetworkKey,
    pub title: String,
    pub computed_at: i64,
    pub invited: i64,
    pub answered: i64,
    pub confidence: Confidence,
    pub report: String,
    pub previous_wave: Option<i64>,
    pub changes: String,
    /// Positions on the network map by person id (JSON); `None`: not laid out yet.
    pub layout: Option<String>,
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
            "INSERT INTO analyses (wave_id, network, title, computed_at, invited, answered, confidence, report, previous_wave, changes, format, layout) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(wave_id)
        .bind(r.network.key())
        .bind(&r.title)
        .bind(r.computed_at)
        .bind(r.invited)
        .bind(r.answered)
        .bind(r.confidence.key())
        .bind(&r.report)
        .bind(r.previous_wave)
        .bind(&r.changes)
        .bind(REPORT_FORMAT)
        .bind(&r.layout)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

const STORED_COLUMNS: &str =
    "network, title, computed_at, invited, answered, confidence, report, previous_wave, changes, layout";

pub async fn load(db: &Db, wave_id: i64) -> Result<Vec<Stored>, StoreError> {
    let rows: Vec<StoredRow> = sqlx::query_as(&format!(
        "SELECT {STORED_COLUMNS} FROM analyses WHERE wave_id = $1 ORDER BY network"
    ))
    .bind(wave_id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter().map(|r| r.stored(wave_id)).collect()
}

/// One network's stored analysis: a wave's reports are large (tens of MB
/// at 100,000 people), so pages that show one network read only its row.
pub async fn load_network(
    db: &Db,
    wave_id: i64,
    network: NetworkKey,
) -> Result<Option<Stored>, StoreError> {
    let row: Option<StoredRow> = sqlx::query_as(&format!(
        "SELECT {STORED_COLUMNS} FROM analyses WHERE wave_id = $1 AND network = $2"
    ))
    .bind(wave_id)
    .bind(network.key())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| r.stored(wave_id)).transpose()
}

/// An `analyses` row as [`STORED_COLUMNS`] reads it.
#[derive(sqlx::FromRow)]
struct StoredRow {
    network: String,
    title: String,
    computed_at: i64,
    invited: i64,
    answered: i64,
    confidence: String,
    report: String,
    previous_wave: Option<i64>,
    changes: String,
    layout: Option<String>,
}

impl StoredRow {
    fn stored(self, wave_id: i64) -> Result<Stored, StoreError> {
        let unreadable = |what: &str, value: &str| {
            StoreError::Unreadable(format!("wave {wave_id}'s {what} '{value}'"))
        };
        Ok(Stored {
            network: NetworkKey::parse(&self.network)
                .ok_or_else(|| unreadable("network key", &self.network))?,
            confidence: Confidence::from_key(&self.confidence)
                .ok_or_else(|| unreadable("confidence", &self.confidence))?,
            title: self.title,
            computed_at: self.computed_at,
            invited: self.invited,
            answered: self.answered,
            report: self.report,
            previous_wave: self.previous_wave,
            changes: self.changes,
            layout: self.layout,
        })
    }
}

/// Marks a computation started; false when one is already running.
/// Waves whose stored analyses are of an older shape than [`REPORT_FORMAT`].
pub async fn waves_with_old_reports(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT DISTINCT wave_id FROM analyses WHERE format < $1 ORDER BY wave_id")
        .bind(REPORT_FORMAT)
        .fetch_all(db.pool())
        .await
}

/// Analysed waves, their answers still kept, whose networks have no map yet
/// (analysed before maps were drawn).
pub async fn waves_without_layout(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT a.wave_id FROM analyses a JOIN waves w ON w.id = a.wave_id \
         WHERE a.layout IS NULL AND w.answers_deleted_at IS NULL ORDER BY a.wave_id",
    )
    .fetch_all(db.pool())
    .await
}

/// Analysed waves whose results are missing: an erasure deletes them and
/// computes them again, and a stop in between leaves them so.
pub async fn waves_missing_results(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT r.wave_id FROM analysis_runs r JOIN waves w ON w.id = r.wave_id \
         WHERE r.status = 'done' AND w.answers_deleted_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.wave_id = r.wave_id) ORDER BY r.wave_id",
    )
    .fetch_all(db.pool())
    .await
}

/// How often a running analysis says it is alive.
pub const RUN_HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(2);
/// A run silent for this long died with its process.
const RUN_STALE_MS: i64 = 10_000;

/// Marks a wave's analysis as running, unless a live run has it. Returns
/// whether this call took it.
pub async fn start_run(db: &Db, wave_id: i64, steps: i64) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let done = sqlx::query(
        "INSERT INTO analysis_runs (wave_id, status, step, steps, started_at, heartbeat_at) VALUES ($1, $5, 0, $2, $3, $3) \
         ON CONFLICT (wave_id) DO UPDATE SET status = $5, step = 0, steps = excluded.steps, \
         started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, finished_at = NULL, error = NULL \
         WHERE analysis_runs.status <> $5 OR COALESCE(analysis_runs.heartbeat_at, analysis_runs.started_at) < $4",
    )
    .bind(wave_id)
    .bind(steps)
    .bind(now)
    .bind(now - RUN_STALE_MS)
    .bind(RunState::Running.key())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A running analysis is alive.
pub async fn beat(db: &Db, wave_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE analysis_runs SET heartbeat_at = $1 WHERE wave_id = $2 AND status = $3")
        .bind(now_ms())
        .bind(wave_id)
        .bind(RunState::Running.key())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Waves whose analysis was running when its process died, and closed
/// survey waves whose analysis never started (the process died between the
/// closing and the start).
pub async fn interrupted_runs(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT wave_id FROM analysis_runs WHERE status = $1 \
         AND COALESCE(heartbeat_at, started_at) < $2 \
         UNION SELECT w.id FROM waves w JOIN surveys s ON s.id = w.survey_id \
         WHERE w.status = 'closed' AND s.kind <> 'pulse' AND w.answers_deleted_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM analysis_runs r WHERE r.wave_id = w.id) \
         AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.wave_id = w.id) ORDER BY 1",
    )
    .bind(RunState::Running.key())
    .bind(now_ms() - RUN_STALE_MS)
    .fetch_all(db.pool())
    .await
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
        .bind(if error.is_some() { RunState::Failed } else { RunState::Done }.key())
        .bind(now_ms())
        .bind(error)
        .bind(wave_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn run_status(db: &Db, wave_id: i64) -> Result<Option<RunStatus>, StoreError> {
    let row: Option<(String, i64, i64, Option<String>)> =
        sqlx::query_as("SELECT status, step, steps, error FROM analysis_runs WHERE wave_id = $1")
            .bind(wave_id)
            .fetch_optional(db.pool())
            .await?;
    row.map(|(status, step, steps, error)| {
        Ok(RunStatus {
            status: RunState::from_key(&status).ok_or_else(|| {
                StoreError::Unreadable(format!("wave {wave_id}'s analysis status '{status}'"))
            })?,
            step,
            steps,
            error,
        })
    })
    .transpose()
}

/// One answer naming a colleague, with its scale values as JSON.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Tie {
    pub respondent_id: i64,
    pub named_id: i64,
    pub scales: String,
}

/// Each tie of a wave and relation.
pub async fn ties(db: &Db, wave_id: i64, relation_id: i64) -> Result<Vec<Tie>, sqlx::Error> {
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

/// A network from elsewhere for a wave, by person id. Stored in one
/// transaction; returns its id.
pub async fn import_network(
    db: &Db,
    wave_id: i64,
    name: &str,
    file_name: &str,
    ties: &[ImportedTie],
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
    for tie in ties {
        sqlx::query("INSERT INTO imported_ties (network_id, source_id, target_id, weight) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(tie.source_id)
            .bind(tie.target_id)
            .bind(tie.weight)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// A network imported for a wave.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ImportedNetwork {
    pub id: i64,
    pub name: String,
}

pub async fn imported_networks(db: &Db, wave_id: i64) -> Result<Vec<ImportedNetwork>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM imported_networks WHERE wave_id = $1 ORDER BY id")
        .bind(wave_id)
        .fetch_all(db.pool())
        .await
}

/// One tie of an imported network, by person id.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ImportedTie {
    pub source_id: i64,
    pub target_id: i64,
    pub weight: f64,
}

pub async fn imported_ties(db: &Db, network_id: i64) -> Result<Vec<ImportedTie>, sqlx::Error> {
    sqlx::query_as("SELECT source_id, target_id, weight FROM imported_ties WHERE network_id = $1")
        .bind(network_id)
        .fetch_all(db.pool())
        .await
}
