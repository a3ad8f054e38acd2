//! `knit export`: one analysed network of a wave as GEXF, GraphML or CSV, for
//! Gephi, NetworkX or a spreadsheet (recorded in the audit log).

use crate::error::Error;
use app::audit::Actor;
use app::insight::ExportFormat;
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
    let key = app::insight::export::analysed_network(db, wave, relation).await?;
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
