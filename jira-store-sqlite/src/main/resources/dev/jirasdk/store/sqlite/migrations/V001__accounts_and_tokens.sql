-- Schema version 1: grants with their sealed tokens and refresh lease, sites, connections, pending flows.
-- Timestamps are UTC text with nine fractional digits (2026-11-23T10:15:30.000000000Z), so text order is
-- time order and plain SQL can compare them.

-- One Atlassian account's consent to this app. A row may exist with account_id NULL when the token store
-- was written before the account store (the two SPIs are independent); such rows are not grants yet.
CREATE TABLE grants (
  id                      TEXT PRIMARY KEY NOT NULL,
  account_id              TEXT,
  display_name            TEXT NOT NULL DEFAULT '',
  email                   TEXT,
  scopes                  TEXT NOT NULL DEFAULT '',
  state                   TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'REAUTH_REQUIRED')),
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  -- Token pair, sealed by TokenCipher (AES-256-GCM) before it reaches the store. 0 = nothing stored.
  token_version           INTEGER NOT NULL DEFAULT 0 CHECK (token_version >= 0),
  sealed_access_token     TEXT,
  sealed_refresh_token    TEXT,
  access_token_expires_at TEXT,
  tokens_obtained_at      TEXT,
  token_scope             TEXT,
  tokens_written_at       TEXT,
  -- Refresh lease: at most one holder per grant across threads and processes, until lease_until.
  lease_holder            TEXT,
  lease_until             TEXT,
  -- Leases taken over after they expired unreleased (a holder crashed or stalled) since the last token write.
  failure_count           INTEGER NOT NULL DEFAULT 0
);

-- The sites a grant can reach, as accessible-resources listed them at the last consent.
CREATE TABLE sites (
  grant_id   TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
  cloud_id   TEXT NOT NULL,
  position   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  url        TEXT NOT NULL,
  scopes     TEXT NOT NULL,
  avatar_url TEXT,
  PRIMARY KEY (grant_id, cloud_id)
);

-- What a host shows as accounts / integrations: one grant on one site. The site columns are a snapshot,
-- kept when the grant later loses the site.
CREATE TABLE connections (
  id              TEXT PRIMARY KEY NOT NULL,
  grant_id        TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
  cloud_id        TEXT NOT NULL,
  site_name       TEXT NOT NULL,
  site_url        TEXT NOT NULL,
  site_scopes     TEXT NOT NULL,
  site_avatar_url TEXT,
  label           TEXT NOT NULL DEFAULT '',
  is_primary      INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
  deactivated     INTEGER NOT NULL DEFAULT 0 CHECK (deactivated IN (0, 1)),
  seq             INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
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
  state_hash   TEXT PRIMARY KEY NOT NULL,
  binding_hash TEXT,
  label        TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  consumed_at  TEXT
);

CREATE INDEX pending_authorizations_by_expiry ON pending_authorizations (expires_at);
