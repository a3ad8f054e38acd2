//! Reading a roster CSV as HR systems export it, and planning what it changes.
//!
//! Pure: bytes and the current roster in, rows, problems and a plan out. Every
//! problem names the row (as a spreadsheet numbers it, header = row 1) and the
//! column, and says how to fix it.

use super::{FieldChange, ImportProblem, PersonFields, PreviewPerson, Status};
use crate::model::auth::check_email;
use crate::model::date::{detect_slash_order, Date, SlashOrder};
pub use crate::model::people::{
    ExistingPerson, ImportPlan, PlannedChange, PlannedPerson, RosterRow,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The fields Knit knows, each with the headers HR systems use for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Email,
    FullName,
    FirstName,
    LastName,
    PreferredName,
    Department,
    Team,
    Title,
    ManagerEmail,
    Location,
    HireDate,
    EndDate,
}

const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::Email,
        &[
            "email",
            "work email",
            "e mail",
            "email address",
            "work email address",
            "business email",
            "primary work email",
            "work e mail",
            "mail",
        ],
    ),
    (
        Field::FullName,
        &[
            "full name",
            "name",
            "employee name",
            "employee full name",
            "display name",
            "legal name",
            "worker name",
            "employee",
        ],
    ),
    (
        Field::FirstName,
        &["first name", "given name", "forename", "legal first name"],
    ),
    (
        Field::LastName,
        &["last name", "surname", "family name", "legal last name"],
    ),
    (
        Field::PreferredName,
        &[
            "preferred name",
            "nickname",
            "known as",
            "preferred first name",
            "chosen name",
        ],
    ),
    (
        Field::Department,
        &[
            "department",
            "dept",
            "department name",
            "org unit",
            "organizational unit",
            "organisational unit",
            "division",
        ],
    ),
    (
        Field::Team,
        &["team", "team name", "squad", "group", "sub department"],
    ),
    (
        Field::Title,
        &[
            "title",
            "job title",
            "position",
            "position title",
            "business title",
            "job",
            "role",
            "job name",
        ],
    ),
    (
        Field::ManagerEmail,
        &[
            "manager email",
            "manager",
            "manager e mail",
            "manager email address",
            "manager work email",
            "supervisor email",
            "supervisor",
            "reports to",
            "line manager",
            "line manager email",
            "reports to email",
        ],
    ),
    (
        Field::Location,
        &[
            "location",
            "office",
            "work location",
            "site",
            "city",
            "office location",
        ],
    ),
    (
        Field::HireDate,
        &[
            "hire date",
            "start date",
            "date of hire",
            "join date",
            "joining date",
            "joined",
            "original hire date",
            "employment start date",
            "date joined",
            "hired",
        ],
    ),
    (
        Field::EndDate,
        &[
            "end date",
            "termination date",
            "leave date",
            "leaving date",
            "last day",
            "last working day",
            "exit date",
            "date of leaving",
        ],
    ),
];

/// Header text compared without case, spaces, underscores or punctuation.
fn normalize_header(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn field_for_header(header: &str) -> Option<Field> {
    let key = normalize_header(header);
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(field, _)| *field)
}

