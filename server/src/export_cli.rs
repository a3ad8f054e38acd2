//! `knit export`: one analysed network of a wave as GEXF, GraphML or CSV, for
//! Gephi, NetworkX or a spreadsheet (recorded in the audit log).

use crate::error::Error;
use app::insight::{ExportFormat, NetworkKey};
use app::store::audit::Actor;
use app::store::Db;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Gexf,
    Graphml,
    TiesCsv,
    MetricsCsv,
}

impl Format {
    fn export_format(self) -> ExportFormat {
        match self {
            Format::Gexf => ExportFormat::Gexf,
            Format::Graphml => ExportFormat::GraphMl,
            Format::TiesCsv => ExportFormat::TiesCsv,
            Format::MetricsCsv => ExportFormat::MetricsCsv,
        }
    }
}

/// Writes the export to `out`. Without `relation`, the wave's first analysed
/// relation.
pub async fn run(
    db: &Db,
    wave: i64,
    relation: Option<i64>,
    format: Format,
    out: &Path,
) -> Result<(), Error> {
    let stored = app::store::analyses::load(db, wave).await?;
    let key = match relation {
        Some(id) => NetworkKey::Relation(id),
        None => stored.first().map(|s| s.network).ok_or_else(|| {
            Error::Input(format!(
                "Wave {wave} has no analysed network: close it, or run its analysis, first."
            ))
        })?,
    };
    if !stored.iter().any(|s| s.network == key) {
        let known: Vec<String> = stored
            .iter()
            .filter_map(|s| match s.network {
                NetworkKey::Relation(id) => Some(format!("{id} ({})", s.title)),
                NetworkKey::Import(_) => None,
            })
            .collect();
        return Err(Error::Input(format!(
            "Wave {wave} has no analysed relation {}. Its relations: {}.",
            relation.unwrap_or_default(),
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        )));
    }
    let file = app::insight::export::export(
        db,
        &Actor::command_line(),
        wave,
        key,
        format.export_format(),
    )
    .await?;
    app::private_files::write(out, file.body.as_bytes()).map_err(|e| Error::file(out, e))?;
    eprintln!("Wrote {} ({} bytes).", out.display(), file.body.len());
    Ok(())
}
