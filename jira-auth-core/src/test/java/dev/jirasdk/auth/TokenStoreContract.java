package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TokenStore} must have. Extend it in your store's tests and return a fresh,
 * empty store from {@link #newStore()}:
 *
 * <pre>{@code
 * class MyTokenStoreTest extends TokenStoreContract {
 *   protected TokenStore newStore() { return new MyTokenStore(freshTable()); }
 * }
 * }</pre>
 *
 * Every field round-trips exactly; in particular {@link StoredTokens#familyStartedAt()} is kept as written (the
 * SDK carries it across refreshes and sets a new one only for a new consent), never derived from
 * {@code obtainedAt}.
 *
 * <p>Published in jira-auth-core's test jar ({@code <type>test-jar</type>}).
 */
public abstract class TokenStoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  /** When the family of {@link #tokens} began: long before any of its pairs was obtained. */
  protected static final Instant FAMILY_START = T0.minus(Duration.ofDays(200));
  private TokenStore store;

  /** A new, empty store. */
  protected abstract TokenStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  protected static StoredTokens tokens(String grantId, long version, String suffix) {
    return tokens(grantId, version, suffix, FAMILY_START);
  }

  protected static StoredTokens tokens(String grantId, long version, String suffix, Instant familyStartedAt) {
    return new StoredTokens(grantId, version, "v1.k.access-" + suffix, "v1.k.refresh-" + suffix,
        T0.plusSeconds(3600 * version), T0.plusSeconds(version), "read:jira-work offline_access", familyStartedAt);
  }

  @Test
  void anEmptyStoreHasNothing() {
    assertTrue(store.load("g_none").isEmpty());
  }

  @Test
  void theFirstWriteExpectsVersionZeroAndRoundTripsEveryField() {
    StoredTokens t = tokens("g_1", 1, "a");
    assertTrue(store.compareAndSet(0, t));
    assertEquals(t, store.load("g_1").orElseThrow());
  }

  @Test
  void theFamilyStartSurvivesTwentyRefreshWritesThatCarryIt() {
    assertTrue(store.compareAndSet(0, tokens("g_1", 1, "consent")));
    for (long v = 2; v <= 21; v++) {
      StoredTokens loaded = store.load("g_1").orElseThrow();
      assertEquals(FAMILY_START, loaded.familyStartedAt(), "family start before write " + v);
      assertTrue(store.compareAndSet(v - 1, tokens("g_1", v, "refresh-" + v, loaded.familyStartedAt())));
    }
    StoredTokens last = store.load("g_1").orElseThrow();
    assertEquals(21, last.version());
    assertEquals(T0.plusSeconds(21), last.obtainedAt(), "obtainedAt moves with every refresh");
    assertEquals(FAMILY_START, last.familyStartedAt(), "the family start does not");
  }

  @Test
  void onlyANewConsentWriteChangesTheFamilyStart() {
    Instant reconsent = T0.plus(Duration.ofDays(1));
    assertTrue(store.compareAndSet(0, tokens("g_1", 1, "a")));
    assertFalse(store.compareAndSet(0, tokens("g_1", 1, "stale", reconsent)), "a refused write changes nothing");
    assertEquals(FAMILY_START, store.load("g_1").orElseThrow().familyStartedAt());
    assertTrue(store.compareAndSet(1, tokens("g_1", 2, "reconsent", reconsent)));
    assertEquals(reconsent, store.load("g_1").orElseThrow().familyStartedAt());
    store.delete("g_1");
    assertTrue(store.compareAndSet(0, tokens("g_1", 1, "after-delete", reconsent.plusSeconds(5))));
    assertEquals(reconsent.plusSeconds(5), store.load("g_1").orElseThrow().familyStartedAt());
  }

  @Test
  void aStaleVersionNeverOverwritesANewerPair() {
    assertTrue(store.compareAndSet(0, tokens("g_1", 1, "a")));
    assertTrue(store.compareAndSet(1, tokens("g_1", 2, "b")));
    assertFalse(store.compareAndSet(1, tokens("g_1", 2, "stale")));
    assertFalse(store.compareAndSet(0, tokens("g_1", 1, "stale")));
    assertEquals(tokens("g_1", 2, "b"), store.load("g_1").orElseThrow());
  }

  @Test
  void aPairWithoutRefreshTokenIsStoredAsSuch() {
    StoredTokens t = new StoredTokens("g_1", 1, "v1.k.a", null, T0, T0, "");
    assertTrue(store.compareAndSet(0, t));
    assertEquals(null, store.load("g_1").orElseThrow().sealedRefreshToken());
  }

  @Test
  void concurrentWritersOfTheSameVersionHaveExactlyOneWinner() throws Exception {
    assertTrue(store.compareAndSet(0, tokens("g_1", 1, "a")));
    int writers = 8;
    CyclicBarrier barrier = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String suffix = "w" + i;
        results.add(pool.submit(() -> {
          barrier.await();
          return store.compareAndSet(1, tokens("g_1", 2, suffix));
        }));
      }
      int wins = 0;
      for (Future<Boolean> r : results) if (r.get(30, TimeUnit.SECONDS)) wins++;
      assertEquals(1, wins);
      assertEquals(2, store.load("g_1").orElseThrow().version());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void grantsAreIndependent() {
    assertTrue(store.compareAndSet(0, tokens("g_1", 1, "a")));
    assertTrue(store.compareAndSet(0, tokens("g_2", 1, "b")));
    assertEquals("v1.k.access-b", store.load("g_2").orElseThrow().sealedAccessToken());
    store.delete("g_1");
    assertTrue(store.load("g_1").isEmpty());
    assertTrue(store.load("g_2").isPresent());
  }

  @Test
  void theLeaseHasAtMostOneHolderUntilItExpires() {
    assertTrue(store.compareAndSet(0, tokens("g_1", 1, "a")));
    assertTrue(store.tryAcquireRefreshLease("g_1", "A", T0, T0.plusSeconds(30)));
    assertFalse(store.tryAcquireRefreshLease("g_1", "B", T0.plusSeconds(29), T0.plusSeconds(59)));
    assertTrue(store.tryAcquireRefreshLease("g_1", "A", T0.plusSeconds(1), T0.plusSeconds(31)), "holder extends");
    // A crashed holder never releases: the lease expires and another takes over.
    assertTrue(store.tryAcquireRefreshLease("g_1", "B", T0.plusSeconds(31), T0.plusSeconds(61)));
    assertFalse(store.tryAcquireRefreshLease("g_1", "A", T0.plusSeconds(32), T0.plusSeconds(62)));
  }

  @Test
  void releasingFreesTheLeaseOnlyForItsHolder() {
    assertTrue(store.compareAndSet(0, tokens("g_1", 1, "a")));
    assertTrue(store.tryAcquireRefreshLease("g_1", "A", T0, T0.plusSeconds(30)));
    store.releaseRefreshLease("g_1", "B");
    assertFalse(store.tryAcquireRefreshLease("g_1", "B", T0, T0.plusSeconds(30)));
    store.releaseRefreshLease("g_1", "A");
    assertTrue(store.tryAcquireRefreshLease("g_1", "B", T0, T0.plusSeconds(30)));
  }

  @Test
  void leasesOfDifferentGrantsDoNotInterfere() {
    assertTrue(store.compareAndSet(0, tokens("g_1", 1, "a")));
    assertTrue(store.compareAndSet(0, tokens("g_2", 1, "a")));
    assertTrue(store.tryAcquireRefreshLease("g_1", "A", T0, T0.plusSeconds(30)));
    assertTrue(store.tryAcquireRefreshLease("g_2", "B", T0, T0.plusSeconds(30)));
  }

  @Test
  void aWriteWithAWrongNextVersionIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> store.compareAndSet(0, tokens("g_1", 2, "a")));
  }
}
