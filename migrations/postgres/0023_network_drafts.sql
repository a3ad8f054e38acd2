-- A network read from an upload, waiting for the analyst to look at what was
-- found and add it or not. Only counts and the matched ties are kept: never
-- anything from inside the files. Removed when decided, or after a day.
CREATE TABLE network_drafts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- The uploaded files' own names.
    file_name TEXT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    -- While the files are read: how far.
    read_bytes BIGINT NOT NULL DEFAULT 0,
    total_bytes BIGINT NOT NULL DEFAULT 0,
    -- Once read: what was found and left out (JSON counts), and the ties
    -- between people on the roster (JSON [[source, target, weight]]); or why
    -- the files could not be read.
    found TEXT,
    ties TEXT,
    problem TEXT
);
CREATE INDEX network_drafts_wave ON network_drafts (wave_id);
