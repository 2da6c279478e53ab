package dev.jirasdk.benchmarks;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.store.sqlite.SqliteStore;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.JiraSync;
import dev.jirasdk.sync.RateGovernor;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;

/**
 * The child JVM of the sync benchmark (started with {@code -Xmx256m}): runs one of
 * <ul>
 *   <li>{@code raw}: walks every project's {@code search/jql} pages with a bare OkHttp client and parses them
 *       (the raw fetch limit), storing nothing;</li>
 *   <li>{@code full} / {@code incremental}: a {@code JiraSync} run into the SQLite store;</li>
 *   <li>{@code ceiling}: the rows of the full sync written again with bare sqlite-jdbc ({@link BareStoreCeiling});
 *       the elapsed time reported is the inserts' only.</li>
 * </ul>
 * Arguments are {@code key=value}; results are printed as one {@code RESULT key=value ...} line.
 */
public final class SyncChild {
  private SyncChild() {}

  /** Entry point of the child JVM. */
  public static void main(String[] args) throws Exception {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    Clock clock = new StartingAtClock(Instant.parse(a.get("now")));
    TokenCipher cipher = TokenCipher.of("bench", a.get("key"));
    int threads = Integer.parseInt(a.get("threads"));
    Heap.resetPeaks();
    try (SqliteStore store = SqliteStore.open(Path.of(a.get("db")))) {
      OkHttpClient http = new OkHttpClient.Builder().build();
      AtlassianOAuth oauth = AtlassianOAuth.builder()
          .clientId(a.get("clientId")).clientSecret(a.get("clientSecret")).redirectUri(a.get("redirectUri"))
          .authBaseUrl(a.get("base")).apiBaseUrl(a.get("base")).httpClient(http).clock(clock)
          .tokenCipher(cipher).tokenStore(store).accountStore(store).pendingAuthorizationStore(store)
          .scopes(FakeSession.SCOPES).build();
      SiteConnection connection = store.connection(a.get("connection")).orElseThrow();
      String mode = a.get("mode");
      long t0 = System.nanoTime();
      long elapsed;
      String result;
      if (mode.equals("raw")) {
        List<String> projects = Arrays.asList(a.get("projects").split(","));
        AtomicLong parsed = new AtomicLong();
        RawIssueFetcher.Walk walk = new RawIssueFetcher(http, a.get("base"), connection.cloudId(),
            oauth.tokens().accessToken(connection.grantId())).walk(projects, 100, threads, Map.of(),
                issue -> parsed.incrementAndGet());
        elapsed = System.nanoTime() - t0;
        result = "issues=" + walk.issues() + " pages=" + walk.pages();
      } else if (mode.equals("ceiling")) {
        BareStoreCeiling.Result r = BareStoreCeiling.run(store, connection.id(), Path.of(a.get("bareDb")),
            store.count(connection.id(), Entity.ISSUES));
        elapsed = r.nanos();
        result = "rows=" + r.rows();
      } else {
        RateGovernor governor = RateGovernor.create();
        SyncRun run;
        try (JiraSync sync = JiraSync.builder().clients(oauth::jiraClient).store(store).rateGovernor(governor)
            .clock(clock).parallelism(threads).build()) {
          run = sync.sync(connection.id(), mode.equals("full") ? SyncRequest.full() : SyncRequest.incremental());
        }
        elapsed = System.nanoTime() - t0;
        // Checked after the clock stops: counting live rows reads the whole table.
        long changed = run.counts(Entity.ISSUES).changed();
        result = "status=" + run.status() + " errors=" + run.errors().size() + " requests=" + run.requests()
            + " points=" + run.points() + " issuesSeen=" + run.counts(Entity.ISSUES).seen() + " issuesChanged="
            + changed + " stored=" + store.count(connection.id(), Entity.ISSUES) + " comments="
            + store.count(connection.id(), Entity.COMMENTS) + " changelogs="
            + store.count(connection.id(), Entity.CHANGELOGS)
            + (run.errors().isEmpty() ? "" : " firstError=" + run.errors().get(0).toString().replace(' ', '_'));
      }
      System.out.println("RESULT elapsedNanos=" + elapsed + " peakHeap=" + Heap.peakSinceReset() + " oldGenPeak=" + Heap.oldGenPeakSinceReset() + " maxHeap="
          + Runtime.getRuntime().maxMemory() + " " + result);
      http.connectionPool().evictAll();
      http.dispatcher().executorService().shutdown();
    }
    System.exit(0);
  }

  /** A clock that starts at the fake's time and runs at real speed. */
  static final class StartingAtClock extends Clock {
    private final Instant start;
    private final long startNanos = System.nanoTime();

    StartingAtClock(Instant start) {
      this.start = start;
    }

    @Override
    public Instant instant() {
      return start.plus(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
