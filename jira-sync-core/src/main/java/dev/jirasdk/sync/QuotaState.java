package dev.jirasdk.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One points budget as a {@link QuotaLedger} holds it. The transitions ({@link #rolled}, {@link #allows},
 * {@link #reserve}, {@link #settle}) are pure functions, so every ledger implementation applies the same rules
 * and only has to make read-transition-write atomic.
 *
 * <p>{@code remaining} is the server's last {@code r} minus the points reserved since by requests not yet
 * answered ({@code pending}); -1 while the server has not said. {@code quota} 0 and {@code resetAt}
 * {@link Instant#EPOCH} mean unknown.
 *
 * @param scope who shares the budget
 * @param quota points per window, 0 if not known yet
 * @param window length of the window (one hour until a Policy header says otherwise)
 * @param remaining points left after in-flight reservations, -1 if not known
 * @param pending points reserved by requests still in flight
 * @param resetAt when the window resets, {@link Instant#EPOCH} if not known
 * @param updatedAt last change
 */
public record QuotaState(QuotaScope scope, long quota, Duration window, long remaining, long pending,
    Instant resetAt, Instant updatedAt) {
  /** The window Atlassian uses (a UTC hour) until a Policy header says otherwise. */
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

  public QuotaState {
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(window, "window == null");
    Objects.requireNonNull(resetAt, "resetAt == null");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
    if (quota < 0) throw new IllegalArgumentException("quota is negative: " + quota);
    if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive: " + window);
    if (remaining < -1) throw new IllegalArgumentException("remaining must be >= -1 (-1 = unknown): " + remaining);
    if (pending < 0) throw new IllegalArgumentException("pending is negative: " + pending);
  }

  /** A budget nothing is known about yet. */
  public static QuotaState unknown(QuotaScope scope, Instant now) {
    return new QuotaState(scope, 0, DEFAULT_WINDOW, -1, 0, Instant.EPOCH, now);
  }

  /**
   * This state at {@code now}: once the reset has passed, a new window starts with the whole quota (or an
   * unknown remainder if the quota is not known) and the reservations of the old window are dropped, so a
   * process that died with requests in flight cannot hold points for longer than one window.
   */
  public QuotaState rolled(Instant now) {
    if (resetAt.equals(Instant.EPOCH) || now.isBefore(resetAt)) return this;
    long windows = Duration.between(resetAt, now).toMillis() / window.toMillis() + 1;
    Instant next = resetAt.plusMillis(windows * window.toMillis());
    return new QuotaState(scope, quota, window, quota > 0 ? quota : -1, 0, next, now);
  }

  /** The points below which a sync allowed {@code share} of the quota must not go. */
  public long floor(double share) {
    return quota == 0 ? 0 : (long) Math.ceil(quota * (1 - share));
  }

  /**
   * Whether a request estimated at {@code points} may go now while keeping {@code 1 - share} of the quota for
   * others. A request bigger than the whole share is allowed into a window that still has the whole share, so
   * it cannot wait forever.
   */
  public boolean allows(long points, double share) {
    if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("share must be in (0, 1]: " + share);
    if (remaining < 0) return true;
    long floor = floor(share);
    long need = quota == 0 ? points : Math.min(points, Math.max(1, quota - floor));
    return remaining - floor >= need;
  }

  /** Points the caller may still spend in this window while keeping {@code 1 - share}, or -1 if unknown. */
  public long available(double share) {
    return remaining < 0 ? -1 : Math.max(0, remaining - floor(share));
  }

  /** Takes {@code points} for a request about to be sent. */
  public QuotaState reserve(long points, Instant now) {
    return new QuotaState(scope, quota, window, remaining < 0 ? -1 : remaining - Math.min(points, remaining),
        pending + points, resetAt, now);
  }

  /**
   * A request that reserved {@code reserved} was answered with {@code reading}: its reservation ends, and what
   * the server said replaces the estimate (the server's {@code r} minus what is still in flight).
   */
  public QuotaState settle(long reserved, QuotaReading reading, Instant now) {
    long p = Math.max(0, pending - reserved);
    long q = reading.quota() > 0 ? reading.quota() : quota;
    Duration w = reading.window().isZero() ? window : reading.window();
    long r = reading.knowsRemaining() ? Math.max(0, reading.remaining() - p) : remaining;
    Instant reset = reading.resetAt().equals(Instant.EPOCH) ? resetAt : reading.resetAt();
    return new QuotaState(scope, q, w, r, p, reset, now);
  }
}
