-- PostgreSQL's identity columns never hand out an id twice; SQLite's rowids
-- can, and its migration of the same number makes them AUTOINCREMENT. Nothing
-- to change here: the number is kept so that both backends report one schema
-- version.
SELECT 1;
