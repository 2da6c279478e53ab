package dev.jirasdk.benchmarks;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.sync.InMemoryQuotaLedger;
import dev.jirasdk.sync.InMemorySyncStore;
import dev.jirasdk.sync.JiraSync;
import dev.jirasdk.sync.RateGovernor;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.JournalEntry;
import dev.jirasdk.testkit.MutableClock;
import dev.jirasdk.testkit.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Points-quota utilisation: full syncs of {@value #SITES} sites at once, all spending one app-wide quota
 * ({@code global-app-quota}, Tier 1) that is about 40 % of what they need, on the fake's clock
 * (every wait of the client and the rate governor advances it, so hours pass instantly), with Jira's header
 * defects on ({@code t} three minutes early, no Policy header at r=0, a Reset in the past). One governor for the
 * process, as documented, pacing against its ledger with the whole budget (no interactive traffic here, so
 * {@code budgetShare(1.0)}). From the fake's request journal: the points spent in each completed hour window
 * divided by the budget (each hour must reach 90 %), and the 429s whose reason is the quota (at most one per
 * hour in total: pacing keeps the syncs under the limit instead of collecting refusals).
 */
final class QuotaBenchmark implements Benchmark {
  static final int SITES = 3;
  /** Jira's observed defects are on: {@code t} three minutes early, no Policy at r=0, a Reset in the past. */
  static final Duration RESET_SKEW = Duration.ofMinutes(-3);
  /**
   * Below this the hourly budget would hold only a handful of 100-issue pages, far from Jira's (65,000 points
   * against pages of about 100): each hour would end with a page that no longer fits.
   */
  static final int MIN_ISSUES = 3_500;

  @Override
  public String group() {
    return "quota";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    // The smoke scale only proves the row runs; its budget is too small to be measured against the target.
    int issues = context.scale == Scale.SMOKE ? context.scale.quotaIssues : Math.max(MIN_ISSUES, context.scale.quotaIssues);
    return List.of(run(context, issues));
  }

  static Dataset dataset(int issues) {
    int perSite = Math.max(100, issues / SITES);
    int projects = perSite >= 1_000 ? 4 : 2;
    return Dataset.builder().sites(SITES).projects(projects).issuesPerProject(perSite / projects).users(50)
        .groups(6).heavyIssueEvery(FakeSession.HEAVY_ISSUE_EVERY).build();
  }

  static Row run(Context context, int issues) throws Exception {
    long budget = Math.round(issues * 1.3 / 2.5); // about two and a half hours of budget
    context.progress("sync: %d sites sharing an app-wide quota of %,d/hour, full syncs of %,d issues on the fake's"
        + " clock", SITES, budget, issues);
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(dataset(issues))
        .rateLimits(RateLimits.builder().pointsPerHour(budget).quotaMode(RateLimits.QuotaMode.APP_WIDE)
            .policyMissingWhenSpent(true).resetSkew(RESET_SKEW).resetInThePast(true).build())
        .build().start()) {
      MutableClock clock = fake.clock();
      OkHttpClient http = new OkHttpClient.Builder().build();
      AtlassianOAuth oauth = AtlassianOAuth.builder()
          .clientId(fake.clientId()).clientSecret(fake.clientSecret()).redirectUri(fake.redirectUri())
          .authBaseUrl(fake.authBaseUrl()).apiBaseUrl(fake.apiBaseUrl()).httpClient(http)
          .tokenCipher(TokenCipher.ephemeral()).inMemoryStores().clock(clock).sleeper(clock::advance).scopes(FakeSession.SCOPES)
          .build();
      AuthorizationRequest r = oauth.startAuthorization();
      HttpUrl callback = HttpUrl.get(fake.approve(r.url(), fake.users().get(0).accountId()));
      Authorization a = oauth.completeAuthorization(callback.queryParameter("code"),
          callback.queryParameter("state"));
      List<SiteConnection> sites = a.connections();
      if (sites.size() != SITES) throw new IllegalStateException("expected " + SITES + " sites, got " + sites);
      RateGovernor governor = RateGovernor.builder().clock(clock).sleeper(clock::advance)
          .ledger(new InMemoryQuotaLedger()).budgetShare(1.0).build();
      fake.clearJournal();
      List<SyncRun> runs = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(SITES);
      try (JiraSync sync = JiraSync.builder().clients(oauth::jiraClient).store(new InMemorySyncStore(clock))
          .rateGovernor(governor).clock(clock).parallelism(JiraSyncDefaults.PARALLELISM).build()) {
        List<Future<SyncRun>> futures = new ArrayList<>();
        for (SiteConnection site : sites) futures.add(pool.submit(() -> sync.sync(site.id(), SyncRequest.full())));
        for (Future<SyncRun> f : futures) runs.add(f.get());
      } finally {
        pool.shutdownNow();
      }
      http.connectionPool().evictAll();
      http.dispatcher().executorService().shutdown();
      Map<Instant, Long> perHour = new TreeMap<>();
      Map<Instant, Long> refusalsPerHour = new TreeMap<>();
      long quota429 = 0;
      long other429 = 0;
      for (JournalEntry e : fake.journal()) {
        if (e.path().startsWith("/oauth/")) continue;
        Instant hour = e.at().truncatedTo(ChronoUnit.HOURS);
        perHour.putIfAbsent(hour, 0L);
        if (e.status() == 429) {
          // The journal keeps no headers: a 429 in a spent hour is the quota's, any other is the burst's.
          if (perHour.get(hour) >= budget) {
            quota429++;
            refusalsPerHour.merge(hour, 1L, Long::sum);
          } else {
            other429++;
          }
          continue;
        }
        perHour.merge(hour, e.points(), Long::sum);
      }
      // Completed windows: every hour but the one the syncs finished in.
      List<Long> windows = List.copyOf(perHour.values());
      int completed = Math.max(0, windows.size() - 1);
      double worst = 1;
      long used = 0;
      for (int i = 0; i < completed; i++) {
        used += windows.get(i);
        worst = Math.min(worst, windows.get(i) / (double) budget);
      }
      long maxRefusals = refusalsPerHour.values().stream().mapToLong(Long::longValue).max().orElse(0);
      boolean ok = runs.stream().allMatch(x -> x.status().name().equals("SUCCEEDED")) && completed > 0;
      Instant start = runs.stream().map(SyncRun::startedAt).min(Instant::compareTo).orElseThrow();
      Instant end = runs.stream().map(SyncRun::finishedAt).max(Instant::compareTo).orElseThrow();
      String figure = completed == 0 ? "syncs fit in one window"
          : "lowest hour " + Fmt.percent(worst) + ", mean " + Fmt.percent(used / (double) (budget * completed))
              + " of " + completed + " full hour(s); " + quota429 + " quota 429 (most in one hour " + maxRefusals
              + "), " + other429 + " burst 429; " + Fmt.decimal(Duration.between(start, end).toMinutes() / 60.0, 1)
              + " h on the fake's clock" + (ok ? "" : " [statuses " + runs.stream().map(SyncRun::status).toList() + "]");
      return Row.checked("quota", SITES + " sites sharing an app-wide points quota of " + Fmt.count(budget)
          + "/hour, full syncs of " + Fmt.count(issues) + " issues: budget used per completed hour", figure,
          "quota " + Fmt.count(budget) + " points/hour for all sites", "-", "≥ 90 % each hour, ≤ 1 quota 429 per hour",
          ok && worst >= 0.9 && maxRefusals <= 1);
    }
  }
}
