//! Calendars in iCalendar (RFC 5545), as Outlook, Google Calendar and
//! Exchange export them: a meeting ties every attendee (and its organizer) to
//! every other, weighted by the hours spent together. Declined attendees,
//! rooms and resources do not count; meetings larger than the largest group
//! are broadcasts; each occurrence of a recurring meeting in the window
//! counts, less the ones removed (EXDATE) or moved (RECURRENCE-ID). Read a
//! line at a time; of each event only its times, recurrence and attendees'
//! addresses are looked at.

use super::{LeftOut, Traces, Unreadable};
use crate::model::date::Date;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

/// A day and a time of day, as the file writes it (time zones are not
/// converted: a meeting's length is its end less its start, both as written).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Moment {
    day: i64,
    second: i64,
    date_only: bool,
}

impl Moment {
    fn parse(value: &str) -> Option<Moment> {
        let value = value.trim();
        let date = value.get(..8)?;
        let day = Date::new(
            date[..4].parse().ok()?,
            date[4..6].parse().ok()?,
            date[6..8].parse().ok()?,
        )?
        .days_since_epoch();
        let Some(time) = value.get(8..).filter(|t| !t.is_empty()) else {
            return Some(Moment {
                day,
                second: 0,
                date_only: true,
            });
        };
        let time = time.strip_prefix('T')?.trim_end_matches('Z');
        let part = |range: std::ops::Range<usize>| time.get(range)?.parse::<i64>().ok();
        Some(Moment {
            day,
            second: part(0..2)? * 3600 + part(2..4)? * 60 + part(4..6)?,
            date_only: false,
        })
    }

    fn seconds(self) -> i64 {
        self.day * 86_400 + self.second
    }
}

/// An RFC 5545 duration ("PT1H30M", "P1D", "P1W"), in seconds.
fn duration(value: &str) -> Option<i64> {
    let value = value.trim();
    let (sign, value) = match value.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, value.trim_start_matches('+')),
    };
    let mut seconds = 0;
    let mut number = String::new();
    for c in value.strip_prefix('P')?.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' => {}
            unit => {
                let n: i64 = std::mem::take(&mut number).parse().ok()?;
                seconds += n * match unit {
                    'W' => 7 * 86_400,
                    'D' => 86_400,
                    'H' => 3600,
                    'M' => 60,
                    'S' => 1,
                    _ => return None,
                };
            }
        }
    }
    number.is_empty().then_some(sign * seconds)
}

/// One content line: its name, parameters (upper-cased names) and value.
struct Property<'a> {
    name: String,
    parameters: Vec<(String, &'a str)>,
    value: &'a str,
}

impl<'a> Property<'a> {
    fn parse(line: &'a str) -> Option<Property<'a>> {
        // The value starts at the first colon outside a quoted parameter.
        let mut quoted = false;
        let colon = line.char_indices().find_map(|(i, c)| match c {
            '"' => {
                quoted = !quoted;
                None
            }
            ':' if !quoted => Some(i),
            _ => None,
        })?;
        let mut parts = line[..colon].split(';');
        let name = parts.next()?.trim().to_ascii_uppercase();
        let parameters = parts
            .filter_map(|p| {
                let (key, value) = p.split_once('=')?;
                Some((key.trim().to_ascii_uppercase(), value.trim_matches('"')))
            })
            .collect();
        Some(Property {
            name,
            parameters,
            value: &line[colon + 1..],
        })
    }

    fn parameter(&self, name: &str) -> Option<&'a str> {
        self.parameters
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, v)| *v)
    }

    /// The person an ATTENDEE or ORGANIZER names, unless they declined or
    /// are a room, a resource or not taking part.
    fn person(&self) -> Option<String> {
        let is = |name: &str, values: &[&str]| {
            self.parameter(name)
                .is_some_and(|v| values.iter().any(|x| v.eq_ignore_ascii_case(x)))
        };
        if is("PARTSTAT", &["DECLINED"])
            || is("CUTYPE", &["ROOM", "RESOURCE"])
            || is("ROLE", &["NON-PARTICIPANT"])
        {
            return None;
        }
        let value = self.value.trim();
        let address = match value.get(..7) {
            Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => &value[7..],
            _ => self.parameter("EMAIL")?,
        };
        address.contains('@').then(|| address.trim().to_lowercase())
    }
}

