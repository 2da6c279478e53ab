package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.ConnectionState;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.store.sqlite.SqliteStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent account changes over HTTP against the real SQLite account store: a conflict is a 409, never a 500. */
class AccountRacesTest {
  @TempDir
  Path dir;

  /** The SQLite store, with a hook that runs before each setPrimary reaches it. */
  private static AccountStore hooked(SqliteStore store, AtomicReference<Runnable> beforeSetPrimary) {
    return (AccountStore) Proxy.newProxyInstance(AccountRacesTest.class.getClassLoader(),
        new Class<?>[] {AccountStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("setPrimary")) beforeSetPrimary.get().run();
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void makingPrimaryAnAccountThatIsDeactivatedMeanwhileIs409AndChangesNothing() throws Exception {
    CountDownLatch reached = new CountDownLatch(1);
    CountDownLatch deactivated = new CountDownLatch(1);
    AtomicReference<Runnable> hook = new AtomicReference<>(() -> { });
    try (SqliteStore store = SqliteStore.open(dir.resolve("accounts.db"));
        Fixture f = new Fixture(Map.of(), hooked(store, hook), DemoServer.BODY_TIMEOUT)) {
      String acme = f.connect("acme");
      String beta = f.connect("beta");
      hook.set(() -> {
        reached.countDown();
        try {
          assertTrue(deactivated.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      // The request checks the state (active), then waits just before the store while beta is deactivated.
      CompletableFuture<HttpProbe.Answer> primary = CompletableFuture.supplyAsync(
          () -> f.http.post("/api/accounts/" + beta + "/set-primary"));
      assertTrue(reached.await(10, TimeUnit.SECONDS));
      assertEquals(200, f.http.delete("/api/accounts/" + beta).code());
      deactivated.countDown();
      HttpProbe.Answer a = primary.get(20, TimeUnit.SECONDS);
      assertEquals(409, a.code(), a.body());
      assertEquals("account_deactivated", a.errorCode());
      assertTrue(a.body().contains("deactivated while"), a.body());
      assertEquals(acme, store.primaryConnection().orElseThrow().id());
    }
  }

  @Test
  void concurrentSetPrimaryAndDeactivateAnswer200Or409AndKeepOnePrimaryAmongActiveAccounts() throws Exception {
    try (SqliteStore store = SqliteStore.open(dir.resolve("accounts.db"));
        Fixture f = new Fixture(Map.of(), store, DemoServer.BODY_TIMEOUT)) {
      int threads = 8;
      int rounds = 5;
      Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        for (int round = 0; round < rounds; round++) {
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < 4; i++) ids.add(f.connect("r" + round + "s" + i));
          CyclicBarrier barrier = new CyclicBarrier(threads);
          List<Future<?>> done = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            int me = t;
            done.add(pool.submit(() -> {
              HttpProbe http = new HttpProbe(f.http.base);
              barrier.await(10, TimeUnit.SECONDS);
              for (int i = 0; i < 5; i++) {
                String id = ids.get((me + i) % ids.size());
                HttpProbe.Answer a = (me + i) % 2 == 0 ? http.post("/api/accounts/" + id + "/set-primary")
                    : http.delete("/api/accounts/" + id);
                statuses.merge(a.code(), 1, Integer::sum);
                assertTrue(a.code() == 200 || a.code() == 409, a.toString());
              }
              return null;
            }));
          }
          for (Future<?> d : done) d.get(60, TimeUnit.SECONDS);
          List<SiteConnection> all = store.connections();
          long primaries = all.stream().filter(SiteConnection::primary).count();
          long primaryActive = all.stream()
              .filter(c -> c.primary() && c.state() != ConnectionState.DEACTIVATED).count();
          boolean anyActive = all.stream().anyMatch(c -> c.state() != ConnectionState.DEACTIVATED);
          assertEquals(anyActive ? 1 : 0, primaryActive, "one primary among active accounts: " + all);
          assertEquals(primaryActive, primaries, "no deactivated account is primary: " + all);
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(threads * rounds * 5, statuses.values().stream().mapToInt(Integer::intValue).sum());
      assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
    }
  }
}
