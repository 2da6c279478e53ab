package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenManagerTest {
  private final AuthFixture f = new AuthFixture();

  @AfterEach
  void tearDown() {
    f.assertNoSecretLeaked();
    f.close();
  }

  private String grantId(Authorization a) {
    return a.grant().id();
  }

  private String storedRefreshToken(String grantId, TokenCipher cipher) {
    return cipher.open(grantId, f.tokenStore.load(grantId).orElseThrow().sealedRefreshToken());
  }

  @Test
  void fiftyThreadsOnAnExpiredTokenCauseExactlyOneRefresh() throws Exception {
    TokenCipher cipher = TokenCipher.ephemeral();
    AtlassianOAuth oauth = f.builder().tokenCipher(cipher).build();
    Authorization a = f.connect(oauth);
    JiraClient jira = oauth.jiraClient(a.connections().get(0));
    f.clock.advance(Duration.ofSeconds(3600));
    int before = f.atlassian.tokenRequests.get();
    int requestsBefore = f.atlassian.requests.size();
    f.atlassian.tokenDelay = Duration.ofMillis(200); // keeps the refresh in flight while the others arrive

    int threads = 50;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return jira.myself();
        }));
      }
      for (Future<?> r : results) r.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertEquals(1, f.atlassian.tokenRequests.get() - before, "exactly one POST /oauth/token");
    Set<String> bearers = new CopyOnWriteArraySet<>();
    for (RecordedRequest r : f.atlassian.requests.subList(requestsBefore, f.atlassian.requests.size())) {
      if (r.getUrl().encodedPath().endsWith("/myself")) bearers.add(r.getHeaders().get("Authorization"));
    }
    assertEquals(1, bearers.size(), "every request carried the same, new token");
    assertTrue(f.atlassian.isValidAccessToken(bearers.iterator().next().substring(7)));
    assertEquals(f.atlassian.liveRefreshToken(), storedRefreshToken(grantId(a), cipher));
    assertEquals(1, f.events.count("refreshed"));
  }

  @Test
  void aLate401ForTheOldTokenAfterARotationDoesNotRefreshAgain() {
    AtlassianOAuth oauth = f.oauth();
    Authorization a = f.connect(oauth);
    String grant = grantId(a);
    String oldToken = oauth.tokens().accessToken(grant);
    oauth.tokens().forceRefresh(grant);
    String newToken = oauth.tokens().accessToken(grant);
    assertNotEquals(oldToken, newToken);
    int before = f.atlassian.tokenRequests.get();

    assertEquals(newToken, oauth.tokens().refreshAfterUnauthorized(grant, oldToken));
    assertEquals(before, f.atlassian.tokenRequests.get());
  }

  @Test
  void a401WithTheCurrentTokenRefreshesOnceAndRetries() {
    AtlassianOAuth oauth = f.oauth();
    Authorization a = f.connect(oauth);
    JiraClient jira = oauth.jiraClient(a.connections().get(0));
    String token = oauth.tokens().accessToken(grantId(a));
    f.atlassian.revokeAccessToken(token);
    int before = f.atlassian.tokenRequests.get();

    assertEquals(MiniAtlassian.ACCOUNT_ID, jira.myself().get("accountId"));
    assertEquals(1, f.atlassian.tokenRequests.get() - before);
  }

  @Test
  void refreshHappensAtExpiryMinusSkewAndNotOneSecondEarlier() {
    AtlassianOAuth oauth = f.builder().refreshSkew(Duration.ofSeconds(60)).build();
    Authorization a = f.connect(oauth);
    String grant = grantId(a);
    String first = oauth.tokens().accessToken(grant);
    int before = f.atlassian.tokenRequests.get();

    f.clock.advance(Duration.ofSeconds(3600 - 60 - 1));
    assertEquals(first, oauth.tokens().accessToken(grant));
    assertEquals(before, f.atlassian.tokenRequests.get());

    f.clock.advance(Duration.ofSeconds(1));
    assertNotEquals(first, oauth.tokens().accessToken(grant));
    assertEquals(before + 1, f.atlassian.tokenRequests.get());
  }

  @Test
  void expiryIsCountedFromWhenTheRequestWasSent() {
    AtlassianOAuth oauth = f.oauth();
    Instant sent = f.clock.instant();
    Authorization a = f.connect(oauth);
    assertEquals(sent.plusSeconds(3600), f.tokenStore.load(grantId(a)).orElseThrow().accessTokenExpiresAt());
  }

  @Test
  void invalidGrantAfterAnotherWriterRotatedUsesTheNewerToken() {
    TokenCipher cipher = TokenCipher.ephemeral();
    AtlassianOAuth mine = f.builder().tokenCipher(cipher).build();
    Authorization a = f.connect(mine);
    String grant = grantId(a);
    mine.tokens().accessToken(grant); // caches version 1

    // A store that hands out the stale pair on the first read, as if another process wrote meanwhile.
    StoredTokens stale = f.tokenStore.load(grant).orElseThrow();
    AtlassianOAuth other = f.builder().tokenCipher(cipher).build();
    other.tokens().forceRefresh(grant); // rotates: version 2, the refresh token of version 1 is now dead
    AtomicBoolean servedStale = new AtomicBoolean();
    TokenStore racing = new DelegatingTokenStore(f.tokenStore) {
      @Override
      public Optional<StoredTokens> load(String id) {
        if (servedStale.compareAndSet(false, true)) return Optional.of(stale);
        return super.load(id);
      }
    };
    AtlassianOAuth loser = f.builder().tokenCipher(cipher).tokenStore(racing).build();
    int before = f.atlassian.tokenRequests.get();

    TokenStatus status = loser.tokens().forceRefresh(grant);

    assertEquals(GrantState.ACTIVE, status.state());
    assertEquals(GrantState.ACTIVE, f.accountStore.grant(grant).orElseThrow().state());
    assertTrue(f.atlassian.tokenRequests.get() - before <= 2);
    assertEquals(f.atlassian.liveRefreshToken(), storedRefreshToken(grant, cipher));
    assertTrue(f.atlassian.isValidAccessToken(loser.tokens().accessToken(grant)));
    assertEquals(0, f.events.count("reauth"));
  }

  @Test
  void invalidGrantWithNothingNewerRequiresReauthorizationOnceAndThenFailsFast() {
    AtlassianOAuth oauth = f.oauth();
    Authorization a = f.connect(oauth);
    String grant = grantId(a);
    f.atlassian.tokenOverrides.add(MiniAtlassian.json(403,
        "{\"error\":\"invalid_grant\",\"error_description\":\"Unknown or invalid refresh token.\"}"));
    StoredTokens before = f.tokenStore.load(grant).orElseThrow();

    ReauthorizationRequiredException e = assertThrows(ReauthorizationRequiredException.class,
        () -> oauth.tokens().forceRefresh(grant));
    f.thrown.add(e);
    assertEquals("invalid_grant", e.error());
    assertEquals(grant, e.grantId());
    assertEquals(GrantState.REAUTH_REQUIRED, f.accountStore.grant(grant).orElseThrow().state());
    assertEquals(ConnectionState.REAUTH_REQUIRED, f.accountStore.connections().get(0).state());
    assertEquals(1, f.events.count("reauth"));
    assertEquals(before, f.tokenStore.load(grant).orElseThrow(), "a failed refresh never deletes or nulls tokens");

    int requests = f.atlassian.server.getRequestCount();
    JiraClient jira = oauth.jiraClient(a.connections().get(0).id());
    f.clock.advance(Duration.ofHours(2));
    for (int i = 0; i < 3; i++) {
      f.thrown.add(assertThrows(ReauthorizationRequiredException.class, jira::myself));
      f.thrown.add(assertThrows(ReauthorizationRequiredException.class, () -> oauth.tokens().accessToken(grant)));
    }
    assertEquals(requests, f.atlassian.server.getRequestCount(), "no network call after the verdict");
    assertEquals(1, f.events.count("reauth"), "one event");

    // A new consent revives the grant.
    f.connect(oauth);
    assertEquals(GrantState.ACTIVE, f.accountStore.grant(grant).orElseThrow().state());
    assertEquals(MiniAtlassian.ACCOUNT_ID, jira.myself().get("accountId"));
  }

  @Test
  void a503OnRefreshIsRetriedAndChangesNothingStored() {
    AtlassianOAuth oauth = f.oauth();
    Authorization a = f.connect(oauth);
    String grant = grantId(a);
    StoredTokens before = f.tokenStore.load(grant).orElseThrow();
    f.atlassian.tokenOverrides.add(MiniAtlassian.json(503, "{}"));
    f.atlassian.tokenOverrides.add(new MockResponse.Builder().code(503).addHeader("Retry-After", "7")
        .addHeader("Content-Type", "text/html").body("<html>busy</html>").build());

    List<StoredTokens> seenDuringFailures = new ArrayList<>();
    f.events.onTransient = () -> seenDuringFailures.add(f.tokenStore.load(grant).orElseThrow());
    TokenStatus status = oauth.tokens().forceRefresh(grant);

    assertEquals(3, f.atlassian.refreshRequests.get());
    assertEquals(2, f.events.count("transient"));
    assertEquals(Duration.ofSeconds(7), f.sleeps.get(1), "Retry-After honoured");
    assertEquals(List.of(before, before), seenDuringFailures, "nothing stored changes while failing");
    assertEquals(2, f.tokenStore.load(grant).orElseThrow().version());
    assertEquals(GrantState.ACTIVE, status.state());
  }

  @Test
  void refreshFailingEveryAttemptLeavesTheGrantActiveAndTheTokensUntouched() {
    AtlassianOAuth oauth = f.builder().maxAttempts(3).build();
    Authorization a = f.connect(oauth);
    String grant = grantId(a);
    StoredTokens before = f.tokenStore.load(grant).orElseThrow();
    for (int i = 0; i < 3; i++) f.atlassian.tokenOverrides.add(MiniAtlassian.json(500, "{}"));

    JiraException e = assertThrows(JiraException.class, () -> oauth.tokens().forceRefresh(grant));
    f.thrown.add(e);
    assertFalse(e instanceof ReauthorizationRequiredException);
    assertEquals(before, f.tokenStore.load(grant).orElseThrow());
    assertEquals(GrantState.ACTIVE, f.accountStore.grant(grant).orElseThrow().state());
    assertEquals(0, f.events.count("reauth"));
  }

  @Test
  void storeWriteFailureAfterARefreshIsReportedAndTheNewPairIsNeverLost() {
    TokenCipher cipher = TokenCipher.ephemeral();
    int[] failuresLeft = {4};
    TokenStore flaky = new DelegatingTokenStore(f.tokenStore) {
      @Override
      public boolean compareAndSet(long expectedVersion, StoredTokens next) {
        if (expectedVersion > 0 && failuresLeft[0]-- > 0) throw new StoreException("disk full");
        return super.compareAndSet(expectedVersion, next);
      }
    };
    AtlassianOAuth oauth = f.builder().tokenCipher(cipher).tokenStore(flaky).build();
    Authorization a = f.connect(oauth);
    String grant = grantId(a);

    StoreException e = assertThrows(StoreException.class, () -> oauth.tokens().forceRefresh(grant));
    f.thrown.add(e);
    assertEquals(3, f.events.count("storeWriteFailed"));
    String rotated = f.atlassian.liveRefreshToken();
    int tokenRequests = f.atlassian.tokenRequests.get();

    // Next use: the kept pair is written first (one more failure, then success), without a new refresh.
    f.thrown.add(assertThrows(StoreException.class, () -> oauth.tokens().accessToken(grant)));
    String token = oauth.tokens().accessToken(grant);
    assertEquals(tokenRequests, f.atlassian.tokenRequests.get());
    assertEquals(rotated, storedRefreshToken(grant, cipher));
    assertTrue(f.atlassian.isValidAccessToken(token));
  }

  @Test
  void aRefreshAnswerWithoutRefreshTokenKeepsThePreviousOne() {
    TokenCipher cipher = TokenCipher.ephemeral();
    AtlassianOAuth oauth = f.builder().tokenCipher(cipher).build();
    Authorization a = f.connect(oauth);
    String grant = grantId(a);
    String previous = storedRefreshToken(grant, cipher);
    f.atlassian.issueRefreshTokens = false;

    oauth.tokens().forceRefresh(grant);

    assertEquals(previous, storedRefreshToken(grant, cipher));
    assertEquals(2, f.tokenStore.load(grant).orElseThrow().version());
    oauth.tokens().forceRefresh(grant);
    assertEquals(previous, storedRefreshToken(grant, cipher));
    assertEquals(1, CapturedLogs.lines().stream()
        .filter(l -> l.contains("carried no refresh_token") && l.contains(grant)).count(), "warned once");
  }

  @Test
  void keepAliveRefreshesOnlyGrantsIdlePastTheThreshold() {
    AtlassianOAuth oauth = f.oauth();
    Authorization a = f.connect(oauth);
    int before = f.atlassian.tokenRequests.get();
    f.clock.advance(Duration.ofDays(10));
    assertTrue(oauth.tokens().keepAlive(Duration.ofDays(30)).isEmpty());
    assertEquals(before, f.atlassian.tokenRequests.get());

    f.clock.advance(Duration.ofDays(21));
    List<TokenStatus> refreshed = oauth.tokens().keepAlive(Duration.ofDays(30));
    assertEquals(1, refreshed.size());
    assertEquals(grantId(a), refreshed.get(0).grantId());
    assertEquals(f.clock.instant(), refreshed.get(0).obtainedAt());
  }

  @Test
  void keepAliveLeavesAGrantAloneOnceEveryConnectionOfItIsDeactivated() {
    AtlassianOAuth oauth = f.oauth();
    Authorization a = f.connect(oauth);
    for (SiteConnection c : a.connections()) oauth.accounts().deactivate(c.id());
    int before = f.atlassian.tokenRequests.get();
    f.clock.advance(Duration.ofDays(31));
    assertTrue(oauth.tokens().keepAlive(Duration.ofDays(30)).isEmpty());
    assertEquals(before, f.atlassian.tokenRequests.get(), "no token request for a deactivated account's grant");
  }

  @Test
  void aRefreshForOneGrantNeverBlocksAnother() throws Exception {
    java.util.concurrent.CountDownLatch aWaiting = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch bDone = new java.util.concurrent.CountDownLatch(1);
    // Grant A's refresh waits for a lease held elsewhere; its waiting parks here until B is done.
    AtlassianOAuth oauth = f.builder().sleeper(d -> {
      aWaiting.countDown();
      bDone.await(30, TimeUnit.SECONDS);
      f.clock.advance(d);
    }).build();
    String grantA = grantId(f.connect(oauth));
    f.atlassian.accountId = "second-account";
    String grantB = grantId(f.connect(oauth));
    assertNotEquals(grantA, grantB);
    f.clock.advance(Duration.ofHours(2));
    f.tokenStore.tryAcquireRefreshLease(grantA, "someone-else", f.clock.instant(), f.clock.instant().plusSeconds(3600));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> a = pool.submit(() -> oauth.tokens().accessToken(grantA));
      assertTrue(aWaiting.await(30, TimeUnit.SECONDS), "grant A is waiting for the lease");
      // While A holds its own grant's lock and waits, B must refresh at once.
      String b = pool.submit(() -> oauth.tokens().accessToken(grantB)).get(10, TimeUnit.SECONDS);
      assertTrue(f.atlassian.isValidAccessToken(b));
      bDone.countDown();
      f.thrown.add(assertThrows(java.util.concurrent.ExecutionException.class, () -> a.get(30, TimeUnit.SECONDS)));
    } finally {
      bDone.countDown();
      pool.shutdownNow();
    }
  }

  /** Forwards to another store; tests override single methods to inject races and failures. */
  static class DelegatingTokenStore implements TokenStore {
    private final TokenStore delegate;

    DelegatingTokenStore(TokenStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<StoredTokens> load(String grantId) {
      return delegate.load(grantId);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, StoredTokens next) {
      return delegate.compareAndSet(expectedVersion, next);
    }

    @Override
    public boolean tryAcquireRefreshLease(String grantId, String holder, Instant now, Instant until) {
      return delegate.tryAcquireRefreshLease(grantId, holder, now, until);
    }

    @Override
    public void releaseRefreshLease(String grantId, String holder) {
      delegate.releaseRefreshLease(grantId, holder);
    }

    @Override
    public void delete(String grantId) {
      delegate.delete(grantId);
    }
  }
}
