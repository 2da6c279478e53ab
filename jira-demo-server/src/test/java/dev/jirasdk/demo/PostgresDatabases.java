package dev.jirasdk.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real PostgreSQL server of the demo server's PostgreSQL tests, named by {@value #URL_VARIABLE} (a JDBC URL
 * with {@code user} and {@code password} parameters, as for jira-store-postgres's tests). Each test gets a new,
 * empty database ({@link #create()}), dropped by {@link Db#close()}; the user needs {@code CREATEDB}.
 *
 * <p>Without a reachable server the test class is skipped with a message saying how to run it, except under
 * {@code CI=true}, where it fails.
 */
final class PostgresDatabases implements ExecutionCondition, BeforeAllCallback {
  static final String URL_VARIABLE = "JIRA_TEST_PG_URL";
  private static final String HOW = "set " + URL_VARIABLE + " to the JDBC URL of a PostgreSQL 12+ server whose"
      + " user may create databases, e.g. " + URL_VARIABLE
      + "='jdbc:postgresql://127.0.0.1:5432/jira?user=jira&password=jira' mvn -B verify";

  private static String url;
  private static String problem;

  /** A database of its own: the settings that point a demo server at it, and a way to drop it. */
  record Db(String name, Map<String, String> settings, String password) implements AutoCloseable {
    @Override
    public void close() {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name);
      } catch (SQLException e) {
        // A leftover test database is named demo_t_<hex>; the CI server is throwaway.
      }
    }
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String unavailable = unavailable();
    if (unavailable == null) return ConditionEvaluationResult.enabled("PostgreSQL configured");
    if ("true".equals(System.getenv("CI"))) return ConditionEvaluationResult.enabled("CI=true: must fail");
    return ConditionEvaluationResult.disabled("PostgreSQL tests skipped: " + unavailable + ". To run them, " + HOW);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    String unavailable = unavailable();
    if (unavailable != null) {
      throw new IllegalStateException("CI=true and PostgreSQL tests of " + context.getDisplayName() + ": "
          + unavailable + ". To run them, " + HOW);
    }
  }

  private static synchronized String unavailable() {
    if (url != null || problem != null) return problem;
    String configured = System.getenv(URL_VARIABLE);
    if (configured == null || configured.isBlank()) {
      problem = "no server is configured";
      return problem;
    }
    try (Connection c = DriverManager.getConnection(configured)) {
      url = configured;
      return null;
    } catch (SQLException e) {
      problem = "the configured server cannot be reached (" + e.getMessage() + ")";
      return problem;
    }
  }

  /**
   * A new, empty database and the demo server's settings for it: {@code JIRA_DB_URL} without credentials, the
   * user and password from the test URL in {@code JIRA_DB_USER} and {@code JIRA_DB_PASSWORD}.
   */
  static Db create() {
    String name = "demo_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database (the user needs CREATEDB): " + e.getMessage(), e);
    }
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String server = base.substring(0, base.lastIndexOf('/') + 1);
    StringBuilder params = new StringBuilder();
    String user = null;
    String password = null;
    if (query >= 0) {
      for (String pair : url.substring(query + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        String value = kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "";
        if (kv[0].equals("user")) {
          user = value;
        } else if (kv[0].equals("password")) {
          password = value;
        } else {
          params.append(params.length() == 0 ? "?" : "&").append(pair);
        }
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(Config.DB_URL, server + name + params);
    if (user != null) settings.put(Config.DB_USER, user);
    if (password != null) settings.put(Config.DB_PASSWORD, password);
    return new Db(name, Map.copyOf(settings), password);
  }
}
