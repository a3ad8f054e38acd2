//! Personal survey links: `/s/TOKEN` signs the respondent in to that one wave by
//! cookie and redirects to `/respond`, so the token leaves the address bar (and
//! browser history) at once. The token is never logged.

use crate::state::HttpState;
use app::cookies::SiteCookie;
use app::error::AppError;
use app::model::language::Language;
use app::model::newcomers::LinkState;
use app::surveys::service::{self, Link, RESPONDENT_SESSION_MS};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};

/// A small page in Knit's style for answers that are not the survey itself:
/// the catalogue's `MESSAGE-title` and `MESSAGE-text` in the reader's language.
fn page(status: StatusCode, language: Language, message: &str) -> Response {
    let title = language.say(&format!("{message}-title"));
    let text = language.say(&format!("{message}-text"));
    (
        status,
        Html(shell(language, &title, &format!("<p>{text}</p>"))),
    )
        .into_response()
}

/// A page for HR (in English for now), its title from the catalogue.
fn staff_page(status: StatusCode, title: &str, body: &str) -> Response {
    let en = Language::English;
    (status, Html(shell(en, &en.say(title), body))).into_response()
}

/// Knit's page around a few lines of HTML.
fn shell(language: Language, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Knit</title><link rel=\"stylesheet\" href=\"{}\"></head>\
         <body><header class=\"topbar\"><span class=\"brand\"><span class=\"logo\"></span>Knit</span></header>\
         <main class=\"page\"><section class=\"card narrow\"><h1>{title}</h1>{body}</section></main></body></html>",
        language.code(),
        app::assets::stylesheet_href()
    )
}

/// The language of a page for someone not yet known: their browser's, else
/// the organization's.
async fn browser_language(state: &HttpState, headers: &HeaderMap, person: Option<i64>) -> Language {
    let browser = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Language::from_accept_language);
    service::language_of(&state.app.db, person, browser)
        .await
        .unwrap_or_else(|_| browser.unwrap_or_default())
}

pub async fn follow(
    State(state): State<HttpState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let language = browser_language(&state, &headers, None).await;
    let signed_in = |session: &str, page: &str| {
        let cookie = SiteCookie::Respondent.set(
            session,
            RESPONDENT_SESSION_MS / 1000,
            state.app.settings.secure_cookies,
        );
        let mut response = Redirect::to(page).into_response();
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
        response
    };
    match service::follow_link(&state.app.db, &token).await {
        Ok(Link::Open { session, .. }) => signed_in(&session, "/respond"),
        Ok(Link::Report { session }) => signed_in(&session, "/report"),
        Ok(Link::Closed) => page(StatusCode::GONE, language, "link-closed"),
        Ok(Link::NotYetOpen) => page(StatusCode::FORBIDDEN, language, "link-not-open"),
        Ok(Link::Invalid) => page(StatusCode::NOT_FOUND, language, "link-invalid"),
        Err(err) => {
            tracing::error!(error = %err, "could not follow a survey link");
            page(StatusCode::SERVICE_UNAVAILABLE, language, "link-failed")
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
            Language::English,
            "staff-links-forbidden",
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
            let en = Language::English;
            let html = format!(
                "<p>{}</p>\
                 <p><input type=\"text\" readonly value=\"{link}\" aria-label=\"{}\" class=\"link-box\"></p>\
                 <p><a href=\"/surveys/{survey}\">{}</a></p>",
                en.say_with(
                    "staff-new-link-text",
                    &[("name", format!("<strong>{}</strong>", html_escape(&name)).into())]
                ),
                en.say("staff-link-label"),
                en.say("staff-back-to-survey"),
            );
            staff_page(StatusCode::OK, "staff-new-link-title", &html)
        }
        Err(AppError::NotFound(message)) => staff_page(
            StatusCode::NOT_FOUND,
            "staff-no-person-title",
            &format!("<p>{}</p>", html_escape(&message)),
        ),
        Err(err) => staff_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "staff-no-new-link-title",
            &format!("<p>{}</p>", html_escape(&err.to_string())),
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
            Language::English,
            "staff-links-forbidden",
        );
    };
    match service::revoke_link(&state.app.db, &user, wave, person).await {
        Ok(()) => Redirect::to(&format!("/surveys/{survey}?revoked=1")).into_response(),
        Err(err) => staff_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "staff-not-revoked-title",
            &format!("<p>{}</p>", html_escape(&err.to_string())),
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
    headers: HeaderMap,
    Path(token): Path<String>,
    Query(Ask { ask }): Query<Ask>,
) -> Response {
    let language = browser_language(&state, &headers, None).await;
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
        Ok((LinkState::Ended, _)) => page(StatusCode::GONE, language, "newcomer-link-ended"),
        Ok((LinkState::Unknown, _)) => {
            page(StatusCode::NOT_FOUND, language, "newcomer-link-invalid")
        }
        Err(err) => {
            tracing::error!(error = %err, "could not follow a newcomer link");
            page(StatusCode::SERVICE_UNAVAILABLE, language, "link-failed")
        }
    }
}

/// The page a heads-up's "suggest me less often" link opens: one button, so
/// that a mail scanner opening the link changes nothing.
pub async fn suggest_less_page(
    State(state): State<HttpState>,
    headers: HeaderMap,
    Path((person, token)): Path<(i64, String)>,
) -> Response {
    let language = browser_language(&state, &headers, None).await;
    // Tokens are hex: anything else is no link of Knit's (and never reaches the page).
    if token.is_empty() || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return page(StatusCode::NOT_FOUND, language, "less-invalid");
    }
    let title = language.say("less-title");
    let body = format!(
        "<p>{}</p><form method=\"post\" action=\"/less/{person}/{token}\">\
         <button type=\"submit\" class=\"primary\">{title}</button></form>",
        language.say("less-text"),
    );
    Html(shell(language, &title, &body)).into_response()
}

pub async fn suggest_less(
    State(state): State<HttpState>,
    headers: HeaderMap,
    Path((person, token)): Path<(i64, String)>,
) -> Response {
    let language = browser_language(&state, &headers, None).await;
    match app::newcomers::service::suggest_less_by_link(
        &state.app.db,
        &state.app.settings.link_key,
        person,
        &token,
    )
    .await
    {
        // The link is theirs: the page is in their language now.
        Ok(()) => page(
            StatusCode::OK,
            browser_language(&state, &headers, Some(person)).await,
            "less-done",
        ),
        Err(err) if err.status() == 404 => page(StatusCode::NOT_FOUND, language, "less-invalid"),
        Err(err) => {
            tracing::error!(error = %err, "could not record a wish to be suggested less");
            page(StatusCode::SERVICE_UNAVAILABLE, language, "link-failed")
        }
    }
}
