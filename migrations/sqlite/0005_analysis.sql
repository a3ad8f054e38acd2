-- Network analysis results, stored per wave and relation so that pages open fast.
CREATE TABLE analyses (
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    relation_id BIGINT NOT NULL REFERENCES survey_relations (id) ON DELETE CASCADE,
    computed_at BIGINT NOT NULL,
    invited BIGINT NOT NULL,
    answered BIGINT NOT NULL,
    -- high (80% or more answered), moderate (65% or more) or low.
    confidence TEXT NOT NULL,
    -- The engine's report as JSON.
    report TEXT NOT NULL,
    PRIMARY KEY (wave_id, relation_id)
);

-- The latest computation of a wave's analysis, for its progress.
CREATE TABLE analysis_runs (
    wave_id BIGINT PRIMARY KEY REFERENCES waves (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    step BIGINT NOT NULL,
    steps BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    error TEXT
);
