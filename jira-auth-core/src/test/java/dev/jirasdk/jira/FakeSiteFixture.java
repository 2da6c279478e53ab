package dev.jirasdk.jira;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.MutableClock;
import dev.jirasdk.testkit.SiteData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;

/**
 * A started {@link FakeJiraCloud} with one consented account and a {@link JiraApi} over it. Every wait (client
 * retries, write spacing) advances the fake clock and is recorded instead of sleeping.
 */
final class FakeSiteFixture implements AutoCloseable {
  final FakeJiraCloud fake;
  final MutableClock clock;
  final AtlassianOAuth oauth;
  final JiraClient client;
  final JiraApi jira;
  final List<Duration> waits = new CopyOnWriteArrayList<>();

  FakeSiteFixture(FakeJiraCloud.Builder builder) {
    this(builder, b -> b);
  }

  /** @param customize adds settings (such as listeners) to the {@link AtlassianOAuth} under test */
  FakeSiteFixture(FakeJiraCloud.Builder builder, UnaryOperator<AtlassianOAuth.Builder> customize) {
    this.fake = builder.build().start();
    this.clock = fake.clock();
    this.oauth = customize.apply(AtlassianOAuth.builder()
        .clientId(fake.clientId()).clientSecret(fake.clientSecret()).redirectUri(fake.redirectUri())
        .authBaseUrl(fake.authBaseUrl()).apiBaseUrl(fake.apiBaseUrl())
        .tokenCipher(TokenCipher.ephemeral()).clock(clock).sleeper(this::waitOn).inMemoryStores()
        .scopes("read:jira-work", "write:jira-work", "read:jira-user"))
        .build();
    AuthorizationRequest r = oauth.startAuthorization();
    HttpUrl url = HttpUrl.get(fake.approve(r.url(), fake.users().get(0).accountId()));
    Authorization a = oauth.completeAuthorization(url.queryParameter("code"), url.queryParameter("state"));
    this.client = oauth.jiraClient(a.connections().get(0));
    this.jira = JiraApi.builder(client).clock(clock).sleeper(this::waitOn).build();
  }

  static FakeSiteFixture start() {
    return new FakeSiteFixture(FakeJiraCloud.builder());
  }

  private void waitOn(Duration d) {
    waits.add(d);
    clock.advance(d);
  }

  SiteData data() {
    return fake.data(client.cloudId());
  }

  /** Requests the fake answered for a method and a path pattern such as {@code /rest/api/3/issue/{id}}. */
  long requests(String method, String pattern) {
    return fake.requestCount(method, pattern);
  }

  long apiRequests() {
    return fake.journal().stream().filter(e -> e.path().startsWith("/ex/jira/")).count();
  }

  @Override
  public void close() {
    fake.close();
  }
}
