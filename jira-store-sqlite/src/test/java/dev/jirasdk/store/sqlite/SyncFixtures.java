package dev.jirasdk.store.sqlite;

import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records shaped like the sync engine's, for tests. */
final class SyncFixtures {
  static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

  private SyncFixtures() {}

  static SyncRecord issue(String id, String projectId, Instant updated, String summary) {
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put(Columns.Issue.KEY, "PRJ-" + id);
    cols.put(Columns.Issue.PROJECT_ID, projectId);
    cols.put(Columns.Issue.PROJECT_KEY, "PRJ");
    cols.put(Columns.Issue.SUMMARY, summary);
    cols.put(Columns.Issue.STATUS, "In Progress");
    cols.put(Columns.Issue.STATUS_CATEGORY, "indeterminate");
    cols.put(Columns.Issue.ISSUE_TYPE, "Story");
    cols.put(Columns.Issue.PRIORITY, "High");
    cols.put(Columns.Issue.ASSIGNEE_ACCOUNT_ID, "acc-ada");
    cols.put(Columns.Issue.CREATED, T0);
    cols.put(Columns.Issue.UPDATED, updated);
    cols.put(Columns.Issue.STORY_POINTS, 5.0);
    cols.put(Columns.Issue.LABELS, List.of("backend", "urgent"));
    return new SyncRecord(Entity.ISSUES, id, projectId, updated, cols,
        "{\"id\":\"" + id + "\",\"key\":\"PRJ-" + id + "\",\"fields\":{\"summary\":\"" + summary + "\"}}");
  }

  static SyncRecord comment(String id, String issueId, Instant updated) {
    return comment(id, issueId, updated, "hello");
  }

  static SyncRecord comment(String id, String issueId, Instant updated, String body) {
    return new SyncRecord(Entity.COMMENTS, id, issueId, updated,
        Map.of(Columns.Comment.ISSUE_ID, issueId, Columns.Comment.AUTHOR_ACCOUNT_ID, "acc-ada"),
        "{\"id\":\"" + id + "\",\"body\":\"" + body + "\"}");
  }

  static SyncRecord project(String id, String key) {
    return new SyncRecord(Entity.PROJECTS, id, null, null,
        Map.of(Columns.Project.KEY, key, Columns.Project.NAME, "Project " + key, Columns.Project.ARCHIVED, false),
        "{\"id\":\"" + id + "\",\"key\":\"" + key + "\"}");
  }

  /** A link stored under {@code issueId} (its inward issue) pointing at {@code outwardIssueId}. */
  static SyncRecord link(String id, String issueId, String outwardIssueId) {
    return new SyncRecord(Entity.ISSUE_LINKS, id, issueId, null,
        Map.of(Columns.IssueLink.ISSUE_ID, issueId, Columns.IssueLink.TYPE, "Blocks",
            Columns.IssueLink.INWARD_ISSUE_ID, issueId, Columns.IssueLink.OUTWARD_ISSUE_ID, outwardIssueId),
        "{\"id\":\"" + id + "\",\"outwardIssue\":{\"id\":\"" + outwardIssueId + "\"}}");
  }
}
