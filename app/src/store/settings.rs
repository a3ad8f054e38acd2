//! Instance-wide settings as key/value text.

use super::Db;

/// The organization's name, shown in the app and in emails.
pub const ORGANIZATION_NAME: &str = "organization_name";
/// Set the first time HR previews a survey (the first steps' third tick).
pub const SURVEY_PREVIEWED: &str = "survey_previewed";
/// The code of the language people get when the roster names none.
pub const DEFAULT_LANGUAGE: &str = "default_language";

pub async fn get(db: &Db, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(key)
        .fetch_optional(db.pool())
        .await
}

/// Writes a setting, in a transaction of the caller's or on its own (`db.pool()`).
pub async fn set<'e, E>(executor: E, key: &str, value: &str) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(executor)
    .await?;
    Ok(())
}
