//! Server functions of the Newcomers pages and the newcomer's own page: each
//! authorizes, then calls the service.

use super::{NewcomerDetail, NewcomerSettings, NewcomersView};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "newcomers")]
pub async fn get_newcomers(page: usize) -> Result<Option<NewcomersView>, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::page(&state.db, &state.settings.policy, &user, page).await
        }
        .await,
    )
}

#[server(endpoint = "newcomer")]
pub async fn get_newcomer(person_id: i64) -> Result<NewcomerDetail, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            // A manager asking for someone else's newcomer learns nothing more than "not found".
            super::service::one(&state.db, &state.settings.policy, &user, person_id)
                .await?
                .ok_or_else(|| {
                    AppError::not_found(crate::model::catalogue::say(
                        "refused-newcomers-this-person-is-not-among",
                    ))
                })
        }
        .await,
    )
}

#[server(endpoint = "send_introductions")]
pub async fn send_introductions_action(person_id: i64) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::send_introductions(
                &state.db,
                &state.settings.policy.privacy,
                &state.settings.link_key,
                &user,
                person_id,
            )
            .await?;
            leptos_axum::redirect(&format!("/newcomers/{person_id}?sent=1"));
            Ok(())
        }
        .await,
    )
}

/// HR's decision on a draft round: `approve` sends it, `skip` drops it, and
/// `drop` takes one colleague (`person_id`) out of it.
#[server(endpoint = "decide_round")]
pub async fn decide_round(
    round_id: i64,
    decision: String,
    person_id: Option<i64>,
) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let (db, privacy) = (&state.db, &state.settings.policy.privacy);
            match (decision.as_str(), person_id) {
                ("approve", _) => {
                    let today = crate::model::date::Date::today();
                    super::rounds::approve(
                        db,
                        privacy,
                        &state.settings.link_key,
                        &user,
                        round_id,
                        today,
                    )
                    .await?
                }
                ("skip", _) => super::rounds::skip(db, privacy, &user, round_id).await?,
                ("drop", Some(colleague)) => {
                    super::rounds::drop_pick(db, &user, round_id, colleague).await?
                }
                _ => {
                    return Err(AppError::invalid(crate::model::catalogue::say(
                        "refused-newcomers-choose-approve-skip-or-take",
                    )))
                }
            }
            leptos_axum::redirect(&format!("/newcomers?decided={decision}"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "revoke_newcomer_link")]
pub async fn revoke_newcomer_link(person_id: i64) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::revoke_link(&state.db, &user, person_id).await?;
            leptos_axum::redirect(&format!("/newcomers/{person_id}?revoked=1"));
            Ok(())
        }
        .await,
    )
}

/// The settings, for those who may change them (None for everyone else).
#[server(endpoint = "newcomer_settings_get")]
pub async fn get_newcomer_settings() -> Result<Option<NewcomerSettings>, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::settings_for(&state.db, &user).await
        }
        .await,
    )
}

// One argument per field, as the plain HTML form posts them.
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
#[server(endpoint = "newcomer_settings")]
pub async fn save_newcomer_settings(
    window_days: String,
    at_risk_days: String,
    cohort: String,
    pulse_days: String,
    pulse_open_days: String,
    suggestions: String,
    copy_manager: Option<String>,
    link_days: String,
    rounds: String,
    approval_rounds: String,
    holdout_percent: String,
    follow_up_days: String,
    suggest_senior: Option<String>,
) -> Result<(), AppError> {
    use crate::context::*;
    let form = super::SettingsForm {
        window_days,
        at_risk_days,
        cohort,
        pulse_days,
        pulse_open_days,
        suggestions,
        copy_manager,
        link_days,
        rounds,
        approval_rounds,
        holdout_percent,
        follow_up_days,
        suggest_senior,
    };
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::save_settings(
                &state.db,
                &state.settings.policy.privacy,
                &state.settings.link_key,
                &user,
                &form,
            )
            .await?;
            leptos_axum::redirect("/newcomers?saved=1");
            Ok(())
        }
        .await,
    )
}

/// The newcomer behind the request's session cookie (set by `/n/{token}`).
#[cfg(feature = "ssr")]
async fn newcomer() -> Result<(crate::context::AppState, i64), AppError> {
    let state = crate::context::app_state()?;
    let session = crate::cookies::SiteCookie::Newcomer.from_request(state.settings.secure_cookies);
    let person = match session {
        Some(session) => {
            crate::store::newcomers::newcomer_of_session(
                &state.db,
                &crate::auth::service::hash_token(&session),
            )
            .await?
        }
        None => None,
    };
    let person = person.ok_or_else(|| {
        let language = crate::context::browser_language().unwrap_or_default();
        AppError::invalid(language.say("welcome-open-from-link"))
    })?;
    Ok((state, person))
}

#[server(endpoint = "my_introductions")]
pub async fn my_introductions() -> Result<super::WelcomeView, AppError> {
    crate::context::respond(
        async {
            let (state, person) = newcomer().await?;
            super::service::my_introductions(
                &state.db,
                &state.settings.policy,
                person,
                crate::context::browser_language(),
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "mark_introduction")]
pub async fn mark_introduction(id: i64, status: String) -> Result<(), AppError> {
    crate::context::respond(
        async {
            let (state, person) = newcomer().await?;
            super::service::mark_introduction(
                &state.db,
                &state.settings.policy.privacy,
                person,
                id,
                &status,
            )
            .await?;
            leptos_axum::redirect("/welcome");
            Ok(())
        }
        .await,
    )
}
