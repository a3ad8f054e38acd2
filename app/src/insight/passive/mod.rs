//! Passive networks: who works with whom, read from the files a company
//! already has (Slack exports, calendars, mail archives). Only who, with
//! whom, when and how much is kept: no text, subject, title or file name from
//! inside an export leaves a reader.

pub mod calendar;
pub mod mbox;
pub mod slack;

use crate::error::AppError;
use crate::model::date::Date;
pub use crate::model::policy::PassiveNetworks as Settings;
use crate::store::analyses::ImportedTie;
use crate::store::Db;
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// The kinds of export Knit reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// A Slack workspace export (zip).
    Slack,
    /// iCalendar files (.ics), or folders of them.
    Calendar,
    /// Mail archives (mbox).
    Mbox,
}

impl Format {
    /// The network's name when the analyst gives none.
    pub fn default_name(self) -> &'static str {
        match self {
            Format::Slack => "Slack",
            Format::Calendar => "Meetings",
            Format::Mbox => "Email",
        }
    }
}

/// The days a trace must fall in to count (both ends included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub first: Date,
    pub last: Date,
}

impl Window {
    /// The `days` before a wave closes, its closing day included.
    pub fn before(closes_on: Date, days: i64) -> Window {
        let last = closes_on.days_since_epoch();
        Window {
            first: Date::from_days_since_epoch(last - days + 1),
            last: closes_on,
        }
    }

    pub fn holds(&self, day: Date) -> bool {
        self.first <= day && day <= self.last
    }
}

/// Why a trace made no tie, as the import reports it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum LeftOut {
    /// Outside the wave's window.
    OutsideWindow,
    /// No date Knit could read.
    Undated,
    /// Sent to (or held with) more people than the largest group.
    Broadcast,
    /// A meeting marked cancelled.
    Cancelled,
    /// An all-day entry (a holiday, an absence), not a meeting.
    AllDay,
    /// A meeting that ends as it starts.
    NoLength,
    /// A reply whose thread starts outside the export.
    ThreadNotFound,
    /// A join, a leave, a bot's post: not a person writing.
    NotAMessage,
}

/// A file, or a file inside an export, Knit could not read: its name (as
/// shown to the analyst, never stored), line (0 when none), and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub file: String,
    pub line: usize,
    pub why: String,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.why),
            line => write!(f, "{} line {line}: {}", self.file, self.why),
        }
    }
}

/// What a reading found: ties between addresses (an email, or an export's
/// own id for people it gives no email), weighted by how often or how long,
/// and what was left out and why.
#[derive(Clone, Debug)]
pub struct Traces {
    pub window: Window,
    pub largest_group: usize,
    addresses: Vec<String>,
    index: HashMap<String, u32>,
    ties: HashMap<(u32, u32), f64>,
    /// Messages or meeting occurrences read.
    pub read: usize,
    pub left_out: BTreeMap<LeftOut, usize>,
    /// Recurring meetings whose rule Knit does not follow: counted once.
    pub rules_not_followed: usize,
    /// Files skipped whole (the rest was read).
    pub skipped: Vec<Unreadable>,
}

impl Traces {
    pub fn new(window: Window, largest_group: usize) -> Traces {
        Traces {
            window,
            largest_group,
            addresses: Vec::new(),
            index: HashMap::new(),
            ties: HashMap::new(),
            read: 0,
            left_out: BTreeMap::new(),
            rules_not_followed: 0,
            skipped: Vec::new(),
        }
    }

    fn leave_out(&mut self, why: LeftOut) {
        *self.left_out.entry(why).or_default() += 1;
    }

    fn address(&mut self, address: &str) -> u32 {
        if let Some(&i) = self.index.get(address) {
            return i;
        }
        let i = self.addresses.len() as u32;
        self.addresses.push(address.to_string());
        self.index.insert(address.to_string(), i);
        i
    }

    fn tie(&mut self, from: &str, to: &str, weight: f64) {
        if from != to {
            let (from, to) = (self.address(from), self.address(to));
            *self.ties.entry((from, to)).or_default() += weight;
        }
    }

    /// Whether a trace of `day` counts; counts it as read, or as left out.
    fn dated(&mut self, day: Option<Date>) -> bool {
        self.read += 1;
        match day {
            None => self.leave_out(LeftOut::Undated),
            Some(day) if !self.window.holds(day) => self.leave_out(LeftOut::OutsideWindow),
            Some(_) => return true,
        }
        false
    }

    /// A message from `from` to `recipients` (deduplicated here), on `day`:
    /// a tie to each, unless it went to more than the largest group.
    fn message(&mut self, from: &str, recipients: &mut Vec<String>, day: Option<Date>) {
        if !self.dated(day) {
            return;
        }
        recipients.sort();
        recipients.dedup();
        if recipients.len() > self.largest_group {
            self.leave_out(LeftOut::Broadcast);
            return;
        }
        for to in recipients.iter() {
            self.tie(from, to, 1.0);
        }
    }

