#![allow(dead_code)]
//! A real SMTP server (aiosmtpd, see support/smtp_sink.py) on loopback.

use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

pub struct SmtpSink {
    pub port: u16,
    pub dir: PathBuf,
    child: Child,
    _stdin: ChildStdin,
}

#[derive(Debug, Deserialize)]
pub struct Delivery {
    pub rcpt: String,
    #[serde(default)]
    pub message_id: Option<String>,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub html: Option<String>,
    #[serde(default)]
    pub attachments: Vec<Attached>,
}

/// A file a delivered message carried.
#[derive(Clone, Debug, Deserialize)]
pub struct Attached {
    pub file_name: Option<String>,
    pub content_type: String,
    pub body: String,
}

impl Delivery {
    /// The personal link's token in the plain-text part.
    pub fn token(&self) -> Option<String> {
        let text = self.text.as_deref()?;
        let start = text.find("/s/")? + 3;
        Some(
            text[start..]
                .chars()
                .take_while(char::is_ascii_hexdigit)
                .collect(),
        )
    }
}

#[derive(Debug, Deserialize)]
pub struct Attempt {
    pub rcpt: String,
}

/// The Python with aiosmtpd that `make test` prepares.
pub fn python() -> PathBuf {
    match std::env::var_os("KNIT_TEST_PYTHON") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/pytools/bin/python"),
    }
}

impl SmtpSink {
    pub fn start(delay_ms: u64) -> SmtpSink {
        SmtpSink::launch(delay_ms, false)
    }

    /// A sink that records only recipients, so that it keeps up with a benchmark.
    pub fn counting() -> SmtpSink {
        SmtpSink::launch(0, true)
    }

    fn launch(delay_ms: u64, count_only: bool) -> SmtpSink {
        let dir = std::env::temp_dir().join(format!(
            "knit-smtp-{}-{}",
            std::process::id(),
            app::store::now_ms() % 10_000_000 + rand_suffix()
        ));
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_sink.py");
        let mut child = Command::new(python())
            .arg(&script)
            .arg(&dir)
            .arg("--delay-ms")
            .arg(delay_ms.to_string())
            .args(count_only.then_some("--count-only"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start the test SMTP server with {} ({e}); `make test` installs it (target/pytools)",
                    python().display()
                )
            });
        let stdin = child.stdin.take().expect("stdin");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the SMTP server prints its port");
        let port = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the SMTP server did not start: {line:?}"));
        SmtpSink {
            port,
            dir,
            child,
            _stdin: stdin,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn lines<T: for<'de> Deserialize<'de>>(&self, file: &str) -> Vec<T> {
        // The server may be writing a line as it is read: only whole lines count.
        std::fs::read_to_string(self.dir.join(file))
            .unwrap_or_default()
            .split_inclusive('\n')
            .filter(|l| l.ends_with('\n'))
            .map(|l| serde_json::from_str(l.trim_end()).expect("a JSON line"))
            .collect()
    }

    pub fn deliveries(&self) -> Vec<Delivery> {
        self.lines("deliveries.jsonl")
    }

    pub fn attempts(&self) -> Vec<Attempt> {
        self.lines("attempts.jsonl")
    }
}

fn rand_suffix() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    static N: AtomicI64 = AtomicI64::new(0);
    N.fetch_add(1, Ordering::Relaxed) * 10_000_000
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
        std::fs::remove_dir_all(&self.dir).ok();
    }
}
