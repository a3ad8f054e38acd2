-- What the insight page reads of an analysis, in a table of its own: SQLite
-- keeps a row's columns one after another, and reading one that comes after
-- a report of tens of MB walks through every page of the report (80 ms for
-- a wave's three summaries at 100,000 people).
CREATE TABLE analysis_summaries (
    wave_id BIGINT NOT NULL,
    network TEXT NOT NULL,
    -- The survey's earlier wave the changes are against (its number).
    previous_wave BIGINT,
    -- The summary as JSON; none in an analysis older than summaries.
    summary TEXT,
    PRIMARY KEY (wave_id, network),
    FOREIGN KEY (wave_id, network) REFERENCES analyses (wave_id, network) ON DELETE CASCADE
);
INSERT INTO analysis_summaries (wave_id, network, previous_wave, summary)
    SELECT wave_id, network, previous_wave, summary FROM analyses;
ALTER TABLE analyses DROP COLUMN previous_wave;
ALTER TABLE analyses DROP COLUMN summary;
