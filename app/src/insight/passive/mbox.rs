//! Mail archives in the mbox format, as Google Takeout and Thunderbird export
//! them: from each sender to each To and Cc recipient. Read a line at a time,
//! so an archive of any size takes little memory; of each message only its
//! From, To, Cc and Date headers are looked at, and only addresses and the
//! day are kept.

use super::{addresses, LeftOut, Traces, Unreadable};
use crate::model::date::Date;
use std::io::BufRead;

/// The headers of one message that make a tie.
#[derive(Default)]
struct Envelope {
    from: Vec<String>,
    recipients: Vec<String>,
    day: Option<Date>,
}

impl Envelope {
    /// Takes one (unfolded) header line.
    fn header(&mut self, line: &str) {
        let Some((name, value)) = line.split_once(':') else {
            return;
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "from" => self.from = addresses(value),
            "to" | "cc" => self.recipients.extend(addresses(value)),
            "date" => self.day = rfc2822_day(value),
            _ => {}
        }
    }

    fn into_traces(mut self, traces: &mut Traces) {
        match self.from.first() {
            Some(from) => traces.message(from, &mut self.recipients, self.day),
            None => {
                traces.read += 1;
                traces.leave_out(LeftOut::NotAMessage);
            }
        }
    }
}

/// Reads one archive into `traces`. A file that ends in the middle of a
/// message's headers, or without its last line's end, was cut short: that is
/// an error, and the caller stores nothing.
pub fn read(mut input: impl BufRead, file: &str, traces: &mut Traces) -> Result<(), Unreadable> {
    let unreadable = |line: usize, why: &str| Unreadable {
        file: file.to_string(),
        line,
        why: why.to_string(),
    };
    let mut buffer = Vec::new();
    let mut number = 0;
    // None: between messages or in a body; Some: in a message's headers.
    let mut headers: Option<Envelope> = None;
    let mut pending = String::new();
    let mut previous_blank = true;
    loop {
        buffer.clear();
        let read = input
            .read_until(b'\n', &mut buffer)
            .map_err(|_| unreadable(number + 1, "the file could not be read here"))?;
        if read == 0 {
            break;
        }
        number += 1;
        if buffer.last() != Some(&b'\n') {
            return Err(unreadable(
                number,
                "the file ends in the middle of a line: it was cut short",
            ));
        }
        let line = String::from_utf8_lossy(&buffer);
        let line = line.trim_end_matches(['\n', '\r']);
        if previous_blank && line.starts_with("From ") && headers.is_none() {
            headers = Some(Envelope::default());
            pending.clear();
            previous_blank = false;
            continue;
        }
        previous_blank = line.is_empty();
        let Some(envelope) = headers.as_mut() else {
            continue;
        };
        if line.starts_with([' ', '\t']) {
            // A folded header goes on with the one before it.
            pending.push(' ');
            pending.push_str(line.trim());
            continue;
        }
        if !pending.is_empty() {
            envelope.header(&pending);
        }
        pending = line.to_string();
        if line.is_empty() {
            headers.take().expect("in headers").into_traces(traces);
            pending.clear();
        }
    }
    if headers.is_some() {
        return Err(unreadable(
            number,
            "the file ends inside a message's headers: it was cut short",
        ));
    }
    Ok(())
}

/// The day of an RFC 5322 date ("Tue, 1 Dec 2026 10:00:00 +0100"), as its
/// sender wrote it.
fn rfc2822_day(value: &str) -> Option<Date> {
    let value = value.split_once(',').map_or(value, |(_, rest)| rest);
    let mut words = value.split_whitespace();
    let day = words.next()?.parse().ok()?;
    let month = words.next()?.to_ascii_lowercase();
    let month = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| month.starts_with(m))? as u32
        + 1;
    let year = words.next()?.parse().ok()?;
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::passive::Window;

    fn window() -> Window {
        Window::before(Date::new(2026, 12, 1).expect("day"), 90)
    }

    fn message(from: &str, to: &str, cc: &str, date: &str) -> String {
        format!(
            "From MAILER-DAEMON Thu Nov 12 10:00:00 2026\nFrom: {from}\nTo: {to}\nCc: {cc}\nSubject: secret plans\nDate: {date}\n\nThe body, with\nFrom the start of a line in it.\n\n"
        )
    }

    fn traces_of(text: &str) -> Result<Traces, Unreadable> {
        let mut traces = Traces::new(window(), 25);
        read(text.as_bytes(), "mail.mbox", &mut traces)?;
        Ok(traces)
    }

    #[test]
    fn each_sender_ties_to_each_recipient_as_often_as_they_write() {
        let text = [
            message(
                "\"Lima, Ana\" <Ana@Acme.test>",
                "rui@acme.test, Bea <bea@acme.test>",
                "",
                "Tue, 10 Nov 2026 10:00:00 +0100",
            ),
            message(
                "ana@acme.test",
                "rui@acme.test",
                "ana@acme.test",
                "11 Nov 2026 09:00:00 -0500",
            ),
        ]
        .concat();
        let traces = traces_of(&text).expect("read");
        assert_eq!(traces.read, 2);
        assert_eq!(
            traces.ties(),
            vec![
                ("ana@acme.test", "bea@acme.test", 1.0),
                ("ana@acme.test", "rui@acme.test", 2.0),
            ],
            "no tie to oneself; addresses lower-cased"
        );
    }

    #[test]
    fn broadcasts_old_mail_and_undated_mail_make_no_ties() {
        let many: Vec<String> = (0..=25).map(|i| format!("p{i}@acme.test")).collect();
        let text = [
            message(
                "ana@acme.test",
                &many.join(", "),
                "",
                "1 Nov 2026 10:00:00 +0000",
            ),
            message(
                "ana@acme.test",
                "rui@acme.test",
                "",
                "1 Jan 2026 10:00:00 +0000",
            ),
            message("ana@acme.test", "rui@acme.test", "", "someday"),
        ]
        .concat();
        let traces = traces_of(&text).expect("read");
        assert_eq!(traces.read, 3);
        assert_eq!(
            traces.left_out,
            [
                (LeftOut::OutsideWindow, 1),
                (LeftOut::Undated, 1),
                (LeftOut::Broadcast, 1)
            ]
            .into()
        );
        assert!(traces.ties().is_empty());
    }

    #[test]
    fn folded_headers_are_read_whole() {
        let text = "From x\nFrom: ana@acme.test\nTo: rui@acme.test,\n bea@acme.test\nDate: 2 Nov 2026 08:00:00 +0000\n\nhi\n";
        let traces = traces_of(text).expect("read");
        assert_eq!(traces.ties().len(), 2);
    }

    #[test]
    fn an_archive_cut_short_is_refused() {
        let whole = message(
            "ana@acme.test",
            "rui@acme.test",
            "",
            "2 Nov 2026 08:00:00 +0000",
        );
        let cut = &whole[..whole.find("Subject").expect("subject") + 4];
        assert!(traces_of(cut)
            .expect_err("cut short")
            .why
            .contains("cut short"));
        let in_headers = &whole[..whole.find("Subject").expect("subject")];
        assert_eq!(
            traces_of(in_headers)
                .expect_err("cut in headers")
                .to_string(),
            "mail.mbox line 4: the file ends inside a message's headers: it was cut short"
        );
    }
}
