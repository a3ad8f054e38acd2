-- A newcomer's personal link expires and can be revoked; opening it starts a
-- session whose random id (stored hashed) is what the cookie holds, never the
-- link's token.
ALTER TABLE newcomer_links ADD COLUMN expires_at BIGINT;
ALTER TABLE newcomer_links ADD COLUMN revoked_at BIGINT;
-- Links issued before expire after the default 120 days.
UPDATE newcomer_links SET expires_at = issued_at + 10368000000 WHERE expires_at IS NULL;

CREATE TABLE newcomer_sessions (
    id_hash TEXT PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES newcomer_links (person_id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX newcomer_sessions_person ON newcomer_sessions (person_id);
