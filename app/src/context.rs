//! What a server function gets from the request it serves (server only).
//!
//! The server wiring resolves the session cookie once per request and stores the
//! result in the request's extensions; server functions read it from there.

use crate::auth::service::Session;
use crate::error::AppError;
use crate::model::auth::{CurrentUser, Role};
use crate::model::language::Language;
use crate::store::Db;
use axum::extract::ConnectInfo;
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// Shared by every request: the database and the settings server functions need.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<AppSettings>,
}

#[derive(Clone, Debug)]
pub struct AppSettings {
    /// The base of links in emails, e.g. `https://knit.example.com`.
    pub public_url: String,
    /// Mark cookies `Secure` (when Knit is served over https).
    pub secure_cookies: bool,
    /// Derives personal links from their stored seeds.
    pub link_key: crate::mail::LinkKey,
    /// Where messages are written without SMTP (erasure and retention clean it too).
    pub outbox_dir: std::path::PathBuf,
    /// Proxies whose `X-Forwarded-For` names the client (`KNIT_TRUSTED_PROXIES`).
    pub trusted_proxies: crate::auth::client::TrustedProxies,
    /// Who may sign in with a password.
    pub password_sign_in: crate::auth::service::PasswordSignIn,
    /// k, retention and role thresholds: what the services apply.
    pub policy: crate::model::policy::Policy,
    /// The OpenID provider, when single sign-on is set up.
    pub single_sign_on: Option<Arc<crate::auth::single_sign_on::SingleSignOn>>,
}

/// The client's address, as the server wiring worked it out for this request
/// (through trusted proxies).
#[derive(Clone, Copy, Debug)]
pub struct ClientAddress(pub IpAddr);

/// The session of the request being served, if the cookie named a live one.
#[derive(Clone, Debug, Default)]
pub struct RequestSession(pub Option<Session>);

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

pub fn session() -> Option<Session> {
    parts()
        .and_then(|p| p.extensions.get::<RequestSession>().cloned())
        .and_then(|s| s.0)
}

pub fn client_ip() -> Option<IpAddr> {
    parts().and_then(|p| {
        p.extensions
            .get::<ClientAddress>()
            .map(|c| c.0)
            .or_else(|| {
                p.extensions
                    .get::<ConnectInfo<SocketAddr>>()
                    .map(|c| c.0.ip())
            })
    })
}

/// The visitor of the request being served: address and browser.
pub fn visitor() -> crate::auth::service::Visitor {
    crate::auth::service::Visitor {
        address: client_ip(),
        user_agent: parts().and_then(|p| {
            p.headers
                .get(http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        }),
    }
}

pub fn require_session() -> Result<Session, AppError> {
    session().ok_or(AppError::Unauthenticated)
}

/// The signed-in account, if its role is one of `allowed`.
pub fn require_role(allowed: &[Role]) -> Result<CurrentUser, AppError> {
    let user = require_session()?.user;
    if allowed.contains(&user.role) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Gives a server function's error its HTTP status (the body carries the message),
/// whether it was called by the client or while a page was rendered. A plain
/// HTML form post keeps the redirect Leptos answers it with instead.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    let plain_form = parts().is_some_and(|p| {
        p.method == http::Method::POST
            && p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    });
    if plain_form {
        return result;
    }
    if let Err(err) = &result {
        if let Some(response) = use_context::<ResponseOptions>() {
            response.set_status(
                http::StatusCode::from_u16(err.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    result
}

pub fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// The language the browser asks for, if Knit speaks it; None outside a request.
pub fn browser_language() -> Option<Language> {
    let parts = use_context::<Parts>()?;
    let header = parts.headers.get(http::header::ACCEPT_LANGUAGE)?;
    Language::from_accept_language(header.to_str().ok()?)
}
