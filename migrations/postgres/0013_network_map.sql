-- Where each person sits on the network map: a ForceAtlas2 layout computed
-- with the analysis and kept with it, so every visit shows the same picture
-- and the next wave starts from it. JSON: {"person id": [x, y], ...}; NULL
-- until computed (analyses stored before this are laid out at start).
ALTER TABLE analyses ADD COLUMN layout TEXT;
