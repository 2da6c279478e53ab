package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.SiteData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SelectionAndIsolationTest {

  @Test
  void syncingOnlyProjectsAndIssuesNeverCallsUserOrWorkflowEndpoints() {
    try (FakeJira f = FakeJira.start(Dataset.builder().projects(2).issuesPerProject(20).build());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.PROJECTS, Entity.ISSUES));
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      for (String p : List.of("/rest/api/3/users/search", "/rest/api/3/user*", "/rest/api/3/group*",
          "/rest/api/3/workflows/search", "/rest/api/3/workflow*", "/rest/api/3/worklog*", "/rest/api/3/changelog*",
          "/rest/api/3/dashboard*", "/rest/api/3/permissions")) {
        assertEquals(0, f.fake.requestCount("*", p), p);
      }
      assertEquals(0, f.fake.requestCount("*", "/rest/api/3/issue/*"), "no comment paging when comments are off");
      assertEquals(f.data().issueCount(), sync.store().count(f.connectionId(), Entity.ISSUES));
      assertEquals(0, sync.store().count(f.connectionId(), Entity.COMMENTS));
      assertEquals(List.of("projects", "issues"), run.streams().stream().map(StreamSummary::stream).toList());
    }
  }

  @Test
  void projectsCanBeChosenByKeyAndAnInvisibleOneIsReported() {
    try (FakeJira f = FakeJira.start(Dataset.builder().projects(3).issuesPerProject(12).build());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      String key = f.data().projectKeys().get(1);
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.incremental()
          .withStreams(Entity.PROJECTS, Entity.ISSUES, Entity.VERSIONS).withProjects(key, "NOPE"));
      assertEquals(f.data().issueCount(key), sync.store().count(f.connectionId(), Entity.ISSUES));
      assertEquals(RunStatus.PARTIAL, run.status());
      assertEquals(1, run.errors().size(), run.errors()::toString);
      assertEquals(SyncError.Kind.PERMISSION, run.errors().get(0).kind());
      assertEquals("NOPE", run.errors().get(0).partition());
      assertEquals(1, f.fake.requestCount("GET", "/rest/api/3/project/{id}/version"), "versions of that project only");
    }
  }

  @Test
  void removedAndDeprecatedEndpointsAreNeverCalled() {
    try (FakeJira f = FakeJira.start(Dataset.builder().projects(2).issuesPerProject(10).build());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      assertEquals(RunStatus.SUCCEEDED, sync.sync(f.connectionId(), SyncRequest.full()).status());
      for (String p : List.of("/rest/api/3/search", "/rest/api/3/search/id", "/rest/api/3/project",
          "/rest/api/3/workflow/search", "/rest/api/3/resolution", "/rest/api/3/group")) {
        assertEquals(0, f.fake.requestCount("*", p), p);
      }
    }
  }

  @Test
  void eventsArriveInOrderPerStream() {
    List<SyncEvent> events = new CopyOnWriteArrayList<>();
    try (FakeJira f = FakeJira.start(Dataset.builder().projects(3).issuesPerProject(30).build());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).issuePageSize(10).listener(events::add).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertTrue(events.get(0) instanceof SyncEvent.RunStarted rs && rs.estimatedIssues() == 90, events.get(0)::toString);
      assertTrue(events.get(events.size() - 1) instanceof SyncEvent.RunFinished);
      for (StreamSummary s : run.streams()) {
        List<SyncEvent> mine = new ArrayList<>();
        for (SyncEvent e : events) {
          String stream = e instanceof SyncEvent.StreamStarted x ? x.stream()
              : e instanceof SyncEvent.PageCommitted x ? x.stream()
              : e instanceof SyncEvent.StreamFinished x ? x.stream() : null;
          if (s.stream().equals(stream)) mine.add(e);
        }
        assertTrue(mine.get(0) instanceof SyncEvent.StreamStarted, s.stream());
        assertTrue(mine.get(mine.size() - 1) instanceof SyncEvent.StreamFinished, s.stream());
        assertEquals(s.pages(), mine.size() - 2, s.stream());
      }
      long issuePages = events.stream().filter(e -> e instanceof SyncEvent.PageCommitted p && p.stream().equals("issues"))
          .count();
      assertTrue(issuePages >= 9, "pages of 10 issues: " + issuePages);
    }
  }

  @Test
  void twoConnectionsSyncedConcurrentlyNeverMixRows() throws Exception {
    try (FakeJira f = FakeJira.start(Dataset.builder().sites(2).projects(2).issuesPerProject(30).largeProject(80)
        .build());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).parallelism(4).build()) {
      assertEquals(2, f.connections.size());
      CountDownLatch go = new CountDownLatch(1);
      Map<String, SyncRun> runs = new java.util.concurrent.ConcurrentHashMap<>();
      List<Thread> threads = new ArrayList<>();
      for (SiteConnection c : f.connections) {
        Thread t = new Thread(() -> {
          try {
            go.await();
            runs.put(c.id(), sync.sync(c.id(), SyncRequest.full()));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        t.start();
        threads.add(t);
      }
      go.countDown();
      for (Thread t : threads) t.join();
      for (SiteConnection c : f.connections) {
        assertEquals(RunStatus.SUCCEEDED, runs.get(c.id()).status(), () -> runs.get(c.id()).errors().toString());
        SiteData d = f.fake.data(c.cloudId());
        FullSyncTest.assertCountsMatch(d, sync.store(), c.id());
        RecordCursor after = null;
        while (true) {
          RecordPage p = sync.store().records(c.id(), Entity.ISSUES, after, 200, true);
          for (StoredRecord r : p.items()) {
            assertTrue(r.record().rawJson().contains(c.cloudId()), "issue " + r.record().id() + " of another site");
          }
          if (p.next().isEmpty()) break;
          after = p.next().get();
        }
        assertEquals(1, sync.store().runs(c.id(), 10).size());
      }
      long a = sync.store().count(f.connections.get(0).id(), Entity.ISSUES);
      long b = sync.store().count(f.connections.get(1).id(), Entity.ISSUES);
      assertTrue(a != b, "the sites differ in size, so mixing would show");
    }
  }
}
