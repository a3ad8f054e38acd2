//! The state every HTTP handler takes: defined apart from the router and the
//! handlers, so that handlers import it and nothing imports back.

use app::context::AppState;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// The router's state: what pages and server functions need.
#[derive(Clone)]
pub struct HttpState {
    pub leptos: LeptosOptions,
    pub app: AppState,
    /// Set once the first admin exists, so that most requests skip the lookup.
    pub setup_done: Arc<AtomicBool>,
}

impl FromRef<HttpState> for LeptosOptions {
    fn from_ref(state: &HttpState) -> Self {
        state.leptos.clone()
    }
}
