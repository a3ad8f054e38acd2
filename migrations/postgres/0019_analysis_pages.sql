-- What the insight pages read, written with each analysis so that a page reads
-- what it shows and not a whole report (tens of MB at 100,000 people).
-- The summary: the network's figures, its groups, the key players and changes
-- the page lists (JSON).
ALTER TABLE analyses ADD COLUMN summary TEXT;

-- Everyone's figures in one network, one row each, for the people table to
-- sort, filter and page in the database, and for the map to draw one group
-- from: name, department and other attributes as of the wave's close, as the
-- analysis saw them, and the place on the map. Gone with the analysis (an
-- erasure deletes it) and with the answers (retention).
CREATE TABLE analysis_people (
    wave_id BIGINT NOT NULL,
    network TEXT NOT NULL,
    person_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    department TEXT,
    in_degree BIGINT NOT NULL,
    out_degree BIGINT NOT NULL,
    in_weight DOUBLE PRECISION NOT NULL,
    out_weight DOUBLE PRECISION NOT NULL,
    betweenness DOUBLE PRECISION NOT NULL,
    -- Harmonic closeness over the n - 1 others (0..1), as the table shows it.
    closeness DOUBLE PRECISION NOT NULL,
    harmonic_closeness DOUBLE PRECISION NOT NULL,
    pagerank DOUBLE PRECISION,
    eigenvector DOUBLE PRECISION,
    burt_constraint DOUBLE PRECISION,
    effective_size DOUBLE PRECISION,
    clustering DOUBLE PRECISION NOT NULL,
    reciprocity DOUBLE PRECISION,
    community BIGINT NOT NULL,
    ei_index DOUBLE PRECISION,
    -- Role keys between spaces (" broker peripheral "), for LIKE '% broker %'.
    roles TEXT NOT NULL,
    -- Team, location, title, custom attributes and answers about oneself (JSON).
    attributes TEXT NOT NULL,
    x DOUBLE PRECISION,
    y DOUBLE PRECISION,
    PRIMARY KEY (wave_id, network, person_id),
    FOREIGN KEY (wave_id, network) REFERENCES analyses (wave_id, network) ON DELETE CASCADE
);
-- The table's first order, most named first; the map of one department.
CREATE INDEX analysis_people_by_in_degree ON analysis_people (wave_id, network, in_degree);
CREATE INDEX analysis_people_by_department ON analysis_people (wave_id, network, department);
