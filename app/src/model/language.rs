//! The languages Knit speaks to respondents, newcomers and colleagues, and how
//! a roster names them: a code (`de`), a tag (`de-DE`, `pt_BR`) or the
//! language's name in English or in itself (`German`, `Deutsch`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    #[default]
    English,
    German,
    French,
    Spanish,
    Portuguese,
}

impl Language {
    /// The language of HR's, analysts' and administrators' pages. Their words
    /// live in the catalogue (`app/locales/<code>/staff-*.ftl`) like everyone
    /// else's, written in English so far; a translation of those files is
    /// what a further staff language needs.
    pub const STAFF: Language = Language::English;

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

    /// Its name in English, for HR's pages.
    pub fn english_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::German => "German",
            Language::French => "French",
            Language::Spanish => "Spanish",
            Language::Portuguese => "Portuguese",
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

impl Language {
    /// The language a browser asks for first (an `Accept-Language` header),
    /// among those Knit speaks, weighed by their `q` values.
    pub fn from_accept_language(header: &str) -> Option<Language> {
        let mut asked: Vec<(f32, Language)> = header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let language = Language::parse(parts.next()?)?;
                let q = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0).then_some((q, language))
            })
            .collect();
        // Stable: among equal weights, the browser's order stands.
        asked.sort_by(|a, b| b.0.total_cmp(&a.0));
        asked.first().map(|(_, language)| *language)
    }
}

/// The roster attribute a person's language is kept in, as its code.
pub const LANGUAGE_ATTRIBUTE: &str = "language";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browsers_first_spoken_choice_wins() {
        let asked = Language::from_accept_language;
        assert_eq!(asked("de-DE,de;q=0.9,en;q=0.8"), Some(Language::German));
        assert_eq!(asked("nl-NL, fr;q=0.7, en;q=0.9"), Some(Language::English));
        assert_eq!(asked("pt-BR;q=0.5, es;q=0.5"), Some(Language::Portuguese));
        assert_eq!(asked("fr;q=0, es;q=0.1"), Some(Language::Spanish));
        assert_eq!(asked("nl, ja"), None);
        assert_eq!(asked(""), None);
        assert_eq!(asked("de;q=abc"), None);
    }

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
