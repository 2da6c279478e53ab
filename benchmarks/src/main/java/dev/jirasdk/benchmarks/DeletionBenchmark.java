package dev.jirasdk.benchmarks;

import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.store.sqlite.SqliteStore;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.JiraSync;
import dev.jirasdk.sync.RateGovernor;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.JournalEntry;
import dev.jirasdk.testkit.MutableClock;
import dev.jirasdk.testkit.SiteData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import okhttp3.OkHttpClient;

/**
 * jira-sync-core's deletion detection: the points one incremental run spends finding deleted issues on a site of
 * {@code syncIssues} issues (one project, the worst case for a per-project check) with 0, 10 and 1,000 issues
 * deleted since the previous run, next to the points of the full id census of the same site measured in the same
 * run. The points are the fake's, from its request journal: the range counts, range censuses and bulkfetch
 * confirmations the run sent after its issue pass's page.
 */
final class DeletionBenchmark implements Benchmark {
  @Override
  public String group() {
    return "deletions";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    int issues = context.syncIssues;
    int[] deletions = {0, 10, Math.min(1_000, issues / 10)};
    Path dir = Files.createTempDirectory("bench-deletions-");
    Dataset dataset = Dataset.builder().sites(1).projects(1).archivedProjects(0).issuesPerProject(issues).users(20)
        .groups(2).build();
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(dataset).journalLimit(1_000_000).build().start();
        SqliteStore store = SqliteStore.open(dir.resolve("deletions.db"))) {
      MutableClock clock = fake.clock();
      OkHttpClient http = new OkHttpClient.Builder().build();
      FakeSession session = FakeSession.connect(fake, http, TokenCipher.ephemeral(), store, store, store);
      String conn = session.connection.id();
      RateGovernor governor = RateGovernor.builder().clock(clock).sleeper(clock::advance).build();
      JiraSync.Builder base = JiraSync.builder().clients(session.oauth::jiraClient).store(store).rateGovernor(governor)
          .clock(clock).parallelism(1);
      SyncRequest issuesOnly = SyncRequest.incremental().withStreams(Entity.ISSUES);
      SiteData data = fake.data();
      String project = data.projectKeys().get(0);
      List<Row> rows = new ArrayList<>();
      try (JiraSync sync = base.build()) {
        context.progress("deletions: first sync of %,d issues (issues only) into SQLite", data.issueCount());
        SyncRun first = sync.sync(conn, SyncRequest.full().withStreams(Entity.ISSUES));
        if (!"SUCCEEDED".equals(first.status().name())) throw new IllegalStateException("first sync: " + first);
        List<String> ids = new ArrayList<>(data.issueIds(project));
        Collections.shuffle(ids, new Random(7));
        int next = 0;
        long[] spent = new long[deletions.length];
        long[] requests = new long[deletions.length];
        long[] tombstoned = new long[deletions.length];
        for (int i = 0; i < deletions.length; i++) {
          clock.advance(Duration.ofMinutes(10));
          for (int k = 0; k < deletions[i]; k++) data.deleteIssue(ids.get(next++));
          clock.advance(Duration.ofMinutes(2));
          fake.clearJournal();
          context.progress("deletions: incremental run after %,d deletions", deletions[i]);
          SyncRun run = sync.sync(conn, issuesOnly);
          long[] cost = afterPass(fake.journal());
          spent[i] = cost[0];
          requests[i] = cost[1];
          tombstoned[i] = run.counts(Entity.ISSUES).deleted();
        }
        // The safety net, same site, same run: an incremental run whose census is due and not capped.
        clock.advance(Duration.ofMinutes(10));
        fake.clearJournal();
        context.progress("deletions: full id census of %,d issues", data.issueCount());
        long census;
        long censusRequests;
        try (JiraSync censusing = base.censusInterval(Duration.ZERO).censusPointsCap(Long.MAX_VALUE).build()) {
          censusing.sync(conn, issuesOnly);
          long[] cost = afterPass(fake.journal());
          census = cost[0];
          censusRequests = cost[1];
        }
        String reference = "full id census " + Fmt.count(census) + " points (" + Fmt.count(censusRequests)
            + " requests)";
        for (int i = 0; i < deletions.length; i++) {
          boolean exact = tombstoned[i] == deletions[i];
          long perDeletion = deletions[i] == 0 ? spent[i] : spent[i] / deletions[i];
          String target = deletions[i] == 0 ? "≤ 1 point per project" : "≤ 100 points per deletion";
          boolean ok = exact && (deletions[i] == 0 ? spent[i] <= 1 : perDeletion <= 100);
          rows.add(Row.checked(group(), "deletion check in an incremental run, " + Fmt.count(issues)
                  + "-issue project, " + Fmt.count(deletions[i]) + " deleted since the last run",
              Fmt.count(spent[i]) + " points, " + Fmt.count(requests[i]) + " requests, " + Fmt.count(tombstoned[i])
                  + " tombstoned", reference, Fmt.decimal(100.0 * spent[i] / census, 2) + " % of the census", target,
              ok));
        }
      } finally {
        http.connectionPool().evictAll();
        http.dispatcher().executorService().shutdown();
      }
      return rows;
    } finally {
      ChildProcesses.deleteTree(dir);
    }
  }

  /**
   * Points and requests of deletion detection: with one project and one thread, the run lists projects, asks for
   * its estimates and reads its one page of changed issues (and the story-points field); every count, id search,
   * bulkfetch and {@code GET issue/{id}} after that page is deletion detection.
   */
  private static long[] afterPass(List<JournalEntry> journal) {
    long points = 0;
    long requests = 0;
    boolean passSeen = false;
    for (JournalEntry e : journal) {
      boolean search = e.path().endsWith("/rest/api/3/search/jql");
      if (!passSeen) {
        passSeen = search;
        continue;
      }
      // GET issue/{id}: the one question per vanished issue that tells an archived issue from a deleted one
      if (search || e.path().endsWith("/rest/api/3/search/approximate-count")
          || e.path().endsWith("/rest/api/3/issue/bulkfetch")
          || (e.method().equals("GET") && e.path().matches(".*/rest/api/3/issue/[^/]+"))) {
        points += e.points();
        requests++;
      }
    }
    return new long[] {points, requests};
  }
}
