//! The privacy settings an instance promises, and the texts that state them.

use serde::{Deserialize, Serialize};

/// The smallest k an instance may set: below it, a figure is one person's answer.
pub const MIN_GROUP_FLOOR: usize = 3;

/// The privacy settings of an instance (`KNIT_MIN_GROUP_SIZE`, `KNIT_RETENTION_DAYS`).
/// They travel as a value: in `AppSettings` for server functions, in the
/// page context for pages rendered on the server, and as arguments to the
/// services and jobs that apply them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Privacy {
    /// Figures shown to anyone but analysts and admins come from at least this many people.
    pub min_group: usize,
    /// Individual answers are deleted this many days after their wave closed.
    pub retention_days: i64,
}

impl Default for Privacy {
    fn default() -> Privacy {
        Privacy {
            min_group: 5,
            retention_days: 730,
        }
    }
}

impl Privacy {
    /// "24 months", "90 days": how long answers are kept, as people say it.
    pub fn retention_in_words(&self) -> String {
        let days = self.retention_days;
        if days >= 60 && days % 365 == 0 {
            let years = days / 365;
            format!("{} months", years * 12)
        } else if days >= 60 && days % 30 == 0 {
            format!("{} months", days / 30)
        } else if days == 1 {
            "1 day".into()
        } else {
            format!("{days} days")
        }
    }

    /// The sentence every invitation and pulse carries (`{{privacy}}`).
    pub fn email_promise(&self) -> String {
        format!(
            "Only the people-analytics team sees who named whom; everyone else sees results for \
             groups of at least {k} people. Answers are deleted {kept} after the survey closes.",
            k = self.min_group,
            kept = self.retention_in_words()
        )
    }

    /// What the respondent page says about who sees what, point by point.
    pub fn respondent_notice(&self) -> Vec<String> {
        let k = self.min_group;
        vec![
            "Who named whom is seen only by the people-analytics team (Knit's analysts and administrators), \
             and each time one of them opens individual results it is recorded in an audit log."
                .into(),
            format!(
                "Managers, newcomers and colleagues never see anyone's answers or ratings. They see figures \
                 only when they come from at least {k} people, and never two figures whose difference would \
                 describe a smaller group."
            ),
            format!(
                "Colleagues may name you too. What they said about you is treated the same way: no one but \
                 the analysts sees it, and a newcomer may be told, for example, that \"people across 4 \
                 departments go to you for help\" only when at least {k} people did."
            ),
            format!(
                "Answers are deleted {} after the survey closes. You can ask HR for a copy of everything \
                 Knit holds about you, or to have it erased.",
                self.retention_in_words()
            ),
            "Taking part is up to you: you can say you prefer not to, and you will get no reminders.".into(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_promise_is_written_from_the_settings() {
        let default = Privacy::default();
        assert_eq!(default.retention_in_words(), "24 months");
        assert!(default.email_promise().contains("deleted 24 months after"));
        assert!(default.email_promise().contains("at least 5 people"));
        let strict = Privacy {
            min_group: 7,
            retention_days: 90,
        };
        assert_eq!(strict.retention_in_words(), "3 months");
        for text in std::iter::once(strict.email_promise())
            .chain(strict.respondent_notice())
            .filter(|t| t.contains("least"))
        {
            assert!(text.contains("at least 7"), "{text}");
        }
        assert!(strict.email_promise().contains("deleted 3 months after"));
        assert_eq!(
            Privacy {
                retention_days: 45,
                ..strict
            }
            .retention_in_words(),
            "45 days"
        );
    }
}
