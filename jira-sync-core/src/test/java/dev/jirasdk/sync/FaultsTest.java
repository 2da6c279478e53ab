package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.FaultType;
import dev.jirasdk.testkit.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FaultsTest {
  static final Entity[] CHECKED = {Entity.ISSUES, Entity.COMMENTS, Entity.CHANGELOGS, Entity.WORKLOGS,
      Entity.ATTACHMENTS, Entity.ISSUE_LINKS, Entity.USERS, Entity.PROJECTS, Entity.VERSIONS};
  static final Map<Entity, Map<String, String>> reference = new java.util.EnumMap<>(Entity.class);

  static Dataset dataset() {
    return Dataset.builder().projects(2).issuesPerProject(40).build();
  }

  @BeforeAll
  static void faultFree() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      assertEquals(RunStatus.SUCCEEDED, sync.sync(f.connectionId(), SyncRequest.full()).status());
      for (Entity e : CHECKED) reference.put(e, Snapshots.of(sync.store(), f.connectionId(), e));
    }
  }

  /** Every fault of the transport and the server; the paging misbehaviours have their own PaginationGuardsTest. */
  @ParameterizedTest
  @EnumSource(value = FaultType.class, mode = EnumSource.Mode.MATCH_NONE, names = "PAGE_.*")
  void withFivePercentFaultsTheSyncConvergesToJirasState(FaultType type) {
    Faults faults = Faults.builder().inject("/rest/api/3/*", type, 0.05).seed(42)
        .latency(Duration.ofMillis(1)).retryAfter(Duration.ofSeconds(1)).build();
    try (FakeJira f = FakeJira.start(FakeJiraCloud.builder().dataset(dataset()).faults(faults));
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      List<SyncRun> runs = new ArrayList<>();
      SyncRun run;
      do {
        run = sync.sync(f.connectionId(), SyncRequest.incremental());
        runs.add(run);
        // A failed run is typed and resumable; it never leaves wrong rows behind.
        for (SyncError e : run.errors()) {
          if (e.kind() == SyncError.Kind.INTERNAL) throw new AssertionError("untyped failure: " + e.describe());
        }
      } while (run.status() != RunStatus.SUCCEEDED && runs.size() < 5);
      assertEquals(RunStatus.SUCCEEDED, run.status(), runs::toString);
      for (Entity e : CHECKED) {
        assertEquals(reference.get(e), Snapshots.of(sync.store(), f.connectionId(), e), e + " under " + type);
      }
      FullSyncTest.assertCountsMatch(f.data(), sync.store(), f.connectionId());
    }
  }
}
