package dev.jirasdk.sync;

import dev.jirasdk.testkit.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateGovernorTest {
  final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T10:15:00Z"));
  final List<Duration> sleeps = new ArrayList<>();
  final RateGovernor governor = RateGovernor.builder().clock(clock).maxConcurrency(6).nearLimitConcurrency(2)
      .sleeper(d -> {
        sleeps.add(d);
        clock.advance(d);
      }).build();
  final MockWebServer server = new MockWebServer();
  OkHttpClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    client = new OkHttpClient.Builder().addInterceptor(governor).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  int call(String path) throws IOException {
    try (Response r = client.newCall(new Request.Builder().url(server.url(path)).build()).execute()) {
      return r.code();
    }
  }

  static MockResponse ok(String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(200).body("{}");
    for (int i = 0; i < headers.length; i += 2) b.addHeader(headers[i], headers[i + 1]);
    return b.build();
  }

  @Test
  void nearLimitLowersConcurrencyUntilTheHeadersRecover() throws IOException {
    server.enqueue(ok("X-Beta-RateLimit-NearLimit", "true"));
    call("/rest/api/3/a");
    assertEquals(2, governor.concurrencyLimit());
    server.enqueue(ok("Beta-RateLimit", "\"tenant-app-quota\";r=900;t=600"));
    call("/rest/api/3/a");
    assertEquals(6, governor.concurrencyLimit());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void aQuotaRefusalPausesEveryEndpointUntilRetryAfter() throws IOException {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30")
        .addHeader("RateLimit-Reason", "jira-quota-global-based").body("{}").build());
    server.enqueue(ok());
    assertEquals(429, call("/rest/api/3/a"));
    Instant refusedAt = clock.instant();
    assertEquals(refusedAt.plusSeconds(30), governor.resetAt(siteOf()).orElseThrow());
    assertEquals(200, call("/rest/api/3/other"));
    assertEquals(List.of(Duration.ofSeconds(30)), sleeps, "the other endpoint waited too");
    assertEquals(1, governor.quotaPauses());
    assertEquals(1, governor.quotaRefusals());
    assertEquals(1, governor.throttledResponses());
  }

  @Test
  void theBurstBucketHeadersAreNeverTakenForPoints() throws IOException {
    server.enqueue(ok("X-RateLimit-Limit", "350", "X-RateLimit-Remaining", "0"));
    server.enqueue(ok());
    call("/rest/api/3/a");
    call("/rest/api/3/b");
    assertTrue(sleeps.isEmpty(), "an empty burst bucket is not a spent quota: " + sleeps);
    assertTrue(governor.budget(siteOf()).isEmpty(), "no points budget was learned from X-RateLimit-*");
  }

  @Test
  void theSyncKeepsTheHostsShareFreeAndWaitsForTheResetBeforeAny429() throws IOException {
    // Budget 1000 an hour, the sync may spend 80 %: it stops while 200 are left, before Jira would refuse.
    server.enqueue(ok("Beta-RateLimit-Policy", "\"tenant-app-quota\";q=1000;w=3600",
        "Beta-RateLimit", "\"tenant-app-quota\";r=260;t=2700"));
    server.enqueue(ok("Beta-RateLimit", "\"tenant-app-quota\";r=249;t=2700"));
    server.enqueue(ok("Beta-RateLimit", "\"tenant-app-quota\";r=999;t=3599"));
    call("/rest/api/3/a");
    assertEquals(60, governor.availablePoints(siteOf()));
    call("/rest/api/3/project/search?maxResults=10");   // estimated 11 points: 60 - 11 >= 0, sent at once
    assertTrue(sleeps.isEmpty());
    assertEquals(49, governor.availablePoints(siteOf()));
    call("/rest/api/3/project/search?maxResults=50");   // 51 > 49: waits for the reset, 45 minutes away
    assertEquals(List.of(Duration.ofMinutes(45)), sleeps);
    assertEquals(0, governor.quotaRefusals());
  }

  @Test
  void aResetInThePastIsNeverWaitedOnAndAResetBeyondTheWindowIsNotBelieved() throws IOException {
    // r=0, t far beyond the window, Reset an hour ago: wait for the next UTC hour, no longer.
    server.enqueue(ok("RateLimit-Policy", "\"global-app-quota\";q=500;w=3600",
        "RateLimit", "\"global-app-quota\";r=0;t=90000", "RateLimit-Reset", "2026-01-01T09:00Z"));
    server.enqueue(ok());
    call("/rest/api/3/a");
    call("/rest/api/3/b");
    assertEquals(List.of(Duration.ofMinutes(45)), sleeps);
  }

  @Test
  void aMissingPolicyAtZeroKeepsTheScopeAndQuotaLearnedBefore() throws IOException {
    server.enqueue(ok("Beta-RateLimit-Policy", "\"global-app-quota\";q=500;w=3600",
        "Beta-RateLimit", "\"global-app-quota\";r=200;t=600"));
    server.enqueue(ok("Beta-RateLimit", "\"global-app-quota\";r=0;t=590"));
    server.enqueue(ok());
    call("/rest/api/3/a");
    call("/rest/api/3/a");
    QuotaState s = governor.budget(siteOf()).orElseThrow();
    assertEquals(QuotaScope.Kind.APP, s.scope().kind());
    assertEquals(500, s.quota());
    assertEquals(0, s.remaining());
    call("/rest/api/3/a");
    assertEquals(List.of(Duration.ofSeconds(590)), sleeps, "waited for t of the last answer");
  }

  @Test
  void anAppWideBudgetIsSharedByEverySiteButATenantBudgetIsNot() throws IOException {
    server.enqueue(ok("Beta-RateLimit-Policy", "\"global-app-quota\";q=500;w=3600",
        "Beta-RateLimit", "\"global-app-quota\";r=0;t=60"));
    server.enqueue(ok());
    call("/ex/jira/site-a/rest/api/3/a");
    call("/ex/jira/site-b/rest/api/3/a");
    assertEquals(List.of(Duration.ofSeconds(60)), sleeps, "site b spends the app's budget too");

    sleeps.clear();
    server.enqueue(ok("Beta-RateLimit-Policy", "\"tenant-app-quota\";q=500;w=3600",
        "Beta-RateLimit", "\"tenant-app-quota\";r=0;t=60"));
    server.enqueue(ok());
    server.enqueue(ok());
    call("/ex/jira/site-c/rest/api/3/a");
    call("/ex/jira/site-d/rest/api/3/a");
    assertTrue(sleeps.isEmpty(), "site d does not spend site c's budget");
    call("/ex/jira/site-c/rest/api/3/a");
    assertEquals(List.of(Duration.ofSeconds(60)), sleeps);
  }

  @Test
  void twoGovernorsSharingALedgerPaceAgainstOneBudget() throws IOException {
    QuotaLedger shared = new InMemoryQuotaLedger();
    RateGovernor a = RateGovernor.builder().clock(clock).ledger(shared).sleeper(d -> {
      sleeps.add(d);
      clock.advance(d);
    }).build();
    RateGovernor b = RateGovernor.builder().clock(clock).ledger(shared).sleeper(d -> {
      sleeps.add(d);
      clock.advance(d);
    }).build();
    OkHttpClient ca = new OkHttpClient.Builder().addInterceptor(a).build();
    OkHttpClient cb = new OkHttpClient.Builder().addInterceptor(b).build();
    server.enqueue(ok("Beta-RateLimit-Policy", "\"global-app-quota\";q=1000;w=3600",
        "Beta-RateLimit", "\"global-app-quota\";r=300;t=600"));
    server.enqueue(ok("Beta-RateLimit-Policy", "\"global-app-quota\";q=1000;w=3600",
        "Beta-RateLimit", "\"global-app-quota\";r=300;t=600"));
    try (Response r = ca.newCall(new Request.Builder().url(server.url("/ex/jira/s1/x")).build()).execute()) {
      assertEquals(200, r.code());
    }
    try (Response r = cb.newCall(new Request.Builder().url(server.url("/ex/jira/s2/x")).build()).execute()) {
      assertEquals(200, r.code());
    }
    // Process a reserves 51 of the 100 the share leaves; process b then sees only 49.
    QuotaState afterA = shared.reserve(new QuotaScope(QuotaScope.Kind.APP, "global-app-quota", ""), 51, 0.8,
        clock.instant()).state();
    assertEquals(49, afterA.available(0.8));
    assertEquals(49, b.availablePoints("s2"));
  }

  @Test
  void estimatesFollowWhatAnEndpointsPagesReallyReturned() throws IOException {
    server.enqueue(ok("Beta-RateLimit-Policy", "\"tenant-app-quota\";q=10000;w=3600",
        "Beta-RateLimit", "\"tenant-app-quota\";r=2100;t=600"));
    call("/rest/api/3/a");
    // 100 may still be spent. A page of up to 1,000 users would be 2,001 points by the rule alone.
    server.enqueue(ok("Beta-RateLimit", "\"tenant-app-quota\";r=2090;t=590"));
    call("/rest/api/3/users/search?maxResults=1000");
    assertEquals(List.of(Duration.ofSeconds(600)), sleeps, "2,001 points did not fit: waited for the reset");
    governor.recordItems(20);   // that page held 10 users
    sleeps.clear();
    server.enqueue(ok("Beta-RateLimit", "\"tenant-app-quota\";r=2070;t=580"));
    call("/rest/api/3/users/search?maxResults=1000");
    assertTrue(sleeps.isEmpty(), "now estimated at 1 + 25 points, which fits: " + sleeps);
  }

  String siteOf() {
    return RateGovernor.siteOf(server.url("/"));
  }

  @Test
  void aBurstRefusalSlowsOnlyThatEndpointAndPacesIt() throws IOException {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
        .addHeader("RateLimit-Reason", "jira-burst-based").body("{}").build());
    for (int i = 0; i < 4; i++) server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    assertEquals(429, call("/rest/api/3/issue/10001/comment"));
    assertEquals(200, call("/rest/api/3/myself"));
    assertTrue(sleeps.isEmpty(), "another endpoint is not slowed");
    assertEquals(200, call("/rest/api/3/issue/10002/comment"));
    assertEquals(Duration.ofSeconds(1), sleeps.get(0), "same endpoint shape waits for Retry-After");
    assertEquals(200, call("/rest/api/3/issue/10003/comment"));
    assertEquals(200, call("/rest/api/3/issue/10004/comment"));
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(100)), sleeps,
        "then paced at 10 requests per second");
  }

  @Test
  void endpointKeysIgnoreIdsAndKeysButNotTenants() {
    HttpUrl a = HttpUrl.get("https://api.atlassian.com/ex/jira/c1/rest/api/3/issue/10001/comment");
    HttpUrl b = HttpUrl.get("https://api.atlassian.com/ex/jira/c1/rest/api/3/issue/ACME-7/comment");
    HttpUrl c = HttpUrl.get("https://api.atlassian.com/ex/jira/c2/rest/api/3/issue/10001/comment");
    assertEquals(RateGovernor.endpointKey("GET", a), RateGovernor.endpointKey("GET", b));
    assertTrue(!RateGovernor.endpointKey("GET", a).equals(RateGovernor.endpointKey("GET", c)));
    assertTrue(!RateGovernor.endpointKey("GET", a).equals(RateGovernor.endpointKey("POST", a)));
  }
}
