package dev.jirasdk.store.postgres;

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
import java.util.function.Function;

/**
 * The {@link QuotaLedger} in table {@code quota_ledger}: each step is one short transaction that makes sure the
 * scope's row exists ({@code INSERT … ON CONFLICT DO NOTHING}), locks it ({@code SELECT … FOR UPDATE}), applies
 * the {@link QuotaState} transition and writes it back, so instances on any machine never overbook a budget
 * between their read and their write; steps on other scopes do not wait.
 */
final class PgQuotaLedger implements QuotaLedger {
  private final PgDatabase db;

  PgQuotaLedger(PgDatabase db) {
    this.db = db;
  }

  @Override
  public Reservation reserve(QuotaScope scope, long points, double share, Instant now) {
    check(scope, points, now);
    if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("share must be in (0, 1]: " + share);
    return step("reserve quota points", scope, now, s -> {
      boolean granted = s.allows(points, share);
      return new Reservation(granted, granted ? s.reserve(points, now) : s);
    }, Reservation::state);
  }

  @Override
  public QuotaState settle(QuotaScope scope, long reserved, QuotaReading reading, Instant now) {
    check(scope, reserved, now);
    Objects.requireNonNull(reading, "reading == null");
    return step("settle quota points", scope, now, s -> s.settle(reserved, reading, now), s -> s);
  }

  @Override
  public Optional<QuotaState> state(QuotaScope scope, Instant now) {
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(now, "now == null");
    return db.read("read quota state", c -> load(c, scope, false)).map(s -> s.rolled(now));
  }

  /** One transaction: create the row if missing, lock it, roll it to {@code now}, apply {@code step}, store. */
  private <T> T step(String what, QuotaScope scope, Instant now, Function<QuotaState, T> step,
      Function<T, QuotaState> next) {
    return db.write(what, false, c -> {
      insertIfMissing(c, QuotaState.unknown(scope, now));
      QuotaState s = load(c, scope, true)
          .orElseThrow(() -> new IllegalStateException("quota_ledger row of " + scope.key() + " vanished"))
          .rolled(now);
      T result = step.apply(s);
      update(c, next.apply(result));
      return result;
    });
  }

  private static void insertIfMissing(Connection c, QuotaState s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO quota_ledger (scope_key, kind, policy, cloud_id,"
        + " quota, window_ms, remaining, pending, reset_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (scope_key) DO NOTHING")) {
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

  private static Optional<QuotaState> load(Connection c, QuotaScope scope, boolean lock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT quota, window_ms, remaining, pending, reset_at_ms,"
        + " updated_at_ms FROM quota_ledger WHERE scope_key = ?" + (lock ? " FOR UPDATE" : ""))) {
      ps.setString(1, scope.key());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new QuotaState(scope, rs.getLong(1), Duration.ofMillis(rs.getLong(2)), rs.getLong(3),
            rs.getLong(4), Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6))));
      }
    }
  }

  private static void update(Connection c, QuotaState s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE quota_ledger SET quota = ?, window_ms = ?,"
        + " remaining = ?, pending = ?, reset_at_ms = ?, updated_at_ms = ? WHERE scope_key = ?")) {
      ps.setLong(1, s.quota());
      ps.setLong(2, s.window().toMillis());
      ps.setLong(3, s.remaining());
      ps.setLong(4, s.pending());
      ps.setLong(5, s.resetAt().toEpochMilli());
      ps.setLong(6, s.updatedAt().toEpochMilli());
      ps.setString(7, s.scope().key());
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
    return "PgQuotaLedger[" + db.description() + "]";
  }
}
