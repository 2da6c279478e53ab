package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.internal.Json;
import dev.jirasdk.testkit.AgileData;
import dev.jirasdk.testkit.Dataset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The measurement behind the choice of reading sprint membership from the issues' Sprint field rather than from
 * {@code sprint/{id}/issue} (docs/sync.md quotes the printed figures): the points each way costs on the testkit,
 * as Jira (the fake) charges them and as the sync counts them.
 */
class SprintMembershipCostTest {
  static Dataset dataset() {
    return Dataset.builder().projects(4).issuesPerProject(250).sprintsPerBoard(6).build();
  }

  @Test
  void theSprintFieldCostsFarFewerPointsThanListingEverySprintsIssues() {
    // sprint/{id}/issue needs two more granular scopes than the sprints stream
    String[] scopes = java.util.stream.Stream.concat(java.util.Arrays.stream(AgileSyncTest.AGILE_SCOPES),
        java.util.stream.Stream.of("read:issue-details:jira", "read:jql:jira")).toArray(String[]::new);
    try (FakeJira f = FakeJira.startWithScopes(dataset(), scopes)) {
      String conn = f.connectionId();
      long issuesOnly;
      long issuesOnlyCounted;
      try (JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
        f.fake.clearJournal();
        SyncRun run = sync.sync(conn, SyncRequest.full().withStreams(Entity.PROJECTS, Entity.ISSUES));
        assertEquals(RunStatus.SUCCEEDED, run.status());
        issuesOnly = f.fake.pointsSpent();
        issuesOnlyCounted = run.points();
      }
      long withField;
      long withFieldCounted;
      long memberships;
      try (JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
        f.fake.clearJournal();
        SyncRun run = sync.sync(conn, SyncRequest.full().withStreams(Entity.PROJECTS, Entity.ISSUES,
            Entity.SPRINT_ISSUES));
        assertEquals(RunStatus.SUCCEEDED, run.status());
        withField = f.fake.pointsSpent();
        withFieldCounted = run.points();
        memberships = sync.store().count(conn, Entity.SPRINT_ISSUES);
      }
      AgileData a = f.data().agile();
      assertEquals(a.sprintMembershipCount(), memberships);

      // The alternative: every sprint's issues, 50 a page (Jira's page size), ids only.
      JiraClient client = f.oauth.jiraClient(conn);
      f.fake.clearJournal();
      long requests = 0;
      long openSprintPoints = 0;
      for (long board : a.boardIds()) {
        if (!a.boardType(board).equals("scrum")) continue;
        for (long sprint : a.sprintIds(board, null)) {
          long before = f.fake.pointsSpent();
          int startAt = 0;
          while (true) {
            int at = startAt;
            Map<String, Object> page = client.execute(JiraRequest.get("rest/agile/1.0/sprint/" + sprint + "/issue")
                .query("startAt", at).query("maxResults", 50).query("fields", "id").build(),
                body -> Json.obj(Json.read(body)));
            requests++;
            int n = ((List<?>) page.get("issues")).size();
            startAt += n;
            if (n == 0 || startAt >= ((Number) page.get("total")).intValue()) break;
          }
          if (!a.sprintState(sprint).equals("closed")) openSprintPoints += f.fake.pointsSpent() - before;
        }
      }
      long endpoint = f.fake.pointsSpent();
      long field = withField - issuesOnly;
      System.out.printf("sprint membership cost on %s: %d memberships, %d sprints, %d scrum boards%n", dataset(),
          memberships, a.sprintCount(), a.boardIds().stream().filter(b -> a.boardType(b).equals("scrum")).count());
      System.out.printf("  full sync, issues only:               %d points charged, %d counted by the sync%n",
          issuesOnly, issuesOnlyCounted);
      System.out.printf("  full sync, issues + sprint_issues:    %d points charged, %d counted by the sync"
          + " (Sprint field: +%d)%n", withField, withFieldCounted, field);
      System.out.printf("  sprint/{id}/issue for every sprint:   %d points in %d requests"
          + " (open sprints only, per incremental run: %d)%n", endpoint, requests, openSprintPoints);
      assertTrue(field < endpoint, "the Sprint field costs less: " + field + " vs " + endpoint);
      assertTrue(withFieldCounted - issuesOnlyCounted <= field + 1, "the sync counts what Jira charges");
    }
  }
}
