package dev.jirasdk.sync;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.Faults;
import dev.jirasdk.testkit.MutableClock;
import dev.jirasdk.testkit.RateLimits;
import dev.jirasdk.testkit.SiteData;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * A started {@link FakeJiraCloud} with one consented account, an {@link AtlassianOAuth} pointed at it and the
 * account's connections. Every wait (client retries, rate governor) advances the fake clock instead of sleeping.
 */
final class FakeJira implements AutoCloseable {
  final FakeJiraCloud fake;
  final AtlassianOAuth oauth;
  final List<SiteConnection> connections;
  final RateGovernor governor;

  static final String[] ALL_SCOPES = {"read:jira-work", "read:jira-user", "manage:jira-project",
      "manage:jira-configuration", "offline_access"};

  private FakeJira(FakeJiraCloud fake) {
    this(fake, ALL_SCOPES);
  }

  private FakeJira(FakeJiraCloud fake, String... scopes) {
    this.fake = fake;
    MutableClock clock = fake.clock();
    this.oauth = AtlassianOAuth.builder()
        .clientId(fake.clientId()).clientSecret(fake.clientSecret()).redirectUri(fake.redirectUri())
        .authBaseUrl(fake.authBaseUrl()).apiBaseUrl(fake.apiBaseUrl())
        .tokenCipher(TokenCipher.ephemeral()).inMemoryStores().clock(clock).sleeper(clock::advance)
        .scopes(scopes)
        .build();
    AuthorizationRequest r = oauth.startAuthorization();
    String redirect = fake.approve(r.url(), fake.users().get(0).accountId());
    HttpUrl url = HttpUrl.parse(redirect);
    Authorization a = oauth.completeAuthorization(url.queryParameter("code"), url.queryParameter("state"));
    this.connections = a.connections();
    this.governor = RateGovernor.builder().clock(clock).sleeper(clock::advance).build();
  }

  static FakeJira start(Dataset dataset) {
    return start(FakeJiraCloud.builder().dataset(dataset));
  }

  static FakeJira start(FakeJiraCloud.Builder builder) {
    return new FakeJira(builder.build().start());
  }

  /** A fake whose connection was granted only {@code scopes}. */
  static FakeJira startWithScopes(Dataset dataset, String... scopes) {
    return new FakeJira(FakeJiraCloud.builder().dataset(dataset).build().start(), scopes);
  }

  /** A fake built by {@code builder} whose connection was granted only {@code scopes}. */
  static FakeJira startWithScopes(FakeJiraCloud.Builder builder, String... scopes) {
    return new FakeJira(builder.build().start(), scopes);
  }

  static FakeJira start(Dataset dataset, RateLimits limits, Faults faults) {
    FakeJiraCloud.Builder b = FakeJiraCloud.builder().dataset(dataset);
    if (limits != null) b.rateLimits(limits);
    if (faults != null) b.faults(faults);
    return start(b);
  }

  String connectionId() {
    return connections.get(0).id();
  }

  SiteData data() {
    return fake.data(connections.get(0).cloudId());
  }

  SiteData data(String connectionId) {
    for (SiteConnection c : connections) if (c.id().equals(connectionId)) return fake.data(c.cloudId());
    throw new IllegalArgumentException(connectionId);
  }

  MutableClock clock() {
    return fake.clock();
  }

  /** A JiraSync over this fake (the caller closes it). */
  JiraSync.Builder sync(SyncStore store) {
    return JiraSync.builder().clients(oauth::jiraClient).store(store).rateGovernor(governor).clock(fake.clock())
        .parallelism(2);
  }

  void advance(Duration d) {
    fake.clock().advance(d);
  }

  @Override
  public void close() {
    fake.close();
  }
}
