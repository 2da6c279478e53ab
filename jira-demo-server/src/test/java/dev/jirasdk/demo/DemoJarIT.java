package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.MutableClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a user runs it: {@code java -jar jira-demo-server.jar} in an empty directory with no
 * credentials answers {@code /health} and stops cleanly on SIGTERM; against a simulated Jira Cloud, a sync cut
 * short by SIGKILL or SIGTERM ends in a true state and resumes at the next start. Runs in the verify phase
 * (failsafe).
 */
class DemoJarIT {
  private static final Pattern READY = Pattern.compile("ready on http://[^:]+:(\\d+)/dashboard");

  /** One {@code java -jar} process and its log. */
  static final class Server implements AutoCloseable {
    final Process process;
    final List<String> log = new ArrayList<>();
    final CompletableFuture<Integer> port = new CompletableFuture<>();
    final Thread reader;

    Server(Path dir, Map<String, String> env) throws Exception {
      Path jar = Path.of(System.getProperty("demo.jar", "target/jira-demo-server.jar")).toAbsolutePath();
      assertTrue(Files.isRegularFile(jar), "build the shaded jar first: " + jar);
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", jar.toString()).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().keySet().removeIf(k -> k.startsWith("JIRA_") || k.equals("PORT") || k.equals("SANDBOX"));
      pb.environment().putAll(env);
      process = pb.start();
      reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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

    /** SIGTERM, as a service manager or Ctrl-C would; waits for the exit. */
    void terminate() throws Exception {
      process.toHandle().destroy(); // Process.destroy() would also close our end of the pipe
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server stops on SIGTERM");
      reader.join(5000);
    }

    /** SIGKILL: no shutdown hook runs. */
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

  @Test
  void theShadedJarStartsInAnEmptyDirectoryAndAnswersHealth(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".env"), "PORT=0\n");
    String all;
    try (Server server = new Server(dir, Map.of())) {
      HttpProbe http = server.http();
      HttpProbe.Answer health = http.get("/health");
      assertEquals(200, health.code(), health.body());
      assertEquals("ok", health.json().get("status"));
      assertEquals(true, health.json().get("sandbox"), "no credentials: the sandbox runs");
      assertEquals(303, http.get("/").code());
      server.terminate();
      all = server.log();
    }
    assertTrue(all.contains("stopped"), all);
    assertFalse(all.contains("Exception"), all);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> runs(HttpProbe http, String id) {
    return (List<Map<String, Object>>) http.get("/api/integrations/" + id + "/sync-runs").json().get("runs");
  }

  static long num(Object o) {
    return ((Number) o).longValue();
  }

