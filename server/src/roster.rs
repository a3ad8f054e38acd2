//! Roster file transfer over plain HTTP: the CSV upload (a multipart form that
//! works without JavaScript) and the CSV export download.

use crate::state::HttpState;
use app::context::RequestSession;
use app::people::service;
use axum::extract::{Multipart, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// Largest roster file accepted: 100,000 people take about 20 MB.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

fn back_to_form(message: &str) -> Response {
    let query = serde_urlencoded::to_string([("error", message)]).unwrap_or_default();
    Redirect::to(&format!("/people/import?{query}")).into_response()
}

/// Stores the uploaded file for review and shows its preview.
pub async fn upload(
    State(state): State<HttpState>,
    Extension(session): Extension<RequestSession>,
    mut form: Multipart,
) -> Response {
    let Some(session) = session.0 else {
        return Redirect::to("/login?next=%2Fpeople%2Fimport").into_response();
    };
    if !session.user.can_manage_roster() {
        return (
            StatusCode::FORBIDDEN,
            app::model::catalogue::say("upload-roster-forbidden"),
        )
            .into_response();
    }
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut deactivate_missing = false;
    let mut as_of = String::new();
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => {
                tracing::warn!(error = %err, "roster upload could not be read");
                return back_to_form(&app::model::catalogue::say("upload-unreadable"));
            }
        };
        match field.name().unwrap_or_default() {
            "file" => {
                let name = field.file_name().unwrap_or("roster.csv").to_string();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes.to_vec())),
                    Err(_) => {
                        return back_to_form(&app::model::catalogue::say("upload-file-unreadable"))
                    }
                }
            }
            "deactivate_missing" => {
                deactivate_missing =
                    app::ui::is_checked(Some(field.text().await.unwrap_or_default().as_str()))
            }
            "as_of" => as_of = field.text().await.unwrap_or_default(),
            _ => {}
        }
    }
    let Some((file_name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return back_to_form(&app::model::catalogue::say("upload-choose-file"));
    };
    let as_of = match service::as_of_date(Some(&as_of)) {
        Ok(date) => date,
        Err(err) => return back_to_form(&err.to_string()),
    };
    match service::save_upload(&state.app.db, &session.user, &file_name, &bytes).await {
        Ok(id) => {
            let mut target = format!("/people/import/{id}?as_of={}", as_of.iso());
            if deactivate_missing {
                target.push_str("&deactivate_missing=1");
            }
            Redirect::to(&target).into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "could not store a roster upload");
            back_to_form(&app::model::catalogue::say("upload-not-stored"))
        }
    }
}

/// The whole roster as CSV, for admins and analysts.
pub async fn export(
    State(state): State<HttpState>,
    Extension(session): Extension<RequestSession>,
) -> Response {
    let Some(session) = session.0 else {
        return Redirect::to("/login?next=%2Fpeople").into_response();
    };
    if !session.user.can_manage_roster() {
        return (
            StatusCode::FORBIDDEN,
            "Only administrators and analysts can export the roster.",
        )
            .into_response();
    }
    let actor = app::audit::service::actor(&session.user);
    match app::people::export::roster_csv(&state.app.db, &actor).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"roster.csv\"",
                ),
            ],
            csv,
        )
            .into_response(),
        Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response(),
    }
}

/// Everything Knit holds about one person, as JSON, for an access request
/// (administrators only; recorded in the audit log).
pub async fn subject_export(
    State(state): State<HttpState>,
    Extension(session): Extension<RequestSession>,
    axum::extract::Path(id): axum::extract::Path<i64>,
) -> Response {
    let Some(session) = session.0 else {
        return Redirect::to("/login?next=%2Fpeople").into_response();
    };
    if !session.user.can_manage_accounts() {
        return (
            StatusCode::FORBIDDEN,
            "Only administrators can export a person's data.",
        )
            .into_response();
    }
    let actor = app::audit::service::actor(&session.user);
    match app::privacy::subject::export_of(&state.app.db, &actor, id).await {
        Ok(json) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    &format!("attachment; filename=\"person-{id}.json\""),
                ),
            ],
            serde_json::to_string_pretty(&json).unwrap_or_default(),
        )
            .into_response(),
        Err(err) => (
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            err.to_string(),
        )
            .into_response(),
    }
}