/// Column letters as a spreadsheet shows them: A, B, ... Z, AA, AB...
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push((b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Longest cell accepted; longer ones are almost certainly a broken file.
const MAX_CELL_CHARS: usize = 1000;

#[derive(Clone, Debug, Default)]
pub struct ParsedRoster {
    pub rows: Vec<RosterRow>,
    pub problems: Vec<ImportProblem>,
    /// Columns that are not one of Knit's fields, kept as custom attributes.
    pub custom_columns: Vec<String>,
    /// Whether the file has each optional field, so that a missing column does not
    /// clear what the roster already holds.
    pub present: HashSet<Field>,
    /// Non-empty rows below the header, readable or not.
    pub data_rows: usize,
    /// How problems with managers name the manager column.
    pub manager_column: String,
    /// Rows left out for a problem of their own, whose email could still be
    /// read: they count as present when other rows name them as manager, and
    /// their own manager (when readable) still takes part in loop checks, so
    /// that the messages name the real cause. (email key, manager email key)
    pub left_out: Vec<(String, Option<String>)>,
}

impl ParsedRoster {
    fn problem(&mut self, row: usize, column: impl Into<String>, message: impl Into<String>) {
        self.problems.push(ImportProblem {
            row,
            column: column.into(),
            message: message.into(),
        });
    }
}

fn detect_delimiter(bytes: &[u8]) -> u8 {
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in first_line {
        if *b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if b == d {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(d, _)| *d)
        .unwrap_or(b',')
}

/// A cell as text: trimmed, and without the apostrophe that spreadsheets (and our
/// export) put before a leading = + - @ to keep it from being read as a formula.
fn clean_cell(text: &str) -> String {
    let text = text.trim();
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => text.to_string(),
    }
}

/// What a column of the file holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Holds {
    Field(Field),
    /// A custom attribute named by the header.
    Attribute,
    /// No header: allowed while its cells are empty (trailing separators).
    Nothing,
    /// A duplicate or unreadable header, already reported.
    Ignored,
}

struct Column {
    header: String,
    label: String,
    holds: Holds,
}

/// Reads a roster file. Never fails: what cannot be read becomes a problem.
pub fn parse(bytes: &[u8]) -> ParsedRoster {
    let mut out = ParsedRoster::default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        out.problem(
            1,
            "header",
            "The file is empty. Export the roster as CSV with a header row and one row per person.",
        );
        return out;
    }
    let delimiter = detect_delimiter(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);

    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(record)) => record,
        Some(Err(err)) => {
            out.problem(
                1,
                "header",
                format!("The header row cannot be read ({err}). Save the file as CSV."),
            );
            return out;
        }
        None => {
            out.problem(1, "header", "The file has no header row.");
            return out;
        }
    };
    let mut columns = Vec::new();
    let mut seen_fields: HashMap<Field, String> = HashMap::new();
    let mut seen_custom: HashMap<String, String> = HashMap::new();
    for (i, raw) in header.iter().enumerate() {
        let label = column_letter(i);
        let Ok(text) = std::str::from_utf8(raw) else {
            let label = format!("column {label}");
            out.problem(
                1,
                label.clone(),
                "The header is not UTF-8 text. Save the file as \"CSV UTF-8\".",
            );
            columns.push(Column {
                header: String::new(),
                label,
                holds: Holds::Ignored,
            });
            continue;
        };
        let header_text = text.trim().to_string();
        let field = field_for_header(&header_text);
        let label = if header_text.is_empty() {
            format!("column {label}")
        } else {
            format!("{header_text} (column {label})")
        };
        if let Some(field) = field {
            if let Some(first) = seen_fields.get(&field) {
                out.problem(
                    1,
                    label.clone(),
                    format!("This column means the same as {first}. Keep one of them."),
                );
                columns.push(Column {
                    header: header_text,
                    label,
                    holds: Holds::Ignored,
                });
                continue;
            }
            seen_fields.insert(field, label.clone());
        } else if !header_text.is_empty() {
            let key = normalize_header(&header_text);
            if let Some(first) = seen_custom.get(&key) {
                out.problem(
                    1,
                    label.clone(),
                    format!(
                        "This column has the same name as {first}. Rename or remove one of them."
                    ),
                );
                columns.push(Column {
                    header: header_text,
                    label,
                    holds: Holds::Ignored,
                });
                continue;
            }
            seen_custom.insert(key, label.clone());
            out.custom_columns.push(header_text.clone());
        }
        let holds = match field {
            Some(field) => Holds::Field(field),
            None if header_text.is_empty() => Holds::Nothing,
            None => Holds::Attribute,
        };
        columns.push(Column {
            header: header_text,
            label,
            holds,
        });
    }
    out.present = seen_fields.keys().copied().collect();
    out.manager_column = seen_fields
        .get(&Field::ManagerEmail)
        .cloned()
        .unwrap_or_else(|| "Manager".to_string());
    let has = |f: Field| seen_fields.contains_key(&f);
    if !has(Field::Email) {
        out.problem(1, "header", "There is no email column. Add one named Email or Work Email: the work email identifies each person.");
    }
    let has_name = has(Field::FullName) || (has(Field::FirstName) && has(Field::LastName));
    if !has_name {
        out.problem(
            1,
            "header",
            "There is no name column. Add Full Name, or First Name and Last Name.",
        );
    }
    if !out.problems.is_empty() {
        return out;
    }

    // Read every row first: slash dates are read the way the whole column writes them.
    let mut rows: Vec<(usize, Vec<Option<String>>)> = Vec::new();
    for (index, record) in records.enumerate() {
        let row = index + 2;
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                out.problem(
                    row,
                    "whole row",
                    format!("This row cannot be read ({err}). Check its quotes."),
                );
                continue;
            }
        };
        if record
            .iter()
            .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
        {
            continue;
        }
        out.data_rows += 1;
        if record.len() > columns.len() {
            let extra = record
                .iter()
                .skip(columns.len())
                .any(|c| !c.iter().all(u8::is_ascii_whitespace));
            if extra {
                out.problem(
                    row,
                    format!("column {}", column_letter(columns.len())),
                    format!(
                        "This row has {} cells but the header has {}. A value probably contains an unquoted separator; put it in double quotes.",
                        record.len(),
                        columns.len()
                    ),
                );
                continue;
            }
        }
        let mut cells = Vec::with_capacity(columns.len());
        let mut readable = true;
        for (i, column) in columns.iter().enumerate() {
            let raw = record.get(i).unwrap_or_default();
            match std::str::from_utf8(raw) {
                Ok(text) => {
                    let text = clean_cell(text);
                    if text.chars().count() > MAX_CELL_CHARS {
                        out.problem(
                            row,
                            column.label.clone(),
                            format!(
                                "This cell is longer than {MAX_CELL_CHARS} characters. Shorten it."
                            ),
                        );
                        readable = false;
                    }
                    if column.holds == Holds::Nothing && !text.is_empty() {
                        out.problem(
                            row,
                            column.label.clone(),
                            "This column has no header. Name it in row 1 or delete it.",
                        );
                        readable = false;
                    }
                    cells.push((!text.is_empty()).then_some(text));
                }
                Err(_) => {
                    out.problem(
                        row,
                        column.label.clone(),
                        "This cell is not UTF-8 text. Save the file as \"CSV UTF-8\".",
                    );
                    readable = false;
                    cells.push(None);
                }
            }
        }
        if readable {
            rows.push((row, cells));
        }
    }

    let column_of = |field: Field| columns.iter().position(|c| c.holds == Holds::Field(field));
    let slash_order = |field: Field| -> SlashOrder {
        column_of(field)
            .map(|i| detect_slash_order(rows.iter().filter_map(|(_, cells)| cells[i].as_deref())))
            .unwrap_or(SlashOrder::Unknown)
    };
    let hire_order = slash_order(Field::HireDate);
    let end_order = slash_order(Field::EndDate);
    let mut first_row_of_email: HashMap<String, usize> = HashMap::new();

    for (row, cells) in rows {
        let get = |field: Field| column_of(field).and_then(|i| cells[i].clone());
        let label = |field: Field| {
            column_of(field)
                .map(|i| columns[i].label.clone())
                .unwrap_or_else(|| "header".into())
        };
        let mut ok = true;

        let email = get(Field::Email).unwrap_or_default();
        if let Err(message) = check_email(&email) {
            out.problem(
                row,
                label(Field::Email),
                format!("{message} Write the person's work email, e.g. ana.lima@example.com."),
            );
            ok = false;
        } else if let Some(first) = first_row_of_email.get(&crate::store::users::email_key(&email))
        {
            out.problem(
                row,
                label(Field::Email),
                format!("The email {email} is also on row {first}. Each person must appear once."),
            );
            ok = false;
        } else {
            first_row_of_email.insert(crate::store::users::email_key(&email), row);
        }

        let full_name = match get(Field::FullName) {
            Some(name) => name,
            None => [get(Field::FirstName), get(Field::LastName)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
        };
        if full_name.is_empty() {
            let column = if has(Field::FullName) {
                label(Field::FullName)
            } else {
                label(Field::FirstName)
            };
            out.problem(row, column, "The name is empty. Every person needs a name.");
            ok = false;
        }

        let manager_email = get(Field::ManagerEmail);
        if let Some(manager) = &manager_email {
            if let Err(message) = check_email(manager) {
                out.problem(
                    row,
                    label(Field::ManagerEmail),
                    format!(
                        "Manager: {message} Use the manager's work email, or leave the cell empty."
                    ),
                );
                ok = false;
            }
        }

        let mut date = |field: Field, order: SlashOrder| -> Option<String> {
            let text = get(field)?;
            match Date::parse(&text, order) {
                Some(date) => Some(date.iso()),
                None => {
                    out.problem(
                        row,
                        label(field),
                        format!("'{text}' is not a date Knit can read. Write dates as YYYY-MM-DD, for example 2024-03-05."),
                    );
                    ok = false;
                    None
                }
            }
        };
        let hire_date = date(Field::HireDate, hire_order);
        let end_date = date(Field::EndDate, end_order);

        let attributes = columns
            .iter()
            .zip(cells.iter())
            .filter(|(c, _)| c.holds == Holds::Attribute)
            .filter_map(|(c, v)| v.clone().map(|v| (c.header.clone(), v)))
            .collect::<BTreeMap<_, _>>();

        let email_readable = check_email(&email).is_ok()
            && first_row_of_email.get(&crate::store::users::email_key(&email)) == Some(&row);
        if !ok && email_readable {
            let manager = manager_email
                .as_deref()
                .filter(|m| check_email(m).is_ok())
                .map(crate::store::users::email_key);
            out.left_out
                .push((crate::store::users::email_key(&email), manager));
        }
        if ok {
            out.rows.push(RosterRow {
                row,
                email: email.trim().to_string(),
                fields: PersonFields {
                    full_name,
                    preferred_name: get(Field::PreferredName),
                    department: get(Field::Department),
                    team: get(Field::Team),
                    title: get(Field::Title),
                    location: get(Field::Location),
                    hire_date,
                    end_date,
                    attributes,
                },
                manager_email,
            });
        }
    }
    out
}

