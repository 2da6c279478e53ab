package dev.jirasdk.examples;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.store.sqlite.SqliteStore;
import dev.jirasdk.sync.Counts;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.JiraSync;
import dev.jirasdk.sync.RateGovernor;
import dev.jirasdk.sync.SyncEvent;
import dev.jirasdk.sync.SyncListener;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.SiteData;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Example 4: mirror a site into SQLite, full then incremental, with a progress bar; then ask the file a question
 * in plain SQL: how many open issues does each person have?
 *
 * <p>{@link SqliteStore} is the sync's {@code SyncStore}: each page of issues is committed with its checkpoint,
 * so an interrupted run resumes where it stopped, and the second run reads only what changed since the first.
 * The tables are ordinary SQLite tables ({@code jira_issues}, {@code jira_users}, ... see {@code docs/store.md}),
 * readable with any SQLite client while the SDK writes.
 *
 * <p>Run: {@code java -cp examples/target/examples.jar dev.jirasdk.examples.SyncToSqliteExample}
 * (after {@code mvn -B -q -DskipTests package})
 * (writes {@code jira-sync.db}, or the path given as first argument; offline by default, see
 * {@link ExampleEnvironment} for real Atlassian).
 */
public final class SyncToSqliteExample {
  /** Only what the question needs: projects, users and issues. {@code SyncRequest.full()} mirrors everything. */
  static final Entity[] STREAMS = {Entity.PROJECTS, Entity.USERS, Entity.ISSUES};

  /** The two runs and the answer to the SQL question, by assignee's display name. */
  public record Result(SyncRun full, SyncRun incremental, Map<String, Long> openIssuesPerAssignee) {}

  private SyncToSqliteExample() {}

  public static void main(String[] args) {
    Path db = Path.of(args.length > 0 ? args[0] : "jira-sync.db").toAbsolutePath();
    try (ExampleEnvironment env = ExampleEnvironment.fromEnvironment(System.getenv(),
        ExampleEnvironment.DEFAULT_REDIRECT_URI)) {
      AtlassianOAuth oauth = env.oauth().build();
      SiteConnection connection = env.connection(oauth);
      // Offline, make some changes between the runs so the incremental one has something to find.
      Runnable meanwhile = env.isSandbox() ? () -> changeSomeIssues(env.fake(), connection.cloudId()) : () -> {};
      RateGovernor governor = env.isSandbox()
          // The simulated Jira runs on its own clock: waits advance it instead of sleeping.
          ? RateGovernor.builder().clock(env.fake().clock()).sleeper(env.fake().clock()::advance).build()
          : RateGovernor.create();
      run(oauth, connection.id(), db, env.clock(), governor, meanwhile, System.out);
    }
  }

  /** Full sync, {@code meanwhile}, incremental sync, then the SQL query; prints as it goes. */
  public static Result run(AtlassianOAuth oauth, String connectionId, Path db, Clock clock,
      RateGovernor governor, Runnable meanwhile, PrintStream out) {
    ProgressBar bar = new ProgressBar(out);
    SyncRun full;
    SyncRun incremental;
    try (SqliteStore store = SqliteStore.builder().path(db).build();
        JiraSync sync = JiraSync.builder()
            .clients(oauth::jiraClient)          // a JiraClient per connection: fresh tokens, retries
            .store(store)
            .rateGovernor(governor)              // one per process, shared by every connection
            .clock(clock)                        // the time Jira's timestamps are compared with
            .parallelism(2)
            .listener(bar)
            .build()) {
      out.println("Full sync into " + db.getFileName());
      full = sync.sync(connectionId, SyncRequest.full().withStreams(STREAMS));
      report(out, full);

      meanwhile.run();

      out.println("Incremental sync");
      incremental = sync.sync(connectionId, SyncRequest.incremental().withStreams(STREAMS));
      report(out, incremental);
    }
    Map<String, Long> open = openIssuesPerAssignee(db, connectionId);
    out.println("Open issues per assignee:");
    open.forEach((who, n) -> out.printf("  %-28s %4d%n", who, n));
    return new Result(full, incremental, open);
  }

  /** Plain SQL over the synced tables, with the SQLite JDBC driver: nothing of the SDK is needed to read them. */
  public static Map<String, Long> openIssuesPerAssignee(Path db, String connectionId) {
    String sql = """
        SELECT coalesce(u.display_name, '(unassigned)') AS assignee, count(*) AS open_issues
        FROM jira_issues i
        LEFT JOIN jira_users u ON u.connection_id = i.connection_id AND u.id = i.assignee_account_id
        WHERE i.connection_id = ?
          AND i.deleted_at IS NULL
          AND coalesce(i.status_category, '') != 'done'
        GROUP BY assignee
        ORDER BY open_issues DESC, assignee
        """;
    Map<String, Long> result = new LinkedHashMap<>();
    try (java.sql.Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, connectionId);   // always bind values; never concatenate them into SQL
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) result.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("query failed on " + db + ": " + e.getMessage(), e);
    }
    return result;
  }

  private static void report(PrintStream out, SyncRun run) {
    Counts issues = run.counts(Entity.ISSUES);
    out.println(run.status() + " in " + run.requests() + " requests: issues " + issues.created() + " new, "
        + issues.updated() + " updated, " + issues.unchanged() + " unchanged, " + issues.deleted() + " deleted");
    run.errors().forEach(e -> out.println("  error: " + e.describe()));
  }

  /** Offline only: what colleagues might do in Jira between two syncs. */
  static void changeSomeIssues(FakeJiraCloud fake, String cloudId) {
    fake.clock().advance(Duration.ofMinutes(5));
    SiteData site = fake.data(cloudId);
    String project = site.projectKeys().get(0);
    site.editIssue(site.issueIds(project).get(0), "Renamed between the two syncs");
    site.editIssue(site.issueIds(project).get(1), "Also renamed between the two syncs");
    site.createIssue(project, "Created between the two syncs");
  }

  /**
   * Draws {@code [#####.....]  24/51 issues} on one terminal line, redrawn with a carriage return as pages of
   * issues are committed. The total is the run's estimate from {@code search/approximate-count}.
   */
  static final class ProgressBar implements SyncListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private long total = -1;
    private long done;

    ProgressBar(PrintStream out) {
      this.out = out;
    }

    @Override
    public synchronized void onEvent(SyncEvent event) {
      if (event instanceof SyncEvent.RunStarted started) {
        total = started.estimatedIssues();
        done = 0;
        draw();
      } else if (event instanceof SyncEvent.PageCommitted page && page.stream().equals(Entity.ISSUES.streamName())) {
        done += page.items();
        draw();
      } else if (event instanceof SyncEvent.RunFinished || event instanceof SyncEvent.RunFailed) {
        out.println();
      }
    }

    private void draw() {
      long max = Math.max(total, done);
      int filled = max <= 0 ? WIDTH : (int) (WIDTH * done / max);
      out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/"
          + (total < 0 ? "?" : Long.toString(max)) + " issues");
      out.flush();
    }
  }
}
