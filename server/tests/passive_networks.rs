//! Passive networks from a company's own files: `knit network import` reads
//! who writes to whom and who meets whom (mail, Slack, calendars, edge
//! lists), adds it to a wave, and keeps nothing else.

mod common;

use app::model::date::{Date, SlashOrder};
use app::store::testing::TestDb;
use common::knit;

app::backend_tests!(
    a_mail_archive_becomes_who_writes_to_whom_and_nothing_more,
    slack_exports_and_calendars_become_ties_and_nothing_more,
    an_edge_list_is_imported_from_the_command_line,
);

/// A word in every text field of the archive: it must appear nowhere Knit writes.
const PLANTED: &str = "Zyxwvutplanted";

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A message as an mbox holds it, sent `days` before `closes`.
fn message(from: &str, to: &[&str], closes: Date, days: i64) -> String {
    let day = Date::from_days_since_epoch(closes.days_since_epoch() - days);
    format!(
        "From {from} Thu Jan  1 00:00:00 2026\n\
         From: \"{PLANTED} Sender\" <{from}>\n\
         To: {}\n\
         Subject: {PLANTED} subject\n\
         Date: {} {} {} 10:00:00 +0000\n\
         Content-Type: multipart/mixed; boundary=b\n\
         \n\
         --b\n\
         {PLANTED} in the body.\n\
         --b\n\
         Content-Disposition: attachment; filename=\"{PLANTED}.pdf\"\n\
         \n\
         {PLANTED}\n\
         --b--\n\
         \n",
        to.join(", "),
        day.day,
        MONTHS[day.month as usize - 1],
        day.year
    )
}

/// A closed, analysed wave with a roster of 8: the wave, its closing day,
/// the people's ids and the first four's emails.
async fn closed_wave(t: &TestDb) -> (i64, Date, Vec<i64>, Vec<String>) {
    let hr = app::fixtures::analyst(&t.db).await;
    let ids = app::fixtures::roster(&t.db, 8).await;
    let key = app::mail::LinkKey::generate();
    let (_, wave, _) = app::fixtures::open_survey(&t.db, &hr, &key).await;
    app::fixtures::close_and_analyze(&t.db, wave).await;
    let closes = app::store::surveys::get_wave(&t.db, wave)
        .await
        .expect("q")
        .expect("wave")
        .closes_on;
    let closes = Date::parse(&closes, SlashOrder::Unknown).expect("a day");
    let mut emails: Vec<String> = Vec::new();
    for &id in &ids[..4] {
        let email: String = sqlx::query_scalar("SELECT email FROM people WHERE id = $1")
            .bind(id)
            .fetch_one(t.db.pool())
            .await
            .expect("email");
        emails.push(email);
    }
    (wave, closes, ids, emails)
}

/// `knit network import --wave W --format F ARGS…` on the test database.
fn import(
    t: &TestDb,
    data: &std::path::Path,
    wave: i64,
    format: &str,
    args: &[&str],
    files: &[&std::path::Path],
) -> (bool, String, String) {
    let out = knit()
        .args([
            "network",
            "import",
            "--wave",
            &wave.to_string(),
            "--format",
            format,
        ])
        .args(args)
        .args(files)
        .env("DATABASE_URL", &t.url)
        .env("KNIT_DATA_DIR", data)
        .output()
        .expect("run");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// The ties of the network named `name`, by person id.
async fn stored_ties(t: &TestDb, name: &str) -> Vec<(i64, i64, f64)> {
    sqlx::query_as(
        "SELECT source_id, target_id, weight FROM imported_ties JOIN imported_networks n ON n.id = network_id \
         WHERE n.name = $1 ORDER BY source_id, target_id",
    )
    .bind(name)
    .fetch_all(t.db.pool())
    .await
    .expect("ties")
}

/// The planted word is in no table and no file under `data`, nor in what
/// the commands printed.
async fn nothing_but_metadata(t: &TestDb, data: &std::path::Path, printed: &[String]) {
    let everything = app::store::testing::dump(&t.db).await.join("\n");
    assert!(everything.contains("@"), "the dump reads the tables");
    assert!(
        !everything.contains(PLANTED),
        "a text from inside an export was stored"
    );
    for entry in walk(data) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(PLANTED),
            "{} holds text from inside an export",
            entry.display()
        );
    }
    for text in printed {
        assert!(!text.contains(PLANTED), "printed: {text}");
    }
}

