package dev.jirasdk.testkit;

import static dev.jirasdk.testkit.Json.obj;

import dev.jirasdk.testkit.Exchange.Resp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Live state of {@link RateLimits}: the hourly points windows (one for the app, or one per site), the burst
 * buckets and the per-issue write windows, and the headers Jira sends about them. Thread-safe (one lock).
 */
final class RateLimiter {
  private static final long HOUR = 3_600_000L;
  private static final String APP = "";
  private final RateLimits limits;
  private long windowStart = Long.MIN_VALUE;
  private final Map<String, Long> spent = new HashMap<>();
  private final Map<String, Long> tenantSpent = new HashMap<>();
  private final Map<String, double[]> buckets = new HashMap<>();
  private final Map<String, ArrayDeque<Long>> issueWrites = new HashMap<>();

  RateLimiter(RateLimits limits) {
    this.limits = limits;
  }

  private void roll(long now) {
    long w = Math.floorDiv(now, HOUR) * HOUR;
    if (w != windowStart) {
      windowStart = w;
      spent.clear();
      tenantSpent.clear();
    }
  }

  /**
   * The budget a site's requests spend: the app's in {@link RateLimits.QuotaMode#APP_WIDE}, else the site's; API
   * token (Basic) traffic spends the site's cost budget, apart from any app's.
   */
  private String scope(String cloudId, boolean costBased) {
    if (costBased) {
      return "cost " + cloudId;
    }
    return limits.quotaMode == RateLimits.QuotaMode.APP_WIDE ? APP : cloudId;
  }

  private long remaining(String cloudId, boolean costBased) {
    return Math.max(0, limits.pointsPerHour - spent.getOrDefault(scope(cloudId, costBased), 0L));
  }

  /**
   * Returns a 429 if the request must be refused, else null (and takes a burst token).
   *
   * @param issueKey for a write to one issue, a key naming that issue (per-issue write limits), else null
   * @param costBased whether the request came with an API token (Basic): refused as {@code jira-cost-based}
   */
  synchronized Resp admit(String cloudId, String bucket, String method, long now, String issueKey,
      boolean costBased) {
    roll(now);
    long reset = windowStart + HOUR;
    if (remaining(cloudId, costBased) == 0) {
      String reason = costBased ? "jira-cost-based"
          : limits.quotaMode == RateLimits.QuotaMode.APP_WIDE ? "jira-quota-global-based" : "jira-quota-tenant-based";
      return tooMany(cloudId, bucket, method, reason, (reset - now + 999) / 1000, now, costBased);
    }
    if (!costBased && limits.tenantPointsPerHour > 0
        && tenantSpent.getOrDefault(cloudId, 0L) >= limits.tenantPointsPerHour) {
      return tooMany(cloudId, bucket, method, "jira-quota-tenant-based", (reset - now + 999) / 1000, now, false);
    }
    double[] b = bucket(bucket, method, now);
    if (b[0] < 1) {
      return tooMany(cloudId, bucket, method, "jira-burst-based", 1, now, costBased);
    }
    if (issueKey != null && limits.perIssueWriteLimits) {
      ArrayDeque<Long> times = issueWrites.computeIfAbsent(issueKey, k -> new ArrayDeque<>());
      while (!times.isEmpty() && times.peekFirst() <= now - 30_000) {
        times.pollFirst();
      }
      long inTwoSeconds = times.stream().filter(t -> t > now - 2_000).count();
      if (inTwoSeconds >= 20) {
        return tooMany(cloudId, bucket, method, "jira-per-issue-on-write", 2, now, costBased);
      }
      if (times.size() >= 100) {
        long wait = times.peekFirst() + 30_000 - now;
        return tooMany(cloudId, bucket, method, "jira-per-issue-on-write", (wait + 999) / 1000, now, costBased);
      }
      times.addLast(now);
    }
    b[0] -= 1;
    return null;
  }

  private int rate(String method) {
    boolean write = method.equals("PUT") || method.equals("DELETE") || method.equals("PATCH");
    return write ? limits.writeBurstPerSecond : limits.burstPerSecond;
  }

  /** The bucket refilled to {@code now}: {@code [tokens, last refill]}. */
  private double[] bucket(String bucket, String method, long now) {
    int rate = rate(method);
    double[] b = buckets.computeIfAbsent(bucket, k -> new double[] {rate, now});
    b[0] = Math.min(rate, b[0] + (now - b[1]) * rate / 1000.0);
    b[1] = now;
    return b;
  }

  /** Adds the cost of an answered request and sets its rate-limit headers. */
  synchronized void charge(String cloudId, String bucket, String method, Resp r, long now, boolean costBased) {
    roll(now);
    spent.merge(scope(cloudId, costBased), r.points, Long::sum);
    if (!costBased) {
      tenantSpent.merge(cloudId, r.points, Long::sum);
    }
    headers(cloudId, bucket, method, r, now, false, costBased);
  }

  /**
   * The 2026 headers: the points budget ({@code RateLimit-Policy}, {@code RateLimit}, near-limit warning with
   * the reset time) in the configured style and with the configured defects, and the burst bucket as
   * {@code X-RateLimit-Limit}/{@code -Remaining}.
   */
  private void headers(String cloudId, String bucket, String method, Resp r, long now, boolean quotaRefused,
      boolean costBased) {
    RateLimits.HeaderStyle style = limits.headerStyle;
    long remaining = remaining(cloudId, costBased);
    String policy = limits.quotaMode == RateLimits.QuotaMode.APP_WIDE ? "global-app-quota" : "tenant-app-quota";
    if (!(limits.policyMissingWhenSpent && remaining == 0)) {
      r.headers.put(style.policy, "\"" + policy + "\";q=" + limits.pointsPerHour + ";w=3600");
    }
    long reset = windowStart + HOUR;
    long t = Math.max(0, (reset - now + 999) / 1000 + limits.resetSkew.toSeconds());
    r.headers.put(style.limit, "\"" + policy + "\";r=" + remaining + ";t=" + t);
    if (remaining < limits.pointsPerHour * limits.nearLimitFraction || quotaRefused) {
      r.headers.put(style.nearLimit, "true");
      long shown = limits.resetInThePast ? reset - HOUR - 60_000 : reset;
      r.headers.put(style.reset, Instant.ofEpochMilli(shown).toString());
    }
    double[] b = bucket(bucket, method, now);
    r.headers.put("X-RateLimit-Limit", Integer.toString(rate(method)));
    r.headers.put("X-RateLimit-Remaining", Long.toString((long) Math.floor(b[0])));
  }

  private Resp tooMany(String cloudId, String bucket, String method, String reason, long retryAfterSeconds,
      long now, boolean costBased) {
    Resp r = Resp.json(429, obj("errorMessages", List.of("Rate limit exceeded."), "errors", obj()));
    long seconds = Math.max(1, retryAfterSeconds);
    r.headers.put("Retry-After", Long.toString(seconds));
    r.headers.put("RateLimit-Reason", reason);
    r.headers.put(limits.headerStyle.reason, reason);
    boolean quota = reason.startsWith("jira-quota") || reason.equals("jira-cost-based");
    headers(cloudId, bucket, method, r, now, quota, costBased);
    // Section 3's header: the quota window's reset (as the style's Reset shows it), or this refusal's own.
    r.headers.put("X-RateLimit-Reset", quota ? r.headers.get(limits.headerStyle.reset)
        : Instant.ofEpochMilli(now + seconds * 1000).toString());
    return r;
  }
}
