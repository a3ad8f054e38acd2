-- SQLite gives a new row the highest id plus one, so erasing the person with
-- the highest id would hand their id, and every figure still keyed by it, to
-- the next person imported. AUTOINCREMENT never reuses an id. Adding it means
-- rebuilding the table, which must run with foreign keys off (dropping the old
-- table would otherwise cascade to every answer); that pragma has no effect
-- inside a transaction, and sqlx 0.8 runs each SQLite migration in one. So the
-- migrator's transaction is committed first and a new one begun at the end for
-- it to record the migration in. Run again after a crash, it rebuilds again.
COMMIT;
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS people_rebuilt;
CREATE TABLE people_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL,
    full_name TEXT NOT NULL,
    preferred_name TEXT,
    department TEXT,
    team TEXT,
    title TEXT,
    manager_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
    location TEXT,
    hire_date TEXT,
    end_date TEXT,
    attributes TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    first_seen_on TEXT NOT NULL,
    search_text TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    suggest_less_since BIGINT
);
INSERT INTO people_rebuilt (id, email, email_key, full_name, preferred_name, department, team, title,
    manager_id, location, hire_date, end_date, attributes, status, first_seen_on, search_text, sort_key,
    created_at, updated_at, suggest_less_since)
SELECT id, email, email_key, full_name, preferred_name, department, team, title,
    manager_id, location, hire_date, end_date, attributes, status, first_seen_on, search_text, sort_key,
    created_at, updated_at, suggest_less_since
FROM people;
DROP TABLE people;
ALTER TABLE people_rebuilt RENAME TO people;
CREATE UNIQUE INDEX people_email_key ON people (email_key);
CREATE INDEX people_manager ON people (manager_id);
CREATE INDEX people_sort ON people (sort_key, id);
COMMIT;
PRAGMA foreign_keys = ON;
BEGIN;
