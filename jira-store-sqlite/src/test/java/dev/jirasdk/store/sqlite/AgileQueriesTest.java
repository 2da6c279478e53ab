package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRecord;
import dev.jirasdk.sync.Tombstone;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Agile SQL of docs/store.md, run against the tables the sync fills. */
class AgileQueriesTest {
  static final Instant T0 = SyncFixtures.T0;
  static final String STORY_POINTS_PER_SPRINT = """
      SELECT b.name AS board, sp.name AS sprint, sp.state, count(*) AS issues, sum(i.story_points) AS points
      FROM jira_sprint_issues m
      JOIN jira_sprints sp ON sp.connection_id = m.connection_id AND sp.id = m.sprint_id AND sp.deleted_at IS NULL
      JOIN jira_boards b ON b.connection_id = sp.connection_id AND b.id = sp.parent_id
      JOIN jira_issues i ON i.connection_id = m.connection_id AND i.id = m.issue_id AND i.deleted_at IS NULL
      WHERE m.connection_id = ? AND m.deleted_at IS NULL
      GROUP BY b.name, sp.id, sp.name, sp.state, sp.start_date ORDER BY b.name, sp.start_date""";
  static final String SPRINTS_OF_AN_ISSUE = """
      SELECT sp.name, sp.state, sp.start_date, sp.complete_date
      FROM jira_sprint_issues m
      JOIN jira_sprints sp ON sp.connection_id = m.connection_id AND sp.id = m.sprint_id AND sp.deleted_at IS NULL
      JOIN jira_issues i ON i.connection_id = m.connection_id AND i.id = m.issue_id
      WHERE m.connection_id = ? AND i.issue_key = 'PRJ-1' AND m.deleted_at IS NULL
      ORDER BY sp.start_date""";
  static final String EPIC_CHILDREN = """
      SELECT c.issue_key, c.summary, c.status FROM jira_issues e
      JOIN jira_issues c ON c.connection_id = e.connection_id AND c.parent_issue_id = e.id AND c.deleted_at IS NULL
      WHERE e.connection_id = ? AND e.issue_key = 'PRJ-9'""";

  @TempDir Path dir;
  SqliteStore store;
  Path file;

  @BeforeEach
  void open() {
    file = dir.resolve("agile.db");
    store = SqliteStore.builder().path(file).build();
  }

  @AfterEach
  void close() {
    store.close();
  }

  static SyncRecord sprint(String id, String board, String state, int week) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put(Columns.Sprint.NAME, "Sprint " + id);
    c.put(Columns.Sprint.BOARD_ID, board);
    c.put(Columns.Sprint.STATE, state);
    c.put(Columns.Sprint.START_DATE, T0.plusSeconds(week * 14 * 86_400L));
    return new SyncRecord(Entity.SPRINTS, id, board, null, c, "{\"id\":" + id + "}");
  }

  static SyncRecord member(String issue, String sprint) {
    return new SyncRecord(Entity.SPRINT_ISSUES, issue + ":" + sprint, issue, null,
        Map.of(Columns.SprintIssue.ISSUE_ID, issue, Columns.SprintIssue.SPRINT_ID, sprint), "{\"id\":" + sprint + "}");
  }

  static SyncRecord withParent(String id, String parent) {
    SyncRecord r = SyncFixtures.issue(id, "10000", T0, "child " + id);
    Map<String, Object> c = new LinkedHashMap<>(r.columns());
    c.put(Columns.Issue.PARENT_ID, parent);
    return new SyncRecord(Entity.ISSUES, id, r.parentId(), r.updated(), c, r.rawJson());
  }

  List<List<Object>> query(String sql) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = DbFiles.connect(file); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, "c1");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.add(rs.getObject(i));
          rows.add(row);
        }
      }
    }
    return rows;
  }

  @Test
  void storyPointsPerSprintCountAnIssueInEverySprintItWentThrough() throws Exception {
    List<SyncRecord> page = new ArrayList<>();
    page.add(new SyncRecord(Entity.BOARDS, "7", null, null, Map.of(Columns.Board.NAME, "PRJ board",
        Columns.Board.TYPE, "scrum", Columns.Board.PROJECT_ID, "10000"), "{\"id\":7}"));
    page.add(sprint("31", "7", "closed", 0));
    page.add(sprint("32", "7", "closed", 1));
    page.add(sprint("33", "7", "active", 2));
    // issue 1 (5 points) went through all three; issue 2 (5 points) only the active one; issue 3 was deleted
    for (String id : List.of("1", "2", "3")) page.add(SyncFixtures.issue(id, "10000", T0, "issue " + id));
    for (String s : List.of("31", "32", "33")) page.add(member("1", s));
    page.add(member("2", "33"));
    page.add(member("3", "31"));
    store.commitPage("c1", SyncPage.of(page, null));
    store.commitPage("c1", new SyncPage(List.of(), List.of(new Tombstone(Entity.ISSUES, "3", T0, "deleted")), null));

    assertEquals(List.of(
        List.of("PRJ board", "Sprint 31", "closed", 1, 5.0),
        List.of("PRJ board", "Sprint 32", "closed", 1, 5.0),
        List.of("PRJ board", "Sprint 33", "active", 2, 10.0)), query(STORY_POINTS_PER_SPRINT));
    List<List<Object>> sprints = query(SPRINTS_OF_AN_ISSUE);
    assertEquals(List.of("Sprint 31", "Sprint 32", "Sprint 33"), sprints.stream().map(r -> r.get(0)).toList());
  }

  @Test
  void anEpicsChildrenAreTheIssuesWhoseParentItIs() throws Exception {
    store.commitPage("c1", SyncPage.of(List.of(SyncFixtures.issue("9", "10000", T0, "the epic"),
        withParent("10", "9"), withParent("11", "9"), withParent("12", "8")), null));
    assertEquals(List.of("PRJ-10", "PRJ-11"), query(EPIC_CHILDREN).stream().map(r -> r.get(0)).sorted().toList());
  }
}
