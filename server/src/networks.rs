//! Upload of a network from elsewhere (an email or chat export, another survey
//! tool) as an extra relation of a wave: people are matched to the roster by
//! email, the ties stored, and the wave analysed again.

use crate::state::HttpState;
use app::context::RequestSession;
use app::error::AppError;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

fn back(wave: i64, key: &str, message: &str) -> Response {
    let query = serde_urlencoded::to_string([(key, message)]).unwrap_or_default();
    Redirect::to(&format!("/insight/{wave}?part=downloads&{query}")).into_response()
}

pub async fn upload(
    State(state): State<HttpState>,
    Extension(session): Extension<RequestSession>,
    Path(wave): Path<i64>,
    mut form: Multipart,
) -> Response {
    let Some(session) = session.0 else {
        return Redirect::to(&format!("/login?next=%2Finsight%2F{wave}")).into_response();
    };
    let (mut name, mut weight, mut file) = (String::new(), String::new(), None);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name().unwrap_or_default() {
                "name" => name = field.text().await.unwrap_or_default().trim().to_string(),
                "weight" => weight = field.text().await.unwrap_or_default().trim().to_string(),
                "file" => {
                    let file_name = field.file_name().unwrap_or("network.csv").to_string();
                    match field.bytes().await {
                        Ok(bytes) => file = Some((file_name, bytes.to_vec())),
                        Err(_) => {
                            return back(
                                wave,
                                "error",
                                &app::model::catalogue::say("upload-file-unreadable"),
                            )
                        }
                    }
                }
                _ => {}
            },
            Ok(None) => break,
            Err(_) => {
                return back(
                    wave,
                    "error",
                    &app::model::catalogue::say("upload-unreadable-short"),
                )
            }
        }
    }
    let Some((file_name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return back(
            wave,
            "error",
            &app::model::catalogue::say("upload-choose-edge-list"),
        );
    };
    match app::insight::imported::import_network(
        &state.app.db,
        &state.app.settings.policy,
        &session.user,
        wave,
        &name,
        app::insight::imported::Upload {
            file_name: &file_name,
            bytes: &bytes,
            weight: (!weight.is_empty()).then_some(weight.as_str()),
        },
    )
    .await
    {
        Ok(ties) => back(wave, "imported", &ties.to_string()),
        Err(AppError::Invalid(message)) => back(wave, "error", &message),
        Err(AppError::Forbidden) => (
            StatusCode::FORBIDDEN,
            app::model::catalogue::say("upload-network-forbidden"),
        )
            .into_response(),
        Err(AppError::NotFound(message)) => (StatusCode::NOT_FOUND, message).into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "an imported network could not be stored");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                app::model::catalogue::say("upload-network-not-stored"),
            )
                .into_response()
        }
    }
}

#[derive(serde::Deserialize)]
pub struct ExportQuery {
    network: String,
    format: Option<String>,
    /// The roster attribute of a group map.
    group: Option<String>,
    /// What a map's colours and sizes show.
    colour: Option<String>,
    size: Option<String>,
    /// A person to find on the map (part of their name), alone with their
    /// colleagues when `ego` is set.
    find: Option<String>,
    ego: Option<String>,
    /// Only this group of the colour attribute (a department, say).
    only: Option<String>,
}

/// The answer to a request for a network's map or file: to the sign-in page
/// without a session, 404 for a network not named right, else `file` for the
/// signed-in account and the network (its content type, download name, body).
async fn network_file<Fut>(
    session: RequestSession,
    wave: i64,
    network: &str,
    file: impl FnOnce(app::model::auth::CurrentUser, app::insight::NetworkKey) -> Fut,
) -> Response
where
    Fut: std::future::Future<Output = Result<NamedFile, app::error::AppError>>,
{
    let Some(session) = session.0 else {
        return Redirect::to(&format!("/login?next=%2Finsight%2F{wave}")).into_response();
    };
    match app::insight::NetworkKey::parse(network) {
        Some(key) => file_or_error(file(session.user, key).await),
        None => (
            StatusCode::NOT_FOUND,
            app::model::catalogue::say("players-there-is-no-such-network"),
        )
            .into_response(),
    }
}

type NamedFile = (&'static str, Option<String>, String);
const SVG: &str = "image/svg+xml; charset=utf-8";

/// A network's map as an SVG picture (the map without JavaScript).
pub async fn map(
    State(state): State<HttpState>,
    Extension(session): Extension<RequestSession>,
    Path(wave): Path<i64>,
    axum::extract::Query(query): axum::extract::Query<ExportQuery>,
) -> Response {
    let style = app::insight::export::MapStyle {
        colour_by: query.colour,
        size_by: query.size,
        find: query.find,
        ego: query.ego.is_some(),
        only: query.only,
    };
    network_file(session, wave, &query.network, |user, key| async move {
        app::insight::export::map_svg(&state.app.db, &user, wave, key, &style)
            .await
            .map(|svg| (SVG, None, svg))
    })
    .await
}

/// A network's people, places and ties for the interactive map.
pub async fn map_data(
    State(state): State<HttpState>,
    Extension(session): Extension<RequestSession>,
    Path(wave): Path<i64>,
    axum::extract::Query(query): axum::extract::Query<ExportQuery>,
) -> Response {
    let only = query.only;
    network_file(session, wave, &query.network, |user, key| async move {
        app::insight::export::map_data(&state.app.db, &user, wave, key, only.as_deref())
            .await
            .map(|json| ("application/json", None, json))
    })
    .await
}

/// A network's group map as an SVG picture.
pub async fn group_map(
    State(state): State<HttpState>,
    Extension(session): Extension<RequestSession>,
    Path(wave): Path<i64>,
    axum::extract::Query(query): axum::extract::Query<ExportQuery>,
) -> Response {
    let group = query.group;
    network_file(session, wave, &query.network, |user, key| async move {
        app::insight::export::group_map_svg(
            &state.app.db,
            &state.app.settings.policy,
            &user,
            wave,
            key,
            group.as_deref(),
        )
        .await
        .map(|svg| (SVG, None, svg))
    })
    .await
}

/// One network of a wave as a file: analysts and administrators only, audited.
pub async fn export(
    State(state): State<HttpState>,
    Extension(session): Extension<RequestSession>,
    Path(wave): Path<i64>,
    axum::extract::Query(query): axum::extract::Query<ExportQuery>,
) -> Response {
    let format = query
        .format
        .as_deref()
        .and_then(app::insight::ExportFormat::parse);
    network_file(session, wave, &query.network, |user, key| async move {
        let format = format.ok_or_else(|| {
            app::error::AppError::not_found(
                "Unknown format: use gexf, graphml, ties-csv or metrics-csv.",
            )
        })?;
        app::insight::export::for_user(&state.app.db, &user, wave, key, format)
            .await
            .map(|f| (f.content_type, Some(f.file_name), f.body))
    })
    .await
}

fn file_or_error(result: Result<NamedFile, app::error::AppError>) -> Response {
    use axum::http::header;
    match result {
        Ok((content_type, file_name, body)) => {
            let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
            if let Some(name) = file_name {
                if let Ok(value) =
                    axum::http::HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                {
                    response
                        .headers_mut()
                        .insert(header::CONTENT_DISPOSITION, value);
                }
            }
            response
        }
        Err(err) => (
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            err.to_string(),
        )
            .into_response(),
    }
}
