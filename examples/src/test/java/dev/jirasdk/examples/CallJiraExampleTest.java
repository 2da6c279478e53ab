package dev.jirasdk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.SiteData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallJiraExampleTest {

  @Test
  void itGreetsTheUserWalksEverySearchPageAndCreatesAnIssue() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(Dataset.small()).build().start()) {
      ExampleEnvironment env = ExampleEnvironment.sandbox(fake);
      AtlassianOAuth oauth = env.oauth().build();
      SiteConnection connection = env.connection(oauth);
      JiraClient jira = oauth.jiraClient(connection);
      SiteData site = fake.data(connection.cloudId());
      // The first project in key order, and its issues before the example adds one.
      String projectKey = site.projectKeys().stream().sorted().findFirst().orElseThrow();
      List<String> existing = site.issueIds(projectKey).stream().map(site::issueKey).toList();

      CallJiraExample.Result result =
          CallJiraExample.run(jira, 10, new PrintStream(output, true, StandardCharsets.UTF_8));

      assertEquals(projectKey, result.projectKey());
      assertEquals(fake.users().get(0).displayName(), result.displayName());
      // 25 issues, 10 per page: three pages, every issue exactly once.
      assertEquals(3, result.pages());
      assertEquals(3, fake.requestCount("POST", "/rest/api/3/search/jql"));
      List<String> keys = result.issueKeys();
      assertEquals(25, keys.size());
      assertEquals(25, new HashSet<>(keys).size());
      assertTrue(keys.stream().allMatch(k -> k.startsWith(projectKey + "-")), keys.toString());
      assertEquals(new HashSet<>(existing), new HashSet<>(keys));
      // The created issue exists in Jira with the example's summary.
      assertTrue(site.issueExists(result.createdKey()));
      assertEquals("Created by the Jira SDK example", site.summary(result.createdKey()));
      assertEquals(26, site.issueCount(projectKey));

      String text = output.toString(StandardCharsets.UTF_8);
      assertTrue(text.startsWith("Hello, " + result.displayName()), text);
      assertTrue(text.contains("  page 3: 5 issues"), text);
      assertTrue(text.contains("Found 25 issues in 3 page(s)"), text);
      assertTrue(text.contains("Created " + result.createdKey()), text);
    }
  }
}
