package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.FakeServiceAccount;
import dev.jirasdk.testkit.FakeSite;
import dev.jirasdk.testkit.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceAccountCredentialsTest {
  private static final String SECRET = "sa-secret-do-not-print";
  private static final FakeServiceAccount ACCOUNT =
      FakeServiceAccount.of("sa-client", SECRET, "read:jira-work", "read:jira-user");

  private final OkHttpClient http = new OkHttpClient();
  private FakeJiraCloud fake;
  private MutableClock clock;

  @AfterEach
  void tearDown() {
    if (fake != null) fake.close();
    assertFalse(CapturedLogs.all().contains(SECRET), "the client secret was logged");
  }

  private static final Dataset DATA = Dataset.builder().sites(2).projects(1).issuesPerProject(3).users(3).build();

  private void startFake(FakeServiceAccount... accounts) {
    FakeJiraCloud.Builder b = FakeJiraCloud.builder().dataset(DATA);
    for (FakeServiceAccount a : accounts) b.addServiceAccount(a);
    fake = b.build().start();
    clock = fake.clock();
  }

  private ServiceAccountCredentials.Builder credentials(String secret) {
    return ServiceAccountCredentials.builder().clientId("sa-client").clientSecret(secret)
        .authBaseUrl(fake.authBaseUrl()).apiBaseUrl(fake.apiBaseUrl()).httpClient(http).clock(clock)
        .sleeper(clock::advance);
  }

  private JiraClient client(JiraCredentials credentials, String cloudId) {
    return JiraClient.builder().credentials(credentials).cloudId(cloudId).apiBaseUrl(fake.apiBaseUrl())
        .httpClient(http).clock(clock).sleeper(clock::advance).build();
  }

  @Test
  void sitesComeFromAccessibleResourcesAndCallsGoThroughTheGateway() {
    startFake(ACCOUNT.onlySites(FakeJiraCloud.builder().dataset(DATA).build().sites().get(1).cloudId()));
    ServiceAccountCredentials sa = credentials(SECRET).build();
    List<Site> sites = sa.sites();
    FakeSite second = fake.sites().get(1);
    assertEquals(List.of(second.cloudId()), sites.stream().map(Site::cloudId).toList());
    assertEquals(second.url(), sites.get(0).url());
    JiraClient jira = client(sa, sites.get(0).cloudId());
    Map<String, Object> me = jira.myself();
    assertEquals(fake.users().get(0).accountId(), me.get("accountId"));
    assertEquals(1, fake.requestCount("GET", "/ex/jira/" + second.cloudId() + "/rest/api/3/myself"));
    assertEquals(Duration.ofHours(1), Duration.between(clock.instant(), sa.accessTokenExpiresAt().orElseThrow()));
    assertEquals(java.util.Set.of("read:jira-work", "read:jira-user"), jira.scopesHeld());
    // the other site is not the service account's: Jira answers 401 "scope does not match"
    JiraClient other = client(sa, fake.sites().get(0).cloudId());
    assertThrows(JiraPermissionException.class, other::myself);
    assertEquals(1, fake.serviceAccountTokenRequests("sa-client"));
  }

  @Test
  void concurrentRequestsShareOneTokenFetch() throws Exception {
    startFake(ACCOUNT);
    ServiceAccountCredentials sa = credentials(SECRET).build();
    JiraClient jira = client(sa, fake.sites().get(0).cloudId());
    int n = 8;
    CyclicBarrier start = new CyclicBarrier(n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Map<String, Object>>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return jira.myself();
        }));
      }
      for (Future<Map<String, Object>> c : calls) assertEquals(fake.users().get(0).accountId(), c.get().get("accountId"));
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, fake.serviceAccountTokenRequests("sa-client"));
    assertEquals(1, fake.requestCount("POST", "/oauth/token"));
    assertEquals(n, fake.requestCount("GET", "/rest/api/3/myself"));
  }

  @Test
  void aNewTokenIsFetchedAheadOfExpiryNotBefore() {
    startFake(ACCOUNT);
    ServiceAccountCredentials sa = credentials(SECRET).refreshSkew(Duration.ofMinutes(5)).build();
    JiraClient jira = client(sa, fake.sites().get(0).cloudId());
    jira.myself();
    clock.advance(Duration.ofMinutes(54));
    jira.myself();
    assertEquals(1, fake.serviceAccountTokenRequests("sa-client"), "the token is good for 6 more minutes");
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    jira.myself();
    assertEquals(2, fake.serviceAccountTokenRequests("sa-client"), "within the skew: fetched anew");
    assertEquals(0, fake.requestCount("GET", "/rest/api/3/myself") - 3);
    assertTrue(fake.journal().stream().noneMatch(e -> e.status() == 401), "no request went out stale");
  }

  @Test
  void aWrongSecretIsAnOAuthErrorThatDoesNotShowTheSecret() {
    startFake(ACCOUNT);
    ServiceAccountCredentials sa = credentials("wrong-" + SECRET).build();
    JiraClient jira = client(sa, fake.sites().get(0).cloudId());
    OAuthException e = assertThrows(OAuthException.class, jira::myself);
    assertEquals(401, e.status());
    assertEquals("access_denied", e.error());
    assertTrue(e.getMessage().contains("service-account:sa-client"), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertEquals(0, fake.requestCount("GET", "/rest/api/3/myself"), "nothing was sent to Jira");
  }

  @Test
  void tokenRequestBodyAndA401WithTheCurrentTokenFetchOneNewTokenOnly() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      server.enqueue(token("first-access-token"));
      server.enqueue(new MockResponse.Builder().code(401).body("{\"code\":401,\"message\":\"Unauthorized\"}").build());
      server.enqueue(token("second-access-token"));
      server.enqueue(new MockResponse.Builder().code(401).body("{\"code\":401,\"message\":\"Unauthorized\"}").build());
      TestClock testClock = new TestClock();
      ServiceAccountCredentials sa = ServiceAccountCredentials.builder().clientId("sa-client").clientSecret(SECRET)
          .authBaseUrl(server.url("/").toString()).apiBaseUrl(server.url("/").toString()).clock(testClock).build();
      JiraClient jira = JiraClient.builder().credentials(sa).cloudId("cloud-1").apiBaseUrl(server.url("/").toString())
          .clock(testClock).sleeper(d -> { }).build();
      JiraApiException e = assertThrows(JiraApiException.class, jira::myself);
      assertEquals(401, e.status());
      assertEquals(4, server.getRequestCount(), "token, 401, one new token, 401: then it gives up");

      RecordedRequest first = server.takeRequest();
      assertEquals("/oauth/token", first.getUrl().encodedPath());
      assertEquals(Map.of("grant_type", "client_credentials", "client_id", "sa-client", "client_secret", SECRET),
          Json.MOSHI.adapter(Map.class).fromJson(first.getBody().utf8()));
      assertEquals("Bearer first-access-token", server.takeRequest().getHeaders().get("Authorization"));
      assertEquals("/oauth/token", server.takeRequest().getUrl().encodedPath());
      RecordedRequest retry = server.takeRequest();
      assertEquals("/ex/jira/cloud-1/rest/api/3/myself", retry.getUrl().encodedPath());
      assertEquals("Bearer second-access-token", retry.getHeaders().get("Authorization"));
    }
  }

  @Test
  void aTransientFailureOfTheTokenEndpointIsRetried() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "7").build());
      server.enqueue(token("the-access-token"));
      server.enqueue(new MockResponse.Builder().code(200).body("{\"accountId\":\"sa-1\"}").build());
      TestClock testClock = new TestClock();
      List<Duration> waits = new ArrayList<>();
      ServiceAccountCredentials sa = ServiceAccountCredentials.builder().clientId("sa-client").clientSecret(SECRET)
          .authBaseUrl(server.url("/").toString()).clock(testClock).sleeper(waits::add).build();
      JiraClient jira = JiraClient.builder().credentials(sa).cloudId("cloud-1").apiBaseUrl(server.url("/").toString())
          .build();
      assertEquals("sa-1", jira.myself().get("accountId"));
      assertEquals(List.of(Duration.ofSeconds(7)), waits);
      assertEquals(3, server.getRequestCount());
    }
  }

  private static MockResponse token(String accessToken) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"access_token\":\"" + accessToken + "\",\"expires_in\":3600,\"token_type\":\"Bearer\","
            + "\"scope\":\"read:jira-work\"}")
        .build();
  }

  @Test
  void toStringNeverShowsTheSecretOrAToken() {
    startFake(ACCOUNT);
    ServiceAccountCredentials sa = credentials(SECRET).build();
    String token = sa.authorization();
    JiraClient jira = client(sa, fake.sites().get(0).cloudId());
    for (String s : List.of(sa.toString(), jira.toString())) {
      assertFalse(s.contains(SECRET), s);
      assertFalse(s.contains(token.substring("Bearer ".length())), s);
      assertTrue(s.contains("sa-client"), s);
    }
  }

  @Test
  void badBuilderInputNamesEveryProblem() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ServiceAccountCredentials.builder().apiBaseUrl("not a url").refreshSkew(Duration.ofSeconds(-1)).build());
    String m = e.getMessage();
    assertTrue(m.contains("clientId is missing"), m);
    assertTrue(m.contains("clientSecret is missing"), m);
    assertTrue(m.contains("apiBaseUrl is not an http(s) URL"), m);
    assertTrue(m.contains("refreshSkew"), m);
  }
}
