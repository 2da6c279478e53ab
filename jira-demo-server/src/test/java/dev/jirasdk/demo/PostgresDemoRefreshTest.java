package dev.jirasdk.demo;

import static dev.jirasdk.demo.DemoJarIT.awaitRuns;
import static dev.jirasdk.demo.DemoJarIT.map;
import static dev.jirasdk.demo.DemoJarIT.num;
import static dev.jirasdk.demo.SandboxFlowTest.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.FakeUser;
import dev.jirasdk.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two demo-server instances (each with its own pool) on one PostgreSQL database, each syncing one of the two sites
 * of one grant against a simulated Atlassian that revokes the whole grant on any reuse of a spent refresh token:
 * every expiry of the access token costs exactly one refresh across both instances.
 */
@ExtendWith(PostgresDatabases.class)
class PostgresDemoRefreshTest {
  private static final int EXPIRIES = 5;

  @Test
  void twoInstancesSyncingOneGrantRefreshOncePerExpiry() throws Exception {
    int portA = freePort();
    String callback = "http://localhost:" + portA + "/auth/callback";
    try (PostgresDatabases.Db db = PostgresDatabases.create();
        FakeJiraCloud fake = FakeJiraCloud.builder().seed(11).dataset(Dataset.sandbox())
            .clock(MutableClock.startingAt(Clock.systemUTC().instant())).refreshTokenReuseLeeway(Duration.ZERO)
            .client("refresh-app", "refresh-app-secret", callback).build().start("127.0.0.1", 0)) {
      Map<String, String> shared = new LinkedHashMap<>(db.settings());
      shared.putAll(Map.of("JIRA_CLIENT_ID", fake.clientId(), "JIRA_CLIENT_SECRET", fake.clientSecret(),
          "JIRA_REDIRECT_URI", callback, "JIRA_AUTH_BASE_URL", fake.authBaseUrl(),
          "JIRA_API_BASE_URL", fake.apiBaseUrl(), "TOKEN_ENCRYPTION_KEY", TokenCipher.generateKey(),
          "TOKEN_REFRESH_INTERVAL", "off", "SYNC_INTERVAL", "off", "HEALTH_CHECK_INTERVAL", "off"));
      Map<String, String> a = new LinkedHashMap<>(shared);
      a.putAll(Map.of("PORT", String.valueOf(portA), "INSTANCE_ID", "refresh-a"));
      Map<String, String> b = new LinkedHashMap<>(shared);
      b.putAll(Map.of("PORT", "0", "INSTANCE_ID", "refresh-b"));
      try (DemoServer first = DemoServer.start(Config.from(a)); DemoServer second = DemoServer.start(Config.from(b))) {
        HttpProbe one = new HttpProbe("http://localhost:" + first.port());
        HttpProbe two = new HttpProbe("http://localhost:" + second.port());
        assertEquals(303, one.get(SandboxFixture.accept((String) one.post("/auth/start").json().get("authUrl")))
            .code());
        String account = fake.users().stream().map(FakeUser::accountId).filter(id -> fake.tokenRequests(id) > 0)
            .findFirst().orElseThrow();
        List<Map<String, Object>> accounts = list(two.get("/api/accounts").json().get("accounts"));
        assertEquals(2, accounts.size(), "one grant, two sites");
        String siteA = (String) accounts.get(0).get("id");
        String siteB = (String) accounts.get(1).get("id");
        assertEquals(202, one.post("/api/integrations/" + siteA + "/comprehensive-sync").code());
        assertEquals(202, two.post("/api/integrations/" + siteB + "/comprehensive-sync").code());
        awaitRuns(one, siteA, r -> !r.isEmpty() && num(r.get(0).get("fetched")) > 0, "instance a syncing");
        awaitRuns(two, siteB, r -> !r.isEmpty() && num(r.get(0).get("fetched")) > 0, "instance b syncing");

        int before = fake.tokenRequests(account);
        for (int i = 0; i < EXPIRIES; i++) {
          int seen = fake.tokenRequests(account);
          fake.expireAccessTokens(account);
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (fake.tokenRequests(account) == seen) {
            assertTrue(System.nanoTime() < deadline, "no refresh after expiry " + (i + 1));
            pause(20);
          }
          // Before the next expiry, let both instances get past this one: requests already in flight with the
          // old token, and their one retry with the new one, must land first. A fixed pause was not enough on a
          // loaded machine (a retry could meet the next expiry and fail the run).
          int mark = fake.journal().size();
          long settled = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
          while (successesSince(fake, account, mark) < 16 && System.nanoTime() < settled) {
            pause(20);
          }
        }
        for (String[] s : new String[][] {{siteA, "a"}, {siteB, "b"}}) {
          HttpProbe http = s[1].equals("a") ? one : two;
          List<Map<String, Object>> runs = awaitRuns(http, s[0], r -> !r.isEmpty()
              && !"RUNNING".equals(r.get(0).get("status")), "the sync of instance " + s[1] + " to end");
          assertEquals("SUCCEEDED", runs.get(0).get("status"), runs.get(0).toString());
        }
        assertEquals(before + EXPIRIES, fake.tokenRequests(account), "one refresh per expiry across both instances");
        for (Map<String, Object> acc : list(one.get("/api/accounts").json().get("accounts"))) {
          assertEquals("ACTIVE", map(acc.get("token")).get("state"), "no refresh token was reused: " + acc);
        }
      }
    }
  }

  /** Requests of the account the fake answered 200 since journal position {@code mark}. */
  private static long successesSince(FakeJiraCloud fake, String account, int mark) {
    List<dev.jirasdk.testkit.JournalEntry> j = fake.journal();
    return j.subList(Math.min(mark, j.size()), j.size()).stream()
        .filter(e -> e.status() == 200 && account.equals(e.accountId())).count();
  }

  private static void pause(long millis) throws InterruptedException {
    // Servers of their own threads: nothing to wait on, so a bounded pause between polls.
    new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
