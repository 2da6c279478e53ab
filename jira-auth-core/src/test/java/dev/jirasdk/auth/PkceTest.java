package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.AuthorizationCallback;
import dev.jirasdk.testkit.FakeJiraCloud;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PKCE (S256) as an option: what goes over the wire, and where the verifier may and may not appear. */
class PkceTest {
  private final AuthFixture f = new AuthFixture();

  @AfterEach
  void tearDown() {
    f.assertNoSecretLeaked();
    f.close();
  }

  private static String s256(String verifier) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  private Map<?, ?> exchangeBody(int index) {
    RecordedRequest token = f.atlassian.requestsTo("/oauth/token").get(index);
    return (Map<?, ?>) Json.parseOrNull(token.getBody().utf8());
  }

  private Authorization complete(AtlassianOAuth oauth, AuthorizationRequest request) {
    return oauth.completeAuthorization(f.atlassian.newCode(), request.state(), "session-1");
  }

  @Test
  void withPkceTheChallengeOnTheWireIsTheS256OfTheVerifierSentAtTheExchange() throws Exception {
    AtlassianOAuth oauth = f.builder().pkce(true).build();
    AuthorizationRequest request = oauth.startAuthorization("session-1", "Work");
    HttpUrl url = HttpUrl.get(request.url());
    String challenge = url.queryParameter("code_challenge");
    assertEquals("S256", url.queryParameter("code_challenge_method"));
    assertEquals(9, url.querySize());
    assertEquals(43, challenge.length(), "base64url of 32 bytes, no padding");

    complete(oauth, request);
    String verifier = (String) exchangeBody(0).get("code_verifier");
    assertNotNull(verifier, "the exchange carries code_verifier");
    assertTrue(verifier.length() >= 43 && verifier.length() <= 128, verifier.length() + " characters");
    assertTrue(verifier.matches("[A-Za-z0-9._~-]+"), "unreserved characters only");
    assertEquals(challenge, s256(verifier));
    assertEquals(List.of(), f.atlassian.requestsTo("/authorize"), "the browser, not the SDK, opens the URL");
    assertSecretNowhere(verifier, request);
  }

  @Test
  void everyFlowGetsItsOwnVerifier() {
    AtlassianOAuth oauth = f.builder().pkce(true).build();
    String first = HttpUrl.get(oauth.startAuthorization().url()).queryParameter("code_challenge");
    String second = HttpUrl.get(oauth.startAuthorization().url()).queryParameter("code_challenge");
    assertNotEquals(first, second);
  }

  @Test
  void withoutPkceNeitherTheUrlNorTheExchangeCarriesIt() {
    AtlassianOAuth oauth = f.oauth();
    AuthorizationRequest request = oauth.startAuthorization("session-1", "Work");
    HttpUrl url = HttpUrl.get(request.url());
    assertNull(url.queryParameter("code_challenge"));
    assertNull(url.queryParameter("code_challenge_method"));
    complete(oauth, request);
    assertFalse(exchangeBody(0).containsKey("code_verifier"));
  }

  @Test
  void theVerifierIsStoredSealedWithItsFlow() throws Exception {
    AtlassianOAuth oauth = f.builder().pkce(true).build();
    AuthorizationRequest request = oauth.startAuthorization("session-1", "Work");
    String challenge = HttpUrl.get(request.url()).queryParameter("code_challenge");
    PendingAuthorization stored = f.pendingStore.consume(AtlassianOAuth.sha256(request.state()),
        f.clock.instant()).orElseThrow();
    assertTrue(stored.sealedCodeVerifier().startsWith("v1.ephemeral."), "sealed by the TokenCipher");
    assertFalse(stored.toString().contains(stored.sealedCodeVerifier()));
    assertFalse(stored.toString().contains(challenge));
  }

  @Test
  void flowsStartedBeforePkceWasSwitchedComplete() {
    TokenCipher cipher = TokenCipher.ephemeral(); // one app, restarted with the option changed
    AtlassianOAuth without = f.builder().tokenCipher(cipher).build();
    AtlassianOAuth with = f.builder().tokenCipher(cipher).pkce(true).build();

    complete(with, without.startAuthorization("session-1", "Work"));
    assertFalse(exchangeBody(0).containsKey("code_verifier"), "started without PKCE: none sent");

    AuthorizationRequest started = with.startAuthorization("session-1", "Work");
    complete(without, started);
    String verifier = (String) exchangeBody(1).get("code_verifier");
    assertNotNull(verifier, "started with PKCE: its verifier is sent whoever completes it");
    assertSecretNowhere(verifier, started);
  }

  @Test
  void aVerifierThatDoesNotOpenStopsTheFlowBeforeTheExchangeAndSaysWhy() {
    AuthorizationRequest started = f.builder().pkce(true).build().startAuthorization("session-1", "Work");
    AtlassianOAuth otherKey = f.builder().pkce(true).build();
    TokenCipherException e = assertThrows(TokenCipherException.class, () -> complete(otherKey, started));
    assertTrue(e.getMessage().contains("PKCE code verifier"), e.getMessage());
    assertEquals(List.of(), f.atlassian.requestsTo("/oauth/token"));
  }

  @Test
  void fakeJiraCloudAcceptsTheSdksVerifier() {
    try (FakeJiraCloud fake = FakeJiraCloud.builder().build().start()) {
      AtlassianOAuth oauth = AtlassianOAuth.builder().clientId(fake.clientId()).clientSecret(fake.clientSecret())
          .redirectUri(fake.redirectUri()).scopes("read:jira-work", "read:jira-user").authBaseUrl(fake.authBaseUrl())
          .apiBaseUrl(fake.apiBaseUrl()).tokenCipher(TokenCipher.ephemeral()).inMemoryStores().pkce(true).build();
      AuthorizationRequest request = oauth.startAuthorization("session-1", "Work");
      AuthorizationCallback callback = fake.completeAuthorization(request.url());
      Authorization done = oauth.completeAuthorization(callback.code(), callback.state(), "session-1");
      assertFalse(done.connections().isEmpty());

      // A code issued for another challenge (an attacker's authorize request) does not exchange with ours.
      AuthorizationRequest mine = oauth.startAuthorization("session-1", "Work");
      String foreign = HttpUrl.get(mine.url()).newBuilder()
          .setQueryParameter("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM").build().toString();
      AuthorizationCallback stolen = fake.completeAuthorization(foreign);
      AuthorizationCodeException e = assertThrows(AuthorizationCodeException.class,
          () -> oauth.completeAuthorization(stolen.code(), stolen.state(), "session-1"));
      assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
    }
  }

  private void assertSecretNowhere(String verifier, AuthorizationRequest request) {
    for (String line : CapturedLogs.lines()) assertFalse(line.contains(verifier), "logged: " + line);
    for (String line : f.events.lines) assertFalse(line.contains(verifier), "in an event: " + line);
    assertFalse(request.toString().contains(verifier));
    for (PendingAuthorization p : List.of(f.pendingStore.consume(AtlassianOAuth.sha256(request.state()),
        f.clock.instant()).orElseThrow())) {
      assertFalse(p.toString().contains(verifier));
      assertFalse(p.sealedCodeVerifier().contains(verifier), "never stored in clear text");
    }
  }
}
