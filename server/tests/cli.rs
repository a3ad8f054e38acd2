//! The `knit` binary as an operator uses it: help, configuration errors, the
//! start-up banner, migrations and `create-admin`.

mod common;

use app::model::auth::Role;
use app::store::testing::TestDb;
use app::store::users;
use common::knit;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

app::backend_tests!(
    create_admin_reads_the_password_from_stdin,
    migrate_reports_the_schema_version
);

/// What `knit serve` prints up to and with "Knit is ready".
fn banner_until_ready(child: &mut std::process::Child) -> String {
    let stdout = child.stdout.take().expect("stdout");
    let mut banner = String::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        banner.push_str(&line);
        banner.push('\n');
        if line.starts_with("Knit is ready") {
            break;
        }
    }
    banner
}

#[test]
fn help_lists_the_commands_and_settings() {
    let out = knit().arg("--help").output().expect("run knit");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for word in [
        "serve",
        "migrate",
        "create-admin",
        "KNIT_LISTEN",
        "DATABASE_URL",
        "KNIT_SMTP_URL",
    ] {
        assert!(text.contains(word), "--help lacks {word}:\n{text}");
    }
}

#[test]
fn a_bad_setting_stops_knit_with_a_message_naming_it() {
    let out = knit()
        .arg("migrate")
        .env("KNIT_LISTEN", "everywhere")
        .output()
        .expect("run knit");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("KNIT_LISTEN") && err.contains("'everywhere'") && err.contains("IP:PORT"),
        "{err}"
    );

    let out = knit()
        .arg("serve")
        .env("DATABASE_URL", "mysql://root:hunter2@db/knit")
        .output()
        .expect("run knit");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("DATABASE_URL") && !err.contains("hunter2"),
        "{err}"
    );
}

/// With KNIT_LOG_FORMAT=json every log line is one JSON object; on SIGTERM
/// Knit stops serving, lets its email worker finish, and exits 0.
#[cfg(unix)]
#[test]
fn json_logs_and_a_clean_stop_on_sigterm() {
    let dir = std::env::temp_dir().join(format!("knit-cli-json-{}", std::process::id()));
    let mut child = knit()
        .arg("serve")
        .env("KNIT_LISTEN", "127.0.0.1:0")
        .env("KNIT_DATA_DIR", &dir)
        .env("KNIT_LOG_FORMAT", "json")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start knit");
    let stdout = child.stdout.take().expect("stdout");
    for line in BufReader::new(stdout).lines() {
        if line.expect("line").starts_with("Knit is ready") {
            break;
        }
    }
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(term.success());
    let out = child.wait_with_output().expect("knit stops");
    assert!(out.status.success(), "exit {:?}", out.status);
    let logs = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<serde_json::Value> = logs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    // The site root is missing here, which Knit warns of; and it says goodbye.
    assert!(
        lines.iter().any(|l| l["level"] == "WARN"
            && l["fields"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("compiled client is missing"))),
        "{logs}"
    );
    let at = |message: &str| {
        lines
            .iter()
            .position(|l| l["fields"]["message"] == message)
            .unwrap_or_else(|| panic!("no '{message}' in {logs}"))
    };
    assert!(at("shutting down") < at("stopped"), "{logs}");
    let refused = knit()
        .arg("migrate")
        .env("KNIT_DATA_DIR", &dir)
        .env("KNIT_LOG_FORMAT", "xml")
        .output()
        .expect("run knit");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr)
        .contains("KNIT_LOG_FORMAT: 'xml' is not a log format; use json or text."),);
    std::fs::remove_dir_all(&dir).ok();
}

