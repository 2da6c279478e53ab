-- Version 7: issues by numeric id within a project, for deletion detection.
--
-- The detector finds the smallest and the largest id of a project's live issues, counts them per id range and
-- lists the ids of one range. Ids are text, whose order is not the numbers' order, and might in principle not be
-- numbers at all: the index holds the live rows whose id is a decimal number of 1 to 18 digits (so it fits a
-- bigint), keyed by that number and then the id (ids like 7 and 007 are the same number), so that lists are
-- read in order from the index alone.
-- The CASE keeps the cast safe in whatever order the server evaluates conditions; the store's queries repeat the
-- expression and the predicate word for word (PgSyncTables.ID_NUMBER and NUMERIC_LIVE), which is what lets the
-- planner match them to this index.
CREATE INDEX jira_issues_live_by_number ON jira_issues
  (connection_id, parent_id, (CASE WHEN id ~ '^[0-9]{1,18}$' THEN id::bigint END), id)
  WHERE deleted_at IS NULL AND id ~ '^[0-9]{1,18}$';