#[derive(Default)]
struct Event {
    uid: String,
    start: Option<Moment>,
    end: Option<Moment>,
    length: Option<i64>,
    rule: Option<String>,
    excluded: Vec<i64>,
    moves: Option<i64>,
    cancelled: bool,
    people: Vec<String>,
}

impl Event {
    fn take(&mut self, property: &Property) {
        let moment = || Moment::parse(property.value);
        match property.name.as_str() {
            "UID" => self.uid = property.value.to_string(),
            "DTSTART" => self.start = moment(),
            "DTEND" => self.end = moment(),
            "DURATION" => self.length = duration(property.value),
            "RRULE" => self.rule = Some(property.value.to_string()),
            "EXDATE" => self.excluded.extend(
                property
                    .value
                    .split(',')
                    .filter_map(Moment::parse)
                    .map(|m| m.day),
            ),
            "RECURRENCE-ID" => self.moves = moment().map(|m| m.day),
            "STATUS" => self.cancelled = property.value.trim().eq_ignore_ascii_case("CANCELLED"),
            "ATTENDEE" | "ORGANIZER" => self.people.extend(property.person()),
            _ => {}
        }
    }

    /// Seconds from its start to its end (every occurrence lasts as long).
    fn seconds(&self) -> i64 {
        match (self.start, self.end, self.length) {
            (Some(start), Some(end), _) => end.seconds() - start.seconds(),
            (_, None, Some(length)) => length,
            _ => 0,
        }
    }
}

/// Reads one calendar file into `traces`. A file that ends inside a
/// calendar or an event was cut short: that is an error, and the caller
/// stores nothing.
pub fn read(mut input: impl BufRead, file: &str, traces: &mut Traces) -> Result<(), Unreadable> {
    let unreadable = |line: usize, why: &str| Unreadable {
        file: file.to_string(),
        line,
        why: why.to_string(),
    };
    let mut calendar = Calendar::default();
    let mut buffer = Vec::new();
    // The logical line being unfolded, and the number of its first line.
    let (mut logical, mut logical_number) = (String::new(), 0);
    let mut number = 0;
    loop {
        buffer.clear();
        let read = input
            .read_until(b'\n', &mut buffer)
            .map_err(|_| unreadable(number + 1, "the file could not be read here"))?;
        let line = String::from_utf8_lossy(&buffer);
        let line = line.trim_end_matches(['\n', '\r']);
        if read > 0 && (line.starts_with(' ') || line.starts_with('\t')) {
            logical.push_str(&line[1..]);
            number += 1;
            continue;
        }
        if !logical.is_empty() {
            calendar
                .line(&logical, traces)
                .map_err(|why| unreadable(logical_number, why))?;
        }
        if read == 0 {
            break;
        }
        number += 1;
        logical.clear();
        logical.push_str(line);
        logical_number = number;
    }
    if calendar.depth > 0 || calendar.event.is_some() {
        return Err(unreadable(
            number,
            "the file ends inside a calendar (no END:VCALENDAR): it was cut short",
        ));
    }
    if !calendar.seen {
        // Another file in a folder of calendars: named, and the rest read.
        traces.skipped.push(unreadable(
            0,
            "is not an iCalendar file (no BEGIN:VCALENDAR)",
        ));
        return Ok(());
    }
    calendar.finish(traces);
    Ok(())
}

#[derive(Default)]
struct Calendar {
    seen: bool,
    /// How many components are open (VCALENDAR, VTIMEZONE…), events aside.
    depth: usize,
    event: Option<Event>,
    /// Components inside an event (alarms) are skipped whole.
    inside_event: usize,
    /// Recurring meetings, by UID, expanded once every move is known.
    series: Vec<Event>,
    /// The days each recurring meeting's occurrences moved from.
    moved: HashMap<String, HashSet<i64>>,
}

