//! Passive networks from a company's own files: `knit network import` reads
//! who writes to whom, adds it to a wave, and keeps nothing else.

mod common;

use app::model::date::{Date, SlashOrder};
use app::store::testing::TestDb;
use common::knit;

app::backend_tests!(a_mail_archive_becomes_who_writes_to_whom_and_nothing_more,);

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

/// Every value of every table, as text.
async fn database_text(t: &TestDb) -> String {
    let postgres = t.url.starts_with("postgres");
    let tables: Vec<String> = if postgres {
        sqlx::query_scalar("SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()")
            .fetch_all(t.db.pool())
            .await
            .expect("tables")
    } else {
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(t.db.pool())
            .await
            .expect("tables")
    };
    let mut text = String::new();
    for table in tables {
        let rows: Vec<String> = if postgres {
            sqlx::query_scalar(&format!("SELECT CAST(t AS TEXT) FROM \"{table}\" t"))
                .fetch_all(t.db.pool())
                .await
                .expect("rows")
        } else {
            let columns: Vec<String> =
                sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                    .fetch_all(t.db.pool())
                    .await
                    .expect("columns");
            let row = columns
                .iter()
                .map(|c| format!("COALESCE(CAST(\"{c}\" AS TEXT), '')"))
                .collect::<Vec<_>>()
                .join(" || ',' || ");
            // Read as bytes: a blob column need not be UTF-8.
            let rows: Vec<Vec<u8>> =
                sqlx::query_scalar(&format!("SELECT CAST({row} AS BLOB) FROM \"{table}\""))
                    .fetch_all(t.db.pool())
                    .await
                    .expect("rows");
            rows.iter()
                .map(|r| String::from_utf8_lossy(r).into_owned())
                .collect()
        };
        text.push_str(&rows.join("\n"));
    }
    text
}

async fn a_mail_archive_becomes_who_writes_to_whom_and_nothing_more(t: TestDb) {
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
    let run = |extra: &[&str], file: &std::path::Path| {
        knit()
            .args([
                "network",
                "import",
                "--wave",
                &wave.to_string(),
                "--format",
                "mbox",
            ])
            .args(extra)
            .arg(file)
            .env("DATABASE_URL", &t.url)
            .env("KNIT_DATA_DIR", &data)
            .output()
            .expect("run")
    };

    // A dry run says what the file holds and stores nothing.
    let out = run(&["--dry-run"], &file);
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("Read 5 messages")
            && said.contains("1 outside that window")
            && said.contains("1 to more than 25 people")
            && said.contains("3 ties between people on the roster; 1 addresses not on the roster"),
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
    let out = run(&[], &cut);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success());
    assert!(
        err.contains("cut.mbox line")
            && err.contains("cut short")
            && err.contains("Nothing was stored"),
        "{err}"
    );

    // Stored: a → b twice, a → c, b → a; the wave analysed with it.
    let out = run(&["--name", "Mail"], &file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ties: Vec<(i64, i64, f64)> = sqlx::query_as(
        "SELECT source_id, target_id, weight FROM imported_ties ORDER BY source_id, target_id",
    )
    .fetch_all(t.db.pool())
    .await
    .expect("ties");
    let mut expected = vec![
        (ids[0], ids[1], 2.0),
        (ids[0], ids[2], 1.0),
        (ids[1], ids[0], 1.0),
    ];
    expected.sort_by_key(|&(s, t, _)| (s, t));
    assert_eq!(ties, expected);
    let networks: Vec<String> = sqlx::query_scalar("SELECT name FROM imported_networks")
        .fetch_all(t.db.pool())
        .await
        .expect("names");
    assert_eq!(networks, vec!["Mail".to_string()]);

    // Metadata only: the planted word is in no table and no file Knit wrote.
    let everything = database_text(&t).await;
    assert!(everything.contains("Mail"), "the dump reads the tables");
    assert!(
        !everything.contains(PLANTED),
        "a text from inside the archive was stored"
    );
    for entry in walk(&data) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(PLANTED),
            "{} holds text from inside the archive",
            entry.display()
        );
    }
    assert!(!String::from_utf8_lossy(&out.stderr).contains(PLANTED));
    assert!(!String::from_utf8_lossy(&out.stdout).contains(PLANTED));
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
