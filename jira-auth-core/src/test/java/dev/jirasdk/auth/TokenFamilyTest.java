package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The 365-day refresh-token family: dated from the consent, carried by refreshes, announced before it ends. */
class TokenFamilyTest {
  private static final Duration YEAR = AtlassianOAuth.DEFAULT_TOKEN_FAMILY_LIFETIME;
  private final AuthFixture f = new AuthFixture();

  @AfterEach
  void tearDown() {
    f.assertNoSecretLeaked();
    f.close();
  }

  @Test
  void theFamilyStartSurvivesTwentyRefreshesAndResetsOnANewConsent() {
    AtlassianOAuth oauth = f.oauth();
    Instant consentedAt = f.clock.instant();
    String grantId = f.connect(oauth).grant().id();
    for (int i = 1; i <= 20; i++) {
      f.clock.advance(Duration.ofDays(10));
      TokenStatus status = oauth.tokens().forceRefresh(grantId);
      assertEquals(f.clock.instant(), status.obtainedAt(), "refresh " + i + " obtained a new pair");
      assertEquals(consentedAt, status.familyStartedAt(), "refresh " + i + " kept the family start");
    }
    assertEquals(21, f.tokenStore.load(grantId).orElseThrow().version());
    assertEquals(20, f.events.count("refreshed"));

    f.clock.advance(Duration.ofDays(1));
    Instant reconsentedAt = f.clock.instant();
    assertEquals(grantId, f.connect(oauth).grant().id(), "the same account lands on the same grant");
    TokenStatus after = oauth.tokens().status(grantId).orElseThrow();
    assertEquals(reconsentedAt, after.familyStartedAt());
    assertEquals(reconsentedAt.plus(YEAR), after.familyExpiresAt());
  }

  @Test
  void tokenStatusShowsWhenTheFamilyEnds() {
    AtlassianOAuth oauth = f.oauth();
    Instant consentedAt = f.clock.instant();
    String grantId = f.connect(oauth).grant().id();
    f.clock.advance(Duration.ofDays(100));
    TokenStatus status = oauth.tokens().forceRefresh(grantId);
    assertEquals(consentedAt, status.familyStartedAt());
    assertEquals(consentedAt.plus(Duration.ofDays(365)), status.familyExpiresAt());
    assertFalse(status.reconsentDue());

    AtlassianOAuth shorter = f.builder().tokenFamilyLifetime(Duration.ofDays(120)).build();
    TokenStatus seenByShorter = shorter.tokens().status(grantId).orElseThrow();
    assertEquals(consentedAt.plus(Duration.ofDays(120)), seenByShorter.familyExpiresAt());
    assertTrue(seenByShorter.reconsentDue(), "within 30 days of the end");
  }

  @Test
  void theReconsentDueEventFiresOnceThirtyDaysBeforeTheFamilyEndsAndNotBefore() {
    AtlassianOAuth oauth = f.oauth();
    Instant familyEnd = f.clock.instant().plus(YEAR);
    String grantId = f.connect(oauth).grant().id();
    JiraClient jira = oauth.jiraClient(f.accountStore.connections().get(0));

    f.clock.set(familyEnd.minus(Duration.ofDays(30)).minusSeconds(1));
    jira.myself();
    oauth.tokens().keepAlive(Duration.ofDays(1));
    assertEquals(0, f.events.count("reconsentDue"), "not a second before the warning time");
    assertEquals(List.of(), oauth.tokens().reconsentDue());
    assertFalse(oauth.tokens().status(grantId).orElseThrow().reconsentDue());

    f.clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 5; i++) jira.myself();
    oauth.tokens().forceRefresh(grantId);
    oauth.tokens().keepAlive(Duration.ZERO);
    assertEquals(List.of("reconsentDue " + grantId + " " + familyEnd),
        f.events.lines.stream().filter(l -> l.startsWith("reconsentDue")).toList(), "exactly one event");
    List<TokenStatus> due = oauth.tokens().reconsentDue();
    assertEquals(1, due.size());
    assertEquals(grantId, due.get(0).grantId());
    assertEquals(familyEnd, due.get(0).familyExpiresAt());
    assertTrue(oauth.tokens().status(grantId).orElseThrow().reconsentDue());