async fn a_mail_archive_becomes_who_writes_to_whom_and_nothing_more(t: TestDb) {
    let (wave, closes, ids, emails) = closed_wave(&t).await;
    let (a, b, c, d) = (&emails[0], &emails[1], &emails[2], &emails[3]);
    let many: Vec<String> = (0..30).map(|i| format!("all{i}@acme.test")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let archive = [
        message(a, &[b.as_str(), c.as_str()], closes, 10),
        message(a, &[b.as_str()], closes, 20),
        message(b, &[a.as_str(), "outsider@elsewhere.test"], closes, 5),
        message(d, &many, closes, 3),
        message(c, &[d.as_str()], closes, 200),
    ]
    .concat();
    let folder = common::temp_folder("mbox");
    std::fs::create_dir_all(&folder).expect("folder");
    let file = folder.join("takeout.mbox");
    std::fs::write(&file, &archive).expect("write");
    let data = common::temp_folder("data");

    // A dry run says what the file holds and stores nothing.
    let (ok, said, err) = import(&t, &data, wave, "mbox", &["--dry-run"], &[&file]);
    assert!(ok, "{err}");
    assert!(
        said.contains("Read 5 messages")
            && said.contains("1 outside that window")
            && said.contains("1 to more than 25 people")
            && said.contains("3 ties between 3 people on the roster; 1 person not on the roster"),
        "{said}"
    );
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM imported_networks")
        .fetch_one(t.db.pool())
        .await
        .expect("count");
    assert_eq!(stored, 0, "a dry run stores nothing");

    // An archive cut short is refused, naming its line, and nothing is stored.
    let cut = folder.join("cut.mbox");
    std::fs::write(&cut, &archive[..archive.len() / 2]).expect("write");
    let (ok, _, err) = import(&t, &data, wave, "mbox", &[], &[&cut]);
    assert!(!ok);
    assert!(
        err.contains("cut.mbox line")
            && err.contains("cut short")
            && err.contains("Nothing was stored"),
        "{err}"
    );

    // Stored: a → b twice, a → c, b → a; the wave analysed with it.
    let (ok, said, err) = import(&t, &data, wave, "mbox", &["--name", "Mail"], &[&file]);
    assert!(ok, "{err}");
    let mut expected = vec![
        (ids[0], ids[1], 2.0),
        (ids[0], ids[2], 1.0),
        (ids[1], ids[0], 1.0),
    ];
    expected.sort_by_key(|&(s, t, _)| (s, t));
    assert_eq!(stored_ties(&t, "Mail").await, expected);
    let networks = app::store::analyses::summaries(&t.db, wave)
        .await
        .expect("analyses");
    assert!(
        networks.iter().any(|a| a.title == "Mail"),
        "the wave is analysed again with the network"
    );
    nothing_but_metadata(&t, &data, &[said, err]).await;
}

/// A Slack export as its admins download it, every text field planted.
fn slack_export(path: &std::path::Path, emails: &[String], closes: Date) {
    use std::io::Write;
    let seconds = |days_before: i64| (closes.days_since_epoch() - days_before) * 86_400 + 36_000;
    let users = serde_json::json!([
        {"id": "U1", "name": format!("{PLANTED}1"), "real_name": PLANTED, "profile": {"email": emails[0], "real_name": PLANTED, "title": PLANTED, "display_name": PLANTED}},
        {"id": "U2", "name": "u2", "profile": {"email": emails[1].to_uppercase(), "status_text": PLANTED}},
        {"id": "U3", "name": "u3", "profile": {"email": emails[2]}},
        {"id": "U9", "name": "guest", "profile": {"email": "guest@partner.test"}},
    ]);
    let channels = serde_json::json!([{"id": "C1", "name": format!("{PLANTED}-channel"), "purpose": {"value": PLANTED}, "topic": {"value": PLANTED}}]);
    let thread = format!("{}.000100", seconds(10));
    let day = serde_json::json!([
        {"type": "message", "user": "U1", "text": format!("{PLANTED}: who knows the build?"), "ts": thread, "thread_ts": thread, "reply_count": 2},
        {"type": "message", "user": "U2", "text": format!("me, and <@U3|{PLANTED}>"), "ts": format!("{}.000200", seconds(9)), "thread_ts": thread, "parent_user_id": "U1",
         "files": [{"name": format!("{PLANTED}.pdf"), "title": PLANTED}], "attachments": [{"text": PLANTED}]},
        {"type": "message", "user": "U9", "text": "<@U1> thanks", "ts": format!("{}.000300", seconds(8))},
        {"type": "message", "user": "U3", "text": "<@U1> long ago", "ts": format!("{}.000400", seconds(400))},
    ]);
    let file = std::fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("users.json".to_string(), users.to_string()),
        ("channels.json".to_string(), channels.to_string()),
        (
            format!(
                "{PLANTED}-channel/{}.json",
                Date::from_days_since_epoch(closes.days_since_epoch() - 10).iso()
            ),
            day.to_string(),
        ),
    ] {
        zip.start_file(name, options).expect("start");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("finish");
}

/// A calendar as Outlook or Google exports it, every text field planted.
fn calendar(emails: &[String], closes: Date) -> String {
    let day = |before: i64| {
        Date::from_days_since_epoch(closes.days_since_epoch() - before)
            .iso()
            .replace('-', "")
    };
    let event = |uid: &str, lines: &[String]| {
        format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{PLANTED} review\r\nDESCRIPTION:{PLANTED} agenda\\, notes\r\nLOCATION:{PLANTED} room\r\nCOMMENT:{PLANTED}\r\nATTACH;FMTTYPE=application/pdf;X-FILENAME={PLANTED}.pdf:https://files.test/{PLANTED}\r\n{}\r\nEND:VEVENT\r\n",
            lines.join("\r\n")
        )
    };
    let (a, b, c, d) = (&emails[0], &emails[1], &emails[2], &emails[3]);
    [
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n".to_string(),
        // Weekly, 1 h, four times in the window; one removed.
        event(
            "weekly",
            &[
                format!("DTSTART:{}T090000Z", day(28)),
                format!("DTEND:{}T100000Z", day(28)),
                "RRULE:FREQ=WEEKLY;COUNT=4".to_string(),
                format!("EXDATE:{}T090000Z", day(21)),
                format!("ORGANIZER;CN={PLANTED}:mailto:{a}"),
                format!("ATTENDEE;CN={PLANTED};PARTSTAT=ACCEPTED:mailto:{b}"),
                format!("ATTENDEE;CN={PLANTED};PARTSTAT=DECLINED:mailto:{c}"),
            ],
        ),
        // Once, 2 h, with someone from outside.
        event(
            "once",
            &[
                format!("DTSTART:{}T130000Z", day(5)),
                "DURATION:PT2H".to_string(),
                format!("ORGANIZER:mailto:{c}"),
                format!("ATTENDEE:mailto:{d}"),
                "ATTENDEE:mailto:vendor@partner.test".to_string(),
                format!("ATTENDEE;CUTYPE=ROOM;CN={PLANTED}:mailto:room@acme.test"),
            ],
        ),
        "END:VCALENDAR\r\n".to_string(),
    ]
    .concat()
}

