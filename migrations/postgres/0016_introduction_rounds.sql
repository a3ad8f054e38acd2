-- Introductions go out in rounds, on days after hire, from one list: a round
-- is a draft until it is sent (by HR's approval or on its own), and once sent
-- it is the newcomer's list everywhere.
CREATE TABLE introduction_rounds (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    newcomer_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The schedule's round (1, 2, ...), or past the schedule for one HR sent by hand.
    number BIGINT NOT NULL,
    -- The day it was due (ISO), and the analysed wave its picks came from.
    due_on TEXT NOT NULL,
    wave_id BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'skipped')),
    -- 1 when made by `knit demo` on a simulated company, not by the schedule.
    simulated BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    -- The day it went out, and the day the newcomer is asked "did you meet?" (ISO).
    sent_on TEXT,
    follow_up_on TEXT
);
CREATE UNIQUE INDEX introduction_rounds_once ON introduction_rounds (newcomer_id, number);
CREATE INDEX introduction_rounds_status ON introduction_rounds (status, due_on);

-- Each round's candidates: those introduced, and those held out at random to
-- measure what introductions change (never shown to the newcomer, never emailed).
CREATE TABLE round_picks (
    round_id BIGINT NOT NULL REFERENCES introduction_rounds (id) ON DELETE CASCADE,
    colleague_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    arm TEXT NOT NULL CHECK (arm IN ('introduced', 'held_out')),
    ground TEXT NOT NULL,
    -- The grounds as JSON facts, as on introductions.
    grounds TEXT NOT NULL,
    PRIMARY KEY (round_id, colleague_id)
);
CREATE INDEX round_picks_colleague ON round_picks (colleague_id);

-- The round an introduction went out in (none for those sent before rounds).
ALTER TABLE introductions ADD COLUMN round_id BIGINT REFERENCES introduction_rounds (id) ON DELETE SET NULL;
