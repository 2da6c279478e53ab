package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.StoreException;
import dev.jirasdk.sync.InMemorySyncStore;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncStore;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdkSyncPortTest {
  final Clock clock = Clock.systemUTC();

  @Test
  void aRunLeftRunningByAStoppedProcessIsResumedInItsMode() throws Exception {
    FakeAuth auth = new FakeAuth(clock);
    SiteConnection c = auth.authorize("acct-a", "", "cloud-a").connections().get(0);
    InMemorySyncStore store = new InMemorySyncStore();
    store.saveRun(new SyncRun("old-run", c.id(), SyncMode.FULL, RunStatus.RUNNING, clock.instant().minusSeconds(60),
        null, List.of(), 4, 4, -1, List.of(), List.of()));
    GatedEngine engine = new GatedEngine(store, clock, 3);
    SdkSyncPort port = new SdkSyncPort(store, engine, clock, 1);
    engine.listener = port;
    try {
      assertEquals("INTERRUPTED", port.runs(c.id(), 1).get(0).status());
      assertEquals(1, port.resumeInterrupted(List.of(c)));
      assertTrue(port.awaitIdle(c.id(), Duration.ofSeconds(10)));
      SyncPort.RunView latest = port.runs(c.id(), 1).get(0);
      assertEquals("SUCCEEDED", latest.status());
      assertEquals("FULL", latest.mode());
      assertEquals(0, port.resumeInterrupted(List.of(c)), "nothing left to resume");
    } finally {
      port.close();
    }
  }

  @Test
  void closingStopsARunAfterItsPageInFlightAndKeepsWhatWasCommitted() throws Exception {
    FakeAuth auth = new FakeAuth(clock);
    SiteConnection c = auth.authorize("acct-a", "", "cloud-a").connections().get(0);
    InMemorySyncStore store = new InMemorySyncStore();
    GatedEngine engine = new GatedEngine(store, clock, 3);
    SdkSyncPort port = new SdkSyncPort(store, engine, clock, 1);
    engine.listener = port;
    engine.hold();
    String runId = port.start(c, true).id();
    engine.awaitStarted();
    port.close();
    assertEquals(RunStatus.CANCELLED, store.run(runId).orElseThrow().status());
    assertEquals(2, store.count(c.id(), dev.jirasdk.sync.Entity.PROJECTS), "the committed page stays");
    assertEquals(0, store.count(c.id(), dev.jirasdk.sync.Entity.ISSUES));
    assertTrue(port.runs(c.id(), 5).stream().noneMatch(r -> r.status().equals("RUNNING")));
  }

  @Test
  void healthIsDownAndTheEndpointAnswers503WhenTheStoreFails() {
    SyncStore broken = (SyncStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SyncStore.class},
        (proxy, method, args) -> {
          throw new StoreException("database is locked");
        });
    FakeAuth auth = new FakeAuth(clock);
    SdkSyncPort port = new SdkSyncPort(broken, new GatedEngine(broken, clock, 1), clock, 1);
    assertFalse(port.healthy());
    Config config = Config.from(Map.of("PORT", "0", "SANDBOX", "false", "JIRA_CLIENT_ID", "c", "JIRA_CLIENT_SECRET", "s",
        "TOKEN_REFRESH_INTERVAL", "off", "SYNC_INTERVAL", "off", "HEALTH_CHECK_INTERVAL", "off"));
    try (DemoServer server = DemoServer.start(config, (cfg, p, clk) -> new DemoServer.Parts(auth, port,
        DemoServer.schedules(cfg, auth, port, clk), "http://localhost:" + p + "/auth/callback",
        Map.of("sandbox", false), List.of()), clock)) {
      HttpProbe.Answer health = new HttpProbe("http://127.0.0.1:" + server.port()).get("/health");
      assertEquals(503, health.code(), health.body());
      assertEquals("down", health.json().get("status"));
    }
  }
}
