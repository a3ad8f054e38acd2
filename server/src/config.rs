//! Settings in layers: built-in defaults, then an optional `knit.toml`, then
//! environment variables. Every value is checked at start; a bad one stops Knit
//! with a message that names the setting, where it came from, and what is allowed.

use serde::Deserialize;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// A secret setting (the link key, a client secret): shown as `***` wherever
/// it is printed, and read only through [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// An address that may hold a password (the database's, the SMTP server's):
/// printed with the password as `***`, read whole only through
/// [`SecretUrl::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct SecretUrl(String);

impl SecretUrl {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&app::store::redact_url(&self.0))
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub listen: SocketAddr,
    /// Where `/metrics` is served on its own (`KNIT_METRICS_LISTEN`); `None`:
    /// on the main address, to admins only.
    pub metrics_listen: Option<SocketAddr>,
    pub data_dir: PathBuf,
    pub database_url: SecretUrl,
    /// The base of links in emails, without a trailing slash.
    pub public_url: String,
    /// `None`: email is written as .eml files to [`Config::outbox_dir`].
    pub smtp_url: Option<SecretUrl>,
    /// The folder holding the compiled client (`pkg/`).
    pub site_root: PathBuf,
    pub mail: MailConfig,
    /// The personal-link key (64 hex digits); `None`: kept in `<data>/link.key`.
    pub link_key: Option<Secret>,
    /// Role thresholds for the analysis (from a TOML file), or the defaults.
    pub role_thresholds: analysis::RoleThresholds,
    /// The smallest group non-analysts see figures of, and how long answers are kept.
    pub privacy: app::privacy::Privacy,
    /// How messages and meetings become ties.
    pub passive: app::model::policy::PassiveNetworks,
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
#[derive(Clone, Debug)]
pub struct SingleSignOnConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<Secret>,
    /// The role a verified email with no account gets; `None`: refused.
    pub new_accounts: Option<app::model::auth::Role>,
    pub label: String,
    pub require_verified_email: bool,
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
    /// The settings the services apply, as one value handed down from here.
    pub fn policy(&self) -> app::model::policy::Policy {
        app::model::policy::Policy {
            privacy: self.privacy,
            role_thresholds: self.role_thresholds.clone(),
            passive: self.passive,
        }
    }

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
            Some(url) => format!("SMTP via {url}"),
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
            self.database_url,
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

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

/// How a setting's value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    /// true or false (also on/off, yes/no).
    Switch,
}

/// One setting, declared once: its environment variable, its key in
/// `knit.toml` (none for the log settings, read before anything else), how it
/// is written, its default and its meaning as the README's table states them.
/// `knit --help` and the file's allowed keys come from this list, and a test
/// holds the README's table to it.
pub struct Setting {
    pub var: &'static str,
    pub key: Option<&'static str>,
    pub kind: Kind,
    pub default: &'static str,
    pub meaning: &'static str,
}

const fn setting(
    var: &'static str,
    key: &'static str,
    kind: Kind,
    default: &'static str,
    meaning: &'static str,
) -> Setting {
    Setting {
        var,
        key: Some(key),
        kind,
        default,
        meaning,
    }
}

use Kind::{Number, Switch, Text};

