//! `knit user`: accounts from the command line, for the operator (who needs
//! no account of their own); every change goes in the audit log.

use crate::error::Error;
use app::audit::Actor;
use app::model::auth::AccountChange;
use app::model::auth::Role;
use app::store::Db;

#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Every account: email, role, whether it is disabled, and its live sessions.
    List,
    /// Refuse the account's sign-ins and end its sessions at once.
    Disable {
        email: String,
    },
    Enable {
        email: String,
    },
    /// Give the account another role: admin, analyst or manager.
    SetRole {
        email: String,
        role: String,
    },
    /// Set a new password (asked for, or read from standard input) and end every session.
    ResetPassword {
        email: String,
    },
    /// Link a manager's account to its roster person (by the person's email);
    /// without one, the roster person with the account's email counts again.
    Link {
        email: String,
        person: Option<String>,
    },
    /// Delete the account (its sessions end; the audit log keeps what it did).
    Delete {
        email: String,
    },
}

pub async fn run(
    db: &Db,
    command: UserCommand,
    password: impl FnOnce() -> Result<String, String>,
) -> Result<(), Error> {
    let actor = Actor::command_line();
    let (email, change) = match command {
        UserCommand::List => {
            // The operator is not a reader the password policy concerns.
            let everyone = app::auth::service::PasswordSignIn::Everyone;
            for u in app::auth::service::account_rows(db, &everyone).await? {
                println!(
                    "{}\t{}\t{}\t{} sessions",
                    u.email,
                    u.role.as_str(),
                    if u.disabled { "disabled" } else { "active" },
                    u.sessions.len()
                );
            }
            return Ok(());
        }
        UserCommand::ResetPassword { email } => {
            let id = app::auth::service::account_id(db, &email).await?;
            let password = password().map_err(Error::Input)?;
            let ended = app::auth::service::set_password(db, &actor, id, password).await?;
            println!("{email} has a new password; {ended} sessions ended.");
            return Ok(());
        }
        UserCommand::Disable { email } => (email, AccountChange::Disable),
        UserCommand::Enable { email } => (email, AccountChange::Enable),
        UserCommand::Delete { email } => (email, AccountChange::Delete),
        UserCommand::SetRole { email, role } => {
            let role = Role::parse(role.trim()).ok_or_else(|| {
                Error::Input(format!(
                    "'{role}' is not a role: use admin, analyst or manager."
                ))
            })?;
            (email, AccountChange::SetRole(role))
        }
        UserCommand::Link { email, person } => {
            let person = match person {
                None => None,
                Some(person) => Some(app::people::service::person_id(db, &person).await?),
            };
            (email, AccountChange::LinkPerson(person))
        }
    };
    let id = app::auth::service::account_id(db, &email).await?;
    let ended = app::auth::service::change_account(db, &actor, id, change.clone()).await?;
    let done = match change {
        AccountChange::Disable => "disabled",
        AccountChange::Enable => "enabled",
        AccountChange::Delete => "deleted",
        AccountChange::SetRole(_) => "given the new role",
        AccountChange::LinkPerson(Some(_)) => "linked to the roster person",
        AccountChange::LinkPerson(None) => "linked to the roster person with its email",
        AccountChange::SetPasswordHash(_)
        | AccountChange::EndSessions
        | AccountChange::EndSession(_) => "changed",
    };
    println!("{email}: {done}; {ended} sessions ended.");
    Ok(())
}
