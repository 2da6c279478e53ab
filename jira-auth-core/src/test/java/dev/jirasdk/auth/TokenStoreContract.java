package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Published in jira-auth-core's test jar ({@code <type>test-jar</type>}).
 */
public abstract class TokenStoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private TokenStore store;

  /** A new, empty store. */
  protected abstract TokenStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  protected static StoredTokens tokens(String grantId, long version, String suffix) {
    return new StoredTokens(grantId, version, "v1.k.access-" + suffix, "v1.k.refresh-" + suffix,
        T0.plusSeconds(3600 * version), T0.plusSeconds(version), "read:jira-work offline_access");
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
