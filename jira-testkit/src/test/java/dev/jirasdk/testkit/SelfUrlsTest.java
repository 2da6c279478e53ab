package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code self} links as Jira rendered them before July 2026, since then, and at the fake's own address. */
class SelfUrlsTest {
  private static String issueSelf(SelfUrls urls) {
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(Dataset.small()).selfUrls(urls).build().start()) {
      TestClient.Tokens t = TestClient.connect(fake, fake.users().get(0).accountId(), TestClient.ALL_SCOPES);
      FakeSite site = fake.sites().get(0);
      String id = fake.data(site.cloudId()).issueIds(fake.data(site.cloudId()).projectKeys().get(0)).get(0);
      Map<?, ?> issue = TestClient.get(TestClient.api(fake, site.cloudId(), "/rest/api/3/issue/" + id),
          t.accessToken()).json();
      return (String) issue.get("self");
    }
  }

  @Test
  void eachStyleRendersTheIssuesSelfLinkWhereJiraWould() {
    for (SelfUrls urls : List.of(SelfUrls.ATLASSIAN_GATEWAY, SelfUrls.SITE, SelfUrls.LOCAL_GATEWAY)) {
      String self = issueSelf(urls);
      String expectedPrefix = switch (urls) {
        case ATLASSIAN_GATEWAY -> "https://api.atlassian.com/ex/jira/";
        case SITE -> "https://";
        case LOCAL_GATEWAY -> "http://";
      };
      assertEquals(true, self.startsWith(expectedPrefix), urls + ": " + self);
      assertEquals(true, self.contains("/rest/api/3/issue/"), urls + ": " + self);
      if (urls == SelfUrls.SITE) assertEquals(true, self.contains(".atlassian.net/rest/api/3/issue/"), self);
      if (urls == SelfUrls.LOCAL_GATEWAY) assertEquals(true, self.contains("/ex/jira/"), self);
    }
  }
}
