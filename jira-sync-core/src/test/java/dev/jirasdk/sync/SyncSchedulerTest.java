package dev.jirasdk.sync;

import dev.jirasdk.testkit.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.JiraTransportException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncSchedulerTest {
  final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  final InMemorySyncStore store = new InMemorySyncStore(clock);
  final AtomicInteger clientCalls = new AtomicInteger();
  /** No network: asking for a client fails like an unreachable Jira, so a sync run ends FAILED at once. */
  final JiraSync sync = JiraSync.builder().store(store).clock(clock).parallelism(1)
      .clients(id -> {
        clientCalls.incrementAndGet();
        throw new JiraTransportException("GET /rest/api/3/myself", 1, new IOException("unreachable"));
      }).build();

  /** Holds jobs until the test runs them. */
  static final class QueueExecutor implements Executor {
    final Deque<Runnable> jobs = new ArrayDeque<>();

    @Override
    public void execute(Runnable r) {
      jobs.add(r);
    }

    void runAll() {
      while (!jobs.isEmpty()) jobs.poll().run();
    }
  }

  @AfterEach
  void close() {
    sync.close();
  }

  @Test
  void eachActiveConnectionIsSyncedOncePerIntervalWithJitter() {
    List<ConnectionHealth> health = new ArrayList<>();
    try (SyncScheduler s = SyncScheduler.builder().sync(sync).connections(() -> List.of("a", "b")).clock(clock)
        .executor(Runnable::run).jitter(0.1).seed(7).healthInterval(Duration.ofDays(30)).onHealth(health::add)
        .build()) {
      s.tick();
      Instant firstDue = s.nextSyncAt("a").orElseThrow();
      assertTrue(!firstDue.isAfter(clock.instant().plus(Duration.ofMinutes(6))), "first run within the jitter window");
      clock.advance(Duration.ofMinutes(7));
      s.tick();
      assertEquals(1, store.runs("a", 10).size());
      assertEquals(1, store.runs("b", 10).size());
      Instant next = s.nextSyncAt("a").orElseThrow();
      Duration gap = Duration.between(clock.instant(), next);
      assertTrue(gap.compareTo(Duration.ofMinutes(54)) >= 0 && gap.compareTo(Duration.ofMinutes(66)) <= 0, gap::toString);

      clock.advance(Duration.ofMinutes(50));
      s.tick();
      assertEquals(1, store.runs("a", 10).size(), "not due yet");
      clock.advance(Duration.ofMinutes(20));
      s.tick();
      assertEquals(2, store.runs("a", 10).size());
      assertEquals(RunStatus.FAILED, store.runs("a", 1).get(0).status());
    }
  }

  @Test
  void twoInstancesOnOneSharedStoreRunEachJobOncePerPeriod() {
    List<ConnectionHealth> health = new ArrayList<>();
    try (JiraSync other = JiraSync.builder().store(store).clock(clock).parallelism(1).instanceId("instance-b")
            .clients(id -> {
              throw new JiraTransportException("GET /rest/api/3/myself", 1, new IOException("unreachable"));
            }).build();
        SyncScheduler a = SyncScheduler.builder().sync(sync).connections(() -> List.of("a")).clock(clock)
            .executor(Runnable::run).jitter(0.1).seed(7).healthInterval(Duration.ofMinutes(10)).onHealth(health::add)
            .build();
        SyncScheduler b = SyncScheduler.builder().sync(other).connections(() -> List.of("a")).clock(clock)
            .executor(Runnable::run).jitter(0.1).seed(8).healthInterval(Duration.ofMinutes(10)).onHealth(health::add)
            .build()) {
      for (int minute = 0; minute < 6 * 60; minute++) {
        a.tick();
        b.tick();
        clock.advance(Duration.ofMinutes(1));
      }
      List<SyncRun> runs = new ArrayList<>(store.runs("a", 100));
      assertTrue(runs.size() >= 5 && runs.size() <= 7, "about one sync an hour over six hours: " + runs.size());
      runs.sort(java.util.Comparator.comparing(SyncRun::startedAt));
      for (int i = 1; i < runs.size(); i++) {
        Duration gap = Duration.between(runs.get(i - 1).startedAt(), runs.get(i).startedAt());
        assertTrue(gap.compareTo(Duration.ofMinutes(54)) >= 0, "two syncs in one period: " + gap);
      }
      assertTrue(health.size() >= 30 && health.size() <= 40, "about one health check per 10 minutes: " + health.size());
    }
  }

  @Test
  void aRunOfADeadInstanceIsTakenOverInItsModeOnceItsClaimExpired() {
    Instant t0 = clock.instant();
    SyncRun dead = new SyncRun("run-of-dead", "a", SyncMode.FULL, RunStatus.RUNNING, t0, null, List.of(), 3, 3, -1,
        List.of(), List.of());
    store.saveRun(dead);
    store.tryClaim(SyncClaim.runKey("a"), "dead-instance", "run-of-dead", t0, t0.plus(JiraSync.DEFAULT_CLAIM_TTL));
    try (SyncScheduler s = SyncScheduler.builder().sync(sync).connections(() -> List.of("a")).clock(clock)
        .executor(Runnable::run).syncInterval(Duration.ofDays(30)).healthInterval(Duration.ofDays(30)).build()) {
      clock.advance(Duration.ofSeconds(59));
      s.tick();
      assertEquals(1, store.runs("a", 10).size(), "the claim still holds: nothing is taken over");
      clock.advance(Duration.ofSeconds(31));
      s.tick();
      List<SyncRun> runs = store.runs("a", 10);
      assertEquals(2, runs.size());
      SyncRun takeover = runs.stream().filter(r -> !r.runId().equals("run-of-dead")).findFirst().orElseThrow();
      assertEquals(SyncMode.FULL, takeover.mode(), "the same mode as the dead run");
      SyncRun abandoned = store.run("run-of-dead").orElseThrow();
      assertEquals(RunStatus.FAILED, abandoned.status());
      assertTrue(abandoned.notes().get(0).contains(takeover.runId()), abandoned.notes()::toString);
      clock.advance(Duration.ofMinutes(5));
      s.tick();
      assertEquals(2, store.runs("a", 10).size(), "taken over once");
    }
  }

  @Test
  void aSyncAskedForSoonSkipsTheScheduleLease() {
    try (SyncScheduler s = SyncScheduler.builder().sync(sync).connections(() -> List.of("a")).clock(clock)
        .executor(Runnable::run).jitter(0).healthInterval(Duration.ofDays(30)).build()) {
      clock.advance(Duration.ofMinutes(1));
      s.tick();
      assertEquals(1, store.runs("a", 10).size());
      s.syncSoon("a");
      s.tick();
      assertEquals(2, store.runs("a", 10).size(), "asked for now, inside the period the first run leased");
    }
  }

  @Test
  void noMoreThanMaxParallelJobsRunAtOnce() {
    QueueExecutor q = new QueueExecutor();
    List<String> conns = List.of("c1", "c2", "c3", "c4", "c5");
    try (SyncScheduler s = SyncScheduler.builder().sync(sync).connections(() -> conns).clock(clock).executor(q)
        .maxParallel(2).jitter(0).healthInterval(Duration.ofHours(10)).build()) {
      s.tick();
      assertEquals(2, q.jobs.size());
      assertEquals(2, s.runningJobs().size());
      s.tick();
      assertEquals(2, q.jobs.size(), "still busy: nothing more starts");
      q.runAll();
      assertTrue(s.runningJobs().isEmpty());
      for (int round = 0; round < 10; round++) {
        s.tick();
        assertTrue(q.jobs.size() <= 2, "at most 2 jobs at once");
        q.runAll();
      }
      for (String c : conns) assertEquals(1, store.runs(c, 10).size(), c);
    }
  }

  @Test
  void healthChecksReportAnUnreachableConnection() {
    List<ConnectionHealth> health = new ArrayList<>();
    try (SyncScheduler s = SyncScheduler.builder().sync(sync).connections(() -> List.of("a")).clock(clock)
        .executor(Runnable::run).jitter(0).syncInterval(Duration.ofDays(1)).onHealth(health::add).build()) {
      s.tick();
      assertEquals(1, health.size());
      assertFalse(health.get(0).healthy());
      assertTrue(health.get(0).problem().contains("unreachable"), health.get(0).problem());
      assertEquals(health.get(0), s.health().get("a"));
      clock.advance(Duration.ofMinutes(4));
      s.tick();
      assertEquals(1, health.size(), "next check after 5 minutes");
      clock.advance(Duration.ofMinutes(1));
      s.tick();
      assertEquals(2, health.size());
    }
  }

  @Test
  void connectionsThatDisappearAreForgottenAndCloseStopsEverything() {
    List<String> conns = new ArrayList<>(List.of("a", "b"));
    SyncScheduler s = SyncScheduler.builder().sync(sync).connections(() -> List.copyOf(conns)).clock(clock)
        .executor(Runnable::run).jitter(0).healthInterval(Duration.ofHours(10)).build();
    s.tick();
    assertEquals(1, store.runs("b", 10).size());
    conns.remove("b");
    clock.advance(Duration.ofHours(2));
    s.tick();
    assertTrue(s.nextSyncAt("b").isEmpty());
    assertEquals(1, store.runs("b", 10).size());
    assertEquals(2, store.runs("a", 10).size());
    s.close();
    s.close();
    clock.advance(Duration.ofHours(2));
    s.tick();
    assertEquals(2, store.runs("a", 10).size(), "a closed scheduler starts nothing");
  }
}
