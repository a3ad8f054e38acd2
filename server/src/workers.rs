//! Background work that runs beside the web server.

use app::store::{now_ms, sessions, Db};
use std::time::Duration;

/// Removes expired sessions every hour, so that the table holds live ones only.
pub fn spawn_session_sweeper(db: Db) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(60 * 60));
        loop {
            every.tick().await;
            let now = now_ms();
            let idle_cutoff = now - app::auth::service::SESSION_IDLE_MS;
            match sessions::delete_expired(&db, now, idle_cutoff).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(removed = n, "expired sessions removed"),
                Err(err) => tracing::warn!(error = %err, "could not remove expired sessions"),
            }
            let memory = app::auth::service::THROTTLE_MEMORY_MS;
            if let Err(err) = sessions::delete_old_login_failures(&db, now - memory).await {
                tracing::warn!(error = %err, "could not remove old sign-in failures");
            }
            if let Err(err) = app::store::password_resets::delete_old(&db, now).await {
                tracing::warn!(error = %err, "could not remove old password reset links");
            }
            if let Err(err) = app::store::single_sign_on::delete_expired_flows(&db, now).await {
                tracing::warn!(error = %err, "could not remove abandoned single sign-ons");
            }
        }
    });
}

/// One round of the schedule: survey waves opened and closed on their dates,
/// then the newcomer pulses due today. Returns the waves opened (pulse waves
/// included) and closed. Safe from several instances at once.
pub async fn run_schedule(
    db: &Db,
    key: &app::mail::LinkKey,
    today: app::people::date::Date,
) -> Result<(Vec<i64>, Vec<i64>), app::error::AppError> {
    let (mut opened, closed) = app::surveys::service::run_schedule(db, key, today).await?;
    if let Some((wave, invited)) = app::newcomers::pulses::send_due(db, key, today).await? {
        tracing::info!(wave, invited, "newcomer pulses sent");
        opened.push(wave);
    }
    Ok((opened, closed))
}

/// Runs the schedule every five minutes.
pub fn spawn_survey_schedule(db: Db, key: app::mail::LinkKey) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(5 * 60));
        loop {
            every.tick().await;
            let today = app::people::date::Date::today();
            match run_schedule(&db, &key, today).await {
                Ok((opened, closed)) if opened.is_empty() && closed.is_empty() => {}
                Ok((opened, closed)) => tracing::info!(
                    ?opened,
                    ?closed,
                    "survey waves opened and closed on schedule"
                ),
                Err(err) => tracing::warn!(error = %err, "could not run the survey schedule"),
            }
        }
    });
}

/// Deletes answers whose retention period has ended, once a day across all
/// instances (checked hourly, so a day missed while stopped is caught up).
pub fn spawn_retention(db: Db, privacy: app::privacy::Privacy, outbox: std::path::PathBuf) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(60 * 60));
        loop {
            every.tick().await;
            let today = app::people::date::Date::today();
            match app::privacy::retention::run_daily(&db, today, privacy, Some(&outbox)).await {
                Ok(Some(deleted)) => tracing::info!(
                    waves = deleted.waves,
                    ties = deleted.ties,
                    introductions = deleted.introductions,
                    audit_entries = deleted.audit_entries,
                    messages = deleted.messages,
                    "retention: expired answers deleted"
                ),
                Ok(None) => {}
                Err(err) => {
                    tracing::warn!(error = %err, "retention: could not delete expired answers")
                }
            }
        }
    });
}
