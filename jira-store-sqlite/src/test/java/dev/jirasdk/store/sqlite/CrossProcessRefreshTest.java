package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.GrantState;
import dev.jirasdk.auth.StoredTokens;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.testkit.FakeJiraCloud;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs with eight threads each share one SQLite file and one grant, against a fake Atlassian that rotates
 * refresh tokens with zero reuse leeway (any reuse of a spent refresh token is {@code invalid_grant}). In each
 * round all sixteen threads force a refresh at once. Across 20 rounds: every token request rotates the stored
 * pair exactly once (no request is wasted or duplicated), nothing fails, and the stored refresh token is always
 * the newest the fake issued.
 */
class CrossProcessRefreshTest {
  static final int THREADS = 8;
  static final int ROUNDS = 20;

  @TempDir Path dir;

  static AtlassianOAuth oauth(SqliteStore store, TokenCipher cipher, String authBase, String apiBase, String clientId,
      String clientSecret, String redirectUri) {
    return AtlassianOAuth.builder()
        .clientId(clientId)
        .clientSecret(clientSecret)
        .redirectUri(redirectUri)
        .authBaseUrl(authBase)
        .apiBaseUrl(apiBase)
        .stores(store)
        .tokenCipher(cipher)
        .scopes("read:jira-work", "read:jira-user", "offline_access")
        .build();
  }

  /** Every thread forces a refresh at the same moment; returns the first failure, or null. */
  static String refreshTogether(ExecutorService pool, int threads, AtlassianOAuth oauth, String grantId)
      throws InterruptedException {
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      done.add(pool.submit(() -> {
        start.await(30, TimeUnit.SECONDS);
        oauth.tokens().forceRefresh(grantId);
        return null;
      }));
    }
    String error = null;
    for (Future<?> f : done) {
      try {
        f.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (error == null) error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
      }
    }
    return error;
  }

  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a safety net, not a timing assertion
  @Test
  void twoProcessesRefreshingOneGrantNeverWasteOrReuseARefreshToken() throws Exception {
    Path file = dir.resolve("shared.db");
    String key = TokenCipher.generateKey();
    TokenCipher cipher = TokenCipher.of("test", key);
    try (FakeJiraCloud fake = FakeJiraCloud.builder().refreshTokenReuseLeeway(Duration.ZERO).build().start();
        SqliteStore store = SqliteStore.builder().path(file).cipher(cipher).build()) {
      AtlassianOAuth oauth = oauth(store, cipher, fake.authBaseUrl(), fake.apiBaseUrl(), fake.clientId(),
          fake.clientSecret(), fake.redirectUri());
      String account = fake.users().get(0).accountId();
      AuthorizationRequest request = oauth.startAuthorization();
      Map<String, String> callback = query(fake.approve(request.url(), account));
      Authorization authorization = oauth.completeAuthorization(callback.get("code"), callback.get("state"));
      String grantId = authorization.grant().id();
      assertEquals(1, fake.tokenRequests(account), "the code exchange");
      assertStoredRefreshTokenIsTheNewest(store, cipher, fake, account, grantId);

      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try (ChildJvm child = ChildJvm.start(RefreshWorkerMain.class, dir.resolve("child.err"), file.toString(),
          fake.authBaseUrl(), fake.apiBaseUrl(), fake.clientId(), fake.clientSecret(), fake.redirectUri(), key,
          grantId, String.valueOf(THREADS))) {
        assertEquals("READY", child.readLine());
        long version = store.load(grantId).orElseThrow().version();
        int requests = fake.tokenRequests(account);
        for (int round = 1; round <= ROUNDS; round++) {
          child.send("ROUND " + round);
          String error = refreshTogether(pool, THREADS, oauth, grantId);
          assertNull(error, "round " + round + " in this JVM");
          assertEquals("DONE " + round, child.readLine(), "round " + round + " in the child JVM");

          long newVersion = store.load(grantId).orElseThrow().version();
          int newRequests = fake.tokenRequests(account);
          assertTrue(newVersion > version, "round " + round + " rotated the tokens");
          assertEquals(newVersion - version, newRequests - requests,
              "round " + round + ": exactly one token request per stored rotation");
          assertStoredRefreshTokenIsTheNewest(store, cipher, fake, account, grantId);
          version = newVersion;
          requests = newRequests;
        }
        child.send("EXIT");
        assertEquals(0, child.waitForExit());
      } finally {
        pool.shutdownNow();
      }
      assertEquals(GrantState.ACTIVE, store.grant(grantId).orElseThrow().state(), "no invalid_grant");
      assertTrue(store.load(grantId).orElseThrow().version() >= ROUNDS + 1);
    }
  }

  private static void assertStoredRefreshTokenIsTheNewest(SqliteStore store, TokenCipher cipher, FakeJiraCloud fake,
      String account, String grantId) {
    StoredTokens stored = store.load(grantId).orElseThrow();
    assertEquals(fake.latestRefreshToken(account), cipher.open(grantId, stored.sealedRefreshToken()),
        "the stored refresh token is the newest the fake issued");
  }

  private static Map<String, String> query(String url) {
    Map<String, String> out = new HashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
