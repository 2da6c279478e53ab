package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.StoreException;
import dev.jirasdk.testkit.Dataset;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResumeTest {
  static final SyncRequest REQUEST = SyncRequest.incremental()
      .withStreams(Entity.PROJECTS, Entity.ISSUES, Entity.COMMENTS, Entity.CHANGELOGS);
  static Map<String, String> referenceIssues;
  static Map<String, String> referenceComments;
  static long referenceSearches;

  static Dataset dataset() {
    return Dataset.builder().projects(1).issuesPerProject(600).commentsPerIssue(2).changelogPerIssue(2).build();
  }

  static JiraSync.Builder engine(FakeJira f, SyncStore store) {
    return f.sync(store).issuePageSize(50);
  }

  @BeforeAll
  static void uninterrupted() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = engine(f, new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), REQUEST);
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      referenceIssues = Snapshots.of(sync.store(), f.connectionId(), Entity.ISSUES);
      referenceComments = Snapshots.of(sync.store(), f.connectionId(), Entity.COMMENTS);
      referenceSearches = f.fake.requestCount("POST", "/rest/api/3/search/jql");
      assertEquals(600, referenceIssues.size());
    }
  }

  /** Fails every commit of an issues page after the first {@code allowed}. */
  static final class FailingStore extends ForwardingSyncStore {
    final AtomicInteger allowed;

    FailingStore(SyncStore delegate, int allowed) {
      super(delegate);
      this.allowed = new AtomicInteger(allowed);
    }

    @Override
    public PageResult commitPage(String connectionId, SyncPage page) {
      if (page.checkpoint() != null && page.checkpoint().stream().equals("issues")
          && allowed.getAndDecrement() <= 0) {
        throw new StoreException("disk full (test)");
      }
      return super.commitPage(connectionId, page);
    }
  }

  @Test
  void aRunKilledByTheStoreResumesWithoutGapOrDuplicateFetch() {
    try (FakeJira f = FakeJira.start(dataset())) {
      InMemorySyncStore real = new InMemorySyncStore(f.clock());
      try (JiraSync broken = engine(f, new FailingStore(real, 5)).build()) {
        SyncRun run = broken.sync(f.connectionId(), REQUEST);
        assertEquals(RunStatus.PARTIAL, run.status());
        assertEquals(SyncError.Kind.STORE, run.errors().get(0).kind());
        assertTrue(run.errors().get(0).messages().get(0).contains("disk full"));
        assertEquals(250, real.count(f.connectionId(), Entity.ISSUES), "five pages of 50 committed");
      }
      try (JiraSync sync = engine(f, real).build()) {
        SyncRun run = sync.sync(f.connectionId(), REQUEST);
        assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
        assertEquals(350, run.counts(Entity.ISSUES).created(), "resumed after the last committed page");
      }
      assertEquals(referenceIssues, Snapshots.of(real, f.connectionId(), Entity.ISSUES));
      assertEquals(referenceComments, Snapshots.of(real, f.connectionId(), Entity.COMMENTS));
      // The page in flight when the store failed is fetched again; the resumed pass also runs one id census.
      assertEquals(referenceSearches + 1 + 1, f.fake.requestCount("POST", "/rest/api/3/search/jql"));
    }
  }

  @Test
  void aCancelledRunResumesToTheSameState() {
    try (FakeJira f = FakeJira.start(dataset())) {
      InMemorySyncStore real = new InMemorySyncStore(f.clock());
      AtomicInteger pages = new AtomicInteger();
      JiraSync[] holder = new JiraSync[1];
      try (JiraSync sync = engine(f, real).listener(e -> {
        if (e instanceof SyncEvent.PageCommitted p && p.stream().equals("issues") && pages.incrementAndGet() == 3) {
          holder[0].cancel(e.connectionId());
        }
      }).build()) {
        holder[0] = sync;
        SyncRun run = sync.sync(f.connectionId(), REQUEST);
        assertEquals(RunStatus.CANCELLED, run.status());
        assertTrue(real.count(f.connectionId(), Entity.ISSUES) < 600);
      }
      try (JiraSync sync = engine(f, real).build()) {
        SyncRun run = sync.sync(f.connectionId(), REQUEST);
        assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      }
      assertEquals(referenceIssues, Snapshots.of(real, f.connectionId(), Entity.ISSUES));
      assertEquals(referenceComments, Snapshots.of(real, f.connectionId(), Entity.COMMENTS));
    }
  }

  @Test
  void anExpiredPageTokenRestartsThePartitionFromTheStoredCursor() {
    try (FakeJira f = FakeJira.start(dataset())) {
      InMemorySyncStore real = new InMemorySyncStore(f.clock());
      try (JiraSync broken = engine(f, new FailingStore(real, 4)).build()) {
        assertEquals(RunStatus.PARTIAL, broken.sync(f.connectionId(), REQUEST).status());
      }
      f.advance(Duration.ofDays(8));
      try (JiraSync sync = engine(f, real).build()) {
        SyncRun run = sync.sync(f.connectionId(), REQUEST);
        assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
        assertTrue(run.notes().stream().anyMatch(n -> n.contains("page token")), run.notes()::toString);
      }
      assertEquals(referenceIssues, Snapshots.of(real, f.connectionId(), Entity.ISSUES));
      assertEquals(referenceComments, Snapshots.of(real, f.connectionId(), Entity.COMMENTS));
    }
  }
}
