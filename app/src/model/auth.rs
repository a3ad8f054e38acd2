//! Account types shared by the server and the browser.

use serde::{Deserialize, Serialize};

/// What a signed-in account may do. Checked on the server for every call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// Runs the instance: accounts, settings, and everything an analyst can do.
    Admin,
    /// People analytics: the roster, surveys and person-level network results.
    Analyst,
    /// Sees their own reports and their newcomers only.
    Manager,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Analyst, Role::Manager];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Analyst => "analyst",
            Role::Manager => "manager",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }

    /// What HR's pages call it.
    pub fn label(self) -> String {
        super::catalogue::say(self.label_id())
    }

    /// Its name's message in the catalogue.
    fn label_id(self) -> &'static str {
        match self {
            Role::Admin => "role-admin",
            Role::Analyst => "role-analyst",
            Role::Manager => "role-manager",
        }
    }
}

/// How a session was signed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInMethod {
    #[default]
    Password,
    SingleSignOn,
}

impl SignInMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            SignInMethod::Password => "password",
            SignInMethod::SingleSignOn => "single_sign_on",
        }
    }

    pub fn parse(value: &str) -> SignInMethod {
        if value == SignInMethod::SingleSignOn.as_str() {
            SignInMethod::SingleSignOn
        } else {
            SignInMethod::Password
        }
    }

    /// What HR's pages call it.
    pub fn label(self) -> String {
        super::catalogue::say(match self {
            SignInMethod::Password => "sign-in-password",
            SignInMethod::SingleSignOn => "sign-in-single-sign-on",
        })
    }
}

/// A live session, as an administrator sees it on the Accounts page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    /// Names the session for ending it: the hash it is stored under, which
    /// cannot sign anyone in.
    pub handle: String,
    pub started_at: i64,
    pub last_seen_at: i64,
    pub client_address: Option<String>,
    pub user_agent: Option<String>,
    pub method: SignInMethod,
}

/// What the sign-in page offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInOptions {
    /// The button's words when single sign-on is set up ("Sign in with Okta").
    pub single_sign_on: Option<String>,
    /// Whether everyone may sign in with a password; when not, only the
    /// break-glass administrator may (behind a fold).
    pub passwords_for_everyone: bool,
    pub break_glass: bool,
}

/// Why a sign-in through the provider was refused. Each has a code for the
/// sign-in page's address and a message that says what to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SingleSignOnRefusal {
    /// No flow for this state, another browser's, or too late.
    State,
    /// The provider answered with an error (the person cancelled, say).
    Provider,
    /// The provider could not be reached or its answer not read.
    Unavailable,
    /// The ID token failed a check: signature, issuer, audience, expiry, nonce.
    Token,
    UnverifiedEmail,
    NoEmail,
    Disabled,
    NoAccount,
    /// The account with this email is linked to another subject.
    OtherSubject,
}

impl SingleSignOnRefusal {
    pub const ALL: [SingleSignOnRefusal; 9] = [
        SingleSignOnRefusal::State,
        SingleSignOnRefusal::Provider,
        SingleSignOnRefusal::Unavailable,
        SingleSignOnRefusal::Token,
        SingleSignOnRefusal::UnverifiedEmail,
        SingleSignOnRefusal::NoEmail,
        SingleSignOnRefusal::Disabled,
        SingleSignOnRefusal::NoAccount,
        SingleSignOnRefusal::OtherSubject,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SingleSignOnRefusal::State => "state",
            SingleSignOnRefusal::Provider => "provider",
            SingleSignOnRefusal::Unavailable => "unavailable",
            SingleSignOnRefusal::Token => "token",
            SingleSignOnRefusal::UnverifiedEmail => "unverified",
            SingleSignOnRefusal::NoEmail => "no-email",
            SingleSignOnRefusal::Disabled => "disabled",
            SingleSignOnRefusal::NoAccount => "no-account",
            SingleSignOnRefusal::OtherSubject => "other-subject",
        }
    }

    pub fn from_code(code: &str) -> Option<SingleSignOnRefusal> {
        SingleSignOnRefusal::ALL
            .into_iter()
            .find(|r| r.code() == code)
    }

    /// What the sign-in page says, from the catalogue.
    pub fn message(self) -> String {
        super::catalogue::say(match self {
            SingleSignOnRefusal::State => "sso-refused-state",
            SingleSignOnRefusal::Provider => "sso-refused-provider",
            SingleSignOnRefusal::Unavailable => "sso-refused-unavailable",
            SingleSignOnRefusal::Token => "sso-refused-token",
            SingleSignOnRefusal::UnverifiedEmail => "sso-refused-unverified-email",
            SingleSignOnRefusal::NoEmail => "sso-refused-no-email",
            SingleSignOnRefusal::Disabled => "sso-refused-disabled",
            SingleSignOnRefusal::NoAccount => "sso-refused-no-account",
            SingleSignOnRefusal::OtherSubject => "sso-refused-other-subject",
        })
    }
}

/// The answer to every reset request, whether or not the email has an account.
pub const RESET_REQUESTED: &str = "account-reset-requested";

