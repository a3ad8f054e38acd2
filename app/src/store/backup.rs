//! What a backup asks of the database itself; the archive, the tools and the
//! files are the server's (`server/src/backup.rs`).

use super::{Db, StoreError};

/// A consistent copy of a SQLite database at `copy` (a path in UTF-8): VACUUM
/// INTO reads one snapshot while writers carry on (WAL).
pub async fn copy_sqlite(db: &Db, copy: &str) -> Result<(), StoreError> {
    let literal = copy.replace('\'', "''");
    sqlx::query(&format!("VACUUM INTO '{literal}'"))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The PostgreSQL schema Knit's tables live in.
pub async fn postgres_schema(db: &Db) -> Result<String, StoreError> {
    Ok(sqlx::query_scalar("SELECT current_schema()::text")
        .fetch_one(db.pool())
        .await?)
}

/// The PostgreSQL server's major version (16 for 16.4), 0 when unreadable.
pub async fn postgres_major_version(db: &Db) -> Result<u32, StoreError> {
    let number: String = sqlx::query_scalar("SELECT current_setting('server_version_num')")
        .fetch_one(db.pool())
        .await?;
    Ok(number.trim().parse::<u32>().unwrap_or(0) / 10_000)
}

/// Tables of Knit's schema and the rows they hold.
pub async fn count_rows(db: &Db) -> Result<(usize, i64), StoreError> {
    let tables = super::table_names(db).await?;
    let mut rows = 0;
    for table in &tables {
        let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{table}\""))
            .fetch_one(db.pool())
            .await?;
        rows += count;
    }
    Ok((tables.len(), rows))
}
