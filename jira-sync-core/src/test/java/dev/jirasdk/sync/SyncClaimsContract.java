package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SyncClaims} must have: one live claim per key, takeover after expiry with a higher
 * fencing token, and a stale holder that can neither renew nor commit. Extend it and return a fresh, empty store
 * that implements both {@link SyncClaims} and {@link SyncStore} (the fenced commit writes into it):
 *
 * <pre>{@code
 * class SqliteSyncClaimsTest extends SyncClaimsContract {
 *   @TempDir Path dir;
 *   @Override protected SyncClaims newClaims() { return SqliteStore.open(dir.resolve("db")); }
 * }
 * }</pre>
 *
 * Published in {@code jira-sync-core}'s test jar ({@code <type>test-jar</type>}).
 */
public abstract class SyncClaimsContract {
  protected static final Instant T0 = Instant.parse("2026-03-26T15:00:00Z");
  protected static final Duration TTL = Duration.ofSeconds(30);
  protected static final String KEY = SyncClaim.runKey("conn-1");

  protected SyncClaims claims;

  /** A fresh, empty store that is a {@link SyncClaims} and a {@link SyncStore}. */
  protected abstract SyncClaims newClaims();

  /** Called after each test (close what {@link #newClaims} opened). */
  protected void closeClaims() {}

  @BeforeEach
  void createClaims() {
    claims = newClaims();
    assertTrue(claims instanceof SyncStore, "the claims must be a SyncStore too: the fenced commit writes into it");
  }

  @AfterEach
  void close() {
    closeClaims();
  }

  private SyncStore store() {
    return (SyncStore) claims;
  }

  private static SyncPage page(String id) {
    SyncRecord r = new SyncRecord(Entity.ISSUES, id, "10000", T0, Map.of(Columns.Issue.KEY, "P-" + id,
        Columns.Issue.PROJECT_ID, "10000"), "{\"id\":\"" + id + "\"}");
    return SyncPage.of(List.of(r), new Checkpoint("issues", "10000", "{\"last\":\"" + id + "\"}", T0));
  }

  private SyncClaim claim(String holder, Instant now) {
    return claims.tryClaim(KEY, holder, "run-" + holder, now, now.plus(TTL)).orElseThrow();
  }

  @Test
  void aFreeKeyIsClaimedAndSeenAsCurrent() {
    SyncClaim a = claim("a", T0);
    assertEquals(KEY, a.key());
    assertEquals("a", a.holder());
    assertEquals("run-a", a.runId());
    assertEquals(T0, a.claimedAt());
    assertEquals(T0.plus(TTL), a.expiresAt());
    assertTrue(a.fencingToken() >= 1);
    assertEquals(Optional.of(a), claims.current(KEY, T0.plusSeconds(1)));
  }

  @Test
  void aLiveClaimIsNotTakenNotEvenByItsOwnHolder() {
    SyncClaim a = claim("a", T0);
    Instant almost = a.expiresAt().minusMillis(1);
    assertTrue(claims.tryClaim(KEY, "b", "run-b", almost, almost.plus(TTL)).isEmpty());
    assertTrue(claims.tryClaim(KEY, "a", "run-a2", almost, almost.plus(TTL)).isEmpty());
    assertEquals("run-a", claims.current(KEY, almost).orElseThrow().runId());
  }

  @Test
  void keysAreIndependent() {
    claim("a", T0);
    SyncClaim other = claims.tryClaim(SyncClaim.runKey("conn-2"), "b", "run-b", T0, T0.plus(TTL)).orElseThrow();
    assertEquals("b", other.holder());
    assertEquals("a", claims.current(KEY, T0).orElseThrow().holder());
  }

  @Test
  void anExpiredClaimIsNoLongerCurrentAndIsTakenOverWithAHigherFencingToken() {
    SyncClaim a = claim("a", T0);
    assertTrue(claims.current(KEY, a.expiresAt()).isEmpty());
    SyncClaim b = claim("b", a.expiresAt());
    assertTrue(b.fencingToken() > a.fencingToken());
    assertEquals("b", claims.current(KEY, a.expiresAt()).orElseThrow().holder());
  }