/// The account behind the current session, as the UI sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// Who may do what, written once: every capability asks these, on the server.
impl CurrentUser {
    /// Accounts and the instance's settings.
    pub fn can_manage_accounts(&self) -> bool {
        self.role == Role::Admin
    }

    /// The instance's operational figures (`/metrics`, without its own address).
    pub fn can_read_metrics(&self) -> bool {
        self.role == Role::Admin
    }

    /// Import, edit, deactivate, erase and export people; the whole roster.
    pub fn can_manage_roster(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Analyst)
    }

    /// Build, open, close and remind surveys; email templates; introductions
    /// and newcomer settings.
    pub fn can_run_surveys(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Analyst)
    }

    /// Person-level network data: insight, every newcomer, who has not answered.
    pub fn can_see_individuals(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Analyst)
    }

    /// Managers see their own reports (direct and indirect) and no one else.
    pub fn sees_own_reports_only(&self) -> bool {
        self.role == Role::Manager
    }

    /// `Forbidden` unless the user may: `user.require(CurrentUser::can_run_surveys)?`.
    pub fn require(&self, may: fn(&CurrentUser) -> bool) -> Result<(), crate::error::AppError> {
        if may(self) {
            Ok(())
        } else {
            Err(crate::error::AppError::Forbidden)
        }
    }
}

/// Passwords: long enough to resist guessing, long enough for passphrases.
pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Checks a new password against the policy; the message says what to change.
pub fn check_new_password(password: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        Err(format!(
            "Password: use at least {MIN_PASSWORD_CHARS} characters (this one has {chars})."
        ))
    } else if chars > MAX_PASSWORD_CHARS {
        Err(format!(
            "Password: use at most {MAX_PASSWORD_CHARS} characters (this one has {chars})."
        ))
    } else {
        Ok(())
    }
}

/// Emails are unique regardless of case and surrounding spaces.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A light syntactic check of an email address: enough to catch typos and header
/// injection, without rejecting valid but unusual addresses.
pub fn check_email(email: &str) -> Result<(), String> {
    let email = email.trim();
    let problem = if email.is_empty() {
        Some("is empty")
    } else if email.len() > 254 {
        Some("is longer than 254 characters")
    } else if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("contains a space or control character")
    } else {
        match email.rsplit_once('@') {
            None => Some("has no @"),
            Some((local, domain)) => {
                if local.is_empty() {
                    Some("has nothing before the @")
                } else if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.')
                {
                    Some("needs a domain such as example.com after the @")
                } else if domain.contains('@') || local.contains('@') {
                    Some("has more than one @")
                } else {
                    None
                }
            }
        }
    };
    match problem {
        Some(what) => Err(format!("Email '{email}' {what}.")),
        None => Ok(()),
    }
}

/// A change an administrator (or the command line) makes to an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountChange {
    /// Sign-in is refused and its sessions end at once.
    Disable,
    Enable,
    SetRole(Role),
    /// A new password hash; every session of the account ends.
    SetPasswordHash(String),
    EndSessions,
    /// One session, by the hash it is stored under.
    EndSession(String),
    /// The roster person the account stands for; `None`: the one with its email.
    LinkPerson(Option<i64>),
    Delete,
}

/// One account as the Accounts page and `knit user list` show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    /// Sessions signed in now, the most recently active first.
    pub sessions: Vec<SessionSummary>,
    /// The roster person the account stands for (a manager's reports are theirs).
    pub roster_person: Option<RosterPerson>,
    /// Whether it may sign in with a password (and so be sent a reset link).
    pub may_use_password: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterPerson {
    pub id: i64,
    pub name: String,
    /// Linked by an administrator, not found by the account's email.
    pub explicit: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_checks() {
        assert!(check_email("ana.lima@example.com").is_ok());
        assert!(check_email("  ana@example.co.uk ").is_ok());
        for bad in [
            "",
            "ana",
            "@example.com",
            "ana@example",
            "ana@@example.com",
            "a na@x.io",
            "a@x.io\r\nBcc: b@y.io",
        ] {
            assert!(check_email(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn password_policy_counts_characters() {
        assert!(check_new_password("short").is_err());
        assert!(check_new_password("ten chars!").is_ok());
        assert!(check_new_password(&"é".repeat(64)).is_ok());
        assert!(check_new_password(&"x".repeat(257)).is_err());
    }

    #[test]
    fn only_admins_and_analysts_see_individuals_and_only_admins_manage_accounts() {
        let user = |role| CurrentUser {
            id: 1,
            email: "a@example.com".into(),
            name: "A".into(),
            role,
        };
        for role in Role::ALL {
            let u = user(role);
            let staff = role != Role::Manager;
            assert_eq!(u.can_manage_roster(), staff);
            assert_eq!(u.can_run_surveys(), staff);
            assert_eq!(u.can_see_individuals(), staff);
            assert_eq!(u.sees_own_reports_only(), !staff);
            assert_eq!(u.can_manage_accounts(), role == Role::Admin);
            assert_eq!(u.require(CurrentUser::can_see_individuals).is_ok(), staff);
        }
    }

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
