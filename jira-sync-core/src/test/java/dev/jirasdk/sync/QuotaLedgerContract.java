package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link QuotaLedger} must have. Extend it and return a fresh, empty ledger:
 *
 * <pre>{@code
 * class SqliteQuotaLedgerTest extends QuotaLedgerContract {
 *   @TempDir Path dir;
 *   @Override protected QuotaLedger newLedger() { return SqliteStore.open(dir.resolve("db")).quotaLedger(); }
 * }
 * }</pre>
 *
 * Published in {@code jira-sync-core}'s test jar ({@code <type>test-jar</type>}).
 */
public abstract class QuotaLedgerContract {
  protected static final Instant T0 = Instant.parse("2026-03-26T15:00:00Z");
  protected static final QuotaScope APP = QuotaScope.of("global-app-quota", "site-a");
  protected static final QuotaScope TENANT_A = QuotaScope.of("tenant-app-quota", "site-a");
  protected static final QuotaScope TENANT_B = QuotaScope.of("tenant-app-quota", "site-b");

  protected QuotaLedger ledger;

  /** A fresh, empty ledger. */
  protected abstract QuotaLedger newLedger();

  @BeforeEach
  void createLedger() {
    ledger = newLedger();
  }

  /** The server said: q=1000 per hour, r remaining, reset at 16:00. */
  protected QuotaState learn(QuotaScope scope, long remaining, Instant now) {
    return ledger.settle(scope, 0, new QuotaReading(1000, Duration.ofHours(1), remaining,
        Instant.parse("2026-03-26T16:00:00Z")), now);
  }

  @Test
  void anUnknownScopeIsEmptyAndItsFirstReservationIsGranted() {
    assertTrue(ledger.state(APP, T0).isEmpty());
    QuotaLedger.Reservation r = ledger.reserve(APP, 101, 0.8, T0);
    assertTrue(r.granted());
    assertEquals(101, r.state().pending());
    assertEquals(-1, r.state().remaining());
    assertEquals(APP, ledger.state(APP, T0).orElseThrow().scope());
  }

  @Test
  void whatTheServerSaidIsKeptPerScope() {
    learn(TENANT_A, 700, T0);
    QuotaState a = ledger.state(TENANT_A, T0).orElseThrow();
    assertEquals(1000, a.quota());
    assertEquals(Duration.ofHours(1), a.window());
    assertEquals(700, a.remaining());
    assertEquals(Instant.parse("2026-03-26T16:00:00Z"), a.resetAt());
    assertTrue(ledger.state(TENANT_B, T0).isEmpty(), "another site's budget is another entry");
    assertTrue(ledger.state(APP, T0).isEmpty());
  }

  @Test
  void reservationsTakePointsUntilOnlyTheHostsShareIsLeft() {
    learn(APP, 400, T0);   // floor at share 0.8: 200
    assertTrue(ledger.reserve(APP, 150, 0.8, T0).granted());
    QuotaLedger.Reservation refused = ledger.reserve(APP, 60, 0.8, T0);
    assertFalse(refused.granted(), "250 - 60 would go below the 200 kept for the host");
    assertEquals(250, refused.state().remaining());
    assertEquals(150, refused.state().pending());
    assertTrue(ledger.reserve(APP, 50, 0.8, T0).granted());
    assertTrue(ledger.reserve(APP, 150, 1.0, T0).granted(), "a governor allowed the whole budget goes on");
  }

  @Test
  void settlingReplacesTheEstimateWithTheServersRemainderMinusWhatIsStillInFlight() {
    learn(APP, 900, T0);
    ledger.reserve(APP, 101, 1.0, T0);
    ledger.reserve(APP, 101, 1.0, T0);
    QuotaState s = ledger.settle(APP, 101, new QuotaReading(0, Duration.ZERO, 880, Instant.EPOCH), T0);
    assertEquals(101, s.pending());
    assertEquals(779, s.remaining(), "880 said by the server, 101 still in flight");
    assertEquals(1000, s.quota(), "a reading without the Policy header keeps the quota learned before");
    assertEquals(Instant.parse("2026-03-26T16:00:00Z"), s.resetAt());
    s = ledger.settle(APP, 101, QuotaReading.NONE, T0);
    assertEquals(0, s.pending());
    assertEquals(779, s.remaining(), "no headers: the estimate stands");
  }

  @Test
  void aRefusedWindowOpensAgainAtItsResetWithTheWholeQuota() {
    ledger.settle(APP, 0, new QuotaReading(1000, Duration.ofHours(1), 0, Instant.parse("2026-03-26T16:00:00Z")), T0);
    assertFalse(ledger.reserve(APP, 1, 1.0, T0.plusSeconds(3599)).granted());
    Instant later = Instant.parse("2026-03-26T18:30:00Z");
    QuotaLedger.Reservation r = ledger.reserve(APP, 10, 0.8, later);
    assertTrue(r.granted());
    assertEquals(990, r.state().remaining());
    assertEquals(Instant.parse("2026-03-26T19:00:00Z"), r.state().resetAt(), "rolled by whole windows");
    assertEquals(10, r.state().pending(), "reservations of a past window are dropped");
  }

  @Test
  void aRequestBiggerThanTheWholeShareStillGoesIntoAFreshWindow() {
    learn(APP, 1000, T0);
    assertTrue(ledger.reserve(APP, 5000, 0.8, T0).granted());
    assertFalse(ledger.reserve(APP, 5000, 0.8, T0).granted());
  }

  @Test
  void badArgumentsAreRefusedWithAMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ledger.reserve(APP, -1, 0.8, T0));
    assertTrue(e.getMessage().contains("points"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ledger.reserve(APP, 1, 1.5, T0));
    assertTrue(e.getMessage().contains("share"), e.getMessage());
    assertThrows(NullPointerException.class, () -> ledger.settle(APP, 0, null, T0));
  }

  @Test
  void concurrentReservationsNeverOverbook() throws Exception {
    learn(APP, 1000, T0);   // 800 may be spent at share 0.8
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> granted = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        granted.add(pool.submit(() -> {
          go.await();
          int n = 0;
          for (int i = 0; i < 25; i++) if (ledger.reserve(APP, 10, 0.8, T0).granted()) n++;
          return n;
        }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> f : granted) total += f.get(60, TimeUnit.SECONDS);
      assertEquals(80, total, "exactly 800 points of 10 each");
      assertEquals(800, ledger.state(APP, T0).orElseThrow().pending());
    } finally {
      pool.shutdownNow();
    }
  }
}
