//! A wave's response (invited, opened, answered, declined) by department and
//! language: counted live while the wave is open, kept as it closes.

use super::Db;

/// A wave's invitations of one department and language (as the roster gives
/// them, now or when the wave closed; None where it gives none): how many
/// were invited, opened their link, answered, and said they prefer not to
/// take part.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ResponseCount {
    pub department: Option<String>,
    pub language: Option<String>,
    pub invited: i64,
    pub opened: i64,
    pub answered: i64,
    pub declined: i64,
}

/// Every response figure of a wave: the survey page sums them by department,
/// by language and in all. A closed wave's were counted when it closed (a
/// wave closed before they were is counted now, once).
pub async fn response_counts(db: &Db, wave_id: i64) -> Result<Vec<ResponseCount>, sqlx::Error> {
    if let Some(counts) = stored_response_counts(db, wave_id).await? {
        return Ok(counts);
    }
    count_responses(db, db.pool(), wave_id).await
}

/// How many answered a wave: as counted when it closed, or now.
pub async fn answered(db: &Db, wave_id: i64) -> Result<i64, sqlx::Error> {
    if let Some(counts) = stored_response_counts(db, wave_id).await? {
        return Ok(counts.iter().map(|c| c.answered).sum());
    }
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM invitations WHERE wave_id = $1 AND submitted_at IS NOT NULL",
    )
    .bind(wave_id)
    .fetch_one(db.pool())
    .await
}

/// A closed wave's response as counted when it closed; `None` for a wave
/// still open.
pub(super) async fn stored_response_counts(
    db: &Db,
    wave_id: i64,
) -> Result<Option<Vec<ResponseCount>>, sqlx::Error> {
    let stored: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT status, response_counts FROM waves WHERE id = $1")
            .bind(wave_id)
            .fetch_optional(db.pool())
            .await?;
    match stored {
        Some((_, Some(json))) => serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| sqlx::Error::Decode(Box::new(e))),
        Some((status, None)) if status == "closed" => {
            let mut tx = db.begin().await?;
            let counts = keep_response_counts(db, &mut tx, wave_id).await?;
            tx.commit().await?;
            Ok(Some(counts))
        }
        _ => Ok(None),
    }
}

/// Counts a wave's response and keeps it with the wave, as it closes.
pub(super) async fn keep_response_counts(
    db: &Db,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    wave_id: i64,
) -> Result<Vec<ResponseCount>, sqlx::Error> {
    let counts = count_responses(db, &mut **tx, wave_id).await?;
    let json = serde_json::to_string(&counts).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query("UPDATE waves SET response_counts = $1 WHERE id = $2")
        .bind(json)
        .bind(wave_id)
        .execute(&mut **tx)
        .await?;
    Ok(counts)
}

/// One pass over a wave's invitations, joined to the roster of today.
async fn count_responses<'e>(
    db: &Db,
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    wave_id: i64,
) -> Result<Vec<ResponseCount>, sqlx::Error> {
    let language = super::language_column(db, "p.");
    type Row = (Option<String>, Option<String>, i64, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT p.department, {language} AS language, COUNT(*) AS invited, \
         COUNT(i.first_opened_at) AS opened, COUNT(i.submitted_at) AS answered, \
         COUNT(i.declined_at) AS declined \
         FROM invitations i JOIN people p ON p.id = i.person_id WHERE i.wave_id = $1 \
         GROUP BY p.department, {language}"
    ))
    .bind(wave_id)
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(department, language, invited, opened, answered, declined)| ResponseCount {
                department,
                language,
                invited,
                opened,
                answered,
                declined,
            },
        )
        .collect())
}
