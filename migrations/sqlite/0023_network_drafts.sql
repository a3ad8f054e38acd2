-- A network read from an upload, waiting for the analyst to look at what was
-- found and add it or not. Only counts and the matched ties are kept: never
-- anything from inside the files. Removed when decided, or after a day.
CREATE TABLE network_drafts (
    id INTEGER PRIMARY KEY,
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- The uploaded files' own names.
    file_name TEXT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    -- What the reading found and left out, as JSON counts.
    found TEXT NOT NULL,
    -- The ties between people on the roster, as JSON [[source, target, weight]].
    ties TEXT NOT NULL
);
CREATE INDEX network_drafts_wave ON network_drafts (wave_id);
