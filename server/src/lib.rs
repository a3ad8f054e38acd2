//! The `knit` server: configuration, HTTP wiring, command line and background work.

pub mod analyze_cli;
pub mod audit_cli;
pub mod backup;
pub mod cli;
pub mod config;
pub mod error;
pub mod export_cli;
pub mod http;
pub mod mail;
pub mod metrics;
pub mod network_cli;
pub mod networks;
pub mod newcomers_cli;
pub mod people_cli;
pub mod respondents;
pub mod roster;
pub mod single_sign_on;
pub mod state;
pub mod suggest_cli;
pub mod user_cli;
pub mod workers;
