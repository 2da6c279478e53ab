package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitAndFaultTest {
  private final MutableClock clock = MutableClock.create();
  private FakeJiraCloud fake;
  private String token;
  private String cloudId;

  private void start(FakeJiraCloud.Builder b) {
    fake = b.clock(clock).build().start();
    token = TestClient.connect(fake).accessToken();
    cloudId = fake.sites().get(0).cloudId();
  }

  @AfterEach
  void tearDown() {
    if (fake != null) {
      fake.close();
    }
  }

  private TestClient.Answer projects() {
    return TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/project/search"), token);
  }

  @Test
  void quotaExhaustionAnswers429UntilTheNextHour() {
    start(FakeJiraCloud.builder().rateLimits(RateLimits.builder().pointsPerHour(10).build()));
    TestClient.Answer first = projects();
    assertEquals(200, first.code());
    assertEquals("\"global-app-quota\";q=10;w=3600", first.headers().get("Beta-RateLimit-Policy"));
    assertEquals("\"global-app-quota\";r=7;t=3600", first.headers().get("Beta-RateLimit"),
        "1 point + 1 per project returned; the hour resets in 3600 s");
    assertEquals(Integer.toString(RateLimits.DEFAULT_BURST_PER_SECOND), first.headers().get("X-RateLimit-Limit"),
        "X-RateLimit-* is the burst bucket");
    assertEquals(Integer.toString(RateLimits.DEFAULT_BURST_PER_SECOND - 1), first.headers().get("X-RateLimit-Remaining"));
    TestClient.Answer limited = projects();
    boolean warned = false;
    while (limited.code() == 200) {
      warned |= "true".equals(limited.headers().get("X-Beta-RateLimit-NearLimit"));
      limited = projects();
    }
    assertTrue(warned, "X-Beta-RateLimit-NearLimit below 20 % left");
    assertEquals(429, limited.code());
    assertEquals("jira-quota-global-based", limited.headers().get("RateLimit-Reason"));
    assertEquals("jira-quota-global-based", limited.headers().get("X-Beta-RateLimit-Reason"));
    assertEquals(Long.toString(Duration.ofHours(1).toSeconds()), limited.headers().get("Retry-After"));
    assertEquals(clock.instant().plus(Duration.ofHours(1)), Instant.parse(limited.headers().get("X-RateLimit-Reset")));
    assertEquals(clock.instant().plus(Duration.ofHours(1)), Instant.parse(limited.headers().get("X-Beta-RateLimit-Reset")));
    clock.advance(Duration.ofHours(1));
    token = TestClient.connect(fake).accessToken();
    assertEquals(200, projects().code());
  }

  @Test
  void aSpentTenantQuotaBlocksOnlyThatSite() {
    start(FakeJiraCloud.builder().rateLimits(RateLimits.builder().tenantPointsPerHour(6).build()));
    assertEquals(200, projects().code());
    assertEquals(200, projects().code());
    TestClient.Answer limited = projects();
    assertEquals(429, limited.code());
    assertEquals("jira-quota-tenant-based", limited.headers().get("RateLimit-Reason"));
    String other = fake.sites().get(1).cloudId();
    assertEquals(200, TestClient.get(TestClient.api(fake, other, "/rest/api/3/project/search"), token).code());
  }

  @Test
  void burstBucketLimitsOneEndpointPerSecond() {
    start(FakeJiraCloud.builder().rateLimits(RateLimits.builder().burstPerSecond(3).build()));
    for (int i = 0; i < 3; i++) {
      assertEquals(200, projects().code());
    }
    TestClient.Answer limited = projects();
    assertEquals(429, limited.code());
    assertEquals("jira-burst-based", limited.headers().get("RateLimit-Reason"));
    assertEquals("1", limited.headers().get("Retry-After"));
    assertEquals(200, TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/myself"), token).code(), "other endpoints unaffected");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(200, projects().code());
  }

  @Test
  void writesToOneIssueAreLimitedPerIssue() {
    start(FakeJiraCloud.builder().rateLimits(RateLimits.builder().build()));
    String url = TestClient.api(fake, cloudId, "/rest/api/3/issue/PLAT-1/comment");
    String body = "{\"body\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"again\"}]}]}}";
    for (int i = 0; i < 20; i++) {
      assertEquals(201, TestClient.postJson(url, body, token).code());
    }
    TestClient.Answer limited = TestClient.postJson(url, body, token);
    assertEquals(429, limited.code());
    assertEquals("jira-per-issue-on-write", limited.headers().get("RateLimit-Reason"));
    assertEquals(201, TestClient.postJson(TestClient.api(fake, cloudId, "/rest/api/3/issue/PLAT-2/comment"), body, token).code());
    clock.advance(Duration.ofSeconds(2));
    assertEquals(201, TestClient.postJson(url, body, token).code());
  }

  @Test
  void pointsAreCountedAndJournaledEvenWithoutLimits() {
    start(FakeJiraCloud.builder());
    projects();
    JournalEntry last = fake.journal().get(fake.journal().size() - 1);
    assertEquals("GET", last.method());
    assertEquals(200, last.status());
    assertEquals(fake.users().get(0).accountId(), last.accountId());
    assertEquals(cloudId, last.cloudId());
    assertEquals(3, last.points());
    assertTrue(fake.pointsSpent() >= 3);
    TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/issue/PLAT-1/comment"), token);
    assertEquals(1, fake.requestCount("GET", "/rest/api/3/issue/{id}/comment"));
    assertEquals(1, fake.requestCount("POST", "/oauth/token"));
  }

  @Test
  void theJournalKeepsOnlyTheNewestEntries() {
    start(FakeJiraCloud.builder().journalLimit(3));
    for (int i = 0; i < 4; i++) {
      projects();
    }
    List<JournalEntry> j = fake.journal();
    assertEquals(3, j.size());
    assertTrue(j.stream().allMatch(e -> e.path().endsWith("/rest/api/3/project/search")));
    fake.clearJournal();
    assertEquals(0, fake.journal().size());
    assertEquals(0, fake.pointsSpent());
  }

  private TestClient.Answer faulted(FaultType type) {
    fake.faults(Faults.builder().failNext("GET /rest/api/3/project/search", type, 1).latency(Duration.ofMillis(1)).build());
    return projects();
  }

  @Test
  void statusFaultsAnswerTheConfiguredErrorOnceThenRecover() {
    start(FakeJiraCloud.builder());
    assertEquals(500, faulted(FaultType.HTTP_500).code());
    assertEquals(200, projects().code());
    TestClient.Answer bad = faulted(FaultType.HTTP_502);
    assertEquals(502, bad.code());
    TestClient.Answer plain503 = faulted(FaultType.HTTP_503);
    assertEquals(503, plain503.code());
    assertNull(plain503.headers().get("Retry-After"));
    TestClient.Answer retry = faulted(FaultType.HTTP_503_RETRY_AFTER);
    assertEquals(503, retry.code());
    assertEquals("2", retry.headers().get("Retry-After"));
    TestClient.Answer html = faulted(FaultType.HTML_ERROR_PAGE);
    assertTrue(html.headers().get("Content-Type").startsWith("text/html"));
    assertTrue(html.body().startsWith("<!DOCTYPE html>"));
    assertEquals(200, faulted(FaultType.LATENCY).code());
  }

  @Test
  void bodyFaultsBreakTheJson() {
    start(FakeJiraCloud.builder());
    TestClient.Answer truncated = faulted(FaultType.TRUNCATED_JSON);
    assertEquals(200, truncated.code());
    assertNull(Json.parse(truncated.body()));
    TestClient.Answer malformed = faulted(FaultType.MALFORMED_BODY);
    assertEquals(200, malformed.code());
    assertNull(Json.parse(malformed.body()));
    assertNotNull(projects().json());
  }

  @Test
  void connectionResetCutsTheBody() {
    start(FakeJiraCloud.builder());
    fake.faults(Faults.builder().failNext("/rest/api/3/project/search", FaultType.CONNECTION_RESET, 1).build());
    assertThrows(UncheckedIOException.class, this::projects);
    assertEquals(-1, fake.journal().get(fake.journal().size() - 1).status());
    assertEquals(200, projects().code());
  }

  @Test
  void probabilisticFaultsAreSeeded() {
    start(FakeJiraCloud.builder());
    int[] failures = new int[2];
    for (int round = 0; round < 2; round++) {
      fake.faults(Faults.builder().seed(7).inject("/rest/api/3/myself", FaultType.HTTP_500, 0.5).build());
      for (int i = 0; i < 20; i++) {
        if (TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/myself"), token).code() == 500) {
          failures[round]++;
        }
      }
    }
    assertEquals(failures[0], failures[1]);
    assertTrue(failures[0] > 0 && failures[0] < 20);
  }

  @Test
  void theDispatcherServesTheSameFakeInsideMockWebServer() throws IOException {
    FakeJiraCloud f = FakeJiraCloud.builder().clock(clock).build();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(f.dispatcher());
      server.start();
      String base = server.url("/").toString().replaceAll("/$", "");
      String redirect = f.approve(base + "/authorize?audience=api.atlassian.com&client_id=" + f.clientId()
          + "&scope=read%3Ajira-work%20offline_access&redirect_uri=" + TestClient.enc(f.redirectUri())
          + "&state=s&response_type=code", f.users().get(0).accountId());
      TestClient.Answer tok = TestClient.postJson(base + "/oauth/token", Json.string(Json.obj("grant_type", "authorization_code",
          "client_id", f.clientId(), "client_secret", f.clientSecret(), "code", TestClient.codeOf(redirect),
          "redirect_uri", f.redirectUri())), null);
      assertEquals(200, tok.code());
      String at = (String) tok.json().get("access_token");
      TestClient.Answer sites = TestClient.get(base + "/oauth/token/accessible-resources", at);
      assertEquals(2, sites.array().size());
      f.faults(Faults.builder().failNext("*", FaultType.CONNECTION_RESET, 1).build());
      Request r = new Request.Builder().url(base + "/ex/jira/" + f.sites().get(0).cloudId() + "/rest/api/3/project/search")
          .header("Authorization", "Bearer " + at).build();
      assertThrows(IOException.class, () -> {
        try (Response resp = TestClient.HTTP.newCall(r).execute()) {
          resp.body().string();
        }
      });
      List<String> paths = f.journal().stream().map(JournalEntry::path).toList();
      assertEquals("/oauth/token", paths.get(0));
      assertEquals("/oauth/token/accessible-resources", paths.get(1));
      assertEquals(-1, f.journal().get(2).status());
    }
  }
}
