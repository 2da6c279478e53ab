package dev.jirasdk.benchmarks;

import dev.jirasdk.store.sqlite.SqliteStore;
import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.PageResult;
import dev.jirasdk.sync.RecordCursor;
import dev.jirasdk.sync.RecordPage;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRecord;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.SiteData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * jira-store-sqlite: {@code SqliteStore.commitPage} of issue pages of 100 (realistic JSON from the testkit's
 * generator) side by side with a bare sqlite-jdbc batch insert of the same rows into a table of the same
 * shape; re-upserting unchanged pages; and a paged read by {@code updated} in a large table.
 */
final class StoreBenchmark implements Benchmark {
  static final int PAGE = 100;
  static final String CONNECTION = "bench-connection";

  /** A table of the same shape as the store's jira_issues: same columns, primary key and indexes. */
  static final String BARE_TABLE = "CREATE TABLE bare_issues (connection_id TEXT NOT NULL, id TEXT NOT NULL,"
      + " parent_id TEXT, updated TEXT, issue_key TEXT, project_id TEXT, project_key TEXT, summary TEXT,"
      + " status TEXT, status_category TEXT, issue_type TEXT, priority TEXT, assignee_account_id TEXT,"
      + " reporter_account_id TEXT, created TEXT, resolution TEXT, resolution_date TEXT, due_date TEXT,"
      + " parent_issue_id TEXT, story_points REAL, labels TEXT, components TEXT, fix_versions TEXT,"
      + " raw_json TEXT NOT NULL, columns_json TEXT NOT NULL, content_hash TEXT NOT NULL, synced_at TEXT NOT NULL,"
      + " deleted_at TEXT, deleted_reason TEXT, PRIMARY KEY (connection_id, id))";
  static final String[] BARE_INDEXES = {
    "CREATE INDEX bare_issues_by_updated ON bare_issues (connection_id, ifnull(updated, ''), id)",
    "CREATE INDEX bare_issues_by_parent ON bare_issues (connection_id, parent_id, id)"};
  static final String BARE_INSERT = "INSERT INTO bare_issues (connection_id, id, parent_id, updated, issue_key,"
      + " project_id, project_key, summary, status, status_category, issue_type, priority, assignee_account_id,"
      + " reporter_account_id, created, resolution, resolution_date, due_date, parent_issue_id, story_points,"
      + " labels, components, fix_versions, raw_json, columns_json, content_hash, synced_at)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  @Override
  public String group() {
    return "store";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    Path dir = Files.createTempDirectory("bench-store-");
    try {
      IssueSamples samples = fetchSamples(context, Math.min(1_000, context.scale.storeIssues));
      List<Row> rows = new ArrayList<>(upserts(context, dir, samples));
      rows.addAll(pagedRead(context, dir));
      return rows;
    } finally {
      ChildProcesses.deleteTree(dir);
    }
  }