pub const FIELD_LABELS: [(&str, &str); 10] = [
    ("full_name", "Full name"),
    ("preferred_name", "Preferred name"),
    ("department", "Department"),
    ("team", "Team"),
    ("title", "Title"),
    ("location", "Location"),
    ("hire_date", "Hire date"),
    ("end_date", "End date"),
    ("manager", "Manager"),
    ("status", "Status"),
];

/// Status implied by a row: leavers whose end date has passed are inactive.
pub fn status_for(fields: &PersonFields, today: Date) -> Status {
    match &fields.end_date {
        Some(end) if end.as_str() <= today.iso().as_str() => Status::Inactive,
        _ => Status::Active,
    }
}

/// The row's values for the columns the file has; the person's current values
/// for the columns it does not have.
fn merge(
    existing: &PersonFields,
    row: &RosterRow,
    parsed_present: &HashSet<Field>,
    custom_columns: &[String],
) -> PersonFields {
    let pick = |field: Field, new: &Option<String>, old: &Option<String>| {
        if parsed_present.contains(&field) {
            new.clone()
        } else {
            old.clone()
        }
    };
    let mut attributes = existing.attributes.clone();
    for column in custom_columns {
        match row.fields.attributes.get(column) {
            Some(value) => attributes.insert(column.clone(), value.clone()),
            None => attributes.remove(column),
        };
    }
    PersonFields {
        full_name: row.fields.full_name.clone(),
        preferred_name: pick(
            Field::PreferredName,
            &row.fields.preferred_name,
            &existing.preferred_name,
        ),
        department: pick(
            Field::Department,
            &row.fields.department,
            &existing.department,
        ),
        team: pick(Field::Team, &row.fields.team, &existing.team),
        title: pick(Field::Title, &row.fields.title, &existing.title),
        location: pick(Field::Location, &row.fields.location, &existing.location),
        hire_date: pick(Field::HireDate, &row.fields.hire_date, &existing.hire_date),
        end_date: pick(Field::EndDate, &row.fields.end_date, &existing.end_date),
        attributes,
    }
}

