//! `knit network import`: a passive network (who writes to whom) read from a
//! company's own files and added to a wave as a relation of its own. Only
//! who, with whom and how often is stored.

use crate::error::Error;
use app::insight::passive::{self, Traces};
use app::model::policy::Policy;
use app::store::Db;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Mail archives (mbox), as Google Takeout and Thunderbird export them.
    Mbox,
}

/// Read a passive network (who writes to whom, how often) from exports and
/// add it to a wave: only who, with whom and how often is stored.
#[derive(clap::Args, Debug)]
pub struct Import {
    /// The wave the network belongs to; its window ends when the wave closes.
    #[arg(long)]
    pub wave: i64,
    #[arg(long, value_enum)]
    pub format: Format,
    /// What the network is called on the insight page (default: Email).
    #[arg(long)]
    pub name: Option<String>,
    /// How many days before the wave closes count.
    #[arg(long, default_value_t = passive::WINDOW_DAYS)]
    pub window_days: i64,
    /// Say what the files hold, and store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The exports: one or more files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub async fn import(db: &Db, policy: &Policy, request: Import) -> Result<(), Error> {
    let window = passive::window_of(db, request.wave, request.window_days).await?;
    let mut traces = Traces::default();
    for file in &request.files {
        let input = std::fs::File::open(file).map_err(|e| Error::file(file, e))?;
        let read = match request.format {
            Format::Mbox => {
                passive::mbox::read(std::io::BufReader::new(input), &window, &mut traces)
            }
        };
        read.map_err(|problem| {
            format!(
                "{} line {}: {}. Nothing was stored.",
                file.display(),
                problem.line,
                problem.why
            )
        })?;
        eprintln!(
            "  {}: read, {} messages so far",
            file.display(),
            traces.read
        );
    }
    let (ties, unknown) = passive::on_roster(db, &traces).await?;
    println!(
        "Read {} messages from {} to {}: {} outside that window, {} without a date Knit could read, {} to more than {} people (broadcasts, no ties).",
        traces.read,
        window.first.iso(),
        window.last.iso(),
        traces.outside_window,
        traces.undated,
        traces.broadcasts,
        passive::MAX_RECIPIENTS,
    );
    println!(
        "{} ties between people on the roster; {} addresses not on the roster were left out.",
        ties.len(),
        unknown
    );
    if request.dry_run {
        println!("Dry run: nothing was stored.");
        return Ok(());
    }
    let name = request.name.unwrap_or_else(|| "Email".to_string());
    let source = request
        .files
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().to_string()))
        .collect::<Vec<_>>()
        .join(", ");
    app::insight::imported::add_network(db, request.wave, &name, &source, &ties).await?;
    app::jobs::analyze_wave(db, policy, request.wave).await?;
    println!(
        "Added to wave {} as '{name}', and the wave analysed again.",
        request.wave
    );
    Ok(())
}
