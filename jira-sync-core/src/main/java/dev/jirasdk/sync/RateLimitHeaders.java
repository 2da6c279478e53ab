package dev.jirasdk.sync;

import dev.jirasdk.auth.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import okhttp3.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the rate-limit headers of one Jira response as Jira sent them in 2026, with or without the
 * {@code Beta-} / {@code X-Beta-} prefix (header names are case-insensitive):
 *
 * <pre>
 * Beta-RateLimit-Policy: "tenant-app-quota";q=100100;w=3600      policy, quota q, window w seconds
 * Beta-RateLimit: "tenant-app-quota";r=17842;t=2107              remaining r, seconds to reset t
 * X-Beta-RateLimit-Reason: jira-quota-tenant-based
 * X-Beta-RateLimit-NearLimit: true
 * X-Beta-RateLimit-Reset: 2026-03-26T16:00Z
 * X-RateLimit-Limit: 350 / X-RateLimit-Remaining: 349            the per-second BURST bucket, never points
 * </pre>
 *
 * A malformed value is ignored with a debug log; nothing here throws on what a server sent. Immutable.
 */
final class RateLimitHeaders {
  private static final Logger log = LoggerFactory.getLogger(RateLimitHeaders.class);

  private static final String[] POLICY = {"Beta-RateLimit-Policy", "RateLimit-Policy", "X-Beta-RateLimit-Policy"};
  private static final String[] LIMIT = {"Beta-RateLimit", "RateLimit", "X-Beta-RateLimit"};
  private static final String[] REASON = {"X-Beta-RateLimit-Reason", "RateLimit-Reason", "Beta-RateLimit-Reason",
      "X-RateLimit-Reason"};
  private static final String[] NEAR = {"X-Beta-RateLimit-NearLimit", "RateLimit-NearLimit",
      "Beta-RateLimit-NearLimit", "X-RateLimit-NearLimit"};
  private static final String[] RESET = {"X-Beta-RateLimit-Reset", "RateLimit-Reset", "Beta-RateLimit-Reset"};

  /** The policy named by the Policy or the RateLimit header, or null. */
  final String policy;
  /** {@code q}, or 0. */
  final long quota;
  /** {@code w}, or zero. */
  final Duration window;
  /** {@code r}, or -1. */
  final long remaining;
  /** {@code t}, or null. */
  final Duration resetIn;
  /** The Reset header (or, with a quota reason, {@code X-RateLimit-Reset}), or null. */
  final Instant resetHeader;
  /** The reason, or null. */
  final RateLimitReason reason;
  final boolean nearLimit;
  /** {@code X-RateLimit-Limit} / {@code -Remaining}: the burst bucket, or -1. */
  final long burstLimit;
  final long burstRemaining;
  /** {@code Retry-After} as the client's one parser reads it, or null. */
  final Duration retryAfter;

  private RateLimitHeaders(Headers h, Instant now) {
    String policyName = null;
    long q = 0;
    Duration w = Duration.ZERO;
    Item p = item(first(h, POLICY), "RateLimit-Policy");
    if (p != null) {
      policyName = p.name;
      q = p.param("q", 1, Long.MAX_VALUE);
      long ws = p.param("w", 1, 31L * 24 * 3600);
      w = ws > 0 ? Duration.ofSeconds(ws) : Duration.ZERO;
    }
    long r = -1;
    Duration t = null;
    Item l = item(first(h, LIMIT), "RateLimit");
    if (l != null) {
      if (policyName == null) policyName = l.name;
      else if (l.name != null && !l.name.equals(policyName)) {
        log.debug("RateLimit names policy {} but RateLimit-Policy {}; using the Policy's", l.name, policyName);
      }
      r = l.param("r", 0, Long.MAX_VALUE);
      long ts = l.param("t", 0, 31L * 24 * 3600);
      if (ts >= 0 && l.has("t")) t = Duration.ofSeconds(ts);
    }
    this.policy = policyName;
    this.quota = Math.max(0, q);
    this.window = w;
    this.remaining = r;
    this.resetIn = t;
    String reasonText = first(h, REASON);
    this.reason = reasonText == null ? null : RateLimitReason.fromHeader(reasonText).orElse(null);
    if (reasonText != null && reason == null) log.debug("unknown rate-limit reason '{}' ignored", reasonText);
    this.nearLimit = "true".equalsIgnoreCase(trim(first(h, NEAR)));
    Instant reset = instant(first(h, RESET), now);
    // X-RateLimit-Reset is also sent for burst refusals: it tells the points reset only beside a quota reason.
    if (reset == null && reason != null && reason.isQuota()) reset = instant(h.get("X-RateLimit-Reset"), now);
    this.resetHeader = reset;
    this.burstLimit = number(h.get("X-RateLimit-Limit"), "X-RateLimit-Limit");
    this.burstRemaining = number(h.get("X-RateLimit-Remaining"), "X-RateLimit-Remaining");
    this.retryAfter = RetryAfter.parse(h.get("Retry-After"), Clock.fixed(now, ZoneOffset.UTC)).orElse(null);
  }

