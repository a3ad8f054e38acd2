//! Newcomers for their readers: the stored figures, a page at a time or one
//! newcomer, written in words for whoever reads them; introductions emailed
//! and marked; the settings. Nothing here computes the network: see
//! [`super::compute`], which runs when something changes.

use super::words;
use super::{
    DraftRound, IntroductionStatus, IntroductionView, ManagedNewcomer, ManagerNewcomers,
    NewcomerDetail, NewcomerFigures, NewcomerRow, NewcomerSettings, NewcomersView, SettingsForm,
    StaffNewcomer, StaffNewcomers, SuggestionView, PER_PAGE,
};
use crate::error::AppError;
use crate::mail::LinkKey;
use crate::model::auth::CurrentUser;
use crate::model::catalogue::say;
use crate::model::language::Language;
use crate::model::newcomers::LinkState;
use crate::model::policy::Policy;
use crate::model::privacy::Privacy;
use crate::store::newcomers::{self as store, Reports};
use crate::store::Db;
use std::collections::HashMap;

/// Whose newcomers a user sees: everyone's for analysts and admins; for a
/// manager, everyone under them (through their own roster entry).
async fn reports_for(db: &Db, user: &CurrentUser) -> Result<Reports, AppError> {
    if user.can_see_individuals() {
        return Ok(Reports::Everyone);
    }
    // A manager account with no roster entry has no reports to see.
    let me = crate::store::users::roster_person(db, user.id).await?;
    Ok(Reports::Of(me.unwrap_or(-1)))
}

/// Everyone a newcomer's figures name, for their names.
fn people_named(figures: &NewcomerFigures) -> Vec<i64> {
    let mut ids = vec![figures.person_id];
    for s in &figures.suggestions {
        ids.push(s.person_id);
        ids.extend(s.reasons.iter().flat_map(|r| r.people().iter().copied()));
    }
    for event in &figures.timeline {
        match &event.what {
            super::Happening::Introduced { people } => ids.extend(people),
            super::Happening::Marked { person, .. }
            | super::Happening::TieShowed { person, .. } => ids.push(*person),
            _ => {}
        }
    }
    ids
}

/// Names as they stand now; someone erased since reads as such.
fn namer(names: &HashMap<i64, String>) -> impl Fn(i64) -> String + '_ {
    |id| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "someone no longer listed".into())
    }
}

/// Analysts and admins may read every reason, whatever the number of people
/// behind it: the smallest group they see is one.
const STAFF_SEE_ALL: usize = 1;

/// Every draft round waiting for HR, in words: whom it would introduce and
/// why, and whom the experiment holds out.
/// The rounds waiting for approval, the first [`DRAFTS_LISTED`] by due date
/// (a large company has thousands), and how many there are.
async fn drafts_in_words(db: &Db) -> Result<(usize, Vec<DraftRound>), AppError> {
    let (total, drafts) = crate::store::rounds::drafts(db, super::DRAFTS_LISTED).await?;
    let ids: Vec<i64> = drafts
        .iter()
        .flat_map(|r| {
            std::iter::once(r.newcomer_id)
                .chain(r.picks.iter().map(|p| p.colleague_id))
                .chain(
                    r.picks
                        .iter()
                        .flat_map(|p| p.reasons.iter().flat_map(|x| x.people().to_vec())),
                )
        })
        .collect();
    let names = store::names(db, &ids).await?;
    let name_of = namer(&names);
    let drafts = drafts
        .into_iter()
        .map(|r| DraftRound {
            round_id: r.id,
            newcomer_id: r.newcomer_id,
            newcomer: name_of(r.newcomer_id),
            number: r.number,
            due_on: r.due_on,
            introduced: r
                .picks
                .iter()
                .filter(|p| p.arm == super::Arm::Introduced)
                .map(|p| {
                    let name = name_of(p.colleague_id);
                    SuggestionView {
                        person_id: p.colleague_id,
                        ground: p.ground,
                        reasons: words::reasons(&p.reasons, &name, &name_of),
                        name,
                    }
                })
                .collect(),
            held_out: r
                .picks
                .iter()
                .filter(|p| p.arm == super::Arm::HeldOut)
                .map(|p| name_of(p.colleague_id))
                .collect(),
        })
        .collect();
    Ok((total, drafts))
}

