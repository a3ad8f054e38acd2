//! Mail's data: why a message is sent, delivery counts, reminder rounds, templates.

use crate::model::catalogue::say;
use serde::{Deserialize, Serialize};

/// Why a message is sent. With the wave, the person and the round it forms the
/// outbox's unique key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Purpose {
    Invitation,
    Reminder,
    /// A newcomer's pulse: the invitation to its two questions.
    Pulse,
    /// Colleagues a newcomer should meet, with a link to their page.
    Introductions,
    /// The same introductions, for the newcomer's manager (no personal link).
    ManagerCopy,
    /// To a colleague introduced to a newcomer: they may reach out.
    HeadsUp,
    /// To a newcomer some days after a round: did you meet them?
    DidYouMeet,
    /// A one-time link to set a new password, to an account (not a roster person).
    PasswordReset,
    /// To a new account: a one-time link to set its first password.
    AccountWelcome,
}

impl Purpose {
    pub const ALL: [Purpose; 9] = [
        Purpose::Invitation,
        Purpose::Reminder,
        Purpose::Pulse,
        Purpose::Introductions,
        Purpose::ManagerCopy,
        Purpose::HeadsUp,
        Purpose::DidYouMeet,
        Purpose::PasswordReset,
        Purpose::AccountWelcome,
    ];

    /// The messages whose wording HR edits. A password reset keeps Knit's
    /// wording: whoever edits templates must not be able to reword (or
    /// redirect) a message that lets someone set a password.
    pub const HR_TEMPLATES: [Purpose; 7] = [
        Purpose::Invitation,
        Purpose::Reminder,
        Purpose::Pulse,
        Purpose::Introductions,
        Purpose::ManagerCopy,
        Purpose::HeadsUp,
        Purpose::DidYouMeet,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::Reminder => "reminder",
            Purpose::Pulse => "pulse",
            Purpose::Introductions => "introductions",
            Purpose::ManagerCopy => "manager_copy",
            Purpose::HeadsUp => "heads_up",
            Purpose::DidYouMeet => "did_you_meet",
            Purpose::PasswordReset => "password_reset",
            Purpose::AccountWelcome => "account_welcome",
        }
    }

    pub fn from_key(key: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.key() == key)
    }

    /// A template named by a form field.
    pub fn param(key: &str) -> Result<Purpose, crate::error::AppError> {
        Purpose::HR_TEMPLATES
            .into_iter()
            .find(|p| p.key() == key)
            .ok_or_else(|| {
                crate::error::AppError::not_found(say("refused-model-there-is-no-such-message"))
            })
    }

    /// Whether the message is about a survey wave (and its personal link).
    pub fn about_a_wave(self) -> bool {
        matches!(
            self,
            Purpose::Invitation | Purpose::Reminder | Purpose::Pulse
        )
    }

    /// What HR's pages call it.
    pub fn label(self) -> String {
        super::catalogue::say(self.label_id())
    }

    /// Its name's message in the catalogue.
    fn label_id(self) -> &'static str {
        match self {
            Purpose::Invitation => "purpose-invitation",
            Purpose::Reminder => "purpose-reminder",
            Purpose::Pulse => "purpose-pulse",
            Purpose::Introductions => "purpose-introductions",
            Purpose::ManagerCopy => "purpose-manager-copy",
            Purpose::HeadsUp => "purpose-heads-up",
            Purpose::DidYouMeet => "purpose-did-you-meet",
            Purpose::PasswordReset => "purpose-password-reset",
            Purpose::AccountWelcome => "purpose-account-welcome",
        }
    }
}

/// How many messages of a wave are in each state, for HR.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryCounts {
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
    pub bounced: i64,
    pub cancelled: i64,
}

/// A reminder round: who had not answered when it was queued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderRound {
    pub round: i64,
    /// The day after opening it was scheduled for; `None`: sent on demand.
    pub scheduled_day: Option<i64>,
    pub created_at: i64,
    pub queued: i64,
}

/// What HR sees of a wave's email.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveDelivery {
    pub counts: DeliveryCounts,
    pub failures: Vec<DeliveryFailure>,
    pub reminders: Vec<ReminderRound>,
    pub invited: i64,
    pub opened: i64,
    pub answered: i64,
}

/// A message that did not arrive, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryFailure {
    pub person_id: i64,
    pub name: String,
    pub address: String,
    pub purpose: String,
    pub status: String,
    pub attempts: i64,
    pub reason: String,
}

/// A message's wording as HR edited it; rendering lives in `crate::mail::template`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub subject: String,
    pub body: String,
}

/// A message's wording as the wording page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub purpose: Purpose,
    pub template: Template,
    pub edited: bool,
}

/// The wording HR edits in one language, and the organization's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditedWording {
    pub language: crate::model::language::Language,
    pub organization: crate::model::language::Language,
    pub templates: Vec<TemplateView>,
}