impl Calendar {
    fn line(&mut self, line: &str, traces: &mut Traces) -> Result<(), &'static str> {
        let Some(property) = Property::parse(line) else {
            return Ok(());
        };
        let component = property.value.trim().to_ascii_uppercase();
        match (property.name.as_str(), &mut self.event) {
            ("BEGIN", None) if component == "VEVENT" => self.event = Some(Event::default()),
            ("BEGIN", None) => {
                self.seen |= component == "VCALENDAR";
                self.depth += 1;
            }
            ("BEGIN", Some(_)) => self.inside_event += 1,
            ("END", Some(_)) if self.inside_event > 0 => self.inside_event -= 1,
            ("END", Some(_)) => {
                let event = self.event.take().expect("in an event");
                self.ended(event, traces);
            }
            ("END", None) => {
                self.depth = self
                    .depth
                    .checked_sub(1)
                    .ok_or("an END without its BEGIN")?;
            }
            (_, Some(event)) if self.inside_event == 0 => event.take(&property),
            _ => {}
        }
        Ok(())
    }

    fn ended(&mut self, event: Event, traces: &mut Traces) {
        if let Some(day) = event.moves {
            self.moved.entry(event.uid.clone()).or_default().insert(day);
        }
        if event.rule.is_some() && event.moves.is_none() && !event.cancelled {
            self.series.push(event);
        } else {
            occurrence(&event, event.start, traces);
        }
    }

    fn finish(self, traces: &mut Traces) {
        for event in &self.series {
            let Some(start) = event.start.filter(|s| !s.date_only) else {
                occurrence(event, event.start, traces);
                continue;
            };
            let rule = event.rule.as_deref().unwrap_or_default();
            let Some(days) = Rule::parse(rule) else {
                traces.rules_not_followed += 1;
                occurrence(event, Some(start), traces);
                continue;
            };
            let moved = self.moved.get(&event.uid);
            let window = (
                traces.window.first.days_since_epoch(),
                traces.window.last.days_since_epoch(),
            );
            let mut any = false;
            for day in days.occurrences(start.day, window.1) {
                if day < window.0
                    || event.excluded.contains(&day)
                    || moved.is_some_and(|m| m.contains(&day))
                {
                    continue;
                }
                any = true;
                occurrence(event, Some(Moment { day, ..start }), traces);
            }
            if !any {
                traces.read += 1;
                traces.leave_out(LeftOut::OutsideWindow);
            }
        }
    }
}

