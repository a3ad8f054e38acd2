//! The roster's data: people, their fields and history, import plans and summaries.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Active people are surveyed; inactive ones (leavers) stay in past waves only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Active,
    Inactive,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Inactive => "inactive",
        }
    }

    pub fn parse(value: &str) -> Option<Status> {
        match value {
            "active" => Some(Status::Active),
            "inactive" => Some(Status::Inactive),
            _ => None,
        }
    }
}

/// The editable facts about a person, as stored and compared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFields {
    pub full_name: String,
    pub preferred_name: Option<String>,
    pub department: Option<String>,
    pub team: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    /// ISO dates (YYYY-MM-DD).
    pub hire_date: Option<String>,
    pub end_date: Option<String>,
    /// Custom attributes (grade, remote, cost centre...), by the file's column name.
    pub attributes: BTreeMap<String, String>,
}

/// One line of the roster list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub department: Option<String>,
    pub team: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: i64,
    pub name: String,
    pub title: Option<String>,
}

/// A change seen in the roster, for the person page's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRecord {
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub changed_on: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetail {
    pub id: i64,
    pub email: String,
    pub fields: PersonFields,
    pub status: Status,
    pub manager_email: Option<String>,
    /// From the direct manager up to the top.
    pub manager_chain: Vec<PersonRef>,
    pub direct_reports: Vec<PersonRef>,
    pub history: Vec<ChangeRecord>,
    /// Whether the viewer may edit, deactivate and erase.
    pub can_manage: bool,
    /// Whether the viewer (an admin) may export everything Knit holds about them.
    pub can_export: bool,
    /// For those who may manage: how many newcomers this person was suggested
    /// to in the last three months, and whether they asked to be suggested less.
    pub suggested: Option<(i64, bool)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterPage {
    pub people: Vec<PersonSummary>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    /// Whether the viewer may import and export (admins and analysts).
    pub can_manage: bool,
}

/// A problem in an import file, located so that HR can fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// The row as a spreadsheet numbers it: the header is row 1.
    pub row: usize,
    /// The column's header as written in the file (or a description for the whole row).
    pub column: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl FieldChange {
    pub fn status(old: Status, new: Status) -> FieldChange {
        FieldChange {
            field: "status".into(),
            old: Some(old.as_str().into()),
            new: Some(new.as_str().into()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewPerson {
    pub row: usize,
    pub email: String,
    pub name: String,
    pub changes: Vec<FieldChange>,
}

/// What applying an import file would do, shown before anything is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub upload_id: i64,
    pub file_name: String,
    pub as_of: String,
    pub deactivate_missing: bool,
    pub rows: usize,
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub deactivated: usize,
    pub custom_columns: Vec<String>,
    pub problems: Vec<ImportProblem>,
    /// The first few of each kind, for a look before applying.
    pub added_sample: Vec<PreviewPerson>,
    pub changed_sample: Vec<PreviewPerson>,
    pub deactivated_sample: Vec<PreviewPerson>,
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub deactivated: usize,
}

/// What erasing a person will remove, shown before it happens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasurePlan {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub history_entries: i64,
    pub direct_reports: i64,
    pub pending_uploads: i64,
    /// Survey answers the person gave, and answers of others that name them.
    pub answers_given: i64,
    pub answers_naming: i64,
}

/// Lower-cased, accents removed: what search compares.
#[cfg(feature = "ssr")]
pub fn fold_for_search(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .collect()
}

// What importing a roster file plans; `people::import` computes it, the store applies it.

/// A person as a row of the file describes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterRow {
    pub row: usize,
    pub email: String,
    pub fields: PersonFields,
    pub manager_email: Option<String>,
}

impl RosterRow {
    pub fn email_key(&self) -> String {
        crate::model::auth::email_key(&self.email)
    }
}

/// A person already in the roster, as the planner needs them.
#[derive(Clone, Debug)]
pub struct ExistingPerson {
    pub id: i64,
    pub email: String,
    pub email_key: String,
    pub fields: PersonFields,
    pub manager_id: Option<i64>,
    pub status: Status,
}

#[derive(Clone, Debug)]
pub struct PlannedPerson {
    pub row: RosterRow,
    pub status: Status,
}

#[derive(Clone, Debug)]
pub struct PlannedChange {
    pub person_id: i64,
    pub row: RosterRow,
    pub fields: PersonFields,
    pub status: Status,
    pub changes: Vec<FieldChange>,
}

/// What an import would do; nothing is written until it is applied.
#[derive(Clone, Debug, Default)]
pub struct ImportPlan {
    pub problems: Vec<ImportProblem>,
    pub rows: usize,
    pub added: Vec<PlannedPerson>,
    pub changed: Vec<PlannedChange>,
    pub unchanged: usize,
    /// Active people missing from the file, when HR asked to deactivate them.
    pub deactivated: Vec<(i64, String, String)>,
    pub custom_columns: Vec<String>,
    /// Manager of each person in the file, by email key (`None`: no manager).
    pub managers: HashMap<String, Option<String>>,
}
