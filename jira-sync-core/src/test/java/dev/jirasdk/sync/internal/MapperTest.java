package dev.jirasdk.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.FieldRole;
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

  @Test
  void customFieldValuesAreOneRecordPerValueNamedTypedAndGivenTheirRole() {
    FieldCatalogue catalogue = FieldCatalogue.of(List.of(
        item("{\"id\":\"customfield_1\",\"name\":\"Sprint\",\"schema\":{\"type\":\"array\","
            + "\"custom\":\"com.pyxis.greenhopper.jira:gh-sprint\"}}"),
        item("{\"id\":\"customfield_2\",\"name\":\"Team\",\"schema\":{\"type\":\"team\","
            + "\"custom\":\"com.atlassian.jira.plugin.system.customfieldtypes:atlassian-team\"}}"),
        item("{\"id\":\"customfield_3\",\"name\":\"Go-live\",\"schema\":{\"type\":\"datetime\"}}"),
        item("{\"id\":\"customfield_4\",\"name\":\"Notes\",\"schema\":{\"type\":\"string\"}}"),
        item("{\"id\":\"customfield_5\",\"name\":\"Story point estimate\",\"schema\":{\"type\":\"number\","
            + "\"custom\":\"com.pyxis.greenhopper.jira:jsw-story-points\"}}")));
    String json = "{\"id\":\"7\",\"fields\":{\"summary\":\"x\","
        + "\"customfield_1\":[{\"id\":31,\"name\":\"Sprint 3\",\"state\":\"closed\"},"
        + "{\"id\":32,\"name\":\"Sprint 4\",\"state\":\"active\"}],"
        + "\"customfield_2\":{\"id\":\"team-9\",\"name\":\"Falcon\"},"
        + "\"customfield_3\":\"2026-03-01T10:00:00.000+0100\","
        + "\"customfield_4\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"Ship it\"}]}]},"
        + "\"customfield_5\":3,\"customfield_6\":{\"accountId\":\"acc-1\",\"displayName\":\"Ada\"},"
        + "\"customfield_7\":null,\"customfield_8\":\"\",\"customfield_9\":[]}}";
    List<SyncRecord> values = Mapper.fieldValues(item(json), "7", catalogue);
    assertEquals(List.of("7/customfield_1/0", "7/customfield_1/1", "7/customfield_2/0", "7/customfield_3/0",
        "7/customfield_4/0", "7/customfield_5/0", "7/customfield_6/0"), values.stream().map(SyncRecord::id).toList());
    SyncRecord sprint = values.get(1);
    assertEquals("7", sprint.parentId());
    assertEquals("sprint", sprint.column(Columns.FieldValue.ROLE));
    assertEquals("32", sprint.column(Columns.FieldValue.VALUE_ID));
    assertEquals("Sprint 4", sprint.column(Columns.FieldValue.VALUE_TEXT));
    assertEquals(1L, sprint.column(Columns.FieldValue.POSITION));
    assertEquals("{\"id\":32,\"name\":\"Sprint 4\",\"state\":\"active\"}", sprint.rawJson());
    assertEquals("team", values.get(2).column(Columns.FieldValue.ROLE));
    assertEquals("Falcon", values.get(2).column(Columns.FieldValue.VALUE_TEXT));
    assertEquals(Instant.parse("2026-03-01T09:00:00Z"), values.get(3).column(Columns.FieldValue.VALUE_DATE));
    assertEquals("Ship it", values.get(4).column(Columns.FieldValue.VALUE_TEXT));
    assertEquals(3.0, values.get(5).column(Columns.FieldValue.VALUE_NUMBER));
    assertEquals("story_points", values.get(5).column(Columns.FieldValue.ROLE));
    // Not in the catalogue: kept under its id, typed by its shape.
    assertEquals("acc-1", values.get(6).column(Columns.FieldValue.VALUE_ID));
    assertEquals("Ada", values.get(6).column(Columns.FieldValue.VALUE_TEXT));
    assertNull(values.get(6).column(Columns.FieldValue.FIELD_NAME));
  }

  @Test
  void aHistoryWithSeveralItemsIsSeveralFieldChanges() {
    String json = "{\"id\":\"500\",\"author\":{\"accountId\":\"u1\",\"displayName\":\"Ada\"},"
        + "\"created\":\"2026-01-02T10:00:00.000+0000\",\"items\":["
        + "{\"field\":\"Component\",\"fieldtype\":\"jira\",\"fieldId\":\"components\",\"to\":\"1\",\"toString\":\"API\"},"
        + "{\"field\":\"Component\",\"fieldtype\":\"jira\",\"fieldId\":\"components\",\"to\":\"2\",\"toString\":\"UI\"},"
        + "{\"field\":\"Story Points\",\"fieldtype\":\"custom\",\"fieldId\":\"customfield_10028\",\"from\":null,"
        + "\"fromString\":\"3\",\"to\":null,\"toString\":\"5\"}]}";
    List<SyncRecord> changes = Mapper.fieldChanges(item(json), "7");
    assertEquals(List.of("500/0", "500/1", "500/2"), changes.stream().map(SyncRecord::id).toList());
    assertEquals("UI", changes.get(1).column(Columns.FieldChange.TO_STRING));
    assertEquals("components", changes.get(1).column(Columns.FieldChange.FIELD_ID));
    assertEquals("Story Points", changes.get(2).column(Columns.FieldChange.FIELD_NAME));
    assertEquals("3", changes.get(2).column(Columns.FieldChange.FROM_STRING));
    assertEquals("Ada", changes.get(2).column(Columns.FieldChange.AUTHOR_DISPLAY_NAME));
    assertEquals(Instant.parse("2026-01-02T10:00:00Z"), changes.get(0).updated());
    assertTrue(changes.get(0).rawJson().contains("\"API\""));
  }

  @Test
  void fieldRolesAreFoundByCustomTypeOrName() {
    assertEquals(FieldRole.STORY_POINTS, FieldRole.of("Story Points", "com.atlassian.jira.plugin.system.customfieldtypes:float")
        .orElseThrow());
    assertEquals(FieldRole.STORY_POINTS, FieldRole.of("Estimation", "com.pyxis.greenhopper.jira:jsw-story-points")
        .orElseThrow());
    assertEquals(FieldRole.SPRINT, FieldRole.of("Sprint", "com.pyxis.greenhopper.jira:gh-sprint").orElseThrow());
    assertEquals(FieldRole.START_DATE, FieldRole.of(" Start date ", null).orElseThrow());
    assertEquals(FieldRole.DUE_DATE, FieldRole.of("Target end", null).orElseThrow());
    assertTrue(FieldRole.of("Reviewer", "com.atlassian.jira.plugin.system.customfieldtypes:userpicker").isEmpty());
    assertEquals("story_points", FieldRole.STORY_POINTS.key());
  }
}
