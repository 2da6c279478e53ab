package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OAuthTest {
  private final MutableClock clock = MutableClock.create();
  private FakeJiraCloud fake;

  private FakeJiraCloud start(FakeJiraCloud.Builder b) {
    fake = b.clock(clock).build().start();
    return fake;
  }

  @AfterEach
  void close() {
    if (fake != null) {
      fake.close();
    }
  }

  private String admin() {
    return fake.users().get(0).accountId();
  }

  private int myself(String accessToken) {
    return TestClient.get(TestClient.api(fake, fake.sites().get(0).cloudId(), "/rest/api/3/myself"), accessToken).code();
  }

  @Test
  void consentPageAcceptRedirectsWithCodeAndUnchangedState() {
    start(FakeJiraCloud.builder());
    String url = TestClient.authorizeUrl(fake, TestClient.ALL_SCOPES, "s+t/a=te");
    TestClient.Answer page = TestClient.get(url, null);
    assertEquals(200, page.code());
    assertTrue(page.body().contains("Accept") && page.body().contains(fake.users().get(1).displayName()));
    FormBody.Builder form = new FormBody.Builder();
    HttpUrl u = HttpUrl.get(url);
    for (String n : u.queryParameterNames()) {
      form.add(n, u.queryParameter(n));
    }
    form.add("account_id", admin()).add("decision", "accept");
    TestClient.Answer accepted = TestClient.postForm(fake.authBaseUrl() + "/authorize", form.build());
    assertEquals(302, accepted.code());
    HttpUrl loc = HttpUrl.get(accepted.headers().get("Location"));
    assertEquals("s+t/a=te", loc.queryParameter("state"));
    assertTrue(loc.toString().startsWith(fake.redirectUri()));
    assertTrue(loc.queryParameter("code").length() > 20);
  }

  @Test
  void completeAuthorizationHandsBackTheCallbacksCodeAndUnchangedStateAndTheCodeExchanges() {
    start(FakeJiraCloud.builder().client("my-app", "my-secret", "https://app.example.com/auth/callback?tenant=7"));
    String url = fake.authBaseUrl() + "/authorize?audience=api.atlassian.com&client_id=my-app&scope=read%3Ajira-work"
        + "&redirect_uri=" + TestClient.enc("https://app.example.com/auth/callback?tenant=7")
        + "&state=" + TestClient.enc("s+t/a=te") + "&response_type=code";
    AuthorizationCallback callback = fake.completeAuthorization(url);
    assertTrue(callback.succeeded());
    assertEquals("s+t/a=te", callback.state());
    assertNull(callback.error());
    assertEquals("/auth/callback", callback.uri().getPath());
    assertTrue(callback.uri().getQuery().startsWith("tenant=7&code="), callback.uri().toString());
    assertFalse(callback.toString().contains(callback.requireCode()), callback.toString());

    String body = Json.string(Json.obj("grant_type", "authorization_code", "client_id", "my-app",
        "client_secret", "my-secret", "code", callback.code(),
        "redirect_uri", "https://app.example.com/auth/callback?tenant=7"));
    assertEquals(200, TestClient.postJson(fake.authBaseUrl() + "/oauth/token", body, null).code());
  }

  @Test
  void completeAuthorizationReportsARefusalAsAnErrorWithoutACode() {
    start(FakeJiraCloud.builder());
    AuthorizationCallback refused = fake.completeAuthorization(
        TestClient.authorizeUrl(fake, "read:everything", "abc"), fake.users().get(1).accountId());
    assertFalse(refused.succeeded());
    assertEquals("invalid_scope", refused.error());
    assertEquals("abc", refused.state());
    assertNull(refused.code());
    IllegalStateException e = assertThrows(IllegalStateException.class, refused::requireCode);
    assertTrue(e.getMessage().contains("invalid_scope"), e.getMessage());

    assertThrows(IllegalArgumentException.class, () -> fake.completeAuthorization(
        TestClient.authorizeUrl(fake, "read:jira-work", "abc"), "no-such-account"));
    assertThrows(IllegalArgumentException.class, () -> AuthorizationCallback.parse("https://app.example/cb?state=x"));
  }

  @Test
  void denyRedirectsWithAccessDenied() {
    start(FakeJiraCloud.builder());
    HttpUrl loc = HttpUrl.get(fake.deny(TestClient.authorizeUrl(fake, "read:jira-work", "abc")));
    assertEquals("access_denied", loc.queryParameter("error"));
    assertEquals("abc", loc.queryParameter("state"));
  }

  @Test
  void authorizeRejectsWrongRedirectUriClientAndScope() {
    start(FakeJiraCloud.builder());
    String good = TestClient.authorizeUrl(fake, "read:jira-work", "x");
    assertEquals(400, TestClient.get(good.replace(TestClient.enc(fake.redirectUri()), TestClient.enc("http://localhost:3000/other")), null).code());
    assertEquals(400, TestClient.get(good.replace("client_id=fake-client-id", "client_id=nope"), null).code());
    assertThrows(IllegalArgumentException.class, () -> fake.approve(good.replace("client_id=fake-client-id", "client_id=nope"), admin()));
    HttpUrl bad = HttpUrl.get(fake.approve(good.replace("read%3Ajira-work", "read%3Aeverything"), admin()));
    assertEquals("invalid_scope", bad.queryParameter("error"));
    HttpUrl rt = HttpUrl.get(fake.approve(good.replace("response_type=code", "response_type=token"), admin()));
    assertEquals("unsupported_response_type", rt.queryParameter("error"));
  }

  @Test
  void codesAreSingleUseBoundToRedirectUriAndExpireAfterTenMinutes() {
    start(FakeJiraCloud.builder());
    String code = TestClient.codeOf(fake.approve(TestClient.authorizeUrl(fake, TestClient.ALL_SCOPES, "s"), admin()));
    String body = Json.string(Json.obj("grant_type", "authorization_code", "client_id", fake.clientId(),
        "client_secret", fake.clientSecret(), "code", code, "redirect_uri", fake.redirectUri()));
    assertEquals(200, TestClient.postJson(fake.authBaseUrl() + "/oauth/token", body, null).code());
    TestClient.Answer reused = TestClient.postJson(fake.authBaseUrl() + "/oauth/token", body, null);
    assertEquals(400, reused.code());
    assertEquals(Map.of("error", "invalid_request", "error_description", "authorization_code is invalid"), reused.json());

    String late = TestClient.codeOf(fake.approve(TestClient.authorizeUrl(fake, TestClient.ALL_SCOPES, "s"), admin()));
    clock.advance(Duration.ofMinutes(11));
    assertEquals(400, TestClient.postJson(fake.authBaseUrl() + "/oauth/token", body.replace(code, late), null).code());

    String other = TestClient.codeOf(fake.approve(TestClient.authorizeUrl(fake, TestClient.ALL_SCOPES, "s"), admin()));
    String wrongRedirect = body.replace(code, other).replace("auth/callback", "auth/callback/");
    assertEquals(400, TestClient.postJson(fake.authBaseUrl() + "/oauth/token", wrongRedirect, null).code());
  }

  @Test
  void codesAreBoundToTheClientThatRequestedThem() {
    start(FakeJiraCloud.builder().addClient("other-app", "other-secret", "https://other.example/cb"));
    String otherUrl = fake.authBaseUrl() + "/authorize?audience=api.atlassian.com&client_id=other-app&scope=read%3Ajira-work"
        + "&redirect_uri=" + TestClient.enc("https://other.example/cb") + "&state=s&response_type=code";
    String code = TestClient.codeOf(fake.approve(otherUrl, admin()));
    String asDefault = Json.string(Json.obj("grant_type", "authorization_code", "client_id", fake.clientId(),
        "client_secret", fake.clientSecret(), "code", code, "redirect_uri", "https://other.example/cb"));
    assertEquals(400, TestClient.postJson(fake.authBaseUrl() + "/oauth/token", asDefault, null).code());
    String code2 = TestClient.codeOf(fake.approve(otherUrl, admin()));
    String asOther = Json.string(Json.obj("grant_type", "authorization_code", "client_id", "other-app",
        "client_secret", "other-secret", "code", code2, "redirect_uri", "https://other.example/cb"));
    assertEquals(200, TestClient.postJson(fake.authBaseUrl() + "/oauth/token", asOther, null).code());
    String wrongSecret = asOther.replace("other-secret", "nope");
    TestClient.Answer denied = TestClient.postJson(fake.authBaseUrl() + "/oauth/token", wrongSecret, null);
    assertEquals(401, denied.code());
    assertEquals(0, fake.tokenRequests(admin()), "counted per grant of the default client only");
  }

  @Test
  void tokenEndpointAcceptsFormBodiesAndCountsRequests() {
    start(FakeJiraCloud.builder());
    String code = TestClient.codeOf(fake.approve(TestClient.authorizeUrl(fake, TestClient.ALL_SCOPES, "s"), admin()));
    TestClient.Answer a = TestClient.postForm(fake.authBaseUrl() + "/oauth/token", new FormBody.Builder()
        .add("grant_type", "authorization_code").add("client_id", fake.clientId()).add("client_secret", fake.clientSecret())
        .add("code", code).add("redirect_uri", fake.redirectUri()).build());
    assertEquals(200, a.code(), a.body());
    assertEquals("Bearer", a.json().get("token_type"));
    assertEquals(3600.0, a.json().get("expires_in"));
    assertEquals(a.json().get("refresh_token"), fake.latestRefreshToken(admin()));
    assertEquals(1, fake.tokenRequests(admin()));
    TestClient.Answer refreshed = TestClient.refresh(fake, (String) a.json().get("refresh_token"));
    assertEquals(200, refreshed.code());
    assertEquals(2, fake.tokenRequests(admin()));
  }

  @Test
  void noRefreshTokenWithoutOfflineAccess() {
    start(FakeJiraCloud.builder());
    TestClient.Tokens t = TestClient.connect(fake, admin(), "read:jira-work read:jira-user");
    assertNull(t.refreshToken());
    assertFalse(t.raw().containsKey("refresh_token"));
    assertNull(fake.latestRefreshToken(admin()));
  }

  @Test
  void refreshRotatesAndReuseWithinLeewayAnswersAgain() {
    start(FakeJiraCloud.builder());
    TestClient.Tokens t = TestClient.connect(fake);
    TestClient.Answer first = TestClient.refresh(fake, t.refreshToken());
    assertEquals(200, first.code());
    String rotated = (String) first.json().get("refresh_token");
    assertNotEquals(t.refreshToken(), rotated);
    clock.advance(Duration.ofMinutes(5));
    TestClient.Answer again = TestClient.refresh(fake, t.refreshToken());
    assertEquals(200, again.code(), again.body());
    assertEquals(rotated, again.json().get("refresh_token"));
    assertEquals(200, TestClient.refresh(fake, rotated).code());
  }

  @Test
  void reuseAfterLeewayRevokesTheWholeChain() {
    start(FakeJiraCloud.builder());
    TestClient.Tokens t = TestClient.connect(fake);
    TestClient.Answer first = TestClient.refresh(fake, t.refreshToken());
    String rotated = (String) first.json().get("refresh_token");
    String access = (String) first.json().get("access_token");
    clock.advance(Duration.ofMinutes(11));
    TestClient.Answer reuse = TestClient.refresh(fake, t.refreshToken());
    assertEquals(403, reuse.code());
    assertEquals(Map.of("error", "invalid_grant", "error_description", "Unknown or invalid refresh token."), reuse.json());
    assertEquals(403, TestClient.refresh(fake, rotated).code(), "the newest token of the chain died too");
    assertEquals(401, myself(access));
  }

  @Test
  void zeroLeewayRevokesOnAnyReuse() {
    start(FakeJiraCloud.builder().refreshTokenReuseLeeway(Duration.ZERO));
    TestClient.Tokens t = TestClient.connect(fake);
    String rotated = (String) TestClient.refresh(fake, t.refreshToken()).json().get("refresh_token");
    assertEquals(403, TestClient.refresh(fake, t.refreshToken()).code());
    assertEquals(403, TestClient.refresh(fake, rotated).code());
  }

  @Test
  void refreshTokenDiesAfterNinetyDaysUnusedButKeepAliveWorks() {
    start(FakeJiraCloud.builder());
    TestClient.Tokens t = TestClient.connect(fake);
    clock.advance(Duration.ofDays(89));
    TestClient.Answer kept = TestClient.refresh(fake, t.refreshToken());
    assertEquals(200, kept.code());
    clock.advance(Duration.ofDays(89));
    String next = (String) kept.json().get("refresh_token");
    TestClient.Answer kept2 = TestClient.refresh(fake, next);
    assertEquals(200, kept2.code());
    clock.advance(Duration.ofDays(91));
    assertEquals(403, TestClient.refresh(fake, (String) kept2.json().get("refresh_token")).code());
  }

  @Test
  void absoluteExpiryEndsTheChain() {
    start(FakeJiraCloud.builder().refreshTokenAbsoluteExpiry(Duration.ofDays(30)));
    TestClient.Tokens t = TestClient.connect(fake);
    String rt = t.refreshToken();
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofDays(9));
      rt = (String) TestClient.refresh(fake, rt).json().get("refresh_token");
    }
    clock.advance(Duration.ofDays(4));
    assertEquals(403, TestClient.refresh(fake, rt).code());
  }

  @Test
  void accessTokensExpireByTheFakeClockAndOldOnesDieTenMinutesAfterARefresh() {
    start(FakeJiraCloud.builder());
    TestClient.Tokens t = TestClient.connect(fake);
    assertEquals(200, myself(t.accessToken()));
    clock.advance(Duration.ofSeconds(3599));
    assertEquals(200, myself(t.accessToken()));
    clock.advance(Duration.ofSeconds(1));
    TestClient.Answer expired = TestClient.get(TestClient.api(fake, fake.sites().get(0).cloudId(), "/rest/api/3/myself"), t.accessToken());
    assertEquals(401, expired.code());

    TestClient.Answer r = TestClient.refresh(fake, t.refreshToken());
    String a1 = (String) r.json().get("access_token");
    TestClient.refresh(fake, (String) r.json().get("refresh_token"));
    assertEquals(200, myself(a1));
    clock.advance(Duration.ofMinutes(10));
    assertEquals(401, myself(a1));
  }

  @Test
  void aMissingScopeIsJirasScopeMismatch401AndRevokedGrantIs401() {
    start(FakeJiraCloud.builder());
    TestClient.Tokens t = TestClient.connect(fake, admin(), "read:jira-work offline_access");
    TestClient.Answer mismatch = TestClient.get(TestClient.api(fake, fake.sites().get(0).cloudId(),
        "/rest/api/3/myself"), t.accessToken());
    assertEquals(401, mismatch.code());
    assertEquals("Unauthorized; scope does not match", mismatch.json().get("message"));
    assertEquals(403, TestClient.get(fake.apiBaseUrl() + "/me", t.accessToken()).code());
    String cloud = fake.sites().get(0).cloudId();
    assertEquals(200, TestClient.get(TestClient.api(fake, cloud, "/rest/api/3/project/search"), t.accessToken()).code());
    fake.revokeGrant(admin());
    assertEquals(401, TestClient.get(TestClient.api(fake, cloud, "/rest/api/3/project/search"), t.accessToken()).code());
    assertEquals(403, TestClient.refresh(fake, t.refreshToken()).code());
  }

  @Test
  void aUserSeesOnlyTheSitesGrantedToThem() {
    start(FakeJiraCloud.builder());
    FakeUser second = fake.users().get(1);
    TestClient.Tokens t = TestClient.connect(fake, second.accountId(), TestClient.ALL_SCOPES);
    List<?> sites = TestClient.get(fake.apiBaseUrl() + "/oauth/token/accessible-resources", t.accessToken()).array();
    assertEquals(1, sites.size());
    String visible = (String) ((Map<?, ?>) sites.get(0)).get("id");
    String other = fake.sites().stream().map(FakeSite::cloudId).filter(c -> !c.equals(visible)).findFirst().orElseThrow();
    assertEquals(401, TestClient.get(TestClient.api(fake, other, "/rest/api/3/myself"), t.accessToken()).code());
    fake.grantSiteAccess(second.accountId(), other);
    assertEquals(200, TestClient.get(TestClient.api(fake, other, "/rest/api/3/myself"), t.accessToken()).code());
    Map<String, Object> me = TestClient.get(fake.apiBaseUrl() + "/me", t.accessToken()).json();
    assertEquals(second.accountId(), me.get("account_id"));
    assertEquals(second.email(), me.get("email"));
  }
}
