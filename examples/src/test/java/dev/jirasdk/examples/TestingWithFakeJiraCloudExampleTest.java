package dev.jirasdk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.ConnectionState;
import dev.jirasdk.auth.GrantState;
import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.JiraRateLimitException;
import dev.jirasdk.auth.ReauthorizationRequiredException;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.auth.TokenListener;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.JournalEntry;
import dev.jirasdk.testkit.MutableClock;
import dev.jirasdk.testkit.RateLimits;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Example 5: test your own Jira integration with {@link FakeJiraCloud} in JUnit, offline and without sleeping.
 *
 * <p>The code under test here is {@link CallJiraExample#searchAll}, standing in for your own code: it pages
 * through a JQL search with a {@link JiraClient}. The fake runs on a loopback port with generated data; its
 * time is a {@link MutableClock} shared with the SDK, so token expiry, {@code Retry-After} waits and rate-limit
 * windows pass instantly; its journal records every request so a test can assert what went over the wire.
 */
class TestingWithFakeJiraCloudExampleTest {
  private final MutableClock clock = MutableClock.create();
  private final List<String> reauthorizations = new CopyOnWriteArrayList<>();
  private FakeJiraCloud fake;
  private AtlassianOAuth oauth;
  private SiteConnection connection;
  private String account;
  private String jql;

  @BeforeEach
  void connect() {
    fake = FakeJiraCloud.builder().clock(clock).dataset(Dataset.small()).build().start();
    oauth = AtlassianOAuth.builder()
        .clientId(fake.clientId()).clientSecret(fake.clientSecret()).redirectUri(fake.redirectUri())
        .authBaseUrl(fake.authBaseUrl()).apiBaseUrl(fake.apiBaseUrl())   // instead of Atlassian's
        .scopes("read:jira-work", "read:jira-user")
        .tokenCipher(TokenCipher.ephemeral())
        .inMemoryStores()                   // a test: nothing needs to outlive it
        .clock(clock)
        .sleeper(clock::advance)            // a Retry-After wait moves the fake's clock instead of sleeping
        .listener(new TokenListener() {
          @Override
          public void reauthorizationRequired(String grantId, String error) {
            reauthorizations.add(grantId + ":" + error);
          }
        })
        .build();
    // Consent without a browser: approve() is what "Accept" on the consent page does.
    account = fake.users().get(0).accountId();
    String callback = fake.approve(oauth.startAuthorization().url(), account);
    Map<String, String> query = ConnectSiteExample.parseQuery(URI.create(callback).getRawQuery());
    connection = oauth.completeAuthorization(query.get("code"), query.get("state")).connections().get(0);
    jql = "project = " + fake.data(connection.cloudId()).projectKeys().get(0) + " ORDER BY key";
    fake.clearJournal();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private List<String> searchAllKeys(JiraClient jira) {
    List<String> keys = new ArrayList<>();
    CallJiraExample.searchAll(jira, jql, 10, (n, issues) -> issues.forEach(i -> keys.add((String) i.get("key"))));
    return keys;
  }

  @Test
  void theSearchReadsEveryPageOnceAsTheConnectedUser() {
    List<String> keys = searchAllKeys(oauth.jiraClient(connection));

    assertEquals(25, keys.size());
    assertEquals(3, fake.requestCount("POST", "/rest/api/3/search/jql"));
    for (JournalEntry e : fake.journal()) {
      assertEquals(account, e.accountId(), "every request carried the user's token");
      assertEquals(connection.cloudId(), e.cloudId(), "and went to the connected site");
      assertEquals(200, e.status());
    }
  }

  @Test
  void anExpiredAccessTokenIsRefreshedOnceAndTheSearchCarriesOn() {
    int before = fake.tokenRequests(account);
    clock.advance(Duration.ofHours(2));                 // every access token issued so far has expired

    assertEquals(25, searchAllKeys(oauth.jiraClient(connection)).size());
    assertEquals(before + 1, fake.tokenRequests(account), "one refresh for three pages");
    assertEquals(0, fake.requestCount("*", "/oauth/token/accessible-resources"));
  }

  @Test
  void burstLimitsAreWaitedOutWithRetryAfterOnTheFakeClock() {
    fake.rateLimits(RateLimits.builder().burstPerSecond(1).build());   // one search per second per endpoint
    var before = clock.instant();

    assertEquals(25, searchAllKeys(oauth.jiraClient(connection)).size());

    long throttled = fake.journal().stream().filter(e -> e.status() == 429).count();
    assertTrue(throttled >= 1, "the fake answered 429 at least once");
    assertEquals(3 + throttled, fake.requestCount("POST", "/rest/api/3/search/jql"), "each 429 was retried");
    assertTrue(clock.instant().isAfter(before), "the client waited, on the fake clock");
  }

  @Test
  void aSpentHourlyQuotaSurfacesAsARateLimitExceptionWithRetryAfter() {
    fake.rateLimits(RateLimits.builder().pointsPerHour(15).build());   // the first page costs 1 + 10 points
    JiraClient noRetries = oauth.jiraClient(connection).newBuilder().maxAttempts(1).build();

    JiraRateLimitException e = assertThrows(JiraRateLimitException.class, () -> searchAllKeys(noRetries));

    assertEquals(429, e.status());
    assertEquals("jira-quota-global-based", e.reason().orElseThrow());
    assertTrue(e.retryAfter().orElseThrow().compareTo(Duration.ZERO) > 0);
  }

  @Test
  void aRevokedGrantNeedsReauthorizationAndStopsCallingJira() {
    fake.revokeGrant(account);                          // the user removed the app from their Atlassian account
    clock.advance(Duration.ofHours(2));                 // so the next call must refresh, which now fails

    ReauthorizationRequiredException e = assertThrows(ReauthorizationRequiredException.class,
        () -> searchAllKeys(oauth.jiraClient(connection)));

    assertEquals(connection.grantId(), e.grantId());
    assertEquals("invalid_grant", e.error());
    assertEquals(GrantState.REAUTH_REQUIRED, oauth.accounts().grant(connection.grantId()).orElseThrow().state());
    assertEquals(ConnectionState.REAUTH_REQUIRED,
        oauth.accounts().connection(connection.id()).orElseThrow().state());
    assertEquals(List.of(connection.grantId() + ":invalid_grant"), reauthorizations, "told once");

    // Until the user consents again, the SDK does not call Atlassian for this grant at all.
    int requests = fake.journal().size();
    assertThrows(ReauthorizationRequiredException.class, () -> searchAllKeys(oauth.jiraClient(connection)));
    assertEquals(requests, fake.journal().size());
    assertFalse(fake.journal().stream().anyMatch(j -> j.path().contains("search")), "no search reached Jira");
  }
}
