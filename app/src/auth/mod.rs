//! Accounts: first-run setup, sign-in and sign-out, passwords, roles.

pub mod api;
#[cfg(feature = "ssr")]
pub mod client;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod single_sign_on;

use crate::error::AppError;
use crate::model::auth::CurrentUser;
use api::Logout;
use leptos::prelude::*;

/// The signed-in account for the header and pages (rendered on the server).
#[derive(Clone, Copy)]
pub struct AuthState {
    pub logout: ServerAction<Logout>,
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
}

impl AuthState {
    pub fn provide() -> AuthState {
        let logout = ServerAction::<Logout>::new();
        let user = Resource::new(|| (), |_| api::get_current_user());
        let state = AuthState { logout, user };
        provide_context(state);
        state
    }
}

pub fn use_auth() -> AuthState {
    expect_context::<AuthState>()
}