  @Test
  void aHeartbeatExtendsTheLeaseAndKeepsTheFencingToken() {
    SyncClaim a = claim("a", T0);
    Instant later = T0.plusSeconds(20);
    SyncClaim renewed = claims.renew(a, later, later.plus(TTL)).orElseThrow();
    assertEquals(a.fencingToken(), renewed.fencingToken());
    assertEquals(later.plus(TTL), renewed.expiresAt());
    Instant afterFirstExpiry = a.expiresAt().plusSeconds(1);
    assertTrue(claims.tryClaim(KEY, "b", "run-b", afterFirstExpiry, afterFirstExpiry.plus(TTL)).isEmpty());
  }

  @Test
  void anExpiredClaimThatNobodyTookIsRenewedByItsHolder() {
    SyncClaim a = claim("a", T0);
    Instant late = a.expiresAt().plusSeconds(5);
    SyncClaim renewed = claims.renew(a, late, late.plus(TTL)).orElseThrow();
    assertEquals(a.fencingToken(), renewed.fencingToken());
    assertEquals(Optional.of(renewed), claims.current(KEY, late));
  }

  @Test
  void aStaleHolderCannotRenewAfterATakeover() {
    SyncClaim a = claim("a", T0);
    SyncClaim b = claim("b", a.expiresAt());
    Instant late = a.expiresAt().plusSeconds(1);
    assertTrue(claims.renew(a, late, late.plus(TTL)).isEmpty());
    assertEquals(b, claims.current(KEY, late).orElseThrow());
    assertFalse(claims.release(a), "a stale holder cannot release the new holder's claim");
    assertEquals(b, claims.current(KEY, late).orElseThrow());
  }

  @Test
  void aStaleHolderCannotCommitAfterATakeoverAndNothingOfItsPageIsStored() {
    SyncClaim a = claim("a", T0);
    claims.commitPage(a, "conn-1", page("1"));
    SyncClaim b = claim("b", a.expiresAt());

    ClaimLostException e = assertThrows(ClaimLostException.class, () -> claims.commitPage(a, "conn-1", page("2")));
    assertEquals(a, e.claim());
    assertTrue(e.getMessage().contains(KEY), e.getMessage());
    assertTrue(store().find("conn-1", Entity.ISSUES, "2").isEmpty());
    assertEquals("{\"last\":\"1\"}", store().checkpoint("conn-1", "issues", "10000").orElseThrow().value());

    assertEquals(1, claims.commitPage(b, "conn-1", page("3")).byEntity().get(Entity.ISSUES).created());
    assertEquals("{\"last\":\"3\"}", store().checkpoint("conn-1", "issues", "10000").orElseThrow().value());
  }

  @Test
  void anExpiredHolderNobodyReplacedStillCommits() {
    SyncClaim a = claim("a", T0);
    claims.commitPage(a, "conn-1", page("1"));
    assertEquals(1, store().count("conn-1", Entity.ISSUES));
  }

  @Test
  void aReleaseFreesTheKeyAndFencesTheReleasedGrant() {
    SyncClaim a = claim("a", T0);
    assertTrue(claims.release(a));
    assertFalse(claims.release(a));
    Instant t = T0.plusSeconds(1);
    assertTrue(claims.current(KEY, t).isEmpty());
    assertTrue(claims.renew(a, t, t.plus(TTL)).isEmpty());
    assertThrows(ClaimLostException.class, () -> claims.commitPage(a, "conn-1", page("1")));
    SyncClaim b = claim("b", t);
    assertTrue(b.fencingToken() > a.fencingToken());
  }

  @Test
  void concurrentClaimantsOfOneKeyGetOneClaim() throws Exception {
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CyclicBarrier start = new CyclicBarrier(n);
      List<Future<Optional<SyncClaim>>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String holder = "h" + i;
        results.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return claims.tryClaim(KEY, holder, "run-" + holder, T0, T0.plus(TTL));
        }));
      }
      int won = 0;
      for (Future<Optional<SyncClaim>> f : results) won += f.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
      assertEquals(1, won);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void argumentsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> claims.tryClaim(KEY, "a", "r", T0, T0));
    assertThrows(NullPointerException.class, () -> claims.tryClaim(null, "a", "r", T0, T0.plus(TTL)));
  }
}
