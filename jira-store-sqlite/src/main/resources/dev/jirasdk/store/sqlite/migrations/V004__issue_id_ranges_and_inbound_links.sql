-- Version 4: two partial indexes over live rows for deletion detection.
--
-- Issues by numeric id within a project: the detector counts a project's live issues per id range and lists the
-- ids of one range (ids are TEXT, whose order is not the numbers' order, so the index is on CAST(id AS INTEGER)).
-- id and deleted_at are columns of it so that the counts and lists read the index alone.
CREATE INDEX jira_issues_live_by_number ON jira_issues (connection_id, parent_id, CAST(id AS INTEGER), id,
  deleted_at) WHERE deleted_at IS NULL;

-- Issue links by the issue they point at: a link is stored once, under the issue that names its outwardIssue, so
-- when the outward issue is deleted its inbound links are found here and tombstoned in the same transaction.
CREATE INDEX jira_issue_links_live_by_outward ON jira_issue_links (connection_id, outward_issue_id, id, deleted_at)
  WHERE deleted_at IS NULL;
