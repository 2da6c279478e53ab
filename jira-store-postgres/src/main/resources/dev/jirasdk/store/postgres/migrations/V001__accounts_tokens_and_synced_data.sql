-- Schema version 1 of the PostgreSQL store: the same tables and typed columns as the SQLite store's
-- versions 1 to 3, in PostgreSQL's types. Timestamps are UTC text with nine fractional digits
-- (2026-11-23T10:15:30.000000000Z), as in SQLite: an Instant reads back to the nanosecond (timestamptz keeps
-- microseconds), and text order is time order. Ids and times compare in the "C" collation (byte order), so
-- ordering and paging never depend on the database's locale. Lists of strings are jsonb (query them with the
-- jsonb containment operator); raw_json is the item exactly as Jira sent it (text; cast to jsonb to query it).

-- One Atlassian account's consent to this app. A row may exist with account_id NULL when the token store
-- was written before the account store (the two SPIs are independent); such rows are not grants yet.
CREATE TABLE grants (
  id                      text COLLATE "C" PRIMARY KEY,
  account_id              text,
  display_name            text NOT NULL DEFAULT '',
  email                   text,
  scopes                  text NOT NULL DEFAULT '',
  state                   text NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'REAUTH_REQUIRED')),
  created_at              text COLLATE "C" NOT NULL,
  updated_at              text COLLATE "C" NOT NULL,
  -- Token pair, sealed by TokenCipher (AES-256-GCM) before it reaches the store. 0 = nothing stored.
  -- The version is the fencing token of every token write (compare-and-set).
  token_version           bigint NOT NULL DEFAULT 0 CHECK (token_version >= 0),
  sealed_access_token     text,
  sealed_refresh_token    text,
  access_token_expires_at text COLLATE "C",
  tokens_obtained_at      text COLLATE "C",
  token_scope             text,
  tokens_written_at       text COLLATE "C",
  -- Refresh lease: at most one holder per grant across threads, processes and machines, until lease_until.
  lease_holder            text,
  lease_until             text COLLATE "C",
  -- Leases taken over after they expired unreleased (a holder crashed or stalled) since the last token write.
  failure_count           integer NOT NULL DEFAULT 0
);

-- The sites a grant can reach, as accessible-resources listed them at the last consent.
CREATE TABLE sites (
  grant_id   text COLLATE "C" NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
  cloud_id   text COLLATE "C" NOT NULL,
  position   integer NOT NULL,
  name       text NOT NULL,
  url        text NOT NULL,
  scopes     text NOT NULL,
  avatar_url text,
  PRIMARY KEY (grant_id, cloud_id)
);

-- What a host shows as accounts / integrations: one grant on one site.
CREATE TABLE connections (
  id              text COLLATE "C" PRIMARY KEY,
  grant_id        text COLLATE "C" NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
  cloud_id        text COLLATE "C" NOT NULL,
  site_name       text NOT NULL,
  site_url        text NOT NULL,
  site_scopes     text NOT NULL,
  site_avatar_url text,
  label           text NOT NULL DEFAULT '',
  is_primary      integer NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
  deactivated     integer NOT NULL DEFAULT 0 CHECK (deactivated IN (0, 1)),
  seq             bigint NOT NULL,
  created_at      text COLLATE "C" NOT NULL,
  UNIQUE (grant_id, cloud_id)
);

-- At most one primary connection, enforced by the database itself.
CREATE UNIQUE INDEX connections_single_primary ON connections (is_primary) WHERE is_primary = 1;

-- Connections with their derived state, for plain SQL.
CREATE VIEW connection_states AS
SELECT c.id, c.grant_id, c.cloud_id, c.site_name, c.site_url, c.label, c.is_primary, c.created_at,
       CASE WHEN c.deactivated = 1 THEN 'DEACTIVATED'
            WHEN g.state = 'REAUTH_REQUIRED' THEN 'REAUTH_REQUIRED'
            ELSE 'ACTIVE' END AS state