/// With KNIT_METRICS_LISTEN, `/metrics` answers on that address to anyone
/// who reaches it, and nothing else does; the main address still keeps it for admins.
#[test]
fn metrics_on_an_address_of_their_own() {
    let dir = std::env::temp_dir().join(format!("knit-cli-metrics-{}", std::process::id()));
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        probe.local_addr().expect("address").port()
    };
    let metrics = format!("127.0.0.1:{port}");
    let mut child = knit()
        .arg("serve")
        .env("KNIT_LISTEN", "127.0.0.1:0")
        .env("KNIT_METRICS_LISTEN", &metrics)
        .env("KNIT_DATA_DIR", &dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start knit");
    let banner = banner_until_ready(&mut child);
    let get = |path: &str| {
        use std::io::Read;
        let mut stream = std::net::TcpStream::connect(&metrics).expect("connect");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut reply = String::new();
        stream.read_to_string(&mut reply).expect("reply");
        reply
    };
    let scraped = get("/metrics");
    let other = get("/");
    child.kill().ok();
    child.wait().ok();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        banner.contains(&format!("metrics at http://{metrics}/metrics")),
        "{banner}"
    );
    assert!(scraped.starts_with("HTTP/1.1 200"), "{scraped}");
    for name in [
        "knit_outbox_waiting",
        "knit_sessions_active",
        "knit_workers_stopped 0",
        "# EOF",
    ] {
        assert!(scraped.contains(name), "no {name} in {scraped}");
    }
    assert!(other.starts_with("HTTP/1.1 404"), "{other}");

    let same = knit()
        .arg("migrate")
        .env("KNIT_LISTEN", "127.0.0.1:3999")
        .env("KNIT_METRICS_LISTEN", "127.0.0.1:3999")
        .output()
        .expect("run knit");
    assert!(!same.status.success());
    assert!(String::from_utf8_lossy(&same.stderr)
        .contains("KNIT_METRICS_LISTEN: 127.0.0.1:3999 is also KNIT_LISTEN"));
}

#[test]
fn serve_prints_its_settings_with_secrets_redacted() {
    let dir = std::env::temp_dir().join(format!("knit-cli-serve-{}", std::process::id()));
    let mut child = knit()
        .arg("serve")
        .env("KNIT_LISTEN", "127.0.0.1:0")
        .env("KNIT_DATA_DIR", &dir)
        .env(
            "KNIT_SMTP_URL",
            "smtp://mailer:hunter2@mail.example.com:587",
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start knit");
    let banner = banner_until_ready(&mut child);
    child.kill().ok();
    child.wait().ok();
    assert!(banner.contains("Knit is ready"), "{banner}");
    assert!(banner.contains("mailer:***@mail.example.com"), "{banner}");
    assert!(!banner.contains("hunter2"), "secret printed: {banner}");
    assert!(
        banner.contains(&format!("sqlite://{}", dir.join("knit.db").display())),
        "{banner}"
    );
    assert!(dir.join("outbox").is_dir(), "the outbox folder is created");
    std::fs::remove_dir_all(&dir).ok();
}

async fn create_admin_reads_the_password_from_stdin(t: TestDb) {
    let run = |email: &str, password: &str| {
        let mut child = knit()
            .args([
                "create-admin",
                "--email",
                email,
                "--name",
                "Ana Lima",
                "--organization",
                "Acme",
            ])
            .env("DATABASE_URL", &t.url)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start knit");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(format!("{password}\n").as_bytes())
            .expect("write password");
        child.wait_with_output().expect("knit finishes")
    };
    let short = run("ana@acme.test", "short");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("Password: use at least 10"));
    assert!(users::find_by_email(&t.db, "ana@acme.test")
        .await
        .expect("query")
        .is_none());

    let ok = run("ana@acme.test", "correct horse battery");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let user = users::find_by_email(&t.db, "ana@acme.test")
        .await
        .expect("query")
        .expect("created");
    assert_eq!(user.role, Role::Admin);
    assert!(
        users::setup_done(&t.db).await.expect("query"),
        "no setup page after an admin exists"
    );
    let organization = app::store::settings::get(&t.db, app::store::settings::ORGANIZATION_NAME)
        .await
        .expect("query");
    assert_eq!(organization.as_deref(), Some("Acme"));

    let again = run("ANA@acme.test", "correct horse battery");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    // The new administrator is in the audit log, as the command line's doing.
    let audit = knit()
        .args(["audit", "--format", "csv"])
        .env("DATABASE_URL", &t.url)
        .output()
        .expect("run knit");
    assert!(
        audit.status.success(),
        "{}",
        String::from_utf8_lossy(&audit.stderr)
    );
    let log = String::from_utf8_lossy(&audit.stdout);
    assert!(
        log.contains("command line,role_change,new account ana@acme.test as Administrator"),
        "{log}"
    );
    // Accounts from the command line; never without an administrator.
    let user = |args: &[&str]| {
        knit()
            .arg("user")
            .args(args)
            .env("DATABASE_URL", &t.url)
            .output()
            .expect("run knit")
    };
    let list = user(&["list"]);
    assert!(list.status.success());
    assert!(String::from_utf8_lossy(&list.stdout).contains("ana@acme.test\tadmin\tactive"));
    let last = user(&["disable", "ana@acme.test"]);
    assert!(!last.status.success());
    assert!(
        String::from_utf8_lossy(&last.stderr).contains("last active administrator"),
        "{}",
        String::from_utf8_lossy(&last.stderr)
    );
    let unknown = user(&["set-role", "ana@acme.test", "boss"]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("use admin, analyst or manager"));
    // A manager's account linked to the roster person it stands for.
    app::fixtures::import(&t.db, "email,full_name\nlena@acme.test,Lena Lead\n").await;
    let nobody = user(&["link", "ana@acme.test", "nobody@acme.test"]);
    assert!(!nobody.status.success());
    assert!(
        String::from_utf8_lossy(&nobody.stderr).contains("No one with the email nobody@acme.test")
    );
    let linked = user(&["link", "ana@acme.test", "lena@acme.test"]);
    assert!(
        linked.status.success(),
        "{}",
        String::from_utf8_lossy(&linked.stderr)
    );
    let lena = app::store::people::find_id_by_email(&t.db, "lena@acme.test")
        .await
        .expect("query");
    let ana = users::find_by_email(&t.db, "ana@acme.test")
        .await
        .expect("query")
        .expect("ana");
    assert_eq!(
        users::roster_person(&t.db, ana.id).await.expect("query"),
        lena
    );
    assert!(user(&["link", "ana@acme.test"]).status.success());
    assert_eq!(
        users::roster_person(&t.db, ana.id).await.expect("query"),
        None
    );
    let export = knit()
        .args(["people", "subject-export", "--email", "nobody@acme.test"])
        .env("DATABASE_URL", &t.url)
        .output()
        .expect("run knit");
    assert!(!export.status.success());
    assert!(
        String::from_utf8_lossy(&export.stderr).contains("No one with the email nobody@acme.test")
    );
    t.finish().await;
}

