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
#[cfg(feature = "ssr")]
pub mod experiment;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pulses;
#[cfg(feature = "ssr")]
pub mod rounds;
#[cfg(feature = "ssr")]
pub mod service;
pub mod welcome;
pub mod words;

pub use crate::model::newcomers::*;

use crate::error::AppError;
use crate::model::catalogue::{say, say_with};
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
    /// Days after hire of each introduction round, as a list.
    pub rounds: String,
    /// Which of those rounds wait for HR's approval, as a list.
    pub approval_rounds: String,
    pub holdout_percent: String,
    pub follow_up_days: String,
    pub suggest_senior: Option<String>,
}

/// A list of days such as "30, 60, 90": each within 1..=`max`, sorted, once each.
fn day_list(field: &str, text: &str, max: i64) -> Result<Vec<i64>, AppError> {
    let mut days = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let day = whole(field, part, 1, max)?;
        if !days.contains(&day) {
            days.push(day);
        }
    }
    days.sort_unstable();
    Ok(days)
}

/// A whole number in `min..=max` for the setting whose name is the message `field`.
fn whole(field: &str, text: &str, min: i64, max: i64) -> Result<i64, AppError> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            AppError::invalid(say_with(
                "refused-newcomers-enter-a-whole-number-from",
                &[
                    ("field", say(field).into()),
                    ("min", min.into()),
                    ("max", max.into()),
                    ("trim", (text.trim()).into()),
                ],
            ))
        })
}

impl SettingsForm {
    pub fn parse(&self) -> Result<NewcomerSettings, AppError> {
        let window_days = whole("setting-newcomer-window", &self.window_days, 14, 730)?;
        let at_risk_days = whole("setting-at-risk-after", &self.at_risk_days, 7, 730)?;
        let cohort = match self.cohort.as_str() {
            "month" => CohortBy::Month,
            "quarter" => CohortBy::Quarter,
            other => {
                return Err(AppError::invalid(say_with(
                    "refused-newcomers-cohorts-choose-month-or-quarter",
                    &[("other", other.into())],
                )))
            }
        };
        let pulse_days = day_list("setting-pulse-days", &self.pulse_days, window_days)?;
        let round_days = day_list("setting-introduction-rounds", &self.rounds, window_days)?;
        let approval = day_list(
            "setting-approved-rounds",
            &self.approval_rounds,
            window_days,
        )?;
        if let Some(day) = approval.iter().find(|d| !round_days.contains(d)) {
            return Err(AppError::invalid(say_with(
                "refused-newcomers-rounds-hr-approves-day-is",
                &[("day", day.into())],
            )));
        }
        let rounds = round_days
            .into_iter()
            .map(|day| RoundPlan {
                day,
                approval: approval.contains(&day),
            })
            .collect();
        Ok(NewcomerSettings {
            window_days,
            at_risk_days,
            cohort,
            pulse_days,
            pulse_open_days: whole("setting-pulse-open-for", &self.pulse_open_days, 1, 30)?,
            suggestions: whole(
                "setting-introductions-per-newcomer",
                &self.suggestions,
                1,
                10,
            )? as usize,
            copy_manager: crate::ui::is_checked(self.copy_manager.as_deref()),
            link_days: whole("setting-link-valid-for", &self.link_days, 7, 365)?,
            rounds,
            holdout_share: whole("setting-held-out", &self.holdout_percent, 0, 50)? as f64 / 100.0,
            follow_up_days: whole("setting-ask-did-you-meet", &self.follow_up_days, 3, 60)?,
            suggest_senior: crate::ui::is_checked(self.suggest_senior.as_deref()),
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
            rounds: "30, 5".into(),
            approval_rounds: "5".into(),
            holdout_percent: "20".into(),
            follow_up_days: "14".into(),
            suggest_senior: None,
        }
    }

    #[test]
    fn a_filled_form_becomes_settings() {
        let s = form().parse().expect("a good form");
        assert_eq!(s.pulse_days, vec![30, 60, 90]);
        assert_eq!(s.cohort, CohortBy::Quarter);
        assert_eq!(s.suggestions, 4);
        assert!(s.copy_manager);
        assert_eq!(
            s.rounds,
            vec![
                RoundPlan {
                    day: 5,
                    approval: true
                },
                RoundPlan {
                    day: 30,
                    approval: false
                }
            ]
        );
        assert_eq!((s.holdout_share, s.follow_up_days), (0.2, 14));
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
        let stray = SettingsForm {
            approval_rounds: "7".into(),
            ..form()
        };
        let err = stray.parse().expect_err("day 7 is no round").to_string();
        assert!(
            err.contains("Rounds HR approves") && err.contains('7'),
            "{err}"
        );
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
