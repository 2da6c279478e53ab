package dev.jirasdk.testkit;

import static dev.jirasdk.testkit.Json.obj;

import dev.jirasdk.testkit.AuthServer.AuthorizeCheck;
import dev.jirasdk.testkit.AuthServer.Chain;
import dev.jirasdk.testkit.Exchange.Req;
import dev.jirasdk.testkit.Exchange.Resp;
import dev.jirasdk.testkit.SiteModel.AddedComment;
import dev.jirasdk.testkit.SiteModel.IssueRec;
import dev.jirasdk.testkit.SiteModel.UserRec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Atlassian auth server and Jira Cloud REST v3 for tests, benchmarks and sandboxes.
 *
 * <p>It serves {@code /authorize} (an HTML consent page), {@code /oauth/token} (codes and rotating refresh tokens
 * with reuse leeway and chain revocation), {@code /oauth/token/accessible-resources}, {@code /me} and the Jira
 * endpoints a sync uses under {@code /ex/jira/{cloudId}/rest/api/3/...}, with Atlassian's page shapes, errors,
 * rate limits and injectable faults, over deterministic generated data. Time comes from a {@link MutableClock}.
 *
 * <pre>{@code
 * try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(Dataset.small()).build().start()) {
 *   String authorizeUrl = fake.authBaseUrl() + "/authorize?audience=api.atlassian.com&client_id=" + fake.clientId()
 *       + "&scope=read%3Ajira-work%20offline_access&redirect_uri=" + fake.redirectUri() + "&state=xyz&response_type=code";
 *   AuthorizationCallback callback = fake.completeAuthorization(authorizeUrl);  // what "Accept" brings back
 *   // hand callback.code() and callback.state() to the code under test, pointed at fake.authBaseUrl() /
 *   // fake.apiBaseUrl() ...
 *   fake.clock().advance(Duration.ofHours(1));   // access tokens expire
 *   assertEquals(1, fake.requestCount("GET", "/rest/api/3/myself"));
 * }
 * }</pre>
 *
 * <p>Use {@link #start()} for a real loopback server (Undertow, multi-threaded) or {@link #dispatcher()} inside a
 * test's own {@code MockWebServer}. Thread-safe: the server threads, the test and the mutation API may all use
 * it at once.
 */
public final class FakeJiraCloud implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FakeJiraCloud.class);

  public static final String DEFAULT_CLIENT_ID = "fake-client-id";
  public static final String DEFAULT_CLIENT_SECRET = "fake-client-secret";
  public static final String DEFAULT_REDIRECT_URI = "http://localhost:3000/auth/callback";
  /** Changelog histories Jira embeds per issue in search results since 2026 (JRACLOUD-96459). */
  public static final int DEFAULT_EMBEDDED_CHANGELOG_CAP = 40;
  /** The embedded changelog cap before 2026. */
  public static final int LEGACY_EMBEDDED_CHANGELOG_CAP = 20;
  public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(3600);
  public static final Duration DEFAULT_REFRESH_TOKEN_REUSE_LEEWAY = Duration.ofMinutes(10);
  public static final Duration DEFAULT_REFRESH_TOKEN_INACTIVITY_EXPIRY = Duration.ofDays(90);
  public static final Duration DEFAULT_REFRESH_TOKEN_ABSOLUTE_EXPIRY = Duration.ofDays(365);
  public static final int DEFAULT_JOURNAL_LIMIT = 100_000;

  static final String[] FIRST = {"Ada", "Grace", "Alan", "Zoë", "Linus", "Margaret", "Ken", "Barbara", "Dennis",
    "Frances", "Søren", "Mei", "José", "Aïcha", "Yuki", "Olusegun"};
  static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Åkesson", "Torvalds", "Hamilton", "Thompson",
    "Liskov", "Ritchie", "Allen", "Kierkegaard", "Chen", "Núñez", "Benali", "Tanaka", "Obi"};
  static final String[] SITE_NAMES = {"acme", "globex", "initech", "umbrella", "hooli", "stark"};
  static final String[] TIME_ZONES = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"};

  /** Token and grant settings, fixed at build. */
  static final class Config {
    Duration accessTokenLifetime;
    Duration refreshTokenReuseLeeway;
    Duration refreshTokenInactivityExpiry;
    Duration refreshTokenAbsoluteExpiry;
  }

  private final Config config = new Config();
  private final MutableClock clock;
  private final long seed;
  private final Dataset dataset;
  private final AuthServer.Client defaultClient;
  private final List<FakeUser> users;
  private final List<UserRec> userRecs;
  private final List<SiteModel> sites;
  private final Map<String, Set<String>> userSites = new LinkedHashMap<>();
  private final AuthServer auth;
  private final JiraApi api;
  private final java.util.ArrayDeque<Object[]> journal = new java.util.ArrayDeque<>();
  private final int journalLimit;
  private final AtomicLong pointsSpent = new AtomicLong();
  private volatile RateLimiter rateLimiter;
  private volatile Faults.Injector faults;
  private UndertowRunner runner;

  private FakeJiraCloud(Builder b) {
    this.clock = b.clock != null ? b.clock : MutableClock.create();
    this.seed = b.seed;
    this.dataset = b.dataset;
    this.journalLimit = b.journalLimit;
    config.accessTokenLifetime = b.accessTokenLifetime;
    config.refreshTokenReuseLeeway = b.refreshTokenReuseLeeway;
    config.refreshTokenInactivityExpiry = b.refreshTokenInactivityExpiry;
    config.refreshTokenAbsoluteExpiry = b.refreshTokenAbsoluteExpiry;
    Map<String, AuthServer.Client> clients = new LinkedHashMap<>();
    clients.put(b.clientId, new AuthServer.Client(b.clientId, b.clientSecret, b.redirectUri));
    for (AuthServer.Client c : b.extraClients) {
      clients.putIfAbsent(c.id(), c);
    }
    this.defaultClient = clients.get(b.clientId);
    this.auth = new AuthServer(this, Collections.unmodifiableMap(clients));
    this.api = new JiraApi(this);
    this.rateLimiter = b.rateLimits == null ? null : new RateLimiter(b.rateLimits);
    this.faults = new Faults.Injector(b.faults);

    long started = System.nanoTime();
    List<FakeUser> us = new ArrayList<>();
    List<UserRec> recs = new ArrayList<>();
    for (int i = 0; i < dataset.users; i++) {
      String first = FIRST[i % FIRST.length];
      String last = LAST[(i * 7 + i / FIRST.length) % LAST.length];
      String name = first + " " + last + (i >= FIRST.length ? " " + (i / FIRST.length + 1) : "");
      long bits = SiteModel.mix(seed, 7_000 + i);
      String accountId = String.format("%016x%08x", bits, (int) SiteModel.mix(bits, 3) & 0x7fffffff);
      String email = i % 5 == 3 ? "user" + i + "@example.org"
          : ascii(first).toLowerCase() + "." + ascii(last).toLowerCase() + (i >= FIRST.length ? i : "") + "@example.com";
      FakeUser u = new FakeUser(accountId, name, email);
      us.add(u);
      recs.add(new UserRec(i, u, TIME_ZONES[i % TIME_ZONES.length], i % 11 != 10));
    }
    this.users = List.copyOf(us);
    this.userRecs = List.copyOf(recs);
    List<SiteModel> ss = new ArrayList<>();
    long nowMs = clock.millis();
    for (int i = 0; i < dataset.sites; i++) {
      String name = i < SITE_NAMES.length ? SITE_NAMES[i] : "site" + (i + 1);
      FakeSite site = new FakeSite(SiteModel.uuid(SiteModel.mix(seed, 5_000 + i)), name, "https://" + name + ".atlassian.net");
      SiteModel m = new SiteModel(i, site, SiteModel.mix(seed, 11 + i), userRecs);
      m.searchLagMs = b.searchIndexLag.toMillis();
      m.countLagMs = b.approximateCountLag.toMillis();
      m.changelogCap = b.embeddedChangelogCap;
      m.selfUrls = b.selfUrls;
      m.generate(dataset, nowMs);
      ss.add(m);
    }
    this.sites = List.copyOf(ss);
    for (int i = 0; i < users.size(); i++) {
      Set<String> access = new LinkedHashSet<>();
      if (i == 0) {
        for (SiteModel s : sites) {
          access.add(s.site.cloudId());
        }
      } else {
        access.add(sites.get(i % sites.size()).site.cloudId());
      }
      userSites.put(users.get(i).accountId(), access);
    }
    log.debug("Generated {} in {} ms", dataset, (System.nanoTime() - started) / 1_000_000);
  }

  private static String ascii(String s) {
    String n = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return n.replace("ø", "o").replace("Ø", "O").replaceAll("[^A-Za-z]", "");
  }

  public static Builder builder() {
    return new Builder();
  }

  Config config() {
    return config;
  }

  // ------------------------------------------------------------------ lifecycle

  /** Starts listening on 127.0.0.1 at a free port. Calling it again does nothing. */
  public FakeJiraCloud start() {
    return start("127.0.0.1", 0);
  }

  /** Starts listening on {@code host:port} (0 = a free port). Calling it again does nothing. */
  public synchronized FakeJiraCloud start(String host, int port) {
    Objects.requireNonNull(host, "host == null");
    if (runner == null) {
      runner = UndertowRunner.start(this, host, port);
      log.info("FakeJiraCloud listening on {}", runner.baseUrl());
    }
    return this;
  }

  /** A MockWebServer dispatcher with the same behaviour, for a test that runs its own server. */
  public mockwebserver3.Dispatcher dispatcher() {
    return new MockDispatcher(this);
  }

  /** Stops the server if started. Idempotent. */
  @Override
  public synchronized void close() {
    if (runner != null) {
      runner.stop();
      runner = null;
    }
  }

  private synchronized UndertowRunner runner() {
    if (runner == null) {
      throw new IllegalStateException("not started: call start() first, or use dispatcher() with your own server");
    }
    return runner;
  }

  /** Base URL of the auth server ({@code /authorize}, {@code /oauth/token}); requires {@link #start()}. */
  public String authBaseUrl() {
    return runner().baseUrl();
  }

  /** Base URL of the API gateway ({@code /oauth/token/accessible-resources}, {@code /me}, {@code /ex/jira/...}). */
  public String apiBaseUrl() {
    return runner().baseUrl();
  }

  /** The port the server listens on; requires {@link #start()}. */
  public int port() {
    return runner().port();
  }

  public String clientId() {
    return defaultClient.id();
  }

  public String clientSecret() {
    return defaultClient.secret();
  }

  public String redirectUri() {
    return defaultClient.redirectUri();
  }

  public MutableClock clock() {
    return clock;
  }

  public long seed() {
    return seed;
  }

  public Dataset dataset() {
    return dataset;
  }

  /** Every Atlassian account of the fake; any can consent. The first one can reach every site. */
  public List<FakeUser> users() {
    return users;
  }

  public List<FakeSite> sites() {
    List<FakeSite> out = new ArrayList<>();
    for (SiteModel s : sites) {
      out.add(s.site);
    }
    return out;
  }

  /** The site with this cloud id; throws {@link IllegalArgumentException} if there is none. */
  public FakeSite site(String cloudId) {
    return model(cloudId).site;
  }

  /** Counts and mutations of one site. */
  public SiteData data(String cloudId) {
    return new SiteData(this, model(cloudId));
  }

  /** Counts and mutations of the first site. */
  public SiteData data() {
    return new SiteData(this, sites.get(0));
  }

  SiteModel model(String cloudId) {
    for (SiteModel s : sites) {
      if (s.site.cloudId().equals(cloudId)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no site with cloudId " + cloudId);
  }

  private SiteModel modelOrNull(String cloudId) {
    for (SiteModel s : sites) {
      if (s.site.cloudId().equals(cloudId)) {
        return s;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ site access

  /** The sites this account may reach (what accessible-resources lists for it). */
  public synchronized List<FakeSite> sitesOf(String accountId) {
    Set<String> ids = userSites.getOrDefault(accountId, Set.of());
    List<FakeSite> out = new ArrayList<>();
    for (SiteModel s : sites) {
      if (ids.contains(s.site.cloudId())) {
        out.add(s.site);
      }
    }
    return out;
  }

  public synchronized void grantSiteAccess(String accountId, String cloudId) {
    requireUser(accountId);
    model(cloudId);
    userSites.computeIfAbsent(accountId, k -> new LinkedHashSet<>()).add(cloudId);
  }

  public synchronized void revokeSiteAccess(String accountId, String cloudId) {
    requireUser(accountId);
    userSites.getOrDefault(accountId, new HashSet<>()).remove(cloudId);
  }

  private synchronized boolean canReach(String accountId, String cloudId) {
    return userSites.getOrDefault(accountId, Set.of()).contains(cloudId);
  }

  private FakeUser requireUser(String accountId) {
    for (FakeUser u : users) {
      if (u.accountId().equals(accountId)) {
        return u;
      }
    }
    throw new IllegalArgumentException("no user with accountId " + accountId);
  }

  // ------------------------------------------------------------------ OAuth helpers

  /**
   * What the consent page's Accept does: validates the authorize URL like {@code GET /authorize} and returns the
   * redirect URL with {@code code} and the unchanged {@code state}. If the URL's client id or redirect URI is
   * invalid, throws {@link IllegalArgumentException} (Atlassian shows an error page then); other errors (scope,
   * response type, audience) come back as a redirect URL carrying {@code error}.
   */
  public String approve(String authorizeUrl, String accountId) {
    requireUser(accountId);
    AuthorizeCheck check = checkUrl(authorizeUrl);
    if (check.errorRedirect() != null) {
      return check.errorRedirect();
    }
    return auth.accept(check, accountId);
  }

  /**
   * Consents as {@code accountId} to an authorize URL the code under test built, and returns the callback's
   * parameters: what a user clicking Accept in a browser would bring back to the app's callback. The URL is
   * validated like {@code GET /authorize}; see {@link #approve(String, String)}.
   *
   * <pre>{@code
   * AuthorizationRequest start = oauth.startAuthorization(sessionId, "Work");
   * AuthorizationCallback callback = fake.completeAuthorization(start.url(), fake.users().get(0).accountId());
   * Authorization done = oauth.completeAuthorization(callback.code(), callback.state(), sessionId);
   * }</pre>
   *
   * @throws IllegalArgumentException if the URL's client id or redirect URI is not registered, or the account
   *     is unknown
   */
  public AuthorizationCallback completeAuthorization(String authorizeUrl, String accountId) {
    return AuthorizationCallback.parse(approve(authorizeUrl, accountId));
  }

  /**
   * {@link #completeAuthorization(String, String)} as the dataset's first user, who reaches every site.
   */
  public AuthorizationCallback completeAuthorization(String authorizeUrl) {
    return completeAuthorization(authorizeUrl, users.get(0).accountId());
  }

  /** What the consent page's Deny does: the redirect URL with {@code error=access_denied} and the state. */
  public String deny(String authorizeUrl) {
    AuthorizeCheck check = checkUrl(authorizeUrl);
    if (check.errorRedirect() != null) {
      return check.errorRedirect();
    }
    return AuthServer.deny(check);
  }

  private AuthorizeCheck checkUrl(String authorizeUrl) {
    Objects.requireNonNull(authorizeUrl, "authorizeUrl == null");
    String q = URI.create(authorizeUrl).getRawQuery();
    AuthorizeCheck check = auth.check(Exchange.parseQuery(q));
    if (check.errorPage() != null) {
      throw new IllegalArgumentException(check.errorPage());
    }
    return check;
  }

  /** The newest refresh token issued to this account's grant of the default client, or null. */
  public @Nullable String latestRefreshToken(String accountId) {
    return auth.latestRefreshToken(defaultClient.id(), accountId);
  }

  /** How many times the token endpoint was called (code exchanges and refreshes) for this account's grant. */
  public int tokenRequests(String accountId) {
    return auth.tokenRequests(defaultClient.id(), accountId);
  }

  /** Revokes every token of this account (as when the user removes the app): refresh fails, API answers 401. */
  public void revokeGrant(String accountId) {
    auth.revokeGrant(accountId);
  }

  /** Ends every access token of this account now (refresh tokens stay valid), to provoke a 401 → refresh. */
  public void expireAccessTokens(String accountId) {
    auth.expireAccessTokens(accountId);
  }

  // ------------------------------------------------------------------ observation

  /** Every request so far (the newest {@code journalLimit}, default 100,000), oldest first. */
  public List<JournalEntry> journal() {
    synchronized (journal) {
      List<JournalEntry> out = new ArrayList<>(journal.size());
      for (Object[] e : journal) {
        out.add((JournalEntry) e[0]);
      }
      return out;
    }
  }

  /**
   * Requests whose method matches ({@code null} or {@code "*"} = any) and whose path, with the
   * {@code /ex/jira/{cloudId}} prefix removed and ids and keys replaced by {@code {id}}, equals the pattern, e.g.
   * {@code "/rest/api/3/issue/{id}/comment"} or {@code "/oauth/token"}. A trailing {@code *} matches a prefix.
   */
  public long requestCount(String method, String pathPattern) {
    Objects.requireNonNull(pathPattern, "pathPattern == null");
    String want = pathPattern.startsWith("/ex/jira/") ? pattern(pathPattern) : pathPattern;
    long n = 0;
    synchronized (journal) {
      for (Object[] e : journal) {
        JournalEntry j = (JournalEntry) e[0];
        if ((method == null || method.equals("*") || method.equalsIgnoreCase(j.method()))
            && Faults.Injector.matches(want, (String) e[1])) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Requests that do not match an operation of Jira's spec as the fake serves it: an unknown path or method
   * (answered 404 "No API endpoint found": not in Jira's API, or not simulated), or a query parameter the
   * operation does not define (answered normally, as Jira ignores it, but most likely a typo). Tests can assert
   * this stays empty.
   */
  public List<JournalEntry> unmatchedRequests() {
    synchronized (journal) {
      List<JournalEntry> out = new ArrayList<>();
      for (Object[] e : journal) {
        if (Boolean.TRUE.equals(e[2])) {
          out.add((JournalEntry) e[0]);
        }
      }
      return out;
    }
  }

  /** Rate-limit points all answered API requests cost so far (counted even with rate limits off). */
  public long pointsSpent() {
    return pointsSpent.get();
  }

  /** Forgets the journal and the points counter. */
  public void clearJournal() {
    synchronized (journal) {
      journal.clear();
    }
    pointsSpent.set(0);
  }

  /** Replaces the fault configuration (counters start over). */
  public void faults(Faults faults) {
    this.faults = new Faults.Injector(Objects.requireNonNull(faults, "faults == null"));
  }

  /** Replaces the rate limits; {@code null} turns them off. */
  public void rateLimits(RateLimits limits) {
    this.rateLimiter = limits == null ? null : new RateLimiter(limits);
  }

  /** Path with the site prefix dropped and ids/keys replaced by {id}. */
  static String pattern(String path) {
    String p = path;
    if (p.startsWith("/ex/jira/")) {
      int i = p.indexOf('/', "/ex/jira/".length());
      p = i < 0 ? "/" : p.substring(i);
    }
    String[] seg = p.split("/", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < seg.length; i++) {
      String s = seg[i];
      String prev = seg[i - 1];
      sb.append('/');
      if ((s.matches("\\d+") && !prev.equals("api")) || s.matches("[A-Za-z][A-Za-z0-9_]*-\\d+")
          || (prev.equals("project") && !s.equals("search") && !s.isEmpty())
          || (prev.equals("issue") && !s.isEmpty() && !s.equals("bulkfetch"))) {
        sb.append("{id}");
      } else {
        sb.append(s);
      }
    }
    return sb.length() == 0 ? "/" : sb.toString();
  }

  // ------------------------------------------------------------------ request handling

  Resp handle(Req req) {
    long startedAt = clock.millis();
    String pattern = pattern(req.path);
    Faults.Injector inj = faults;
    FaultType fault = inj.pick(req.method, pattern);
    Resp r;
    if (fault != null && fault != FaultType.LATENCY && fault != FaultType.CONNECTION_RESET
        && fault != FaultType.TRUNCATED_JSON && fault != FaultType.MALFORMED_BODY && !PageFaults.isPageFault(fault)) {
      r = faultResponse(fault, inj.faults);
    } else {
      r = routeSafely(req, pattern);
      if (fault != null && PageFaults.isPageFault(fault)) {
        r = PageFaults.apply(fault, req, r, q -> routeSafely(q, pattern));
      } else if (fault != null) {
        applyWireFault(r, fault, inj.faults);
      }
    }
    r.headers.putIfAbsent("X-Arequestid", Long.toHexString(SiteModel.mix(seed, startedAt + journalSize())));
    pointsSpent.addAndGet(r.points);
    JournalEntry e = new JournalEntry(Instant.ofEpochMilli(startedAt), req.method, req.path,
        req.path.startsWith("/oauth/token") && !req.path.contains("accessible") ? null : req.query,
        r.wireFault == FaultType.CONNECTION_RESET ? -1 : r.status, r.accountId, r.cloudId, r.points);
    synchronized (journal) {
      journal.addLast(new Object[] {e, pattern, r.unrouted});
      if (journal.size() > journalLimit) {
        journal.pollFirst();
      }
    }
    if (log.isDebugEnabled()) {
      log.debug("{} {} -> {}", req.method, pattern, r.status);
    }
    return r;
  }

  private Resp routeSafely(Req req, String pattern) {
    try {
      return route(req);
    } catch (RuntimeException e) {
      log.warn("FakeJiraCloud failed on {} {}", req.method, pattern, e);
      return Resp.jiraError(500, "Internal server error");
    }
  }

  private int journalSize() {
    synchronized (journal) {
      return journal.size();
    }
  }

  private static Resp faultResponse(FaultType f, Faults cfg) {
    return switch (f) {
      case HTTP_500 -> Resp.jiraError(500, "Internal server error");
      case HTTP_502 -> {
        Resp r = new Resp(502);
        r.headers.put("Content-Type", "text/plain;charset=UTF-8");
        r.body = "Bad Gateway".getBytes(StandardCharsets.UTF_8);
        yield r;
      }
      case HTTP_429 -> {
        Resp r = Resp.json(429, obj("errorMessages", List.of("Rate limit exceeded."), "errors", obj()));
        r.headers.put("Retry-After", Long.toString(Math.max(0, cfg.retryAfter.toSeconds())));
        r.headers.put("RateLimit-Reason", "jira-burst-based");
        yield r;
      }
      case HTTP_503 -> Resp.json(503, obj("message", "Service Unavailable"));
      case HTTP_503_RETRY_AFTER -> {
        Resp r = Resp.json(503, obj("message", "Service Unavailable"));
        r.headers.put("Retry-After", Long.toString(Math.max(0, cfg.retryAfter.toSeconds())));
        yield r;
      }
      default -> Resp.html(503, "<!DOCTYPE html><html><head><title>Atlassian Cloud Notifications - Page Unavailable</title></head>"
          + "<body><h1>We're having trouble</h1><p>Your Atlassian Cloud site is currently unavailable. Try again shortly.</p></body></html>");
    };
  }

  private static void applyWireFault(Resp r, FaultType f, Faults cfg) {
    switch (f) {
      case LATENCY -> r.latencyMillis = cfg.latency.toMillis();
      case CONNECTION_RESET -> {
        r.wireFault = FaultType.CONNECTION_RESET;
        if (r.body.length < 2) {
          r.body = "{\"padding\":\"connection will be cut in this body\"}".getBytes(StandardCharsets.UTF_8);
        }
      }
      case TRUNCATED_JSON -> {
        byte[] full = r.body.length < 2 ? "{\"values\":[]}".getBytes(StandardCharsets.UTF_8) : r.body;
        r.status = 200;
        r.body = java.util.Arrays.copyOf(full, full.length / 2);
        r.headers.put("Content-Type", "application/json;charset=UTF-8");
      }
      case MALFORMED_BODY -> {
        r.status = 200;
        byte[] prefix = ")]}',\n{\"isLast\": tru".getBytes(StandardCharsets.UTF_8);
        r.body = prefix;
        r.headers.put("Content-Type", "application/json;charset=UTF-8");
      }
      default -> {
        // status faults are handled before routing
      }
    }
  }

  private Resp route(Req req) {
    String path = req.path;
    if (path.equals("/authorize")) {
      return req.method.equals("POST") ? consentDecision(req) : consentPage(req);
    }
    if (path.equals("/oauth/token") && req.method.equals("POST")) {
      Resp r = auth.token(req);
      auth.stripInternalHeaders(r);
      return r;
    }
    if (path.equals("/oauth/token/accessible-resources") || path.equals("/me")) {
      Chain chain = auth.authenticate(req.header("authorization"));
      if (chain == null) {
        return unauthorized("Unauthorized");
      }
      String accountId = chain.grant.accountId;
      if (path.equals("/me")) {
        if (!chain.scopes.contains("read:me")) {
          Resp r = forbiddenScope();
          r.accountId = accountId;
          return r;
        }
        FakeUser u = requireUser(accountId);
        Resp r = Resp.json(200, obj("account_type", "atlassian", "account_id", accountId, "email", u.email(),
            "name", u.displayName(), "picture", Render.avatar(accountId, 128), "account_status", "active",
            "nickname", u.displayName().split(" ")[0], "zoneinfo", userRecs.get(users.indexOf(u)).timeZone(),
            "locale", "en-US", "extended_profile", obj()));
        r.accountId = accountId;
        return r;
      }
      List<Object> out = new ArrayList<>();
      List<String> scopes = new ArrayList<>(chain.scopes);
      scopes.remove("offline_access");
      scopes.remove("read:me");
      scopes.remove("read:account");
      for (FakeSite s : sitesOf(accountId)) {
        out.add(obj("id", s.cloudId(), "url", s.url(), "name", s.name(), "scopes", scopes,
            "avatarUrl", "https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png"));
      }
      Resp r = Resp.json(200, out);
      r.accountId = accountId;
      return r;
    }
    if (path.startsWith("/ex/jira/")) {
      return jira(req);
    }
    Resp r = Resp.json(404, obj("code", 404, "message", "Not Found"));
    r.unrouted = true;
    return r;
  }

  private static Resp forbiddenScope() {
    return Resp.json(403, obj("code", 403, "message", "Forbidden; scope does not match"));
  }

  private static Resp unauthorized(String message) {
    Resp r = Resp.json(401, obj("code", 401, "message", message));
    r.headers.put("WWW-Authenticate", "Bearer realm=\"api.atlassian.com\"");
    return r;
  }

  private Resp jira(Req req) {
    int slash = req.path.indexOf('/', "/ex/jira/".length());
    String cloudId = slash < 0 ? req.path.substring("/ex/jira/".length()) : req.path.substring("/ex/jira/".length(), slash);
    String rel = slash < 0 ? "/" : req.path.substring(slash);
    Chain chain = auth.authenticate(req.header("authorization"));
    if (chain == null) {
      return unauthorized("Unauthorized");
    }
    String accountId = chain.grant.accountId;
    SiteModel site = modelOrNull(cloudId);
    if (site == null || !canReach(accountId, cloudId)) {
      Resp r = unauthorized("Unauthorized; scope does not match");
      r.accountId = accountId;
      return r;
    }
    boolean agile = rel.startsWith(AgileApi.ROOT + "/");
    Set<String> need = agile ? AgileApi.requiredScopes(req.method, rel) : Set.of(JiraApi.requiredScope(req.method, rel));
    if (!chain.scopes.containsAll(need)) {
      // Jira Cloud answers a token without the operation's scope with a 401, although the token is fresh
      Resp r = unauthorized("Unauthorized; scope does not match");
      r.accountId = accountId;
      r.cloudId = cloudId;
      return r;
    }
    RateLimiter rl = rateLimiter;
    String bucket = cloudId + " " + req.method + " " + pattern(rel);
    long now = clock.millis();
    String issueKey = null;
    if (!req.method.equals("GET") && rel.startsWith("/rest/api/3/issue/")) {
      String[] seg = rel.split("/");
      if (seg.length > 5 && !seg[5].equals("bulkfetch")) {
        issueKey = cloudId + " " + seg[5].toUpperCase(java.util.Locale.ROOT);
      }
    }
    Resp r = rl == null ? null : rl.admit(cloudId, bucket, req.method, now, issueKey);
    if (r == null) {
      r = agile ? AgileApi.handle(req, site, accountId, rel) : api.handle(req, site, accountId, rel);
      if (!KnownOperations.paramsKnown(req.method, pattern(rel), req.params.keySet())) {
        r.unrouted = true;
      }
      if (!req.method.equals("GET") && r.points == 0) {
        r.points = 1;
      } else if (r.points == 0) {
        r.points = 1;
      }
      if (rl != null) {
        rl.charge(cloudId, bucket, req.method, r, now);
      }
    }
    r.accountId = accountId;
    r.cloudId = cloudId;
    return r;
  }

  // ------------------------------------------------------------------ consent page

  /** The consent page's look: one self-contained style block, nothing loaded from elsewhere. */
  private static final String CONSENT_HEAD = "<meta charset=\"utf-8\">"
      + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>"
      + "body{margin:0;min-height:100vh;display:grid;place-items:center;background:#f4f6fa;color:#172b4d;"
      + "font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}"
      + "main{background:#fff;border:1px solid #dfe3eb;border-radius:10px;box-shadow:0 2px 8px rgba(9,30,66,.08);"
      + "padding:28px 32px;max-width:560px;margin:24px}"
      + ".brand{color:#5e6c84;font-size:13px;font-weight:650;letter-spacing:.04em;text-transform:uppercase}"
      + "h1{font-size:20px;line-height:1.3;margin:6px 0 16px}code{background:#f1f3f7;border-radius:4px;padding:1px 6px;"
      + "font-size:12px;display:inline-block;margin:2px 0}label{display:block;font-weight:650;margin:16px 0 6px}"
      + "select{font:inherit;width:100%;padding:8px 10px;border:1px solid #b3bac5;border-radius:6px;background:#fff}"
      + "ul{padding-left:20px;color:#5e6c84}button{font:inherit;font-weight:600;border-radius:6px;padding:8px 18px;"
      + "border:1px solid #dfe3eb;background:#fff;cursor:pointer;margin-right:8px}"
      + "#accept{background:#0c66e4;border-color:#0c66e4;color:#fff}"
      + "</style>";

  private static String errorPage(String message) {
    return "<!DOCTYPE html><html><head>" + CONSENT_HEAD + "<title>Something went wrong</title></head><body><main>"
        + "<div class=\"brand\">FakeJiraCloud</div><h1>Something went wrong</h1><p>" + escape(message)
        + "</p></main></body></html>";
  }

  private Resp consentPage(Req req) {
    AuthorizeCheck check = auth.check(req.params);
    if (check.errorPage() != null) {
      return Resp.html(400, errorPage(check.errorPage()));
    }
    if (check.errorRedirect() != null) {
      return Resp.redirect(check.errorRedirect());
    }
    StringBuilder h = new StringBuilder(2048);
    h.append("<!DOCTYPE html><html><head>").append(CONSENT_HEAD)
        .append("<title>Authorize app - FakeJiraCloud</title></head><body><main>");
    h.append("<div class=\"brand\">FakeJiraCloud · simulated Atlassian consent</div><h1>").append(escape(check.client().id())).append(" is requesting access to your Atlassian account</h1>");
    h.append("<form method=\"post\" action=\"/authorize\">");
    for (Map.Entry<String, List<String>> e : req.params.entrySet()) {
      for (String v : e.getValue()) {
        h.append("<input type=\"hidden\" name=\"").append(escape(e.getKey())).append("\" value=\"").append(escape(v)).append("\">");
      }
    }
    h.append("<p>Scopes: ");
    for (String s : check.scopes()) {
      h.append("<code>").append(escape(s)).append("</code> ");
    }
    h.append("</p><label for=\"account_id\">Atlassian account</label> <select id=\"account_id\" name=\"account_id\">");
    for (FakeUser u : users) {
      h.append("<option value=\"").append(escape(u.accountId())).append("\">").append(escape(u.displayName()))
          .append(" (").append(escape(u.email())).append(") — sites: ");
      List<String> names = new ArrayList<>();
      for (FakeSite s : sitesOf(u.accountId())) {
        names.add(s.name());
      }
      h.append(escape(String.join(", ", names))).append("</option>");
    }
    h.append("</select><ul>");
    for (SiteModel s : sites) {
      h.append("<li>").append(escape(s.site.name())).append(" — ").append(escape(s.site.url())).append("</li>");
    }
    h.append("</ul><button type=\"submit\" name=\"decision\" value=\"accept\" id=\"accept\">Accept</button> ");
    h.append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button></form></main></body></html>");
    return Resp.html(200, h.toString());
  }

  private Resp consentDecision(Req req) {
    Map<String, List<String>> form = Exchange.parseQuery(req.bodyText());
    AuthorizeCheck check = auth.check(form);
    if (check.errorPage() != null) {
      return Resp.html(400, errorPage(check.errorPage()));
    }
    if (check.errorRedirect() != null) {
      return Resp.redirect(check.errorRedirect());
    }
    if (!"accept".equals(AuthServer.first(form, "decision"))) {
      return Resp.redirect(AuthServer.deny(check));
    }
    String accountId = AuthServer.first(form, "account_id");
    if (accountId == null || users.stream().noneMatch(u -> u.accountId().equals(accountId))) {
      return Resp.html(400, "<!DOCTYPE html><html><body><h1>Unknown account</h1></body></html>");
    }
    return Resp.redirect(auth.accept(check, accountId));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  // ------------------------------------------------------------------ mutation helpers shared with the API

  static void editSummary(SiteModel s, IssueRec is, String summary, int author, long now) {
    String old = Render.summary(is);
    is.summaryOverride = summary;
    long at = SiteModel.bump(is, now);
    s.addHistory(is, Math.max(0, author), at, "summary", old, summary, null, null);
    SiteModel.touch(is, at, now);
  }

  /** Adds a comment whose body is an ADF document (null for an empty one); returns its id. */
  static long addCommentRec(IssueRec is, int author, Object body, long now) {
    if (is.addedComments == null) {
      is.addedComments = new ArrayList<>(2);
    }
    long id = is.id * SiteModel.CHILD_ID_STRIDE + is.baseComments + is.addedComments.size();
    is.addedComments.add(new AddedComment(id, Math.max(0, author), now, body));
    SiteModel.touch(is, SiteModel.bump(is, now), now);
    return id;
  }

  static boolean deleteCommentRec(IssueRec is, long commentId, long now) {
    if (!is.hasComment(commentId)) {
      return false;
    }
    if (is.deletedComments == null) {
      is.deletedComments = new HashSet<>();
    }
    is.deletedComments.add(commentId);
    SiteModel.touch(is, SiteModel.bump(is, now), now);
    return true;
  }

  // ------------------------------------------------------------------ builder

  /** Configures a {@link FakeJiraCloud}. Not thread-safe. */
  public static final class Builder {
    private MutableClock clock;
    private long seed = 42;
    private Dataset dataset = Dataset.small();
    private String clientId = DEFAULT_CLIENT_ID;
    private String clientSecret = DEFAULT_CLIENT_SECRET;
    private String redirectUri = DEFAULT_REDIRECT_URI;
    private final List<AuthServer.Client> extraClients = new ArrayList<>();
    private Duration accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
    private Duration refreshTokenReuseLeeway = DEFAULT_REFRESH_TOKEN_REUSE_LEEWAY;
    private Duration refreshTokenInactivityExpiry = DEFAULT_REFRESH_TOKEN_INACTIVITY_EXPIRY;
    private Duration refreshTokenAbsoluteExpiry = DEFAULT_REFRESH_TOKEN_ABSOLUTE_EXPIRY;
    private RateLimits rateLimits;
    private Faults faults = Faults.NONE;
    private int journalLimit = DEFAULT_JOURNAL_LIMIT;
    private Duration searchIndexLag = Duration.ZERO;
    private Duration approximateCountLag = Duration.ZERO;
    private int embeddedChangelogCap = DEFAULT_EMBEDDED_CHANGELOG_CAP;
    private SelfUrls selfUrls = SelfUrls.LOCAL_GATEWAY;

    private Builder() {}

    /**
     * Makes search eventually consistent, as Jira's is: for this long after a change (fake clock),
     * {@code search/jql} and {@code approximate-count} still see the issue as it was (a new issue not at all),
     * while {@code issue/{id}} and {@code bulkfetch} show the change at once. Default zero (consistent). Use it to
     * test that an incremental sync overlaps its {@code updated} cursor.
     */
    public Builder searchIndexLag(Duration lag) {
      Objects.requireNonNull(lag, "searchIndexLag == null");
      if (lag.isNegative()) {
        throw new IllegalArgumentException("searchIndexLag must be >= 0: " + lag);
      }
      this.searchIndexLag = lag;
      return this;
    }

    /**
     * The most changelog histories {@code search/jql} and {@code issue/bulkfetch} embed per issue with
     * {@code expand=changelog}; {@code changelog.total} always tells the full count, and the rest must come from
     * {@code changelog/bulkfetch}. Default {@link #DEFAULT_EMBEDDED_CHANGELOG_CAP} (40, Jira as of 2026);
     * {@link #LEGACY_EMBEDDED_CHANGELOG_CAP} (20) gives Jira as it was before.
     */
    public Builder embeddedChangelogCap(int cap) {
      if (cap < 1 || cap > 100) {
        throw new IllegalArgumentException("embeddedChangelogCap must be between 1 and 100: " + cap);
      }
      this.embeddedChangelogCap = cap;
      return this;
    }

    /**
     * Where the {@code self} links of Jira answers point (default {@link SelfUrls#LOCAL_GATEWAY}, the fake's own
     * address); {@link SelfUrls#ATLASSIAN_GATEWAY} renders them as Jira has since July 2026
     * ({@code https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/…}), {@link SelfUrls#SITE} as before.
     */
    public Builder selfUrls(SelfUrls urls) {
      this.selfUrls = Objects.requireNonNull(urls, "selfUrls == null");
      return this;
    }

    /**
     * Makes {@code search/approximate-count} an estimate that trails writes, as Jira's does: an issue created less
     * than {@code lag} ago (fake clock) is not counted yet, and an issue deleted less than {@code lag} ago still is,
     * while {@code search/jql} and {@code bulkfetch} already show the change. Default zero (the count is exact).
     * Use it to test that a deletion detector never trusts the estimate alone.
     */
    public Builder approximateCountLag(Duration lag) {
      Objects.requireNonNull(lag, "approximateCountLag == null");
      if (lag.isNegative()) {
        throw new IllegalArgumentException("approximateCountLag must be >= 0: " + lag);
      }
      this.approximateCountLag = lag;
      return this;
    }

    /**
     * How many requests the journal keeps (oldest dropped first; default 100,000), so a long-running sandbox does
     * not grow without bound. {@link #requestCount} and {@link #unmatchedRequests} see only the kept ones.
     */
    public Builder journalLimit(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("journalLimit must be >= 1: " + n);
      }
      this.journalLimit = n;
      return this;
    }

    /** The fake's time source (default: a new {@link MutableClock} at {@link MutableClock#DEFAULT_START}). */
    public Builder clock(MutableClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Seed of all generated data (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Shape of the generated data (default {@link Dataset#small()}). */
    public Builder dataset(Dataset dataset) {
      this.dataset = Objects.requireNonNull(dataset, "dataset == null");
      return this;
    }

    /** The default OAuth client (the one {@link #clientId()} etc. report). */
    public Builder client(String clientId, String clientSecret, String redirectUri) {
      this.clientId = Objects.requireNonNull(clientId, "clientId == null");
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret == null");
      this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri == null");
      return this;
    }

    /** Registers one more OAuth client (another app sharing the same Atlassian users). */
    public Builder addClient(String clientId, String clientSecret, String redirectUri) {
      extraClients.add(new AuthServer.Client(Objects.requireNonNull(clientId, "clientId == null"),
          Objects.requireNonNull(clientSecret, "clientSecret == null"), Objects.requireNonNull(redirectUri, "redirectUri == null")));
      return this;
    }

    /** How long access tokens live (default 3600 s), counted by the fake clock. */
    public Builder accessTokenLifetime(Duration d) {
      this.accessTokenLifetime = positive(d, "accessTokenLifetime");
      return this;
    }

    /** How long a rotated refresh token may still be used (answers again); 0 = any reuse revokes the chain. */
    public Builder refreshTokenReuseLeeway(Duration d) {
      Objects.requireNonNull(d, "refreshTokenReuseLeeway == null");
      if (d.isNegative()) {
        throw new IllegalArgumentException("refreshTokenReuseLeeway must be >= 0: " + d);
      }
      this.refreshTokenReuseLeeway = d;
      return this;
    }

    /** A refresh token unused this long (default 90 days) is dead; each refresh issues a fresh one. */
    public Builder refreshTokenInactivityExpiry(Duration d) {
      this.refreshTokenInactivityExpiry = positive(d, "refreshTokenInactivityExpiry");
      return this;
    }

    /** Every token chain dies this long after the consent that started it (default 365 days). */
    public Builder refreshTokenAbsoluteExpiry(Duration d) {
      this.refreshTokenAbsoluteExpiry = positive(d, "refreshTokenAbsoluteExpiry");
      return this;
    }

    /** Turns rate limiting on (off by default). */
    public Builder rateLimits(RateLimits rateLimits) {
      this.rateLimits = rateLimits;
      return this;
    }

    /** Faults to inject (default none); replaceable later with {@link FakeJiraCloud#faults(Faults)}. */
    public Builder faults(Faults faults) {
      this.faults = Objects.requireNonNull(faults, "faults == null");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be > 0: " + d);
      }
      return d;
    }

    /** Generates the data and returns the fake, not yet listening. */
    public FakeJiraCloud build() {
      return new FakeJiraCloud(this);
    }
  }
}
