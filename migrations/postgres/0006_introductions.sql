-- Introductions suggested to newcomers, and what became of them.
CREATE TABLE introductions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    newcomer_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    suggested_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The analysed wave the suggestion was made from.
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    -- JSON list of the reasons, in words (never a score).
    reasons TEXT NOT NULL,
    -- The strongest ground: team_reliance, connector_or_broker, triadic_closure, fellow_newcomer.
    ground TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'met', 'not_useful', 'later')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX introductions_pair ON introductions (newcomer_id, suggested_id);

-- A newcomer's personal link to their introductions: a seed and the hash of
-- the token derived from it (as for survey invitations).
CREATE TABLE newcomer_links (
    person_id BIGINT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    token_seed TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    issued_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX newcomer_links_token ON newcomer_links (token_hash);
