//! Insight for analysts: a wave's stored network analysis, read fast.

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod imported;
#[cfg(feature = "ssr")]
pub mod overlap;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod passive;
pub mod people;
#[cfg(feature = "ssr")]
pub mod service;
pub mod words;

pub use crate::model::insight::*;