/// A newcomer's figures in words for analysts and admins, as the names stand now.
fn in_words(
    figures: NewcomerFigures,
    introduced: Vec<IntroductionView>,
    names: &HashMap<i64, String>,
) -> NewcomerRow {
    let name_of = namer(names);
    let suggestions = figures
        .suggestions
        .iter()
        .map(|s| {
            let name = name_of(s.person_id);
            SuggestionView {
                person_id: s.person_id,
                ground: s.ground,
                reasons: words::reasons(&s.reasons, &name, &name_of),
                name,
            }
        })
        .collect();
    let timeline = words::timeline(&figures.timeline, &name_of);
    NewcomerRow {
        name: name_of(figures.person_id),
        introduced,
        suggestions,
        timeline,
        figures,
    }
}

/// A newcomer as their manager may see them, built by the disclosure policy:
/// their one list with the reasons the policy allows, the joining and the
/// introductions, and no figure measured from answers.
async fn for_manager(
    db: &Db,
    k: usize,
    figures: &NewcomerFigures,
    names: &HashMap<i64, String>,
) -> Result<ManagedNewcomer, AppError> {
    let name_of = namer(names);
    // The boundary test switches the policy off here to show that it notices.
    let k = if crate::disclosure::bypassed() {
        STAFF_SEE_ALL
    } else {
        k
    };
    Ok(ManagedNewcomer {
        person_id: figures.person_id,
        name: name_of(figures.person_id),
        hired_on: figures.hired_on.clone(),
        cohort: figures.cohort.clone(),
        days: figures.days,
        introductions: introductions_in_words(db, k, figures.person_id, Language::English).await?,
        timeline: words::timeline(
            &crate::disclosure::timeline_for_manager(&figures.timeline),
            &name_of,
        ),
    })
}

/// One page (from 0) of the newcomers the user may see, shaped for them; None
/// before any wave is analysed.
pub async fn page(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    page: usize,
) -> Result<Option<NewcomersView>, AppError> {
    Ok(if user.can_see_individuals() {
        staff_page(db, user, page)
            .await?
            .map(|v| NewcomersView::Staff(Box::new(v)))
    } else {
        manager_page(db, policy, user, page)
            .await?
            .map(|v| NewcomersView::Manager(Box::new(v)))
    })
}

/// One page of every newcomer with every figure, for analysts and admins.
pub async fn staff_page(
    db: &Db,
    user: &CurrentUser,
    page: usize,
) -> Result<Option<StaffNewcomers>, AppError> {
    user.require(CurrentUser::can_see_individuals)?;
    let Some(summary) = store::summary(db).await? else {
        return Ok(None);
    };
    let (mut figures, total) =
        store::figures_page(db, Reports::Everyone, page * PER_PAGE, PER_PAGE).await?;
    // Histories and timelines are read on each newcomer's own page.
    for f in &mut figures {
        f.history.clear();
        f.timeline.clear();
    }
    let ids: Vec<i64> = figures.iter().flat_map(people_named).collect();
    let names = store::names(db, &ids).await?;
    audit_list(db, user, page).await?;
    let (drafts_total, drafts) = drafts_in_words(db).await?;
    let mut rows = Vec::new();
    for f in figures {
        let introduced =
            introductions_in_words(db, STAFF_SEE_ALL, f.person_id, Language::English).await?;
        rows.push(in_words(f, introduced, &names));
    }
    Ok(Some(StaffNewcomers {
        summary,
        can_send: user.can_run_surveys(),
        total,
        page,
        drafts_total,
        drafts,
        rows,
    }))
}

/// One page of a manager's newcomers, shaped by the disclosure policy.
pub async fn manager_page(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    page: usize,
) -> Result<Option<ManagerNewcomers>, AppError> {
    let Some(summary) = store::summary(db).await? else {
        return Ok(None);
    };
    let reports = reports_for(db, user).await?;
    let (figures, total) = store::figures_page(db, reports, page * PER_PAGE, PER_PAGE).await?;
    let ids: Vec<i64> = figures.iter().flat_map(people_named).collect();
    let names = store::names(db, &ids).await?;
    let mut rows = Vec::new();
    for f in &figures {
        rows.push(for_manager(db, policy.min_people(), f, &names).await?);
    }
    audit_list(db, user, page).await?;
    Ok(Some(ManagerNewcomers {
        summary: crate::disclosure::summary_for_manager(summary, policy.min_people()),
        total,
        page,
        rows,
    }))
}

/// Every read of the list is in the audit log: it names newcomers.
async fn audit_list(db: &Db, user: &CurrentUser, page: usize) -> Result<(), AppError> {
    crate::audit::service::record(
        db,
        user,
        crate::audit::Action::NewcomerList,
        &format!("page {}", page + 1),
        None,
    )
    .await
}

