//! Settings in layers: built-in defaults, then an optional `knit.toml`, then
//! environment variables. Every value is checked at start; a bad one stops Knit
//! with a message that names the setting, where it came from, and what is allowed.

use serde::Deserialize;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// Where `/metrics` is served on its own (`KNIT_METRICS_LISTEN`); `None`:
    /// on the main address, to admins only.
    pub metrics_listen: Option<SocketAddr>,
    pub data_dir: PathBuf,
    pub database_url: String,
    /// The base of links in emails, without a trailing slash.
    pub public_url: String,
    /// `None`: email is written as .eml files to [`Config::outbox_dir`].
    pub smtp_url: Option<String>,
    /// The folder holding the compiled client (`pkg/`).
    pub site_root: PathBuf,
    pub mail: MailConfig,
    /// The personal-link key (64 hex digits); `None`: kept in `<data>/link.key`.
    pub link_key: Option<String>,
    /// Role thresholds for the analysis (from a TOML file), or the defaults.
    pub role_thresholds: analysis::RoleThresholds,
    /// The smallest group non-analysts see figures of, and how long answers are kept.
    pub privacy: app::privacy::Privacy,
    /// Proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: app::auth::client::TrustedProxies,
    /// The OpenID provider for single sign-on, if one is set up.
    pub single_sign_on: Option<SingleSignOnConfig>,
    /// Who may sign in with a password.
    pub password_sign_in: app::auth::service::PasswordSignIn,
    /// The configuration file that was read, if any.
    pub file: Option<PathBuf>,
}

/// Single sign-on settings (`KNIT_OIDC_*`).
#[derive(Clone)]
pub struct SingleSignOnConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    /// The role a verified email with no account gets; `None`: refused.
    pub new_accounts: Option<app::auth::model::Role>,
    pub label: String,
    pub require_verified_email: bool,
}

impl fmt::Debug for SingleSignOnConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SingleSignOnConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "***"))
            .field("new_accounts", &self.new_accounts)
            .field("label", &self.label)
            .field("require_verified_email", &self.require_verified_email)
            .finish()
    }
}

/// How the outbox worker sends.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// The From header, e.g. `Acme People Team <people@acme.example>`.
    pub from: String,
    /// Messages per second at most; 0 means no limit.
    pub rate: f64,
    /// SMTP connections kept open and used at once.
    pub connections: u32,
    /// Tries before a temporarily failing message is marked failed.
    pub max_attempts: i64,
    /// The first retry's delay; each next one doubles (with jitter).
    pub retry_base_ms: i64,
    /// How long a worker holds a message it is sending before another may take it.
    pub lease_ms: i64,
}

