//! Newcomers: how each is woven in against their hire cohort and tenured
//! colleagues, pulse by pulse and wave by wave; whom each should meet next and
//! why; what came of the introductions; and the newcomer's own page.
//!
//! The figures are computed when something changes them ([`compute`]) and
//! stored; pages read the stored figures ([`service`]) and write the words for
//! their reader ([`words`]). This module holds the types that pages and
//! services share.

pub mod api;
#[cfg(feature = "ssr")]
pub mod compute;
pub mod evidence;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pulses;
#[cfg(feature = "ssr")]
pub mod service;
pub mod welcome;
pub mod words;

pub use crate::model::newcomers::*;

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The settings form's fields as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub window_days: String,
    pub at_risk_days: String,
    pub cohort: String,
    pub pulse_days: String,
    pub pulse_open_days: String,
    pub suggestions: String,
    pub copy_manager: Option<String>,
    pub link_days: String,
}

fn whole(field: &str, text: &str, min: i64, max: i64) -> Result<i64, AppError> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            AppError::invalid(format!(
                "{field}: enter a whole number from {min} to {max} (you entered '{}').",
                text.trim()
            ))
        })
}

impl SettingsForm {
    pub fn parse(&self) -> Result<NewcomerSettings, AppError> {
        let window_days = whole("Newcomer window", &self.window_days, 14, 730)?;
        let at_risk_days = whole("Flag at risk after", &self.at_risk_days, 7, 730)?;
        let cohort = match self.cohort.as_str() {
            "month" => CohortBy::Month,
            "quarter" => CohortBy::Quarter,
            other => {
                return Err(AppError::invalid(format!(
                    "Cohorts: choose month or quarter (got '{other}')."
                )))
            }
        };
        let mut pulse_days = Vec::new();
        for part in self
            .pulse_days
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let day = whole("Pulse days", part, 1, window_days)?;
            if !pulse_days.contains(&day) {
                pulse_days.push(day);
            }
        }
        pulse_days.sort_unstable();
        Ok(NewcomerSettings {
            window_days,
            at_risk_days,
            cohort,
            pulse_days,
            pulse_open_days: whole("Pulse open for", &self.pulse_open_days, 1, 30)?,
            suggestions: whole("Introductions per newcomer", &self.suggestions, 1, 10)? as usize,
            copy_manager: crate::ui::is_checked(self.copy_manager.as_deref()),
            link_days: whole("Personal link valid for", &self.link_days, 7, 365)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SettingsForm {
        SettingsForm {
            window_days: "180".into(),
            at_risk_days: "90".into(),
            cohort: "quarter".into(),
            pulse_days: "60, 30,30 ,90".into(),
            pulse_open_days: "7".into(),
            suggestions: "4".into(),
            copy_manager: Some("on".into()),
            link_days: "120".into(),
        }
    }

    #[test]
    fn a_filled_form_becomes_settings() {
        let s = form().parse().expect("a good form");
        assert_eq!(s.pulse_days, vec![30, 60, 90]);
        assert_eq!(s.cohort, CohortBy::Quarter);
        assert_eq!(s.suggestions, 4);
        assert!(s.copy_manager);
        let none = SettingsForm {
            pulse_days: " ".into(),
            copy_manager: None,
            ..form()
        };
        let s = none.parse().expect("no pulses, no copy");
        assert!(s.pulse_days.is_empty() && !s.copy_manager);
    }

    #[test]
    fn bad_fields_are_named() {
        let late = SettingsForm {
            pulse_days: "30, 400".into(),
            ..form()
        };
        let err = late.parse().expect_err("day 400").to_string();
        assert!(err.contains("Pulse days") && err.contains("400"), "{err}");
        let odd = SettingsForm {
            window_days: "six months".into(),
            ..form()
        };
        assert!(odd
            .parse()
            .expect_err("not a number")
            .to_string()
            .contains("Newcomer window"));
    }
}
