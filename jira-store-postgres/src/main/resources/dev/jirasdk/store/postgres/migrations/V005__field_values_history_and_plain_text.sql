-- Version 5: custom field values with names, field history, plain text next to ADF, and views over them
-- (the same tables and views as the SQLite store's version 9; see docs/store.md).

-- Plain text rendered from Atlassian Document Format, for full-text search (LIKE / ILIKE, or a tsvector index
-- the host adds); filled as issues and comments are read.
ALTER TABLE jira_issues ADD COLUMN description_text text;
ALTER TABLE jira_comments ADD COLUMN body_text text;

-- One row per value of a custom field of an issue (a multi-value field gives one row per element).
CREATE TABLE jira_issue_field_values (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  issue_id       text COLLATE "C",
  field_id       text COLLATE "C",
  field_name     text,
  schema_type    text,
  custom_type    text,
  role           text COLLATE "C",
  position       bigint,
  value_id       text,
  value_text     text,
  value_number   double precision,
  value_date     text COLLATE "C",
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_issue_field_values_by_updated ON jira_issue_field_values (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_issue_field_values_live_by_parent ON jira_issue_field_values (connection_id, parent_id, id)
  WHERE deleted_at IS NULL;
CREATE INDEX jira_issue_field_values_live_by_role ON jira_issue_field_values (connection_id, parent_id, role, position)
  WHERE deleted_at IS NULL AND role IS NOT NULL;
CREATE INDEX jira_issue_field_values_live_by_field ON jira_issue_field_values (connection_id, field_id, parent_id)
  WHERE deleted_at IS NULL;

-- One row per item of a changelog entry: the field history.
CREATE TABLE jira_field_changes (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  issue_id       text COLLATE "C",
  history_id     text COLLATE "C",
  position       bigint,
  field_id       text COLLATE "C",
  field_name     text,
  field_type     text,
  from_value     text,
  from_string    text,
  to_value       text,
  to_string      text,
  author_account_id text,
  author_display_name text,
  created        text COLLATE "C",
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_field_changes_by_updated ON jira_field_changes (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_field_changes_live_by_parent ON jira_field_changes (connection_id, parent_id, id)
  WHERE deleted_at IS NULL;
CREATE INDEX jira_field_changes_live_by_field ON jira_field_changes (connection_id, field_id, parent_id, created)
  WHERE deleted_at IS NULL;

CREATE VIEW jira_issue_custom_fields AS
SELECT v.connection_id, v.parent_id AS issue_id, v.field_id,
  COALESCE(f.name, v.field_name) AS field_name, COALESCE(f.schema_type, v.schema_type) AS schema_type,
  COALESCE(f.schema_custom, v.custom_type) AS custom_type, v.role, v.position, v.value_id, v.value_text,
  v.value_number, v.value_date, v.raw_json AS value_json
FROM jira_issue_field_values v
LEFT JOIN jira_fields f ON f.connection_id = v.connection_id AND f.id = v.field_id AND f.deleted_at IS NULL
WHERE v.deleted_at IS NULL;

CREATE VIEW jira_issue_standard_fields AS
SELECT i.connection_id, i.id AS issue_id, i.issue_key, i.project_id, i.project_key, i.issue_type, i.status,
  COALESCE(i.story_points, (SELECT v.value_number FROM jira_issue_field_values v
    WHERE v.connection_id = i.connection_id AND v.parent_id = i.id AND v.role = 'story_points'
      AND v.deleted_at IS NULL AND v.value_number IS NOT NULL ORDER BY v.field_id LIMIT 1)) AS story_points,
  (SELECT v.value_text FROM jira_issue_field_values v
    WHERE v.connection_id = i.connection_id AND v.parent_id = i.id AND v.role = 'team' AND v.deleted_at IS NULL
    ORDER BY v.position LIMIT 1) AS team,
  (SELECT v.value_date FROM jira_issue_field_values v
    WHERE v.connection_id = i.connection_id AND v.parent_id = i.id AND v.role = 'start_date'
      AND v.deleted_at IS NULL ORDER BY v.position LIMIT 1) AS start_date,
  COALESCE(i.due_date, (SELECT v.value_date FROM jira_issue_field_values v
    WHERE v.connection_id = i.connection_id AND v.parent_id = i.id AND v.role = 'due_date'
      AND v.deleted_at IS NULL ORDER BY v.position LIMIT 1)) AS due_date,
  (SELECT v.value_text FROM jira_issue_field_values v
    WHERE v.connection_id = i.connection_id AND v.parent_id = i.id AND v.role = 'sprint' AND v.deleted_at IS NULL
    ORDER BY v.position DESC LIMIT 1) AS sprint
FROM jira_issues i
WHERE i.deleted_at IS NULL;

CREATE VIEW jira_issue_sprints AS
SELECT v.connection_id, v.parent_id AS issue_id, v.value_id AS sprint_id, v.value_text AS sprint_name, v.position
FROM jira_issue_field_values v
WHERE v.role = 'sprint' AND v.deleted_at IS NULL;

CREATE VIEW jira_status_intervals AS
WITH changes AS (
  SELECT c.connection_id, c.parent_id AS issue_id, c.from_string, c.to_string, c.to_value, c.created,
    ROW_NUMBER() OVER w AS n, LEAD(c.created) OVER w AS next_at
  FROM jira_field_changes c
  WHERE c.field_id = 'status' AND c.deleted_at IS NULL
  WINDOW w AS (PARTITION BY c.connection_id, c.parent_id ORDER BY c.created, CAST(c.history_id AS bigint), c.position)
)
SELECT i.connection_id, i.id AS issue_id, COALESCE(ch.from_string, i.status) AS status, i.created AS entered_at,
  ch.created AS left_at
FROM jira_issues i
LEFT JOIN changes ch ON ch.connection_id = i.connection_id AND ch.issue_id = i.id AND ch.n = 1
WHERE i.deleted_at IS NULL
UNION ALL
SELECT ch.connection_id, ch.issue_id, ch.to_string, ch.created, ch.next_at
FROM changes ch
JOIN jira_issues i ON i.connection_id = ch.connection_id AND i.id = ch.issue_id AND i.deleted_at IS NULL;
