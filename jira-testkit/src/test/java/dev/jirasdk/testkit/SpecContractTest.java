package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint the fake serves: the request must name an operation of Atlassian's official spec with valid
 * parameters, and the fake's answer must conform to the spec's response schema.
 */
class SpecContractTest {
  static OpenApiInteractionValidator validator;
  static FakeJiraCloud fake;
  static String token;
  static String cloudId;

  @BeforeAll
  static void setUp() {
    validator = OpenApiInteractionValidator
        .createFor(SpecContractTest.class.getResource("/jira-platform-openapi-v3.json").toString())
        .withResolveRefs(true)
        .build();
    fake = FakeJiraCloud.builder().dataset(Dataset.small()).build().start();
    token = TestClient.connect(fake).accessToken();
    cloudId = fake.sites().get(0).cloudId();
  }

  @AfterAll
  static void tearDown() {
    fake.close();
  }

  /** Sends the request to the fake and validates request and response against the spec. */
  static TestClient.Answer check(String method, String pathAndQuery, String jsonBody, int expectedStatus) {
    String url = TestClient.api(fake, cloudId, pathAndQuery);
    TestClient.Answer a = TestClient.send(method, url, jsonBody, token);
    assertEquals(expectedStatus, a.code(), method + " " + pathAndQuery + " -> " + a.body());
    HttpUrl u = HttpUrl.get(url);
    String path = u.encodedPath().substring(("/ex/jira/" + cloudId).length());
    SimpleRequest.Builder rb = new SimpleRequest.Builder(Request.Method.valueOf(method), path)
        .withAuthorization("Bearer " + token);
    for (String name : u.queryParameterNames()) {
      rb.withQueryParam(name, u.queryParameterValues(name));
    }
    if (jsonBody != null) {
      rb.withContentType("application/json").withBody(jsonBody);
    }
    SimpleResponse.Builder sb = SimpleResponse.Builder.status(a.code());
    String ct = a.headers().get("Content-Type");
    if (ct != null) {
      sb.withContentType(ct.replace(";charset=UTF-8", ""));
    }
    if (!a.body().isEmpty()) {
      sb.withBody(a.body());
    }
    // The spec describes no error bodies (and no 410 for removed endpoints): for errors only the request is
    // checked against the spec, and the body must be Jira's error collection.
    ValidationReport report;
    if (a.code() >= 400) {
      report = validator.validateRequest(rb.build());
      Map<String, Object> err = a.json();
      assertTrue(err.get("errorMessages") instanceof List && err.get("errors") instanceof Map, a.body());
    } else if (a.code() == 204) {
      // HTTP 204 carries no body, but the spec gives some 204s an (empty) JSON schema.
      report = validator.validateRequest(rb.build());
      assertTrue(a.body().isEmpty());
    } else {
      report = validator.validate(rb.build(), sb.build());
    }
    if (report.hasErrors()) {
      fail(method + " " + pathAndQuery + " does not conform to the spec:\n" + report.getMessages());
    }
    return a;
  }

  static String firstIssueId(String projectKey) {
    return fake.data(cloudId).issueIds(projectKey).get(0);
  }

  @Test
  void searchJqlGetAndPostConform() {
    check("GET", "/rest/api/3/search/jql?jql=project%20%3D%20PLAT&fields=*all&expand=changelog&maxResults=4", null, 200);
    TestClient.Answer a = check("GET", "/rest/api/3/search/jql?jql=project%20%3D%20PLAT&maxResults=3", null, 200);
    String next = (String) a.json().get("nextPageToken");
    check("GET", "/rest/api/3/search/jql?jql=project%20%3D%20PLAT&maxResults=3&nextPageToken=" + next, null, 200);
    check("POST", "/rest/api/3/search/jql", "{\"jql\":\"project in (PLAT, MOB) AND updated >= -3650d ORDER BY updated ASC, id ASC\","
        + "\"fields\":[\"summary\",\"comment\",\"issuelinks\",\"attachment\",\"worklog\"],\"maxResults\":50}", 200);
    check("GET", "/rest/api/3/search/jql?jql=project%20%3D%20NOPE", null, 400);
  }

  @Test
  void countAndBulkEndpointsConform() {
    check("POST", "/rest/api/3/search/approximate-count", "{\"jql\":\"project = PLAT\"}", 200);
    check("POST", "/rest/api/3/search/approximate-count", "{\"jql\":\"project = PLAT AND id >= 10000 AND id < 20000\"}",
        200);
    check("POST", "/rest/api/3/search/jql", "{\"jql\":\"project = PLAT AND id >= 10000 AND id < 20000 ORDER BY id ASC\","
        + "\"fields\":[\"id\"],\"maxResults\":5000}", 200);
    String id = firstIssueId("PLAT");
    check("POST", "/rest/api/3/issue/bulkfetch", "{\"issueIdsOrKeys\":[\"" + id + "\",\"PLAT-2\",\"99999999\"],"
        + "\"fields\":[\"*all\"],\"expand\":[\"changelog\"]}", 200);
    check("POST", "/rest/api/3/changelog/bulkfetch", "{\"issueIdsOrKeys\":[\"" + id + "\",\"PLAT-10\"],\"maxResults\":5}", 200);
  }

