-- Version 5: the points budgets a RateGovernor paces against (QuotaLedger), one row per policy scope, so that
-- every process of an app that opens this file spends one budget. Times are epoch milliseconds (UTC);
-- remaining -1 and reset_at_ms 0 mean "not known yet", quota 0 likewise. (Version 4 is another change's.)

CREATE TABLE quota_ledger (
  scope_key   TEXT    NOT NULL PRIMARY KEY,
  kind        TEXT    NOT NULL CHECK (kind IN ('APP', 'TENANT')),
  policy      TEXT    NOT NULL,
  cloud_id    TEXT    NOT NULL,
  quota       INTEGER NOT NULL CHECK (quota >= 0),
  window_ms   INTEGER NOT NULL CHECK (window_ms > 0),
  remaining   INTEGER NOT NULL CHECK (remaining >= -1),
  pending     INTEGER NOT NULL CHECK (pending >= 0),
  reset_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
