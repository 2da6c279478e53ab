package dev.jirasdk.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.auth.ReauthorizationRequiredException;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.auth.TokenListener;
import dev.jirasdk.jira.JiraApi;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.InMemorySyncStore;
import dev.jirasdk.sync.JiraSync;
import dev.jirasdk.sync.RateGovernor;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.MutableClock;
import dev.jirasdk.testkit.RateLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The binder against FakeJiraCloud: rate limits, retries, a forced refresh, a revoked grant and a sync run. */
class MetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final JiraMetrics metrics = JiraMetrics.builder(registry).tags("app", "test").build();
  private final List<String> delegated = new CopyOnWriteArrayList<>();
  private FakeJiraCloud fake;
  private AtlassianOAuth oauth;
  private JiraClient client;

  private void start(FakeJiraCloud.Builder builder) {
    fake = builder.dataset(Dataset.small()).build().start();
    MutableClock clock = fake.clock();
    oauth = AtlassianOAuth.builder()
        .clientId(fake.clientId()).clientSecret(fake.clientSecret()).redirectUri(fake.redirectUri())
        .authBaseUrl(fake.authBaseUrl()).apiBaseUrl(fake.apiBaseUrl())
        .tokenCipher(TokenCipher.ephemeral()).inMemoryStores().clock(clock).sleeper(clock::advance)
        .scopes("read:jira-work", "write:jira-work", "read:jira-user", "manage:jira-project",
            "manage:jira-configuration")
        .requestListener(metrics.requestListener())
        .listener(metrics.tokenListener(new TokenListener() {
          @Override
          public void refreshed(String grantId, Instant expiresAt) {
            delegated.add("refreshed");
          }

          @Override
          public void reconsentDue(String grantId, Instant familyExpiresAt) {
            delegated.add("reconsentDue");
          }
        }))
        .build();
    AuthorizationRequest r = oauth.startAuthorization();
    HttpUrl url = HttpUrl.get(fake.approve(r.url(), fake.users().get(0).accountId()));
    Authorization a = oauth.completeAuthorization(url.queryParameter("code"), url.queryParameter("state"));
    client = oauth.jiraClient(a.connections().get(0));
  }

  @AfterEach
  void close() {
    fake.close();
  }

  private double count(String name, String... tags) {
    var timer = registry.find(name).tags(tags).timer();
    if (timer != null) return timer.count();
    var counter = registry.find(name).tags(tags).counter();
    if (counter != null) return counter.count();
    var fn = registry.find(name).tags(tags).functionCounter();
    return fn == null ? 0 : fn.count();
  }

  @Test
  void requestsRetriesAndRateLimitsAreCountedByEndpointTemplateAndReason() {
    start(FakeJiraCloud.builder().rateLimits(RateLimits.builder().burstPerSecond(2).pointsPerHour(10_000).build()));
    JiraRequest projects = JiraRequest.get("rest/api/3/project/search").build();
    for (int i = 0; i < 3; i++) client.executeForString(projects);   // the third meets the burst limit once

    String endpoint = "/rest/api/3/project/search";
    assertEquals(3, count("jira.requests", "endpoint", endpoint, "status", "200", "method", "GET", "app", "test"));
    assertEquals(1, count("jira.requests", "endpoint", endpoint, "status", "429"));
    assertEquals(1, count("jira.ratelimited", "reason", "jira-burst-based", "endpoint", endpoint));
    assertEquals(1, count("jira.retries", "endpoint", endpoint, "status", "429"));
    double remaining = registry.get("jira.ratelimit.points.remaining").gauge().value();
    assertEquals(10_000 - fake.pointsSpent(), remaining, "as the last answer reported");
  }

  @Test
  void aWriteRefusedForThePerIssueLimitIsCountedUnderItsReason() {
    start(FakeJiraCloud.builder().rateLimits(RateLimits.builder().build()));
    JiraApi unspaced = JiraApi.builder(client).spaceWritesPerIssue(false).build();
    for (int i = 0; i < 21; i++) unspaced.comments().add("PLAT-1", "burst " + i);
    assertEquals(1, count("jira.ratelimited", "reason", "jira-per-issue-on-write",
        "endpoint", "/rest/api/3/issue/{id}/comment", "method", "POST"));
    assertEquals(21, count("jira.requests", "endpoint", "/rest/api/3/issue/{id}/comment", "status", "201"));
    assertEquals(1, count("jira.retries", "endpoint", "/rest/api/3/issue/{id}/comment", "status", "429"));
  }

  @Test
  void aForcedRefreshAndARevokedGrantAreCountedByOutcome() {
    start(FakeJiraCloud.builder());
    assertEquals(1, count("jira.authorizations"));
    assertTrue(Double.isNaN(registry.get("jira.ratelimit.points.remaining").gauge().value()),
        "no rate limits, no points reported");
    String account = fake.users().get(0).accountId();
    fake.expireAccessTokens(account);
    client.myself();
    assertEquals(1, count("jira.token.refreshes", "outcome", "success"));
    assertEquals(1, count("jira.requests", "endpoint", "/rest/api/3/myself", "status", "200"),
        "the 401 and its follow-up are one attempt of the retry layer");
    assertEquals(List.of("refreshed"), delegated, "the host's own listener still hears every event");

    fake.revokeGrant(account);
    fake.expireAccessTokens(account);
    assertThrows(ReauthorizationRequiredException.class, client::myself);
    assertEquals(1, count("jira.token.refreshes", "outcome", "reauthorization_required"));
    assertNull(registry.find("jira.token.refreshes").tag("outcome", "transient_failure").counter());
  }

  @Test
  void aReconsentNoticeIsCountedAndPassedToTheHostsListener() {
    start(FakeJiraCloud.builder());
    for (int day = 60; day <= 360; day += 60) {
      fake.clock().advance(java.time.Duration.ofDays(60));
      oauth.tokens().keepAlive(java.time.Duration.ofDays(59));
    }
    assertEquals(1, count("jira.token.reconsent.due", "app", "test"));
    assertEquals(1, delegated.stream().filter("reconsentDue"::equals).count());
  }

  @Test
  void syncRowsRunDurationsAndGovernorPointsAreReported() {
    start(FakeJiraCloud.builder());
    MutableClock clock = fake.clock();
    RateGovernor governor = RateGovernor.builder().clock(clock).sleeper(clock::advance).build();
    SyncMetrics syncMetrics = SyncMetrics.create(registry).bind(governor);
    SyncRun run;
    try (JiraSync sync = JiraSync.builder().clients(oauth::jiraClient).store(new InMemorySyncStore(clock))
        .rateGovernor(governor).clock(clock).parallelism(2).listener(syncMetrics.listener()).build()) {
      run = sync.sync(client.connectionId(), SyncRequest.full());
    }
    assertEquals(1, count("jira.sync.runs", "mode", "full", "status", run.status().name().toLowerCase()));
    assertEquals(run.counts(Entity.ISSUES).created(), count("jira.sync.rows", "entity", "issues", "change", "created"));
    assertTrue(run.counts(Entity.ISSUES).created() > 0);
    assertEquals(run.counts(Entity.COMMENTS).created(),
        count("jira.sync.rows", "entity", "comments", "change", "created"));
    assertEquals(governor.pointsSpent(), count("jira.ratelimit.points.used"));
    assertTrue(governor.pointsSpent() > 0);
  }
}
