package dev.jirasdk.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one response said about a points budget, already cleaned of Jira's known defects (a reset in the past
 * or beyond the window is not given here). Parts a response did not carry are unknown: quota 0, remaining -1,
 * reset {@link Instant#EPOCH}.
 *
 * @param quota points per window ({@code q}), or 0 if not sent (the Policy header goes missing once r=0)
 * @param window the window ({@code w}), or {@link Duration#ZERO} if not sent
 * @param remaining points left ({@code r}), or -1 if not sent
 * @param resetAt when the window resets, or {@link Instant#EPOCH} if unknown
 */
public record QuotaReading(long quota, Duration window, long remaining, Instant resetAt) {
  /** A response that said nothing about the budget. */
  public static final QuotaReading NONE = new QuotaReading(0, Duration.ZERO, -1, Instant.EPOCH);

  public QuotaReading {
    Objects.requireNonNull(window, "window == null");
    Objects.requireNonNull(resetAt, "resetAt == null");
    if (quota < 0) throw new IllegalArgumentException("quota is negative: " + quota);
    if (window.isNegative()) throw new IllegalArgumentException("window is negative: " + window);
    if (remaining < -1) throw new IllegalArgumentException("remaining must be >= -1 (-1 = unknown): " + remaining);
  }

  public boolean knowsRemaining() {
    return remaining >= 0;
  }
}
