-- Network analysis results, stored per wave and network so that pages open fast.
-- A network is a relation of the survey ('relation:ID') or one imported for the
-- wave from elsewhere ('import:ID').
CREATE TABLE analyses (
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    network TEXT NOT NULL,
    title TEXT NOT NULL,
    computed_at BIGINT NOT NULL,
    invited BIGINT NOT NULL,
    answered BIGINT NOT NULL,
    -- high (80% or more answered), moderate (65% or more) or low.
    confidence TEXT NOT NULL,
    -- The engine's report as JSON.
    report TEXT NOT NULL,
    -- Against the survey's previous analysed wave (its number): per person,
    -- ties gained and lost, metric and role changes, as JSON.
    previous_wave BIGINT,
    changes TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (wave_id, network)
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

-- Networks from elsewhere (an email or chat export, another survey tool)
-- uploaded by an analyst as an extra relation of a wave.
CREATE TABLE imported_networks (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    file_name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX imported_networks_wave ON imported_networks (wave_id);

CREATE TABLE imported_ties (
    network_id BIGINT NOT NULL REFERENCES imported_networks (id) ON DELETE CASCADE,
    source_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    target_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    weight DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (network_id, source_id, target_id)
);