pub const SETTINGS: &[Setting] = &[
    setting("KNIT_LISTEN", "listen", Text, "`127.0.0.1:3000`", "address and port to listen on"),
    setting("KNIT_METRICS_LISTEN", "metrics_listen", Text, "unset", "address serving only `/metrics` (Prometheus); unset: `/metrics` on the main address, for admins"),
    setting("KNIT_DATA_DIR", "data_dir", Text, "`./data`", "folder for the SQLite database and the outbox"),
    setting("DATABASE_URL", "database_url", Text, "`sqlite://<data dir>/knit.db`", "`sqlite://PATH` or `postgres://USER:PASSWORD@HOST:PORT/DB`"),
    setting("KNIT_PUBLIC_URL", "public_url", Text, "`http://<listen>`", "the address people open; the base of links in emails. `https://` marks cookies `Secure` and adds HSTS"),
    setting("KNIT_SMTP_URL", "smtp_url", Text, "unset", "SMTP server (`smtp://user:pass@host:587?tls=required`, `smtps://…:465`); unset writes messages to `<data dir>/outbox`"),
    setting("KNIT_MAIL_FROM", "mail_from", Text, "`Knit <knit@HOST>` (host of the public URL)", "the sender of every email"),
    setting("KNIT_MAIL_RATE", "mail_rate", Number, "`20`", "emails per second at most, per instance (`0`: no limit)"),
    setting("KNIT_MAIL_CONNECTIONS", "mail_connections", Number, "`4`", "SMTP connections kept open and used at once"),
    setting("KNIT_MAIL_MAX_ATTEMPTS", "mail_max_attempts", Number, "`8`", "tries before a temporarily failing message is marked failed"),
    setting("KNIT_MAIL_RETRY_SECONDS", "mail_retry_seconds", Number, "`60`", "the first retry's delay; each next one doubles (±50% jitter, at most 6 h)"),
    setting("KNIT_MAIL_LEASE_SECONDS", "mail_lease_seconds", Number, "`300`", "how long a worker holds a message it is sending before another instance may take it"),
    setting("KNIT_LINK_KEY", "link_key", Text, "`<data dir>/link.key`", "the key personal links are derived from (64 hex digits); instances sharing one database must share it"),
    setting("KNIT_ROLE_THRESHOLDS", "role_thresholds", Text, "the defaults below", "a TOML file of role thresholds (see Network analysis)"),
    setting("KNIT_MIN_GROUP_SIZE", "min_group_size", Number, "`5`", "k: the fewest people any figure shown to someone other than analysts and admins may come from (at least 3; see Privacy)"),
    setting("KNIT_RETENTION_DAYS", "retention_days", Number, "`730`", "days after a wave closes when its individual answers are deleted (30 to 3650; see Privacy)"),
    setting("KNIT_PASSIVE_WINDOW_DAYS", "passive_window_days", Number, "`90`", "networks read from Slack, calendars and mail (`knit network import`): the days before a wave closes whose messages and meetings count (7 to 730)"),
    setting("KNIT_PASSIVE_LARGEST_GROUP", "passive_largest_group", Number, "`25`", "a message to more people, or a meeting of more, is a broadcast and makes no ties (2 to 500)"),
    setting("KNIT_TRUSTED_PROXIES", "trusted_proxies", Text, "none", "address ranges of your reverse proxies (CIDR list, e.g. `10.0.0.0/8, 192.168.1.7`); only from them is `X-Forwarded-For` believed to name the client (see Security notes)"),
    setting("KNIT_OIDC_ISSUER", "oidc_issuer", Text, "unset", "single sign-on: your OpenID provider's issuer URL (see Single sign-on)"),
    setting("KNIT_OIDC_CLIENT_ID", "oidc_client_id", Text, "", "the client id Knit is registered under at the provider"),
    setting("KNIT_OIDC_CLIENT_SECRET", "oidc_client_secret", Text, "unset", "the client's secret (a confidential client); PKCE is used either way"),
    setting("KNIT_OIDC_NEW_ACCOUNTS", "oidc_new_accounts", Text, "`refuse`", "a verified email with no account: `refuse`, or create it as `manager` or `analyst`"),
    setting("KNIT_OIDC_LABEL", "oidc_label", Text, "`Sign in with your company account`", "the sign-in button's words"),
    setting("KNIT_OIDC_REQUIRE_VERIFIED_EMAIL", "oidc_require_verified_email", Switch, "`true`", "refuse emails the provider does not mark `email_verified`"),
    setting("KNIT_PASSWORD_SIGN_IN", "password_sign_in", Switch, "`on`", "`off`: with single sign-on, only the break-glass administrator signs in with a password"),
    setting("KNIT_BREAK_GLASS_ADMIN", "break_glass_admin", Text, "unset", "the one account that keeps password sign-in (and reset links) when it is off"),
    setting("KNIT_SITE_ROOT", "site_root", Text, "`target/site`", "folder holding the compiled client (`pkg/`)"),
    Setting {
        var: "KNIT_LOG",
        key: None,
        kind: Text,
        default: "`info,sqlx=warn`",
        meaning: "log filter (tracing `EnvFilter` syntax)",
    },
    Setting {
        var: "KNIT_LOG_FORMAT",
        key: None,
        kind: Text,
        default: "`text`",
        meaning: "`json`: one JSON object per log line, for log collectors",
    },
];

