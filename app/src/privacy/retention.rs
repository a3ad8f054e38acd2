//! Retention: a closed wave's individual answers are deleted when the
//! retention period after its closing ends. What goes: ties and attribute
//! answers, respondents' links and sessions, the wave's messages, and the
//! person-level part of its stored analysis (each person's metrics, the key
//! players, the changes); the network's own figures stay. With them go
//! introductions (and the newcomers' marks on them), newcomer links and audit
//! entries older than the period. The job runs once a day, on one instance.

use super::Privacy;
use crate::error::AppError;
use crate::model::date::Date;
use crate::store::{analyses, audit, now_ms, retention as store, Db};

/// What one run deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Deleted {
    pub waves: usize,
    pub ties: u64,
    pub attribute_answers: u64,
    pub introductions: u64,
    pub audit_entries: u64,
    pub messages: usize,
}

const JOB: &str = "retention";

/// The day's deletion, unless another instance (or an earlier call) ran it
/// today: None then. A run cut short is finished by the next day's, which
/// deletes everything older than its own cut-off.
pub async fn run_daily(
    db: &Db,
    today: Date,
    privacy: Privacy,
    outbox: Option<&std::path::Path>,
) -> Result<Option<Deleted>, AppError> {
    if !store::claim_day(db, JOB, &today.iso()).await? {
        return Ok(None);
    }
    let deleted = run(
        db,
        &privacy,
        now_ms() - privacy.retention_days * 86_400_000,
        outbox,
    )
    .await?;
    store::finish_day(db, JOB, &today.iso()).await?;
    Ok(Some(deleted))
}

/// Deletes everything the retention period covers that is older than `before` (UTC ms).
pub async fn run(
    db: &Db,
    privacy: &Privacy,
    before: i64,
    outbox: Option<&std::path::Path>,
) -> Result<Deleted, AppError> {
    let mut deleted = Deleted::default();
    for wave_id in store::waves_closed_before(db, before).await? {
        let mut reports = Vec::new();
        for stored in analyses::load(db, wave_id).await? {
            reports.push(store::FiguresOnly {
                network: stored.network.key(),
                report: network_figures_only(&stored.report)?,
                summary: stored
                    .summary
                    .as_deref()
                    .map(summary_figures_only)
                    .transpose()?,
            });
        }
        let purged = store::purge_wave(db, wave_id, &reports).await?;
        tracing::info!(
            wave_id,
            ties = purged.ties,
            "retention: the wave's answers were deleted"
        );
        deleted.waves += 1;
        deleted.ties += purged.ties;
        deleted.attribute_answers += purged.attribute_answers;
    }
    deleted.introductions = store::delete_old_introductions(db, before).await?;
    deleted.audit_entries = audit::delete_older_than(db, before).await?;
    if let Some(dir) = outbox {
        deleted.messages =
            crate::mail::folder::erase_older_than(dir, before).map_err(AppError::internal)?;
    }
    if deleted.waves > 0 || deleted.introductions > 0 {
        crate::newcomers::compute::refresh(db, privacy).await?;
    }
    Ok(deleted)
}

/// A stored summary with nothing about any one person left: the network's
/// figures (groups go too, as from the report).
fn summary_figures_only(summary: &str) -> Result<String, AppError> {
    let summary: crate::model::insight::NetworkSummary = serde_json::from_str(summary)
        .map_err(|e| AppError::internal(format!("a stored summary is unreadable: {e}")))?;
    let figures_only = crate::model::insight::NetworkSummary {
        network: summary.network,
        groups: None,
        group_positions: Vec::new(),
        group_answered: Vec::new(),
        heatmaps: Vec::new(),
        attributes: Vec::new(),
        key_players: Vec::new(),
        changes: Vec::new(),
        answers: Vec::new(),
    };
    serde_json::to_string(&figures_only).map_err(AppError::internal)
}

/// A stored report with nothing about any one person left: the network's figures.
fn network_figures_only(report: &str) -> Result<String, AppError> {
    let mut report: analysis::Report = serde_json::from_str(report)
        .map_err(|e| AppError::internal(format!("a stored report is unreadable: {e}")))?;
    report.nodes.clear();
    report.roles.clear();
    report.groups = None;
    serde_json::to_string(&report).map_err(AppError::internal)
}
