package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.StoredTokens;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SqliteTokenStoreTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123456789Z");
  static final String GRANT = "g_000000000000000000000001";

  @TempDir Path dir;
  Path file;
  SqliteStore store;

  @BeforeEach
  void open() {
    file = dir.resolve("store.db");
    store = SqliteStore.open(file);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static StoredTokens tokens(String grantId, long version, String access, String refresh) {
    return new StoredTokens(grantId, version, access, refresh, T0.plusSeconds(3600 + version), T0.plusSeconds(version),
        "read:jira-work offline_access");
  }

  @Test
  void nothingIsStoredForAnUnknownGrant() {
    assertTrue(store.load(GRANT).isEmpty());
  }

  @Test
  void aWrittenPairReadsBackExactly() {
    StoredTokens v1 = tokens(GRANT, 1, "sealed-a1", "sealed-r1");
    assertTrue(store.compareAndSet(0, v1));
    assertEquals(v1, store.load(GRANT).orElseThrow());
  }

  @Test
  void aPairWithoutRefreshTokenReadsBackWithNull() {
    StoredTokens v1 = tokens(GRANT, 1, "sealed-a1", null);
    assertTrue(store.compareAndSet(0, v1));
    assertEquals(v1, store.load(GRANT).orElseThrow());
  }

  @Test
  void aStaleVersionNeverOverwritesANewerPair() {
    assertTrue(store.compareAndSet(0, tokens(GRANT, 1, "a1", "r1")));
    assertTrue(store.compareAndSet(1, tokens(GRANT, 2, "a2", "r2")));
    // A writer that read version 1 (and refreshed with r1) comes back late: it must lose.
    assertFalse(store.compareAndSet(1, tokens(GRANT, 2, "stale-a", "stale-r")));
    // Nor may it create the grant anew.
    assertFalse(store.compareAndSet(0, tokens(GRANT, 1, "stale-a", "stale-r")));
    StoredTokens stored = store.load(GRANT).orElseThrow();
    assertEquals(2, stored.version());
    assertEquals("r2", stored.sealedRefreshToken());
  }

  @Test
  void aVersionThatDoesNotFollowTheExpectedOneIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> store.compareAndSet(0, tokens(GRANT, 2, "a", "r")));
    assertTrue(store.load(GRANT).isEmpty());
  }

  @Test
  void concurrentWritersOfTheSameVersionProduceExactlyOneWinner() throws Exception {
    assertTrue(store.compareAndSet(0, tokens(GRANT, 1, "a1", "r1")));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        results.add(pool.submit(() -> {
          start.await();
          return store.compareAndSet(1, tokens(GRANT, 2, "a2-" + n, "r2-" + n));
        }));
      }
      start.countDown();
      int winners = 0;
      String winnerRefresh = null;
      for (int i = 0; i < threads; i++) {
        if (results.get(i).get(30, TimeUnit.SECONDS)) {
          winners++;
          winnerRefresh = "r2-" + i;
        }
      }
      assertEquals(1, winners);
      assertEquals(winnerRefresh, store.load(GRANT).orElseThrow().sealedRefreshToken());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoStoresOnOneFileSeeEachOthersWritesAndStillCompareAndSet() {
    try (SqliteStore other = SqliteStore.open(file)) {
      assertTrue(store.compareAndSet(0, tokens(GRANT, 1, "a1", "r1")));
      assertEquals("r1", other.load(GRANT).orElseThrow().sealedRefreshToken());
      assertTrue(other.compareAndSet(1, tokens(GRANT, 2, "a2", "r2")));
      assertFalse(store.compareAndSet(1, tokens(GRANT, 2, "a2x", "r2x")));
      assertEquals("r2", store.load(GRANT).orElseThrow().sealedRefreshToken());
    }
  }

  @Test
  void theLeaseHasOneHolderUntilItIsReleased() {
    assertTrue(store.tryAcquireRefreshLease(GRANT, "p1", T0, T0.plusSeconds(30)));
    assertFalse(store.tryAcquireRefreshLease(GRANT, "p2", T0.plusSeconds(1), T0.plusSeconds(31)));
    store.releaseRefreshLease(GRANT, "p2"); // not the holder: no effect
    assertFalse(store.tryAcquireRefreshLease(GRANT, "p2", T0.plusSeconds(2), T0.plusSeconds(32)));
    store.releaseRefreshLease(GRANT, "p1");
    assertTrue(store.tryAcquireRefreshLease(GRANT, "p2", T0.plusSeconds(3), T0.plusSeconds(33)));
  }

  @Test
  void theHolderCanExtendItsLease() {
    assertTrue(store.tryAcquireRefreshLease(GRANT, "p1", T0, T0.plusSeconds(30)));
    assertTrue(store.tryAcquireRefreshLease(GRANT, "p1", T0.plusSeconds(20), T0.plusSeconds(60)));
    assertFalse(store.tryAcquireRefreshLease(GRANT, "p2", T0.plusSeconds(45), T0.plusSeconds(75)));
  }

  @Test
  void anExpiredLeaseIsTakenOverAndCountedAsAFailure() throws Exception {
    assertTrue(store.compareAndSet(0, tokens(GRANT, 1, "a1", "r1")));
    assertTrue(store.tryAcquireRefreshLease(GRANT, "crashed", T0, T0.plusSeconds(30)));
    assertFalse(store.tryAcquireRefreshLease(GRANT, "p2", T0.plusSeconds(29), T0.plusSeconds(59)));
    // Expiry is inclusive: at `until` the lease is over.
    assertTrue(store.tryAcquireRefreshLease(GRANT, "p2", T0.plusSeconds(30), T0.plusSeconds(60)));
    assertEquals(1, failureCount());
    assertTrue(store.compareAndSet(1, tokens(GRANT, 2, "a2", "r2")));
    assertEquals(0, failureCount());
  }

  @Test
  void concurrentLeaseRequestsHaveExactlyOneWinner() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger winners = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String holder = "h" + i;
        done.add(pool.submit(() -> {
          start.await();
          if (store.tryAcquireRefreshLease(GRANT, holder, T0, T0.plusSeconds(30))) winners.incrementAndGet();
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) f.get(30, TimeUnit.SECONDS);
      assertEquals(1, winners.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a safety net, not a timing assertion
  @Test
  void aCrashedProcessesLeaseExpiresAndAnotherProcessTakesOver() throws Exception {
    assertTrue(store.compareAndSet(0, tokens(GRANT, 1, "a1", "r1")));
    try (ChildJvm child = ChildJvm.start(LeaseHolderMain.class, dir.resolve("child.err"), file.toString(), GRANT,
        "child-process", T0.toString(), T0.plusSeconds(30).toString())) {
      assertEquals("LEASED", child.readLine());
      child.kill();
    }
    // The child died holding the lease: nobody may refresh until it expires...
    assertFalse(store.tryAcquireRefreshLease(GRANT, "parent", T0.plusSeconds(10), T0.plusSeconds(40)));
    // ...and then this process takes over.
    assertTrue(store.tryAcquireRefreshLease(GRANT, "parent", T0.plusSeconds(31), T0.plusSeconds(61)));
    assertTrue(store.compareAndSet(1, tokens(GRANT, 2, "a2", "r2")));
    assertEquals(2, store.load(GRANT).orElseThrow().version());
  }

  @Test
  void deleteForgetsTokensAndLease() {
    assertTrue(store.compareAndSet(0, tokens(GRANT, 1, "a1", "r1")));
    assertTrue(store.tryAcquireRefreshLease(GRANT, "p1", T0, T0.plusSeconds(30)));
    store.delete(GRANT);
    assertTrue(store.load(GRANT).isEmpty());
    assertTrue(store.tryAcquireRefreshLease(GRANT, "p2", T0, T0.plusSeconds(30)));
    assertTrue(store.compareAndSet(0, tokens(GRANT, 1, "a1", "r1")));
  }

  @Test
  void aClosedStoreRefusesToWork() {
    store.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.load(GRANT));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> store.compareAndSet(0, tokens(GRANT, 1, "a", "r")));
  }

  @Test
  void tokensSurviveReopening() {
    StoredTokens v1 = tokens(GRANT, 1, "a1", "r1");
    assertTrue(store.compareAndSet(0, v1));
    store.close();
    store = SqliteStore.open(file);
    assertEquals(v1, store.load(GRANT).orElseThrow());
  }

  private long failureCount() throws Exception {
    try (java.sql.Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT failure_count FROM grants WHERE id = '" + GRANT + "'")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
