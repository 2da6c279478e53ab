package dev.jirasdk.benchmarks;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.SiteData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * jira-testkit: generating a site of N issues (time and heap), and the rate at which the fake serves
 * {@code search/jql} pages on loopback to a bare OkHttp client that discards the bodies.
 */
final class TestkitBenchmark implements Benchmark {
  static final String SERVED_RATE = "testkit.servedIssuesPerSecond";

  @Override
  public String group() {
    return "testkit";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    int n = context.scale.testkitIssues;
    List<Row> rows = new ArrayList<>();
    Dataset dataset = FakeSession.dataset(n);
    // Warm the generator on a small site so the figure is not mostly class loading and JIT.
    FakeJiraCloud.builder().dataset(FakeSession.dataset(Math.min(n, 2_000))).build().close();
    long before = Heap.retainedAfterGc();
    Heap.resetPeaks();
    context.progress("testkit: generating %s", dataset);
    long t0 = System.nanoTime();
    FakeJiraCloud fake = FakeJiraCloud.builder().dataset(dataset).build();
    long elapsed = System.nanoTime() - t0;
    long peak = Heap.peakSinceReset();
    long retained = Heap.retainedAfterGc() - before;
    long issues = fake.data().issueCount();
    String size = Fmt.count(issues) + "-issue site";
    rows.add(Row.checked("testkit", "generate a " + size + ", time", Fmt.seconds(elapsed), "-", "-",
        "< 5 s", elapsed < 5_000_000_000L));
    rows.add(Row.checked("testkit", "generate a " + size + ", heap retained after GC (peak during)",
        Fmt.mib(retained) + " (" + Fmt.mib(peak) + ")", "-", "-", "< 1 GiB",
        Math.max(retained, 0) < 1024L * 1024 * 1024));
    try {
      fake.start();
      OkHttpClient http = new OkHttpClient.Builder().build();
      FakeSession session = FakeSession.connect(fake, http);
      SiteData data = fake.data();
      Map<String, Long> perProject = new HashMap<>();
      for (String key : data.projectKeys()) perProject.put(key, data.issueCount(key));
      RawIssueFetcher fetcher = new RawIssueFetcher(http, fake.apiBaseUrl(), session.connection.cloudId(),
          session.accessToken());
      // Warm-up on the first project, then serve 30 % of the site (a rate; the whole site adds only time).
      List<String> keys = data.projectKeys();
      fetcher.walk(keys.subList(0, 1), 100, 1, perProject, null);
      List<String> served = new ArrayList<>();
      long toServe = 0;
      for (String key : keys.subList(1, keys.size())) {
        if (toServe >= issues * 3 / 10) break;
        served.add(key);
        toServe += perProject.get(key);
      }
      context.progress("testkit: serving %,d issues as search/jql pages to a bare client (2 threads, bodies discarded)",
          toServe);
      long s0 = System.nanoTime();
      RawIssueFetcher.Walk walk = fetcher.walk(served, 100, 2, perProject, null);
      long servedNanos = System.nanoTime() - s0;
      double rate = walk.issues() / (servedNanos / 1e9);
      context.record(SERVED_RATE, rate);
      rows.add(Row.info("testkit", "search/jql pages served on loopback (" + Fmt.count(walk.issues())
          + " issues of the site, fields *all, changelog; bare client, bodies discarded, 2 threads)", Fmt.perSecond(rate, "issues") + ", "
          + Fmt.decimal(walk.bytes() / (double) walk.issues() / 1024, 1) + " KiB/issue", "-", "-"));
      http.connectionPool().evictAll();
      http.dispatcher().executorService().shutdown();
    } finally {
      fake.close();
    }
    return rows;
  }
}