  static RateLimitHeaders parse(Headers headers, Instant now) {
    return new RateLimitHeaders(headers, now);
  }

  /** Whether the response said anything about a points budget. */
  boolean hasQuotaInfo() {
    return policy != null || remaining >= 0;
  }

  /**
   * When the budget resets, surviving Jira's defects: a {@code t} or Reset beyond the window is not believed
   * (never wait longer than the window), a Reset in the past is ignored (never wait on it), and of two
   * believable answers the earlier wins (a wrong early one costs one refused request, a wrong late one an hour).
   * Neither believable: the next UTC hour for an hourly window, else {@code now + window}.
   *
   * @param knownWindow the window learned earlier, used when this response had no Policy header
   */
  Instant resetAt(Instant now, Duration knownWindow) {
    Duration w = !window.isZero() ? window : knownWindow.isZero() ? QuotaState.DEFAULT_WINDOW : knownWindow;
    Instant limit = now.plus(w);
    Instant best = null;
    if (resetIn != null && !resetIn.isZero() && !now.plus(resetIn).isAfter(limit)) best = now.plus(resetIn);
    if (resetHeader != null && resetHeader.isAfter(now) && !resetHeader.isAfter(limit)) {
      if (best == null || resetHeader.isBefore(best)) best = resetHeader;
    }
    if (best != null) return best;
    if (w.equals(QuotaState.DEFAULT_WINDOW)) return now.truncatedTo(ChronoUnit.HOURS).plus(w);
    return limit;
  }

  /** What this response said about its budget, for the ledger. */
  QuotaReading reading(Instant now, Duration knownWindow) {
    if (!hasQuotaInfo()) return QuotaReading.NONE;
    Instant reset = remaining >= 0 || resetIn != null || resetHeader != null ? resetAt(now, knownWindow) : Instant.EPOCH;
    return new QuotaReading(quota, window, remaining, reset);
  }

  // ------------------------------------------------------------------------------------------- parsing

  private static String first(Headers h, String[] names) {
    for (String n : names) {
      String v = h.get(n);
      if (v != null && !v.isBlank()) return v;
    }
    return null;
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }

  private static long number(String s, String header) {
    if (s == null || s.isBlank()) return -1;
    try {
      long v = Long.parseLong(s.trim());
      if (v >= 0) return v;
    } catch (NumberFormatException ignored) {
      // logged below
    }
    log.debug("{} '{}' is not a non-negative integer; ignored", header, s);
    return -1;
  }

  /** ISO-8601 with or without seconds or offset, or delta seconds; null (logged) otherwise. */
  private static Instant instant(String s, Instant now) {
    if (s == null) return null;
    String v = s.trim();
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      // other forms below
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      // other forms below
    }
    if (v.chars().allMatch(Character::isDigit) && !v.isEmpty() && v.length() < 10) {
      return now.plusSeconds(Long.parseLong(v));
    }
    log.debug("rate-limit reset '{}' is neither an ISO-8601 time nor seconds; ignored", s);
    return null;
  }

  /**
   * The first member of a structured-field list: {@code "name";key=value;key=value}. The name may be quoted or
   * a bare token; parameters that are not integers are skipped. Null (logged) when there is no usable name.
   */
  static Item item(String value, String header) {
    if (value == null) return null;
    String v = value.trim();
    int comma = firstOutsideQuotes(v, ',');
    if (comma >= 0) v = v.substring(0, comma).trim();
    String[] parts = splitOutsideQuotes(v);
    String name = parts[0].trim();
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) name = name.substring(1, name.length() - 1);
    if (name.isEmpty() || name.contains("\"") || name.contains("=") || name.length() > 100) {
      log.debug("{} '{}' has no policy name; ignored", header, value);
      return null;
    }
    Item item = new Item(name.toLowerCase(Locale.ROOT));
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq <= 0) {
        log.debug("{} parameter '{}' has no value; ignored", header, p);
        continue;
      }
      String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String val = p.substring(eq + 1).trim();
      try {
        item.params.put(key, Long.parseLong(val));
      } catch (NumberFormatException e) {
        log.debug("{} parameter {}='{}' is not an integer; ignored", header, key, val);
      }
    }
    return item;
  }

  private static int firstOutsideQuotes(String s, char c) {
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"') quoted = !quoted;
      else if (ch == c && !quoted) return i;
    }
    return -1;
  }

  private static String[] splitOutsideQuotes(String s) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"') quoted = !quoted;
      else if (ch == ';' && !quoted) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out.toArray(new String[0]);
  }

  /** One structured-field item: a name and integer parameters. */
  static final class Item {
    final String name;
    final java.util.Map<String, Long> params = new java.util.HashMap<>();

    Item(String name) {
      this.name = name;
    }

    boolean has(String key) {
      return params.containsKey(key);
    }

    /** The parameter if present and within [min, max], else -1 (logged). */
    long param(String key, long min, long max) {
      Long v = params.get(key);
      if (v == null) return -1;
      if (v < min || v > max) {
        log.debug("rate-limit parameter {}={} outside [{}, {}]; ignored", key, v, min, max);
        return -1;
      }
      return v;
    }
  }
}