async fn migrate_reports_the_schema_version(t: TestDb) {
    let out = knit()
        .arg("migrate")
        .env("DATABASE_URL", &t.url)
        .output()
        .expect("run knit");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let expected = format!("schema version {}", t.db.latest_known_version());
    assert!(text.contains(&expected), "{text}");
    t.finish().await;
}

/// The data folder is Knit's user's alone, and so are the database and the
/// personal-link key from their first byte; a looser file is reported.
#[cfg(unix)]
#[test]
fn the_data_folder_the_database_and_the_link_key_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let data = std::env::temp_dir().join(format!(
        "knit-private-{}-{}",
        std::process::id(),
        app::store::now_ms()
    ));
    let mode = |p: &std::path::Path| {
        std::fs::metadata(p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .permissions()
            .mode()
            & 0o777
    };
    let out = knit()
        .args(["demo", "--people", "40", "--last-wave-closes", "2026-06-30"])
        .env("KNIT_DATA_DIR", &data)
        .output()
        .expect("run knit");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("knit.db")), 0o600);
    assert_eq!(mode(&data.join("link.key")), 0o600);
    let quiet = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!quiet.contains("other users of this machine"), "{quiet}");

    std::fs::set_permissions(data.join("knit.db"), std::fs::Permissions::from_mode(0o644))
        .expect("loosen");
    let out = knit()
        .arg("migrate")
        .env("KNIT_DATA_DIR", &data)
        .output()
        .expect("run knit");
    assert!(out.status.success());
    let warned = String::from_utf8_lossy(&out.stderr);
    assert!(
        warned.contains("other users of this machine")
            && warned.contains("knit.db")
            && warned.contains("chmod 600"),
        "{warned}"
    );
    std::fs::remove_dir_all(&data).ok();
}
