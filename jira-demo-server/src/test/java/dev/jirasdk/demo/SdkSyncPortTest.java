package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.StoreException;
import dev.jirasdk.sync.Entity;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SdkSyncPortTest {
  final Clock clock = Clock.systemUTC();
  /** One account's connection and the store its runs go to (new for each test). */
  final SiteConnection c = new FakeAuth(clock).authorize("acct-a", "", "cloud-a").connections().get(0);
  final InMemorySyncStore store = new InMemorySyncStore();

  /** A port over {@link #store} whose engine reports to it. */
  private SdkSyncPort port(SdkSyncPort.Engine engine, int maxRuns) {
    SdkSyncPort port = new SdkSyncPort(store, engine, clock, maxRuns);
    if (engine instanceof GatedEngine) ((GatedEngine) engine).listener = port;
    if (engine instanceof StallingEngine) ((StallingEngine) engine).listener = port;
    return port;
  }

  @Test
  void aRunLeftRunningByAStoppedProcessIsResumedInItsMode() throws Exception {
    store.saveRun(new SyncRun("old-run", c.id(), SyncMode.FULL, RunStatus.RUNNING, clock.instant().minusSeconds(60),
        null, List.of(), 4, 4, -1, List.of(), List.of()));
    GatedEngine engine = new GatedEngine(store, clock, 3);
    SdkSyncPort port = port(engine, 1);
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
    GatedEngine engine = new GatedEngine(store, clock, 3);
    SdkSyncPort port = port(engine, 1);
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

  @Test
  void aSecondStartInTheFirstMomentsOfARunIsAConflictThatNamesTheRunningRun() throws Exception {
    StallingEngine engine = new StallingEngine(store, clock);
    SdkSyncPort port = port(engine, 2);
    try {
      CompletableFuture<SyncPort.RunView> first = CompletableFuture.supplyAsync(() -> port.start(c, true));
      assertTrue(engine.stored.await(10, TimeUnit.SECONDS));
      // The run is stored as running, its start event has not come yet.
      SyncPort.SyncConflictException conflict =
          assertThrows(SyncPort.SyncConflictException.class, () -> port.start(c, false));
      assertEquals("slow-1", conflict.runId());
      List<SyncPort.RunView> history = port.runs(c.id(), 5);
      assertEquals(1, history.size(), "the run is listed once, with its id, before its start event: " + history);
      assertEquals("slow-1", history.get(0).id());
      assertEquals("RUNNING", history.get(0).status());
      engine.announce.countDown();
      assertEquals("slow-1", first.get(10, TimeUnit.SECONDS).id());
      assertEquals("slow-1", assertThrows(SyncPort.SyncConflictException.class, () -> port.start(c, false)).runId());
    } finally {
      engine.finish.countDown();
      port.close();
    }
  }

  @Test
  void aRunTheSchedulerStartedIsAConflictThatNamesItEvenBeforeItsStartEvent() throws Exception {
    StallingEngine engine = new StallingEngine(store, clock);
    SdkSyncPort port = port(engine, 2);
    CompletableFuture<SyncRun> scheduled = CompletableFuture.supplyAsync(() -> engine.run(c.id(), SyncMode.INCREMENTAL));
    try {
      assertTrue(engine.stored.await(10, TimeUnit.SECONDS));
      assertEquals("slow-1", assertThrows(SyncPort.SyncConflictException.class, () -> port.start(c, true)).runId());
    } finally {
      engine.announce.countDown();
      engine.finish.countDown();
      scheduled.get(10, TimeUnit.SECONDS);
      port.close();
    }
  }

  @Test
  void aRunningRunShowsItsRequestsAndPointsAndItsSummarySoFarIsSavedForAKilledProcess() throws Exception {
    StallingEngine engine = new StallingEngine(store, clock);
    SdkSyncPort port = port(engine, 2);
    try {
      CompletableFuture.supplyAsync(() -> port.start(c, true));
      engine.announce.countDown();
      assertTrue(engine.committed.await(10, TimeUnit.SECONDS));
      SyncPort.RunView live = port.running(c.id()).orElseThrow();
      assertEquals(5, live.requests(), "requests of the running run, live");
      assertEquals(9, live.points());
      assertEquals(2, live.records().get("projects").created());
      SyncRun saved = store.run("slow-1").orElseThrow();
      assertEquals(RunStatus.RUNNING, saved.status());
      assertEquals(5, saved.requests(), "the summary so far is in the store");
      assertEquals(2, saved.counts(Entity.PROJECTS).created());

      // The process is killed here. The next one finds the run stored as running:
      GatedEngine next = new GatedEngine(store, clock, 3);
      SdkSyncPort restarted = port(next, 1);
      try {
        assertEquals(1, restarted.recoverInterrupted(List.of(c)));
        SyncRun marked = store.run("slow-1").orElseThrow();
        assertEquals(RunStatus.CANCELLED, marked.status());
        assertTrue(marked.notes().stream().anyMatch(n -> n.startsWith(SdkSyncPort.INTERRUPTED_NOTE)), marked.notes().toString());
        assertEquals(5, marked.requests(), "what it did is kept");
        SyncPort.RunView shown = restarted.runs(c.id(), 1).get(0);
        assertEquals("INTERRUPTED", shown.status());
        assertEquals(2, shown.records().get("projects").seen());
        assertEquals(0, restarted.recoverInterrupted(List.of(c)), "marked once");
        assertEquals(1, restarted.resumeInterrupted(List.of(c)));
        assertTrue(restarted.awaitIdle(c.id(), Duration.ofSeconds(10)));
        assertEquals("SUCCEEDED", restarted.runs(c.id(), 1).get(0).status());
        assertEquals("FULL", restarted.runs(c.id(), 1).get(0).mode(), "resumed in its mode");
      } finally {
        restarted.close();
      }
    } finally {
      engine.finish.countDown();
      port.close();
    }
  }

  @Test
  void aRunStoppedByTheServersShutdownIsInterruptedAndResumedAtTheNextStart() throws Exception {
    GatedEngine engine = new GatedEngine(store, clock, 3);
    SdkSyncPort port = port(engine, 1);
    engine.hold();
    String runId = port.start(c, true).id();
    engine.awaitStarted();
    port.close(); // what SIGTERM does
    SyncRun stored = store.run(runId).orElseThrow();
    assertEquals(RunStatus.CANCELLED, stored.status());
    assertTrue(stored.notes().contains(SdkSyncPort.SHUTDOWN_NOTE), stored.notes().toString());

    GatedEngine next = new GatedEngine(store, clock, 3);
    SdkSyncPort restarted = port(next, 1);
    try {
      assertEquals(0, restarted.recoverInterrupted(List.of(c)), "it ended in a true state already");
      assertEquals("INTERRUPTED", restarted.runs(c.id(), 1).get(0).status());
      assertEquals(1, restarted.resumeInterrupted(List.of(c)));
      assertTrue(restarted.awaitIdle(c.id(), Duration.ofSeconds(10)));
      SyncPort.RunView latest = restarted.runs(c.id(), 1).get(0);
      assertEquals("SUCCEEDED", latest.status());
      assertEquals("FULL", latest.mode());
      assertEquals(3, store.count(c.id(), Entity.ISSUES));
    } finally {
      restarted.close();
    }
  }

  @Test
  void progressIsWeightedByExpectedWorkAndNeverGoesDown() {
    SdkSyncPort.LiveRun live = new SdkSyncPort.LiveRun("r", "c", SyncMode.FULL, clock.instant());
    live.expected.put("issues", 1000L);
    live.stream("issues", "RUNNING", 0);
    live.stream("users", "RUNNING", 0);
    double last = 0;
    for (int i = 0; i < 10; i++) {
      live.stream("issues", "RUNNING", 100);
      live.stream("users", "RUNNING", 40); // of unknown size: its weight grows with it
      double p = live.view(null).progress();
      assertTrue(p >= last, "step " + i + ": " + p + " < " + last);
      last = p;
    }
    assertTrue(last > 0.5 && last < 1, "most of the expected work is done, the run is not: " + last);
    live.streamDone("issues", "SUCCEEDED", 1000);
    live.streamDone("users", "SUCCEEDED", 400);
    assertEquals(0.99, live.view(null).progress(), 1e-9, "1 only when the run has ended");
    // 1,000 expected issues outweigh 25 users: half the issues is about half the run.
    List<SyncPort.StreamView> half = List.of(new SyncPort.StreamView("issues", "RUNNING", 500, 1000),
        new SyncPort.StreamView("users", "SUCCEEDED", 25, -1));
    assertEquals(0.51, SdkSyncPort.weightedProgress(half), 0.02);
  }
}
