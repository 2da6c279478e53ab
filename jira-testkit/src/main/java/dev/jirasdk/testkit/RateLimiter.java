package dev.jirasdk.testkit;

import static dev.jirasdk.testkit.Json.obj;

import dev.jirasdk.testkit.Exchange.Resp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Live state of {@link RateLimits}: the hourly quota window and the burst buckets. Thread-safe (one lock). */
final class RateLimiter {
  private static final long HOUR = 3_600_000L;
  private final RateLimits limits;
  private long windowStart = Long.MIN_VALUE;
  private long spent;
  private final Map<String, double[]> buckets = new HashMap<>();
  private final Map<String, java.util.ArrayDeque<Long>> issueWrites = new HashMap<>();
  private final Map<String, Long> tenantSpent = new HashMap<>();

  RateLimiter(RateLimits limits) {
    this.limits = limits;
  }

  private void roll(long now) {
    long w = Math.floorDiv(now, HOUR) * HOUR;
    if (w != windowStart) {
      windowStart = w;
      spent = 0;
      tenantSpent.clear();
    }
  }

  /**
   * Returns a 429 if the request must be refused, else null (and takes a burst token).
   *
   * @param issueKey for a write to one issue, a key naming that issue (per-issue write limits), else null
   */
  synchronized Resp admit(String cloudId, String bucket, String method, long now, String issueKey) {
    roll(now);
    long reset = windowStart + HOUR;
    if (spent >= limits.pointsPerHour) {
      return tooMany("jira-quota-global-based", (reset - now + 999) / 1000, reset, now);
    }
    if (limits.tenantPointsPerHour > 0 && tenantSpent.getOrDefault(cloudId, 0L) >= limits.tenantPointsPerHour) {
      return tooMany("jira-quota-tenant-based", (reset - now + 999) / 1000, reset, now);
    }
    boolean write = method.equals("PUT") || method.equals("DELETE") || method.equals("PATCH");
    int rate = write ? limits.writeBurstPerSecond : limits.burstPerSecond;
    double[] b = buckets.computeIfAbsent(bucket, k -> new double[] {rate, now});
    b[0] = Math.min(rate, b[0] + (now - b[1]) * rate / 1000.0);
    b[1] = now;
    if (b[0] < 1) {
      return tooMany("jira-burst-based", 1, now + 1000, now);
    }
    if (issueKey != null && limits.perIssueWriteLimits) {
      java.util.ArrayDeque<Long> times = issueWrites.computeIfAbsent(issueKey, k -> new java.util.ArrayDeque<>());
      while (!times.isEmpty() && times.peekFirst() <= now - 30_000) {
        times.pollFirst();
      }
      long inTwoSeconds = times.stream().filter(t -> t > now - 2_000).count();
      if (inTwoSeconds >= 20) {
        return tooMany("jira-per-issue-on-write", 2, now + 2_000, now);
      }
      if (times.size() >= 100) {
        long wait = times.peekFirst() + 30_000 - now;
        return tooMany("jira-per-issue-on-write", (wait + 999) / 1000, times.peekFirst() + 30_000, now);
      }
      times.addLast(now);
    }
    b[0] -= 1;
    return null;
  }

  /** Adds the cost of an answered request and its quota headers. */
  synchronized void charge(String cloudId, Resp r, long now) {
    roll(now);
    spent += r.points;
    tenantSpent.merge(cloudId, r.points, Long::sum);
    headers(r, now);
  }

  private void headers(Resp r, long now) {
    long remaining = Math.max(0, limits.pointsPerHour - spent);
    r.headers.put("X-RateLimit-Limit", Long.toString(limits.pointsPerHour));
    r.headers.put("X-RateLimit-Remaining", Long.toString(remaining));
    if (remaining < limits.pointsPerHour * limits.nearLimitFraction) {
      r.headers.put("X-RateLimit-NearLimit", "true");
    }
    r.headers.put("Beta-RateLimit-Policy", "\"global-app-quota\";q=" + limits.pointsPerHour + ";w=3600");
    // As sent in 2026: the points left (r) and the seconds until the window resets (t).
    r.headers.put("Beta-RateLimit", "\"global-app-quota\";r=" + remaining + ";t=" + Math.max(0, (windowStart + HOUR - now) / 1000));
  }

  private Resp tooMany(String reason, long retryAfterSeconds, long resetAt, long now) {
    Resp r = Resp.json(429, obj("errorMessages", List.of("Rate limit exceeded."), "errors", obj()));
    r.headers.put("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    r.headers.put("X-RateLimit-Reset", Instant.ofEpochMilli(resetAt).toString());
    r.headers.put("RateLimit-Reason", reason);
    headers(r, now);
    return r;
  }
}