/// The settings as `knit --help` lists them, from [`SETTINGS`].
pub fn help() -> String {
    let plain = |text: &str| text.replace('`', "");
    let mut out = String::from(
        "Settings come from built-in defaults, then ./knit.toml (or --config, KNIT_CONFIG), then the environment.\n\
         In knit.toml each is its variable's name in lower case without KNIT_ (mail_rate = 20, database_url = \"...\"); \
         the log settings are read from the environment only:\n",
    );
    for s in SETTINGS {
        let default = match s.default {
            "" | "unset" | "none" => String::new(),
            d => format!(" (default {})", plain(d)),
        };
        out.push_str(&format!("  {:<34} {}{default}\n", s.var, plain(s.meaning)));
    }
    out
}

fn setting_of(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == Some(key))
}

/// A text setting, written as TOML users write it (a number or a true/false
/// where the text is one, like a numeric client id, reads as that text).
#[derive(Clone, Debug)]
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Scalar, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Text(String),
            Whole(i64),
            Number(f64),
            Switch(bool),
        }
        Ok(Scalar(match Written::deserialize(deserializer)? {
            Written::Text(text) => text,
            Written::Whole(n) => n.to_string(),
            Written::Number(n) => n.to_string(),
            Written::Switch(b) => b.to_string(),
        }))
    }
}

/// A switch: TOML's true or false, or on/off, yes/no as the environment writes them.
#[derive(Clone, Copy, Debug)]
struct OnOff(bool);

impl<'de> Deserialize<'de> for OnOff {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<OnOff, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Switch(bool),
            Text(String),
        }
        match Written::deserialize(deserializer)? {
            Written::Switch(b) => Ok(OnOff(b)),
            Written::Text(text) => match text.trim().to_ascii_lowercase().as_str() {
                "true" | "on" | "yes" => Ok(OnOff(true)),
                "false" | "off" | "no" => Ok(OnOff(false)),
                other => Err(serde::de::Error::custom(format!(
                    "'{other}' is not true or false (on or off)"
                ))),
            },
        }
    }
}

/// Every setting of one layer (or all layers merged), typed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Values {
    listen: Option<Scalar>,
    metrics_listen: Option<Scalar>,
    data_dir: Option<Scalar>,
    database_url: Option<Scalar>,
    public_url: Option<Scalar>,
    smtp_url: Option<Scalar>,
    site_root: Option<Scalar>,
    mail_from: Option<Scalar>,
    mail_rate: Option<f64>,
    mail_connections: Option<f64>,
    mail_max_attempts: Option<f64>,
    mail_retry_seconds: Option<f64>,
    mail_lease_seconds: Option<f64>,
    link_key: Option<Scalar>,
    role_thresholds: Option<Scalar>,
    min_group_size: Option<f64>,
    retention_days: Option<f64>,
    passive_window_days: Option<f64>,
    passive_largest_group: Option<f64>,
    trusted_proxies: Option<Scalar>,
    oidc_issuer: Option<Scalar>,
    oidc_client_id: Option<Scalar>,
    oidc_client_secret: Option<Scalar>,
    oidc_new_accounts: Option<Scalar>,
    oidc_label: Option<Scalar>,
    oidc_require_verified_email: Option<OnOff>,
    password_sign_in: Option<OnOff>,
    break_glass_admin: Option<Scalar>,
}

/// The environment as a figment layer: each declared variable that is set,
/// under its key, read as its kind says (a number as a number, a switch as a
/// switch, text as it stands).
struct Environment(figment::value::Dict);

impl Environment {
    fn read(env: &dyn Fn(&str) -> Option<String>) -> Environment {
        use figment::value::Value;
        let mut dict = figment::value::Dict::new();
        for s in SETTINGS {
            let (Some(key), Some(value)) = (s.key, env(s.var)) else {
                continue;
            };
            let value = match s.kind {
                Kind::Number => match value.trim().parse::<f64>() {
                    Ok(n) => Value::from(n),
                    Err(_) => Value::from(value),
                },
                Kind::Text | Kind::Switch => Value::from(value),
            };
            dict.insert(key.to_string(), value);
        }
        Environment(dict)
    }
}

