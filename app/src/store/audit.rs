//! The audit log's rows. There is no statement here that edits an entry or
//! deletes one, other than erasure's and retention's.

use super::{now_ms, Db, StoreError};
pub use crate::model::audit::Actor;
use crate::model::audit::{Action, Entry, ERASED};

/// Adds an entry. `person` is the roster person it is about, if any.
pub async fn record<'e, E>(
    executor: E,
    actor: &Actor,
    action: Action,
    object: &str,
    person: Option<i64>,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor, action, object, person_id) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now_ms())
    .bind(actor.id)
    .bind(&actor.label)
    .bind(action.key())
    .bind(object)
    .bind(person)
    .execute(executor)
    .await?;
    Ok(())
}

/// Entries at or after `since` (UTC ms), newest first, `limit` from `offset`.
pub async fn list(
    db: &Db,
    since: i64,
    offset: usize,
    limit: usize,
) -> Result<Vec<Entry>, StoreError> {
    let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
        "SELECT id, at, actor, action, object FROM audit_log WHERE at >= $1 ORDER BY id DESC LIMIT $2 OFFSET $3",
    )
    .bind(since)
    .bind(limit as i64)
    .bind(offset as i64)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|(id, at, actor, key, object)| {
            Ok(Entry {
                id,
                at,
                actor,
                action: Action::from_key(&key)
                    .ok_or_else(|| StoreError::Unreadable(format!("audit entry action '{key}'")))?,
                object,
            })
        })
        .collect()
}

/// Erasure: the entries about a person, made by an account of theirs, or
/// whose text names them (their email, or a name they went by, as in "new
/// account ana@… as Manager") name "an erased person" instead. Names shorter
/// than four letters are matched only through the entries about the person:
/// as text they would blank unrelated entries.
pub async fn forget_person(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    person: i64,
    email: &str,
    names: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE audit_log SET object = $1, person_id = NULL WHERE person_id = $2")
        .bind(ERASED)
        .bind(person)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE audit_log SET actor = $1, actor_id = NULL WHERE lower(actor) = $2")
        .bind(ERASED)
        .bind(super::users::email_key(email))
        .execute(&mut **tx)
        .await?;
    let texts = std::iter::once(super::users::email_key(email)).chain(
        names
            .iter()
            .map(|n| n.trim().to_lowercase())
            .filter(|n| n.chars().count() >= 4),
    );
    for text in texts {
        sqlx::query("UPDATE audit_log SET object = $1 WHERE lower(object) LIKE $2 ESCAPE '\\'")
            .bind(ERASED)
            .bind(format!("%{}%", super::like_literal(&text)))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Retention: entries older than `before` (UTC ms) go. Returns how many.
pub async fn delete_older_than(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM audit_log WHERE at < $1")
        .bind(before)
        .execute(db.pool())
        .await?
        .rows_affected())
}
