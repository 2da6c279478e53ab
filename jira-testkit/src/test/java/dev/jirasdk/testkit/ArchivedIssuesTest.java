package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Archived issues as Jira Premium answers them: out of search, counts and bulk reads like deleted ones, still
 * readable by key; the archiving endpoints validated against the spec.
 */
class ArchivedIssuesTest {
  static FakeJiraCloud fake;
  static String cloudId;
  static String token;

  @BeforeAll
  static void setUp() {
    SpecContractTest.setUp();
    fake = SpecContractTest.fake;
    cloudId = SpecContractTest.cloudId;
    token = SpecContractTest.token;
  }

  @AfterAll
  static void tearDown() {
    SpecContractTest.tearDown();
  }

  private static long count(String jql) {
    TestClient.Answer a = TestClient.postJson(TestClient.api(fake, cloudId, "/rest/api/3/search/approximate-count"),
        "{\"jql\":\"" + jql + "\"}", token);
    return ((Number) a.json().get("count")).longValue();
  }

  private static List<?> searchIds(String jql) {
    TestClient.Answer a = TestClient.postJson(TestClient.api(fake, cloudId, "/rest/api/3/search/jql"),
        "{\"jql\":\"" + jql + "\",\"fields\":[\"id\"],\"maxResults\":5000}", token);
    return ((List<?>) a.json().get("issues")).stream().map(i -> ((Map<?, ?>) i).get("id")).toList();
  }

  @Test
  void anArchivedIssueLeavesSearchCountsAndBulkReadsButIsStillReadableByKey() {
    SiteData data = fake.data(cloudId);
    String id = data.issueIds("MOB").get(1);
    long before = count("project = MOB");
    long live = data.issueCount();
    SpecContractTest.check("PUT", "/rest/api/3/issue/archive", "{\"issueIdsOrKeys\":[\"" + id + "\",\"NOPE-1\"]}", 200);
    assertTrue(data.issueArchived(id));
    assertEquals(before - 1, count("project = MOB"));
    assertFalse(searchIds("project = MOB").contains(id));
    assertEquals(live - 1, data.issueCount());
    TestClient.Answer bulk = SpecContractTest.check("POST", "/rest/api/3/issue/bulkfetch",
        "{\"issueIdsOrKeys\":[\"" + id + "\"]}", 200);
    assertEquals(List.of(), bulk.json().get("issues"), "left out like a deleted issue");
    SpecContractTest.check("GET", "/rest/api/3/issue/" + id, null, 200);

    TestClient.Answer again = SpecContractTest.check("PUT", "/rest/api/3/issue/unarchive",
        "{\"issueIdsOrKeys\":[\"" + id + "\"]}", 200);
    assertEquals(1, ((Number) again.json().get("numberOfIssuesUpdated")).intValue());
    assertFalse(data.issueArchived(id));
    assertEquals(before, count("project = MOB"));
    assertTrue(searchIds("project = MOB").contains(id));
  }

  @Test
  void archivingNothingValidIsABadRequestAndTooManyIdsArePreconditionFailed() {
    SpecContractTest.check("PUT", "/rest/api/3/issue/archive", "{\"issueIdsOrKeys\":[\"NOPE-1\"]}", 400);
    StringBuilder many = new StringBuilder("{\"issueIdsOrKeys\":[\"NOPE-0\"");
    for (int i = 1; i <= Archiving.MAX_IDS; i++) {
      many.append(",\"NOPE-").append(i).append('"');
    }
    SpecContractTest.check("PUT", "/rest/api/3/issue/archive", many.append("]}").toString(), 412);
  }

  @Test
  void anArchivedProjectsIssuesLeaveSearchAndTheProjectIsListedAsArchived() {
    SiteData data = fake.data(cloudId);
    String key = "PLAT";
    try {
      SpecContractTest.check("POST", "/rest/api/3/project/" + key + "/archive", null, 204);
      assertTrue(data.projectArchived(key));
      SpecContractTest.check("GET", "/rest/api/3/search/jql?jql=project%20%3D%20" + key, null, 400);
      TestClient.Answer listed = SpecContractTest.check("GET", "/rest/api/3/project/search?status=archived&keys=" + key,
          null, 200);
      assertEquals(true, ((Map<?, ?>) ((List<?>) listed.json().get("values")).get(0)).get("archived"));
      SpecContractTest.check("POST", "/rest/api/3/project/" + key + "/archive", null, 400);
    } finally {
      data.restoreProject(key);
    }
  }
}
