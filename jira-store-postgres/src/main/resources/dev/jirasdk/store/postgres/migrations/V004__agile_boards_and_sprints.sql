-- Agile data (Jira Software): boards, sprints and sprint membership, with the common columns of every entity
-- table (see V001). parent_id is NULL for boards, the board id for sprints (the board the sprint was read from),
-- the issue id for sprint membership (one row per issue and sprint the issue went through, closed sprints
-- included; id = '<issueId>:<sprintId>'). Times are UTC text like every stored instant.
-- The epic / parent hierarchy needs no new column: jira_issues.parent_issue_id holds the issue's parent (the
-- `parent` field, which replaced Epic Link and Parent Link); an index now finds an epic's children.

CREATE TABLE jira_boards (
  connection_id   text COLLATE "C" NOT NULL,
  id              text COLLATE "C" NOT NULL,
  parent_id       text COLLATE "C",
  updated         text COLLATE "C",
  name            text,
  board_type      text,
  project_id      text,
  project_key     text,
  raw_json        text NOT NULL,
  columns_json    text NOT NULL,
  content_hash    text NOT NULL,
  synced_at       text COLLATE "C" NOT NULL,
  deleted_at      text COLLATE "C",
  deleted_reason  text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_boards_by_updated ON jira_boards (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_boards_live_by_parent ON jira_boards (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_sprints (
  connection_id   text COLLATE "C" NOT NULL,
  id              text COLLATE "C" NOT NULL,
  parent_id       text COLLATE "C",
  updated         text COLLATE "C",
  name            text,
  board_id        text,
  state           text,
  start_date      text COLLATE "C",
  end_date        text COLLATE "C",
  complete_date   text COLLATE "C",
  goal            text,
  raw_json        text NOT NULL,
  columns_json    text NOT NULL,
  content_hash    text NOT NULL,
  synced_at       text COLLATE "C" NOT NULL,
  deleted_at      text COLLATE "C",
  deleted_reason  text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_sprints_by_updated ON jira_sprints (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_sprints_live_by_parent ON jira_sprints (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_sprint_issues (
  connection_id   text COLLATE "C" NOT NULL,
  id              text COLLATE "C" NOT NULL,
  parent_id       text COLLATE "C",
  updated         text COLLATE "C",
  issue_id        text COLLATE "C",
  sprint_id       text COLLATE "C",
  raw_json        text NOT NULL,
  columns_json    text NOT NULL,
  content_hash    text NOT NULL,
  synced_at       text COLLATE "C" NOT NULL,
  deleted_at      text COLLATE "C",
  deleted_reason  text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_sprint_issues_by_updated ON jira_sprint_issues (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_sprint_issues_live_by_parent ON jira_sprint_issues (connection_id, parent_id, id)
  WHERE deleted_at IS NULL;
CREATE INDEX jira_sprint_issues_live_by_sprint ON jira_sprint_issues (connection_id, sprint_id, issue_id)
  WHERE deleted_at IS NULL;

CREATE INDEX jira_issues_live_by_parent_issue ON jira_issues (connection_id, parent_issue_id, id)
  WHERE deleted_at IS NULL AND parent_issue_id IS NOT NULL;
