//! Newcomer pulses: a two-question check-in sent to each newcomer on set days
//! after hire. Each day's pulses are one small wave of the pulse survey; their
//! answers feed the help network and the integration curves.

use crate::error::AppError;
use crate::mail::LinkKey;
use crate::model::date::Date;
use crate::store::{pulses, Db};

/// Sends today's due pulses (and any missed in the last few days). Returns the
/// pulse wave and how many newcomers it invited, if any were due.
pub async fn send_due(
    db: &Db,
    key: &LinkKey,
    today: Date,
) -> Result<Option<(i64, usize)>, AppError> {
    let settings = crate::store::newcomers::settings(db).await?;
    if settings.pulse_days.is_empty() || !pulses::surveys_have_run(db).await? {
        return Ok(None);
    }
    let due = pulses::due(db, &settings.pulse_days, today).await?;
    if due.is_empty() {
        return Ok(None);
    }
    let due = due
        .into_iter()
        .map(|due| {
            (
                due.person_id,
                due.day,
                crate::surveys::service::new_link(key).0,
            )
        })
        .collect();
    Ok(pulses::open(db, today, settings.pulse_open_days, due).await?)
}
