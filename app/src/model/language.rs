//! The languages Knit speaks to respondents, newcomers and colleagues, and how
//! a roster names them: a code (`de`), a tag (`de-DE`, `pt_BR`) or the
//! language's name in English or in itself (`German`, `Deutsch`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    English,
    German,
    French,
    Spanish,
    Portuguese,
}

impl Language {
    pub const ALL: [Language; 5] = [
        Language::English,
        Language::German,
        Language::French,
        Language::Spanish,
        Language::Portuguese,
    ];

    /// The ISO 639-1 code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
            Language::French => "fr",
            Language::Spanish => "es",
            Language::Portuguese => "pt",
        }
    }

    /// Its name in English, and in itself.
    fn names(self) -> [&'static str; 2] {
        match self {
            Language::English => ["english", "english"],
            Language::German => ["german", "deutsch"],
            Language::French => ["french", "français"],
            Language::Spanish => ["spanish", "español"],
            Language::Portuguese => ["portuguese", "português"],
        }
    }

    /// Its name in itself, as a person picks it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::German => "Deutsch",
            Language::French => "Français",
            Language::Spanish => "Español",
            Language::Portuguese => "Português",
        }
    }

    /// A roster's or a browser's way of naming a language: its code or any
    /// tag of it (`de`, `de-DE`, `pt_BR`, any case), or its name in English
    /// or in itself. `None` for a language Knit does not speak.
    pub fn parse(text: &str) -> Option<Language> {
        let text = text.trim().to_lowercase();
        let primary = text.split(['-', '_']).next().unwrap_or_default();
        Language::ALL
            .into_iter()
            .find(|l| l.code() == primary || l.names().contains(&text.as_str()))
    }
}

/// The roster attribute a person's language is kept in, as its code.
pub const LANGUAGE_ATTRIBUTE: &str = "language";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_tags_and_names_all_read() {
        for (text, language) in [
            ("de", Language::German),
            ("de-DE", Language::German),
            ("DE_at", Language::German),
            ("German", Language::German),
            ("Deutsch", Language::German),
            ("pt-BR", Language::Portuguese),
            ("Português", Language::Portuguese),
            (" français ", Language::French),
            ("es-419", Language::Spanish),
            ("en-GB", Language::English),
        ] {
            assert_eq!(Language::parse(text), Some(language), "{text}");
        }
        for unknown in ["", "Klingon", "nl", "zh-Hans", "d"] {
            assert_eq!(Language::parse(unknown), None, "{unknown}");
        }
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Some(l));
            assert_eq!(Language::parse(l.native_name()), Some(l));
        }
    }
}
