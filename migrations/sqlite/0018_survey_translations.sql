-- A survey's own words in other languages: each text HR wrote (its name,
-- introduction, questions, scale labels, options) with its translation. Keyed by
-- the text itself, so a changed question shows as untranslated again.
CREATE TABLE survey_translations (
    survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (survey_id, language, source)
);
