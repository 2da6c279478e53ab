package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MutationTest {
  private final MutableClock clock = MutableClock.create();
  private FakeJiraCloud fake;
  private SiteData data;
  private String token;
  private String cloudId;

  @BeforeEach
  void setUp() {
    fake = FakeJiraCloud.builder().clock(clock).build().start();
    cloudId = fake.sites().get(0).cloudId();
    data = fake.data(cloudId);
    token = TestClient.connect(fake).accessToken();
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private List<?> updatedSince(Instant since) {
    TestClient.Answer a = TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/search/jql?jql="
        + TestClient.enc("project in (PLAT, MOB) AND updated >= " + since.toEpochMilli()) + "&fields=key"), token);
    assertEquals(200, a.code(), a.body());
    return (List<?>) a.json().get("issues");
  }

  @Test
  void everyMutationMovesUpdatedSoAnIncrementalSearchFindsIt() {
    Instant start = clock.instant();
    assertEquals(0, updatedSince(start).size());
    clock.advance(Duration.ofMinutes(1));
    data.editIssue("PLAT-1", "New summary");
    data.addComment("PLAT-2", "A comment");
    String wl = data.addWorklog("PLAT-3", Duration.ofMinutes(30));
    String created = data.createIssue("MOB", "Brand new");
    assertEquals(4, updatedSince(start).size());
    assertEquals(clock.instant(), data.updated("PLAT-1"));
    assertEquals("New summary", data.summary("PLAT-1"));

    Instant second = clock.instant().plusMillis(1);
    clock.advance(Duration.ofMinutes(1));
    data.deleteWorklog("PLAT-3", wl);
    String comment = data.commentIds("PLAT-2").get(data.commentIds("PLAT-2").size() - 1);
    data.deleteComment("PLAT-2", comment);
    data.deleteIssue(created);
    assertEquals(2, updatedSince(second).size());
    assertFalse(data.issueExists(created));
  }

  @Test
  void withAnIndexLagSearchSeesChangesOnlyAfterTheLag() {
    MutableClock c = MutableClock.create();
    try (FakeJiraCloud lagging = FakeJiraCloud.builder().clock(c).searchIndexLag(Duration.ofSeconds(30)).build().start()) {
      String cloud = lagging.sites().get(0).cloudId();
      String t = TestClient.connect(lagging).accessToken();
      SiteData d = lagging.data(cloud);
      Instant since = c.instant();
      d.editIssue("PLAT-1", "edited");
      String created = d.createIssue("PLAT", "new");
      String url = TestClient.api(lagging, cloud, "/rest/api/3/search/jql?jql="
          + TestClient.enc("project = PLAT AND updated >= " + since.toEpochMilli()));
      assertEquals(List.of(), TestClient.get(url, t).json().get("issues"));
      assertEquals(200, TestClient.get(TestClient.api(lagging, cloud, "/rest/api/3/issue/" + created), t).code(),
          "reading by id is immediate");
      c.advance(Duration.ofSeconds(30));
      assertEquals(2, ((List<?>) TestClient.get(url, t).json().get("issues")).size());
    }
  }

  @Test
  void aMovedIssueKeepsItsIdAndGetsANewKey() {
    String id = data.issueId("PLAT-5");
    long platBefore = data.issueCount("PLAT");
    String newKey = data.moveIssue("PLAT-5", "MOB");
    assertTrue(newKey.startsWith("MOB-"));
    assertEquals(id, data.issueId(newKey));
    assertEquals(id, data.issueId("PLAT-5"), "the old key still resolves");
    assertEquals(platBefore - 1, data.issueCount("PLAT"));
    Map<String, Object> issue = TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/issue/PLAT-5?fields=summary"), token).json();
    assertEquals(newKey, issue.get("key"));
    assertEquals(id, issue.get("id"));
  }

  @Test
  void archivedProjectsAndRevokedAccessDisappearFromTheAccountsView() {
    long projects = data.projectCount();
    data.archiveProject("MOB");
    assertEquals(projects - 1, data.projectCount());
    TestClient.Answer live = TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/project/search"), token);
    assertEquals((double) projects - 1, live.json().get("total"));
    TestClient.Answer both = TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/project/search?status=live,archived"), token);
    assertEquals((double) projects, both.json().get("total"));
    assertEquals(400, TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/search/jql?jql=project%3DMOB"), token).code());

    data.revokeProjectAccess(fake.users().get(0).accountId(), "PLAT");
    assertEquals(404, TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/issue/PLAT-1"), token).code());
    TestClient.Answer bulk = TestClient.postJson(TestClient.api(fake, cloudId, "/rest/api/3/issue/bulkfetch"),
        "{\"issueIdsOrKeys\":[\"PLAT-1\"]}", token);
    assertEquals(List.of(), bulk.json().get("issues"));
  }

  @Test
  void worklogChangesExcludeTheLastMinute() {
    Instant since = clock.instant();
    String id = data.addWorklog("PLAT-1", Duration.ofHours(1));
    TestClient.Answer a = TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/worklog/updated?since=" + since.toEpochMilli()), token);
    assertEquals(List.of(), a.json().get("values"));
    assertEquals(true, a.json().get("lastPage"));
    clock.advance(Duration.ofSeconds(61));
    a = TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/worklog/updated?since=" + since.toEpochMilli()), token);
    List<?> values = (List<?>) a.json().get("values");
    assertEquals(1, values.size());
    assertEquals(Double.parseDouble(id), ((Map<?, ?>) values.get(0)).get("worklogId"));

    data.deleteWorklog("PLAT-1", id);
    Instant deletedAt = clock.instant();
    assertEquals(List.of(), TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/worklog/deleted?since=" + deletedAt.toEpochMilli()), token).json().get("values"));
    clock.advance(Duration.ofMinutes(2));
    List<?> deleted = (List<?>) TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/worklog/deleted?since=" + deletedAt.toEpochMilli()), token).json().get("values");
    assertEquals(1, deleted.size());
  }

  @Test
  void countsMatchWhatTheApiServes() {
    SiteData d = fake.data(cloudId);
    TestClient.Answer projects = TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/project/search"), token);
    assertEquals((double) d.projectCount(), projects.json().get("total"));
    assertEquals((int) d.userCount(), TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/users/search?maxResults=1000"), token).array().size());
    assertEquals((double) d.fieldCount(), TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/field/search"), token).json().get("total"));
    assertEquals((double) d.labelCount(), TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/label"), token).json().get("total"));
    long issues = 0;
    for (String key : List.of("PLAT", "MOB")) {
      issues += ((Number) TestClient.postJson(TestClient.api(fake, cloudId, "/rest/api/3/search/approximate-count"),
          "{\"jql\":\"project = " + key + "\"}", token).json().get("count")).longValue();
    }
    assertEquals(d.issueCount(), issues);
    assertNotEquals(0, d.commentCount());
    assertNotEquals(0, d.changelogCount());
    assertEquals(22, d.counts().size());
  }
}