  @Test
  void issueEndpointsConform() {
    String key = "PLAT-10";
    check("GET", "/rest/api/3/issue/" + key + "?expand=changelog", null, 200);
    check("GET", "/rest/api/3/issue/" + key + "/comment?startAt=0&maxResults=5", null, 200);
    check("GET", "/rest/api/3/issue/" + key + "/changelog?startAt=0&maxResults=5", null, 200);
    check("GET", "/rest/api/3/issue/" + key + "/worklog", null, 200);
    check("GET", "/rest/api/3/issue/NOPE-1", null, 404);
    TestClient.Answer created = check("POST", "/rest/api/3/issue",
        "{\"fields\":{\"project\":{\"key\":\"MOB\"},\"summary\":\"Created by the contract test\",\"issuetype\":{\"id\":\"10001\"}}}", 201);
    String newId = (String) created.json().get("id");
    check("PUT", "/rest/api/3/issue/" + newId, "{\"fields\":{\"summary\":\"Edited\"}}", 204);
    TestClient.Answer c = check("POST", "/rest/api/3/issue/" + newId + "/comment",
        "{\"body\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]}}", 201);
    check("DELETE", "/rest/api/3/issue/" + newId + "/comment/" + c.json().get("id"), null, 204);
    check("DELETE", "/rest/api/3/issue/" + newId, null, 204);
  }

  @Test
  void worklogEndpointsConform() {
    TestClient.Answer a = check("GET", "/rest/api/3/worklog/updated?since=0", null, 200);
    List<Object> ids = new ArrayList<>();
    for (Object v : (List<?>) a.json().get("values")) {
      ids.add(((Number) ((Map<?, ?>) v).get("worklogId")).longValue());
    }
    assertTrue(!ids.isEmpty());
    check("POST", "/rest/api/3/worklog/list", Json.string(Json.obj("ids", ids.subList(0, Math.min(5, ids.size())))), 200);
    check("GET", "/rest/api/3/worklog/deleted?since=0", null, 200);
  }

  @Test
  void projectAndUserEndpointsConform() {
    check("GET", "/rest/api/3/project/search?status=live&status=archived&maxResults=50", null, 200);
    check("GET", "/rest/api/3/project/PLAT", null, 200);
    check("GET", "/rest/api/3/project/PLAT/component?maxResults=2", null, 200);
    check("GET", "/rest/api/3/project/PLAT/components", null, 200);
    check("GET", "/rest/api/3/project/PLAT/version", null, 200);
    check("GET", "/rest/api/3/project/PLAT/versions", null, 200);
    check("GET", "/rest/api/3/users/search?startAt=0&maxResults=1000", null, 200);
    check("GET", "/rest/api/3/group/bulk?maxResults=50", null, 200);
    check("GET", "/rest/api/3/myself", null, 200);
  }

  @Test
  void configurationEndpointsConform() {
    check("GET", "/rest/api/3/issuetype", null, 200);
    check("GET", "/rest/api/3/priority/search", null, 200);
    check("GET", "/rest/api/3/statuses/search", null, 200);
    check("GET", "/rest/api/3/resolution/search", null, 200);
    check("GET", "/rest/api/3/field/search?maxResults=50", null, 200);
    check("GET", "/rest/api/3/field", null, 200);
    check("GET", "/rest/api/3/label?maxResults=5", null, 200);
    check("GET", "/rest/api/3/workflows/search", null, 200);
    check("GET", "/rest/api/3/dashboard/search", null, 200);
    check("GET", "/rest/api/3/filter/search", null, 200);
    check("GET", "/rest/api/3/permissions", null, 200);
  }

  @Test
  void removedSearchEndpointsAnswerGone() {
    check("GET", "/rest/api/3/search?jql=project%3DPLAT", null, 410);
    check("GET", "/rest/api/3/workflow/search", null, 410);
    assertEquals(410, TestClient.postJson(TestClient.api(fake, cloudId, "/rest/api/3/search"), "{\"jql\":\"project = PLAT\"}", token).code());
    TestClient.Answer a = TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/search/id"), token);
    assertEquals(410, a.code());
    assertTrue(a.body().contains("/rest/api/3/search/jql"));
  }
}
