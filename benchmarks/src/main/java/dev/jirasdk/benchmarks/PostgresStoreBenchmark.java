package dev.jirasdk.benchmarks;

import dev.jirasdk.store.postgres.PostgresStore;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncPage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * jira-store-postgres: {@code PostgresStore.commitPage} of issue pages of 100 (the store group's realistic JSON)
 * side by side with a bare pgjdbc batch insert of the same rows into a table of the same shape, in the same
 * database, pages alternating. Needs a server: the JDBC URL (with credentials) comes from
 * {@code JIRA_TEST_PG_URL} or {@code -Djira.test.pg.url}, as for the module's tests; without one the row says
 * so and is not measured.
 */
final class PostgresStoreBenchmark implements Benchmark {
  private static final String NAME = "PostgresStore.commitPage vs a bare pgjdbc batch insert";

  /** The store's jira_issues in PostgreSQL types: same columns, primary key and indexes. */
  static final String BARE_TABLE = "CREATE TABLE bare_issues (connection_id text COLLATE \"C\" NOT NULL,"
      + " id text COLLATE \"C\" NOT NULL, parent_id text COLLATE \"C\", updated text COLLATE \"C\", issue_key text,"
      + " project_id text, project_key text, summary text, status text, status_category text, issue_type text,"
      + " priority text, assignee_account_id text, reporter_account_id text, created text COLLATE \"C\","
      + " resolution text, resolution_date text COLLATE \"C\", due_date text COLLATE \"C\", parent_issue_id text,"
      + " story_points double precision, labels jsonb, components jsonb, fix_versions jsonb, raw_json text NOT NULL,"
      + " columns_json text NOT NULL, content_hash text NOT NULL, synced_at text COLLATE \"C\" NOT NULL,"
      + " deleted_at text COLLATE \"C\", deleted_reason text, PRIMARY KEY (connection_id, id))";
  static final String[] BARE_INDEXES = {
    "CREATE INDEX bare_issues_by_updated ON bare_issues (connection_id, coalesce(updated, ''), id)",
    "CREATE INDEX bare_issues_live_by_parent ON bare_issues (connection_id, parent_id, id) WHERE deleted_at IS NULL"};
  /** The store group's insert, with the list columns cast to jsonb as the store's own upsert does. */
  static final String BARE_INSERT = "INSERT INTO bare_issues (connection_id, id, parent_id, updated, issue_key,"
      + " project_id, project_key, summary, status, status_category, issue_type, priority, assignee_account_id,"
      + " reporter_account_id, created, resolution, resolution_date, due_date, parent_issue_id, story_points,"
      + " labels, components, fix_versions, raw_json, columns_json, content_hash, synced_at)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?)";

  @Override
  public String group() {
    return "postgres";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    String url = System.getProperty("jira.test.pg.url", System.getenv("JIRA_TEST_PG_URL"));
    if (url == null || url.isBlank()) {
      return List.of(Row.notAvailable("postgres", NAME, "no PostgreSQL server; set JIRA_TEST_PG_URL to"
          + " jdbc:postgresql://host:port/db?user=...&password=... (see docs/performance.md)"));
    }
    int n = Math.max(StoreBenchmark.PAGE, context.scale.storeIssues / 5 / StoreBenchmark.PAGE * StoreBenchmark.PAGE);
    IssueSamples samples = StoreBenchmark.fetchSamples(context, Math.min(1_000, n));
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    try {
      Row commit = commitPage(context, url, schema, samples, n);
      return List.of(commit, PostgresInstancesBenchmark.run(context, url));
    } finally {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static Row commitPage(Context context, String url, String schema, IssueSamples samples, int n)
      throws Exception {
    int pages = n / StoreBenchmark.PAGE;
    context.progress("postgres: %,d issues in pages of %d, PostgresStore and bare pgjdbc interleaved", n,
        StoreBenchmark.PAGE);
    long storeNanos = 0;
    long bareNanos = 0;
    long created;
    // The bare side lets the driver send its batch as multi-row INSERTs, its fastest way to insert a batch; the
    // store sends one multi-row upsert statement per page of an entity.
    try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).schema(schema).build();
        Connection bare = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?")
            + "reWriteBatchedInserts=true")) {
      bare.setSchema(schema);
      try (Statement s = bare.createStatement()) {
        s.execute(BARE_TABLE);
        for (String index : BARE_INDEXES) s.execute(index);
      }
      bare.setAutoCommit(false);
      String syncedAt = Instant.now().toString();
      try (PreparedStatement ps = bare.prepareStatement(BARE_INSERT)) {
        for (int p = 0; p < 5; p++) { // warm-up pages (not counted) on another connection id, both paths
          store.commitPage("warm-up", StoreBenchmark.page(samples, pages + p, StoreBenchmark.PAGE));
          StoreBenchmark.timeBare(bare, ps, rows(samples, "warm-up", pages + p, syncedAt));
        }
        for (int p = 0; p < pages; p++) {
          SyncPage page = StoreBenchmark.page(samples, p, StoreBenchmark.PAGE);
          List<Object[]> bareRows = rows(samples, StoreBenchmark.CONNECTION, p, syncedAt);
          if (p % 2 == 0) {
            storeNanos += timeCommit(store, page);
            bareNanos += StoreBenchmark.timeBare(bare, ps, bareRows);
          } else {
            bareNanos += StoreBenchmark.timeBare(bare, ps, bareRows);
            storeNanos += timeCommit(store, page);
          }
        }
      }
      created = store.count(StoreBenchmark.CONNECTION, Entity.ISSUES);
    }
    double storeRate = n / (storeNanos / 1e9);
    double bareRate = n / (bareNanos / 1e9);
    double ratio = storeRate / bareRate;
    return Row.checked("postgres", "PostgresStore.commitPage, " + Fmt.count(n) + " new issues in pages of 100 ("
        + Fmt.decimal(samples.averageJsonBytes() / 1024.0, 1) + " KiB JSON each), loopback server",
        Fmt.perSecond(storeRate, "issues"), "bare pgjdbc batch insert " + Fmt.perSecond(bareRate, "issues"),
        Fmt.percent(ratio), "≥ 70 %", ratio >= 0.70 && created == n);
  }

  private static List<Object[]> rows(IssueSamples samples, String connection, int page, String syncedAt) {
    List<Object[]> out = new ArrayList<>(StoreBenchmark.PAGE);
    for (int i = page * StoreBenchmark.PAGE; i < (page + 1) * StoreBenchmark.PAGE; i++) {
      out.add(samples.bareRow(connection, i, syncedAt));
    }
    return out;
  }

  private static long timeCommit(PostgresStore store, SyncPage page) {
    long t0 = System.nanoTime();
    store.commitPage(StoreBenchmark.CONNECTION, page);
    return System.nanoTime() - t0;
  }
}
