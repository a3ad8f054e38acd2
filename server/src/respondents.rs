//! Personal survey links: `/s/TOKEN` signs the respondent in to that one wave by
//! cookie and redirects to `/respond`, so the token leaves the address bar (and
//! browser history) at once. The token is never logged.

use crate::state::HttpState;
use app::cookies::SiteCookie;
use app::error::AppError;
use app::model::newcomers::LinkState;
use app::surveys::service::{self, Link, RESPONDENT_SESSION_MS};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};

/// A small page in Knit's style for answers that are not the survey itself.
fn page(status: StatusCode, title: &str, text: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Knit</title><link rel=\"stylesheet\" href=\"{}\"></head>\
         <body><header class=\"topbar\"><span class=\"brand\"><span class=\"logo\"></span>Knit</span></header>\
         <main class=\"page\"><section class=\"card narrow\"><h1>{title}</h1><p>{text}</p></section></main></body></html>",
        app::assets::stylesheet_href()
    );
    (status, Html(html)).into_response()
}

pub async fn follow(State(state): State<HttpState>, Path(token): Path<String>) -> Response {
    match service::follow_link(&state.app.db, &token).await {
        Ok(Link::Open { session, .. }) => {
            let cookie = SiteCookie::Respondent.set(
                &session,
                RESPONDENT_SESSION_MS / 1000,
                state.app.settings.secure_cookies,
            );
            let mut response = Redirect::to("/respond").into_response();
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            response
        }
        Ok(Link::Closed) => page(
            StatusCode::GONE,
            "This survey has closed",
            "Thank you for your interest. The survey is no longer collecting answers, and answers given can no longer be seen or changed here.",
        ),
        Ok(Link::NotYetOpen) => page(
            StatusCode::FORBIDDEN,
            "This survey has not opened yet",
            "Please come back once it opens; your invitation says when.",
        ),
        Ok(Link::Invalid) => page(
            StatusCode::NOT_FOUND,
            "This link does not work",
            "It may have been replaced by a newer one. Use the link in your most recent invitation, or ask your HR team for a new one.",
        ),
        Err(err) => {
            tracing::error!(error = %err, "could not follow a survey link");
            page(StatusCode::SERVICE_UNAVAILABLE, "Something went wrong", "Please try again in a moment.")
        }
    }
}

/// The staff member behind a request, if they may run surveys.
fn survey_builder(session: &app::context::RequestSession) -> Option<app::model::auth::CurrentUser> {
    session
        .0
        .as_ref()
        .map(|s| s.user.clone())
        .filter(|u| u.can_run_surveys())
}

/// Gives one person a new link to a wave and shows it once (it is not stored,
/// logged or put in an address): for an invitation that went missing.
pub async fn new_link(
    State(state): State<HttpState>,
    axum::Extension(session): axum::Extension<app::context::RequestSession>,
    Path((survey, wave, person)): Path<(i64, i64, i64)>,
) -> Response {
    let Some(user) = survey_builder(&session) else {
        return page(
            StatusCode::FORBIDDEN,
            "Not allowed",
            "Only administrators and analysts manage survey links.",
        );
    };
    match service::reissue_link(
        &state.app.db,
        &state.app.settings.link_key,
        &user,
        wave,
        person,
    )
    .await
    {
        Ok(service::ReissuedLink { name, token }) => {
            let link = format!("{}/s/{token}", state.app.settings.public_url);
            let html = format!(
                "A new personal link for <strong>{}</strong>. It is shown only this once; the previous link no longer works.</p>\
                 <p><input type=\"text\" readonly value=\"{link}\" aria-label=\"Personal link\" class=\"link-box\"></p>\
                 <p><a href=\"/surveys/{survey}\">Back to the survey</a>",
                html_escape(&name)
            );
            page(StatusCode::OK, "New personal link", &html)
        }
        Err(AppError::NotFound(message)) => page(
            StatusCode::NOT_FOUND,
            "No such person",
            &html_escape(&message),
        ),
        Err(err) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "No new link",
            &html_escape(&err.to_string()),
        ),
    }
}