impl figment::Provider for Environment {
    fn metadata(&self) -> figment::Metadata {
        figment::Metadata::named(ENVIRONMENT)
    }

    fn data(
        &self,
    ) -> Result<figment::value::Map<figment::Profile, figment::value::Dict>, figment::Error> {
        Ok(figment::Profile::Default.collect(self.0.clone()))
    }
}

const ENVIRONMENT: &str = "environment";

/// The layers, merged, and where each value came from, for messages.
struct Layers {
    figment: figment::Figment,
    file: Option<(PathBuf, String)>,
}

impl Layers {
    /// Where the value of `key` came from: "environment variable KNIT_X" or
    /// "'x' in knit.toml (line 3)".
    fn origin(&self, key: &str) -> String {
        let from_environment = self
            .figment
            .find_metadata(key)
            .is_none_or(|m| m.name == ENVIRONMENT);
        match (&self.file, from_environment) {
            (Some((path, text)), false) => {
                let line = text
                    .lines()
                    .position(|l| {
                        l.trim_start()
                            .strip_prefix(key)
                            .is_some_and(|rest| rest.trim_start().starts_with('='))
                    })
                    .map(|n| format!(" (line {})", n + 1))
                    .unwrap_or_default();
                format!("'{key}' in {}{line}", path.display())
            }
            _ => format!(
                "environment variable {}",
                setting_of(key).map_or(key, |s| s.var)
            ),
        }
    }

    /// A message for each value figment could not read as its setting's kind.
    fn refusal(&self, errors: figment::Error) -> ConfigError {
        let messages: Vec<String> = errors
            .into_iter()
            .map(|e| {
                if let figment::error::Kind::UnknownField(key, _) = &e.kind {
                    let allowed: Vec<&str> = SETTINGS.iter().filter_map(|s| s.key).collect();
                    let file = self
                        .file
                        .as_ref()
                        .map_or(String::new(), |(path, _)| path.display().to_string());
                    return format!(
                        "Configuration file {file}: '{key}' is not a setting. Allowed keys: {}.",
                        allowed.join(", ")
                    );
                }
                let Some(key) = e.path.last().cloned() else {
                    // Not one value: the file itself (TOML that does not parse).
                    let file = self
                        .file
                        .as_ref()
                        .map_or(String::new(), |(path, _)| path.display().to_string());
                    return format!("Configuration file {file}: {}", e.kind);
                };
                let expected = match setting_of(&key).map(|s| s.kind) {
                    Some(Kind::Number) => "a number",
                    Some(Kind::Switch) => "true or false",
                    _ => "a single value",
                };
                format!("{}: {} ({expected} is needed).", self.origin(&key), e.kind)
            })
            .collect();
        ConfigError(messages.join("\n"))
    }
}

