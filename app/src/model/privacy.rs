//! The privacy settings an instance promises, and the texts that state them.

use super::catalogue::FluentValue;
use super::language::Language;
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
    pub fn retention_in_words(&self, language: Language) -> String {
        let days = self.retention_days;
        let (id, count) = if days >= 60 && days % 365 == 0 {
            ("retention-months", days / 365 * 12)
        } else if days >= 60 && days % 30 == 0 {
            ("retention-months", days / 30)
        } else {
            ("retention-days", days)
        };
        language.say_with(id, &[("count", count.into())])
    }

    /// The sentence every invitation and pulse carries (`{{privacy}}`).
    pub fn email_promise(&self, language: Language) -> String {
        language.say_with(
            "privacy-email-promise",
            &[
                ("k", self.min_group.into()),
                ("kept", self.retention_in_words(language).into()),
            ],
        )
    }

    /// What the respondent page says about who sees what, point by point.
    pub fn respondent_notice(&self, language: Language) -> Vec<String> {
        let k = || ("k", FluentValue::from(self.min_group));
        vec![
            language.say("privacy-analysts-only"),
            language.say_with("privacy-others-see-groups", &[k()]),
            language.say_with("privacy-named-by-others", &[k()]),
            language.say_with(
                "privacy-deleted-after",
                &[("kept", self.retention_in_words(language).into())],
            ),
            language.say("privacy-voluntary"),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_promise_is_written_from_the_settings() {
        let en = Language::English;
        let default = Privacy::default();
        assert_eq!(default.retention_in_words(en), "24 months");
        assert!(default
            .email_promise(en)
            .contains("deleted 24 months after"));
        assert!(default.email_promise(en).contains("at least 5 people"));
        let strict = Privacy {
            min_group: 7,
            retention_days: 90,
        };
        assert_eq!(strict.retention_in_words(en), "3 months");
        for text in std::iter::once(strict.email_promise(en))
            .chain(strict.respondent_notice(en))
            .filter(|t| t.contains("least"))
        {
            assert!(text.contains("at least 7"), "{text}");
        }
        assert!(strict.email_promise(en).contains("deleted 3 months after"));
        let brief = Privacy {
            retention_days: 45,
            ..strict
        };
        assert_eq!(brief.retention_in_words(en), "45 days");
        assert!(brief
            .email_promise(Language::German)
            .contains("mindestens 7 Personen. Die Antworten werden 45 Tage nach"));
    }
}
