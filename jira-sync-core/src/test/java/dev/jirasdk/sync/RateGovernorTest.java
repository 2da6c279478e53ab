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

  @Test
  void nearLimitLowersConcurrencyUntilTheHeadersRecover() throws IOException {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-RateLimit-NearLimit", "true").body("{}").build());
    call("/rest/api/3/a");
    assertEquals(2, governor.concurrencyLimit());
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-RateLimit-Limit", "1000")
        .addHeader("X-RateLimit-Remaining", "100").body("{}").build());
    call("/rest/api/3/a");
    assertEquals(2, governor.concurrencyLimit(), "10 % left is still near the limit");
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-RateLimit-Limit", "1000")
        .addHeader("X-RateLimit-Remaining", "900").body("{}").build());
    call("/rest/api/3/a");
    assertEquals(6, governor.concurrencyLimit());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void aQuotaRefusalPausesEveryEndpointUntilRetryAfter() throws IOException {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30")
        .addHeader("RateLimit-Reason", "jira-quota-global-based").body("{}").build());
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    assertEquals(429, call("/rest/api/3/a"));
    Instant refusedAt = clock.instant();
    assertEquals(refusedAt.plusSeconds(30), governor.pausedUntil());
    assertEquals(200, call("/rest/api/3/other"));
    assertEquals(List.of(Duration.ofSeconds(30)), sleeps, "the other endpoint waited too");
    assertEquals(1, governor.quotaPauses());
    assertEquals(1, governor.throttledResponses());
  }

  @Test
  void aSpentQuotaPausesUntilTheNextHourBeforeAny429() throws IOException {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-RateLimit-Limit", "1000")
        .addHeader("X-RateLimit-Remaining", "0").body("{}").build());
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    call("/rest/api/3/a");
    call("/rest/api/3/a");
    assertEquals(List.of(Duration.ofMinutes(45)), sleeps);
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
