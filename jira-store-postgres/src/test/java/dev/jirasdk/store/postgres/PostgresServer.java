package dev.jirasdk.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real PostgreSQL server these tests run against, named by a JDBC URL with its credentials
 * ({@code jdbc:postgresql://127.0.0.1:5432/jira?user=jira&password=...}) in the environment variable
 * {@value #URL_VARIABLE} or the system property {@value #URL_PROPERTY}. Each test class works in fresh schemas
 * ({@link #newSchema()}), dropped when the test JVM ends.
 *
 * <p>Without a reachable server, a test class that uses this extension is skipped with a message saying how
 * to run it, except under {@code CI=true}, where it fails: CI must never pass by skipping them.
 */
public final class PostgresServer implements ExecutionCondition, BeforeAllCallback {
  static final String URL_VARIABLE = "JIRA_TEST_PG_URL";
  static final String URL_PROPERTY = "jira.test.pg.url";
  private static final String HOW = "set " + URL_VARIABLE + " (or -D" + URL_PROPERTY + ") to the JDBC URL of a"
      + " PostgreSQL 12+ database the tests may create schemas in, with user and password as URL parameters,"
      + " e.g. " + URL_VARIABLE + "='jdbc:postgresql://127.0.0.1:5432/jira?user=jira&password=jira' mvn -B verify;"
      + " .ci/run shows how to start a throwaway server";

  private static final List<String> created = new ArrayList<>();
  private static String url;
  private static String problem;

  /** Skips (disables, with the reason) the tests when there is no server, unless {@code CI=true}. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String unavailable = unavailable();
    if (unavailable == null) return ConditionEvaluationResult.enabled("PostgreSQL at " + host());
    if (ci()) return ConditionEvaluationResult.enabled("CI=true: must fail without a server");
    return ConditionEvaluationResult.disabled("PostgreSQL tests skipped: " + unavailable + ". To run them, " + HOW);
  }

  /** Under {@code CI=true}, fails the test class when there is no server. */
  @Override
  public void beforeAll(ExtensionContext context) {
    String unavailable = unavailable();
    if (unavailable != null) {
      throw new IllegalStateException("CI=true and PostgreSQL tests of " + context.getDisplayName() + ": "
          + unavailable + ". To run them, " + HOW);
    }
  }

  private static boolean ci() {
    return "true".equals(System.getenv("CI"));
  }

  private static String host() {
    String rest = url.substring("jdbc:postgresql:".length());
    int query = rest.indexOf('?');
    return query < 0 ? rest : rest.substring(0, query);
  }

  /** Why there is no server, or null when there is one. */
  private static synchronized String unavailable() {
    if (url != null || problem != null) return problem;
    String configured = System.getProperty(URL_PROPERTY, System.getenv(URL_VARIABLE));
    if (configured == null || configured.isBlank()) {
      problem = "no server is configured";
      return problem;
    }
    try (Connection c = DriverManager.getConnection(configured)) {
      if (!c.isValid(10)) throw new SQLException("the connection is not valid");
      url = configured;
      Runtime.getRuntime().addShutdownHook(new Thread(PostgresServer::dropSchemas, "drop-test-schemas"));
      return null;
    } catch (SQLException e) {
      problem = "the configured server cannot be reached (" + e.getMessage() + ")";
      return problem;
    }
  }

  /** The server's JDBC URL, with credentials. */
  static String url() {
    if (unavailable() != null) throw new IllegalStateException("no PostgreSQL server: " + problem);
    return url;
  }

  /** A new, empty schema's name; the schema itself is created by the store that opens it. */
  static synchronized String newSchema() {
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    created.add(name);
    return name;
  }

  /** A store on a new, empty schema. */
  static PostgresStore newStore() {
    return PostgresStore.builder().jdbcUrl(url()).schema(newSchema()).maxConnections(4).build();
  }

  /** Runs SQL as the test user, outside any store. */
  static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql + ": " + e.getMessage(), e);
    }
  }

  private static synchronized void dropSchemas() {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String schema : created) s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      // The server is throwaway in CI; a developer's leftover test schemas are named t_<hex>.
    }
  }
}
