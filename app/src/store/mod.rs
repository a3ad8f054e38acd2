//! Storage: one layer over SQLite (embedded default) and PostgreSQL.
//!
//! Queries go through sqlx's `Any` driver so that each is written once with `$1`
//! placeholders; the rare statement that differs between backends branches on
//! [`Backend`]. Values are kept to the types both backends share: BIGINT ids and
//! timestamps (UTC milliseconds since the Unix epoch), TEXT, DOUBLE.

pub mod analyses;
pub mod audit;
pub mod backup;
pub mod newcomers;
pub mod outbox;
pub mod password_resets;
pub mod people;
pub mod private_files;
pub mod pulses;
pub mod reports;
pub mod responses;
pub mod retention;
pub mod rounds;
pub mod sessions;
pub mod settings;
pub mod single_sign_on;
pub mod subject;
pub mod surveys;
#[cfg(any(test, feature = "test-support"))]
pub mod testing;
pub mod users;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// `DATABASE_URL` names a scheme Knit has no backend for.
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got '{0}')")]
    UnsupportedUrl(String),
    #[error("could not create the database folder {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored value Knit cannot read (or write) in the shape it expects: the
    /// text says which value and why. Never replaced by a default.
    #[error("unreadable stored value: {0}")]
    Unreadable(String),
}

/// A transaction a service opens and hands to the store's functions, so that
/// a change and its audit entry commit together or not at all.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Backend, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl(redact_url(url)))
        }
    }

    /// The backend a connection (or a transaction, through it) runs on.
    pub fn of(connection: &sqlx::AnyConnection) -> Backend {
        if connection.backend_name() == <sqlx::Postgres as sqlx::Database>::NAME {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    /// Its backend by name ("sqlite", "postgres").
    pub fn from_name(name: &str) -> Option<Backend> {
        [Backend::Sqlite, Backend::Postgres]
            .into_iter()
            .find(|b| b.name() == name)
    }

    /// The newest migration this build knows about.
    pub fn latest_known_version(self) -> i64 {
        self.migrator().iter().map(|m| m.version).max().unwrap_or(0)
    }

    fn migrator(self) -> &'static Migrator {
        match self {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }
}

/// A handle to the database, cheap to clone (the pool is shared).
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

impl Db {
    /// Opens a pool for `url`, creating the SQLite file (and its folder) if needed.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool_options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        let pool = match backend {
            Backend::Sqlite => {
                pool_options
                    .max_connections(8)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            // WAL lets readers proceed while a writer commits; NORMAL sync is
                            // durable in WAL mode except on power loss of the OS.
                            conn.execute(sqlx::raw_sql(SQLITE_PRAGMAS))
                                .await
                                .map(|_| ())
                        })
                    })
                    .connect_with(options)
                    .await?
            }
            Backend::Postgres => {
                pool_options
                    .max_connections(16)
                    .connect_with(options)
                    .await?
            }
        };
        Ok(Db { pool, backend })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a transaction that writes. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that has read cannot start writing
    /// once another connection has committed, and SQLite then fails it at once
    /// instead of waiting out `busy_timeout`.
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// After a bulk write (a roster, a wave's invitations, an analysis's
    /// people), tells PostgreSQL's planner what the tables now hold: with the
    /// statistics of before, it reads 100,000 invitations to list 25 people
    /// (174 ms instead of 2). Autovacuum would, minutes later. SQLite keeps
    /// no statistics unless asked, and its plans do not need them here.
    pub async fn refresh_statistics(&self, tables: &[&str]) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Postgres {
            let statement = match tables {
                [] => "ANALYZE".to_string(),
                tables => format!("ANALYZE {}", tables.join(", ")),
            };
            sqlx::query(&statement).execute(&self.pool).await?;
        }
        Ok(())
    }

    /// Applies every migration not yet applied. Safe to run from several instances at
    /// once: sqlx takes an advisory lock on PostgreSQL.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        self.backend.migrator().run(&self.pool).await?;
        Ok(())
    }

    /// The highest migration version applied, or 0 on an empty database.
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        let version: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_one(&self.pool)
                .await?;
        Ok(version.unwrap_or(0))
    }

    /// The newest migration this build knows about.
    pub fn latest_known_version(&self) -> i64 {
        self.backend.latest_known_version()
    }

    /// On SQLite, copies the write-ahead log into the database file and empties
    /// it, so that rows deleted (overwritten, with `secure_delete`) leave no
    /// older copy in the log. Nothing to do on PostgreSQL.
    pub async fn checkpoint(&self) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Set on every new SQLite connection, in one round trip. `secure_delete`
