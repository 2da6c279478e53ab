package dev.jirasdk.benchmarks;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.store.postgres.PostgresStore;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.JiraSync;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.sync.SyncAlreadyRunningException;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * jira-store-postgres and sync claims: full syncs of four connections (four sites of the fake) by one instance and
 * by two instances on one PostgreSQL database, side by side in one run. An instance is a {@link JiraSync} with its
 * own {@link PostgresStore} (its own pool) and two workers, as {@code SyncScheduler}'s default of two jobs at a
 * time; every worker walks all connections and syncs those nobody has claimed, so the second instance's share
 * comes from the claims alone. Each pass writes into a schema of its own; the one-instance pass runs before and after
 * the two-instance pass and its mean is the reference, so a warmer JVM favours neither side.
 */
final class PostgresInstancesBenchmark {
  static final String NAME = "full sync of 4 connections, two instances vs one";
  private static final int SITES = 4;
  private static final int WORKERS_PER_INSTANCE = 2;

  private PostgresInstancesBenchmark() {}

  static Row run(Context context, String url) throws Exception {
    int perSite = Math.max(100, context.syncIssues / 10 / SITES);
    Dataset dataset = Dataset.builder().sites(SITES).projects(2).issuesPerProject(perSite / 2).users(20).build();
    String one = schema();
    String two = schema();
    String oneAgain = schema();
    OkHttpClient http = new OkHttpClient();
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(dataset).build().start()) {
      AtlassianOAuth oauth = oauth(fake, http);
      List<SiteConnection> connections = connect(fake, oauth);
      context.progress("postgres: %d connections of %,d issues: one instance, two instances, one instance", SITES,
          perSite);
      long oneNanos = syncAll(url, one, 1, oauth, connections);
      long twoNanos = syncAll(url, two, 2, oauth, connections);
      oneNanos = (oneNanos + syncAll(url, oneAgain, 1, oauth, connections)) / 2;
      long expected = (long) SITES * fake.data(connections.get(0).cloudId()).issueCount();
      long storedOne = stored(url, one, connections);
      long storedTwo = stored(url, two, connections);
      storedOne = Math.min(storedOne, stored(url, oneAgain, connections));
      double speedup = (double) oneNanos / twoNanos;
      boolean exact = storedOne == expected && storedTwo == expected;
      return new Row("postgres", NAME + " (" + Fmt.count(expected) + " issues, loopback fake and server, "
          + Runtime.getRuntime().availableProcessors() + " cores)", "two instances " + Fmt.seconds(twoNanos), "one instance "
          + Fmt.seconds(oneNanos) + " (mean of a pass before and after)", Fmt.ratio(speedup) + " faster", "-",
          exact ? Row.Verdict.INFO : Row.Verdict.FAIL);
    } finally {
      http.dispatcher().executorService().shutdown();
      for (String schema : List.of(one, two, oneAgain)) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
    }
  }

  private static String schema() {
    return "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
  }

  private static AtlassianOAuth oauth(FakeJiraCloud fake, OkHttpClient http) {
    return AtlassianOAuth.builder()
        .clientId(fake.clientId()).clientSecret(fake.clientSecret()).redirectUri(fake.redirectUri())
        .authBaseUrl(fake.authBaseUrl()).apiBaseUrl(fake.apiBaseUrl()).httpClient(http)
        .tokenCipher(TokenCipher.ephemeral()).inMemoryStores().scopes(FakeSession.SCOPES).build();
  }

  /** Consents once; the grant reaches every site of the fake. */
  private static List<SiteConnection> connect(FakeJiraCloud fake, AtlassianOAuth oauth) {
    AuthorizationRequest r = oauth.startAuthorization();
    HttpUrl callback = HttpUrl.get(fake.approve(r.url(), fake.users().get(0).accountId()));
    Authorization a = oauth.completeAuthorization(callback.queryParameter("code"), callback.queryParameter("state"));
    if (a.connections().size() != SITES) throw new IllegalStateException("expected " + SITES + " connections");
    return a.connections();
  }

  /** Full syncs of every connection by {@code instances} instances; returns the wall time. */
  private static long syncAll(String url, String schema, int instances, AtlassianOAuth oauth,
      List<SiteConnection> connections) throws Exception {
    List<PostgresStore> stores = new ArrayList<>();
    List<JiraSync> syncs = new ArrayList<>();
    ExecutorService workers = Executors.newFixedThreadPool(instances * WORKERS_PER_INSTANCE);
    try {
      for (int i = 0; i < instances; i++) {
        PostgresStore store = PostgresStore.builder().jdbcUrl(url).schema(schema).build();
        stores.add(store);
        syncs.add(JiraSync.builder().clients(oauth::jiraClient).store(store).instanceId("bench-" + i)
            .parallelism(JiraSyncDefaults.PARALLELISM).build());
      }
      Set<String> done = ConcurrentHashMap.newKeySet();
      long t0 = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (JiraSync sync : syncs) {
        for (int w = 0; w < WORKERS_PER_INSTANCE; w++) {
          futures.add(workers.submit(() -> {
            for (SiteConnection c : connections) {
              if (done.contains(c.id())) continue;
              try {
                SyncRun run = sync.sync(c.id(), SyncRequest.full());
                if (run.status() != RunStatus.SUCCEEDED) {
                  throw new IllegalStateException("sync of " + c.id() + " ended " + run.status() + ": " + run.errors());
                }
                done.add(c.id());
              } catch (SyncAlreadyRunningException e) {
                // Claimed by another worker or instance: it is that one's.
              }
            }
            return null;
          }));
        }
      }
      for (Future<?> f : futures) f.get();
      long nanos = System.nanoTime() - t0;
      if (done.size() != connections.size()) throw new IllegalStateException("not every connection was synced");
      return nanos;
    } finally {
      workers.shutdownNow();
      syncs.forEach(JiraSync::close);
      stores.forEach(PostgresStore::close);
    }
  }

  private static long stored(String url, String schema, List<SiteConnection> connections) {
    try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).schema(schema).build()) {
      long n = 0;
      for (SiteConnection c : connections) n += store.count(c.id(), Entity.ISSUES);
      return n;
    }
  }
}
