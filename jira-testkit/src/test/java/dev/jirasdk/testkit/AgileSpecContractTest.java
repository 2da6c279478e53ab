package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fake's Jira Software endpoints against Atlassian's official Jira Software spec: every request names an
 * operation of the spec with valid parameters, every answer conforms to the operation's response schema, and
 * each route requires at least the scopes the spec lists for it.
 */
class AgileSpecContractTest {
  static final String AGILE_SCOPES = " read:board-scope:jira-software read:sprint:jira-software read:project:jira"
      + " read:issue-details:jira read:jql:jira";
  static OpenApiInteractionValidator validator;
  static FakeJiraCloud fake;
  static String token;
  static String cloudId;

  @BeforeAll
  static void setUp() {
    validator = OpenApiInteractionValidator
        .createFor(AgileSpecContractTest.class.getResource("/jira-software-openapi-v3.json").toString())
        .withResolveRefs(true)
        .build();
    fake = FakeJiraCloud.builder().dataset(Dataset.small()).build().start();
    token = TestClient.connect(fake, fake.users().get(0).accountId(), TestClient.ALL_SCOPES + AGILE_SCOPES)
        .accessToken();
    cloudId = fake.sites().get(0).cloudId();
  }

  @AfterAll
  static void tearDown() {
    fake.close();
  }

  static TestClient.Answer check(String pathAndQuery, int expectedStatus) {
    String url = TestClient.api(fake, cloudId, pathAndQuery);
    TestClient.Answer a = TestClient.send("GET", url, null, token);
    assertEquals(expectedStatus, a.code(), pathAndQuery + " -> " + a.body());
    HttpUrl u = HttpUrl.get(url);
    String path = u.encodedPath().substring(("/ex/jira/" + cloudId).length());
    SimpleRequest.Builder rb = new SimpleRequest.Builder(Request.Method.GET, path)
        .withAuthorization("Bearer " + token);
    for (String name : u.queryParameterNames()) {
      rb.withQueryParam(name, u.queryParameterValues(name));
    }
    SimpleResponse.Builder sb = SimpleResponse.Builder.status(a.code());
    String ct = a.headers().get("Content-Type");
    if (ct != null) {
      sb.withContentType(ct.replace(";charset=UTF-8", ""));
    }
    sb.withBody(a.body());
    ValidationReport report = a.code() >= 400 ? validator.validateRequest(rb.build())
        : validator.validate(rb.build(), sb.build());
    if (report.hasErrors()) {
      fail("GET " + pathAndQuery + " does not conform to the Jira Software spec:\n" + report.getMessages());
    }
    return a;
  }

  static AgileData agile() {
    return fake.data(cloudId).agile();
  }

  @Test
  void boardListingConformsAndPagesAsTheSpecSays() {
    check("/rest/agile/1.0/board", 200);
    TestClient.Answer first = check("/rest/agile/1.0/board?startAt=0&maxResults=1", 200);
    Map<String, Object> page = first.json();
    assertEquals(0, ((Number) page.get("startAt")).intValue());
    assertEquals(1, ((Number) page.get("maxResults")).intValue());
    assertEquals(agile().boardCount(), ((Number) page.get("total")).longValue());
    assertEquals(Boolean.FALSE, page.get("isLast"));
    Map<?, ?> board = (Map<?, ?>) ((List<?>) page.get("values")).get(0);
    assertNotNull(((Map<?, ?>) board.get("location")).get("projectId"), "boards carry their project location");
    TestClient.Answer last = check("/rest/agile/1.0/board?startAt=" + (agile().boardCount() - 1) + "&maxResults=1",
        200);
    assertEquals(Boolean.TRUE, last.json().get("isLast"));
    check("/rest/agile/1.0/board?projectKeyOrId=PLAT", 200);
  }

  @Test
  void boardAndSprintEndpointsConform() {
    long scrum = agile().boardIds().stream().filter(b -> agile().boardType(b).equals("scrum")).findFirst().orElseThrow();
    long kanban = agile().boardIds().stream().filter(b -> agile().boardType(b).equals("kanban")).findFirst().orElseThrow();
    check("/rest/agile/1.0/board/" + scrum, 200);
    TestClient.Answer sprints = check("/rest/agile/1.0/board/" + scrum + "/sprint", 200);
    Set<Object> states = new HashSet<>();
    for (Object v : (List<?>) sprints.json().get("values")) {
      states.add(((Map<?, ?>) v).get("state"));
    }
    assertEquals(Set.of("closed", "active", "future"), states);
    check("/rest/agile/1.0/board/" + scrum + "/sprint?startAt=1&maxResults=2", 200);
    check("/rest/agile/1.0/board/" + kanban + "/sprint", 400);
    check("/rest/agile/1.0/board/999999", 404);
    long sprint = agile().sprintIds(scrum, "closed").get(0);
    check("/rest/agile/1.0/sprint/" + sprint, 200);
    TestClient.Answer issues = check("/rest/agile/1.0/sprint/" + sprint + "/issue?startAt=0&maxResults=5", 200);
    assertEquals(agile().issuesInSprint(sprint).size(), ((Number) issues.json().get("total")).intValue());
    check("/rest/agile/1.0/sprint/999999", 404);
  }

