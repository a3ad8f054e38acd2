-- Network surveys: a definition (relations and attribute questions) run in waves.
CREATE TABLE surveys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    introduction TEXT NOT NULL,
    -- Who is invited: a JSON filter on the roster (empty: everyone active).
    population TEXT NOT NULL DEFAULT '{}',
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- One question about ties ("Whom do you turn to for help?"), with its tie scales.
CREATE TABLE survey_relations (
    id INTEGER PRIMARY KEY,
    survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    question TEXT NOT NULL,
    -- JSON list of scales, each {key, label, min, max, labels}.
    scales TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX survey_relations_survey ON survey_relations (survey_id, position);

-- A question about the respondent (single choice, agreement 1-5, short text).
CREATE TABLE survey_questions (
    id INTEGER PRIMARY KEY,
    survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('choice', 'agreement', 'text')),
    prompt TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX survey_questions_survey ON survey_questions (survey_id, position);

-- A run of a survey. Draft, then open, then closed.
CREATE TABLE waves (
    id INTEGER PRIMARY KEY,
    survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    opened_at BIGINT,
    closed_at BIGINT
);
CREATE UNIQUE INDEX waves_survey_number ON waves (survey_id, number);

-- One personal link per person and wave; only a hash of its token is stored.
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash TEXT,
    issued_at BIGINT NOT NULL,
    revoked_at BIGINT,
    first_opened_at BIGINT,
    last_saved_at BIGINT,
    submitted_at BIGINT
);
CREATE UNIQUE INDEX invitations_wave_person ON invitations (wave_id, person_id);
CREATE UNIQUE INDEX invitations_token ON invitations (token_hash);

-- Answers: who named whom, for which relation, with the tie's scale values.
CREATE TABLE ties (
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    relation_id BIGINT NOT NULL REFERENCES survey_relations (id) ON DELETE CASCADE,
    respondent_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    named_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- JSON object of scale key to value.
    scales TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (wave_id, relation_id, respondent_id, named_id)
);
CREATE INDEX ties_named ON ties (named_id);
CREATE INDEX ties_respondent ON ties (respondent_id);

CREATE TABLE attribute_answers (
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    question_id BIGINT NOT NULL REFERENCES survey_questions (id) ON DELETE CASCADE,
    respondent_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (wave_id, question_id, respondent_id)
);
CREATE INDEX attribute_answers_respondent ON attribute_answers (respondent_id);

-- A respondent signed in to one wave by their personal link (cookie id hashed).
CREATE TABLE respondent_sessions (
    id_hash TEXT PRIMARY KEY,
    invitation_id BIGINT NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX respondent_sessions_invitation ON respondent_sessions (invitation_id);
