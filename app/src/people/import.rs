//! Reading a roster CSV as HR systems export it, and planning what it changes.
//!
//! Pure: bytes and the current roster in, rows, problems and a plan out. Every
//! problem names the row (as a spreadsheet numbers it, header = row 1) and the
//! column, and says how to fix it.

use super::{FieldChange, ImportProblem, PersonFields, PreviewPerson, Status};
use crate::model::auth::{check_email, email_key};
use crate::model::catalogue::{say, say_with};
use crate::model::date::{detect_slash_order, Date, SlashOrder};
use crate::model::language::{Language, LANGUAGE_ATTRIBUTE};
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
    /// The language Knit speaks to them, kept as the `language` attribute.
    Language,
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
    (
        Field::Language,
        &[
            "language",
            "locale",
            "preferred language",
            "lang",
            "language preference",
            "communication language",
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

impl Column {
    /// A column whose problem is already reported: its cells are not read.
    fn ignored(header: String, label: String) -> Column {
        Column {
            header,
            label,
            holds: Holds::Ignored,
        }
    }
}

/// Reads a roster file. Never fails: what cannot be read becomes a problem.
pub fn parse(bytes: &[u8]) -> ParsedRoster {
    let mut out = ParsedRoster::default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        out.problem(
            1,
            say("import-at-header"),
            say("refused-import-the-file-is-empty-export"),
        );
        return out;
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(bytes))
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(record)) => Header::read(&record, &mut out),
        Some(Err(err)) => {
            out.problem(
                1,
                say("import-at-header"),
                say_with(
                    "refused-import-the-header-row-cannot-be",
                    &[("err", err.to_string().into())],
                ),
            );
            return out;
        }
        None => {
            out.problem(
                1,
                say("import-at-header"),
                say("refused-import-the-file-has-no-header"),
            );
            return out;
        }
    };
    if !out.problems.is_empty() {
        return out;
    }
    // Every row is read first: slash dates are read the way the whole column writes them.
    let rows = header.cells_of(records, &mut out);
    let orders = (
        header.slash_order(Field::HireDate, &rows),
        header.slash_order(Field::EndDate, &rows),
    );
    let mut first_row_of_email: HashMap<String, usize> = HashMap::new();
    for (row, cells) in rows {
        header.person(row, &cells, orders, &mut first_row_of_email, &mut out);
    }
    out
}

/// The file's columns as its header names them.
struct Header {
    columns: Vec<Column>,
    /// Knit's fields the file has, each with its column's label.
    fields: HashMap<Field, String>,
}

impl Header {
    /// Reads the header row; duplicate, unreadable and missing columns are problems.
    fn read(header: &csv::ByteRecord, out: &mut ParsedRoster) -> Header {
        let mut columns = Vec::new();
        let mut fields: HashMap<Field, String> = HashMap::new();
        let mut seen_custom: HashMap<String, String> = HashMap::new();
        for (i, raw) in header.iter().enumerate() {
            let letter = column_letter(i);
            let Ok(text) = std::str::from_utf8(raw) else {
                let label = say_with("import-at-column", &[("letter", letter.as_str().into())]);
                out.problem(
                    1,
                    label.clone(),
                    say("refused-import-the-header-is-not-utf"),
                );
                columns.push(Column::ignored(String::new(), label));
                continue;
            };
            let header_text = text.trim().to_string();
            let field = field_for_header(&header_text);
            let label = if header_text.is_empty() {
                say_with("import-at-column", &[("letter", letter.as_str().into())])
            } else {
                say_with(
                    "import-at-named-column",
                    &[
                        ("header", header_text.as_str().into()),
                        ("letter", letter.as_str().into()),
                    ],
                )
            };
            let first = match field {
                Some(field) => fields.get(&field).map(|first| {
                    say_with(
                        "refused-import-this-column-means-the-same",
                        &[("first", first.into())],
                    )
                }),
                None if header_text.is_empty() => None,
                None => seen_custom
                    .get(&normalize_header(&header_text))
                    .map(|first| {
                        say_with(
                            "refused-import-same-name",
                            &[("first", first.as_str().into())],
                        )
                    }),
            };
            if let Some(message) = first {
                out.problem(1, label.clone(), message);
                columns.push(Column::ignored(header_text, label));
                continue;
            }
            let holds = match field {
                Some(field) => {
                    fields.insert(field, label.clone());
                    Holds::Field(field)
                }
                None if header_text.is_empty() => Holds::Nothing,
                None => {
                    seen_custom.insert(normalize_header(&header_text), label.clone());
                    out.custom_columns.push(header_text.clone());
                    Holds::Attribute
                }
            };
            columns.push(Column {
                header: header_text,
                label,
                holds,
            });
        }
        let header = Header { columns, fields };
        header.check_required(out);
        out.present = header.fields.keys().copied().collect();
        out.manager_column = header
            .fields
            .get(&Field::ManagerEmail)
            .cloned()
            .unwrap_or_else(|| "Manager".to_string());
        header
    }

