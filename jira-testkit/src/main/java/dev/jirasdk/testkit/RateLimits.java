package dev.jirasdk.testkit;

import java.time.Duration;

/**
 * Atlassian-style rate limiting for the fake (off unless given to {@link FakeJiraCloud.Builder#rateLimits}).
 *
 * <ul>
 *   <li>An hourly points quota shared by all sites of the app: each request costs 1 point plus 1 per issue,
 *       project, dashboard or attachment returned and 2 per user, group or permission returned; writes cost 1.
 *       The quota resets at each full hour of the fake clock; when spent every API request gets 429 with
 *       {@code RateLimit-Reason: jira-quota-global-based} until the reset.</li>
 *   <li>A burst token bucket per site × endpoint × method, refilled continuously by the fake clock:
 *       {@code burstPerSecond} for GET/POST, {@code writeBurstPerSecond} for PUT/DELETE;
 *       an empty bucket answers 429 with {@code RateLimit-Reason: jira-burst-based}.</li>
 *   <li>Writes to one issue (its comments, worklogs, the issue itself): 20 per 2 s and 100 per 30 s, else 429 with
 *       {@code RateLimit-Reason: jira-per-issue-on-write}.</li>
 * </ul>
 *
 * Every API answer then carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and, below 20 % left,
 * {@code X-RateLimit-NearLimit: true}; a 429 carries {@code Retry-After} (seconds) and {@code X-RateLimit-Reset}
 * (ISO-8601). Because the buckets refill by the fake clock, a test that never advances it sees a bucket refill
 * only when it calls {@link MutableClock#advance(Duration)}. Immutable and thread-safe.
 *
 * <pre>{@code
 * RateLimits limits = RateLimits.builder().pointsPerHour(500).burstPerSecond(10).build();
 * }</pre>
 */
public final class RateLimits {
  /** Atlassian's tier-1 hourly points quota. */
  public static final long DEFAULT_POINTS_PER_HOUR = 65_000;
  public static final int DEFAULT_BURST_PER_SECOND = 100;
  public static final int DEFAULT_WRITE_BURST_PER_SECOND = 50;

  final long pointsPerHour;
  final int burstPerSecond;
  final int writeBurstPerSecond;
  final double nearLimitFraction;
  final boolean perIssueWriteLimits;
  final long tenantPointsPerHour;

  private RateLimits(Builder b) {
    this.tenantPointsPerHour = b.tenantPointsPerHour;
    this.perIssueWriteLimits = b.perIssueWriteLimits;
    this.pointsPerHour = b.pointsPerHour;
    this.burstPerSecond = b.burstPerSecond;
    this.writeBurstPerSecond = b.writeBurstPerSecond;
    this.nearLimitFraction = b.nearLimitFraction;
  }

  public static Builder builder() {
    return new Builder();
  }

  public long pointsPerHour() {
    return pointsPerHour;
  }

  public int burstPerSecond() {
    return burstPerSecond;
  }

  public int writeBurstPerSecond() {
    return writeBurstPerSecond;
  }

  public long tenantPointsPerHour() {
    return tenantPointsPerHour;
  }

  @Override
  public String toString() {
    return "RateLimits[pointsPerHour=" + pointsPerHour + ", burstPerSecond=" + burstPerSecond
        + ", writeBurstPerSecond=" + writeBurstPerSecond + "]";
  }

  /** Builds {@link RateLimits}; defaults are Atlassian's published numbers. Not thread-safe. */
  public static final class Builder {
    private long pointsPerHour = DEFAULT_POINTS_PER_HOUR;
    private int burstPerSecond = DEFAULT_BURST_PER_SECOND;
    private int writeBurstPerSecond = DEFAULT_WRITE_BURST_PER_SECOND;
    private double nearLimitFraction = 0.2;
    private boolean perIssueWriteLimits = true;
    private long tenantPointsPerHour;

    private Builder() {}

    /**
     * An additional hourly points quota per site (0 = none, the default); when one site's is spent, only that
     * site gets 429 with {@code RateLimit-Reason: jira-quota-tenant-based} until the next hour.
     */
    public Builder tenantPointsPerHour(long n) {
      if (n < 0) {
        throw new IllegalArgumentException("tenantPointsPerHour must be >= 0: " + n);
      }
      this.tenantPointsPerHour = n;
      return this;
    }

    /**
     * Whether writes to one issue are limited to 20 per 2 s and 100 per 30 s (429 with
     * {@code RateLimit-Reason: jira-per-issue-on-write}); on by default.
     */
    public Builder perIssueWriteLimits(boolean on) {
      this.perIssueWriteLimits = on;
      return this;
    }

    public Builder pointsPerHour(long n) {
      if (n < 1) {
        throw new IllegalArgumentException("pointsPerHour must be >= 1: " + n);
      }
      this.pointsPerHour = n;
      return this;
    }

    /** Burst bucket size and refill per second for GET and POST. */
    public Builder burstPerSecond(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("burstPerSecond must be >= 1: " + n);
      }
      this.burstPerSecond = n;
      return this;
    }

    /** Burst bucket size and refill per second for PUT and DELETE. */
    public Builder writeBurstPerSecond(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("writeBurstPerSecond must be >= 1: " + n);
      }
      this.writeBurstPerSecond = n;
      return this;
    }

    /** Below this fraction of the quota left, answers carry {@code X-RateLimit-NearLimit: true} (default 0.2). */
    public Builder nearLimitFraction(double f) {
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException("nearLimitFraction must be in [0, 1]: " + f);
      }
      this.nearLimitFraction = f;
      return this;
    }

    public RateLimits build() {
      return new RateLimits(this);
    }
  }
}
