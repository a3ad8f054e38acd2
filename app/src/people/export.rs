//! The roster as CSV, in the same shape the importer reads.

use crate::store::people;
use crate::store::Db;
use std::collections::BTreeSet;

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
    let mut csv = analysis::export::Csv::default();
    csv.row(
        HEADERS
            .iter()
            .map(|h| h.to_string())
            .chain(custom.iter().cloned()),
    );
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
        csv.row(record);
    }
    Ok(csv.text().into_bytes())
}