    fn check_required(&self, out: &mut ParsedRoster) {
        if !self.has(Field::Email) {
            out.problem(
                1,
                say("import-at-header"),
                say("refused-import-there-is-no-email-column"),
            );
        }
        if !(self.has(Field::FullName) || (self.has(Field::FirstName) && self.has(Field::LastName)))
        {
            out.problem(
                1,
                say("import-at-header"),
                say("refused-import-there-is-no-name-column"),
            );
        }
    }

    fn has(&self, field: Field) -> bool {
        self.fields.contains_key(&field)
    }

    fn column_of(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.holds == Holds::Field(field))
    }

    /// How problems name a field's column.
    fn label(&self, field: Field) -> String {
        self.column_of(field)
            .map(|i| self.columns[i].label.clone())
            .unwrap_or_else(|| say("import-at-header"))
    }

    /// The readable non-empty rows, as cells by column (numbered as a
    /// spreadsheet numbers rows); every unreadable cell is a problem.
    fn cells_of<R: std::io::Read>(
        &self,
        records: csv::ByteRecordsIter<'_, R>,
        out: &mut ParsedRoster,
    ) -> Vec<(usize, Vec<Option<String>>)> {
        let mut rows = Vec::new();
        for (index, record) in records.enumerate() {
            let row = index + 2;
            match record {
                Ok(record) => {
                    if let Some(cells) = self.cells(row, &record, out) {
                        rows.push((row, cells));
                    }
                }
                Err(err) => out.problem(
                    row,
                    "whole row",
                    say_with(
                        "refused-import-this-row-cannot-be-read",
                        &[("err", err.to_string().into())],
                    ),
                ),
            }
        }
        rows
    }

    /// One row's cells; None for an empty row, or one with a problem.
    fn cells(
        &self,
        row: usize,
        record: &csv::ByteRecord,
        out: &mut ParsedRoster,
    ) -> Option<Vec<Option<String>>> {
        let blank = |cell: &[u8]| cell.iter().all(u8::is_ascii_whitespace);
        if record.iter().all(blank) {
            return None;
        }
        out.data_rows += 1;
        let width = self.columns.len();
        if record.len() > width && record.iter().skip(width).any(|c| !blank(c)) {
            out.problem(
                row,
                say_with(
                    "import-at-column",
                    &[("letter", column_letter(width).into())],
                ),
                say_with(
                    "refused-import-too-many-cells",
                    &[("cells", record.len().into()), ("width", width.into())],
                ),
            );
            return None;
        }
        let mut cells = Vec::with_capacity(width);
        let mut readable = true;
        for (i, column) in self.columns.iter().enumerate() {
            let Ok(text) = std::str::from_utf8(record.get(i).unwrap_or_default()) else {
                out.problem(
                    row,
                    column.label.clone(),
                    say("refused-import-this-cell-is-not-utf"),
                );
                readable = false;
                cells.push(None);
                continue;
            };
            let text = clean_cell(text);
            if text.chars().count() > MAX_CELL_CHARS {
                out.problem(
                    row,
                    column.label.clone(),
                    say_with(
                        "refused-import-this-cell-is-longer-than",
                        &[("most", MAX_CELL_CHARS.into())],
                    ),
                );
                readable = false;
            }
            if column.holds == Holds::Nothing && !text.is_empty() {
                out.problem(
                    row,
                    column.label.clone(),
                    say("refused-import-this-column-has-no-header"),
                );
                readable = false;
            }
            cells.push((!text.is_empty()).then_some(text));
        }
        readable.then_some(cells)
    }

    /// How a date column writes slash dates, from all of its cells.
    fn slash_order(&self, field: Field, rows: &[(usize, Vec<Option<String>>)]) -> SlashOrder {
        self.column_of(field)
            .map(|i| detect_slash_order(rows.iter().filter_map(|(_, cells)| cells[i].as_deref())))
            .unwrap_or(SlashOrder::Unknown)
    }

    /// The person a row describes, or its problems; a row left out whose
    /// email is readable still counts as present (see `ParsedRoster::left_out`).
    fn person(
        &self,
        row: usize,
        cells: &[Option<String>],
        (hire_order, end_order): (SlashOrder, SlashOrder),
        first_row_of_email: &mut HashMap<String, usize>,
        out: &mut ParsedRoster,
    ) {
        let get = |field: Field| self.column_of(field).and_then(|i| cells[i].clone());
        let problems_before = out.problems.len();
        let email = get(Field::Email).unwrap_or_default();
        let key = email_key(&email);
        self.check_email_once(row, &email, first_row_of_email, out);
        let full_name = self.full_name(row, &get, out);
        let manager_email = get(Field::ManagerEmail);
        if let Some(Err(message)) = manager_email.as_deref().map(check_email) {
            out.problem(
                row,
                self.label(Field::ManagerEmail),
                say_with(
                    "refused-import-manager-use-the-manager-s",
                    &[("message", message.into())],
                ),
            );
        }
        let mut date = |field: Field, order: SlashOrder| -> Option<String> {
            let text = get(field)?;
            let date = Date::parse(&text, order).map(|d| d.iso());
            if date.is_none() {
                out.problem(
                    row,
                    self.label(field),
                    say_with(
                        "refused-import-is-not-a-date-knit",
                        &[("text", text.into())],
                    ),
                );
            }
            date
        };
        let hire_date = date(Field::HireDate, hire_order);
        let end_date = date(Field::EndDate, end_order);
        let language = get(Field::Language).and_then(|text| {
            let language = Language::parse(&text);
            if language.is_none() {
                out.problem(
                    row,
                    self.label(Field::Language),
                    say_with(
                        "refused-import-is-not-a-language-knit",
                        &[("text", text.into())],
                    ),
                );
            }
            language
        });
        if out.problems.len() > problems_before {
            if check_email(&email).is_ok() && first_row_of_email.get(&key) == Some(&row) {
                let manager = manager_email
                    .as_deref()
                    .filter(|m| check_email(m).is_ok())
                    .map(email_key);
                out.left_out.push((key, manager));
            }
            return;
        }
        let mut attributes = self.attributes(cells);
        if let Some(language) = language {
            attributes.insert(LANGUAGE_ATTRIBUTE.to_string(), language.code().to_string());
        }
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

    /// A readable email seen on no earlier row; the first row of each email is remembered.
    fn check_email_once(
        &self,
        row: usize,
        email: &str,
        first_row_of_email: &mut HashMap<String, usize>,
        out: &mut ParsedRoster,
    ) {
        let key = email_key(email);
        if let Err(message) = check_email(email) {
            out.problem(
                row,
                self.label(Field::Email),
                say_with(
                    "refused-import-write-the-person-s-work",
                    &[("message", message.into())],
                ),
            );
        } else if let Some(first) = first_row_of_email.get(&key) {
            out.problem(
                row,
                self.label(Field::Email),
                say_with(
                    "refused-import-the-email-is-also-on",
                    &[("email", email.into()), ("first", first.into())],
                ),
            );
        } else {
            first_row_of_email.insert(key, row);
        }
    }

    /// The full name column, else first and last names joined; empty is a problem.
    fn full_name(
        &self,
        row: usize,
        get: &dyn Fn(Field) -> Option<String>,
        out: &mut ParsedRoster,
    ) -> String {
        let full_name = match get(Field::FullName) {
            Some(name) => name,
            None => [get(Field::FirstName), get(Field::LastName)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
        };
        if full_name.is_empty() {
            let column = if self.has(Field::FullName) {
                Field::FullName
            } else {
                Field::FirstName
            };
            out.problem(
                row,
                self.label(column),
                say("refused-import-the-name-is-empty-every"),
            );
        }
        full_name
    }

    /// The columns Knit keeps as free attributes, by header.
    fn attributes(&self, cells: &[Option<String>]) -> BTreeMap<String, String> {
        self.columns
            .iter()
            .zip(cells)
            .filter(|(c, _)| c.holds == Holds::Attribute)
            .filter_map(|(c, v)| v.clone().map(|v| (c.header.clone(), v)))
            .collect()
    }
}

/// Each roster field and the message that names it.
pub const FIELD_LABELS: [(&str, &str); 10] = [
    ("full_name", "field-full-name"),
    ("preferred_name", "field-preferred-name"),
    ("department", "field-department"),
    ("team", "field-team"),
    ("title", "field-title"),
    ("location", "field-location"),
    ("hire_date", "field-hire-date"),
    ("end_date", "field-end-date"),
    ("manager", "field-manager"),
    ("status", "field-status"),
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
    let language_column = parsed_present
        .contains(&Field::Language)
        .then_some(LANGUAGE_ATTRIBUTE);
    for column in custom_columns
        .iter()
        .map(String::as_str)
        .chain(language_column)
    {
        match row.fields.attributes.get(column) {
            Some(value) => attributes.insert(column.to_string(), value.clone()),
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
    let known = Known {
        by_key: existing.iter().map(|p| (p.email_key.as_str(), p)).collect(),
        by_id: existing.iter().map(|p| (p.id, p)).collect(),
        in_file: parsed.rows.iter().map(|r| (r.email_key(), r)).collect(),
    };
    let manager_of = known.managers(&parsed, existing, &mut plan.problems);
    report_manager_loops(&parsed, &manager_of, existing.len(), &mut plan.problems);
    plan.problems
        .sort_by(|a, b| a.row.cmp(&b.row).then(a.column.cmp(&b.column)));
    for row in &parsed.rows {
        match known.by_key.get(row.email_key().as_str()) {
            None => plan.added.push(PlannedPerson {
                status: status_for(&row.fields, today),
                row: row.clone(),
            }),
            Some(person) => match known.change(person, row, &parsed, &manager_of, today) {
                Some(change) => plan.changed.push(change),
                None => plan.unchanged += 1,
            },
        }
    }
    if deactivate_missing {
        plan.deactivated = existing
            .iter()
            .filter(|p| p.status == Status::Active && !known.in_file.contains_key(&p.email_key))
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

/// The people an import knows of: the roster's, by email key and by id, and
/// the file's, by email key.
struct Known<'a> {
    by_key: HashMap<&'a str, &'a ExistingPerson>,
    by_id: HashMap<i64, &'a ExistingPerson>,
    in_file: HashMap<String, &'a RosterRow>,
}

impl Known<'_> {
    /// Everyone's manager by email key: the file's word for people in it,
    /// the roster's for everyone else. A manager found nowhere is a problem.
    fn managers(
        &self,
        parsed: &ParsedRoster,
        existing: &[ExistingPerson],
        problems: &mut Vec<ImportProblem>,
    ) -> HashMap<String, Option<String>> {
        let mut manager_of: HashMap<String, Option<String>> = existing
            .iter()
            .map(|p| {
                let manager = p
                    .manager_id
                    .and_then(|id| self.by_id.get(&id))
                    .map(|m| m.email_key.clone());
                (p.email_key.clone(), manager)
            })
            .collect();
        let file_has_managers = parsed.present.contains(&Field::ManagerEmail);
        // A row left out for its own problem is still someone other rows may name.
        let left_out: HashSet<&str> = parsed.left_out.iter().map(|(e, _)| e.as_str()).collect();
        if file_has_managers {
            for (email, manager) in &parsed.left_out {
                manager_of.insert(email.clone(), manager.clone());
            }
        }
        for row in &parsed.rows {
            let key = row.email_key();
            let manager = if file_has_managers {
                row.manager_email.as_deref().map(email_key)
            } else {
                manager_of.get(&key).cloned().flatten()
            };
            let unknown = manager.as_deref().is_some_and(|m| {
                !self.in_file.contains_key(m)
                    && !left_out.contains(m)
                    && !self.by_key.contains_key(m)
            });
            if unknown {
                problems.push(ImportProblem {
                    row: row.row,
                    column: parsed.manager_column.clone(),
                    message: say_with(
                        "refused-import-unknown-manager",
                        &[(
                            "email",
                            row.manager_email.clone().unwrap_or_default().into(),
                        )],
                    ),
                });
            }
            manager_of.insert(key, manager);
        }
        manager_of
    }

    /// What a row changes for someone on the roster; None when nothing.
    fn change(
        &self,
        person: &ExistingPerson,
        row: &RosterRow,
        parsed: &ParsedRoster,
        manager_of: &HashMap<String, Option<String>>,
        today: Date,
    ) -> Option<PlannedChange> {
        let fields = merge(&person.fields, row, &parsed.present, &parsed.custom_columns);
        let status = status_for(&fields, today);
        let mut changes = field_changes(&person.fields, &fields);
        let old_manager = person
            .manager_id
            .and_then(|id| self.by_id.get(&id))
            .map(|m| m.email.clone());
        let new_manager_key = manager_of.get(&row.email_key()).cloned().flatten();
        if new_manager_key != old_manager.as_deref().map(email_key) {
            let new_manager = new_manager_key.as_deref().map(|k| {
                self.in_file
                    .get(k)
                    .map(|r| r.email.clone())
                    .or_else(|| self.by_key.get(k).map(|p| p.email.clone()))
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
        (!changes.is_empty()).then(|| PlannedChange {
            person_id: person.id,
            row: row.clone(),
            fields,
            status,
            changes,
        })
    }
}

/// Managers form no loop: following them upward from anyone must end. Each
/// loop is reported once, on the row of the first person in it.
fn report_manager_loops(
    parsed: &ParsedRoster,
    manager_of: &HashMap<String, Option<String>>,
    existing: usize,
    problems: &mut Vec<ImportProblem>,
) {
    let mut reported: HashSet<String> = HashSet::new();
    for row in &parsed.rows {
        let start = row.email_key();
        let mut path = vec![start.clone()];
        let mut current = start.clone();
        while let Some(Some(next)) = manager_of.get(&current) {
            if *next == start {
                if reported.insert(start.clone()) {
                    let message = if path.len() == 1 {
                        say_with(
                            "refused-import-own-manager",
                            &[("email", row.email.as_str().into())],
                        )
                    } else {
                        let chain: Vec<&str> = path
                            .iter()
                            .chain(std::iter::once(&start))
                            .map(String::as_str)
                            .collect();
                        say_with(
                            "refused-import-manager-loop",
                            &[("chain", chain.join(" → ").into())],
                        )
                    };
                    problems.push(ImportProblem {
                        row: row.row,
                        column: parsed.manager_column.clone(),
                        message,
                    });
                }
                break;
            }
            if path.contains(next) || path.len() > existing + parsed.rows.len() {
                break; // a loop above this person, reported on its own rows
            }
            path.push(next.clone());
            current = next.clone();
        }
    }
}

/// Labels a stored field name for people (`attr:Grade` reads "Grade").
pub fn field_label(field: &str) -> String {
    if let Some(attr) = field.strip_prefix("attr:") {
        return if attr == LANGUAGE_ATTRIBUTE {
            say("field-language")
        } else {
            attr.to_string()
        };
    }
    FIELD_LABELS
        .iter()
        .find(|(key, _)| *key == field)
        .map(|(_, label)| say(label))
        .unwrap_or_else(|| field.to_string())
}

impl ImportPlan {
    pub fn sample(
        &self,
        limit: usize,
    ) -> (Vec<PreviewPerson>, Vec<PreviewPerson>, Vec<PreviewPerson>) {
        // A new person's every value, as it will be stored: each column of
        // the file can be checked before anything is applied.
        let added = self.added.iter().take(limit).map(|p| {
            let mut values = field_changes(&PersonFields::default(), &p.row.fields);
            values.retain(|v| v.field != "full_name");
            if let Some(Some(manager)) = self.managers.get(&p.row.email_key()) {
                values.push(FieldChange {
                    field: "manager".into(),
                    old: None,
                    new: Some(manager.clone()),
                });
            }
            PreviewPerson {
                row: p.row.row,
                email: p.row.email.clone(),
                name: p.row.fields.full_name.clone(),
                changes: values
                    .into_iter()
                    .map(|v| FieldChange {
                        field: field_label(&v.field),
                        ..v
                    })
                    .collect(),
            }
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
