//! `knit people import` and `knit people export`.

use crate::error::Error;
use app::model::date::Date;
use app::people::import::{field_label, ImportPlan};
use app::people::service;
use app::store::Db;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

/// Files with more rows than this get a progress bar.
const LARGE_FILE_ROWS: usize = 2_000;

/// The report both the dry run and the real import print.
pub fn report(plan: &ImportPlan) -> String {
    let mut out = format!(
        "{} rows read: {} to add, {} to change, {} unchanged, {} to deactivate, {} problem{}.\n",
        plan.rows,
        plan.added.len(),
        plan.changed.len(),
        plan.unchanged,
        plan.deactivated.len(),
        plan.problems.len(),
        if plan.problems.len() == 1 { "" } else { "s" }
    );
    if !plan.custom_columns.is_empty() {
        out.push_str(&format!(
            "Custom attributes: {}\n",
            plan.custom_columns.join(", ")
        ));
    }
    for problem in &plan.problems {
        out.push_str(&format!(
            "  row {}, {}: {}\n",
            problem.row, problem.column, problem.message
        ));
    }
    for change in plan.changed.iter().take(20) {
        let what: Vec<String> = change
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{} {} → {}",
                    field_label(&c.field),
                    c.old.as_deref().unwrap_or("—"),
                    c.new.as_deref().unwrap_or("—")
                )
            })
            .collect();
        out.push_str(&format!(
            "  change {} (row {}): {}\n",
            change.row.email,
            change.row.row,
            what.join("; ")
        ));
    }
    if plan.changed.len() > 20 {
        out.push_str(&format!(
            "  …and {} more changes\n",
            plan.changed.len() - 20
        ));
    }
    for (_, name, email) in plan.deactivated.iter().take(20) {
        out.push_str(&format!("  deactivate {name} <{email}>\n"));
    }
    out
}

pub async fn import(
    db: &Db,
    policy: &app::model::policy::Policy,
    file: &Path,
    dry_run: bool,
    deactivate_missing: bool,
    as_of: Option<String>,
) -> Result<(), Error> {
    let as_of: Date = service::as_of_date(as_of.as_deref())?;
    let bytes = std::fs::read(file).map_err(|e| Error::file(file, e))?;
    let started = Instant::now();
    let plan = service::plan_file(db, &bytes, deactivate_missing).await?;
    print!("{}", report(&plan));
    if !plan.problems.is_empty() {
        return Err(Error::Input(
            "Nothing was imported: fix the problems above and run the import again.".into(),
        ));
    }
    if dry_run {
        println!("Dry run: nothing was written.");
        return Ok(());
    }
    let bar = if plan.rows >= LARGE_FILE_ROWS && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(5);
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let progress = |stage: &str| {
        bar.inc(1);
        bar.set_message(stage.to_string());
    };
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let summary =
        service::apply_plan(db, policy, &plan, as_of, None, &file_name, &progress).await?;
    bar.finish_and_clear();
    println!(
        "Imported in {:.1} s: {} added, {} changed, {} unchanged, {} deactivated (changes dated {}).",
        started.elapsed().as_secs_f64(),
        summary.added,
        summary.changed,
        summary.unchanged,
        summary.deactivated,
        as_of
    );
    Ok(())
}

pub async fn export(db: &Db, output: Option<&Path>) -> Result<(), Error> {
    let csv = app::people::export::roster_csv(db, &app::audit::Actor::command_line()).await?;
    write_out(output, &csv)
}

/// Personal data goes to a file only Knit's user may read.
fn write_out(output: Option<&Path>, bytes: &[u8]) -> Result<(), Error> {
    match output {
        Some(path) => app::private_files::write(path, bytes).map_err(|e| Error::file(path, e)),
        None => std::io::stdout()
            .write_all(bytes)
            .map_err(|e| Error::file(Path::new("standard output"), e)),
    }
}

pub async fn subject_export(db: &Db, email: &str, output: Option<&Path>) -> Result<(), Error> {
    let export =
        app::privacy::subject::export(db, &app::audit::Actor::command_line(), email).await?;
    let mut json = serde_json::to_vec_pretty(&export).map_err(|e| Error::Input(e.to_string()))?;
    json.push(b'\n');
    write_out(output, &json)
}