/// overwrites what is deleted, so that an erased person's answers do not
/// linger in free pages of the file. A writer waits up to 30 s for the write
/// lock: SQLite's wait is not a queue, and at 5 s `make bench-scale` saw a
/// submission refused while 64 respondents and the outbox wrote at once.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 30000; \
     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;";

/// The names of the database's tables (Knit's, and sqlx's record of migrations).
pub async fn table_names(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    match db.backend() {
        Backend::Sqlite => sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        ),
        Backend::Postgres => sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
        ),
    }
    .fetch_all(db.pool())
    .await
}

/// The file a `sqlite:` URL names (`None`: in memory, or not a file URL).
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite:")?.trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.into())
}

/// Makes sure the folder of a SQLite file exists and that the file is there,
/// readable by Knit's user alone (SQLite gives its -wal and -shm files the
/// same mode), and lets SQLite create it otherwise (`mode=rwc`), unless the
/// URL already chose a mode.
fn prepare_sqlite_url(url: &str) -> Result<String, StoreError> {
    if let Some(file) = sqlite_file(url) {
        let file = file.as_path();
        let create_error = |at: &std::path::Path| {
            let at = at.display().to_string();
            move |source| StoreError::CreateDir { path: at, source }
        };
        if let Some(parent) = file.parent() {
            if !parent.as_os_str().is_empty() {
                private_files::create_folder(parent).map_err(create_error(parent))?;
            }
        }
        if !url.contains("mode=") {
            private_files::create_if_missing(file).map_err(create_error(file))?;
        }
    }
    if url.contains("mode=") {
        Ok(url.to_string())
    } else if url.contains('?') {
        Ok(format!("{url}&mode=rwc"))
    } else {
        Ok(format!("{url}?mode=rwc"))
    }
}

/// Bind parameters per statement. Larger statements are slower on SQLite (its
/// binding cost grows faster than linearly with the count), and a full-size
/// chunk's SQL repeats, so the prepared statement is reused.
const MAX_PARAMS: usize = 999;

/// A value for a batched statement.
#[derive(Clone, Debug)]
pub(crate) enum Cell {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
}

/// Inserts `rows` into `table` with as few statements as the parameter limit allows.
pub(crate) async fn insert_batched(
    tx: &mut Transaction<'_, Any>,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Cell>>,
) -> Result<(), sqlx::Error> {
    let per_statement = (MAX_PARAMS / columns.len()).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Cell>> = rows.by_ref().take(per_statement).collect();
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            for c in 0..columns.len() {
                if c > 0 {
                    sql.push(',');
                }
                n += 1;
                sql.push_str(&format!("${n}"));
            }
            sql.push(')');
        }
        let mut query = sqlx::query(&sql);
        for cell in chunk.into_iter().flatten() {
            query = match cell {
                Cell::Int(v) => query.bind(v),
                Cell::Real(Some(v)) => query.bind(v),
                // sqlx 0.8.6's Any driver sends a missing f64 to PostgreSQL
                // as a missing float4 (and a missing f32 as a float8), which
                // a DOUBLE PRECISION column refuses: hence the f32.
                Cell::Real(None) => query.bind(None::<f32>),
                Cell::Text(v) => query.bind(v),
            };
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// A statement put together at run time (filters, sort orders), its values
/// bound as numbered parameters ($1, $2, ...), which both backends read:
/// sqlx's own QueryBuilder writes `?` through the Any driver, which
/// PostgreSQL does not.
pub(crate) struct Sql<'q> {
    text: String,
    arguments: sqlx::any::AnyArguments<'q>,
    count: usize,
    unbound: Option<String>,
}

