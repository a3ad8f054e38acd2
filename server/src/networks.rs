//! Upload of a network from elsewhere (an edge list, a Slack export,
//! calendars, mail archives) as an extra relation of a wave: read, matched
//! to the roster by email, shown to the analyst as a preview, and added (and
//! the wave analysed again) when they say so.

use crate::state::HttpState;
use app::context::RequestSession;
use app::error::AppError;
use app::insight::imported::{self, Upload, Uploaded};
use app::insight::passive::Format;
use axum::extract::{Form, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use std::io::Write;

/// The most a browser may upload for one network: larger exports go through
/// `knit network import`, which reads them from disk.
pub const MAX_NETWORK_UPLOAD_BYTES: usize = 4 * 1024 * 1024 * 1024;

fn back(wave: i64, key: &str, message: &str) -> Response {
    let query = serde_urlencoded::to_string([(key, message)]).unwrap_or_default();
    Redirect::to(&format!("/insight/{wave}?part=downloads&{query}")).into_response()
}

/// The answer to an upload or a decision: `done` on success, else the refusal.
fn answer<T>(wave: i64, result: Result<T, AppError>, done: impl FnOnce(T) -> Response) -> Response {
    match result {
        Ok(value) => done(value),
        Err(err) => refused(wave, err),
    }
}

/// What the analyst can fix goes back on the page; the rest is an error.
fn refused(wave: i64, err: AppError) -> Response {
    match err {
        AppError::Invalid(message) | AppError::NotFound(message) => back(wave, "error", &message),
        AppError::Forbidden => (
            StatusCode::FORBIDDEN,
            app::model::catalogue::say("upload-network-forbidden"),
        )
            .into_response(),
        err => {
            tracing::warn!(error = %err, "an uploaded network could not be read or stored");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                app::model::catalogue::say("upload-network-not-stored"),
            )
                .into_response()
        }
    }
}

/// The files of one upload, saved in a folder of their own under the
/// system's temporary folder (never the data folder), removed with it.
struct Received {
    folder: std::path::PathBuf,
    files: Vec<(String, std::path::PathBuf)>,
}

impl Received {
    fn new() -> std::io::Result<Received> {
        let folder =
            std::env::temp_dir().join(format!("knit-upload-{:016x}", rand::random::<u64>()));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&folder)?;
        Ok(Received {
            folder,
            files: Vec::new(),
        })
    }

    /// Saves one file field, chunk by chunk: an export of any size takes
    /// little memory.
    async fn save(&mut self, mut field: axum::extract::multipart::Field<'_>) -> Result<(), ()> {
        let own_name = field.file_name().unwrap_or("upload").to_string();
        let path = self.folder.join(format!("{}", self.files.len()));
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).map_err(|_| ())?);
        while let Some(chunk) = field.chunk().await.map_err(|_| ())? {
            file.write_all(&chunk).map_err(|_| ())?;
        }
        file.flush().map_err(|_| ())?;
        if std::fs::metadata(&path).map_err(|_| ())?.len() > 0 {
            self.files.push((own_name, path));
        }
        Ok(())
    }
}

impl Drop for Received {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
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
    // Refused before a byte of the files is saved.
    if !session.user.can_run_surveys() {
        return refused(wave, AppError::Forbidden);
    }
    let Ok(mut received) = Received::new() else {
        return refused(wave, AppError::Internal);
    };
    let (mut name, mut weight, mut format) = (String::new(), String::new(), String::new());
    let say = app::model::catalogue::say;
    let mut saved = true;
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name().unwrap_or_default() {
                "name" => name = field.text().await.unwrap_or_default().trim().to_string(),
                "weight" => weight = field.text().await.unwrap_or_default().trim().to_string(),
                "format" => format = field.text().await.unwrap_or_default().trim().to_string(),
                "file" => saved &= received.save(field).await.is_ok(),
                _ => {}
            },
            Ok(None) => break,
            Err(_) => return back(wave, "error", &say("upload-unreadable-short")),
        }
    }
    if !saved {
        return back(wave, "error", &say("upload-network-file-unreadable"));
    }
    if received.files.is_empty() {
        return back(wave, "error", &say("upload-choose-edge-list"));
    }
    let passive = match format.as_str() {
        "slack" => Some(Format::Slack),
        "ics" => Some(Format::Calendar),
        "mbox" => Some(Format::Mbox),
        _ => None,
    };
    // An edge list is read whole, as the roster is; exports stream from disk.
    let edge_list = match passive {
        Some(_) => Vec::new(),
        None => {
            let path = &received.files[0].1;
            let size = std::fs::metadata(path).map_or(u64::MAX, |m| m.len());
            if size > crate::roster::MAX_UPLOAD_BYTES as u64 {
                return back(wave, "error", &say("upload-file-unreadable"));
            }
            match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(_) => return back(wave, "error", &say("upload-network-file-unreadable")),
            }
        }
    };
    let upload = match passive {
        // Read in the background: the folder goes when they are read.
        Some(format) => Uploaded::Passive {
            format,
            files: received.files.clone(),
            keep: Box::new(received),
        },
        None => Uploaded::EdgeList(Upload {
            file_name: &received.files[0].0,
            bytes: &edge_list,
            weight: (!weight.is_empty()).then_some(weight.as_str()),
        }),
    };
    let result = imported::preview_network(
        &state.app.db,
        &state.app.settings.policy,
        &session.user,
        wave,
        &name,
        upload,
    )
    .await;
    answer(wave, result, |draft| {
        Redirect::to(&format!("/insight/{wave}?part=downloads&draft={draft}")).into_response()
    })
}

#[derive(serde::Deserialize)]
pub struct Decision {
    /// `add` or `discard`.
    decision: String,
}

/// The analyst's word on a previewed network: add it, or not.
pub async fn decide(
    State(state): State<HttpState>,
    Extension(session): Extension<RequestSession>,
    Path((wave, draft)): Path<(i64, i64)>,
    Form(decision): Form<Decision>,
) -> Response {
    let Some(session) = session.0 else {
        return Redirect::to(&format!("/login?next=%2Finsight%2F{wave}")).into_response();
    };
    let add = decision.decision == "add";
    let result = imported::decide_draft(
        &state.app.db,
        &state.app.settings.policy,
        &session.user,
        wave,
        draft,
        add,
    )
    .await;
    answer(wave, result, |ties| match add {
        true => back(wave, "imported", &ties.to_string()),
        false => back(wave, "discarded", "1"),
    })
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
