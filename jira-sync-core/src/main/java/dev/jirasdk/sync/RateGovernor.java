package dev.jirasdk.sync;

import dev.jirasdk.auth.RetryAfter;
import dev.jirasdk.auth.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one process's Jira traffic inside Atlassian's rate limits. The points quota is per app, shared by every
 * tenant, so create ONE governor per process and hand it to every {@link JiraSync} (it is an OkHttp
 * {@link Interceptor}: {@code client.newBuilder().addInterceptor(governor).build()} sees every attempt).
 *
 * <ul>
 *   <li>A 429 whose {@code RateLimit-Reason} is {@code jira-quota-*} pauses ALL requests until
 *       {@code Retry-After} (or {@code X-RateLimit-Reset}); {@code X-RateLimit-Remaining: 0} with a reset time
 *       does the same before any 429.
 *   <li>A burst 429 ({@code jira-burst-based}, {@code jira-per-issue-on-write}, or none given) pauses only that
 *       endpoint (method, tenant and path shape) for {@code Retry-After}, then paces it at
 *       {@link Builder#burstSpacing} for {@link Builder#burstPacingWindow}; each further burst 429 in that window
 *       doubles the spacing (at most 5 s).
 *   <li>{@code X-RateLimit-Remaining: 0} pauses every request until {@code X-RateLimit-Reset} (or the next UTC
 *       hour), before any 429.
 *   <li>{@code X-RateLimit-NearLimit: true}, or less than 20 % of {@code X-RateLimit-Limit} remaining, lowers the
 *       number of concurrent requests to {@link Builder#nearLimitConcurrency} until the headers recover.
 * </ul>
 *
 * <p>Waiting uses the injected {@link Sleeper} and {@link Clock}, so tests advance a fake clock instead of
 * sleeping. Points are counted as Atlassian costs them: 1 per request plus what the sync reports per item via
 * {@link #recordItems}. Thread-safe.
 *
 * <pre>{@code
 * RateGovernor governor = RateGovernor.builder().maxConcurrency(8).build();  // one per process
 * JiraSync sync = JiraSync.builder().clients(oauth::jiraClient).store(store).rateGovernor(governor).build();
 * }</pre>
 */
public final class RateGovernor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(RateGovernor.class);

  public static final int DEFAULT_MAX_CONCURRENCY = 8;
  public static final int DEFAULT_NEAR_LIMIT_CONCURRENCY = 2;
  public static final Duration DEFAULT_BURST_SPACING = Duration.ofMillis(100);
  public static final Duration DEFAULT_BURST_PACING_WINDOW = Duration.ofMinutes(1);
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);
  private static final Duration MAX_SPACING = Duration.ofSeconds(5);

  private final Clock clock;
  private final Sleeper sleeper;
  private final int maxConcurrency;
  private final int nearLimitConcurrency;
  private final Duration burstSpacing;
  private final Duration burstPacingWindow;

  private final Object lock = new Object();
  private int inFlight;
  private int limit;
  private Instant globalPauseUntil = Instant.EPOCH;
  private final Map<String, EndpointState> endpoints = new ConcurrentHashMap<>();

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong points = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong quotaPauses = new AtomicLong();

  private static final class EndpointState {
    Instant pauseUntil = Instant.EPOCH;
    Instant pacedUntil = Instant.EPOCH;
    Instant nextSlot = Instant.EPOCH;
    Duration spacing = Duration.ZERO;
  }

  private RateGovernor(Builder b) {
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.maxConcurrency = b.maxConcurrency;
    this.nearLimitConcurrency = Math.min(b.nearLimitConcurrency, b.maxConcurrency);
    this.burstSpacing = b.burstSpacing;
    this.burstPacingWindow = b.burstPacingWindow;
    this.limit = maxConcurrency;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A governor with defaults, the system clock and real sleeping. */
  public static RateGovernor create() {
    return builder().build();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String key = endpointKey(request.method(), request.url());
    EndpointState state = endpoints.computeIfAbsent(key, k -> new EndpointState());
    try {
      awaitTurn(state);
      acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the rate governor");
    }
    Response response;
    try {
      response = chain.proceed(request);
    } finally {
      release();
    }
    requests.incrementAndGet();
    observe(key, state, response);
    return response;
  }

  private void awaitTurn(EndpointState state) throws InterruptedException {
    while (true) {
      Instant now = clock.instant();
      Instant until;
      synchronized (lock) {
        until = globalPauseUntil;
      }
      synchronized (state) {
        if (state.pauseUntil.isAfter(until)) until = state.pauseUntil;
        if (!until.isAfter(now) && now.isBefore(state.pacedUntil)) {
          // Paced endpoint: take the next slot.
          Instant slot = state.nextSlot.isAfter(now) ? state.nextSlot : now;
          state.nextSlot = slot.plus(state.spacing);
          if (!slot.isAfter(now)) return;
          until = slot;
          waitUntil(until);
          return;
        }
      }
      if (!until.isAfter(now)) return;
      waitUntil(until);
    }
  }

  private void waitUntil(Instant until) throws InterruptedException {
    Instant now = clock.instant();
    if (until.isAfter(now)) sleeper.sleep(Duration.between(now, until));
    if (Thread.interrupted()) throw new InterruptedException();
  }

  private void acquire() throws InterruptedException {
    synchronized (lock) {
      while (inFlight >= limit) lock.wait();
      inFlight++;
    }
  }

  private void release() {
    synchronized (lock) {
      inFlight--;
      lock.notifyAll();
    }
  }

  private void observe(String key, EndpointState state, Response response) {
    Instant now = clock.instant();
    int code = response.code();
    String reason = response.header("RateLimit-Reason");
    Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), clock).orElse(null);
    Instant reset = parseInstant(response.header("X-RateLimit-Reset"));
    if (code != 429) points.incrementAndGet();
    if (code == 429 || (code == 503 && retryAfter != null)) {
      throttled.incrementAndGet();
      boolean quota = reason != null && reason.toLowerCase(Locale.ROOT).startsWith("jira-quota");
      Instant until = retryAfter != null ? now.plus(retryAfter) : reset != null ? reset : now.plus(DEFAULT_RETRY_AFTER);
      if (quota) {
        pauseAll(until, reason);
      } else {
        synchronized (state) {
          if (until.isAfter(state.pauseUntil)) state.pauseUntil = until;
          // Each further burst 429 while paced halves the rate (up to one request per 5 s).
          boolean paced = now.isBefore(state.pacedUntil);
          Duration next = !paced || state.spacing.isZero() ? burstSpacing : state.spacing.multipliedBy(2);
          state.spacing = next.compareTo(MAX_SPACING) > 0 ? MAX_SPACING : next;
          state.pacedUntil = until.plus(burstPacingWindow);
        }
        log.debug("{} throttled ({}); pausing that endpoint until {}", key, reason, until);
      }
    }
    String remaining = response.header("X-RateLimit-Remaining");
    String max = response.header("X-RateLimit-Limit");
    boolean near = "true".equalsIgnoreCase(response.header("X-RateLimit-NearLimit"));
    long rem = parseLong(remaining, -1);
    long lim = parseLong(max, -1);
    if (rem >= 0 && lim > 0 && rem * 5 < lim) near = true;
    if (rem == 0 && code != 429) {
      // Spent: wait for the reset instead of collecting 429s (the quota resets each UTC hour).
      Instant until = reset != null && reset.isAfter(now) ? reset
          : now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));
      pauseAll(until, "X-RateLimit-Remaining: 0");
    }
    synchronized (lock) {
      int want = near ? nearLimitConcurrency : (remaining != null || response.header("X-RateLimit-NearLimit") != null
          || code < 400 ? maxConcurrency : limit);
      if (want != limit) {
        log.debug("concurrency {} -> {} (nearLimit={}, remaining={})", limit, want, near, remaining);
        limit = want;
        lock.notifyAll();
      }
    }
  }

  private void pauseAll(Instant until, String why) {
    synchronized (lock) {
      if (until.isAfter(globalPauseUntil)) {
        globalPauseUntil = until;
        quotaPauses.incrementAndGet();
        log.info("points quota exhausted ({}); pausing every request until {}", why, until);
      }
    }
  }

  /** Adds what Atlassian charges for items a response returned (the 1 point per request is counted here). */
  public void recordItems(long itemPoints) {
    if (itemPoints > 0) points.addAndGet(itemPoints);
  }

  /** HTTP attempts that went through this governor. */
  public long requests() {
    return requests.get();
  }

  /** Points spent by this process since the governor was built. */
  public long pointsSpent() {
    return points.get();
  }

  /** Responses that were 429 (or 503 with Retry-After). */
  public long throttledResponses() {
    return throttled.get();
  }

  /** Times every request had to wait for the quota to reset. */
  public long quotaPauses() {
    return quotaPauses.get();
  }

  /** The current cap on concurrent requests. */
  public int concurrencyLimit() {
    synchronized (lock) {
      return limit;
    }
  }

  /** Until when all requests wait for the quota, if they do. */
  public Instant pausedUntil() {
    synchronized (lock) {
      return globalPauseUntil;
    }
  }

  Clock clock() {
    return clock;
  }

  /** {@code GET host/ex/jira/{cloudId}/rest/api/3/issue/{n}/comment}: numbers and issue keys become {n}. */
  static String endpointKey(String method, HttpUrl url) {
    StringBuilder sb = new StringBuilder(method).append(' ').append(url.host()).append(':').append(url.port());
    for (String seg : url.pathSegments()) {
      sb.append('/');
      if (!seg.isEmpty() && (seg.chars().allMatch(Character::isDigit) || seg.matches("[A-Z][A-Z0-9_]*-\\d+"))) {
        sb.append("{n}");
      } else {
        sb.append(seg);
      }
    }
    return sb.toString();
  }

  private static Instant parseInstant(String header) {
    if (header == null || header.isBlank()) return null;
    try {
      return Instant.parse(header.trim());
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(header.trim()).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static long parseLong(String s, long dflt) {
    if (s == null) return dflt;
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  @Override
  public String toString() {
    return "RateGovernor[limit=" + concurrencyLimit() + ", requests=" + requests() + ", points=" + pointsSpent() + "]";
  }

  /** Configures a {@link RateGovernor}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
    private int nearLimitConcurrency = DEFAULT_NEAR_LIMIT_CONCURRENCY;
    private Duration burstSpacing = DEFAULT_BURST_SPACING;
    private Duration burstPacingWindow = DEFAULT_BURST_PACING_WINDOW;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** How to wait; tests pass one that advances their fake clock. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /** Concurrent requests across the process (default {@value #DEFAULT_MAX_CONCURRENCY}). */
    public Builder maxConcurrency(int n) {
      if (n < 1) throw new IllegalArgumentException("maxConcurrency must be >= 1: " + n);
      this.maxConcurrency = n;
      return this;
    }

    /** Concurrent requests while the quota is nearly spent (default {@value #DEFAULT_NEAR_LIMIT_CONCURRENCY}). */
    public Builder nearLimitConcurrency(int n) {
      if (n < 1) throw new IllegalArgumentException("nearLimitConcurrency must be >= 1: " + n);
      this.nearLimitConcurrency = n;
      return this;
    }

    /** Spacing between requests to an endpoint that recently hit a burst limit (default 100 ms = 10/s). */
    public Builder burstSpacing(Duration spacing) {
      this.burstSpacing = Objects.requireNonNull(spacing, "spacing == null");
      return this;
    }

    /** How long after its last burst 429 an endpoint stays paced (default 1 minute). */
    public Builder burstPacingWindow(Duration window) {
      this.burstPacingWindow = Objects.requireNonNull(window, "window == null");
      return this;
    }

    public RateGovernor build() {
      return new RateGovernor(this);
    }
  }
}
