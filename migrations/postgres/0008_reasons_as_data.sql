-- Reasons are data: the engine's facts are stored, and words are written when
-- a page or an email is made, for its reader.

-- The grounds of an introduction as JSON facts (kinds, counts, groups, person
-- ids). NULL on introductions made before this version: those keep showing
-- the sentences stored in `reasons` when they were made.
ALTER TABLE introductions ADD COLUMN grounds TEXT;

-- The shape of the stored report: 1 held roles with reasons in words, 2 holds
-- their evidence. Knit recomputes analyses of an older shape at start.
ALTER TABLE analyses ADD COLUMN format BIGINT NOT NULL DEFAULT 1;

-- Newcomers, computed when a wave or pulse closes, an introduction is sent or
-- marked, or the roster or the settings change; pages read these.
CREATE TABLE newcomer_figures (
    person_id BIGINT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    -- The list's order: at risk first, then by hire date and name.
    position BIGINT NOT NULL,
    -- Their manager when computed, for managers' views.
    manager_id BIGINT,
    -- Metrics, curve, history, timeline and suggestions as JSON facts.
    figures TEXT NOT NULL
);
CREATE INDEX newcomer_figures_position ON newcomer_figures (position);
CREATE INDEX newcomer_figures_manager ON newcomer_figures (manager_id, position);

-- What the Newcomers page shows beside the list (cohorts, bands, conversions,
-- pulses), from the same computation: one row.
CREATE TABLE newcomer_summary (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    computed_at BIGINT NOT NULL,
    summary TEXT NOT NULL
);
