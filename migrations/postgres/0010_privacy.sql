-- Who looked at or exported individual-level data, and what they changed:
-- works councils and GDPR reviews ask for this first. Entries are only ever
-- added; erasure turns the person an entry is about into "an erased person",
-- and retention deletes entries older than the retention period.
CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    -- The account that acted (NULL: the command line, or an account deleted since).
    actor_id BIGINT,
    -- The account's email when it acted, or "command line".
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    -- What was looked at or changed, in words ("wave 3 of Help network").
    object TEXT NOT NULL,
    -- The roster person the entry is about, if any (erasure clears it).
    person_id BIGINT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_person ON audit_log (person_id);

-- "I prefer not to take part": no reminders, counted apart in response rates.
ALTER TABLE invitations ADD COLUMN declined_at BIGINT;

-- A daily job's run, one row per job and day, so that several instances run it once.
CREATE TABLE daily_runs (
    job TEXT NOT NULL,
    day TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    PRIMARY KEY (job, day)
);

-- When retention deleted a closed wave's individual answers (NULL: kept).
ALTER TABLE waves ADD COLUMN answers_deleted_at BIGINT;
