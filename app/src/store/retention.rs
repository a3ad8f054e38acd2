//! What the retention job deletes, and the daily claim that makes several
//! instances run it once.

use super::{now_ms, Db};

/// Claims `job` for `day` (YYYY-MM-DD): true for the one instance that gets it.
pub async fn claim_day(db: &Db, job: &str, day: &str) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO daily_runs (job, day, started_at) VALUES ($1, $2, $3) ON CONFLICT (job, day) DO NOTHING",
    )
    .bind(job)
    .bind(day)
    .bind(now_ms())
    .execute(db.pool())
    .await?
    .rows_affected()
        == 1)
}

pub async fn finish_day(db: &Db, job: &str, day: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE daily_runs SET finished_at = $1 WHERE job = $2 AND day = $3")
        .bind(now_ms())
        .bind(job)
        .bind(day)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Closed waves whose answers are still kept and that closed before `before` (UTC ms).
pub async fn waves_closed_before(db: &Db, before: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM waves WHERE status = 'closed' AND closed_at < $1 AND answers_deleted_at IS NULL ORDER BY id",
    )
    .bind(before)
    .fetch_all(db.pool())
    .await
}

/// Whether retention has deleted a wave's answers, and when (UTC ms).
pub async fn answers_deleted_at(db: &Db, wave_id: i64) -> Result<Option<i64>, sqlx::Error> {
    Ok(
        sqlx::query_scalar::<_, Option<i64>>("SELECT answers_deleted_at FROM waves WHERE id = $1")
            .bind(wave_id)
            .fetch_optional(db.pool())
            .await?
            .flatten(),
    )
}

/// How much of a wave went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WavePurged {
    pub ties: u64,
    pub attribute_answers: u64,
    pub links: u64,
}

/// Deletes a wave's individual answers (ties, attribute answers), its
/// respondents' links and sessions and its messages, and replaces its stored
/// results with `reports` (network key, report, no person in them), in one
/// transaction. Who was invited and whether they answered stay, for response rates.
/// A network's analysis with nothing about any one person left (JSON).
pub struct FiguresOnly {
    pub network: String,
    pub report: String,
    pub summary: Option<String>,
}

pub async fn purge_wave(
    db: &Db,
    wave_id: i64,
    reports: &[FiguresOnly],
) -> Result<WavePurged, sqlx::Error> {
    let mut tx = db.begin().await?;
    let ties = sqlx::query("DELETE FROM ties WHERE wave_id = $1")
        .bind(wave_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let attribute_answers = sqlx::query("DELETE FROM attribute_answers WHERE wave_id = $1")
        .bind(wave_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query(
        "DELETE FROM respondent_sessions WHERE invitation_id IN (SELECT id FROM invitations WHERE wave_id = $1)",
    )
    .bind(wave_id)
    .execute(&mut *tx)
    .await?;
    let links = sqlx::query(
        "UPDATE invitations SET token_hash = NULL, token_seed = NULL, first_opened_at = NULL, last_saved_at = NULL \
         WHERE wave_id = $1 AND token_hash IS NOT NULL",
    )
    .bind(wave_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query("DELETE FROM outbox WHERE wave_id = $1")
        .bind(wave_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "DELETE FROM imported_ties WHERE network_id IN (SELECT id FROM imported_networks WHERE wave_id = $1)",
    )
    .bind(wave_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM network_drafts WHERE wave_id = $1")
        .bind(wave_id)
        .execute(&mut *tx)
        .await?;
    for r in reports {
        sqlx::query(
            "UPDATE analyses SET report = $1, changes = '[]' WHERE wave_id = $2 AND network = $3",
        )
        .bind(&r.report)
        .bind(wave_id)
        .bind(&r.network)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE analysis_summaries SET summary = $1 WHERE wave_id = $2 AND network = $3",
        )
        .bind(&r.summary)
        .bind(wave_id)
        .bind(&r.network)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("DELETE FROM analysis_people WHERE wave_id = $1")
        .bind(wave_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE waves SET answers_deleted_at = $1 WHERE id = $2")
        .bind(now_ms())
        .bind(wave_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(WavePurged {
        ties,
        attribute_answers,
        links,
    })
}

/// Introductions made before `before` (with the newcomers' marks), and
/// newcomer links issued before it (with their sessions). Returns how many
/// introductions went.
pub async fn delete_old_introductions(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let introductions = sqlx::query("DELETE FROM introductions WHERE created_at < $1")
        .bind(before)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query(
        "DELETE FROM newcomer_sessions WHERE person_id IN (SELECT person_id FROM newcomer_links WHERE issued_at < $1)",
    )
    .bind(before)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM newcomer_links WHERE issued_at < $1")
        .bind(before)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(introductions)
}
