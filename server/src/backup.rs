//! `knit backup FILE` and `knit restore FILE`.
//!
//! A backup is one tar file, readable by Knit's user only, holding
//! - `knit-backup.json`: what it is (backend, schema version, when, which
//!   Knit) and the personal-link key, without which the emailed links of the
//!   restored instance would be dead;
//! - the database: on SQLite a copy made with `VACUUM INTO`, one consistent
//!   moment taken while Knit serves; on PostgreSQL a `pg_dump` archive of
//!   Knit's schema, also one snapshot.
//!
//! A restore goes into an empty database (and a data folder without another
//! link key) only: it never merges into, or overwrites, a live instance.

use crate::config::Config;
use crate::error::Error;
use app::mail::LinkKey;
use app::store::{Backend, Db};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Command;

const MANIFEST: &str = "knit-backup.json";
const SQLITE_COPY: &str = "database.sqlite";
const POSTGRES_DUMP: &str = "database.pgdump";
/// The layout of the archive; a restore refuses one it does not know.
const FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    knit_version: String,
    backend: String,
    schema_version: i64,
    created_at_ms: i64,
    link_key: String,
}

/// What a backup or a restore holds, for the operator.
#[derive(Debug)]
pub struct Summary {
    pub backend: &'static str,
    pub schema_version: i64,
    pub tables: usize,
    pub rows: i64,
    pub bytes: u64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} database at schema version {}: {} tables, {} rows; {} KB",
            self.backend,
            self.schema_version,
            self.tables,
            self.rows,
            self.bytes.div_ceil(1024)
        )
    }
}

/// Writes a backup of `db` (and `key`) to `file`, which must not exist. The
/// archive is built beside it and renamed into place when whole, so an
/// interrupted backup never leaves a file that looks like one.
pub async fn backup(
    db: &Db,
    database_url: &str,
    key: &LinkKey,
    file: &Path,
) -> Result<Summary, Error> {
    if file.exists() {
        return Err(Error::Input(format!(
            "{}: exists already. Give the backup a new name, or remove that file first.",
            file.display()
        )));
    }
    let work = Workspace::beside(file)?;
    let (copy_name, copy) = match db.backend() {
        Backend::Sqlite => {
            let copy = work.path(SQLITE_COPY);
            app::store::backup::copy_sqlite(db, utf8(&copy)?).await?;
            (SQLITE_COPY, copy)
        }
        Backend::Postgres => {
            let copy = work.path(POSTGRES_DUMP);
            let server = app::store::backup::postgres_major_version(db).await?;
            let tool = PgTool::find("pg_dump", server)?;
            let schema = app::store::backup::postgres_schema(db).await?;
            tool.run(
                database_url,
                &[
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    &format!("--schema={schema}"),
                    &format!("--file={}", copy.display()),
                ],
            )?;
            (POSTGRES_DUMP, copy)
        }
    };
    let manifest = Manifest {
        format: FORMAT,
        knit_version: env!("CARGO_PKG_VERSION").into(),
        backend: db.backend().name().into(),
        schema_version: db.schema_version().await?,
        created_at_ms: app::store::now_ms(),
        link_key: key.to_hex(),
    };
    let manifest_json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| Error::Input(format!("the backup's description: {e}")))?;
    let partial = work.path("backup.tar");
    {
        let out = app::private_files::create_new(&partial).map_err(|e| Error::file(&partial, e))?;
        let mut archive = tar::Builder::new(out);
        // Private entries too, should someone unpack it with tar.
        let header = |size: u64| {
            let mut header = tar::Header::new_gnu();
            header.set_size(size);
            header.set_mode(app::private_files::FILE_MODE);
            header.set_mtime((manifest.created_at_ms / 1000) as u64);
            header.set_cksum();
            header
        };
        archive
            .append_data(
                &mut header(manifest_json.len() as u64),
                MANIFEST,
                manifest_json.as_slice(),
            )
            .map_err(|e| Error::file(&partial, e))?;
        let database = std::fs::File::open(&copy).map_err(|e| Error::file(&copy, e))?;
        let size = database
            .metadata()
            .map_err(|e| Error::file(&copy, e))?
            .len();
        archive
            .append_data(&mut header(size), copy_name, database)
            .map_err(|e| Error::file(&copy, e))?;
        archive
            .into_inner()
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::file(&partial, e))?;
    }
    std::fs::rename(&partial, file).map_err(|e| Error::file(file, e))?;
    let (tables, rows) = app::store::backup::count_rows(db).await?;
    Ok(Summary {
        backend: db.backend().name(),
        schema_version: manifest.schema_version,
        tables,
        rows,
        bytes: std::fs::metadata(file).map_or(0, |m| m.len()),
    })
}

