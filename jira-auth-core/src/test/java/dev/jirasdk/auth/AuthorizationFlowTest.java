package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AuthorizationFlowTest {
  private final AuthFixture f = new AuthFixture();

  @AfterEach
  void tearDown() {
    f.assertNoSecretLeaked();
    f.close();
  }

  @Test
  void authorizeUrlCarriesExactlyTheParametersAtlassianExpects() {
    AtlassianOAuth oauth = f.oauth();
    AuthorizationRequest request = oauth.startAuthorization();
    HttpUrl url = HttpUrl.get(request.url());
    assertEquals("/authorize", url.encodedPath());
    assertEquals("api.atlassian.com", url.queryParameter("audience"));
    assertEquals(MiniAtlassian.CLIENT_ID, url.queryParameter("client_id"));
    assertEquals("read:jira-work read:jira-user offline_access", url.queryParameter("scope"));
    assertTrue(request.url().contains("scope=read%3Ajira-work%20read%3Ajira-user%20offline_access"), request.url());
    assertEquals(MiniAtlassian.REDIRECT_URI, url.queryParameter("redirect_uri"));
    assertEquals("code", url.queryParameter("response_type"));
    assertEquals("consent", url.queryParameter("prompt"));
    assertEquals(request.state(), url.queryParameter("state"));
    assertEquals(7, url.querySize());
    // 256 random bits, base64url without padding.
    assertEquals(43, request.state().length());
    assertNotEquals(request.state(), oauth.startAuthorization().state());
    assertEquals(f.clock.instant().plus(Duration.ofMinutes(10)), request.expiresAt());
    assertFalse(request.toString().contains(request.state()));
  }

  @Test
  void offlineAccessIsAddedOnceEvenWhenGiven() {
    AtlassianOAuth oauth = f.builder().scopes("offline_access", "read:jira-work").build();
    assertEquals("offline_access read:jira-work",
        HttpUrl.get(oauth.startAuthorization().url()).queryParameter("scope"));
  }

  @Test
  void completingExchangesTheCodeDiscoversSitesAndStoresOneConnectionPerSite() throws Exception {
    f.atlassian.sitesJson = "[{\"id\":\"cloud-a\",\"name\":\"acme\",\"url\":\"https://acme.atlassian.net\",\"scopes\":[]},"
        + "{\"id\":\"cloud-b\",\"name\":\"beta\",\"url\":\"https://beta.atlassian.net\",\"scopes\":[]}]";
    AtlassianOAuth oauth = f.oauth();
    Authorization a = f.connect(oauth);

    RecordedRequest token = f.atlassian.requestsTo("/oauth/token").get(0);
    assertEquals("POST", token.getMethod());
    assertTrue(token.getHeaders().get("Content-Type").startsWith("application/json"));
    Map<?, ?> body = (Map<?, ?>) Json.parseOrNull(token.getBody().utf8());
    assertEquals("authorization_code", body.get("grant_type"));
    assertEquals(MiniAtlassian.CLIENT_ID, body.get("client_id"));
    assertEquals(MiniAtlassian.CLIENT_SECRET, body.get("client_secret"));
    assertEquals(MiniAtlassian.REDIRECT_URI, body.get("redirect_uri"));
    assertTrue(((String) body.get("code")).startsWith("code-SECRET-"));
    assertEquals(5, body.size());
    RecordedRequest resources = f.atlassian.requestsTo("/oauth/token/accessible-resources").get(0);
    assertTrue(resources.getHeaders().get("Authorization").startsWith("Bearer at-SECRET-"));

    assertEquals(ConnectionIds.grantId(MiniAtlassian.CLIENT_ID, MiniAtlassian.ACCOUNT_ID), a.grant().id());
    assertEquals("Ada Lovelace", a.grant().displayName());
    assertEquals("ada@example.com", a.grant().email());
    assertEquals(GrantState.ACTIVE, a.grant().state());
    assertEquals(2, a.connections().size());
    assertEquals("cloud-b", a.connection("https://BETA.atlassian.net/").cloudId());
    assertEquals("cloud-a", a.connection("cloud-a").cloudId());
    assertEquals("Work", a.connections().get(0).label());
    assertTrue(a.connections().get(0).primary());
    assertFalse(a.connections().get(1).primary());
    assertEquals(2, f.accountStore.sites(a.grant().id()).size());
    StoredTokens stored = f.tokenStore.load(a.grant().id()).orElseThrow();
    assertEquals(1, stored.version());
    assertEquals(f.clock.instant().plusSeconds(3600), stored.accessTokenExpiresAt());
    assertFalse(stored.sealedAccessToken().contains("SECRET"));
    assertFalse(stored.sealedRefreshToken().contains("SECRET"));
    assertEquals(1, f.events.count("authorized"));
  }

  @Test
  void formEncodingIsAvailableAsAnOption() {
    AtlassianOAuth oauth = f.builder().tokenRequestEncoding(AtlassianOAuth.TokenRequestEncoding.FORM).build();
    f.connect(oauth);
    RecordedRequest token = f.atlassian.requestsTo("/oauth/token").get(0);
    assertTrue(token.getHeaders().get("Content-Type").startsWith("application/x-www-form-urlencoded"));
    assertTrue(token.getBody().utf8().contains("grant_type=authorization_code"));
  }

  @Test
  void theSameAccountConsentingAgainUpdatesItsGrantWithoutDuplicates() {
    AtlassianOAuth oauth = f.oauth();
    Authorization first = f.connect(oauth);
    f.clock.advance(Duration.ofHours(1));
    Authorization second = f.connect(oauth);
    assertEquals(first.grant().id(), second.grant().id());
    assertEquals(first.connections().get(0).id(), second.connections().get(0).id());
    assertEquals(1, f.accountStore.grants().size());
    assertEquals(1, f.accountStore.connections().size());
    assertEquals(first.grant().createdAt(), second.grant().createdAt());
    assertEquals(2, f.tokenStore.load(first.grant().id()).orElseThrow().version());
  }

  @Test
  void identityFallsBackToMyselfWhenMeIsForbidden() {
    f.atlassian.apiOverrides.add(MiniAtlassian.json(200, f.atlassian.sitesJson));
    f.atlassian.apiOverrides.add(MiniAtlassian.json(403, "{\"code\":403,\"message\":\"scope does not match\"}"));
    Authorization a = f.connect(f.oauth());
    assertEquals(MiniAtlassian.ACCOUNT_ID, a.grant().accountId());
    assertEquals(1, f.atlassian.requestsTo("/ex/jira/" + MiniAtlassian.CLOUD_ID + "/rest/api/3/myself").size());
  }

  // --- state checks: every failure happens before any network call and stores nothing ---

  private void assertStateRefused(AuthorizationStateException.Reason reason, Executable call) {
    int before = f.atlassian.server.getRequestCount();
    AuthorizationStateException e = assertThrows(AuthorizationStateException.class, call);
    f.thrown.add(e);
    assertEquals(reason, e.reason());
    assertEquals(before, f.atlassian.server.getRequestCount(), "no network call");
    assertTrue(f.accountStore.grants().isEmpty());
    assertTrue(f.accountStore.connections().isEmpty());
  }

  @Test
  void missingStateIsRefused() {
    AtlassianOAuth oauth = f.oauth();
    assertStateRefused(AuthorizationStateException.Reason.MISSING, () -> oauth.completeAuthorization("c", null));
    assertStateRefused(AuthorizationStateException.Reason.MISSING, () -> oauth.completeAuthorization("c", " "));
  }

  @Test
  void unknownStateIsRefused() {
    AtlassianOAuth oauth = f.oauth();
    oauth.startAuthorization();
    assertStateRefused(AuthorizationStateException.Reason.UNKNOWN,
        () -> oauth.completeAuthorization(f.atlassian.newCode(), "forged-state"));
  }

  @Test
  void expiredStateIsRefused() {
    AtlassianOAuth oauth = f.oauth();
    AuthorizationRequest r = oauth.startAuthorization();
    f.clock.advance(Duration.ofMinutes(10));
    assertStateRefused(AuthorizationStateException.Reason.EXPIRED,
        () -> oauth.completeAuthorization(f.atlassian.newCode(), r.state()));
  }

  @Test
  void stateIsSingleUse() {
    AtlassianOAuth oauth = f.oauth();
    AuthorizationRequest r = oauth.startAuthorization();
    oauth.completeAuthorization(f.atlassian.newCode(), r.state());
    f.accountStore.connections().forEach(c -> f.accountStore.deactivate(c.id()));
    int grants = f.accountStore.grants().size();
    int before = f.atlassian.server.getRequestCount();
    AuthorizationStateException e = assertThrows(AuthorizationStateException.class,
        () -> oauth.completeAuthorization(f.atlassian.newCode(), r.state()));
    assertEquals(AuthorizationStateException.Reason.REPLAYED, e.reason());
    assertEquals(before, f.atlassian.server.getRequestCount());
    assertEquals(grants, f.accountStore.grants().size());
  }

  @Test
  void stateBoundToAnotherSessionIsRefused() {
    AtlassianOAuth oauth = f.oauth();
    AuthorizationRequest r = oauth.startAuthorization("session-A", null);
    assertStateRefused(AuthorizationStateException.Reason.WRONG_BINDING,
        () -> oauth.completeAuthorization(f.atlassian.newCode(), r.state(), "session-B"));
    AuthorizationRequest r2 = oauth.startAuthorization("session-A", null);
    assertStateRefused(AuthorizationStateException.Reason.WRONG_BINDING,
        () -> oauth.completeAuthorization(f.atlassian.newCode(), r2.state(), null));
  }

  // --- bad answers from the server: a clear typed error, nothing stored ---

  private JiraException failExchange(MockResponse tokenAnswer) {
    if (tokenAnswer != null) f.atlassian.tokenOverrides.add(tokenAnswer);
    AtlassianOAuth oauth = f.oauth();
    JiraException e = assertThrows(JiraException.class, () -> f.connect(oauth));
    f.thrown.add(e);
    assertTrue(f.accountStore.grants().isEmpty(), "no grant stored");
    assertTrue(f.accountStore.connections().isEmpty(), "no connection stored");
    return e;
  }

  private static MockResponse body(int code, String contentType, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", contentType).body(body).build();
  }

  @Test
  void nonJsonTokenAnswerIsAnUnexpectedResponse() {
    JiraException e = failExchange(body(200, "text/plain", "hello"));
    assertTrue(e instanceof UnexpectedResponseException, e.toString());
    assertTrue(e.getMessage().contains("POST /oauth/token"), e.getMessage());
  }

  @Test
  void truncatedTokenAnswerIsAnUnexpectedResponse() {
    JiraException e = failExchange(body(200, "application/json", "{\"access_token\":\"at-SECRET-x\",\"expi"));
    assertTrue(e instanceof UnexpectedResponseException, e.toString());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertEquals(e.getMessage().indexOf("truncated"), e.getMessage().lastIndexOf("truncated"), "described once");
  }

  @Test
  void missingAccessTokenNamesTheJsonPath() {
    JiraException e = failExchange(body(200, "application/json", "{\"expires_in\":3600}"));
    assertTrue(e.getMessage().contains("$.access_token"), e.getMessage());
  }

  @Test
  void negativeOrAbsentExpiresInIsRefused() {
    JiraException e = failExchange(body(200, "application/json", "{\"access_token\":\"at-SECRET-n\",\"expires_in\":-5}"));
    assertTrue(e.getMessage().contains("$.expires_in"), e.getMessage());
    f.atlassian.issuedSecrets.add("at-SECRET-n");
    JiraException absent = failExchange(body(200, "application/json", "{\"access_token\":\"at-SECRET-m\"}"));
    assertTrue(absent.getMessage().contains("$.expires_in"), absent.getMessage());
  }

  @Test
  void htmlErrorPageFromAProxyIsNamedAsSuch() {
    JiraException e = failExchange(body(502, "text/html", "<html><body>Bad gateway</body></html>"));
    assertTrue(e instanceof UnexpectedResponseException, e.toString());
    assertTrue(e.getMessage().contains("HTML"), e.getMessage());
  }

  @Test
  void redirectUriMismatchIsReportedWithAtlassiansDescription() {
    JiraException e = failExchange(body(400, "application/json",
        "{\"error\":\"invalid_request\",\"error_description\":\"redirect_uri is invalid\"}"));
    assertTrue(e instanceof OAuthException, e.toString());
    assertFalse(e instanceof AuthorizationCodeException);
    assertEquals("invalid_request", ((OAuthException) e).error());
    assertTrue(e.getMessage().contains("redirect_uri is invalid"), e.getMessage());
  }

  @Test
  void expiredOrUsedCodeIsTypedAsSuch() {
    JiraException e = failExchange(body(400, "application/json",
        "{\"error\":\"invalid_request\",\"error_description\":\"authorization_code is invalid\"}"));
    assertTrue(e instanceof AuthorizationCodeException, e.toString());
    assertEquals(400, ((OAuthException) e).status());
  }

  @Test
  void emptyAccessibleResourcesIsAClearError() {
    f.atlassian.sitesJson = "[]";
    JiraException e = failExchange(null);
    assertTrue(e.getMessage().contains("no Jira Cloud site"), e.getMessage());
    assertTrue(f.tokenStore.load(ConnectionIds.grantId(MiniAtlassian.CLIENT_ID, MiniAtlassian.ACCOUNT_ID)).isEmpty());
  }

  @Test
  void siteSelectionByUnknownOrAmbiguousSiteIsAnError() {
    AtlassianOAuth oauth = f.oauth();
    f.connect(oauth);
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> oauth.findConnection("no-such-cloud"));
    assertTrue(unknown.getMessage().contains("no connected site matches"), unknown.getMessage());
    f.atlassian.accountId = "another-account";
    f.connect(oauth);
    IllegalArgumentException ambiguous = assertThrows(IllegalArgumentException.class,
        () -> oauth.findConnection("acme.atlassian.net"));
    assertTrue(ambiguous.getMessage().contains("ambiguous"), ambiguous.getMessage());
  }

  @Test
  void builderNamesEveryMissingOrBadField() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AtlassianOAuth.builder().redirectUri("not a url").refreshSkew(Duration.ofSeconds(-1)).build());
    for (String field : List.of("clientId", "clientSecret", "redirectUri", "tokenCipher", "refreshSkew")) {
      assertTrue(e.getMessage().contains(field), field + " in " + e.getMessage());
    }
    assertNull(null);
  }

  @Test
  void builderRefusesToKeepTokensInMemoryWithoutBeingToldTo() {
    AtlassianOAuth.Builder noStores = f.builder().tokenStore(null).accountStore(null).pendingAuthorizationStore(null);
    IllegalStateException none = assertThrows(IllegalStateException.class, noStores::build);
    for (String part : List.of("tokenStore", "accountStore", "pendingAuthorizationStore",
        "lost when the process stops", "inMemoryStores()")) {
      assertTrue(none.getMessage().contains(part), part + " in " + none.getMessage());
    }

    IllegalStateException one = assertThrows(IllegalStateException.class,
        () -> f.builder().pendingAuthorizationStore(null).build());
    assertTrue(one.getMessage().contains("pendingAuthorizationStore not set"), one.getMessage());
    assertFalse(one.getMessage().contains("tokenStore"), one.getMessage());
  }

  @Test
  void anExplicitInMemoryChoiceBuildsAWorkingClientAndKeepsTheStoresThatWereSet() {
    AtlassianOAuth inMemory = f.builder().tokenStore(null).accountStore(null).pendingAuthorizationStore(null)
        .inMemoryStores().build();
    Authorization done = f.connect(inMemory);
    assertEquals(MiniAtlassian.ACCOUNT_ID, inMemory.accounts().grant(done.grant().id()).orElseThrow().accountId());

    AtlassianOAuth mixed = f.builder().tokenStore(null).inMemoryStores().build();
    assertSame(f.accountStore, mixed.accounts());
  }
}
