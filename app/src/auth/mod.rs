//! Accounts: first-run setup, sign-in and sign-out, passwords, roles.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

use crate::error::AppError;
use api::Logout;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use model::CurrentUser;

/// The signed-in account for the header and pages, refreshed whenever an action
/// changes the session.
#[derive(Clone, Copy)]
pub struct AuthState {
    pub logout: ServerAction<Logout>,
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    session_changed: RwSignal<u64>,
}

impl AuthState {
    pub fn provide() -> AuthState {
        let logout = ServerAction::<Logout>::new();
        let session_changed = RwSignal::new(0);
        let user = Resource::new(
            move || (session_changed.get(), logout.version().get()),
            |_| api::get_current_user(),
        );
        let state = AuthState {
            logout,
            user,
            session_changed,
        };
        provide_context(state);
        state
    }

    /// Refreshes the signed-in account once `action` succeeds (sign-in, setup).
    pub fn refresh_after<S>(&self, action: ServerAction<S>)
    where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        let changed = self.session_changed;
        Effect::new(move |_| {
            if matches!(action.value().get(), Some(Ok(_))) {
                changed.update(|n| *n += 1);
            }
        });
    }
}

pub fn use_auth() -> AuthState {
    expect_context::<AuthState>()
}
