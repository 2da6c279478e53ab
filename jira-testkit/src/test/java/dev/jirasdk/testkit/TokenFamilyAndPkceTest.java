package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's refresh-token families (absolute expiry from consent) and its PKCE check at the code exchange. */
class TokenFamilyAndPkceTest {
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
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

  private static String s256(String verifier) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  private String code(String extraQuery) {
    String url = TestClient.authorizeUrl(fake, "read:jira-work offline_access", "st") + extraQuery;
    return fake.completeAuthorization(url).requireCode();
  }

  private TestClient.Answer exchange(String code, String verifier) {
    return TestClient.postJson(fake.authBaseUrl() + "/oauth/token", Json.string(Json.obj("grant_type",
        "authorization_code", "client_id", fake.clientId(), "client_secret", fake.clientSecret(), "code", code,
        "redirect_uri", fake.redirectUri(), "code_verifier", verifier)), null);
  }

  @Test
  void theFamilyDiesAYearAfterConsentHoweverOftenItIsRefreshed() {
    start(FakeJiraCloud.builder());
    String rt = TestClient.connect(fake).refreshToken();
    for (int i = 0; i < 36; i++) {
      clock.advance(Duration.ofDays(10));
      TestClient.Answer refreshed = TestClient.refresh(fake, rt);
      assertEquals(200, refreshed.code(), "refresh on day " + (i + 1) * 10);
      rt = (String) refreshed.json().get("refresh_token");
    }
    clock.advance(Duration.ofDays(5).plusSeconds(1)); // day 365 and a second
    TestClient.Answer dead = TestClient.refresh(fake, rt);
    assertEquals(403, dead.code());
    assertEquals("invalid_grant", dead.json().get("error"));
  }

  @Test
  void aNewConsentStartsANewFamilyThatOutlivesTheOldOne() {
    start(FakeJiraCloud.builder().refreshTokenAbsoluteExpiry(Duration.ofDays(30)));
    String old = TestClient.connect(fake).refreshToken();
    clock.advance(Duration.ofDays(20));
    String fresh = TestClient.connect(fake).refreshToken();
    clock.advance(Duration.ofDays(15));
    assertEquals("invalid_grant", TestClient.refresh(fake, old).json().get("error"), "day 35 of the first family");
    TestClient.Answer renewed = TestClient.refresh(fake, fresh);
    assertEquals(200, renewed.code(), "day 15 of the second");
    clock.advance(Duration.ofDays(15).plusSeconds(1));
    assertEquals(403, TestClient.refresh(fake, (String) renewed.json().get("refresh_token")).code(),
        "the second family ends 30 days after its own consent");
  }

  @Test
  void aCodeIssuedWithAnS256ChallengeExchangesOnlyWithItsVerifier() throws Exception {
    start(FakeJiraCloud.builder());
    String pkce = "&code_challenge=" + s256(VERIFIER) + "&code_challenge_method=S256";
    assertEquals(200, exchange(code(pkce), VERIFIER).code());

    TestClient.Answer wrong = exchange(code(pkce), VERIFIER.replace('d', 'e'));
    assertEquals(400, wrong.code());
    assertEquals("invalid_grant", wrong.json().get("error"));

    String withoutVerifier = code(pkce);
    TestClient.Answer missing = TestClient.postJson(fake.authBaseUrl() + "/oauth/token", Json.string(Json.obj(
        "grant_type", "authorization_code", "client_id", fake.clientId(), "client_secret", fake.clientSecret(),
        "code", withoutVerifier, "redirect_uri", fake.redirectUri())), null);
    assertEquals("invalid_grant", missing.json().get("error"));
    assertEquals(400, exchange(withoutVerifier, VERIFIER).code(), "a refused code is spent");
  }

  @Test
  void thePlainMethodComparesTheVerifierItself() {
    start(FakeJiraCloud.builder());
    assertEquals(200, exchange(code("&code_challenge=" + VERIFIER), VERIFIER).code(), "plain is the default");
    assertEquals("invalid_grant",
        exchange(code("&code_challenge=" + VERIFIER + "&code_challenge_method=plain"), VERIFIER + "x").json()
            .get("error"));
  }

  @Test
  void withoutAChallengeNothingChangesEvenIfAVerifierIsSent() {
    start(FakeJiraCloud.builder());
    assertEquals(200, exchange(code(""), VERIFIER).code());
  }

  @Test
  void aMalformedChallengeIsRefusedAtTheAuthorizeStep() throws Exception {
    start(FakeJiraCloud.builder());
    AuthorizationCallback tooShort = fake.completeAuthorization(
        TestClient.authorizeUrl(fake, "read:jira-work", "st") + "&code_challenge=abc&code_challenge_method=S256");
    assertEquals("invalid_request", tooShort.error());
    AuthorizationCallback badMethod = fake.completeAuthorization(TestClient.authorizeUrl(fake, "read:jira-work",
        "st") + "&code_challenge=" + s256(VERIFIER) + "&code_challenge_method=S512");
    assertEquals("invalid_request", badMethod.error());
    assertTrue(badMethod.uri().getQuery().contains("S256"), badMethod.uri().toString());
  }
}
