package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link JiraSync#progress}: what a running run has done so far, as its final summary will count it. */
class ProgressTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void progressShowsTheRequestsPointsAndCountsOfTheRunningRunAndIsEmptyOtherwise() {
    List<SyncRun> seen = new ArrayList<>();
    JiraSync[] holder = new JiraSync[1];
    try (FakeJira f = FakeJira.start(Dataset.builder().projects(2).issuesPerProject(20).build());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).parallelism(1).listener(e -> {
          if (e instanceof SyncEvent.PageCommitted) {
            holder[0].progress(e.connectionId()).ifPresent(seen::add);
          }
        }).build()) {
      holder[0] = sync;
      assertEquals(Optional.empty(), sync.progress(f.connectionId()));
      SyncRun done = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(Optional.empty(), sync.progress(f.connectionId()), "nothing runs any more");
      assertTrue(seen.size() > 2, "a snapshot per committed page");
      for (SyncRun s : seen) {
        assertEquals(RunStatus.RUNNING, s.status());
        assertEquals(done.runId(), s.runId());
        assertTrue(s.requests() > 0 && s.points() > 0, "requests and points so far");
      }
      for (int i = 1; i < seen.size(); i++) {
        assertTrue(seen.get(i).requests() >= seen.get(i - 1).requests(), "requests only grow");
        assertTrue(seen.get(i).counts(Entity.ISSUES).seen() >= seen.get(i - 1).counts(Entity.ISSUES).seen());
      }
      SyncRun last = seen.get(seen.size() - 1);
      assertTrue(last.requests() <= done.requests() && last.points() <= done.points());
      assertTrue(last.counts(Entity.ISSUES).seen() <= done.counts(Entity.ISSUES).seen());
    }
  }
}