    /// A meeting of `attendees` on `day` lasting `hours`: every attendee tied
    /// to every other by the hours, unless it is larger than the largest group.
    fn meeting(&mut self, attendees: &[String], day: Date, hours: f64) {
        if !self.dated(Some(day)) {
            return;
        }
        if attendees.len() > self.largest_group {
            self.leave_out(LeftOut::Broadcast);
            return;
        }
        for a in attendees {
            for b in attendees {
                self.tie(a, b, hours);
            }
        }
    }

    /// The ties as (from, to, weight), in order.
    pub fn ties(&self) -> Vec<(&str, &str, f64)> {
        let mut ties: Vec<(&str, &str, f64)> = self
            .ties
            .iter()
            .map(|(&(a, b), &w)| {
                (
                    self.addresses[a as usize].as_str(),
                    self.addresses[b as usize].as_str(),
                    w,
                )
            })
            .collect();
        ties.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        ties
    }
}

/// The email addresses in a header's value, lower-cased, in order: the part
/// in angle brackets, else every bare word with an @ in it.
pub fn addresses(value: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = value;
    while let Some(at) = rest.find('@') {
        let start = rest[..at]
            .rfind(|c: char| c.is_whitespace() || "<,;:\"(".contains(c))
            .map_or(0, |i| i + 1);
        let end = rest[at..]
            .find(|c: char| c.is_whitespace() || ">,;\")".contains(c))
            .map_or(rest.len(), |i| at + i);
        let address = &rest[start..end];
        if start < at && at + 1 < end {
            found.push(address.to_lowercase());
        }
        rest = &rest[end..];
    }
    found
}

/// Reads through to `inner`, telling `progress` how many bytes went by.
pub struct Counted<'a, R> {
    inner: R,
    progress: &'a dyn Fn(u64),
}

impl<'a, R> Counted<'a, R> {
    pub fn new(inner: R, progress: &'a dyn Fn(u64)) -> Counted<'a, R> {
        Counted { inner, progress }
    }
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        (self.progress)(read as u64);
        Ok(read)
    }
}

impl<R: Seek> Seek for Counted<'_, R> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(to)
    }
}

/// The files an import reads: each file named, and the .ics files in a
/// named folder (calendars only), in name order.
pub fn files_of(format: Format, paths: &[PathBuf]) -> Result<Vec<PathBuf>, Unreadable> {
    let mut files = Vec::new();
    for path in paths {
        let unreadable = |why: String| Unreadable {
            file: path.display().to_string(),
            line: 0,
            why,
        };
        let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
        if !meta.is_dir() || format == Format::Slack {
            // A Slack export may be given unzipped, as its folder.
            files.push(path.clone());
        } else if format == Format::Calendar {
            let mut found = Vec::new();
            calendars_in(path, &mut found).map_err(|e| unreadable(e.to_string()))?;
            found.sort();
            files.extend(found);
        } else {
            return Err(unreadable(
                "is a folder; name the export's file itself".to_string(),
            ));
        }
    }
    Ok(files)
}

/// The bytes an import will read: each file's size, a folder's files' sizes.
pub fn size_of(path: &Path) -> u64 {
    match std::fs::read_dir(path) {
        Ok(entries) => entries.flatten().map(|e| size_of(&e.path())).sum(),
        Err(_) => std::fs::metadata(path).map_or(0, |m| m.len()),
    }
}

