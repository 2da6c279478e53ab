package dev.jirasdk.sync;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link QuotaLedger} for one process (the default of {@link RateGovernor}). Thread-safe: one lock.
 *
 * <pre>{@code
 * QuotaLedger ledger = new InMemoryQuotaLedger();
 * RateGovernor governor = RateGovernor.builder().ledger(ledger).build();
 * }</pre>
 */
public final class InMemoryQuotaLedger implements QuotaLedger {
  private final Map<QuotaScope, QuotaState> states = new HashMap<>();

  @Override
  public synchronized Reservation reserve(QuotaScope scope, long points, double share, Instant now) {
    check(scope, points, now);
    QuotaState s = current(scope, now);
    if (!s.allows(points, share)) {
      states.put(scope, s);
      return new Reservation(false, s);
    }
    QuotaState next = s.reserve(points, now);
    states.put(scope, next);
    return new Reservation(true, next);
  }

  @Override
  public synchronized QuotaState settle(QuotaScope scope, long reserved, QuotaReading reading, Instant now) {
    check(scope, reserved, now);
    Objects.requireNonNull(reading, "reading == null");
    QuotaState next = current(scope, now).settle(reserved, reading, now);
    states.put(scope, next);
    return next;
  }

  @Override
  public synchronized Optional<QuotaState> state(QuotaScope scope, Instant now) {
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(now, "now == null");
    QuotaState s = states.get(scope);
    return s == null ? Optional.empty() : Optional.of(s.rolled(now));
  }

  private QuotaState current(QuotaScope scope, Instant now) {
    QuotaState s = states.get(scope);
    return s == null ? QuotaState.unknown(scope, now) : s.rolled(now);
  }

  private static void check(QuotaScope scope, long points, Instant now) {
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(now, "now == null");
    if (points < 0) throw new IllegalArgumentException("points is negative: " + points);
  }

  @Override
  public synchronized String toString() {
    return "InMemoryQuotaLedger" + states.values();
  }
}
