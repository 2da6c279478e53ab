package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.StoreException;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.JournalEntry;
import dev.jirasdk.testkit.SiteData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issues deleted in Jira are found in the next incremental run by comparing counts per id range, at a cost of
 * O(ranges + deletions); the estimate only chooses where to look, and the budgeted census stays the safety net.
 */
class DeletionDetectionTest {

  static Dataset dataset() {
    return Dataset.builder().projects(2).issuesPerProject(300).worklogsPerIssue(3).linksPerIssue(1.5).build();
  }

  private static String projectId(SyncStore store, String conn, String key) {
    for (StoredRecord r : store.records(conn, Entity.PROJECTS, null, 100, true).items()) {
      if (key.equals(r.record().column(Columns.Project.KEY))) return r.record().id();
    }
    throw new AssertionError("no project " + key);
  }

  private static List<StoredRecord> all(SyncStore store, String conn, Entity e) {
    List<StoredRecord> out = new ArrayList<>();
    RecordCursor after = null;
    while (true) {
      RecordPage p = store.records(conn, e, after, 500, true);
      out.addAll(p.items());
      if (p.next().isEmpty()) return out;
      after = p.next().get();
    }
  }

  /** No live child of a tombstoned issue and no live link pointing at one. */
  private static void assertNothingLiveHangsOnADeletedIssue(SyncStore store, String conn) {
    Set<String> deleted = new HashSet<>();
    for (StoredRecord r : all(store, conn, Entity.ISSUES)) if (r.deleted()) deleted.add(r.record().id());
    for (Entity e : Entity.values()) {
      if (!e.isIssueChild()) continue;
      for (StoredRecord r : all(store, conn, e)) {
        if (r.deleted()) continue;
        assertFalse(deleted.contains(r.record().parentId()), e + " " + r.record().id() + " of a deleted issue is live");
        if (e == Entity.ISSUE_LINKS) {
          Object target = r.record().column(Columns.IssueLink.OUTWARD_ISSUE_ID);
          assertFalse(deleted.contains(target), "link " + r.record().id() + " points at deleted issue " + target);
        }
      }
    }
  }

  private static long requests(FakeJira f, String path) {
    return f.fake.requestCount("POST", path);
  }

  @Test
  void theNextIncrementalRunTombstonesExactlyTheDeletedIssuesTheirChildrenAndTheLinksPointingAtThem() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      String conn = f.connectionId();
      SyncStore store = sync.store();
      assertEquals(RunStatus.SUCCEEDED, sync.sync(conn, SyncRequest.incremental()).status());
      SiteData d = f.data();
      String key = d.projectKeys().get(0);
      // A link stored under one issue that points at an issue of the first project: deleting the target must take it.
      StoredRecord inbound = all(store, conn, Entity.ISSUE_LINKS).stream()
          .filter(l -> d.issueIds(key).contains((String) l.record().column(Columns.IssueLink.OUTWARD_ISSUE_ID)))
          .filter(l -> !l.record().parentId().equals(l.record().column(Columns.IssueLink.OUTWARD_ISSUE_ID)))
          .findFirst().orElseThrow();
      String linkTarget = (String) inbound.record().column(Columns.IssueLink.OUTWARD_ISSUE_ID);
      String withWorklogs = d.issueIds(key).stream().filter(i -> !i.equals(linkTarget) && d.worklogIds(i).size() > 1)
          .findFirst().orElseThrow();
      List<String> worklogs = d.worklogIds(withWorklogs);
      List<String> victims = new ArrayList<>(List.of(linkTarget, withWorklogs));
      for (String id : d.issueIds(key)) {
        if (victims.size() == 5) break;
        if (!victims.contains(id)) victims.add(id);
      }
      long liveBefore = store.count(conn, Entity.ISSUES);
      f.advance(Duration.ofMinutes(5));
      for (String id : victims) d.deleteIssue(id);
      f.advance(Duration.ofMinutes(2));
      f.fake.clearJournal();