/// Restores `file` into the empty database of `config`, and its link key into
/// the data folder (or checks it against `KNIT_LINK_KEY`). Refuses, before
/// changing anything, a database that holds tables, another link key, a
/// backup of the other backend or of a newer Knit.
pub async fn restore(config: &Config, file: &Path) -> Result<Summary, Error> {
    let work = Workspace::beside(file)?;
    let manifest = unpack(file, &work)?;
    let backend = Backend::from_url(config.database_url.expose())?;
    if manifest.backend != backend.name() {
        return Err(Error::Input(format!(
            "{}: is a backup of a {} database, and DATABASE_URL names a {} one. Restore it into a {} database.",
            file.display(),
            manifest.backend,
            backend.name(),
            manifest.backend
        )));
    }
    let key = LinkKey::from_hex(&manifest.link_key).ok_or_else(|| {
        Error::Input(format!(
            "{}: its link key is damaged; this file cannot be restored.",
            file.display()
        ))
    })?;
    let key_file = link_key_to_write(config, &key)?;
    match backend {
        Backend::Sqlite => {
            let target =
                app::store::sqlite_file(config.database_url.expose()).ok_or_else(|| {
                    Error::Input("DATABASE_URL: restore needs a SQLite file, not memory.".into())
                })?;
            refuse_unless_empty_file(&target)?;
            if let Some(folder) = target.parent().filter(|f| !f.as_os_str().is_empty()) {
                app::private_files::create_folder(folder).map_err(|e| Error::file(folder, e))?;
            }
            let copy = work.path(SQLITE_COPY);
            let placed = target.with_extension("restoring");
            std::fs::copy(&copy, &placed).map_err(|e| Error::file(&placed, e))?;
            set_private(&placed)?;
            std::fs::rename(&placed, &target).map_err(|e| Error::file(&target, e))?;
        }
        Backend::Postgres => {
            let db = Db::connect(config.database_url.expose()).await?;
            let tables = app::store::table_names(&db).await?.len();
            if tables > 0 {
                return Err(Error::Input(format!(
                    "DATABASE_URL: {} has {tables} tables already. Restore into a new, empty database (for example: createdb knit_restored).",
                    config.database_url
                )));
            }
            let server = app::store::backup::postgres_major_version(&db).await?;
            db.close().await;
            let tool = PgTool::find("pg_restore", server)?;
            let dump = work.path(POSTGRES_DUMP).display().to_string();
            // The schema itself exists in the new database: restore what is in it.
            let contents = tool.output(&["--list", &dump])?;
            let list = work.path("restore.list");
            let wanted: String = contents
                .lines()
                .filter(|entry| {
                    !entry.contains(" SCHEMA - ") && !entry.contains(" COMMENT - SCHEMA ")
                })
                .map(|entry| format!("{entry}\n"))
                .collect();
            std::fs::write(&list, wanted).map_err(|e| Error::file(&list, e))?;
            tool.run(
                config.database_url.expose(),
                &[
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    &format!("--use-list={}", list.display()),
                    &dump,
                ],
            )?;
        }
    }
    if let Some(path) = key_file {
        if let Some(folder) = path.parent() {
            app::private_files::create_folder(folder).map_err(|e| Error::file(folder, e))?;
        }
        app::private_files::write_new(&path, key.to_hex().as_bytes())
            .map_err(|e| Error::file(&path, e))?;
    }
    let db = Db::connect(config.database_url.expose()).await?;
    // A backup of an older Knit is brought up to this one's schema.
    db.migrate().await?;
    crate::mail::link_key(config, &db).await?;
    let (tables, rows) = app::store::backup::count_rows(&db).await?;
    let summary = Summary {
        backend: backend.name(),
        schema_version: db.schema_version().await?,
        tables,
        rows,
        bytes: std::fs::metadata(file).map_or(0, |m| m.len()),
    };
    db.close().await;
    Ok(summary)
}

