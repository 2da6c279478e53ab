package dev.jirasdk.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.InMemorySyncStore;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRecord;
import dev.jirasdk.sync.SyncStore;
import dev.jirasdk.sync.Tombstone;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deletion detection's reads by numeric id ({@code idSpan}, {@code countByIdRange}, {@code idsInRange}) on the
 * issues' partial expression index of schema version 7: the same answers as the SPI's reference walk, over ids
 * that are not all numbers, and plans that read that index.
 */
@ExtendWith(PostgresServer.class)
class PgIdRangesTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");
  static final String INDEX = "jira_issues_live_by_number";
  static final List<String> PROJECTS = List.of("10000", "10001", "10002", "10003");

  @Test
  void migrationScriptsAscendAndTheLastIsTheSchemaVersion() {
    int previous = 0;
    for (String script : PgMigrations.SCRIPTS) {
      int n = PgMigrations.number(script);
      assertTrue(n > previous, script + " after version " + previous);
      previous = n;
      assertTrue(PgMigrations.script(script).contains(";"), script);
    }
    assertEquals(previous, PostgresStore.SCHEMA_VERSION);
  }

  /** 4 projects of 1,500 issues, a few ids that are not numbers or too long for one, some tombstones. */
  private static void fill(SyncStore... stores) {
    Random random = new Random(13);
    List<SyncRecord> records = new ArrayList<>();
    for (String project : PROJECTS) {
      for (int i = 0; i < 1_500; i++) {
        String id = Long.toString(100_000L + random.nextInt(5_000_000));
        records.add(issue(id, project));
      }
    }
    for (String odd : List.of("ABC-1", "12a", "1234567890123456789", "", "-5", " 42", "007")) {
      if (!odd.isEmpty()) records.add(issue(odd, "10000"));
    }
    records.add(issue("7", "10000"));
    for (SyncStore store : stores) {
      for (int from = 0; from < records.size(); from += 100) {
        store.commitPage("c1", SyncPage.of(records.subList(from, Math.min(records.size(), from + 100)), null));
      }
      List<Tombstone> gone = new ArrayList<>();
      for (int i = 0; i < records.size(); i += 37) gone.add(new Tombstone(Entity.ISSUES, records.get(i).id(), T0, "gone"));
      store.commitPage("c1", new SyncPage(List.of(), gone, null));
    }
  }

  private static SyncRecord issue(String id, String project) {
    return new SyncRecord(Entity.ISSUES, id, project, T0, Map.of("key", "P-" + id),
        "{\"id\":\"" + id + "\",\"fields\":{}}");
  }

  @Test
  void spansCountsAndRangesMatchTheReferenceWalkOverIdsThatAreNotAllNumbers() {
    InMemorySyncStore reference = new InMemorySyncStore();
    try (PostgresStore store = PostgresServer.newStore()) {
      fill(store, reference);
      Random random = new Random(7);
      for (String project : List.of("10000", "10001", "10003", "none")) {
        assertEquals(reference.idSpan("c1", Entity.ISSUES, project), store.idSpan("c1", Entity.ISSUES, project));
        for (int round = 0; round < 5; round++) {
          long[] bounds = new long[2 + random.nextInt(40)];
          bounds[0] = random.nextInt(200_000);
          for (int i = 1; i < bounds.length; i++) bounds[i] = bounds[i - 1] + 1 + random.nextInt(300_000);
          assertArrayEquals(reference.countByIdRange("c1", Entity.ISSUES, project, bounds),
              store.countByIdRange("c1", Entity.ISSUES, project, bounds));
          long from = 100 + random.nextInt(3_000_000);
          long to = from + random.nextInt(2_000_000);
          assertEquals(reference.idsInRange("c1", Entity.ISSUES, project, from, to, 200),
              store.idsInRange("c1", Entity.ISSUES, project, from, to, 200));
        }
      }
      assertArrayEquals(new long[] {2, 0}, store.countByIdRange("c1", Entity.ISSUES, "10000", new long[] {0, 8, 100}),
          "7 and 007 are numbers; ABC-1, 12a, -5 and ' 42' are not; 1234567890123456789 has 19 digits");
      assertEquals(List.of("007", "7"), store.idsInRange("c1", Entity.ISSUES, "10000", 0, 100, 10));
      assertArrayEquals(new long[] {0}, store.countByIdRange("c1", Entity.ISSUES, "10000",
          new long[] {1_000_000_000_000_000_000L, Long.MAX_VALUE}));
    }
  }

  @Test
  void deletionDetectionReadsTheNumericIdIndexWithTheStoresGenericPlans() throws SQLException {
    String schema = PostgresServer.newSchema();
    try (PostgresStore store = PostgresStore.builder().jdbcUrl(PostgresServer.url()).schema(schema).build()) {
      fill(store);
    }
    try (Connection c = DriverManager.getConnection(PostgresServer.url())) {
      c.setSchema(schema);
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE jira_issues");
        s.execute("SET plan_cache_mode = force_generic_plan"); // as the store's pool does
      }
      String span = plan(c, PgSyncTables.idSpanSql(Entity.ISSUES, "x"), "'c1', '10001'");
      assertTrue(span.contains("Index Only Scan using " + INDEX) && span.contains("Limit"), span);
      assertTrue(span.contains("Index Only Scan Backward using " + INDEX), "max reads the other end: " + span);
      String counts = plan(c, PgSyncTables.countByIdRangeSql(Entity.ISSUES, "x"),
          "'{0,1000000,2000000}', 'c1', '10001', 0, 2000000");
      assertTrue(counts.contains("Index Only Scan using " + INDEX), counts);
      String ids = plan(c, PgSyncTables.idsInRangeSql(Entity.ISSUES, "x"), "'c1', '10001', 1000000, 1100000, 500");
      assertTrue(ids.contains("Index Only Scan using " + INDEX), ids);
      assertTrue(!ids.contains("Sort"), "the index gives the order: " + ids);
      for (String plan : List.of(span, counts, ids)) {
        assertTrue(plan.contains("$1"), "a generic plan, as the store's pool makes: " + plan);
      }
    }
  }

  /**
   * The server's generic plan of the store's {@code sql} (its {@code ?} as {@code $1, $2, …}), prepared on the
   * server and explained for these arguments (SQL literals).
   */
  private static String plan(Connection c, String sql, String arguments) throws SQLException {
    StringBuilder numbered = new StringBuilder();
    int n = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        numbered.append('$').append(++n);
      } else {
        numbered.append(ch);
      }
    }
    StringBuilder out = new StringBuilder();
    try (Statement s = c.createStatement()) {
      s.execute("PREPARE q AS " + numbered);
      try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE q(" + arguments + ")")) {
        while (rs.next()) out.append(rs.getString(1)).append('\n');
      } finally {
        s.execute("DEALLOCATE q");
      }
    }
    return out.toString();
  }
}
