package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeApiToken;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.MutableClock;
import dev.jirasdk.testkit.RateLimits;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiTokenCredentialsTest {
  private static final String TOKEN = "ATATT3xFfGF0-scoped-token-do-not-print";
  private static final String EMAIL = "bot@example.com";

  private final OkHttpClient http = new OkHttpClient();
  private MockWebServer server;
  private TestClock clock;

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    clock = new TestClock(Instant.parse("2026-06-01T00:00:00Z"));
  }

  @AfterEach
  void tearDown() {
    server.close();
    assertFalse(CapturedLogs.all().contains(TOKEN), "the API token was logged");
  }

  private ApiTokenCredentials.Builder token() {
    return ApiTokenCredentials.builder().email(EMAIL).apiToken(TOKEN).clock(clock);
  }

  private JiraClient client(JiraCredentials credentials) {
    return JiraClient.builder().credentials(credentials).cloudId("cloud-1").apiBaseUrl(server.url("/").toString())
        .httpClient(http).clock(clock).sleeper(d -> { }).build();
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void theBasicHeaderIsExactOnTheWireThroughTheGateway() throws Exception {
    server.enqueue(ok("{\"accountId\":\"a-1\"}"));
    client(token().build()).myself();
    RecordedRequest r = server.takeRequest();
    assertEquals("/ex/jira/cloud-1/rest/api/3/myself", r.getUrl().encodedPath());
    String expected = "Basic " + Base64.getEncoder()
        .encodeToString((EMAIL + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    assertEquals(expected, r.getHeaders().get("Authorization"));
  }

  @Test
  void anExpiredTokenIsRefusedBeforeAnyRequest() {
    ApiTokenCredentials t = token().expiresAt(Instant.parse("2026-05-31T23:59:59Z")).build();
    ApiTokenException e = assertThrows(ApiTokenException.class, () -> client(t).myself());
    assertEquals(ApiTokenException.Reason.EXPIRED, e.reason());
    assertEquals("api-token:" + EMAIL, e.credentialsId());
    assertTrue(e.getMessage().contains("expired at 2026-05-31T23:59:59Z"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void a401IsFinalAfterExactlyOneRequest() {
    server.enqueue(new MockResponse.Builder().code(401).body("{\"code\":401,\"message\":\"Unauthorized\"}").build());
    server.enqueue(ok("{\"accountId\":\"a-1\"}"));
    ApiTokenException e = assertThrows(ApiTokenException.class, () -> client(token().build()).myself());
    assertEquals(ApiTokenException.Reason.REJECTED, e.reason());
    assertTrue(e.getMessage().contains("rejected the API token of " + EMAIL), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aScopeMismatchIsAPermissionErrorNotARejectedToken() {
    server.enqueue(new MockResponse.Builder().code(401)
        .body("{\"code\":401,\"message\":\"Unauthorized; scope does not match\"}").build());
    JiraPermissionException e = assertThrows(JiraPermissionException.class,
        () -> client(token().scopes("read:jira-user").build()).myself());
    assertEquals(java.util.Set.of("read:jira-user"), e.scopesHeld());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void theExpiryIsSurfacedAndWarnedOnceWithinTheWindow() {
    Instant expiry = Instant.parse("2026-06-20T00:00:00Z");
    List<String> heard = new ArrayList<>();
    ApiTokenCredentials t = token().expiresAt(expiry).warnAhead(Duration.ofDays(14))
        .onExpiringSoon((id, at) -> heard.add(id + " " + at)).build();
    assertEquals(expiry, t.expiresAt().orElseThrow());
    assertFalse(t.expiresWithin(Duration.ofDays(14)));
    for (int i = 0; i < 3; i++) server.enqueue(ok("{}"));
    JiraClient jira = client(t);
    jira.myself();
    assertEquals(List.of(), heard, "19 days ahead: no warning yet");
    clock.advance(Duration.ofDays(5));
    assertTrue(t.expiresWithin(Duration.ofDays(14)));
    jira.myself();
    jira.myself();
    assertEquals(List.of("api-token:" + EMAIL + " " + expiry), heard);
    assertTrue(CapturedLogs.all().contains("the API token of " + EMAIL + " expires at " + expiry));
  }

  @Test
  void toStringNeverShowsTheToken() {
    ApiTokenCredentials t = token().build();
    String header = t.authorization();
    for (String s : List.of(t.toString(), client(t).toString())) {
      assertFalse(s.contains(TOKEN), s);
      assertFalse(s.contains(header.substring("Basic ".length())), s);
      assertTrue(s.contains(EMAIL), s);
    }
  }

  @Test
  void badBuilderInputNamesEveryProblem() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ApiTokenCredentials.builder().email("not-an-email").apiToken(" " + TOKEN).build());
    assertTrue(e.getMessage().contains("email must be an account's email address"), e.getMessage());
    assertTrue(e.getMessage().contains("apiToken has leading or trailing whitespace"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> ApiTokenCredentials.builder().build());
    assertTrue(e.getMessage().contains("email is missing") && e.getMessage().contains("apiToken is missing"));
    e = assertThrows(IllegalStateException.class, () -> JiraClient.builder().cloudId("https://acme.atlassian.net").build());
    assertTrue(e.getMessage().contains("credentials are missing"), e.getMessage());
    assertTrue(e.getMessage().contains("cloudId must be a site id, not a URL"), e.getMessage());
  }

  // ----------------------------------------------------------------------- against FakeJiraCloud

  private static FakeJiraCloud fakeWith(FakeJiraCloud.Builder b) {
    return b.dataset(Dataset.builder().projects(1).issuesPerProject(2).users(3).build()).build().start();
  }

  private JiraClient fakeClient(FakeJiraCloud fake, ApiTokenCredentials t) {
    MutableClock c = fake.clock();
    return JiraClient.builder().credentials(t).cloudId(fake.sites().get(0).cloudId())
        .apiBaseUrl(fake.apiBaseUrl()).httpClient(http).clock(c).sleeper(c::advance).maxAttempts(1).build();
  }

  @Test
  void theFakeAcceptsBasicOnlyThroughTheGatewayAndUntilExpiry() throws Exception {
    try (FakeJiraCloud fake = fakeWith(FakeJiraCloud.builder().addApiToken(
        FakeApiToken.of(EMAIL, TOKEN, "read:jira-work", "read:jira-user").expiringAt(Instant.parse("2026-09-01T00:00:00Z"))))) {
      ApiTokenCredentials t = ApiTokenCredentials.builder().email(EMAIL).apiToken(TOKEN).clock(fake.clock()).build();
      assertEquals(fake.users().get(0).accountId(), fakeClient(fake, t).myself().get("accountId"));

      String basic = t.authorization();
      for (String path : List.of("rest/api/3/myself", "oauth/token/accessible-resources")) {
        Request r = new Request.Builder().url(fake.apiBaseUrl() + "/" + path).header("Authorization", basic).build();
        try (Response response = http.newCall(r).execute()) {
          assertEquals(401, response.code(), "Basic outside the gateway: " + path);
        }
      }
      ApiTokenCredentials wrong = ApiTokenCredentials.builder().email(EMAIL).apiToken("wrong").build();
      assertEquals(ApiTokenException.Reason.REJECTED,
          assertThrows(ApiTokenException.class, () -> fakeClient(fake, wrong).myself()).reason());

      fake.clock().set(Instant.parse("2026-09-01T00:00:00Z"));
      assertThrows(ApiTokenException.class, () -> fakeClient(fake, t).myself());
      assertEquals(List.of(200, 401, 401), fake.journal().stream().filter(j -> j.path().startsWith("/ex/jira/"))
          .map(j -> j.status()).toList(), "the right token, the wrong one, the right one after its expiry");
    }
  }

  @Test
  void theFakeRefusesBasicTrafficAsCostBasedWhenItsBudgetIsSpent() {
    try (FakeJiraCloud fake = fakeWith(FakeJiraCloud.builder()
        .rateLimits(RateLimits.builder().pointsPerHour(2).build())
        .addApiToken(FakeApiToken.of(EMAIL, TOKEN, "read:jira-work", "read:jira-user")))) {
      ApiTokenCredentials t = ApiTokenCredentials.builder().email(EMAIL).apiToken(TOKEN).clock(fake.clock()).build();
      JiraClient jira = fakeClient(fake, t);
      jira.myself();
      jira.myself();
      JiraRateLimitException e = assertThrows(JiraRateLimitException.class, jira::myself);
      assertEquals("jira-cost-based", e.reason().orElse(null));
    }
  }
}