/// The changes between two versions of a person, labelled for people to read.
pub fn field_changes(old: &PersonFields, new: &PersonFields) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut push = |field: &str, a: Option<&String>, b: Option<&String>| {
        if a != b {
            changes.push(FieldChange {
                field: field.to_string(),
                old: a.cloned(),
                new: b.cloned(),
            });
        }
    };
    push("full_name", Some(&old.full_name), Some(&new.full_name));
    push(
        "preferred_name",
        old.preferred_name.as_ref(),
        new.preferred_name.as_ref(),
    );
    push(
        "department",
        old.department.as_ref(),
        new.department.as_ref(),
    );
    push("team", old.team.as_ref(), new.team.as_ref());
    push("title", old.title.as_ref(), new.title.as_ref());
    push("location", old.location.as_ref(), new.location.as_ref());
    push("hire_date", old.hire_date.as_ref(), new.hire_date.as_ref());
    push("end_date", old.end_date.as_ref(), new.end_date.as_ref());
    let keys: std::collections::BTreeSet<&String> =
        old.attributes.keys().chain(new.attributes.keys()).collect();
    for key in keys {
        push(
            &format!("attr:{key}"),
            old.attributes.get(key),
            new.attributes.get(key),
        );
    }
    changes
}

/// Plans an import against the current roster.
pub fn plan(
    parsed: ParsedRoster,
    existing: &[ExistingPerson],
    deactivate_missing: bool,
    today: Date,
) -> ImportPlan {
    let mut plan = ImportPlan {
        problems: parsed.problems.clone(),
        rows: parsed.data_rows,
        custom_columns: parsed.custom_columns.clone(),
        ..ImportPlan::default()
    };
    let by_key: HashMap<&str, &ExistingPerson> =
        existing.iter().map(|p| (p.email_key.as_str(), p)).collect();
    let by_id: HashMap<i64, &ExistingPerson> = existing.iter().map(|p| (p.id, p)).collect();
    let in_file: HashMap<String, &RosterRow> =
        parsed.rows.iter().map(|r| (r.email_key(), r)).collect();

    // Managers: the file's word for people in it, the roster's for everyone else.
    let mut manager_of: HashMap<String, Option<String>> = existing
        .iter()
        .map(|p| {
            let manager = p
                .manager_id
                .and_then(|id| by_id.get(&id))
                .map(|m| m.email_key.clone());
            (p.email_key.clone(), manager)
        })
        .collect();
    let manager_column = parsed.manager_column.as_str();
    // A row left out for its own problem is still someone other rows may name.
    let left_out: HashSet<&str> = parsed.left_out.iter().map(|(e, _)| e.as_str()).collect();
    for (email, manager) in &parsed.left_out {
        if parsed.present.contains(&Field::ManagerEmail) {
            manager_of.insert(email.clone(), manager.clone());
        }
    }
    for row in &parsed.rows {
        let key = row.email_key();
        let manager = if parsed.present.contains(&Field::ManagerEmail) {
            row.manager_email
                .as_deref()
                .map(crate::store::users::email_key)
        } else {
            manager_of.get(&key).cloned().flatten()
        };
        if let Some(manager_key) = &manager {
            if !in_file.contains_key(manager_key)
                && !left_out.contains(manager_key.as_str())
                && !by_key.contains_key(manager_key.as_str())
            {
                plan.problems.push(ImportProblem {
                    row: row.row,
                    column: manager_column.into(),
                    message: format!(
                        "No one with the email {} is in this file or in the roster. Add the manager as a row, or correct the address.",
                        row.manager_email.clone().unwrap_or_default()
                    ),
                });
            }
        }
        manager_of.insert(key, manager);
    }
    // Loops: following managers upward must end.
    let mut reported: HashSet<String> = HashSet::new();
    for row in &parsed.rows {
        let start = row.email_key();
        let mut path = vec![start.clone()];
        let mut current = start.clone();
        while let Some(Some(next)) = manager_of.get(&current) {
            if *next == start {
                if reported.insert(start.clone()) {
                    let chain: Vec<String> = path
                        .iter()
                        .chain(std::iter::once(&start))
                        .cloned()
                        .collect();
                    let message = if path.len() == 1 {
                        format!("{} is their own manager. Give them their real manager, or leave the cell empty.", row.email)
                    } else {
                        format!(
                            "Managers form a loop: {}. Change one of these managers.",
                            chain.join(" → ")
                        )
                    };
                    plan.problems.push(ImportProblem {
                        row: row.row,
                        column: manager_column.into(),
                        message,
                    });
                }
                break;
            }
            if path.contains(next) || path.len() > existing.len() + parsed.rows.len() {
                break; // a loop above this person, reported on its own rows
            }
            path.push(next.clone());
            current = next.clone();
        }
    }
    plan.problems
        .sort_by(|a, b| a.row.cmp(&b.row).then(a.column.cmp(&b.column)));

    for row in &parsed.rows {
        let key = row.email_key();
        match by_key.get(key.as_str()) {
            None => plan.added.push(PlannedPerson {
                status: status_for(&row.fields, today),
                row: row.clone(),
            }),
            Some(person) => {
                let fields = merge(&person.fields, row, &parsed.present, &parsed.custom_columns);
                let status = status_for(&fields, today);
                let mut changes = field_changes(&person.fields, &fields);
                let old_manager = person
                    .manager_id
                    .and_then(|id| by_id.get(&id))
                    .map(|m| m.email.clone());
                let new_manager_key = manager_of.get(&key).cloned().flatten();
                let old_manager_key = old_manager.as_deref().map(crate::store::users::email_key);
                if new_manager_key != old_manager_key {
                    let new_manager = new_manager_key.as_deref().map(|k| {
                        in_file
                            .get(k)
                            .map(|r| r.email.clone())
                            .or_else(|| by_key.get(k).map(|p| p.email.clone()))
                            .unwrap_or_else(|| k.to_string())
                    });
                    changes.push(FieldChange {
                        field: "manager".into(),
                        old: old_manager,
                        new: new_manager,
                    });
                }
                if status != person.status {
                    changes.push(FieldChange::status(person.status, status));
                }
                if changes.is_empty() {
                    plan.unchanged += 1;
                } else {
                    plan.changed.push(PlannedChange {
                        person_id: person.id,
                        row: row.clone(),
                        fields,
                        status,
                        changes,
                    });
                }
            }
        }
    }
    if deactivate_missing {
        plan.deactivated = existing
            .iter()
            .filter(|p| p.status == Status::Active && !in_file.contains_key(&p.email_key))
            .map(|p| (p.id, p.fields.full_name.clone(), p.email.clone()))
            .collect();
    }
    plan.managers = parsed
        .rows
        .iter()
        .map(|r| {
            let key = r.email_key();
            let manager = manager_of.get(&key).cloned().flatten();
            (key, manager)
        })
        .collect();
    plan
}

