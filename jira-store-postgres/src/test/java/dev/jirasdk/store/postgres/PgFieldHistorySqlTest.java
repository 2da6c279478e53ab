package dev.jirasdk.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.store.jdbc.StoredTimes;
import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRecord;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncedFakeSite;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.SiteData;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The field history, custom field and plain-text tables and views of docs/store.md, queried with SQL. */
@ExtendWith(PostgresServer.class)
class PgFieldHistorySqlTest {
  /** docs/store.md, "Time in status per issue" (PostgreSQL). */
  static final String TIME_IN_STATUS = """
      SELECT issue_id, status,
        ROUND(SUM(EXTRACT(EPOCH FROM (COALESCE(left_at, ?)::timestamptz - entered_at::timestamptz))) * 1000)::bigint
          AS millis
      FROM jira_status_intervals
      WHERE connection_id = ?
      GROUP BY issue_id, status
      ORDER BY issue_id, millis DESC""";

  /** docs/store.md, "Story points per sprint". */
  static final String STORY_POINTS_PER_SPRINT = """
      SELECT s.sprint_name, SUM(f.story_points) AS points, COUNT(*) AS issues
      FROM jira_issue_sprints s
      JOIN jira_issue_standard_fields f ON f.connection_id = s.connection_id AND f.issue_id = s.issue_id
      WHERE s.connection_id = ?
      GROUP BY s.sprint_id, s.sprint_name
      ORDER BY s.sprint_name""";

  @Test
  void timeInStatusFromTheHistoryTableMatchesTheFakesHistory() throws Exception {
    String schema = PostgresServer.newSchema();
    try (SyncedFakeSite site = SyncedFakeSite.start(Dataset.builder().projects(2).issuesPerProject(15)
        .changelogPerIssue(60).commentsPerIssue(2).componentsPerProject(3).build());
        PostgresStore store = PostgresStore.builder().jdbcUrl(PostgresServer.url()).schema(schema).maxConnections(4)
            .build()) {
      SiteData d = site.data();
      String some = d.issueIds(d.projectKeys().get(0)).get(0);
      site.advance(Duration.ofHours(3));
      d.transition(some, "Done");
      d.addComment(some, "Reproduced with the zebra-42 build");
      site.advance(Duration.ofHours(1));
      SyncRun run = site.sync(store, SyncRequest.full());
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      Instant asOf = site.now();
      try (Connection c = DriverManager.getConnection(PostgresServer.url())) {
        try (Statement st = c.createStatement()) {
          st.execute("SET search_path TO " + schema);
        }
        Map<String, Map<String, Long>> sql = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(TIME_IN_STATUS)) {
          ps.setString(1, StoredTimes.format(asOf));
          ps.setString(2, site.connectionId());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              sql.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
            }
          }
        }
        int issues = 0;
        for (String key : d.projectKeys()) {
          for (String id : d.issueIds(key)) {
            issues++;
            Map<String, Long> truth = SyncedFakeSite.timeInStatusMillis(d, id, asOf);
            Map<String, Long> got = sql.getOrDefault(id, Map.of());
            assertEquals(truth.keySet(), got.keySet(), "statuses of issue " + id);
            for (Map.Entry<String, Long> e : truth.entrySet()) {
              // timestamptz keeps microseconds: exact to the millisecond; one of slack as in SQLite.
              assertTrue(Math.abs(e.getValue() - got.get(e.getKey())) <= 1,
                  "time in " + e.getKey() + " of issue " + id + ": " + e.getValue() + " vs " + got.get(e.getKey()));
            }
          }
        }
        assertEquals(issues, sql.size());
        assertTrue(sql.get(some).containsKey("Done"));

        // Full-text search over the plain text next to the ADF.
        assertEquals(List.of(d.commentIds(some).get(d.commentIds(some).size() - 1)), strings(c,
            "SELECT id FROM jira_comments WHERE body_text ILIKE ? AND deleted_at IS NULL", "%ZEBRA-42%"));
        String summary = d.summary(some);
        assertTrue(strings(c, "SELECT id FROM jira_issues WHERE description_text LIKE ?", "%" + summary + "%")
            .contains(some));

        // Story points by project from the normalised view, whatever the project's style calls them.
        Map<String, Double> truth = new HashMap<>();
        for (String key : d.projectKeys()) {
          for (String id : d.issueIds(key)) {
            Double sp = d.storyPoints(id);
            if (sp != null) truth.merge(key, sp, Double::sum);
          }
        }
        Map<String, Double> perProject = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT project_key, SUM(story_points) FROM"
            + " jira_issue_standard_fields WHERE connection_id = ? GROUP BY project_key HAVING SUM(story_points) > 0")) {
          ps.setString(1, site.connectionId());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) perProject.put(rs.getString(1), rs.getDouble(2));
          }
        }
        assertEquals(truth, perProject);
        assertEquals(2, perProject.size());

        // Story points per sprint: the sprint field's values (here written as the engine would map them).
        List<String> ids = d.issueIds(d.projectKeys().get(1));
        List<SyncRecord> sprintValues = new ArrayList<>();
        double expected = 0;
        int inSprint = 0;
        for (int i = 0; i < ids.size() && inSprint < 3; i++) {
          Double sp = d.storyPoints(ids.get(i));
          if (sp == null) continue;
          expected += sp;
          inSprint++;
          sprintValues.add(new SyncRecord(Entity.ISSUE_FIELD_VALUES, ids.get(i) + "/customfield_10020/0", ids.get(i),
              null, Map.of(Columns.FieldValue.ISSUE_ID, ids.get(i), Columns.FieldValue.FIELD_ID, "customfield_10020",
                  Columns.FieldValue.ROLE, "sprint", Columns.FieldValue.POSITION, 0L, Columns.FieldValue.VALUE_ID, "7",
                  Columns.FieldValue.VALUE_TEXT, "Sprint 7"), "{\"id\":7,\"name\":\"Sprint 7\"}"));
        }
        store.commitPage(site.connectionId(), new SyncPage(sprintValues, List.of(), null));
        try (PreparedStatement ps = c.prepareStatement(STORY_POINTS_PER_SPRINT)) {
          ps.setString(1, site.connectionId());
          try (ResultSet rs = ps.executeQuery()) {
            // the fake's own sprints (Jira Software data) are listed too; "Sprint 7" is the one written here
            boolean found = false;
            while (rs.next()) {
              if (!"Sprint 7".equals(rs.getString(1))) continue;
              found = true;
              assertEquals(expected, rs.getDouble(2), 1e-9);
              assertEquals(3, rs.getInt(3));
            }
            assertTrue(found, "Sprint 7 is listed");
          }
        }
      }
    }
  }

  private static List<String> strings(Connection c, String sql, String arg) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (rs.next()) out.add(rs.getString(1));
        return out;
      }
    }
  }
}