/// A value as written, and where it came from, for error messages.
struct Raw {
    value: String,
    origin: String,
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
    use figment::providers::Format;
    let file = read_file(file)?;
    let mut figment = figment::Figment::new();
    if let Some((_, text)) = &file {
        figment = figment.merge(figment::providers::Toml::string(text));
    }
    let layers = Layers {
        figment: figment.merge(Environment::read(env)),
        file,
    };
    let v: Values = layers
        .figment
        .extract()
        .map_err(|errors| layers.refusal(errors))?;
    let raw = |key: &str, value: Option<&Scalar>| {
        value.map(|text| Raw {
            value: text.0.clone(),
            origin: layers.origin(key),
        })
    };
    let listen = match raw("listen", v.listen.as_ref()) {
        Some(raw) => address(raw)?,
        None => DEFAULT_LISTEN
            .parse()
            .map_err(|_| ConfigError("default listen address".into()))?,
    };
    let metrics_listen = raw("metrics_listen", v.metrics_listen.as_ref())
        .map(address)
        .transpose()?;
    if metrics_listen == Some(listen) {
        return Err(ConfigError(format!(
            "KNIT_METRICS_LISTEN: {listen} is also KNIT_LISTEN. Give the metrics another port, or leave it unset to serve /metrics to admins on the main address."
        )));
    }
    let data_dir = data_dir(raw("data_dir", v.data_dir.as_ref()))?;
    let public_url = public_url(raw("public_url", v.public_url.as_ref()), listen)?;
    let origin = |key: &str| layers.origin(key);
    let single_sign_on = single_sign_on(&v, &origin)?;
    let password_sign_in = password_sign_in(&v, &origin, single_sign_on.is_some())?;
    Ok(Config {
        listen,
        metrics_listen,
        database_url: SecretUrl(database_url(
            raw("database_url", v.database_url.as_ref()),
            &data_dir,
        )?),
        data_dir,
        smtp_url: smtp_url(raw("smtp_url", v.smtp_url.as_ref()))?.map(SecretUrl),
        site_root: raw("site_root", v.site_root.as_ref())
            .map(|raw| PathBuf::from(raw.value.trim()))
            .unwrap_or_else(|| PathBuf::from(DEFAULT_SITE_ROOT)),
        mail: mail(
            &v,
            &layers,
            raw("mail_from", v.mail_from.as_ref()),
            &public_url,
        )?,
        link_key: link_key(raw("link_key", v.link_key.as_ref()))?.map(Secret),
        role_thresholds: role_thresholds(raw("role_thresholds", v.role_thresholds.as_ref()))?,
        privacy: privacy(&v, &layers)?,
        passive: passive(&v, &layers)?,
        trusted_proxies: match raw("trusted_proxies", v.trusted_proxies.as_ref()) {
            Some(raw) => app::auth::client::TrustedProxies::parse(&raw.value)
                .map_err(|e| ConfigError(format!("{}: {e}.", raw.origin)))?,
            None => app::auth::client::TrustedProxies::default(),
        },
        public_url,
        single_sign_on,
        password_sign_in,
        file: layers.file.map(|(path, _)| path),
    })
}

fn address(raw: Raw) -> Result<SocketAddr, ConfigError> {
    raw.value.trim().parse::<SocketAddr>().map_err(|_| {
        ConfigError(format!(
            "{}: '{}' is not an address to listen on. Use IP:PORT, for example 127.0.0.1:3000 or 0.0.0.0:8080.",
            raw.origin, raw.value
        ))
    })
}

fn data_dir(raw: Option<Raw>) -> Result<PathBuf, ConfigError> {
    match raw {
        Some(raw) if raw.value.trim().is_empty() => Err(ConfigError(format!(
            "{}: is empty. Give a folder for Knit's data, for example ./data.",
            raw.origin
        ))),
        Some(raw) => Ok(PathBuf::from(raw.value.trim())),
        None => Ok(PathBuf::from(DEFAULT_DATA_DIR)),
    }
}

/// The database's URL; without one, a SQLite file in the data folder.
fn database_url(raw: Option<Raw>, data_dir: &Path) -> Result<String, ConfigError> {
    let Some(raw) = raw else {
        return Ok(format!("sqlite://{}", data_dir.join("knit.db").display()));
    };
    let value = raw.value.trim().to_string();
    app::store::Backend::from_url(&value).map_err(|_| {
        ConfigError(format!(
            "{}: '{}' is not a supported database. Use sqlite://PATH (for example sqlite://./data/knit.db) or postgres://USER@HOST:PORT/DATABASE.",
            raw.origin,
            app::store::redact_url(&value)
        ))
    })?;
    Ok(value)
}

/// The address people open Knit at, without a trailing slash; without one,
/// the listening address.
fn public_url(raw: Option<Raw>, listen: SocketAddr) -> Result<String, ConfigError> {
    let Some(raw) = raw else {
        return Ok(format!("http://{listen}"));
    };
    let value = raw.value.trim().trim_end_matches('/').to_string();
    let host = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    match host {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(value),
        _ => Err(ConfigError(format!(
            "{}: '{}' is not a web address. Use the address people open Knit at, for example https://knit.example.com.",
            raw.origin, raw.value
        ))),
    }
}

/// The SMTP server; none (or empty): email is written to the outbox folder.
fn smtp_url(raw: Option<Raw>) -> Result<Option<String>, ConfigError> {
    let Some(raw) = raw.filter(|raw| !raw.value.trim().is_empty()) else {
        return Ok(None);
    };
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
    Ok(Some(value))
}

