package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.StoreException;
import dev.jirasdk.testkit.Dataset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issues with thousands of comments and changelog entries are written in chunks, and a crash between is repaired. */
class ChunkedChildrenTest {
  static final SyncRequest REQUEST = SyncRequest.full().withStreams(Entity.PROJECTS, Entity.ISSUES, Entity.COMMENTS,
      Entity.CHANGELOGS);
  static Map<Entity, Map<String, String>> reference = new java.util.EnumMap<>(Entity.class);

  static Dataset dataset() {
    return Dataset.builder().sites(1).projects(1).issuesPerProject(12).heavyIssueEvery(3).commentsPerIssue(3_000)
        .changelogPerIssue(3_000).build();
  }

  @BeforeAll
  static void reference() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      assertEquals(RunStatus.SUCCEEDED, sync.sync(f.connectionId(), REQUEST).status());
      // The reference is Jira's own count, not another run of the same code.
      assertEquals(f.data().commentCount(), sync.store().count(f.connectionId(), Entity.COMMENTS), "comments");
      assertEquals(f.data().changelogCount(), sync.store().count(f.connectionId(), Entity.CHANGELOGS), "changelogs");
      for (Entity e : List.of(Entity.ISSUES, Entity.COMMENTS, Entity.CHANGELOGS)) {
        reference.put(e, Snapshots.of(sync.store(), f.connectionId(), e));
      }
    }
  }

  @Test
  void childrenBeyondAChunkAreWrittenInChunksWithTheirIssueFirst() {
    List<SyncPage> commits = new CopyOnWriteArrayList<>();
    try (FakeJira f = FakeJira.start(dataset())) {
      SyncStore store = new ForwardingSyncStore(new InMemorySyncStore(f.clock())) {
        @Override
        public PageResult commitPage(String connectionId, SyncPage page) {
          commits.add(page);
          return super.commitPage(connectionId, page);
        }
      };
      try (JiraSync sync = f.sync(store).build()) {
        assertEquals(RunStatus.SUCCEEDED, sync.sync(f.connectionId(), REQUEST).status());
        assertTrue(f.data().commentCount() > 5_000, "a site with long histories: " + f.data().commentCount());
        long chunks = commits.stream().filter(p -> p.checkpoint() == null && !p.records().isEmpty()
            && p.records().stream().anyMatch(r -> r.entity() != Entity.PROJECTS)).count();
        assertTrue(chunks > 0, "chunks were written");
        for (SyncPage p : commits) {
          // A chunk fills until it passes 1,000 records: at most one answer page (1,000 histories) over it, plus
          // the page's issues and one issue's embedded children. Never an issue's whole history.
          assertTrue(p.records().size() <= 1_000 + 1_000 + 100 + 100, "a commit holds about a chunk: "
              + p.records().size());
        }
        for (Entity e : reference.keySet()) {
          assertEquals(reference.get(e), Snapshots.of(store, f.connectionId(), e), e.toString());
        }
      }
    }
  }

  @Test
  void aCrashAfterAChunkLeavesAStateTheNextRunRepairs() {
    try (FakeJira f = FakeJira.start(dataset())) {
      InMemorySyncStore memory = new InMemorySyncStore(f.clock());
      AtomicInteger chunksLeft = new AtomicInteger(2);
      SyncStore crashing = new ForwardingSyncStore(memory) {
        @Override
        public PageResult commitPage(String connectionId, SyncPage page) {
          // The commit after the second chunk dies, as a process killed there would.
          if (chunksLeft.get() <= 0) throw new StoreException("killed after a chunk (test)");
          if (page.checkpoint() == null && page.records().stream().anyMatch(r -> r.entity().isIssueChild())) {
            chunksLeft.decrementAndGet();
          }
          return super.commitPage(connectionId, page);
        }
      };
      try (JiraSync sync = f.sync(crashing).build()) {
        SyncRun crashed = sync.sync(f.connectionId(), REQUEST);
        assertTrue(crashed.status() != RunStatus.SUCCEEDED);
      }
      try (JiraSync sync = f.sync(memory).build()) {
        SyncRun next = sync.sync(f.connectionId(), SyncRequest.incremental().withStreams(REQUEST.streams()));
        assertEquals(RunStatus.SUCCEEDED, next.status(), next.errors()::toString);
        for (Entity e : reference.keySet()) {
          assertEquals(reference.get(e), Snapshots.of(memory, f.connectionId(), e), e.toString());
        }
      }
    }
  }
}
