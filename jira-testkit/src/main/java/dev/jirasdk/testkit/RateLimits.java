package dev.jirasdk.testkit;

import java.time.Duration;

/**
 * Atlassian-style rate limiting for the fake (off unless given to {@link FakeJiraCloud.Builder#rateLimits}),
 * answering with the headers real Jira Cloud sent in 2026.
 *
 * <ul>
 *   <li>An hourly points quota: each request costs 1 point plus 1 per issue, project, dashboard or attachment
 *       returned and 2 per user, group or permission returned; writes cost 1. In {@link QuotaMode#APP_WIDE}
 *       (the default, Tier 1, policy {@code global-app-quota}) every site of the fake spends one budget; in
 *       {@link QuotaMode#TENANT} (Tier 2, {@code tenant-app-quota}) each site has its own. The quota resets at
 *       each full hour of the fake clock; when spent every request spending it gets 429 with
 *       {@code RateLimit-Reason: jira-quota-global-based} (or {@code -tenant-based}) until the reset.</li>
 *   <li>A burst token bucket per site × endpoint × method, refilled continuously by the fake clock:
 *       {@code burstPerSecond} for GET/POST, {@code writeBurstPerSecond} for PUT/DELETE;
 *       an empty bucket answers 429 with {@code RateLimit-Reason: jira-burst-based}.</li>
 *   <li>Writes to one issue (its comments, worklogs, the issue itself): 20 per 2 s and 100 per 30 s, else 429 with
 *       {@code RateLimit-Reason: jira-per-issue-on-write}.</li>
 * </ul>
 *
 * Every API answer carries the points budget as {@code Beta-RateLimit-Policy: "global-app-quota";q=65000;w=3600}
 * and {@code Beta-RateLimit: "global-app-quota";r=64000;t=1800} ({@code r} left, {@code t} seconds to the reset;
 * without the prefix in {@link HeaderStyle#UNPREFIXED}), below 20 % left {@code X-Beta-RateLimit-NearLimit: true}
 * and {@code X-Beta-RateLimit-Reset} (ISO-8601), and the endpoint's burst bucket as {@code X-RateLimit-Limit} and
 * {@code X-RateLimit-Remaining}. A 429 carries {@code Retry-After} (seconds), {@code RateLimit-Reason} (and
 * {@code X-Beta-RateLimit-Reason}) and {@code X-RateLimit-Reset}. Jira's observed defects can be switched on:
 * {@link Builder#policyMissingWhenSpent}, {@link Builder#resetSkew}, {@link Builder#resetInThePast}. Because the
 * buckets refill by the fake clock, a test that never advances it sees a bucket refill only when it calls
 * {@link MutableClock#advance(Duration)}. Immutable and thread-safe.
 *
 * <pre>{@code
 * RateLimits limits = RateLimits.builder().pointsPerHour(500).quotaMode(RateLimits.QuotaMode.TENANT)
 *     .policyMissingWhenSpent(true).build();
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
  final QuotaMode quotaMode;
  final HeaderStyle headerStyle;
  final boolean policyMissingWhenSpent;
  final Duration resetSkew;
  final boolean resetInThePast;

  /** Who shares the points quota. */
  public enum QuotaMode {
    /** One budget for the app across every site ({@code global-app-quota}, Tier 1). */
    APP_WIDE,
    /** One budget per site ({@code tenant-app-quota}, Tier 2). */
    TENANT
  }

  /** How the points-budget headers are named. */
  public enum HeaderStyle {
    /** As observed in 2026: {@code Beta-RateLimit-Policy}, {@code Beta-RateLimit}, {@code X-Beta-RateLimit-*}. */
    PREFIXED("Beta-RateLimit-Policy", "Beta-RateLimit", "X-Beta-RateLimit-Reason", "X-Beta-RateLimit-NearLimit",
        "X-Beta-RateLimit-Reset"),
    /** Once Atlassian drops the prefix: {@code RateLimit-Policy}, {@code RateLimit}, {@code RateLimit-*}. */
    UNPREFIXED("RateLimit-Policy", "RateLimit", "RateLimit-Reason", "RateLimit-NearLimit", "RateLimit-Reset");

    final String policy;
    final String limit;
    final String reason;
    final String nearLimit;
    final String reset;

    HeaderStyle(String policy, String limit, String reason, String nearLimit, String reset) {
      this.policy = policy;
      this.limit = limit;
      this.reason = reason;
      this.nearLimit = nearLimit;
      this.reset = reset;
    }
  }

  private RateLimits(Builder b) {
    this.quotaMode = b.quotaMode;
    this.headerStyle = b.headerStyle;
    this.policyMissingWhenSpent = b.policyMissingWhenSpent;
    this.resetSkew = b.resetSkew;
    this.resetInThePast = b.resetInThePast;
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

  public QuotaMode quotaMode() {
    return quotaMode;
  }

  public HeaderStyle headerStyle() {
    return headerStyle;
  }

  @Override
  public String toString() {
    return "RateLimits[pointsPerHour=" + pointsPerHour + ", burstPerSecond=" + burstPerSecond
        + ", writeBurstPerSecond=" + writeBurstPerSecond + ", quotaMode=" + quotaMode + ", headerStyle=" + headerStyle + "]";
  }

  /** Builds {@link RateLimits}; defaults are Atlassian's published numbers. Not thread-safe. */
  public static final class Builder {
    private long pointsPerHour = DEFAULT_POINTS_PER_HOUR;
    private int burstPerSecond = DEFAULT_BURST_PER_SECOND;
    private int writeBurstPerSecond = DEFAULT_WRITE_BURST_PER_SECOND;
    private double nearLimitFraction = 0.2;
    private boolean perIssueWriteLimits = true;
    private long tenantPointsPerHour;
    private QuotaMode quotaMode = QuotaMode.APP_WIDE;
    private HeaderStyle headerStyle = HeaderStyle.PREFIXED;
    private boolean policyMissingWhenSpent;
    private Duration resetSkew = Duration.ZERO;
    private boolean resetInThePast;

    private Builder() {}

    /** Whether {@link #pointsPerHour} is one budget for all sites (default) or one per site. */
    public Builder quotaMode(QuotaMode mode) {
      this.quotaMode = java.util.Objects.requireNonNull(mode, "mode == null");
      return this;
    }

    /** Prefixed 2026 header names (default) or the names without {@code Beta-}/{@code X-Beta-}. */
    public Builder headerStyle(HeaderStyle style) {
      this.headerStyle = java.util.Objects.requireNonNull(style, "style == null");
      return this;
    }

    /** Jira's defect: no {@code RateLimit-Policy} header once {@code r=0} (off by default). */
    public Builder policyMissingWhenSpent(boolean on) {
      this.policyMissingWhenSpent = on;
      return this;
    }

    /**
     * Jira's defect: {@code t} off by this much (positive: later than the real reset, negative: earlier;
     * never below 0 s). Default zero.
     */
    public Builder resetSkew(Duration skew) {
      java.util.Objects.requireNonNull(skew, "skew == null");
      if (skew.abs().compareTo(Duration.ofHours(24)) > 0) {
        throw new IllegalArgumentException("resetSkew must be within 24 hours: " + skew);
      }
      this.resetSkew = skew;
      return this;
    }

    /** Jira's defect: the Reset header shows a time in the past (the previous window's start). Off by default. */
    public Builder resetInThePast(boolean on) {
      this.resetInThePast = on;
      return this;
    }

    /**
     * In {@link QuotaMode#APP_WIDE}, an additional hourly points quota per site (0 = none, the default; the
     * headers keep describing the app's budget); when one site's is spent, only that
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

    /** The hourly points quota, for the app or per site (see {@link #quotaMode}); default 65,000 (Tier 1). */
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
