package dev.jirasdk.store.postgres;

import dev.jirasdk.auth.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The schema's history: ordered SQL scripts, script {@code Vnnn__…} takes the version in {@code jira_sdk_schema} to
 * {@code nnn}; a schema at version {@code v} gets every script numbered above {@code v}, in order. Scripts are never
 * edited once released; a change is a new script. All of them run
 * in one transaction under a transaction-scoped advisory lock of the schema, so that of several instances
 * starting at once exactly one migrates and the others, once it commits, find the schema current.
 */
final class PgMigrations {
  static final List<String> SCRIPTS = List.of(
      "V001__accounts_tokens_and_synced_data.sql",
      "V002__token_family_and_pkce.sql",
      "V003__archived_issues.sql",
      "V004__agile_boards_and_sprints.sql",
      "V005__field_values_history_and_plain_text.sql",
      "V006__sync_claims.sql",
      "V007__issue_id_ranges.sql");

  private PgMigrations() {}

  static int latestVersion() {
    return number(SCRIPTS.get(SCRIPTS.size() - 1));
  }

  /** The version a script brings the schema to: {@code V007__x.sql} is 7. */
  static int number(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }

  /** Takes the migration lock of the current schema until the transaction ends. */
  static void lock(Connection c) throws SQLException {
    PgDatabase.execute(c, "SELECT pg_advisory_xact_lock(hashtext('dev.jirasdk:migrate:' || current_schema()))");
  }

  /** The schema's version: 0 for an empty schema. */
  static int version(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass('jira_sdk_schema') IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      if (!rs.getBoolean(1)) return 0;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM jira_sdk_schema");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /**
   * Brings the schema from its current version to {@code target} inside the caller's transaction, which must
   * hold {@link #lock}.
   *
   * @return the version found before migrating
   * @throws StoreException if the schema is newer than {@code target}
   */
  static int migrate(Connection c, int target, String description) throws SQLException {
    int current = version(c);
    if (current > target) throw newerSchema(description, current, target);
    if (current == 0) {
      PgDatabase.execute(c, "CREATE TABLE jira_sdk_schema (version integer NOT NULL,"
          + " one_row boolean PRIMARY KEY DEFAULT true CHECK (one_row))");
      PgDatabase.execute(c, "INSERT INTO jira_sdk_schema (version) VALUES (0)");
    }
    for (String script : SCRIPTS) {
      int v = number(script);
      if (v > current && v <= target) PgDatabase.execute(c, script(script));
    }
    if (target > current) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE jira_sdk_schema SET version = ?")) {
        ps.setInt(1, target);
        ps.executeUpdate();
      }
    }
    return current;
  }

  static StoreException newerSchema(String description, int found, int supported) {
    return new StoreException("PostgreSQL store " + description + ": schema version " + found
        + " was written by a newer jira-store-postgres; this version supports up to " + supported
        + ". Upgrade the library (nothing was changed)");
  }

  static String script(String name) {
    try (InputStream in = PgMigrations.class.getResourceAsStream("migrations/" + name)) {
      if (in == null) throw new IllegalStateException("migration script missing from the jar: " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration script " + name, e);
    }
  }
}
