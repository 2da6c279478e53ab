package dev.jirasdk.examples;

import dev.jirasdk.auth.StoreException;
import dev.jirasdk.auth.StoredTokens;
import dev.jirasdk.auth.TokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Example 3: a {@link TokenStore} backed by a table of the host application's own database, through plain JDBC.
 *
 * <p>Everything a store must guarantee is in the SQL, so it holds across threads and processes alike:
 * <ul>
 *   <li>compare-and-set: an {@code UPDATE ... WHERE version = ?} (or an insert that only lands on "nothing
 *       stored") changes one row or none, so a stale writer can never overwrite a newer refresh token;
 *   <li>the refresh lease: one upsert whose {@code WHERE} lets it take the lease only if nobody holds it, the
 *       holder is the same, or the holder's lease has ended.
 * </ul>
 * The values arrive sealed by the SDK's {@code TokenCipher}; this table never holds a usable token.
 *
 * <p>The SQL is standard apart from {@code INSERT ... ON CONFLICT}, which SQLite (3.24+) and PostgreSQL share.
 * {@code JdbcTokenStoreTest} runs the SDK's {@code TokenStoreContract} against it. Thread-safe: each call
 * borrows its own connection from the {@link DataSource}, which the host owns.
 */
public final class JdbcTokenStore implements TokenStore {
  /** The table this store keeps; create it with {@link #createTable()} or your own migration tool. */
  public static final String TABLE = "host_jira_tokens";

  private final DataSource dataSource;

  public JdbcTokenStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
  }

  /** Creates the table if it does not exist. */
  public JdbcTokenStore createTable() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
          + "grant_id TEXT PRIMARY KEY,"
          + "version BIGINT NOT NULL DEFAULT 0,"            // 0: no tokens yet (the row may hold a lease)
          + "sealed_access_token TEXT,"
          + "sealed_refresh_token TEXT,"
          + "access_token_expires_at TEXT,"
          + "obtained_at TEXT,"
          + "scope TEXT,"
          + "family_started_at TEXT,"                       // the consent that began the refresh-token family
          + "lease_holder TEXT,"
          + "lease_until_nanos BIGINT)");                   // epoch nanoseconds: exact and comparable
    } catch (SQLException e) {
      throw new StoreException("cannot create table " + TABLE + ": " + e.getMessage(), e);
    }
    return this;
  }

  @Override
  public Optional<StoredTokens> load(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    String sql = "SELECT version, sealed_access_token, sealed_refresh_token, access_token_expires_at, obtained_at,"
        + " scope, family_started_at FROM " + TABLE + " WHERE grant_id = ? AND version > 0";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, grantId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new StoredTokens(grantId, rs.getLong(1), rs.getString(2), rs.getString(3),
            Instant.parse(rs.getString(4)), Instant.parse(rs.getString(5)), rs.getString(6),
            Instant.parse(rs.getString(7))));
      }
    } catch (SQLException e) {
      throw failure("load tokens of grant " + grantId, e);
    }
  }

  @Override
  public boolean compareAndSet(long expectedVersion, StoredTokens next) {
    Objects.requireNonNull(next, "next == null");
    if (next.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "next.version() must be expectedVersion + 1: " + next.version() + " != " + (expectedVersion + 1));
    }
    String sql = expectedVersion == 0
        // First pair: insert, or fill a row that so far only held a lease.
        ? "INSERT INTO " + TABLE + " (version, sealed_access_token, sealed_refresh_token, access_token_expires_at,"
            + " obtained_at, scope, family_started_at, grant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (grant_id) DO UPDATE SET version = excluded.version,"
            + " sealed_access_token = excluded.sealed_access_token,"
            + " sealed_refresh_token = excluded.sealed_refresh_token,"
            + " access_token_expires_at = excluded.access_token_expires_at,"
            + " obtained_at = excluded.obtained_at, scope = excluded.scope,"
            + " family_started_at = excluded.family_started_at"
            + " WHERE " + TABLE + ".version = 0"
        : "UPDATE " + TABLE + " SET version = ?, sealed_access_token = ?, sealed_refresh_token = ?,"
            + " access_token_expires_at = ?, obtained_at = ?, scope = ?, family_started_at = ?"
            + " WHERE grant_id = ? AND version = ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, next.version());
      ps.setString(2, next.sealedAccessToken());
      ps.setString(3, next.sealedRefreshToken());
      ps.setString(4, next.accessTokenExpiresAt().toString());
      ps.setString(5, next.obtainedAt().toString());
      ps.setString(6, next.scope());
      ps.setString(7, next.familyStartedAt().toString());
      ps.setString(8, next.grantId());
      if (expectedVersion != 0) ps.setLong(9, expectedVersion);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("write tokens of grant " + next.grantId(), e);
    }
  }

  @Override
  public boolean tryAcquireRefreshLease(String grantId, String holder, Instant now, Instant until) {
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(holder, "holder == null");
    String sql = "INSERT INTO " + TABLE + " (grant_id, lease_holder, lease_until_nanos) VALUES (?, ?, ?)"
        + " ON CONFLICT (grant_id) DO UPDATE SET lease_holder = excluded.lease_holder,"
        + " lease_until_nanos = excluded.lease_until_nanos"
        + " WHERE " + TABLE + ".lease_holder IS NULL OR " + TABLE + ".lease_holder = excluded.lease_holder"
        + " OR " + TABLE + ".lease_until_nanos <= ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, grantId);
      ps.setString(2, holder);
      ps.setLong(3, nanos(until));
      ps.setLong(4, nanos(now));
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("take the refresh lease of grant " + grantId, e);
    }
  }

  @Override
  public void releaseRefreshLease(String grantId, String holder) {
    String sql = "UPDATE " + TABLE + " SET lease_holder = NULL, lease_until_nanos = NULL"
        + " WHERE grant_id = ? AND lease_holder = ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, grantId);
      ps.setString(2, holder);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failure("release the refresh lease of grant " + grantId, e);
    }
  }

  @Override
  public void delete(String grantId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE grant_id = ?")) {
      ps.setString(1, grantId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failure("delete tokens of grant " + grantId, e);
    }
  }

  @Override
  public String toString() {
    return "JdbcTokenStore[table=" + TABLE + "]";
  }

  private static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  /** Database messages name tables and constraints, never bound values, so no token can leak through here. */
  private static StoreException failure(String what, SQLException e) {
    return new StoreException("cannot " + what + " in " + TABLE + ": " + e.getMessage(), e);
  }
}
