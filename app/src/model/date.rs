//! Calendar dates as HR files write them, stored as ISO 8601 text (YYYY-MM-DD).

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// How to read dates written with slashes, where 03/04/2024 is ambiguous.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlashOrder {
    DayFirst,
    MonthFirst,
    Unknown,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses ISO dates (also with a time part), YYYY/MM/DD, DD.MM.YYYY,
    /// "3 Mar 2024", "Mar 3, 2024" and, when `slash` says which comes first,
    /// DD/MM/YYYY or MM/DD/YYYY.
    pub fn parse(text: &str, slash: SlashOrder) -> Option<Date> {
        let text = text.trim();
        let date_part = text.split(['T', ' ']).next().unwrap_or(text);
        if let Some(d) = parse_numeric(date_part, slash) {
            return Some(d);
        }
        parse_with_month_name(text)
    }

    pub fn from_days_since_epoch(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = if m <= 2 { y + 1 } else { y } as i32;
        Date {
            year,
            month: m,
            day: d,
        }
    }

    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Today in UTC.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or_default();
        Date::from_days_since_epoch(secs.div_euclid(86_400))
    }

    pub fn iso(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn numbers(text: &str, sep: char) -> Option<[u32; 3]> {
    let parts: Vec<&str> = text.split(sep).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some([
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    ])
}

fn parse_numeric(text: &str, slash: SlashOrder) -> Option<Date> {
    if let Some([y, m, d]) = numbers(text, '-') {
        return (y >= 1000).then(|| Date::new(y as i32, m, d)).flatten();
    }
    if let Some([a, b, c]) = numbers(text, '.') {
        return (c >= 1000).then(|| Date::new(c as i32, b, a)).flatten();
    }
    let [a, b, c] = numbers(text, '/')?;
    if a >= 1000 {
        return Date::new(a as i32, b, c);
    }
    if c < 1000 {
        return None;
    }
    match slash {
        SlashOrder::DayFirst => Date::new(c as i32, b, a),
        SlashOrder::MonthFirst => Date::new(c as i32, a, b),
        // Unambiguous only when one of the two cannot be a month.
        SlashOrder::Unknown if a > 12 => Date::new(c as i32, b, a),
        SlashOrder::Unknown if b > 12 => Date::new(c as i32, a, b),
        SlashOrder::Unknown if a == b => Date::new(c as i32, a, b),
        SlashOrder::Unknown => None,
    }
}

fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| word.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn parse_with_month_name(text: &str) -> Option<Date> {
    let words: Vec<&str> = text
        .split([' ', ',', '-'])
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() != 3 {
        return None;
    }
    let num = |w: &str| w.parse::<u32>().ok();
    // "3 Mar 2024" / "3-Mar-2024"
    if let (Some(d), Some(m), Some(y)) = (num(words[0]), month_number(words[1]), num(words[2])) {
        return (y >= 1000).then(|| Date::new(y as i32, m, d)).flatten();
    }
    // "Mar 3, 2024"
    if let (Some(m), Some(d), Some(y)) = (month_number(words[0]), num(words[1]), num(words[2])) {
        return (y >= 1000).then(|| Date::new(y as i32, m, d)).flatten();
    }
    None
}

/// Decides how a file writes slash dates from the values that are unambiguous.
pub fn detect_slash_order<'a>(values: impl IntoIterator<Item = &'a str>) -> SlashOrder {
    let (mut day_first, mut month_first) = (false, false);
    for value in values {
        if let Some([a, b, c]) = numbers(value.trim().split([' ', 'T']).next().unwrap_or(""), '/') {
            if c >= 1000 {
                day_first |= a > 12 && b <= 12;
                month_first |= b > 12 && a <= 12;
            }
        }
    }
    match (day_first, month_first) {
        (true, false) => SlashOrder::DayFirst,
        (false, true) => SlashOrder::MonthFirst,
        _ => SlashOrder::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn formats_people_use() {
        let u = SlashOrder::Unknown;
        assert_eq!(Date::parse("2024-03-05", u), d(2024, 3, 5));
        assert_eq!(Date::parse("2024-03-05T09:00:00Z", u), d(2024, 3, 5));
        assert_eq!(Date::parse("2024/03/05", u), d(2024, 3, 5));
        assert_eq!(Date::parse("05.03.2024", u), d(2024, 3, 5));
        assert_eq!(Date::parse("5 Mar 2024", u), d(2024, 3, 5));
        assert_eq!(Date::parse("05-Mar-2024", u), d(2024, 3, 5));
        assert_eq!(Date::parse("March 5, 2024", u), d(2024, 3, 5));
        assert_eq!(Date::parse("25/03/2024", u), d(2024, 3, 25));
        assert_eq!(Date::parse("03/25/2024", u), d(2024, 3, 25));
        assert_eq!(
            Date::parse("03/04/2024", u),
            None,
            "ambiguous without a file-wide order"
        );
        assert_eq!(
            Date::parse("03/04/2024", SlashOrder::DayFirst),
            d(2024, 4, 3)
        );
        assert_eq!(
            Date::parse("03/04/2024", SlashOrder::MonthFirst),
            d(2024, 3, 4)
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "31.04.2024",
            "",
            "soon",
            "2024-1",
            "12/2024",
            "1/2/24",
        ] {
            assert_eq!(Date::parse(bad, SlashOrder::DayFirst), None, "{bad}");
        }
        assert_eq!(
            Date::parse("2024-02-29", SlashOrder::Unknown),
            d(2024, 2, 29)
        );
    }

    #[test]
    fn epoch_days_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_000, 20_513, 2_932_896] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::from_days_since_epoch(0).iso(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(19_723).iso(), "2024-01-01");
    }

    #[test]
    fn slash_order_from_the_file() {
        assert_eq!(
            detect_slash_order(["01/02/2024", "25/02/2024"]),
            SlashOrder::DayFirst
        );
        assert_eq!(
            detect_slash_order(["01/02/2024", "02/25/2024"]),
            SlashOrder::MonthFirst
        );
        assert_eq!(detect_slash_order(["01/02/2024"]), SlashOrder::Unknown);
        assert_eq!(
            detect_slash_order(["25/02/2024", "02/25/2024"]),
            SlashOrder::Unknown
        );
    }
}
