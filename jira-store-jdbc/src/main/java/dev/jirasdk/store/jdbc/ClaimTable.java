package dev.jirasdk.store.jdbc;

import dev.jirasdk.sync.ClaimLostException;
import dev.jirasdk.sync.SyncClaim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link dev.jirasdk.sync.SyncClaims} table {@code sync_claims}, the same SQL on SQLite and PostgreSQL: one row
 * per claim key, holding the current grant (holder, run, fencing token, expiry in epoch milliseconds).
 *
 * <ul>
 *   <li>A claim is one statement: an upsert whose update applies only {@code WHERE expires_at_ms <= now}, and which
 *       returns the new fencing token ({@code RETURNING}); no row back means a live claim is in the way. The row
 *       lock of the upsert makes racing claimants on any machine take turns, and the second finds the row live.
 *   <li>Renewal and release are updates conditioned on the claim's fencing token and holder, so a stale grant
 *       changes nothing; a release advances the token, so the released grant is fenced off as well.
 *   <li>A fenced page commit first reads the claim's row in its own transaction with {@link Dialect#shareRow()}
 *       (PostgreSQL: {@code FOR SHARE}): a takeover waits for commits under the old grant to end, and a commit after
 *       the takeover finds the newer token and writes nothing. Commits of one run share the lock, so they still
 *       run in parallel.
 * </ul>
 */
public final class ClaimTable {
  private static final String COLUMNS = "holder, run_id, fencing_token, claimed_at_ms, expires_at_ms";

  private final Transactions tx;
  private final Dialect dialect;

  public ClaimTable(Transactions tx, Dialect dialect) {
    this.tx = Objects.requireNonNull(tx, "tx == null");
    this.dialect = Objects.requireNonNull(dialect, "dialect == null");
  }

  public Optional<SyncClaim> tryClaim(String key, String holder, String runId, Instant now, Instant until) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(holder, "holder == null");
    Objects.requireNonNull(runId, "runId == null");
    SyncClaim.checkLease(now, until);
    if (key.isEmpty() || holder.isEmpty() || runId.isEmpty()) {
      throw new IllegalArgumentException("key, holder and runId must not be empty");
    }
    return tx.write("claim " + key, false, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_claims (claim_key, " + COLUMNS + ")"
          + " VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (claim_key) DO UPDATE SET holder = excluded.holder,"
          + " run_id = excluded.run_id, fencing_token = sync_claims.fencing_token + 1,"
          + " claimed_at_ms = excluded.claimed_at_ms, expires_at_ms = excluded.expires_at_ms"
          + " WHERE sync_claims.expires_at_ms <= ? RETURNING fencing_token")) {
        ps.setString(1, key);
        ps.setString(2, holder);
        ps.setString(3, runId);
        ps.setLong(4, now.toEpochMilli());
        ps.setLong(5, until.toEpochMilli());
        ps.setLong(6, now.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          return Optional.of(new SyncClaim(key, holder, runId, rs.getLong(1), millis(now), millis(until)));
        }
      }
    });
  }

  public Optional<SyncClaim> renew(SyncClaim claim, Instant now, Instant until) {
    Objects.requireNonNull(claim, "claim == null");
    SyncClaim.checkLease(now, until);
    SyncClaim renewed = claim.renewedUntil(millis(until));
    int n = tx.write("renew claim " + claim.key(), false, c -> update(c, claim, renewed));
    return n == 1 ? Optional.of(renewed) : Optional.empty();
  }

  public boolean release(SyncClaim claim) {
    Objects.requireNonNull(claim, "claim == null");
    return tx.write("release claim " + claim.key(), false, c -> update(c, claim, claim.released())) == 1;
  }

  public Optional<SyncClaim> current(String key, Instant now) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(now, "now == null");
    return tx.read("read claim " + key, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sync_claims WHERE claim_key = ?"
          + " AND expires_at_ms > ?")) {
        ps.setString(1, key);
        ps.setLong(2, now.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          return Optional.of(new SyncClaim(key, rs.getString(1), rs.getString(2), rs.getLong(3),
              Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5))));
        }
      }
    });
  }

  /**
   * Inside a write transaction: throws {@link ClaimLostException} unless {@code claim} is its key's current grant,
   * and keeps it so until the transaction ends.
   */
  public void checkFence(Connection c, SyncClaim claim) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT fencing_token, holder FROM sync_claims"
        + " WHERE claim_key = ?" + dialect.shareRow())) {
      ps.setString(1, claim.key());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw ClaimLostException.of(claim, "the key is not claimed; the page was not stored");
        if (rs.getLong(1) != claim.fencingToken() || !claim.holder().equals(rs.getString(2))) {
          throw ClaimLostException.of(claim, rs.getString(2) + " holds it now (fencing token " + rs.getLong(1)
              + "); the page was not stored");
        }
      }
    }
  }

  private static int update(Connection c, SyncClaim from, SyncClaim to) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE sync_claims SET fencing_token = ?, expires_at_ms = ?"
        + " WHERE claim_key = ? AND fencing_token = ? AND holder = ?")) {
      ps.setLong(1, to.fencingToken());
      ps.setLong(2, to.expiresAt().toEpochMilli());
      ps.setString(3, from.key());
      ps.setLong(4, from.fencingToken());
      ps.setString(5, from.holder());
      return ps.executeUpdate();
    }
  }

  /** Times as the table keeps them (milliseconds), so a claim read back equals the one handed out. */
  private static Instant millis(Instant t) {
    return Instant.ofEpochMilli(t.toEpochMilli());
  }
}
