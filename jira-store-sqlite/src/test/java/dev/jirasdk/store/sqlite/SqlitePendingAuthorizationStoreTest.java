package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.PendingAuthorization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SqlitePendingAuthorizationStoreTest extends OpenStoreFixture {
  static PendingAuthorization flow(String hash, Instant created) {
    return new PendingAuthorization(hash, "binding-" + hash, "label", created, created.plusSeconds(600), null);
  }

  @Test
  void aFlowIsConsumedOnceAndAReplayIsVisible() {
    PendingAuthorization p = flow("h1", T0);
    store.save(p);
    assertEquals(p, store.consume("h1", T0.plusSeconds(5)).orElseThrow());
    PendingAuthorization replay = store.consume("h1", T0.plusSeconds(6)).orElseThrow();
    assertEquals(T0.plusSeconds(5), replay.consumedAt());
    assertTrue(store.consume("unknown", T0).isEmpty());
  }

  @Test
  void savingTheSameStateTwiceFails() {
    store.save(flow("h1", T0));
    assertThrows(IllegalStateException.class, () -> store.save(flow("h1", T0)));
  }

  @Test
  void concurrentCallbacksWithOneStateHaveExactlyOneFirstConsumer() throws Exception {
    store.save(flow("h1", T0));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Optional<PendingAuthorization>>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        results.add(pool.submit(() -> {
          start.await();
          return store.consume("h1", T0.plusSeconds(n + 1));
        }));
      }
      start.countDown();
      int first = 0;
      for (Future<Optional<PendingAuthorization>> f : results) {
        if (f.get(30, TimeUnit.SECONDS).orElseThrow().consumedAt() == null) first++;
      }
      assertEquals(1, first);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void expiredFlowsArePurged() {
    store.save(flow("old", T0));
    store.save(flow("new", T0.plusSeconds(1000)));
    assertEquals(1, store.purgeExpired(T0.plusSeconds(700)));
    assertTrue(store.consume("old", T0).isEmpty());
    assertNull(store.consume("new", T0.plusSeconds(1001)).orElseThrow().consumedAt());
  }

  @Test
  void aFlowSurvivesARestart() {
    PendingAuthorization p = flow("h1", T0);
    store.save(p);
    store.close();
    store = SqliteStore.open(dir.resolve("store.db"));
    assertEquals(p, store.consume("h1", T0.plusSeconds(1)).orElseThrow());
  }
}
