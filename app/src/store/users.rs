//! Accounts of admins, analysts and managers.

use super::{is_unique_violation, now_ms, Db};
use crate::model::auth::{CurrentUser, Role};
use sqlx::{Any, Transaction};

/// The setting row whose presence means the first admin has been created.
const SETUP_DONE_KEY: &str = "setup_completed_at";

#[derive(Debug, Clone)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub disabled: bool,
}

impl UserRecord {
    pub fn to_current(&self) -> CurrentUser {
        CurrentUser {
            id: self.id,
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role,
        }
    }
}

/// A `users` row as [`USER_COLUMNS`] reads it.
#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    password_hash: String,
    disabled_at: Option<i64>,
}

impl TryFrom<UserRow> for UserRecord {
    type Error = sqlx::Error;

    fn try_from(row: UserRow) -> Result<UserRecord, sqlx::Error> {
        Ok(UserRecord {
            role: Role::parse(&row.role).ok_or_else(|| {
                sqlx::Error::Decode(format!("unknown role '{}'", row.role).into())
            })?,
            id: row.id,
            email: row.email,
            name: row.name,
            password_hash: row.password_hash,
            disabled: row.disabled_at.is_some(),
        })
    }
}

pub use crate::model::auth::{email_key, AccountChange};

pub(crate) const USER_COLUMNS: &str =
    "users.id, users.email, users.name, users.role, users.password_hash, users.disabled_at";

#[derive(Debug, thiserror::Error)]
pub enum InsertUserError {
    #[error("an account with this email already exists")]
    DuplicateEmail,
    #[error("Knit is already set up: an administrator exists")]
    AlreadySetUp,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
}

pub async fn insert<'c, E>(executor: E, user: &NewUser<'_>) -> Result<i64, InsertUserError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let now = now_ms();
    sqlx::query_scalar(
        "INSERT INTO users (email, email_key, name, role, password_hash, created_at, password_changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(user.email.trim())
    .bind(email_key(user.email))
    .bind(user.name.trim())
    .bind(user.role.as_str())
    .bind(user.password_hash)
    .bind(now)
    .fetch_one(executor)
    .await
    .map_err(|e| {
        if is_unique_violation(&e, "users_email_key") {
            InsertUserError::DuplicateEmail
        } else {
            InsertUserError::Database(e)
        }
    })
}

/// Creates the first administrator, once. The setup marker's primary key makes a
/// second, concurrent setup fail instead of creating a second admin.
pub async fn insert_first_admin(
    tx: &mut Transaction<'static, Any>,
    user: &NewUser<'_>,
) -> Result<i64, InsertUserError> {
    let marked = sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
    )
    .bind(SETUP_DONE_KEY)
    .bind(now_ms().to_string())
    .execute(&mut **tx)
    .await?;
    if marked.rows_affected() == 0 {
        return Err(InsertUserError::AlreadySetUp);
    }
    insert(&mut **tx, user).await
}

/// Whether the first-run setup has been completed (by the setup page or the CLI).
pub async fn setup_done(db: &Db) -> Result<bool, sqlx::Error> {
    Ok(super::settings::get(db, SETUP_DONE_KEY).await?.is_some())
}

/// Marks setup as done without creating an account (used when the CLI creates an admin).
pub async fn mark_setup_done<'c, E>(executor: E) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(SETUP_DONE_KEY)
        .bind(now_ms().to_string())
        .execute(executor)
        .await?;
    Ok(())
}

pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<UserRecord>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email_key = $1");
    sqlx::query_as::<_, UserRow>(&sql)
        .bind(email_key(email))
        .fetch_optional(db.pool())
        .await?
        .map(UserRecord::try_from)
        .transpose()
}

pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<UserRecord>, sqlx::Error> {
    find_by_id_in(db.pool(), id).await
}

/// [`find_by_id`] in a transaction of the caller's.
pub async fn find_by_id_in<'e, E>(executor: E, id: i64) -> Result<Option<UserRecord>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    sqlx::query_as::<_, UserRow>(&sql)
        .bind(id)
        .fetch_optional(executor)
        .await?
        .map(UserRecord::try_from)
        .transpose()
}

