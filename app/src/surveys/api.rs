//! Server functions for building surveys and running their waves.

use super::{SurveyOverview, Wave};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub id: i64,
    pub name: String,
    pub waves: usize,
    pub latest: Option<Wave>,
}

#[server(endpoint = "surveys")]
pub async fn list_surveys() -> Result<(Vec<SurveySummary>, bool), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let mut out = Vec::new();
            for id in crate::store::surveys::list_ids(&state.db).await? {
                if let Some(s) = crate::store::surveys::get(&state.db, id).await? {
                    out.push(SurveySummary {
                        id,
                        name: s.definition.name.clone(),
                        waves: s.waves.len(),
                        latest: s.waves.last().cloned(),
                    });
                }
            }
            Ok((out, user.can_run_surveys()))
        }
        .await,
    )
}

#[server(endpoint = "survey")]
pub async fn get_survey(id: i64, waiting: Option<String>) -> Result<SurveyOverview, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::overview(
                &state.db,
                &state.settings.policy,
                &user,
                id,
                waiting.as_deref(),
            )
            .await
        }
        .await,
    )
}

/// What the builder offers to narrow a survey's population to.
#[server(endpoint = "population_choices")]
pub async fn get_population_choices() -> Result<super::PopulationChoices, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::population_choices(&state.db, &user).await
        }
        .await,
    )
}

/// The survey's page and invitation as its people would get them.
#[server(endpoint = "survey_preview")]
pub async fn get_survey_preview(id: i64) -> Result<super::SurveyPreview, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::preview(
                &state.db,
                &state.settings.policy,
                &user,
                &state.settings.public_url,
                id,
            )
            .await
        }
        .await,
    )
}

/// Creates a survey and its first wave from the builder's form.
#[server(endpoint = "create_survey")]
pub async fn create_survey(f: BTreeMap<String, String>) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let definition = super::form::definition_from_form(&f)?;
            let opens_on = f.get("opens_on").cloned().unwrap_or_default();
            let closes_on = f.get("closes_on").cloned().unwrap_or_default();
            // Check the dates before anything is saved.
            super::service::check_wave_dates(&opens_on, &closes_on)?;
            let id = super::service::create_survey(&state.db, &user, &definition).await?;
            super::service::add_wave(&state.db, &user, id, &opens_on, &closes_on).await?;
            leptos_axum::redirect(&format!("/surveys/{id}"));
            Ok(())
        }
        .await,
    )
}

/// Saves the builder's form over a draft survey.
#[server(endpoint = "update_survey")]
pub async fn update_survey(id: i64, f: BTreeMap<String, String>) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let definition = super::form::definition_from_form(&f)?;
            super::service::update_survey(&state.db, &user, id, &definition).await?;
            leptos_axum::redirect(&format!("/surveys/{id}?saved=1"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "add_wave")]
pub async fn add_wave(survey_id: i64, opens_on: String, closes_on: String) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::add_wave(&state.db, &user, survey_id, &opens_on, &closes_on).await?;
            leptos_axum::redirect(&format!("/surveys/{survey_id}"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "open_wave")]
pub async fn open_wave(survey_id: i64, wave_id: i64) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let invited =
                super::service::open_wave(&state.db, &state.settings.link_key, &user, wave_id)
                    .await?;
            leptos_axum::redirect(&format!("/surveys/{survey_id}?opened={}", invited.len()));
            Ok(())
        }
        .await,
    )
}

/// Has a draft wave open on its own on its date (`scheduled`), or wait for HR.
#[server(endpoint = "schedule_wave")]
pub async fn schedule_wave(survey_id: i64, wave_id: i64, scheduled: bool) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::schedule_wave(&state.db, &user, wave_id, scheduled).await?;
            leptos_axum::redirect(&format!("/surveys/{survey_id}?saved=1"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "close_wave")]
pub async fn close_wave(survey_id: i64, wave_id: i64) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::close_wave(&state.db, &state.settings.policy, &user, wave_id).await?;
            leptos_axum::redirect(&format!("/surveys/{survey_id}"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "remind_now")]
pub async fn remind_now(survey_id: i64, wave_id: i64) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let round = crate::mail::service::remind_now(&state.db, &user, wave_id).await?;
            leptos_axum::redirect(&format!("/surveys/{survey_id}?reminded={}", round.queued));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "retry_failed_email")]
pub async fn retry_failed_email(survey_id: i64, wave_id: i64) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let queued = crate::mail::service::retry_failed(&state.db, &user, wave_id).await?;
            leptos_axum::redirect(&format!("/surveys/{survey_id}?retried={queued}"));
            Ok(())
        }
        .await,
    )
}

/// One language's translation of a survey's own words, from HR's form.
#[server(endpoint = "save_translations")]
pub async fn save_translations(
    survey_id: i64,
    language: String,
    f: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let language = crate::model::language::Language::parse(&language).ok_or_else(|| {
                AppError::invalid(crate::model::catalogue::say(
                    "refused-surveys-language-choose-one-of-the",
                ))
            })?;
            super::service::save_translations(&state.db, &user, survey_id, language, &f).await?;
            leptos_axum::redirect(&format!(
                "/surveys/{survey_id}?translated={}",
                language.code()
            ));
            Ok(())
        }
        .await,
    )
}
