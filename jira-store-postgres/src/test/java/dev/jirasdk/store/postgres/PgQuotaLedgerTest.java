package dev.jirasdk.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.sync.QuotaLedger;
import dev.jirasdk.sync.QuotaReading;
import dev.jirasdk.sync.QuotaScope;
import dev.jirasdk.sync.QuotaState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PostgreSQL ledger shared by several instances: each instance is a store with its own connection pool on
 * one schema, as two machines of one app would be. (The published contract runs in PostgresStoreContractsTest.)
 */
@ExtendWith(PostgresServer.class)
class PgQuotaLedgerTest {
  static final Instant T0 = Instant.parse("2026-03-26T15:00:00Z");
  static final QuotaScope APP = QuotaScope.of(QuotaScope.GLOBAL_APP_QUOTA, "site-a");
  final List<PostgresStore> opened = new ArrayList<>();

  PostgresStore open(String schema) {
    PostgresStore s = PostgresStore.builder().jdbcUrl(PostgresServer.url()).schema(schema).maxConnections(4).build();
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(PostgresStore::close);
  }

  @Test
  void twoInstancesSpendOneBudgetWithoutOverbooking() throws Exception {
    String schema = PostgresServer.newSchema();
    QuotaLedger a = open(schema).quotaLedger();
    QuotaLedger b = open(schema).quotaLedger();
    // q=1000, r=1000: at share 0.8, 800 points may be spent this hour by both instances together.
    a.settle(APP, 0, new QuotaReading(1000, Duration.ofHours(1), 1000, Instant.parse("2026-03-26T16:00:00Z")), T0);
    int[] granted = spendTogether(a, b, APP, 60, 10);
    assertEquals(80, granted[0] + granted[1], "800 points in reservations of 10: " + granted[0] + " + " + granted[1]);
    assertTrue(granted[0] > 0 && granted[1] > 0, "both instances spent: " + granted[0] + " + " + granted[1]);
    QuotaState st = b.state(APP, T0).orElseThrow();
    assertEquals(800, st.pending());
    assertEquals(200, st.remaining());
  }

  @Test
  void instancesRacingToCreateAnUnknownScopeLoseNoReservation() throws Exception {
    String schema = PostgresServer.newSchema();
    QuotaLedger a = open(schema).quotaLedger();
    QuotaLedger b = open(schema).quotaLedger();
    QuotaScope fresh = QuotaScope.of("tenant-app-quota", "site-new");
    int[] granted = spendTogether(a, b, fresh, 20, 5);
    assertEquals(40, granted[0] + granted[1], "an unknown budget grants every reservation");
    assertEquals(200, a.state(fresh, T0).orElseThrow().pending(), "every reservation is counted once");
  }

  @Test
  void aBudgetSurvivesReopeningTheStore() {
    String schema = PostgresServer.newSchema();
    QuotaScope tenant = QuotaScope.of("tenant-app-quota", "site-a");
    open(schema).quotaLedger().settle(tenant, 0, new QuotaReading(1000, Duration.ofHours(1), 420,
        Instant.parse("2026-03-26T16:00:00Z")), T0);
    opened.remove(0).close();
    QuotaState st = open(schema).quotaLedger().state(tenant, T0).orElseThrow();
    assertEquals(420, st.remaining());
    assertEquals(1000, st.quota());
    assertEquals(QuotaScope.Kind.TENANT, st.scope().kind());
    assertEquals(Instant.parse("2026-03-26T16:00:00Z"), st.resetAt());
  }

  /** Two threads per ledger reserve {@code points} {@code tries} times each, released together. */
  private static int[] spendTogether(QuotaLedger a, QuotaLedger b, QuotaScope scope, int tries, long points)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    try {
      for (QuotaLedger l : List.of(a, a, b, b)) {
        futures.add(pool.submit(() -> {
          go.await();
          int n = 0;
          for (int i = 0; i < tries / 2; i++) if (l.reserve(scope, points, 0.8, T0).granted()) n++;
          return n;
        }));
      }
      go.countDown();
      int[] granted = new int[2];
      for (int i = 0; i < futures.size(); i++) granted[i / 2] += futures.get(i).get(60, TimeUnit.SECONDS);
      return granted;
    } finally {
      pool.shutdownNow();
    }
  }
}
