//! What HR decides about newcomers: who counts as one, when one is flagged,
//! how cohorts are grouped, when pulses go out, how many introductions each
//! gets, and whether their manager gets a copy.

use crate::error::AppError;
use crate::people::date::Date;
use crate::ui::ReturnField;
use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CohortBy {
    Month,
    Quarter,
}

impl CohortBy {
    /// The cohort of someone hired on this day: "2026-03" or "2026 Q1".
    pub fn of(self, hired: Date) -> String {
        match self {
            CohortBy::Month => format!("{}-{:02}", hired.year, hired.month),
            CohortBy::Quarter => format!("{} Q{}", hired.year, hired.month.div_ceil(3)),
        }
    }

    fn key(self) -> &'static str {
        match self {
            CohortBy::Month => "month",
            CohortBy::Quarter => "quarter",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewcomerSettings {
    /// Someone hired within this many days before a wave is a newcomer in it.
    pub window_days: i64,
    /// After this many days, an in-degree below the cohort's lower quartile is a risk.
    pub at_risk_days: i64,
    pub cohort: CohortBy,
    /// Days after hire on which each newcomer gets a pulse; empty: no pulses.
    pub pulse_days: Vec<i64>,
    /// How many days a pulse stays open.
    pub pulse_open_days: i64,
    /// Introductions suggested to each newcomer.
    pub suggestions: usize,
    /// Send the newcomer's manager a copy of their introductions.
    pub copy_manager: bool,
}

impl Default for NewcomerSettings {
    fn default() -> NewcomerSettings {
        NewcomerSettings {
            window_days: 180,
            at_risk_days: 90,
            cohort: CohortBy::Month,
            pulse_days: vec![30, 60, 90],
            pulse_open_days: 7,
            suggestions: 3,
            copy_manager: false,
        }
    }
}

/// The form's fields as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub window_days: String,
    pub at_risk_days: String,
    pub cohort: String,
    pub pulse_days: String,
    pub pulse_open_days: String,
    pub suggestions: String,
    pub copy_manager: Option<String>,
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
            copy_manager: self.copy_manager.is_some(),
        })
    }
}

#[cfg(feature = "ssr")]
pub mod store {
    use super::NewcomerSettings;
    use crate::store::{settings, Db};

    const KEY: &str = "newcomers";

    pub async fn load(db: &Db) -> Result<NewcomerSettings, sqlx::Error> {
        Ok(match settings::get(db, KEY).await? {
            None => NewcomerSettings::default(),
            Some(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
                tracing::warn!(
                    "the stored newcomer settings are unreadable ({e}); using the defaults"
                );
                NewcomerSettings::default()
            }),
        })
    }

    pub async fn save(db: &Db, value: &NewcomerSettings) -> Result<(), sqlx::Error> {
        let text = serde_json::to_string(value).unwrap_or_default();
        settings::set(db, KEY, &text).await
    }
}

/// The settings, for those who may change them (None for everyone else).
#[server(endpoint = "newcomer_settings_get")]
pub async fn get_newcomer_settings() -> Result<Option<NewcomerSettings>, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::auth::model::Role::ALL)?;
            Ok(match crate::surveys::service::require_builder(&user) {
                Ok(()) => Some(store::load(&state.db).await?),
                Err(_) => None,
            })
        }
        .await,
    )
}

#[server(endpoint = "newcomer_settings")]
pub async fn save_newcomer_settings(
    window_days: String,
    at_risk_days: String,
    cohort: String,
    pulse_days: String,
    pulse_open_days: String,
    suggestions: String,
    copy_manager: Option<String>,
) -> Result<(), AppError> {
    use crate::context::*;
    let form = SettingsForm {
        window_days,
        at_risk_days,
        cohort,
        pulse_days,
        pulse_open_days,
        suggestions,
        copy_manager,
    };
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::auth::model::Role::ALL)?;
            crate::surveys::service::require_builder(&user)?;
            store::save(&state.db, &form.parse()?).await?;
            leptos_axum::redirect("/newcomers?saved=1");
            Ok(())
        }
        .await,
    )
}

/// The settings form, for analysts and admins; it stays open after a refusal
/// (the page shows the error above it).
#[component]
pub fn NewcomerSettingsForm(
    settings: NewcomerSettings,
    save: ServerAction<SaveNewcomerSettings>,
) -> impl IntoView {
    let refused = move || save.value().get().is_some_and(|r| r.is_err());
    let days = settings
        .pulse_days
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let cohort = settings.cohort.key();
    view! {
        <details class="settings" open=refused>
            <summary>"Newcomer settings"</summary>
            <ActionForm action=save attr:class="stacked">
                <ReturnField/>
                <label>"Newcomer window (days after hire)"
                    <input type="number" name="window_days" min="14" max="730" required value=settings.window_days/>
                </label>
                <label>"Flag “integration at risk” after (days)"
                    <input type="number" name="at_risk_days" min="7" max="730" required value=settings.at_risk_days/>
                </label>
                <label>"Cohorts by hire"
                    <select name="cohort">
                        <option value="month" selected=cohort == "month">"month"</option>
                        <option value="quarter" selected=cohort == "quarter">"quarter"</option>
                    </select>
                </label>
                <label>"Pulse days after hire (comma-separated; empty: no pulses)"
                    <input type="text" name="pulse_days" value=days inputmode="numeric"/>
                </label>
                <label>"Pulse open for (days)"
                    <input type="number" name="pulse_open_days" min="1" max="30" required value=settings.pulse_open_days/>
                </label>
                <label>"Introductions per newcomer"
                    <input type="number" name="suggestions" min="1" max="10" required value=settings.suggestions/>
                </label>
                <label class="check">
                    <input type="checkbox" name="copy_manager" value="on" checked=settings.copy_manager/>
                    "Send each newcomer's manager a copy of their introductions"
                </label>
                <button type="submit" class="primary">"Save settings"</button>
            </ActionForm>
        </details>
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

    #[test]
    fn cohorts_group_by_month_or_quarter() {
        let d = Date::new(2026, 8, 14).expect("date");
        assert_eq!(CohortBy::Month.of(d), "2026-08");
        assert_eq!(CohortBy::Quarter.of(d), "2026 Q3");
        assert_eq!(
            CohortBy::Quarter.of(Date::new(2026, 1, 1).expect("date")),
            "2026 Q1"
        );
    }
}
