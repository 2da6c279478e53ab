package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PendingAuthorizationStore} must have; extend it with a fresh, empty store.
 * Published in jira-auth-core's test jar.
 */
public abstract class PendingAuthorizationStoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private PendingAuthorizationStore store;

  protected abstract PendingAuthorizationStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static PendingAuthorization pending(String hash) {
    return new PendingAuthorization(hash, "bind-" + hash, "label", T0, T0.plusSeconds(600), null);
  }

  @Test
  void consumingReturnsTheFlowOnceThenAsConsumed() {
    store.save(pending("s1"));
    PendingAuthorization first = store.consume("s1", T0.plusSeconds(5)).orElseThrow();
    assertNull(first.consumedAt());
    assertEquals(pending("s1"), first);
    PendingAuthorization replay = store.consume("s1", T0.plusSeconds(6)).orElseThrow();
    assertEquals(T0.plusSeconds(5), replay.consumedAt());
    assertTrue(store.consume("unknown", T0).isEmpty());
  }

  @Test
  void aSealedPkceVerifierIsKeptAsGivenThroughConsumeAndReplay() {
    PendingAuthorization withPkce = new PendingAuthorization("s1", null, "", T0, T0.plusSeconds(600), null,
        "v1.k.sealed-code-verifier");
    store.save(withPkce);
    store.save(pending("s2"));
    assertEquals(withPkce, store.consume("s1", T0.plusSeconds(5)).orElseThrow());
    assertEquals("v1.k.sealed-code-verifier", store.consume("s1", T0.plusSeconds(6)).orElseThrow()
        .sealedCodeVerifier(), "the replay sees it too");
    assertNull(store.consume("s2", T0.plusSeconds(5)).orElseThrow().sealedCodeVerifier(),
        "a flow without PKCE has none");
  }

  @Test
  void concurrentCallbacksConsumeAStateExactlyOnce() throws Exception {
    store.save(pending("s1"));
    int callers = 8;
    CyclicBarrier barrier = new CyclicBarrier(callers);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Optional<PendingAuthorization>>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(pool.submit(() -> {
          barrier.await();
          return store.consume("s1", T0.plusSeconds(1));
        }));
      }
      int firsts = 0;
      for (Future<Optional<PendingAuthorization>> r : results) {
        if (r.get(30, TimeUnit.SECONDS).orElseThrow().consumedAt() == null) firsts++;
      }
      assertEquals(1, firsts);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void purgingRemovesOnlyExpiredFlows() {
    store.save(pending("old"));
    store.save(new PendingAuthorization("new", null, "", T0, T0.plusSeconds(6000), null));
    assertEquals(1, store.purgeExpired(T0.plusSeconds(601)));
    assertTrue(store.consume("old", T0).isEmpty());
    assertTrue(store.consume("new", T0).isPresent());
  }
}
