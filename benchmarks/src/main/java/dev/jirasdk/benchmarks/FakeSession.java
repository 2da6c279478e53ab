package dev.jirasdk.benchmarks;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.InMemoryAccountStore;
import dev.jirasdk.auth.InMemoryPendingAuthorizationStore;
import dev.jirasdk.auth.InMemoryTokenStore;
import dev.jirasdk.auth.PendingAuthorizationStore;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.auth.TokenStore;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Consents once against a started {@link FakeJiraCloud} and keeps the resulting OAuth client and connection. */
final class FakeSession {
  static final String[] SCOPES = {"read:jira-work", "read:jira-user", "manage:jira-project",
    "manage:jira-configuration", "offline_access"};

  final AtlassianOAuth oauth;
  final SiteConnection connection;

  private FakeSession(AtlassianOAuth oauth, SiteConnection connection) {
    this.oauth = oauth;
    this.connection = connection;
  }

  /** One issue in this many has more than 20 comments and more than 20 changelog entries. */
  static final int HEAVY_ISSUE_EVERY = 100;

  /**
   * A typical site of about {@code issues} issues in ten projects (fewer for tiny sizes): the testkit's default
   * distributions (0-4 comments, 0-3 worklogs, 0-4 changelog entries, 0-2 attachments, 0.3 links per issue),
   * except that one issue in {@value #HEAVY_ISSUE_EVERY}, not the testkit's one in ten, is long-discussed (21-45
   * comments and changelog entries, beyond the 20 a search result embeds). The tests keep one in ten, which
   * exercises paging; a benchmark of cost per issue should see a typical share.
   */
  static Dataset dataset(int issues) {
    int projects = issues >= 10_000 ? 10 : issues >= 1_000 ? 5 : 2;
    return Dataset.builder().sites(1).projects(projects).issuesPerProject(issues / projects).users(50).groups(6)
        .heavyIssueEvery(HEAVY_ISSUE_EVERY).build();
  }

  static FakeSession connect(FakeJiraCloud fake, OkHttpClient http) {
    return connect(fake, http, TokenCipher.ephemeral(), new InMemoryTokenStore(), new InMemoryAccountStore(),
        new InMemoryPendingAuthorizationStore());
  }

  static FakeSession connect(FakeJiraCloud fake, OkHttpClient http, TokenCipher cipher, TokenStore tokens,
      AccountStore accounts, PendingAuthorizationStore pending) {
    AtlassianOAuth oauth = AtlassianOAuth.builder()
        .clientId(fake.clientId()).clientSecret(fake.clientSecret()).redirectUri(fake.redirectUri())
        .authBaseUrl(fake.authBaseUrl()).apiBaseUrl(fake.apiBaseUrl())
        .httpClient(http).tokenCipher(cipher).tokenStore(tokens).accountStore(accounts)
        .pendingAuthorizationStore(pending).scopes(SCOPES).build();
    AuthorizationRequest r = oauth.startAuthorization();
    HttpUrl callback = HttpUrl.get(fake.approve(r.url(), fake.users().get(0).accountId()));
    Authorization a = oauth.completeAuthorization(callback.queryParameter("code"), callback.queryParameter("state"));
    return new FakeSession(oauth, a.connections().get(0));
  }

  String accessToken() {
    return oauth.tokens().accessToken(connection.grantId());
  }
}
