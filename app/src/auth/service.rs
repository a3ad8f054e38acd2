//! Accounts, passwords and sessions: the rules, independent of HTTP.
//!
//! - Passwords: argon2id, m = 19456 KiB, t = 2, p = 1 (OWASP's first recommendation).
//! - Session ids: 256 bits from the OS CSPRNG; only their SHA-256 is stored, so a
//!   copy of the database does not let anyone sign in.
//! - Sign-in throttling counts attempts per (account, client address) and per
//!   client address before any password is checked, never locks an account
//!   against every address, runs at most a few password checks at once, and
//!   answers a wrong email and a wrong password with the same message.

use crate::cookies::SiteCookie;
use crate::error::AppError;
use crate::model::auth::{check_email, check_new_password, CurrentUser, Role, SignInMethod};
use crate::model::catalogue::{say, say_with};
use crate::model::mail::Purpose;
use crate::store::sessions::{self, NewSession};
use crate::store::users::{self, InsertUserError, NewUser};
use crate::store::{now_ms, Db};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use std::sync::LazyLock;

/// A session ends after this long without a request.
pub const SESSION_IDLE_MS: i64 = 12 * 60 * 60 * 1000;
/// A session ends this long after sign-in, however active.
pub const SESSION_ABSOLUTE_MS: i64 = 7 * 24 * 60 * 60 * 1000;
/// Activity is written back at most this often, to keep reads cheap.
const SESSION_TOUCH_EVERY_MS: i64 = 60 * 1000;

/// Sign-in attempts are counted over this window.
pub const THROTTLE_WINDOW_MS: i64 = 15 * 60 * 1000;
/// Attempts at one account from one address within the window; more are
/// refused before any password is checked. Refused attempts count too, and the
/// window grows with them (see [`pair_window_ms`]), so the wait grows for
/// whoever keeps trying; the account's owner, from another address, is not
/// held up.
pub const MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS: i64 = 5;
/// How far back attempts are kept, and the longest the window grows to.
pub const THROTTLE_MEMORY_MS: i64 = 24 * 60 * 60 * 1000;

/// The window over which attempts at one account from one address count, given
/// how many were made in the last day (this one included): 15 minutes up to
/// the first ten, then doubling with every five more, up to a day. Someone
/// who mistypes five times waits 15 minutes; a guesser who keeps going waits
/// 30, 60, 120 minutes and more.
pub fn pair_window_ms(attempts_in_a_day: i64) -> i64 {
    let doublings = ((attempts_in_a_day - 1).max(0) / MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS - 1)
        .clamp(0, 10) as u32;
    (THROTTLE_WINDOW_MS << doublings).min(THROTTLE_MEMORY_MS)
}
/// Failed attempts from one address within the window, whatever the account
/// (an office behind one NAT may share an address, hence higher).
pub const MAX_FAILURES_PER_ADDRESS: i64 = 30;
/// Password checks that run at once: argon2 takes 19 MiB and a thread each,
/// so a flood must not start them all.
const CONCURRENT_PASSWORD_CHECKS: usize = 4;
/// How long an attempt waits for a free check before it is told to retry.
const PASSWORD_CHECK_WAIT: std::time::Duration = std::time::Duration::from_secs(3);
static PASSWORD_CHECKS: tokio::sync::Semaphore =
    tokio::sync::Semaphore::const_new(CONCURRENT_PASSWORD_CHECKS);

fn hasher() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("argon2 parameters are valid constants");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes off the async runtime: argon2 is deliberately slow.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| internal("password hashing task", e))?
    .map_err(|e| internal("password hashing", e))
}

