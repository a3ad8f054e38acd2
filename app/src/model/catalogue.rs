//! The catalogue: what Knit says, in each language it speaks. The words live
//! in Fluent files (`app/locales/<code>/*.ftl`), one folder per language;
//! Fluent chooses plural forms by each language's rules. Code names a message
//! by its id and never holds the sentence itself, so a new language is a new
//! folder of translations.

use super::language::Language;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;

pub use fluent_templates::fluent_bundle::FluentValue;

fluent_templates::static_loader! {
    static CATALOGUE = {
        locales: "./locales",
        fallback_language: "en",
        // Values go into sentences as they are: Unicode isolation marks would
        // end up in emails, CSV files and page titles.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A message of what HR, analysts and administrators read, in their
/// language ([`Language::STAFF`]).
pub fn say(id: &str) -> String {
    Language::STAFF.say(id)
}

/// A message for HR, analysts and administrators, with its variables filled in.
pub fn say_with(id: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
    Language::STAFF.say_with(id, args)
}

impl Language {
    fn identifier(self) -> LanguageIdentifier {
        self.code()
            .parse()
            .expect("each language's code is a valid language tag")
    }

    /// The message `id` in this language.
    pub fn say(self, id: &str) -> String {
        self.say_with(id, &[])
    }

    /// The message `id` in this language, with its variables filled in.
    pub fn say_with(self, id: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        CATALOGUE.lookup_complete(&self.identifier(), id, Some(&args))
    }

    /// The message as this language's own files write it, without falling
    /// back to English: None when it is missing, or fails with these values.
    #[cfg(feature = "test-support")]
    pub fn own_words(self, id: &str, args: &[(String, String)]) -> Option<String> {
        let args: HashMap<String, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (name.clone(), FluentValue::from(value.as_str())))
            .collect();
        CATALOGUE
            .lookup_single_language(&self.identifier(), id, Some(&args))
            .ok()
    }

    /// A day as people of this language read it ("11 December 2026",
    /// "11. Dezember 2026", "1er décembre 2026"); other text is kept as it is.
    pub fn long_date(self, iso: &str) -> String {
        let mut parts = iso.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return iso.to_string();
        };
        match (y.parse::<i64>(), m.parse::<i64>(), d.parse::<i64>()) {
            (Ok(year), Ok(month @ 1..=12), Ok(day)) => self.say_with(
                "date-long",
                &[
                    ("day", day.into()),
                    ("month", month.into()),
                    ("year", FluentValue::from(year.to_string())),
                ],
            ),
            _ => iso.to_string(),
        }
    }

    /// A figure such as a median: whole, or with one decimal in this
    /// language's way ("2.5", "2,5").
    pub fn decimal(self, x: f64) -> String {
        let rounded = (x * 10.0).round() / 10.0;
        if rounded.fract() == 0.0 {
            return self.number(rounded as i64);
        }
        let text = format!("{rounded:.1}");
        match self {
            Language::English => text,
            _ => text.replace('.', ","),
        }
    }

    /// A whole number with this language's thousands separator.
    pub fn number(self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let separator = match self {
            Language::English => ",",
            Language::German | Language::Portuguese => ".",
            // Spanish leaves four-digit numbers whole (RAE).
            Language::Spanish if digits.len() <= 4 => "",
            Language::Spanish => ".",
            Language::French => "\u{202f}",
        };
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push_str(separator);
            }
            grouped.push(digit);
        }
        if n < 0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms_follow_each_languages_rules() {
        let found = |language: Language, count: i64| {
            language.say_with("picker-found", &[("count", count.into())])
        };
        assert_eq!(found(Language::English, 0), "No one matches.");
        assert_eq!(found(Language::English, 1), "1 colleague found.");
        assert_eq!(found(Language::English, 7), "7 colleagues found.");
        // French counts 0 as singular, English as plural.
        let days = |language: Language, count: i64| {
            language.say_with("retention-days", &[("count", count.into())])
        };
        assert_eq!(days(Language::French, 0), "0 jour");
        assert_eq!(days(Language::French, 2), "2 jours");
        assert_eq!(days(Language::English, 0), "0 days");
        assert_eq!(days(Language::German, 1), "einen Tag");
    }

    #[test]
    fn dates_and_numbers_read_as_each_language_writes_them() {
        let day = "2026-12-01";
        assert_eq!(Language::English.long_date(day), "1 December 2026");
        assert_eq!(Language::German.long_date(day), "1. Dezember 2026");
        assert_eq!(Language::French.long_date(day), "1er décembre 2026");
        assert_eq!(Language::Spanish.long_date(day), "1 de diciembre de 2026");
        assert_eq!(Language::Portuguese.long_date(day), "1 de dezembro de 2026");
        assert_eq!(Language::English.long_date("not a day"), "not a day");
        assert_eq!(Language::English.number(1234567), "1,234,567");
        assert_eq!(Language::German.number(1234), "1.234");
        assert_eq!(Language::French.number(12345), "12\u{202f}345");
        assert_eq!(Language::Spanish.number(1234), "1234");
        assert_eq!(Language::Spanish.number(12345), "12.345");
        assert_eq!(Language::Portuguese.number(-999), "-999");
        assert_eq!(Language::English.decimal(2.5), "2.5");
        assert_eq!(Language::German.decimal(2.25), "2,3");
        assert_eq!(Language::French.decimal(3.0), "3");
    }

    #[test]
    fn paragraphs_of_a_message_are_kept() {
        let args = ["name", "survey", "link", "closes_on", "organization"]
            .map(|name| (name, FluentValue::from(name)));
        let body = Language::English.say_with("mail-reminder-body", &args);
        assert!(body.starts_with("Hello name,\n\nA few days ago"), "{body}");
        assert!(body.ends_with("Thank you,\norganization"), "{body}");
    }
}