/// A number setting within its bounds, or its default.
fn number(
    layers: &Layers,
    key: &str,
    value: Option<f64>,
    (min, max): (f64, f64),
    default: f64,
) -> Result<f64, ConfigError> {
    match value {
        Some(n) if (min..=max).contains(&n) => Ok(n),
        Some(n) => Err(ConfigError(format!(
            "{}: '{n}' is not a number from {min} to {max}.",
            layers.origin(key)
        ))),
        None => Ok(default),
    }
}

/// The sender and the pace of email; the sender defaults to knit@ the public host.
fn mail(
    v: &Values,
    layers: &Layers,
    from: Option<Raw>,
    public_url: &str,
) -> Result<MailConfig, ConfigError> {
    let from = match from {
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
        None => {
            let host = public_url
                .split("://")
                .nth(1)
                .unwrap_or("localhost")
                .split([':', '/'])
                .next()
                .unwrap_or("localhost");
            format!("Knit <knit@{host}>")
        }
    };
    let number = |key: &str, value: Option<f64>, bounds: (f64, f64), default: f64| {
        number(layers, key, value, bounds, default)
    };
    Ok(MailConfig {
        from,
        rate: number("mail_rate", v.mail_rate, (0.0, 100_000.0), 20.0)?,
        connections: number("mail_connections", v.mail_connections, (1.0, 64.0), 4.0)? as u32,
        max_attempts: number("mail_max_attempts", v.mail_max_attempts, (1.0, 50.0), 8.0)? as i64,
        retry_base_ms: (number(
            "mail_retry_seconds",
            v.mail_retry_seconds,
            (0.01, 86_400.0),
            60.0,
        )? * 1000.0) as i64,
        lease_ms: (number(
            "mail_lease_seconds",
            v.mail_lease_seconds,
            (1.0, 86_400.0),
            300.0,
        )? * 1000.0) as i64,
    })
}

fn privacy(v: &Values, layers: &Layers) -> Result<app::privacy::Privacy, ConfigError> {
    let defaults = app::privacy::Privacy::default();
    Ok(app::privacy::Privacy {
        min_group: number(
            layers,
            "min_group_size",
            v.min_group_size,
            (app::privacy::MIN_GROUP_FLOOR as f64, 1000.0),
            defaults.min_group as f64,
        )? as usize,
        retention_days: number(
            layers,
            "retention_days",
            v.retention_days,
            (30.0, 3650.0),
            defaults.retention_days as f64,
        )? as i64,
    })
}

fn passive(
    v: &Values,
    layers: &Layers,
) -> Result<app::model::policy::PassiveNetworks, ConfigError> {
    let defaults = app::model::policy::PassiveNetworks::default();
    Ok(app::model::policy::PassiveNetworks {
        window_days: number(
            layers,
            "passive_window_days",
            v.passive_window_days,
            (7.0, 730.0),
            defaults.window_days as f64,
        )? as i64,
        largest_group: number(
            layers,
            "passive_largest_group",
            v.passive_largest_group,
            (2.0, 500.0),
            defaults.largest_group as f64,
        )? as usize,
    })
}

fn link_key(raw: Option<Raw>) -> Result<Option<String>, ConfigError> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    if app::mail::LinkKey::from_hex(&raw.value).is_none() {
        return Err(ConfigError(format!(
            "{}: is not a link key. Use 64 hex digits, the content of data/link.key on the first instance (every instance sharing a database needs the same key).",
            raw.origin
        )));
    }
    Ok(Some(raw.value.trim().to_string()))
}

/// Role thresholds from the TOML file the setting names, or the defaults.
fn role_thresholds(raw: Option<Raw>) -> Result<analysis::RoleThresholds, ConfigError> {
    let Some(raw) = raw else {
        return Ok(analysis::RoleThresholds::default());
    };
    let path = raw.value.trim();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("{}: cannot read '{path}' ({e}).", raw.origin)))?;
    toml::from_str::<analysis::RoleThresholds>(&text).map_err(|e| {
        ConfigError(format!("{}: '{path}' is not a set of role thresholds: {e}The fields and their defaults are in the README (Network analysis).", raw.origin))
    })
}

