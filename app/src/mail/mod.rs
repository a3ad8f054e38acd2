//! Email content: personal links, templates HR can edit, and their rendering.
//! Delivery (SMTP or the outbox folder) is the server's job; what to send and
//! to whom is queued in [`crate::store::outbox`].

pub mod calendar;
#[cfg(feature = "ssr")]
pub mod folder;
#[cfg(feature = "ssr")]
mod link_key;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod template;

#[cfg(feature = "ssr")]
pub use link_key::{new_seed, LinkKey};

pub use crate::model::mail::*;
