-- Schema version 2: the mirror of Jira data written by the sync engine (SyncStore).
-- One table per entity, named jira_<stream>, keyed by (connection_id, id): typed columns for what users query,
-- plus the item's raw JSON exactly as Jira sent it. connection_id is the AccountStore connection id; there is
-- deliberately no foreign key, so a host may use this store for synced data with its own account store.
-- Common columns of every entity table:
--   parent_id      project id (issues, components, versions) or issue id (comments, worklogs, attachments,
--                  issue links, changelogs), else NULL
--   updated        Jira's last update (UTC text, nine fractional digits), NULL if Jira does not date it
--   raw_json       the item as Jira sent it (query it with json_extract)
--   columns_json   the typed columns with their Java types, for an exact round trip
--   content_hash   SHA-256 of the content; an unchanged re-upsert writes nothing
--   synced_at      when the row was last created or changed here
--   deleted_at     when it was found deleted in Jira (tombstone), NULL while live
-- Lists (labels, components, fix_versions, changed_fields) are JSON arrays of strings.

CREATE TABLE jira_projects (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  project_key    TEXT,
  name           TEXT,
  description    TEXT,
  project_type   TEXT,
  archived       INTEGER,
  lead_account_id TEXT,
  access_lost    INTEGER,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_projects_by_updated ON jira_projects (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_projects_by_parent ON jira_projects (connection_id, parent_id, id);

CREATE TABLE jira_issues (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  issue_key      TEXT,
  project_id     TEXT,
  project_key    TEXT,
  summary        TEXT,
  status         TEXT,
  status_category TEXT,
  issue_type     TEXT,
  priority       TEXT,
  assignee_account_id TEXT,
  reporter_account_id TEXT,
  created        TEXT,
  resolution     TEXT,
  resolution_date TEXT,
  due_date       TEXT,
  parent_issue_id TEXT,
  story_points   REAL,
  labels         TEXT,
  components     TEXT,
  fix_versions   TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_issues_by_updated ON jira_issues (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_issues_by_parent ON jira_issues (connection_id, parent_id, id);

CREATE TABLE jira_users (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  display_name   TEXT,
  email_address  TEXT,
  account_type   TEXT,
  active         INTEGER,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_users_by_updated ON jira_users (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_users_by_parent ON jira_users (connection_id, parent_id, id);

CREATE TABLE jira_groups (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_groups_by_updated ON jira_groups (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_groups_by_parent ON jira_groups (connection_id, parent_id, id);

CREATE TABLE jira_issue_types (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_issue_types_by_updated ON jira_issue_types (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_issue_types_by_parent ON jira_issue_types (connection_id, parent_id, id);

CREATE TABLE jira_priorities (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_priorities_by_updated ON jira_priorities (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_priorities_by_parent ON jira_priorities (connection_id, parent_id, id);

CREATE TABLE jira_statuses (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  status_category TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_statuses_by_updated ON jira_statuses (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_statuses_by_parent ON jira_statuses (connection_id, parent_id, id);

CREATE TABLE jira_resolutions (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_resolutions_by_updated ON jira_resolutions (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_resolutions_by_parent ON jira_resolutions (connection_id, parent_id, id);

CREATE TABLE jira_fields (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  custom         INTEGER,
  schema_type    TEXT,
  schema_custom  TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_fields_by_updated ON jira_fields (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_fields_by_parent ON jira_fields (connection_id, parent_id, id);

CREATE TABLE jira_labels (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_labels_by_updated ON jira_labels (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_labels_by_parent ON jira_labels (connection_id, parent_id, id);

CREATE TABLE jira_components (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  project_id     TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_components_by_updated ON jira_components (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_components_by_parent ON jira_components (connection_id, parent_id, id);

CREATE TABLE jira_versions (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  project_id     TEXT,
  released       INTEGER,
  archived       INTEGER,
  release_date   TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_versions_by_updated ON jira_versions (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_versions_by_parent ON jira_versions (connection_id, parent_id, id);

CREATE TABLE jira_workflows (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_workflows_by_updated ON jira_workflows (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_workflows_by_parent ON jira_workflows (connection_id, parent_id, id);

CREATE TABLE jira_dashboards (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_dashboards_by_updated ON jira_dashboards (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_dashboards_by_parent ON jira_dashboards (connection_id, parent_id, id);

CREATE TABLE jira_filters (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_filters_by_updated ON jira_filters (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_filters_by_parent ON jira_filters (connection_id, parent_id, id);

CREATE TABLE jira_permissions (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  description    TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_permissions_by_updated ON jira_permissions (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_permissions_by_parent ON jira_permissions (connection_id, parent_id, id);

CREATE TABLE jira_comments (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  author_account_id TEXT,
  created        TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_comments_by_updated ON jira_comments (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_comments_by_parent ON jira_comments (connection_id, parent_id, id);

CREATE TABLE jira_worklogs (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  author_account_id TEXT,
  started        TEXT,
  time_spent_seconds INTEGER,
  created        TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_worklogs_by_updated ON jira_worklogs (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_worklogs_by_parent ON jira_worklogs (connection_id, parent_id, id);

CREATE TABLE jira_attachments (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  filename       TEXT,
  mime_type      TEXT,
  size           INTEGER,
  created        TEXT,
  author_account_id TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_attachments_by_updated ON jira_attachments (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_attachments_by_parent ON jira_attachments (connection_id, parent_id, id);

CREATE TABLE jira_issue_links (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  link_type      TEXT,
  inward_issue_id TEXT,
  outward_issue_id TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_issue_links_by_updated ON jira_issue_links (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_issue_links_by_parent ON jira_issue_links (connection_id, parent_id, id);

CREATE TABLE jira_changelogs (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  author_account_id TEXT,
  created        TEXT,
  changed_fields TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_changelogs_by_updated ON jira_changelogs (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_changelogs_by_parent ON jira_changelogs (connection_id, parent_id, id);

CREATE INDEX jira_issues_by_key ON jira_issues (connection_id, issue_key);

-- Every deletion a page recorded (issues, comments, worklogs, ... and the children an issue took with it),
-- in the order they were recorded; the entity rows keep their deleted_at as well.
CREATE TABLE tombstones (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  connection_id TEXT NOT NULL,
  entity        TEXT NOT NULL,
  id            TEXT NOT NULL,
  parent_id     TEXT,
  deleted_at    TEXT NOT NULL,
  reason        TEXT NOT NULL DEFAULT ''
);

CREATE INDEX tombstones_by_connection ON tombstones (connection_id, entity, seq);

-- Where each stream stands, per (connection, stream, partition); replaced in the transaction of its page.
CREATE TABLE sync_checkpoints (
  connection_id TEXT NOT NULL,
  stream        TEXT NOT NULL,
  partition_key TEXT NOT NULL,
  value         TEXT NOT NULL,
  saved_at      TEXT NOT NULL,
  PRIMARY KEY (connection_id, stream, partition_key)
);

-- One row per sync run, written when it starts and again when it ends.
CREATE TABLE sync_runs (
  run_id           TEXT PRIMARY KEY NOT NULL,
  connection_id    TEXT NOT NULL,
  mode             TEXT NOT NULL,
  status           TEXT NOT NULL,
  started_at       TEXT NOT NULL,
  finished_at      TEXT,
  requests         INTEGER NOT NULL,
  points           INTEGER NOT NULL,
  estimated_issues INTEGER NOT NULL,
  created          INTEGER NOT NULL,
  updated          INTEGER NOT NULL,
  unchanged        INTEGER NOT NULL,
  deleted          INTEGER NOT NULL,
  error_count      INTEGER NOT NULL,
  first_error      TEXT,
  streams_json     TEXT NOT NULL,
  errors_json      TEXT NOT NULL,
  notes_json       TEXT NOT NULL
);

CREATE INDEX sync_runs_by_connection ON sync_runs (connection_id, started_at DESC, run_id);
