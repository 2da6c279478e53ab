package dev.jirasdk.examples;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.JiraClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Example 3 in use: the SDK keeps its tokens in the host's own table through {@link JdbcTokenStore}.
 *
 * <p>It connects an account from the command line (prints the consent URL, then reads the URL the browser was
 * sent back to), calls Jira, forces a refresh, and shows the table: a new version, and values sealed with
 * the key id in front, never a token in clear text.
 *
 * <p>Run: {@code java -cp examples/target/examples.jar dev.jirasdk.examples.CustomTokenStoreExample}
 * (after {@code mvn -B -q -DskipTests package})
 * (offline, the simulated consent is accepted for you; with {@code JIRA_CLIENT_ID} set, open the printed URL,
 * consent, and paste the address your browser lands on, even if that page does not load).
 */
public final class CustomTokenStoreExample {

  /** Plays the browser: takes the consent URL, returns the callback URL Atlassian redirected to. */
  @FunctionalInterface
  public interface Browser {
    String consent(String authorizeUrl);
  }

  /** What the table held after the first consent and after the forced refresh. */
  public record Result(String grantId, long firstVersion, long refreshedVersion, String sealedPrefix) {}

  private CustomTokenStoreExample() {}

  public static void main(String[] args) {
    DataSource db = sqlite(Path.of(args.length > 0 ? args[0] : "host-app.db"));
    try (ExampleEnvironment env = ExampleEnvironment.fromEnvironment(System.getenv(),
        ExampleEnvironment.DEFAULT_REDIRECT_URI)) {
      Browser browser = env.isSandbox()
          ? url -> env.fake().approve(url, env.fake().users().get(0).accountId())
          : CustomTokenStoreExample::askTheUser;
      run(env.oauth(), db, browser, System.out);
    }
  }

  /** A SQLite DataSource the way a host might configure it: WAL, and waiting for other writers. */
  public static DataSource sqlite(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(10_000);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file);
    return ds;
  }

  /** Connects with tokens kept in {@code db}, calls Jira, refreshes, and reports the table's row. */
  public static Result run(AtlassianOAuth.Builder app, DataSource db, Browser browser, PrintStream out) {
    JdbcTokenStore store = new JdbcTokenStore(db).createTable();
    AtlassianOAuth oauth = app.tokenStore(store).build();

    // Unbound flow: a command line has no browser session. A web app binds it (see ConnectSiteExample).
    AuthorizationRequest request = oauth.startAuthorization();
    Map<String, String> callback = ConnectSiteExample.parseQuery(URI.create(browser.consent(request.url()))
        .getRawQuery());
    Authorization done = oauth.completeAuthorization(callback.get("code"), callback.get("state"));
    String grantId = done.grant().id();
    JiraClient jira = oauth.jiraClient(done.connections().get(0));
    out.println("Connected as " + jira.myself().get("displayName") + "; tokens are in table " + JdbcTokenStore.TABLE);
    Row first = row(db, grantId);
    out.println("  version " + first.version + ", access token stored as " + first.sealedPrefix + "…");

    oauth.tokens().forceRefresh(grantId);   // Atlassian rotates the refresh token: the table gets the new pair
    Row refreshed = row(db, grantId);
    out.println("After a refresh: version " + refreshed.version + "; Jira still answers: "
        + jira.myself().get("displayName"));
    return new Result(grantId, first.version, refreshed.version, first.sealedPrefix);
  }

  private record Row(long version, String sealedPrefix) {}

  private static Row row(DataSource db, String grantId) {
    String sql = "SELECT version, sealed_access_token FROM " + JdbcTokenStore.TABLE + " WHERE grant_id = ?";
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, grantId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new IllegalStateException("no row for grant " + grantId);
        String sealed = rs.getString(2);
        // v1.<keyId>.<base64url>: show the version and key id only.
        return new Row(rs.getLong(1), sealed.substring(0, sealed.lastIndexOf('.') + 1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + JdbcTokenStore.TABLE + ": " + e.getMessage(), e);
    }
  }

  private static String askTheUser(String authorizeUrl) {
    System.out.println("Open this URL, consent, then paste the address your browser was sent to:");
    System.out.println(authorizeUrl);
    try {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null) throw new IllegalStateException("no callback URL was entered");
      return line.trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
