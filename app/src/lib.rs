#![recursion_limit = "256"]
//! Knit's web application: pages and server functions (Leptos), and behind the
//! `ssr` feature the storage layer and the services the server uses.

pub mod accounts;
pub mod app;
#[cfg(feature = "ssr")]
pub mod assets;
pub mod audit;
pub mod auth;
#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod cookies;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod disclosure;
pub mod error;
#[cfg(all(feature = "ssr", any(test, feature = "test-support")))]
pub mod fixtures;
pub mod home;
pub mod insight;
#[cfg(feature = "ssr")]
pub mod jobs;
pub mod mail;
#[cfg(feature = "ssr")]
pub mod metrics;
pub mod model;
pub mod newcomers;
pub mod people;
pub mod privacy;
#[cfg(feature = "ssr")]
pub use store::private_files;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod store;
pub mod surveys;
pub mod ui;

#[cfg(feature = "ssr")]
pub use app::shell;
pub use app::App;

/// Pages are rendered on the server and work as plain HTML; only the few
/// interactive parts (islands) load code in the browser.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
