package dev.jirasdk.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema's history: ordered SQL scripts, script {@code n} takes {@code PRAGMA user_version} from
 * {@code n - 1} to {@code n}. Scripts are never edited once released; a change is a new script.
 */
final class Migrations {
  static final List<String> SCRIPTS = List.of(
      "V001__accounts_and_tokens.sql",
      "V002__synced_data.sql",
      "V003__live_rows_by_parent.sql",
      "V004__issue_id_ranges_and_inbound_links.sql",
      "V005__quota_ledger.sql",
      "V006__token_family_and_pkce.sql",
      "V007__archived_issues.sql",
      "V008__agile_boards_and_sprints.sql",
      "V009__field_values_history_and_plain_text.sql",
      "V010__sync_claims.sql");

  private Migrations() {}

  static int latestVersion() {
    return SCRIPTS.size();
  }

  /**
   * Brings the schema from its current version to {@code target}, inside the caller's transaction.
   *
   * @return the version found before migrating
   */
  static int migrate(Connection c, int target) throws SQLException {
    int current = (int) Database.queryLong(c, "PRAGMA user_version");
    for (int v = current + 1; v <= target; v++) {
      for (String statement : statements(script(v))) {
        Database.execute(c, statement);
      }
    }
    if (target > current) Database.execute(c, "PRAGMA user_version = " + target);
    return current;
  }

  static String script(int version) {
    String name = SCRIPTS.get(version - 1);
    try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
      if (in == null) throw new IllegalStateException("migration script missing from the jar: " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration script " + name, e);
    }
  }

  /** Splits a script into statements: comment lines dropped, statements end with ';' at the end of a line. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) continue;
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        out.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) out.add(current.toString().strip());
    return out;
  }
}