/// Labels a stored field name for people (`attr:Grade` reads "Grade").
pub fn field_label(field: &str) -> String {
    if let Some(attr) = field.strip_prefix("attr:") {
        return attr.to_string();
    }
    FIELD_LABELS
        .iter()
        .find(|(key, _)| *key == field)
        .map(|(_, label)| label.to_string())
        .unwrap_or_else(|| field.to_string())
}

impl ImportPlan {
    pub fn sample(
        &self,
        limit: usize,
    ) -> (Vec<PreviewPerson>, Vec<PreviewPerson>, Vec<PreviewPerson>) {
        let added = self.added.iter().take(limit).map(|p| PreviewPerson {
            row: p.row.row,
            email: p.row.email.clone(),
            name: p.row.fields.full_name.clone(),
            changes: Vec::new(),
        });
        let changed = self.changed.iter().take(limit).map(|c| PreviewPerson {
            row: c.row.row,
            email: c.row.email.clone(),
            name: c.fields.full_name.clone(),
            changes: c
                .changes
                .iter()
                .map(|ch| FieldChange {
                    field: field_label(&ch.field),
                    ..ch.clone()
                })
                .collect(),
        });
        let deactivated =
            self.deactivated
                .iter()
                .take(limit)
                .map(|(_, name, email)| PreviewPerson {
                    row: 0,
                    email: email.clone(),
                    name: name.clone(),
                    changes: Vec::new(),
                });
        (added.collect(), changed.collect(), deactivated.collect())
    }
}
