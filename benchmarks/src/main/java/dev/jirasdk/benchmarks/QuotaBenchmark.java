package dev.jirasdk.benchmarks;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.sync.InMemorySyncStore;
import dev.jirasdk.sync.JiraSync;
import dev.jirasdk.sync.RateGovernor;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.JournalEntry;
import dev.jirasdk.testkit.MutableClock;
import dev.jirasdk.testkit.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Points-quota utilisation: a full sync that needs several hours of a small hourly points budget, on the fake's
 * clock (every wait of the client and the rate governor advances it, so hours pass instantly). Utilisation is
 * the points spent in each completed hour window divided by the budget, from the fake's request journal.
 * A 429 storm is more than one 429 per request in flight ({@link JiraSyncDefaults#PARALLELISM}) per
 * exhausted hour: the requests already sent when the budget runs out may each be refused once, after which the
 * governor must pause everything until the reset.
 */
final class QuotaBenchmark {
  private QuotaBenchmark() {}

  static Row run(Context context, int issues) throws Exception {
    long budget = Math.max(40, Math.round(issues * 1.3 / 3.5)); // about three and a half hours of budget
    context.progress("sync: points quota of %,d/hour, full sync of %,d issues on the fake's clock", budget, issues);
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(FakeSession.dataset(issues))
        .rateLimits(RateLimits.builder().pointsPerHour(budget).build()).build().start()) {
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
      RateGovernor governor = RateGovernor.builder().clock(clock).sleeper(clock::advance).build();
      fake.clearJournal();
      SyncRun run;
      try (JiraSync sync = JiraSync.builder().clients(oauth::jiraClient).store(new InMemorySyncStore(clock))
          .rateGovernor(governor).clock(clock).parallelism(JiraSyncDefaults.PARALLELISM).build()) {
        run = sync.sync(a.connections().get(0).id(), SyncRequest.full());
      }
      http.connectionPool().evictAll();
      http.dispatcher().executorService().shutdown();
      List<JournalEntry> journal = fake.journal();
      Map<Instant, Long> perHour = new TreeMap<>();
      long refused = 0;
      for (JournalEntry e : journal) {
        if (e.status() == 429) {
          refused++;
          continue;
        }
        if (e.path().startsWith("/oauth/")) continue;
        perHour.merge(e.at().truncatedTo(ChronoUnit.HOURS), e.points(), Long::sum);
      }
      // Completed windows: every hour but the one the sync finished in.
      List<Long> windows = List.copyOf(perHour.values());
      int completed = Math.max(0, windows.size() - 1);
      long used = 0;
      for (int i = 0; i < completed; i++) used += windows.get(i);
      boolean ok = "SUCCEEDED".equals(run.status().name()) && completed > 0;
      double utilisation = completed == 0 ? 0 : used / (double) (budget * completed);
      String figure = completed == 0 ? "sync fit in one window (" + run.points() + " points)"
          : Fmt.percent(utilisation) + " of " + completed + " full hour(s) used, " + refused + " × 429, "
              + Fmt.decimal(Duration.between(run.startedAt(), run.finishedAt()).toMinutes() / 60.0, 1)
              + " h on the fake's clock" + (ok ? "" : " [status " + run.status() + "]");
      return Row.checked("sync", "points quota of " + Fmt.count(budget) + "/hour, full sync of " + Fmt.count(issues)
          + " issues: budget used per completed hour", figure, "quota " + Fmt.count(budget) + " points/hour", "-",
          "≥ 90 %, ≤ " + JiraSyncDefaults.PARALLELISM + " × 429 per full hour", ok && utilisation >= 0.9
              && refused <= (long) JiraSyncDefaults.PARALLELISM * completed);
    }
  }
}