/// Reads the archive into `work` and checks its description.
fn unpack(file: &Path, work: &Workspace) -> Result<Manifest, Error> {
    let not_a_backup = |why: String| {
        Error::Input(format!(
            "{}: is not a Knit backup ({why}). Use a file written by knit backup.",
            file.display()
        ))
    };
    let input = std::fs::File::open(file).map_err(|e| Error::file(file, e))?;
    let mut archive = tar::Archive::new(input);
    let mut manifest = None;
    for entry in archive.entries().map_err(|e| not_a_backup(e.to_string()))? {
        let mut entry = entry.map_err(|e| not_a_backup(e.to_string()))?;
        let name = entry
            .path()
            .map_err(|e| not_a_backup(e.to_string()))?
            .to_string_lossy()
            .into_owned();
        match name.as_str() {
            MANIFEST => {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut entry, &mut text)
                    .map_err(|e| not_a_backup(e.to_string()))?;
                manifest = Some(
                    serde_json::from_str::<Manifest>(&text)
                        .map_err(|e| not_a_backup(format!("{MANIFEST}: {e}")))?,
                );
            }
            SQLITE_COPY | POSTGRES_DUMP => {
                let to = work.path(&name);
                let mut out =
                    app::private_files::create_new(&to).map_err(|e| Error::file(&to, e))?;
                std::io::copy(&mut entry, &mut out).map_err(|e| Error::file(&to, e))?;
            }
            other => return Err(not_a_backup(format!("it holds {other}"))),
        }
    }
    let manifest = manifest.ok_or_else(|| not_a_backup(format!("no {MANIFEST}")))?;
    if manifest.format != FORMAT {
        return Err(Error::Input(format!(
            "{}: is a backup in format {} of Knit {}; this Knit reads format {FORMAT}. Restore it with that version.",
            file.display(),
            manifest.format,
            manifest.knit_version
        )));
    }
    let latest = Backend::from_name(&manifest.backend)
        .ok_or_else(|| not_a_backup(format!("backend '{}'", manifest.backend)))?
        .latest_known_version();
    if manifest.schema_version > latest {
        return Err(Error::Input(format!(
            "{}: was made by Knit {} at schema version {}; this Knit knows up to {latest}. Restore it with Knit {} or newer.",
            file.display(),
            manifest.knit_version,
            manifest.schema_version,
            manifest.knit_version
        )));
    }
    let copy = if manifest.backend == Backend::Sqlite.name() {
        SQLITE_COPY
    } else {
        POSTGRES_DUMP
    };
    if !work.path(copy).exists() {
        return Err(not_a_backup(format!("no {copy}")));
    }
    Ok(manifest)
}

/// Where the backup's link key must be written, if anywhere; refuses a data
/// folder or a `KNIT_LINK_KEY` that holds another key.
fn link_key_to_write(config: &Config, key: &LinkKey) -> Result<Option<PathBuf>, Error> {
    if let Some(set) = &config.link_key {
        return if LinkKey::from_hex(set.expose()).is_some_and(|set| set.to_hex() == key.to_hex()) {
            Ok(None)
        } else {
            Err(Error::Input(format!(
                "KNIT_LINK_KEY: is not this backup's link key (fingerprint {}). Unset it to restore the backup's key into the data folder, or set it to that key.",
                key.fingerprint()
            )))
        };
    }
    let path = config.link_key_file();
    match std::fs::read_to_string(&path) {
        Ok(text) if LinkKey::from_hex(&text).is_some_and(|k| k.to_hex() == key.to_hex()) => Ok(None),
        Ok(_) => Err(Error::Input(format!(
            "{}: this data folder has another link key. Restore into an empty data folder (KNIT_DATA_DIR).",
            path.display()
        ))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Some(path)),
        Err(err) => Err(Error::file(&path, err)),
    }
}

fn refuse_unless_empty_file(target: &Path) -> Result<(), Error> {
    let holds_data = |path: &Path| std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
    let mut wal = target.as_os_str().to_owned();
    wal.push("-wal");
    if holds_data(target) || holds_data(Path::new(&wal)) {
        return Err(Error::Input(format!(
            "{}: holds a database already. Restore into an empty data folder (KNIT_DATA_DIR) or another DATABASE_URL; Knit never restores over data.",
            target.display()
        )));
    }
    Ok(())
}

