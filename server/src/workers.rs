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
        }
    });
}
