package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void aConnectedUserListsSitesAndSearchesIssues() {
    try (FakeJiraCloud fake = FakeJiraCloud.builder().build().start()) {
      TestClient.Tokens t = TestClient.connect(fake);
      TestClient.Answer res = TestClient.get(fake.apiBaseUrl() + "/oauth/token/accessible-resources", t.accessToken());
      assertEquals(200, res.code(), res.body());
      List<?> sites = res.array();
      assertEquals(2, sites.size());
      String cloudId = (String) ((Map<?, ?>) sites.get(0)).get("id");
      TestClient.Answer search = TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/search/jql?jql=project%3DPLAT&fields=*all&maxResults=5"), t.accessToken());
      assertEquals(200, search.code(), search.body());
      assertEquals(5, ((List<?>) search.json().get("issues")).size());
      assertTrue(search.json().containsKey("nextPageToken"));
    }
  }
}