/// Revokes one person's link to a wave (and signs out whoever opened it).
pub async fn revoke_link(
    State(state): State<HttpState>,
    axum::Extension(session): axum::Extension<app::context::RequestSession>,
    Path((survey, wave, person)): Path<(i64, i64, i64)>,
) -> Response {
    let Some(user) = survey_builder(&session) else {
        return page(
            StatusCode::FORBIDDEN,
            "Not allowed",
            "Only administrators and analysts manage survey links.",
        );
    };
    match service::revoke_link(&state.app.db, &user, wave, person).await {
        Ok(()) => Redirect::to(&format!("/surveys/{survey}?revoked=1")).into_response(),
        Err(err) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Not revoked",
            &html_escape(&err.to_string()),
        ),
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A newcomer's emailed link: remembered in a cookie, then their page.
/// Which of their introductions a "did you meet?" link asks about.
#[derive(serde::Deserialize)]
pub struct Ask {
    ask: Option<i64>,
}

pub async fn follow_newcomer(
    State(state): State<HttpState>,
    Path(token): Path<String>,
    Query(Ask { ask }): Query<Ask>,
) -> Response {
    match app::newcomers::service::follow_link(&state.app.db, &token).await {
        Ok((LinkState::Opened { until, .. }, session)) => {
            let cookie = SiteCookie::Newcomer.set(
                &session,
                (until - app::store::now_ms()) / 1000,
                state.app.settings.secure_cookies,
            );
            let page = match ask {
                Some(id) => format!("/welcome?ask={id}"),
                None => "/welcome".into(),
            };
            let mut response = Redirect::to(&page).into_response();
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            response
        }
        Ok((LinkState::Ended, _)) => page(
            StatusCode::GONE,
            "This link no longer works",
            "It has expired or was withdrawn. Your HR team can send you a new one.",
        ),
        Ok((LinkState::Unknown, _)) => page(
            StatusCode::NOT_FOUND,
            "This link does not work",
            "Use the link in your most recent introductions email, or ask your HR team.",
        ),
        Err(err) => {
            tracing::error!(error = %err, "could not follow a newcomer link");
            page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Something went wrong",
                "Please try again in a moment.",
            )
        }
    }
}

/// The page a heads-up's "suggest me less often" link opens: one button, so
/// that a mail scanner opening the link changes nothing.
pub async fn suggest_less_page(Path((person, token)): Path<(i64, String)>) -> Response {
    // Tokens are hex: anything else is no link of Knit's (and never reaches the page).
    if token.is_empty() || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return page(
            StatusCode::NOT_FOUND,
            "This link does not work",
            "Use the link in the most recent message about a newcomer, or ask your HR team.",
        );
    }
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Suggest me less often · Knit</title><link rel=\"stylesheet\" href=\"{}\"></head>\
         <body><header class=\"topbar\"><span class=\"brand\"><span class=\"logo\"></span>Knit</span></header>\
         <main class=\"page\"><section class=\"card narrow\"><h1>Suggest me less often</h1>\
         <p>Newcomers are introduced to colleagues who can help them. If you are asked too often, Knit can suggest you less: to one newcomer a quarter at most.</p>\
         <form method=\"post\" action=\"/less/{person}/{}\"><button type=\"submit\" class=\"primary\">Suggest me less often</button></form>\
         </section></main></body></html>",
        app::assets::stylesheet_href(),
        token,
    );
    Html(html).into_response()
}

pub async fn suggest_less(
    State(state): State<HttpState>,
    Path((person, token)): Path<(i64, String)>,
) -> Response {
    match app::newcomers::service::suggest_less_by_link(
        &state.app.db,
        &state.app.settings.link_key,
        person,
        &token,
    )
    .await
    {
        Ok(()) => page(
            StatusCode::OK,
            "Done",
            "Knit will suggest you to newcomers less often. Thank you for helping the ones you meet.",
        ),
        Err(err) if err.status() == 404 => page(
            StatusCode::NOT_FOUND,
            "This link does not work",
            "Use the link in the most recent message about a newcomer, or ask your HR team.",
        ),
        Err(err) => {
            tracing::error!(error = %err, "could not record a wish to be suggested less");
            page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Something went wrong",
                "Please try again in a moment.",
            )
        }
    }
}