impl<'q> Sql<'q> {
    pub fn new(text: impl Into<String>) -> Sql<'q> {
        Sql {
            text: text.into(),
            arguments: Default::default(),
            count: 0,
            unbound: None,
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Sql<'q> {
        self.text.push_str(text);
        self
    }

    pub fn bind<T>(&mut self, value: T) -> &mut Sql<'q>
    where
        T: 'q + sqlx::Encode<'q, Any> + sqlx::Type<Any>,
    {
        use sqlx::Arguments as _;
        self.count += 1;
        self.text.push_str(&format!("${}", self.count));
        if let Err(e) = self.arguments.add(value) {
            self.unbound.get_or_insert(e.to_string());
        }
        self
    }

    /// The statement's text and values, for `sqlx::query_with` and its kin.
    pub fn finish(self) -> Result<(String, sqlx::any::AnyArguments<'q>), sqlx::Error> {
        match self.unbound {
            Some(e) => Err(sqlx::Error::Encode(e.into())),
            None => Ok((self.text, self.arguments)),
        }
    }
}

/// The SQL for a person's language code (the roster attribute), on this backend.
pub(crate) fn language_column(db: &Db, prefix: &str) -> String {
    match db.backend() {
        Backend::Sqlite => format!("json_extract({prefix}attributes, '$.language')"),
        Backend::Postgres => format!("({prefix}attributes::json ->> 'language')"),
    }
}

/// `text` matched as itself in a LIKE pattern (escape character `\`).
pub(crate) fn like_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A database or SMTP URL fit for logs and messages: any password is
/// replaced by `***`. A URL too broken to read shows its scheme alone, since
/// where its password ends cannot be told.
pub fn redact_url(text: &str) -> String {
    let Some((scheme, _)) = text.split_once("://") else {
        return text.to_string();
    };
    match url::Url::parse(text) {
        Ok(mut url) => {
            if url.password().is_some() {
                // Only a URL that cannot have a password refuses one.
                url.set_password(Some("***")).ok();
            }
            url.to_string()
        }
        Err(_) => format!("{scheme}://(an address that cannot be read)"),
    }
}

/// The current time as stored: UTC milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// Whether an error is a violation of the named unique constraint or index.
/// Matched by constraint name, never by message text.
pub fn is_unique_violation(err: &sqlx::Error, constraint: &str) -> bool {
    match err {
        sqlx::Error::Database(db) if db.is_unique_violation() => match db.constraint() {
            Some(name) => name == constraint,
            // SQLite reports no constraint name: callers ask only about tables whose
            // one unique key besides the generated id is the one named.
            None => true,
        },
        _ => false,
    }
}

impl From<StoreError> for crate::error::AppError {
    fn from(err: StoreError) -> Self {
        tracing::error!(error = %err, "storage error");
        crate::error::AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords_only() {
        assert_eq!(
            redact_url("postgres://knit:s3cret@db.example:5432/knit"),
            "postgres://knit:***@db.example:5432/knit"
        );
        assert_eq!(
            redact_url("postgres://knit@db/knit"),
            "postgres://knit@db/knit"
        );
        assert_eq!(
            redact_url("sqlite://./data/knit.db"),
            "sqlite://./data/knit.db"
        );
        assert_eq!(
            redact_url("smtp://mailer:p%40ss@smtp.example:587?tls=required"),
            "smtp://mailer:***@smtp.example:587?tls=required"
        );
        assert_eq!(
            redact_url("postgres://knit:s3cret@db:99999/knit"),
            "postgres://(an address that cannot be read)",
            "an unreadable URL keeps its password to itself"
        );
    }

    #[test]
    fn backend_from_url() {
        assert_eq!(
            Backend::from_url("sqlite://x.db").ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::from_url("postgresql://h/d").ok(),
            Some(Backend::Postgres)
        );
        assert!(Backend::from_url("mysql://h/d").is_err());
    }
}