FROM connections c JOIN grants g ON g.id = c.grant_id;

-- Authorization flows in progress, keyed by the SHA-256 of their state (never the state itself).
CREATE TABLE pending_authorizations (
  state_hash   text COLLATE "C" PRIMARY KEY,
  binding_hash text,
  label        text NOT NULL DEFAULT '',
  created_at   text COLLATE "C" NOT NULL,
  expires_at   text COLLATE "C" NOT NULL,
  consumed_at  text COLLATE "C"
);

CREATE INDEX pending_authorizations_by_expiry ON pending_authorizations (expires_at);

-- The mirror of Jira data (SyncStore): one table per entity, keyed by (connection_id, id), typed columns for
-- what users query plus the item's raw JSON. No foreign key to connections, as in SQLite.

CREATE TABLE jira_projects (
  connection_id   text COLLATE "C" NOT NULL,
  id              text COLLATE "C" NOT NULL,
  parent_id       text COLLATE "C",
  updated         text COLLATE "C",
  project_key     text,
  name            text,
  description     text,
  project_type    text,
  archived        bigint,
  lead_account_id text,
  access_lost     bigint,
  raw_json        text NOT NULL,
  columns_json    text NOT NULL,
  content_hash    text NOT NULL,
  synced_at       text COLLATE "C" NOT NULL,
  deleted_at      text COLLATE "C",
  deleted_reason  text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_projects_by_updated ON jira_projects (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_projects_live_by_parent ON jira_projects (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_issues (
  connection_id       text COLLATE "C" NOT NULL,
  id                  text COLLATE "C" NOT NULL,
  parent_id           text COLLATE "C",
  updated             text COLLATE "C",
  issue_key           text,
  project_id          text,
  project_key         text,
  summary             text,
  status              text,
  status_category     text,
  issue_type          text,
  priority            text,
  assignee_account_id text,
  reporter_account_id text,
  created             text COLLATE "C",
  resolution          text,
  resolution_date     text COLLATE "C",
  due_date            text COLLATE "C",
  parent_issue_id     text,
  story_points        double precision,
  labels              jsonb,
  components          jsonb,
  fix_versions        jsonb,
  raw_json            text NOT NULL,
  columns_json        text NOT NULL,
  content_hash        text NOT NULL,
  synced_at           text COLLATE "C" NOT NULL,
  deleted_at          text COLLATE "C",
  deleted_reason      text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_issues_by_updated ON jira_issues (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_issues_live_by_parent ON jira_issues (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_users (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  display_name   text,
  email_address  text,
  account_type   text,
  active         bigint,
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_users_by_updated ON jira_users (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_users_live_by_parent ON jira_users (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_groups (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  name           text,
  description    text,
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_groups_by_updated ON jira_groups (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_groups_live_by_parent ON jira_groups (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_issue_types (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  name           text,
  description    text,
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_issue_types_by_updated ON jira_issue_types (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_issue_types_live_by_parent ON jira_issue_types (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_priorities (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  name           text,
  description    text,
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_priorities_by_updated ON jira_priorities (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_priorities_live_by_parent ON jira_priorities (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_statuses (
  connection_id   text COLLATE "C" NOT NULL,
  id              text COLLATE "C" NOT NULL,
  parent_id       text COLLATE "C",
  updated         text COLLATE "C",
  name            text,
  description     text,
  status_category text,
  raw_json        text NOT NULL,
  columns_json    text NOT NULL,
  content_hash    text NOT NULL,
  synced_at       text COLLATE "C" NOT NULL,
  deleted_at      text COLLATE "C",
  deleted_reason  text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_statuses_by_updated ON jira_statuses (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_statuses_live_by_parent ON jira_statuses (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_resolutions (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  name           text,
  description    text,
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_resolutions_by_updated ON jira_resolutions (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_resolutions_live_by_parent ON jira_resolutions (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_fields (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  name           text,
  description    text,
  custom         bigint,
  schema_type    text,
  schema_custom  text,
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_fields_by_updated ON jira_fields (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_fields_live_by_parent ON jira_fields (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_labels (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  name           text,
  description    text,
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_labels_by_updated ON jira_labels (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_labels_live_by_parent ON jira_labels (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_components (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  name           text,
  description    text,
  project_id     text,
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_components_by_updated ON jira_components (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_components_live_by_parent ON jira_components (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_versions (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  name           text,
  description    text,
  project_id     text,
  released       bigint,
  archived       bigint,
  release_date   text COLLATE "C",
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_versions_by_updated ON jira_versions (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_versions_live_by_parent ON jira_versions (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_workflows (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  name           text,
  description    text,
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_workflows_by_updated ON jira_workflows (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_workflows_live_by_parent ON jira_workflows (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_dashboards (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  name           text,
  description    text,
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_dashboards_by_updated ON jira_dashboards (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_dashboards_live_by_parent ON jira_dashboards (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_filters (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  name           text,
  description    text,
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_filters_by_updated ON jira_filters (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_filters_live_by_parent ON jira_filters (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_permissions (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  parent_id      text COLLATE "C",
  updated        text COLLATE "C",
  name           text,
  description    text,
  raw_json       text NOT NULL,
  columns_json   text NOT NULL,
  content_hash   text NOT NULL,
  synced_at      text COLLATE "C" NOT NULL,
  deleted_at     text COLLATE "C",
  deleted_reason text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_permissions_by_updated ON jira_permissions (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_permissions_live_by_parent ON jira_permissions (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_comments (
  connection_id     text COLLATE "C" NOT NULL,
  id                text COLLATE "C" NOT NULL,
  parent_id         text COLLATE "C",
  updated           text COLLATE "C",
  author_account_id text,
  created           text COLLATE "C",
  raw_json          text NOT NULL,
  columns_json      text NOT NULL,
  content_hash      text NOT NULL,
  synced_at         text COLLATE "C" NOT NULL,
  deleted_at        text COLLATE "C",
  deleted_reason    text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_comments_by_updated ON jira_comments (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_comments_live_by_parent ON jira_comments (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_worklogs (
  connection_id      text COLLATE "C" NOT NULL,
  id                 text COLLATE "C" NOT NULL,
  parent_id          text COLLATE "C",
  updated            text COLLATE "C",
  author_account_id  text,
  started            text COLLATE "C",
  time_spent_seconds bigint,
  created            text COLLATE "C",
  raw_json           text NOT NULL,
  columns_json       text NOT NULL,
  content_hash       text NOT NULL,
  synced_at          text COLLATE "C" NOT NULL,
  deleted_at         text COLLATE "C",
  deleted_reason     text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_worklogs_by_updated ON jira_worklogs (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_worklogs_live_by_parent ON jira_worklogs (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_attachments (
  connection_id     text COLLATE "C" NOT NULL,
  id                text COLLATE "C" NOT NULL,
  parent_id         text COLLATE "C",
  updated           text COLLATE "C",
  filename          text,
  mime_type         text,
  size              bigint,
  created           text COLLATE "C",
  author_account_id text,
  raw_json          text NOT NULL,
  columns_json      text NOT NULL,
  content_hash      text NOT NULL,
  synced_at         text COLLATE "C" NOT NULL,
  deleted_at        text COLLATE "C",
  deleted_reason    text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_attachments_by_updated ON jira_attachments (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_attachments_live_by_parent ON jira_attachments (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE jira_issue_links (
  connection_id    text COLLATE "C" NOT NULL,
  id               text COLLATE "C" NOT NULL,
  parent_id        text COLLATE "C",
  updated          text COLLATE "C",
  link_type        text,
  inward_issue_id  text,
  outward_issue_id text,
  raw_json         text NOT NULL,
  columns_json     text NOT NULL,
  content_hash     text NOT NULL,
  synced_at        text COLLATE "C" NOT NULL,
  deleted_at       text COLLATE "C",
  deleted_reason   text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_issue_links_by_updated ON jira_issue_links (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_issue_links_live_by_parent ON jira_issue_links (connection_id, parent_id, id) WHERE deleted_at IS NULL;
CREATE INDEX jira_issue_links_live_by_outward ON jira_issue_links (connection_id, outward_issue_id)
  WHERE deleted_at IS NULL;

CREATE TABLE jira_changelogs (
  connection_id     text COLLATE "C" NOT NULL,
  id                text COLLATE "C" NOT NULL,
  parent_id         text COLLATE "C",
  updated           text COLLATE "C",
  author_account_id text,
  created           text COLLATE "C",
  changed_fields    jsonb,
  raw_json          text NOT NULL,
  columns_json      text NOT NULL,
  content_hash      text NOT NULL,
  synced_at         text COLLATE "C" NOT NULL,
  deleted_at        text COLLATE "C",
  deleted_reason    text,
  PRIMARY KEY (connection_id, id)
);

CREATE INDEX jira_changelogs_by_updated ON jira_changelogs (connection_id, coalesce(updated, ''), id);
CREATE INDEX jira_changelogs_live_by_parent ON jira_changelogs (connection_id, parent_id, id) WHERE deleted_at IS NULL;

CREATE INDEX jira_issues_by_key ON jira_issues (connection_id, issue_key);

-- Every deletion a page recorded, in the order they were recorded.
CREATE TABLE tombstones (
  seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  connection_id text COLLATE "C" NOT NULL,
  entity        text NOT NULL,
  id            text COLLATE "C" NOT NULL,
  parent_id     text COLLATE "C",
  deleted_at    text COLLATE "C" NOT NULL,
  reason        text NOT NULL DEFAULT ''
);

CREATE INDEX tombstones_by_connection ON tombstones (connection_id, entity, seq);

-- Where each stream stands, per (connection, stream, partition); replaced in the transaction of its page.
CREATE TABLE sync_checkpoints (
  connection_id text COLLATE "C" NOT NULL,
  stream        text COLLATE "C" NOT NULL,
  partition_key text COLLATE "C" NOT NULL,
  value         text NOT NULL,
  saved_at      text COLLATE "C" NOT NULL,
  PRIMARY KEY (connection_id, stream, partition_key)
);

-- One row per sync run, written when it starts and again when it ends.
CREATE TABLE sync_runs (
  run_id           text COLLATE "C" PRIMARY KEY,
  connection_id    text COLLATE "C" NOT NULL,
  mode             text NOT NULL,
  status           text NOT NULL,
  started_at       text COLLATE "C" NOT NULL,
  finished_at      text COLLATE "C",
  requests         bigint NOT NULL,
  points           bigint NOT NULL,
  estimated_issues bigint NOT NULL,
  created          bigint NOT NULL,
  updated          bigint NOT NULL,
  unchanged        bigint NOT NULL,
  deleted          bigint NOT NULL,
  error_count      integer NOT NULL,
  first_error      text,
  streams_json     text NOT NULL,
  errors_json      text NOT NULL,
  notes_json       text NOT NULL
);

CREATE INDEX sync_runs_by_connection ON sync_runs (connection_id, started_at DESC, run_id);

-- The points budgets a RateGovernor paces against (QuotaLedger), one row per policy scope, shared by every
-- process of the app that uses this database. Times are epoch milliseconds (UTC); remaining -1, quota 0 and
-- reset_at_ms 0 mean "not known yet".
CREATE TABLE quota_ledger (
  scope_key     text COLLATE "C" PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('APP', 'TENANT')),
  policy        text NOT NULL,
  cloud_id      text NOT NULL,
  quota         bigint NOT NULL CHECK (quota >= 0),
  window_ms     bigint NOT NULL CHECK (window_ms > 0),
  remaining     bigint NOT NULL CHECK (remaining >= -1),
  pending       bigint NOT NULL CHECK (pending >= 0),
  reset_at_ms   bigint NOT NULL,
  updated_at_ms bigint NOT NULL
);
