package dev.jirasdk.sync.internal;

import static dev.jirasdk.sync.internal.Json.at;
import static dev.jirasdk.sync.internal.Json.bool;
import static dev.jirasdk.sync.internal.Json.instant;
import static dev.jirasdk.sync.internal.Json.lng;
import static dev.jirasdk.sync.internal.Json.str;

import dev.jirasdk.jira.Adf;
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
    put(c, Columns.Comment.BODY_TEXT, Adf.plainText(at(v, "body")));
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
    return issue(item, storyPointsField == null ? List.of() : List.of(storyPointsField));
  }

  /**
   * The issue itself; its story points are the first of {@code storyPointsFields} that has a number (a site has
   * "Story Points" for company-managed and "Story point estimate" for team-managed projects).
   */
  public static SyncRecord issue(RawItem item, List<String> storyPointsFields) {
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
    for (String sp : storyPointsFields) {
      Double points = Json.dbl(f, sp);
      if (points != null) {
        c.put(Columns.Issue.STORY_POINTS, points);
        break;
      }
    }
    List<String> labels = Json.strings(f, null, "labels");
    if (!labels.isEmpty()) c.put(Columns.Issue.LABELS, labels);
    List<String> components = Json.strings(f, "name", "components");
    if (!components.isEmpty()) c.put(Columns.Issue.COMPONENTS, components);
    List<String> versions = Json.strings(f, "name", "fixVersions");
    if (!versions.isEmpty()) c.put(Columns.Issue.FIX_VERSIONS, versions);
    put(c, Columns.Issue.DESCRIPTION_TEXT, Adf.plainText(at(f, "description")));
    return item.record(Entity.ISSUES, id, projectId, updated, c);
  }

  /**
   * One record per value of each custom field of the issue ({@code fields.customfield_*}), named and typed from
   * the catalogue (a field the catalogue lacks keeps its id and is typed by the value's shape). Absent, empty
   * and null values give no record.
   */
  static List<SyncRecord> fieldValues(RawItem item, String issueId, FieldCatalogue catalogue) {
    List<SyncRecord> out = new java.util.ArrayList<>();
    if (!(at(item.value(), "fields") instanceof Utf8Json.Obj f)) return out;
    for (String fieldId : f.keySet()) {
      if (!fieldId.startsWith("customfield_")) continue;
      RawItem raw = f.item(fieldId);
      Object value = raw == null ? null : raw.value();
      if (value == null) continue;
      FieldCatalogue.Field meta = catalogue.get(fieldId);
      if (value instanceof Utf8Json.Arr list) {
        for (int i = 0; i < list.size(); i++) addValue(out, issueId, fieldId, meta, i, list.item(i));
      } else {
        addValue(out, issueId, fieldId, meta, 0, raw);
      }
    }
    return out;
  }

  private static void addValue(List<SyncRecord> out, String issueId, String fieldId, FieldCatalogue.Field meta,
      int position, RawItem raw) {
    Object value = raw.value();
    if (value == null || (value instanceof String s && s.isEmpty())) return;
    Map<String, Object> c = new LinkedHashMap<>();
    put(c, Columns.FieldValue.ISSUE_ID, issueId);
    put(c, Columns.FieldValue.FIELD_ID, fieldId);
    if (meta != null) {
      put(c, Columns.FieldValue.FIELD_NAME, meta.name());
      put(c, Columns.FieldValue.SCHEMA_TYPE, meta.schemaType());
      put(c, Columns.FieldValue.CUSTOM_TYPE, meta.customType());
      if (meta.role() != null) put(c, Columns.FieldValue.ROLE, meta.role().key());
    }
    c.put(Columns.FieldValue.POSITION, (long) position);
    String schemaType = meta == null ? null : meta.schemaType();
    if (value instanceof Number n) {
      c.put(Columns.FieldValue.VALUE_NUMBER, n.doubleValue());
      c.put(Columns.FieldValue.VALUE_TEXT, Json.numberText(n));
    } else if (value instanceof Boolean b) {
      c.put(Columns.FieldValue.VALUE_TEXT, b.toString());
    } else if (value instanceof String s) {
      if ("date".equals(schemaType) || (schemaType == null && s.matches("\\d{4}-\\d{2}-\\d{2}"))) {
        c.put(Columns.FieldValue.VALUE_DATE, s);
      } else if ("datetime".equals(schemaType)) {
        Instant t = null;
        try {
          t = Json.instant(value);
        } catch (RuntimeException ex) {
          // not a time Jira writes: kept as text below
        }
        if (t != null) c.put(Columns.FieldValue.VALUE_DATE, t);
        else c.put(Columns.FieldValue.VALUE_TEXT, s);
      } else {
        c.put(Columns.FieldValue.VALUE_TEXT, s);
      }
    } else if (value instanceof Map<?, ?> m) {
      if ("doc".equals(m.get("type"))) {
        String text = Adf.plainText(m);
        if (text == null || text.isEmpty()) return;
        c.put(Columns.FieldValue.VALUE_TEXT, text);
      } else {
        String accountId = str(m, "accountId");
        put(c, Columns.FieldValue.VALUE_ID, accountId != null ? accountId : str(m, "id"));
        String text = accountId != null ? str(m, "displayName") : null;
        for (String k : List.of("value", "name", "title", "displayName", "key")) {
          if (text == null) text = str(m, k);
        }
        put(c, Columns.FieldValue.VALUE_TEXT, text);
        Double number = Json.dbl(m, "value");
        if (number != null) c.put(Columns.FieldValue.VALUE_NUMBER, number);
      }
    } else {
      return;
    }
    String id = issueId + "/" + fieldId + "/" + position;
    out.add(raw.record(Entity.ISSUE_FIELD_VALUES, id, issueId, null, c));
  }

  /** One record per item of a changelog entry (see {@link Columns.FieldChange}). */
  static List<SyncRecord> fieldChanges(RawItem history, String issueId) {
    Object v = history.value();
    String historyId = str(v, "id");
    if (historyId == null) return List.of();
    Instant created = instant(v, "created");
    String author = str(v, "author", "accountId");
    String authorName = str(v, "author", "displayName");
    List<RawItem> items = Json.items(v, "items");
    List<SyncRecord> out = new java.util.ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      RawItem it = items.get(i);
      Object iv = it.value();
      Map<String, Object> c = new LinkedHashMap<>();
      String field = str(iv, "field");
      String fieldId = str(iv, "fieldId");
      put(c, Columns.FieldChange.ISSUE_ID, issueId);
      put(c, Columns.FieldChange.HISTORY_ID, historyId);
      c.put(Columns.FieldChange.POSITION, (long) i);
      put(c, Columns.FieldChange.FIELD_ID, fieldId != null ? fieldId : field);
      put(c, Columns.FieldChange.FIELD_NAME, field);
      put(c, Columns.FieldChange.FIELD_TYPE, str(iv, "fieldtype"));
      put(c, Columns.FieldChange.FROM_VALUE, str(iv, "from"));
      put(c, Columns.FieldChange.FROM_STRING, str(iv, "fromString"));
      put(c, Columns.FieldChange.TO_VALUE, str(iv, "to"));
      put(c, Columns.FieldChange.TO_STRING, str(iv, "toString"));
      put(c, Columns.FieldChange.AUTHOR_ACCOUNT_ID, author);
      put(c, Columns.FieldChange.AUTHOR_DISPLAY_NAME, authorName);
      put(c, Columns.FieldChange.CREATED, created);
      out.add(it.record(Entity.FIELD_CHANGES, historyId + "/" + i, issueId, created, c));
    }
    return out;
  }
}
