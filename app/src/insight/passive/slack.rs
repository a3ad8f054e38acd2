//! Slack workspace exports (the zip a workspace's admins download):
//! `users.json`, then one folder per conversation of daily JSON files. A
//! reply in a thread ties the replier to the thread's author; an `<@U…>`
//! mention ties the author to the person mentioned. People are matched by
//! the email in their profile. Each day's file is read as a stream; of each
//! message only its author, time, thread and mentions are looked at.

use super::{LeftOut, Traces, Unreadable};
use crate::model::date::Date;
use serde::Deserialize;
use std::collections::HashMap;
use std::io::{BufReader, Read, Seek};

#[derive(Deserialize)]
struct User {
    id: String,
    #[serde(default)]
    profile: Profile,
}

#[derive(Default, Deserialize)]
struct Profile {
    email: Option<String>,
}

/// The fields of a message that make ties; serde skips every other one.
#[derive(Deserialize)]
struct Message {
    user: Option<String>,
    subtype: Option<String>,
    ts: Option<String>,
    thread_ts: Option<String>,
    parent_user_id: Option<String>,
    /// Read only for its mentions, then dropped.
    #[serde(default)]
    text: String,
}

/// Messages of these kinds are people writing; joins, leaves, topic changes
/// and bots' posts are not.
const WRITTEN: [&str; 3] = ["thread_broadcast", "file_share", "me_message"];

/// An export's files by name ('/' between folders): the zip Slack gives, or
/// the folder it was unzipped into.
trait Export {
    fn names(&self) -> &[String];
    /// The `i`-th file, to read from; an error says why it cannot be opened.
    fn open(&mut self, i: usize) -> Result<Box<dyn Read + '_>, String>;
}

struct Zipped<R: Read + Seek> {
    zip: zip::ZipArchive<R>,
    names: Vec<String>,
}

impl<R: Read + Seek> Export for Zipped<R> {
    fn names(&self) -> &[String] {
        &self.names
    }

    fn open(&mut self, i: usize) -> Result<Box<dyn Read + '_>, String> {
        Ok(Box::new(self.zip.by_index(i).map_err(|e| e.to_string())?))
    }
}

struct Unzipped<'p> {
    root: std::path::PathBuf,
    names: Vec<String>,
    progress: &'p dyn Fn(u64),
}

impl Export for Unzipped<'_> {
    fn names(&self) -> &[String] {
        &self.names
    }

    fn open(&mut self, i: usize) -> Result<Box<dyn Read + '_>, String> {
        let file =
            std::fs::File::open(self.root.join(&self.names[i])).map_err(|e| e.to_string())?;
        Ok(Box::new(super::Counted::new(file, self.progress)))
    }
}

/// Reads one export (the zip) into `traces`. An archive cut short or that is
/// not a Slack export stops the reading; a day's file that is not JSON is
/// skipped and named.
pub fn read<R: Read + Seek>(input: R, file: &str, traces: &mut Traces) -> Result<(), Unreadable> {
    let unreadable = |why: String| Unreadable {
        file: file.to_string(),
        line: 0,
        why,
    };
    let zip = zip::ZipArchive::new(input).map_err(|e| {
        unreadable(format!(
            "not a zip archive, or cut short (its table of contents, at the end, cannot be read: {e})"
        ))
    })?;
    let names: Vec<String> = zip
        .file_names()
        .map(|name| name.map(|n| n.to_string()))
        .collect::<Result<_, _>>()
        .map_err(|e| unreadable(format!("its table of contents cannot be read ({e})")))?;
    read_export(Zipped { zip, names }, file, traces)
}

/// Reads an export unzipped into `folder`.
pub fn read_folder(
    folder: &std::path::Path,
    traces: &mut Traces,
    progress: &dyn Fn(u64),
) -> Result<(), Unreadable> {
    let file = folder.display().to_string();
    let mut names = Vec::new();
    files_under(folder, "", &mut names).map_err(|e| Unreadable {
        file: file.clone(),
        line: 0,
        why: e.to_string(),
    })?;
    let export = Unzipped {
        root: folder.to_path_buf(),
        names,
        progress,
    };
    read_export(export, &file, traces)
}

