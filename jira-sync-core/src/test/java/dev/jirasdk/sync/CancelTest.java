package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cancelling must end the run even with tasks still queued (the timeouts only guard against a hang). */
class CancelTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void cancellingWithQueuedTasksEndsTheRunAndEveryStreamFinishes() {
    List<SyncEvent> events = new CopyOnWriteArrayList<>();
    AtomicBoolean once = new AtomicBoolean();
    JiraSync[] holder = new JiraSync[1];
    try (FakeJira f = FakeJira.start(Dataset.builder().projects(2).issuesPerProject(20).build());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).parallelism(1).listener(e -> {
          events.add(e);
          if (e instanceof SyncEvent.PageCommitted && once.compareAndSet(false, true)) {
            holder[0].cancel(e.connectionId());
          }
        }).build()) {
      holder[0] = sync;
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(RunStatus.CANCELLED, run.status());
      long started = events.stream().filter(e -> e instanceof SyncEvent.StreamStarted).count();
      long finished = events.stream().filter(e -> e instanceof SyncEvent.StreamFinished).count();
      assertEquals(started, finished);
      assertTrue(run.streams().stream().anyMatch(s -> s.status() == RunStatus.CANCELLED));
      assertEquals(RunStatus.CANCELLED, sync.store().runs(f.connectionId(), 1).get(0).status());
      // The next run is allowed and completes.
      assertEquals(RunStatus.SUCCEEDED, sync.sync(f.connectionId(), SyncRequest.incremental()).status());
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void closingTheEngineDuringARunCancelsItAndRefusesNewOnes() {
    AtomicBoolean once = new AtomicBoolean();
    JiraSync[] holder = new JiraSync[1];
    try (FakeJira f = FakeJira.start(Dataset.builder().projects(2).issuesPerProject(20).build())) {
      JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).parallelism(1).listener(e -> {
        if (e instanceof SyncEvent.PageCommitted && once.compareAndSet(false, true)) holder[0].close();
      }).build();
      holder[0] = sync;
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(RunStatus.CANCELLED, run.status());
      assertThrows(IllegalStateException.class, () -> sync.sync(f.connectionId(), SyncRequest.full()));
      sync.close();
    }
  }
}
