package dev.jirasdk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.RateGovernor;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.SiteData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncToSqliteExampleTest {
  @TempDir Path dir;

  @Test
  void aFullThenIncrementalSyncFillsSqliteAndPlainSqlAnswersFromIt() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Path db = dir.resolve("jira-sync.db");
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(Dataset.small()).build().start()) {
      AtlassianOAuth oauth = ExampleEnvironment.sandbox(fake).oauth().build();
      SiteConnection connection = ExampleEnvironment.sandbox(fake).connection(oauth);
      SiteData site = fake.data(connection.cloudId());
      RateGovernor governor = RateGovernor.builder().clock(fake.clock()).sleeper(fake.clock()::advance).build();

      SyncToSqliteExample.Result result = SyncToSqliteExample.run(oauth, connection.id(), db, fake.clock(),
          governor, () -> SyncToSqliteExample.changeSomeIssues(fake, connection.cloudId()),
          new PrintStream(output, true, StandardCharsets.UTF_8));

      assertEquals(RunStatus.SUCCEEDED, result.full().status(), result.full().errors().toString());
      assertEquals(50, result.full().counts(Entity.ISSUES).created());
      assertEquals(RunStatus.SUCCEEDED, result.incremental().status(), result.incremental().errors().toString());
      assertEquals(1, result.incremental().counts(Entity.ISSUES).created());
      assertEquals(2, result.incremental().counts(Entity.ISSUES).updated());

      try (java.sql.Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
          ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM jira_issues")) {
        assertEquals(site.issueCount(), rs.getLong(1));
      }
      // The SQL answer matches what Jira itself says, read through the API.
      assertEquals(openIssuesPerAssigneeFromJira(oauth.jiraClient(connection), site), 
          new TreeMap<>(result.openIssuesPerAssignee()));
      assertTrue(result.openIssuesPerAssignee().values().stream().mapToLong(Long::longValue).sum() > 0);

      String text = output.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("] 50/50 issues" + System.lineSeparator()), text);
      assertTrue(text.contains("SUCCEEDED in "), text);
      assertTrue(text.contains("issues 1 new, 2 updated"), text);
      assertTrue(text.contains("Open issues per assignee:"), text);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> openIssuesPerAssigneeFromJira(JiraClient jira, SiteData site) {
    Map<String, Long> open = new TreeMap<>();
    String jql = "project in (" + String.join(", ", site.projectKeys()) + ") ORDER BY key";
    CallJiraExample.searchAll(jira, jql, 100, (n, issues) -> {
      for (Map<String, Object> issue : issues) {
        Map<String, Object> fields = (Map<String, Object>) issue.get("fields");
        Map<String, Object> status = (Map<String, Object>) fields.get("status");
        Map<String, Object> category = (Map<String, Object>) status.get("statusCategory");
        if ("done".equals(category.get("key"))) continue;
        Map<String, Object> assignee = (Map<String, Object>) fields.get("assignee");
        open.merge(assignee == null ? "(unassigned)" : (String) assignee.get("displayName"), 1L, Long::sum);
      }
    });
    return open;
  }
}
