-- The roster. Dates are ISO text (YYYY-MM-DD); custom attributes a JSON object.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL,
    full_name TEXT NOT NULL,
    preferred_name TEXT,
    department TEXT,
    team TEXT,
    title TEXT,
    manager_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
    location TEXT,
    hire_date TEXT,
    end_date TEXT,
    attributes TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    -- The date the roster first listed this person (the import's "as of" date).
    first_seen_on TEXT NOT NULL,
    -- Folded (lower case, no accents) name, email, team, title, department, location.
    search_text TEXT NOT NULL,
    -- Folded name, for listing in name order.
    sort_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX people_email_key ON people (email_key);
CREATE INDEX people_manager ON people (manager_id);
CREATE INDEX people_sort ON people (sort_key, id);

-- Each change seen in the roster, dated, so that any past survey wave can be
-- analysed with the roster as it was then.
CREATE TABLE person_changes (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    changed_on TEXT NOT NULL,
    source TEXT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX person_changes_person ON person_changes (person_id, changed_on);

-- Uploaded files waiting for HR to review their preview; removed when applied,
-- discarded, or a day old.
CREATE TABLE roster_uploads (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at BIGINT NOT NULL
);

-- What each applied import did (counts only: no personal data).
CREATE TABLE roster_imports (
    id INTEGER PRIMARY KEY,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    file_name TEXT NOT NULL,
    as_of TEXT NOT NULL,
    added BIGINT NOT NULL,
    changed BIGINT NOT NULL,
    unchanged BIGINT NOT NULL,
    deactivated BIGINT NOT NULL,
    applied_at BIGINT NOT NULL
);