impl Config {
    pub fn link_key_file(&self) -> PathBuf {
        self.data_dir.join("link.key")
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The effective settings for the start-up banner, secrets redacted.
    pub fn describe(&self) -> String {
        let email = match &self.smtp_url {
            Some(url) => format!("SMTP via {}", app::store::redact_url(url)),
            None => format!(
                "written to {} (KNIT_SMTP_URL is not set)",
                self.outbox_dir().display()
            ),
        };
        let metrics = match self.metrics_listen {
            Some(address) => format!(" (metrics at http://{address}/metrics)"),
            None => " (metrics at /metrics, for admins)".into(),
        };
        let file = match &self.file {
            Some(path) => path.display().to_string(),
            None => "none (defaults and environment)".to_string(),
        };
        format!(
            "  config file   {file}\n  listen        http://{}{metrics}\n  public url    {}\n  data dir      {}\n  database      {}\n  email         {email}\n  email from    {}\n  email pace    {} per second, {} connections, {} tries\n  privacy       figures from at least {} people outside the analysts; answers kept {} days\n  site root     {}",
            self.listen,
            self.public_url,
            self.data_dir.display(),
            app::store::redact_url(&self.database_url),
            self.mail.from,
            if self.mail.rate > 0.0 { self.mail.rate.to_string() } else { "no limit".into() },
            self.mail.connections,
            self.mail.max_attempts,
            self.privacy.min_group,
            self.privacy.retention_days,
            self.site_root.display(),
        )
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("metrics_listen", &self.metrics_listen)
            .field("data_dir", &self.data_dir)
            .field("database_url", &app::store::redact_url(&self.database_url))
            .field("public_url", &self.public_url)
            .field(
                "smtp_url",
                &self.smtp_url.as_deref().map(app::store::redact_url),
            )
            .field("site_root", &self.site_root)
            .field("mail", &self.mail)
            .field("link_key", &self.link_key.as_ref().map(|_| "***"))
            .field("single_sign_on", &self.single_sign_on)
            .field("password_sign_in", &self.password_sign_in)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

/// The keys of `knit.toml`; each matches an environment variable.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    listen: Option<String>,
    metrics_listen: Option<String>,
    data_dir: Option<String>,
    database_url: Option<String>,
    public_url: Option<String>,
    smtp_url: Option<String>,
    site_root: Option<String>,
    mail_from: Option<String>,
    mail_rate: Option<String>,
    mail_connections: Option<String>,
    mail_max_attempts: Option<String>,
    mail_retry_seconds: Option<String>,
    mail_lease_seconds: Option<String>,
    link_key: Option<String>,
    role_thresholds: Option<String>,
    min_group_size: Option<String>,
    retention_days: Option<String>,
    trusted_proxies: Option<String>,
    oidc_issuer: Option<String>,
    oidc_client_id: Option<String>,
    oidc_client_secret: Option<String>,
    oidc_new_accounts: Option<String>,
    oidc_label: Option<String>,
    oidc_require_verified_email: Option<String>,
    password_sign_in: Option<String>,
    break_glass_admin: Option<String>,
}

/// A raw value and where it came from, for error messages.
struct Raw {
    value: String,
    origin: String,
}

struct Layered {
    file: FileSettings,
    file_name: String,
}

impl Layered {
    fn get(
        &self,
        env: &dyn Fn(&str) -> Option<String>,
        key: &str,
        var: &str,
        from_file: Option<&String>,
    ) -> Option<Raw> {
        if let Some(value) = env(var) {
            return Some(Raw {
                value,
                origin: format!("environment variable {var}"),
            });
        }
        from_file.map(|value| Raw {
            value: value.clone(),
            origin: format!("'{key}' in {}", self.file_name),
        })
    }
}

const DEFAULT_LISTEN: &str = "127.0.0.1:3000";
const DEFAULT_DATA_DIR: &str = "./data";
const DEFAULT_SITE_ROOT: &str = "target/site";

/// Loads the configuration. `file` is an explicit path (`--config`/`KNIT_CONFIG`);
/// without it `./knit.toml` is read when present.
pub fn load(
    file: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Config, ConfigError> {
    let (file_settings, file_used) = read_file(file)?;
    let layers = Layered {
        file: file_settings,
        file_name: file_used
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
    };
    let f = &layers.file;

    let address = |raw: Raw| {
        raw.value.trim().parse::<SocketAddr>().map_err(|_| {
            ConfigError(format!(
                "{}: '{}' is not an address to listen on. Use IP:PORT, for example 127.0.0.1:3000 or 0.0.0.0:8080.",
                raw.origin, raw.value
            ))
        })
    };
    let listen = match layers.get(env, "listen", "KNIT_LISTEN", f.listen.as_ref()) {
        Some(raw) => address(raw)?,
        None => DEFAULT_LISTEN
            .parse()
            .map_err(|_| ConfigError("default listen address".into()))?,
    };
    let metrics_listen = layers
        .get(
            env,
            "metrics_listen",
            "KNIT_METRICS_LISTEN",
            f.metrics_listen.as_ref(),
        )
        .map(address)
        .transpose()?;
    if metrics_listen == Some(listen) {
        return Err(ConfigError(format!(
            "KNIT_METRICS_LISTEN: {listen} is also KNIT_LISTEN. Give the metrics another port, or leave it unset to serve /metrics to admins on the main address."
        )));
    }

    let data_dir = match layers.get(env, "data_dir", "KNIT_DATA_DIR", f.data_dir.as_ref()) {
        Some(raw) if raw.value.trim().is_empty() => {
            return Err(ConfigError(format!(
                "{}: is empty. Give a folder for Knit's data, for example ./data.",
                raw.origin
            )))
        }
        Some(raw) => PathBuf::from(raw.value.trim()),
        None => PathBuf::from(DEFAULT_DATA_DIR),
    };

    let database_url = match layers.get(
        env,
        "database_url",
        "DATABASE_URL",
        f.database_url.as_ref(),
    ) {
        Some(raw) => {
            let value = raw.value.trim().to_string();
            app::store::Backend::from_url(&value).map_err(|_| {
                ConfigError(format!(
                    "{}: '{}' is not a supported database. Use sqlite://PATH (for example sqlite://./data/knit.db) or postgres://USER@HOST:PORT/DATABASE.",
                    raw.origin,
                    app::store::redact_url(&value)
                ))
            })?;
            value
        }
        None => format!("sqlite://{}", data_dir.join("knit.db").display()),
    };

    let public_url = match layers.get(env, "public_url", "KNIT_PUBLIC_URL", f.public_url.as_ref()) {
        Some(raw) => {
            let value = raw.value.trim().trim_end_matches('/').to_string();
            let host = value
                .strip_prefix("https://")
                .or_else(|| value.strip_prefix("http://"));
            match host {
                Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => value,
                _ => {
                    return Err(ConfigError(format!(
                        "{}: '{}' is not a web address. Use the address people open Knit at, for example https://knit.example.com.",
                        raw.origin, raw.value
                    )))
                }
            }
        }
        None => format!("http://{listen}"),
    };

    let smtp_url = match layers.get(env, "smtp_url", "KNIT_SMTP_URL", f.smtp_url.as_ref()) {
        Some(raw) if raw.value.trim().is_empty() => None,
        Some(raw) => {
            let value = raw.value.trim().to_string();
            let ok = ["smtp://", "smtps://"]
                .iter()
                .any(|scheme| value.starts_with(scheme) && value.len() > scheme.len());
            if !ok {
                return Err(ConfigError(format!(
                    "{}: '{}' is not an SMTP server address. Use smtp://USER:PASSWORD@HOST:587?tls=required (STARTTLS), smtps://USER:PASSWORD@HOST:465 (TLS) or smtp://HOST:25 (plain), or leave it unset to write email to the outbox folder.",
                    raw.origin,
                    app::store::redact_url(&value)
                )));
            }
            Some(value)
        }
        None => None,
    };

    let site_root = layers
        .get(env, "site_root", "KNIT_SITE_ROOT", f.site_root.as_ref())
        .map(|raw| PathBuf::from(raw.value.trim()))
        .unwrap_or_else(|| PathBuf::from(DEFAULT_SITE_ROOT));

    let host = public_url
        .split("://")
        .nth(1)
        .unwrap_or("localhost")
        .split([':', '/'])
        .next()
        .unwrap_or("localhost");
    let from = match layers.get(env, "mail_from", "KNIT_MAIL_FROM", f.mail_from.as_ref()) {
        Some(raw) => {
            let value = raw.value.trim().to_string();
            if value.parse::<lettre::message::Mailbox>().is_err() {
                return Err(ConfigError(format!(
                    "{}: '{}' is not an email sender. Use an address, optionally with a name: People Team <people@example.com>.",
                    raw.origin, value
                )));
            }
            value
        }
        None => format!("Knit <knit@{host}>"),
    };
    let number = |key: &str,
                  var: &str,
                  value: Option<&String>,
                  min: f64,
                  max: f64,
                  default: f64|
     -> Result<f64, ConfigError> {
        match layers.get(env, key, var, value) {
            Some(raw) => match raw.value.trim().parse::<f64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(ConfigError(format!(
                    "{}: '{}' is not a number from {min} to {max}.",
                    raw.origin, raw.value
                ))),
            },
            None => Ok(default),
        }
    };
    let mail = MailConfig {
        from,
        rate: number(
            "mail_rate",
            "KNIT_MAIL_RATE",
            f.mail_rate.as_ref(),
            0.0,
            100_000.0,
            20.0,
        )?,
        connections: number(
            "mail_connections",
            "KNIT_MAIL_CONNECTIONS",
            f.mail_connections.as_ref(),
            1.0,
            64.0,
            4.0,
        )? as u32,
        max_attempts: number(
            "mail_max_attempts",
            "KNIT_MAIL_MAX_ATTEMPTS",
            f.mail_max_attempts.as_ref(),
            1.0,
            50.0,
            8.0,
        )? as i64,
        retry_base_ms: (number(
            "mail_retry_seconds",
            "KNIT_MAIL_RETRY_SECONDS",
            f.mail_retry_seconds.as_ref(),
            0.01,
            86_400.0,
            60.0,
        )? * 1000.0) as i64,
        lease_ms: (number(
            "mail_lease_seconds",
            "KNIT_MAIL_LEASE_SECONDS",
            f.mail_lease_seconds.as_ref(),
            1.0,
            86_400.0,
            300.0,
        )? * 1000.0) as i64,
    };

    let defaults = app::privacy::Privacy::default();
    let privacy = app::privacy::Privacy {
        min_group: number(
            "min_group_size",
            "KNIT_MIN_GROUP_SIZE",
            f.min_group_size.as_ref(),
            app::privacy::MIN_GROUP_FLOOR as f64,
            1000.0,
            defaults.min_group as f64,
        )? as usize,
        retention_days: number(
            "retention_days",
            "KNIT_RETENTION_DAYS",
            f.retention_days.as_ref(),
            30.0,
            3650.0,
            defaults.retention_days as f64,
        )? as i64,
    };

    let trusted_proxies = match layers.get(
        env,
        "trusted_proxies",
        "KNIT_TRUSTED_PROXIES",
        f.trusted_proxies.as_ref(),
    ) {
        Some(raw) => app::auth::client::TrustedProxies::parse(&raw.value)
            .map_err(|e| ConfigError(format!("{}: {e}.", raw.origin)))?,
        None => app::auth::client::TrustedProxies::default(),
    };

    let single_sign_on = single_sign_on(&layers, env)?;
    let password_sign_in = password_sign_in(&layers, env, single_sign_on.is_some())?;

    let link_key = match layers.get(env, "link_key", "KNIT_LINK_KEY", f.link_key.as_ref()) {
        Some(raw) => {
            if app::mail::LinkKey::from_hex(&raw.value).is_none() {
                return Err(ConfigError(format!(
                    "{}: is not a link key. Use 64 hex digits, the content of data/link.key on the first instance (every instance sharing a database needs the same key).",
                    raw.origin
                )));
            }
            Some(raw.value.trim().to_string())
        }
        None => None,
    };

    let role_thresholds = match layers.get(
        env,
        "role_thresholds",
        "KNIT_ROLE_THRESHOLDS",
        f.role_thresholds.as_ref(),
    ) {
        Some(raw) => {
            let path = raw.value.trim();
            let text = std::fs::read_to_string(path)
                .map_err(|e| ConfigError(format!("{}: cannot read '{path}' ({e}).", raw.origin)))?;
            toml::from_str::<analysis::RoleThresholds>(&text).map_err(|e| {
                ConfigError(format!("{}: '{path}' is not a set of role thresholds: {e}The fields and their defaults are in the README (Network analysis).", raw.origin))
            })?
        }
        None => analysis::RoleThresholds::default(),
    };

    Ok(Config {
        listen,
        metrics_listen,
        data_dir,
        database_url,
        public_url,
        smtp_url,
        site_root,
        mail,
        link_key,
        role_thresholds,
        privacy,
        trusted_proxies,
        single_sign_on,
        password_sign_in,
        file: file_used,
    })
}

fn single_sign_on(
    layers: &Layered,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<SingleSignOnConfig>, ConfigError> {
    let f = &layers.file;
    let text = |key: &str, var: &str, value: Option<&String>| {
        layers
            .get(env, key, var, value)
            .map(|raw| (raw.value.trim().to_string(), raw.origin))
            .filter(|(value, _)| !value.is_empty())
    };
    let Some((issuer, origin)) = text("oidc_issuer", "KNIT_OIDC_ISSUER", f.oidc_issuer.as_ref())
    else {
        return Ok(None);
    };
    if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
        return Err(ConfigError(format!(
            "{origin}: '{issuer}' is not an issuer URL. Use the provider's issuer, e.g. https://login.example.com/realms/acme."
        )));
    }
    let (client_id, _) = text(
        "oidc_client_id",
        "KNIT_OIDC_CLIENT_ID",
        f.oidc_client_id.as_ref(),
    )
    .ok_or_else(|| {
        ConfigError(format!(
            "KNIT_OIDC_CLIENT_ID: single sign-on ({origin}) needs the client id Knit is registered under at the provider."
        ))
    })?;
    let client_secret = text(
        "oidc_client_secret",
        "KNIT_OIDC_CLIENT_SECRET",
        f.oidc_client_secret.as_ref(),
    )
    .map(|(secret, _)| secret);
    let new_accounts = match text(
        "oidc_new_accounts",
        "KNIT_OIDC_NEW_ACCOUNTS",
        f.oidc_new_accounts.as_ref(),
    ) {
        None => None,
        Some((value, _)) if value == "refuse" => None,
        Some((value, origin)) => match app::auth::model::Role::parse(&value) {
            Some(role) if role != app::auth::model::Role::Admin => Some(role),
            _ => {
                return Err(ConfigError(format!(
                    "{origin}: '{value}' is not allowed. Use refuse (the default: only people with an account sign in), manager or analyst; administrators are made by hand."
                )))
            }
        },
    };
    let label = text("oidc_label", "KNIT_OIDC_LABEL", f.oidc_label.as_ref())
        .map(|(label, _)| label)
        .unwrap_or_else(|| "Sign in with your company account".to_string());
    let require_verified_email = match text(
        "oidc_require_verified_email",
        "KNIT_OIDC_REQUIRE_VERIFIED_EMAIL",
        f.oidc_require_verified_email.as_ref(),
    ) {
        None => true,
        Some((value, origin)) => match value.as_str() {
            "true" | "yes" | "on" => true,
            "false" | "no" | "off" => false,
            _ => {
                return Err(ConfigError(format!(
                    "{origin}: '{value}' is not true or false."
                )))
            }
        },
    };
    Ok(Some(SingleSignOnConfig {
        issuer,
        client_id,
        client_secret,
        new_accounts,
        label,
        require_verified_email,
    }))
}

fn password_sign_in(
    layers: &Layered,
    env: &dyn Fn(&str) -> Option<String>,
    single_sign_on: bool,
) -> Result<app::auth::service::PasswordSignIn, ConfigError> {
    use app::auth::service::PasswordSignIn;
    let f = &layers.file;
    let break_glass = match layers.get(
        env,
        "break_glass_admin",
        "KNIT_BREAK_GLASS_ADMIN",
        f.break_glass_admin.as_ref(),
    ) {
        Some(raw) if !raw.value.trim().is_empty() => {
            app::auth::model::check_email(raw.value.trim())
                .map_err(|e| ConfigError(format!("{}: {e}", raw.origin)))?;
            Some(app::store::users::email_key(&raw.value))
        }
        _ => None,
    };
    match layers.get(
        env,
        "password_sign_in",
        "KNIT_PASSWORD_SIGN_IN",
        f.password_sign_in.as_ref(),
    ) {
        None => Ok(PasswordSignIn::Everyone),
        Some(raw) => match raw.value.trim() {
            "on" | "" => Ok(PasswordSignIn::Everyone),
            "off" if !single_sign_on => Err(ConfigError(format!(
                "{}: 'off' needs single sign-on (KNIT_OIDC_ISSUER), or no one could sign in.",
                raw.origin
            ))),
            "off" => Ok(PasswordSignIn::BreakGlassOnly(break_glass)),
            other => Err(ConfigError(format!(
                "{}: '{other}' is not on or off. With off, only KNIT_BREAK_GLASS_ADMIN signs in with a password.",
                raw.origin
            ))),
        },
    }
}

fn read_file(explicit: Option<&Path>) -> Result<(FileSettings, Option<PathBuf>), ConfigError> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => {
            let default = PathBuf::from("knit.toml");
            if !default.exists() {
                return Ok((FileSettings::default(), None));
            }
            default
        }
    };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        ConfigError(format!(
            "Configuration file {}: cannot be read ({e}).",
            path.display()
        ))
    })?;
    let settings = toml::from_str::<FileSettings>(&text).map_err(|e| {
        ConfigError(format!(
            "Configuration file {}: {}Allowed keys: listen, metrics_listen, data_dir, database_url, public_url, smtp_url, site_root, mail_from, mail_rate, mail_connections, mail_max_attempts, mail_retry_seconds, mail_lease_seconds, link_key, role_thresholds, min_group_size, retention_days, trusted_proxies, oidc_issuer, oidc_client_id, oidc_client_secret, oidc_new_accounts, oidc_label, oidc_require_verified_email, password_sign_in, break_glass_admin.",
            path.display(),
            e
        ))
    })?;
    Ok((settings, Some(path)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load_with(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        load(None, &move |k| map.get(k).cloned())
    }

    #[test]
    fn defaults() {
        let c = load_with(&[]).expect("defaults load");
        assert_eq!(c.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(c.data_dir, PathBuf::from("./data"));
        assert_eq!(c.database_url, "sqlite://./data/knit.db");
        assert_eq!(c.public_url, "http://127.0.0.1:3000");
        assert!(c.smtp_url.is_none());
        assert_eq!(c.outbox_dir(), PathBuf::from("./data/outbox"));
        assert_eq!(c.privacy, app::privacy::Privacy::default());
    }

    #[test]
    fn the_smallest_group_is_at_least_three_people() {
        let c = load_with(&[("KNIT_MIN_GROUP_SIZE", "8"), ("KNIT_RETENTION_DAYS", "365")])
            .expect("loads");
        assert_eq!((c.privacy.min_group, c.privacy.retention_days), (8, 365));
        let err =
            load_with(&[("KNIT_TRUSTED_PROXIES", "10.0.0.0/8, proxy")]).expect_err("rejected");
        assert!(
            err.0.contains("KNIT_TRUSTED_PROXIES") && err.0.contains("'proxy'"),
            "{}",
            err.0
        );
        let err = load_with(&[("KNIT_MIN_GROUP_SIZE", "2")]).expect_err("rejected");
        assert!(
            err.0.contains("KNIT_MIN_GROUP_SIZE") && err.0.contains("from 3"),
            "{}",
            err.0
        );
    }

    #[test]
    fn environment_overrides() {
        let c = load_with(&[
            ("KNIT_LISTEN", "0.0.0.0:8080"),
            ("KNIT_DATA_DIR", "/var/lib/knit"),
            ("KNIT_PUBLIC_URL", "https://knit.example.com/"),
            (
                "KNIT_SMTP_URL",
                "smtp://mailer:pw@mail.example.com:587?tls=required",
            ),
        ])
        .expect("loads");
        assert_eq!(c.listen.port(), 8080);
        assert_eq!(c.database_url, "sqlite:///var/lib/knit/knit.db");
        assert_eq!(c.public_url, "https://knit.example.com");
        assert!(c.secure_cookies());
        let banner = c.describe();
        assert!(banner.contains("mailer:***@mail.example.com"), "{banner}");
        assert!(!banner.contains("pw@"), "{banner}");
    }

    #[test]
    fn bad_values_name_the_setting() {
        let err = load_with(&[("KNIT_LISTEN", "localhost")]).expect_err("rejected");
        assert!(
            err.0.contains("KNIT_LISTEN") && err.0.contains("IP:PORT"),
            "{}",
            err.0
        );
        let err = load_with(&[("DATABASE_URL", "mysql://root:pw@db/knit")]).expect_err("rejected");
        assert!(
            err.0.contains("DATABASE_URL") && err.0.contains("sqlite://"),
            "{}",
            err.0
        );
        assert!(!err.0.contains("pw@"), "password leaked: {}", err.0);
        let err = load_with(&[("KNIT_PUBLIC_URL", "knit.example.com")]).expect_err("rejected");
        assert!(err.0.contains("KNIT_PUBLIC_URL"), "{}", err.0);
        let err = load_with(&[("KNIT_SMTP_URL", "mail.example.com")]).expect_err("rejected");
        assert!(
            err.0.contains("KNIT_SMTP_URL") && err.0.contains("smtp://"),
            "{}",
            err.0
        );
    }

    #[test]
    fn file_layer_sits_between_defaults_and_environment() {
        let dir = std::env::temp_dir().join(format!("knit-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("knit.toml");
        std::fs::write(
            &path,
            "listen = \"127.0.0.1:4000\"\npublic_url = \"https://from-file.example\"\n",
        )
        .expect("write");
        let env = |k: &str| (k == "KNIT_LISTEN").then(|| "127.0.0.1:5000".to_string());
        let c = load(Some(&path), &env).expect("loads");
        assert_eq!(c.listen.port(), 5000, "environment wins over the file");
        assert_eq!(
            c.public_url, "https://from-file.example",
            "file wins over defaults"
        );

        std::fs::write(&path, "listen = \"nowhere\"\n").expect("write");
        let err = load(Some(&path), &|_| None).expect_err("rejected");
        assert!(
            err.0.contains("'listen' in") && err.0.contains("knit.toml"),
            "{}",
            err.0
        );

        std::fs::write(&path, "port = 3000\n").expect("write");
        let err = load(Some(&path), &|_| None).expect_err("unknown key rejected");
        assert!(err.0.contains("Allowed keys"), "{}", err.0);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn single_sign_on_settings_are_checked() {
        use app::auth::service::PasswordSignIn;
        let issuer = ("KNIT_OIDC_ISSUER", "https://id.example.com/realms/acme");
        let sso = load_with(&[
            issuer,
            ("KNIT_OIDC_CLIENT_ID", "knit"),
            ("KNIT_OIDC_CLIENT_SECRET", "s3cret"),
            ("KNIT_OIDC_NEW_ACCOUNTS", "manager"),
            ("KNIT_PASSWORD_SIGN_IN", "off"),
            ("KNIT_BREAK_GLASS_ADMIN", "Root@Example.com"),
        ])
        .expect("valid");
        let settings = sso.single_sign_on.as_ref().expect("single sign-on");
        assert_eq!(settings.new_accounts, Some(app::auth::model::Role::Manager));
        assert!(settings.require_verified_email);
        assert_eq!(
            sso.password_sign_in,
            PasswordSignIn::BreakGlassOnly(Some("root@example.com".into()))
        );
        assert!(
            !format!("{sso:?}").contains("s3cret"),
            "the client secret stays out of logs"
        );
        for (vars, names) in [
            (vec![issuer], "KNIT_OIDC_CLIENT_ID"),
            (
                vec![
                    ("KNIT_OIDC_ISSUER", "id.example.com"),
                    ("KNIT_OIDC_CLIENT_ID", "k"),
                ],
                "KNIT_OIDC_ISSUER",
            ),
            (
                vec![
                    issuer,
                    ("KNIT_OIDC_CLIENT_ID", "k"),
                    ("KNIT_OIDC_NEW_ACCOUNTS", "admin"),
                ],
                "KNIT_OIDC_NEW_ACCOUNTS",
            ),
            (
                vec![("KNIT_PASSWORD_SIGN_IN", "off")],
                "KNIT_PASSWORD_SIGN_IN",
            ),
            (
                vec![
                    issuer,
                    ("KNIT_OIDC_CLIENT_ID", "k"),
                    ("KNIT_PASSWORD_SIGN_IN", "maybe"),
                ],
                "KNIT_PASSWORD_SIGN_IN",
            ),
        ] {
            let err = load_with(&vars).expect_err("rejected");
            assert!(err.0.contains(names), "{names}: {}", err.0);
        }
        assert_eq!(
            load_with(&[]).expect("defaults").password_sign_in,
            PasswordSignIn::Everyone
        );
    }
}