  /** Fetches real generated issues (fields *all, changelog) from a small fake site once. */
  static IssueSamples fetchSamples(Context context, int count) throws Exception {
    IssueSamples samples = new IssueSamples();
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(FakeSession.dataset(count)).build().start()) {
      OkHttpClient http = new OkHttpClient.Builder().build();
      FakeSession session = FakeSession.connect(fake, http);
      SiteData data = fake.data();
      Map<String, Long> perProject = new HashMap<>();
      for (String key : data.projectKeys()) perProject.put(key, data.issueCount(key));
      new RawIssueFetcher(http, fake.apiBaseUrl(), session.connection.cloudId(), session.accessToken())
          .walk(data.projectKeys(), PAGE, 1, perProject, samples::add);
      http.connectionPool().evictAll();
      http.dispatcher().executorService().shutdown();
    }
    context.progress("store: %d sample issues from the testkit, %,d bytes of JSON on average", samples.size(),
        samples.averageJsonBytes());
    return samples;
  }

  private List<Row> upserts(Context context, Path dir, IssueSamples samples) throws Exception {
    int n = context.scale.storeIssues / PAGE * PAGE;
    context.progress("store: %,d issues in pages of %d, SqliteStore and bare sqlite-jdbc interleaved", n, PAGE);
    long storeInsertNanos = 0;
    long bareNanos = 0;
    long storeReupsertNanos = 0;
    long unchanged = 0;
    long created = 0;
    try (SqliteStore store = SqliteStore.open(dir.resolve("store.db"));
        Connection bare = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bare.db"))) {
      try (Statement s = bare.createStatement()) {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
        s.execute(BARE_TABLE);
        for (String index : BARE_INDEXES) s.execute(index);
      }
      bare.setAutoCommit(false);
      String syncedAt = Instant.now().toString();
      // Warm-up pages (not counted) on a different connection id, for both paths.
      for (int p = 0; p < 5; p++) {
        store.commitPage("warm-up", page(samples, p + n / PAGE, PAGE));
        bareInsert(bare, samples, "warm-up", (p + n / PAGE) * PAGE, syncedAt);
      }
      try (PreparedStatement ps = bare.prepareStatement(BARE_INSERT)) {
        for (int p = 0; p < n / PAGE; p++) {
          SyncPage page = page(samples, p, PAGE);
          List<Object[]> bareRows = new ArrayList<>(PAGE);
          for (int i = p * PAGE; i < (p + 1) * PAGE; i++) bareRows.add(samples.bareRow(CONNECTION, i, syncedAt));
          if (p % 2 == 0) {
            storeInsertNanos += timeCommit(store, page);
            bareNanos += timeBare(bare, ps, bareRows);
          } else {
            bareNanos += timeBare(bare, ps, bareRows);
            storeInsertNanos += timeCommit(store, page);
          }
        }
      }
      context.progress("store: re-upserting the same %,d issues unchanged", n);
      for (int p = 0; p < n / PAGE; p++) {
        SyncPage page = page(samples, p, PAGE);
        long t0 = System.nanoTime();
        PageResult r = store.commitPage(CONNECTION, page);
        storeReupsertNanos += System.nanoTime() - t0;
        unchanged += r.total().unchanged();
      }
      created = store.count(CONNECTION, Entity.ISSUES);
    }
    double storeRate = n / (storeInsertNanos / 1e9);
    double bareRate = n / (bareNanos / 1e9);
    double reRate = n / (storeReupsertNanos / 1e9);
    double ratio = storeRate / bareRate;
    String count = Fmt.count(n);
    return List.of(
        Row.checked("store", "SqliteStore.commitPage, " + count + " new issues in pages of 100 ("
            + Fmt.decimal(samples.averageJsonBytes() / 1024.0, 1) + " KiB JSON each)", Fmt.perSecond(storeRate, "issues"),
            "bare sqlite-jdbc batch insert " + Fmt.perSecond(bareRate, "issues"), Fmt.percent(ratio), "≥ 70 %",
            ratio >= 0.70 && created == n),
        Row.checked("store", "re-upsert of the same " + count + " issues, unchanged (" + Fmt.count(unchanged)
            + " counted unchanged)", Fmt.perSecond(reRate, "issues"), "first upsert (same run) "
            + Fmt.perSecond(storeRate, "issues"), Fmt.ratio(storeReupsertNanos / (double) storeInsertNanos)
            + " of the time", "≤ 1.00× the time", storeReupsertNanos <= storeInsertNanos && unchanged == n));
  }

  static SyncPage page(IssueSamples samples, int p, int size) {
    List<SyncRecord> records = new ArrayList<>(size);
    for (int i = p * size; i < (p + 1) * size; i++) records.add(samples.record(i));
    return SyncPage.of(records, new Checkpoint("issues", "BEN", "{\"page\":" + p + "}", IssueSamples.BASE));
  }

  private static long timeCommit(SqliteStore store, SyncPage page) {
    long t0 = System.nanoTime();
    store.commitPage(CONNECTION, page);
    return System.nanoTime() - t0;
  }

  static long timeBare(Connection c, PreparedStatement ps, List<Object[]> rows) throws SQLException {
    long t0 = System.nanoTime();
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) ps.setObject(i + 1, row[i]);
      ps.addBatch();
    }
    ps.executeBatch();
    c.commit();
    return System.nanoTime() - t0;
  }

  private static void bareInsert(Connection c, IssueSamples samples, String connection, int from, String syncedAt)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(BARE_INSERT)) {
      List<Object[]> rows = new ArrayList<>();
      for (int i = from; i < from + PAGE; i++) rows.add(samples.bareRow(connection, i, syncedAt));
      timeBare(c, ps, rows);
    }
  }

  /**
   * Fills the store's issue table with {@code rows} small rows (split over two connections) through plain
   * JDBC, then times {@code SqliteStore.records} pages of 100 at the start, middle and end of one connection,
   * next to the same reads in a table a hundred times smaller.
   */
  private List<Row> pagedRead(Context context, Path dir) throws Exception {
    int big = context.scale.storeReadRows;
    int small = Math.max(1_000, big / 100);
    context.progress("store: paged read by updated, %,d-row table vs %,d-row table", big, small);
    long[] bigNanos = readLatency(dir.resolve("read-big.db"), big);
    long[] smallNanos = readLatency(dir.resolve("read-small.db"), small);
    long bigWorst = Math.max(bigNanos[0], Math.max(bigNanos[1], bigNanos[2]));
    long smallWorst = Math.max(smallNanos[0], Math.max(smallNanos[1], smallNanos[2]));
    double ratio = bigWorst / (double) smallWorst;
    return List.of(Row.checked("store", "SqliteStore.records, a page of 100 by updated at the start / middle / end"
        + " of one connection, " + Fmt.count(big) + " rows in the table (median each)", positions(bigNanos),
        Fmt.count(small) + " rows: " + positions(smallNanos), Fmt.ratio(ratio) + " (slowest)",
        "≤ 2× (O(page), not O(table))", ratio <= 2.0));
  }

  private static String positions(long[] nanos) {
    return Fmt.micros(nanos[0]) + " / " + Fmt.micros(nanos[1]) + " / " + Fmt.micros(nanos[2]);
  }

  private static long[] readLatency(Path file, int rows) throws Exception {
    SqliteStore.open(file).close(); // creates the schema
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = OFF");
      }
      c.setAutoCommit(false);
      String now = Instant.now().toString();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO jira_issues (connection_id, id, parent_id,"
          + " updated, issue_key, raw_json, columns_json, content_hash, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < rows; i++) {
          String conn = i % 2 == 0 ? CONNECTION : "other-connection";
          ps.setString(1, conn);
          ps.setString(2, Long.toString(1_000_000L + i));
          ps.setString(3, "10000");
          ps.setString(4, IssueSamples.BASE.plusSeconds(i).toString().replace("Z", ".000000000Z"));
          ps.setString(5, "BEN-" + i);
          ps.setString(6, "{\"id\":\"" + (1_000_000L + i) + "\"}");
          ps.setString(7, "{}");
          ps.setString(8, "0".repeat(64));
          ps.setString(9, now);
          ps.addBatch();
          if (i % 10_000 == 9_999) {
            ps.executeBatch();
            c.commit();
          }
        }
        ps.executeBatch();
        c.commit();
      }
    }
    try (SqliteStore store = SqliteStore.open(file)) {
      int[] positions = {0, rows / 2, rows - 400};
      // Warm-up, then measure each position several times.
      long[][] samples = new long[positions.length][10];
      for (int round = 0; round < 12; round++) {
        for (int k = 0; k < positions.length; k++) {
          int pos = positions[k];
          int even = pos - pos % 2;
          RecordCursor after = even == 0 ? null
              : new RecordCursor(IssueSamples.BASE.plusSeconds(even), Long.toString(1_000_000L + even));
          long t0 = System.nanoTime();
          RecordPage page = store.records(CONNECTION, Entity.ISSUES, after, 100, false);
          long elapsed = System.nanoTime() - t0;
          if (page.items().size() != 100 && pos != rows - 400) {
            throw new IllegalStateException("expected a full page, got " + page.items().size());
          }
          if (round >= 2) samples[k][round - 2] = elapsed;
        }
      }
      long[] medians = new long[positions.length];
      for (int k = 0; k < positions.length; k++) medians[k] = new Stats(samples[k]).median();
      return medians;
    }
  }
}
