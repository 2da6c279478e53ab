package dev.jirasdk.sync;

import dev.jirasdk.auth.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an app's Jira traffic inside Atlassian's rate limits by pacing before the limit, not after. It is an
 * OkHttp {@link Interceptor} ({@code client.newBuilder().addInterceptor(governor).build()} sees every attempt);
 * create one per process and give it to every {@link JiraSync}.
 *
 * <p><b>Points quota.</b> Before each request the governor estimates its points (1 + the items the page can
 * return, 2 per user, group or permission) and reserves them in a {@link QuotaLedger} entry for the request's
 * budget; the answer's {@code RateLimit} header ({@code r} remaining, {@code t} seconds to reset) then replaces
 * the estimate. The budget's scope is learned from the {@code RateLimit-Policy} header: {@code global-app-quota}
 * is one budget for every tenant, {@code tenant-app-quota} one per site. A request is sent only while the
 * budget keeps {@code 1 - }{@link Builder#budgetShare share} of the quota free, so the host's own calls keep
 * working; otherwise it waits for the window's reset. Several processes pace against one budget when their
 * governors share a ledger kept in a store. {@code X-RateLimit-Limit}/{@code -Remaining} are the per-second
 * burst bucket and never counted as points.
 *
 * <p><b>Refusals</b> are told apart by {@link RateLimitReason}: a quota ({@code jira-quota-*}) marks the budget
 * spent until {@code Retry-After} (every request spending it waits); {@code jira-burst-based} (or none) pauses
 * only that endpoint for {@code Retry-After}, then paces it at {@link Builder#burstSpacing}, doubling on each
 * further burst 429 (at most 5 s apart); {@code jira-per-issue-on-write} pauses writes to that one issue;
 * {@code jira-cost-based} pauses that site. {@code NearLimit: true} lowers concurrency to
 * {@link Builder#nearLimitConcurrency} until the headers recover.
 *
 * <p><b>Jira's header defects</b> are survived: a Policy header missing once {@code r=0} (the scope and quota
 * learned earlier still hold), a {@code t} that is off and a Reset in the past: the governor never waits on a
 * reset in the past and never longer than the window.
 *
 * <p>Waiting uses the injected {@link Sleeper} and {@link Clock}, so tests advance a fake clock instead of
 * sleeping; waits for a reset are taken one thread at a time so a fake clock is advanced once. Thread-safe.
 *
 * <pre>{@code
 * RateGovernor governor = RateGovernor.builder()
 *     .ledger(store.quotaLedger())   // shared by every process of the app; default: this process only
 *     .budgetShare(0.8)              // leave 20 % of each hour's points to the host's interactive calls
 *     .build();
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
  /** Share of each window's points the governed traffic may spend. */
  public static final double DEFAULT_BUDGET_SHARE = 0.8;
  private static final Duration MAX_SPACING = Duration.ofSeconds(5);
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(2);

  private final Clock clock;
  private final Sleeper sleeper;
  private final QuotaLedger ledger;
  private final double share;
  private final int maxConcurrency;
  private final int nearLimitConcurrency;
  private final Duration burstSpacing;
  private final Duration burstPacingWindow;

  private final Object lock = new Object();
  private final Object resetWait = new Object();
  private int inFlight;
  private int limit;
  private volatile QuotaScope appScope;
  private final Map<String, QuotaScope> tenantScopes = new ConcurrentHashMap<>();
  private final Map<QuotaScope, Duration> windows = new ConcurrentHashMap<>();
  private final Map<String, EndpointState> endpoints = new ConcurrentHashMap<>();
  private final Map<String, Instant> sitePauses = new ConcurrentHashMap<>();
  private volatile Instant lastPauseUntil = Instant.EPOCH;
  /** Per endpoint: item points its recent pages really cost (the largest, decaying by a tenth per page). */
  private final Map<String, Long> itemPointsSeen = new ConcurrentHashMap<>();
  private final ThreadLocal<String> answeredEndpoint = new ThreadLocal<>();
  /** Per budget: the window end an answer has confirmed, and the window a first request is probing. */
  private final Object probeLock = new Object();
  private final Map<QuotaScope, Instant> confirmedWindow = new ConcurrentHashMap<>();
  private final Map<QuotaScope, Instant> probingWindow = new ConcurrentHashMap<>();

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong points = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong quotaRefusals = new AtomicLong();
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
    this.ledger = b.ledger != null ? b.ledger : new InMemoryQuotaLedger();
    this.share = b.share;
    this.maxConcurrency = b.maxConcurrency;
    this.nearLimitConcurrency = Math.min(b.nearLimitConcurrency, b.maxConcurrency);
    this.burstSpacing = b.burstSpacing;
    this.burstPacingWindow = b.burstPacingWindow;
    this.limit = maxConcurrency;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A governor with defaults, the system clock, real sleeping and an in-memory ledger. */
  public static RateGovernor create() {
    return builder().build();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String site = siteOf(request.url());
    String key = endpointKey(request.method(), request.url());
    EndpointState endpoint = endpoints.computeIfAbsent(key, k -> new EndpointState());
    EndpointState issue = issueKey(request) == null ? null
        : endpoints.computeIfAbsent(issueKey(request), k -> new EndpointState());
    QuotaScope scope = null;
    Held held = Held.NOTHING;
    try {
      awaitTurn(endpoint);
      if (issue != null) awaitTurn(issue);
      awaitSite(site);
      scope = scopeOf(site);
      if (scope != null) held = reserve(scope, estimate(request, key));
      acquire();
      while (paused(endpoint) || (issue != null && paused(issue))) {
        // A 429 paused the endpoint while this request waited for a slot: wait it out without the slot.
        release();
        awaitTurn(endpoint);
        if (issue != null) awaitTurn(issue);
        acquire();
      }
    } catch (InterruptedException e) {
      if (scope != null) settle(scope, held.points, QuotaReading.NONE);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the rate governor");
    }
    // The slot is held until the answer is settled, so a wait for the reset (which first lets the requests in
    // flight finish) never starts between an answer and its settlement.
    try {
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException | RuntimeException e) {
        if (scope != null) {
          settle(scope, held.points, QuotaReading.NONE);
          probeAnswered(scope, held, null);
        }
        throw e;
      }
      requests.incrementAndGet();
      observe(site, key, endpoint, issue, scope, held, response);
      if (response.isSuccessful()) answeredEndpoint.set(key);
      return response;
    } finally {
      release();
    }
  }

  /** Points a request reserved, and the end of the window they were reserved in (EPOCH: not known). */
  private record Held(long points, Instant windowEnd) {
    static final Held NOTHING = new Held(0, Instant.EPOCH);
  }

  /**
   * What a request will cost: by Atlassian's rule from its page size ({@link PointsEstimate}), but no more than
   * a quarter above what this endpoint's recent pages really returned (told by {@link #recordItems}), so a
   * page size of 1,000 whose pages hold 50 does not hold 1,000 points while it is in flight.
   */
  private long estimate(Request request, String key) {
    long byRule = PointsEstimate.of(request);
    Long seen = itemPointsSeen.get(key);
    if (seen == null) return byRule;
    return Math.min(byRule, 1 + (seen * 5 + 3) / 4);
  }

  // ------------------------------------------------------------------------------------------- the budget

  /** The budget requests to {@code site} spend: the one learned for the site, else the app's if known. */
  private QuotaScope scopeOf(String site) {
    QuotaScope s = tenantScopes.get(site);
    return s != null ? s : appScope;
  }

  /** Reserves the estimate, waiting for the window's reset while the budget does not allow it. */
  private Held reserve(QuotaScope scope, long estimate) throws InterruptedException {
    while (true) {
      Instant now = clock.instant();
      QuotaLedger.Reservation r;
      try {
        r = ledger.reserve(scope, estimate, share, now);
      } catch (RuntimeException e) {
        log.warn("quota ledger failed to reserve for {}; sending without pacing: {}", scope.key(), e.toString());
        return Held.NOTHING;
      }
      if (r.granted()) {
        Held held = new Held(estimate, r.state().resetAt());
        if (!waitedForProbe(scope, held.windowEnd)) return held;
        settle(scope, estimate, QuotaReading.NONE);   // the probe's answer decides; ask again
        continue;
      }
      Instant until = waitTarget(r.state(), now);
      if (!until.equals(lastPauseUntil)) {
        lastPauseUntil = until;
        quotaPauses.incrementAndGet();
        log.info("points budget {} at its share ({} of {} left, {} reserved); waiting until {}", scope.key(),
            r.state().remaining(), r.state().quota(), r.state().pending(), until);
      }
      waitForReset(until);
    }
  }

  /**
   * A window no answer has confirmed yet (the ledger rolled it on its own, perhaps on a {@code t} that was
   * early) is probed by one request first; the others wait for its answer (at most {@link #DRAIN_LIMIT} of
   * real time) and then ask the ledger again, so an early reset costs one 429, not one per request in flight.
   *
   * @return true if this thread waited for another's probe (its reservation must be asked again)
   */
  private boolean waitedForProbe(QuotaScope scope, Instant window) throws InterruptedException {
    if (window.equals(Instant.EPOCH)) return false;
    synchronized (probeLock) {
      if (same(window, confirmedWindow.get(scope))) return false;
      if (!same(window, probingWindow.get(scope))) {
        probingWindow.put(scope, window);
        return false;
      }
      long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
      while (same(window, probingWindow.get(scope)) && !same(window, confirmedWindow.get(scope))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) break;
        probeLock.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  /** Window ends within a few seconds of each other are one window ({@code t} moves as time passes). */
  private static boolean same(Instant a, Instant b) {
    return a != null && b != null && Duration.between(a, b).abs().compareTo(Duration.ofSeconds(5)) <= 0;
  }

  /** A request has been answered: its probe (if it was one) is over, and the answered window is confirmed. */
  private void probeAnswered(QuotaScope scope, Held held, QuotaState after) {
    synchronized (probeLock) {
      if (after != null && !after.resetAt().equals(Instant.EPOCH)) confirmedWindow.put(scope, after.resetAt());
      if (same(held.windowEnd, probingWindow.get(scope))) probingWindow.remove(scope);
      probeLock.notifyAll();
    }
  }

  /** The reset to wait for: never one in the past, never further than the window. */
  private static Instant waitTarget(QuotaState s, Instant now) {
    Instant latest = now.plus(s.window());
    if (s.resetAt().isAfter(now)) return s.resetAt().isAfter(latest) ? latest : s.resetAt();
    Instant hour = now.truncatedTo(ChronoUnit.HOURS).plus(QuotaState.DEFAULT_WINDOW);
    return hour.isAfter(latest) ? latest : hour;
  }

  private QuotaState settle(QuotaScope scope, long reserved, QuotaReading reading) {
    try {
      QuotaState s = ledger.settle(scope, reserved, reading, clock.instant());
      windows.put(scope, s.window());
      return s;
    } catch (RuntimeException e) {
      log.warn("quota ledger failed to settle for {}: {}", scope.key(), e.toString());
      return null;
    }
  }

  // ------------------------------------------------------------------------------------------- waiting

  private void awaitTurn(EndpointState state) throws InterruptedException {
    while (true) {
      Instant now = clock.instant();
      Instant until;
      synchronized (state) {
        until = state.pauseUntil;
        if (!until.isAfter(now) && now.isBefore(state.pacedUntil)) {
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

  private boolean paused(EndpointState state) {
    synchronized (state) {
      return state.pauseUntil.isAfter(clock.instant());
    }
  }

  private void awaitSite(String site) throws InterruptedException {
    Instant until = sitePauses.get(site);
    if (until != null && until.isAfter(clock.instant())) waitForReset(until);
  }

  private void waitUntil(Instant until) throws InterruptedException {
    Instant now = clock.instant();
    if (until.isAfter(now)) sleeper.sleep(Duration.between(now, until));
    if (Thread.interrupted()) throw new InterruptedException();
  }

  /**
   * Long waits are taken one thread at a time, each re-reading the clock, so a fake clock jumps once; and
   * they start once the requests already in flight have been answered (for at most {@link #DRAIN_LIMIT} of
   * real time), so those are counted in the window they were sent in even when the clock is a test's.
   */
  private void waitForReset(Instant until) throws InterruptedException {
    synchronized (resetWait) {
      drainInFlight();
      waitUntil(until);
    }
  }

  private void drainInFlight() throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    synchronized (lock) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return;
        lock.wait(Math.max(1, left / 1_000_000));
      }
    }
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

  // ------------------------------------------------------------------------------------------- answers

  private void observe(String site, String key, EndpointState endpoint, EndpointState issue, QuotaScope scope,
      Held held, Response response) {
    Instant now = clock.instant();
    long reserved = held.points;
    // An answer from a window that has ended since the request was sent tells nothing about the new one.
    boolean stale = !held.windowEnd.equals(Instant.EPOCH) && !now.isBefore(held.windowEnd);
    int code = response.code();
    RateLimitHeaders h = RateLimitHeaders.parse(response.headers(), now);
    if (code != 429) points.incrementAndGet();
    QuotaScope learned = learnScope(site, h, scope);
    if (scope != null && learned != null && !learned.equals(scope)) {
      settle(scope, reserved, QuotaReading.NONE);
      probeAnswered(scope, held, null);
      reserved = 0;
    }
    QuotaScope target = learned != null ? learned : scope;
    boolean quotaRefusal = code == 429 && h.reason != null && h.reason.isQuota() && h.reason != RateLimitReason.COST;
    if (target != null) {
      Duration known = windows.getOrDefault(target, Duration.ZERO);
      QuotaReading reading = stale ? QuotaReading.NONE : h.reading(now, known);
      if (quotaRefusal && !stale) {
        Duration w = !h.window.isZero() ? h.window : known.isZero() ? QuotaState.DEFAULT_WINDOW : known;
        Instant reset = h.retryAfter != null && h.retryAfter.compareTo(w) <= 0 ? now.plus(h.retryAfter)
            : h.resetAt(now, w);
        reading = new QuotaReading(h.quota, h.window, 0, reset);
      }
      QuotaState after = settle(target, reserved, reading);
      probeAnswered(target, held, reading == QuotaReading.NONE ? null : after);
    }
    if (code == 429 || (code == 503 && h.retryAfter != null)) {
      throttled.incrementAndGet();
      Instant until = now.plus(h.retryAfter != null ? h.retryAfter : DEFAULT_RETRY_AFTER);
      RateLimitReason reason = code == 503 ? null : h.reason;
      if (quotaRefusal) {
        quotaRefusals.incrementAndGet();
        log.info("points quota refused ({}); every request of {} waits for the reset", h.reason.headerValue(),
            target == null ? site : target.key());
      } else if (reason == RateLimitReason.COST) {
        sitePauses.merge(site, until, (a, b) -> a.isAfter(b) ? a : b);
        log.info("cost budget of site {} spent; its requests wait until {}", site, until);
      } else if (reason == RateLimitReason.PER_ISSUE_WRITE && issue != null) {
        pace(issue, until, now);
        log.debug("{} writes to one issue too fast; pausing that issue until {}", key, until);
      } else {
        pace(endpoint, until, now);
        log.debug("{} throttled ({}); pausing that endpoint until {}", key, reason, until);
      }
    }
    synchronized (lock) {
      int want = h.nearLimit ? nearLimitConcurrency : h.hasQuotaInfo() || code < 400 ? maxConcurrency : limit;
      if (want != limit) {
        log.debug("concurrency {} -> {} (nearLimit={}, remaining={})", limit, want, h.nearLimit, h.remaining);
        limit = want;
        lock.notifyAll();
      }
    }
  }

  /** Remembers which budget a site's requests spend, from the policy (or, without one, a quota reason). */
  private QuotaScope learnScope(String site, RateLimitHeaders h, QuotaScope current) {
    String policy = h.policy;
    if (policy == null && h.reason == RateLimitReason.GLOBAL_QUOTA) policy = QuotaScope.GLOBAL_APP_QUOTA;
    if (policy == null && h.reason == RateLimitReason.TENANT_QUOTA) {
      policy = current != null && current.kind() == QuotaScope.Kind.TENANT ? current.policy()
          : QuotaScope.TENANT_APP_QUOTA;
    }
    if (policy == null) return null;
    QuotaScope s = QuotaScope.of(policy, site);
    if (!s.equals(tenantScopes.put(site, s))) log.debug("requests to {} spend the points budget {}", site, s.key());
    if (s.kind() == QuotaScope.Kind.APP) appScope = s;
    return s;
  }

  private void pace(EndpointState state, Instant until, Instant now) {
    synchronized (state) {
      if (until.isAfter(state.pauseUntil)) state.pauseUntil = until;
      // Each further 429 while paced halves the rate (down to one request per 5 s).
      boolean paced = now.isBefore(state.pacedUntil);
      Duration next = !paced || state.spacing.isZero() ? burstSpacing : state.spacing.multipliedBy(2);
      state.spacing = next.compareTo(MAX_SPACING) > 0 ? MAX_SPACING : next;
      state.pacedUntil = until.plus(burstPacingWindow);
    }
  }

  // ------------------------------------------------------------------------------------------- reading

  /**
   * Adds what Atlassian charges for the items of the response this thread just received through the governor
   * (the 1 point per request is counted here); the governor also estimates that endpoint's next pages from it.
   */
  public void recordItems(long itemPoints) {
    if (itemPoints > 0) points.addAndGet(itemPoints);
    String key = answeredEndpoint.get();
    if (key == null || itemPoints < 0) return;
    answeredEndpoint.remove();
    itemPointsSeen.merge(key, itemPoints, (old, now) -> Math.max(now, old - old / 10));
  }

  /**
   * The budget requests to {@code cloudId} spend, as the ledger holds it now; empty until a response named it.
   */
  public Optional<QuotaState> budget(String cloudId) {
    Objects.requireNonNull(cloudId, "cloudId == null");
    QuotaScope s = scopeOf(cloudId);
    return s == null ? Optional.empty() : ledger.state(s, clock.instant());
  }

  /**
   * Points this governor may still spend on {@code cloudId} in the current window while keeping the host's
   * share free, or -1 if no response has told the budget yet.
   */
  public long availablePoints(String cloudId) {
    return budget(cloudId).map(s -> s.available(share)).orElse(-1L);
  }

  /** When the budget of {@code cloudId} resets, if known. */
  public Optional<Instant> resetAt(String cloudId) {
    return budget(cloudId).map(QuotaState::resetAt).filter(t -> !t.equals(Instant.EPOCH));
  }

  /** Share of each window's points this governor's requests may spend. */
  public double budgetShare() {
    return share;
  }

  public QuotaLedger ledger() {
    return ledger;
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

  /** 429s whose reason was a points quota (pacing should keep this at zero or one per window). */
  public long quotaRefusals() {
    return quotaRefusals.get();
  }

  /** Times requests had to wait for a budget's reset. */
  public long quotaPauses() {
    return quotaPauses.get();
  }

  /** The current cap on concurrent requests. */
  public int concurrencyLimit() {
    synchronized (lock) {
      return limit;
    }
  }

  /** The site a URL addresses: the cloudId of {@code /ex/jira/{cloudId}/…}, else the host. */
  static String siteOf(HttpUrl url) {
    List<String> seg = url.pathSegments();
    for (int i = 0; i + 2 < seg.size(); i++) {
      if (seg.get(i).equals("ex") && seg.get(i + 1).equals("jira")) return seg.get(i + 2);
    }
    return url.host() + ":" + url.port();
  }

  /** For a write to one issue, a key naming the issue (per-issue write limits), else null. */
  static String issueKey(Request request) {
    if (request.method().equals("GET")) return null;
    List<String> seg = request.url().pathSegments();
    int i = seg.indexOf("issue");
    if (i < 0 || i + 1 >= seg.size() || seg.get(i + 1).equals("bulkfetch") || seg.get(i + 1).equals("archive")) {
      return null;
    }
    return "issue " + siteOf(request.url()) + " " + seg.get(i + 1);
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

  @Override
  public String toString() {
    return "RateGovernor[limit=" + concurrencyLimit() + ", share=" + share + ", requests=" + requests()
        + ", points=" + pointsSpent() + "]";
  }

  /** Configures a {@link RateGovernor}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private QuotaLedger ledger;
    private double share = DEFAULT_BUDGET_SHARE;
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

    /**
     * Where budgets are kept (default: a new {@link InMemoryQuotaLedger}, this governor only). Pass a store's
     * ledger to share budgets with the app's other processes.
     */
    public Builder ledger(QuotaLedger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger == null");
      return this;
    }

    /**
     * Share of each window's points this governor's requests may spend, in (0, 1] (default
     * {@value #DEFAULT_BUDGET_SHARE}); the rest stays for the host's interactive calls.
     */
    public Builder budgetShare(double share) {
      if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("budgetShare must be in (0, 1]: " + share);
      this.share = share;
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