fn single_sign_on(
    v: &Values,
    origin: &dyn Fn(&str) -> String,
) -> Result<Option<SingleSignOnConfig>, ConfigError> {
    let text = |key: &str, value: Option<&Scalar>| {
        value
            .map(|t| (t.0.trim().to_string(), origin(key)))
            .filter(|(value, _)| !value.is_empty())
    };
    let Some((issuer, origin)) = text("oidc_issuer", v.oidc_issuer.as_ref()) else {
        return Ok(None);
    };
    if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
        return Err(ConfigError(format!(
            "{origin}: '{issuer}' is not an issuer URL. Use the provider's issuer, e.g. https://login.example.com/realms/acme."
        )));
    }
    let (client_id, _) = text("oidc_client_id", v.oidc_client_id.as_ref()).ok_or_else(|| {
        ConfigError(format!(
            "KNIT_OIDC_CLIENT_ID: single sign-on ({origin}) needs the client id Knit is registered under at the provider."
        ))
    })?;
    let client_secret =
        text("oidc_client_secret", v.oidc_client_secret.as_ref()).map(|(secret, _)| secret);
    let new_accounts = match text("oidc_new_accounts", v.oidc_new_accounts.as_ref()) {
        None => None,
        Some((value, _)) if value == "refuse" => None,
        Some((value, origin)) => match app::model::auth::Role::parse(&value) {
            Some(role) if role != app::model::auth::Role::Admin => Some(role),
            _ => {
                return Err(ConfigError(format!(
                    "{origin}: '{value}' is not allowed. Use refuse (the default: only people with an account sign in), manager or analyst; administrators are made by hand."
                )))
            }
        },
    };
    let label = text("oidc_label", v.oidc_label.as_ref())
        .map(|(label, _)| label)
        .unwrap_or_else(|| app::model::catalogue::say("sso-default-label"));
    Ok(Some(SingleSignOnConfig {
        issuer,
        client_id,
        client_secret: client_secret.map(Secret),
        new_accounts,
        label,
        require_verified_email: v.oidc_require_verified_email.is_none_or(|OnOff(on)| on),
    }))
}

fn password_sign_in(
    v: &Values,
    origin: &dyn Fn(&str) -> String,
    single_sign_on: bool,
) -> Result<app::auth::service::PasswordSignIn, ConfigError> {
    use app::auth::service::PasswordSignIn;
    let break_glass = match v.break_glass_admin.as_ref().map(|t| t.0.trim()) {
        Some(email) if !email.is_empty() => {
            app::model::auth::check_email(email)
                .map_err(|e| ConfigError(format!("{}: {e}", origin("break_glass_admin"))))?;
            Some(app::model::auth::email_key(email))
        }
        _ => None,
    };
    match v.password_sign_in {
        None | Some(OnOff(true)) => Ok(PasswordSignIn::Everyone),
        Some(OnOff(false)) if !single_sign_on => Err(ConfigError(format!(
            "{}: 'off' needs single sign-on (KNIT_OIDC_ISSUER), or no one could sign in.",
            origin("password_sign_in")
        ))),
        Some(OnOff(false)) => Ok(PasswordSignIn::BreakGlassOnly(break_glass)),
    }
}

