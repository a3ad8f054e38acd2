//! Audit log entries and the actions they record.

use serde::{Deserialize, Serialize};

/// What was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// A wave's network insight (key players by name) was opened.
    WaveInsight,
    /// A person's page was opened.
    PersonPage,
    /// A newcomer's page (figures, timeline, suggestions) was opened.
    NewcomerPage,
    /// The roster was exported.
    RosterExport,
    /// Everything Knit holds about one person was exported (an access request).
    SubjectExport,
    /// A person was erased.
    Erasure,
    /// An account was given a role (created with one).
    RoleChange,
    /// Instance settings changed (newcomer settings, email wording).
    SettingsChange,
    /// An account was disabled, enabled, deleted, given a new password, or its sessions ended.
    AccountChange,
    /// A wave's network was exported with everyone's ties and figures (GEXF, GraphML, CSV).
    NetworkExport,
    /// A page of a wave's people table (each person's figures) was read.
    PeopleTable,
    /// A wave's list of who has not answered, and each one's email delivery, was read.
    ResponseStatus,
    /// The list of newcomers (each one's figures, or for a manager their
    /// newcomers and suggestions) was read.
    NewcomerList,
}

impl Action {
    pub const ALL: [Action; 13] = [
        Action::WaveInsight,
        Action::PersonPage,
        Action::NewcomerPage,
        Action::RosterExport,
        Action::SubjectExport,
        Action::Erasure,
        Action::RoleChange,
        Action::SettingsChange,
        Action::AccountChange,
        Action::NetworkExport,
        Action::PeopleTable,
        Action::ResponseStatus,
        Action::NewcomerList,
    ];

    /// The stored spelling, the same as serde's.
    pub fn key(self) -> &'static str {
        match self {
            Action::WaveInsight => "wave_insight",
            Action::PersonPage => "person_page",
            Action::NewcomerPage => "newcomer_page",
            Action::RosterExport => "roster_export",
            Action::SubjectExport => "subject_export",
            Action::Erasure => "erasure",
            Action::RoleChange => "role_change",
            Action::SettingsChange => "settings_change",
            Action::AccountChange => "account_change",
            Action::NetworkExport => "network_export",
            Action::PeopleTable => "people_table",
            Action::ResponseStatus => "response_status",
            Action::NewcomerList => "newcomer_list",
        }
    }

    pub fn from_key(key: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.key() == key)
    }

    /// What HR's pages call it.
    pub fn label(self) -> String {
        super::catalogue::say(self.label_id())
    }

    /// Its name's message in the catalogue.
    fn label_id(self) -> &'static str {
        match self {
            Action::WaveInsight => "audit-action-wave-insight",
            Action::PersonPage => "audit-action-person-page",
            Action::NewcomerPage => "audit-action-newcomer-page",
            Action::RosterExport => "audit-action-roster-export",
            Action::SubjectExport => "audit-action-subject-export",
            Action::Erasure => "audit-action-erasure",
            Action::RoleChange => "audit-action-role-change",
            Action::SettingsChange => "audit-action-settings-change",
            Action::AccountChange => "audit-action-account-change",
            Action::NetworkExport => "audit-action-network-export",
            Action::PeopleTable => "audit-action-people-table",
            Action::ResponseStatus => "audit-action-response-status",
            Action::NewcomerList => "audit-action-newcomer-list",
        }
    }
}

/// One entry, as the log page and `knit audit` show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: i64,
    /// UTC milliseconds.
    pub at: i64,
    /// The account's email when it acted, or "command line".
    pub actor: String,
    pub action: Action,
    /// What was looked at or changed, in words.
    pub object: String,
}

/// One page of the log, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogPage {
    pub entries: Vec<Entry>,
    pub page: usize,
    pub more: bool,
}

/// Entries on one page of the log.
pub const PER_PAGE: usize = 100;

/// What an erased person's entries say instead of naming them.
pub const ERASED: &str = "an erased person";

/// An entry's time as people read it: "2026-03-01 14:05 UTC".
pub fn when(at: i64) -> String {
    let date = crate::model::date::Date::from_days_since_epoch(at.div_euclid(86_400_000));
    let minutes = at.rem_euclid(86_400_000) / 60_000;
    format!("{} {:02}:{:02} UTC", date.iso(), minutes / 60, minutes % 60)
}

/// Who acted: an account (its id and email), or the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub id: Option<i64>,
    pub label: String,
}

impl Actor {
    pub fn command_line() -> Actor {
        Actor {
            id: None,
            label: "command line".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_through_their_stored_spelling() {
        for action in Action::ALL {
            assert_eq!(Action::from_key(action.key()), Some(action));
            assert_eq!(
                serde_json::to_string(&action).expect("json"),
                format!("\"{}\"", action.key())
            );
        }
        assert_eq!(Action::from_key("deleted"), None);
    }
}
