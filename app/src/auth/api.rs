//! Server functions for signing in and out, first-run setup and passwords.
//! Each one authorizes, validates, calls the auth service and maps the error.

use crate::error::AppError;
use crate::model::auth::CurrentUser;
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
            let token = service::create_first_admin(
                &state.db,
                &organization,
                &email,
                &name,
                password,
                &visitor(),
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
            if !state.settings.password_sign_in.allows(&email) {
                return Err(state.settings.password_sign_in.refusal());
            }
            let previous = session();
            let (_, token) =
                service::sign_in(&state.db, &email, password, &visitor(), previous.as_ref())
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

/// What the sign-in page offers: single sign-on, passwords, or both.
#[server(endpoint = "sign_in_options")]
pub async fn sign_in_options() -> Result<crate::model::auth::SignInOptions, AppError> {
    use crate::auth::service::PasswordSignIn;
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let policy = &state.settings.password_sign_in;
            Ok(crate::model::auth::SignInOptions {
                single_sign_on: state
                    .settings
                    .single_sign_on
                    .as_ref()
                    .map(|sso| sso.label.clone()),
                passwords_for_everyone: *policy == PasswordSignIn::Everyone,
                break_glass: matches!(policy, PasswordSignIn::BreakGlassOnly(Some(_))),
            })
        }
        .await,
    )
}

/// "Forgot password": always the same answer, whether or not the email has an account.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::auth::service;
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            service::request_password_reset(
                &state.db,
                &state.settings.link_key,
                &state.settings.password_sign_in,
                &email,
                &visitor(),
            )
            .await?;
            leptos_axum::redirect("/forgot-password?sent=1");
            Ok(())
        }
        .await,
    )
}

/// Whether a reset link still works, for the page it opens.
#[server(endpoint = "reset_link_usable")]
pub async fn reset_link_usable(token: String) -> Result<bool, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            crate::auth::service::reset_link_usable(&state.db, &token).await
        }
        .await,
    )
}

#[server(endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            confirmed(&new_password, &confirm_password)?;
            crate::auth::service::reset_password(&state.db, &token, new_password).await?;
            leptos_axum::redirect("/login?password_set=1");
            Ok(())
        }
        .await,
    )
}

/// The new password typed twice, the same both times.
#[cfg(feature = "ssr")]
fn confirmed(new_password: &str, confirm_password: &str) -> Result<(), AppError> {
    if new_password == confirm_password {
        Ok(())
    } else {
        Err(AppError::invalid(crate::model::catalogue::say(
            "refused-auth-confirm-new-password-it-does",
        )))
    }
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
            confirmed(&new_password, &confirm_password)?;
            service::change_password(&state.db, &session, current_password, new_password).await?;
            leptos_axum::redirect("/account?password_changed=1");
            Ok(())
        }
        .await,
    )
}

/// A return address from input, kept only when it is a path on this site:
/// `/` and then no second slash or backslash, only visible ASCII (no tab,
/// newline or space that a browser strips or a header cannot carry, so it is
/// always a valid `Location`), and still a local path with no control
/// character once percent-decoding is undone, twice (so `/%2F`, `/%5C`,
/// `/%09/` and their double encodings are refused too). Anything else gives `/`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if is_local_path(path) => path.to_string(),
        _ => "/".to_string(),
    }
}

fn is_local_path(path: &str) -> bool {
    let starts_local = |p: &str| {
        let mut chars = p.chars();
        chars.next() == Some('/') && !matches!(chars.next(), Some('/' | '\\'))
    };
    // Decoded, the query may hold any text a person typed (spaces, accents);
    // the path may not hold what would turn it into another host.
    let decoded_local = |p: &str| {
        let route = p.split('?').next().unwrap_or(p);
        starts_local(p)
            && !p.chars().any(char::is_control)
            && !route.chars().any(|c| c.is_whitespace() || c == '\\')
    };
    let once = percent_decoded(path);
    let twice = once.as_deref().and_then(percent_decoded);
    starts_local(path)
        && path.chars().all(|c| c.is_ascii_graphic() && c != '\\')
        && once.as_deref().is_some_and(decoded_local)
        && twice.as_deref().is_some_and(decoded_local)
}

/// `%XX` sequences decoded; None when they do not make UTF-8.
pub fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
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
        for kept in [
            "/people?q=Jo%C3%A3o&page=2",
            "/people?q=Ana%20Lima",
            "/surveys/3?saved=1",
        ] {
            assert_eq!(safe_next(Some(kept)), kept);
        }
        for bypass in [
            "/\t/evil.example",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "\\/evil.example",
            "/\\/evil.example",
            "/%2F/evil.example",
            "/%2f/evil.example",
            "/%252F/evil.example",
            "/%5C/evil.example",
            "/%5c%5cevil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "//user@evil.example",
            "/ /evil.example",
            "evil.example",
            "",
            "/%C0%AF",
            "/caf\u{e9}",
        ] {
            assert_eq!(safe_next(Some(bypass)), "/", "{bypass:?}");
        }
    }
}
