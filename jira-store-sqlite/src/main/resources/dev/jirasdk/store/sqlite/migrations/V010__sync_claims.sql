-- Sync claims (SyncClaims): one row per claim key (a connection's sync run, a demo-server schedule), holding the
-- current grant: the instance that holds it, its run, the fencing token (grows with every grant and release,
-- never reused) and the expiry. Times are epoch milliseconds (UTC); a released claim expires at 0.

CREATE TABLE sync_claims (
  claim_key     TEXT    NOT NULL PRIMARY KEY,
  holder        TEXT    NOT NULL,
  run_id        TEXT    NOT NULL,
  fencing_token INTEGER NOT NULL CHECK (fencing_token >= 1),
  claimed_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
