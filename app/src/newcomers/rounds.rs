//! Introduction rounds: on the days after hire HR sets, each newcomer's next
//! candidates become a round. Some are held out at random (the experiment);
//! the rest are introduced, at once or once HR approves. A sent round is the
//! newcomer's one list, on every page and in every email.

use super::{Arm, NewcomerFigures, NewcomerSettings, RoundPick, RoundPlan};
use crate::error::AppError;
use crate::mail::LinkKey;
use crate::model::auth::CurrentUser;
use crate::model::catalogue::say;
use crate::model::date::{Date, SlashOrder};
use crate::model::privacy::Privacy;
use crate::store::newcomers::{self as newcomers_store, NewcomerLink, Reports};
use crate::store::rounds::{self as store, NewRound, Sending};
use crate::store::Db;
use rand::seq::index::sample;
use rand::Rng;
use std::collections::BTreeSet;

/// A round missed by more than this many days (the schedule was off, or the
/// newcomer arrived on the roster late) is not made any more.
const GRACE_DAYS: i64 = 14;

/// What one run of the schedule did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoundsRun {
    /// Rounds made: drafts waiting for HR, and rounds sent on their own.
    pub drafted: usize,
    pub sent: usize,
    /// "Did you meet?" messages queued.
    pub follow_ups: u64,
}

/// Makes the rounds due on `today` (or missed within the grace days), sends
/// those that need no approval, and queues the "did you meet?" whose day has
/// come. Safe from several instances: each round is made once.
pub async fn run_due(
    db: &Db,
    privacy: &Privacy,
    key: &LinkKey,
    today: Date,
) -> Result<RoundsRun, AppError> {
    let settings = newcomers_store::settings(db).await?;
    let mut run = RoundsRun {
        follow_ups: store::queue_follow_ups(db, &today.iso()).await?,
        ..RoundsRun::default()
    };
    let Some(summary) = newcomers_store::summary(db).await? else {
        return Ok(run);
    };
    let made = store::numbers_made(db).await?;
    let (everyone, _) = newcomers_store::figures_page(db, Reports::Everyone, 0, 1 << 40).await?;
    for figures in everyone {
        let numbers = made.get(&figures.person_id).cloned().unwrap_or_default();
        let Some((number, plan)) = due_round(&settings.rounds, &figures.hired_on, &numbers, today)
        else {
            continue;
        };
        let made = Making {
            settings: &settings,
            wave_id: summary.wave_id,
            on: today,
            simulated: false,
        };
        match made
            .round(
                db,
                key,
                &figures,
                number,
                !plan.approval,
                &mut rand::rngs::OsRng,
            )
            .await?
        {
            Some(Made::Drafted) => run.drafted += 1,
            Some(Made::Sent) => run.sent += 1,
            None => {}
        }
    }
    if run.drafted + run.sent > 0 {
        super::compute::refresh(db, privacy).await?;
    }
    Ok(run)
}

/// The scheduled round due for a newcomer on `today` that they do not have
/// yet: its number (1 for the first of the schedule) and plan.
fn due_round(
    plans: &[RoundPlan],
    hired_on: &str,
    made: &BTreeSet<i64>,
    today: Date,
) -> Option<(i64, RoundPlan)> {
    let hired = Date::parse(hired_on, SlashOrder::Unknown)?.days_since_epoch();
    let since_hire = today.days_since_epoch() - hired;
    plans
        .iter()
        .enumerate()
        .map(|(i, plan)| (i as i64 + 1, *plan))
        .find(|(number, plan)| {
            !made.contains(number) && (plan.day..plan.day + GRACE_DAYS).contains(&since_hire)
        })
}

/// Everyone already in one of the newcomer's rounds, in either arm: no one is
/// introduced twice, and no one held out is introduced later.
async fn taken(db: &Db, newcomer: i64) -> Result<BTreeSet<i64>, AppError> {
    Ok(store::of_newcomer(db, newcomer)
        .await?
        .iter()
        .filter(|r| r.status != super::RoundStatus::Skipped)
        .flat_map(|r| r.picks.iter().map(|p| p.colleague_id))
        .collect())
}

/// A round's candidates: the newcomer's next suggestions in order, of which a
/// random few, as many as the holdout share sets aside, are held out.
pub fn draw(
    figures: &NewcomerFigures,
    settings: &NewcomerSettings,
    taken: &BTreeSet<i64>,
    rng: &mut impl Rng,
) -> Vec<RoundPick> {
    let candidates: Vec<_> = figures
        .suggestions
        .iter()
        .filter(|s| !taken.contains(&s.person_id))
        .take(settings.candidates_per_round())
        .collect();
    let held_out_count = if settings.holdout_share > 0.0 && candidates.len() > 1 {
        candidates
            .len()
            .saturating_sub(settings.suggestions)
            .max((candidates.len() as f64 * settings.holdout_share).round() as usize)
            .min(candidates.len() - 1)
    } else {
        0
    };
    let held_out: BTreeSet<usize> = sample(rng, candidates.len(), held_out_count)
        .into_iter()
        .collect();
    candidates
        .into_iter()
        .enumerate()
        .map(|(i, s)| RoundPick {
            colleague_id: s.person_id,
            arm: if held_out.contains(&i) {
                Arm::HeldOut
            } else {
                Arm::Introduced
            },
            ground: s.ground,
            reasons: s.reasons.clone(),
        })
        .collect()
}

