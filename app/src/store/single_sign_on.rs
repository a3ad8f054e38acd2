//! Single sign-on: sign-ins on their way through the provider, and the
//! provider's subject each account is linked to.

use super::users::{UserRecord, USER_COLUMNS};
use super::Db;

pub struct Flow {
    pub nonce: String,
    pub pkce_verifier: String,
    pub return_to: String,
}

pub async fn insert_flow(
    db: &Db,
    state_hash: &str,
    flow: &Flow,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO oidc_flows (state_hash, nonce, pkce_verifier, return_to, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(state_hash)
    .bind(&flow.nonce)
    .bind(&flow.pkce_verifier)
    .bind(&flow.return_to)
    .bind(expires_at)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Takes a flow back, once: it is deleted as it is read, so a replayed
/// callback finds nothing. Expired flows are not returned.
pub async fn take_flow(db: &Db, state_hash: &str, now: i64) -> Result<Option<Flow>, sqlx::Error> {
    let row: Option<(String, String, String, i64)> = sqlx::query_as(
        "DELETE FROM oidc_flows WHERE state_hash = $1 \
         RETURNING nonce, pkce_verifier, return_to, expires_at",
    )
    .bind(state_hash)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.filter(|(_, _, _, expires_at)| *expires_at > now).map(
        |(nonce, pkce_verifier, return_to, _)| Flow {
            nonce,
            pkce_verifier,
            return_to,
        },
    ))
}

pub async fn delete_expired_flows(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM oidc_flows WHERE expires_at <= $1")
        .bind(now)
        .execute(db.pool())
        .await?
        .rows_affected())
}

pub async fn find_by_subject(db: &Db, subject: &str) -> Result<Option<UserRecord>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE oidc_subject = $1");
    sqlx::query_as::<_, super::users::UserRow>(&sql)
        .bind(subject)
        .fetch_optional(db.pool())
        .await?
        .map(UserRecord::try_from)
        .transpose()
}

/// Links an account to a provider subject, unless it is linked to another
/// one already. Returns whether it is now linked to this subject.
pub async fn link_subject(db: &Db, id: i64, subject: &str) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE users SET oidc_subject = $1 WHERE id = $2 AND oidc_subject IS NULL")
            .bind(subject)
            .bind(id)
            .execute(db.pool())
            .await?;
    Ok(done.rows_affected() == 1)
}
