//! The one error type that server functions return to the browser.
//!
//! Internal details (database errors, I/O) are logged on the server and never sent:
//! the browser only ever sees a message that tells the user what to do next.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session: the caller must sign in first.
    #[error("Please sign in to continue.")]
    Unauthenticated,
    /// Signed in, but the caller's role does not allow this.
    #[error("Your role does not allow this.")]
    Forbidden,
    /// Input the user can correct; the message names the field and what to fix.
    #[error("{0}")]
    Invalid(String),
    /// The object asked for does not exist (or is not the caller's to see,
    /// which the caller must not be able to tell apart); the message says what.
    #[error("{0}")]
    NotFound(String),
    /// The request conflicts with the current state (for example, setup already done).
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts in a short time; the message says when to try again.
    #[error("{0}")]
    TooManyRequests(String),
    /// A fault on the server; its details are in the server log only.
    #[error("Something went wrong on the server. Please try again.")]
    Internal,
    /// A call the server cannot read: a field missing or malformed. No form
    /// of Knit's sends one; the message names the field.
    #[error("{0}")]
    Malformed(String),
    /// The call did not reach the server function (network, encoding).
    #[error("The server could not be reached: {0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(message: impl Into<String>) -> Self {
        AppError::Invalid(message.into())
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        AppError::NotFound(message.into())
    }

    /// An internal fault: its cause is logged here, once, and the user sees no detail.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        AppError::Internal
    }

    /// The HTTP status a server function answers with for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::Invalid(_) => 422,
            AppError::Malformed(_) => 400,
            AppError::NotFound(_) => 404,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests(_) => 429,
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // On the server: the caller sent a call Knit cannot read. Say
            // which field, as serde does ("missing field `person_id`").
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::MissingArg(message)
                if cfg!(feature = "ssr") =>
            {
                AppError::Malformed(format!(
                    "The request is missing a field or has one that cannot be read: {message}."
                ))
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}