fn set_private(path: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            path,
            std::fs::Permissions::from_mode(app::private_files::FILE_MODE),
        )
        .map_err(|e| Error::file(path, e))?;
    }
    Ok(())
}

/// A private folder beside a backup file for its parts, removed when done.
struct Workspace(PathBuf);

impl Workspace {
    fn beside(file: &Path) -> Result<Workspace, Error> {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "backup".into());
        let folder = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join(format!(".{name}.{}.parts", std::process::id()));
        app::private_files::create_folder(&folder).map_err(|e| Error::file(&folder, e))?;
        Ok(Workspace(folder))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// A path the database can be told of.
fn utf8(path: &Path) -> Result<&str, Error> {
    path.to_str()
        .ok_or_else(|| Error::Input(format!("{}: use a file name in UTF-8.", path.display())))
}

/// `pg_dump` or `pg_restore`, checked to be at least the server's version.
struct PgTool {
    name: &'static str,
}

impl PgTool {
    fn find(name: &'static str, server_major: u32) -> Result<PgTool, Error> {
        let missing = || {
            Error::Input(format!(
                "{name} is not installed, and backups of PostgreSQL need it. Install the PostgreSQL {server_major} client (Debian: apt-get install postgresql-client-{server_major})."
            ))
        };
        let out = Command::new(name)
            .arg("--version")
            .output()
            .map_err(|_| missing())?;
        // "pg_dump (PostgreSQL) 15.20 (Debian ...)"
        let text = String::from_utf8_lossy(&out.stdout);
        let major = text
            .split_whitespace()
            .nth(2)
            .and_then(|v| v.split('.').next())
            .and_then(|v| v.parse::<u32>().ok())
            .ok_or_else(missing)?;
        if major < server_major {
            return Err(Error::Input(format!(
                "{name} is version {major} and the server runs PostgreSQL {server_major}: an older {name} cannot read it. Install the PostgreSQL {server_major} client (Debian: apt-get install postgresql-client-{server_major})."
            )));
        }
        Ok(PgTool { name })
    }

    /// Runs the tool on the database of `url`; a password travels in the
    /// environment, not on the command line where other users could read it.
    fn run(&self, url: &str, args: &[&str]) -> Result<(), Error> {
        let (url, password) = without_password(url);
        let mut command = Command::new(self.name);
        command.args(args).arg(format!("--dbname={url}"));
        if let Some(password) = password {
            command.env("PGPASSWORD", password);
        }
        self.finish(command).map(|_| ())
    }

    /// Runs the tool on no database; what it printed.
    fn output(&self, args: &[&str]) -> Result<String, Error> {
        let mut command = Command::new(self.name);
        command.args(args);
        self.finish(command)
    }

    fn finish(&self, mut command: Command) -> Result<String, Error> {
        let out = command
            .output()
            .map_err(|e| Error::Input(format!("{}: could not run ({e})", self.name)))?;
        if !out.status.success() {
            return Err(Error::Input(format!(
                "{} failed: {}",
                self.name,
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// `postgres://user:secret@host/db` → (`postgres://user@host/db`, `secret`).
fn without_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.into(), None);
    };
    let Some((user_info, host)) = rest.split_once('@') else {
        return (url.into(), None);
    };
    match user_info.split_once(':') {
        Some((user, password)) => (
            format!("{scheme}://{user}@{host}"),
            Some(app::auth::api::percent_decoded(password).unwrap_or_else(|| password.into())),
        ),
        None => (url.into(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url_for_the_environment() {
        assert_eq!(
            without_password("postgres://knit:s3cret@db.internal:5432/knit"),
            (
                "postgres://knit@db.internal:5432/knit".to_string(),
                Some("s3cret".to_string())
            )
        );
        assert_eq!(
            without_password("postgres://knit:a%40b%25c@db/knit")
                .1
                .as_deref(),
            Some("a@b%c")
        );
        assert_eq!(
            without_password("postgres://postgres@127.0.0.1/knit"),
            ("postgres://postgres@127.0.0.1/knit".to_string(), None)
        );
    }
}