  /** Polls (bounded) until the newest run satisfies the condition; returns the runs then. */
  static List<Map<String, Object>> awaitRuns(HttpProbe http, String id, Predicate<List<Map<String, Object>>> done,
      String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    List<Map<String, Object>> runs = List.of();
    while (System.nanoTime() < deadline) {
      runs = runs(http, id);
      if (done.test(runs)) return runs;
      // Another process: nothing in this JVM to wait on, so a bounded pause between polls.
      new java.util.concurrent.CountDownLatch(1).await(100, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("timed out waiting for " + what + ": " + runs);
  }

  @Test
  void aSyncCutShortBySigkillOrSigtermEndsInATrueStateAndResumesAtTheNextStart(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String callback = "http://localhost:" + port + "/auth/callback";
    try (FakeJiraCloud fake = FakeJiraCloud.builder().seed(7).dataset(Dataset.sandbox())
        .clock(MutableClock.startingAt(Clock.systemUTC().instant()))
        .client("it-client", "it-client-secret-value", callback).build()) {
      fake.start("127.0.0.1", 0);
      Map<String, String> env = new java.util.HashMap<>(Map.of("PORT", String.valueOf(port), "SANDBOX", "false",
          "JIRA_CLIENT_ID", "it-client", "JIRA_CLIENT_SECRET", "it-client-secret-value",
          "JIRA_REDIRECT_URI", callback, "JIRA_AUTH_BASE_URL", fake.authBaseUrl(),
          "JIRA_API_BASE_URL", fake.apiBaseUrl(), "DATABASE_PATH", dir.resolve("data/demo.db").toString()));
      env.putAll(Map.of("SYNC_INTERVAL", "off", "TOKEN_REFRESH_INTERVAL", "off", "HEALTH_CHECK_INTERVAL", "off"));
      String id;
      String killed;
      // 1. Sign in, start a full sync, and SIGKILL the process once it has committed pages.
      try (Server first = new Server(dir, env)) {
        HttpProbe http = first.http();
        String authUrl = (String) http.post("/auth/start").json().get("authUrl");
        assertEquals(303, http.get(SandboxFixture.accept(authUrl)).code());
        id = (String) ApiTest.list(http.get("/api/accounts").json().get("accounts")).get(0).get("id");
        HttpProbe.Answer started = http.post("/api/integrations/" + id + "/comprehensive-sync");
        assertEquals(202, started.code(), started.body());
        killed = (String) started.json().get("runId");
        assertNotNull(killed, "the 202 names its run");
        HttpProbe.Answer again = http.post("/api/integrations/" + id + "/sync");
        assertEquals(409, again.code());
        assertEquals(killed, map(map(again.json()).get("error")).get("runId"), "a 409 always names the run");
        awaitRuns(http, id, r -> num(r.get(0).get("fetched")) > 500, "pages committed");
        first.kill();
      }
      // 2. The next start marks it interrupted with what it saved, and resumes it; SIGTERM that one.
      String stopped;
      try (Server second = new Server(dir, env)) {
        HttpProbe http = second.http();
        List<Map<String, Object>> runs = awaitRuns(http, id, r -> r.size() >= 2, "the resumed run");
        Map<String, Object> old = runs.get(1);
        assertEquals(killed, old.get("runId"), runs.toString());
        assertEquals("INTERRUPTED", old.get("status"), "not RUNNING forever: " + old);
        assertTrue(num(old.get("requests")) > 0 && num(old.get("fetched")) > 0, "it shows what it did: " + old);
        assertTrue(old.get("notes").toString().contains("killed"), old.toString());
        assertNull(old.get("durationMs"), "when it ended is unknown");
        stopped = (String) runs.get(0).get("runId");
        assertEquals("FULL", runs.get(0).get("mode"), "resumed in its mode");
        awaitRuns(http, id, r -> stopped.equals(r.get(0).get("runId")) && num(r.get(0).get("fetched")) > 500,
            "the resumed run to commit pages");
        second.terminate();
        assertTrue(second.log().contains("stopped"), second.log());
      }
      // 3. SIGTERM left it interrupted (as the docs promise); the next start resumes it to the end.
      try (Server third = new Server(dir, env)) {
        HttpProbe http = third.http();
        List<Map<String, Object>> runs = awaitRuns(http, id, r -> r.size() >= 3
            && "SUCCEEDED".equals(r.get(0).get("status")), "the resumed run to finish");
        assertEquals(stopped, runs.get(1).get("runId"));
        assertEquals("INTERRUPTED", runs.get(1).get("status"), runs.get(1).toString());
        assertTrue(runs.get(1).get("notes").toString().contains("stopped"), runs.get(1).toString());
        assertNotNull(runs.get(1).get("durationMs"));
        assertEquals("INTERRUPTED", runs.get(2).get("status"));
        Map<String, Object> stats = http.get("/api/integrations/" + id + "/stats").json();
        String cloudId = (String) map(stats.get("site")).get("cloudId");
        assertEquals((long) fake.data(cloudId).issueCount(), num(map(stats.get("stored")).get("issues")),
            "everything arrived across the three processes");
        third.terminate();
      }
    }
  }
}
