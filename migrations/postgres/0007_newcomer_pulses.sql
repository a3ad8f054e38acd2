-- Newcomer pulses: short surveys sent to each newcomer at set days after hire.
-- A pulse survey is a survey of its own kind; each day's pulse is one of its waves.
ALTER TABLE surveys ADD COLUMN kind TEXT NOT NULL DEFAULT 'survey';

-- Which pulse (days after hire) each newcomer was sent, in which wave; the key
-- makes sure a pulse goes out once even with several instances.
CREATE TABLE pulses (
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    day BIGINT NOT NULL,
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, day)
);
CREATE INDEX pulses_wave ON pulses (wave_id);

-- A colleague who asked to be suggested to newcomers less often, and since when.
ALTER TABLE people ADD COLUMN suggest_less_since BIGINT;

-- The pulse survey: its first question feeds the help network as answers to
-- the main survey do (the newcomer goes to them); its second is read the other
-- way round (they come to the newcomer).
INSERT INTO surveys (name, introduction, population, created_at, updated_at, reminder_days, kind)
VALUES ('Newcomer pulse',
        'A two-question check-in for people who joined recently. It takes a minute and shows whom you have met so far, so that we can suggest others worth meeting.',
        '{}', 0, 0, '3', 'pulse');
INSERT INTO survey_relations (survey_id, position, kind, question, scales)
SELECT id, 0, 'information', 'Since you joined, whom have you gone to for help or information about your work?', '[]'
FROM surveys WHERE kind = 'pulse';
INSERT INTO survey_relations (survey_id, position, kind, question, scales)
SELECT id, 1, 'custom', 'Who has come to you for help or information?', '[]'
FROM surveys WHERE kind = 'pulse';
