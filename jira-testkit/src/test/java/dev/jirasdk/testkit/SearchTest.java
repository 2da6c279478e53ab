package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SearchTest {
  static final MutableClock clock = MutableClock.create();
  static FakeJiraCloud fake;
  static String token;
  static String cloudId;

  @BeforeAll
  static void setUp() {
    fake = FakeJiraCloud.builder().clock(clock)
        .dataset(Dataset.builder().sites(1).projects(3).issuesPerProject(30).largeProject(12_000).build())
        .build().start();
    token = TestClient.connect(fake).accessToken();
    cloudId = fake.sites().get(0).cloudId();
  }

  @AfterAll
  static void tearDown() {
    fake.close();
  }

  static TestClient.Answer search(String jql, String extra) {
    return TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/search/jql?jql=" + TestClient.enc(jql) + extra), token);
  }

  static List<Map<String, Object>> issues(TestClient.Answer a) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : (List<?>) a.json().get("issues")) {
      out.add(Json.asObject(o));
    }
    return out;
  }

  @Test
  void walkingTwelveThousandIssuesReturnsEachExactlyOnce() {
    Set<String> seen = new HashSet<>();
    String next = null;
    int pages = 0;
    do {
      TestClient.Answer a = search("project = PLAT ORDER BY updated ASC, id ASC",
          "&maxResults=5000" + (next == null ? "" : "&nextPageToken=" + next));
      assertEquals(200, a.code(), a.body());
      assertFalse(a.json().containsKey("total"));
      for (Map<String, Object> is : issues(a)) {
        assertEquals(Set.of("id"), is.keySet());
        assertTrue(seen.add((String) is.get("id")), "duplicate " + is.get("id"));
      }
      next = (String) a.json().get("nextPageToken");
      assertEquals(next == null, a.json().get("isLast"));
      pages++;
    } while (next != null);
    assertEquals(12_000, seen.size());
    assertEquals(3, pages);
    assertEquals(Set.copyOf(fake.data(cloudId).issueIds("PLAT")), seen);
  }

  @Test
  void pageSizeIsCappedAtOneHundredWhenFieldsAreRequested() {
    TestClient.Answer a = search("project = PLAT", "&maxResults=1000&fields=summary,updated");
    assertEquals(100, issues(a).size());
    assertTrue(issues(a).get(0).get("fields") instanceof Map);
    assertEquals(50, issues(search("project = PLAT", "")).size());
  }

  @Test
  void embeddedCommentsAndChangelogAreCappedAtTwenty() {
    String heavy = "PLAT-10";
    int total = fake.data(cloudId).commentCount(heavy);
    assertTrue(total > 20);
    TestClient.Answer a = TestClient.postJson(TestClient.api(fake, cloudId, "/rest/api/3/issue/bulkfetch"),
        "{\"issueIdsOrKeys\":[\"" + heavy + "\"],\"fields\":[\"comment\"],\"expand\":[\"changelog\"]}", token);
    Map<String, Object> issue = Json.asObject(((List<?>) a.json().get("issues")).get(0));
    Map<String, Object> comment = Json.asObject(Json.asObject(issue.get("fields")).get("comment"));
    assertEquals(20, ((List<?>) comment.get("comments")).size());
    assertEquals((double) total, comment.get("total"));
    Map<String, Object> changelog = Json.asObject(issue.get("changelog"));
    assertEquals(20, ((List<?>) changelog.get("histories")).size());
    assertTrue(((Number) changelog.get("total")).intValue() > 20);
    TestClient.Answer all = TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/issue/" + heavy + "/comment"), token);
    assertEquals(total, ((List<?>) all.json().get("comments")).size());
  }

  @Test
  void updatedFilterAndOrderingWork() {
    Instant cut = clock.instant().minus(Duration.ofDays(100));
    TestClient.Answer a = search("project in (MOB, WEB) AND updated >= " + cut.toEpochMilli() + " ORDER BY updated DESC",
        "&fields=updated&maxResults=100");
    List<Map<String, Object>> is = issues(a);
    assertFalse(is.isEmpty());
    String prev = null;
    for (Map<String, Object> i : is) {
      String updated = (String) Json.asObject(i.get("fields")).get("updated");
      assertTrue(Instant.parse(updated.replace("+0000", "Z")).compareTo(cut) >= 0);
      if (prev != null) {
        assertTrue(prev.compareTo(updated) >= 0, "descending");
      }
      prev = updated;
      assertTrue(((String) i.get("key")).startsWith("MOB-") || ((String) i.get("key")).startsWith("WEB-"));
    }
    TestClient.Answer quoted = search("project = MOB AND updated >= \"2025-06-01 10:00\"", "&maxResults=100");
    TestClient.Answer dateOnly = search("project = MOB AND updated >= '2025-06-01'", "&maxResults=100");
    assertEquals(200, quoted.code(), quoted.body());
    assertTrue(issues(quoted).size() <= issues(dateOnly).size());
    TestClient.Answer count = TestClient.postJson(TestClient.api(fake, cloudId, "/rest/api/3/search/approximate-count"),
        "{\"jql\":\"project = MOB\"}", token);
    assertEquals(30.0, count.json().get("count"));
    TestClient.Answer byName = TestClient.postJson(TestClient.api(fake, cloudId, "/rest/api/3/search/approximate-count"),
        "{\"jql\":\"project = \\\"Mobile App\\\"\"}", token);
    assertEquals(30.0, byName.json().get("count"), byName.body());
  }

  @Test
  void quotedDatesAreReadInTheSearchingUsersTimeZone() {
    MutableClock c = MutableClock.create();
    try (FakeJiraCloud f = FakeJiraCloud.builder().clock(c).build().start()) {
      String cloud = f.sites().get(0).cloudId();
      SiteData d = f.data(cloud);
      c.set(java.time.Instant.parse("2026-03-01T10:00:00Z"));
      d.editIssue("PLAT-1", "touched at 10:00 UTC");
      String jql = TestClient.enc("project = PLAT AND updated >= \"2026-03-01 10:30\"");
      String url = TestClient.api(f, cloud, "/rest/api/3/search/jql?jql=" + jql);
      FakeUser utc = f.users().get(0);
      FakeUser berlin = f.users().get(1);
      f.grantSiteAccess(berlin.accountId(), cloud);
      String utcToken = TestClient.connect(f, utc.accountId(), TestClient.ALL_SCOPES).accessToken();
      String berlinToken = TestClient.connect(f, berlin.accountId(), TestClient.ALL_SCOPES).accessToken();
      assertEquals(0, issues(TestClient.get(url, utcToken)).size(), "10:00 UTC is before 10:30 UTC");
      assertEquals(1, issues(TestClient.get(url, berlinToken)).size(), "10:30 Berlin is 09:30 UTC");
    }
  }

  @Test
  void unsupportedJqlAnswersJirasBadRequest() {
    for (String jql : List.of("assignee = currentUser()", "project = PLAT OR project = MOB", "project = NOPE", "",
        "ORDER BY updated", "updated >= \"yesterday\"", "project = PLAT ORDER BY summary", "project = MOB AND id >= x",
        "project = MOB AND id ~ 10")) {
      TestClient.Answer a = search(jql, "");
      assertEquals(400, a.code(), jql);
      assertTrue(a.json().get("errorMessages") instanceof List<?> l && !l.isEmpty(), jql);
      assertEquals(Map.of(), a.json().get("errors"));
    }
  }

  @Test
  void pageTokensExpireAfterSevenDays() {
    MutableClock c = MutableClock.create();
    try (FakeJiraCloud f = FakeJiraCloud.builder().clock(c).build().start()) {
      String t = TestClient.connect(f).accessToken();
      String cloud = f.sites().get(0).cloudId();
      String url = TestClient.api(f, cloud, "/rest/api/3/search/jql?jql=project%3DPLAT&maxResults=5");
      String next = (String) TestClient.get(url, t).json().get("nextPageToken");
      c.advance(Duration.ofDays(7).plusMinutes(1));
      String t2 = TestClient.connect(f).accessToken();
      TestClient.Answer a = TestClient.get(url + "&nextPageToken=" + next, t2);
      assertEquals(400, a.code());
      assertNull(a.json().get("issues"));
    }
  }

  static long count(FakeJiraCloud f, String cloud, String t, String jql) {
    TestClient.Answer a = TestClient.postJson(TestClient.api(f, cloud, "/rest/api/3/search/approximate-count"),
        "{\"jql\":\"" + jql + "\"}", t);
    assertEquals(200, a.code(), a.body());
    return ((Number) a.json().get("count")).longValue();
  }

  @Test
  void idRangesFilterSearchAndTheApproximateCount() {
    List<Long> ids = new ArrayList<>();
    for (String id : fake.data(cloudId).issueIds("MOB")) ids.add(Long.parseLong(id));
    ids.sort(null);
    long lo = ids.get(5);
    long hi = ids.get(17);
    String jql = "project = MOB AND id >= " + lo + " AND id < " + hi;
    TestClient.Answer a = search(jql + " ORDER BY id ASC", "&maxResults=100");
    assertEquals(200, a.code(), a.body());
    List<Long> found = new ArrayList<>();
    for (Map<String, Object> is : issues(a)) found.add(Long.parseLong((String) is.get("id")));
    assertEquals(ids.subList(5, 17), found);
    List<Long> paged = new ArrayList<>();
    String next = null;
    do {
      TestClient.Answer page = search(jql + " ORDER BY id ASC", "&maxResults=5" + (next == null ? "" : "&nextPageToken=" + next));
      assertEquals(200, page.code(), page.body());
      for (Map<String, Object> is : issues(page)) paged.add(Long.parseLong((String) is.get("id")));
      next = (String) page.json().get("nextPageToken");
    } while (next != null);
    assertEquals(ids.subList(5, 17), paged, "paging an id range by id walks exactly the range");
    TestClient.Answer across = search("project in (MOB, WEB) AND id >= " + lo + " ORDER BY id ASC", "&maxResults=1000");
    for (Map<String, Object> is : issues(across)) assertTrue(Long.parseLong((String) is.get("id")) >= lo);
    assertEquals(12, count(fake, cloudId, token, jql));
    assertEquals(1, count(fake, cloudId, token, "project = MOB AND id = " + lo));
    assertEquals(29, count(fake, cloudId, token, "project = MOB AND id != " + lo));
    assertEquals(18, count(fake, cloudId, token, "project = MOB AND id <= " + hi));
    assertEquals(12, count(fake, cloudId, token, "project = MOB AND id > " + hi));
  }

  @Test
  void theApproximateCountTrailsCreationsAndDeletionsByItsLag() {
    MutableClock c = MutableClock.create();
    try (FakeJiraCloud f = FakeJiraCloud.builder().clock(c).approximateCountLag(Duration.ofMinutes(10)).build().start()) {
      String t = TestClient.connect(f).accessToken();
      String cloud = f.sites().get(0).cloudId();
      SiteData d = f.data(cloud);
      long before = d.issueCount("MOB");
      assertEquals(before, count(f, cloud, t, "project = MOB"));
      String gone = d.issueIds("MOB").get(0);
      d.deleteIssue(gone);
      d.createIssue("MOB", "new");
      d.createIssue("MOB", "newer");
      assertEquals(before, count(f, cloud, t, "project = MOB"), "the deleted issue is still counted, the new ones not yet");
      assertEquals(1, count(f, cloud, t, "project = MOB AND id = " + gone));
      TestClient.Answer search = TestClient.get(TestClient.api(f, cloud, "/rest/api/3/search/jql?jql="
          + TestClient.enc("project = MOB AND id = " + gone)), t);
      assertEquals(List.of(), search.json().get("issues"), "search already misses it");
      c.advance(Duration.ofMinutes(10));
      assertEquals(before - 1 + 2, count(f, cloud, t, "project = MOB"));
      assertEquals(0, count(f, cloud, t, "project = MOB AND id = " + gone));
    }
  }

  @Test
  void theApproximateCountLagMustNotBeNegative() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> FakeJiraCloud.builder().approximateCountLag(Duration.ofSeconds(-1)));
    assertTrue(e.getMessage().contains("approximateCountLag"), e.getMessage());
  }
}