/// Every file under `folder`, named from it with '/'.
fn files_under(
    folder: &std::path::Path,
    prefix: &str,
    names: &mut Vec<String>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type()?.is_dir() {
            files_under(&entry.path(), &format!("{name}/"), names)?;
        } else {
            names.push(name);
        }
    }
    Ok(())
}

fn read_export(mut export: impl Export, file: &str, traces: &mut Traces) -> Result<(), Unreadable> {
    let unreadable = |why: String| Unreadable {
        file: file.to_string(),
        line: 0,
        why,
    };
    let names = export.names().to_vec();
    let (users_index, users_file) = names
        .iter()
        .enumerate()
        .filter(|(_, n)| n.rsplit('/').next() == Some("users.json"))
        .min_by_key(|(_, n)| n.len())
        .ok_or_else(|| {
            unreadable(
                "has no users.json: it is not a Slack workspace export (Workspace settings → Import/Export Data → Export)".to_string(),
            )
        })?;
    // The export may sit in a folder of its own.
    let root = users_file.trim_end_matches("users.json").to_string();
    let users: Vec<User> = {
        let entry = export
            .open(users_index)
            .map_err(|e| unreadable(format!("{users_file}: {e}")))?;
        serde_json::from_reader(BufReader::new(entry)).map_err(|e| Unreadable {
            file: format!("{file}: {users_file}"),
            line: e.line(),
            why: format!("not the list of users Slack writes ({e})"),
        })?
    };
    let emails: HashMap<String, String> = users
        .into_iter()
        .map(|u| {
            let address = match u.profile.email {
                Some(email) if email.contains('@') => email.trim().to_lowercase(),
                // No email (a bot, a guest without one): kept by its id, so
                // it counts among the people not on the roster.
                _ => format!("slack:{}", u.id),
            };
            (u.id, address)
        })
        .collect();
    let mut reader = Conversations {
        emails,
        thread_authors: HashMap::new(),
    };
    let mut days: Vec<usize> = names
        .iter()
        .enumerate()
        .filter(|(_, n)| n.strip_prefix(&root).and_then(day_file).is_some())
        .map(|(i, _)| i)
        .collect();
    // In time order within each conversation, so a thread's start is seen
    // before its replies.
    days.sort_by_key(|&i| names[i].as_str());
    for i in days {
        let name = &names[i];
        let entry = export
            .open(i)
            .map_err(|e| unreadable(format!("a file inside it cannot be read ({e})")))?;
        let conversation = name[root.len()..]
            .split('/')
            .next()
            .unwrap_or("")
            .to_string();
        match serde_json::from_reader::<_, Vec<Message>>(BufReader::new(entry)) {
            Ok(messages) => {
                for message in messages {
                    reader.message(&conversation, message, traces);
                }
            }
            // The archive itself is broken (cut short, a bad checksum): stop.
            Err(e) if e.is_io() => {
                return Err(unreadable(format!(
                    "a file inside it is cut short or damaged ({e})"
                )))
            }
            Err(e) => traces.skipped.push(Unreadable {
                file: format!("{file}: {name}"),
                line: e.line(),
                why: format!("not a day of messages as Slack writes them ({e})"),
            }),
        }
    }
    Ok(())
}

/// `conversation/YYYY-MM-DD.json`: a day of one conversation's messages.
fn day_file(name: &str) -> Option<&str> {
    let (folder, day) = name.split_once('/')?;
    let day = day.strip_suffix(".json")?;
    (!folder.is_empty()
        && day.len() == 10
        && Date::parse(day, crate::model::date::SlashOrder::Unknown).is_some())
    .then_some(folder)
}

struct Conversations {
    /// Each user's address: their email, lower-cased.
    emails: HashMap<String, String>,
    /// (conversation, thread's ts) → the user who started the thread.
    thread_authors: HashMap<(String, String), String>,
}

