package dev.jirasdk.demo;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.InMemoryAccountStore;
import dev.jirasdk.sync.InMemorySyncStore;
import dev.jirasdk.sync.RecordPage;
import dev.jirasdk.sync.SyncStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A demo server on an ephemeral loopback port over {@link FakeAuth} and a {@link GatedEngine}. */
final class Fixture implements AutoCloseable {
  final Clock clock = Clock.systemUTC();
  final FakeAuth auth;
  /** Rows that {@link SyncStore#records} returned, over all calls. */
  final AtomicLong rowsRead = new AtomicLong();
  final SyncStore store = counting(new InMemorySyncStore(), rowsRead);
  final GatedEngine engine = new GatedEngine(store, clock, 30);
  final DemoServer server;
  final HttpProbe http;

  Fixture() {
    this(Map.of());
  }

  Fixture(Map<String, String> extraEnv) {
    this(extraEnv, new InMemoryAccountStore(), DemoServer.BODY_TIMEOUT);
  }

  /**
   * @param accounts where accounts live (a real store for race tests)
   * @param bodyTimeout how long the server waits for a request body
   */
  Fixture(Map<String, String> extraEnv, AccountStore accounts, Duration bodyTimeout) {
    auth = new FakeAuth(clock, accounts);
    Map<String, String> env = new LinkedHashMap<>(Map.of("PORT", "0", "SANDBOX", "false", "JIRA_CLIENT_ID", "client",
        "JIRA_CLIENT_SECRET", "client-SECRET-value", "TOKEN_REFRESH_INTERVAL", "off", "SYNC_INTERVAL", "off",
        "HEALTH_CHECK_INTERVAL", "off"));
    env.putAll(extraEnv);
    Config config = Config.from(env);
    server = DemoServer.start(config, (c, port, clk) -> {
      SdkSyncPort sync = new SdkSyncPort(store, engine, clk, 2);
      engine.listener = sync;
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("sandbox", false);
      return new DemoServer.Parts(auth, sync, DemoServer.schedules(c, auth, sync, clk),
          "http://localhost:" + port + "/auth/callback", info, List.of());
    }, clock, bodyTimeout);
    http = new HttpProbe("http://127.0.0.1:" + server.port());
  }

  private static SyncStore counting(SyncStore target, AtomicLong rowsRead) {
    return (SyncStore) Proxy.newProxyInstance(Fixture.class.getClassLoader(), new Class<?>[] {SyncStore.class},
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (result instanceof RecordPage) rowsRead.addAndGet(((RecordPage) result).items().size());
          return result;
        });
  }

  /** Connects an account directly in the store and returns its connection id. */
  String connect(String name) {
    return auth.authorize("acct-" + name, name, "cloud-" + name).connections().get(0).id();
  }

  @Override
  public void close() {
    engine.release();
    server.close();
  }
}