      SyncRun run = sync.sync(conn, SyncRequest.incremental());

      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      assertEquals(victims.size(), run.counts(Entity.ISSUES).deleted());
      for (String id : victims) assertTrue(store.find(conn, Entity.ISSUES, id).orElseThrow().deleted(), id);
      assertEquals(liveBefore - victims.size(), store.count(conn, Entity.ISSUES), "nothing else was tombstoned");
      assertEquals(d.issueCount(), store.count(conn, Entity.ISSUES));
      for (String w : worklogs) assertTrue(store.find(conn, Entity.WORKLOGS, w).orElseThrow().deleted(), w);
      assertTrue(store.find(conn, Entity.ISSUE_LINKS, inbound.record().id()).orElseThrow().deleted(),
          "the link of issue " + inbound.record().parentId() + " pointing at " + linkTarget);
      assertFalse(store.find(conn, Entity.ISSUES, inbound.record().parentId()).map(StoredRecord::deleted)
          .orElse(true), "the issue owning the inbound link lives on");
      assertNothingLiveHangsOnADeletedIssue(store, conn);
      String pid = projectId(store, conn, key);
      assertTrue(store.checkpoint(conn, "issues.census", pid).isPresent());
      assertEquals(List.of(), f.fake.unmatchedRequests());
    }
  }

  @Test
  void withoutDeletionsTheCheckIsOneCountPerProjectAndNoCensus() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      String conn = f.connectionId();
      sync.sync(conn, SyncRequest.incremental());
      SiteData d = f.data();
      long projects = d.projectKeys().stream().filter(k -> !d.projectArchived(k)).count();
      f.advance(Duration.ofMinutes(30));
      d.editIssue(d.issueIds(d.projectKeys().get(0)).get(7), "an edit, not a deletion");
      d.createIssue(d.projectKeys().get(1), "a creation, not a deletion");
      f.advance(Duration.ofMinutes(2));
      f.fake.clearJournal();

      SyncRun run = sync.sync(conn, SyncRequest.incremental());

      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      assertEquals(0, run.counts(Entity.ISSUES).deleted());
      long counts = requests(f, "/rest/api/3/search/approximate-count");
      // The run's own estimates (at most two: changed issues, all issues), then one range count per project.
      assertTrue(counts >= projects && counts <= 2 + projects, counts + " counts for " + projects + " projects");
      assertEquals(projects, requests(f, "/rest/api/3/search/jql"), "the incremental pass only: no census");
      assertEquals(0, requests(f, "/rest/api/3/issue/bulkfetch"));
    }
  }

  @Test
  void anEstimateThatLagsNeverTombstonesAnIssueThatExists() {
    FakeJiraCloud.Builder lagging = FakeJiraCloud.builder().dataset(dataset()).approximateCountLag(Duration.ofHours(2));
    try (FakeJira f = FakeJira.start(lagging);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      String conn = f.connectionId();
      sync.sync(conn, SyncRequest.incremental());
      SiteData d = f.data();
      String key = d.projectKeys().get(0);
      f.advance(Duration.ofMinutes(5));
      // New issues the estimate does not count yet: the store has more than Jira's count says, twice over.
      List<String> created = List.of(d.createIssue(key, "new one"), d.createIssue(key, "new two"));
      List<String> createdIds = created.stream().map(d::issueId).toList();
      String victim = d.issueIds(key).get(11);
      d.deleteIssue(victim);
      f.advance(Duration.ofMinutes(2));
      Set<String> existing = new HashSet<>();
      for (String k : d.projectKeys()) existing.addAll(d.issueIds(k));
      for (int run = 0; run < 3; run++) {
        SyncRun r = sync.sync(conn, SyncRequest.incremental());
        assertEquals(RunStatus.SUCCEEDED, r.status(), () -> r.errors().toString());
        assertEquals(0, r.counts(Entity.ISSUES).deleted(), "run " + run + ": the estimate differs, nothing is gone");
        for (String id : existing) {
          assertFalse(sync.store().find(conn, Entity.ISSUES, id).map(StoredRecord::deleted).orElse(false),
              "run " + run + ": " + id + " exists in Jira");
        }
        for (String id : createdIds) assertTrue(sync.store().find(conn, Entity.ISSUES, id).isPresent());
        f.advance(Duration.ofMinutes(5));
      }
      f.advance(Duration.ofHours(2));
      SyncRun caughtUp = sync.sync(conn, SyncRequest.incremental());
      assertEquals(1, caughtUp.counts(Entity.ISSUES).deleted());
      assertTrue(sync.store().find(conn, Entity.ISSUES, victim).orElseThrow().deleted(),
          "once the estimate has caught up, the deletion shows and is confirmed");
      assertEquals(d.issueCount(), sync.store().count(conn, Entity.ISSUES));
    }
  }

  @Test
  void aDeletionTheEstimateStillCountsIsFoundOnceTheEstimateCatchesUp() {
    FakeJiraCloud.Builder lagging = FakeJiraCloud.builder().dataset(dataset()).approximateCountLag(Duration.ofMinutes(30));
    try (FakeJira f = FakeJira.start(lagging);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      String conn = f.connectionId();
      sync.sync(conn, SyncRequest.incremental());
      SiteData d = f.data();
      String victim = d.issueIds(d.projectKeys().get(1)).get(20);
      f.advance(Duration.ofMinutes(5));
      d.deleteIssue(victim);
      f.advance(Duration.ofMinutes(2));
      f.fake.clearJournal();
      SyncRun blind = sync.sync(conn, SyncRequest.incremental());
      assertEquals(0, blind.counts(Entity.ISSUES).deleted(), "the estimate still counts it: nothing to see yet");
      assertFalse(sync.store().find(conn, Entity.ISSUES, victim).orElseThrow().deleted());
      assertEquals(0, requests(f, "/rest/api/3/issue/bulkfetch"));
      f.advance(Duration.ofMinutes(30));
      SyncRun caughtUp = sync.sync(conn, SyncRequest.incremental());
      assertEquals(1, caughtUp.counts(Entity.ISSUES).deleted());
      assertTrue(sync.store().find(conn, Entity.ISSUES, victim).orElseThrow().deleted());
    }
  }

  /** The census (for what counts cannot see) spends at most the cap per run and goes on where it stopped. */
  @Test
  void theCensusRespectsItsPointsCapAndResumesWhereItStopped() {
    // The estimate lags a day, so only the census can find the deletion.
    FakeJiraCloud.Builder blind = FakeJiraCloud.builder()
        .dataset(Dataset.builder().projects(1).issuesPerProject(100).build()).approximateCountLag(Duration.ofDays(1));
    try (FakeJira f = FakeJira.start(blind);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).censusInterval(Duration.ZERO).idPageSize(10)
            .censusPointsCap(33).build()) {
      String conn = f.connectionId();
      sync.sync(conn, SyncRequest.incremental());
      SiteData d = f.data();
      String key = d.projectKeys().get(0);
      String pid = projectId(sync.store(), conn, key);
      List<String> ids = new ArrayList<>(d.issueIds(key));
      ids.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
      String victim = ids.get(ids.size() - 5);
      f.advance(Duration.ofMinutes(5));
      d.deleteIssue(victim);
      int runs = 0;
      long censusPages = 0;
      while (!sync.store().find(conn, Entity.ISSUES, victim).orElseThrow().deleted()) {
        assertTrue(++runs <= 5, "the census reached the deleted issue within five runs");
        f.advance(Duration.ofMinutes(2));
        f.fake.clearJournal();
        SyncRun run = sync.sync(conn, SyncRequest.incremental());
        assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
        long pages = 0;
        long points = 0;
        boolean first = true;
        for (JournalEntry e : f.fake.journal()) {
          if (!e.path().endsWith("/rest/api/3/search/jql")) continue;
          if (first) { // the incremental pass
            first = false;
            continue;
          }
          pages++;
          points += e.points();
        }
        assertTrue(points <= 33, "census points " + points + " within the cap in run " + runs);
        assertTrue(pages <= 3, "pages of 10 ids (11 points) within 33 points: " + pages);
        censusPages += pages;
        if (!sync.store().find(conn, Entity.ISSUES, victim).orElseThrow().deleted()) {
          String cp = sync.store().checkpoint(conn, "issues.census", pid).orElseThrow().value();
          assertTrue(cp.contains("\"from\""), "a census in progress remembers where it stopped: " + cp);
        }
      }
      assertTrue(runs >= 3, "96 ids at 30 per run take several runs, took " + runs);
      assertTrue(censusPages >= 9, "every id was listed once: " + censusPages);
      assertEquals(99, sync.store().count(conn, Entity.ISSUES));
      assertFalse(sync.store().checkpoint(conn, "issues.census", pid).orElseThrow().value().contains("\"from\""),
          "the census completed");
    }
  }

  @Test
  void aCapOfZeroTurnsTheCensusOffButNotTheRangeCheck() {
    try (FakeJira f = FakeJira.start(Dataset.builder().projects(1).issuesPerProject(60).build());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).censusInterval(Duration.ZERO).censusPointsCap(0)
            .build()) {
      String conn = f.connectionId();
      sync.sync(conn, SyncRequest.incremental());
      SiteData d = f.data();
      String victim = d.issueIds(d.projectKeys().get(0)).get(30);
      f.advance(Duration.ofMinutes(5));
      d.deleteIssue(victim);
      SyncRun run = sync.sync(conn, SyncRequest.incremental());
      assertEquals(1, run.counts(Entity.ISSUES).deleted());
      assertTrue(sync.store().find(conn, Entity.ISSUES, victim).orElseThrow().deleted());
    }
  }

  @Test
  void aRunThatDiesWhileTombstoningIsRepairedByTheNextRun() {
    AtomicBoolean failTombstones = new AtomicBoolean();
    SyncStore failing = new ForwardingSyncStore(new InMemorySyncStore()) {
      @Override
      public PageResult commitPage(String connectionId, SyncPage page) {
        if (failTombstones.get() && page.tombstones().stream().anyMatch(t -> t.entity() == Entity.ISSUES)) {
          throw new StoreException("disk full (test)", null);
        }
        return super.commitPage(connectionId, page);
      }
    };
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = f.sync(failing).build()) {
      String conn = f.connectionId();
      sync.sync(conn, SyncRequest.incremental());
      SiteData d = f.data();
      List<String> victims = List.copyOf(d.issueIds(d.projectKeys().get(0)).subList(40, 43));
      f.advance(Duration.ofMinutes(5));
      for (String id : victims) d.deleteIssue(id);
      failTombstones.set(true);
      SyncRun died = sync.sync(conn, SyncRequest.incremental());
      assertNotEquals(RunStatus.SUCCEEDED, died.status());
      for (String id : victims) {
        assertFalse(failing.find(conn, Entity.ISSUES, id).orElseThrow().deleted(), "nothing half-written: " + id);
      }
      failTombstones.set(false);
      f.advance(Duration.ofMinutes(5));
      SyncRun again = sync.sync(conn, SyncRequest.incremental());
      assertEquals(RunStatus.SUCCEEDED, again.status(), () -> again.errors().toString());
      assertEquals(victims.size(), again.counts(Entity.ISSUES).deleted());
      assertEquals(d.issueCount(), failing.count(conn, Entity.ISSUES));
      assertNothingLiveHangsOnADeletedIssue(failing, conn);
    }
  }
}
