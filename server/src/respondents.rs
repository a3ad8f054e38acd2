//! Personal survey links: `/s/TOKEN` signs the respondent in to that one wave by
//! cookie and redirects to `/respond`, so the token leaves the address bar (and
//! browser history) at once. The token is never logged.

use crate::http::HttpState;
use app::surveys::service::{self, Link, RESPONDENT_COOKIE, RESPONDENT_SESSION_MS};
use axum::extract::{Path, State};
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
            let cookie = format!(
                "{RESPONDENT_COOKIE}={session}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
                RESPONDENT_SESSION_MS / 1000,
                if state.app.settings.secure_cookies { "; Secure" } else { "" }
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
