package dev.jirasdk.store.jdbc;

import dev.jirasdk.auth.PendingAuthorization;
import dev.jirasdk.auth.PendingAuthorizationStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link PendingAuthorizationStore} of the SQL stores, on their {@code pending_authorizations} table; the
 * same SQL runs on SQLite and PostgreSQL. {@link #consume} locks the flow's row ({@link Dialect#lockRow()}) so
 * that of two callbacks with the same {@code state} on two instances exactly one sees it unconsumed. A flow's
 * PKCE verifier arrives sealed by the SDK's {@code TokenCipher} and is stored as such
 * ({@code sealed_code_verifier}).
 */
public final class PendingAuthorizationTable implements PendingAuthorizationStore {
  private final Transactions tx;
  private final Dialect dialect;

  public PendingAuthorizationTable(Transactions tx, Dialect dialect) {
    this.tx = Objects.requireNonNull(tx, "tx == null");
    this.dialect = Objects.requireNonNull(dialect, "dialect == null");
  }

  @Override
  public void save(PendingAuthorization pending) {
    Objects.requireNonNull(pending, "pending == null");
    tx.write("save an authorization flow", false, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO pending_authorizations (state_hash,"
          + " binding_hash, label, created_at, expires_at, consumed_at, sealed_code_verifier)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (state_hash) DO NOTHING")) {
        ps.setString(1, pending.stateHash());
        ps.setString(2, pending.bindingHash());
        ps.setString(3, pending.label());
        ps.setString(4, StoredTimes.format(pending.createdAt()));
        ps.setString(5, StoredTimes.format(pending.expiresAt()));
        ps.setString(6, StoredTimes.format(pending.consumedAt()));
        ps.setString(7, pending.sealedCodeVerifier());
        if (ps.executeUpdate() == 0) throw new IllegalStateException("a flow with this state already exists");
      }
      return null;
    });
  }

  @Override
  public Optional<PendingAuthorization> consume(String stateHash, Instant now) {
    Objects.requireNonNull(stateHash, "stateHash == null");
    Objects.requireNonNull(now, "now == null");
    return tx.write("consume an authorization flow", false, c -> {
      PendingAuthorization before;
      try (PreparedStatement ps = c.prepareStatement("SELECT binding_hash, label, created_at, expires_at,"
          + " consumed_at, sealed_code_verifier FROM pending_authorizations WHERE state_hash = ?"
          + dialect.lockRow())) {
        ps.setString(1, stateHash);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          before = new PendingAuthorization(stateHash, rs.getString(1), rs.getString(2),
              StoredTimes.parse(rs.getString(3)), StoredTimes.parse(rs.getString(4)),
              StoredTimes.parse(rs.getString(5)), rs.getString(6));
        }
      }
      if (before.consumedAt() == null) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pending_authorizations SET consumed_at = ?"
            + " WHERE state_hash = ? AND consumed_at IS NULL")) {
          ps.setString(1, StoredTimes.format(now));
          ps.setString(2, stateHash);
          ps.executeUpdate();
        }
      }
      return Optional.of(before);
    });
  }

  @Override
  public int purgeExpired(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff == null");
    return tx.write("purge expired authorization flows", false, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_authorizations WHERE expires_at < ?")) {
        ps.setString(1, StoredTimes.format(cutoff));
        return ps.executeUpdate();
      }
    });
  }
}
