//! `knit audit`: the audit log as text, CSV or JSON.

use crate::error::Error;
use app::audit::{when, Entry};
use app::store::Db;
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Csv,
    Json,
}

pub async fn print(db: &Db, since: Option<&str>, format: Format) -> Result<(), Error> {
    let entries = app::audit::service::all_since(db, since).await?;
    let bytes = render(&entries, format)?;
    std::io::stdout()
        .write_all(&bytes)
        .map_err(|e| Error::file(std::path::Path::new("standard output"), e))
}

pub fn render(entries: &[Entry], format: Format) -> Result<Vec<u8>, Error> {
    let invalid = |e: &dyn std::fmt::Display| Error::Input(format!("cannot write the log: {e}"));
    Ok(match format {
        Format::Text => entries
            .iter()
            .map(|e| {
                format!(
                    "{}  {}  {}: {}\n",
                    when(e.at),
                    e.actor,
                    e.action.label(),
                    e.object
                )
            })
            .collect::<String>()
            .into_bytes(),
        Format::Csv => {
            let mut csv = analysis::export::Csv::default();
            csv.row(["time_utc", "actor", "action", "object"]);
            for e in entries {
                csv.row([when(e.at).as_str(), &e.actor, e.action.key(), &e.object]);
            }
            csv.text().into_bytes()
        }
        Format::Json => {
            let rows: Vec<serde_json::Value> = entries
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "time_utc": when(e.at), "at_ms": e.at, "actor": e.actor,
                        "action": e.action.key(), "object": e.object,
                    })
                })
                .collect();
            let mut out = serde_json::to_vec_pretty(&rows).map_err(|e| invalid(&e))?;
            out.push(b'\n');
            out
        }
    })
}
