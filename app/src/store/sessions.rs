//! Server-side sessions (stored by the hash of their id) and failed sign-in records.

use super::users::{UserRecord, UserRow, USER_COLUMNS};
use super::Db;

pub struct NewSession<'a> {
    pub id_hash: &'a str,
    pub user_id: i64,
    pub now: i64,
    pub expires_at: i64,
    pub origin: &'a SessionOrigin,
}

/// Where and how a session began, as its account's administrator sees it.
#[derive(Clone, Debug, Default)]
pub struct SessionOrigin {
    pub client_address: Option<String>,
    pub user_agent: Option<String>,
    pub method: SignInMethod,
}

pub use crate::model::auth::SignInMethod;

pub async fn insert(db: &Db, session: &NewSession<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, client_address, user_agent, method) \
         VALUES ($1, $2, $3, $3, $4, $5, $6, $7)",
    )
    .bind(session.id_hash)
    .bind(session.user_id)
    .bind(session.now)
    .bind(session.expires_at)
    .bind(session.origin.client_address.as_deref())
    .bind(session.origin.user_agent.as_deref())
    .bind(session.origin.method.as_str())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// How many account sessions are live (signed in and not expired).
pub async fn count_live(db: &Db, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE expires_at > $1")
        .bind(now)
        .fetch_one(db.pool())
        .await
}

/// Every live session, by account id, the most recently active first.
pub async fn live_by_account(
    db: &Db,
    now: i64,
) -> Result<std::collections::HashMap<i64, Vec<crate::model::auth::SessionSummary>>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct LiveRow {
        user_id: i64,
        id_hash: String,
        created_at: i64,
        last_seen_at: i64,
        client_address: Option<String>,
        user_agent: Option<String>,
        method: String,
    }
    let rows: Vec<LiveRow> = sqlx::query_as(
        "SELECT user_id, id_hash, created_at, last_seen_at, client_address, user_agent, method \
         FROM sessions WHERE expires_at > $1 ORDER BY last_seen_at DESC",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut by_account: std::collections::HashMap<i64, Vec<_>> = Default::default();
    for row in rows {
        by_account
            .entry(row.user_id)
            .or_default()
            .push(crate::model::auth::SessionSummary {
                handle: row.id_hash,
                started_at: row.created_at,
                last_seen_at: row.last_seen_at,
                client_address: row.client_address,
                user_agent: row.user_agent,
                method: SignInMethod::parse(&row.method),
            });
    }
    Ok(by_account)
}

/// A live session with its account.
pub struct SessionWithUser {
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub user: UserRecord,
}

pub async fn find(db: &Db, id_hash: &str) -> Result<Option<SessionWithUser>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct SessionRow {
        last_seen_at: i64,
        expires_at: i64,
        #[sqlx(flatten)]
        user: UserRow,
    }
    let sql = format!(
        "SELECT {USER_COLUMNS}, sessions.last_seen_at, sessions.expires_at \
         FROM sessions JOIN users ON users.id = sessions.user_id WHERE sessions.id_hash = $1"
    );
    let Some(row) = sqlx::query_as::<_, SessionRow>(&sql)
        .bind(id_hash)
        .fetch_optional(db.pool())
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(SessionWithUser {
        last_seen_at: row.last_seen_at,
        expires_at: row.expires_at,
        user: UserRecord::try_from(row.user)?,
    }))
}

pub async fn touch(db: &Db, id_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
        .bind(now)
        .bind(id_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn delete(db: &Db, id_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Ends every session of an account except `keep` (after a password change).
pub async fn delete_others(db: &Db, user_id: i64, keep: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(user_id)
        .bind(keep)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}

/// Removes sessions past their absolute or idle limit.
pub async fn delete_expired(db: &Db, now: i64, idle_cutoff: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(idle_cutoff)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}

/// Writes down a sign-in attempt (a failure until it succeeds), in its own
/// commit, and returns its id.
pub async fn record_login_failure(db: &Db, subject: &str, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("INSERT INTO login_failures (subject, at) VALUES ($1, $2) RETURNING id")
        .bind(subject)
        .bind(now)
        .fetch_one(db.pool())
        .await
}

pub async fn forget_login_attempt(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE id = $1")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// How the throttle's keys for an account begin (then the client's address).
pub fn pair_prefix(email: &str) -> String {
    format!("account:{}|", super::users::email_key(email))
}

/// Erasure: every attempt at the account of this email, from any address.
pub async fn forget_account_attempts(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    email: &str,
) -> Result<(), sqlx::Error> {
    let prefix = pair_prefix(email);
    sqlx::query("DELETE FROM login_failures WHERE substr(subject, 1, CAST($2 AS INTEGER)) = $1")
        .bind(&prefix)
        .bind(prefix.chars().count() as i64)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Attempts older than `before` (UTC ms): they no longer count.
pub async fn delete_old_login_failures(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(before)
        .execute(db.pool())
        .await?
        .rows_affected())
}

pub async fn count_login_failures(db: &Db, subject: &str, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE subject = $1 AND at > $2")
        .bind(subject)
        .bind(since)
        .fetch_one(db.pool())
        .await
}

pub async fn clear_login_failures(db: &Db, subject: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE subject = $1")
        .bind(subject)
        .execute(db.pool())
        .await?;
    Ok(())
}
