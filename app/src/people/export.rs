//! The roster as CSV, in the same shape the importer reads.

use crate::store::people;
use crate::store::Db;
use std::collections::BTreeSet;

/// A cell that a spreadsheet would run as a formula gets a leading apostrophe
/// (OWASP's advice against CSV injection); the importer removes it again.
pub fn escape_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// Leavers are told apart by their end date, which the importer reads back.
pub const HEADERS: [&str; 10] = [
    "Email",
    "Full Name",
    "Preferred Name",
    "Department",
    "Team",
    "Title",
    "Manager Email",
    "Location",
    "Hire Date",
    "End Date",
];

/// The whole roster as CSV; the export is recorded in the audit log as `actor`'s.
pub async fn roster_csv(
    db: &Db,
    actor: &crate::store::audit::Actor,
) -> Result<Vec<u8>, crate::error::AppError> {
    let rows = people::export_rows(db).await?;
    crate::store::audit::record(
        db.pool(),
        actor,
        crate::audit::Action::RosterExport,
        &format!("the whole roster ({} people)", rows.len()),
        None,
    )
    .await?;
    let custom: BTreeSet<String> = rows
        .iter()
        .flat_map(|r| r.person.fields.attributes.keys().cloned())
        .collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header: Vec<String> = HEADERS
        .iter()
        .map(|h| h.to_string())
        .chain(custom.iter().cloned())
        .collect();
    let write_error = |e: csv::Error| {
        crate::error::AppError::internal(format!("writing the roster CSV failed: {e}"))
    };
    writer.write_record(&header).map_err(write_error)?;
    for people::ExportRow {
        person,
        manager_email,
    } in rows
    {
        let f = &person.fields;
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut record = vec![
            person.email.clone(),
            f.full_name.clone(),
            opt(&f.preferred_name),
            opt(&f.department),
            opt(&f.team),
            opt(&f.title),
            manager_email.unwrap_or_default(),
            opt(&f.location),
            opt(&f.hire_date),
            opt(&f.end_date),
        ];
        record.extend(
            custom
                .iter()
                .map(|c| f.attributes.get(c).cloned().unwrap_or_default()),
        );
        writer
            .write_record(record.iter().map(|v| escape_cell(v)))
            .map_err(write_error)?;
    }
    writer.into_inner().map_err(|e| {
        crate::error::AppError::internal(format!("finishing the roster CSV failed: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::escape_cell;

    #[test]
    fn formulas_are_neutralised() {
        for dangerous in ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"] {
            assert!(escape_cell(dangerous).starts_with('\''), "{dangerous:?}");
        }
        assert_eq!(escape_cell("Ana Lima"), "Ana Lima");
        assert_eq!(escape_cell("a-b"), "a-b");
    }
}
