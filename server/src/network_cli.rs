//! `knit network import`: a passive network (who writes to whom, who meets
//! whom) read from a company's own files and added to a wave as a relation
//! of its own. Only who, with whom and how much is stored.

use crate::error::Error;
use app::insight::passive::{self, Format as Passive};
use app::model::policy::Policy;
use app::store::Db;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A Slack workspace export (the zip): thread replies and mentions.
    Slack,
    /// iCalendar files (.ics) or folders of them: meetings, by hours together.
    Ics,
    /// Mail archives (mbox), as Google Takeout and Thunderbird export them.
    Mbox,
    /// An edge list: source and target emails, and an optional weight column.
    Csv,
}

/// Read a passive network from exports and add it to a wave: only who, with
/// whom and how much is stored.
#[derive(clap::Args, Debug)]
pub struct Import {
    /// The wave the network belongs to; its window ends when the wave closes.
    #[arg(long)]
    pub wave: i64,
    #[arg(long, value_enum)]
    pub format: Format,
    /// What the network is called on the insight page (default: Slack,
    /// Meetings, Email or the CSV file's name).
    #[arg(long)]
    pub name: Option<String>,
    /// How many days before the wave closes count (default: the
    /// KNIT_PASSIVE_WINDOW_DAYS setting, 90).
    #[arg(long)]
    pub window_days: Option<i64>,
    /// CSV only: the column holding each tie's weight.
    #[arg(long)]
    pub weight: Option<String>,
    /// Say what the files hold, and store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The exports: files; for calendars, folders of .ics files too; for
    /// Slack, the zip or the folder it was unzipped into.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub async fn import(db: &Db, policy: &Policy, request: Import) -> Result<(), Error> {
    let format = match request.format {
        Format::Slack => Passive::Slack,
        Format::Ics => Passive::Calendar,
        Format::Mbox => Passive::Mbox,
        Format::Csv => return import_csv(db, policy, request).await,
    };
    let mut settings = policy.passive;
    if let Some(days) = request.window_days {
        if !(1..=3650).contains(&days) {
            return Err(Error::Input(format!(
                "--window-days {days}: give a number of days from 1 to 3650."
            )));
        }
        settings.window_days = days;
    }
    let window = passive::window_of(db, request.wave, settings.window_days).await?;
    let files = passive::files_of(format, &request.files).map_err(refusal)?;
    let total: u64 = files.iter().map(|f| passive::size_of(f)).sum();
    eprintln!(
        "Reading {} file{} ({:.1} MB), {} to {} ...",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        total as f64 / 1e6,
        window.first.iso(),
        window.last.iso()
    );
    let progress = Progress::new(total);
    let traces = {
        let heard = |bytes| progress.heard(bytes);
        passive::read(format, &files, window, settings, &heard).map_err(refusal)?
    };
    progress.done();
    let matched = passive::on_roster(db, &traces).await?;
    for line in passive::Found::of(format, &traces, &matched).describe() {
        println!("{line}");
    }
    for skipped in &traces.skipped {
        println!(
            "{}",
            app::model::catalogue::say_with(
                "passive-file-skipped",
                &[("problem", skipped.to_string().into())]
            )
        );
    }
    if request.dry_run {
        println!("Dry run: nothing was stored.");
        return Ok(());
    }
    let name = request
        .name
        .unwrap_or_else(|| format.default_name().to_string());
    let source = source_of(&request.files);
    app::insight::imported::add_network(db, request.wave, &name, &source, &matched.ties).await?;
    analysed(db, policy, request.wave, &name).await
}

/// An edge list, as the insight page takes it: every row must name people on
/// the roster, or nothing is stored.
async fn import_csv(db: &Db, policy: &Policy, request: Import) -> Result<(), Error> {
    let [file] = request.files.as_slice() else {
        return Err(Error::Input(
            "--format csv takes one file: its rows are the network's ties.".into(),
        ));
    };
    let bytes = std::fs::read(file).map_err(|e| Error::file(file, e))?;
    let file_name = source_of(&request.files);
    let ties =
        app::insight::imported::edge_list_ties(db, &file_name, &bytes, request.weight.as_deref())
            .await?;
    println!("{} ties between people on the roster.", ties.len());
    if request.dry_run {
        println!("Dry run: nothing was stored.");
        return Ok(());
    }
    let name = request.name.unwrap_or_else(|| file_name.clone());
    app::insight::imported::add_network(db, request.wave, &name, &file_name, &ties).await?;
    analysed(db, policy, request.wave, &name).await
}

async fn analysed(db: &Db, policy: &Policy, wave: i64, name: &str) -> Result<(), Error> {
    eprintln!("Analysing wave {wave} again ...");
    app::jobs::analyze_wave(db, policy, wave).await?;
    println!("Added to wave {wave} as '{name}', and the wave analysed again.");
    Ok(())
}

/// The files' own names, as the network's source (never anything inside them).
fn source_of(files: &[PathBuf]) -> String {
    files
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn refusal(problem: passive::Unreadable) -> Error {
    Error::Input(format!("{problem}. Nothing was stored."))
}

/// Bytes read so far: a bar on a terminal, else a line per tenth.
struct Progress {
    total: u64,
    done: AtomicU64,
    bar: ProgressBar,
}

impl Progress {
    fn new(total: u64) -> Progress {
        let bar = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} ({elapsed}, {eta} left)",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress {
            total,
            done: AtomicU64::new(0),
            bar,
        }
    }

    fn heard(&self, bytes: u64) {
        let before = self.done.fetch_add(bytes, Relaxed);
        let after = before + bytes;
        self.bar.set_position(after);
        let tenth = |n: u64| (10 * n).checked_div(self.total).unwrap_or(10);
        if self.bar.is_hidden() && tenth(after) > tenth(before) && tenth(after) < 10 {
            eprintln!("  {}% read", 10 * tenth(after));
        }
    }

    fn done(&self) {
        self.bar.finish_and_clear();
    }
}