/// Checks a password against its hash, at most [`CONCURRENT_PASSWORD_CHECKS`]
/// at once; an attempt that waits too long for its turn is told to retry.
pub async fn verify_password(password: String, hash: String) -> Result<bool, AppError> {
    let _turn = tokio::time::timeout(PASSWORD_CHECK_WAIT, PASSWORD_CHECKS.acquire())
        .await
        .map_err(|_| AppError::TooManyRequests(say("refused-auth-knit-is-busy-checking-other")))?
        .map_err(|e| internal("password check queue", e))?;
    tokio::task::spawn_blocking(move || {
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return false;
        };
        hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
    .await
    .map_err(|e| internal("password verification task", e))
}

/// Verified against when the email is unknown, so both cases take the same time.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(b"not a real password", &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

fn internal(what: &str, err: impl std::fmt::Display) -> AppError {
    AppError::internal(format!("{what} failed: {err}"))
}

/// A fresh session id: 256 random bits, hex encoded.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What is stored in place of a token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A signed-in session as the request handlers see it.
#[derive(Clone, Debug)]
pub struct Session {
    pub token_hash: String,
    pub user: CurrentUser,
}

/// Who is asking: the client's address (through trusted proxies) and browser.
#[derive(Clone, Debug, Default)]
pub struct Visitor {
    pub address: Option<IpAddr>,
    pub user_agent: Option<String>,
}

impl Visitor {
    pub fn at(address: Option<IpAddr>) -> Visitor {
        Visitor {
            address,
            user_agent: None,
        }
    }

    fn origin(&self, method: SignInMethod) -> sessions::SessionOrigin {
        sessions::SessionOrigin {
            client_address: self.address.map(|a| a.to_string()),
            // Enough to tell browsers apart; a header is no place for a novel.
            user_agent: self
                .user_agent
                .as_ref()
                .map(|ua| ua.chars().take(200).collect()),
            method,
        }
    }
}

pub async fn start_session(
    db: &Db,
    user_id: i64,
    visitor: &Visitor,
    method: SignInMethod,
) -> Result<String, AppError> {
    let token = new_token();
    let now = now_ms();
    sessions::insert(
        db,
        &NewSession {
            id_hash: &hash_token(&token),
            user_id,
            now,
            expires_at: now + SESSION_ABSOLUTE_MS,
            origin: &visitor.origin(method),
        },
    )
    .await?;
    Ok(token)
}

/// Looks a session token up; `None` when unknown, expired, idle too long, or the
/// account is disabled.
pub async fn resolve_session(db: &Db, token: &str) -> Result<Option<Session>, AppError> {
    let token_hash = hash_token(token);
    let Some(found) = sessions::find(db, &token_hash).await? else {
        return Ok(None);
    };
    let now = now_ms();
    if found.expires_at <= now || found.last_seen_at + SESSION_IDLE_MS <= now || found.user.disabled
    {
        sessions::delete(db, &token_hash).await?;
        return Ok(None);
    }
    if now - found.last_seen_at >= SESSION_TOUCH_EVERY_MS {
        sessions::touch(db, &token_hash, now).await?;
    }
    Ok(Some(Session {
        token_hash,
        user: found.user.to_current(),
    }))
}

pub async fn end_session(db: &Db, token_hash: &str) -> Result<(), AppError> {
    sessions::delete(db, token_hash).await?;
    Ok(())
}

/// The throttle's key for attempts at an account from an address.
fn pair_subject(email: &str, client: Option<IpAddr>) -> String {
    let client = client.map_or_else(|| "unknown".to_string(), |ip| ip.to_string());
    format!("{}{client}", sessions::pair_prefix(email))
}

fn address_subject(ip: IpAddr) -> String {
    format!("address:{ip}")
}

/// Checks credentials and opens a new session. `previous` is the session the
/// browser already had, if any: it is ended so that the id changes at sign-in.
pub async fn sign_in(
    db: &Db,
    email: &str,
    password: String,
    visitor: &Visitor,
    previous: Option<&Session>,
) -> Result<(CurrentUser, String), AppError> {
    let now = now_ms();
    let since = now - THROTTLE_WINDOW_MS;
    let pair = pair_subject(email, visitor.address);
    let address = visitor.address.map(address_subject);
    let too_many = |window_ms: i64| {
        AppError::TooManyRequests(say_with(
            "refused-auth-too-many-failed-sign-ins",
            &[("minutes", (window_ms / 60_000).into())],
        ))
    };
    // Each attempt is written down before it is judged, in its own commit: of
    // any number sent at once, the n-th to commit counts at least n, so no
    // more than the limit ever reach the password check.
    sessions::record_login_failure(db, &pair, now).await?;
    let address_attempt = match &address {
        Some(address) => Some(sessions::record_login_failure(db, address, now).await?),
        None => None,
    };
    let in_a_day = sessions::count_login_failures(db, &pair, now - THROTTLE_MEMORY_MS).await?;
    let window = pair_window_ms(in_a_day);
    if sessions::count_login_failures(db, &pair, now - window).await?
        > MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS
    {
        return Err(too_many(window));
    }
    if let Some(address) = &address {
        if sessions::count_login_failures(db, address, since).await? > MAX_FAILURES_PER_ADDRESS {
            return Err(too_many(THROTTLE_WINDOW_MS));
        }
    }

    let user = users::find_by_email(db, email).await?;
    let hash = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.clone());
    let password_ok = verify_password(password, hash).await?;
    let user = match user {
        Some(user) if password_ok && !user.disabled => user,
        // The attempts stay written down as failures.
        _ => return Err(AppError::invalid(say("account-wrong-credentials"))),
    };
    // A good sign-in clears its account's attempts from this address, and is
    // no failure of the address.
    sessions::clear_login_failures(db, &pair).await?;
    if let Some(id) = address_attempt {
        sessions::forget_login_attempt(db, id).await?;
    }
    let token = replace_session(db, user.id, visitor, SignInMethod::Password, previous).await?;
    Ok((user.to_current(), token))
}

