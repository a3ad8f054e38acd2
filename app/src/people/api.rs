//! Server functions for the roster. Each one authorizes, validates, calls the
//! people service and maps the error.

// A server function takes one argument per form field.
#![allow(clippy::too_many_arguments)]

use super::{ErasurePlan, ImportPreview, PersonDetail, RosterPage};
use crate::error::AppError;
use leptos::prelude::*;

/// Rows per page of the roster list.
pub const PER_PAGE: i64 = 50;

#[server(endpoint = "people")]
pub async fn list_people(
    q: String,
    page: i64,
    include_inactive: bool,
) -> Result<RosterPage, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let scope = super::service::scope_for(&state.db, &user).await?;
            let query = crate::store::people::RosterQuery {
                text: q,
                include_inactive,
            };
            Ok(crate::store::people::search(&state.db, scope, &query, page, PER_PAGE).await?)
        }
        .await,
    )
}

#[server(endpoint = "person")]
pub async fn get_person(id: i64) -> Result<PersonDetail, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::person_detail(&state.db, &user, id).await
        }
        .await,
    )
}

#[server(endpoint = "update_person")]
pub async fn update_person(
    id: i64,
    full_name: String,
    preferred_name: String,
    department: String,
    team: String,
    title: String,
    location: String,
    manager_email: String,
    hire_date: String,
    end_date: String,
    attributes: String,
) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let edit = super::service::PersonEdit {
                full_name,
                preferred_name,
                department,
                team,
                title,
                location,
                manager_email,
                hire_date,
                end_date,
                attributes,
            };
            super::service::edit(&state.db, &state.settings.policy, &user, id, edit).await?;
            leptos_axum::redirect(&format!("/people/{id}?saved=1"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "set_person_status")]
pub async fn set_person_status(id: i64, status: String) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let status = super::Status::parse(&status).ok_or_else(|| {
                AppError::invalid(crate::model::catalogue::say(
                    "refused-people-status-choose-active-or-inactive",
                ))
            })?;
            super::service::set_status(&state.db, &state.settings.policy, &user, id, status)
                .await?;
            leptos_axum::redirect(&format!("/people/{id}"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "person_suggest_less")]
pub async fn person_suggest_less(id: i64, less: bool) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::set_suggest_less(&state.db, &user, id, less).await?;
            leptos_axum::redirect(&format!("/people/{id}?saved=1"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "erasure_plan")]
pub async fn get_erasure_plan(id: i64) -> Result<ErasurePlan, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::erasure_plan(&state.db, &user, id).await
        }
        .await,
    )
}

#[server(endpoint = "erase_person")]
pub async fn erase_person(id: i64) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::erase(
                &state.db,
                &state.settings.policy,
                &user,
                id,
                Some(&state.settings.outbox_dir),
            )
            .await?;
            leptos_axum::redirect("/people?erased=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "import_preview")]
pub async fn get_import_preview(
    upload_id: i64,
    deactivate_missing: bool,
    as_of: String,
) -> Result<ImportPreview, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let as_of = super::service::as_of_date(Some(&as_of))?;
            super::service::preview_upload(&state.db, &user, upload_id, deactivate_missing, as_of)
                .await
        }
        .await,
    )
}

#[server(endpoint = "apply_import")]
pub async fn apply_import(
    upload_id: i64,
    deactivate_missing: Option<String>,
    as_of: String,
) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let as_of = super::service::as_of_date(Some(&as_of))?;
            let summary = super::service::apply_upload(
                &state.db,
                &state.settings.policy,
                &user,
                upload_id,
                crate::ui::is_checked(deactivate_missing.as_deref()),
                as_of,
            )
            .await?;
            leptos_axum::redirect(&format!(
                "/people?added={}&changed={}&unchanged={}&deactivated={}",
                summary.added, summary.changed, summary.unchanged, summary.deactivated
            ));
            Ok(())
        }
        .await,
    )
}
