package dev.jirasdk.demo;

import static dev.jirasdk.demo.DemoJarIT.awaitRuns;
import static dev.jirasdk.demo.DemoJarIT.map;
import static dev.jirasdk.demo.DemoJarIT.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.MutableClock;
import dev.jirasdk.testkit.SiteData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two demo-server processes on one PostgreSQL database against one simulated Jira Cloud, as two instances behind a
 * load balancer: a sync started on one is seen running on the other, whose second start answers {@code 409} naming
 * the run; when the instance running it is killed ({@code SIGKILL}), the other takes the run over once its claim
 * expired (a short {@code SYNC_CLAIM_TTL}) and finishes it, and the data is exactly the simulated site's.
 */
@ExtendWith(PostgresDatabases.class)
class PostgresDemoInstancesTest {
  private static final Pattern READY = Pattern.compile("ready on http://[^:]+:(\\d+)/dashboard");

  @TempDir
  Path dir;

  /** A demo server in a JVM of its own, started from this test's classpath. */
  static final class Instance implements AutoCloseable {
    final Process process;
    final List<String> log = new ArrayList<>();
    final CompletableFuture<Integer> port = new CompletableFuture<>();
    final Thread reader;

    Instance(Path dir, Map<String, String> env) throws Exception {
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName())
          .directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().keySet().removeIf(k -> k.startsWith("JIRA_") || k.equals("PORT") || k.equals("SANDBOX"));
      pb.environment().putAll(env);
      process = pb.start();
      reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            synchronized (log) {
              log.add(line);
            }
            Matcher m = READY.matcher(line);
            if (m.find()) port.complete(Integer.parseInt(m.group(1)));
          }
        } catch (Exception e) {
          port.completeExceptionally(e);
        }
        port.completeExceptionally(new AssertionError("the server exited before it was ready"));
      });
      reader.setDaemon(true);
      reader.start();
    }

    HttpProbe http() {
      try {
        return new HttpProbe("http://localhost:" + port.get(90, TimeUnit.SECONDS));
      } catch (Exception e) {
        throw new AssertionError("not ready:\n" + log(), e);
      }
    }

    String log() {
      synchronized (log) {
        return String.join("\n", log);
      }
    }

    /** SIGKILL: no shutdown hook runs, the claim is not released. */
    void kill() throws Exception {
      process.toHandle().destroyForcibly();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
      reader.join(5000);
    }

    @Override
    public void close() throws Exception {
      if (process.isAlive()) kill();
    }
  }

  private static void step(long t0, String what) {
    System.err.printf("%6.1f s: %s%n", (System.nanoTime() - t0) / 1e9, what);
  }

  @Test
  void theSurvivorOfAKilledInstanceFinishesItsSyncAfterTheClaimExpiredWithExactData() throws Exception {
    int portA;
    try (ServerSocket s = new ServerSocket(0)) {
      portA = s.getLocalPort();
    }
    String callback = "http://localhost:" + portA + "/auth/callback";
    try (PostgresDatabases.Db db = PostgresDatabases.create();
        FakeJiraCloud fake = FakeJiraCloud.builder().seed(7)
            .dataset(Dataset.builder().sites(1).projects(3).issuesPerProject(400).users(10).build())
            .clock(MutableClock.startingAt(Clock.systemUTC().instant()))
            .client("two-instances", "two-instances-secret", callback).build()) {
      fake.start("127.0.0.1", 0);
      Map<String, String> shared = new LinkedHashMap<>(db.settings());
      shared.putAll(Map.of("SANDBOX", "false", "JIRA_CLIENT_ID", "two-instances",
          "JIRA_CLIENT_SECRET", "two-instances-secret", "JIRA_REDIRECT_URI", callback,
          "JIRA_AUTH_BASE_URL", fake.authBaseUrl(), "JIRA_API_BASE_URL", fake.apiBaseUrl(),
          "TOKEN_ENCRYPTION_KEY", TokenCipher.generateKey()));
      // Short claims, so the takeover comes within seconds; no periodic sync: only the takeover runs one.
      shared.putAll(Map.of("SYNC_CLAIM_TTL", "2s", "SYNC_INTERVAL", "off", "TOKEN_REFRESH_INTERVAL", "off",
          "HEALTH_CHECK_INTERVAL", "off"));
      Map<String, String> envA = new LinkedHashMap<>(shared);
      envA.putAll(Map.of("PORT", String.valueOf(portA), "INSTANCE_ID", "instance-a"));
      Map<String, String> envB = new LinkedHashMap<>(shared);
      envB.putAll(Map.of("PORT", "0", "INSTANCE_ID", "instance-b"));
      try (Instance a = new Instance(dir, envA); Instance b = new Instance(dir, envB)) {
        long t0 = System.nanoTime();
        HttpProbe one = a.http();
        HttpProbe two = b.http();
        step(t0, "both ready");
        String authUrl = (String) one.post("/auth/start").json().get("authUrl");
        assertEquals(303, one.get(SandboxFixture.accept(authUrl)).code());
        String id = (String) ApiTest.list(two.get("/api/accounts").json().get("accounts")).get(0).get("id");

        HttpProbe.Answer started = one.post("/api/integrations/" + id + "/comprehensive-sync");
        assertEquals(202, started.code(), started.body());
        String runId = (String) started.json().get("runId");
        assertNotNull(runId);
        // The other instance sees it running, and refuses a second start naming it.
        List<Map<String, Object>> seen = awaitRuns(two, id, r -> !r.isEmpty() && runId.equals(r.get(0).get("runId"))
            && "RUNNING".equals(r.get(0).get("status")) && num(r.get(0).get("fetched")) > 300,
            "instance b to see instance a's run committing pages");
        step(t0, "b sees a's run");
        assertEquals("FULL", seen.get(0).get("mode"));
        HttpProbe.Answer again = two.post("/api/integrations/" + id + "/sync");
        assertEquals(409, again.code(), again.body());
        assertEquals(runId, map(again.json().get("error")).get("runId"), "the 409 names the other instance's run");

        a.kill();
        // The claim expires 2 s after a's last heartbeat; b's scheduler takes the run over and finishes it.
        List<Map<String, Object>> runs = awaitRuns(two, id, r -> !r.isEmpty()
            && !runId.equals(r.get(0).get("runId")) && "SUCCEEDED".equals(r.get(0).get("status")),
            "instance b to take the run over and finish it");
        step(t0, "b finished the takeover");
        Map<String, Object> takeover = runs.get(0);
        assertEquals("FULL", takeover.get("mode"), "taken over in its mode");
        Map<String, Object> dead = runs.stream().filter(r -> runId.equals(r.get("runId"))).findFirst().orElseThrow();
        assertNotEquals("RUNNING", dead.get("status"), dead.toString());
        assertTrue(dead.get("notes").toString().contains("abandoned"), dead.toString());
        assertTrue(b.log().contains("taking over connection " + id), b.log());

        Map<String, Object> stats = two.get("/api/integrations/" + id + "/stats").json();
        SiteData data = fake.data((String) map(stats.get("site")).get("cloudId"));
        Map<String, Object> stored = map(stats.get("stored"));
        assertEquals(data.issueCount(), num(stored.get("issues")), "every issue, once: " + stored);
        assertEquals(data.commentCount(), num(stored.get("comments")), stored.toString());
        assertEquals(data.userCount(), num(stored.get("users")), stored.toString());
        assertEquals(data.projectCount(), num(stored.get("projects")), stored.toString());
        assertEquals(data.changelogCount(), num(stored.get("changelogs")), stored.toString());
        assertEquals(data.worklogCount(), num(stored.get("worklogs")), stored.toString());
      }
    }
  }
}
