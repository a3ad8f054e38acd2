//! Background work that runs beside the web server.

use app::store::{now_ms, Db};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;
use tokio::task::JoinHandle;

/// A background task's name and handle.
type Task = (&'static str, JoinHandle<()>);

/// The background tasks of this process, by name, for the readiness check.
fn running() -> &'static Mutex<Vec<Task>> {
    static TASKS: OnceLock<Mutex<Vec<Task>>> = OnceLock::new();
    TASKS.get_or_init(|| Mutex::new(Vec::new()))
}

/// Starts a background task that runs as long as Knit does, watched by /readyz.
pub fn spawn_watched(
    name: &'static str,
    task: impl std::future::Future<Output = ()> + Send + 'static,
) {
    let handle = tokio::spawn(task);
    running()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((name, handle));
}

/// Waits until the task `name` has ended, at most `patience`; whether it did.
pub async fn ended(name: &str, patience: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + patience;
    while !stopped().contains(&name) {
        if tokio::time::Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    true
}

/// The background tasks that have ended: while Knit serves, only by panicking.
pub fn stopped() -> Vec<&'static str> {
    running()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|(_, handle)| handle.is_finished())
        .map(|(name, _)| *name)
        .collect()
}

/// Removes expired sessions every hour, so that the table holds live ones only.
pub fn spawn_session_sweeper(db: Db) {
    spawn_watched("session sweeper", async move {
        let mut every = tokio::time::interval(Duration::from_secs(60 * 60));
        loop {
            every.tick().await;
            if let Err(err) = app::auth::service::sweep_expired(&db, now_ms()).await {
                tracing::warn!(error = %err, "could not remove expired sign-in records");
            }
        }
    });
}

/// One round of the schedule: survey waves opened and closed on their dates,
/// then the newcomer pulses and introduction rounds due today. Returns the
/// waves opened (pulse waves included) and closed. Safe from several
/// instances at once.
pub async fn run_schedule(
    db: &Db,
    policy: &app::model::policy::Policy,
    key: &app::mail::LinkKey,
    today: app::model::date::Date,
) -> Result<(Vec<i64>, Vec<i64>), app::error::AppError> {
    let (mut opened, closed) = app::surveys::service::run_schedule(db, policy, key, today).await?;
    if let Some((wave, invited)) = app::newcomers::pulses::send_due(db, key, today).await? {
        tracing::info!(wave, invited, "newcomer pulses sent");
        opened.push(wave);
    }
    let rounds = app::newcomers::rounds::run_due(db, &policy.privacy, key, today).await?;
    if rounds != Default::default() {
        tracing::info!(
            drafted = rounds.drafted,
            sent = rounds.sent,
            follow_ups = rounds.follow_ups,
            "introduction rounds"
        );
    }
    Ok((opened, closed))
}

/// Runs the schedule every five minutes.
pub fn spawn_survey_schedule(db: Db, policy: app::model::policy::Policy, key: app::mail::LinkKey) {
    spawn_watched("survey schedule", async move {
        let mut every = tokio::time::interval(Duration::from_secs(5 * 60));
        loop {
            every.tick().await;
            let today = app::model::date::Date::today();
            match run_schedule(&db, &policy, &key, today).await {
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

/// Looks every few seconds for analyses that died with their process, on
/// any instance, and runs them again.
pub fn spawn_analysis_watch(db: Db, policy: app::model::policy::Policy) {
    spawn_watched("analysis watch", async move {
        let mut every = tokio::time::interval(app::jobs::RUN_HEARTBEAT * 2);
        loop {
            every.tick().await;
            if let Err(err) = app::jobs::resume_interrupted(&db, &policy).await {
                tracing::warn!(error = %err, "could not look for interrupted analyses");
            }
        }
    });
}

/// Deletes answers whose retention period has ended, once a day across all
/// instances (checked hourly, so a day missed while stopped is caught up).
pub fn spawn_retention(db: Db, privacy: app::privacy::Privacy, outbox: std::path::PathBuf) {
    spawn_watched("retention", async move {
        let mut every = tokio::time::interval(Duration::from_secs(60 * 60));
        loop {
            every.tick().await;
            let today = app::model::date::Date::today();
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

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn a_background_task_that_stops_is_reported() {
        super::spawn_watched("test task", async { panic!("a fault in the task") });
        super::spawn_watched("long task", std::future::pending());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert_eq!(super::stopped(), vec!["test task"]);
    }
}
