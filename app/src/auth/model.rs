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

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::Analyst => "People analyst",
            Role::Manager => "Manager",
        }
    }
}

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