/// Opens a session for a signed-in account, ending the one the browser had
/// before, so that the id changes at sign-in.
pub async fn replace_session(
    db: &Db,
    user_id: i64,
    visitor: &Visitor,
    method: SignInMethod,
    previous: Option<&Session>,
) -> Result<String, AppError> {
    if let Some(previous) = previous {
        end_session(db, &previous.token_hash).await?;
    }
    start_session(db, user_id, visitor, method).await
}

fn check_account_fields(email: &str, name: &str, password: &str) -> Result<(), AppError> {
    check_email(email).map_err(AppError::Invalid)?;
    check_name(name)?;
    check_new_password(password).map_err(AppError::Invalid)
}

fn check_name(name: &str) -> Result<(), AppError> {
    if name.trim().is_empty() {
        return Err(AppError::invalid(say(
            "refused-auth-name-enter-the-name-colleagues",
        )));
    }
    if name.trim().chars().count() > 200 {
        return Err(AppError::invalid(say("refused-auth-name-use-at-most-200")));
    }
    Ok(())
}

fn insert_error(err: InsertUserError) -> AppError {
    match err {
        InsertUserError::DuplicateEmail => {
            AppError::Conflict(say("refused-auth-email-an-account-with-this"))
        }
        InsertUserError::AlreadySetUp => {
            AppError::Conflict(say("refused-auth-knit-is-already-set-up"))
        }
        InsertUserError::Database(e) => e.into(),
    }
}

/// The organization's name as Knit keeps it: one line (it goes into email
/// subjects, where a line break would end the header), at most 200 characters.
pub fn check_organization(name: &str) -> Result<&str, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::invalid(say(
            "refused-auth-organization-enter-your-organization-s",
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::invalid(say(
            "refused-auth-organization-the-name-is-one",
        )));
    }
    Ok(name)
}

