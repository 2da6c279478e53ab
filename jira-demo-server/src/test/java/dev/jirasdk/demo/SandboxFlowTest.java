package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.SiteData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The complete flow against the simulated Jira Cloud, over HTTP on a real loopback port: start, consent page,
 * callback with the session cookie, accounts, sync, stats, raw data, token refresh, and revocation.
 */
class SandboxFlowTest {
  @TempDir
  Path dir;

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }

  static long num(Object o) {
    return ((Number) o).longValue();
  }

  @Test
  void startConsentCallbackSyncAndStatsWorkAgainstTheSandbox() throws Exception {
    java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.err;
    System.setErr(new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8));
    String code;
    try (SandboxFixture s = new SandboxFixture(dir)) {
      HttpProbe http = new HttpProbe(s.base);
      assertEquals(200, http.get("/dashboard").code());
      Map<String, Object> info = http.get("/api/server-info").json();
      assertEquals(true, info.get("sandbox"));

      String authUrl = (String) http.post("/auth/start").json().get("authUrl");
      assertTrue(authUrl.startsWith(s.fake.authBaseUrl() + "/authorize?"), authUrl);
      String callback = SandboxFixture.accept(authUrl);
      assertTrue(callback.startsWith(s.base + "/auth/callback?code="), callback);
      code = callback.replaceAll(".*code=([^&]+).*", "$1");
      HttpProbe.Answer done = http.get(callback);
      assertEquals(303, done.code(), done.body());
      assertEquals("/dashboard?connected=2", done.header("Location"));

      List<Map<String, Object>> accounts = list(http.get("/api/accounts").json().get("accounts"));
      assertEquals(2, accounts.size());
      Map<String, Object> primary = accounts.get(0);
      assertEquals(true, primary.get("primary"));
      String id = (String) primary.get("id");
      String cloudId = (String) map(primary.get("site")).get("cloudId");
      assertEquals(s.fake.users().get(0).displayName(), map(primary.get("user")).get("displayName"));
      assertEquals("ACTIVE", map(primary.get("token")).get("state"));
      // a fresh consent: its refresh-token family ends in 365 days, no re-consent due yet
      assertEquals(false, map(primary.get("token")).get("reconsentDue"));
      java.time.Instant familyEnd = java.time.Instant.parse((String) map(primary.get("token")).get("familyExpiresAt"));
      assertTrue(familyEnd.isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(364))), familyEnd::toString);
      assertEquals(id, map(http.get("/api/current-account").json().get("account")).get("id"));

      HttpProbe.Answer started = http.post("/api/integrations/" + id + "/comprehensive-sync");
      assertEquals(202, started.code(), started.body());
      String runId = (String) started.json().get("runId");
      assertNotNull(runId);
      s.awaitIdle(id);

      SiteData data = s.fake.data(cloudId);
      Map<String, Object> stats = http.get("/api/integrations/" + id + "/stats").json();
      Map<String, Object> counts = map(stats.get("stored"));
      assertEquals(data.issueCount(), num(counts.get("issues")));
      assertEquals(data.projectCount() + data.archivedProjectCount(), num(counts.get("projects")));
      assertEquals(data.userCount(), num(counts.get("users")));
      // the sandbox asks for the Agile scopes, so its syncs include boards, sprints and sprint membership
      assertEquals(data.agile().boardCount(), num(counts.get("boards")));
      assertEquals(data.agile().sprintCount(), num(counts.get("sprints")));
      assertEquals(data.agile().sprintMembershipCount(), num(counts.get("sprint_issues")));
      assertEquals(runId, map(stats.get("lastSync")).get("runId"));
      assertEquals("SUCCEEDED", map(stats.get("lastSync")).get("status"));

      List<Map<String, Object>> runs = list(http.get("/api/integrations/" + id + "/sync-runs").json().get("runs"));
      assertEquals(1, runs.size());
      assertTrue(num(runs.get(0).get("requests")) > 0);

      String second = (String) http.get("/api/integrations/" + id + "/raw-data?table=issues&limit=3").json().get("next");
      Map<String, Object> raw = http.get("/api/integrations/" + id + "/raw-data?table=issues&limit=5&after=" + second).json();
      assertEquals(data.issueCount(), num(raw.get("total")));
      assertEquals(5, list(raw.get("rows")).size());
      assertNotNull(map(list(raw.get("rows")).get(0).get("raw")).get("fields"));
      Map<String, Object> sprints = http.get("/api/integrations/" + id + "/raw-data?table=sprints&limit=2").json();
      assertEquals(data.agile().sprintCount(), num(sprints.get("total")));
      assertNotNull(map(list(sprints.get("rows")).get(0).get("raw")).get("state"), "the raw-data explorer shows sprints");
      for (String table : List.of("sqlite_master", "jira_issues;--", "issues'--")) {
        assertEquals(400, http.get("/api/integrations/" + id + "/raw-data?table="
            + java.net.URLEncoder.encode(table, java.nio.charset.StandardCharsets.UTF_8)).code());
      }

      HttpProbe.Answer incremental = http.post("/api/integrations/" + id + "/sync");
      assertEquals(202, incremental.code());
      assertEquals("INCREMENTAL", incremental.json().get("mode"));
      s.awaitIdle(id);
      assertEquals(data.issueCount(), num(map(http.get("/api/integrations/" + id + "/stats").json().get("stored"))
          .get("issues")));

      String before = (String) map(primary.get("token")).get("obtainedAt");
      HttpProbe.Answer refreshed = http.post("/api/integrations/" + id + "/refresh-token");
      assertEquals(200, refreshed.code(), refreshed.body());
      assertEquals(false, refreshed.json().get("requiresReauth"));
      assertNotNull(refreshed.json().get("expiresAt"));
      String after = (String) map(list(http.get("/api/accounts").json().get("accounts")).get(0).get("token"))
          .get("obtainedAt");
      assertNotEquals(before, after, "the token was really refreshed");

      String accountId = s.fake.users().get(0).accountId();
      String refreshToken = s.fake.latestRefreshToken(accountId);
      StringBuilder everything = new StringBuilder();
      for (String path : List.of("/health", "/api/accounts", "/api/integrations", "/api/server-info",
          "/api/integrations/" + id + "/stats", "/api/integrations/" + id + "/sync-runs")) {
        everything.append(http.get(path).body());
      }
      assertFalse(everything.toString().contains(refreshToken));
      assertFalse(everything.toString().contains(s.fake.clientSecret()));

      s.fake.revokeGrant(accountId);
      HttpProbe.Answer dead = http.post("/api/integrations/" + id + "/refresh-token");
      assertEquals(200, dead.code(), dead.body());
      assertEquals(true, dead.json().get("requiresReauth"));
      assertEquals("REAUTH_REQUIRED", list(http.get("/api/accounts").json().get("accounts")).get(0).get("state"));
      assertEquals("reauthorization_required", http.post("/api/integrations/" + id + "/sync").errorCode());

      String log = logs.toString(java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(log.contains("authorized grant"), "the server's log was captured");
      assertFalse(log.contains(refreshToken), "no refresh token in the log");
      assertFalse(log.contains(s.fake.clientSecret()), "no client secret in the log");
      assertFalse(log.contains(code), "no authorization code in the log");
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void aCallbackWithAForgedOrReplayedStateStoresNothing() {
    try (SandboxFixture s = new SandboxFixture(dir)) {
      HttpProbe http = new HttpProbe(s.base);
      http.get("/dashboard");
      String authUrl = (String) http.post("/auth/start").json().get("authUrl");
      String callback = SandboxFixture.accept(authUrl);
      String forged = callback.replaceAll("state=[^&]+", "state=forged-state-value");
      HttpProbe.Answer bad = http.getJson(forged);
      assertEquals(400, bad.code());
      assertEquals("invalid_state", bad.errorCode());
      assertTrue(list(http.get("/api/accounts").json().get("accounts")).isEmpty());

      HttpProbe other = new HttpProbe(s.base);
      other.get("/dashboard");
      assertEquals("invalid_state", other.getJson(callback).errorCode(), "another browser cannot finish the flow");
      assertTrue(list(http.get("/api/accounts").json().get("accounts")).isEmpty());

      HttpProbe.Answer denied = http.get(SandboxFixture.accept(
          (String) http.post("/auth/start").json().get("authUrl")).replaceAll("code=[^&]+", "error=access_denied"));
      assertEquals(400, denied.code());
      assertTrue(list(http.get("/api/accounts").json().get("accounts")).isEmpty());
    }
  }
}