/// Sends a draft on `today`: the newcomer's link, their email (and their
/// manager's copy), the colleagues' heads-ups, and "did you meet?" later.
async fn send(
    db: &Db,
    key: &LinkKey,
    settings: &NewcomerSettings,
    round: i64,
    today: Date,
) -> Result<bool, AppError> {
    let seed = crate::mail::new_seed();
    let token_hash = crate::auth::service::hash_token(&key.token(&seed));
    let follow_up = Date::from_days_since_epoch(today.days_since_epoch() + settings.follow_up_days);
    let sending = Sending {
        link: NewcomerLink {
            seed: &seed,
            token_hash: &token_hash,
            lifetime_ms: settings.link_days * 86_400_000,
        },
        copy_manager: settings.copy_manager,
        sent_on: &today.iso(),
        follow_up_on: &follow_up.iso(),
    };
    Ok(store::send(db, round, &sending).await?)
}

/// HR sends a draft now.
pub async fn approve(
    db: &Db,
    privacy: &Privacy,
    key: &LinkKey,
    user: &CurrentUser,
    round: i64,
    today: Date,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let settings = newcomers_store::settings(db).await?;
    if !send(db, key, &settings, round, today).await? {
        return Err(AppError::Conflict(say(
            "refused-newcomers-this-round-is-no-longer",
        )));
    }
    super::compute::refresh(db, privacy).await
}

/// HR skips a draft: nothing goes out.
pub async fn skip(
    db: &Db,
    privacy: &Privacy,
    user: &CurrentUser,
    round: i64,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    if !store::skip(db, round).await? {
        return Err(AppError::Conflict(say(
            "refused-newcomers-this-round-is-no-longer",
        )));
    }
    super::compute::refresh(db, privacy).await
}

/// HR takes one colleague out of a draft before approving it.
pub async fn drop_pick(
    db: &Db,
    user: &CurrentUser,
    round: i64,
    colleague: i64,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    if !store::drop_pick(db, round, colleague).await? {
        return Err(AppError::Conflict(say(
            "refused-newcomers-only-someone-introduced-in-a",
        )));
    }
    Ok(())
}

/// A round HR sends by hand, outside the schedule (numbered after the
/// newcomer's last), drawn and sent at once. Returns whether anyone was introduced.
pub async fn send_now(
    db: &Db,
    privacy: &Privacy,
    key: &LinkKey,
    figures: &NewcomerFigures,
    wave_id: i64,
    today: Date,
) -> Result<bool, AppError> {
    let settings = newcomers_store::settings(db).await?;
    let rounds = store::of_newcomer(db, figures.person_id).await?;
    let number = rounds
        .iter()
        .map(|r| r.number)
        .max()
        .unwrap_or(0)
        .max(settings.rounds.len() as i64)
        + 1;
    let made = Making {
        settings: &settings,
        wave_id,
        on: today,
        simulated: false,
    };
    let sent = made
        .round(db, key, figures, number, true, &mut rand::rngs::OsRng)
        .await?
        == Some(Made::Sent);
    super::compute::refresh(db, privacy).await?;
    Ok(sent)
}

/// What became of a round made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Made {
    Drafted,
    Sent,
}

/// How rounds are made on one day: from the analysed wave `wave_id`, by the
/// schedule, by HR, or simulated by the demo.
pub struct Making<'a> {
    pub settings: &'a NewcomerSettings,
    pub wave_id: i64,
    pub on: Date,
    pub simulated: bool,
}

impl Making<'_> {
    /// Draws the newcomer's next candidates (some held out), stores them as
    /// round `number`, and sends it when `send_it`. None when no one could be
    /// introduced or the round was already made.
    pub async fn round(
        &self,
        db: &Db,
        key: &LinkKey,
        figures: &NewcomerFigures,
        number: i64,
        send_it: bool,
        rng: &mut impl Rng,
    ) -> Result<Option<Made>, AppError> {
        let taken = taken(db, figures.person_id).await?;
        let picks = draw(figures, self.settings, &taken, rng);
        if !picks.iter().any(|p| p.arm == Arm::Introduced) {
            return Ok(None);
        }
        let round = NewRound {
            newcomer_id: figures.person_id,
            number,
            due_on: &self.on.iso(),
            wave_id: self.wave_id,
            simulated: self.simulated,
            picks: &picks,
        };
        let Some(id) = store::create(db, &round).await? else {
            return Ok(None);
        };
        if !send_it {
            return Ok(Some(Made::Drafted));
        }
        let sent = send(db, key, self.settings, id, self.on).await?;
        Ok(sent.then_some(Made::Sent))
    }
}
