//! Network surveys: relations ("whom do you go to for help?"), tie scales,
//! attribute questions, the population asked, and waves that repeat a survey.

pub mod api;
#[cfg(feature = "ssr")]
pub mod form;
pub mod pages;
pub mod report;
pub mod respond;
#[cfg(feature = "ssr")]
pub mod service;

pub use crate::model::surveys::*;
