package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.SiteData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Archived issues (Jira Premium and Enterprise) leave search like deleted ones: the sync marks them archived, never
 * tombstones them, keeps their children, and brings them back live once they are restored.
 */
class ArchivedIssuesSyncTest {

  static Dataset dataset() {
    return Dataset.builder().projects(2).issuesPerProject(120).worklogsPerIssue(2).build();
  }

  private static String projectId(SyncStore store, String conn, String key) {
    for (StoredRecord r : store.records(conn, Entity.PROJECTS, null, 100, true).items()) {
      if (key.equals(r.record().column(Columns.Project.KEY))) return r.record().id();
    }
    throw new AssertionError("no project " + key);
  }

  @Test
  void threeArchivedAndTwoDeletedIssuesAreThreeArchivedAndTwoTombstonedAndTheArchivedKeepTheirChildren() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      String conn = f.connectionId();
      SyncStore store = sync.store();
      assertEquals(RunStatus.SUCCEEDED, sync.sync(conn, SyncRequest.incremental()).status());
      SiteData d = f.data();
      List<String> ids = d.issueIds(d.projectKeys().get(0));
      List<String> archived = ids.subList(3, 6);
      List<String> deleted = ids.subList(10, 12);
      List<String> worklogs = d.worklogIds(archived.get(0));
      assertFalse(worklogs.isEmpty());
      long liveBefore = store.count(conn, Entity.ISSUES);
      f.advance(Duration.ofMinutes(5));
      d.archiveIssues(archived.toArray(String[]::new));
      for (String id : deleted) d.deleteIssue(id);
      f.advance(Duration.ofMinutes(2));
      f.fake.clearJournal();

      SyncRun run = sync.sync(conn, SyncRequest.incremental());

      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      assertEquals(2, run.counts(Entity.ISSUES).deleted(), "only the deleted ones are counted as deleted");
      for (String id : archived) {
        StoredRecord r = store.find(conn, Entity.ISSUES, id).orElseThrow();
        assertTrue(r.archived(), id);
        assertFalse(r.deleted(), id);
      }
      for (String id : deleted) assertTrue(store.find(conn, Entity.ISSUES, id).orElseThrow().deleted(), id);
      for (String w : worklogs) assertTrue(store.find(conn, Entity.WORKLOGS, w).orElseThrow().live(), w);
      assertEquals(liveBefore - 5, store.count(conn, Entity.ISSUES));
      assertEquals(d.issueCount(), store.count(conn, Entity.ISSUES));
      assertEquals(5, f.fake.requestCount("GET", "/rest/api/3/issue/{id}"), "one confirmation per vanished issue");
      assertEquals(List.of(), f.fake.unmatchedRequests());

      f.fake.clearJournal();
      SyncRun quiet = sync.sync(conn, SyncRequest.incremental());
      assertEquals(RunStatus.SUCCEEDED, quiet.status(), () -> quiet.errors().toString());
      assertEquals(0, f.fake.requestCount("GET", "/rest/api/3/issue/{id}"), "archived issues are not asked again");
      assertTrue(store.find(conn, Entity.ISSUES, archived.get(0)).orElseThrow().archived());
    }
  }

  @Test
  void theIssuesOfAnArchivedProjectAreArchivedAndNothingIsTombstoned() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      String conn = f.connectionId();
      SyncStore store = sync.store();
      assertEquals(RunStatus.SUCCEEDED, sync.sync(conn, SyncRequest.incremental()).status());
      SiteData d = f.data();
      String key = d.projectKeys().get(0);
      String pid = projectId(store, conn, key);
      long inProject = store.count(conn, Entity.ISSUES, pid);
      long comments = store.count(conn, Entity.COMMENTS);
      assertTrue(inProject > 0);
      f.advance(Duration.ofMinutes(5));
      d.archiveProject(key);
      f.fake.clearJournal();

      SyncRun run = sync.sync(conn, SyncRequest.incremental());

      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      assertEquals(0, run.counts().values().stream().mapToLong(Counts::deleted).sum(), "nothing tombstoned");
      assertEquals(0, store.count(conn, Entity.ISSUES, pid));
      for (String id : d.issueIds(key)) assertTrue(store.find(conn, Entity.ISSUES, id).orElseThrow().archived(), id);
      assertEquals(comments, store.count(conn, Entity.COMMENTS), "their children stay");
      assertEquals(0, f.fake.requestCount("GET", "/rest/api/3/issue/{id}"), "no request per issue");

      f.advance(Duration.ofMinutes(5));
      d.restoreProject(key);
      SyncRun back = sync.sync(conn, SyncRequest.incremental());
      assertEquals(RunStatus.SUCCEEDED, back.status(), () -> back.errors().toString());
      assertEquals(inProject, store.count(conn, Entity.ISSUES, pid), "restored, the project is read whole again");
      assertTrue(store.find(conn, Entity.ISSUES, d.issueIds(key).get(0)).orElseThrow().live());
    }
  }

  @Test
  void anUnarchivedIssueComesBackLive() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      String conn = f.connectionId();
      SyncStore store = sync.store();
      assertEquals(RunStatus.SUCCEEDED, sync.sync(conn, SyncRequest.incremental()).status());
      SiteData d = f.data();
      String id = d.issueIds(d.projectKeys().get(1)).get(7);
      long live = store.count(conn, Entity.ISSUES);
      f.advance(Duration.ofMinutes(5));
      d.archiveIssues(id);
      f.advance(Duration.ofMinutes(2));
      assertEquals(RunStatus.SUCCEEDED, sync.sync(conn, SyncRequest.incremental()).status());
      assertTrue(store.find(conn, Entity.ISSUES, id).orElseThrow().archived());
      assertEquals(live - 1, store.count(conn, Entity.ISSUES));

      f.advance(Duration.ofMinutes(5));
      d.unarchiveIssues(id);
      f.advance(Duration.ofMinutes(2));
      SyncRun run = sync.sync(conn, SyncRequest.incremental());

      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      StoredRecord back = store.find(conn, Entity.ISSUES, id).orElseThrow();
      assertTrue(back.live());
      assertEquals(live, store.count(conn, Entity.ISSUES));
      assertEquals(0, run.counts().values().stream().mapToLong(Counts::deleted).sum());
    }
  }
}
