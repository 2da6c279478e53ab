package dev.jirasdk.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Raw access to database files for tests: plain JDBC, no store. */
final class DbFiles {
  private DbFiles() {}

  static Connection connect(Path file) throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  static long queryLong(Path file, String sql) throws Exception {
    try (Connection c = connect(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  static List<String> queryStrings(Path file, String sql) throws Exception {
    try (Connection c = connect(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) out.add(rs.getString(1));
      return out;
    }
  }

  static void execute(Path file, String... sql) throws Exception {
    try (Connection c = connect(file); Statement s = c.createStatement()) {
      for (String q : sql) s.execute(q);
    }
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** The schema as SQL text, sorted: equal for two files exactly when their schemas are equal. */
  static List<String> schema(Path file) throws Exception {
    return queryStrings(file, "SELECT type || ' ' || name || ': ' || ifnull(sql, '') FROM sqlite_master"
        + " WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
  }
}
