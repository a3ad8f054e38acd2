//! What a respondent's personal report reads: their own answers, how many
//! named them, and the wave's figures over everyone (never another person's
//! answer as such).

use super::Db;

/// Whether a wave's reports can be read: closed, analysed, its answers kept.
pub async fn ready(db: &Db, wave_id: i64) -> Result<bool, sqlx::Error> {
    let ready: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM waves w WHERE w.id = $1 AND w.status = 'closed' \
         AND w.answers_deleted_at IS NULL \
         AND EXISTS (SELECT 1 FROM analysis_runs r WHERE r.wave_id = w.id AND r.status = 'done')",
    )
    .bind(wave_id)
    .fetch_one(db.pool())
    .await?;
    Ok(ready > 0)
}

/// A colleague a person named for one question, with their department.
#[derive(sqlx::FromRow)]
pub struct NamedRow {
    pub relation_id: i64,
    pub name: String,
    pub department: Option<String>,
}

/// Whom a person named in a wave: their own answers.
pub async fn named_by(db: &Db, wave_id: i64, person_id: i64) -> Result<Vec<NamedRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.relation_id, p.full_name AS name, p.department FROM ties t \
         JOIN people p ON p.id = t.named_id WHERE t.wave_id = $1 AND t.respondent_id = $2 \
         ORDER BY t.relation_id, p.sort_key, p.id",
    )
    .bind(wave_id)
    .bind(person_id)
    .fetch_all(db.pool())
    .await
}

/// How many people named this person, per question and across them all.
pub async fn times_named(
    db: &Db,
    wave_id: i64,
    person_id: i64,
) -> Result<(Vec<(i64, i64)>, i64), sqlx::Error> {
    let per_question: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT relation_id, COUNT(DISTINCT respondent_id) FROM ties \
         WHERE wave_id = $1 AND named_id = $2 GROUP BY relation_id",
    )
    .bind(wave_id)
    .bind(person_id)
    .fetch_all(db.pool())
    .await?;
    let overall: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT respondent_id) FROM ties WHERE wave_id = $1 AND named_id = $2",
    )
    .bind(wave_id)
    .bind(person_id)
    .fetch_one(db.pool())
    .await?;
    Ok((per_question, overall))
}

/// Each respondent's reach: how many colleagues they named, in how many
/// departments.
#[derive(sqlx::FromRow)]
pub struct ReachRow {
    pub respondent_id: i64,
    pub colleagues: i64,
    pub departments: i64,
}

pub async fn reach(db: &Db, wave_id: i64) -> Result<Vec<ReachRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.respondent_id, COUNT(DISTINCT t.named_id) AS colleagues, \
         COUNT(DISTINCT p.department) AS departments \
         FROM ties t JOIN people p ON p.id = t.named_id WHERE t.wave_id = $1 GROUP BY t.respondent_id",
    )
    .bind(wave_id)
    .fetch_all(db.pool())
    .await
}

/// How many people named each person invited to the wave (0 for those no one named).
pub async fn times_named_everyone(db: &Db, wave_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT (SELECT COUNT(DISTINCT t.respondent_id) FROM ties t \
                 WHERE t.wave_id = i.wave_id AND t.named_id = i.person_id) \
         FROM invitations i WHERE i.wave_id = $1",
    )
    .bind(wave_id)
    .fetch_all(db.pool())
    .await
}

/// The departments of the people invited to a wave, and how many each has.
pub async fn departments(db: &Db, wave_id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.department, COUNT(*) FROM invitations i JOIN people p ON p.id = i.person_id \
         WHERE i.wave_id = $1 AND p.department IS NOT NULL GROUP BY p.department ORDER BY p.department",
    )
    .bind(wave_id)
    .fetch_all(db.pool())
    .await
}
