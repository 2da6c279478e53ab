package dev.jirasdk.store.sqlite;

import dev.jirasdk.sync.QuotaLedger;
import dev.jirasdk.sync.QuotaReading;
import dev.jirasdk.sync.QuotaScope;
import dev.jirasdk.sync.QuotaState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@link QuotaLedger} in table {@code quota_ledger}: each step reads the scope's row, applies the
 * {@link QuotaState} transition and writes it back in one {@code BEGIN IMMEDIATE} transaction, so processes
 * sharing the file never overbook a budget between their read and their write.
 */
final class SqliteQuotaLedger implements QuotaLedger {
  private final Database db;

  SqliteQuotaLedger(Database db) {
    this.db = db;
  }

  @Override
  public Reservation reserve(QuotaScope scope, long points, double share, Instant now) {
    check(scope, points, now);
    return db.write("reserve quota points", false, c -> {
      QuotaState s = load(c, scope).map(x -> x.rolled(now)).orElse(QuotaState.unknown(scope, now));
      boolean granted = s.allows(points, share);
      QuotaState next = granted ? s.reserve(points, now) : s;
      store(c, next);
      return new Reservation(granted, next);
    });
  }

  @Override
  public QuotaState settle(QuotaScope scope, long reserved, QuotaReading reading, Instant now) {
    check(scope, reserved, now);
    Objects.requireNonNull(reading, "reading == null");
    return update("settle quota points", scope, now, s -> s.settle(reserved, reading, now));
  }

  @Override
  public Optional<QuotaState> state(QuotaScope scope, Instant now) {
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(now, "now == null");
    return db.read("read quota state", c -> load(c, scope)).map(s -> s.rolled(now));
  }

  private QuotaState update(String what, QuotaScope scope, Instant now, UnaryOperator<QuotaState> step) {
    return db.write(what, false, c -> {
      QuotaState s = load(c, scope).map(x -> x.rolled(now)).orElse(QuotaState.unknown(scope, now));
      QuotaState next = step.apply(s);
      store(c, next);
      return next;
    });
  }

  private static Optional<QuotaState> load(Connection c, QuotaScope scope) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT quota, window_ms, remaining, pending, reset_at_ms,"
        + " updated_at_ms FROM quota_ledger WHERE scope_key = ?")) {
      ps.setString(1, scope.key());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new QuotaState(scope, rs.getLong(1), Duration.ofMillis(rs.getLong(2)), rs.getLong(3),
            rs.getLong(4), Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6))));
      }
    }
  }

  private static void store(Connection c, QuotaState s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO quota_ledger (scope_key, kind, policy, cloud_id,"
        + " quota, window_ms, remaining, pending, reset_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (scope_key) DO UPDATE SET quota = excluded.quota, window_ms = excluded.window_ms,"
        + " remaining = excluded.remaining, pending = excluded.pending, reset_at_ms = excluded.reset_at_ms,"
        + " updated_at_ms = excluded.updated_at_ms")) {
      QuotaScope scope = s.scope();
      ps.setString(1, scope.key());
      ps.setString(2, scope.kind().name());
      ps.setString(3, scope.policy());
      ps.setString(4, scope.cloudId());
      ps.setLong(5, s.quota());
      ps.setLong(6, s.window().toMillis());
      ps.setLong(7, s.remaining());
      ps.setLong(8, s.pending());
      ps.setLong(9, s.resetAt().toEpochMilli());
      ps.setLong(10, s.updatedAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  private static void check(QuotaScope scope, long points, Instant now) {
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(now, "now == null");
    if (points < 0) throw new IllegalArgumentException("points is negative: " + points);
  }

  @Override
  public String toString() {
    return "SqliteQuotaLedger[" + db.description() + "]";
  }
}
