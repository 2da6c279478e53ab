package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.SiteData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Custom field values with names, story points across project styles, field history and plain text. */
class FieldsAndHistoryTest {
  private static final Dataset DATA = Dataset.builder().projects(2).issuesPerProject(25).changelogPerIssue(70)
      .commentsPerIssue(3).componentsPerProject(4).build();

  private static List<StoredRecord> all(SyncStore store, String conn, Entity e) {
    List<StoredRecord> out = new ArrayList<>();
    RecordCursor after = null;
    while (true) {
      RecordPage p = store.records(conn, e, after, 1000, false);
      out.addAll(p.items());
      if (p.items().size() < 1000) return out;
      StoredRecord last = p.items().get(p.items().size() - 1);
      after = new RecordCursor(last.record().updated(), last.record().id());
    }
  }

  @Test
  void fieldChangesAreEveryItemOfEveryHistoryBeyondTheEmbeddedCap() {
    try (FakeJira f = FakeJira.start(DATA);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      Map<String, List<StoredRecord>> byIssue = new HashMap<>();
      for (StoredRecord r : all(sync.store(), f.connectionId(), Entity.FIELD_CHANGES)) {
        byIssue.computeIfAbsent(r.record().parentId(), k -> new ArrayList<>()).add(r);
      }
      boolean beyondCap = false;
      boolean multiItem = false;
      for (String key : f.data().projectKeys()) {
        for (String id : f.data().issueIds(key)) {
          List<SiteData.FieldChange> truth = f.data().fieldChanges(id);
          List<StoredRecord> stored = byIssue.getOrDefault(id, List.of());
          assertEquals(truth.size(), stored.size(), "field changes of issue " + id);
          beyondCap |= f.data().changelogCount(id) > 40;
          for (SiteData.FieldChange c : truth) {
            StoredRecord r = sync.store().find(f.connectionId(), Entity.FIELD_CHANGES, c.historyId() + "/" + c.position())
                .orElseThrow();
            assertEquals(c.fieldId(), r.record().column(Columns.FieldChange.FIELD_ID));
            assertEquals(c.toText(), r.record().column(Columns.FieldChange.TO_STRING));
            assertEquals(c.created(), r.record().column(Columns.FieldChange.CREATED));
            assertEquals(c.authorAccountId(), r.record().column(Columns.FieldChange.AUTHOR_ACCOUNT_ID));
            multiItem |= c.position() > 0;
          }
        }
      }
      assertTrue(beyondCap, "the dataset has an issue with more histories than Jira embeds");
      assertTrue(multiItem, "the dataset has a history with two items");
    }
  }

  @Test
  void storyPointsMeanOneThingInTeamManagedAndCompanyManagedProjects() {
    try (FakeJira f = FakeJira.start(DATA);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      sync.sync(f.connectionId(), SyncRequest.full());
      SiteData d = f.data();
      Map<Boolean, Integer> withPoints = new HashMap<>();
      for (String key : d.projectKeys()) {
        for (String id : d.issueIds(key)) {
          SyncRecord issue = sync.store().find(f.connectionId(), Entity.ISSUES, id).orElseThrow().record();
          assertEquals(d.storyPoints(id), issue.column(Columns.Issue.STORY_POINTS), "story points of " + id);
          if (d.storyPoints(id) != null) withPoints.merge(d.teamManaged(key), 1, Integer::sum);
        }
      }
      assertTrue(withPoints.getOrDefault(true, 0) > 0 && withPoints.getOrDefault(false, 0) > 0, withPoints::toString);
      Map<String, String> nameByRole = new HashMap<>();
      boolean multiSelect = false;
      boolean userPicker = false;
      for (StoredRecord r : all(sync.store(), f.connectionId(), Entity.ISSUE_FIELD_VALUES)) {
        Map<String, Object> c = r.record().columns();
        if ("story_points".equals(c.get(Columns.FieldValue.ROLE))) {
          nameByRole.merge((String) c.get(Columns.FieldValue.FIELD_NAME), "x", String::concat);
          assertNotNull(c.get(Columns.FieldValue.VALUE_NUMBER));
        }
        if ("Affected platforms".equals(c.get(Columns.FieldValue.FIELD_NAME))
            && (Long) c.get(Columns.FieldValue.POSITION) > 0) {
          multiSelect = true;
          assertNotNull(c.get(Columns.FieldValue.VALUE_ID));
          assertNotNull(c.get(Columns.FieldValue.VALUE_TEXT));
        }
        if ("user".equals(c.get(Columns.FieldValue.SCHEMA_TYPE))) {
          userPicker = true;
          assertTrue(((String) c.get(Columns.FieldValue.VALUE_ID)).length() > 5);
          assertNotNull(c.get(Columns.FieldValue.VALUE_TEXT), "display name");
        }
      }
      assertEquals(java.util.Set.of("Story Points", "Story point estimate"), nameByRole.keySet());
      assertTrue(multiSelect && userPicker);
    }
  }

  @Test
  void descriptionsAndCommentBodiesHavePlainText() {
    try (FakeJira f = FakeJira.start(DATA);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.ISSUES, Entity.COMMENTS));
      int described = 0;
      for (StoredRecord r : all(sync.store(), f.connectionId(), Entity.ISSUES)) {
        Object text = r.record().column(Columns.Issue.DESCRIPTION_TEXT);
        if (text == null) continue;
        described++;
        assertTrue(((String) text).startsWith(f.data().summary(r.record().id()) + "."), text.toString());
        assertFalse(((String) text).contains("\"type\""));
      }
      assertTrue(described > 0);
      List<StoredRecord> comments = all(sync.store(), f.connectionId(), Entity.COMMENTS);
      assertFalse(comments.isEmpty());
      for (StoredRecord c : comments) assertNotNull(c.record().column(Columns.Comment.BODY_TEXT), c.record().rawJson());
    }
  }
}
