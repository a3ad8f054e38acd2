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
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
-- roster person.
ALTER TABLE outbox ALTER COLUMN person_id DROP NOT NULL;
ALTER TABLE outbox ADD COLUMN reset_id BIGINT REFERENCES password_resets (id) ON DELETE CASCADE;
ALTER TABLE outbox ADD CONSTRAINT outbox_person_or_reset CHECK ((person_id IS NULL) <> (reset_id IS NULL));
CREATE UNIQUE INDEX outbox_reset ON outbox (reset_id);
