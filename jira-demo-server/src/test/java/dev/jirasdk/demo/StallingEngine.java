package dev.jirasdk.demo;

import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Counts;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.PageResult;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.sync.StreamSummary;
import dev.jirasdk.sync.SyncEvent;
import dev.jirasdk.sync.SyncListener;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An engine that behaves like JiraSync in the first moments of a run: it stores the run as running, then waits
 * ({@link #announce}) before its start event; then commits one page, reports its summary so far (5 requests,
 * 9 points, 2 projects) and waits again ({@link #finish}) until released or cancelled.
 */
final class StallingEngine implements SdkSyncPort.Engine {
  final SyncStore store;
  final Clock clock;
  final CountDownLatch stored = new CountDownLatch(1);
  final CountDownLatch announce = new CountDownLatch(1);
  final CountDownLatch committed = new CountDownLatch(1);
  final CountDownLatch finish = new CountDownLatch(1);
  final Set<String> active = ConcurrentHashMap.newKeySet();
  final AtomicInteger runs = new AtomicInteger();
  volatile SyncListener listener = e -> { };
  volatile SyncRun progress;
  volatile boolean cancelled;

  StallingEngine(SyncStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public SyncRun run(String connectionId, SyncMode mode) {
    if (!active.add(connectionId)) throw new IllegalStateException("already syncing");
    try {
      String runId = "slow-" + runs.incrementAndGet();
      Instant start = clock.instant();
      store.saveRun(new SyncRun(runId, connectionId, mode, RunStatus.RUNNING, start, null, List.of(), 0, 0, -1,
          List.of(), List.of()));
      stored.countDown();
      await(announce);
      listener.onEvent(new SyncEvent.RunStarted(runId, connectionId, mode, List.of("projects"), -1, start));
      listener.onEvent(new SyncEvent.StreamStarted(runId, connectionId, "projects", start));
      StreamSummary partial = new StreamSummary("projects", RunStatus.RUNNING,
          Map.of(Entity.PROJECTS, new Counts(2, 0, 0, 0)), 1, 5, 9, start, null);
      progress = new SyncRun(runId, connectionId, mode, RunStatus.RUNNING, start, null, List.of(partial), 5, 9, -1,
          List.of(), List.of());
      listener.onEvent(new SyncEvent.PageCommitted(runId, connectionId, "projects", Checkpoint.GLOBAL, 2,
          new PageResult(Map.of(Entity.PROJECTS, new Counts(2, 0, 0, 0))), start));
      committed.countDown();
      await(finish);
      SyncRun end = new SyncRun(runId, connectionId, mode, cancelled ? RunStatus.CANCELLED : RunStatus.SUCCEEDED,
          start, clock.instant(), List.of(new StreamSummary("projects", cancelled ? RunStatus.CANCELLED
              : RunStatus.SUCCEEDED, partial.counts(), 1, 5, 9, start, clock.instant())), 5, 9, -1, List.of(),
          List.of());
      progress = null;
      store.saveRun(end);
      listener.onEvent(new SyncEvent.RunFinished(runId, connectionId, end, clock.instant()));
      return end;
    } finally {
      active.remove(connectionId);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean active(String connectionId) {
    return active.contains(connectionId);
  }

  @Override
  public void cancel(String connectionId) {
    cancelled = true;
    announce.countDown();
    finish.countDown();
  }

  @Override
  public Optional<SyncRun> progress(String connectionId) {
    return Optional.ofNullable(progress);
  }
}
