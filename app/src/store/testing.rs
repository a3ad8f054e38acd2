//! Throwaway databases for tests, one per test, on either backend.
//!
//! PostgreSQL is not optional: when it cannot be reached the test fails with a
//! message saying so, it never skips.

use super::Db;
use sqlx::{AnyConnection, Connection, Executor};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

/// Where the PostgreSQL tests create their databases (any database of the
/// server works; the tests only create and drop their own).
pub const POSTGRES_URL_VAR: &str = "KNIT_TEST_POSTGRES_URL";
const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "knit_test_{}_{}_{}",
        std::process::id(),
        n,
        super::now_ms() % 1_000_000
    )
}

enum Cleanup {
    SqliteDir(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl Cleanup {
    async fn run(self) {
        match self {
            Cleanup::SqliteDir(dir) => {
                std::fs::remove_dir_all(dir).ok();
            }
            Cleanup::Postgres { admin_url, name } => {
                if let Ok(mut admin) = AnyConnection::connect(&admin_url).await {
                    admin
                        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                        .await
                        .ok();
                    admin.close().await.ok();
                }
            }
        }
    }
}

/// Removes a test's database when it is dropped, so that a test that panics
/// leaves nothing behind. Drop cannot wait for async work on the runtime that
/// is unwinding, so it runs the removal on a thread of its own.
struct Removal(Option<Cleanup>);

impl Removal {
    /// Removes the database now, after the test closed its pool.
    async fn now(mut self) {
        if let Some(cleanup) = self.0.take() {
            cleanup.run().await;
        }
    }
}

impl Drop for Removal {
    fn drop(&mut self) {
        let Some(cleanup) = self.0.take() else {
            return;
        };
        let removed =
            std::thread::spawn(move || {
                match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime.block_on(cleanup.run()),
                    Err(err) => eprintln!("a test database was left behind: {err}"),
                }
            })
            .join();
        if removed.is_err() {
            eprintln!("a test database was left behind: its removal panicked");
        }
    }
}

/// A migrated, empty database, removed by [`TestDb::finish`] or, when a
/// test panics before it, when dropped.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    removal: Removal,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        TestDb::migrated(super::Backend::Sqlite).await
    }

    pub async fn postgres() -> TestDb {
        TestDb::migrated(super::Backend::Postgres).await
    }

    /// Another throwaway database on the same backend as this one.
    pub async fn another(&self) -> TestDb {
        TestDb::migrated(self.db.backend()).await
    }

    async fn migrated(backend: super::Backend) -> TestDb {
        let t = EmptyDatabase::new(backend).await.open().await;
        t.db.migrate()
            .await
            .unwrap_or_else(|e| panic!("migrate the {} test database: {e}", backend.name()));
        t
    }

    /// Closes the pool and removes the database.
    pub async fn finish(self) {
        self.db.close().await;
        self.removal.now().await;
    }
}

/// A database with nothing in it, not even Knit's tables, not yet opened
/// (what a restore starts from): a SQLite file not yet made, or a new
/// PostgreSQL database.
pub struct EmptyDatabase {
    pub url: String,
    removal: Removal,
}

impl EmptyDatabase {
    pub async fn new(backend: super::Backend) -> EmptyDatabase {
        let (url, cleanup) = match backend {
            super::Backend::Sqlite => {
                let dir = std::env::temp_dir().join(unique_name());
                let url = format!("sqlite://{}", dir.join("knit.db").display());
                (url, Cleanup::SqliteDir(dir))
            }
            super::Backend::Postgres => {
                let (url, admin_url, name) = new_postgres_database().await;
                (url, Cleanup::Postgres { admin_url, name })
            }
        };
        EmptyDatabase {
            url,
            removal: Removal(Some(cleanup)),
        }
    }

    /// Opens it; [`TestDb::finish`] removes it.
    pub async fn open(self) -> TestDb {
        let db = Db::connect(&self.url)
            .await
            .unwrap_or_else(|e| panic!("open the test database {}: {e}", self.url));
        TestDb {
            db,
            url: self.url,
            removal: self.removal,
        }
    }
}

/// Creates a database on the test server: its URL, the server's, its name.
async fn new_postgres_database() -> (String, String, String) {
    sqlx::any::install_default_drivers();
    let admin_url =
        std::env::var(POSTGRES_URL_VAR).unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_string());
    let mut admin = AnyConnection::connect(&admin_url)
        .await
        .unwrap_or_else(|e| {
            panic!(
                "PostgreSQL is required for the storage tests but {} cannot be reached ({e}). \
             Start PostgreSQL or set {POSTGRES_URL_VAR}.",
                super::redact_url(&admin_url)
            )
        });
    let name = unique_name();
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create a PostgreSQL test database");
    admin.close().await.ok();
    let base = admin_url.split('?').next().unwrap_or(&admin_url);
    let url = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("{POSTGRES_URL_VAR} must end with /DATABASE"),
    };
    (url, admin_url, name)
}

/// Every row of every table, each as one line of text (table name first):
/// what a copy of the database would show someone searching it.
pub async fn dump(db: &Db) -> Vec<String> {
    use super::Backend;
    let tables = super::table_names(db).await.expect("tables");
    let mut lines = Vec::new();
    for table in tables {
        let sql = match db.backend() {
            Backend::Sqlite => {
                let columns: Vec<String> =
                    sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                        .fetch_all(db.pool())
                        .await
                        .expect("columns");
                let text = columns
                    .iter()
                    .map(|c| {
                        format!(
                            "coalesce(CASE WHEN typeof(\"{c}\") = 'blob' THEN hex(\"{c}\") ELSE CAST(\"{c}\" AS TEXT) END, '')"
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" || ' | ' || ");
                format!("SELECT {text} FROM \"{table}\"")
            }
            Backend::Postgres => format!("SELECT t::text FROM \"{table}\" t"),
        };
        for row in sqlx::query_scalar::<_, String>(&sql)
            .fetch_all(db.pool())
            .await
            .expect("rows")
        {
            lines.push(format!("{table}: {row}"));
        }
    }
    lines
}

/// Generates, for each named `async fn NAME(db: TestDb)`, one test on SQLite and
/// one on PostgreSQL, so that one suite covers both backends.
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),+ $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::store::testing::TestDb::sqlite().await).await;
                }
            )+
        }
        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::store::testing::TestDb::postgres().await).await;
                }
            )+
        }
    };
}