impl Conversations {
    fn message(&mut self, conversation: &str, message: Message, traces: &mut Traces) {
        let written = message
            .subtype
            .as_deref()
            .is_none_or(|s| WRITTEN.contains(&s));
        let Some(author) = message.user.filter(|_| written) else {
            traces.read += 1;
            traces.leave_out(LeftOut::NotAMessage);
            return;
        };
        let ts = message.ts.unwrap_or_default();
        if message.thread_ts.as_deref() == Some(ts.as_str()) {
            self.thread_authors
                .insert((conversation.to_string(), ts.clone()), author.clone());
        }
        let thread_author = match message.thread_ts.filter(|t| *t != ts) {
            None => None,
            Some(thread) => match message.parent_user_id.or_else(|| {
                self.thread_authors
                    .get(&(conversation.to_string(), thread))
                    .cloned()
            }) {
                Some(parent) => Some(parent),
                None => {
                    traces.read += 1;
                    traces.leave_out(LeftOut::ThreadNotFound);
                    return;
                }
            },
        };
        let mut recipients: Vec<String> = mentions(&message.text)
            .chain(thread_author.as_deref())
            .map(|id| self.address(id))
            .collect();
        let from = self.address(&author);
        traces.message(&from, &mut recipients, day_of(&ts));
    }

    fn address(&self, id: &str) -> String {
        self.emails
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("slack:{id}"))
    }
}

/// The user ids a message's text mentions: `<@U123>` or `<@U123|name>`.
fn mentions(text: &str) -> impl Iterator<Item = &str> {
    text.split("<@").skip(1).filter_map(|rest| {
        let id = &rest[..rest.find(['>', '|'])?];
        (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric())).then_some(id)
    })
}

