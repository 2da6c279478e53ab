package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paged read of one connection's issues by {@code updated} walks an index: its cost is O(page) whatever the
 * table size, because SQLite neither scans the table nor sorts it.
 */
class QueryPlanTest {
  @TempDir Path dir;

  @Test
  void thePagedReadByUpdatedUsesTheIndexAndNeverSorts() throws Exception {
    Path file = dir.resolve("plan.db");
    try (SqliteStore store = SqliteStore.open(file)) {
      for (String connection : List.of("c1", "c2", "c3")) {
        List<SyncRecord> page = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          page.add(SyncFixtures.issue(String.valueOf(i), "p" + (i % 3), SyncFixtures.T0.plusSeconds(i), "s"));
        }
        store.commitPage(connection, SyncPage.of(page, null));
      }
    }
    DbFiles.execute(file, "ANALYZE");
    EntityTable issues = EntityTable.of(Entity.ISSUES);
    for (boolean cursor : new boolean[] {false, true}) {
      for (boolean includeDeleted : new boolean[] {false, true}) {
        String plan = plan(file, SyncTables.recordsSql(issues, cursor, includeDeleted), cursor ? 5 : 2);
        assertTrue(plan.contains("USING INDEX jira_issues_by_updated"), plan);
        if (cursor) {
          // A range on the index, not only the connection: a page deep in the table costs O(page).
          assertTrue(plan.contains("(connection_id=? AND <expr>>?)"), "the cursor seeks: " + plan);
        }
        assertFalse(plan.contains("TEMP B-TREE"), "no sort step: " + plan);
        assertFalse(plan.matches("(?s).*SCAN jira_issues(?! USING).*"), "no full scan: " + plan);
      }
    }
  }

  @Test
  void childIdsByParentSeekTheParentIndex() throws Exception {
    List<SyncRecord> page = new ArrayList<>();
    for (int i = 0; i < 600; i++) page.add(SyncFixtures.comment("c" + i, "i" + (i % 200), SyncFixtures.T0));
    Path file = analysed("children.db", page);
    String plan = plan(file, SyncTables.idsByParentSql(EntityTable.of(Entity.COMMENTS), 3), 4);
    assertTrue(plan.contains("USING COVERING INDEX jira_comments_live_by_parent (connection_id=? AND parent_id=?)"),
        plan);
    assertFalse(plan.matches("(?s).*SCAN jira_comments(?! USING).*"), "no full scan: " + plan);
  }

  /** The normalised fields of an issue are a few seeks on the role index, never a scan of all values. */
  @Test
  void theStandardFieldsViewSeeksTheRoleIndex() throws Exception {
    List<SyncRecord> page = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String issue = String.valueOf(i);
      page.add(SyncFixtures.issue(issue, "p", SyncFixtures.T0, "s"));
      for (String role : List.of("story_points", "team", "sprint")) {
        page.add(new SyncRecord(Entity.ISSUE_FIELD_VALUES, issue + "/" + role + "/0", issue, null,
            java.util.Map.of(dev.jirasdk.sync.Columns.FieldValue.ROLE, role,
                dev.jirasdk.sync.Columns.FieldValue.VALUE_NUMBER, 3.0), "3"));
      }
    }
    Path file = analysed("roles.db", page);
    String plan = planOf(file, "SELECT story_points, team, sprint FROM jira_issue_standard_fields"
        + " WHERE connection_id = ? AND issue_id = ?", "c1", "7");
    assertTrue(plan.contains("USING INDEX jira_issue_field_values_live_by_role (connection_id=? AND parent_id=? AND role=?)"),
        plan);
    assertFalse(plan.matches("(?s).*SCAN (v|jira_issue_field_values)(?! USING).*"), "no full scan: " + plan);
  }

  /** Counting live rows reads the partial index, never the rows (whose raw JSON sits in overflow pages). */
  @Test
  void countsOfLiveRowsReadOnlyTheIndex() throws Exception {
    List<SyncRecord> page = new ArrayList<>();
    for (int i = 0; i < 300; i++) page.add(SyncFixtures.issue(String.valueOf(i), "p" + (i % 3), SyncFixtures.T0, "s"));
    Path file = analysed("counts.db", page);
    for (boolean byParent : new boolean[] {false, true}) {
      String plan = plan(file, SyncTables.countSql(EntityTable.of(Entity.ISSUES), byParent, "p1"), byParent ? 2 : 1);
      // Either partial index of live rows answers it alone (version 4's numeric-id one is as good as by-parent).
      assertTrue(plan.matches("(?s).*USING COVERING INDEX jira_issues_live_by_(parent|number) \\(connection_id=\\?"
          + (byParent ? " AND parent_id=\\?" : "") + "\\).*"), plan);
    }
    String undated = plan(file, SyncTables.countSql(EntityTable.of(Entity.ISSUES), true, null), 1);
    assertTrue(undated.matches(
        "(?s).*USING COVERING INDEX jira_issues_live_by_(parent|number) \\(connection_id=\\? AND parent_id=\\?\\).*"),
        undated);
  }

  /**
   * The deletion detector's range counts and range lists seek the numeric-id index of live issues (a range of it,
   * not the whole project), and its span takes two seeks: none reads a row or sorts.
   */
  @Test
  void idRangeCountsAndListsSeekTheNumericIdIndex() throws Exception {
    List<SyncRecord> page = new ArrayList<>();
    for (int i = 0; i < 3000; i++) page.add(SyncFixtures.issue(String.valueOf(10_000 + i), "p" + (i % 3), SyncFixtures.T0, "s"));
    Path file = analysed("ranges.db", page);
    EntityTable issues = EntityTable.of(Entity.ISSUES);
    String range = "USING COVERING INDEX jira_issues_live_by_number (connection_id=? AND parent_id=? AND <expr>>? AND <expr><?)";
    String counts = planOf(file, SyncTables.countByIdRangeSql(issues, "p1", 2), "c1", "p1", 10_000L, 11_000L, "c1", "p1",
        11_000L, 12_000L);
    assertEquals(2, counts.split(java.util.regex.Pattern.quote(range), -1).length - 1, "each range seeks: " + counts);
    String list = planOf(file, SyncTables.idsInRangeSql(issues, "p1"), "c1", "p1", 10_000L, 11_000L, 100L);
    assertTrue(list.contains(range), list);
    assertFalse(list.contains("TEMP B-TREE"), "no sort step: " + list);
    String span = planOf(file, SyncTables.idSpanSql(issues, "p1"), "c1", "p1", "c1", "p1");
    assertTrue(span.contains("USING COVERING INDEX jira_issues_live_by_number (connection_id=? AND parent_id=?)"), span);
    assertFalse(span.matches("(?s).*SCAN jira_issues(?! USING).*"), "no full scan: " + span);
  }

  /** Tombstoning an issue finds the links of other issues that point at it by an index, not by reading every link. */
  @Test
  void inboundLinksOfADeletedIssueAreFoundByTheOutwardIndex() throws Exception {
    List<SyncRecord> page = new ArrayList<>();
    for (int i = 0; i < 600; i++) page.add(SyncFixtures.link("l" + i, "i" + (i % 200), "i" + ((i + 7) % 200)));
    Path file = analysed("links.db", page);
    String plan = planOf(file, SyncTables.tombstoneLogSql("jira_issue_links", SyncTables.INBOUND_LINKS), "issue_links",
        "2026-11-01T08:00:00.000000000Z", "deleted", "c1", "i7");
    assertTrue(plan.contains("USING INDEX jira_issue_links_live_by_outward (connection_id=? AND outward_issue_id=?)"),
        plan);
    assertFalse(plan.matches("(?s).*SCAN jira_issue_links(?! USING).*"), "no full scan: " + plan);
  }

  private static String planOf(Path file, String sql, Object... values) throws Exception {
    try (Connection c = DbFiles.connect(file);
        PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
      StringBuilder sb = new StringBuilder();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) sb.append(rs.getString("detail")).append('\n');
      }
      return sb.toString();
    }
  }

  /** A new store file holding {@code records} of connection c1, with statistics gathered. */
  private Path analysed(String name, List<SyncRecord> records) throws Exception {
    Path file = dir.resolve(name);
    try (SqliteStore store = SqliteStore.open(file)) {
      store.commitPage("c1", SyncPage.of(records, null));
    }
    DbFiles.execute(file, "ANALYZE");
    return file;
  }

  private static String plan(Path file, String sql, int parameters) throws Exception {
    try (Connection c = DbFiles.connect(file);
        PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      String[] values = {"c2", "2026-11-01T08:02:00.000000000Z", "2026-11-01T08:02:00.000000000Z", "150", "100"};
      for (int i = 0; i < parameters; i++) {
        ps.setString(i + 1, i == parameters - 1 ? "100" : values[i]);
      }
      StringBuilder sb = new StringBuilder();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) sb.append(rs.getString("detail")).append('\n');
      }
      return sb.toString();
    }
  }
}
