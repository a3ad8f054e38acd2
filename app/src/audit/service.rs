//! Recording and reading the audit log.

use super::{Action, Entry, LogPage, PER_PAGE};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::catalogue::say_with;
use crate::model::date::{Date, SlashOrder};
use crate::store::audit::{self as store, Actor};
use crate::store::Db;

pub fn actor(user: &CurrentUser) -> Actor {
    Actor {
        id: Some(user.id),
        label: user.email.clone(),
    }
}

/// Records what `user` did. A view that cannot be recorded is not shown: the
/// caller passes the error on.
pub async fn record(
    db: &Db,
    user: &CurrentUser,
    action: Action,
    object: &str,
    person: Option<i64>,
) -> Result<(), AppError> {
    store::record(db.pool(), &actor(user), action, object, person).await?;
    Ok(())
}

/// Records what `user` changed, inside the change's own transaction: the
/// change and its entry are saved together or not at all.
pub async fn record_in(
    tx: &mut crate::store::Tx,
    user: &CurrentUser,
    action: Action,
    object: &str,
    person: Option<i64>,
) -> Result<(), AppError> {
    store::record(&mut **tx, &actor(user), action, object, person).await?;
    Ok(())
}

/// "2026-03-01" as UTC milliseconds at the start of that day; the message names the field.
pub fn since_ms(since: Option<&str>) -> Result<i64, AppError> {
    match since.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(0),
        Some(text) => Date::parse(text, SlashOrder::Unknown)
            .map(|d| d.days_since_epoch() * 86_400_000)
            .ok_or_else(|| {
                AppError::invalid(say_with(
                    "refused-audit-since-is-not-a-date",
                    &[("text", text.into())],
                ))
            }),
    }
}

/// One page of the log for an admin, newest first.
pub async fn page(
    db: &Db,
    user: &CurrentUser,
    since: Option<&str>,
    page: usize,
) -> Result<LogPage, AppError> {
    user.require(CurrentUser::can_manage_accounts)?;
    let since = since_ms(since)?;
    let mut entries = store::list(db, since, page * PER_PAGE, PER_PAGE + 1).await?;
    let more = entries.len() > PER_PAGE;
    entries.truncate(PER_PAGE);
    Ok(LogPage {
        entries,
        page,
        more,
    })
}

/// Every entry since a date, oldest first (for `knit audit`).
pub async fn all_since(db: &Db, since: Option<&str>) -> Result<Vec<Entry>, AppError> {
    let since = since_ms(since)?;
    let mut entries = Vec::new();
    loop {
        let batch = store::list(db, since, entries.len(), 10_000).await?;
        let done = batch.len() < 10_000;
        entries.extend(batch);
        if done {
            break;
        }
    }
    entries.reverse();
    Ok(entries)
}
