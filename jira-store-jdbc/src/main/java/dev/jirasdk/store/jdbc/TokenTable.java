package dev.jirasdk.store.jdbc;

import dev.jirasdk.auth.StoredTokens;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.auth.TokenCipherException;
import dev.jirasdk.auth.TokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TokenStore} of the SQL stores, on the token columns of their {@code grants} table. The same SQL
 * runs on SQLite and PostgreSQL:
 *
 * <ul>
 *   <li>{@link #compareAndSet}: one {@code UPDATE … WHERE id = ? AND token_version = ?}. The version is the
 *       fencing token: a writer whose lease ran out and was taken over holds a stale version and changes
 *       nothing, however late it arrives. A first write inserts the row with {@code ON CONFLICT DO NOTHING}
 *       first, so two first writers race on the same conditional update instead of on a duplicate key.
 *   <li>{@link #tryAcquireRefreshLease}: the lease is data in the row ({@code lease_holder},
 *       {@code lease_until}), read and written in one short transaction that locks the row
 *       ({@link Dialect#lockRow()}); it is held across the refresh's HTTP call by that data, never by an open
 *       transaction or connection.
 *   <li>{@link StoredTokens#familyStartedAt()} lives in {@code token_family_started_at} and is written as given
 *       by every compare-and-set: the SDK carries it across refreshes and sets a new one at a new consent.
 * </ul>
 */
public final class TokenTable implements TokenStore {
  private static final Logger log = LoggerFactory.getLogger(TokenTable.class);

  private final Transactions tx;
  private final Dialect dialect;
  private final Clock clock;

  public TokenTable(Transactions tx, Dialect dialect, Clock clock) {
    this.tx = Objects.requireNonNull(tx, "tx == null");
    this.dialect = Objects.requireNonNull(dialect, "dialect == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  @Override
  public Optional<StoredTokens> load(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    return tx.read("load the tokens of grant " + grantId, c -> {
      // Every pair written since the family start existed has one; the migration gave older pairs theirs.
      try (PreparedStatement ps = c.prepareStatement("SELECT token_version, sealed_access_token,"
          + " sealed_refresh_token, access_token_expires_at, tokens_obtained_at, token_scope,"
          + " COALESCE(token_family_started_at, tokens_obtained_at) FROM grants WHERE id = ? AND token_version > 0")) {
        ps.setString(1, grantId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          return Optional.of(new StoredTokens(grantId, rs.getLong(1), rs.getString(2), rs.getString(3),
              StoredTimes.parse(rs.getString(4)), StoredTimes.parse(rs.getString(5)), rs.getString(6),
              StoredTimes.parse(rs.getString(7))));
        }
      }
    });
  }

  @Override
  public boolean compareAndSet(long expectedVersion, StoredTokens next) {
    Objects.requireNonNull(next, "next == null");
    if (next.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "next.version() must be expectedVersion + 1: " + next.version() + " != " + (expectedVersion + 1));
    }
    String grantId = next.grantId();
    return tx.write("store the tokens of grant " + grantId, true, c -> {
      String now = StoredTimes.format(clock.instant());
      if (expectedVersion == 0) insertIfAbsent(c, grantId, now);
      try (PreparedStatement ps = c.prepareStatement("UPDATE grants SET token_version = ?,"
          + " sealed_access_token = ?, sealed_refresh_token = ?, access_token_expires_at = ?,"
          + " tokens_obtained_at = ?, token_scope = ?, tokens_written_at = ?, failure_count = 0,"
          + " token_family_started_at = ? WHERE id = ? AND token_version = ?")) {
        ps.setLong(1, next.version());
        ps.setString(2, next.sealedAccessToken());
        ps.setString(3, next.sealedRefreshToken());
        ps.setString(4, StoredTimes.format(next.accessTokenExpiresAt()));
        ps.setString(5, StoredTimes.format(next.obtainedAt()));
        ps.setString(6, next.scope());
        ps.setString(7, now);
        ps.setString(8, StoredTimes.format(next.familyStartedAt()));
        ps.setString(9, grantId);
        ps.setLong(10, expectedVersion);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean tryAcquireRefreshLease(String grantId, String holder, Instant now, Instant until) {
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(holder, "holder == null");
    Objects.requireNonNull(now, "now == null");
    Objects.requireNonNull(until, "until == null");
    return tx.write("take the refresh lease of grant " + grantId, false, c -> {
      insertIfAbsent(c, grantId, StoredTimes.format(clock.instant()));
      String currentHolder;
      Instant currentUntil;
      try (PreparedStatement ps = c.prepareStatement("SELECT lease_holder, lease_until FROM grants WHERE id = ?"
          + dialect.lockRow())) {
        ps.setString(1, grantId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          currentHolder = rs.getString(1);
          currentUntil = StoredTimes.parse(rs.getString(2));
        }
      }
      boolean free = currentHolder == null || currentHolder.equals(holder) || !currentUntil.isAfter(now);
      if (!free) return false;
      boolean takeover = currentHolder != null && !currentHolder.equals(holder);
      try (PreparedStatement ps = c.prepareStatement("UPDATE grants SET lease_holder = ?, lease_until = ?,"
          + " failure_count = failure_count + ? WHERE id = ?")) {
        ps.setString(1, holder);
        ps.setString(2, StoredTimes.format(until));
        ps.setInt(3, takeover ? 1 : 0);
        ps.setString(4, grantId);
        ps.executeUpdate();
      }
      if (takeover) log.info("refresh lease of grant {} taken over after it expired unreleased", grantId);
      return true;
    });
  }

  private static void insertIfAbsent(Connection c, String grantId, String now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO grants (id, created_at, updated_at)"
        + " VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
      ps.setString(1, grantId);
      ps.setString(2, now);
      ps.setString(3, now);
      ps.executeUpdate();
    }
  }

  @Override
  public void releaseRefreshLease(String grantId, String holder) {
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(holder, "holder == null");
    tx.write("release the refresh lease of grant " + grantId, false, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE grants SET lease_holder = NULL, lease_until = NULL"
          + " WHERE id = ? AND lease_holder = ?")) {
        ps.setString(1, grantId);
        ps.setString(2, holder);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void delete(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    tx.write("delete the tokens of grant " + grantId, true, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE grants SET token_version = 0,"
          + " sealed_access_token = NULL, sealed_refresh_token = NULL, access_token_expires_at = NULL,"
          + " tokens_obtained_at = NULL, token_scope = NULL, tokens_written_at = NULL, lease_holder = NULL,"
          + " lease_until = NULL, failure_count = 0, token_family_started_at = NULL WHERE id = ?")) {
        ps.setString(1, grantId);
        ps.executeUpdate();
      }
      // A row that only ever held tokens (no account data) goes entirely.
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM grants WHERE id = ? AND account_id IS NULL")) {
        ps.setString(1, grantId);
        return ps.executeUpdate();
      }
    });
  }

  /**
   * Seals every stored token again with {@code cipher}'s current key, each grant in its own compare-and-set (a
   * pair that a refresh replaced in the meantime is left alone: it was sealed with the current key anyway).
   *
   * @return how many grants were re-sealed
   * @throws TokenCipherException if a stored token does not open with {@code cipher}'s keys (nothing of that
   *     grant is changed)
   */
  public int resealTokens(TokenCipher cipher) {
    Objects.requireNonNull(cipher, "cipher == null");
    List<String> grantIds = tx.read("list stored tokens", c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM grants WHERE token_version > 0 ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) ids.add(rs.getString(1));
      }
      return ids;
    });
    int resealed = 0;
    for (String grantId : grantIds) {
      Optional<StoredTokens> current = load(grantId);
      if (current.isEmpty()) continue;
      StoredTokens t = current.get();
      if (sealedWith(t.sealedAccessToken(), cipher.keyId())
          && (t.sealedRefreshToken() == null || sealedWith(t.sealedRefreshToken(), cipher.keyId()))) {
        continue;
      }
      String access = cipher.seal(grantId, cipher.open(grantId, t.sealedAccessToken()));
      String refresh = t.sealedRefreshToken() == null ? null
          : cipher.seal(grantId, cipher.open(grantId, t.sealedRefreshToken()));
      StoredTokens next = new StoredTokens(grantId, t.version() + 1, access, refresh, t.accessTokenExpiresAt(),
          t.obtainedAt(), t.scope(), t.familyStartedAt());
      if (compareAndSet(t.version(), next)) resealed++;
    }
    if (resealed > 0) log.info("re-sealed the tokens of {} grants with key {}", resealed, cipher.keyId());
    return resealed;
  }

  private static boolean sealedWith(String sealed, String keyId) {
    return sealed.startsWith("v1." + keyId + ".");
  }

  /**
   * Checks, when a store opens, that every stored token opens with {@code cipher}'s keys.
   *
   * @param store names the store in the message, e.g. {@code "SQLite store data/jira.db"}
   * @throws TokenCipherException naming the key id if one does not; nothing is changed
   */
  public static void verifyTokens(Connection c, String store, TokenCipher cipher) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id, sealed_access_token, sealed_refresh_token"
        + " FROM grants WHERE token_version > 0 ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String grantId = rs.getString(1);
        try {
          cipher.open(grantId, rs.getString(2));
          String refresh = rs.getString(3);
          if (refresh != null) cipher.open(grantId, refresh);
        } catch (TokenCipherException e) {
          throw new TokenCipherException(e.keyId(), store + ": the stored tokens do not"
              + " open with the configured TokenCipher (key id '" + e.keyId() + "'; configured " + cipher
              + "). Configure the key the tokens were sealed with, as key or decryptOnlyKey. Nothing was"
              + " changed. Cause: " + e.getMessage(), e);
        }
      }
    }
  }
}
