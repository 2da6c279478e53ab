package dev.jirasdk.benchmarks;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.InMemoryAccountStore;
import dev.jirasdk.auth.InMemoryPendingAuthorizationStore;
import dev.jirasdk.auth.InMemoryTokenStore;
import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.auth.TokenCipher;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * jira-auth-core: the per-request cost of {@code JiraClient} over a bare {@code OkHttpClient} on the same
 * loopback server, and many concurrent requests across a token expiry (single-flight refresh).
 */
final class AuthBenchmark implements Benchmark {
  private static final long EXPIRES_IN = 3600;
  private static final JiraRequest MYSELF = JiraRequest.get("rest/api/3/myself").build();

  @Override
  public String group() {
    return "auth";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (LoopbackAtlassian atlassian = new LoopbackAtlassian(EXPIRES_IN)) {
      OkHttpClient host = new OkHttpClient.Builder().build();
      OffsetClock clock = new OffsetClock();
      AtlassianOAuth oauth = AtlassianOAuth.builder()
          .clientId(LoopbackAtlassian.CLIENT_ID)
          .clientSecret(LoopbackAtlassian.CLIENT_SECRET)
          .redirectUri(LoopbackAtlassian.REDIRECT_URI)
          .scopes("read:jira-work", "read:jira-user")
          .authBaseUrl(atlassian.baseUrl())
          .apiBaseUrl(atlassian.baseUrl())
          .httpClient(host)
          .tokenCipher(TokenCipher.ephemeral())
          .tokenStore(new InMemoryTokenStore())
          .accountStore(new InMemoryAccountStore())
          .pendingAuthorizationStore(new InMemoryPendingAuthorizationStore())
          .clock(clock)
          .build();
      AuthorizationRequest start = oauth.startAuthorization("bench-session", "Bench");
      String state = HttpUrl.get(start.url()).queryParameter("state");
      Authorization authorization = oauth.completeAuthorization("bench-code", state, "bench-session");
      JiraClient jira = oauth.jiraClient(authorization.connections().get(0));
      // The bare client shares the host client's connection pool and dispatcher, as JiraClient does.
      OkHttpClient bare = host.newBuilder().build();
      Request bareRequest = new Request.Builder().url(jira.baseUrl().resolve("rest/api/3/myself")).build();

      rows.addAll(overhead(context, jira, bare, bareRequest));
      rows.addAll(concurrentExpiry(context, atlassian, clock, jira));
      host.dispatcher().executorService().shutdown();
      host.connectionPool().evictAll();
    }
    return rows;
  }

  private List<Row> overhead(Context context, JiraClient jira, OkHttpClient bare, Request bareRequest)
      throws IOException {
    int n = context.scale.overheadRequests;
    int block = Math.max(10, Math.min(200, n / 20));
    context.progress("auth: per-request overhead, %d requests per client after warm-up", n);
    // Warm-up: both paths, long enough for the JIT to compile the hot code.
    for (int i = 0; i < Math.min(n, 3000); i++) {
      bareCall(bare, bareRequest);
      jira.executeForString(MYSELF);
    }
    long[] bareNanos = new long[n];
    long[] jiraNanos = new long[n];
    // Interleave blocks so both clients see the same machine noise; alternate which goes first.
    for (int from = 0, round = 0; from < n; from += block, round++) {
      int to = Math.min(n, from + block);
      if (round % 2 == 0) {
        for (int i = from; i < to; i++) bareNanos[i] = bareCall(bare, bareRequest);
        for (int i = from; i < to; i++) jiraNanos[i] = jiraCall(jira);
      } else {
        for (int i = from; i < to; i++) jiraNanos[i] = jiraCall(jira);
        for (int i = from; i < to; i++) bareNanos[i] = bareCall(bare, bareRequest);
      }
    }
    Stats b = new Stats(bareNanos);
    Stats j = new Stats(jiraNanos);
    double ratio = (double) j.median() / b.median();
    String name = "JiraClient GET myself, median latency (" + Fmt.count(n) + " sequential requests, loopback)";
    return List.of(
        Row.checked("auth", name, Fmt.micros(j.median()), "bare OkHttp " + Fmt.micros(b.median()),
            Fmt.ratio(ratio), "≤ 1.10×", ratio <= 1.10),
        Row.info("auth", "JiraClient GET myself, p99 latency", Fmt.micros(j.p99()),
            "bare OkHttp " + Fmt.micros(b.p99()), Fmt.ratio((double) j.p99() / b.p99())));
  }

  private static long bareCall(OkHttpClient bare, Request request) throws IOException {
    long t0 = System.nanoTime();
    try (Response response = bare.newCall(request).execute()) {
      String body = response.body().string();
      if (response.code() != 200 || body.isEmpty()) throw new IOException("unexpected answer " + response.code());
    }
    return System.nanoTime() - t0;
  }

  private static long jiraCall(JiraClient jira) {
    long t0 = System.nanoTime();
    String body = jira.executeForString(MYSELF);
    long elapsed = System.nanoTime() - t0;
    if (body.isEmpty()) throw new IllegalStateException("empty myself");
    return elapsed;
  }

  private List<Row> concurrentExpiry(Context context, LoopbackAtlassian atlassian, OffsetClock clock,
      JiraClient jira) throws Exception {
    int n = context.scale.concurrentRequests;
    context.progress("auth: %d concurrent requests, fresh token then across an expiry", n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      burst(pool, n, jira); // warm-up: opens the connections and starts the threads
      long[] fresh = burst(pool, n, jira);
      int tokenRequestsBefore = atlassian.tokenRequests.get();
      long staleBefore = atlassian.staleTokenRequests.get();
      clock.advance(Duration.ofSeconds(EXPIRES_IN)); // every cached token is now past expiry − skew
      long[] acrossExpiry = burst(pool, n, jira);
      int tokenRequests = atlassian.tokenRequests.get() - tokenRequestsBefore;
      long stale = atlassian.staleTokenRequests.get() - staleBefore;
      Stats f = new Stats(fresh);
      Stats e = new Stats(acrossExpiry);
      String count = Fmt.count(n);
      return List.of(
          Row.checked("auth", count + " concurrent requests across a token expiry: token requests",
              tokenRequests + " (requests with an old token: " + stale + ")", "-", "-", "exactly 1",
              tokenRequests == 1 && stale == 0),
          Row.info("auth", count + " concurrent requests that waited for the refresh, p50 latency",
              Fmt.millis(e.median()), "same burst, fresh token " + Fmt.millis(f.median()),
              Fmt.ratio((double) e.median() / f.median())),
          Row.info("auth", count + " concurrent requests that waited for the refresh, p99 latency",
              Fmt.millis(e.p99()), "same burst, fresh token " + Fmt.millis(f.p99()),
              Fmt.ratio((double) e.p99() / f.p99())));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Releases {@code n} requests at once; returns each one's latency from the release. */
  private static long[] burst(ExecutorService pool, int n, JiraClient jira) throws Exception {
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Long>> futures = new ArrayList<>(n);
    long[] released = new long[1];
    for (int i = 0; i < n; i++) {
      Callable<Long> task = () -> {
        ready.countDown();
        go.await();
        jira.executeForString(MYSELF);
        return System.nanoTime();
      };
      futures.add(pool.submit(task));
    }
    ready.await();
    released[0] = System.nanoTime();
    go.countDown();
    long[] latencies = new long[n];
    for (int i = 0; i < n; i++) latencies[i] = futures.get(i).get() - released[0];
    return latencies;
  }
}
