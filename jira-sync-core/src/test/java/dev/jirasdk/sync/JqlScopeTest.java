package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.SiteData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A sync scoped by JQL: what it stores, its cursors per filter, its deletions and its worklogs. */
class JqlScopeTest {
  private static final Dataset DATA = Dataset.builder().projects(2).issuesPerProject(40).worklogsPerIssue(2)
      .labels(4).build();

  /** Issue ids per label, from the fake's model. */
  private static Map<String, Set<String>> byLabel(SiteData d) {
    Map<String, Set<String>> m = new HashMap<>();
    for (String key : d.projectKeys()) {
      if (d.projectArchived(key)) continue;
      for (String id : d.issueIds(key)) for (String l : d.labels(id)) m.computeIfAbsent(l, k -> new TreeSet<>()).add(id);
    }
    return m;
  }

  private static Set<String> liveIssues(SyncStore store, String conn) {
    Set<String> out = new TreeSet<>();
    for (StoredRecord r : store.records(conn, Entity.ISSUES, null, 10_000, false).items()) out.add(r.record().id());
    return out;
  }

  private static String mostUsed(Map<String, Set<String>> byLabel) {
    return byLabel.entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size())).orElseThrow()
        .getKey();
  }

  @Test
  void aFilterLimitsIssuesAndWorklogsAndAnIssueThatLeavesItIsNotDeleted() {
    try (FakeJira f = FakeJira.start(DATA);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SiteData d = f.data();
      Map<String, Set<String>> labels = byLabel(d);
      String label = mostUsed(labels);
      Set<String> expected = labels.get(label);
      assertTrue(expected.size() >= 3 && expected.size() < d.issueCount(), expected::toString);
      SyncRequest scoped = SyncRequest.full().withJql("labels = " + label);
      SyncRun run = sync.sync(f.connectionId(), scoped);
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      assertEquals(expected, liveIssues(sync.store(), f.connectionId()));
      // Worklogs: only those of issues the filter covers, all of them.
      Set<String> worklogs = new TreeSet<>();
      for (String id : expected) worklogs.addAll(d.worklogIds(id));
      Set<String> storedWorklogs = new TreeSet<>();
      for (StoredRecord w : sync.store().records(f.connectionId(), Entity.WORKLOGS, null, 10_000, false).items()) {
        storedWorklogs.add(w.record().id());
      }
      assertFalse(worklogs.isEmpty());
      assertEquals(worklogs, storedWorklogs);

      List<String> ids = new ArrayList<>(expected);
      String leaves = ids.get(0);
      String deleted = ids.get(1);
      f.advance(Duration.ofMinutes(5));
      d.setLabels(leaves, "somewhere-else");
      d.deleteIssue(deleted);
      f.advance(Duration.ofMinutes(5));
      SyncRun incremental = sync.sync(f.connectionId(), scoped.withMode(SyncMode.INCREMENTAL));
      assertEquals(RunStatus.SUCCEEDED, incremental.status(), () -> incremental.errors().toString());
      StoredRecord left = sync.store().find(f.connectionId(), Entity.ISSUES, leaves).orElseThrow();
      assertNull(left.deletedAt(), "an issue that left the filter is not deleted");
      assertTrue(sync.store().find(f.connectionId(), Entity.ISSUES, deleted).orElseThrow().deleted(),
          "an issue the filter covered and Jira deleted is tombstoned");
    }
  }

  @Test
  void aChangedFilterReReadsWhatItCoversNowInsteadOfTrustingTheOldCursor() {
    try (FakeJira f = FakeJira.start(DATA);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SiteData d = f.data();
      Map<String, Set<String>> labels = byLabel(d);
      List<String> names = new ArrayList<>(labels.keySet());
      String first = names.get(0);
      String second = names.get(1);
      sync.sync(f.connectionId(), SyncRequest.incremental().withStreams(Entity.ISSUES).withJql("labels = " + first));
      assertEquals(labels.get(first), liveIssues(sync.store(), f.connectionId()));
      f.advance(Duration.ofMinutes(10));
      // Nothing changed in Jira since: an incremental run trusting the first cursor would read nothing.
      SyncRun run = sync.sync(f.connectionId(),
          SyncRequest.incremental().withStreams(Entity.ISSUES).withJql("labels = " + second));
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      Set<String> both = new TreeSet<>(labels.get(first));
      both.addAll(labels.get(second));
      assertEquals(both, liveIssues(sync.store(), f.connectionId()), "the second filter's issues were read");
    }
  }

  @Test
  void projectsAndAFilterTogetherMeanBoth() {
    try (FakeJira f = FakeJira.start(DATA);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SiteData d = f.data();
      String project = d.projectKeys().get(0);
      String label = mostUsed(byLabel(d));
      Set<String> expected = new TreeSet<>();
      for (String id : d.issueIds(project)) if (d.labels(id).contains(label)) expected.add(id);
      sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.ISSUES, Entity.WORKLOGS)
          .withProjects(project).withJql("labels in (" + label + ")"));
      assertEquals(expected, liveIssues(sync.store(), f.connectionId()));
      for (StoredRecord w : sync.store().records(f.connectionId(), Entity.WORKLOGS, null, 10_000, false).items()) {
        assertTrue(expected.contains(w.record().parentId()), w.record().toString());
      }
    }
  }

  @Test
  void withProjectsAloneKeepsOnlyTheWorklogsOfThoseProjects() {
    try (FakeJira f = FakeJira.start(DATA);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SiteData d = f.data();
      String project = d.projectKeys().get(1);
      Set<String> expected = new TreeSet<>();
      for (String id : d.issueIds(project)) expected.addAll(d.worklogIds(id));
      sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.WORKLOGS).withProjects(project));
      Set<String> stored = new TreeSet<>();
      for (StoredRecord w : sync.store().records(f.connectionId(), Entity.WORKLOGS, null, 10_000, false).items()) {
        stored.add(w.record().id());
      }
      assertFalse(expected.isEmpty());
      assertEquals(expected, stored);
    }
  }

  @Test
  void aFilterIsValidatedWhenTheRequestIsMade() {
    SyncRequest r = SyncRequest.incremental();
    assertEquals("labels = x", r.withJql("  labels = x ").jql());
    assertNull(r.withJql("labels = x").withJql(null).jql());
    for (String bad : List.of(" ", "labels = x ORDER BY updated", "labels = \"x", "(labels = x", "labels = x)",
        "labels = x\u0000")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.withJql(bad), bad);
      assertTrue(e.getMessage().startsWith("jql"), e.getMessage());
    }
    assertEquals("summary ~ \"order by\"", r.withJql("summary ~ \"order by\"").jql());
  }
}
