package dev.jirasdk.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.GrantState;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.testkit.FakeJiraCloud;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs, each with its own pool on one PostgreSQL schema (as two machines behind a load balancer would be),
 * eight threads each, one grant, against a fake Atlassian that rotates refresh tokens with zero reuse leeway
 * (any reuse of a spent refresh token is {@code invalid_grant} and revokes the grant). In each of 20 rounds all
 * sixteen threads force a refresh at once: every token request rotates the stored pair exactly once (20
 * rotations, 20 token requests), no refresh token is ever reused, and the stored one is always the newest.
 */
@ExtendWith(PostgresServer.class)
class CrossMachineRefreshTest {
  static final int THREADS = 8;
  static final int ROUNDS = 20;

  @TempDir Path dir;

  static AtlassianOAuth oauth(PostgresStore store, TokenCipher cipher, String[] fake) {
    return AtlassianOAuth.builder()
        .authBaseUrl(fake[0]).apiBaseUrl(fake[1]).clientId(fake[2]).clientSecret(fake[3]).redirectUri(fake[4])
        .tokenStore(store).accountStore(store).pendingAuthorizationStore(store)
        .tokenCipher(cipher)
        .scopes("read:jira-work", "read:jira-user", "offline_access")
        .build();
  }

  /** Every thread forces a refresh at the same moment; returns the first failure, or null. */
  static String refreshTogether(ExecutorService pool, AtlassianOAuth oauth, String grantId)
      throws InterruptedException {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
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
  void twoMachinesRefreshingOneGrantRotateOncePerRequestAndNeverReuseARefreshToken() throws Exception {
    String schema = PostgresServer.newSchema();
    String key = TokenCipher.generateKey();
    TokenCipher cipher = TokenCipher.of("test", key);
    try (FakeJiraCloud fake = FakeJiraCloud.builder().refreshTokenReuseLeeway(Duration.ZERO).build().start();
        PostgresStore store = PostgresStore.builder().jdbcUrl(PostgresServer.url()).schema(schema).cipher(cipher)
            .build()) {
      String[] endpoints = {fake.authBaseUrl(), fake.apiBaseUrl(), fake.clientId(), fake.clientSecret(),
          fake.redirectUri()};
      AtlassianOAuth oauth = oauth(store, cipher, endpoints);
      String account = fake.users().get(0).accountId();
      AuthorizationRequest request = oauth.startAuthorization();
      String callback = fake.approve(request.url(), account);
      Authorization authorization = oauth.completeAuthorization(param(callback, "code"), param(callback, "state"));
      String grantId = authorization.grant().id();
      assertEquals(1, fake.tokenRequests(account), "the code exchange");

      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
          RefreshWorkerMain.class.getName(), PostgresServer.url(), schema, key, grantId));
      command.addAll(List.of(endpoints));
      Process child = new ProcessBuilder(command).redirectError(dir.resolve("child.err").toFile()).start();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8));
        assertEquals("READY", fromChild.readLine(), "the child JVM opened the store (see child.err otherwise)");
        long version = store.load(grantId).orElseThrow().version();
        int requests = fake.tokenRequests(account);
        for (int round = 1; round <= ROUNDS; round++) {
          child.getOutputStream().write(("ROUND " + round + "\n").getBytes(StandardCharsets.UTF_8));
          child.getOutputStream().flush();
          assertNull(refreshTogether(pool, oauth, grantId), "round " + round + " in this JVM");
          assertEquals("DONE " + round, fromChild.readLine(), "round " + round + " in the child JVM");

          long newVersion = store.load(grantId).orElseThrow().version();
          int newRequests = fake.tokenRequests(account);
          assertTrue(newVersion > version, "round " + round + " rotated the tokens");
          assertEquals(newVersion - version, newRequests - requests,
              "round " + round + ": exactly one token request per stored rotation");
          assertEquals(fake.latestRefreshToken(account),
              cipher.open(grantId, store.load(grantId).orElseThrow().sealedRefreshToken()),
              "round " + round + ": the stored refresh token is the newest the fake issued");
          version = newVersion;
          requests = newRequests;
        }
        child.getOutputStream().close();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM exits");
        assertEquals(0, child.exitValue());
      } finally {
        pool.shutdownNow();
        child.destroyForcibly();
      }
      assertEquals(GrantState.ACTIVE, store.grant(grantId).orElseThrow().state(), "no invalid_grant");
      assertTrue(store.load(grantId).orElseThrow().version() >= ROUNDS + 1);
    }
  }

  private static String param(String url, String name) {
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (pair.substring(0, eq).equals(name)) return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
    }
    throw new AssertionError("no " + name + " in " + url);
  }
}