/// The configuration file and its text: the one named, or `./knit.toml` when present.
fn read_file(explicit: Option<&Path>) -> Result<Option<(PathBuf, String)>, ConfigError> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => {
            let default = PathBuf::from("knit.toml");
            if !default.exists() {
                return Ok(None);
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
    Ok(Some((path, text)))
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
        assert_eq!(c.database_url.expose(), "sqlite://./data/knit.db");
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
        assert_eq!(c.database_url.expose(), "sqlite:///var/lib/knit/knit.db");
        assert_eq!(c.public_url, "https://knit.example.com");
        assert!(c.secure_cookies());
        let banner = c.describe();
        assert!(banner.contains("mailer:***@mail.example.com"), "{banner}");
        assert!(!banner.contains("pw@"), "{banner}");
    }

    #[test]
    fn secrets_are_redacted_by_their_type_wherever_printed() {
        let c = load_with(&[
            ("DATABASE_URL", "postgres://knit:db-s3cret@db.example/knit"),
            (
                "KNIT_SMTP_URL",
                "smtp://mailer:mail-s3cret@mail.example.com:587",
            ),
            ("KNIT_LINK_KEY", &"ab".repeat(32)),
            ("KNIT_OIDC_ISSUER", "https://id.example.com"),
            ("KNIT_OIDC_CLIENT_ID", "knit"),
            ("KNIT_OIDC_CLIENT_SECRET", "oidc-s3cret"),
        ])
        .expect("loads");
        let printed = format!("{c:?}\n{}", c.describe());
        for secret in ["db-s3cret", "mail-s3cret", "abababab", "oidc-s3cret"] {
            assert!(!printed.contains(secret), "{secret} printed:\n{printed}");
        }
        assert!(printed.contains("knit:***@db.example"), "{printed}");
        assert_eq!(
            c.link_key.as_ref().map(Secret::expose),
            Some("ab".repeat(32).as_str())
        );
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
    fn numbers_are_numbers_and_switches_switches_in_the_file() {
        let dir = std::env::temp_dir().join(format!("knit-config-typed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("knit.toml");
        std::fs::write(
            &path,
            "# as the README's defaults read\nmail_rate = 20\nmail_connections = 8\nmail_retry_seconds = 0.5\n\
             min_group_size = 6\noidc_issuer = \"https://id.example.com\"\noidc_client_id = 12345\n\
             oidc_require_verified_email = false\npassword_sign_in = true\n",
        )
        .expect("write");
        let c = load(Some(&path), &|_| None).expect("typed values load");
        assert_eq!(
            (c.mail.rate, c.mail.connections, c.mail.retry_base_ms),
            (20.0, 8, 500)
        );
        assert_eq!(c.privacy.min_group, 6);
        let sso = c.single_sign_on.expect("single sign-on");
        assert_eq!(sso.client_id, "12345", "a numeric client id is its text");
        assert!(!sso.require_verified_email);

        // A value of the wrong kind names the setting, the file and the line.
        std::fs::write(
            &path,
            "listen = \"127.0.0.1:3001\"\n\nmail_rate = \"fast\"\n",
        )
        .expect("write");
        let err = load(Some(&path), &|_| None).expect_err("rejected");
        assert!(
            err.0.contains("'mail_rate' in")
                && err.0.contains("knit.toml (line 3)")
                && err.0.contains("a number"),
            "{}",
            err.0
        );
        // The same from the environment names the variable.
        let err = load(Some(&path), &|k| {
            (k == "KNIT_MAIL_RATE").then(|| "fast".to_string())
        })
        .expect_err("rejected");
        assert!(
            err.0.contains("environment variable KNIT_MAIL_RATE"),
            "{}",
            err.0
        );
        let err =
            load_with(&[("KNIT_OIDC_REQUIRE_VERIFIED_EMAIL", "maybe")]).expect_err("rejected");
        assert!(
            err.0.contains("KNIT_OIDC_REQUIRE_VERIFIED_EMAIL") && err.0.contains("true or false"),
            "{}",
            err.0
        );
        // TOML that does not parse names the file.
        std::fs::write(&path, "mail_rate = = 3\n").expect("write");
        let err = load(Some(&path), &|_| None).expect_err("rejected");
        assert!(
            err.0.starts_with("Configuration file") && err.0.contains("knit.toml"),
            "{}",
            err.0
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn every_setting_is_declared_once_and_the_readme_table_is_that_declaration() {
        for s in SETTINGS {
            if let Some(key) = s.key {
                assert_eq!(
                    key,
                    s.var.trim_start_matches("KNIT_").to_lowercase(),
                    "{}: the file's key is the variable's name",
                    s.var
                );
            }
            assert!(help().contains(s.var), "knit --help names {}", s.var);
        }
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
            .expect("README");
        let rows: Vec<Vec<String>> = readme
            .lines()
            .skip_while(|l| !l.starts_with("| variable |"))
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .map(|l| {
                l.trim()
                    .trim_matches('|')
                    .split('|')
                    .map(|cell| cell.trim().to_string())
                    .collect()
            })
            .collect();
        let declared: Vec<Vec<String>> = SETTINGS
            .iter()
            .map(|s| {
                vec![
                    format!("`{}`", s.var),
                    s.key.map(|k| format!("`{k}`")).unwrap_or_default(),
                    s.default.to_string(),
                    s.meaning.to_string(),
                ]
            })
            .collect();
        assert_eq!(rows, declared, "the README's settings table, row by row");
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
        assert_eq!(settings.new_accounts, Some(app::model::auth::Role::Manager));
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
