package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a user runs it: {@code java -jar jira-demo-server.jar} in an empty directory with no
 * credentials, answers {@code /health}, and stops cleanly on SIGTERM. Runs in the verify phase (failsafe).
 */
class DemoJarIT {
  private static final Pattern READY = Pattern.compile("ready on http://[^:]+:(\\d+)/dashboard");

  @Test
  void theShadedJarStartsInAnEmptyDirectoryAndAnswersHealth(@TempDir Path dir) throws Exception {
    Path jar = Path.of(System.getProperty("demo.jar", "target/jira-demo-server.jar")).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), "build the shaded jar first: " + jar);
    Files.writeString(dir.resolve(".env"), "PORT=0\n");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("JIRA_") || k.equals("PORT") || k.equals("SANDBOX"));
    Process process = pb.start();
    List<String> log = new ArrayList<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
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
    try {
      int p;
      try {
        p = port.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        synchronized (log) {
          throw new AssertionError("not ready:\n" + String.join("\n", log), e);
        }
      }
      HttpProbe http = new HttpProbe("http://127.0.0.1:" + p);
      HttpProbe.Answer health = http.get("/health");
      assertEquals(200, health.code(), health.body());
      assertEquals("ok", health.json().get("status"));
      assertEquals(true, health.json().get("sandbox"), "no credentials: the sandbox runs");
      assertEquals(303, http.get("/").code());
    } finally {
      process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of the pipe
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
      reader.join(5000);
    }
    String all;
    synchronized (log) {
      all = String.join("\n", log);
    }
    assertTrue(all.contains("stopped"), all);
    assertFalse(all.contains("Exception"), all);
  }
}
