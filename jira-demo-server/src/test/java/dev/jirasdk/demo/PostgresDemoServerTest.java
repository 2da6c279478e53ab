package dev.jirasdk.demo;

import static dev.jirasdk.demo.SandboxFlowTest.list;
import static dev.jirasdk.demo.SandboxFlowTest.map;
import static dev.jirasdk.demo.SandboxFlowTest.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.MutableClock;
import dev.jirasdk.testkit.SiteData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo server with {@code JIRA_DB_URL}: the whole server on a real PostgreSQL database (each test its own),
 * alone in sandbox mode, and two instances in one JVM sharing one database against one simulated Jira Cloud.
 */
@ExtendWith(PostgresDatabases.class)
class PostgresDemoServerTest {
  @TempDir
  Path dir;

  @Test
  void aSandboxServerOnPostgresqlConnectsAnAccountSyncsAndShowsTheStoredData() throws Exception {
    try (PostgresDatabases.Db db = PostgresDatabases.create();
        SandboxFixture s = new SandboxFixture(dir, db.settings())) {
      HttpProbe http = new HttpProbe(s.base);
      assertEquals(200, http.get("/dashboard").code());
      assertEquals("postgresql", http.get("/api/server-info").json().get("store"));
      assertEquals(200, http.get("/health").code());

      String callback = SandboxFixture.accept((String) http.post("/auth/start").json().get("authUrl"));
      assertEquals(303, http.get(callback).code());
      List<Map<String, Object>> accounts = list(http.get("/api/accounts").json().get("accounts"));
      assertEquals(2, accounts.size());
      String id = (String) accounts.get(0).get("id");
      String cloudId = (String) map(accounts.get(0).get("site")).get("cloudId");

      assertEquals(202, http.post("/api/integrations/" + id + "/comprehensive-sync").code());
      s.awaitIdle(id);
      SiteData data = s.fake.data(cloudId);
      Map<String, Object> stats = http.get("/api/integrations/" + id + "/stats").json();
      assertEquals(data.issueCount(), num(map(stats.get("stored")).get("issues")));
      assertEquals(data.userCount(), num(map(stats.get("stored")).get("users")));
      assertEquals("SUCCEEDED", map(stats.get("lastSync")).get("status"));

      String next = (String) http.get("/api/integrations/" + id + "/raw-data?table=issues&limit=3").json().get("next");
      Map<String, Object> raw = http.get("/api/integrations/" + id + "/raw-data?table=issues&limit=5&after=" + next)
          .json();
      assertEquals(data.issueCount(), num(raw.get("total")));
      assertEquals(5, list(raw.get("rows")).size());
      assertTrue(map(list(raw.get("rows")).get(0).get("raw")).containsKey("fields"));

      StringBuilder everything = new StringBuilder();
      for (String path : List.of("/health?details=true", "/api/server-info", "/api/accounts",
          "/api/integrations/" + id + "/stats")) {
        everything.append(http.get(path).body());
      }
      assertFalse(everything.toString().contains(db.password()), "the database password is never answered");
    }
  }

  @Test
  void anAccountConnectedThroughOneInstanceIsListedByTheOther() {
    int portA = freePort();
    String callback = "http://localhost:" + portA + "/auth/callback";
    try (PostgresDatabases.Db db = PostgresDatabases.create();
        FakeJiraCloud fake = FakeJiraCloud.builder().seed(7).clock(MutableClock.startingAt(Clock.systemUTC().instant()))
            .client("two-instance-app", "two-instance-secret", callback).build().start("127.0.0.1", 0)) {
      Map<String, String> shared = new LinkedHashMap<>(db.settings());
      shared.putAll(Map.of("JIRA_CLIENT_ID", fake.clientId(), "JIRA_CLIENT_SECRET", fake.clientSecret(),
          "JIRA_REDIRECT_URI", callback, "JIRA_AUTH_BASE_URL", fake.authBaseUrl(),
          "JIRA_API_BASE_URL", fake.apiBaseUrl(), "TOKEN_ENCRYPTION_KEY", TokenCipher.generateKey(),
          "TOKEN_REFRESH_INTERVAL", "off", "SYNC_INTERVAL", "off", "HEALTH_CHECK_INTERVAL", "off"));
      Map<String, String> a = new LinkedHashMap<>(shared);
      a.put("PORT", String.valueOf(portA));
      Map<String, String> b = new LinkedHashMap<>(shared);
      b.put("PORT", "0");
      try (DemoServer first = DemoServer.start(Config.from(a)); DemoServer second = DemoServer.start(Config.from(b))) {
        HttpProbe one = new HttpProbe("http://localhost:" + first.port());
        HttpProbe two = new HttpProbe("http://localhost:" + second.port());
        one.get("/dashboard");
        assertTrue(list(two.get("/api/accounts").json().get("accounts")).isEmpty());

        String location = SandboxFixture.accept((String) one.post("/auth/start").json().get("authUrl"));
        assertTrue(location.startsWith(callback), location);
        HttpProbe.Answer done = one.get(location);
        assertEquals(303, done.code(), done.body());

        Set<String> throughOne = ids(one.get("/api/accounts").json());
        Set<String> listedByTwo = ids(two.get("/api/accounts").json());
        assertFalse(throughOne.isEmpty());
        assertEquals(throughOne, listedByTwo);
        Map<String, Object> account = list(two.get("/api/accounts").json().get("accounts")).get(0);
        assertEquals("ACTIVE", map(account.get("token")).get("state"));
        HttpProbe.Answer refreshed = two.post("/api/integrations/" + account.get("id") + "/refresh-token");
        assertEquals(200, refreshed.code(), refreshed.body());
        assertEquals(false, refreshed.json().get("requiresReauth"), "the other instance opens the sealed token");
        assertEquals("postgresql", two.get("/api/server-info").json().get("store"));
      }
    }
  }

  private static Set<String> ids(Map<String, Object> answer) {
    return list(answer.get("accounts")).stream().map(m -> (String) m.get("id")).collect(Collectors.toSet());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