    f.connect(oauth); // the user consents again: a new family, nothing due
    jira.myself();
    assertEquals(1, f.events.count("reconsentDue"));
    assertEquals(List.of(), oauth.tokens().reconsentDue());
    assertFalse(oauth.tokens().status(grantId).orElseThrow().reconsentDue());

    f.clock.set(f.clock.instant().plus(YEAR).minus(Duration.ofDays(30)));
    jira.myself();
    assertEquals(2, f.events.count("reconsentDue"), "the new family gets its own notice");
  }

  @Test
  void theReconsentWarningTimeIsConfigurable() {
    AtlassianOAuth oauth = f.builder().reconsentWarning(Duration.ofDays(7)).build();
    Instant familyEnd = f.clock.instant().plus(YEAR);
    String grantId = f.connect(oauth).grant().id();

    f.clock.set(familyEnd.minus(Duration.ofDays(30)));
    oauth.tokens().accessToken(grantId);
    f.clock.set(familyEnd.minus(Duration.ofDays(7)).minusSeconds(1));
    oauth.tokens().accessToken(grantId);
    assertEquals(0, f.events.count("reconsentDue"));
    assertEquals(List.of(), oauth.tokens().reconsentDue());

    f.clock.advance(Duration.ofSeconds(1));
    oauth.tokens().accessToken(grantId);
    assertEquals(1, f.events.count("reconsentDue"));
    assertEquals(1, oauth.tokens().reconsentDue().size());
  }

  @Test
  void keepAliveAnnouncesTheEndOfAFamilyThatNoCallUses() {
    AtlassianOAuth oauth = f.oauth();
    String grantId = f.connect(oauth).grant().id();
    f.clock.advance(Duration.ofDays(340));
    assertEquals(1, oauth.tokens().keepAlive(Duration.ofDays(30)).size());
    assertEquals(1, f.events.count("reconsentDue " + grantId));
    // A process that starts later announces it once more: the promise is once per family per process.
    AtlassianOAuth restarted = f.oauth();
    restarted.tokens().keepAlive(Duration.ofDays(30));
    restarted.tokens().keepAlive(Duration.ofDays(30));
    assertEquals(2, f.events.count("reconsentDue " + grantId));
  }

  @Test
  void aListenerThatThrowsOnTheNoticeDoesNotBreakTheCall() {
    AtlassianOAuth oauth = f.builder().listener(new TokenListener() {
      @Override
      public void reconsentDue(String grantId, Instant familyExpiresAt) {
        throw new IllegalStateException("host listener bug");
      }
    }).build();
    String grantId = f.connect(oauth).grant().id();
    f.clock.advance(Duration.ofDays(340));
    assertFalse(oauth.tokens().accessToken(grantId).isEmpty());
    assertTrue(CapturedLogs.lines().stream()
        .anyMatch(l -> l.contains("reconsentDue") && l.contains("host listener bug")));
  }

  @Test
  void aGrantWithoutARefreshTokenHasNoFamilyToRenew() {
    f.atlassian.issueRefreshTokens = false;
    AtlassianOAuth oauth = f.builder().tokenFamilyLifetime(Duration.ofDays(31))
        .reconsentWarning(Duration.ofDays(31).minusSeconds(1)).build();
    String grantId = f.connect(oauth).grant().id();
    f.clock.advance(Duration.ofSeconds(1)); // a family would be due now; the access token is still fresh
    oauth.tokens().accessToken(grantId);
    assertEquals(0, f.events.count("reconsentDue"));
    assertFalse(oauth.tokens().status(grantId).orElseThrow().reconsentDue());
    assertEquals(List.of(), oauth.tokens().reconsentDue());
  }

  @Test
  void aWarningNotShorterThanTheLifetimeIsRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> f.builder().tokenFamilyLifetime(Duration.ofDays(30)).build());
    assertTrue(e.getMessage().contains("reconsentWarning must be shorter than tokenFamilyLifetime"), e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> f.builder().reconsentWarning(Duration.ofDays(-1)).build());
    assertTrue(e.getMessage().contains("reconsentWarning must be zero or more"), e.getMessage());
  }
}
