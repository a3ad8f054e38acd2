-- Email: an outbox that a worker drains, templates HR can edit, reminder rounds
-- and addresses that bounced.

-- The random seed of a personal link. The link itself is derived from it with the
-- instance's link key, so the database alone cannot reproduce any link.
ALTER TABLE invitations ADD COLUMN token_seed TEXT;

-- Days after a wave opens on which non-respondents get a reminder, e.g. '3,6'.
ALTER TABLE surveys ADD COLUMN reminder_days TEXT NOT NULL DEFAULT '3,6';

-- One message to one person. The unique key is what makes delivery exactly once:
-- queueing the same (purpose, wave, person, round) again is a no-op.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    purpose TEXT NOT NULL,
    -- The wave the message is about (0 when it is about no wave).
    wave_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    round BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'bounced', 'cancelled')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    -- While 'sending': which worker holds the row, and until when.
    leased_by TEXT,
    lease_until BIGINT,
    -- The address it went (or failed to go) to, and why it failed.
    to_address TEXT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE UNIQUE INDEX outbox_once ON outbox (purpose, wave_id, person_id, round);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_wave ON outbox (wave_id, status);

-- HR's wording of each kind of message; built-in wording applies until edited.
CREATE TABLE mail_templates (
    purpose TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Addresses whose server refused a message permanently (5xx).
CREATE TABLE email_bounces (
    address TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    bounced_at BIGINT NOT NULL
);

-- Each reminder round of a wave: scheduled (on a day after opening) or on demand.
CREATE TABLE reminder_rounds (
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    round BIGINT NOT NULL,
    scheduled_day BIGINT,
    created_at BIGINT NOT NULL,
    queued BIGINT NOT NULL,
    PRIMARY KEY (wave_id, round)
);
