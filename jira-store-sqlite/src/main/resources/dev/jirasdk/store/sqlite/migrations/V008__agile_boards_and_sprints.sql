-- Agile data (Jira Software): boards, sprints and sprint membership, with the common columns of every entity
-- table (see V002). parent_id is NULL for boards, the board id for sprints (the board the sprint was read from),
-- the issue id for sprint membership (one row per issue and sprint the issue went through, closed sprints
-- included; id = '<issueId>:<sprintId>'). Times are UTC text like every stored instant.
-- The epic / parent hierarchy needs no new column: jira_issues.parent_issue_id holds the issue's parent (the
-- `parent` field, which replaced Epic Link and Parent Link); an index now finds an epic's children.

CREATE TABLE jira_boards (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  board_type     TEXT,
  project_id     TEXT,
  project_key    TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_boards_by_updated ON jira_boards (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_boards_live_by_parent ON jira_boards (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

CREATE TABLE jira_sprints (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  name           TEXT,
  board_id       TEXT,
  state          TEXT,
  start_date     TEXT,
  end_date       TEXT,
  complete_date  TEXT,
  goal           TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_sprints_by_updated ON jira_sprints (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_sprints_live_by_parent ON jira_sprints (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;

CREATE TABLE jira_sprint_issues (
  connection_id  TEXT NOT NULL,
  id             TEXT NOT NULL,
  parent_id      TEXT,
  updated        TEXT,
  issue_id       TEXT,
  sprint_id      TEXT,
  raw_json       TEXT NOT NULL,
  columns_json   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  synced_at      TEXT NOT NULL,
  deleted_at     TEXT,
  deleted_reason TEXT,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_sprint_issues_by_updated ON jira_sprint_issues (connection_id, ifnull(updated, ''), id);
CREATE INDEX jira_sprint_issues_live_by_parent ON jira_sprint_issues (connection_id, parent_id, id, deleted_at)
  WHERE deleted_at IS NULL;
CREATE INDEX jira_sprint_issues_live_by_sprint ON jira_sprint_issues (connection_id, sprint_id, issue_id)
  WHERE deleted_at IS NULL;

CREATE INDEX jira_issues_live_by_parent_issue ON jira_issues (connection_id, parent_issue_id, id)
  WHERE deleted_at IS NULL AND parent_issue_id IS NOT NULL;