async fn slack_exports_and_calendars_become_ties_and_nothing_more(t: TestDb) {
    let (wave, closes, ids, emails) = closed_wave(&t).await;
    let folder = common::temp_folder("exports");
    std::fs::create_dir_all(folder.join("calendars/team")).expect("folder");
    let data = common::temp_folder("data");
    let mut printed = Vec::new();

    // Slack: U2 replied in U1's thread and mentioned U3; the guest is not
    // on the roster; a year-old message is outside the window.
    let export = folder.join("slack-export.zip");
    slack_export(&export, &emails, closes);
    let (ok, said, err) = import(&t, &data, wave, "slack", &[], &[&export]);
    assert!(ok, "{err}");
    assert!(
        said.contains("Read 4 Slack messages")
            && said.contains("1 outside that window")
            && said.contains("2 ties between 3 people on the roster; 1 person not on the roster"),
        "{said}"
    );
    let mut expected = vec![(ids[1], ids[0], 1.0), (ids[1], ids[2], 1.0)];
    expected.sort_by_key(|&(s, t, _)| (s, t));
    assert_eq!(stored_ties(&t, "Slack").await, expected);
    printed.extend([said, err]);

    // A truncated export is refused and nothing more is stored.
    let bytes = std::fs::read(&export).expect("read");
    let cut = folder.join("cut.zip");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).expect("write");
    let (ok, _, err) = import(&t, &data, wave, "slack", &["--name", "Cut"], &[&cut]);
    assert!(
        !ok && err.contains("cut short") && err.contains("Nothing was stored"),
        "{err}"
    );
    assert!(stored_ties(&t, "Cut").await.is_empty());

    // Calendars, from a folder: a and b met three times for an hour (c
    // declined); c and d two hours; the room and the vendor make no ties.
    std::fs::write(
        folder.join("calendars/team/work.ics"),
        calendar(&emails, closes),
    )
    .expect("write");
    std::fs::write(folder.join("calendars/notes.txt"), PLANTED).expect("write");
    let (ok, said, err) = import(&t, &data, wave, "ics", &[], &[&folder.join("calendars")]);
    assert!(ok, "{err}");
    assert!(
        said.contains("Read 4 meetings")
            && said.contains("4 ties between 4 people on the roster; 1 person not on the roster"),
        "{said}"
    );
    let mut expected = vec![
        (ids[0], ids[1], 3.0),
        (ids[1], ids[0], 3.0),
        (ids[2], ids[3], 2.0),
        (ids[3], ids[2], 2.0),
    ];
    expected.sort_by_key(|&(s, t, _)| (s, t));
    assert_eq!(stored_ties(&t, "Meetings").await, expected);
    printed.extend([said, err]);
    nothing_but_metadata(&t, &data, &printed).await;
}