/// The day (UTC) of a Slack timestamp, seconds since 1970 ("1700000000.000200").
fn day_of(ts: &str) -> Option<Date> {
    let seconds: i64 = ts.split('.').next()?.parse().ok()?;
    Some(Date::from_days_since_epoch(seconds.div_euclid(86_400)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::passive::Window;
    use std::io::Write;

    fn window() -> Window {
        Window::before(Date::new(2026, 12, 1).expect("day"), 90)
    }

    /// Seconds of 10:00 UTC on a day of November 2026.
    fn november(day: i64) -> String {
        let days = Date::new(2026, 11, day as u32)
            .expect("day")
            .days_since_epoch();
        format!("{}.000100", days * 86_400 + 36_000)
    }

    fn export(files: &[(&str, String)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in files {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("start");
            zip.write_all(text.as_bytes()).expect("write");
        }
        zip.finish().expect("finish").into_inner()
    }

    const USERS: &str = r#"[
        {"id": "UANA", "name": "ana", "profile": {"email": "Ana@Acme.test", "real_name": "Ana"}},
        {"id": "URUI", "name": "rui", "profile": {"email": "rui@acme.test"}},
        {"id": "UBEA", "name": "bea", "profile": {"email": "bea@acme.test"}},
        {"id": "UBOT", "name": "deploy-bot", "is_bot": true, "profile": {}}
    ]"#;

    fn traces_of(bytes: Vec<u8>) -> Result<Traces, Unreadable> {
        let mut traces = Traces::new(window(), 25);
        read(std::io::Cursor::new(bytes), "export.zip", &mut traces)?;
        Ok(traces)
    }

    #[test]
    fn replies_tie_to_the_threads_author_and_mentions_to_the_mentioned() {
        let day = format!(
            r#"[
            {{"type": "message", "user": "UANA", "text": "Who knows the build?", "ts": "{t1}", "thread_ts": "{t1}", "reply_count": 2}},
            {{"type": "message", "user": "URUI", "text": "I do, ask <@UBEA|bea> too", "ts": "{t2}", "thread_ts": "{t1}", "parent_user_id": "UANA"}},
            {{"type": "message", "user": "UBEA", "text": "here", "ts": "{t3}", "thread_ts": "{t1}"}},
            {{"type": "message", "subtype": "channel_join", "user": "URUI", "text": "<@URUI> has joined", "ts": "{t1}"}},
            {{"type": "message", "user": "UBOT", "text": "deployed, <@UANA>", "ts": "{t2}"}}
        ]"#,
            t1 = november(2),
            t2 = november(3),
            t3 = november(4),
        );
        let traces = traces_of(export(&[
            ("users.json", USERS.to_string()),
            ("channels.json", "[]".to_string()),
            ("general/2026-11-02.json", day),
        ]))
        .expect("read");
        assert_eq!(
            traces.ties(),
            vec![
                ("bea@acme.test", "ana@acme.test", 1.0),
                ("rui@acme.test", "ana@acme.test", 1.0),
                ("rui@acme.test", "bea@acme.test", 1.0),
                ("slack:UBOT", "ana@acme.test", 1.0),
            ],
            "the third reply's thread author comes from the thread's start"
        );
        assert_eq!(traces.read, 5);
        assert_eq!(traces.left_out, [(LeftOut::NotAMessage, 1)].into());
    }

    #[test]
    fn old_messages_broadcasts_and_lost_threads_make_no_ties() {
        let everyone: String = (0..26).map(|i| format!("<@U{i}> ")).collect();
        let day = format!(
            r#"[
            {{"user": "UANA", "text": "<@URUI>", "ts": "{old}"}},
            {{"user": "UANA", "text": "{everyone}", "ts": "{now}"}},
            {{"user": "URUI", "text": "late reply", "ts": "{now}", "thread_ts": "1000.0001"}}
        ]"#,
            old = 1_600_000_000,
            now = november(20),
        );
        let traces = traces_of(export(&[
            ("Acme export/users.json", USERS.to_string()),
            ("Acme export/random/2026-11-20.json", day),
        ]))
        .expect("read");
        assert!(traces.ties().is_empty());
        assert_eq!(
            traces.left_out,
            [
                (LeftOut::OutsideWindow, 1),
                (LeftOut::Broadcast, 1),
                (LeftOut::ThreadNotFound, 1)
            ]
            .into()
        );
    }

    #[test]
    fn an_export_unzipped_into_a_folder_reads_as_the_zip() {
        let day = format!(
            r#"[{{"user": "UANA", "text": "<@URUI> and <@UBEA>", "ts": "{}"}}]"#,
            november(3)
        );
        let files = [
            ("Acme export/users.json", USERS.to_string()),
            ("Acme export/general/2026-11-03.json", day),
        ];
        let zipped = traces_of(export(&files)).expect("zip");
        let folder = std::env::temp_dir().join(format!("knit-slack-{}", std::process::id()));
        for (name, text) in &files {
            let path = folder.join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            std::fs::write(path, text).expect("write");
        }
        let mut unzipped = Traces::new(window(), 25);
        let read = std::cell::Cell::new(0);
        read_folder(&folder, &mut unzipped, &|n| read.set(read.get() + n)).expect("folder");
        std::fs::remove_dir_all(&folder).ok();
        assert_eq!(unzipped.ties(), zipped.ties());
        assert_eq!(unzipped.ties().len(), 2);
        assert!(read.get() > 0, "progress hears of the bytes read");
    }

    #[test]
    fn a_day_that_is_not_json_is_skipped_and_named() {
        let traces = traces_of(export(&[
            ("users.json", USERS.to_string()),
            ("general/2026-11-02.json", "[{\"user\": ".to_string()),
            (
                "general/2026-11-03.json",
                format!(
                    r#"[{{"user": "UANA", "text": "<@URUI>", "ts": "{}"}}]"#,
                    november(3)
                ),
            ),
        ]))
        .expect("read");
        assert_eq!(traces.ties().len(), 1);
        assert_eq!(traces.skipped.len(), 1);
        assert!(
            traces.skipped[0].file.ends_with("general/2026-11-02.json"),
            "{:?}",
            traces.skipped
        );
    }

    #[test]
    fn an_export_cut_short_or_without_users_is_refused() {
        let whole = export(&[
            ("users.json", USERS.to_string()),
            ("general/2026-11-02.json", "[]".to_string()),
        ]);
        let cut = whole[..whole.len() - 30].to_vec();
        assert!(traces_of(cut)
            .expect_err("cut short")
            .why
            .contains("cut short"));
        let no_users = export(&[("general/2026-11-02.json", "[]".to_string())]);
        assert!(traces_of(no_users)
            .expect_err("no users")
            .why
            .contains("users.json"));
    }
}
