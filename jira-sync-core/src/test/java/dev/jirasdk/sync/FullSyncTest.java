package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.internal.Json;
import dev.jirasdk.sync.internal.Mapper;
import dev.jirasdk.sync.internal.PageParser;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.SiteData;
import java.util.List;
import org.junit.jupiter.api.Test;

class FullSyncTest {

  static void assertCountsMatch(SiteData d, SyncStore store, String conn) {
    assertEquals(d.projectCount() + d.archivedProjectCount(), store.count(conn, Entity.PROJECTS), "projects");
    assertEquals(d.issueCount(), store.count(conn, Entity.ISSUES), "issues");
    assertEquals(d.commentCount(), store.count(conn, Entity.COMMENTS), "comments");
    assertEquals(d.worklogCount(), store.count(conn, Entity.WORKLOGS), "worklogs");
    assertEquals(d.changelogCount(), store.count(conn, Entity.CHANGELOGS), "changelogs");
    assertEquals(d.attachmentCount(), store.count(conn, Entity.ATTACHMENTS), "attachments");
    assertEquals(d.issueLinkCount(), store.count(conn, Entity.ISSUE_LINKS), "issue links");
    assertEquals(d.userCount(), store.count(conn, Entity.USERS), "users");
    assertEquals(d.groupCount(), store.count(conn, Entity.GROUPS), "groups");
    assertEquals(d.issueTypeCount(), store.count(conn, Entity.ISSUE_TYPES), "issue types");
    assertEquals(d.priorityCount(), store.count(conn, Entity.PRIORITIES), "priorities");
    assertEquals(d.statusCount(), store.count(conn, Entity.STATUSES), "statuses");
    assertEquals(d.resolutionCount(), store.count(conn, Entity.RESOLUTIONS), "resolutions");
    assertEquals(d.fieldCount(), store.count(conn, Entity.FIELDS), "fields");
    assertEquals(d.labelCount(), store.count(conn, Entity.LABELS), "labels");
    assertEquals(d.componentCount(), store.count(conn, Entity.COMPONENTS), "components");
    assertEquals(d.versionCount(), store.count(conn, Entity.VERSIONS), "versions");
    assertEquals(d.workflowCount(), store.count(conn, Entity.WORKFLOWS), "workflows");
    assertEquals(d.dashboardCount(), store.count(conn, Entity.DASHBOARDS), "dashboards");
    assertEquals(d.filterCount(), store.count(conn, Entity.FILTERS), "filters");
    assertEquals(d.permissionCount(), store.count(conn, Entity.PERMISSIONS), "permissions");
  }

  @Test
  void aSiteWith12000IssuesInOneProjectSyncsCompletely() {
    try (FakeJira f = FakeJira.start(Dataset.builder().projects(8).issuesPerProject(15).largeProject(12_000)
        .users(40).commentsPerIssue(1).changelogPerIssue(1).worklogsPerIssue(1).attachmentsPerIssue(1)
        .heavyIssueEvery(2_000).build());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).parallelism(3).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      assertCountsMatch(f.data(), sync.store(), f.connectionId());
      assertRawJsonRoundTrips(f, sync.store());
      assertEquals(12_000 + 7 * 15, run.estimatedIssues());
    }
  }

  /** The stored raw JSON is byte for byte what Jira serves for the issue with the same fields. */
  static void assertRawJsonRoundTrips(FakeJira f, SyncStore store) {
    RecordPage page = store.records(f.connectionId(), Entity.ISSUES, null, 5, false);
    assertEquals(5, page.items().size());
    JiraClient client = f.oauth.jiraClient(f.connectionId());
    for (StoredRecord r : page.items()) {
      String body = client.executeForString(JiraRequest.post("rest/api/3/issue/bulkfetch")
          .jsonBody("{\"issueIdsOrKeys\":[\"" + r.record().id() + "\"],\"fields\":[\"*all\",\"-worklog\"],"
              + "\"expand\":[\"changelog\"]}").safeToRetry().build());
      String served = PageParser.parse(body, "issues", false).items().get(0).json();
      assertEquals(served, r.record().rawJson());
      assertEquals(r.record().column(Columns.Issue.KEY), Json.str(Mapper.decode(r.record().rawJson()), "key"));
    }
  }

  @Test
  void aSmallSiteSyncsEveryStream() {
    try (FakeJira f = FakeJira.start(Dataset.builder().projects(3).issuesPerProject(30).commentsPerIssue(25)
        .changelogPerIssue(25).build());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      long pointsBefore = f.fake.pointsSpent();
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      assertCountsMatch(f.data(), sync.store(), f.connectionId());
      assertTrue(run.points() > 0);
      assertEquals(f.fake.pointsSpent() - pointsBefore, run.points(), "points counted as Atlassian costs them");
      assertEquals(List.of(), f.fake.unmatchedRequests(), "every request is an operation of Jira's spec");
      assertRawJsonRoundTrips(f, sync.store());
    }
  }
}