async fn an_edge_list_is_imported_from_the_command_line(t: TestDb) {
    let (wave, _, ids, emails) = closed_wave(&t).await;
    let folder = common::temp_folder("csv");
    std::fs::create_dir_all(&folder).expect("folder");
    let data = common::temp_folder("data");
    let file = folder.join("chat.csv");
    std::fs::write(
        &file,
        format!(
            "from,to,messages\n{},{},4\n{},{},1\n",
            emails[0], emails[1], emails[1], emails[0]
        ),
    )
    .expect("write");
    let (ok, said, err) = import(&t, &data, wave, "csv", &["--weight", "messages"], &[&file]);
    assert!(ok, "{err}");
    assert!(
        said.contains("2 ties between people on the roster"),
        "{said}"
    );
    assert_eq!(
        stored_ties(&t, "chat.csv").await,
        vec![(ids[0], ids[1], 4.0), (ids[1], ids[0], 1.0)]
    );
    // An unknown person is named by row and column; nothing more is stored.
    std::fs::write(
        &file,
        format!("source,target\n{},nobody@else.test\n", emails[0]),
    )
    .expect("write");
    let (ok, _, err) = import(&t, &data, wave, "csv", &["--name", "Bad"], &[&file]);
    assert!(
        !ok && err.contains("chat.csv row 2, target column: 'nobody@else.test'"),
        "{err}"
    );
    assert!(stored_ties(&t, "Bad").await.is_empty());
}

