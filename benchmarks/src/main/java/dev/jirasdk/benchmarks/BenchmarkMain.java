package dev.jirasdk.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every benchmark and prints one table: each figure next to the reference it is compared with in the
 * same run, the ratio, the target and whether it is met, plus the machine and the command.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar            # full sizes, under 10 minutes on 2 cores
 * java -jar benchmarks/target/benchmarks.jar --quick    # smaller sizes, under a minute
 * java -jar benchmarks/target/benchmarks.jar --only auth,store
 * java -jar benchmarks/target/benchmarks.jar --only deletions
 * java -jar benchmarks/target/benchmarks.jar --sync-issues 20000   # a smaller synced site than the scale's
 * </pre>
 *
 * <p>Progress goes to standard error, the table to standard output. Everything runs on loopback.
 */
public final class BenchmarkMain {
  static final String USAGE = "usage: java -jar benchmarks/target/benchmarks.jar [--quick] [--only "
      + "auth,testkit,store,postgres,sync,deletions,quota,demo] [--sync-issues N] [--demo-jar PATH]";

  private BenchmarkMain() {}

  /** The command line entry point. */
  public static void main(String[] args) throws Exception {
    // Undertow (inside the fake) logs through jboss-logging: route it to slf4j, which is silent here.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    Scale scale = Scale.FULL;
    Set<String> only = new LinkedHashSet<>();
    Path demoJar = null;
    int syncIssues = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> scale = Scale.QUICK;
        case "--smoke" -> scale = Scale.SMOKE;
        case "--only" -> only.addAll(List.of(args[++i].split(",")));
        case "--demo-jar" -> demoJar = Path.of(args[++i]);
        case "--sync-issues" -> syncIssues = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
        case "--help", "-h" -> {
          System.out.println(USAGE);
          return;
        }
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.err.println(USAGE);
          System.exit(2);
        }
      }
    }
    String command = "java -jar benchmarks/target/benchmarks.jar" + (args.length == 0 ? "" : " " + String.join(" ", args));
    Report report = run(scale, only, demoJar == null ? defaultDemoJar() : demoJar, syncIssues, command,
        System.err);
    System.out.print(report.render());
    System.out.flush();
    // Child processes and pools are closed; exit explicitly in case a library left a non-daemon thread.
    System.exit(0);
  }

  /** Runs the selected groups (all when {@code only} is empty) and returns the report. */
  public static Report run(Scale scale, Set<String> only, Path demoJar, int syncIssues, String command,
      PrintStream progress) {
    Context context = new Context(scale, demoJar, syncIssues, progress);
    Instant started = Instant.now();
    List<Benchmark> all = List.of(new AuthBenchmark(), new TestkitBenchmark(), new StoreBenchmark(),
        new PostgresStoreBenchmark(), new SyncBenchmark(), new DeletionBenchmark(), new QuotaBenchmark(),
        new DemoServerBenchmark());
    List<Row> rows = new ArrayList<>();
    for (Benchmark b : all) {
      if (!only.isEmpty() && !only.contains(b.group())) continue;
      long t0 = System.nanoTime();
      context.progress("%s: starting (%s)", b.group(), scale);
      try {
        rows.addAll(b.run(context));
      } catch (Throwable e) {
        rows.add(new Row(b.group(), "benchmark run", "error: " + e, "-", "-", "-", Row.Verdict.FAIL));
        e.printStackTrace(progress);
      }
      context.progress("%s: done in %s", b.group(), Fmt.seconds(System.nanoTime() - t0));
      System.gc();
    }
    long total = java.time.Duration.between(started, Instant.now()).toNanos();
    String whole = "whole run, " + scale.name().toLowerCase(java.util.Locale.ROOT) + " scale"
        + (only.isEmpty() ? "" : " (only " + String.join(",", only) + ")");
    if (scale == Scale.SMOKE || !only.isEmpty()) {
      rows.add(Row.info("harness", whole, Fmt.seconds(total), "-", "-"));
    } else {
      long limit = scale == Scale.FULL ? 600_000_000_000L : 60_000_000_000L;
      rows.add(Row.checked("harness", whole, Fmt.seconds(total), "-", "-",
          scale == Scale.FULL ? "< 10 min" : "< 1 min", total < limit));
    }
    String header = "Date: " + started.truncatedTo(ChronoUnit.SECONDS) + " (UTC); run time "
        + Fmt.seconds(total) + "; scale " + scale + "\n"
        + "Machine: " + Machine.describe() + "\n"
        + "Command: " + command + "\n\n";
    Report report = new Report(header);
    report.addAll(rows);
    return report;
  }

  private static Path defaultDemoJar() {
    Path fromRoot = Path.of("jira-demo-server", "target", "jira-demo-server.jar");
    Path fromModule = Path.of("..", "jira-demo-server", "target", "jira-demo-server.jar");
    return Files.exists(fromRoot) || !Files.exists(fromModule) ? fromRoot : fromModule;
  }
}
