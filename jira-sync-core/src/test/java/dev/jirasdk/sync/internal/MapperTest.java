package dev.jirasdk.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapperTest {
  static RawItem item(String json) {
    return RawItem.of(null, json);
  }

  @Test
  void issuesMapToTypedColumnsAndKeepTheirRawJson() {
    String json = "{\"id\":\"10001\",\"key\":\"ACME-1\",\"fields\":{\"summary\":\"Fix it\","
        + "\"project\":{\"id\":\"10000\",\"key\":\"ACME\"},\"status\":{\"name\":\"Done\",\"statusCategory\":{\"key\":\"done\"}},"
        + "\"issuetype\":{\"name\":\"Bug\"},\"priority\":{\"name\":\"High\"},\"assignee\":{\"accountId\":\"u1\"},"
        + "\"reporter\":{\"accountId\":\"u2\"},\"created\":\"2026-01-01T10:00:00.000+0000\","
        + "\"updated\":\"2026-01-02T10:00:00.123+0100\",\"resolution\":{\"name\":\"Fixed\"},\"parent\":{\"id\":\"9\"},"
        + "\"labels\":[\"a\",\"b\"],\"customfield_10016\":5.0}}";
    SyncRecord r = Mapper.issue(item(json), "customfield_10016");
    assertEquals(Entity.ISSUES, r.entity());
    assertEquals("10001", r.id());
    assertEquals("10000", r.parentId());
    assertEquals(json, r.rawJson());
    assertEquals("ACME-1", r.column(Columns.Issue.KEY));
    assertEquals("ACME", r.column(Columns.Issue.PROJECT_KEY));
    assertEquals("done", r.column(Columns.Issue.STATUS_CATEGORY));
    assertEquals("u1", r.column(Columns.Issue.ASSIGNEE_ACCOUNT_ID));
    assertEquals(Instant.parse("2026-01-02T09:00:00.123Z"), r.updated());
    assertEquals(Instant.parse("2026-01-01T10:00:00Z"), r.column(Columns.Issue.CREATED));
    assertEquals(5.0, r.column(Columns.Issue.STORY_POINTS));
    assertEquals(List.of("a", "b"), r.column(Columns.Issue.LABELS));
    assertEquals("9", r.column(Columns.Issue.PARENT_ID));
  }

  @Test
  void onlyTheOutwardSideOfALinkOwnsIt() {
    RawItem out = item("{\"id\":\"5\",\"type\":{\"name\":\"Blocks\"},\"outwardIssue\":{\"id\":\"2\"}}");
    RawItem in = item("{\"id\":\"5\",\"type\":{\"name\":\"Blocks\"},\"inwardIssue\":{\"id\":\"1\"}}");
    SyncRecord r = Mapper.issueLink(out, "1");
    assertEquals("2", r.column(Columns.IssueLink.OUTWARD_ISSUE_ID));
    assertEquals("1", r.parentId());
    assertNull(Mapper.issueLink(in, "2"));
  }

  @Test
  void simpleEntitiesUseTheirNaturalIds() {
    assertEquals("acc-1", Mapper.simple(Entity.USERS, item("{\"accountId\":\"acc-1\",\"displayName\":\"A\"}"), null).id());
    assertEquals("g-1", Mapper.simple(Entity.GROUPS, item("{\"groupId\":\"g-1\",\"name\":\"devs\"}"), null).id());
    assertEquals("perf", Mapper.simple(Entity.LABELS, item("\"perf\""), null).id());
    SyncRecord w = Mapper.simple(Entity.WORKLOGS, item("{\"id\":\"3\",\"issueId\":\"10001\",\"timeSpentSeconds\":60,"
        + "\"updated\":\"2026-01-01T00:00:00.000+0000\"}"), null);
    assertEquals("10001", w.parentId());
    assertEquals(60L, w.column(Columns.Worklog.TIME_SPENT_SECONDS));
    assertEquals("uuid", Mapper.simple(Entity.WORKFLOWS, item("{\"id\":\"uuid\",\"name\":\"W\"}"), null).id());
    assertNull(Mapper.simple(Entity.PRIORITIES, item("{\"name\":\"no id\"}"), null));
  }
}
