package dev.jirasdk.sync.internal;

import static dev.jirasdk.sync.internal.Json.at;
import static dev.jirasdk.sync.internal.Json.bool;
import static dev.jirasdk.sync.internal.Json.instant;
import static dev.jirasdk.sync.internal.Json.lng;
import static dev.jirasdk.sync.internal.Json.str;

import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps Jira JSON items to {@link SyncRecord}s with the typed columns of {@link Columns}. */
public final class Mapper {
  private Mapper() {}

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) m.put(k, v);
  }

  /** Decodes a raw JSON text; {@link JsonFormatException} (unchecked here) if it is not JSON. */
  public static Object decode(String json) {
    return Utf8Json.parse(json);
  }

  /** Maps a non-issue item; returns null for items without an id. */
  public static SyncRecord simple(Entity entity, RawItem item, String parentId) {
    Object v = item.value();
    Map<String, Object> c = new LinkedHashMap<>();
    String id;
    Instant updated = null;
    switch (entity) {
      case PROJECTS -> {
        id = str(v, "id");
        put(c, Columns.Project.KEY, str(v, "key"));
        put(c, Columns.Project.NAME, str(v, "name"));
        put(c, Columns.Project.PROJECT_TYPE, str(v, "projectTypeKey"));
        put(c, Columns.Project.ARCHIVED, Boolean.TRUE.equals(bool(v, "archived")));
        put(c, Columns.Project.LEAD_ACCOUNT_ID, str(v, "lead", "accountId"));
      }
      case USERS -> {
        id = str(v, "accountId");
        put(c, Columns.User.DISPLAY_NAME, str(v, "displayName"));
        put(c, Columns.User.EMAIL, str(v, "emailAddress"));
        put(c, Columns.User.ACCOUNT_TYPE, str(v, "accountType"));
        put(c, Columns.User.ACTIVE, bool(v, "active"));
      }
      case GROUPS -> {
        id = str(v, "groupId");
        if (id == null) id = str(v, "name");
        put(c, Columns.NAME, str(v, "name"));
      }
      case LABELS -> {
        id = v instanceof String s ? s : null;
        put(c, Columns.NAME, id);
      }
      case PERMISSIONS -> {
        id = str(v, "key");
        if (id == null) id = item.key();
        put(c, Columns.NAME, str(v, "name"));
        put(c, "type", str(v, "type"));
      }
      case FIELDS -> {
        id = str(v, "id");
        put(c, Columns.NAME, str(v, "name"));
        put(c, Columns.Field.CUSTOM, bool(v, "custom"));
        put(c, Columns.Field.SCHEMA_TYPE, str(v, "schema", "type"));
        put(c, Columns.Field.SCHEMA_CUSTOM, str(v, "schema", "custom"));
      }
      case STATUSES -> {
        id = str(v, "id");
        put(c, Columns.NAME, str(v, "name"));
        Object cat = at(v, "statusCategory");
        put(c, Columns.Status.STATUS_CATEGORY, cat instanceof Map ? str(cat, "key") : str(v, "statusCategory"));
      }
      case COMPONENTS, VERSIONS -> {
        id = str(v, "id");
        put(c, Columns.NAME, str(v, "name"));
        put(c, Columns.ProjectItem.PROJECT_ID, parentId);
        put(c, Columns.ProjectItem.RELEASED, bool(v, "released"));
        put(c, Columns.ProjectItem.ARCHIVED, bool(v, "archived"));
        put(c, Columns.ProjectItem.RELEASE_DATE, str(v, "releaseDate"));
      }
      case WORKFLOWS -> {
        Object idv = at(v, "id");
        id = idv instanceof Map ? str(idv, "entityId") : str(v, "id");
        if (id == null) id = str(v, "id", "name");
        if (id == null) id = str(v, "name");
        put(c, Columns.NAME, idv instanceof Map && str(v, "name") == null ? str(idv, "name") : str(v, "name"));
        updated = instant(v, "updated");
      }
      case WORKLOGS -> {
        id = str(v, "id");
        parentId = str(v, "issueId");
        put(c, Columns.Worklog.ISSUE_ID, parentId);
        put(c, Columns.Worklog.AUTHOR_ACCOUNT_ID, str(v, "author", "accountId"));
        put(c, Columns.Worklog.STARTED, instant(v, "started"));
        put(c, Columns.Worklog.TIME_SPENT_SECONDS, lng(v, "timeSpentSeconds"));
        put(c, Columns.Worklog.CREATED, instant(v, "created"));
        updated = instant(v, "updated");
        put(c, Columns.Worklog.UPDATED, updated);
      }
      case COMMENTS -> {
        return comment(item, parentId);
      }
      default -> {
        id = str(v, "id");
        put(c, Columns.NAME, str(v, "name"));
        put(c, Columns.DESCRIPTION, str(v, "description"));
      }
    }
    if (id == null || id.isEmpty()) return null;
    return item.record(entity, id, parentId, updated, c);
  }

  public static SyncRecord comment(RawItem item, String issueId) {
    Object v = item.value();
    String id = str(v, "id");
    if (id == null) return null;
    Map<String, Object> c = new LinkedHashMap<>();
    put(c, Columns.Comment.ISSUE_ID, issueId);
    put(c, Columns.Comment.AUTHOR_ACCOUNT_ID, str(v, "author", "accountId"));
    put(c, Columns.Comment.CREATED, instant(v, "created"));
    Instant updated = instant(v, "updated");
    put(c, Columns.Comment.UPDATED, updated);
    return item.record(Entity.COMMENTS, id, issueId, updated, c);
  }

  public static SyncRecord changelog(RawItem item, String issueId) {
    Object v = item.value();
    String id = str(v, "id");
    if (id == null) return null;
    Map<String, Object> c = new LinkedHashMap<>();
    put(c, Columns.Changelog.ISSUE_ID, issueId);
    put(c, Columns.Changelog.AUTHOR_ACCOUNT_ID, str(v, "author", "accountId"));
    Instant created = instant(v, "created");
    put(c, Columns.Changelog.CREATED, created);
    put(c, Columns.Changelog.FIELDS, Json.strings(v, "field", "items"));
    return item.record(Entity.CHANGELOGS, id, issueId, created, c);
  }

  public static SyncRecord attachment(RawItem item, String issueId) {
    Object v = item.value();
    String id = str(v, "id");
    if (id == null) return null;
    Map<String, Object> c = new LinkedHashMap<>();
    put(c, Columns.Attachment.ISSUE_ID, issueId);
    put(c, Columns.Attachment.FILENAME, str(v, "filename"));
    put(c, Columns.Attachment.MIME_TYPE, str(v, "mimeType"));
    put(c, Columns.Attachment.SIZE, lng(v, "size"));
    Instant created = instant(v, "created");
    put(c, Columns.Attachment.CREATED, created);
    put(c, Columns.Attachment.AUTHOR_ACCOUNT_ID, str(v, "author", "accountId"));
    return item.record(Entity.ATTACHMENTS, id, issueId, created, c);
  }

  /**
   * A link as seen from {@code issueId}; only the side that names the {@code outwardIssue} owns the record, so
   * each link is stored once. Returns null for the other side.
   */
  public static SyncRecord issueLink(RawItem item, String issueId) {
    Object v = item.value();
    String id = str(v, "id");
    String outward = str(v, "outwardIssue", "id");
    if (id == null || outward == null) return null;
    Map<String, Object> c = new LinkedHashMap<>();
    put(c, Columns.IssueLink.ISSUE_ID, issueId);
    put(c, Columns.IssueLink.TYPE, str(v, "type", "name"));
    put(c, Columns.IssueLink.INWARD_ISSUE_ID, issueId);
    put(c, Columns.IssueLink.OUTWARD_ISSUE_ID, outward);
    return item.record(Entity.ISSUE_LINKS, id, issueId, null, c);
  }

  /** The issue itself (children are mapped separately). */
  public static SyncRecord issue(RawItem item, String storyPointsField) {
    Object v = item.value();
    String id = str(v, "id");
    if (id == null) return null;
    Map<String, Object> f = Json.obj(v, "fields");
    Map<String, Object> c = new LinkedHashMap<>();
    String projectId = str(f, "project", "id");
    put(c, Columns.Issue.KEY, str(v, "key"));
    put(c, Columns.Issue.PROJECT_ID, projectId);
    put(c, Columns.Issue.PROJECT_KEY, str(f, "project", "key"));
    put(c, Columns.Issue.SUMMARY, str(f, "summary"));
    put(c, Columns.Issue.STATUS, str(f, "status", "name"));
    put(c, Columns.Issue.STATUS_CATEGORY, str(f, "status", "statusCategory", "key"));
    put(c, Columns.Issue.ISSUE_TYPE, str(f, "issuetype", "name"));
    put(c, Columns.Issue.PRIORITY, str(f, "priority", "name"));
    put(c, Columns.Issue.ASSIGNEE_ACCOUNT_ID, str(f, "assignee", "accountId"));
    put(c, Columns.Issue.REPORTER_ACCOUNT_ID, str(f, "reporter", "accountId"));
    put(c, Columns.Issue.CREATED, instant(f, "created"));
    Instant updated = instant(f, "updated");
    put(c, Columns.Issue.UPDATED, updated);
    put(c, Columns.Issue.RESOLUTION, str(f, "resolution", "name"));
    put(c, Columns.Issue.RESOLUTION_DATE, instant(f, "resolutiondate"));
    put(c, Columns.Issue.DUE_DATE, str(f, "duedate"));
    put(c, Columns.Issue.PARENT_ID, str(f, "parent", "id"));
    if (storyPointsField != null) put(c, Columns.Issue.STORY_POINTS, Json.dbl(f, storyPointsField));
    List<String> labels = Json.strings(f, null, "labels");
    if (!labels.isEmpty()) c.put(Columns.Issue.LABELS, labels);
    List<String> components = Json.strings(f, "name", "components");
    if (!components.isEmpty()) c.put(Columns.Issue.COMPONENTS, components);
    List<String> versions = Json.strings(f, "name", "fixVersions");
    if (!versions.isEmpty()) c.put(Columns.Issue.FIX_VERSIONS, versions);
    return item.record(Entity.ISSUES, id, projectId, updated, c);
  }
}
