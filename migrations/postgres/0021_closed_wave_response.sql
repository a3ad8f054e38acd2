-- A closed wave's response, counted once when it closes (by department and
-- language as the roster gave them that day): its survey page reads this
-- instead of joining every invitation to the roster at each visit (JSON).
ALTER TABLE waves ADD COLUMN response_counts TEXT;

-- A newcomer's teammates, found without reading the roster: the Newcomers
-- page counts, for each newcomer listed, how many of their team answered.
CREATE INDEX people_team ON people (team);