pub async fn set_password_hash(db: &Db, id: i64, hash: &str) -> Result<(), sqlx::Error> {
    set_password_hash_in(db.pool(), id, hash).await
}

pub(crate) async fn set_password_hash_in<'c, E>(
    executor: E,
    id: i64,
    hash: &str,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now_ms())
        .bind(id)
        .execute(executor)
        .await?;
    Ok(())
}

/// The roster person an account stands for: the one linked explicitly, or
/// else the one with the account's email.
pub async fn roster_person(db: &Db, id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COALESCE(u.person_id, p.id) FROM users u \
         LEFT JOIN people p ON p.email_key = u.email_key WHERE u.id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await
    .map(Option::flatten)
}

/// Each account's roster person, linked explicitly or by email, with whether
/// the link is explicit.
pub async fn roster_people(
    db: &Db,
) -> Result<std::collections::HashMap<i64, RosterLink>, sqlx::Error> {
    let rows: Vec<(i64, Option<i64>, i64, String)> = sqlx::query_as(
        "SELECT u.id AS account, u.person_id AS explicit, x.id AS person, \
                COALESCE(x.preferred_name, x.full_name) AS name \
         FROM users u LEFT JOIN people p ON p.email_key = u.email_key \
         JOIN people x ON x.id = COALESCE(u.person_id, p.id)",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(account, explicit, person_id, name)| {
            let explicit = explicit.is_some();
            (
                account,
                RosterLink {
                    person_id,
                    name,
                    explicit,
                },
            )
        })
        .collect())
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterLink {
    pub person_id: i64,
    pub name: String,
    pub explicit: bool,
}

pub async fn list(db: &Db) -> Result<Vec<UserRecord>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY lower(name), id");
    sqlx::query_as::<_, UserRow>(&sql)
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .map(UserRecord::try_from)
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    #[error("there is no such account")]
    NoSuchAccount,
    /// The change would leave no active administrator.
    #[error("the last active administrator")]
    LastAdmin,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Applies a change in the caller's transaction, refused when it would leave
/// no active administrator (the caller's transaction is then dropped, undoing
/// it). Returns how many sessions it ended.
pub async fn change(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    change: &AccountChange,
) -> Result<u64, ChangeError> {
    if super::Backend::of(tx) == super::Backend::Postgres {
        // Two admins disabling each other at once must not both pass the count below.
        sqlx::query("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut **tx)
            .await?;
    }
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    if exists.is_none() {
        return Err(ChangeError::NoSuchAccount);
    }
    let ended = match change {
        AccountChange::Disable => {
            sqlx::query("UPDATE users SET disabled_at = COALESCE(disabled_at, $1) WHERE id = $2")
                .bind(now_ms())
                .bind(id)
                .execute(&mut **tx)
                .await?;
            end_sessions(tx, id).await?
        }
        AccountChange::Enable => {
            sqlx::query("UPDATE users SET disabled_at = NULL WHERE id = $1")
                .bind(id)
                .execute(&mut **tx)
                .await?;
            0
        }
        AccountChange::SetRole(role) => {
            sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
                .bind(role.as_str())
                .bind(id)
                .execute(&mut **tx)
                .await?;
            0
        }
        AccountChange::SetPasswordHash(hash) => {
            set_password_hash_in(&mut **tx, id, hash).await?;
            end_sessions(tx, id).await?
        }
        AccountChange::EndSessions => end_sessions(tx, id).await?,
        AccountChange::EndSession(id_hash) => {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash = $2")
                .bind(id)
                .bind(id_hash)
                .execute(&mut **tx)
                .await?
                .rows_affected()
        }
        AccountChange::LinkPerson(person) => {
            sqlx::query("UPDATE users SET person_id = $1 WHERE id = $2")
                .bind(*person)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            0
        }
        AccountChange::Delete => {
            let ended = end_sessions(tx, id).await?;
            sqlx::query("DELETE FROM users WHERE id = $1")
                .bind(id)
                .execute(&mut **tx)
                .await?;
            ended
        }
    };
    let admins: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL",
    )
    .fetch_one(&mut **tx)
    .await?;
    if admins == 0 {
        return Err(ChangeError::LastAdmin);
    }
    Ok(ended)
}

pub(crate) async fn end_sessions(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}
