//! The two HTTP ends of single sign-on: setting out to the OpenID provider,
//! and the callback it sends the browser back to. Refusals go to the sign-in
//! page with a code that names the reason; nothing from the provider is
//! echoed into a page or a header.

use crate::state::HttpState;
use app::auth::single_sign_on::{Callback, Refusal, STATE_COOKIE};
use app::context::{ClientAddress, RequestSession};
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
    iss: Option<String>,
}

pub async fn start(State(state): State<HttpState>, Query(query): Query<StartQuery>) -> Response {
    let Some(sso) = &state.app.settings.single_sign_on else {
        return (StatusCode::NOT_FOUND, "Single sign-on is not set up.").into_response();
    };
    let return_to = app::auth::api::safe_next(query.next.as_deref());
    match sso.begin(&state.app.db, &return_to).await {
        Ok(departure) => {
            let secure = state.app.settings.secure_cookies;
            let cookie = format!(
                "{STATE_COOKIE}={}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age={}{}",
                departure.state,
                app::auth::single_sign_on::FLOW_LIFETIME_MS / 1000,
                if secure { "; Secure" } else { "" }
            );
            redirect(&departure.provider_url, &[cookie])
        }
        Err(refusal) => refused(refusal, secure_cookie_flag(&state)),
    }
}

pub async fn callback(
    State(state): State<HttpState>,
    Query(query): Query<CallbackQuery>,
    request: Request,
) -> Response {
    let Some(sso) = &state.app.settings.single_sign_on else {
        return (StatusCode::NOT_FOUND, "Single sign-on is not set up.").into_response();
    };
    let headers = request.headers();
    let state_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|h| h.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == STATE_COOKIE)
        .map(|(_, value)| value.to_string());
    let visitor = app::auth::service::Visitor {
        address: request.extensions().get::<ClientAddress>().map(|c| c.0),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
    };
    let previous = request
        .extensions()
        .get::<RequestSession>()
        .and_then(|s| s.0.clone());
    let callback = Callback {
        state_cookie,
        state: query.state,
        code: query.code,
        error: query.error,
        iss: query.iss,
    };
    let secure = secure_cookie_flag(&state);
    match sso
        .finish(&state.app.db, callback, &visitor, previous.as_ref())
        .await
    {
        Ok((user, token, return_to)) => {
            tracing::info!(account = user.id, "signed in with single sign-on");
            redirect(
                &return_to,
                &[
                    app::auth::service::session_cookie(&token, state.app.settings.secure_cookies),
                    clear_state_cookie(secure),
                ],
            )
        }
        Err(refusal) => {
            tracing::info!(reason = refusal.code(), "a single sign-on was refused");
            refused(refusal, secure)
        }
    }
}

fn secure_cookie_flag(state: &HttpState) -> &'static str {
    if state.app.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    }
}

fn clear_state_cookie(secure: &str) -> String {
    format!("{STATE_COOKIE}=; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

fn refused(refusal: Refusal, secure: &str) -> Response {
    redirect(
        &format!("/login?sso={}", refusal.code()),
        &[clear_state_cookie(secure)],
    )
}

/// A 303 to `location` with cookies. Both are built by Knit (the provider's
/// address is a parsed URL, a return path passed `safe_next`), so a value a
/// header cannot carry is a bug: it answers 500 rather than panic.
fn redirect(location: &str, cookies: &[String]) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    let Ok(location) = HeaderValue::from_str(location) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    headers.insert(header::LOCATION, location);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for cookie in cookies {
        match HeaderValue::from_str(cookie) {
            Ok(value) => {
                headers.append(header::SET_COOKIE, value);
            }
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
    response
}
