//! Message templates: HR writes plain text with `{{placeholders}}`; each message
//! is rendered to a subject, a plain-text part and an HTML part from the same text.

use super::Purpose;
use crate::model::catalogue::{say, say_with, FluentValue};
use crate::model::language::Language;
pub use crate::model::mail::Template;
use serde::{Deserialize, Serialize};

/// What a template can refer to.
pub const PLACEHOLDERS: [(&str, &str); 9] = [
    ("name", "the person's preferred or full name"),
    ("organization", "your organization's name"),
    ("survey", "the survey's name"),
    ("purpose", "the survey's introduction (why it is run)"),
    ("link", "the person's personal link"),
    ("closes_on", "the date the wave closes"),
    (
        "privacy",
        "who sees answers and how long they are kept, written from the instance's privacy settings",
    ),
    (
        "introductions",
        "the colleagues a newcomer should meet, each with the reason (introductions and the manager's copy), or with a one-click answer link (\"did you meet?\")",
    ),
    (
        "newcomer",
        "the newcomer's name (the heads-up to an introduced colleague)",
    ),
];

impl Template {
    /// Knit's wording in a language, used until HR writes their own: the
    /// catalogue's message with each variable standing for its placeholder.
    pub fn default_for(purpose: Purpose, language: Language) -> Template {
        let placeholders: Vec<(&'static str, FluentValue)> = PLACEHOLDERS
            .iter()
            .map(|(name, _)| (*name, FluentValue::from(format!("{{{{{name}}}}}"))))
            .collect();
        let message = purpose.key().replace('_', "-");
        Template {
            subject: language.say_with(&format!("mail-{message}-subject"), &placeholders),
            body: language.say_with(&format!("mail-{message}-body"), &placeholders),
        }
    }

    /// Checks a template as HR saves it; the message says what to fix.
    pub fn validate(&self) -> Result<(), String> {
        let subject = self.subject.trim();
        if subject.is_empty() || subject.chars().count() > 200 {
            return Err(say("wording-refused-subject-length"));
        }
        if subject.chars().any(char::is_control) {
            return Err(say("wording-refused-subject-line-break"));
        }
        if self.body.trim().is_empty() || self.body.chars().count() > 10_000 {
            return Err(say("wording-refused-message-length"));
        }
        for (field, text) in [
            ("wording-subject-field", subject),
            ("wording-message-field", self.body.as_str()),
        ] {
            for segment in parse(text) {
                if let Segment::Unknown(name) = segment {
                    let known: Vec<String> = PLACEHOLDERS
                        .iter()
                        .map(|(n, _)| format!("{{{{{n}}}}}"))
                        .collect();
                    return Err(say_with(
                        "wording-refused-placeholder",
                        &[
                            ("field", say(field).into()),
                            ("name", format!("{{{{{name}}}}}").into()),
                            ("known", known.join(", ").into()),
                        ],
                    ));
                }
            }
        }
        if !parse(&self.body).contains(&Segment::Value("link")) {
            return Err(say("wording-refused-no-link"));
        }
        Ok(())
    }

    /// Fills in one person's values. A subject that would contain a line break
    /// (header injection) is refused.
    pub fn render(&self, values: &Values) -> Result<Rendered, String> {
        let subject = render_text(&self.subject, values);
        if subject.chars().any(char::is_control) {
            return Err("the subject would contain a line break".into());
        }
        Ok(Rendered {
            subject: subject.trim().to_string(),
            text: render_text(&self.body, values),
            html: render_html(&self.body, values),
            attachments: Vec::new(),
        })
    }
}

/// One person's values for the placeholders.
#[derive(Clone, Debug, Default)]
pub struct Values {
    pub name: String,
    pub organization: String,
    pub survey: String,
    pub purpose: String,
    pub link: String,
    pub closes_on: String,
    pub introductions: String,
    pub privacy: String,
    pub newcomer: String,
    /// The reader's language: the HTML part's button is in it.
    pub language: Language,
}

impl Values {
    fn get(&self, name: &str) -> &str {
        match name {
            "name" => &self.name,
            "organization" => &self.organization,
            "survey" => &self.survey,
            "purpose" => &self.purpose,
            "link" => &self.link,
            "closes_on" => &self.closes_on,
            "introductions" => &self.introductions,
            "newcomer" => &self.newcomer,
            "privacy" => &self.privacy,
            _ => "",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Files sent with the message (a newcomer's meeting suggestions).
    pub attachments: Vec<super::calendar::Attachment>,
}

#[derive(Debug, PartialEq, Eq)]
enum Segment<'a> {
    Text(&'a str),
    Value(&'static str),
    Unknown(&'a str),
}

fn parse(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        out.push(Segment::Text(&rest[..start]));
        let name = rest[start + 2..start + 2 + len].trim();
        out.push(
            match PLACEHOLDERS.iter().find(|(known, _)| *known == name) {
                Some((known, _)) => Segment::Value(known),
                None => Segment::Unknown(name),
            },
        );
        rest = &rest[start + 2 + len + 2..];
    }
    out.push(Segment::Text(rest));
    out
}

fn render_text(template: &str, values: &Values) -> String {
    parse(template)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) => text,
            Segment::Value(name) => values.get(name),
            Segment::Unknown(_) => "",
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Paragraphs at blank lines, line breaks kept, the personal link as a button.
fn render_html(template: &str, values: &Values) -> String {
    let mut html = String::from(
        "<!doctype html><html><body style=\"font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1f2328; max-width: 36em\">",
    );
    for paragraph in template.split("\n\n").filter(|p| !p.trim().is_empty()) {
        html.push_str("<p>");
        for segment in parse(paragraph.trim()) {
            match segment {
                Segment::Text(text) => html.push_str(&escape(text).replace('\n', "<br>")),
                Segment::Value("link") => html.push_str(&format!(
                    "<a href=\"{0}\" style=\"display: inline-block; padding: 0.5em 1em; background: #1f6f5c; color: #fff; text-decoration: none; border-radius: 4px\">{1}</a><br><span style=\"font-size: 13px; color: #57606a\">{0}</span>",
                    escape(&values.link),
                    escape(&values.language.say("mail-open-link"))
                )),
                Segment::Value(name) => {
                    html.push_str(&escape(values.get(name)).replace('\n', "<br>"))
                }
                Segment::Unknown(_) => {}
            }
        }
        html.push_str("</p>");
    }
    html.push_str("</body></html>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        Values {
            name: "Zoë <script>".into(),
            organization: "Acme & Co".into(),
            survey: "Who helps whom".into(),
            purpose: "We want to see how work really flows.".into(),
            link: "https://knit.example/s/abc".into(),
            closes_on: Language::English.long_date("2026-12-11"),
            introductions: "- Rita Alves: 6 people in your team go to Rita for help.".into(),
            privacy: crate::privacy::Privacy::default().email_promise(Language::English),
            language: Language::English,
            newcomer: "Nina Novak".into(),
        }
    }

    #[test]
    fn defaults_are_valid_and_carry_every_essential() {
        for purpose in Purpose::ALL {
            let template = Template::default_for(purpose, Language::English);
            template.validate().expect("valid");
            let out = template.render(&values()).expect("renders");
            for part in [&out.text, &out.html] {
                assert!(part.contains("https://knit.example/s/abc"));
                // Survey messages carry the closing date; introductions carry the
                // people, a heads-up the newcomer.
                match purpose {
                    Purpose::Introductions | Purpose::ManagerCopy | Purpose::DidYouMeet => {
                        assert!(part.contains("Rita Alves"))
                    }
                    Purpose::HeadsUp => assert!(part.contains("Nina Novak may get in touch")),
                    Purpose::PasswordReset => assert!(part.contains("30 minutes")),
                    Purpose::AccountWelcome => assert!(part.contains("7 days")),
                    _ => assert!(part.contains("11 December 2026")),
                }
            }
            assert!(out.text.contains("Acme & Co") && out.html.contains("Acme &amp; Co"));
            assert!(out.html.contains("Zoë &lt;script&gt;") && !out.html.contains("<script>"));
        }
        assert!(
            Template::default_for(Purpose::Invitation, Language::English)
                .render(&values())
                .expect("renders")
                .text
                .contains("how work really flows")
        );
    }

    #[test]
    fn validation_names_what_to_fix() {
        let bad = |subject: &str, body: &str| {
            Template {
                subject: subject.into(),
                body: body.into(),
            }
            .validate()
            .expect_err("rejected")
        };
        assert!(bad("Hi {{nme}}", "{{link}}").contains("{{nme}} is not a placeholder"));
        assert!(bad("Hi", "no link here").contains("include {{link}}"));
        assert!(bad("Two\nlines", "{{link}}").contains("line break"));
        assert!(bad("", "{{link}}").starts_with("Subject"));
    }

    #[test]
    fn header_injection_is_refused() {
        let template = Template {
            subject: "About {{survey}}".into(),
            body: "{{link}}".into(),
        };
        let mut v = values();
        v.survey = "x\r\nBcc: everyone@example.com".into();
        assert!(template.render(&v).is_err());
    }
}