fn calendars_in(folder: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() {
            calendars_in(&path, found)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ics"))
        {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads `files` of `format` into traces. A file cut short, or not of the
/// format at all, stops the reading (the caller stores nothing); `progress`
/// hears of every byte read.
pub fn read(
    format: Format,
    files: &[PathBuf],
    window: Window,
    settings: Settings,
    progress: &dyn Fn(u64),
) -> Result<Traces, Unreadable> {
    let mut traces = Traces::new(window, settings.largest_group);
    for path in files {
        let name = path.display().to_string();
        if format == Format::Slack && path.is_dir() {
            slack::read_folder(path, &mut traces, progress)?;
            continue;
        }
        let input = std::fs::File::open(path).map_err(|e| Unreadable {
            file: name.clone(),
            line: 0,
            why: e.to_string(),
        })?;
        let input = Counted::new(input, progress);
        match format {
            Format::Slack => slack::read(input, &name, &mut traces)?,
            Format::Calendar => calendar::read(std::io::BufReader::new(input), &name, &mut traces)?,
            Format::Mbox => mbox::read(std::io::BufReader::new(input), &name, &mut traces)?,
        }
    }
    Ok(traces)
}

/// The `days` before wave `wave` closes.
pub async fn window_of(db: &Db, wave: i64, days: i64) -> Result<Window, AppError> {
    let wave = crate::store::surveys::get_wave(db, wave)
        .await?
        .ok_or_else(|| {
            AppError::not_found(crate::model::catalogue::say(
                "refused-insight-there-is-no-such-wave",
            ))
        })?;
    let closes_on = Date::parse(&wave.closes_on, crate::model::date::SlashOrder::Unknown)
        .ok_or_else(|| {
            AppError::internal(format!("wave {} has an unreadable closing day", wave.id))
        })?;
    Ok(Window::before(closes_on, days))
}

/// What a reading comes to on the roster: the ties between people on it
/// (matched by work email), and how many of the export's people are not.
#[derive(Clone, Debug, PartialEq)]
pub struct Matched {
    pub ties: Vec<ImportedTie>,
    /// People (addresses) in a tie, on the roster and not.
    pub on_roster: usize,
    pub not_on_roster: usize,
}

/// The traces between people on the roster, as ties to store.
pub async fn on_roster(db: &Db, traces: &Traces) -> Result<Matched, AppError> {
    let people = crate::store::people::ids_by_email(db).await?;
    let mut in_a_tie = vec![false; traces.addresses.len()];
    let mut ties = Vec::new();
    for (&(from, to), &weight) in &traces.ties {
        in_a_tie[from as usize] = true;
        in_a_tie[to as usize] = true;
        let id = |i: u32| people.get(&traces.addresses[i as usize]).copied();
        if let (Some(source_id), Some(target_id)) = (id(from), id(to)) {
            ties.push(ImportedTie {
                source_id,
                target_id,
                weight,
            });
        }
    }
    ties.sort_by_key(|t| (t.source_id, t.target_id));
    let (mut known, mut unknown) = (0, 0);
    for (i, address) in traces.addresses.iter().enumerate() {
        if in_a_tie[i] {
            if people.contains_key(address) {
                known += 1;
            } else {
                unknown += 1;
            }
        }
    }
    Ok(Matched {
        ties,
        on_roster: known,
        not_on_roster: unknown,
    })
}

/// What a reading found and left out, in counts only (never a name from
/// inside the files): what the import prints and the insight page's preview
/// shows before the network is added.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Found {
    /// None: an edge list (CSV).
    pub format: Option<Format>,
    /// Messages, meetings or rows read.
    pub read: usize,
    pub first: String,
    pub last: String,
    pub largest_group: usize,
    pub left_out: Vec<(LeftOut, usize)>,
    pub rules_not_followed: usize,
    /// Files (or files inside an export) skipped as unreadable.
    pub skipped: usize,
    pub ties: usize,
    pub on_roster: usize,
    pub not_on_roster: usize,
}

impl Found {
    pub fn of(format: Format, traces: &Traces, matched: &Matched) -> Found {
        Found {
            format: Some(format),
            read: traces.read,
            first: traces.window.first.iso(),
            last: traces.window.last.iso(),
            largest_group: traces.largest_group,
            left_out: traces.left_out.iter().map(|(&r, &n)| (r, n)).collect(),
            rules_not_followed: traces.rules_not_followed,
            skipped: traces.skipped.len(),
            ties: matched.ties.len(),
            on_roster: matched.on_roster,
            not_on_roster: matched.not_on_roster,
        }
    }

    /// An edge list of `rows` rows, every one matched to the roster.
    pub fn of_edge_list(rows: usize, ties: &[ImportedTie]) -> Found {
        let people: std::collections::HashSet<i64> = ties
            .iter()
            .flat_map(|t| [t.source_id, t.target_id])
            .collect();
        Found {
            format: None,
            read: rows,
            first: String::new(),
            last: String::new(),
            largest_group: 0,
            left_out: Vec::new(),
            rules_not_followed: 0,
            skipped: 0,
            ties: ties.len(),
            on_roster: people.len(),
            not_on_roster: 0,
        }
    }

    /// A sentence a line, in the staff's language.
    pub fn describe(&self) -> Vec<String> {
        use crate::model::catalogue::say_with;
        let read_id = match self.format {
            Some(Format::Slack) => "passive-read-slack",
            Some(Format::Calendar) => "passive-read-calendar",
            Some(Format::Mbox) => "passive-read-mbox",
            None => "passive-read-edge-list",
        };
        let mut lines = vec![say_with(
            read_id,
            &[
                ("read", self.read.into()),
                ("first", self.first.as_str().into()),
                ("last", self.last.as_str().into()),
            ],
        )];
        for (reason, count) in &self.left_out {
            let id = match reason {
                LeftOut::OutsideWindow => "passive-left-out-outside-window",
                LeftOut::Undated => "passive-left-out-undated",
                LeftOut::Broadcast => "passive-left-out-broadcast",
                LeftOut::Cancelled => "passive-left-out-cancelled",
                LeftOut::AllDay => "passive-left-out-all-day",
                LeftOut::NoLength => "passive-left-out-no-length",
                LeftOut::ThreadNotFound => "passive-left-out-thread-not-found",
                LeftOut::NotAMessage => "passive-left-out-not-a-message",
            };
            lines.push(say_with(
                id,
                &[
                    ("count", (*count).into()),
                    ("largest", self.largest_group.into()),
                ],
            ));
        }
        if self.rules_not_followed > 0 {
            lines.push(say_with(
                "passive-rules-not-followed",
                &[("count", self.rules_not_followed.into())],
            ));
        }
        if self.skipped > 0 {
            lines.push(say_with(
                "passive-files-skipped",
                &[("count", self.skipped.into())],
            ));
        }
        lines.push(say_with(
            "passive-matched",
            &[
                ("ties", self.ties.into()),
                ("people", self.on_roster.into()),
                ("unknown", self.not_on_roster.into()),
            ],
        ));
        lines
    }
}
