package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint over a real loopback port, with hand-written auth and sync engine behind it. */
class ApiTest {
  Fixture f;
  HttpProbe http;

  @BeforeEach
  void start() {
    f = new Fixture();
    http = f.http;
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void healthAnswersOkWithStoreSchedulersAndConnections() {
    f.connect("acme");
    HttpProbe.Answer a = http.get("/health");
    assertEquals(200, a.code(), a.body());
    assertEquals("ok", a.json().get("status"));
    assertEquals("up", map(a.json().get("store")).get("status"));
    assertEquals(3, list(map(a.json().get("schedulers")).get("jobs")).size());
    assertEquals(1, list(a.json().get("connections")).size());
  }

  @Test
  void rootRedirectsToTheDashboardAndPagesCarrySecurityHeaders() {
    HttpProbe.Answer root = http.get("/");
    assertEquals(303, root.code());
    assertEquals("/dashboard", root.header("Location"));
    HttpProbe.Answer page = http.get("http://localhost:" + f.server.port() + "/dashboard");
    assertEquals(200, page.code());
    assertTrue(page.body().contains("<html"));
    String csp = page.header("Content-Security-Policy");
    assertTrue(csp.contains("script-src 'self'"), csp);
    assertFalse(csp.contains("unsafe-inline"), csp);
    assertEquals("nosniff", page.header("X-Content-Type-Options"));
    assertNotNull(http.sessionCookie, "the dashboard sets a session cookie");
    assertEquals(200, http.get("http://localhost:" + f.server.port() + "/accounts").code());
    assertEquals(200, http.get("/static/app.css").code());
    assertEquals(404, http.get("/static/..%2Fapp.css").code());
  }

  @Test
  void pagesReachedUnderAnotherLoopbackNameRedirectToTheCallbackHost() {
    HttpProbe.Answer a = http.get("/dashboard");
    assertEquals(303, a.code());
    assertEquals("http://localhost:" + f.server.port() + "/dashboard", a.header("Location"));
  }

  @Test
  void unknownEndpointsAreJson404AndWrongMethodsAre405() {
    HttpProbe.Answer a = http.get("/api/nope");
    assertEquals(404, a.code());
    assertEquals("not_found", a.errorCode());
    HttpProbe.Answer b = http.post("/api/accounts");
    assertEquals(405, b.code());
    assertEquals("method_not_allowed", b.errorCode());
  }

  @Test
  void anUnknownPageIsAnHtml404ForBrowsersAndJsonForApiClients() {
    HttpProbe.Answer page = http.send(new Request.Builder().url(http.base + "/nope/<b>x")
        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
    assertEquals(404, page.code());
    assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
    assertTrue(page.body().contains("Page not found") && page.body().contains("/dashboard"), page.body());
    assertFalse(page.body().contains("<b>x"), "the path is not echoed as markup");
    HttpProbe.Answer api = http.send(new Request.Builder().url(http.base + "/api/nope").header("Accept", "text/html"));
    assertEquals("not_found", api.errorCode(), "API paths answer JSON even to a browser");
    HttpProbe.Answer client = http.getJson("/nope");
    assertEquals(404, client.code());
    assertEquals("not_found", client.errorCode());
  }

  @Test
  void postWithoutOriginIsForbiddenAndChangesNothing() {
    String id = f.connect("acme");
    f.connect("beta");
    String beta = f.auth.accounts.connections().get(1).id();
    http.origin = null;
    HttpProbe.Answer a = http.post("/api/accounts/" + beta + "/set-primary");
    assertEquals(403, a.code());
    assertEquals("cross_origin", a.errorCode());
    http.origin = "http://evil.example";
    assertEquals(403, http.delete("/api/accounts/" + id).code());
    assertEquals(403, http.post("/auth/start").code());
    assertEquals(id, f.auth.accounts.primaryConnection().orElseThrow().id());
    assertEquals("ACTIVE", f.auth.accounts.connection(id).orElseThrow().state().name());
  }

  @Test
  void sameOriginByFetchMetadataIsAccepted() {
    http.origin = null;
    http.extraHeaders.put("Sec-Fetch-Site", "same-origin");
    assertEquals(200, http.post("/auth/start").code());
  }

  @Test
  void requestsForAnUnknownHostNameAreRefused() {
    HttpProbe.Answer a = http.send(new Request.Builder().url(http.base + "/api/accounts")
        .header("Host", "rebound.evil.example:" + f.server.port()));
    assertEquals(421, a.code());
    assertEquals("unknown_host", a.errorCode());
  }

  @Test
  void accountsAreListedMadePrimaryAndDeactivated() {
    String acme = f.connect("acme");
    String beta = f.connect("beta");
    List<Map<String, Object>> accounts = list(http.get("/api/accounts").json().get("accounts"));
    assertEquals(2, accounts.size());
    assertEquals(acme, accounts.get(0).get("id"));
    assertEquals(true, accounts.get(0).get("primary"));
    assertEquals("Site cloud-acme", map(accounts.get(0).get("site")).get("name"));
    assertEquals("ACTIVE", map(accounts.get(0).get("token")).get("state"));
    Map<String, Object> token = map(accounts.get(0).get("token"));
    assertEquals(f.auth.accounts().grant(f.auth.accounts().connection(acme).orElseThrow().grantId()).orElseThrow()
        .createdAt().plus(java.time.Duration.ofDays(365)).toString(), token.get("familyExpiresAt"));
    assertEquals(false, token.get("reconsentDue"));

    HttpProbe.Answer primary = http.post("/api/accounts/" + beta + "/set-primary");
    assertEquals(200, primary.code(), primary.body());
    assertEquals(true, map(primary.json().get("account")).get("primary"));
    assertEquals(beta, map(http.get("/api/current-account").json().get("account")).get("id"));

    HttpProbe.Answer gone = http.delete("/api/accounts/" + beta);
    assertEquals(200, gone.code());
    assertEquals("DEACTIVATED", map(gone.json().get("account")).get("state"));
    assertEquals(acme, map(http.get("/api/current-account").json().get("account")).get("id"));
    assertEquals(409, http.post("/api/accounts/" + beta + "/set-primary").code());
  }

  @Test
  void currentAccountIsNullWhenNothingIsConnected() {
    HttpProbe.Answer a = http.get("/api/current-account");
    assertEquals(200, a.code());
    assertTrue(a.json().containsKey("account"));
    assertNull(a.json().get("account"));
  }

  @Test
  void malformedIdsAre400AndUnknownIdsAre404() {
    for (String bad : List.of("x", "c_123", "g_0123456789abcdef01234567", "c_0123456789ABCDEF01234567", "%27%20OR%201=1")) {
      HttpProbe.Answer a = http.post("/api/accounts/" + bad + "/set-primary");
      assertEquals(400, a.code(), bad);
      assertEquals("invalid_id", a.errorCode());
      assertEquals(400, http.get("/api/integrations/" + bad + "/stats").code(), bad);
    }
    String unknown = "c_0123456789abcdef01234567";
    assertEquals(404, http.post("/api/accounts/" + unknown + "/set-primary").code());
    assertEquals(404, http.delete("/api/accounts/" + unknown).code());
    assertEquals(404, http.get("/api/integrations/" + unknown + "/stats").code());
    assertEquals(404, http.post("/api/integrations/" + unknown + "/sync").code());
    assertEquals("unknown_account", http.get("/api/integrations/" + unknown + "/raw-data?table=issues").errorCode());
  }

  @Test
  void startAnswersTheAuthorizeUrlAndBindsTheStateToTheSession() {
    HttpProbe.Answer a = http.post("/auth/start");
    assertEquals(200, a.code(), a.body());
    assertTrue(((String) a.json().get("authUrl")).startsWith("http://auth.example/authorize"));
    assertNotNull(a.json().get("stateExpiresAt"));
    assertEquals("no-store", a.header("Cache-Control"));
    assertNotNull(http.sessionCookie);
    String[] pending = f.auth.states.values().iterator().next();
    assertEquals(Sessions.bindingOf(http.sessionCookie), pending[0]);
  }

  @Test
  void startWithAccountKeepsTheLabelAndRejectsBadLabels() {
    HttpProbe.Answer a = http.post("/auth/start-with-account", "{\"label\":\"Team Ops\"}");
    assertEquals(200, a.code(), a.body());
    assertEquals("Team Ops", f.auth.states.values().iterator().next()[1]);
    assertEquals("invalid_label", http.post("/auth/start-with-account", "{\"label\":\"" + "x".repeat(61) + "\"}").errorCode());
    assertEquals("invalid_label", http.post("/auth/start-with-account", "{\"label\":42}").errorCode());
    assertEquals("invalid_json", http.post("/auth/start-with-account", "{nope").errorCode());
  }

  @Test
  void callbackCompletesTheFlowAndRedirectsToTheDashboard() {
    http.post("/auth/start");
    String state = f.auth.states.keySet().iterator().next();
    HttpProbe.Answer a = http.get("/auth/callback?code=acme&state=" + state);
    assertEquals(303, a.code(), a.body());
    assertEquals("/dashboard?connected=1", a.header("Location"));
    assertEquals("no-referrer", a.header("Referrer-Policy"));
    assertEquals(1, f.auth.accounts.connections().size());
  }

  @Test
  void callbackAnswersJsonWhenAskedFor() {
    http.post("/auth/start-with-account", "{\"label\":\"Main\"}");
    String state = f.auth.states.keySet().iterator().next();
    HttpProbe.Answer a = http.getJson("/auth/callback?code=acme&state=" + state);
    assertEquals(200, a.code(), a.body());
    Map<String, Object> account = list(a.json().get("accounts")).get(0);
    assertEquals("Main", account.get("label"));
  }

  @Test
  void callbackWithBadStateIs400AndStoresNothing() {
    http.post("/auth/start");
    HttpProbe.Answer unknown = http.getJson("/auth/callback?code=acme&state=forged");
    assertEquals(400, unknown.code());
    assertEquals("invalid_state", unknown.errorCode());
    HttpProbe.Answer page = http.get("/auth/callback?code=acme&state=forged");
    assertEquals(400, page.code());
    assertTrue(page.body().contains("not known"), page.body());
    assertEquals("no-referrer", page.header("Referrer-Policy"));
    assertEquals("missing_state", http.getJson("/auth/callback?code=acme").errorCode());
    String state = f.auth.states.keySet().iterator().next();
    assertEquals("missing_code", http.getJson("/auth/callback?state=" + state).errorCode());
    assertTrue(f.auth.accounts.connections().isEmpty());
  }

  @Test
  void callbackFromAnotherBrowserSessionIs400() {
    http.post("/auth/start");
    String state = f.auth.states.keySet().iterator().next();
    HttpProbe other = new HttpProbe(http.base);
    assertEquals("missing_session", other.getJson("/auth/callback?code=acme&state=" + state).errorCode());
    other.get("http://localhost:" + f.server.port() + "/dashboard");
    assertNotNull(other.sessionCookie, "the other browser has a session of its own");
    assertEquals("invalid_state", other.getJson("/auth/callback?code=acme&state=" + state).errorCode());
    other.sessionCookie = "A".repeat(43);
    assertEquals("missing_session", other.getJson("/auth/callback?code=acme&state=" + state).errorCode());
    assertTrue(f.auth.accounts.connections().isEmpty());
  }

  @Test
  void aSignInAlwaysStartsWithAFreshServerIssuedSessionNeverAPlantedOne() {
    String planted = "P".repeat(43); // well-formed, chosen by another app on localhost
    http.sessionCookie = planted;
    HttpProbe.Answer a = http.post("/auth/start");
    assertEquals(200, a.code(), a.body());
    assertNotNull(a.header("Set-Cookie"), "a new session id is issued");
    assertFalse(planted.equals(http.sessionCookie), "the planted id is not adopted");
    String state = f.auth.states.keySet().iterator().next();
    assertEquals(Sessions.bindingOf(http.sessionCookie), f.auth.states.get(state)[0]);

    HttpProbe attacker = new HttpProbe(http.base);
    attacker.sessionCookie = planted;
    assertEquals("missing_session", attacker.getJson("/auth/callback?code=acme&state=" + state).errorCode());
    assertTrue(f.auth.accounts.connections().isEmpty(), "the planted session completes nothing");

    String issued = http.sessionCookie;
    http.post("/auth/start");
    assertFalse(issued.equals(http.sessionCookie), "every sign-in start rotates the id, even a server-issued one");
    String second = f.auth.states.keySet().stream().filter(k -> !k.equals(state)).findFirst().orElseThrow();
    assertEquals(303, http.get("/auth/callback?code=acme&state=" + second).code());
    assertEquals(1, f.auth.accounts.connections().size());
  }

  @Test
  void callbackWithAccessDeniedOrARefusedCodeStoresNothing() {
    http.post("/auth/start");
    String state = f.auth.states.keySet().iterator().next();
    HttpProbe.Answer denied = http.get("/auth/callback?error=access_denied&state=" + state);
    assertEquals(400, denied.code());
    assertTrue(denied.body().contains("declined"));
    assertEquals("invalid_code", http.getJson("/auth/callback?code=bad-code&state=" + state).errorCode());
    assertTrue(f.auth.accounts.connections().isEmpty());
  }

  @Test
  void rawDataRejectsEverythingOutsideTheAllowList() {
    String id = f.connect("acme");
    for (String table : List.of("sqlite_master", "jira_issues;--", "issues;--", "issues' OR '1'='1", "\"issues\"",
        "issues UNION SELECT * FROM sqlite_master", "ISSUES", "")) {
      HttpProbe.Answer a = http.get("/api/integrations/" + id + "/raw-data?table="
          + URLEncoder.encode(table, StandardCharsets.UTF_8));
      assertEquals(400, a.code(), table);
      assertTrue(a.errorCode().equals("invalid_table") || a.errorCode().equals("missing_table"), a.body());
    }
    assertEquals("invalid_limit", http.get("/api/integrations/" + id + "/raw-data?table=issues&limit=1;DROP").errorCode());
    assertEquals("invalid_offset", http.get("/api/integrations/" + id + "/raw-data?table=issues&offset=-1").errorCode());
    assertEquals("invalid_limit", http.get("/api/integrations/" + id + "/raw-data?table=issues&limit=0").errorCode());
  }

  @Test
  void syncStoresDataThatStatsAndRawDataShow() throws Exception {
    String id = f.connect("acme");
    HttpProbe.Answer started = http.post("/api/integrations/" + id + "/comprehensive-sync");
    assertEquals(202, started.code(), started.body());
    assertEquals("FULL", started.json().get("mode"));
    String runId = (String) started.json().get("runId");
    f.engine.awaitFinished();
    awaitIdle(id);

    Map<String, Object> stats = http.get("/api/integrations/" + id + "/stats").json();
    assertEquals(30L, ((Number) map(stats.get("stored")).get("issues")).longValue());
    assertEquals(2L, ((Number) map(stats.get("stored")).get("projects")).longValue());
    assertEquals(32L, ((Number) stats.get("storedTotal")).longValue());
    assertEquals(runId, map(stats.get("lastSync")).get("runId"));
    assertEquals("SUCCEEDED", map(stats.get("lastSync")).get("status"));
    assertNotNull(map(stats.get("token")).get("expiresAt"));

    HttpProbe.Answer capped = http.get("/api/integrations/" + id + "/raw-data?table=issues&limit=500");
    assertEquals(100L, ((Number) capped.json().get("limit")).longValue(), "limit is capped");
    assertEquals(30, list(capped.json().get("rows")).size());
    assertEquals(null, capped.json().get("next"), "one page holds all");
    HttpProbe.Answer first = http.get("/api/integrations/" + id + "/raw-data?table=issues&limit=25");
    String next = (String) first.json().get("next");
    assertNotNull(next);
    HttpProbe.Answer raw = http.get("/api/integrations/" + id + "/raw-data?table=issues&limit=25&after=" + next);
    assertEquals(200, raw.code(), raw.body());
    assertEquals(30L, ((Number) raw.json().get("total")).longValue());
    assertEquals(5, list(raw.json().get("rows")).size());
    assertEquals(null, raw.json().get("next"));
    Map<String, Object> row = list(raw.json().get("rows")).get(0);
    assertEquals("it's \"quoted\"", map(map(row.get("raw")).get("fields")).get("summary"));

    List<Map<String, Object>> runs = list(http.get("/api/integrations/" + id + "/sync-runs").json().get("runs"));
    assertEquals(1, runs.size());
    assertEquals(3L, ((Number) runs.get(0).get("requests")).longValue());
    assertEquals(200, http.get("/api/integrations/" + id + "/sync-runs/" + runId).code());
    assertEquals(404, http.get("/api/integrations/" + id + "/sync-runs/run_nope").code());
    assertEquals(400, http.get("/api/integrations/" + id + "/sync-runs/bad%20id").code());
    List<Map<String, Object>> integrations = list(http.get("/api/integrations").json().get("integrations"));
    assertEquals(runId, map(integrations.get(0).get("lastSync")).get("runId"));
  }

  @Test
  void aSecondSyncWhileOneRunsIs409WithTheRunningRunsId() throws Exception {
    String id = f.connect("acme");
    f.engine.hold();
    HttpProbe.Answer first = http.post("/api/integrations/" + id + "/sync");
    assertEquals(202, first.code(), first.body());
    assertEquals("INCREMENTAL", first.json().get("mode"));
    f.engine.awaitStarted();
    HttpProbe.Answer progress = http.get("/api/integrations/" + id + "/sync-progress");
    assertEquals(true, progress.json().get("running"));
    assertEquals(2, list(map(progress.json().get("run")).get("streams")).size());

    HttpProbe.Answer second = http.post("/api/integrations/" + id + "/comprehensive-sync");
    assertEquals(409, second.code());
    assertEquals("sync_running", second.errorCode());
    assertEquals(first.json().get("runId"), map(second.json().get("error")).get("runId"));
    f.engine.release();
    f.engine.awaitFinished();
    awaitIdle(id);
    assertEquals(false, http.get("/api/integrations/" + id + "/sync-progress").json().get("running"));
  }

  @Test
  void deactivatedAccountsCannotSync() {
    String id = f.connect("acme");
    http.delete("/api/accounts/" + id);
    assertEquals("account_deactivated", http.post("/api/integrations/" + id + "/sync").errorCode());
  }

  @Test
  void deactivatingAnAccountStopsItsRunningSyncAndItsTokenIsNoLongerRefreshed() throws Exception {
    String id = f.connect("acme");
    f.engine.hold();
    String runId = (String) http.post("/api/integrations/" + id + "/comprehensive-sync").json().get("runId");
    f.engine.awaitStarted();
    HttpProbe.Answer gone = http.delete("/api/accounts/" + id);
    assertEquals(200, gone.code(), gone.body());
    assertEquals(true, gone.json().get("syncStopped"));
    f.engine.awaitFinished();
    awaitIdle(id);
    assertTrue(f.engine.cancelled, "the engine was asked to stop");
    Map<String, Object> run = http.get("/api/integrations/" + id + "/sync-runs/" + runId).json();
    assertEquals("CANCELLED", run.get("status"), "a user's stop stays cancelled (it is not resumed)");
    assertEquals(0L, f.store.count(id, dev.jirasdk.sync.Entity.ISSUES), "nothing after the page in flight");

    HttpProbe.Answer refresh = http.post("/api/integrations/" + id + "/refresh-token");
    assertEquals(409, refresh.code(), refresh.body());
    assertEquals("account_deactivated", refresh.errorCode());
    assertEquals(0, f.auth.refreshes.get(), "the grant was not used");
    assertEquals("account_deactivated", http.post("/api/integrations/" + id + "/sync").errorCode());
  }

  @Test
  void rawDataPagesByKeyReadingOnlyOnePageWhereverItIs() {
    String id = f.connect("acme");
    List<dev.jirasdk.sync.SyncRecord> records = new java.util.ArrayList<>();
    java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 1200; i++) {
      records.add(new dev.jirasdk.sync.SyncRecord(dev.jirasdk.sync.Entity.ISSUES, String.valueOf(100000 + i), "1",
          t.plusSeconds(i / 3), Map.of("key", "K-" + i), "{\"id\":\"" + (100000 + i) + "\"}"));
    }
    f.store.commitPage(id, dev.jirasdk.sync.SyncPage.of(records,
        new dev.jirasdk.sync.Checkpoint("issues", "1", "c", t)));
    java.util.Set<String> seen = new java.util.HashSet<>();
    String after = null;
    int pages = 0;
    do {
      long before = f.rowsRead.get();
      HttpProbe.Answer a = http.get("/api/integrations/" + id + "/raw-data?table=issues&limit=50"
          + (after == null ? "" : "&after=" + after));
      assertEquals(200, a.code(), a.body());
      assertTrue(f.rowsRead.get() - before <= 51, "page " + pages + " read " + (f.rowsRead.get() - before));
      for (Map<String, Object> row : list(a.json().get("rows"))) assertTrue(seen.add((String) row.get("id")));
      after = (String) a.json().get("next");
      pages++;
    } while (after != null);
    assertEquals(24, pages);
    assertEquals(1200, seen.size(), "every row once, none skipped or repeated");
    assertEquals("invalid_cursor", http.get("/api/integrations/" + id + "/raw-data?table=issues&after=bm90LWEtY3Vyc29y").errorCode());
    assertEquals("invalid_cursor", http.get("/api/integrations/" + id + "/raw-data?table=issues&after=%27%3B--").errorCode());
    assertEquals("invalid_offset", http.get("/api/integrations/" + id + "/raw-data?table=issues&offset=36000").errorCode());
  }

  @Test
  void refreshTokenAnswersTheNewExpiryOrThatReauthorizationIsNeeded() {
    String id = f.connect("acme");
    HttpProbe.Answer ok = http.post("/api/integrations/" + id + "/refresh-token");
    assertEquals(200, ok.code(), ok.body());
    assertEquals(false, ok.json().get("requiresReauth"));
    assertNotNull(ok.json().get("expiresAt"));
    f.auth.deadGrants.add(f.auth.accounts.connection(id).orElseThrow().grantId());
    HttpProbe.Answer dead = http.post("/api/integrations/" + id + "/refresh-token");
    assertEquals(200, dead.code());
    assertEquals(true, dead.json().get("requiresReauth"));
    assertEquals("REAUTH_REQUIRED", list(http.get("/api/accounts").json().get("accounts")).get(0).get("state"));
  }

  @Test
  void oversizedBodiesAre413() {
    HttpProbe.Answer a = http.post("/auth/start-with-account", "{\"label\":\"" + "x".repeat(20_000) + "\"}");
    assertEquals(413, a.code());
    assertEquals("body_too_large", a.errorCode());
  }

  @Test
  void serverInfoListsTheSchedulesAndTables() {
    Map<String, Object> info = http.get("/api/server-info").json();
    assertEquals(false, info.get("sandbox"));
    assertEquals(3, list(info.get("schedules")).size());
    assertTrue(((List<?>) info.get("tables")).contains("issues"));
  }

  @Test
  void noResponseEverCarriesASecret() throws Exception {
    String id = f.connect("acme");
    StringBuilder all = new StringBuilder();
    http.post("/api/integrations/" + id + "/sync");
    f.engine.awaitFinished();
    awaitIdle(id);
    for (String path : List.of("/health", "/api/accounts", "/api/current-account", "/api/integrations",
        "/api/server-info", "/api/integrations/" + id + "/stats", "/api/integrations/" + id + "/sync-runs")) {
      all.append(http.get(path).body());
    }
    all.append(http.post("/api/integrations/" + id + "/refresh-token").body());
    String text = all.toString();
    assertFalse(text.contains("client-SECRET-value"));
    assertFalse(text.contains(FakeAuth.SECRET_TOKEN));
    assertFalse(text.toLowerCase().contains("access_token"));
    assertFalse(text.toLowerCase().contains("refresh_token"));
  }

  /** The engine's latch fires just before the port forgets the run; wait for that (bounded). */
  private void awaitIdle(String id) throws InterruptedException {
    for (int i = 0; i < 200 && Boolean.TRUE.equals(http.get("/api/integrations/" + id + "/sync-progress").json()
        .get("running")); i++) {
      Thread.onSpinWait();
    }
  }
}
