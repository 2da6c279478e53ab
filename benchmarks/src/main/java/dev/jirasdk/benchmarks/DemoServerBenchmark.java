package dev.jirasdk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * jira-demo-server: time from launching {@code java -jar jira-demo-server.jar} (sandbox mode, fresh working
 * directory) to the first 200 from {@code /health}, next to the start-up of a bare JVM ({@code java -version})
 * measured in the same run.
 */
final class DemoServerBenchmark implements Benchmark {
  private static final Duration GIVE_UP = Duration.ofSeconds(60);

  @Override
  public String group() {
    return "demo";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    String name = "java -jar jira-demo-server.jar (sandbox) to first 200 from /health, median";
    if (context.scale.demoStarts == 0) return List.of(Row.notAvailable("demo", name, "skipped at smoke scale"));
    Path jar = context.demoJar.toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      return List.of(Row.notAvailable("demo", name, "no jar at " + context.demoJar
          + " (build it: mvn -B -q -DskipTests package -pl jira-demo-server -am)"));
    }
    OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofMillis(200))
        .readTimeout(Duration.ofSeconds(5)).retryOnConnectionFailure(false).build();
    int n = context.scale.demoStarts;
    startToHealth(jar, http); // warm-up: the first start pays for cold file caches
    long[] starts = new long[n];
    long[] bare = new long[n];
    for (int i = 0; i < n; i++) {
      bare[i] = bareJvm();
      starts[i] = startToHealth(jar, http);
      context.progress("demo: start %d/%d: %s (bare JVM %s)", i + 1, n, Fmt.millis(starts[i]), Fmt.millis(bare[i]));
    }
    http.connectionPool().evictAll();
    http.dispatcher().executorService().shutdown();
    Stats s = new Stats(starts);
    Stats b = new Stats(bare);
    return List.of(Row.checked("demo", name + " of " + n, Fmt.millis(s.median()) + " (max " + Fmt.millis(s.percentile(100)) + ")",
        "bare JVM start (java -version) " + Fmt.millis(b.median()), Fmt.ratio((double) s.median() / b.median()),
        "< 2 s", s.median() < 2_000_000_000L));
  }

  private static long bareJvm() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(ChildProcesses.javaLauncher(), "-version")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.waitFor();
    return System.nanoTime() - t0;
  }

  private static long startToHealth(Path jar, OkHttpClient http) throws Exception {
    Path dir = Files.createTempDirectory("bench-demo-");
    Path log = dir.resolve("server.log");
    int port = ChildProcesses.freePort();
    ProcessBuilder pb = new ProcessBuilder(ChildProcesses.javaLauncher(), "-jar", jar.toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("JIRA_"));
    env.put("PORT", Integer.toString(port));
    env.put("BIND_ADDRESS", "127.0.0.1");
    env.put("SANDBOX", "true");
    env.put("DATABASE_PATH", dir.resolve("demo.db").toString());
    Request health = new Request.Builder().url("http://127.0.0.1:" + port + "/health").build();
    long t0 = System.nanoTime();
    Process process = pb.start();
    try {
      long deadline = t0 + GIVE_UP.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("demo server exited with " + process.exitValue() + ": "
              + ChildProcesses.tail(log, 400));
        }
        try (Response r = http.newCall(health).execute()) {
          if (r.code() == 200) return System.nanoTime() - t0;
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(5);
      }
      throw new IllegalStateException("no 200 from /health within " + GIVE_UP + ": " + ChildProcesses.tail(log, 400));
    } finally {
      ChildProcesses.stop(process, 10);
      ChildProcesses.deleteTree(dir);
    }
  }
}
