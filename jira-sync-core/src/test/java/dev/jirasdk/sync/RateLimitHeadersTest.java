package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
  static final Instant NOW = Instant.parse("2026-03-26T15:25:00Z");

  static RateLimitHeaders parse(String... namesAndValues) {
    return RateLimitHeaders.parse(Headers.of(namesAndValues), NOW);
  }

  @Test
  void readsThePrefixedHeadersAsLoggedInProduction() {
    RateLimitHeaders h = parse(
        "Beta-Ratelimit-Policy", "\"tenant-app-quota\";q=100100;w=3600",
        "Beta-Ratelimit", "\"tenant-app-quota\";r=17842;t=2107",
        "X-Beta-Ratelimit-Reason", "jira-quota-tenant-based",
        "X-Beta-Ratelimit-Nearlimit", "true",
        "X-Beta-Ratelimit-Reset", "2026-03-26T16:00Z",
        "X-Ratelimit-Limit", "350",
        "X-Ratelimit-Remaining", "349");
    assertEquals("tenant-app-quota", h.policy);
    assertEquals(100_100, h.quota);
    assertEquals(Duration.ofHours(1), h.window);
    assertEquals(17_842, h.remaining);
    assertEquals(Duration.ofSeconds(2107), h.resetIn);
    assertEquals(Instant.parse("2026-03-26T16:00:00Z"), h.resetHeader);
    assertEquals(RateLimitReason.TENANT_QUOTA, h.reason);
    assertTrue(h.nearLimit);
    assertEquals(350, h.burstLimit, "X-RateLimit-Limit is the burst bucket");
    assertEquals(349, h.burstRemaining);
    // t says 16:00:07, Reset 16:00: the earlier wins.
    assertEquals(Instant.parse("2026-03-26T16:00:00Z"), h.resetAt(NOW, Duration.ZERO));
  }

  @Test
  void readsTheNamesWithoutPrefixInAnyCase() {
    RateLimitHeaders h = parse(
        "ratelimit-policy", "\"global-app-quota\";q=65000;w=3600",
        "RATELIMIT", "\"global-app-quota\";r=12;t=60",
        "RateLimit-Reason", "JIRA-QUOTA-GLOBAL-BASED",
        "ratelimit-nearlimit", "TRUE");
    assertEquals("global-app-quota", h.policy);
    assertEquals(65_000, h.quota);
    assertEquals(12, h.remaining);
    assertEquals(RateLimitReason.GLOBAL_QUOTA, h.reason);
    assertTrue(h.nearLimit);
    assertEquals(NOW.plusSeconds(60), h.resetAt(NOW, Duration.ZERO));
  }

  @Test
  void everyReasonIsAnEnumAndUnknownOnesAreIgnored() {
    assertEquals(RateLimitReason.BURST, parse("RateLimit-Reason", "jira-burst-based").reason);
    assertEquals(RateLimitReason.PER_ISSUE_WRITE, parse("RateLimit-Reason", " jira-per-issue-on-write ").reason);
    assertEquals(RateLimitReason.COST, parse("X-Beta-RateLimit-Reason", "jira-cost-based").reason);
    assertNull(parse("RateLimit-Reason", "jira-something-new").reason);
    assertTrue(RateLimitReason.GLOBAL_QUOTA.isQuota() && RateLimitReason.TENANT_QUOTA.isQuota());
    assertFalse(RateLimitReason.BURST.isQuota() || RateLimitReason.PER_ISSUE_WRITE.isQuota());
  }

  @Test
  void withoutThePolicyHeaderThePolicyComesFromTheRateLimitHeader() {
    RateLimitHeaders h = parse("Beta-RateLimit", "\"global-app-quota\";r=0;t=120");
    assertEquals("global-app-quota", h.policy);
    assertEquals(0, h.quota, "unknown, not zero points");
    assertEquals(0, h.remaining);
    QuotaReading r = h.reading(NOW, Duration.ofHours(1));
    assertEquals(0, r.quota());
    assertEquals(NOW.plusSeconds(120), r.resetAt());
  }

  @Test
  void aResetInThePastIsNotBelievedAndNeitherIsOneBeyondTheWindow() {
    RateLimitHeaders past = parse("RateLimit", "\"tenant-app-quota\";r=0", "X-Beta-RateLimit-Reset",
        "2026-03-26T14:00Z");
    assertEquals(Instant.parse("2026-03-26T16:00:00Z"), past.resetAt(NOW, Duration.ZERO), "the next UTC hour");
    RateLimitHeaders far = parse("RateLimit", "\"tenant-app-quota\";r=0;t=86400");
    assertEquals(Instant.parse("2026-03-26T16:00:00Z"), far.resetAt(NOW, Duration.ZERO));
    RateLimitHeaders shortWindow = parse("RateLimit-Policy", "\"tenant-app-quota\";q=10;w=600",
        "RateLimit", "\"tenant-app-quota\";r=0;t=7200");
    assertEquals(NOW.plusSeconds(600), shortWindow.resetAt(NOW, Duration.ZERO), "never longer than the window");
    RateLimitHeaders wrongT = parse("RateLimit", "\"tenant-app-quota\";r=0;t=3000",
        "X-Beta-RateLimit-Reset", "2026-03-26T15:30:00Z");
    assertEquals(Instant.parse("2026-03-26T15:30:00Z"), wrongT.resetAt(NOW, Duration.ZERO), "the earlier answer");
  }

  @Test
  void xRateLimitResetTellsThePointsResetOnlyBesideAQuotaReason() {
    RateLimitHeaders burst = parse("RateLimit", "\"global-app-quota\";r=500;t=2000", "RateLimit-Reason",
        "jira-burst-based", "X-RateLimit-Reset", "2026-03-26T15:25:01Z");
    assertEquals(NOW.plusSeconds(2000), burst.resetAt(NOW, Duration.ZERO));
    RateLimitHeaders quota = parse("RateLimit-Reason", "jira-quota-global-based", "X-RateLimit-Reset",
        "2026-03-26T15:40:00Z");
    assertEquals(Instant.parse("2026-03-26T15:40:00Z"), quota.resetHeader);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ";;;", "\"\";q=5", "q=5", "\"tenant-app-quota", "\"a\"b\";q=1", "=;q=2"})
  void aMalformedPolicyIsIgnoredWithoutAnException(String value) {
    RateLimitHeaders h = parse("Beta-RateLimit-Policy", value.isEmpty() ? " " : value);
    assertTrue(h.policy == null || h.quota == 0, value);
    assertEquals(-1, h.remaining);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"p\";r=abc;t=1", "\"p\";r=-5;t=10", "\"p\";r=1e3;t=x", "\"p\";r;t",
      "\"p\";r=99999999999999999999999;t=1"})
  void malformedParametersAreIgnoredOneByOne(String value) {
    RateLimitHeaders h = parse("RateLimit", value);
    assertEquals("p", h.policy);
    assertEquals(-1, h.remaining, value);
  }

  @Test
  void badNumbersAndDatesElsewhereAreIgnoredToo() {
    RateLimitHeaders h = parse("X-RateLimit-Limit", "lots", "X-RateLimit-Remaining", "-1", "Retry-After", "soon",
        "X-Beta-RateLimit-Reset", "tomorrow", "X-Beta-RateLimit-NearLimit", "yes please");
    assertEquals(-1, h.burstLimit);
    assertEquals(-1, h.burstRemaining);
    assertNull(h.retryAfter);
    assertNull(h.resetHeader);
    assertFalse(h.nearLimit);
    assertFalse(h.hasQuotaInfo());
    assertEquals(QuotaReading.NONE, h.reading(NOW, Duration.ZERO));
  }

  @Test
  void onlyTheFirstItemOfAListCountsAndUnknownParametersAreSkipped() {
    RateLimitHeaders h = parse("RateLimit-Policy", "\"tenant-app-quota\";q=10;w=3600;pk=x, \"other\";q=99",
        "RateLimit", "tenant-app-quota;r=4;t=30;extra=1");
    assertEquals("tenant-app-quota", h.policy, "a bare token name is accepted");
    assertEquals(10, h.quota);
    assertEquals(4, h.remaining);
  }

  @Test
  void theResetMayBeGivenInSeconds() {
    assertEquals(NOW.plusSeconds(90), parse("RateLimit-Reset", "90").resetHeader);
    assertEquals(Instant.parse("2026-03-26T16:00:00Z"),
        parse("X-Beta-RateLimit-Reset", "2026-03-26T17:00:00+01:00").resetHeader);
  }
}
