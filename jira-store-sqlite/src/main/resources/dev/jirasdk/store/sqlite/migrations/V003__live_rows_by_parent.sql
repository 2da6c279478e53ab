-- Version 3: the by-parent index of every entity table holds live rows only (a partial index WHERE
-- deleted_at IS NULL). Every query by parent asks for live rows, and counting a connection's live rows can
-- now be answered from the index instead of reading each row past its raw JSON (which lives in overflow
-- pages, so a count read the whole table). deleted_at, always null in the index, is a column of it so that
-- SQLite sees the index as covering.

DROP INDEX jira_projects_by_parent;
CREATE INDEX jira_projects_live_by_parent ON jira_projects (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_issues_by_parent;
CREATE INDEX jira_issues_live_by_parent ON jira_issues (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_users_by_parent;
CREATE INDEX jira_users_live_by_parent ON jira_users (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_groups_by_parent;
CREATE INDEX jira_groups_live_by_parent ON jira_groups (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_issue_types_by_parent;
CREATE INDEX jira_issue_types_live_by_parent ON jira_issue_types (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_priorities_by_parent;
CREATE INDEX jira_priorities_live_by_parent ON jira_priorities (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_statuses_by_parent;
CREATE INDEX jira_statuses_live_by_parent ON jira_statuses (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_resolutions_by_parent;
CREATE INDEX jira_resolutions_live_by_parent ON jira_resolutions (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_fields_by_parent;
CREATE INDEX jira_fields_live_by_parent ON jira_fields (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_labels_by_parent;
CREATE INDEX jira_labels_live_by_parent ON jira_labels (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_components_by_parent;
CREATE INDEX jira_components_live_by_parent ON jira_components (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_versions_by_parent;
CREATE INDEX jira_versions_live_by_parent ON jira_versions (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_workflows_by_parent;
CREATE INDEX jira_workflows_live_by_parent ON jira_workflows (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_dashboards_by_parent;
CREATE INDEX jira_dashboards_live_by_parent ON jira_dashboards (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_filters_by_parent;
CREATE INDEX jira_filters_live_by_parent ON jira_filters (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_permissions_by_parent;
CREATE INDEX jira_permissions_live_by_parent ON jira_permissions (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_comments_by_parent;
CREATE INDEX jira_comments_live_by_parent ON jira_comments (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_worklogs_by_parent;
CREATE INDEX jira_worklogs_live_by_parent ON jira_worklogs (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_attachments_by_parent;
CREATE INDEX jira_attachments_live_by_parent ON jira_attachments (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_issue_links_by_parent;
CREATE INDEX jira_issue_links_live_by_parent ON jira_issue_links (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

DROP INDEX jira_changelogs_by_parent;
CREATE INDEX jira_changelogs_live_by_parent ON jira_changelogs (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;
