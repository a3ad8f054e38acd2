-- Saving an answer replaces the respondent's ties and answers in the wave.
-- Without an index on both columns SQLite read every tie of the wave to find
-- them (the primary key's prefix), so submissions slowed as the wave filled:
-- 387 a second at 3,000 people, 97 at 20,000 (`make bench-scale`).
CREATE INDEX ties_wave_respondent ON ties (wave_id, respondent_id);
CREATE INDEX attribute_answers_wave_respondent ON attribute_answers (wave_id, respondent_id);
