package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The paging misbehaviours answer what they promise, and every page they answer still conforms to the spec. */
class PageFaultsTest {
  static OpenApiInteractionValidator validator;
  FakeJiraCloud fake;
  String token;
  String cloudId;

  @BeforeAll
  static void spec() {
    validator = OpenApiInteractionValidator
        .createFor(PageFaultsTest.class.getResource("/jira-platform-openapi-v3.json").toString())
        .withResolveRefs(true).build();
  }

  @AfterEach
  void stop() {
    if (fake != null) fake.close();
  }

  void start(String pattern, FaultType type) {
    fake = FakeJiraCloud.builder().dataset(Dataset.builder().projects(1).issuesPerProject(30).heavyIssueEvery(10)
        .build()).faults(Faults.builder().inject(pattern, type, 1.0).build()).build().start();
    token = TestClient.connect(fake).accessToken();
    cloudId = fake.sites().get(0).cloudId();
  }

  /** GETs a page and validates the answer against the spec's schema of the operation. */
  Map<String, Object> page(String pathAndQuery) {
    String url = TestClient.api(fake, cloudId, pathAndQuery);
    TestClient.Answer a = TestClient.get(url, token);
    assertEquals(200, a.code(), a.body());
    HttpUrl u = HttpUrl.get(url);
    SimpleRequest.Builder rb = new SimpleRequest.Builder(Request.Method.GET,
        u.encodedPath().substring(("/ex/jira/" + cloudId).length())).withAuthorization("Bearer " + token);
    for (String name : u.queryParameterNames()) rb.withQueryParam(name, u.queryParameterValues(name));
    ValidationReport report = validator.validate(rb.build(),
        SimpleResponse.Builder.status(200).withContentType("application/json").withBody(a.body()).build());
    if (report.hasErrors()) fail(pathAndQuery + " does not conform to the spec:\n" + report.getMessages());
    return a.json();
  }

  String heavyIssue() {
    return fake.data(cloudId).issueIds("PLAT").get(9);
  }

  @Test
  void neverLastClaimsMoreForeverWithInventedCommentsPastTheEnd() {
    start("GET /rest/api/3/issue/{id}/comment", FaultType.PAGE_NEVER_LAST);
    Map<String, Object> past = page("/rest/api/3/issue/" + heavyIssue() + "/comment?startAt=5000&maxResults=50");
    assertEquals(false, past.get("isLast"));
    List<?> comments = (List<?>) past.get("comments");
    assertEquals(50, comments.size());
    assertEquals("900000005000", ((Map<?, ?>) comments.get(0)).get("id"));
  }

  @Test
  void anAbsurdTotalDropsIsLast() {
    start("GET /rest/api/3/issue/{id}/comment", FaultType.PAGE_ABSURD_TOTAL);
    Map<String, Object> first = page("/rest/api/3/issue/" + heavyIssue() + "/comment?startAt=0&maxResults=10");
    assertEquals((double) Integer.MAX_VALUE, ((Number) first.get("total")).doubleValue());
    assertFalse(first.containsKey("isLast"));
  }

  @Test
  void aTotalNeverReachedIsAThousandTooHigh() {
    start("GET /rest/api/3/priority/search", FaultType.PAGE_TOTAL_NEVER_REACHED);
    Map<String, Object> p = page("/rest/api/3/priority/search?startAt=0&maxResults=50");
    assertEquals(((List<?>) p.get("values")).size() + 1000, ((Number) p.get("total")).intValue());
    assertFalse(p.containsKey("isLast"));
  }

  @Test
  void repeatedPagesIgnoreTheStartAt() {
    start("GET /rest/api/3/priority/search", FaultType.PAGE_REPEATED);
    Map<String, Object> second = page("/rest/api/3/priority/search?startAt=2&maxResults=2");
    assertEquals(0, ((Number) second.get("startAt")).intValue());
    assertEquals(false, second.get("isLast"));
  }

  @Test
  void aStuckStartAtEchoesZero() {
    start("GET /rest/api/3/statuses/search", FaultType.PAGE_START_AT_STUCK);
    Map<String, Object> p = page("/rest/api/3/statuses/search?startAt=3&maxResults=2");
    assertEquals(0, ((Number) p.get("startAt")).intValue());
  }

  @Test
  void theSameTokenComesBackAndAFeedNeverEnds() {
    start("GET /rest/api/3/search/jql", FaultType.PAGE_SAME_TOKEN);
    Map<String, Object> first = page("/rest/api/3/search/jql?jql=project%20%3D%20PLAT&maxResults=5");
    String t = (String) first.get("nextPageToken");
    Map<String, Object> second = page("/rest/api/3/search/jql?jql=project%20%3D%20PLAT&maxResults=5&nextPageToken="
        + Exchange.encode(t));
    assertEquals(t, second.get("nextPageToken"));
    fake.faults(Faults.builder().inject("GET /rest/api/3/worklog/updated", FaultType.PAGE_NEVER_LAST, 1.0).build());
    long now = fake.clock().millis();
    Map<String, Object> feed = page("/rest/api/3/worklog/updated?since=" + now);
    assertEquals(false, feed.get("lastPage"));
    assertTrue(((Number) feed.get("until")).longValue() > now);
  }
}
