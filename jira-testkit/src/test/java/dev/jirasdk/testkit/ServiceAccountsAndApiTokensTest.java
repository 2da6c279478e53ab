package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceAccountsAndApiTokensTest {
  private static final Dataset DATA = Dataset.builder().sites(2).projects(1).issuesPerProject(2).users(3).build();
  private FakeJiraCloud fake;

  @AfterEach
  void close() {
    if (fake != null) {
      fake.close();
    }
  }

  private TestClient.Answer clientCredentials(String clientId, String secret) {
    return TestClient.postJson(fake.authBaseUrl() + "/oauth/token", Json.string(Json.obj(
        "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)), null);
  }

  private static String basic(String email, String token) {
    return "Basic " + Base64.getEncoder().encodeToString((email + ":" + token).getBytes(StandardCharsets.UTF_8));
  }

  private TestClient.Answer withAuthorization(String url, String authorization) {
    return TestClient.call(new Request.Builder().url(url).header("Authorization", authorization).build());
  }

  @Test
  void clientCredentialsAnswerANonRotatingTokenForTheAccountsSitesOnly() {
    String second = FakeJiraCloud.builder().dataset(DATA).build().sites().get(1).cloudId();
    fake = FakeJiraCloud.builder().dataset(DATA)
        .addServiceAccount(FakeServiceAccount.of("sa", "sa-secret", "read:jira-work", "read:jira-user", "offline_access")
            .onlySites(second))
        .build().start();
    TestClient.Answer token = clientCredentials("sa", "sa-secret");
    assertEquals(200, token.code());
    Map<String, Object> t = token.json();
    assertNull(t.get("refresh_token"), "client credentials are never rotated");
    assertEquals(3600.0, ((Number) t.get("expires_in")).doubleValue());
    assertEquals("Bearer", t.get("token_type"));
    assertEquals("read:jira-work read:jira-user", t.get("scope"));
    String access = (String) t.get("access_token");

    List<?> sites = TestClient.get(fake.apiBaseUrl() + "/oauth/token/accessible-resources", access).array();
    assertEquals(1, sites.size());
    assertEquals(second, Json.asObject(sites.get(0)).get("id"));
    assertEquals(200, TestClient.get(TestClient.api(fake, second, "/rest/api/3/myself"), access).code());
    TestClient.Answer other = TestClient.get(TestClient.api(fake, fake.sites().get(0).cloudId(), "/rest/api/3/myself"), access);
    assertEquals(401, other.code());
    assertTrue(other.body().contains("scope does not match"), other.body());

    // form bodies work too; every call mints a new token, and the old one keeps working until it expires
    TestClient.Answer again = TestClient.postForm(fake.authBaseUrl() + "/oauth/token", new FormBody.Builder()
        .add("grant_type", "client_credentials").add("client_id", "sa").add("client_secret", "sa-secret").build());
    assertEquals(200, again.code());
    assertEquals(2, fake.serviceAccountTokenRequests("sa"));
    assertEquals(200, TestClient.get(TestClient.api(fake, second, "/rest/api/3/myself"), access).code());
    fake.clock().advance(Duration.ofHours(1));
    assertEquals(401, TestClient.get(TestClient.api(fake, second, "/rest/api/3/myself"), access).code());
  }

  @Test
  void aWrongSecretOrUnknownClientIsAccessDenied() {
    fake = FakeJiraCloud.builder().dataset(DATA).addServiceAccount(FakeServiceAccount.of("sa", "sa-secret", "read:jira-work"))
        .build().start();
    for (TestClient.Answer a : List.of(clientCredentials("sa", "wrong"), clientCredentials("nobody", "sa-secret"))) {
      assertEquals(401, a.code());
      assertEquals("access_denied", a.json().get("error"));
      assertFalse(a.body().contains("sa-secret"));
    }
    assertEquals(0, fake.serviceAccountTokenRequests("sa"));
  }

  @Test
  void apiTokensWorkAsBasicOnTheGatewayOnlyUntilTheyExpire() {
    fake = FakeJiraCloud.builder().dataset(DATA)
        .addApiToken(FakeApiToken.of("bot@example.com", "tok", "read:jira-work", "read:jira-user")
            .expiringAt(MutableClock.DEFAULT_START.plus(Duration.ofDays(30))))
        .build().start();
    String cloudId = fake.sites().get(0).cloudId();
    String myself = TestClient.api(fake, cloudId, "/rest/api/3/myself");
    TestClient.Answer me = withAuthorization(myself, basic("bot@example.com", "tok"));
    assertEquals(200, me.code());
    assertEquals(fake.users().get(0).accountId(), me.json().get("accountId"));
    assertEquals(200, withAuthorization(myself, basic("BOT@example.com", "tok")).code(), "emails match case-blind");
    assertEquals(401, withAuthorization(myself, basic("bot@example.com", "tok2")).code());
    assertEquals(401, withAuthorization(myself, "Basic !!not-base64").code());
    for (String path : List.of("/me", "/oauth/token/accessible-resources", "/rest/api/3/myself")) {
      assertEquals(401, withAuthorization(fake.apiBaseUrl() + path, basic("bot@example.com", "tok")).code(), path);
    }
    TestClient.Answer noScope = withAuthorization(TestClient.api(fake, cloudId, "/rest/api/3/priority/search"),
        basic("bot@example.com", "tok"));
    assertEquals(401, noScope.code());
    assertTrue(noScope.body().contains("scope does not match"), noScope.body());
    fake.clock().advance(Duration.ofDays(30));
    assertEquals(401, withAuthorization(myself, basic("bot@example.com", "tok")).code(), "expired");
  }

  @Test
  void anApiTokenOfADatasetUserSeesThatUsersSites() {
    Dataset data = Dataset.builder().sites(2).projects(1).issuesPerProject(2).users(3).build();
    FakeJiraCloud probe = FakeJiraCloud.builder().dataset(data).build();
    FakeUser second = probe.users().get(1);
    fake = FakeJiraCloud.builder().dataset(data)
        .addApiToken(FakeApiToken.of(second.email(), "tok", "read:jira-work", "read:jira-user")).build().start();
    String auth = basic(second.email(), "tok");
    String reachable = fake.sitesOf(second.accountId()).get(0).cloudId();
    String other = fake.sites().stream().map(FakeSite::cloudId).filter(c -> !c.equals(reachable)).findFirst().orElseThrow();
    TestClient.Answer me = withAuthorization(TestClient.api(fake, reachable, "/rest/api/3/myself"), auth);
    assertEquals(second.accountId(), me.json().get("accountId"));
    assertEquals(401, withAuthorization(TestClient.api(fake, other, "/rest/api/3/myself"), auth).code());
  }

  @Test
  void basicTrafficIsRefusedAsCostBasedWhenItsBudgetIsSpent() {
    fake = FakeJiraCloud.builder().dataset(DATA).rateLimits(RateLimits.builder().pointsPerHour(3).build())
        .addApiToken(FakeApiToken.of("bot@example.com", "tok", "read:jira-work", "read:jira-user")).build().start();
    String myself = TestClient.api(fake, fake.sites().get(0).cloudId(), "/rest/api/3/myself");
    String auth = basic("bot@example.com", "tok");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, withAuthorization(myself, auth).code());
    }
    TestClient.Answer refused = withAuthorization(myself, auth);
    assertEquals(429, refused.code());
    assertEquals("jira-cost-based", refused.headers().get("RateLimit-Reason"));
    // the apps' OAuth budget of the site is untouched
    TestClient.Tokens oauth = TestClient.connect(fake);
    assertEquals(200, TestClient.get(myself, oauth.accessToken()).code());
  }

  @Test
  void registrationsAreCheckedAndTheirSecretsNeverPrinted() {
    FakeServiceAccount sa = FakeServiceAccount.of("sa", "sa-secret", "read:jira-work");
    FakeApiToken t = FakeApiToken.of("bot@example.com", "tok-secret", "read:jira-work");
    assertFalse(sa.toString().contains("sa-secret"), sa.toString());
    assertFalse(t.toString().contains("tok-secret"), t.toString());
    assertThrows(IllegalArgumentException.class, () -> FakeServiceAccount.of("sa", "s"));
    assertThrows(IllegalArgumentException.class, () -> FakeJiraCloud.builder()
        .addServiceAccount(FakeServiceAccount.of("sa", "s", "read:everything")));
    assertThrows(IllegalArgumentException.class, () -> FakeJiraCloud.builder().addApiToken(t)
        .addApiToken(FakeApiToken.of("BOT@example.com", "x", "read:jira-work")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FakeJiraCloud.builder()
        .addServiceAccount(sa.onlySites("no-such-site")).build());
    assertTrue(e.getMessage().contains("no-such-site"), e.getMessage());
  }
}
