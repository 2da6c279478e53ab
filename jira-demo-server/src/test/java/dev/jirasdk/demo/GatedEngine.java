package dev.jirasdk.demo;

import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Counts;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.sync.StreamSummary;
import dev.jirasdk.sync.SyncEvent;
import dev.jirasdk.sync.SyncListener;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRecord;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A sync engine for tests: announces that it started, waits until released, then stores a fixed set of
 * projects and issues (including rows whose JSON has quotes) and returns a succeeded run.
 */
final class GatedEngine implements SdkSyncPort.Engine {
  final SyncStore store;
  final Clock clock;
  volatile CountDownLatch started = new CountDownLatch(1);
  volatile CountDownLatch release = new CountDownLatch(0);
  volatile CountDownLatch finished = new CountDownLatch(1);
  final int issues;

  GatedEngine(SyncStore store, Clock clock, int issues) {
    this.store = store;
    this.clock = clock;
    this.issues = issues;
  }

  /** Holds the next run until {@link #release()}. */
  void hold() {
    started = new CountDownLatch(1);
    release = new CountDownLatch(1);
    finished = new CountDownLatch(1);
  }

  void release() {
    release.countDown();
  }

  void awaitStarted() throws InterruptedException {
    if (!started.await(10, TimeUnit.SECONDS)) throw new AssertionError("engine never started");
  }

  void awaitFinished() throws InterruptedException {
    if (!finished.await(10, TimeUnit.SECONDS)) throw new AssertionError("engine never finished");
  }

  volatile SyncListener listener = e -> { };
  final AtomicInteger runs = new AtomicInteger();
  final Set<String> active = ConcurrentHashMap.newKeySet();

  volatile boolean cancelled;

  @Override
  public void cancel(String connectionId) {
    cancelled = true;
    release.countDown();
  }

  @Override
  public boolean active(String connectionId) {
    return active.contains(connectionId);
  }

  @Override
  public SyncRun run(String connectionId, SyncMode mode) {
    active.add(connectionId);
    try {
      Instant start = clock.instant();
      String runId = "run-" + runs.incrementAndGet();
      store.saveRun(new SyncRun(runId, connectionId, mode, RunStatus.RUNNING, start, null, List.of(), 0, 0, -1,
          List.of(), List.of()));
      listener.onEvent(new SyncEvent.RunStarted(runId, connectionId, mode, List.of("projects", "issues"), issues, start));
      listener.onEvent(new SyncEvent.StreamStarted(runId, connectionId, "projects", start));
      listener.onEvent(new SyncEvent.StreamStarted(runId, connectionId, "issues", start));
      started.countDown();
      try {
        if (!release.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      List<SyncRecord> projects = List.of(
          new SyncRecord(Entity.PROJECTS, "10000", null, null, Map.of("key", "ACME"), "{\"id\":\"10000\",\"key\":\"ACME\"}"),
          new SyncRecord(Entity.PROJECTS, "10001", null, null, Map.of("key", "OPS"), "{\"id\":\"10001\",\"key\":\"OPS\"}"));
      listener.onEvent(new SyncEvent.PageCommitted(runId, connectionId, "projects", Checkpoint.GLOBAL, 2,
          store.commitPage(connectionId, SyncPage.of(projects, new Checkpoint("projects", Checkpoint.GLOBAL, "done", start))), start));
      if (cancelled) {
        SyncRun stopped = new SyncRun(runId, connectionId, mode, RunStatus.CANCELLED, start, clock.instant(), List.of(),
            1, 1, issues, List.of(), List.of());
        store.saveRun(stopped);
        listener.onEvent(new SyncEvent.RunFinished(runId, connectionId, stopped, clock.instant()));
        return stopped;
      }
      List<SyncRecord> issueRecords = new ArrayList<>();
      for (int i = 0; i < issues; i++) {
        issueRecords.add(new SyncRecord(Entity.ISSUES, String.valueOf(20000 + i), "10000", start.minusSeconds(i),
            Map.of("key", "ACME-" + i), "{\"id\":\"" + (20000 + i) + "\",\"fields\":{\"summary\":\"it's \\\"quoted\\\"\"}}"));
      }
      store.commitPage(connectionId, SyncPage.of(issueRecords, new Checkpoint("issues", "10000", "c", start)));
      SyncRun done = new SyncRun(runId, connectionId, mode, RunStatus.SUCCEEDED, start, clock.instant(),
          List.of(new StreamSummary("projects", RunStatus.SUCCEEDED, Map.of(Entity.PROJECTS, new Counts(2, 0, 0, 0)),
                  1, 1, 1, start, clock.instant()),
              new StreamSummary("issues", RunStatus.SUCCEEDED, Map.of(Entity.ISSUES, new Counts(issues, 0, 0, 0)),
                  1, 2, 6, start, clock.instant())),
          3, 7, issues, List.of(), List.of());
      store.saveRun(done);
      for (StreamSummary summary : done.streams()) {
        listener.onEvent(new SyncEvent.StreamFinished(runId, connectionId, summary, clock.instant()));
      }
      listener.onEvent(new SyncEvent.RunFinished(runId, connectionId, done, clock.instant()));
      return done;
    } finally {
      active.remove(connectionId);
      finished.countDown();
    }
  }
}