/// One newcomer the user may see, shaped for them; None when there is no
/// such newcomer or they are not the user's to see (the two look alike).
pub async fn one(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    person_id: i64,
) -> Result<Option<NewcomerDetail>, AppError> {
    if user.can_see_individuals() {
        return Ok(staff_one(db, user, person_id)
            .await?
            .map(|staff| NewcomerDetail::Staff(Box::new(staff))));
    }
    let (Some(_), Some(figures)) = (
        store::summary(db).await?,
        store::figures_of(db, person_id).await?,
    ) else {
        return Ok(None);
    };
    let reports = reports_for(db, user).await?;
    if let Reports::Of(manager) = reports {
        if !crate::store::people::reports_to(db, person_id, manager).await? {
            return Ok(None);
        }
    }
    let names = store::names(db, &people_named(&figures)).await?;
    audit_one(db, user, &names, person_id).await?;
    let managed = for_manager(db, policy.min_people(), &figures, &names).await?;
    Ok(Some(NewcomerDetail::Manager(managed)))
}

/// One newcomer with every figure and their cohort's band, for analysts and admins.
pub async fn staff_one(
    db: &Db,
    user: &CurrentUser,
    person_id: i64,
) -> Result<Option<StaffNewcomer>, AppError> {
    user.require(CurrentUser::can_see_individuals)?;
    let (Some(summary), Some(figures)) = (
        store::summary(db).await?,
        store::figures_of(db, person_id).await?,
    ) else {
        return Ok(None);
    };
    let names = store::names(db, &people_named(&figures)).await?;
    audit_one(db, user, &names, person_id).await?;
    let introduced =
        introductions_in_words(db, STAFF_SEE_ALL, person_id, Language::English).await?;
    let row = in_words(figures, introduced, &names);
    let band = summary
        .bands
        .into_iter()
        .find(|(cohort, _)| *cohort == row.figures.cohort)
        .map(|(_, band)| band)
        .unwrap_or_default();
    Ok(Some(StaffNewcomer {
        row,
        band,
        tenured_median: summary.tenured_median,
        window_days: summary.settings.window_days,
        can_send: user.can_run_surveys(),
    }))
}

async fn audit_one(
    db: &Db,
    user: &CurrentUser,
    names: &HashMap<i64, String>,
    person_id: i64,
) -> Result<(), AppError> {
    crate::audit::service::record(
        db,
        user,
        crate::audit::Action::NewcomerPage,
        &namer(names)(person_id),
        Some(person_id),
    )
    .await
}

/// Sends the newcomer a round of introductions now, outside the schedule: their
/// next candidates (less those held out) become their list, and they, their
/// colleagues and (if asked) their manager are emailed. Returns the newcomer's name.
pub async fn send_introductions(
    db: &Db,
    privacy: &Privacy,
    key: &LinkKey,
    user: &CurrentUser,
    person_id: i64,
) -> Result<String, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let summary = store::summary(db)
        .await?
        .ok_or_else(|| AppError::invalid(say("refused-newcomers-no-wave-has-been-analysed")))?;
    let figures = store::figures_of(db, person_id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-newcomers-this-person-is-not-a")))?;
    let sent = super::rounds::send_now(
        db,
        privacy,
        key,
        &figures,
        summary.wave_id,
        crate::model::date::Date::today(),
    )
    .await?;
    if !sent {
        return Err(AppError::invalid(say(
            "refused-newcomers-there-is-no-one-to",
        )));
    }
    let names = store::names(db, &[person_id]).await?;
    let name = namer(&names)(person_id);
    Ok(name)
}

/// A newcomer's own introductions, in words for them: what the disclosure
/// policy lets them learn.
pub async fn my_introductions(
    db: &Db,
    policy: &Policy,
    newcomer: i64,
    browser: Option<Language>,
) -> Result<super::WelcomeView, AppError> {
    let language = crate::surveys::service::language_of(db, Some(newcomer), browser).await?;
    Ok(super::WelcomeView {
        language,
        introductions: introductions_in_words(db, policy.min_people(), newcomer, language).await?,
    })
}