  @Test
  void theTypeAndStateFiltersSelectBoardsAndSprints() {
    // The spec types these query parameters as objects, which no client sends; Jira takes plain (comma) text.
    TestClient.Answer kanban = TestClient.get(TestClient.api(fake, cloudId, "/rest/agile/1.0/board?type=kanban"), token);
    assertEquals(200, kanban.code());
    for (Object v : (List<?>) kanban.json().get("values")) {
      assertEquals("kanban", ((Map<?, ?>) v).get("type"));
    }
    long scrum = agile().boardIds().stream().filter(b -> agile().boardType(b).equals("scrum")).findFirst().orElseThrow();
    TestClient.Answer open = TestClient.get(TestClient.api(fake, cloudId, "/rest/agile/1.0/board/" + scrum
        + "/sprint?state=future,active"), token);
    assertEquals(200, open.code());
    for (Object v : (List<?>) open.json().get("values")) {
      assertTrue(Set.of("future", "active").contains(((Map<?, ?>) v).get("state")), v::toString);
    }
    assertEquals(agile().sprintIds(scrum, "future").size() + agile().sprintIds(scrum, "active").size(),
        ((List<?>) open.json().get("values")).size());
  }

  @Test
  void everyRouteRequiresTheScopesTheSpecLists() {
    Map<String, Object> spec = Json.asObject(Json.parse(new String(readSpec(), java.nio.charset.StandardCharsets.UTF_8)));
    Map<String, Object> paths = Json.asObject(spec.get("paths"));
    for (Route r : AgileApi.ROUTES) {
      Map<String, Object> op = Json.asObject(Json.asObject(paths.get(r.template())).get(r.method().toLowerCase()));
      assertNotNull(op, r.template());
      assertEquals(op.get("operationId"), r.operationId(), r.template());
      for (Object sec : (List<?>) op.get("security")) {
        Object oauth = Json.asObject(sec).get("OAuth2");
        if (oauth != null) {
          for (Object scope : (List<?>) oauth) {
            assertTrue(r.scopes().contains(scope), r.template() + " needs " + scope + " per the spec");
          }
        }
      }
      Set<String> params = new HashSet<>();
      for (Object p : (List<?>) op.get("parameters")) {
        if ("query".equals(Json.asObject(p).get("in"))) params.add((String) Json.asObject(p).get("name"));
      }
      assertEquals(params, r.queryParams(), "query parameters of " + r.template());
    }
  }

  @Test
  void aTokenWithoutTheAgileScopesMeetsTheScopeMismatch401() {
    String platformOnly = TestClient.connect(fake, fake.users().get(0).accountId(), TestClient.ALL_SCOPES).accessToken();
    TestClient.Answer a = TestClient.get(TestClient.api(fake, cloudId, "/rest/agile/1.0/board"), platformOnly);
    assertEquals(401, a.code());
    assertTrue(a.body().contains("scope does not match"), a.body());
    String boardsOnly = TestClient.connect(fake, fake.users().get(0).accountId(), TestClient.ALL_SCOPES
        + " read:board-scope:jira-software read:project:jira").accessToken();
    assertEquals(200, TestClient.get(TestClient.api(fake, cloudId, "/rest/agile/1.0/board"), boardsOnly).code());
    long board = agile().boardIds().get(0);
    assertEquals(401, TestClient.get(TestClient.api(fake, cloudId, "/rest/agile/1.0/board/" + board + "/sprint"),
        boardsOnly).code());
  }

  @Test
  void theSprintFieldListsEverySprintAnIssueWentThroughAndEpicsAreParents() {
    String id = agile().issueThroughSprints(3);
    assertNotNull(id, "an issue went through three sprints");
    TestClient.Answer a = TestClient.get(TestClient.api(fake, cloudId, "/rest/api/3/issue/" + id), token);
    Map<String, Object> fields = Json.asObject(a.json().get("fields"));
    List<?> sprints = (List<?>) fields.get(AgileModel.SPRINT_FIELD);
    assertEquals(agile().sprintsOf(id).size(), sprints.size());
    assertTrue(sprints.size() >= 3);
    assertEquals("closed", ((Map<?, ?>) sprints.get(0)).get("state"));
    long withParent = agile().issuesWithParentCount();
    assertTrue(withParent > 0, "some issues have an epic");
    boolean teamManagedEpic = false;
    boolean companyManagedEpic = false;
    for (String key : fake.data(cloudId).projectKeys()) {
      for (String issue : fake.data(cloudId).issueIds(key)) {
        String parent = agile().parentOf(issue);
        if (parent == null) continue;
        if (agile().teamManaged(key)) teamManagedEpic = true;
        else companyManagedEpic = true;
      }
    }
    assertTrue(teamManagedEpic && companyManagedEpic, "epics in team-managed and company-managed projects");
  }

  private static byte[] readSpec() {
    try (var in = AgileSpecContractTest.class.getResourceAsStream("/jira-software-openapi-v3.json")) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
