package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The 2026 points-quota headers, app-wide and per-site budgets, and Jira's header defects as options. */
class QuotaHeadersTest {
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-26T15:25:00Z"));
  private FakeJiraCloud fake;
  private String token;

  private void start(RateLimits limits) {
    fake = FakeJiraCloud.builder().clock(clock).rateLimits(limits).build().start();
    token = TestClient.connect(fake).accessToken();
  }

  @AfterEach
  void tearDown() {
    if (fake != null) {
      fake.close();
    }
  }

  private TestClient.Answer projects(int site) {
    return TestClient.get(TestClient.api(fake, fake.sites().get(site).cloudId(), "/rest/api/3/project/search"), token);
  }

  @Test
  void anAppWideQuotaIsOneBudgetAcrossAllSites() {
    start(RateLimits.builder().pointsPerHour(100).build());
    assertEquals("\"global-app-quota\";r=97;t=2100", projects(0).headers().get("Beta-RateLimit"));
    assertEquals("\"global-app-quota\";r=94;t=2100", projects(1).headers().get("Beta-RateLimit"),
        "the second site spends the same budget");
  }

  @Test
  void aTenantQuotaIsOneBudgetPerSite() {
    start(RateLimits.builder().pointsPerHour(6).quotaMode(RateLimits.QuotaMode.TENANT).build());
    TestClient.Answer a = projects(0);
    assertEquals("\"tenant-app-quota\";q=6;w=3600", a.headers().get("Beta-RateLimit-Policy"));
    assertEquals("\"tenant-app-quota\";r=3;t=2100", a.headers().get("Beta-RateLimit"));
    assertEquals(200, projects(0).code());
    TestClient.Answer refused = projects(0);
    assertEquals(429, refused.code());
    assertEquals("jira-quota-tenant-based", refused.headers().get("X-Beta-RateLimit-Reason"));
    TestClient.Answer other = projects(1);
    assertEquals(200, other.code(), "the other site still has its own budget");
    assertEquals("\"tenant-app-quota\";r=3;t=2100", other.headers().get("Beta-RateLimit"));
  }

  @Test
  void theNamesCanComeWithoutThePrefix() {
    start(RateLimits.builder().pointsPerHour(3).headerStyle(RateLimits.HeaderStyle.UNPREFIXED).build());
    TestClient.Answer a = projects(0);
    assertEquals("\"global-app-quota\";q=3;w=3600", a.headers().get("RateLimit-Policy"));
    assertEquals("\"global-app-quota\";r=0;t=2100", a.headers().get("RateLimit"));
    assertEquals("true", a.headers().get("RateLimit-NearLimit"));
    assertEquals("2026-03-26T16:00:00Z", a.headers().get("RateLimit-Reset"));
    assertNull(a.headers().get("Beta-RateLimit"));
  }

  @Test
  void thePolicyHeaderCanGoMissingOnceTheBudgetIsSpent() {
    start(RateLimits.builder().pointsPerHour(3).policyMissingWhenSpent(true).build());
    TestClient.Answer spent = projects(0);
    assertEquals("\"global-app-quota\";r=0;t=2100", spent.headers().get("Beta-RateLimit"));
    assertNull(spent.headers().get("Beta-RateLimit-Policy"));
    TestClient.Answer refused = projects(0);
    assertEquals(429, refused.code());
    assertNull(refused.headers().get("Beta-RateLimit-Policy"));
  }

  @Test
  void tCanBeOffAndTheResetCanBeInThePast() {
    start(RateLimits.builder().pointsPerHour(3).resetSkew(Duration.ofMinutes(-5)).resetInThePast(true).build());
    TestClient.Answer spent = projects(0);
    assertEquals("\"global-app-quota\";r=0;t=1800", spent.headers().get("Beta-RateLimit"), "2100 s - 5 min");
    assertEquals("2026-03-26T14:59:00Z", spent.headers().get("X-Beta-RateLimit-Reset"));
    assertThrows(IllegalArgumentException.class, () -> RateLimits.builder().resetSkew(Duration.ofDays(2)));
  }

  @Test
  void answersCarryingTheQuotaHeadersStillConformToTheSpec() {
    start(RateLimits.builder().pointsPerHour(3).headerStyle(RateLimits.HeaderStyle.UNPREFIXED).build());
    OpenApiInteractionValidator validator = OpenApiInteractionValidator
        .createFor(QuotaHeadersTest.class.getResource("/jira-platform-openapi-v3.json").toString())
        .withResolveRefs(true).build();
    TestClient.Answer a = projects(0);
    assertTrue(a.headers().get("RateLimit") != null && a.headers().get("RateLimit-NearLimit") != null);
    SimpleResponse.Builder response = SimpleResponse.Builder.status(200).withContentType("application/json")
        .withBody(a.body());
    for (String name : a.headers().names()) {
      if (!name.equalsIgnoreCase("Content-Type")) response.withHeader(name, a.headers().values(name));
    }
    ValidationReport report = validator.validate(
        new SimpleRequest.Builder(Request.Method.GET, "/rest/api/3/project/search")
            .withAuthorization("Bearer " + token).build(), response.build());
    assertFalse(report.hasErrors(), () -> report.getMessages().toString());
  }

  @Test
  void theBurstBucketIsWhatXRateLimitRemainingCounts() {
    start(RateLimits.builder().burstPerSecond(3).build());
    assertEquals("2", projects(0).headers().get("X-RateLimit-Remaining"));
    assertEquals("1", projects(0).headers().get("X-RateLimit-Remaining"));
    assertEquals("3", projects(0).headers().get("X-RateLimit-Limit"));
    assertEquals(429, projects(0).code());
    clock.advance(Duration.ofSeconds(1));
    assertTrue(Long.parseLong(projects(0).headers().get("X-RateLimit-Remaining")) >= 1);
  }
}