/// A newcomer's one list, latest round first, with the reasons a newcomer (or
/// their manager) may read: the same for every reader and the emails.
async fn introductions_in_words(
    db: &Db,
    k: usize,
    newcomer: i64,
    language: Language,
) -> Result<Vec<IntroductionView>, AppError> {
    let list = store::introductions_for(db, newcomer, 0, store::Listed::All).await?;
    let roster = store::roster_facts_of_introductions(db, newcomer, &list).await?;
    Ok(list
        .into_iter()
        .map(|i| IntroductionView {
            id: i.id,
            person_id: i.suggested_id,
            role: [i.title, i.team]
                .into_iter()
                .flatten()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            email: i.email,
            reasons: words::for_newcomer(
                &i.grounds,
                &i.name,
                &roster.get(&i.suggested_id).cloned().unwrap_or_default(),
                k,
                language,
            ),
            name: i.name,
            status: i.status,
        })
        .collect())
}

/// Withdraws a newcomer's personal link and signs out whoever opened it.
/// Emailing their introductions again issues a new one.
/// Follows a newcomer's emailed link: while it works, a session opens for
/// them. Returns what the link was found to be, and the session's token (for
/// the cookie; only its hash is stored).
pub async fn follow_link(db: &Db, token: &str) -> Result<(LinkState, String), AppError> {
    use crate::auth::service::{hash_token, new_token};
    let session = new_token();
    let state = store::open_newcomer_session(
        db,
        &hash_token(token),
        &hash_token(&session),
        super::NEWCOMER_SESSION_MS,
    )
    .await?;
    Ok((state, session))
}

/// A colleague's one-click "suggest me less often", from the link in a
/// heads-up: no sign-in, the link is the proof. Hashes are compared, so the
/// comparison's time says nothing about the token.
pub async fn suggest_less_by_link(
    db: &Db,
    key: &LinkKey,
    person_id: i64,
    token: &str,
) -> Result<(), AppError> {
    use crate::auth::service::hash_token;
    if hash_token(&key.suggest_less_token(person_id)) != hash_token(token) {
        return Err(AppError::not_found(say(
            "refused-newcomers-this-link-does-not-work",
        )));
    }
    Ok(store::set_suggest_less(db, person_id, true).await?)
}

/// The introductions experiment as the latest computation left it (an empty
/// report before any wave is analysed).
pub async fn experiment(db: &Db) -> Result<super::Experiment, AppError> {
    Ok(store::summary(db)
        .await?
        .map(|s| s.experiment)
        .unwrap_or_else(|| super::experiment::report(&[], 1)))
}

pub async fn revoke_link(db: &Db, user: &CurrentUser, person_id: i64) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    if store::revoke_newcomer_link(db, person_id).await? {
        Ok(())
    } else {
        Err(AppError::not_found(say(
            "refused-newcomers-this-newcomer-has-no-personal",
        )))
    }
}

/// Records what a newcomer says of one of their own introductions. The
/// figures it changes (their next suggestions, timelines, conversions) are
/// computed again in the background: the newcomer does not wait for them.
pub async fn mark_introduction(
    db: &Db,
    privacy: &Privacy,
    newcomer: i64,
    id: i64,
    status: &str,
) -> Result<(), AppError> {
    let said = async |id: &str| {
        crate::surveys::service::reader_language(db, newcomer)
            .await
            .say(id)
    };
    let Some(status) =
        IntroductionStatus::from_key(status).filter(|s| *s != IntroductionStatus::Suggested)
    else {
        return Err(AppError::invalid(said("welcome-refused-answer").await));
    };
    if !store::mark_introduction(db, newcomer, id, status).await? {
        return Err(AppError::not_found(said("welcome-refused-not-yours").await));
    }
    crate::jobs::spawn_newcomers_refresh(db, privacy);
    Ok(())
}

/// The settings, for those who may change them (None for everyone else).
pub async fn settings_for(
    db: &Db,
    user: &CurrentUser,
) -> Result<Option<NewcomerSettings>, AppError> {
    Ok(if user.can_run_surveys() {
        Some(store::settings(db).await?)
    } else {
        None
    })
}

/// Saves HR's newcomer settings and applies them at once: the figures are
/// computed again, and rounds the new schedule makes due today are made.
pub async fn save_settings(
    db: &Db,
    privacy: &Privacy,
    key: &LinkKey,
    user: &CurrentUser,
    form: &SettingsForm,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let settings = form.parse()?;
    let mut tx = db.begin().await?;
    store::save_settings(&mut *tx, &settings).await?;
    crate::audit::service::record_in(
        &mut tx,
        user,
        crate::audit::Action::SettingsChange,
        "newcomer settings",
        None,
    )
    .await?;
    tx.commit().await?;
    super::compute::refresh(db, privacy).await?;
    super::rounds::run_due(db, privacy, key, crate::model::date::Date::today()).await?;
    Ok(())
}
