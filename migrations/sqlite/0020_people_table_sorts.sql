-- The people table sorts by any figure and pages deep into 100,000 rows: an
-- index per figure, ending in the table's tie-breaks (name, then id), lets
-- the database find a page's fifty in order from the index alone (ties by
-- name sorted among themselves), then read those fifty rows.
DROP INDEX analysis_people_by_in_degree;
DROP INDEX analysis_people_by_department;
CREATE INDEX analysis_people_by_in_degree ON analysis_people (wave_id, network, in_degree, name, person_id);
CREATE INDEX analysis_people_by_department ON analysis_people (wave_id, network, department, name, person_id);
CREATE INDEX analysis_people_by_name ON analysis_people (wave_id, network, lower(name), name, person_id);
CREATE INDEX analysis_people_by_out_degree ON analysis_people (wave_id, network, out_degree, name, person_id);
CREATE INDEX analysis_people_by_betweenness ON analysis_people (wave_id, network, betweenness, name, person_id);
CREATE INDEX analysis_people_by_closeness ON analysis_people (wave_id, network, closeness, name, person_id);
CREATE INDEX analysis_people_by_pagerank ON analysis_people (wave_id, network, pagerank, name, person_id);
CREATE INDEX analysis_people_by_constraint ON analysis_people (wave_id, network, burt_constraint, name, person_id);
CREATE INDEX analysis_people_by_effective_size ON analysis_people (wave_id, network, effective_size, name, person_id);
CREATE INDEX analysis_people_by_clustering ON analysis_people (wave_id, network, clustering, name, person_id);
CREATE INDEX analysis_people_by_reciprocity ON analysis_people (wave_id, network, reciprocity, name, person_id);
CREATE INDEX analysis_people_by_community ON analysis_people (wave_id, network, community, name, person_id);
CREATE INDEX analysis_people_by_ei_index ON analysis_people (wave_id, network, ei_index, name, person_id);
