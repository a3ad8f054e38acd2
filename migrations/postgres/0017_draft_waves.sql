-- A new wave is a draft until HR opens it, or schedules it to open on its
-- opening date (1). Drafts made before this change were meant to open on
-- their date, and still do.
ALTER TABLE waves ADD COLUMN scheduled BIGINT NOT NULL DEFAULT 0;
UPDATE waves SET scheduled = 1 WHERE status = 'draft';
