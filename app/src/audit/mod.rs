//! The audit log: every time an analyst or admin opens individual-level data
//! or exports it, and every erasure, role change and settings change, with who
//! and when. Works councils and GDPR reviews ask for this first. Entries are
//! only ever added; erasure turns the person an entry is about into "an erased
//! person", and retention deletes entries older than the retention period.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

pub use crate::model::audit::*;
