package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jirasdk.testkit.AuthorizationCallback;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against FakeJiraCloud, which ends a refresh-token family 365 days after its consent like Atlassian: keep-alive
 * cannot save it, the SDK announces it in time, and the grant lands on the needs-reauthorization path.
 */
class TokenFamilyExpiryTest {
  private final MutableClock clock = MutableClock.create();
  private final FakeJiraCloud fake = FakeJiraCloud.builder().clock(clock).build().start();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final AtlassianOAuth oauth = AtlassianOAuth.builder().clientId(fake.clientId())
      .clientSecret(fake.clientSecret()).redirectUri(fake.redirectUri()).scopes("read:jira-work", "read:jira-user")
      .authBaseUrl(fake.authBaseUrl()).apiBaseUrl(fake.apiBaseUrl()).tokenCipher(TokenCipher.ephemeral())
      .inMemoryStores().clock(clock).sleeper(clock::advance).pkce(true)
      .listener(new TokenListener() {
        @Override
        public void reconsentDue(String grantId, Instant familyExpiresAt) {
          events.add("reconsentDue " + familyExpiresAt);
        }

        @Override
        public void reauthorizationRequired(String grantId, String error) {
          events.add("reauth " + error);
        }
      })
      .build();

  @AfterEach
  void close() {
    fake.close();
  }

  private String consent() {
    AuthorizationRequest request = oauth.startAuthorization("session", null);
    AuthorizationCallback callback = fake.completeAuthorization(request.url());
    return oauth.completeAuthorization(callback.code(), callback.state(), "session").grant().id();
  }

  @Test
  void afterAYearRefreshesFailWithInvalidGrantAndTheGrantNeedsTheUserAgainWhateverKeepAliveDid() {
    Instant consentedAt = clock.instant();
    String grantId = consent();
    for (int day = 30; day <= 360; day += 30) {
      clock.set(consentedAt.plus(Duration.ofDays(day)));
      assertEquals(1, oauth.tokens().keepAlive(Duration.ofDays(29)).size(), "keep-alive on day " + day);
    }
    assertEquals(List.of("reconsentDue " + consentedAt.plus(Duration.ofDays(365))), events,
        "announced once, on the first keep-alive within 30 days of the end (day 360)");
    TokenStatus status = oauth.tokens().status(grantId).orElseThrow();
    assertEquals(consentedAt, status.familyStartedAt());
    assertEquals(GrantState.ACTIVE, status.state());

    clock.set(consentedAt.plus(Duration.ofDays(365)).plusSeconds(1));
    ReauthorizationRequiredException e = assertThrows(ReauthorizationRequiredException.class,
        () -> oauth.tokens().accessToken(grantId));
    assertEquals("invalid_grant", e.error());
    assertEquals(GrantState.REAUTH_REQUIRED, oauth.tokens().status(grantId).orElseThrow().state());
    assertEquals("reauth invalid_grant", events.get(events.size() - 1));
    assertEquals(List.of(), oauth.tokens().reconsentDue(), "it needs re-authorization now, not a warning");

    Instant reconsentedAt = clock.instant();
    assertEquals(grantId, consent());
    assertFalse(oauth.tokens().accessToken(grantId).isEmpty());
    TokenStatus renewed = oauth.tokens().status(grantId).orElseThrow();
    assertEquals(GrantState.ACTIVE, renewed.state());
    assertEquals(reconsentedAt, renewed.familyStartedAt());
    assertFalse(renewed.reconsentDue());
  }
}
