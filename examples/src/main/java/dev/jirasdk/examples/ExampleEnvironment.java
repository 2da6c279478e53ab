package dev.jirasdk.examples;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.ConnectionState;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.store.sqlite.SqliteStore;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Where the examples run: offline against the simulated Jira Cloud of {@code jira-testkit} (the default), or
 * against real Atlassian when {@code JIRA_CLIENT_ID} is set.
 *
 * <p>Real Atlassian needs an OAuth 2.0 (3LO) app from developer.atlassian.com whose callback URL is
 * {@value #DEFAULT_REDIRECT_URI} (or {@code JIRA_REDIRECT_URI}), and these variables:
 *
 * <pre>
 * JIRA_CLIENT_ID      the app's client id (switches every example to real Atlassian)
 * JIRA_CLIENT_SECRET  the app's secret
 * JIRA_TOKEN_KEY      base64 of 32 random bytes that seal tokens at rest: openssl rand -base64 32
 * JIRA_DB             the SQLite file that keeps tokens and connections (default jira-examples.db)
 * JIRA_REDIRECT_URI   the callback registered for the app (default http://127.0.0.1:8080/auth/callback)
 * </pre>
 *
 * With real Atlassian, run {@link ConnectSiteExample} first: it stores the connection in {@code JIRA_DB}, and
 * the other examples use the primary connection from there.
 */
public final class ExampleEnvironment implements AutoCloseable {
  public static final String DEFAULT_REDIRECT_URI = "http://127.0.0.1:8080/auth/callback";
  public static final String DEFAULT_DB = "jira-examples.db";
  /** The scopes every example asks for (offline_access is added by the SDK). */
  public static final String[] SCOPES = {"read:jira-work", "write:jira-work", "read:jira-user"};

  static {
    // The simulated Jira Cloud runs on Undertow, which logs through jboss-logging: send that to slf4j too.
    if (System.getProperty("org.jboss.logging.provider") == null) {
      System.setProperty("org.jboss.logging.provider", "slf4j");
    }
  }

  private final FakeJiraCloud fake;
  private final SqliteStore accounts;
  private final Map<String, String> env;

  private ExampleEnvironment(FakeJiraCloud fake, SqliteStore accounts, Map<String, String> env) {
    this.fake = fake;
    this.accounts = accounts;
    this.env = env;
  }

  /**
   * Reads {@code env} (pass {@code System.getenv()}): real Atlassian if {@code JIRA_CLIENT_ID} is set, else a
   * started {@link FakeJiraCloud} with a small dataset whose app accepts {@code sandboxRedirectUri}.
   */
  public static ExampleEnvironment fromEnvironment(Map<String, String> env, String sandboxRedirectUri) {
    Objects.requireNonNull(env, "env == null");
    if (isSet(env, "JIRA_CLIENT_ID")) {
      for (String name : new String[] {"JIRA_CLIENT_SECRET", "JIRA_TOKEN_KEY"}) {
        if (!isSet(env, name)) throw new IllegalStateException(name + " is not set (JIRA_CLIENT_ID is)");
      }
      SqliteStore store = SqliteStore.builder()
          .path(Path.of(env.getOrDefault("JIRA_DB", DEFAULT_DB)).toAbsolutePath())
          .cipher(cipher(env))
          .build();
      return new ExampleEnvironment(null, store, env);
    }
    return sandbox(FakeJiraCloud.builder().dataset(Dataset.small())
        .client("examples-app", "examples-secret", sandboxRedirectUri).build().start());
  }

  /** The simulated Jira Cloud as it is, already started; the caller may have configured it freely. */
  public static ExampleEnvironment sandbox(FakeJiraCloud fake) {
    return new ExampleEnvironment(Objects.requireNonNull(fake, "fake == null"), null, Map.of());
  }

  /** True when running offline against the simulated Jira Cloud. */
  public boolean isSandbox() {
    return fake != null;
  }

  /** The simulated Jira Cloud; throws with real Atlassian. */
  public FakeJiraCloud fake() {
    if (fake == null) throw new IllegalStateException("running against real Atlassian");
    return fake;
  }

  /** The clock Jira's side runs on: the fake's clock offline, the system clock otherwise. */
  public Clock clock() {
    return fake != null ? fake.clock() : Clock.systemUTC();
  }

  /** The callback URL the app is registered with. */
  public String redirectUri() {
    return fake != null ? fake.redirectUri() : env.getOrDefault("JIRA_REDIRECT_URI", DEFAULT_REDIRECT_URI);
  }

  /**
   * An {@link AtlassianOAuth} builder with the essentials filled in: the fake's endpoints, app and clock with
   * in-memory stores offline; Atlassian's defaults with the SQLite store of {@code JIRA_DB} otherwise.
   */
  public AtlassianOAuth.Builder oauth() {
    AtlassianOAuth.Builder b = AtlassianOAuth.builder().scopes(SCOPES).redirectUri(redirectUri());
    if (fake != null) {
      return b.clientId(fake.clientId()).clientSecret(fake.clientSecret())
          .authBaseUrl(fake.authBaseUrl()).apiBaseUrl(fake.apiBaseUrl())
          .clock(fake.clock())
          .tokenCipher(TokenCipher.ephemeral()).inMemoryStores();
    }
    return b.clientId(env.get("JIRA_CLIENT_ID")).clientSecret(env.get("JIRA_CLIENT_SECRET"))
        .tokenCipher(cipher(env))
        .tokenStore(accounts).accountStore(accounts).pendingAuthorizationStore(accounts);
  }

  /**
   * A connection to use: offline, the fake's first user consents right now (what clicking "Accept" on the
   * consent page does); with real Atlassian, the primary connection stored by {@link ConnectSiteExample}.
   */
  public SiteConnection connection(AtlassianOAuth oauth) {
    if (fake != null) {
      AuthorizationRequest request = oauth.startAuthorization();
      URI callback = URI.create(fake.approve(request.url(), fake.users().get(0).accountId()));
      Map<String, String> query = ConnectSiteExample.parseQuery(callback.getRawQuery());
      Authorization done = oauth.completeAuthorization(query.get("code"), query.get("state"));
      return done.connections().get(0);
    }
    SiteConnection c = oauth.accounts().primaryConnection().orElseThrow(() -> new IllegalStateException(
        "no Jira site is connected yet: run ConnectSiteExample first (it stores the connection in JIRA_DB)"));
    if (c.state() != ConnectionState.ACTIVE) {
      throw new IllegalStateException("the connection to " + c.site().url() + " is " + c.state()
          + ": run ConnectSiteExample again");
    }
    return c;
  }

  @Override
  public void close() {
    if (fake != null) fake.close();
    if (accounts != null) accounts.close();
  }

  private static TokenCipher cipher(Map<String, String> env) {
    return TokenCipher.of("examples", env.get("JIRA_TOKEN_KEY"));
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }
}
