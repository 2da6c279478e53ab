package dev.jirasdk.benchmarks;

import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.store.sqlite.SqliteStore;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.JournalEntry;
import dev.jirasdk.testkit.SiteData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * jira-sync-core: a full sync of a generated site from the fake on loopback into a SQLite file, in a child JVM
 * limited to {@code -Xmx256m}, next to the raw fetch limit measured in the same way (same pages, bare OkHttp,
 * parsed, not stored); points per issue; an incremental sync after 100 changes.
 */
final class SyncBenchmark implements Benchmark {
  static final String CHILD_HEAP = "-Xmx256m";
  /** The heap of the long-history row: an issue's history must never have to fit in memory at once. */
  static final String SMALL_HEAP = "-Xmx128m";
  static final int MAX_HISTORY = 5_000;
  private static final int THREADS = JiraSyncDefaults.PARALLELISM;
  private static final int CHANGES = 100;

  @Override
  public String group() {
    return "sync";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    int n = context.syncIssues;
    Path dir = Files.createTempDirectory("bench-sync-");
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(FakeSession.dataset(n)).journalLimit(1_000_000).build()
        .start()) {
      SiteData data = fake.data();
      long issues = data.issueCount();
      Map<String, String> common = connectChildArgs(fake, dir.resolve("sync.db"));

      String size = Fmt.count(issues) + " issues";
      context.progress("sync: raw fetch limit, %s (child JVM %s, %d threads)", size, CHILD_HEAP, THREADS);
      Map<String, String> raw = child(dir, common, "raw", fake);
      long pointsBefore = fake.pointsSpent();
      int journalBefore = fake.journal().size();
      context.progress("sync: full sync of %s into SQLite (child JVM %s)", size, CHILD_HEAP);
      Map<String, String> full = child(dir, common, "full", fake);
      long fullPoints = fake.pointsSpent() - pointsBefore;
      List<JournalEntry> fullJournal = fake.journal();
      long issuePoints = issueStreamPoints(fullJournal.subList(journalBefore, fullJournal.size()));
      context.progress("sync: storing ceiling (the same rows, bare sqlite-jdbc, primary keys only)");
      Map<String, String> ceilingArgs = new HashMap<>(common);
      ceilingArgs.put("bareDb", dir.resolve("bare.db").toString());
      Map<String, String> ceiling = child(dir, ceilingArgs, "ceiling", fake);

      fake.clock().advance(Duration.ofMinutes(5));
      List<String> ids = new ArrayList<>();
      for (String project : data.projectKeys()) ids.addAll(data.issueIds(project));
      for (int i = 0; i < CHANGES; i++) {
        data.editIssue(ids.get((int) ((long) i * ids.size() / CHANGES)), "edited for the incremental benchmark " + i);
      }
      fake.clock().advance(Duration.ofMinutes(1));
      context.progress("sync: incremental sync after %d edits", CHANGES);
      long pointsBeforeIncremental = fake.pointsSpent();
      Map<String, String> inc = child(dir, common, "incremental", fake);
      long incPoints = fake.pointsSpent() - pointsBeforeIncremental;

      List<Row> rows = rows(context, issues, raw, full, fullPoints, issuePoints, inc, incPoints);
      rows.add(1, ceilingRow(issues, raw, ceiling));
      rows.add(longHistoryRow(context, dir));
      return rows;
    } finally {
      ChildProcesses.deleteTree(dir);
    }
  }

  /**
   * Points of the requests that fetch issues, comments and changelogs (issue search and its count, comment
   * pages, changelog bulk fetches): what the target of at most 1.05 points per issue is about.
   */
  static long issueStreamPoints(List<JournalEntry> entries) {
    long points = 0;
    for (JournalEntry e : entries) {
      String p = e.path();
      if (p.endsWith("/rest/api/3/search/jql") || p.endsWith("/rest/api/3/search/approximate-count")
          || p.endsWith("/comment") || p.endsWith("/rest/api/3/changelog/bulkfetch")) {
        points += e.points();
      }
    }
    return points;
  }

  private static Row ceilingRow(long issues, Map<String, String> raw, Map<String, String> ceiling) {
    double rawRate = Long.parseLong(raw.get("issues")) / (Long.parseLong(raw.get("elapsedNanos")) / 1e9);
    long nanos = Long.parseLong(ceiling.get("elapsedNanos"));
    double rate = issues / (nanos / 1e9);
    return Row.info("sync", "storing ceiling: the full sync's " + Fmt.count(Long.parseLong(ceiling.get("rows")))
        + " rows written again with bare sqlite-jdbc (primary keys only, no columns, no index, no hash), "
        + Fmt.seconds(nanos), Fmt.perSecond(rate, "issues"), "raw fetch limit " + Fmt.perSecond(rawRate, "issues"),
        Fmt.ratio(rate / rawRate));
  }

  private List<Row> rows(Context context, long issues, Map<String, String> raw, Map<String, String> full,
      long fullPoints, long issuePoints, Map<String, String> inc, long incPoints) {
    List<Row> rows = new ArrayList<>();
    String size = Fmt.count(issues) + " issues";
    long rawNanos = Long.parseLong(raw.get("elapsedNanos"));
    long fullNanos = Long.parseLong(full.get("elapsedNanos"));
    long incNanos = Long.parseLong(inc.get("elapsedNanos"));
    long stored = Long.parseLong(full.get("stored"));
    boolean fullOk = "SUCCEEDED".equals(full.get("status")) && stored == issues;
    double rawRate = Long.parseLong(raw.get("issues")) / (rawNanos / 1e9);
    double syncRate = stored / (fullNanos / 1e9);
    double ratio = syncRate / rawRate;
    String fullNote = fullOk ? "" : " [status " + full.get("status") + ", " + full.get("errors") + " errors, "
        + stored + " stored" + (full.containsKey("firstError") ? ", first: " + full.get("firstError") : "") + "]";
    rows.add(Row.checked("sync", "full sync of " + size + " (all streams) into SQLite, " + THREADS + " threads, "
        + Fmt.seconds(fullNanos), Fmt.perSecond(syncRate, "issues") + fullNote, "raw fetch limit (bare OkHttp, "
        + "same pages, parsed, not stored) " + Fmt.perSecond(rawRate, "issues"), Fmt.ratio(ratio), "≥ 0.50×",
        fullOk && ratio >= 0.5));
    double perIssue = issuePoints / (double) issues;
    rows.add(Row.checked("sync", "points per issue, full sync: issues + comments + changelogs (counted by the fake;"
        + " 1 issue in " + FakeSession.HEAVY_ISSUE_EVERY + " has > 20 comments and changelog entries)",
        Fmt.decimal(perIssue, 3) + " (" + Fmt.count(issuePoints) + " points)", "-", "-", "≤ 1.05", perIssue <= 1.05));
    rows.add(Row.info("sync", "points per issue, full sync: all 21 streams (users, groups, worklogs, ... included)",
        Fmt.decimal(fullPoints / (double) issues, 3) + " (" + Fmt.count(fullPoints) + " points, "
            + Fmt.count(Long.parseLong(full.get("requests"))) + " requests)", "-", "-"));
    long changed = Long.parseLong(inc.get("issuesChanged"));
    double share = incNanos / (double) fullNanos;
    rows.add(Row.checked("sync", "incremental sync after " + CHANGES + " edited issues: time", Fmt.seconds(incNanos)
        + " (" + inc.get("requests") + " requests, " + Fmt.count(incPoints) + " points, " + changed
        + " issues changed)", "full sync " + Fmt.seconds(fullNanos), Fmt.percent(share) + " of the time",
        "< 2 %", share < 0.02 && changed >= CHANGES && "SUCCEEDED".equals(inc.get("status"))));
    long peak = Long.parseLong(full.get("peakHeap"));
    rows.add(Row.checked("sync", "full sync of " + size + " in a child JVM with " + CHILD_HEAP + ": heap",
        (fullOk ? "completed" : "did not complete") + "; old-gen peak " + Fmt.mib(Long.parseLong(full.get("oldGenPeak")))
            + ", all pools' peaks summed " + Fmt.mib(peak), "max heap " + Fmt.mib(Long.parseLong(
            full.get("maxHeap"))), "-", "completes", fullOk));
    context.figure(TestkitBenchmark.SERVED_RATE).ifPresentOrElse(served -> rows.add(Row.checked("sync",
        "fake's serving rate (testkit row above) vs the sync's storing rate", Fmt.perSecond(served, "issues"),
        "full sync " + Fmt.perSecond(syncRate, "issues"), Fmt.ratio(served / syncRate), "≥ 3×", served / syncRate >= 3)),
        () -> rows.add(Row.notAvailable("sync", "fake's serving rate vs the sync's storing rate",
            "run the testkit group in the same run")));
    return rows;
  }

  /** Consents once into a new SQLite file at {@code db} and returns the arguments every sync child needs. */
  private static Map<String, String> connectChildArgs(FakeJiraCloud fake, Path db) {
    String key = TokenCipher.generateKey();
    OkHttpClient http = new OkHttpClient.Builder().build();
    Map<String, String> common = new HashMap<>();
    try (SqliteStore store = SqliteStore.open(db)) {
      common.put("connection", FakeSession.connect(fake, http, TokenCipher.of("bench", key), store, store, store)
          .connection.id());
    }
    http.connectionPool().evictAll();
    http.dispatcher().executorService().shutdown();
    common.put("db", db.toString());
    common.put("key", key);
    common.put("base", fake.apiBaseUrl());
    common.put("clientId", fake.clientId());
    common.put("clientSecret", fake.clientSecret());
    common.put("redirectUri", fake.redirectUri());
    common.put("threads", Integer.toString(THREADS));
    common.put("projects", String.join(",", fake.data().projectKeys()));
    return common;
  }

  /**
   * A site whose issues have up to 5,000 comments and 5,000 changelog entries each (Jira's ceiling for comments),
   * synced in full in a child JVM with {@code -Xmx128m}: it completes only if an issue's history is written in
   * chunks instead of held whole.
   */
  private Row longHistoryRow(Context context, Path parent) throws Exception {
    int n = context.syncIssues >= 10_000 ? 40 : 8;
    Path dir = Files.createTempDirectory(parent, "long-");
    Dataset dataset = Dataset.builder().sites(1).projects(1).issuesPerProject(n).users(10)
        .commentsPerIssue(MAX_HISTORY).changelogPerIssue(MAX_HISTORY).build();
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(dataset).journalLimit(10_000).build().start()) {
      SiteData data = fake.data();
      Map<String, String> common = connectChildArgs(fake, dir.resolve("long.db"));
      long comments = data.commentCount();
      long histories = data.changelogCount();
      int largest = 0;
      for (String project : data.projectKeys()) {
        for (String id : data.issueIds(project)) largest = Math.max(largest, data.commentCount(id));
      }
      context.progress("sync: %d issues with up to %d comments and changelog entries each (child JVM %s)", n,
          MAX_HISTORY, SMALL_HEAP);
      Map<String, String> r = child(dir, common, "full", fake, SMALL_HEAP);
      boolean ok = "SUCCEEDED".equals(r.get("status")) && Long.parseLong(r.get("comments")) == comments
          && Long.parseLong(r.get("changelogs")) == histories;
      long nanos = Long.parseLong(r.get("elapsedNanos"));
      return Row.checked("sync", "full sync of " + n + " issues with up to " + Fmt.count(MAX_HISTORY)
          + " comments and changelog entries each (" + Fmt.count(comments) + " comments, " + Fmt.count(histories)
          + " entries, largest issue " + Fmt.count(largest) + " comments) in a child JVM with "
          + SMALL_HEAP + ", " + Fmt.seconds(nanos),
          (ok ? "completed" : "did not complete [status " + r.get("status") + ", " + r.get("comments") + " comments, "
              + r.get("changelogs") + " entries stored]") + "; old-gen peak " + Fmt.mib(Long.parseLong(
              r.get("oldGenPeak"))) + ", all pools' peaks summed " + Fmt.mib(Long.parseLong(r.get("peakHeap"))),
          "max heap " + Fmt.mib(Long.parseLong(r.get("maxHeap"))), "-", "completes, every row stored", ok);
    }
  }

  private static Map<String, String> child(Path dir, Map<String, String> common, String mode, FakeJiraCloud fake)
      throws IOException, InterruptedException {
    return child(dir, common, mode, fake, CHILD_HEAP);
  }

  private static Map<String, String> child(Path dir, Map<String, String> common, String mode, FakeJiraCloud fake,
      String heap) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(ChildProcesses.javaLauncher(), heap, "-cp",
        System.getProperty("java.class.path"), SyncChild.class.getName()));
    common.forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.add("mode=" + mode);
    cmd.add("now=" + fake.clock().instant());
    Path out = dir.resolve(mode + ".out");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("sync child (" + mode + ") did not finish in 15 minutes");
    }
    for (String line : Files.readAllLines(out)) {
      if (line.startsWith("RESULT ")) {
        Map<String, String> result = new HashMap<>();
        for (String kv : line.substring(7).split(" ")) {
          int eq = kv.indexOf('=');
          result.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return result;
      }
    }
    throw new IllegalStateException("sync child (" + mode + ") exited with " + p.exitValue() + ": "
        + ChildProcesses.tail(out, 1500));
  }
}
