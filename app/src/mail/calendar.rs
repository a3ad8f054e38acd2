//! A meeting suggestion a newcomer can forward: one iCalendar file (RFC 5545)
//! per colleague introduced, a 30-minute meeting of the two on a weekday
//! morning after the introductions go out. Times are floating (no time zone):
//! 10:00 wherever the two are, and either can move it.

use crate::model::date::Date;

/// A file attached to a message.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    pub file_name: String,
    pub content_type: String,
    pub body: String,
}

/// Who meets: a name and an address.
pub struct Attendee<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

/// The suggested meeting of `newcomer` and `colleague` for an introduction
/// sent on `sent_on`: the third weekday after it, 10:00 to 10:30.
pub fn meeting(
    introduction_id: i64,
    sent_on: Date,
    newcomer: &Attendee<'_>,
    colleague: &Attendee<'_>,
    organization: &str,
) -> Attachment {
    let day = weekdays_after(sent_on, 3);
    let compact = |d: Date| d.iso().replace('-', "");
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Knit//Introductions//EN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:knit-introduction-{introduction_id}@knit"),
        format!("DTSTAMP:{}T000000Z", compact(sent_on)),
        format!("DTSTART:{}T100000", compact(day)),
        "DURATION:PT30M".into(),
        format!(
            "SUMMARY:{}",
            text(&format!("{} and {}: getting to know each other", newcomer.name, colleague.name))
        ),
        format!(
            "DESCRIPTION:{}",
            text(&format!(
                "{} suggested that {} and {} meet. A suggestion: move it, or forward it to {} as an invitation.",
                organization, newcomer.name, colleague.name, colleague.name
            ))
        ),
        attendee(newcomer),
        attendee(colleague),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    Attachment {
        file_name: format!("meet-{}.ics", file_word(colleague.name)),
        content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
        body: lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join(""),
    }
}

/// The `n`th weekday (Monday to Friday) after `day`.
fn weekdays_after(day: Date, n: usize) -> Date {
    let mut at = day.days_since_epoch();
    let mut left = n;
    while left > 0 {
        at += 1;
        // 1970-01-01 was a Thursday: days 2 and 3 of each week are the weekend.
        if !matches!(at.rem_euclid(7), 2 | 3) {
            left -= 1;
        }
    }
    Date::from_days_since_epoch(at)
}

fn attendee(a: &Attendee<'_>) -> String {
    // A parameter value is quoted, and may hold no double quote or control character.
    let name: String = a
        .name
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    let email: String = a.email.chars().filter(|c| !c.is_control()).collect();
    format!("ATTENDEE;CN=\"{name}\";ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{email}")
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), ending in CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// A name as a file name: letters and digits, words joined by hyphens.
fn file_word(name: &str) -> String {
    let word: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let joined = word
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if joined.is_empty() {
        "colleague".into()
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meeting_is_a_forwardable_event_of_the_two() {
        // Sent on Thursday 2026-12-03: the third weekday after is Tuesday the 8th.
        let sent = Date::new(2026, 12, 3).expect("date");
        let ics = meeting(
            42,
            sent,
            &Attendee {
                name: "Nina Novak",
                email: "nina@acme.test",
            },
            &Attendee {
                name: "Zoë \"Z\" Lima, PhD",
                email: "zoe@acme.test",
            },
            "Acme; Lisbon",
        );
        assert_eq!(ics.file_name, "meet-zoë-z-lima-phd.ics");
        assert!(ics.content_type.starts_with("text/calendar"));
        let body = ics.body.replace("\r\n ", "");
        for line in [
            "BEGIN:VEVENT",
            "UID:knit-introduction-42@knit",
            "DTSTART:20261208T100000",
            "DURATION:PT30M",
            "ATTENDEE;CN=\"Nina Novak\";ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:nina@acme.test",
            "ATTENDEE;CN=\"Zoë Z Lima, PhD\";ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:zoe@acme.test",
            "SUMMARY:Nina Novak and Zoë \"Z\" Lima\\, PhD: getting to know each other",
        ] {
            assert!(body.contains(line), "{line} in {body}");
        }
        assert!(
            body.contains("DESCRIPTION:Acme\\; Lisbon suggested"),
            "{body}"
        );
        // Every physical line ends in CRLF and is at most 75 octets.
        assert!(ics.body.ends_with("END:VCALENDAR\r\n"));
        assert!(
            ics.body.split("\r\n").all(|l| l.len() <= 75),
            "{}",
            ics.body
        );
    }

    #[test]
    fn weekends_are_skipped() {
        // Friday 2026-12-04: Monday, Tuesday, Wednesday.
        let friday = Date::new(2026, 12, 4).expect("date");
        assert_eq!(weekdays_after(friday, 1).iso(), "2026-12-07");
        assert_eq!(weekdays_after(friday, 3).iso(), "2026-12-09");
    }
}
