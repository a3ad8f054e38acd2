//! Passive networks: who works with whom, read from the files a company
//! already has (mail archives so far). Only who, with whom, when and how
//! often is kept: no subject, text, title or file name from inside an export
//! leaves the reader.

pub mod mbox;

use crate::error::AppError;
use crate::model::date::Date;
use crate::store::analyses::ImportedTie;
use crate::store::Db;
use std::collections::{BTreeMap, BTreeSet};

/// The messages with more recipients than this are broadcasts, not ties.
pub const MAX_RECIPIENTS: usize = 25;
/// How far before the wave closes the traces count, by default.
pub const WINDOW_DAYS: i64 = 90;

/// The days a trace must fall in to count (both ends included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub first: Date,
    pub last: Date,
}

impl Window {
    /// The `days` before a wave closes, its closing day included.
    pub fn before(closes_on: Date, days: i64) -> Window {
        let last = closes_on.days_since_epoch();
        Window {
            first: Date::from_days_since_epoch(last - days + 1),
            last: closes_on,
        }
    }

    pub fn holds(&self, day: Date) -> bool {
        self.first <= day && day <= self.last
    }
}

/// What a reading found: the ties between addresses, weighted by how often,
/// and what was left out and why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Traces {
    /// (from, to) lower-cased addresses, and how many times.
    pub ties: BTreeMap<(String, String), f64>,
    /// Messages read, whole.
    pub read: usize,
    /// Messages outside the window, or with no date Knit could read.
    pub outside_window: usize,
    pub undated: usize,
    /// Messages to more than [`MAX_RECIPIENTS`] people.
    pub broadcasts: usize,
}

impl Traces {
    fn tie(&mut self, from: &str, to: &str) {
        if from != to {
            *self
                .ties
                .entry((from.to_string(), to.to_string()))
                .or_default() += 1.0;
        }
    }

    /// Every address that appears in a tie.
    pub fn addresses(&self) -> BTreeSet<&str> {
        self.ties
            .keys()
            .flat_map(|(a, b)| [a.as_str(), b.as_str()])
            .collect()
    }
}

/// The email addresses in a header's value, lower-cased, in order: the part
/// in angle brackets, else every bare word with an @ in it.
pub fn addresses(value: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = value;
    while let Some(at) = rest.find('@') {
        let start = rest[..at]
            .rfind(|c: char| c.is_whitespace() || "<,;:\"(".contains(c))
            .map_or(0, |i| i + 1);
        let end = rest[at..]
            .find(|c: char| c.is_whitespace() || ">,;\")".contains(c))
            .map_or(rest.len(), |i| at + i);
        let address = &rest[start..end];
        if start < at && at + 1 < end {
            found.push(address.to_lowercase());
        }
        rest = &rest[end..];
    }
    found
}

/// The `days` before wave `wave` closes.
pub async fn window_of(db: &Db, wave: i64, days: i64) -> Result<Window, AppError> {
    let wave = crate::store::surveys::get_wave(db, wave)
        .await?
        .ok_or_else(|| {
            AppError::not_found(crate::model::catalogue::say(
                "refused-insight-there-is-no-such-wave",
            ))
        })?;
    let closes_on = Date::parse(&wave.closes_on, crate::model::date::SlashOrder::Unknown)
        .ok_or_else(|| {
            AppError::internal(format!("wave {} has an unreadable closing day", wave.id))
        })?;
    Ok(Window::before(closes_on, days))
}

/// The traces between people on the roster, as ties to store (matched by
/// work email), and how many addresses are not on it.
pub async fn on_roster(db: &Db, traces: &Traces) -> Result<(Vec<ImportedTie>, usize), AppError> {
    let people = crate::store::people::ids_by_email(db).await?;
    let unknown = traces
        .addresses()
        .into_iter()
        .filter(|a| !people.contains_key(*a))
        .count();
    let ties = traces
        .ties
        .iter()
        .filter_map(|((from, to), weight)| {
            Some(ImportedTie {
                source_id: *people.get(from)?,
                target_id: *people.get(to)?,
                weight: *weight,
            })
        })
        .collect();
    Ok((ties, unknown))
}
