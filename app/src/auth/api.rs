//! Server functions for signing in and out, first-run setup and passwords.
//! Each one authorizes, validates, calls the auth service and maps the error.

use super::model::CurrentUser;
use crate::error::AppError;
use leptos::prelude::*;

/// Where a plain HTML form (no JavaScript) should come back to after an error.
/// The server wiring reads this field because the Referrer-Policy keeps browsers
/// from sending a Referer header; server functions ignore it.
pub const RETURN_FIELD: &str = "__return";

#[server(endpoint = "current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(crate::context::session().map(|s| s.user))
}

#[server(endpoint = "setup")]
pub async fn complete_setup(
    organization: String,
    name: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    use crate::auth::service;
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let organization = organization.trim();
            if organization.is_empty() || organization.chars().count() > 200 {
                return Err(AppError::invalid(
                    "Organization: enter your organization's name (at most 200 characters).",
                ));
            }
            let (admin, token) =
                service::create_first_admin(&state.db, &email, &name, password).await?;
            crate::audit::service::record(
                &state.db,
                &admin,
                crate::audit::Action::RoleChange,
                &format!("first account {} as {}", admin.email, admin.role.label()),
                None,
            )
            .await?;
            crate::store::settings::set(
                &state.db,
                crate::store::settings::ORGANIZATION_NAME,
                organization,
            )
            .await?;
            set_cookie(&service::session_cookie(
                &token,
                state.settings.secure_cookies,
            ));
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::auth::service;
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let previous = session();
            let (_, token) =
                service::sign_in(&state.db, &email, password, client_ip(), previous.as_ref())
                    .await?;
            set_cookie(&service::session_cookie(
                &token,
                state.settings.secure_cookies,
            ));
            leptos_axum::redirect(&safe_next(next.as_deref()));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::auth::service;
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            if let Some(session) = session() {
                service::end_session(&state.db, &session.token_hash).await?;
            }
            set_cookie(&service::cleared_session_cookie(
                state.settings.secure_cookies,
            ));
            leptos_axum::redirect("/login");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::auth::service;
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let session = require_session()?;
            if new_password != confirm_password {
                return Err(AppError::invalid(
                    "Confirm new password: it does not match the new password.",
                ));
            }
            service::change_password(&state.db, &session, current_password, new_password).await?;
            leptos_axum::redirect("/account?password_changed=1");
            Ok(())
        }
        .await,
    )
}

/// Only same-site paths may follow a sign-in, never another host.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/account")), "/account");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