/// Who makes an administrator: the two ways in, with their one difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdministratorBy {
    /// First-run setup on the web: once, with the organization's name, and the
    /// new administrator is the one the audit log names.
    FirstRun,
    /// `knit create-admin`: at any time (a way back in when every
    /// administrator is locked out), by the operator.
    Operator,
}

/// The one way an administrator is made, from the web's setup page and from
/// the command line alike: the same checks, and the account, the audit entry
/// and the organization's name saved in one transaction.
pub async fn create_administrator(
    db: &Db,
    by: AdministratorBy,
    email: &str,
    name: &str,
    password: String,
    organization: Option<&str>,
) -> Result<i64, AppError> {
    check_account_fields(email, name, &password)?;
    let organization = match (by, organization) {
        (_, Some(organization)) => Some(check_organization(organization)?),
        (AdministratorBy::FirstRun, None) => Some(check_organization("")?),
        (AdministratorBy::Operator, None) => None,
    };
    if by == AdministratorBy::FirstRun && users::setup_done(db).await? {
        return Err(insert_error(InsertUserError::AlreadySetUp));
    }
    let hash = hash_password(password).await?;
    let new_user = NewUser {
        email,
        name,
        role: Role::Admin,
        password_hash: &hash,
    };
    let mut tx = db.begin().await?;
    let id = match by {
        AdministratorBy::FirstRun => users::insert_first_admin(&mut tx, &new_user)
            .await
            .map_err(insert_error)?,
        AdministratorBy::Operator => {
            insert_account(
                &mut tx,
                Some(&crate::store::audit::Actor::command_line()),
                &new_user,
            )
            .await?
        }
    };
    if by == AdministratorBy::FirstRun {
        let text = format!("first account {} as {}", email.trim(), Role::Admin.label());
        audit_new_account(&mut tx, None, id, &new_user, &text).await?;
    }
    if let Some(organization) = organization {
        crate::store::settings::set(
            &mut *tx,
            crate::store::settings::ORGANIZATION_NAME,
            organization,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// First-run setup: creates the first administrator and signs them in.
pub async fn create_first_admin(
    db: &Db,
    organization: &str,
    email: &str,
    name: &str,
    password: String,
    visitor: &Visitor,
) -> Result<String, AppError> {
    let id = create_administrator(
        db,
        AdministratorBy::FirstRun,
        email,
        name,
        password,
        Some(organization),
    )
    .await?;
    start_session(db, id, visitor, SignInMethod::Password).await
}

/// Creates an account with any role, by an administrator or the operator.
pub async fn create_account(
    db: &Db,
    actor: &crate::store::audit::Actor,
    email: &str,
    name: &str,
    role: Role,
    password: String,
) -> Result<i64, AppError> {
    check_account_fields(email, name, &password)?;
    let hash = hash_password(password).await?;
    let (id, tx) = add_account(db, actor, email, name, role, &hash).await?;
    tx.commit().await?;
    Ok(id)
}

/// An administrator adds an account without choosing its password: it has
/// none until its owner sets one from the emailed link (7 days, once). An
/// account that signs in with single sign-on gets no link. Returns the
/// account's id and whether a link was sent.
pub async fn invite_account(
    db: &Db,
    key: &crate::mail::LinkKey,
    policy: &PasswordSignIn,
    actor: &crate::store::audit::Actor,
    email: &str,
    name: &str,
    role: Role,
) -> Result<(i64, bool), AppError> {
    check_email(email).map_err(AppError::Invalid)?;
    check_name(name)?;
    // No password: none verifies against an empty hash.
    let (id, mut tx) = add_account(db, actor, email, name, role, "").await?;
    let link = policy.allows(email);
    if link {
        issue_password_link(&mut tx, key, id, &actor.label, Purpose::AccountWelcome).await?;
    }
    tx.commit().await?;
    Ok((id, link))
}

/// Inserts an account an administrator adds, in a transaction left open for
/// what goes with it.
async fn add_account(
    db: &Db,
    actor: &crate::store::audit::Actor,
    email: &str,
    name: &str,
    role: Role,
    password_hash: &str,
) -> Result<(i64, crate::store::Tx), AppError> {
    let mut tx = db.begin().await?;
    let id = insert_account(
        &mut tx,
        Some(actor),
        &NewUser {
            email,
            name,
            role,
            password_hash,
        },
    )
    .await?;
    Ok((id, tx))
}

/// Inserts an account with its audit entry, in the caller's transaction; an
/// administrator's account also marks setup as done. `by`: who made it
/// (`None`: the account itself, at its first single sign-on).
pub(crate) async fn insert_account(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    by: Option<&crate::store::audit::Actor>,
    user: &NewUser<'_>,
) -> Result<i64, AppError> {
    let id = users::insert(&mut **tx, user).await.map_err(insert_error)?;
    if user.role == Role::Admin {
        users::mark_setup_done(&mut **tx).await?;
    }
    let mut text = format!("new account {} as {}", user.email.trim(), user.role.label());
    if by.is_none() {
        text.push_str(" at its first single sign-on");
    }
    audit_new_account(tx, by, id, user, &text).await?;
    Ok(id)
}

async fn audit_new_account(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    by: Option<&crate::store::audit::Actor>,
    id: i64,
    user: &NewUser<'_>,
    text: &str,
) -> Result<(), AppError> {
    let itself = crate::store::audit::Actor {
        id: Some(id),
        label: user.email.trim().to_string(),
    };
    crate::store::audit::record(
        &mut **tx,
        by.unwrap_or(&itself),
        crate::audit::Action::RoleChange,
        text,
        None,
    )
    .await?;
    Ok(())
}

/// An administrator's (or the command line's) change to an account, recorded
/// in the audit log as `actor`'s. Refused when it would leave no active
/// administrator. Returns how many sessions it ended.
pub async fn change_account(
    db: &Db,
    actor: &crate::store::audit::Actor,
    id: i64,
    change: users::AccountChange,
) -> Result<u64, AppError> {
    use crate::audit::Action;
    use users::AccountChange as Change;
    let account = users::find_by_id(db, id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-auth-there-is-no-such-account")))?;
    let role;
    let (action, what) = match &change {
        Change::Disable => (Action::AccountChange, "disabled"),
        Change::Enable => (Action::AccountChange, "enabled"),
        Change::SetRole(chosen) => {
            role = chosen.label();
            (Action::RoleChange, role.as_str())
        }
        Change::SetPasswordHash(_) => (Action::AccountChange, "given a new password"),
        Change::EndSessions => (Action::AccountChange, "signed out everywhere"),
        Change::EndSession(_) => (Action::AccountChange, "one session signed out"),
        Change::LinkPerson(Some(_)) => (Action::AccountChange, "linked to a roster person"),
        Change::LinkPerson(None) => (
            Action::AccountChange,
            "linked to the roster person with its email",
        ),
        Change::Delete => (Action::AccountChange, "deleted"),
    };
    let person = match &change {
        Change::LinkPerson(person) => *person,
        _ => None,
    };
    let mut tx = db.begin().await?;
    let ended = users::change(&mut tx, id, &change)
        .await
        .map_err(|e| match e {
            users::ChangeError::NoSuchAccount => {
                AppError::not_found(say("refused-auth-there-is-no-such-account"))
            }
            users::ChangeError::LastAdmin => AppError::Conflict(say_with(
                "refused-auth-is-the-last-active-administrator",
                &[("email", account.email.as_str().into())],
            )),
            users::ChangeError::Database(e) => e.into(),
        })?;
    crate::store::audit::record(
        &mut *tx,
        actor,
        action,
        &format!("account {}: {what}", account.email),
        person,
    )
    .await?;
    tx.commit().await?;
    Ok(ended)
}

/// Sets an account's password (an administrator's reset, or the command
/// line's), ending all of its sessions.
pub async fn set_password(
    db: &Db,
    actor: &crate::store::audit::Actor,
    id: i64,
    password: String,
) -> Result<u64, AppError> {
    check_new_password(&password).map_err(AppError::Invalid)?;
    let hash = hash_password(password).await?;
    change_account(db, actor, id, users::AccountChange::SetPasswordHash(hash)).await
}

/// Changes the caller's password and ends their other sessions.
pub async fn change_password(
    db: &Db,
    session: &Session,
    current: String,
    new: String,
) -> Result<u64, AppError> {
    let user = users::find_by_id(db, session.user.id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !verify_password(current, user.password_hash).await? {
        return Err(AppError::invalid(say(
            "refused-auth-current-password-this-is-not",
        )));
    }
    check_new_password(&new).map_err(|m| {
        AppError::Invalid(say_with(
            "refused-auth-new",
            &[("to-lowercase", (m.to_lowercase()).into())],
        ))
    })?;
    let hash = hash_password(new).await?;
    users::set_password_hash(db, user.id, &hash).await?;
    Ok(sessions::delete_others(db, user.id, &session.token_hash).await?)
}

/// Who may sign in with a password (`KNIT_PASSWORD_SIGN_IN`,
/// `KNIT_BREAK_GLASS_ADMIN`). With single sign-on, passwords can be turned off
/// for everyone but one administrator, kept for when the provider is down.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PasswordSignIn {
    #[default]
    Everyone,
    /// Only the account with this email (none: nobody).
    BreakGlassOnly(Option<String>),
}

impl PasswordSignIn {
    pub fn allows(&self, email: &str) -> bool {
        match self {
            PasswordSignIn::Everyone => true,
            PasswordSignIn::BreakGlassOnly(Some(key)) => users::email_key(email) == *key,
            PasswordSignIn::BreakGlassOnly(None) => false,
        }
    }

    /// The refusal for anyone else, naming the way in that is left.
    pub fn refusal(&self) -> AppError {
        AppError::invalid(say("refused-auth-password-sign-in-is-turned"))
    }
}

/// A reset link works this long after it is sent.
pub const RESET_LINK_LIFETIME_MS: i64 = 30 * 60 * 1000;

/// How long a new account's link to set its first password works.
pub const WELCOME_LINK_LIFETIME_MS: i64 = 7 * 24 * 60 * 60 * 1000;
/// Reset links sent to one account within the throttle window; more requests
/// get the same answer and no message, so a stranger cannot flood an inbox.
const MAX_RESET_LINKS_PER_ACCOUNT: i64 = 3;
/// Reset requests from one address within the window, whatever the email.
const MAX_RESET_REQUESTS_PER_ADDRESS: i64 = 10;

/// "Forgot password": queues a one-time link through the outbox when the
/// email has an enabled account that may use a password. Says nothing about
/// whether it does.
pub async fn request_password_reset(
    db: &Db,
    key: &crate::mail::LinkKey,
    policy: &PasswordSignIn,
    email: &str,
    visitor: &Visitor,
) -> Result<(), AppError> {
    let now = now_ms();
    let since = now - THROTTLE_WINDOW_MS;
    if let Some(ip) = visitor.address {
        let subject = format!("reset-{}", address_subject(ip));
        sessions::record_login_failure(db, &subject, now).await?;
        if sessions::count_login_failures(db, &subject, since).await?
            > MAX_RESET_REQUESTS_PER_ADDRESS
        {
            return Err(AppError::TooManyRequests(say_with(
                "refused-auth-too-many-reset-requests-from",
                &[("minutes", (THROTTLE_WINDOW_MS / 60_000).into())],
            )));
        }
    }
    check_email(email).map_err(AppError::Invalid)?;
    // Under the account's own throttle prefix, so erasure forgets it too.
    let account_subject = format!("{}reset", sessions::pair_prefix(email));
    sessions::record_login_failure(db, &account_subject, now).await?;
    if sessions::count_login_failures(db, &account_subject, since).await?
        > MAX_RESET_LINKS_PER_ACCOUNT
    {
        return Ok(());
    }
    match users::find_by_email(db, email).await? {
        Some(user) if !user.disabled && policy.allows(&user.email) => {
            let mut tx = db.begin().await?;
            issue_password_link(&mut tx, key, user.id, "self", Purpose::PasswordReset).await?;
            tx.commit().await?;
            Ok(())
        }
        _ => Ok(()),
    }
}

/// An administrator sends an account a reset link (audited).
pub async fn send_reset_link(
    db: &Db,
    key: &crate::mail::LinkKey,
    policy: &PasswordSignIn,
    actor: &crate::store::audit::Actor,
    id: i64,
) -> Result<(), AppError> {
    let account = users::find_by_id(db, id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-auth-there-is-no-such-account")))?;
    if account.disabled {
        return Err(AppError::Conflict(say_with(
            "refused-auth-is-disabled-enable-the-account",
            &[("email", account.email.as_str().into())],
        )));
    }
    if !policy.allows(&account.email) {
        return Err(AppError::Conflict(say_with(
            "refused-auth-signs-in-with-single-sign",
            &[("email", account.email.as_str().into())],
        )));
    }
    let mut tx = db.begin().await?;
    issue_password_link(&mut tx, key, id, &actor.label, Purpose::PasswordReset).await?;
    crate::store::audit::record(
        &mut *tx,
        actor,
        crate::audit::Action::AccountChange,
        &format!(
            "account {}: sent a link to set a new password",
            account.email
        ),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A one-time link to set a password, queued in `purpose`'s message (a reset
/// lives 30 minutes, a new account's welcome 7 days). 256 random bits of
/// seed; the link's token is derived from it with the link key, and only the
/// token's hash can find the link again.
async fn issue_password_link(
    tx: &mut crate::store::Tx,
    key: &crate::mail::LinkKey,
    user_id: i64,
    requested_by: &str,
    purpose: Purpose,
) -> Result<(), AppError> {
    let seed = new_token();
    let token = key.password_reset_token(&seed);
    let lifetime = if purpose == Purpose::AccountWelcome {
        WELCOME_LINK_LIFETIME_MS
    } else {
        RESET_LINK_LIFETIME_MS
    };
    crate::store::password_resets::create(
        tx,
        &crate::store::password_resets::NewReset {
            user_id,
            token_hash: &hash_token(&token),
            seed: &seed,
            requested_by,
            expires_at: now_ms() + lifetime,
            purpose,
        },
    )
    .await?;
    Ok(())
}

/// Whether a reset link can still be used (for the page that opens it).
pub async fn reset_link_usable(db: &Db, token: &str) -> Result<bool, AppError> {
    Ok(
        crate::store::password_resets::usable(db, &hash_token(token), now_ms())
            .await?
            .is_some(),
    )
}

/// Sets a new password with a reset link: once, within its lifetime. Every
/// session of the account ends. Returns the account's email.
pub async fn reset_password(db: &Db, token: &str, password: String) -> Result<String, AppError> {
    let token_hash = hash_token(token);
    if crate::store::password_resets::usable(db, &token_hash, now_ms())
        .await?
        .is_none()
    {
        return Err(AppError::invalid(say("account-reset-link-dead")));
    }
    check_new_password(&password).map_err(|m| {
        AppError::Invalid(say_with(
            "refused-auth-new",
            &[("to-lowercase", (m.to_lowercase()).into())],
        ))
    })?;
    let hash = hash_password(password).await?;
    let mut tx = db.begin().await?;
    let user = crate::store::password_resets::redeem(&mut tx, &token_hash, &hash, now_ms())
        .await?
        .ok_or_else(|| AppError::invalid(say("account-reset-link-dead")))?;
    let account = users::find_by_id_in(&mut *tx, user)
        .await?
        .ok_or_else(|| AppError::invalid(say("account-reset-link-dead")))?;
    let actor = crate::store::audit::Actor {
        id: Some(account.id),
        label: account.email.clone(),
    };
    crate::store::audit::record(
        &mut *tx,
        &actor,
        crate::audit::Action::AccountChange,
        &format!(
            "account {}: new password set with a reset link",
            account.email
        ),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(account.email)
}

/// Every account with its live sessions and its roster person, for the
/// Accounts page and `knit user list`.
pub async fn account_rows(
    db: &Db,
    password_sign_in: &PasswordSignIn,
) -> Result<Vec<crate::model::auth::AccountRow>, AppError> {
    use crate::model::auth::{AccountRow, RosterPerson};
    let accounts = users::list(db).await?;
    let mut sessions = sessions::live_by_account(db, now_ms()).await?;
    let roster = users::roster_people(db).await?;
    Ok(accounts
        .into_iter()
        .map(|u| AccountRow {
            sessions: sessions.remove(&u.id).unwrap_or_default(),
            roster_person: roster.get(&u.id).map(|link| RosterPerson {
                id: link.person_id,
                name: link.name.clone(),
                explicit: link.explicit,
            }),
            may_use_password: password_sign_in.allows(&u.email),
            id: u.id,
            name: u.name,
            email: u.email,
            role: u.role,
            disabled: u.disabled,
        })
        .collect())
}

/// The account with this email; the message says there is none.
pub async fn account_id(db: &Db, email: &str) -> Result<i64, AppError> {
    users::find_by_email(db, email)
        .await?
        .map(|u| u.id)
        .ok_or_else(|| {
            AppError::not_found(say_with(
                "refused-auth-there-is-no-account-with",
                &[("email", email.into())],
            ))
        })
}

/// Removes what has expired: sessions (past their end, or idle too long),
/// sign-in failures older than the throttle remembers, used or expired reset
/// links, and abandoned single sign-ons. Runs every hour.
pub async fn sweep_expired(db: &Db, now: i64) -> Result<(), AppError> {
    let removed = sessions::delete_expired(db, now, now - SESSION_IDLE_MS).await?;
    if removed > 0 {
        tracing::info!(removed, "expired sessions removed");
    }
    sessions::delete_old_login_failures(db, now - THROTTLE_MEMORY_MS).await?;
    crate::store::password_resets::delete_old(db, now).await?;
    crate::store::single_sign_on::delete_expired_flows(db, now).await?;
    Ok(())
}

/// The Set-Cookie value for a new session.
pub fn session_cookie(token: &str, secure: bool) -> String {
    SiteCookie::Session.set(token, SESSION_ABSOLUTE_MS / 1000, secure)
}

/// The Set-Cookie value that removes the session cookie.
pub fn cleared_session_cookie(secure: bool) -> String {
    SiteCookie::Session.clear(secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_grows_for_whoever_keeps_trying() {
        let minutes = |n| pair_window_ms(n) / 60_000;
        assert_eq!([minutes(1), minutes(6), minutes(10)], [15, 15, 15]);
        assert_eq!([minutes(11), minutes(16), minutes(21)], [30, 60, 120]);
        assert_eq!(minutes(1_000), 24 * 60, "never more than a day");
    }

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let a = new_token();
        let b = new_token();
        assert_eq!(a.len(), 64, "256 bits in hex");
        assert_ne!(a, b);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_ne!(hash_token(&a), a);
    }

    #[tokio::test]
    async fn argon2id_with_the_required_parameters() {
        let hash = hash_password("correct horse battery".into())
            .await
            .expect("hash");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            verify_password("correct horse battery".into(), hash.clone())
                .await
                .expect("verify")
        );
        assert!(!verify_password("wrong horse battery".into(), hash)
            .await
            .expect("verify"));
    }
}