/// Runs `knit network import --dry-run` on `file` and returns what it
/// printed on stderr and its peak memory in MB, watched while it runs.
fn peak_of_import(t: &TestDb, wave: i64, format: &str, file: &std::path::Path) -> (String, f64) {
    let data = common::temp_folder("data");
    let mut child = knit()
        .args([
            "network",
            "import",
            "--dry-run",
            "--wave",
            &wave.to_string(),
            "--format",
            format,
        ])
        .arg(file)
        .env("DATABASE_URL", &t.url)
        .env("KNIT_DATA_DIR", &data)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start");
    let pid = child.id();
    let mut peak: f64 = 0.0;
    while child.try_wait().expect("wait").is_none() {
        let now = server::peak_memory_mb(Some(pid));
        if now.is_finite() {
            peak = peak.max(now);
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let out = child.wait_with_output().expect("output");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{err}");
    (err, peak)
}

/// A mail archive and a Slack export far larger than the memory the import
/// may take are read as streams: the peak stays small, and progress shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_exports_are_read_as_streams_in_little_memory() {
    use std::io::Write;
    const LARGEST_PEAK_MB: f64 = 200.0;
    let t = TestDb::sqlite().await;
    let (wave, closes, _, emails) = closed_wave(&t).await;
    let folder = common::temp_folder("large");
    std::fs::create_dir_all(&folder).expect("folder");

    // 600 MB of mail: 100,000 messages of 6 KB.
    let mbox = folder.join("large.mbox");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&mbox).expect("create"));
    let body = format!("{}\n", "x".repeat(99)).repeat(60);
    for i in 0..100_000 {
        let head = message(
            &emails[i % 4],
            &[emails[(i + 1) % 4].as_str()],
            closes,
            (i % 80) as i64,
        );
        let head = &head[..head.find("--b").expect("body")];
        writeln!(out, "{head}{body}").expect("write");
    }
    out.flush().expect("flush");
    drop(out);
    let size = std::fs::metadata(&mbox).expect("size").len() as f64 / 1e6;
    let (err, peak) = peak_of_import(&t, wave, "mbox", &mbox);
    eprintln!("mbox of {size:.0} MB: peak {peak:.0} MB");
    assert!(size > 3.0 * LARGEST_PEAK_MB, "the file outweighs the bound");
    assert!(
        peak < LARGEST_PEAK_MB,
        "reading {size:.0} MB took {peak:.0} MB"
    );
    assert!(err.contains("50% read"), "progress is shown: {err}");

    // A 400 MB Slack export (stored, not compressed): 400 days of 1 MB.
    let export = folder.join("large-slack.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&export).expect("create"));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("users.json", stored).expect("users");
    let users: Vec<serde_json::Value> = emails
        .iter()
        .enumerate()
        .map(|(i, e)| serde_json::json!({"id": format!("U{i}"), "profile": {"email": e}}))
        .collect();
    zip.write_all(serde_json::to_string(&users).expect("json").as_bytes())
        .expect("write");
    let text = "y".repeat(900);
    for day in 0..400 {
        zip.start_file(
            format!(
                "general/{}.json",
                Date::from_days_since_epoch(closes.days_since_epoch() - day).iso()
            ),
            stored,
        )
        .expect("day");
        let seconds = (closes.days_since_epoch() - day) * 86_400;
        let messages: Vec<String> = (0..1000)
            .map(|m| {
                format!(
                    r#"{{"user": "U{}", "text": "<@U{}> {text}", "ts": "{}.{m:06}"}}"#,
                    m % 4,
                    (m + 1) % 4,
                    seconds + m
                )
            })
            .collect();
        write!(zip, "[{}]", messages.join(",")).expect("write");
    }
    zip.finish().expect("finish");
    let size = std::fs::metadata(&export).expect("size").len() as f64 / 1e6;
    let (err, peak) = peak_of_import(&t, wave, "slack", &export);
    eprintln!("Slack export of {size:.0} MB: peak {peak:.0} MB");
    assert!(size > 1.5 * LARGEST_PEAK_MB, "the file outweighs the bound");
    assert!(
        peak < LARGEST_PEAK_MB,
        "reading {size:.0} MB took {peak:.0} MB"
    );
    assert!(err.contains("50% read"), "progress is shown: {err}");
    std::fs::remove_dir_all(&folder).ok();
    t.finish().await;
}

/// Every file under `folder`.
fn walk(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|e| {
            let path = e.path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}