/// One meeting held (`start`), as `traces` count it.
fn occurrence(event: &Event, start: Option<Moment>, traces: &mut Traces) {
    let reason = match start {
        _ if event.cancelled => Some(LeftOut::Cancelled),
        None => Some(LeftOut::Undated),
        Some(start) if start.date_only => Some(LeftOut::AllDay),
        Some(_) if event.seconds() <= 0 => Some(LeftOut::NoLength),
        Some(_) => None,
    };
    match (reason, start) {
        (None, Some(start)) => {
            let mut people = event.people.clone();
            people.sort();
            people.dedup();
            let hours = event.seconds() as f64 / 3600.0;
            traces.meeting(&people, Date::from_days_since_epoch(start.day), hours);
        }
        (reason, _) => {
            traces.read += 1;
            traces.leave_out(reason.unwrap_or(LeftOut::Undated));
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Frequency {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// The parts of a recurrence rule Knit follows; a rule with any other part
/// is counted once and said so.
struct Rule {
    frequency: Frequency,
    interval: i64,
    count: Option<usize>,
    until: Option<i64>,
    /// Weekdays (Monday 0), with their ordinal in the month (0: every one).
    weekdays: Vec<(i64, u32)>,
    month_days: Vec<i64>,
    months: Vec<u32>,
}

const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

impl Rule {
    fn parse(text: &str) -> Option<Rule> {
        let mut rule = Rule {
            frequency: Frequency::Daily,
            interval: 1,
            count: None,
            until: None,
            weekdays: Vec::new(),
            month_days: Vec::new(),
            months: Vec::new(),
        };
        let mut frequency = None;
        for part in text.trim().split(';').filter(|p| !p.is_empty()) {
            let (key, value) = part.split_once('=')?;
            let list = || value.split(',').map(str::trim);
            match key.trim().to_ascii_uppercase().as_str() {
                "FREQ" => {
                    frequency = Some(match value.trim().to_ascii_uppercase().as_str() {
                        "DAILY" => Frequency::Daily,
                        "WEEKLY" => Frequency::Weekly,
                        "MONTHLY" => Frequency::Monthly,
                        "YEARLY" => Frequency::Yearly,
                        _ => return None,
                    })
                }
                "INTERVAL" => rule.interval = value.trim().parse().ok().filter(|&i| i > 0)?,
                "COUNT" => rule.count = Some(value.trim().parse().ok()?),
                "UNTIL" => rule.until = Some(Moment::parse(value)?.day),
                "BYDAY" => {
                    for day in list() {
                        let at = day.len().checked_sub(2)?;
                        let weekday = WEEKDAYS
                            .iter()
                            .position(|w| w.eq_ignore_ascii_case(&day[at..]))?;
                        let ordinal = match &day[..at] {
                            "" => 0,
                            n => n.trim_start_matches('+').parse().ok()?,
                        };
                        rule.weekdays.push((ordinal, weekday as u32));
                    }
                }
                "BYMONTHDAY" => {
                    for day in list() {
                        rule.month_days.push(day.parse().ok()?);
                    }
                }
                "BYMONTH" => {
                    for month in list() {
                        rule.months.push(month.parse().ok()?);
                    }
                }
                "WKST" => {}
                _ => return None,
            }
        }
        rule.frequency = frequency?;
        // Ordinal weekdays are followed in a month only; weekdays not in a year.
        let ordinals = rule.weekdays.iter().any(|&(n, _)| n != 0);
        let followed = match rule.frequency {
            Frequency::Monthly => true,
            Frequency::Yearly => rule.weekdays.is_empty(),
            Frequency::Daily | Frequency::Weekly => !ordinals,
        };
        followed.then_some(rule)
    }

    /// The days the meeting is held, from `start` up to `last` (the rule's
    /// COUNT counts from the start, before the window).
    fn occurrences(&self, start: i64, last: i64) -> Vec<i64> {
        let last = self.until.map_or(last, |until| until.min(last));
        let limit = self.count.unwrap_or(usize::MAX);
        let mut days = Vec::new();
        let mut counted = 0;
        for period in 0.. {
            let (candidates, begins) = self.period(start, period);
            if begins > last {
                break;
            }
            for day in candidates {
                if day < start || (self.frequency == Frequency::Daily && !self.keeps(day)) {
                    continue;
                }
                if day > last || counted == limit {
                    return days;
                }
                counted += 1;
                days.push(day);
            }
        }
        days
    }

    /// The candidate days of the `period`-th period from `start`, in order,
    /// and the first day of that period.
    fn period(&self, start: i64, period: i64) -> (Vec<i64>, i64) {
        let step = period * self.interval;
        match self.frequency {
            Frequency::Daily => (vec![start + step], start + step),
            Frequency::Weekly => {
                let monday = start - weekday(start) + 7 * step;
                let mut days: Vec<i64> = if self.weekdays.is_empty() {
                    vec![weekday(start)]
                } else {
                    self.weekdays.iter().map(|&(_, w)| i64::from(w)).collect()
                };
                days.sort();
                days.dedup();
                (days.into_iter().map(|w| monday + w).collect(), monday)
            }
            Frequency::Monthly => {
                let first = Date::from_days_since_epoch(start);
                let months = i64::from(first.month) - 1 + step;
                let year = first.year + months.div_euclid(12) as i32;
                let month = months.rem_euclid(12) as u32 + 1;
                let begins = Date::new(year, month, 1).map_or(i64::MAX, Date::days_since_epoch);
                let mut days = if self.weekdays.is_empty() {
                    let wanted = if self.month_days.is_empty() {
                        vec![i64::from(first.day)]
                    } else {
                        self.month_days.clone()
                    };
                    wanted
                        .into_iter()
                        .filter_map(|d| month_day(year, month, d))
                        .collect()
                } else {
                    self.weekdays
                        .iter()
                        .flat_map(|&(n, w)| weekdays_in(year, month, n, w))
                        .collect::<Vec<_>>()
                };
                days.sort();
                days.dedup();
                (days, begins)
            }
            Frequency::Yearly => {
                let first = Date::from_days_since_epoch(start);
                let year = first.year + step as i32;
                let months = if self.months.is_empty() {
                    vec![first.month]
                } else {
                    self.months.clone()
                };
                let month_days = if self.month_days.is_empty() {
                    vec![i64::from(first.day)]
                } else {
                    self.month_days.clone()
                };
                let mut days: Vec<i64> = months
                    .iter()
                    .flat_map(|&m| {
                        month_days
                            .iter()
                            .filter_map(move |&d| month_day(year, m, d))
                    })
                    .collect();
                days.sort();
                let begins = Date::new(year, 1, 1).map_or(i64::MAX, Date::days_since_epoch);
                (days, begins)
            }
        }
    }

    /// Whether a daily rule's filters keep `day`.
    fn keeps(&self, day: i64) -> bool {
        let date = Date::from_days_since_epoch(day);
        let weekday_kept = self.weekdays.is_empty()
            || self
                .weekdays
                .iter()
                .any(|&(_, w)| i64::from(w) == weekday(day));
        let month_day_kept = self.month_days.is_empty()
            || self
                .month_days
                .iter()
                .any(|&d| month_day(date.year, date.month, d) == Some(day));
        weekday_kept
            && month_day_kept
            && (self.months.is_empty() || self.months.contains(&date.month))
    }
}

/// Monday 0 … Sunday 6 (1970-01-01 was a Thursday).
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// The `day`-th day of a month (negative: from its end), if it has one.
fn month_day(year: i32, month: u32, day: i64) -> Option<i64> {
    let length = (28..=31)
        .rev()
        .find(|&d| Date::new(year, month, d).is_some())?;
    let day = if day < 0 {
        i64::from(length) + 1 + day
    } else {
        day
    };
    (1..=i64::from(length)).contains(&day).then(|| {
        Date::new(year, month, day as u32)
            .expect("a day of the month")
            .days_since_epoch()
    })
}

/// The `ordinal`-th `weekday` of a month (negative: from its end; 0: all).
fn weekdays_in(year: i32, month: u32, ordinal: i64, weekday_wanted: u32) -> Vec<i64> {
    let all: Vec<i64> = (1..=31)
        .filter_map(|d| month_day(year, month, d))
        .filter(|&d| weekday(d) == i64::from(weekday_wanted))
        .collect();
    match ordinal {
        0 => all,
        n if n > 0 => all.get(n as usize - 1).copied().into_iter().collect(),
        n => all
            .len()
            .checked_sub(n.unsigned_abs() as usize)
            .and_then(|i| all.get(i).copied())
            .into_iter()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::passive::Window;

    fn window() -> Window {
        Window::before(Date::new(2026, 12, 1).expect("day"), 90)
    }

    fn calendar(events: &[String]) -> String {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Lisbon\r\nBEGIN:STANDARD\r\nDTSTART:19701025T020000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n{}END:VCALENDAR\r\n",
            events.concat()
        )
    }

    fn event(lines: &[&str]) -> String {
        format!(
            "BEGIN:VEVENT\r\nSUMMARY:Planning\r\n{}\r\nBEGIN:VALARM\r\nTRIGGER:-PT15M\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\n",
            lines.join("\r\n")
        )
    }

    fn traces_of(text: &str) -> Result<Traces, Unreadable> {
        let mut traces = Traces::new(window(), 25);
        read(text.as_bytes(), "team.ics", &mut traces)?;
        Ok(traces)
    }

    fn day(month: u32, day: u32) -> i64 {
        Date::new(2026, month, day).expect("day").days_since_epoch()
    }

    #[test]
    fn attendees_are_tied_by_the_hours_they_meet_less_decliners_and_rooms() {
        let text = calendar(&[event(&[
            "UID:one@test",
            "DTSTART;TZID=Europe/Lisbon:20261110T100000",
            "DTEND;TZID=Europe/Lisbon:20261110T113000",
            "ORGANIZER;CN=Ana:mailto:Ana@Acme.test",
            "ATTENDEE;CN=Rui;PARTSTAT=ACCEPTED:mailto:rui@acme.test",
            "ATTENDEE;CN=\"Lima, Bea\";PARTSTAT=DECLINED:mailto:bea@acme.test",
            "ATTENDEE;CUTYPE=ROOM;CN=Room 4:mailto:room4@acme.test",
            "ATTENDEE;CN=Ana;PARTSTAT=ACCEPTED:mailto:ana@acme.test",
            "ATTENDEE;CN=Eva;PARTSTAT=NEEDS-ACTION;",
            " X-EXTRA=1:mailto:eva@acme.test",
        ])]);
        let traces = traces_of(&text).expect("read");
        assert_eq!(
            traces.ties(),
            vec![
                ("ana@acme.test", "eva@acme.test", 1.5),
                ("ana@acme.test", "rui@acme.test", 1.5),
                ("eva@acme.test", "ana@acme.test", 1.5),
                ("eva@acme.test", "rui@acme.test", 1.5),
                ("rui@acme.test", "ana@acme.test", 1.5),
                ("rui@acme.test", "eva@acme.test", 1.5),
            ],
            "a folded attendee line is read whole; the organizer is there once"
        );
        assert_eq!(traces.read, 1);
    }

    #[test]
    fn each_occurrence_counts_less_the_removed_and_with_the_moved() {
        let text = calendar(&[
            event(&[
                "UID:weekly@test",
                "DTSTART:20261102T090000Z",
                "DURATION:PT1H",
                "RRULE:FREQ=WEEKLY;COUNT=4",
                "EXDATE:20261109T090000Z",
                "ORGANIZER:mailto:ana@acme.test",
                "ATTENDEE:mailto:rui@acme.test",
            ]),
            // The third occurrence moved a day later and lasted two hours.
            event(&[
                "UID:weekly@test",
                "RECURRENCE-ID:20261116T090000Z",
                "DTSTART:20261117T090000Z",
                "DTEND:20261117T110000Z",
                "ORGANIZER:mailto:ana@acme.test",
                "ATTENDEE:mailto:rui@acme.test",
            ]),
        ]);
        let traces = traces_of(&text).expect("read");
        assert_eq!(
            traces.ties(),
            vec![
                ("ana@acme.test", "rui@acme.test", 4.0),
                ("rui@acme.test", "ana@acme.test", 4.0),
            ],
            "2, 17 (moved, 2 h) and 23 November; the 9th removed"
        );
        assert_eq!(traces.read, 3);
    }

    #[test]
    fn broadcasts_all_day_cancelled_and_old_meetings_make_no_ties() {
        let many: Vec<String> = (0..26)
            .map(|i| format!("ATTENDEE:mailto:p{i}@acme.test"))
            .collect();
        let mut all_hands = vec![
            "UID:all@test",
            "DTSTART:20261105T150000Z",
            "DTEND:20261105T160000Z",
        ];
        all_hands.extend(many.iter().map(String::as_str));
        let text = calendar(&[
            event(&all_hands),
            event(&[
                "UID:offsite@test",
                "DTSTART;VALUE=DATE:20261112",
                "DTEND;VALUE=DATE:20261113",
                "ATTENDEE:mailto:ana@acme.test",
                "ATTENDEE:mailto:rui@acme.test",
            ]),
            event(&[
                "UID:off@test",
                "STATUS:CANCELLED",
                "DTSTART:20261112T100000Z",
                "DTEND:20261112T110000Z",
                "ATTENDEE:mailto:ana@acme.test",
                "ATTENDEE:mailto:rui@acme.test",
            ]),
            event(&[
                "UID:old@test",
                "DTSTART:20250112T100000Z",
                "DTEND:20250112T110000Z",
                "RRULE:FREQ=DAILY;UNTIL=20250301T000000Z",
                "ATTENDEE:mailto:ana@acme.test",
                "ATTENDEE:mailto:rui@acme.test",
            ]),
        ]);
        let traces = traces_of(&text).expect("read");
        assert!(traces.ties().is_empty(), "{:?}", traces.ties());
        assert_eq!(
            traces.left_out,
            [
                (LeftOut::OutsideWindow, 1),
                (LeftOut::Broadcast, 1),
                (LeftOut::Cancelled, 1),
                (LeftOut::AllDay, 1)
            ]
            .into()
        );
    }

    #[test]
    fn recurrence_rules_give_the_days_a_calendar_shows() {
        let days = |rule: &str, start: i64, last: i64| {
            Rule::parse(rule)
                .expect("a rule Knit follows")
                .occurrences(start, last)
        };
        // Last Friday of each month, from January.
        assert_eq!(
            days("FREQ=MONTHLY;BYDAY=-1FR", day(1, 30), day(4, 30)),
            vec![day(1, 30), day(2, 27), day(3, 27), day(4, 24)]
        );
        // Mondays, Wednesdays and Fridays every other week, until a day.
        assert_eq!(
            days(
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;UNTIL=20261118T000000Z",
                day(11, 4),
                day(12, 31)
            ),
            vec![day(11, 4), day(11, 6), day(11, 16), day(11, 18)]
        );
        // Weekdays, three of them.
        assert_eq!(
            days(
                "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=3",
                day(11, 6),
                day(12, 31)
            ),
            vec![day(11, 6), day(11, 9), day(11, 10)]
        );
        // The 31st: months without one are skipped; a yearly meeting.
        assert_eq!(
            days("FREQ=MONTHLY;BYMONTHDAY=31", day(1, 31), day(5, 31)),
            vec![day(1, 31), day(3, 31), day(5, 31)]
        );
        assert_eq!(
            days("FREQ=YEARLY", day(2, 14), day(12, 31)),
            vec![day(2, 14)]
        );
        assert!(Rule::parse("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU").is_none());
        assert!(Rule::parse("FREQ=HOURLY").is_none());
    }

    #[test]
    fn a_rule_knit_does_not_follow_counts_once_and_is_said() {
        let text = calendar(&[event(&[
            "UID:odd@test",
            "DTSTART:20261102T090000Z",
            "DTEND:20261102T093000Z",
            "RRULE:FREQ=MONTHLY;BYSETPOS=1;BYDAY=MO,TU",
            "ATTENDEE:mailto:ana@acme.test",
            "ATTENDEE:mailto:rui@acme.test",
        ])]);
        let traces = traces_of(&text).expect("read");
        assert_eq!(traces.rules_not_followed, 1);
        assert_eq!(traces.ties().len(), 2);
    }

    #[test]
    fn a_calendar_cut_short_is_refused_and_another_file_skipped() {
        let whole = calendar(&[event(&[
            "UID:one@test",
            "DTSTART:20261110T100000Z",
            "DTEND:20261110T110000Z",
        ])]);
        let cut = &whole[..whole.find("END:VEVENT").expect("end")];
        assert!(traces_of(cut)
            .expect_err("cut short")
            .why
            .contains("cut short"));
        let other = traces_of("From: ana@acme.test\n").expect("skipped, not refused");
        assert_eq!(
            other.skipped[0].to_string(),
            "team.ics: is not an iCalendar file (no BEGIN:VCALENDAR)"
        );
    }
}
