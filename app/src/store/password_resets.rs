//! One-time links to set a new password, and their place in the outbox.

use super::{now_ms, Db};

pub struct NewReset<'a> {
    pub user_id: i64,
    pub token_hash: &'a str,
    pub seed: &'a str,
    /// "self", or the administrator who sent it.
    pub requested_by: &'a str,
    pub expires_at: i64,
    /// The message that carries it: a reset, or a new account's welcome.
    pub purpose: crate::model::mail::Purpose,
}

/// Stores a reset link and queues its message, in the caller's transaction.
pub async fn create(tx: &mut super::Tx, reset: &NewReset<'_>) -> Result<i64, sqlx::Error> {
    let now = now_ms();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO password_resets (user_id, token_hash, token_seed, requested_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(reset.user_id)
    .bind(reset.token_hash)
    .bind(reset.seed)
    .bind(reset.requested_by)
    .bind(now)
    .bind(reset.expires_at)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO outbox (purpose, wave_id, reset_id, round, next_attempt_at, created_at) \
         VALUES ($1, 0, $2, 0, $3, $3)",
    )
    .bind(reset.purpose.key())
    .bind(id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// The account a link would set the password of, if it is unused, unexpired
/// and its account enabled.
pub async fn usable(db: &Db, token_hash: &str, now: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id \
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND u.disabled_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db.pool())
    .await
}

/// Uses a link, in the caller's transaction: it is marked used (only if
/// still usable, so two uses at once cannot both succeed), the account gets
/// the new password hash, its other open links die and every session ends.
/// Returns the account, or `None` when the link was not usable.
pub async fn redeem(
    tx: &mut super::Tx,
    token_hash: &str,
    password_hash: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let user: Option<i64> = sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $2, token_seed = NULL \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
           AND user_id IN (SELECT id FROM users WHERE disabled_at IS NULL) \
         RETURNING user_id",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(user) = user else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE password_resets SET used_at = $2, token_seed = NULL WHERE user_id = $1 AND used_at IS NULL",
    )
    .bind(user)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    super::users::set_password_hash_in(&mut **tx, user, password_hash).await?;
    super::users::end_sessions(tx, user).await?;
    Ok(Some(user))
}

/// Links that expired or were used more than a day ago, with their messages.
pub async fn delete_old(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let day = 24 * 60 * 60 * 1000;
    Ok(
        sqlx::query("DELETE FROM password_resets WHERE expires_at < $1 OR used_at < $1")
            .bind(now - day)
            .execute(db.pool())
            .await?
            .rows_affected(),
    )
}
