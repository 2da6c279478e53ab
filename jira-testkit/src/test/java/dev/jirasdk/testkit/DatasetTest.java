package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static String firstPage(FakeJiraCloud fake) {
    String token = TestClient.connect(fake).accessToken();
    return TestClient.get(TestClient.api(fake, fake.sites().get(0).cloudId(),
        "/rest/api/3/search/jql?jql=project%3DPLAT%20ORDER%20BY%20id%20ASC&fields=*all&maxResults=25"), token).body()
        .replaceAll("127\\.0\\.0\\.1:\\d+", "HOST");
  }

  @Test
  void theSameSeedGivesTheSameData() {
    try (FakeJiraCloud a = FakeJiraCloud.builder().seed(5).build().start();
        FakeJiraCloud b = FakeJiraCloud.builder().seed(5).build().start();
        FakeJiraCloud c = FakeJiraCloud.builder().seed(6).build().start()) {
      assertEquals(a.users(), b.users());
      assertEquals(a.sites(), b.sites());
      assertEquals(firstPage(a), firstPage(b));
      assertNotEquals(firstPage(a), firstPage(c));
      assertNotEquals(a.sites(), c.sites());
    }
  }

  @Test
  void dataIncludesHeavyUnicodeAndEmptyIssues() {
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(Dataset.builder().projects(1).issuesPerProject(60).build()).build().start()) {
      String page = firstPage(fake);
      String token = TestClient.connect(fake).accessToken();
      String all = TestClient.get(TestClient.api(fake, fake.sites().get(0).cloudId(),
          "/rest/api/3/search/jql?jql=project%3DPLAT&fields=*all&maxResults=100"), token).body();
      assertTrue(all.chars().anyMatch(ch -> ch > 0x2000), "non-ASCII text");
      assertTrue(all.contains("\"description\":null"), "issues without description");
      assertTrue(all.contains("\"labels\":[]"), "issues without labels");
      assertTrue(all.contains("\"avatarUrls\""));
      assertTrue(all.contains("\"type\":\"doc\""), "ADF");
      assertTrue(page.length() / 25 > 3_000, "realistic payload size");
      SiteData data = fake.data();
      assertTrue(data.commentCount("PLAT-10") > 20 && data.changelogCount("PLAT-10") > 20);
      assertTrue(data.customFieldCount() >= 6);
    }
  }

  @Test
  void largeProjectsAndArchivedProjectsAreCounted() {
    Dataset d = Dataset.builder().sites(2).projects(2).issuesPerProject(10).largeProject(300).archivedProjects(1).build();
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(d).build()) {
      SiteData first = fake.data(fake.sites().get(0).cloudId());
      assertEquals(300, first.issueCount("PLAT"));
      assertEquals(310, first.issueCount());
      assertEquals(2, first.projectCount());
      assertEquals(1, first.archivedProjectCount());
      long all = 0;
      for (FakeSite s : fake.sites()) {
        for (String key : fake.data(s.cloudId()).projectKeys()) {
          all += fake.data(s.cloudId()).issueCount(key);
        }
      }
      assertEquals(d.totalIssues(), all);
      Map<String, Long> counts = first.counts();
      assertEquals(first.issueCount(), counts.get("issues"));
    }
  }

  @Test
  void builderRejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> Dataset.builder().sites(0));
    assertThrows(IllegalArgumentException.class, () -> Dataset.builder().linksPerIssue(-1));
    assertThrows(IllegalArgumentException.class, () -> FakeJiraCloud.builder().accessTokenLifetime(java.time.Duration.ZERO));
    assertThrows(IllegalStateException.class, () -> FakeJiraCloud.builder().build().authBaseUrl());
    assertEquals(List.of(), FakeJiraCloud.builder().build().journal());
  }
}
