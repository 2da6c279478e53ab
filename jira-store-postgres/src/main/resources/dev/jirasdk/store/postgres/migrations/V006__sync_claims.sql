-- Sync claims (SyncClaims): one row per claim key (a connection's sync run, a demo-server schedule), holding the
-- current grant: the instance that holds it, its run, the fencing token (grows with every grant and release,
-- never reused) and the expiry. Times are epoch milliseconds (UTC); a released claim expires at 0. Claims are
-- taken by a conditional upsert (the row lock orders racing instances); a fenced page commit reads the row
-- FOR SHARE, so a takeover waits for the pages committed under the previous grant.

CREATE TABLE sync_claims (
  claim_key     text   NOT NULL PRIMARY KEY,
  holder        text   NOT NULL,
  run_id        text   NOT NULL,
  fencing_token bigint NOT NULL CHECK (fencing_token >= 1),
  claimed_at_ms bigint NOT NULL,
  expires_at_ms bigint NOT NULL
);
