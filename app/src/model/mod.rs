//! The bottom layer: the data that storage reads and writes and that pages
//! show, with the pure rules that belong to it. It imports nothing above it
//! (only `crate::error` and the `analysis` engine); capability modules
//! re-export what their pages need, and `store` imports from here.

pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod date;
pub mod insight;
pub mod language;
pub mod mail;
pub mod newcomers;
pub mod people;
pub mod policy;
pub mod privacy;
pub mod report;
pub mod surveys;
