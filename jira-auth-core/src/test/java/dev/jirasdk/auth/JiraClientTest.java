package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JiraClientTest {
  private final AuthFixture f = new AuthFixture();
  private AtlassianOAuth oauth;
  private JiraClient jira;
  private String path;

  @BeforeEach
  void connect() {
    oauth = f.oauth();
    jira = oauth.jiraClient(f.connect(oauth).connections().get(0));
    path = "/ex/jira/" + MiniAtlassian.CLOUD_ID + "/rest/api/3/";
  }

  @AfterEach
  void tearDown() {
    f.assertNoSecretLeaked();
    f.close();
  }

  private List<RecordedRequest> apiRequests(String suffix) {
    return f.atlassian.requestsTo(path + suffix);
  }

  private static MockResponse status(int code, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .body("{\"errorMessages\":[\"slow down\"],\"errors\":{}}");
    for (int i = 0; i < headers.length; i += 2) b.addHeader(headers[i], headers[i + 1]);
    return b.build();
  }

  @Test
  void routesToTheSiteThroughTheGatewayWithABearerToken() {
    Map<String, Object> me = jira.myself();
    assertEquals(MiniAtlassian.ACCOUNT_ID, me.get("accountId"));
    RecordedRequest r = apiRequests("myself").get(0);
    assertEquals("GET", r.getMethod());
    assertEquals("Bearer " + oauth.tokens().accessToken(jira.grantId()), r.getHeaders().get("Authorization"));
    assertEquals("application/json", r.getHeaders().get("Accept"));
    assertEquals(f.atlassian.baseUrl() + "ex/jira/" + MiniAtlassian.CLOUD_ID + "/", jira.baseUrl().toString());
  }

  @Test
  void queryParametersAndJsonBodiesGoOverTheWireAsGiven() {
    f.atlassian.apiOverrides.add(MiniAtlassian.json(200, "{\"issues\":[]}"));
    String body = jira.executeForString(JiraRequest.post("rest/api/3/search/jql")
        .query("fields", "summary,updated").jsonBody("{\"jql\":\"project = A\"}").safeToRetry().build());
    assertEquals("{\"issues\":[]}", body);
    RecordedRequest r = apiRequests("search/jql").get(0);
    assertEquals("POST", r.getMethod());
    assertEquals("summary,updated", r.getUrl().queryParameter("fields"));
    assertEquals("{\"jql\":\"project = A\"}", r.getBody().utf8());
    assertTrue(r.getHeaders().get("Content-Type").startsWith("application/json"));
  }

  @Test
  void retryAfterInSecondsIsHonouredFor429And503() {
    f.atlassian.apiOverrides.add(status(429, "Retry-After", "3", "RateLimit-Reason", "jira-burst-based"));
    f.atlassian.apiOverrides.add(status(503, "Retry-After", "5"));
    assertEquals(MiniAtlassian.ACCOUNT_ID, jira.myself().get("accountId"));
    assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(5)), f.sleeps);
    assertEquals(3, apiRequests("myself").size());
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(f.clock.instant().plusSeconds(12).atZone(ZoneOffset.UTC));
    f.atlassian.apiOverrides.add(status(429, "Retry-After", date));
    jira.myself();
    assertEquals(List.of(Duration.ofSeconds(12)), f.sleeps);
  }

  @Test
  void withoutRetryAfterTheBackoffStartsAtTwoSecondsWithJitterAndDoubles() {
    f.atlassian.apiOverrides.add(status(503));
    f.atlassian.apiOverrides.add(status(503));
    jira.myself();
    assertEquals(2, f.sleeps.size());
    long first = f.sleeps.get(0).toMillis();
    long second = f.sleeps.get(1).toMillis();
    assertTrue(first >= 1400 && first <= 2600, "first delay " + first);
    assertTrue(second >= 2800 && second <= 5200, "second delay " + second);
  }

  @Test
  void persistent429BecomesARateLimitExceptionAfterFourAttempts() {
    for (int i = 0; i < 4; i++) f.atlassian.apiOverrides.add(status(429, "Retry-After", "1", "RateLimit-Reason", "jira-quota-global-based"));
    JiraRateLimitException e = assertThrows(JiraRateLimitException.class, jira::myself);
    f.thrown.add(e);
    assertEquals(4, e.attempts());
    assertEquals(4, apiRequests("myself").size(), "sent exactly maxAttempts times, never more");
    assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
    assertEquals("jira-quota-global-based", e.reason().orElseThrow());
    assertEquals(List.of("slow down"), e.errorMessages());
    assertTrue(e.getMessage().contains("GET /rest/api/3/myself"), e.getMessage());
  }

  @Test
  void writesAreNotRepeatedUnlessMarkedSafe() {
    f.atlassian.apiOverrides.add(status(503, "Retry-After", "1"));
    JiraException e = assertThrows(JiraException.class,
        () -> jira.executeForString(JiraRequest.post("rest/api/3/issue").jsonBody("{}").build()));
    f.thrown.add(e);
    assertEquals(1, apiRequests("issue").size());
    assertTrue(f.sleeps.isEmpty());
  }

  @Test
  void forbiddenNeverRefreshesAndReportsTheScopesHeld() {
    int tokenRequests = f.atlassian.tokenRequests.get();
    f.atlassian.apiOverrides.add(new MockResponse.Builder().code(403).addHeader("Content-Type", "application/json")
        .body("{\"errorMessages\":[\"You do not have permission\"],\"errors\":{}}").build());
    JiraPermissionException e = assertThrows(JiraPermissionException.class, jira::myself);
    f.thrown.add(e);
    assertEquals(tokenRequests, f.atlassian.tokenRequests.get());
    assertTrue(e.scopesHeld().contains("read:jira-work"), e.scopesHeld().toString());
    assertTrue(e.getMessage().contains("You do not have permission"), e.getMessage());
  }

  @Test
  void a401ThatSurvivesOneRefreshGivesUpWithoutLooping() {
    int tokenRequests = f.atlassian.tokenRequests.get();
    f.atlassian.apiOverrides.add(status(401));
    f.atlassian.apiOverrides.add(status(401));
    JiraApiException e = assertThrows(JiraApiException.class, jira::myself);
    f.thrown.add(e);
    assertEquals(401, e.status());
    assertEquals(1, f.atlassian.tokenRequests.get() - tokenRequests);
    assertEquals(2, apiRequests("myself").size());
  }

  @Test
  void jiraErrorBodiesAreCarriedInTheException() {
    f.atlassian.apiOverrides.add(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
        .body("{\"errorMessages\":[\"Error in the JQL Query\"],\"errors\":{\"jql\":\"bad\"}}").build());
    JiraApiException e = assertThrows(JiraApiException.class,
        () -> jira.executeForString(JiraRequest.get("rest/api/3/search/jql").query("jql", "x ~").build()));
    f.thrown.add(e);
    assertEquals(400, e.status());
    assertEquals(List.of("Error in the JQL Query"), e.errorMessages());
    assertEquals(Map.of("jql", "bad"), e.errors());
    assertEquals(1, e.attempts());
  }

  @Test
  void anHtmlErrorPageIsDescribedNotParsed() {
    for (int i = 0; i < 4; i++) {
      f.atlassian.apiOverrides.add(new MockResponse.Builder().code(500).addHeader("Content-Type", "text/html")
          .body("<html>oops</html>").build());
    }
    JiraApiException e = assertThrows(JiraApiException.class, jira::myself);
    f.thrown.add(e);
    assertTrue(e.getMessage().contains("HTML"), e.getMessage());
    assertEquals(4, e.attempts());
  }

  @Test
  void aConnectionResetMidBodyIsRetriedForReads() {
    f.atlassian.apiOverrides.add(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"accountId\":\"x\",\"padding\":\"" + "y".repeat(10_000) + "\"}")
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    assertEquals(MiniAtlassian.ACCOUNT_ID, jira.myself().get("accountId"));
    assertEquals(2, apiRequests("myself").size());
  }

  @Test
  void aResponseReaderGetsTheBodyAsAStreamAndABodyCutShortIsReadAgain() {
    String padded = "{\"accountId\":\"x\",\"padding\":\"" + "y".repeat(10_000) + "\"}";
    f.atlassian.apiOverrides.add(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(padded).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    f.atlassian.apiOverrides.add(MiniAtlassian.json(200, padded));
    List<String> streamTypes = new ArrayList<>();
    byte[] body = jira.execute(JiraRequest.get("rest/api/3/myself").build(), in -> {
      streamTypes.add(in.getClass().getName());
      return in.readAllBytes();
    });
    assertEquals(padded, new String(body, StandardCharsets.UTF_8));
    assertEquals(2, apiRequests("myself").size());
    assertEquals(2, streamTypes.size(), "the reader ran once per attempt");
  }

  @Test
  void malformedJsonOnEveryAttemptIsAnUnexpectedResponse() {
    for (int i = 0; i < 6; i++) f.atlassian.apiOverrides.add(MiniAtlassian.json(200, "{\"accountId\": "));
    MalformedResponseException e = assertThrows(MalformedResponseException.class, jira::myself);
    f.thrown.add(e);
    assertTrue(e.getMessage().contains("GET /rest/api/3/myself"), e.getMessage());
    assertEquals(4, e.attempts());
    assertEquals(4, apiRequests("myself").size(), "sent exactly maxAttempts times, never more");
  }

  @Test
  void aReaderThatCannotParseTheBodyIsRetriedThenReportedWithTheEndpoint() {
    for (int i = 0; i < 6; i++) f.atlassian.apiOverrides.add(MiniAtlassian.json(200, "<<garbage>>"));
    JiraRequest request = JiraRequest.get("rest/api/3/myself").build();
    MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> jira.execute(request,
        src -> {
          throw new MalformedResponseException("no JSON at byte 0");
        }));
    f.thrown.add(e);
    assertEquals("GET /rest/api/3/myself", e.endpoint());
    assertTrue(e.getMessage().contains("no JSON at byte 0"), e.getMessage());
    assertEquals(4, apiRequests("myself").size());
  }

  @Test
  void variantsAddInterceptorsThatSeeEveryAttempt() {
    AtomicInteger seen = new AtomicInteger();
    JiraClient counted = jira.newBuilder().addInterceptor(chain -> {
      seen.incrementAndGet();
      return chain.proceed(chain.request());
    }).build();
    f.atlassian.apiOverrides.add(status(429, "Retry-After", "0"));
    counted.myself();
    assertEquals(2, seen.get());
    assertFalse(counted.toString().contains("SECRET"));
  }

  @Test
  void deactivatedConnectionsGetNoClient() {
    String id = jira.connectionId();
    f.accountStore.deactivate(id);
    assertThrows(IllegalStateException.class, () -> oauth.jiraClient(id));
    assertThrows(IllegalArgumentException.class, () -> oauth.jiraClient("c_000000000000000000000000"));
  }
}
