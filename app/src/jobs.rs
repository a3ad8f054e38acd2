//! Work that follows a change, in the background or at start: a closed wave is
//! analyzed, and then the newcomers' figures are computed again, as they are
//! after anything else that changes them (introductions, pulses, the roster,
//! the settings). The one place that knows what follows what.

use crate::error::AppError;
use crate::model::policy::Policy;
use crate::model::privacy::Privacy;
use crate::store::{analyses, Db};

/// How often a running analysis says it is alive; one missing twice is taken for dead.
pub use crate::store::analyses::RUN_HEARTBEAT;

/// Analyzes a wave (a pulse wave has no analysis of its own), then computes
/// the newcomers' figures again.
pub async fn analyze_wave(db: &Db, policy: &Policy, wave_id: i64) -> Result<(), AppError> {
    crate::insight::service::compute(db, policy, wave_id).await?;
    crate::newcomers::compute::refresh(db, &policy.privacy).await
}

/// The waves this process is analysing in the background.
fn analysing() -> std::sync::MutexGuard<'static, std::collections::BTreeSet<i64>> {
    static WAVES: std::sync::Mutex<std::collections::BTreeSet<i64>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    WAVES.lock().unwrap_or_else(|e| e.into_inner())
}

/// [`analyze_wave`] in the background: a wave that closed, or an analyst's request.
pub fn spawn_wave_analysis(db: &Db, policy: &Policy, wave_id: i64) {
    let db = db.clone();
    let policy = policy.clone();
    analysing().insert(wave_id);
    tokio::spawn(async move {
        match analyze_wave(&db, &policy, wave_id).await {
            Ok(()) => tracing::info!(wave_id, "wave analyzed"),
            Err(err) => tracing::warn!(wave_id, error = %err, "the analysis did not finish"),
        }
        analysing().remove(&wave_id);
    });
}

/// On a clean stop: the analyses still running here are marked failed, with
/// the reason, so that the page says so and they can be run again at once
/// (by this instance after a restart, or by another one) instead of waiting
/// for the run to be taken for dead. Nothing half done is stored: a run's
/// results are saved in one transaction at its end.
pub async fn release_runs(db: &Db) {
    let waves: Vec<i64> = analysing().iter().copied().collect();
    for wave_id in waves {
        let why = crate::model::catalogue::say("analysis-stopped");
        match analyses::finish_run(db, wave_id, Some(&why)).await {
            Ok(()) => tracing::info!(wave_id, "an analysis under way was stopped"),
            Err(err) => {
                tracing::warn!(wave_id, error = %err, "a stopped analysis could not be marked")
            }
        }
    }
}

/// Analyses whose process died under them (no heartbeat: a crash, SIGKILL)
/// are computed again, by whichever instance sees them first; returns which.
/// Their results were never half stored: they are saved in one transaction.
pub async fn resume_interrupted(db: &Db, policy: &Policy) -> Result<Vec<i64>, AppError> {
    let waves = analyses::interrupted_runs(db).await?;
    for &wave_id in &waves {
        if !analysing().contains(&wave_id) {
            tracing::info!(
                wave_id,
                "an analysis interrupted by a crash: computing it again"
            );
            spawn_wave_analysis(db, policy, wave_id);
        }
    }
    Ok(waves)
}

/// The newcomers' figures computed again in the background, after a change of
/// the roster.
pub fn spawn_newcomers_refresh(db: &Db, privacy: &Privacy) {
    let (db, privacy) = (db.clone(), *privacy);
    tokio::spawn(async move {
        if let Err(err) = crate::newcomers::compute::refresh(&db, &privacy).await {
            tracing::warn!(error = %err, "the newcomers' figures were not computed");
        }
    });
}

/// At start: analyses stored in an older shape (or missing, after an erasure
/// that stopped before computing them again) are computed again from their
/// waves' answers (what people saw stays: the same ties give the same roles),
/// and the newcomers' figures are computed if none are stored.
pub async fn on_start(db: &Db, policy: &Policy) -> Result<(), AppError> {
    let mut old = analyses::waves_with_old_reports(db).await?;
    old.extend(analyses::waves_missing_results(db).await?);
    old.extend(analyses::waves_without_layout(db).await?);
    old.sort_unstable();
    old.dedup();
    for &wave_id in &old {
        tracing::info!(
            wave_id,
            "analysis stored in an older shape: computing it again"
        );
        crate::insight::service::compute(db, policy, wave_id).await?;
    }
    if !old.is_empty() || crate::store::newcomers::summary(db).await?.is_none() {
        crate::newcomers::compute::refresh(db, &policy.privacy).await?;
    }
    Ok(())
}
