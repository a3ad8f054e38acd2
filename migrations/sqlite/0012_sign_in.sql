-- Sign-in that fits a company: an account's explicit roster entry, single
-- sign-on subjects, password resets sent through the outbox, and what an
-- administrator sees of each session.

-- The roster person a manager's account stands for, when set explicitly;
-- otherwise the roster person with the account's email.
ALTER TABLE users ADD COLUMN person_id BIGINT REFERENCES people (id) ON DELETE SET NULL;
-- The OpenID provider's subject ("iss sub") that signs this account in.
ALTER TABLE users ADD COLUMN oidc_subject TEXT;
CREATE UNIQUE INDEX users_oidc_subject ON users (oidc_subject);

-- Where and how a session began, for the administrator's list of sessions.
ALTER TABLE sessions ADD COLUMN client_address TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password';

-- A one-time link to set a new password. Only the SHA-256 of the link's token
-- is kept for looking it up; the seed it is derived from (with the instance's
-- link key, as for personal links) is cleared once the link is used.
CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    token_seed TEXT,
    -- "self" or the administrator who sent it.
    requested_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE UNIQUE INDEX password_resets_token ON password_resets (token_hash);
CREATE INDEX password_resets_user ON password_resets (user_id);

-- A single sign-on that has left for the provider and not come back yet. The
-- state is also in a cookie of the browser that started it.
CREATE TABLE oidc_flows (
    state_hash TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    return_to TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- The outbox also carries password resets, which are about an account, not a
-- roster person: person_id becomes optional. SQLite changes a column's
-- constraints only by rebuilding the table; no table refers to the outbox.
CREATE TABLE outbox_rebuilt (
    id INTEGER PRIMARY KEY,
    purpose TEXT NOT NULL,
    wave_id BIGINT NOT NULL,
    person_id BIGINT REFERENCES people (id) ON DELETE CASCADE,
    reset_id BIGINT REFERENCES password_resets (id) ON DELETE CASCADE,
    round BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'bounced', 'cancelled')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    leased_by TEXT,
    lease_until BIGINT,
    to_address TEXT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    CHECK ((person_id IS NULL) <> (reset_id IS NULL))
);
INSERT INTO outbox_rebuilt (id, purpose, wave_id, person_id, round, status, attempts,
    next_attempt_at, leased_by, lease_until, to_address, last_error, created_at, sent_at)
SELECT id, purpose, wave_id, person_id, round, status, attempts,
    next_attempt_at, leased_by, lease_until, to_address, last_error, created_at, sent_at
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_rebuilt RENAME TO outbox;
CREATE UNIQUE INDEX outbox_once ON outbox (purpose, wave_id, person_id, round);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_wave ON outbox (wave_id, status);
CREATE UNIQUE INDEX outbox_reset ON outbox (reset_id);
